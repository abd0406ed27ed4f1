//! Locating problems in source files, so that every build error names the file, the line and, where
//! known, the column that the staff have to fix.

use std::fmt::Display;

/// 1-based line and column (in characters) of the byte `offset` in `text`.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = text.get(..offset).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before.get(line_start..).map_or(0, |s| s.chars().count()) + 1;
    (line, column)
}

/// A TOML error as `origin:line:column : message`, the position shifted by `line_offset` lines when the
/// TOML text starts further down in its file (front matter).
pub fn toml_error(
    origin: impl Display,
    text: &str,
    line_offset: usize,
    err: &toml::de::Error,
) -> anyhow::Error {
    let message = french(&err.message().trim_end().replace('\n', " "));
    match err.span() {
        Some(span) => {
            let (line, column) = line_col(text, span.start);
            anyhow::anyhow!("{origin}:{}:{column} : {message}", line + line_offset)
        }
        None => anyhow::anyhow!("{origin} : {message}"),
    }
}

/// serde's messages about a TOML file in French (the staff read them); the TOML parser's own syntax
/// messages keep their English detail after a French lead.
fn french(message: &str) -> String {
    if let Some(key) = quoted(message.strip_prefix("missing field ")) {
        return format!("il manque la clé {key} ; ajoutez la ligne « {key} = … » à cette table.");
    }
    if let Some((key, expected)) = message
        .strip_prefix("unknown field ")
        .and_then(|rest| rest.split_once(", "))
    {
        let known = expected
            .trim_start_matches("expected one of ")
            .trim_start_matches("expected ")
            .replace('`', "");
        return match known.as_str() {
            "there are no fields" => format!(
                "clé {} inconnue : cette table n’en a aucune.",
                key.replace('`', "")
            ),
            _ => format!(
                "clé {} inconnue ; les clés possibles sont : {known}.",
                key.replace('`', "")
            ),
        };
    }
    for (lead, what) in [
        ("invalid type: ", "type incorrect"),
        ("invalid value: ", "valeur incorrecte"),
    ] {
        if let Some((found, expected)) = message
            .strip_prefix(lead)
            .and_then(|rest| rest.split_once(", expected "))
        {
            return format!(
                "{what} : {} au lieu {}.",
                found_fr(found),
                expected_fr(expected)
            );
        }
    }
    format!("syntaxe TOML incorrecte ({message}).")
}

/// `` `name` `` → `name`.
fn quoted(text: Option<&str>) -> Option<&str> {
    text?.strip_prefix('`')?.strip_suffix('`')
}

/// What serde found (`string "800 €"`, ``floating point `40.5` ``), in French.
fn found_fr(found: &str) -> String {
    let value = |rest: &str| rest.trim_matches('`').to_owned();
    match found.split_once(' ') {
        Some(("string", rest)) => format!("le texte {rest}"),
        Some(("floating", rest)) => format!(
            "le nombre décimal {}",
            value(rest.trim_start_matches("point "))
        ),
        Some(("integer", rest)) => format!("le nombre entier {}", value(rest)),
        Some(("boolean", rest)) => format!("la valeur {}", value(rest)),
        _ => match found {
            "sequence" => "une liste".to_owned(),
            "map" => "une table".to_owned(),
            other => other.to_owned(),
        },
    }
}

/// What serde expected (`i64`, `a string`, `struct Departement`), as « d’un … » in French.
fn expected_fr(expected: &str) -> String {
    match expected {
        "i8" | "i16" | "i32" | "i64" | "i128" | "isize" => "d’un nombre entier",
        "u8" | "u16" | "u32" | "u64" | "u128" | "usize" => "d’un nombre entier positif ou nul",
        "a string" => "d’un texte entre guillemets",
        "a boolean" => "de true ou false",
        "a sequence" => "d’une liste [ … ]",
        e if e.starts_with("struct ") || e.starts_with("a map") => "d’une table",
        other => return format!("de : {other}"),
    }
    .to_owned()
}

