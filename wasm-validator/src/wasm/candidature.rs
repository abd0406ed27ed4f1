//! The application page (`/candidature/`): reads the form into a dossier, judges it with the call's
//! rules on every change, shows the findings, keeps the draft (in this browser and as files), and
//! hands over the final dossier.
//!
//! Errors appear beside a field once the person has left it, and everywhere once they ask for a
//! check; a field's message goes as soon as they type in it, and it is judged again when they leave
//! it; figures and counters follow each keystroke. Event handlers share the state through
//! `Rc<RefCell<…>>` and skip an event that arrives while another is being handled (moving the focus
//! fires `focusout` synchronously), rather than failing.

use std::cell::RefCell;
use std::rc::Rc;

use jiff::civil::Date;

use super::dom::{self, Element, Event};
use super::page::{self, Page};
use super::{counter, lines, view};
use crate::form::contract::{action, attr, has, CANDIDATURE_IDS};
use crate::form::drafts::{self, Drafts};
use crate::form::formdata::{self, FormRead};
use crate::report::{Report, Severity};
use crate::Dossier;

/// The page's own elements (`contract::CANDIDATURE_IDS`), looked up once at mount.
pub struct Elements {
    pub form: Element,
    pub summary: view::Summary,
    pub result_title: Element,
    pub result_summary: Element,
    pub notes: Element,
    pub recap_body: Element,
    pub recap_result: Element,
    pub autosave_status: Element,
    pub download_status: Element,
    pub draft_status: Element,
    pub resume_file: Element,
    pub resume_message: Element,
    pub erase_button: Element,
    pub erase_confirm: Element,
    pub other_tab: Element,
    pub count_status: Element,
}

impl Elements {
    fn resolve() -> Option<Elements> {
        let [form, summary, summary_title, summary_list, result_title, result_summary, notes, recap_body, recap_result, autosave_status, download_status, draft_status, resume_file, resume_message, erase_button, erase_confirm, other_tab, count_status] =
            dom::resolve(CANDIDATURE_IDS)?;
        Some(Elements {
            form,
            summary: view::Summary {
                summary,
                title: summary_title,
                list: summary_list,
            },
            result_title,
            result_summary,
            notes,
            recap_body,
            recap_result,
            autosave_status,
            download_status,
            draft_status,
            resume_file,
            resume_message,
            erase_button,
            erase_confirm,
            other_tab,
            count_status,
        })
    }
}

pub struct Candidature {
    pub page: Page,
    pub els: Elements,
    today: Date,
    /// Fields the person has left at least once, each once: their errors are shown inline. A list,
    /// not a tree set: a few dozen names at most, and the set cost the module 9 KB.
    touched: Vec<String>,
    /// Whether the person has asked for a check: every error is then shown.
    checked: bool,
    /// The field the person is typing in, until they leave it: its messages stay away meanwhile.
    typing: Option<String>,
    /// The drafts' state machine; `super::drafts` performs its effects.
    pub drafts: Drafts,
    /// The dossier file last downloaded, for « Envoyer » (`super::send`).
    pub sent: super::send::Sent,
    /// The task list, the carried answers' word and the drafts' safety (`super::journey`).
    journey: Option<super::journey::Journey>,
    /// Until the form has shown: a draft put back leaves the counters to the task after.
    starting: bool,
}

type Shared = Rc<RefCell<Candidature>>;

