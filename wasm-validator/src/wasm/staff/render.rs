//! What the staff page shows, written with the core's HTML builder (`crate::html`: every text
//! escaped) and put in place in one call each: the committee's table, the bad files, a dossier's
//! sheet and the print-only copy of the sheets; and the CSV of the table.

use crate::committee::{self, Batch, Cell, Kind, Outcome, Row, COLUMNS, NONE};
use crate::html::Html;
use crate::{fr, sheet, Judged};

use super::super::dom::{self, staff::set_html};
use super::State;
use crate::form::staff::text;

/// On a header's button: the index of the column it sorts by.
pub const SORT: &str = "data-sort";
/// On a line's button: the index of the file whose sheet it opens.
pub const OPEN: &str = "data-open";
/// On a line's date field: the index of the file whose date of receipt it sets.
pub const DATE_OF: &str = "data-date-of";

/// The batch as the core sees it.
fn batch(s: &State) -> Batch<'_> {
    Batch {
        edition: &s.page.edition,
        today: s.batch_date,
        checked: &s.checked,
    }
}

/// The rows shown: the committee's order, the chosen sort, the chosen filter.
fn rows(s: &State) -> Vec<Row> {
    let mut rows = committee::rows(&batch(s));
    s.sort.apply(&mut rows);
    rows.retain(|r| s.filter.keeps(r));
    rows
}

pub fn shown(s: &State) -> usize {
    rows(s).len()
}

/// Everything that depends on the batch: the results, the tally, the bad files.
pub fn all(s: &State) {
    dom::set_hidden(&s.els.results, s.checked.is_empty());
    dom::set_text(&s.els.tally, &committee::tally(&s.checked));
    table(s);
    bad_files(s);
}

/// The committee's table: sortable headers, one line per file, the totals.
pub fn table(s: &State) {
    let mut h = Html::new();
    h.leaf(
        "caption",
        &[],
        &s.page
            .text(text::RECEIVED, &[("n", &s.checked.len().to_string())]),
    );
    h.el("thead", &[], |h| {
        h.el("tr", &[], |h| {
            for (index, column) in COLUMNS.iter().enumerate() {
                header(h, s, index, column.label);
            }
            h.leaf("th", &[("scope", "col")], "Reçu le");
        });
    });
    h.el("tbody", &[], |h| {
        for row in rows(s) {
            line(h, s, &row);
        }
    });
    totals(&mut h, s);
    set_html(&s.els.table, &h.finish());
}

fn header(h: &mut Html, s: &State, index: usize, label: &str) {
    let sort = match s.sort.column {
        Some(c) if c == index && s.sort.descending => "descending",
        Some(c) if c == index => "ascending",
        _ => "none",
    };
    let number = index.to_string();
    h.el("th", &[("scope", "col"), ("aria-sort", sort)], |h| {
        h.leaf("button", &[("type", "button"), (SORT, &number)], label);
    });
}

fn line(h: &mut Html, s: &State, row: &Row) {
    let index = row.index.to_string();
    let name = match &row.cells[committee::FILE] {
        Cell::Text(name) => name.as_str(),
        _ => "",
    };
    h.el("tr", &[], |h| {
        h.el("th", &[("scope", "row")], |h| {
            if row.is_readable() {
                h.el("button", &[("type", "button"), (OPEN, &index)], |h| {
                    h.user(name);
                });
            } else {
                h.user(name);
            }
        });
        if !row.is_readable() {
            // An unreadable file's reason across the columns it has no value for.
            let span = (COLUMNS.len() - 1).to_string();
            let reason = row.cells.last().map_or(Cell::Reading(Ok(())), Clone::clone);
            h.el("td", &[("colspan", &span)], |h| cell_html(h, &reason));
        }
        let cells = COLUMNS.iter().zip(&row.cells).skip(1);
        for (column, cell) in cells.filter(|_| row.is_readable()) {
            let class = match column.kind {
                Kind::Number | Kind::Money => "n",
                Kind::Date => "d",
                _ => "",
            };
            h.el("td", &[("class", class)], |h| cell_html(h, cell));
        }
        let date = s.entries[row.index]
            .date
            .unwrap_or(s.batch_date)
            .to_string();
        let label = format!("Date de réception de {name}");
        h.el("td", &[], |h| {
            h.void(
                "input",
                &[
                    ("type", "date"),
                    ("value", &date),
                    (DATE_OF, &index),
                    ("aria-label", &label),
                ],
            );
        });
    });
}

fn cell_html(h: &mut Html, cell: &Cell) {
    match cell {
        Cell::Text(text) if text.is_empty() => {
            h.text(NONE);
        }
        Cell::Text(text) => {
            h.user(text);
        }
        Cell::Number(n) => {
            h.text(&n.map_or_else(|| NONE.to_owned(), |n| n.to_string()));
        }
        Cell::Money(cents) => {
            h.text(&cents.map_or_else(|| NONE.to_owned(), fr::euros));
        }
        Cell::Verdict(v) => {
            h.text(v.map_or(NONE, fr::yes_no));
        }
        Cell::Reading(Ok(())) => {
            h.text("OK");
        }
        Cell::Reading(Err(reason)) => {
            h.text(reason);
        }
    }
}