/// The 1-based line of `key = …` in the TOML table `table` (`""` for the top level, dotted for a
/// nested one: `mission.types`), in its `nth` occurrence (for arrays of tables). Used to point at a
/// fact whose value is well-formed but wrong. Read by `toml_edit`, which keeps every key's place.
pub fn toml_key_line(text: &str, table: &str, key: &str, nth: usize) -> Option<usize> {
    let document = toml_edit::Document::parse(text).ok()?;
    let mut current = document.as_table();
    let mut index = Some(nth);
    for name in table.split('.').filter(|n| !n.is_empty()) {
        current = match current.get(name)? {
            toml_edit::Item::Table(t) => t,
            toml_edit::Item::ArrayOfTables(tables) => tables.get(index.take()?)?,
            _ => return None,
        };
    }
    // `nth` counts the occurrences of an array of tables; a plain table has only one.
    if index.is_some_and(|n| n > 0) {
        return None;
    }
    Some(line_col(text, current.key(key)?.span()?.start).0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_and_column_count_characters() {
        let text = "a = 1\nbé = 2\n";
        assert_eq!(line_col(text, 0), (1, 1));
        assert_eq!(line_col(text, 6), (2, 1));
        // After "bé " (4 bytes, 3 characters).
        assert_eq!(line_col(text, 10), (2, 4));
        assert_eq!(line_col(text, 999), (3, 1));
    }

    #[test]
    fn serde_messages_are_said_in_french() {
        assert_eq!(
            french("missing field `deadline`"),
            "il manque la clé deadline ; ajoutez la ligne « deadline = … » à cette table."
        );
        assert_eq!(
            french("unknown field `cap`, expected one of `rate_percent`, `cap_cents`"),
            "clé cap inconnue ; les clés possibles sont : rate_percent, cap_cents."
        );
        assert_eq!(
            french("unknown field `x`, there are no fields"),
            "clé x inconnue : cette table n’en a aucune."
        );
        assert_eq!(
            french("invalid type: string \"800 €\", expected i64"),
            "type incorrect : le texte \"800 €\" au lieu d’un nombre entier."
        );
        assert_eq!(
            french("invalid type: floating point `40.5`, expected i64"),
            "type incorrect : le nombre décimal 40.5 au lieu d’un nombre entier."
        );
        assert_eq!(
            french("invalid value: integer `-1`, expected u32"),
            "valeur incorrecte : le nombre entier -1 au lieu d’un nombre entier positif ou nul."
        );
        assert_eq!(
            french("invalid type: sequence, expected a string"),
            "type incorrect : une liste au lieu d’un texte entre guillemets."
        );
        assert_eq!(
            french("invalid type: integer `3`, expected struct Departement"),
            "type incorrect : le nombre entier 3 au lieu d’une table."
        );
        assert_eq!(
            french("key with no value, expected `=`"),
            "syntaxe TOML incorrecte (key with no value, expected `=`)."
        );
    }

    #[test]
    fn key_lines_follow_tables_and_repetitions() {
        let text = "id = 1\n[funding]\ncap = 2\n[[t]]\nid = \"a\"\n[[t]]\nid = \"b\"\n";
        assert_eq!(toml_key_line(text, "", "id", 0), Some(1));
        assert_eq!(toml_key_line(text, "funding", "cap", 0), Some(3));
        assert_eq!(toml_key_line(text, "t", "id", 1), Some(7));
        assert_eq!(toml_key_line(text, "t", "missing", 0), None);
        // A key is found by the table it belongs to, not by a line that merely starts like it.
        let tricky = "s = \"\"\"\n[funding]\ncap = 1\n\"\"\"\n[funding] # real\n  cap=2\n";
        assert_eq!(toml_key_line(tricky, "funding", "cap", 0), Some(6));
        let nested =
            "[mission]\nmax = 1\n[[mission.types]]\nid = \"a\"\n[[mission.types]]\nid = \"b\"\n";
        assert_eq!(toml_key_line(nested, "mission.types", "id", 1), Some(6));
        assert_eq!(toml_key_line(nested, "mission", "max", 0), Some(2));
    }
}
