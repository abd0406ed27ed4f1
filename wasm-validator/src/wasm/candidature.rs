//! The application page (`/candidature/`): reads the form into a dossier, judges it with the call's
//! rules on every change, shows the findings, keeps the draft (in this browser and as files), and
//! hands over the final dossier.
//!
//! Errors appear beside a field once the person has left it, and everywhere once they ask for a
//! check; figures follow each keystroke in the budget. Event handlers share the state through
//! `Rc<RefCell<…>>` and skip an event that arrives while another is being handled (moving the focus
//! fires `focusout` synchronously), rather than failing.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use jiff::civil::Date;

use super::dom::{self, Element, Event};
use super::page::{self, Page};
use super::{drafts, lines, recap, view};
use crate::form::export;
use crate::form::formdata::{self, FormRead};
use crate::report::Report;
use crate::Dossier;

pub struct Candidature {
    pub page: Page,
    pub form: Element,
    pub today: Date,
    /// Fields the person has left at least once, each once: their errors are shown inline. A list,
    /// not a tree set: a few dozen names at most, and the set cost the module 9 KB.
    touched: Vec<String>,
    /// Whether the person has asked for a check: every error is then shown.
    checked: bool,
    /// Changes not yet saved to a file (read by the `beforeunload` handler).
    pub unsaved: Rc<Cell<bool>>,
    pub drafts: drafts::Drafts,
}

type Shared = Rc<RefCell<Candidature>>;

/// The id of the file input of « Reprendre un brouillon ».
const RESUME_INPUT: &str = "resume-file";

/// Wires the application page inside `root`; does nothing if the page lacks its form or data.
pub fn mount(root: Element) {
    let Some(page) = Page::load(root) else { return };
    let Some(form) = dom::by_id("application") else {
        return;
    };
    let today = page.today();
    page.show_closed(today);
    let key = drafts::storage_key(&page.edition.id);
    let app = Candidature {
        page,
        form,
        today,
        touched: Vec::new(),
        checked: false,
        unsaved: Rc::new(Cell::new(false)),
        drafts: drafts::Drafts::new(key),
    };
    let app = Rc::new(RefCell::new(app));
    {
        let mut a = app.borrow_mut();
        let restored = a.drafts.restore().unwrap_or_else(|| a.blank());
        a.fill(&restored);
        a.page.reveal();
    }
    wire(&app);
    // The first judgement only writes the figures (no message shows before a field is left or a
    // check asked), so it waits for the next task: the form shows sooner, and the start is two
    // short tasks rather than one long one. An event before it judges the form by itself.
    let first = app.clone();
    dom::soon(move || {
        if let Ok(mut a) = first.try_borrow_mut() {
            a.refresh();
        }
    });
}