fn totals(h: &mut Html, s: &State) {
    let (expenses, requested) = committee::totals(&s.checked);
    let sum = |cents: i128| i64::try_from(cents).map_or_else(|_| NONE.to_owned(), fr::euros);
    h.el("tfoot", &[], |h| {
        h.el("tr", &[], |h| {
            h.leaf("th", &[("scope", "row")], &s.page.text(text::TOTAL, &[]));
            for index in 1..=COLUMNS.len() {
                match index {
                    committee::TOTAL_EXPENSES => h.leaf("td", &[("class", "n")], &sum(expenses)),
                    committee::REQUESTED => h.leaf("td", &[("class", "n")], &sum(requested)),
                    _ => h.leaf("td", &[], ""),
                };
            }
        });
    });
}

/// The files that are not dossiers, each with its reason.
fn bad_files(s: &State) {
    let mut h = Html::new();
    let mut any = false;
    for checked in &s.checked {
        if let Outcome::Unreadable(reason) = &checked.outcome {
            any = true;
            h.el("li", &[], |h| {
                h.el("strong", &[], |h| {
                    h.user(committee::file_name(&checked.file));
                });
                h.text(&format!("{}: {reason}", fr::NBSP));
            });
        }
    }
    dom::set_hidden(&s.els.bad, !any);
    set_html(&s.els.bad_list, &h.finish());
}

fn judged(s: &State, index: usize) -> Option<(&str, &Judged)> {
    let checked = s.checked.get(index)?;
    match &checked.outcome {
        Outcome::Judged(judged) => Some((committee::file_name(&checked.file), judged)),
        Outcome::Unreadable(_) => None,
    }
}

/// The readable sheet of a dossier, as `explor check --format html` writes it: the content of the
/// core's standalone page (the page's own style sheet replaces its inline one).
fn sheet_markup(s: &State, file: &str, judged: &Judged) -> String {
    let page = sheet::dossier_page(&s.page.edition, file, judged);
    let start = page.find("<main>").map_or(0, |i| i + "<main>".len());
    let end = page.rfind("</main>").unwrap_or(page.len());
    page[start..end].to_owned()
}

/// Shows the sheet of the file `index`; `false` if it is not a dossier.
pub fn sheet(s: &State, index: usize) -> bool {
    let Some((file, judged)) = judged(s, index) else {
        return false;
    };
    set_html(&s.els.sheet_body, &sheet_markup(s, file, judged));
    dom::set_attr(&s.els.mail, "href", &mailto(s, judged));
    true
}

/// The print-only copy: the sheet of `only`, or of every dossier in the table's order.
pub fn print_copy(s: &State, only: Option<usize>) {
    let indices: Vec<usize> = match only {
        Some(index) => vec![index],
        None => rows(s).iter().map(|r| r.index).collect(),
    };
    let mut markup = String::new();
    for index in indices {
        if let Some((file, judged)) = judged(s, index) {
            markup.push_str("<article class=\"print-sheet\">");
            markup.push_str(&sheet_markup(s, file, judged));
            markup.push_str("</article>");
        }
    }
    set_html(&s.els.print, &markup);
}

/// `mailto:` the association's contact, with the edition, the file and what to correct.
fn mailto(s: &State, judged: &Judged) -> String {
    let subject = format!("Votre dossier {}", s.page.edition.title);
    let mut body = String::from("Bonjour,\n\nVoici ce qu’il faut corriger dans votre dossier :\n");
    for finding in &judged.report.findings {
        if finding.severity == crate::Severity::Error {
            body.push_str(&format!("- {}\n", finding.message));
        }
    }
    format!(
        "mailto:{}?subject={}&body={}",
        encode(judged.dossier.applicant.contact.email.trim()),
        encode(&subject),
        encode(&body)
    )
}

/// Percent-encoding of everything but the unreserved characters (RFC 3986).
fn encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~@".contains(&byte) {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// The table as `explor check --format csv` writes it.
pub fn csv(s: &State) -> String {
    // Until the core writes the CSV once (`committee::csv`), the same format as the command's.
    let field = |text: &str| {
        if text.contains([';', '"', '\n', '\r']) {
            format!("\"{}\"", text.replace('"', "\"\""))
        } else {
            text.to_owned()
        }
    };
    let inert = |text: &str| {
        let text = fr::visible(text);
        if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
            format!("'{text}")
        } else {
            text
        }
    };
    let value = |cell: &Cell| match cell {
        Cell::Text(text) => inert(text),
        Cell::Number(n) => n.map(|n| n.to_string()).unwrap_or_default(),
        Cell::Money(c) => c.map(|c| fr::decimal(i128::from(c))).unwrap_or_default(),
        Cell::Verdict(v) => v.map(fr::yes_no).unwrap_or_default().to_owned(),
        Cell::Reading(Ok(())) => "OK".to_owned(),
        Cell::Reading(Err(reason)) => inert(reason),
    };
    let mut out = String::from("\u{feff}");
    let mut line = |cells: Vec<String>| {
        let cells: Vec<String> = cells.iter().map(|c| field(c)).collect();
        out.push_str(&cells.join(";"));
        out.push_str("\r\n");
    };
    line(
        COLUMNS
            .iter()
            .map(|c| match c.kind {
                Kind::Money => format!("{} (€)", c.label),
                _ => c.label.to_owned(),
            })
            .collect(),
    );
    for row in committee::rows(&batch(s)) {
        line(row.cells.iter().map(value).collect());
    }
    let (expenses, requested) = committee::totals(&s.checked);
    let mut total = vec![String::new(); COLUMNS.len()];
    total[committee::FILE] = "Total".to_owned();
    total[committee::TOTAL_EXPENSES] = fr::decimal(expenses);
    total[committee::REQUESTED] = fr::decimal(requested);
    line(total);
    out
}
