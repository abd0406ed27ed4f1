//! The selection committee's table: one row per file, as a CSV that LibreOffice and a French Excel open
//! cleanly (UTF-8 with a byte order mark, `;` between cells, CRLF line ends, decimal commas).

use wasm_validator::Severity;

use super::french::decimal;
use super::{summary, Batch, Checked, Outcome};

const HEADERS: [&str; 16] = [
    "Fichier",
    "Association",
    "Ville",
    "Pays du partenaire",
    "Type de mission",
    "Début",
    "Fin",
    "Durée (jours)",
    "Total des dépenses (€)",
    "Contribution demandée (€)",
    "Contribution maximale (€)",
    "Éligible",
    "Complet",
    "Erreurs",
    "Avertissements",
    "Lecture",
];

/// Without it, Excel reads the file as Windows-1252 and garbles every accent.
const BOM: &str = "\u{feff}";

pub fn render(batch: &Batch) -> Result<String, String> {
    let fail = |e: csv::Error| format!("impossible de produire le tableau CSV ({e}).");
    let mut writer = csv::WriterBuilder::new()
        .delimiter(b';')
        .terminator(csv::Terminator::CRLF)
        .from_writer(BOM.as_bytes().to_vec());
    writer.write_record(HEADERS).map_err(fail)?;
    for (_, checked) in summary::committee_order(batch.checked) {
        writer.write_record(row(batch, checked)).map_err(fail)?;
    }
    let (expenses, requested) = summary::totals(batch.checked);
    let mut total = vec![String::new(); HEADERS.len()];
    total[0] = "Total".to_owned();
    total[8] = decimal(expenses);
    total[9] = decimal(requested);
    writer.write_record(&total).map_err(fail)?;
    let bytes = writer
        .into_inner()
        .map_err(|e| fail(e.into_error().into()))?;
    String::from_utf8(bytes).map_err(|e| format!("tableau CSV invalide ({e})."))
}

fn row(batch: &Batch, checked: &Checked) -> Vec<String> {
    let file = cell(&checked.file);
    let (report, dossier) = match &checked.outcome {
        Outcome::Judged { report, dossier } => (report, dossier),
        Outcome::Unreadable(error) => {
            let mut cells = vec![String::new(); HEADERS.len()];
            cells[0] = file;
            cells[15] = cell(error);
            return cells;
        }
    };
    let figures = &report.figures;
    let amount = |cents: Option<i64>| cents.map(|c| decimal(i128::from(c))).unwrap_or_default();
    vec![
        file,
        cell(dossier.applicant.name.trim()),
        cell(dossier.applicant.address.city.trim()),
        cell(&summary::country_name(
            batch.edition,
            dossier.partner.country.trim(),
        )),
        cell(&summary::kind_label(
            batch.edition,
            dossier.mission.kind.trim(),
        )),
        cell(dossier.mission.start_date.trim()),
        cell(dossier.mission.end_date.trim()),
        figures
            .duration_days
            .map(|d| d.to_string())
            .unwrap_or_default(),
        amount(figures.total_expenses_cents),
        amount(figures.requested_cents),
        amount(figures.max_contribution_cents),
        super::french::yes_no(report.eligible).to_owned(),
        super::french::yes_no(report.complete).to_owned(),
        summary::findings_count(checked, Severity::Error).to_string(),
        summary::findings_count(checked, Severity::Warning).to_string(),
        "OK".to_owned(),
    ]
}

/// Text from a dossier, made inert for a spreadsheet: a cell that begins with `=`, `+`, `-`, `@` (or a
/// tab or carriage return) would be run as a formula, so it is prefixed with an apostrophe, which
/// spreadsheets read as "this is text".
fn cell(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::cell;

    #[test]
    fn formulas_from_dossiers_are_neutralised() {
        assert_eq!(
            cell("=HYPERLINK(\"http://x\")"),
            "'=HYPERLINK(\"http://x\")"
        );
        assert_eq!(cell("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(cell("-2+3"), "'-2+3");
        assert_eq!(cell("Association Exemple"), "Association Exemple");
    }
}
