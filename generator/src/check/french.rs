//! French wording shared by the report forms: amounts in euros, dates, plurals, verdicts.

use jiff::civil::Date;
use wasm_validator::{fr, Severity};

pub use wasm_validator::fr::NBSP;

/// Shown where a figure cannot be computed or a value is missing.
pub const NONE: &str = "—";

/// An optional amount in euros, or [`NONE`].
pub fn euros_or_none(cents: Option<i64>) -> String {
    cents.map_or_else(|| NONE.to_owned(), fr::euros)
}

/// `123456` cents → `1234,56`: a number a French spreadsheet reads as such (no grouping, no symbol).
pub fn decimal(cents: i128) -> String {
    let sign = if cents < 0 { "-" } else { "" };
    let abs = cents.unsigned_abs();
    format!("{sign}{},{:02}", abs / 100, abs % 100)
}

/// `12` → `12 jours`, `1` → `1 jour`, `None` → [`NONE`].
pub fn days(duration: Option<i64>) -> String {
    duration.map_or_else(|| NONE.to_owned(), fr::days)
}

/// `n` followed by the word, plural from 2 on (French: « 0 dossier », « 1 dossier », « 2 dossiers »).
pub fn count(n: i64, singular: &str, plural: &str) -> String {
    let word = if n.abs() >= 2 { plural } else { singular };
    format!("{n}{NBSP}{word}")
}

/// `2025-06-15` → `15 juin 2025`.
pub fn long_date(date: Date) -> String {
    fr::date(date)
}

pub fn yes_no(value: bool) -> &'static str {
    if value {
        "oui"
    } else {
        "non"
    }
}

/// The heading of a group of findings.
pub fn severity_heading(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "Erreurs",
        Severity::Warning => "Avertissements",
        Severity::Info => "Informations",
    }
}

/// A key that sorts names as a French reader expects: case and accents ignored.
pub fn sort_key(text: &str) -> String {
    text.trim()
        .chars()
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            'à' | 'â' | 'ä' | 'á' | 'ã' => 'a',
            'ç' => 'c',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'î' | 'ï' | 'í' | 'ì' => 'i',
            'ô' | 'ö' | 'ó' | 'ò' | 'õ' => 'o',
            'ù' | 'û' | 'ü' | 'ú' => 'u',
            'ÿ' => 'y',
            other => other,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_figures_show_a_dash() {
        assert_eq!(euros_or_none(Some(100000)), "1\u{202f}000,00\u{a0}€");
        assert_eq!(euros_or_none(None), "—");
        assert_eq!(days(Some(12)), "12 jours");
        assert_eq!(days(None), "—");
    }

    #[test]
    fn spreadsheet_decimals_have_no_grouping() {
        assert_eq!(decimal(100000), "1000,00");
        assert_eq!(decimal(7), "0,07");
        assert_eq!(decimal(-150), "-1,50");
    }

    #[test]
    fn words_agree_in_number() {
        assert_eq!(count(0, "dossier", "dossiers"), "0\u{a0}dossier");
        assert_eq!(count(1, "dossier", "dossiers"), "1\u{a0}dossier");
        assert_eq!(count(2, "dossier", "dossiers"), "2\u{a0}dossiers");
    }

    #[test]
    fn names_sort_without_regard_to_case_or_accents() {
        assert!(sort_key("Écoles du monde") < sort_key("Fraternité"));
        assert!(sort_key("amis") < sort_key("Béninois"));
    }
}
