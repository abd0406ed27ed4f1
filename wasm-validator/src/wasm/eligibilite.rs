//! The eligibility self-check page (`/eligibilite/`): reads the few answers into a dossier, judges
//! them with the call's eligibility rules on every change, shows the verdict with each reason and
//! the sentence of the call behind it, and carries the answers into the application's draft.
//!
//! The judgement is `form::selfcheck`'s; this module only reads the page and writes to it. The
//! checklist in the live region keeps one item per question and rewrites an item only when its
//! content changes, so that a screen reader announces what changed, not the whole list again.

use std::cell::RefCell;
use std::rc::Rc;

use jiff::civil::Date;

use super::dom::{self, Element, Event};
use super::page::{self, Page};
use super::view;
use crate::form::contract::{action, attr, class, has, ELIGIBILITE_IDS};
use crate::form::drafts::storage_key;
use crate::form::formdata;
use crate::form::selfcheck::{self, Answer, Status, Verdict};
use crate::parse::parse_dossier;
use crate::report::{Finding, Severity};
use crate::rules::RuleInfo;

struct SelfCheck {
    page: Page,
    form: Element,
    /// The verdict's heading, line and checklist, and where a failed « Continuer » is said
    /// (`contract::ELIGIBILITE_IDS` with the form).
    verdict_title: Element,
    verdict_text: Element,
    verdict_list: Element,
    continue_status: Element,
    /// The verdict's line that follows the questions (`contract::id::VERDICT_STICKY_LINK`).
    sticky: Element,
    today: Date,
    /// The call's rules in words, read at the first judgement (after the page shows).
    rules: Option<Vec<RuleInfo>>,
    /// The draft of the application page, where « Continuer » writes the answers.
    key: String,
    /// Whether the person asked for the verdict: unanswered questions then count against it.
    reveal: bool,
    /// What each checklist item and the verdict line show now, to leave unchanged ones alone.
    shown: Vec<(String, String)>,
    /// Storing failed once: the next « Continuer » goes on without carrying the answers.
    store_failed: bool,
}

/// A question of the page: the wrapper `[data-field]` of its controls, which is hidden while a
/// condition (`data-show-if`) does not ask it. Its short name in the checklist is the item's
/// `.checklist__question`.
struct Question {
    path: String,
    asked: bool,
}

/// Wires the self-check inside `root`; does nothing if the page lacks an element of its contract
/// or its data.
///
/// The answers the application's draft holds are put back and the listeners attached before the
/// page shows; the first judgement (the verdict and the checklist) follows in a task of its own,
/// while the verdict is not a live region yet: the verdict the page opens with is not news to
/// announce. A change before it judges the answers by itself.
pub fn mount(root: Element) {
    let Some(page) = Page::load(root) else { return };
    let Some([form, verdict_title, verdict_text, verdict_list, continue_status, sticky]) =
        dom::resolve(ELIGIBILITE_IDS)
    else {
        return;
    };
    let today = page.today();
    page.show_closed(today);
    let key = storage_key(&page.edition.id);
    let live = dom::closest(&verdict_text, "[aria-live]");
    let app = SelfCheck {
        page,
        form,
        verdict_title,
        verdict_text,
        verdict_list,
        continue_status,
        sticky,
        today,
        rules: None,
        key,
        reveal: false,
        shown: Vec::new(),
        store_failed: false,
    };
    app.fill_from_draft();
    page::apply_conditions(&app.form);
    let app = Rc::new(RefCell::new(app));
    let root = app.borrow().page.root.clone();
    handle(&app, &root, "change", SelfCheck::on_change);
    handle(&app, &root, "submit", SelfCheck::on_submit);
    handle(&app, &root, "click", SelfCheck::on_click);
    // The verdict's line follows the questions at the bottom of a phone's screen: never over the
    // control the keyboard is on.
    dom::center_keyboard_focus(&app.borrow().form);
    let politeness = live.as_ref().and_then(|l| dom::attr(l, "aria-live"));
    if let Some(live) = &live {
        dom::remove_attr(live, "aria-live");
    }
    app.borrow().page.reveal();
    dom::soon(move || {
        if let Ok(mut a) = app.try_borrow_mut() {
            a.refresh();
        }
        if let (Some(live), Some(politeness)) = (live, politeness) {
            dom::set_attr(&live, "aria-live", &politeness);
        }
    });
}

