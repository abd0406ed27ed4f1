//! The staff page (`/verification/`) without the browser: the contract between its template and its
//! controller (`wasm::staff`), and the table's order and filters, tested natively.
//!
//! The page judges received files with the core (`crate::judge`, `crate::committee`) and renders
//! sheets with `crate::sheet`; what is here is only what the page adds: which column sorts the
//! table and in which direction, and which rows a filter keeps.

use crate::committee::{Cell, Row, Standing, COLUMNS};
use crate::form::contract::{attr, PageContract};
use crate::fr;

/// The value of `data-explor-app` on the staff page's `#app`.
pub const APP: &str = "verification";

/// The staff page's own ids, resolved by `wasm::staff` at mount (in this order).
pub const IDS: [&str; 14] = [
    "staff-files",
    "staff-folder",
    "staff-drop",
    "staff-date",
    "staff-status",
    "staff-results",
    "staff-filter",
    "staff-table",
    "staff-tally",
    "staff-bad",
    "staff-bad-list",
    "staff-sheet",
    "staff-sheet-body",
    "staff-print",
];

/// Values of `data-action` on the staff page.
pub mod action {
    pub const EXPORT_CSV: &str = "export-csv";
    pub const PRINT_ALL: &str = "print-all";
    pub const PRINT_ONE: &str = "print-one";
    pub const CLOSE_SHEET: &str = "close-sheet";
}

/// Keys of the staff page's sentences in `#texts`. Those with a count have two forms, `-one` (0 or 1)
/// and `-many`, chosen by [`counted`].
pub mod text {
    pub const READING: &str = "staff-reading";
    pub const JUDGING: &str = "staff-judging";
    pub const JUDGED: &str = "staff-judged";
    pub const SORTED: &str = "staff-sorted";
    pub const ASCENDING: &str = "staff-ascending";
    pub const DESCENDING: &str = "staff-descending";
    pub const FILTERED: &str = "staff-filtered";
    pub const EXPORTED: &str = "staff-exported";
    pub const RECEIVED: &str = "staff-received";
    pub const TOTAL: &str = "staff-total";
}

/// The key of the form of `key` for the count `n`: French puts 0 and 1 in the singular.
pub fn counted(key: &str, n: usize) -> String {
    format!("{key}-{}", if n <= 1 { "one" } else { "many" })
}

/// What the staff page must provide (checked on the built page by `generator/tests/staff_page.rs`).
pub const CONTRACT: PageContract = PageContract {
    app: APP,
    ids: &IDS,
    attributes: &[attr::APP, attr::UTC_OFFSETS, attr::TEXT, attr::ACTION],
    actions: &[
        action::EXPORT_CSV,
        action::PRINT_ALL,
        action::PRINT_ONE,
        action::CLOSE_SHEET,
    ],
    classes: &[],
    texts: &[
        "staff-reading-one",
        "staff-reading-many",
        text::JUDGING,
        "staff-judged-one",
        "staff-judged-many",
        text::SORTED,
        text::ASCENDING,
        text::DESCENDING,
        "staff-filtered-one",
        "staff-filtered-many",
        text::EXPORTED,
        "staff-received-one",
        "staff-received-many",
        text::TOTAL,
    ],
};

/// Which rows the table shows (the values of the filter's `<select>`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Filter {
    All,
    Complete,
    WithErrors,
    Unreadable,
}

/// The `complete` column, and the `errors` one, by their stable ids.
fn column(id: &str) -> Option<usize> {
    COLUMNS.iter().position(|c| c.id == id)
}

impl Filter {
    /// The filter named by the `<select>`'s value; every row for an unknown one.
    pub fn parse(value: &str) -> Filter {
        match value {
            "complete" => Filter::Complete,
            "errors" => Filter::WithErrors,
            "unreadable" => Filter::Unreadable,
            _ => Filter::All,
        }
    }

    /// Whether `row` is shown: a complete dossier, one with at least one error (both counted in
    /// the batch), a file that is not counted (unreadable, or a dossier sent twice).
    pub fn keeps(self, row: &Row) -> bool {
        let cell = |id: &str| column(id).and_then(|i| row.cells.get(i));
        let counted = row.standing == Standing::Counted;
        match self {
            Filter::All => true,
            Filter::Complete => {
                counted && matches!(cell("complete"), Some(Cell::Verdict(Some(true))))
            }
            Filter::WithErrors => {
                counted && matches!(cell("errors"), Some(Cell::Number(Some(n))) if *n > 0)
            }
            Filter::Unreadable => !counted,
        }
    }
}

/// How the table is sorted: a column of [`COLUMNS`] and a direction; `None` keeps the committee's
/// order (`committee::rows`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Sort {
    pub column: Option<usize>,
    pub descending: bool,
}