fn wire(app: &Shared) {
    let root = app.borrow().page.root.clone();
    let unsaved = app.borrow().unsaved.clone();
    dom::warn_before_leaving(move || unsaved.get());
    handle(app, &root, "input", Candidature::on_input);
    handle(app, &root, "change", Candidature::on_change);
    handle(app, &root, "focusout", Candidature::on_leave);
    handle(app, &root, "click", Candidature::on_click);
    handle(app, &root, "submit", |a, e| {
        dom::prevent_default(&e);
        a.check();
    });
    let resume = app.clone();
    dom::on(&root, "change", move |event| {
        let target = dom::target(&event);
        if let Some(input) = target.filter(|t| dom::attr(t, "id").as_deref() == Some(RESUME_INPUT))
        {
            drafts::resume_chosen(resume.clone(), &input);
        }
    });
    let other = app.clone();
    let key = app.borrow().drafts.key.clone();
    dom::on_storage_change(key, move |value| {
        if let Ok(mut a) = other.try_borrow_mut() {
            a.other_tab_changed(value);
        }
    });
    let printing = app.clone();
    dom::on_before_print(move || {
        if let Ok(a) = printing.try_borrow() {
            recap::render(&a.page, &a.form);
        }
    });
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
    pub fn blank(&self) -> Dossier {
        Dossier::blank(&self.page.edition.id)
    }

    /// The form's answers as a dossier, with what could not be read.
    pub fn read(&self) -> FormRead {
        formdata::read(&dom::form_pairs(&self.form), &self.page.edition.id)
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
        for list in lines::lists(&self.form) {
            let path = dom::attr(&list, "data-lines").unwrap_or_default();
            lines::resize(&list, formdata::list_len(&pairs, &path).max(1));
        }
        page::fill_controls(&self.form, &pairs);
        page::apply_conditions(&self.form);
        self.touched.clear();
    }

    /// Judges the form and shows what is due.
    pub fn refresh(&mut self) {
        let (_, report) = self.judge();
        self.show(&report);
    }

    /// Shows `report` as is due: figures always, verdicts and notes after a first check, inline
    /// messages for the fields left (or all after a check).
    fn show(&mut self, report: &Report) {
        view::show_figures(&self.page.root, &report.figures);
        let touched = &self.touched;
        let all = self.checked;
        view::show_inline(&self.page, &self.form, &report.findings, |field| {
            all || touched.iter().any(|t| field == t)
        });
        if self.checked {
            view::show_verdicts(&self.page.root, Some(report));
            view::show_notes(&self.page, &report.findings);
        } else {
            view::show_verdicts(&self.page.root, None);
        }
    }

    /// « Vérifier mon dossier »: every error inline and in the summary, focus on the summary (or
    /// on the result when there is nothing to fix).
    pub fn check(&mut self) {
        self.checked = true;
        let (_, report) = self.judge();
        self.show(&report);
        let shown = view::show_summary(&self.page, &report.findings);
        let target = if shown {
            "error-summary"
        } else {
            "result-title"
        };
        if let Some(el) = dom::by_id(target) {
            dom::focus(&el);
        }
    }

    fn on_input(&mut self, event: Event) {
        let Some(target) = dom::target(&event) else {
            return;
        };
        let Some(name) = dom::attr(&target, "name") else {
            return;
        };
        // Each keystroke: keep the draft and the budget's figures; the rest waits for `change`.
        self.unsaved.set(true);
        let (dossier, report) = self.judge();
        self.drafts.autosave(&self.page, &dossier);
        if name.starts_with("budget.") {
            view::show_figures(&self.page.root, &report.figures);
        }
    }

    fn on_change(&mut self, event: Event) {
        let Some(target) = dom::target(&event) else {
            return;
        };
        if dom::attr(&target, "id").as_deref() == Some(RESUME_INPUT) {
            return;
        }
        let Some(name) = dom::attr(&target, "name") else {
            return;
        };
        page::apply_conditions(&self.form);
        if dom::is_choice(&target) {
            touch(&mut self.touched, name);
        }
        self.changed();
    }

    /// After any change of the answers: keep the draft, mark it unsaved, judge again (once: the
    /// draft and the page come from the same reading of the form).
    pub fn changed(&mut self) {
        self.unsaved.set(true);
        let (dossier, report) = self.judge();
        self.drafts.autosave(&self.page, &dossier);
        self.show(&report);
    }

    fn on_leave(&mut self, event: Event) {
        let Some(target) = dom::target(&event) else {
            return;
        };
        let Some(name) = dom::attr(&target, "name") else {
            return;
        };
        // A field merely crossed with Tab stays quiet; one holding an answer is judged.
        let answered = dom::value(&target).is_some_and(|v| !v.trim().is_empty());
        if answered
            && dom::closest(&target, "#application").is_some()
            && touch(&mut self.touched, name)
        {
            self.refresh();
        }
    }

    fn on_click(&mut self, event: Event) {
        let Some(target) = dom::target(&event) else {
            return;
        };
        let Some(button) = dom::closest(&target, "[data-action]") else {
            return;
        };
        let action = dom::attr(&button, "data-action").unwrap_or_default();
        match action.as_str() {
            "focus-field" => {
                dom::prevent_default(&event);
                focus_link_target(&button);
            }
            "add-line" => self.add_line(&button),
            "remove-line" => self.remove_line(&button),
            "download" => drafts::download(self, true),
            "save-draft" => drafts::download(self, false),
            "print" => {
                recap::render(&self.page, &self.form);
                dom::print();
            }
            other => drafts::on_action(self, other),
        }
    }

    fn add_line(&mut self, button: &Element) {
        let list = dom::attr(button, "data-list").and_then(|p| lines::list(&self.form, &p));
        let Some(line) = list.as_ref().and_then(lines::add) else {
            return;
        };
        if let Some(first) = dom::find(&line, "[data-col]") {
            dom::focus(&first);
        }
        self.changed();
    }

    fn remove_line(&mut self, button: &Element) {
        let Some(line) = dom::closest(button, "[data-line]") else {
            return;
        };
        let next = lines::remove(&line);
        self.touched.retain(|t| !t.starts_with("budget."));
        self.changed();
        if let Some(next) = next {
            dom::focus(&next);
        }
    }

    /// Today as the page sees it, for the exported file's time stamp and name.
    pub fn now(&self) -> export::LocalTime {
        dom::local_time()
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
