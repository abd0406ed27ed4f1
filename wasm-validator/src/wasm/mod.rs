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
//! Each page downloads its own module: the application form's (feature `candidature`: its
//! controller, drafts, counters, task list, sending and readable copy) and the self-check's (feature
//! `eligibilite`: its controller and what every page shares), compiled apart by
//! `generator/build.rs`; the default feature `shell` has both, for the tests and clippy. The staff
//! page (`/verification/`) has its own module too, built with the feature `staff` alone: its
//! controller (`staff`) uses `dom` and `page`, and the form's controllers are left out of it, as it
//! is left out of theirs.

mod alloc;
#[cfg(any(feature = "candidature", feature = "eligibilite"))]
mod api;
#[cfg(feature = "candidature")]
mod candidature;
#[cfg(feature = "candidature")]
mod counter;
// A module without one of the form pages (the staff's, the self-check's) uses a part of the DOM
// operations and of the page's basics only.
#[cfg_attr(
    not(all(feature = "candidature", feature = "eligibilite")),
    allow(dead_code)
)]
mod dom;
#[cfg(feature = "candidature")]
mod drafts;
#[cfg(feature = "eligibilite")]
mod eligibilite;
#[cfg(feature = "candidature")]
mod journey;
#[cfg(feature = "candidature")]
mod lines;
#[cfg_attr(
    not(all(feature = "candidature", feature = "eligibilite")),
    allow(dead_code)
)]
mod lists;
#[cfg_attr(
    not(all(feature = "candidature", feature = "eligibilite")),
    allow(dead_code)
)]
mod page;
#[cfg(feature = "candidature")]
mod recap;
#[cfg(feature = "candidature")]
mod send;
#[cfg(feature = "staff")]
mod staff;
#[cfg(any(feature = "candidature", feature = "eligibilite"))]
#[cfg_attr(
    not(all(feature = "candidature", feature = "eligibilite")),
    allow(dead_code)
)]
mod view;

// For the boundary tests (`tests/wasm_boundary.rs`), which call it as a page's script would.
#[cfg(feature = "candidature")]
pub use api::validate_json;
