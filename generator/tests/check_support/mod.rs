//! Shared helpers of the `explor check` end-to-end tests: run the real binary from the repository's
//! root on the test dossiers of `tests/fixtures/dossiers/`, judged with the tests' frozen 2025 edition
//! (`tests/fixtures/editions/explor-2025`), so that `explor new-edition` on `content/` changes no
//! expected result. Only [`accepts_the_complete_dossier_moved_to_its_edition`] reads a project's
//! own `content/`, taking every value from it.

#![allow(dead_code)] // each test file uses its own subset

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;
use wasm_validator::edition::load;
use wasm_validator::Edition;

/// The day used by the tests unless they test the deadline: the last day to apply.
pub const ON_TIME: &str = "2025-06-15";

/// Where the fixtures live, relative to the repository's root (the tests' working directory).
pub const FIXTURES: &str = "tests/fixtures/dossiers";

/// The frozen edition the dossiers of [`FIXTURES`] are written for, relative to the repository's root.
pub const FROZEN_EDITION: &str = "tests/fixtures/editions/explor-2025";

pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// `tests/fixtures/dossiers/<name>`, as the user would type it from the repository's root.
pub fn fixture(name: &str) -> String {
    format!("{FIXTURES}/{name}")
}

/// Runs `explor check --content <frozen edition> <args>` from the repository's root.
pub fn check(args: &[&str]) -> Output {
    check_in(
        &repo_root(),
        &[&["--content", FROZEN_EDITION], args].concat(),
    )
}

/// Runs `explor check <args>` exactly as given, from `dir` (so without `--content`, the edition is
/// `dir/content`).
pub fn check_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_explor"))
        .arg("check")
        .args(args)
        .current_dir(dir)
        .output()
        .expect("the explor binary runs")
}

pub fn code(output: &Output) -> i32 {
    output
        .status
        .code()
        .expect("explor exits with a code, not a signal")
}

pub fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("stdout is UTF-8")
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).expect("stderr is UTF-8")
}

/// Runs `explor check --today <today> --format json <files>` and parses the array it prints.
pub fn json_report(today: &str, files: &[&str]) -> (i32, Vec<Value>) {
    let mut args = vec!["--today", today, "--format", "json"];
    args.extend_from_slice(files);
    let output = check(&args);
    let value: Value = serde_json::from_slice(&output.stdout).expect("stdout is JSON");
    let entries = value.as_array().expect("a JSON array").clone();
    (code(&output), entries)
}

/// The rule ids of an entry's findings.
pub fn rules(entry: &Value) -> Vec<String> {
    entry["report"]["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| f["rule"].as_str().expect("rule").to_owned())
        .collect()
}

/// The complete test dossier, as JSON to modify.
pub fn complete_dossier() -> Value {
    let path = repo_root().join(FIXTURES).join("complete.json");
    serde_json::from_str(&std::fs::read_to_string(path).expect("fixture")).expect("fixture is JSON")
}

/// Writes `value` as `<dir>/<name>` and returns the path as a string.
pub fn write_json(dir: &Path, name: &str, value: &Value) -> String {
    let path = dir.join(name);
    std::fs::write(&path, serde_json::to_string_pretty(value).expect("JSON")).expect("write");
    path.to_str().expect("UTF-8 temp path").to_owned()
}

/// Today's date in Paris, as the command computes its default.
pub fn paris_today() -> jiff::civil::Date {
    jiff::Timestamp::now()
        .in_tz("Europe/Paris")
        .expect("Paris time zone")
        .date()
}

/// `root/content`'s edition, read with the same loader as `explor check`.
pub fn project_edition(root: &Path) -> Edition {
    load::from_dir(&root.join("content"))
        .unwrap_or_else(|e| panic!("{}: the edition does not load: {e}", root.display()))
}

/// The complete test dossier moved to `edition`: its id, and a mission of the same length (at most
/// the edition's maximum) starting on the first day of the edition's window. The year's changes
/// (`explor new-edition`) are the id and the dates; the other facts are the test dossier's own.
pub fn complete_dossier_for(edition: &Edition) -> Value {
    let mut dossier = complete_dossier();
    let days = 12.min(i64::from(edition.mission.duration_max_days));
    let start = edition.dates.mission_window_start;
    let end = start
        .checked_add(jiff::Span::new().days(days - 1))
        .expect("a mission end within the calendar");
    dossier["edition"] = Value::from(edition.id.as_str());
    dossier["mission"]["start_date"] = Value::from(start.to_string());
    dossier["mission"]["end_date"] = Value::from(end.to_string());
    dossier
}

/// What `explor check` (run from `root`, so with `root/content`) must say of the complete test dossier
/// moved to that edition: complete on the deadline, refused by the deadline rule alone the day after.
/// Every value comes from the project's edition, so this holds for any year's content.
pub fn accepts_the_complete_dossier_moved_to_its_edition(root: &Path) {
    let edition = project_edition(root);
    let dir = tempfile::tempdir().expect("temporary folder");
    let file = write_json(dir.path(), "dossier.json", &complete_dossier_for(&edition));
    let judged = |today: &str| {
        let output = check_in(root, &["--today", today, "--format", "json", &file]);
        let entries: Value = serde_json::from_slice(&output.stdout)
            .unwrap_or_else(|_| panic!("stdout is JSON: {}", stderr(&output)));
        (code(&output), entries[0].clone())
    };
    let deadline = edition.dates.deadline;
    let (status, entry) = judged(&deadline.to_string());
    let report = &entry["report"];
    assert_eq!(report["edition"], edition.id.as_str());
    assert_eq!(report["findings"], serde_json::json!([]), "{report:#}");
    assert_eq!((status, &report["complete"]), (0, &Value::Bool(true)));
    let late = deadline.tomorrow().expect("a day after the deadline");
    let (status, entry) = judged(&late.to_string());
    assert_eq!(status, 1, "{entry:#}");
    assert_eq!(rules(&entry), ["submission.closed"]);
}
