//! The EXPLOR site generator, as a pipeline of plain stages:
//! config → content → facts → markdown → render → assets → output → links.

// Money is integer cents: no arithmetic on floats anywhere (see also generator/tests/no_float.rs).
#![deny(clippy::float_arithmetic)]

/// What built pages name as their generator (`<meta name="generator">`).
pub const GENERATOR: &str = concat!("explor ", env!("CARGO_PKG_VERSION"));
/// `explor --version`: the version and the commit it was built from (see build.rs).
pub const LONG_VERSION: &str = concat!(
    env!("CARGO_PKG_VERSION"),
    " (commit ",
    env!("EXPLOR_COMMIT"),
    ")"
);

pub mod assets;
pub mod assumptions;
pub mod build;
pub mod build_day;
// Compiled into build.rs, which uses all of it; here for the modules' table (which page loads
// which module: `assets::module_warnings`) and for its tests.
#[allow(dead_code)]
mod bundle;
pub mod cmd;
pub mod config;
pub mod content;
pub mod diag;
pub mod extras;
pub mod facts;
pub mod fingerprint;
pub mod headers;
pub mod ics;
pub mod leftovers;
pub mod links;
pub mod markdown;
pub mod offline;
pub mod output;
pub mod questions;
pub mod render;
pub mod theme;
pub mod typeset_html;
pub mod views;

/// The product's one French lives in the rules' core, so that pages, rule messages and reports
/// agree; the pipeline stages name it `french`.
pub use wasm_validator::fr as french;
