//! The drafts' effects in the browser: `form::drafts` decides (autosave, resume, another tab's
//! change, unsaved changes), this module only performs what they ask (`drafts::Page`) — storage, the form, the
//! sentences and panels of the drafts section, the focus — and reports back.

use std::cell::RefCell;
use std::rc::Rc;

use super::candidature::Candidature;
use super::dom::{self, Element};
use crate::form::contract::has;
use crate::form::drafts::{self, Event, Focus, Panel, Slot};
use crate::form::export;
use crate::parse::{to_json, MAX_BYTES};
use crate::Dossier;

impl Candidature {
    /// Tells the drafts what happened; they ask this page for the effects meanwhile.
    pub fn drafts_event(&mut self, event: Event<'_>) {
        // Lent out while they move on, since they call back into the page that holds them.
        let mut drafts = std::mem::take(&mut self.drafts);
        drafts.step(event, self);
        self.drafts = drafts;
    }

    fn slot(&self, slot: Slot) -> &Element {
        match slot {
            Slot::Autosave => &self.els.autosave_status,
            Slot::Download => &self.els.download_status,
            Slot::Draft => &self.els.draft_status,
            Slot::Resume => &self.els.resume_message,
        }
    }

    fn focus_on(&self, target: Focus) {
        let el = match target {
            // The confirmation's first action is « Oui, tout effacer » (`contract::id::ERASE_CONFIRM`).
            Focus::EraseConfirmed => dom::find(&self.els.erase_confirm, has::ACTION),
            Focus::EraseButton => Some(self.els.erase_button.clone()),
            Focus::OtherTab => Some(self.els.other_tab.clone()),
            Focus::ResumeFile => Some(self.els.resume_file.clone()),
        };
        if let Some(el) = el {
            dom::focus(&el);
        }
    }
}

impl drafts::Page for Candidature {
    fn store(&mut self, key: &str, text: &str) -> bool {
        dom::store(key, text)
    }

    fn unstore(&mut self, key: &str) {
        dom::unstore(key);
        // What is kept beside the draft goes with it: erasing leaves nothing of the person's.
        dom::unstore(&drafts::reminder::memo_key(key));
        dom::unstore(&crate::form::selfcheck::carried_marker(key));
    }

    fn fill(&mut self, dossier: &Dossier) {
        Candidature::fill(self, dossier);
    }

    fn judge(&mut self) -> Dossier {
        let (dossier, report) = Candidature::judge(self);
        self.show_report(&report);
        dossier
    }

    fn say(&mut self, slot: Slot, key: &str, value: Option<(&str, &str)>) {
        let el = self.slot(slot);
        dom::set_text(el, &self.page.text(key, value.as_slice()));
        dom::set_hidden(el, false);
    }

    fn show(&mut self, panel: Panel, shown: bool) {
        let el = match panel {
            Panel::EraseConfirm => &self.els.erase_confirm,
            Panel::OtherTab => &self.els.other_tab,
        };
        dom::set_hidden(el, !shown);
    }

    fn focus(&mut self, target: Focus) {
        self.focus_on(target);
    }
}

/// « Télécharger mon dossier » (`final_file`) or « Enregistrer un brouillon (fichier) »: the
/// dossier as `explor-dossier` JSON, time-stamped by the browser's clock.
pub fn download(app: &mut Candidature, final_file: bool) {
    let (mut dossier, report) = app.judge();
    let now = dom::local_time();
    dossier.saved_at = now.rfc3339();
    if !final_file {
        dossier.status = crate::model::STATUS_DRAFT.to_owned();
    }
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
