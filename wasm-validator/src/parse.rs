//! Reading bytes into a dossier: size, depth and format checks before any rule runs.

use crate::model::Dossier;

/// A dossier read from a file, with the paths of the fields this version does not define.
#[derive(Debug, Clone)]
pub struct Parsed {
    pub dossier: Dossier,
    pub unknown_fields: Vec<String>,
}

/// Why some bytes are not a dossier. `Display` is a French sentence that says what to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DossierError {
    NotImplemented,
}

impl std::fmt::Display for DossierError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("lecture des dossiers pas encore disponible")
    }
}

impl std::error::Error for DossierError {}

pub fn parse_dossier(_bytes: &[u8]) -> Result<Parsed, DossierError> {
    Err(DossierError::NotImplemented)
}
