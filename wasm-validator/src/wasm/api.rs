//! The `#[wasm_bindgen]` surface: the start function that wires the page it finds itself on, and
//! the rules' entry points for scripts and tests (`validate_json`, and `Validator` when many dossiers
//! are judged with one edition), in the application form's module only (the self-check's page
//! calls neither).

use wasm_bindgen::prelude::wasm_bindgen;

use super::dom;
use crate::form::contract::{app, attr, id};
#[cfg(feature = "candidature")]
use crate::json::Json;

/// Runs when the module is loaded: wires the page whose root is `[data-explor-app="…"]`.
#[wasm_bindgen(start)]
pub fn start() {
    let Some(root) = dom::by_id(id::APP) else {
        return;
    };
    // One arm per interactive page; another page adds its own (and its `contract::PAGES` entry).
    match dom::attr(&root, attr::APP).as_deref() {
        #[cfg(feature = "candidature")]
        Some(app::CANDIDATURE) => super::candidature::mount(root),
        #[cfg(feature = "eligibilite")]
        Some(app::ELIGIBILITE) => super::eligibilite::mount(root),
        #[cfg(feature = "staff")]
        Some(crate::form::staff::APP) => super::staff::mount(root),
        _ => {}
    }
}

/// Judges the dossier `dossier_json` with the edition `edition_json` on `today` (`YYYY-MM-DD`), as
/// `explor check` would: the report as JSON, or `{"error": "…"}` (in French) when an input is not
/// readable.
#[cfg(feature = "candidature")]
#[wasm_bindgen]
pub fn validate_json(edition_json: &str, dossier_json: &str, today: &str) -> String {
    Validator::new(edition_json).validate_json(dossier_json, today)
}

/// An edition read once, to judge many dossiers (scripts, the browser benchmark): in JavaScript,
/// `new Validator(editionJson).validate_json(dossierJson, today)` answers as `validate_json` does
/// (an unreadable edition included: every answer is then its `{"error": "…"}`, rather than an
/// exception, whose glue cost the module more than the rest of the class).
#[cfg(feature = "candidature")]
#[wasm_bindgen]
pub struct Validator {
    edition: Option<crate::Edition>,
}

#[cfg(feature = "candidature")]
#[wasm_bindgen]
impl Validator {
    /// Reads the edition (kept unreadable, to be said at each judgement, when its JSON is not).
    #[wasm_bindgen(constructor)]
    pub fn new(edition_json: &str) -> Validator {
        Validator {
            edition: crate::Edition::from_json_text(edition_json),
        }
    }

    /// The report of `dossier_json` on `today` (`YYYY-MM-DD`) as JSON, or `{"error": "…"}`.
    pub fn validate_json(&self, dossier_json: &str, today: &str) -> String {
        match &self.edition {
            Some(edition) => judge_json(edition, dossier_json, today),
            None => error("Les paramètres de l’édition sont illisibles."),
        }
    }
}

#[cfg(feature = "candidature")]
fn judge_json(edition: &crate::Edition, dossier_json: &str, today: &str) -> String {
    let Some(today) = crate::edition::parse_date(today) else {
        return error("La date du jour doit s’écrire AAAA-MM-JJ.");
    };
    match crate::judge(edition, dossier_json.as_bytes(), today) {
        Ok(judged) => crate::json::to_compact(&judged.report.to_json()),
        Err(reason) => error(&reason.to_string()),
    }
}

#[cfg(feature = "candidature")]
fn error(message: &str) -> String {
    let value = crate::json::object(vec![("error", crate::json::Value::from(message))]);
    crate::json::to_compact(&value)
}
