//! The drafts' effects in the browser: `form::drafts` decides (autosave, resume, another tab's
//! change, unsaved changes), this module only performs what it returns — storage, the form, the
//! sentences and panels of the drafts section, the focus — and reports back.

use std::cell::RefCell;
use std::rc::Rc;

use super::candidature::Candidature;
use super::dom::{self, Element};
use crate::form::contract::{action, attr};
use crate::form::drafts::{Effects, Event, Focus, Judge, Say, Slot};
use crate::form::export;
use crate::parse::{to_json, MAX_BYTES};

impl Candidature {
    /// Tells the drafts what happened and performs what they answer.
    pub fn drafts_event(&mut self, event: Event<'_>) {
        let effects = self.drafts.step(event);
        self.perform(effects);
    }

    /// Performs `effects`, in the order of their fields.
    pub fn perform(&mut self, effects: Effects) {
        if effects.unstore {
            dom::unstore(&self.drafts.key());
        }
        if let Some(text) = effects.store {
            let ok = dom::store(&self.drafts.key(), &text);
            self.drafts_event(Event::Stored(ok));
        }
        if let Some(dossier) = effects.fill {
            self.fill(&dossier);
        }
        match effects.judge {
            Some(Judge::Show) => self.refresh(),
            Some(Judge::ShowAndStore) => self.judged(false),
            None => {}
        }
        if let Some(shown) = effects.erase_confirm {
            dom::set_hidden(&self.els.erase_confirm, !shown);
        }
        if let Some(shown) = effects.other_tab {
            dom::set_hidden(&self.els.other_tab, !shown);
        }
        if let Some(Say { slot, key, value }) = effects.say {
            let values: Vec<(&str, &str)> = value.iter().map(|(n, v)| (*n, v.as_str())).collect();
            let el = self.slot(slot);
            dom::set_text(el, &self.page.text(key, &values));
            dom::set_hidden(el, false);
        }
        if let Some(target) = effects.focus {
            self.focus(target);
        }
    }

    fn slot(&self, slot: Slot) -> &Element {
        match slot {
            Slot::Autosave => &self.els.autosave_status,
            Slot::Download => &self.els.download_status,
            Slot::Draft => &self.els.draft_status,
            Slot::Resume => &self.els.resume_message,
        }
    }

    fn focus(&self, target: Focus) {
        let el = match target {
            Focus::EraseConfirmed => {
                let selector = format!("[{}=\"{}\"]", attr::ACTION, action::ERASE_CONFIRMED);
                dom::find(&self.els.erase_confirm, &selector)
            }
            Focus::EraseButton => Some(self.els.erase_button.clone()),
            Focus::OtherTab => Some(self.els.other_tab.clone()),
            Focus::ResumeFile => Some(self.els.resume_file.clone()),
        };
        if let Some(el) = el {
            dom::focus(&el);
        }
    }
}

/// « Télécharger mon dossier » (`final_file`) or « Enregistrer un brouillon (fichier) »: the
/// dossier as `explor-dossier` JSON, time-stamped by the browser's clock.
pub fn download(app: &mut Candidature, final_file: bool) {
    let (mut dossier, report) = app.judge();
    let now = dom::local_time();
    dossier.saved_at = now.rfc3339();
    let prefix = if final_file {
        "explor-dossier"
    } else {
        "explor-brouillon"
    };
    let file = export::file_name(prefix, &dossier.applicant.name, &now.date_iso());
    let ok = dom::download(&file, &to_json(&dossier));
    app.drafts_event(Event::Saved {
        final_file,
        ok,
        complete: report.complete,
        file,
    });
}

/// « Reprendre un brouillon »: reads the chosen file, then lets the drafts take it up or refuse it.
pub fn resume_chosen(app: Rc<RefCell<Candidature>>) {
    let Ok(input) = app.try_borrow().map(|a| a.els.resume_file.clone()) else {
        return;
    };
    dom::read_chosen_file(&input, MAX_BYTES, move |chosen| {
        if let Ok(mut app) = app.try_borrow_mut() {
            app.drafts_event(Event::FileChosen(chosen));
        }
    });
}
