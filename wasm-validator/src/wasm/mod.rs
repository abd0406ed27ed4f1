//! The browser shell of the site's interactive pages (compiled only for `wasm32`): the
//! `#[wasm_bindgen]` surface in `api`, the DOM in `dom` (the only module naming `web_sys`), what
//! every page shares in `page`, `view` and `lines`, and one controller per page (`candidature`,
//! `eligibilite`).
//!
//! The contract a page's template keeps with this shell (see `templates/candidature.html`):
//! - `<script type="module" src=assets["explor.js"] integrity=…>` loads the module, whose start
//!   function wires the element `#app` according to its `data-explor-app` (`candidature`, …);
//!   `#app` is `hidden` until then, and `#app-loading` (plus a `<noscript>`) says that the page needs
//!   JavaScript; its `data-utc-offsets` holds the call's time zone offsets (`crate::clock`), from
//!   which the page knows today's date in that zone;
//! - `<script type="application/json" id="edition-data">` holds the edition;
//! - each control is named by its dossier path, with the id `f-<path with . and [ ] as ->`, inside a
//!   wrapper `<id>-field` (with `data-label` for the recap) holding `<id>-hint` and `<id>-error`
//!   (`data-error`); `data-show-if="name=value"` shows a part only for that answer;
//! - `#texts [data-text=key]` holds the page's sentences, `[data-verdict]`, `[data-figure]`,
//!   `#error-summary`, `#closed-banner` show results.

mod api;
mod candidature;
mod dom;
mod drafts;
mod eligibilite;
mod lines;
mod page;
mod recap;
mod view;

// For the boundary tests (`tests/wasm_boundary.rs`), which call it as a page's script would.
pub use api::validate_json;
