//! Arbitrary bytes → `judge` with the real edition, on a day chosen by the first byte: never a panic,
//! and the verdicts agree with the findings.

#![no_main]

use libfuzzer_sys::fuzz_target;
use wasm_validator::{judge, Severity};
use wasm_validator_fuzz::{day, edition};

fuzz_target!(|data: &[u8]| {
    let Some((&first, bytes)) = data.split_first() else {
        return;
    };
    let Ok(judged) = judge(edition(), bytes, day(first)) else {
        return;
    };
    let report = judged.report;
    let errors = |deadline: bool| {
        report
            .findings
            .iter()
            .filter(|f| f.severity == Severity::Error && (f.rule == "submission.closed") == deadline)
            .count()
    };
    assert_eq!(report.complete, errors(false) == 0);
    assert_eq!(report.on_time, errors(true) == 0);
    assert!(!report.complete || report.eligible);
    for finding in &report.findings {
        assert!(!finding.message.is_empty(), "{finding:?}");
        assert!(!finding.rule.is_empty(), "{finding:?}");
    }
    serde_json::to_string(&report).expect("a report serialises");
});
