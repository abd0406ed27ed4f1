//! Around the application's fields: the sections as a task list (each a link to its section, its
//! state following the live findings, changes announced politely, a line that follows the person
//! down the form), the word that the self-check's answers were carried here, and the drafts'
//! safety — persistent storage asked for, and when refused a reminder to save a draft file.
//!
//! The decisions are `form::tasklist`'s and `form::drafts::reminder`'s; this module reads the page
//! and writes to it. The sections are the form's own (`data-section`), so the list follows the form.

use std::cell::Cell;
use std::rc::Rc;

use jiff::civil::Date;

use super::dom::{self, Element};
use super::page::Page;
use crate::form::contract::{action, attr, has, JOURNEY_IDS};
use crate::form::drafts::reminder::{self, Persistence};
use crate::form::selfcheck::carried_marker;
use crate::form::tasklist::{self, Status};
use crate::Finding;

/// One section of the form in the task list.
struct Section {
    label: String,
    paths: Vec<String>,
    badge: Element,
    state: Option<Status>,
}

pub struct Journey {
    progress: Element,
    announce: Element,
    sticky: Element,
    sections: Vec<Section>,
    /// The drafts' safety, shared with the answer to the persistent storage request.
    safety: Rc<Safety>,
}

/// What the reminder to save a draft file needs.
struct Safety {
    reminder: Element,
    /// The application's draft in the browser's storage.
    key: String,
    today: Date,
    persistence: Cell<Option<Persistence>>,
}

impl Safety {
    /// Shows the reminder when it is due, and remembers the day it was shown.
    fn remind(&self) {
        let memo_key = reminder::memo_key(&self.key);
        let has_draft = dom::stored(&self.key).is_some();
        let last = dom::stored(&memo_key);
        if reminder::due(
            self.persistence.get(),
            has_draft,
            last.as_deref(),
            self.today,
        ) {
            dom::set_hidden(&self.reminder, false);
            dom::store(&memo_key, &reminder::memo(self.today));
        }
    }
}

/// Builds the task list from `form`'s sections, says whether the self-check's answers were just
/// carried, and asks for persistent storage; `None` if the page lacks an element of its contract.
pub fn mount(form: &Element, key: String, today: Date) -> Option<Journey> {
    let [list, progress, announce, sticky, carried, reminder_el] = dom::resolve(JOURNEY_IDS)?;
    // The way back to the task list follows the form at the bottom of a phone's screen: never
    // over the control the keyboard is on.
    dom::center_keyboard_focus(form);
    let marker = carried_marker(&key);
    if dom::stored(&marker).is_some() {
        dom::set_hidden(&carried, false);
        dom::unstore(&marker);
    }
    let sections = dom::find_all(form, has::SECTION)
        .iter()
        .filter_map(|section| task(&list, section))
        .collect();
    let safety = Rc::new(Safety {
        reminder: reminder_el,
        key,
        today,
        persistence: Cell::new(None),
    });
    let answered = safety.clone();
    dom::ask_persistent_storage(move |answer| {
        answered
            .persistence
            .set(Some(Persistence::from_answer(answer)));
        answered.remind();
    });
    Some(Journey {
        progress,
        announce,
        sticky,
        sections,
        safety,
    })
}

/// Adds the task list's item of `section` to `list`: a link that takes the focus to the section's
/// first control, and its state.
fn task(list: &Element, section: &Element) -> Option<Section> {
    let label = dom::attr(section, attr::LABEL)?;
    let paths = dom::find_all(section, has::FIELD)
        .iter()
        .filter_map(|f| dom::attr(f, attr::FIELD))
        .collect();
    let item = dom::create("li", "")?;
    dom::set_attr(&item, "class", "tasklist__item");
    let link = dom::create("a", &label)?;
    // A section whose lines are not there yet (the budget) starts with its « Ajouter » button: the
    // link always has somewhere to go (an anchor without `href` is no link for a keyboard).
    let first = dom::find(
        section,
        "input:not([type=hidden]), select, textarea, button[id]",
    )
    .and_then(|c| dom::attr(&c, "id"));
    if let Some(id) = first {
        dom::set_attr(&link, "href", &format!("#{id}"));
        dom::set_attr(&link, attr::ACTION, action::FOCUS_FIELD);
    }
    let badge = dom::create("strong", "")?;
    dom::set_attr(&badge, "class", "tasklist__status");
    dom::append(&item, &link);
    dom::append(&item, &badge);
    dom::append(list, &item);
    Some(Section {
        label,
        paths,
        badge,
        state: None,
    })
}

impl Journey {
    /// Brings each section's state up to date with `findings` (`shown`: whether a finding's field
    /// shows its error), announcing the changes after the first showing; checks the reminder.
    pub fn show(&mut self, page: &Page, findings: &[Finding], shown: impl Fn(&str) -> bool) {
        let mut changes = Vec::new();
        for section in &mut self.sections {
            let status = tasklist::status(&section.paths, findings, &shown);
            if section.state == Some(status) {
                continue;
            }
            let words = page.text(status.key(), &[]);
            dom::set_text(&section.badge, &words);
            dom::set_attr(&section.badge, attr::STATE, status.key());
            if section.state.is_some() {
                changes.push(page.text(
                    "task-announce",
                    &[("section", &section.label), ("status", &words)],
                ));
            }
            section.state = Some(status);
        }
        let statuses: Vec<Status> = self.sections.iter().filter_map(|s| s.state).collect();
        let (done, total) = tasklist::progress(&statuses);
        let (done, total) = (done.to_string(), total.to_string());
        let counts = [("done", done.as_str()), ("total", total.as_str())];
        dom::set_text(&self.progress, &page.text("task-progress", &counts));
        dom::set_text(&self.sticky, &page.text("task-sticky", &counts));
        if !changes.is_empty() {
            dom::set_text(&self.announce, &changes.join(" "));
        }
        self.safety.remind();
    }
}
