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
    let message = err.message().trim_end().replace('\n', " ");
    match err.span() {
        Some(span) => {
            let (line, column) = line_col(text, span.start);
            anyhow::anyhow!("{origin}:{}:{column} : {message}", line + line_offset)
        }
        None => anyhow::anyhow!("{origin} : {message}"),
    }
}

/// The 1-based line of `key = …` in the TOML table `table` (`""` for the top level), in its `nth`
/// occurrence (for arrays of tables). Used to point at a fact whose value is well-formed but wrong.
pub fn toml_key_line(text: &str, table: &str, key: &str, nth: usize) -> Option<usize> {
    let mut current = String::new();
    let mut seen = 0;
    for (i, raw) in text.lines().enumerate() {
        let line = raw.trim();
        if let Some(header) = line.strip_prefix('[') {
            let name = header.trim_start_matches('[');
            let name = name.split(']').next().unwrap_or("").trim();
            current = name.to_owned();
            continue;
        }
        if current != table {
            continue;
        }
        let Some(rest) = line.strip_prefix(key) else {
            continue;
        };
        if rest.trim_start().starts_with('=') {
            if seen == nth {
                return Some(i + 1);
            }
            seen += 1;
        }
    }
    None
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
    fn key_lines_follow_tables_and_repetitions() {
        let text = "id = 1\n[funding]\ncap = 2\n[[t]]\nid = \"a\"\n[[t]]\nid = \"b\"\n";
        assert_eq!(toml_key_line(text, "", "id", 0), Some(1));
        assert_eq!(toml_key_line(text, "funding", "cap", 0), Some(3));
        assert_eq!(toml_key_line(text, "t", "id", 1), Some(7));
        assert_eq!(toml_key_line(text, "t", "missing", 0), None);
    }
}
