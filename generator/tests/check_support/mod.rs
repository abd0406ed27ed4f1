//! Shared helpers of the `explor check` end-to-end tests: run the real binary from the repository's
//! root, with the repository's real `content/`, on the test dossiers of `tests/fixtures/dossiers/`.

#![allow(dead_code)] // each test file uses its own subset

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

/// The day used by the tests unless they test the deadline: the last day to apply.
pub const ON_TIME: &str = "2025-06-15";

/// Where the fixtures live, relative to the repository's root (the tests' working directory).
pub const FIXTURES: &str = "tests/fixtures/dossiers";

pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// `tests/fixtures/dossiers/<name>`, as the user would type it from the repository's root.
pub fn fixture(name: &str) -> String {
    format!("{FIXTURES}/{name}")
}

/// Runs `explor check <args>` from the repository's root.
pub fn check(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_explor"))
        .arg("check")
        .args(args)
        .current_dir(repo_root())
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
