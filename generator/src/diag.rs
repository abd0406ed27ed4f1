//! Locating problems in source files, so that every build error names the file, the line and, where
//! known, the column that the staff have to fix. The TOML part lives in the rules core beside the
//! edition loader that needs it (`wasm_validator::edition::toml_diag`); the generator uses the same
//! for its site settings and the pages' front matter.

use std::fmt::Display;

pub use wasm_validator::edition::toml_diag::{line_col, toml_key_line};

/// Reads the TOML `text` into `T`; on failure, an error `origin:line:column : message` in French (see
/// [`wasm_validator::edition::toml_diag::from_toml`]).
pub fn from_toml<T: serde::de::DeserializeOwned>(
    origin: impl Display,
    text: &str,
    line_offset: usize,
) -> anyhow::Result<T> {
    wasm_validator::edition::toml_diag::from_toml(origin, text, line_offset)
        .map_err(anyhow::Error::msg)
}
