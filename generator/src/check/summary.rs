//! The one-line summary of each file that the selection committee reads (CSV and HTML tables): the
//! committee's order, the edition's labels for codes, and the totals.

use wasm_validator::{Edition, Severity};

use super::{Checked, Outcome};

/// `SN` → `Sénégal`, from the edition's DAC list; an unknown code is shown as written.
pub fn country_name(edition: &Edition, code: &str) -> String {
    edition
        .eligibility
        .countries
        .iter()
        .find(|c| c.iso2 == code)
        .map_or_else(|| code.to_owned(), |c| c.name_fr.clone())
}

/// `preparation` → its label in the edition; an unknown id is shown as written.
pub fn kind_label(edition: &Edition, id: &str) -> String {
    edition
        .mission
        .types
        .iter()
        .find(|t| t.id == id)
        .map_or_else(|| id.to_owned(), |t| t.label.clone())
}

/// How many findings of `severity` a file has (0 for an unreadable file).
pub fn findings_count(checked: &Checked, severity: Severity) -> usize {
    match &checked.outcome {
        Outcome::Judged { report, .. } => report
            .findings
            .iter()
            .filter(|f| f.severity == severity)
            .count(),
        Outcome::Unreadable(_) => 0,
    }
}

/// The association's name, or `""` for an unreadable file.
pub fn association(checked: &Checked) -> &str {
    match &checked.outcome {
        Outcome::Judged { dossier, .. } => dossier.applicant.name.trim(),
        Outcome::Unreadable(_) => "",
    }
}

/// Complete dossiers first, then eligible ones with errors, then ineligible ones, then unreadable
/// files; within each, by association name (case and accents ignored), then by file name.
/// Each row comes with its position in `checked` (the order the files were given).
pub fn committee_order(checked: &[Checked]) -> Vec<(usize, &Checked)> {
    let mut rows: Vec<(usize, &Checked)> = checked.iter().enumerate().collect();
    rows.sort_by_cached_key(|&(_, c)| {
        let rank = match &c.outcome {
            Outcome::Judged { report, .. } if report.complete => 0,
            Outcome::Judged { report, .. } if report.eligible => 1,
            Outcome::Judged { .. } => 2,
            Outcome::Unreadable(_) => 3,
        };
        (
            rank,
            super::french::sort_key(association(c)),
            c.file.clone(),
        )
    });
    rows
}

/// Sums of the total expenses and of the requested contributions over the judged files (in cents,
/// wide enough that no sum of `i64` amounts overflows).
pub fn totals(checked: &[Checked]) -> (i128, i128) {
    checked
        .iter()
        .fold((0, 0), |(expenses, requested), c| match &c.outcome {
            Outcome::Judged { report, .. } => (
                expenses + i128::from(report.figures.total_expenses_cents.unwrap_or(0)),
                requested + i128::from(report.figures.requested_cents.unwrap_or(0)),
            ),
            Outcome::Unreadable(_) => (expenses, requested),
        })
}

/// The counts of the closing line: files, complete ones, ones with errors, unreadable ones.
pub struct Tally {
    pub files: usize,
    pub complete: usize,
    pub with_errors: usize,
    pub unreadable: usize,
}

pub fn tally(checked: &[Checked]) -> Tally {
    let mut tally = Tally {
        files: checked.len(),
        complete: 0,
        with_errors: 0,
        unreadable: 0,
    };
    for c in checked {
        match &c.outcome {
            Outcome::Judged { report, .. } if report.complete => tally.complete += 1,
            Outcome::Judged { .. } => tally.with_errors += 1,
            Outcome::Unreadable(_) => tally.unreadable += 1,
        }
    }
    tally
}

impl Tally {
    /// « 3 dossiers, 1 complet, 1 avec erreurs, 1 illisible. »
    pub fn sentence(&self) -> String {
        use super::french::count;
        format!(
            "{}, {}, {}{}avec erreurs, {}.",
            count(self.files as i64, "dossier", "dossiers"),
            count(self.complete as i64, "complet", "complets"),
            self.with_errors,
            super::french::NBSP,
            count(self.unreadable as i64, "illisible", "illisibles"),
        )
    }
}
