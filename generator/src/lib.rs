//! The EXPLOR site generator, as a pipeline of plain stages:
//! config → content → facts → markdown → render → assets → output → links.

// Money is integer cents: no arithmetic on floats anywhere (see also generator/tests/no_float.rs).
#![deny(clippy::float_arithmetic)]

pub mod assets;
pub mod assumptions;
pub mod build;
pub mod check;
pub mod config;
pub mod content;
pub mod diag;
pub mod extras;
pub mod facts;
pub mod fingerprint;
pub mod headers;
pub mod ics;
pub mod links;
pub mod markdown;
pub mod new_edition;
pub mod output;
pub mod render;
pub mod serve;
pub mod theme;
pub mod typeset_html;
pub mod views;

/// The product's one French lives in the rules' core, so that pages, rule messages and reports
/// agree; the pipeline stages name it `french`.
pub use wasm_validator::fr as french;
