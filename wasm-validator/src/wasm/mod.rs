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

//!
//! The staff page (`/verification/`) has its own module, built with the feature `staff` alone: its
//! controller (`staff`) uses `dom` and `page`, and the form's controllers are left out of it, as it
//! is left out of theirs.

mod alloc;
#[cfg(feature = "shell")]
mod api;
#[cfg(feature = "shell")]
mod candidature;
#[cfg(feature = "shell")]
mod counter;
// The staff module uses a part of the DOM operations only.
#[cfg_attr(not(feature = "shell"), allow(dead_code))]
mod dom;
#[cfg(feature = "shell")]
mod drafts;
#[cfg(feature = "shell")]
mod eligibilite;
#[cfg(feature = "shell")]
mod journey;
#[cfg(feature = "shell")]
mod lines;
mod lists;
#[cfg_attr(not(feature = "shell"), allow(dead_code))]
mod page;
#[cfg(feature = "shell")]
mod recap;
#[cfg(feature = "shell")]
mod send;
#[cfg(feature = "staff")]
mod staff;
#[cfg(feature = "shell")]
mod view;

// For the boundary tests (`tests/wasm_boundary.rs`), which call it as a page's script would.
#[cfg(feature = "shell")]
pub use api::validate_json;
