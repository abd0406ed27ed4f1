//! Criterion benchmark of the rules, natively: `validate` of a parsed dossier (what the form does on each
//! change, with the edition read once), `judge` from the JSON bytes (what `explor check` does per file),
//! and the report's serialisation. Run with `cargo bench -p wasm-validator --bench validate`.

// Criterion builds natively only: for wasm32 (clippy's pass over every target) this is an empty
// program.
#![cfg_attr(target_arch = "wasm32", allow(unused_imports, dead_code))]

use std::hint::black_box;
use std::path::PathBuf;

#[cfg(not(target_arch = "wasm32"))]
use criterion::{criterion_group, criterion_main, Criterion};
use jiff::civil::date;
use wasm_validator::{judge, parse_dossier, validate};

#[path = "../tests/common/mod.rs"]
mod common;

/// A dossier of the test fixtures, as bytes.
fn fixture(name: &str) -> Vec<u8> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/fixtures/dossiers")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[cfg(not(target_arch = "wasm32"))]
fn rules(c: &mut Criterion) {
    let edition = common::edition();
    let today = date(2025, 6, 10);
    let complete = fixture("complete.json");
    let with_errors = fixture("budget-errors.json");
    let parsed = parse_dossier(&complete)
        .expect("complete.json parses")
        .dossier;
    let parsed_errors = parse_dossier(&with_errors)
        .expect("budget-errors.json parses")
        .dossier;

    c.bench_function("validate/complete", |b| {
        b.iter(|| validate(black_box(&edition), black_box(&parsed), today))
    });
    c.bench_function("validate/with_errors", |b| {
        b.iter(|| validate(black_box(&edition), black_box(&parsed_errors), today))
    });
    c.bench_function("judge/complete_json", |b| {
        b.iter(|| judge(black_box(&edition), black_box(&complete), today))
    });
    let report = validate(&edition, &parsed_errors, today);
    c.bench_function("report/to_json", |b| {
        b.iter(|| serde_json::to_string(black_box(&report)))
    });
}

#[cfg(not(target_arch = "wasm32"))]
criterion_group!(benches, rules);
#[cfg(not(target_arch = "wasm32"))]
criterion_main!(benches);
#[cfg(target_arch = "wasm32")]
fn main() {}
