//! The readable report: one block per file (verdicts, figures, findings by severity), then a tally.

use std::fmt::Write;

use wasm_validator::{Dossier, Report, Severity};

use super::french::{self, NBSP, NONE};
use super::{summary, Batch, Checked, Outcome};

pub fn render(batch: &Batch) -> String {
    let mut out = String::new();
    line(
        &mut out,
        &format!("Vérification des dossiers – {}", batch.edition.title),
    );
    line(
        &mut out,
        &labelled("Date de réception retenue", &french::long_date(batch.today)),
    );
    for checked in batch.checked {
        out.push('\n');
        file_block(&mut out, checked);
    }
    out.push('\n');
    line(
        &mut out,
        &labelled("Bilan", &summary::tally(batch.checked).sentence()),
    );
    out
}

fn file_block(out: &mut String, checked: &Checked) {
    line(out, &labelled("Fichier", &one_line(&checked.file)));
    match &checked.outcome {
        Outcome::Unreadable(message) => line(out, &labelled("Illisible", &one_line(message))),
        Outcome::Judged { report, dossier } => judged_block(out, report, dossier),
    }
}

fn judged_block(out: &mut String, report: &Report, dossier: &Dossier) {
    let name = dossier.applicant.name.trim();
    let figures = &report.figures;
    let rows = [
        (
            "Association",
            if name.is_empty() {
                NONE.to_owned()
            } else {
                one_line(name)
            },
        ),
        ("Éligible", french::yes_no(report.eligible).to_owned()),
        ("Complet", french::yes_no(report.complete).to_owned()),
        ("Durée", french::days(figures.duration_days)),
        (
            "Total des dépenses",
            french::euros_or_none(figures.total_expenses_cents),
        ),
        (
            "Total des ressources",
            french::euros_or_none(figures.total_resources_cents),
        ),
        (
            "Contribution demandée",
            french::euros_or_none(figures.requested_cents),
        ),
        (
            "Contribution maximale",
            french::euros_or_none(figures.max_contribution_cents),
        ),
    ];
    for (label, value) in rows {
        line(out, &labelled(label, &value));
    }
    if report.findings.is_empty() {
        line(out, "Aucune remarque.");
    }
    for severity in [Severity::Error, Severity::Warning, Severity::Info] {
        let group: Vec<_> = report
            .findings
            .iter()
            .filter(|f| f.severity == severity)
            .collect();
        if group.is_empty() {
            continue;
        }
        let heading = format!("{} ({})", french::severity_heading(severity), group.len());
        line(out, &format!("{heading}{NBSP}:"));
        for finding in group {
            let message = one_line(&finding.message);
            if finding.field.is_empty() {
                line(out, &format!("  - {message}"));
            } else {
                line(
                    out,
                    &format!("  - {}{NBSP}: {message}", one_line(&finding.field)),
                );
            }
        }
    }
}

/// `Label : value`, with the non-breaking space French puts before a colon.
fn labelled(label: &str, value: &str) -> String {
    format!("{label}{NBSP}: {value}")
}

fn line(out: &mut String, text: &str) {
    let _ = writeln!(out, "{text}");
}

/// Text from a dossier on one line: line breaks and other control characters (which could forge
/// report lines or move a terminal's cursor) become spaces.
fn one_line(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}
