//! What the staff page shows, written with the core's HTML builder (`crate::html`: every text
//! escaped) and put in place in one call each: the committee's table, the bad files, a dossier's
//! sheet and the print-only copy of the sheets; and the CSV of the table.

use crate::committee::Column;
use crate::committee::{self, Batch, Cell, Outcome, Row, NONE};
use crate::html::Html;
use crate::{fr, sheet};

use super::super::dom::{self, staff::set_html};
use super::State;
use crate::form::staff::text;

/// On a header's button: the index of the column it sorts by.
pub const SORT: &str = "data-sort";
/// On a line's button: the index of the file whose sheet it opens.
pub const OPEN: &str = "data-open";
/// On a line's date field: the index of the file whose date of receipt it sets.
pub const DATE_OF: &str = "data-date-of";

/// The columns the page shows, by their index in [`committee::COLUMNS`]: those of the core's table
/// (`sheet::pack::shown`), so that the table fits a laptop's screen.
fn columns() -> impl Iterator<Item = (usize, &'static Column)> {
    sheet::pack::shown()
        .into_iter()
        .map(|(index, column, _)| (index, column))
}

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
        &s.page.text(
            &crate::form::staff::counted(text::RECEIVED, s.checked.len()),
            &[("n", &s.checked.len().to_string())],
        ),
    );
    h.el("thead", &[], |h| {
        h.el("tr", &[], |h| {
            for (index, column) in columns() {
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
    let reading = match row.cells.last() {
        Some(Cell::Reading(Err(reason))) => Some(reason.as_str()),
        _ => None,
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
            if let (Some(reason), true) = (reading, row.is_readable()) {
                h.leaf("span", &[("class", "note")], reason);
            }
        });
        if !row.is_readable() {
            // An unreadable file's reason across the columns it has no value for.
            let span = (columns().count() - 1).to_string();
            h.leaf("td", &[("colspan", &span)], reading.unwrap_or(NONE));
        }
        for (index, column) in columns().skip(1).filter(|_| row.is_readable()) {
            h.el("td", &sheet::cell_attrs(column.kind, &[]), |h| {
                sheet::cell_html(h, &row.cells[index])
            });
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

fn totals(h: &mut Html, s: &State) {
    let (expenses, requested) = committee::totals(&s.checked);
    let sum = |cents: i128| i64::try_from(cents).map_or_else(|_| NONE.to_owned(), fr::euros);
    h.el("tfoot", &[], |h| {
        h.el("tr", &[], |h| {
            h.leaf("th", &[("scope", "row")], &s.page.text(text::TOTAL, &[]));
            for (index, _) in columns().skip(1) {
                match index {
                    committee::TOTAL_EXPENSES => h.leaf("td", &[("class", "n")], &sum(expenses)),
                    committee::REQUESTED => h.leaf("td", &[("class", "n")], &sum(requested)),
                    _ => h.leaf("td", &[], ""),
                };
            }
            // The column of the dates of receipt.
            h.leaf("td", &[], "");
        });
    });
}

/// The files that are not dossiers, and the dossiers sent twice, each with its reason.
fn bad_files(s: &State) {
    let mut h = Html::new();
    let mut any = false;
    for checked in &s.checked {
        if let Outcome::Unreadable(reason) | Outcome::Duplicate { reason, .. } = &checked.outcome {
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

/// The sheet of the file `index` (a dossier, a duplicate or an unreadable file), as `explor check
/// --format html` writes it.
fn sheet_markup(s: &State, index: usize) -> Option<String> {
    let checked = s.checked.get(index)?;
    Some(sheet::sheet_of(&s.page.edition, index, checked))
}

/// Shows the sheet of the file `index`; `false` if there is no such file.
pub fn sheet(s: &State, index: usize) -> bool {
    let Some(markup) = sheet_markup(s, index) else {
        return false;
    };
    // The sheet has « Écrire à l’association » (the core's `mailto:`) when the dossier has a contact.
    set_html(&s.els.sheet_body, &markup);
    true
}

/// The print-only copy: the sheet of `only`, or every sheet in the committee's order.
pub fn print_copy(s: &State, only: Option<usize>) {
    let markup = match only {
        Some(index) => sheet_markup(s, index).unwrap_or_default(),
        None => sheet::pack(&batch(s)),
    };
    set_html(&s.els.print, &markup);
}

/// The table as `explor check --format csv` writes it (the core writes both).
pub fn csv(s: &State) -> String {
    committee::csv(&batch(s))
}
