//! The selection committee's view of a batch of received files: what became of each file, and the
//! one row model that every report format renders (text, CSV, JSON, HTML). The columns are described
//! here once, with their labels and kinds; each format only decides how a kind is written.

mod mailto;
mod spreadsheet;

use jiff::civil::Date;

pub use self::mailto::{encode, mailto, Mailto, MAX_MAILTO};
pub use self::spreadsheet::csv;
pub use crate::received::{receive, too_large, Content, Received, Receiver};
use crate::{fr, Edition, Finding, Judged, Report, Severity};

/// What became of one file.
#[derive(Debug, Clone)]
pub enum Outcome {
    /// The file is a dossier: the dossier, its report and its unknown fields.
    Judged(Box<Judged>),
    /// The file repeats an earlier one of the batch (same bytes, or same association and mission
    /// title): judged and shown, but counted once, as the earlier one. `reason` names that file.
    Duplicate { judged: Box<Judged>, reason: String },
    /// The file could not be read or is not a dossier: why, in French.
    Unreadable(String),
}

impl Outcome {
    /// The dossier and its report, for a dossier counted or a duplicate.
    pub fn judged(&self) -> Option<&Judged> {
        match self {
            Outcome::Judged(judged) | Outcome::Duplicate { judged, .. } => Some(judged),
            Outcome::Unreadable(_) => None,
        }
    }

    /// The dossier and its report when it counts in the batch's totals (not a duplicate).
    pub fn counted(&self) -> Option<&Judged> {
        match self {
            Outcome::Judged(judged) => Some(judged),
            _ => None,
        }
    }
}

/// One file of a batch: its name as the user gave it (or as found in a folder they named), and the
/// day it was sent, which its deadline was judged against (DOSSIER.md §3: one date per dossier).
#[derive(Debug, Clone)]
pub struct Checked {
    pub file: String,
    pub sent: Date,
    pub outcome: Outcome,
}

/// Everything a report needs: the edition judged against, the batch's date of receipt (each file's
/// own date is in its [`Checked`]) and the outcomes, in the order the files were given.
pub struct Batch<'a> {
    pub edition: &'a Edition,
    pub today: Date,
    pub checked: &'a [Checked],
}

/// How a column's values are written: each format renders a kind its own way (a decimal number in
/// a spreadsheet, grouped euros on a page, an integer of cents in JSON…).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Text from the dossier or the edition.
    Text,
    /// A `YYYY-MM-DD` date as the dossier writes it.
    Date,
    /// A whole number (days, counts of findings).
    Number,
    /// Euro cents.
    Money,
    /// Yes or no.
    Verdict,
    /// Whether the file could be read: « OK » or why not. Pages say it in the file's details
    /// instead of a column.
    Reading,
}

/// One column of the committee's table.
#[derive(Debug, Clone, Copy)]
pub struct Column {
    /// The stable key of the value in JSON.
    pub id: &'static str,
    /// The French heading, without unit.
    pub label: &'static str,
    pub kind: Kind,
}

const fn col(id: &'static str, label: &'static str, kind: Kind) -> Column {
    Column { id, label, kind }
}

/// The committee's columns, in order (DOSSIER.md §3).
pub const COLUMNS: [Column; 17] = [
    col("file", "Fichier", Kind::Text),
    col("association", "Association", Kind::Text),
    col("city", "Ville", Kind::Text),
    col("partner_country", "Pays du partenaire", Kind::Text),
    col("mission_kind", "Type de mission", Kind::Text),
    col("start_date", "Début", Kind::Date),
    col("end_date", "Fin", Kind::Date),
    col("duration_days", "Durée (jours)", Kind::Number),
    col("total_expenses_cents", "Total des dépenses", Kind::Money),
    col("requested_cents", "Contribution demandée", Kind::Money),
    col(
        "max_contribution_cents",
        "Contribution maximale",
        Kind::Money,
    ),
    col("eligible", "Éligible", Kind::Verdict),
    col("complete", "Complet", Kind::Verdict),
    col("on_time", "Envoyé à temps", Kind::Verdict),
    col("errors", "Erreurs", Kind::Number),
    col("warnings", "Avertissements", Kind::Number),
    col("reading", "Lecture", Kind::Reading),
];

/// Index of the columns the formats treat specially.
pub const FILE: usize = 0;
pub const TOTAL_EXPENSES: usize = 8;
pub const REQUESTED: usize = 9;

/// One value of a row; `None` where a figure cannot be computed or a file is unreadable.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cell {
    Text(String),
    Number(Option<i64>),
    Money(Option<i64>),
    Verdict(Option<bool>),
    /// `Ok` for a dossier, `Err(reason)` for an unreadable file.
    Reading(Result<(), String>),
}