/// Wires the application page inside `root`; does nothing if the page lacks an element of its
/// contract or its data.
///
/// Only what the person needs to start typing happens before the form shows: the draft is put back
/// into the form (before they can type over it), the listeners are attached, then the form is
/// revealed. The rest follows in tasks of their own (`after_reveal`), so that no task is long and
/// the module compiles each part of itself when it is first run, not all at once.
pub fn mount(root: Element) {
    let Some(page) = Page::load(root) else { return };
    let Some(els) = Elements::resolve() else {
        return;
    };
    let today = page.today();
    page.show_closed(today);
    let drafts = Drafts::new(&page.edition.id);
    let app = Candidature {
        page,
        els,
        today,
        touched: Vec::new(),
        checked: false,
        typing: None,
        drafts,
        sent: None,
        journey: None,
        starting: true,
    };
    let app = Rc::new(RefCell::new(app));
    {
        let mut a = app.borrow_mut();
        let stored = dom::stored(&a.drafts.key());
        a.drafts_event(drafts::Event::Opened { stored });
    }
    wire(&app);
    app.borrow().page.reveal();
    in_turn(app, AFTER_REVEAL);
}

/// What follows the form's showing, one task each, in this order: the counters, the task list (with
/// the word that the self-check's answers were carried, and the request for persistent storage),
/// then the first judgement (the figures; a restored draft's states). An event before them judges
/// the form by itself; the task list then shows its states from the next judgement.
const AFTER_REVEAL: &[fn(&mut Candidature)] = &[
    |a| {
        a.starting = false;
        counter::update_all(&a.page, &a.els.form);
    },
    |a| {
        let key = a.drafts.key();
        a.journey = super::journey::mount(&a.els.form, key, a.today);
    },
    // The rules' code compiled by a judgement of its own (the module compiles a function when it
    // first runs), then the judgement shown: two tasks of about half the length.
    |a| drop(a.judge()),
    Candidature::refresh,
];

/// Runs `steps` one per task, in order; a step that meets the state lent to an event handler waits
/// for the next task.
fn in_turn(app: Shared, steps: &'static [fn(&mut Candidature)]) {
    let Some((step, rest)) = steps.split_first() else {
        return;
    };
    dom::soon(move || {
        let done = match app.try_borrow_mut() {
            Ok(mut a) => {
                step(&mut a);
                true
            }
            Err(_) => false,
        };
        in_turn(app, if done { rest } else { steps });
    });
}

fn wire(app: &Shared) {
    let root = app.borrow().page.root.clone();
    let leaving = app.clone();
    // While an event is being handled the state cannot be read: warn rather than lose changes.
    dom::warn_before_leaving(move || leaving.try_borrow().map_or(true, |a| a.drafts.unsaved()));
    handle(app, &root, "input", Candidature::on_input);
    handle(app, &root, "change", Candidature::on_change);
    handle(app, &root, "focusout", Candidature::on_leave);
    handle(app, &root, "click", Candidature::on_click);
    handle(app, &root, "submit", |a, e| {
        dom::prevent_default(&e);
        a.check();
    });
    let resume = app.clone();
    let input = app.borrow().els.resume_file.clone();
    dom::on(&input, "change", move |_| {
        super::drafts::resume_chosen(resume.clone());
    });
    let other = app.clone();
    let key = app.borrow().drafts.key();
    dom::on_storage_change(key, move |value| {
        if let Ok(mut a) = other.try_borrow_mut() {
            a.drafts_event(drafts::Event::OtherTab(value));
        }
    });
    let printing = app.clone();
    dom::on_before_print(move || {
        if let Ok(mut a) = printing.try_borrow_mut() {
            super::send::before_print(&mut a);
        }
    });
    dom::on_after_print(super::send::after_print);
}

/// Calls `method` for every `kind` event inside `root`, unless another event is being handled.
fn handle(app: &Shared, root: &Element, kind: &str, method: fn(&mut Candidature, Event)) {
    let app = app.clone();
    dom::on(root, kind, move |event| {
        if let Ok(mut a) = app.try_borrow_mut() {
            method(&mut a, event);
        }
    });
}

impl Candidature {
    /// The form's answers as a dossier, with what could not be read.
    fn read(&self) -> FormRead {
        formdata::read(&dom::form_pairs(&self.els.form), &self.page.edition.id)
    }