/// Calls `method` for every `kind` event inside `root`, unless another event is being handled.
fn handle(
    app: &Rc<RefCell<SelfCheck>>,
    root: &Element,
    kind: &str,
    method: fn(&mut SelfCheck, Event),
) {
    let app = app.clone();
    dom::on(root, kind, move |event| {
        if let Ok(mut a) = app.try_borrow_mut() {
            method(&mut a, event);
        }
    });
}

impl SelfCheck {
    fn questions(&self) -> Vec<Question> {
        dom::find_all(&self.form, has::FIELD)
            .iter()
            .map(|wrapper| Question {
                path: dom::attr(wrapper, attr::FIELD).unwrap_or_default(),
                asked: dom::attr(wrapper, "hidden").is_none(),
            })
            .collect()
    }

    /// Starts from the answers the application's draft already holds, if any: a person coming
    /// back finds them, and carrying them over again changes nothing.
    fn fill_from_draft(&self) {
        let Some(dossier) = dom::stored(&self.key)
            .and_then(|text| parse_dossier(text.as_bytes()).ok())
            .map(|parsed| parsed.dossier)
        else {
            return;
        };
        let pairs = formdata::write(&dossier);
        page::fill_controls(&self.form, &pairs);
    }

    /// Judges the answers and shows the verdict, the checklist and the messages beside the fields.
    fn refresh(&mut self) {
        let questions = self.questions();
        let asked: Vec<String> = questions
            .iter()
            .filter(|q| q.asked)
            .map(|q| q.path.clone())
            .collect();
        let pairs = dom::form_pairs(&self.form);
        let rules = self
            .rules
            .get_or_insert_with(|| crate::catalogue(&self.page.edition));
        let result = selfcheck::assess(
            &self.page.edition,
            rules,
            &pairs,
            &asked,
            self.today,
            self.reveal,
        );
        self.show_verdict(result.verdict);
        let mut findings = Vec::new();
        for question in &questions {
            let answer = result.answers.iter().find(|a| a.path == question.path);
            self.show_item(question, answer);
            for reason in answer.map(|a| a.reasons.as_slice()).unwrap_or_default() {
                findings.push(Finding {
                    rule: String::new(),
                    severity: Severity::Error,
                    field: question.path.clone(),
                    message: reason.clone(),
                });
            }
        }
        view::show_inline(&self.page, &self.form, &findings, |_| true);
    }

    /// Writes `text` into `el` unless `slot` already shows it; whether it was written.
    fn changed(&mut self, slot: &str, text: String) -> bool {
        match self.shown.iter_mut().find(|(s, _)| s == slot) {
            Some((_, old)) if *old == text => false,
            Some((_, old)) => {
                *old = text;
                true
            }
            None => {
                self.shown.push((slot.to_owned(), text));
                true
            }
        }
    }

    fn show_verdict(&mut self, verdict: Verdict) {
        let (state, text) = match verdict {
            Verdict::Eligible => ("yes", self.page.text("verdict-eligible", &[])),
            Verdict::NotEligible => ("no", self.page.text("verdict-not-eligible", &[])),
            Verdict::ToComplete(1) => ("todo", self.page.text("verdict-todo-one", &[])),
            Verdict::ToComplete(n) => (
                "todo",
                self.page
                    .text("verdict-todo-many", &[("n", &n.to_string())]),
            ),
        };
        if self.changed("verdict", format!("{state}|{text}")) {
            dom::set_text(&self.verdict_text, &text);
            dom::set_attr(&self.verdict_text, attr::STATE, state);
            let line = self.page.text("sticky", &[("verdict", &text)]);
            dom::set_text(&self.sticky, &line);
            dom::set_attr(&self.sticky, attr::STATE, state);
        }
    }

