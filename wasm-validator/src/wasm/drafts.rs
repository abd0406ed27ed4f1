//! Drafts that are never lost: kept in this browser on every change, saved to and resumed from a
//! file, erased on request after a confirmation, and never silently overwritten by another tab.

use std::cell::RefCell;
use std::rc::Rc;

use super::candidature::Candidature;
use super::dom::{self, Chosen, Element};
use super::page::Page;
use crate::form::export;
use crate::parse::{parse_dossier, to_json, DossierError, MAX_BYTES};
use crate::Dossier;

/// Where the application's draft of `edition` is kept in the browser's storage (the self-check page
/// writes its answers there too).
pub fn storage_key(edition: &str) -> String {
    format!("explor:{edition}:candidature")
}

/// The draft kept in the browser's storage under `key`.
pub struct Drafts {
    pub key: String,
    /// What this page last stored, to tell another tab's changes from its own.
    last_stored: Option<String>,
    /// A draft another tab stored (`None` inside: it erased it), waiting for the person's choice;
    /// this page stores nothing meanwhile.
    pending: Option<Option<String>>,
}

impl Drafts {
    pub fn new(key: String) -> Self {
        Drafts {
            key,
            last_stored: None,
            pending: None,
        }
    }

    /// The draft stored by an earlier visit, if it is still a readable dossier.
    pub fn restore(&mut self) -> Option<Dossier> {
        let text = dom::stored(&self.key)?;
        let parsed = parse_dossier(text.as_bytes()).ok()?;
        self.last_stored = Some(text);
        Some(parsed.dossier)
    }

    /// Stores `dossier` unless another tab's draft awaits a choice; says so on the page.
    pub fn autosave(&mut self, page: &Page, dossier: &Dossier) {
        if self.pending.is_some() {
            return;
        }
        let text = to_json(dossier);
        if self.last_stored.as_deref() == Some(text.as_str()) {
            return;
        }
        let key = if dom::store(&self.key, &text) {
            "autosave-done"
        } else {
            "autosave-failed"
        };
        self.last_stored = Some(text);
        status(page, "autosave-status", key, &[]);
    }
}

/// Writes the page's sentence `key` into the element `id`, and shows it.
fn status(page: &Page, id: &str, key: &str, values: &[(&str, &str)]) {
    if let Some(el) = dom::by_id(id) {
        dom::set_text(&el, &page.text(key, values));
        dom::set_hidden(&el, false);
    }
}

fn show(id: &str, shown: bool) -> Option<Element> {
    let el = dom::by_id(id)?;
    dom::set_hidden(&el, !shown);
    Some(el)
}

/// « Télécharger mon dossier » (`final_file`) or « Enregistrer un brouillon (fichier) »: the
/// dossier as `explor-dossier` JSON, time-stamped by the browser's clock.
pub fn download(app: &mut Candidature, final_file: bool) {
    let (mut dossier, report) = app.judge();
    let now = app.now();
    dossier.saved_at = now.rfc3339();
    let prefix = if final_file {
        "explor-dossier"
    } else {
        "explor-brouillon"
    };
    let name = export::file_name(prefix, &dossier.applicant.name, &now.date_iso());
    let (id, key) = match (final_file, dom::download(&name, &to_json(&dossier))) {
        (_, false) => ("download-status", "download-failed"),
        (true, true) if !report.complete => ("download-status", "download-incomplete"),
        (true, true) => ("download-status", "download-done"),
        (false, true) => ("draft-status", "draft-saved"),
    };
    if key != "download-failed" {
        app.unsaved.set(false);
    }
    status(&app.page, id, key, &[("file", &name)]);
}

/// « Reprendre un brouillon »: reads the chosen file; on success every field is restored, on
/// failure the form is left as it was and the reason is shown.
pub fn resume_chosen(app: Rc<RefCell<Candidature>>, input: &Element) {
    let input_id = dom::attr(input, "id").unwrap_or_default();
    dom::read_chosen_file(input, MAX_BYTES, move |chosen| {
        let Ok(mut app) = app.try_borrow_mut() else {
            return;
        };
        resume_bytes(&mut app, chosen);
        if let Some(input) = dom::by_id(&input_id) {
            dom::focus(&input);
        }
    });
}

fn resume_bytes(app: &mut Candidature, chosen: Option<Chosen>) {
    let parsed = match chosen {
        None => return status(&app.page, "resume-message", "resume-unreadable", &[]),
        Some(Chosen::TooLarge(size)) => Err(DossierError::TooLarge { size }),
        Some(Chosen::Bytes(bytes)) => parse_dossier(&bytes),
    };
    match parsed {
        Err(error) => {
            status(
                &app.page,
                "resume-message",
                "resume-failed",
                &[("reason", &error.to_string())],
            );
        }
        Ok(parsed) => {
            app.fill(&parsed.dossier);
            app.changed();
            app.unsaved.set(false);
            // A draft of another edition is taken up for this one (the association keeps its
            // answers), but the person is told to check what a new call changes.
            let edition = parsed.dossier.edition.trim();
            if edition.is_empty() || edition == app.page.edition.id {
                status(&app.page, "resume-message", "resume-done", &[]);
            } else {
                let quoted = crate::fr::quote(edition);
                let values = [("edition", quoted.as_str())];
                status(&app.page, "resume-message", "resume-other-edition", &values);
            }
        }
    }
}

/// The other buttons of the drafts section.
pub fn on_action(app: &mut Candidature, action: &str) {
    match action {
        "erase" => {
            if let Some(confirm) = show("erase-confirm", true) {
                if let Some(yes) = dom::find(&confirm, "[data-action=\"erase-confirmed\"]") {
                    dom::focus(&yes);
                }
            }
        }
        "erase-cancelled" => {
            show("erase-confirm", false);
            if let Some(button) = dom::by_id("erase-button") {
                dom::focus(&button);
            }
        }
        "erase-confirmed" => erase(app),
        "load-other" => load_other(app),
        "keep-mine" => {
            app.drafts.pending = None;
            show("other-tab", false);
            app.changed();
        }
        _ => {}
    }
}

fn erase(app: &mut Candidature) {
    dom::unstore(&app.drafts.key);
    app.drafts.last_stored = None;
    app.drafts.pending = None;
    let blank = app.blank();
    app.fill(&blank);
    app.refresh();
    app.unsaved.set(false);
    show("erase-confirm", false);
    show("other-tab", false);
    status(&app.page, "autosave-status", "erase-done", &[]);
    if let Some(button) = dom::by_id("erase-button") {
        dom::focus(&button);
    }
}

impl Candidature {
    /// Another tab stored (or erased) this page's draft: offer to load it, never overwrite it.
    pub fn other_tab_changed(&mut self, value: Option<String>) {
        if value.is_some() && value == self.drafts.last_stored {
            return;
        }
        self.drafts.pending = Some(value);
        if let Some(notice) = show("other-tab", true) {
            dom::focus(&notice);
        }
    }
}

fn load_other(app: &mut Candidature) {
    let Some(pending) = app.drafts.pending.take() else {
        return;
    };
    let dossier = pending
        .as_deref()
        .and_then(|text| parse_dossier(text.as_bytes()).ok())
        .map(|p| p.dossier)
        .unwrap_or_else(|| app.blank());
    app.drafts.last_stored = pending;
    app.fill(&dossier);
    app.refresh();
    show("other-tab", false);
    status(&app.page, "autosave-status", "other-loaded", &[]);
}
