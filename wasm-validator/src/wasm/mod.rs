//! The browser shell of the site's interactive pages (compiled only for `wasm32`): the
//! `#[wasm_bindgen]` surface in `api`, the DOM in `dom` (the only module naming `web_sys`), and one
//! controller per page.

mod api;
mod candidature;
mod dom;
mod drafts;
mod lines;
mod page;
mod recap;
mod view;