/// One file's row: its position among the files given (for links to its details), whether it
/// counts, and one cell per column of [`COLUMNS`].
#[derive(Debug, Clone)]
pub struct Row {
    pub index: usize,
    pub standing: Standing,
    pub cells: Vec<Cell>,
}

/// Whether a row counts in the batch's totals.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Standing {
    /// A dossier, counted.
    Counted,
    /// A dossier repeating an earlier one: its cells are filled, its reading says why it is not
    /// counted.
    Duplicate,
    /// Not a dossier: only its name and its reading.
    Unreadable,
}

/// The file's own name, without folders (the browser and the command line name files alike).
pub fn file_name(file: &str) -> &str {
    file.rsplit(['/', '\\']).next().unwrap_or(file)
}

/// The label of the item of `items` whose id (`id_of`) is `id`, trimmed; an unknown id as written.
pub(crate) fn label_of<T>(
    items: &[T],
    id: &str,
    id_of: impl Fn(&T) -> &str,
    label_of: impl Fn(&T) -> &str,
) -> String {
    let id = id.trim();
    items
        .iter()
        .find(|item| id_of(item) == id)
        .map_or(id, label_of)
        .to_owned()
}

/// `SN` (or `sn`) → `Sénégal`, from the edition's DAC list, found as the rules find it; an unknown
/// code is shown as written.
pub fn country_name(edition: &Edition, code: &str) -> String {
    crate::rules::country_name(edition, code)
}

/// `preparation` → its label in the edition; an unknown id is shown as written.
pub fn kind_label(edition: &Edition, id: &str) -> String {
    label_of(&edition.mission.types, id, |t| &t.id, |t| &t.label)
}

fn count(judged: &Judged, severity: Severity) -> Option<i64> {
    i64::try_from(judged.report.count(severity)).ok()
}

impl Row {
    /// The row of `checked`, the `index`-th file given.
    pub fn new(edition: &Edition, index: usize, checked: &Checked) -> Row {
        let name = Cell::Text(file_name(&checked.file).to_owned());
        let (judged, standing, reading) = match &checked.outcome {
            Outcome::Judged(judged) => (judged, Standing::Counted, Ok(())),
            Outcome::Duplicate { judged, reason } => {
                (judged, Standing::Duplicate, Err(reason.clone()))
            }
            Outcome::Unreadable(reason) => {
                let mut cells = vec![name];
                cells.extend(COLUMNS[1..COLUMNS.len() - 1].iter().map(|c| empty(c.kind)));
                cells.push(Cell::Reading(Err(reason.clone())));
                return Row {
                    index,
                    standing: Standing::Unreadable,
                    cells,
                };
            }
        };
        let (d, r) = (&judged.dossier, &judged.report);
        let text = |s: &str| Cell::Text(s.trim().to_owned());
        let cells = vec![
            name,
            text(&d.applicant.name),
            text(&d.applicant.address.city),
            Cell::Text(country_name(edition, &d.partner.country)),
            Cell::Text(kind_label(edition, &d.mission.kind)),
            text(&d.mission.start_date),
            text(&d.mission.end_date),
            Cell::Number(r.figures.duration_days),
            Cell::Money(r.figures.total_expenses_cents),
            Cell::Money(r.figures.requested_cents),
            Cell::Money(r.figures.max_contribution_cents),
            Cell::Verdict(Some(r.eligible)),
            Cell::Verdict(Some(r.complete)),
            Cell::Verdict(Some(r.on_time)),
            Cell::Number(count(judged, Severity::Error)),
            Cell::Number(count(judged, Severity::Warning)),
            Cell::Reading(reading),
        ];
        Row {
            index,
            standing,
            cells,
        }
    }

    /// Whether the file was read as a dossier (counted or a duplicate).
    pub fn is_readable(&self) -> bool {
        self.standing != Standing::Unreadable
    }
}

fn empty(kind: Kind) -> Cell {
    match kind {
        Kind::Text | Kind::Date => Cell::Text(String::new()),
        Kind::Number => Cell::Number(None),
        Kind::Money => Cell::Money(None),
        Kind::Verdict => Cell::Verdict(None),
        Kind::Reading => Cell::Reading(Ok(())),
    }
}

/// The association's name, or `""` for an unreadable file.
fn association(checked: &Checked) -> &str {
    checked
        .outcome
        .judged()
        .map_or("", |judged| judged.dossier.applicant.name.trim())
}

