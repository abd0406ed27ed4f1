//! The staff page's controller (`/verification/`, its own module: feature `staff`): files chosen,
//! dropped or found in a folder are read, judged with the core against the date each was received,
//! and shown as the committee's table (sortable, filterable, with totals); a line opens the
//! dossier's sheet (`crate::sheet`), which prints alone or with all the others; the table goes out
//! as the same CSV as `explor check`. Nothing is sent anywhere, nothing is stored.
//!
//! What this controller decides is only the page's: the receiving of a batch, the rows and their
//! CSV, the sheets and the e-mail are the core's (`committee`, `sheet`).

use std::cell::RefCell;
use std::rc::Rc;

use jiff::civil::Date;

use super::dom::staff::{self as files, Received};
use super::dom::{self, Element, Event};
use super::page::Page;
use crate::committee::{self, Content, Received as File, Receiver};
use crate::form::contract::attr;
use crate::form::drafts::Chosen;
use crate::form::staff::{action, text, Filter, Sort, IDS};
use crate::{edition::parse_date, MAX_BYTES};

mod render;

/// Runs when the staff module is loaded (the form pages' modules have their own start, in `api`).
#[cfg(not(any(feature = "candidature", feature = "eligibilite")))]
#[wasm_bindgen::prelude::wasm_bindgen(start)]
pub fn start() {
    let Some(root) = dom::by_id(crate::form::contract::id::APP) else {
        return;
    };
    if dom::attr(&root, attr::APP).as_deref() == Some(crate::form::staff::APP) {
        mount(root);
    }
}

/// One file received: its name, what could be read of it, and its own date of receipt when the
/// staff member changed it.
struct Entry {
    name: String,
    content: Stored,
    date: Option<Date>,
}

/// What the browser could read of a file, kept for the tab's life (to judge it again on another
/// date); the core's [`Content`] borrows it.
enum Stored {
    Bytes(Vec<u8>),
    Size(u64),
    Failed(String),
}

/// The page's elements, resolved once (the order of `crate::form::staff::IDS`).
struct Els {
    files: Element,
    folder: Element,
    drop: Element,
    date: Element,
    status: Element,
    results: Element,
    filter: Element,
    table: Element,
    tally: Element,
    bad: Element,
    bad_list: Element,
    sheet: Element,
    sheet_body: Element,
    print: Element,
}

struct State {
    page: Page,
    /// The page's edition, kept for the page's life, which a reception under way borrows.
    edition: &'static crate::Edition,
    /// The number of the latest reception (see [`Run`]).
    generation: u32,
    els: Els,
    entries: Vec<Entry>,
    checked: Vec<committee::Checked>,
    batch_date: Date,
    sort: Sort,
    filter: Filter,
    /// The index (among the files) of the dossier whose sheet is open.
    open: Option<usize>,
}

type Shared = Rc<RefCell<State>>;

pub fn mount(root: Element) {
    let Some(page) = Page::load(root) else {
        return;
    };
    let Some(
        [files, folder, drop, date, status, results, filter, table, tally, bad, bad_list, sheet, sheet_body, print],
    ) = dom::resolve(IDS)
    else {
        return;
    };
    let els = Els {
        files,
        folder,
        drop,
        date,
        status,
        results,
        filter,
        table,
        tally,
        bad,
        bad_list,
        sheet,
        sheet_body,
        print,
    };
    // A folder rather than files: set here, since HTML does not define the attribute (the page's
    // markup stays valid), and every browser that runs the module knows it.
    dom::set_attr(&els.folder, "webkitdirectory", "");
    let today = page.today();
    dom::set_answer(&els.date, &[&today.to_string()]);
    let edition: &'static crate::Edition = Box::leak(Box::new(page.edition.clone()));
    let state = Rc::new(RefCell::new(State {
        page,
        edition,
        generation: 0,
        els,
        entries: Vec::new(),
        checked: Vec::new(),
        batch_date: today,
        sort: Sort::default(),
        filter: Filter::All,
        open: None,
    }));
    wire(&state);
    state.borrow().page.reveal();
}

