//! The readable report: one block per file (the core's verdicts and figures, then the findings by
//! severity), then a tally. Every text from a file is put on one line and made visible, so a dossier
//! can neither forge report lines nor send escape sequences to the terminal.

use std::fmt::Write;

use wasm_validator::committee::{self, Batch, Checked, Outcome};
use wasm_validator::fr::{self, NBSP};
use wasm_validator::Report;

pub fn render(batch: &Batch) -> String {
    let mut out = String::new();
    line(
        &mut out,
        &format!("Vérification des dossiers – {}", batch.edition.title),
    );
    line(
        &mut out,
        &labelled("Date de réception retenue", &fr::date(batch.today)),
    );
    for checked in batch.checked {
        out.push('\n');
        file_block(&mut out, checked);
    }
    out.push('\n');
    line(
        &mut out,
        &labelled("Bilan", &committee::tally(batch.checked)),
    );
    out
}

fn file_block(out: &mut String, checked: &Checked) {
    line(out, &labelled("Fichier", &checked.file));
    match &checked.outcome {
        Outcome::Unreadable(message) => line(out, &labelled("Illisible", message)),
        Outcome::Duplicate { judged, reason } => {
            line(out, reason);
            for (label, value) in committee::details(judged) {
                line(out, &labelled(label, &value));
            }
            findings(out, &judged.report);
        }
        Outcome::Judged(judged) => {
            for (label, value) in committee::details(judged) {
                line(out, &labelled(label, &value));
            }
            findings(out, &judged.report);
        }
    }
}

fn findings(out: &mut String, report: &Report) {
    if report.findings.is_empty() {
        line(out, "Aucune remarque.");
    }
    for (heading, group) in committee::findings_by_severity(report) {
        line(out, &format!("{heading}{NBSP}:"));
        for finding in group {
            if finding.field.is_empty() {
                line(out, &format!("  - {}", finding.message));
            } else {
                line(
                    out,
                    &format!("  - {}{NBSP}: {}", finding.field, finding.message),
                );
            }
        }
    }
}

/// `Label : value`, with the no-break space French puts before a colon.
fn labelled(label: &str, value: &str) -> String {
    format!("{label}{NBSP}: {value}")
}

/// Writes `text` as one line, made visible ([`fr::visible_line`]).
fn line(out: &mut String, text: &str) {
    let _ = writeln!(out, "{}", fr::visible_line(text));
}
