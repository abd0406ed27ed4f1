//! The native twin of `wasm_boundary.rs`: the fixtures the wasm tests embed are still the tests'
//! frozen edition and the native rules' reports, and the form model's checks hold natively too.
//!
//! After a change of the edition or of the rules, `EXPLOR_BLESS=1 cargo test -p wasm-validator
//! --test boundary_native` rewrites both fixtures; review the diff before committing it.

#![cfg(not(target_arch = "wasm32"))]

mod boundary;
mod common;

use std::collections::BTreeMap;
use std::path::PathBuf;

use boundary::*;
use serde::Serialize;
use serde_json::Value;
use wasm_validator::{edition::parse_date, judge, Report};

fn fixture_path(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// Compares `actual` with the fixture `name` (already embedded as `embedded`), as JSON values, or
/// rewrites the fixture when `EXPLOR_BLESS` is set (as `explor build` writes `edition.json`).
fn check_fixture(name: &str, embedded: &str, actual: &impl Serialize) {
    if std::env::var_os("EXPLOR_BLESS").is_some() {
        let mut text = serde_json::to_string_pretty(actual).expect("JSON");
        text.push('\n');
        std::fs::write(fixture_path(name), text).expect("fixture written");
        return;
    }
    let stored: Value = serde_json::from_str(embedded).expect("fixture is JSON");
    let actual = serde_json::to_value(actual).expect("JSON");
    assert!(
        stored == actual,
        "tests/fixtures/{name} is stale: rerun with EXPLOR_BLESS=1 and review the diff"
    );
}

/// What `validate_json` answers: the report, or why the input is not a dossier.
#[derive(Serialize)]
#[serde(untagged)]
enum Answer {
    Report(Report),
    Error { error: String },
}

/// What `validate_json` must answer for `case`, computed by the native rules.
fn native_answer(case: &Case) -> Answer {
    let today = parse_date(case.today).expect("a case's date");
    match judge(&common::edition(), case.json.as_bytes(), today) {
        Ok(judged) => Answer::Report(judged.report),
        Err(reason) => Answer::Error {
            error: reason.to_string(),
        },
    }
}

#[test]
fn the_embedded_edition_is_the_frozen_edition() {
    check_fixture("edition.json", EDITION_JSON, &common::edition());
}

#[test]
fn the_expected_reports_are_those_of_the_native_rules() {
    let answers: BTreeMap<String, Answer> =
        CASES.iter().map(|c| (c.key(), native_answer(c))).collect();
    check_fixture("reports.json", REPORTS_JSON, &answers);
}

#[test]
fn the_expected_reports_are_the_ones_the_wasm_tests_assume() {
    // The figures and rule ids `wasm_boundary.rs` asserts, so that a stale reports.json cannot
    // make both sides agree on a wrong answer.
    let answer = |file| serde_json::to_value(native_answer(on_time(file))).expect("JSON");
    let complete = answer("complete.json");
    assert_eq!(complete["complete"], true);
    assert_eq!(complete["figures"]["total_expenses_cents"], 200_000);
    assert_eq!(complete["figures"]["max_contribution_cents"], 100_000);
    let ineligible = answer("ineligible.json");
    assert_eq!(ineligible["eligible"], false);
    assert_eq!(ineligible["findings"].as_array().map(Vec::len), Some(3));
}

#[test]
fn amounts_keep_exact_cents() {
    check_amounts();
}

#[test]
fn control_ids_and_paths_map_to_each_other() {
    check_paths();
}

#[test]
fn a_dossier_survives_the_form() {
    check_form_round_trip();
}
