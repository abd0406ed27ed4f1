//! The WebAssembly boundary, run in Node by `wasm-bindgen-test-runner`: `validate_json` (the export
//! a page's script calls) gives in wasm the very reports the native rules give, answers every
//! unreadable input with a French `{"error": …}` instead of trapping, and the form model keeps exact
//! cents and list indices with a 32-bit `usize`.
//!
//! Run with `cargo test -p wasm-validator --target wasm32-unknown-unknown --test wasm_boundary`.
//! The native rules stay covered by the native tests; `boundary_native.rs` keeps this file's
//! fixtures (the edition as JSON, the native reports) true to the frozen edition and the rules.

#![cfg(target_arch = "wasm32")]

mod boundary;

use boundary::*;
use serde_json::Value;
use wasm_bindgen_test::wasm_bindgen_test;
use wasm_validator::{validate_json, MAX_BYTES};

/// `validate_json`'s answer, which must always be JSON.
fn answer(edition: &str, dossier: &str, today: &str) -> Value {
    let text = validate_json(edition, dossier, today);
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("not JSON ({e}): {text}"))
}

/// The `error` of an answer that must be one, checked to be a French sentence.
fn error_of(answer: &Value) -> &str {
    let error = answer["error"]
        .as_str()
        .unwrap_or_else(|| panic!("an error was expected: {answer}"));
    assert!(
        error.contains('’') || error.contains("Ce "),
        "a French sentence: {error}"
    );
    assert!(error.ends_with('.'), "a whole sentence: {error}");
    error
}

#[wasm_bindgen_test]
fn every_sample_dossier_gets_the_native_report() {
    let expected: Value = serde_json::from_str(REPORTS_JSON).expect("reports.json is JSON");
    for case in CASES {
        let got = answer(EDITION_JSON, case.json, case.today);
        assert_eq!(got, expected[case.key()], "{}", case.key());
    }
}

#[wasm_bindgen_test]
fn a_complete_dossier_is_complete_with_its_figures() {
    let report = answer(EDITION_JSON, on_time("complete.json").json, ON_TIME);
    assert_eq!(report["edition"], "explor-2025-hauts-de-france");
    assert_eq!(report["eligible"], true);
    assert_eq!(report["complete"], true);
    assert_eq!(report["findings"], Value::Array(vec![]));
    let figures = &report["figures"];
    assert_eq!(figures["duration_days"], 12);
    assert_eq!(figures["total_expenses_cents"], 200_000);
    assert_eq!(figures["total_resources_cents"], 200_000);
    assert_eq!(figures["requested_cents"], 100_000);
    assert_eq!(figures["max_contribution_cents"], 100_000);
}

