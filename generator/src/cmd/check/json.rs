//! The machine-readable report: an array of `{ "file", "report", "summary" }` (the committee's row,
//! by column id; with `"duplicate"`, why, for a file repeating an earlier one) or `{ "file", "error" }`, in the order the files were given, pretty-printed so that
//! two runs on the same files are byte-identical. Text stays data here, but characters that could
//! drive or fool a terminal reading the file are written as `\uXXXX` escapes.

use serde::ser::{Serialize, SerializeMap, Serializer};
use wasm_validator::committee::{Batch, Cell, Kind, Outcome, Row, COLUMNS};
use wasm_validator::Report;

#[derive(serde::Serialize)]
#[serde(untagged)]
enum Entry<'a> {
    Judged {
        file: &'a str,
        report: &'a Report,
        summary: Summary,
        /// Why the file is not counted: it repeats an earlier one.
        #[serde(skip_serializing_if = "Option::is_none")]
        duplicate: Option<&'a str>,
    },
    Unreadable {
        file: &'a str,
        error: &'a str,
    },
}

/// A judged file's row, as an object keyed by column id (the file and the reading left out: the
/// entry says them).
struct Summary(Row);

impl Serialize for Summary {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let shown = COLUMNS
            .iter()
            .zip(&self.0.cells)
            .skip(1)
            .filter(|(c, _)| c.kind != Kind::Reading);
        let mut map = serializer.serialize_map(None)?;
        for (column, cell) in shown {
            match cell {
                Cell::Text(text) => map.serialize_entry(column.id, text)?,
                Cell::Number(n) | Cell::Money(n) => map.serialize_entry(column.id, n)?,
                Cell::Verdict(v) => map.serialize_entry(column.id, v)?,
                Cell::Reading(_) => {}
            }
        }
        map.end()
    }
}

pub fn render(batch: &Batch) -> Result<String, String> {
    let entries: Vec<Entry> = batch
        .checked
        .iter()
        .enumerate()
        .map(|(index, c)| match &c.outcome {
            Outcome::Judged(judged) => Entry::Judged {
                file: &c.file,
                report: &judged.report,
                summary: Summary(Row::new(batch.edition, index, c)),
                duplicate: None,
            },
            Outcome::Duplicate { judged, reason } => Entry::Judged {
                file: &c.file,
                report: &judged.report,
                summary: Summary(Row::new(batch.edition, index, c)),
                duplicate: Some(reason),
            },
            Outcome::Unreadable(error) => Entry::Unreadable {
                file: &c.file,
                error,
            },
        })
        .collect();
    serde_json::to_string_pretty(&entries)
        .map(|text| escape_invisible(&text) + "\n")
        .map_err(|e| format!("impossible de produire le rapport JSON ({e})."))
}

/// serde_json already escapes the C0 controls; this escapes DEL, the C1 controls and the
/// bidirectional controls too. They can only occur inside strings (JSON's own syntax is ASCII), where
/// an escape reads back as the same character.
fn escape_invisible(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        match c {
            c if wasm_validator::fr::is_hidden_control(c) => {
                out.push_str(&format!("\\u{:04x}", u32::from(c)));
            }
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn invisible_characters_are_escaped_and_read_back() {
        let text = serde_json::to_string("a\u{1b}b\u{202e}c\u{7f}d\u{85}é").unwrap();
        let escaped = super::escape_invisible(&text);
        assert_eq!(escaped, "\"a\\u001bb\\u202ec\\u007fd\\u0085é\"");
        let back: String = serde_json::from_str(&escaped).unwrap();
        assert_eq!(back, "a\u{1b}b\u{202e}c\u{7f}d\u{85}é");
    }
}
