//! Locating problems in source files, so that every build error names the file, the line and, where
//! known, the column that the staff have to fix. The TOML part lives in the rules core beside the
//! edition loader that needs it (`wasm_validator::edition::toml_diag`); the generator uses the same
//! for its site settings and the pages' front matter.

use std::fmt::Display;

pub use wasm_validator::edition::toml_diag::{line_col, toml_key_line};

/// A TOML error as `origin:line:column : message`, the position shifted by `line_offset` lines when the
/// TOML text starts further down in its file (front matter).
pub fn toml_error(
    origin: impl Display,
    text: &str,
    line_offset: usize,
    err: &toml::de::Error,
) -> anyhow::Error {
    anyhow::Error::msg(wasm_validator::edition::toml_diag::toml_message(
        origin,
        text,
        line_offset,
        err,
    ))
}