    /// Rewrites the checklist item of `question` when what it shows has changed.
    fn show_item(&mut self, question: &Question, answer: Option<&Answer>) {
        let selector = format!("[{}=\"{}\"]", attr::QUESTION, question.path);
        let Some(item) = dom::find(&self.verdict_list, &selector) else {
            return;
        };
        let Some(answer) = answer.filter(|_| question.asked) else {
            dom::set_hidden(&item, true);
            self.changed(&question.path, String::new());
            return;
        };
        let (state, key) = match answer.status {
            Status::Yes => ("yes", "status-yes"),
            Status::No => ("no", "status-no"),
            Status::ToComplete => ("todo", "status-todo"),
        };
        let status = self.page.text(key, &[]);
        // The line words the answer given when the item has words for it, else the condition.
        let values = dom::answers(&self.form, &question.path);
        let label = selfcheck::line_variant(&values)
            .and_then(|name| dom::attr(&item, &name))
            .or_else(|| dom::attr(&item, attr::LABEL));
        // Plain joins, not `{:?}`: Debug formatting would pull Unicode escape tables into the module.
        let signature = format!(
            "{state}|{}|{}|{}",
            label.as_deref().unwrap_or_default(),
            answer.reasons.join("\n"),
            answer.calls.join("\n")
        );
        if !self.changed(&question.path, signature) {
            return;
        }
        dom::clear(&item);
        dom::set_hidden(&item, false);
        dom::set_attr(&item, attr::STATE, state);
        append_text(
            &item,
            "span",
            class::CHECKLIST_QUESTION,
            &label.unwrap_or_default(),
        );
        append_text(&item, "span", "", "\u{a0}: ");
        append_text(&item, "strong", class::CHECKLIST_STATUS, &status);
        for reason in &answer.reasons {
            append_text(&item, "p", class::CHECKLIST_REASON, reason);
        }
        for call in &answer.calls {
            let intro = self.page.text("call-intro", &[]);
            append_text(&item, "p", class::CHECKLIST_CALL_INTRO, &intro);
            if let Some(quote) = dom::create("blockquote", "") {
                dom::set_attr(&quote, "class", class::CHECKLIST_CALL);
                append_text(&quote, "p", "", call);
                dom::append(&item, &quote);
            }
        }
    }

    fn on_change(&mut self, event: Event) {
        if dom::target(&event)
            .and_then(|t| dom::attr(&t, "name"))
            .is_none()
        {
            return;
        }
        page::apply_conditions(&self.form);
        self.refresh();
    }

    /// « Voir le résultat » (or Enter in a field): every question now counts; the focus goes to
    /// the result.
    fn on_submit(&mut self, event: Event) {
        dom::prevent_default(&event);
        self.reveal = true;
        self.refresh();
        dom::focus(&self.verdict_title);
    }

    fn on_click(&mut self, event: Event) {
        let Some(link) = dom::target(&event).and_then(|t| dom::closest(&t, has::ACTION)) else {
            return;
        };
        if dom::attr(&link, attr::ACTION).as_deref() == Some(action::CONTINUE) && !self.carry() {
            // The link is followed only once the answers are safely stored (or the person chose
            // to go on without them).
            dom::prevent_default(&event);
        }
    }

    /// Writes the answers into the application's draft; whether the page may now be left.
    fn carry(&mut self) -> bool {
        let questions = self.questions();
        let list = |asked: bool| -> Vec<String> {
            questions
                .iter()
                .filter(|q| q.asked == asked)
                .map(|q| q.path.clone())
                .collect()
        };
        let stored = dom::stored(&self.key);
        let carried = selfcheck::carry(
            stored.as_deref(),
            &dom::form_pairs(&self.form),
            &list(true),
            &list(false),
            &self.page.edition.id,
        );
        let kept = carried
            .backup
            .is_none_or(|old| dom::store(&format!("{}:illisible", self.key), &old));
        if kept && dom::store(&self.key, &carried.text) {
            // The application page says the answers were carried (and forgets this word).
            dom::store(&selfcheck::carried_marker(&self.key), "1");
            return true;
        }
        if self.store_failed {
            return true;
        }
        self.store_failed = true;
        dom::set_text(
            &self.continue_status,
            &self.page.text("continue-failed", &[]),
        );
        false
    }
}

/// Appends a `tag` holding `text` (as text) to `parent`.
fn append_text(parent: &Element, tag: &str, class: &str, text: &str) {
    if let Some(el) = dom::create(tag, text) {
        if !class.is_empty() {
            dom::set_attr(&el, "class", class);
        }
        dom::append(parent, &el);
    }
}