fn wire(state: &Shared) {
    let s = state.borrow();
    for input in [&s.els.files, &s.els.folder] {
        let state = state.clone();
        let source = input.clone();
        dom::on(input, "change", move |_| {
            receive(&state, files::chosen_files(&source));
        });
    }
    let dropped = state.clone();
    files::on_drop(&s.els.drop, move |chosen| receive(&dropped, chosen));
    let print = s.els.print.clone();
    files::on_after_print(move || files::set_html(&print, ""));
    let dated = state.clone();
    dom::on(&s.els.date, "change", move |event| {
        batch_date(&dated, &event)
    });
    let filtered = state.clone();
    dom::on(&s.els.filter, "change", move |event| {
        filter(&filtered, &event)
    });
    let clicked = state.clone();
    dom::on(&s.page.root, "click", move |event| click(&clicked, &event));
    let changed = state.clone();
    dom::on(&s.els.table, "change", move |event| {
        row_date(&changed, &event)
    });
}

/// Reads the files, then judges them with the others already received.
fn receive(state: &Shared, chosen: Vec<dom::staff::File>) {
    if chosen.is_empty() {
        return;
    }
    {
        let s = state.borrow();
        let count = chosen.len().to_string();
        say_count(&s, text::READING, chosen.len(), &[("n", &count)]);
    }
    let state = state.clone();
    files::read_files(chosen, MAX_BYTES, move |received| {
        state
            .borrow_mut()
            .entries
            .extend(received.into_iter().map(entry));
        judge_in_steps(&state, |s| {
            let count = s.entries.len().to_string();
            say_count(s, text::JUDGED, s.entries.len(), &[("n", &count)]);
        });
    });
}

/// A file read: its bytes, or its size when too large to read, or the browser's failure.
fn entry(received: Received) -> Entry {
    let content = match received.content {
        Some(Chosen::Bytes(bytes)) => Stored::Bytes(bytes),
        Some(Chosen::TooLarge(size)) => Stored::Size(u64::try_from(size).unwrap_or(u64::MAX)),
        None => Stored::Failed(
            "Ce fichier ne peut pas être lu ; vérifiez qu’il est toujours là et que vous pouvez \
             l’ouvrir, puis choisissez-le de nouveau."
                .to_owned(),
        ),
    };
    Entry {
        name: received.name,
        content,
        date: None,
    }
}

/// Files judged per task: a batch of 500 never holds the page for long, and the status line says
/// how far it is.
const STEP: usize = 25;

/// A reception under way: the core's receiver (reasons, duplicates), the files received so far,
/// and which reception it is (a newer one, for more files or another date, replaces it).
struct Run {
    receiver: Receiver<'static>,
    checked: Vec<committee::Checked>,
    generation: u32,
}

/// Receives the whole batch again with the core, a few files per task, each on its date of
/// receipt (the batch's, or its own), then shows it and runs `after`.
fn judge_in_steps(state: &Shared, after: impl FnOnce(&State) + 'static) {
    let run = {
        let mut s = state.borrow_mut();
        s.generation = s.generation.wrapping_add(1);
        Run {
            receiver: Receiver::new(s.edition),
            checked: Vec::new(),
            generation: s.generation,
        }
    };
    step(state.clone(), run, Box::new(after));
}

fn step(state: Shared, mut run: Run, after: Box<dyn FnOnce(&State)>) {
    {
        let s = state.borrow();
        if s.generation != run.generation {
            return;
        }
        let (start, total) = (run.checked.len(), s.entries.len());
        let end = (start + STEP).min(total);
        for e in &s.entries[start..end] {
            let checked = run.receiver.receive(File {
                file: e.name.clone(),
                content: match &e.content {
                    Stored::Bytes(bytes) => Content::Bytes(bytes),
                    Stored::Size(size) => Content::Size(*size),
                    Stored::Failed(reason) => Content::Failed(reason.clone()),
                },
                sent: e.date.unwrap_or(s.batch_date),
            });
            run.checked.push(checked);
        }
        if end < total {
            let (done, total) = (end.to_string(), total.to_string());
            say(&s, text::JUDGING, &[("done", &done), ("n", &total)]);
            let next = state.clone();
            dom::soon(move || step(next, run, after));
            return;
        }
    }
    let mut s = state.borrow_mut();
    s.checked = run.checked;
    render::all(&s);
    after(&s);
}

fn batch_date(state: &Shared, event: &Event) {
    let Some(date) = dom::target(event)
        .and_then(|el| dom::value(&el))
        .and_then(|v| parse_date(&v))
    else {
        return;
    };
    state.borrow_mut().batch_date = date;
    judge_in_steps(state, |s| {
        let count = s.entries.len().to_string();
        say_count(s, text::JUDGED, s.entries.len(), &[("n", &count)]);
    });
}