/// The rows in the committee's order: complete dossiers first, then eligible ones with errors, then
/// ineligible ones, then duplicates, then unreadable files; within each, by association name as a French dictionary
/// sorts it, then by file name.
pub fn rows(batch: &Batch) -> Vec<Row> {
    let mut order: Vec<(usize, &Checked)> = batch.checked.iter().enumerate().collect();
    order.sort_by_cached_key(|&(_, c)| {
        let rank = match &c.outcome {
            Outcome::Judged(j) if j.report.complete => 0,
            Outcome::Judged(j) if j.report.eligible => 1,
            Outcome::Judged(_) => 2,
            Outcome::Duplicate { .. } => 3,
            Outcome::Unreadable(_) => 4,
        };
        (rank, fr::collation_key(association(c)), c.file.clone())
    });
    order
        .into_iter()
        .map(|(index, c)| Row::new(batch.edition, index, c))
        .collect()
}

/// Sums of the total expenses and of the requested contributions over the judged files, duplicates
/// left out, in cents (wide enough that no sum of `i64` amounts overflows).
pub fn totals(checked: &[Checked]) -> (i128, i128) {
    checked.iter().fold((0, 0), |(expenses, requested), c| {
        match c.outcome.counted() {
            Some(j) => (
                expenses + i128::from(j.report.figures.total_expenses_cents.unwrap_or(0)),
                requested + i128::from(j.report.figures.requested_cents.unwrap_or(0)),
            ),
            None => (expenses, requested),
        }
    })
}

/// The closing line: « 3 dossiers, 1 complet, 1 avec erreurs, 1 illisible. », with the late ones
/// and the duplicates when there are any. A late dossier can be complete and count among those
/// with errors (`submission.closed` is an error that leaves it complete). A duplicate is not counted
/// among the dossiers: it is the earlier file's dossier again.
pub fn tally(checked: &[Checked]) -> String {
    let (mut complete, mut with_errors, mut unreadable, mut late, mut twice) = (0, 0, 0, 0, 0);
    for c in checked {
        match &c.outcome {
            Outcome::Judged(j) => {
                complete += usize::from(j.report.complete);
                with_errors += usize::from(j.report.count(Severity::Error) > 0);
                late += usize::from(!j.report.on_time);
            }
            Outcome::Duplicate { .. } => twice += 1,
            Outcome::Unreadable(_) => unreadable += 1,
        }
    }
    let twice_text = if twice > 0 {
        format!(
            ", {}",
            fr::count(twice, "doublon non compté", "doublons non comptés")
        )
    } else {
        String::new()
    };
    let late = if late > 0 {
        format!(
            ", {} après la date limite",
            fr::count(late, "envoyé", "envoyés")
        )
    } else {
        String::new()
    };
    format!(
        "{}, {}, {with_errors}{}avec erreurs, {}{late}{twice_text}.",
        fr::count(checked.len() - twice, "dossier", "dossiers"),
        fr::count(complete, "complet", "complets"),
        fr::NBSP,
        fr::count(unreadable, "illisible", "illisibles"),
    )
}

/// Shown where a figure cannot be computed or a value is missing.
pub const NONE: &str = "—";

/// A judged file's verdicts and figures as labelled lines, in the order the text report and the
/// readable sheet show them.
pub fn details(judged: &Judged) -> Vec<(&'static str, String)> {
    let (d, r) = (&judged.dossier, &judged.report);
    let money = |cents: Option<i64>| cents.map_or_else(|| NONE.to_owned(), fr::euros);
    let name = d.applicant.name.trim();
    vec![
        (
            "Association",
            if name.is_empty() {
                NONE.to_owned()
            } else {
                name.to_owned()
            },
        ),
        ("Éligible", fr::yes_no(r.eligible).to_owned()),
        ("Complet", fr::yes_no(r.complete).to_owned()),
        ("Envoyé à temps", fr::yes_no(r.on_time).to_owned()),
        (
            "Durée",
            r.figures
                .duration_days
                .map_or_else(|| NONE.to_owned(), fr::days),
        ),
        ("Total des dépenses", money(r.figures.total_expenses_cents)),
        (
            "Total des ressources",
            money(r.figures.total_resources_cents),
        ),
        ("Contribution demandée", money(r.figures.requested_cents)),
        (
            "Contribution maximale",
            money(r.figures.max_contribution_cents),
        ),
    ]
}

/// The heading of a group of findings.
fn severity_heading(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "Erreurs",
        Severity::Warning => "Avertissements",
        Severity::Info => "Informations",
    }
}

/// The findings grouped by severity (errors, warnings, then information), each group in form order
/// and headed in words with its count (« Erreurs (2) »); empty groups left out.
pub fn findings_by_severity(report: &Report) -> Vec<(String, Vec<&Finding>)> {
    [Severity::Error, Severity::Warning, Severity::Info]
        .into_iter()
        .filter_map(|severity| {
            let group: Vec<&Finding> = report
                .findings
                .iter()
                .filter(|f| f.severity == severity)
                .collect();
            let heading = format!("{} ({})", severity_heading(severity), group.len());
            (!group.is_empty()).then_some((heading, group))
        })
        .collect()
}