#[wasm_bindgen_test]
fn an_ineligible_dossier_names_the_rules_it_breaks() {
    let report = answer(EDITION_JSON, on_time("ineligible.json").json, ON_TIME);
    assert_eq!(report["eligible"], false);
    assert_eq!(report["complete"], false);
    let rules: Vec<&str> = report["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter_map(|f| f["rule"].as_str())
        .collect();
    assert_eq!(
        rules,
        [
            "applicant.seat_in_region",
            "partner.country_eligible",
            "mission.place"
        ]
    );
}

#[wasm_bindgen_test]
fn a_dossier_after_the_deadline_is_refused() {
    let report = answer(EDITION_JSON, on_time("complete.json").json, LATE);
    // Complete but late (DOSSIER.md §3): the two verdicts are independent.
    assert_eq!(report["complete"], true);
    assert_eq!(report["on_time"], false);
    assert_eq!(report["findings"][0]["rule"], "submission.closed");
}

#[wasm_bindgen_test]
fn files_that_are_not_dossiers_get_a_french_error() {
    let other_version = answer(EDITION_JSON, on_time("other-version.json").json, ON_TIME);
    assert!(error_of(&other_version).contains("version «\u{202f}2\u{202f}»"));
    let not_json = answer(EDITION_JSON, on_time("not-json.json").json, ON_TIME);
    assert!(error_of(&not_json).contains("pas du JSON valide"));
    for text in [
        "",
        "null",
        "[]",
        "{\"format\": \"explor-dossier\"}",
        "{\"version\": 1e999}",
    ] {
        error_of(&answer(EDITION_JSON, text, ON_TIME));
    }
}

#[wasm_bindgen_test]
fn deep_nesting_is_refused_without_overflowing_the_stack() {
    let depth = 10_000;
    let arrays = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
    let objects = format!("{}null{}", "{\"a\":".repeat(depth), "}".repeat(depth));
    for dossier in [arrays.as_str(), objects.as_str()] {
        let report = answer(EDITION_JSON, dossier, ON_TIME);
        assert!(error_of(&report).contains("imbriquées"), "{report}");
    }
    // The edition goes through serde_json's own depth limit.
    let edition = answer(&arrays, on_time("complete.json").json, ON_TIME);
    assert_eq!(
        edition["error"],
        "Les paramètres de l’édition sont illisibles."
    );
}

#[wasm_bindgen_test]
fn an_oversized_file_is_refused_with_its_size() {
    let padding = " ".repeat(MAX_BYTES);
    let dossier = format!("{}{padding}", on_time("complete.json").json);
    let report = answer(EDITION_JSON, &dossier, ON_TIME);
    assert!(
        error_of(&report).contains("1\u{202f}048\u{202f}576"),
        "{report}"
    );
}

#[wasm_bindgen_test]
fn a_bad_date_or_edition_gets_a_french_error() {
    let dossier = on_time("complete.json").json;
    for today in [
        "",
        "10/06/2025",
        "2025-6-10",
        "2025-02-30",
        "2025-06-10T12:00",
    ] {
        let report = answer(EDITION_JSON, dossier, today);
        assert_eq!(
            report["error"], "La date du jour doit s’écrire AAAA-MM-JJ.",
            "« {today} »"
        );
    }
    for edition in ["", "{}", "not json", "{\"id\": 2025}"] {
        let report = answer(edition, dossier, ON_TIME);
        assert_eq!(
            report["error"],
            "Les paramètres de l’édition sont illisibles."
        );
    }
}

#[wasm_bindgen_test]
fn amounts_keep_exact_cents() {
    check_amounts();
}

#[wasm_bindgen_test]
fn control_ids_and_paths_map_to_each_other() {
    check_paths();
}

#[wasm_bindgen_test]
fn a_dossier_survives_the_form() {
    check_form_round_trip();
}

#[wasm_bindgen_test]
fn the_readable_sheet_renders_in_webassembly_as_natively() {
    let edition = wasm_validator::Edition::from_json_text(EDITION_JSON).expect("the edition");
    let today = wasm_validator::edition::parse_date(ON_TIME).expect("a date");
    let case = on_time("complete.json");
    let mut json: Value = serde_json::from_str(case.json).expect("JSON");
    json["applicant"]["name"] = "<b>Eau\u{202e} Vive</b>".into();
    let judged =
        wasm_validator::judge(&edition, json.to_string().as_bytes(), today).expect("judged");
    let page = wasm_validator::sheet::dossier_page(&edition, "complete.json", &judged);
    assert!(page.starts_with("<!DOCTYPE html>\n<html lang=\"fr\">"));
    assert!(
        page.contains("<dd><bdi>&lt;b&gt;Eau\u{fffd} Vive&lt;/b&gt;</bdi></dd>"),
        "{page}"
    );
    assert!(page.contains("<dt>Complet</dt><dd>oui</dd>"));
}

/// The module's allocator (`wasm/alloc.rs`, the global allocator of every wasm32 binary with the
/// shell, this test's included): blocks of every size class, reused after being freed, grown by
/// `realloc` across classes and within one, and an alignment above its usual 16 bytes, all keep
/// their bytes.
#[wasm_bindgen_test]
fn the_allocator_keeps_every_block_apart() {
    let sizes = [
        1usize, 15, 16, 17, 100, 4_095, 4_097, 65_536, 70_000, 300_000,
    ];
    let fill = |n: usize, seed: usize| {
        (0..n)
            .map(|i| ((i + seed) % 251) as u8)
            .collect::<Vec<u8>>()
    };
    let check = |v: &[u8], seed: usize| {
        v.iter()
            .enumerate()
            .all(|(i, b)| *b == ((i + seed) % 251) as u8)
    };
    for round in 0..3 {
        let blocks: Vec<Vec<u8>> = sizes.iter().map(|n| fill(*n, n + round)).collect();
        // Freed blocks are reused by the next allocations of their class: the others stay intact.
        let mut kept = Vec::new();
        for (i, block) in blocks.into_iter().enumerate() {
            if i % 2 == 0 {
                kept.push((block, sizes[i] + round));
            }
        }
        let again: Vec<Vec<u8>> = sizes.iter().map(|n| fill(*n, n * 3)).collect();
        for (block, seed) in &kept {
            assert!(
                check(block, *seed),
                "a kept block of {} bytes changed",
                block.len()
            );
        }
        for (block, n) in again.iter().zip(sizes) {
            assert!(check(block, n * 3), "a new block of {n} bytes is wrong");
        }
    }
    // Growing one byte at a time moves the vector across every class up to 2^17 bytes.
    let mut grown = Vec::new();
    for i in 0..100_000usize {
        grown.push((i % 251) as u8);
    }
    assert!(check(&grown, 0));
    grown.truncate(10);
    grown.shrink_to_fit();
    assert!(check(&grown, 0));
    #[repr(align(64))]
    struct Wide([u8; 64]);
    let wide: Vec<Box<Wide>> = (0..8).map(|i| Box::new(Wide([i; 64]))).collect();
    for (i, w) in wide.iter().enumerate() {
        assert_eq!(
            std::ptr::from_ref::<Wide>(w) as usize % 64,
            0,
            "alignment 64"
        );
        assert!(w.0.iter().all(|b| usize::from(*b) == i));
    }
}
