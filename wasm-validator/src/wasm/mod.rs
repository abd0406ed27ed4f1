//! The browser shell of the site's interactive pages (compiled only for `wasm32`): the
//! `#[wasm_bindgen]` surface in `api`, the DOM in `dom` (the only module naming `web_sys`), what
//! every page shares in `page`, `view` and `lines`, and one controller per page (`candidature`,
//! `eligibilite`).
//!
//! The contract a page's template keeps with this shell (ids, `data-*` attributes, actions, classes,
//! sentence keys) is listed once, in `crate::form::contract`: the shell names only its constants,
//! resolves the pages' elements once at mount (`dom::resolve`, which says a missing one in the
//! console), and `generator/tests/dom_contract.rs` checks the rendered pages against it. Beside it:
//! - `<script type="module" src=assets["explor.js"] integrity=…>` loads the module, whose start
//!   function wires `#app` according to its `data-explor-app`; `#app` is `hidden` until then, and
//!   `#app-loading` (plus a `<noscript>`) says that the page needs JavaScript;
//! - each control is named by its dossier path, with the id `f-<path with . and [ ] as ->`, inside a
//!   wrapper `<id>-field` holding `<id>-hint` and `<id>-error` (`crate::form::path`).

mod api;
mod candidature;
mod dom;
mod drafts;
mod eligibilite;
mod journey;
mod lines;
mod page;
mod recap;
mod view;

// For the boundary tests (`tests/wasm_boundary.rs`), which call it as a page's script would.
pub use api::validate_json;
