//! The EXPLOR call's rules: a pure core (model, rules, report) that knows nothing of the browser, and a
//! thin WebAssembly shell compiled only for `wasm32`.
//!
//! Data flows one way: bytes → [`parse_dossier`] → [`Dossier`] → [`validate`] (with the [`Edition`] and
//! `today`) → [`Report`].
//!
//! # Three layers, one crate
//!
//! - **the rules core** (always): `model`, `json`, `parse`, `edition`, `clock`, `rules`, `report`,
//!   `fr` — what `explor check` and the browser share; it knows nothing of forms or browsers;
//! - **the form model** (feature `form`, on by default): `form/` — control names as dossier paths,
//!   amounts as typed, the drafts' state machine, the DOM contract of the pages; native code, tested
//!   without a browser; it uses the core only;
//! - **the browser shell** (feature `shell`, on by default, compiled for `wasm32` only): `wasm/` —
//!   the only code that names `web_sys`, `js_sys` or `wasm_bindgen`; it uses the form model and the
//!   core, and decides nothing they can decide.
//!
//! Cargo features rather than three crates: the fixed top level has two crate folders, and one
//! crate keeps one `cdylib` for the browser and one `rlib` for the generator. The boundaries are
//! enforced by the build: `scripts/test` checks the crate with `--no-default-features` (the core
//! alone: any use of `crate::form` fails) and with `--features form` (the form model without the
//! shell: any use of `crate::wasm` fails); the shell's crates (`wasm-bindgen`, `js-sys`, `web-sys`)
//! are optional dependencies of `shell` for wasm32 only, so neither lower layer can name them.

// Money is integer cents: no arithmetic on floats anywhere (and no float type nor float-returning
// call: clippy.toml).
#![deny(clippy::float_arithmetic)]

pub mod clock;
pub mod committee;
pub mod edition;
pub mod fields;
#[cfg(feature = "form")]
pub mod form;
pub mod fr;
pub mod html;
pub mod json;
pub mod model;
pub mod parse;
pub mod received;
pub mod report;
pub mod rules;
#[cfg(feature = "schema")]
pub mod schema;
mod shape;
pub mod sheet;
#[cfg(all(
    any(feature = "candidature", feature = "eligibilite", feature = "staff"),
    target_arch = "wasm32"
))]
mod wasm;

pub use edition::Edition;
pub use model::Dossier;
pub use parse::{parse_dossier, to_json, DossierError, Parsed, MAX_BYTES};
pub use report::{Figures, Finding, Report, Severity};
pub use rules::{add_unknown_fields, amend, catalogue, rule_ids, RuleInfo};
#[cfg(all(feature = "candidature", target_arch = "wasm32"))]
pub use wasm::validate_json;

use jiff::civil::Date;

/// Judges `dossier` against `edition` on the day `today` (the day the dossier is received or checked).
/// Never panics; returns every finding, never stops at the first.
pub fn validate(edition: &Edition, dossier: &Dossier, today: Date) -> Report {
    rules::validate(edition, dossier, today)
}

/// A file read and judged: the dossier, its report and the fields this version does not define,
/// from one parse. What `explor check`, its reports and the browser's readable copy start from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Judged {
    pub dossier: Dossier,
    pub report: Report,
    /// Dotted paths of the unknown fields, in form order (each is also a warning in `report`).
    pub unknown_fields: Vec<String>,
}

/// Parses `bytes` once and judges the dossier, adding a `dossier.unknown_field` warning per unknown
/// field. `Err` when the bytes are not an `explor-dossier` v1 at all (not JSON, other format or
/// version, too large, too deep, wrong types).
pub fn judge(edition: &Edition, bytes: &[u8], today: Date) -> Result<Judged, DossierError> {
    let Parsed {
        dossier,
        unknown_fields,
    } = parse_dossier(bytes)?;
    let mut report = validate(edition, &dossier, today);
    rules::add_unknown_fields(&mut report, &unknown_fields);
    Ok(Judged {
        dossier,
        report,
        unknown_fields,
    })
}
