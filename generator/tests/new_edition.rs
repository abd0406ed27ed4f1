//! The yearly `explor new-edition` on a copy of the real project: once the staff fill the new dates,
//! the site builds and `explor check` judges dossiers made for the new edition. The tests that read
//! the real `content/` (they take every value from it) run here on the moved-on copy too; every other
//! test judges against the frozen 2025 edition of `tests/fixtures/editions/` and never reads
//! `content/`, so the whole suite stays green when the next edition starts.

mod check_support;
mod real_project;

use std::path::Path;
use std::process::Command;

use check_support::*;
use jiff::civil::Date;
use jiff::ToSpan;
use wasm_validator::Edition;

/// Runs `explor <args>` and returns its status code and its error output.
fn explor(args: &[&str], root: &Path) -> (Option<i32>, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_explor"))
        .args(args)
        .arg("--root")
        .arg(root)
        .output()
        .expect("the explor binary runs");
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    (output.status.code(), stderr)
}

/// A date of `previous` one year on.
fn year_on(date: Date) -> String {
    date.checked_add(1.year())
        .expect("a date a year on")
        .to_string()
}

/// The staff's part: each date marker of the new edition file replaced by the previous edition's date
/// one year on (keys as `explor new-edition` leaves them: `key = "À COMPLÉTER"`).
fn fill_dates(text: &str, previous: &Edition) -> String {
    let d = &previous.dates;
    let (year, month) = wasm_validator::edition::answer_month(&d.answer_month).expect("YYYY-MM");
    let dates = [
        ("deadline", year_on(d.deadline)),
        ("selection_start", year_on(d.selection_start)),
        ("selection_end", year_on(d.selection_end)),
        ("answer_month", format!("{:04}-{month:02}", year + 1)),
        ("mission_window_start", year_on(d.mission_window_start)),
        ("mission_window_end", year_on(d.mission_window_end)),
    ];
    let mut filled = text.to_owned();
    for (key, value) in dates {
        let marker = format!("{key} = \"{}\"", generator::cmd::new_edition::MARKER);
        assert!(filled.contains(&marker), "{marker} missing from:\n{filled}");
        filled = filled.replacen(&marker, &format!("{key} = \"{value}\""), 1);
    }
    filled
}

#[test]
fn the_next_edition_builds_and_checks_dossiers_once_its_dates_are_filled() {
    let project = real_project::copy_of_the_real_project();
    let root = project.path();
    let previous = project_edition(root);
    let next_year = (previous.year + 1).to_string();

    let (status, stderr) = explor(&["new-edition", "--year", &next_year], root);
    assert_eq!(status, Some(0), "{stderr}");
    let (status, stderr) = explor(&["build", "--no-wasm"], root);
    assert_eq!(status, Some(1), "the dates are to fill: {stderr}");
    assert!(stderr.contains("« À COMPLÉTER »"), "{stderr}");

    let file = root.join("content/edition.toml");
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(&file, fill_dates(&text, &previous)).unwrap();
    let next = project_edition(root);
    assert_eq!(next.year, previous.year + 1);
    assert!(next.id.contains(&next_year), "{}", next.id);
    assert_ne!(next.id, previous.id);
    assert!(next.dates.deadline > previous.dates.deadline);

    // What the real content's own tests check, on the moved-on copy.
    real_project::builds_and_shows_its_edition(root);
    real_project::pages_write_no_call_fact_by_hand(root);
    accepts_the_complete_dossier_moved_to_its_edition(root);

    // A dossier of the previous edition is judged with the new one, and refused for that reason.
    let dir = tempfile::tempdir().unwrap();
    let old = write_json(dir.path(), "old.json", &complete_dossier_for(&previous));
    let output = check_in(
        root,
        &[
            "--today",
            &next.dates.deadline.to_string(),
            "--format",
            "json",
            &old,
        ],
    );
    let entries: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(code(&output), 1, "{entries:#}");
    assert!(
        rules(&entries[0]).contains(&"dossier.edition".to_owned()),
        "{entries:#}"
    );
}