/// A dossier's own date of receipt, from its line's date field.
fn row_date(state: &Shared, event: &Event) {
    let Some(input) = dom::target(event) else {
        return;
    };
    let Some(index) = dom::attr(&input, render::DATE_OF).and_then(|i| i.parse::<usize>().ok())
    else {
        return;
    };
    let date = dom::value(&input).and_then(|v| parse_date(&v));
    let mut s = state.borrow_mut();
    let batch_date = s.batch_date;
    let Some(entry) = s.entries.get_mut(index) else {
        return;
    };
    entry.date = date.filter(|d| *d != batch_date);
    drop(s);
    // Again the whole batch: the batch is received once, in one place (the core's receiver).
    judge_in_steps(state, move |s| {
        let field = format!("[{}=\"{index}\"]", render::DATE_OF);
        if let Some(again) = dom::find(&s.els.table, &field) {
            dom::focus(&again);
        }
    });
}

fn filter(state: &Shared, event: &Event) {
    let Some(value) = dom::target(event).and_then(|el| dom::value(&el)) else {
        return;
    };
    let mut s = state.borrow_mut();
    s.filter = Filter::parse(&value);
    render::table(&s);
    let count = render::shown(&s);
    let shown = count.to_string();
    say_count(&s, text::FILTERED, count, &[("n", &shown)]);
}

/// The page's buttons: a column's sort, a line's sheet, printing, the CSV.
fn click(state: &Shared, event: &Event) {
    let Some(target) = dom::target(event) else {
        return;
    };
    let Some(button) = dom::closest(&target, "button") else {
        return;
    };
    if let Some(column) = dom::attr(&button, render::SORT).and_then(|c| c.parse().ok()) {
        return sort(state, column);
    }
    if let Some(index) = dom::attr(&button, render::OPEN).and_then(|i| i.parse().ok()) {
        return open(state, index);
    }
    match dom::attr(&button, attr::ACTION).as_deref() {
        Some(action::EXPORT_CSV) => export(&state.borrow()),
        Some(action::PRINT_ALL) => print(&mut state.borrow_mut(), None),
        Some(action::PRINT_ONE) => {
            let mut s = state.borrow_mut();
            let open = s.open;
            print(&mut s, open);
        }
        Some(action::CLOSE_SHEET) => close(state),
        _ => {}
    }
}

fn sort(state: &Shared, column: usize) {
    let mut s = state.borrow_mut();
    s.sort = s.sort.toggled(column);
    render::table(&s);
    if let Some(button) = dom::find(&s.els.table, &format!("[{}=\"{column}\"]", render::SORT)) {
        dom::focus(&button);
    }
    let label = committee::COLUMNS[column].label;
    let way = if s.sort.descending {
        text::DESCENDING
    } else {
        text::ASCENDING
    };
    let way = s.page.text(way, &[]);
    say(&s, text::SORTED, &[("column", label), ("order", &way)]);
}

fn open(state: &Shared, index: usize) {
    let mut s = state.borrow_mut();
    // One copy of a sheet in the page at a time (its ids): the print-only copy goes.
    files::set_html(&s.els.print, "");
    if render::sheet(&s, index) {
        s.open = Some(index);
        dom::set_hidden(&s.els.sheet, false);
        dom::focus(&s.els.sheet);
    }
}

fn close(state: &Shared) {
    let mut s = state.borrow_mut();
    let Some(index) = s.open.take() else {
        return;
    };
    dom::set_hidden(&s.els.sheet, true);
    if let Some(line) = dom::find(&s.els.table, &format!("[{}=\"{index}\"]", render::OPEN)) {
        dom::focus(&line);
    }
}

/// Prints the sheet of the file `only`, or every dossier's, through the print-only copy (emptied
/// once printed, so that the page never holds two copies of a sheet).
fn print(s: &mut State, only: Option<usize>) {
    if only.is_none() {
        s.open = None;
        dom::set_hidden(&s.els.sheet, true);
        files::set_html(&s.els.sheet_body, "");
    }
    render::print_copy(s, only);
    dom::print();
}

fn export(s: &State) {
    let csv = render::csv(s);
    let name = format!("verification-{}.csv", s.batch_date);
    if dom::download_typed(&name, &csv, "text/csv;charset=utf-8") {
        say(s, text::EXPORTED, &[("file", &name)]);
    }
}

/// Says `key` (with its values) in the page's status line, which screen readers announce.
fn say_count(s: &State, key: &str, n: usize, values: &[(&str, &str)]) {
    say(s, &crate::form::staff::counted(key, n), values);
}

/// Says `key` (with its values) in the page's status line, which screen readers announce.
fn say(s: &State, key: &str, values: &[(&str, &str)]) {
    dom::set_text(&s.els.status, &s.page.text(key, values));
}