    /// The judgement of the form as it is: the rules' findings, plus the amounts that could not be
    /// read (a dossier with such a field is not complete).
    pub fn judge(&self) -> (Dossier, Report) {
        let read = self.read();
        let mut report = crate::validate(&self.page.edition, &read.dossier, self.today);
        crate::amend(&mut report, read.problems);
        (read.dossier, report)
    }

    /// Puts `dossier` into the form: every field, as many budget lines as it has (at least one).
    pub fn fill(&mut self, dossier: &Dossier) {
        let pairs = formdata::write(dossier);
        for list in lines::lists(&self.els.form) {
            let path = dom::attr(&list, attr::LINES).unwrap_or_default();
            lines::resize(&list, formdata::list_len(&pairs, &path).max(1));
        }
        // Opened without a draft, the controls are still blank as the page made them (it checks
        // and selects none; startup.test.js sees it): writing a blank into each was a third of
        // putting the blank dossier back.
        if !(self.starting && formdata::no_answer(&pairs)) {
            page::fill_controls(&self.els.form, &pairs);
        }
        page::apply_conditions(&self.els.form);
        if !self.starting {
            counter::update_all(&self.page, &self.els.form);
        }
        self.touched.clear();
    }

    /// Judges the form and shows what is due.
    fn refresh(&mut self) {
        let (_, report) = self.judge();
        self.show_report(&report);
    }

    /// Shows `report` as is due: figures always, verdicts and notes after a first check, inline
    /// messages for the fields left (or all after a check).
    pub fn show_report(&mut self, report: &Report) {
        view::show_figures(&self.page.root, &report.figures);
        let touched = &self.touched;
        let all = self.checked;
        let typing = self.typing.as_deref();
        let shown =
            |field: &str| (all || touched.iter().any(|t| field == t)) && Some(field) != typing;
        view::show_inline(&self.page, &self.els.form, &report.findings, shown);
        if let Some(journey) = self.journey.as_mut() {
            journey.show(&self.page, &report.findings, shown);
        }
        if self.checked {
            view::show_verdicts(&self.page.root, Some(report));
            view::show_notes(&self.page, &self.els.notes, &report.findings);
            let errors = report
                .findings
                .iter()
                .any(|f| f.severity == Severity::Error);
            view::title_prefix(&self.page.text("prefix-error", &[]), errors);
        } else {
            view::show_verdicts(&self.page.root, None);
        }
    }

    /// « Vérifier mon dossier »: every error inline and in the summary, focus on the summary (or
    /// on the result when there is nothing to fix).
    fn check(&mut self) {
        let (_, shown) = self.check_quietly();
        let target = if shown {
            &self.els.summary.summary
        } else {
            &self.els.result_title
        };
        dom::focus(target);
        // Focus alone scrolls a tall summary to its middle on a phone: its heading goes on top.
        dom::scroll_to_top(target);
    }

    /// The check without moving the focus: every error inline and in the summary; the report, and
    /// whether the summary is shown.
    pub fn check_quietly(&mut self) -> (Report, bool) {
        self.checked = true;
        // Enter in a text submits without leaving it: its messages are due now too.
        self.typing = None;
        let (_, report) = self.judge();
        self.show_report(&report);
        let shown = view::show_summary(&self.page, &self.els.summary, &report.findings);
        (report, shown)
    }

    fn on_input(&mut self, event: Event) {
        let Some(target) = dom::target(&event) else {
            return;
        };
        let Some(name) = dom::attr(&target, "name") else {
            return;
        };
        // Each keystroke: the field's message about its old value goes, its counter follows; keep
        // the draft and the budget's figures; the judgement waits for the person to leave it.
        if self.typing.as_deref() != Some(name.as_str()) {
            view::clear_field(&self.els.form, &name);
            self.typing = Some(name.clone());
        }
        counter::update(&self.page, &target, Some(&self.els.count_status));
        let (dossier, report) = self.judge();
        self.drafts_event(drafts::Event::Edited { dossier: &dossier });
        if name.starts_with("budget.") {
            view::show_figures(&self.page.root, &report.figures);
        }
    }