impl Sort {
    /// The order after activating the header of `column`: ascending first, then the other way.
    pub fn toggled(self, column: usize) -> Sort {
        let descending = self.column == Some(column) && !self.descending;
        Sort {
            column: Some(column),
            descending,
        }
    }

    /// Sorts `rows` (stable: equal rows keep the committee's order); missing values always last.
    pub fn apply(self, rows: &mut [Row]) {
        let Some(column) = self.column else {
            return;
        };
        let descending = self.descending;
        rows.sort_by(|a, b| {
            let (ka, kb) = (key(a.cells.get(column)), key(b.cells.get(column)));
            let value = (ka.1, &ka.2).cmp(&(kb.1, &kb.2));
            let value = if descending { value.reverse() } else { value };
            ka.0.cmp(&kb.0).then(value)
        });
    }
}

/// The sort key of a cell: whether it is missing (missing last), then its value as a French
/// reader orders it (text by dictionary order, numbers and amounts by value, « Non » before « Oui »).
fn key(cell: Option<&Cell>) -> (bool, i64, (String, String)) {
    let none = (true, 0, (String::new(), String::new()));
    match cell {
        Some(Cell::Text(text)) if !text.is_empty() => (false, 0, fr::collation_key(text)),
        Some(Cell::Number(Some(n)) | Cell::Money(Some(n))) => (false, *n, Default::default()),
        Some(Cell::Verdict(Some(v))) => (false, i64::from(*v), Default::default()),
        Some(Cell::Reading(Err(reason))) => (false, 0, fr::collation_key(reason)),
        Some(Cell::Reading(Ok(()))) => (false, 0, Default::default()),
        _ => none,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(index: usize, name: &str, errors: Option<i64>, complete: Option<bool>) -> Row {
        let mut cells: Vec<Cell> = COLUMNS
            .iter()
            .map(|c| match c.kind {
                crate::committee::Kind::Money | crate::committee::Kind::Number => {
                    Cell::Number(None)
                }
                crate::committee::Kind::Verdict => Cell::Verdict(None),
                crate::committee::Kind::Reading => Cell::Reading(Ok(())),
                _ => Cell::Text(String::new()),
            })
            .collect();
        cells[1] = Cell::Text(name.to_owned());
        cells[column("errors").unwrap()] = Cell::Number(errors);
        cells[column("complete").unwrap()] = Cell::Verdict(complete);
        let standing = if complete.is_none() {
            *cells.last_mut().unwrap() = Cell::Reading(Err("illisible".to_owned()));
            Standing::Unreadable
        } else {
            Standing::Counted
        };
        Row {
            index,
            standing,
            cells,
        }
    }

    fn names(rows: &[Row]) -> Vec<usize> {
        rows.iter().map(|r| r.index).collect()
    }

    #[test]
    fn sorting_by_a_column_puts_missing_values_last_both_ways() {
        let errors = column("errors").unwrap();
        let mut rows = vec![
            row(0, "Élan", Some(2), Some(false)),
            row(1, "", None, None),
            row(2, "Abeille", Some(0), Some(true)),
            row(3, "Zèbre", Some(2), Some(true)),
        ];
        let sort = Sort::default().toggled(errors);
        sort.apply(&mut rows);
        assert_eq!(names(&rows), [2, 0, 3, 1]);
        let sort = sort.toggled(errors);
        assert!(sort.descending);
        sort.apply(&mut rows);
        assert_eq!(names(&rows), [0, 3, 2, 1]);
        Sort::default().toggled(1).apply(&mut rows);
        assert_eq!(
            names(&rows),
            [2, 0, 3, 1],
            "Élan sorts as Elan, before Zèbre"
        );
    }

    #[test]
    fn a_count_chooses_the_french_form() {
        assert_eq!(counted(text::JUDGED, 0), "staff-judged-one");
        assert_eq!(counted(text::JUDGED, 1), "staff-judged-one");
        assert_eq!(counted(text::JUDGED, 2), "staff-judged-many");
    }

    #[test]
    fn each_filter_keeps_its_rows() {
        let mut twice = row(3, "B", Some(0), Some(true));
        twice.standing = Standing::Duplicate;
        let rows = [
            row(0, "A", Some(2), Some(false)),
            row(1, "", None, None),
            row(2, "B", Some(0), Some(true)),
            twice,
        ];
        let kept = |f: Filter| -> Vec<usize> {
            rows.iter()
                .filter(|r| f.keeps(r))
                .map(|r| r.index)
                .collect()
        };
        assert_eq!(kept(Filter::parse("complete")), [2]);
        assert_eq!(kept(Filter::parse("errors")), [0]);
        assert_eq!(kept(Filter::parse("unreadable")), [1, 3]);
        assert_eq!(kept(Filter::parse("")), [0, 1, 2, 3]);
    }
}
