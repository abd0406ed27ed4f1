//! The machine-readable report: an array of `{ "file", "report" }` or `{ "file", "error" }`, in the
//! order the files were given, pretty-printed so that two runs on the same files are byte-identical.

use serde::Serialize;
use wasm_validator::Report;

use super::{Batch, Outcome};

#[derive(Serialize)]
#[serde(untagged)]
enum Entry<'a> {
    Judged { file: &'a str, report: &'a Report },
    Unreadable { file: &'a str, error: &'a str },
}

pub fn render(batch: &Batch) -> Result<String, String> {
    let entries: Vec<Entry> = batch
        .checked
        .iter()
        .map(|c| match &c.outcome {
            Outcome::Judged { report, .. } => Entry::Judged {
                file: &c.file,
                report,
            },
            Outcome::Unreadable(error) => Entry::Unreadable {
                file: &c.file,
                error,
            },
        })
        .collect();
    serde_json::to_string_pretty(&entries)
        .map(|mut text| {
            text.push('\n');
            text
        })
        .map_err(|e| format!("impossible de produire le rapport JSON ({e})."))
}
