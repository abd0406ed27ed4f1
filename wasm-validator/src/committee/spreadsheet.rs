//! The selection committee's table as a CSV that LibreOffice and a French Excel open cleanly (UTF-8
//! with a byte order mark, `;` between cells, CRLF line ends, decimal commas), every text made
//! visible and inert. Written once here for `explor check --format csv` and the staff page, so that
//! both give the same bytes for the same files and dates.

use super::{rows, totals, Batch, Cell, Kind, COLUMNS, FILE, REQUESTED, TOTAL_EXPENSES};
use crate::fr;

/// Without it, Excel reads the file as Windows-1252 and garbles every accent.
const BOM: char = '\u{feff}';

/// The batch's table: a header line, one line per file in the committee's order, then the totals.
pub fn csv(batch: &Batch) -> String {
    let mut out = String::new();
    out.push(BOM);
    record(
        &mut out,
        COLUMNS.iter().map(|c| match c.kind {
            Kind::Money => format!("{} (€)", c.label),
            _ => c.label.to_owned(),
        }),
    );
    for row in rows(batch) {
        record(&mut out, row.cells.iter().map(value));
    }
    let (expenses, requested) = totals(batch.checked);
    let mut total = vec![String::new(); COLUMNS.len()];
    total[FILE] = "Total".to_owned();
    total[TOTAL_EXPENSES] = fr::decimal(expenses);
    total[REQUESTED] = fr::decimal(requested);
    record(&mut out, total);
    out
}

/// One line: the fields joined by `;`, each quoted only when it must be (it holds a `;`, a quote or
/// a line break; quotes inside doubled), ended by CRLF, as RFC 4180 readers expect.
fn record(out: &mut String, fields: impl IntoIterator<Item = String>) {
    for (i, field) in fields.into_iter().enumerate() {
        if i > 0 {
            out.push(';');
        }
        if field.contains([';', '"', '\r', '\n']) {
            out.push('"');
            out.push_str(&field.replace('"', "\"\""));
            out.push('"');
        } else {
            out.push_str(&field);
        }
    }
    out.push_str("\r\n");
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
    use super::{inert, record};

    #[test]
    fn formulas_from_dossiers_are_neutralised() {
        assert_eq!(
            inert("=HYPERLINK(\"http://x\")"),
            "'=HYPERLINK(\"http://x\")"
        );
        assert_eq!(inert("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(inert("-2+3"), "'-2+3");
        assert_eq!(inert("+33 3 20"), "'+33 3 20");
        assert_eq!(inert("Association Exemple"), "Association Exemple");
    }

    #[test]
    fn control_and_bidi_characters_are_made_visible() {
        assert_eq!(inert("a\u{1b}[31mb\u{0}\u{7}"), "a␛[31mb␀␇");
        assert_eq!(inert("\u{202e}exe.txt"), "\u{fffd}exe.txt");
        assert_eq!(inert("\u{7}=1+1"), "␇=1+1");
    }

    #[test]
    fn fields_are_quoted_only_when_they_must_be() {
        let cases = [
            ("plain", "plain"),
            ("", ""),
            ("a;b", "\"a;b\""),
            ("say \"hi\"", "\"say \"\"hi\"\"\""),
            ("two\nlines", "\"two\nlines\""),
            ("cr\rhere", "\"cr\rhere\""),
            ("1 000,50", "1 000,50"),
        ];
        for (field, written) in cases {
            let mut out = String::new();
            record(&mut out, [field.to_owned()]);
            assert_eq!(out, format!("{written}\r\n"), "{field:?}");
        }
        let mut out = String::new();
        record(&mut out, ["a".to_owned(), String::new(), "c".to_owned()]);
        assert_eq!(out, "a;;c\r\n");
    }
}
