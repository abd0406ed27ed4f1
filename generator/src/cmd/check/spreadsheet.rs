//! The selection committee's table: the core's rows ([`committee::COLUMNS`]) as a CSV that LibreOffice
//! and a French Excel open cleanly (UTF-8 with a byte order mark, `;` between cells, CRLF line ends,
//! decimal commas), every text made visible and inert.

use wasm_validator::committee::{self, Batch, Cell, Kind, COLUMNS};
use wasm_validator::fr;

/// Without it, Excel reads the file as Windows-1252 and garbles every accent.
const BOM: &str = "\u{feff}";

pub fn render(batch: &Batch) -> Result<String, String> {
    let fail = |e: csv::Error| format!("impossible de produire le tableau CSV ({e}).");
    let mut writer = csv::WriterBuilder::new()
        .delimiter(b';')
        .terminator(csv::Terminator::CRLF)
        .from_writer(BOM.as_bytes().to_vec());
    let headers = COLUMNS.iter().map(|c| match c.kind {
        Kind::Money => format!("{} (€)", c.label),
        _ => c.label.to_owned(),
    });
    writer.write_record(headers).map_err(fail)?;
    for row in committee::rows(batch) {
        writer
            .write_record(row.cells.iter().map(value))
            .map_err(fail)?;
    }
    let (expenses, requested) = committee::totals(batch.checked);
    let mut total = vec![String::new(); COLUMNS.len()];
    total[committee::FILE] = "Total".to_owned();
    total[committee::TOTAL_EXPENSES] = fr::decimal(expenses);
    total[committee::REQUESTED] = fr::decimal(requested);
    writer.write_record(&total).map_err(fail)?;
    let bytes = writer
        .into_inner()
        .map_err(|e| fail(e.into_error().into()))?;
    String::from_utf8(bytes).map_err(|e| format!("tableau CSV invalide ({e})."))
}

fn value(cell: &Cell) -> String {
    match cell {
        Cell::Text(text) => inert(text),
        Cell::Number(n) => n.map(|n| n.to_string()).unwrap_or_default(),
        Cell::Money(cents) => cents
            .map(|c| fr::decimal(i128::from(c)))
            .unwrap_or_default(),
        Cell::Verdict(v) => v.map(fr::yes_no).unwrap_or_default().to_owned(),
        Cell::Reading(Ok(())) => "OK".to_owned(),
        Cell::Reading(Err(reason)) => inert(reason),
    }
}

/// Text made visible ([`fr::visible`]: no escape sequence, no bidi override) and inert for a
/// spreadsheet: a cell that begins with `=`, `+`, `-`, `@` (or a tab or carriage return) would be
/// run as a formula, so it is prefixed with an apostrophe, which spreadsheets read as "this is text".
fn inert(text: &str) -> String {
    let text = fr::visible(text);
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text
    }
}

#[cfg(test)]
mod tests {
    use super::inert;

    #[test]
    fn formulas_from_dossiers_are_neutralised() {
        assert_eq!(
            inert("=HYPERLINK(\"http://x\")"),
            "'=HYPERLINK(\"http://x\")"
        );
        assert_eq!(inert("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(inert("-2+3"), "'-2+3");
        assert_eq!(inert("Association Exemple"), "Association Exemple");
    }

    #[test]
    fn control_and_bidi_characters_are_made_visible() {
        assert_eq!(inert("a\u{1b}[31mb\u{0}\u{7}"), "a␛[31mb␀␇");
        assert_eq!(inert("\u{202e}exe.txt"), "\u{fffd}exe.txt");
        assert_eq!(inert("\u{7}=1+1"), "␇=1+1");
    }
}