    fn on_change(&mut self, event: Event) {
        let Some(target) = dom::target(&event) else {
            return;
        };
        if target == self.els.resume_file {
            return;
        }
        let Some(name) = dom::attr(&target, "name") else {
            return;
        };
        page::apply_conditions(&self.els.form);
        // A change is an answer given (a choice, a text left): it is judged now.
        self.typing = None;
        touch(&mut self.touched, name);
        self.changed();
    }

    /// After the person changed the answers: judge again, show, keep the draft (once: the draft
    /// and the page come from the same reading of the form).
    fn changed(&mut self) {
        let (dossier, report) = self.judge();
        self.show_report(&report);
        self.drafts_event(drafts::Event::Edited { dossier: &dossier });
    }

    fn on_leave(&mut self, event: Event) {
        let Some(target) = dom::target(&event) else {
            return;
        };
        let Some(name) = dom::attr(&target, "name") else {
            return;
        };
        // A field merely crossed with Tab stays quiet; one holding an answer, or typed in, is
        // judged (typed in and back to its value, no `change` came).
        let edited = self.typing.as_deref() == Some(name.as_str());
        if edited {
            self.typing = None;
        }
        let answered = dom::value(&target).is_some_and(|v| !v.trim().is_empty());
        let in_form = dom::closest(&target, "form").is_some_and(|f| f == self.els.form);
        if in_form && (edited || answered) && (touch(&mut self.touched, name) || edited) {
            self.refresh();
        }
    }

    fn on_click(&mut self, event: Event) {
        let Some(target) = dom::target(&event) else {
            return;
        };
        let Some(button) = dom::closest(&target, has::ACTION) else {
            return;
        };
        let action = dom::attr(&button, attr::ACTION).unwrap_or_default();
        if super::send::handle(self, &action) {
            return;
        }
        let event = match action.as_str() {
            action::FOCUS_FIELD => {
                dom::prevent_default(&event);
                return focus_link_target(&button);
            }
            action::ADD_LINE => return self.add_line(&button),
            action::REMOVE_LINE => return self.remove_line(&button),
            action::ERASE => drafts::Event::EraseAsked,
            action::ERASE_CANCELLED => drafts::Event::EraseCancelled,
            action::ERASE_CONFIRMED => drafts::Event::EraseConfirmed,
            action::LOAD_OTHER => drafts::Event::LoadOther,
            action::KEEP_MINE => drafts::Event::KeepMine,
            _ => return,
        };
        self.drafts_event(event);
    }

    fn add_line(&mut self, button: &Element) {
        let list = dom::attr(button, attr::LIST).and_then(|p| lines::list(&self.els.form, &p));
        let Some(line) = list.as_ref().and_then(lines::add) else {
            return;
        };
        if let Some(first) = dom::find(&line, has::COL) {
            dom::focus(&first);
        }
        self.changed();
    }

    fn remove_line(&mut self, button: &Element) {
        let Some(line) = dom::closest(button, has::LINE) else {
            return;
        };
        let next = lines::remove(&line);
        self.touched.retain(|t| !t.starts_with("budget."));
        self.changed();
        if let Some(next) = next {
            dom::focus(&next);
        }
    }
}

/// Focuses the field a summary link points to and brings its label into view.
fn focus_link_target(link: &Element) {
    let href = dom::attr(link, "href").unwrap_or_default();
    let Some(target) = href.strip_prefix('#').and_then(dom::by_id) else {
        return;
    };
    dom::focus(&target);
}

/// Adds `name` to `touched` unless it is there; whether it was added.
fn touch(touched: &mut Vec<String>, name: String) -> bool {
    let new = !touched.contains(&name);
    if new {
        touched.push(name);
    }
    new
}
