//! What the wasm boundary tests (`wasm_boundary.rs`) share with their native twin
//! (`boundary_native.rs`): the inputs a page's script hands to `validate_json`, the reports the
//! native rules give for them, and checks of the form model that must hold alike in 64-bit native
//! code and in 32-bit wasm (where `usize` is 32 bits wide).

#![allow(dead_code)]

use wasm_validator::form::formdata;
use wasm_validator::form::money::{format_input, parse_amount, AmountError};
use wasm_validator::form::path::{field_id, parse, path_of_id, Segment};
use wasm_validator::parse_dossier;

/// The edition as the site publishes it for the form (`edition.json` of `explor build`), for the tests'
/// frozen edition `tests/fixtures/editions/explor-2025`. There is no file system in wasm, hence a
/// copy; `boundary_native.rs` checks that it is still that edition (`EXPLOR_BLESS=1` rewrites it).
pub const EDITION_JSON: &str = include_str!("../fixtures/edition.json");

/// What the native rules report for each case, keyed by [`Case::key`]: the report, or
/// `{"error": …}` for a file that is not a dossier. Checked (and rewritten with `EXPLOR_BLESS=1`) by
/// `boundary_native.rs`.
pub const REPORTS_JSON: &str = include_str!("../fixtures/reports.json");

/// A day before the deadline, and the day after it.
pub const ON_TIME: &str = "2025-06-10";
pub const LATE: &str = "2025-06-16";

/// One of the repository's sample dossiers (`tests/fixtures/dossiers/`), judged on `today`.
pub struct Case {
    pub file: &'static str,
    pub today: &'static str,
    pub json: &'static str,
}

impl Case {
    pub fn key(&self) -> String {
        format!("{}@{}", self.file, self.today)
    }
}

macro_rules! case {
    ($file:literal, $today:expr) => {
        Case {
            file: $file,
            today: $today,
            json: include_str!(concat!("../../../tests/fixtures/dossiers/", $file)),
        }
    };
}

pub const CASES: &[Case] = &[
    case!("complete.json", ON_TIME),
    case!("complete.json", LATE),
    case!("ineligible.json", ON_TIME),
    case!("budget-errors.json", ON_TIME),
    case!("other-edition.json", ON_TIME),
    case!("unknown-field.json", ON_TIME),
    case!("not-json.json", ON_TIME),
    case!("other-version.json", ON_TIME),
];

/// The case of `file` judged on time.
pub fn on_time(file: &str) -> &'static Case {
    CASES
        .iter()
        .find(|c| c.file == file && c.today == ON_TIME)
        .expect("a sample dossier of CASES")
}

/// Amounts near and beyond what 32 bits hold are read and written in exact cents.
pub fn check_amounts() {
    let nnbsp = '\u{202f}';
    let cases = [
        ("999 999 999,99", Ok(Some(99_999_999_999))),
        ("999.999.999,99 €", Ok(Some(99_999_999_999))),
        ("42 949 672,96", Ok(Some(4_294_967_296))),
        ("10 000 000 000", Ok(Some(1_000_000_000_000))),
        ("10 000 000 000,01", Err(AmountError::TooLarge)),
        ("9999999999999999", Err(AmountError::TooLarge)),
        ("-1 234,5", Ok(Some(-123_450))),
        ("", Ok(None)),
    ];
    for (typed, expected) in cases {
        assert_eq!(parse_amount(typed), expected, "« {typed} »");
    }
    assert_eq!(
        format_input(99_999_999_999),
        format!("999{nnbsp}999{nnbsp}999,99")
    );
    assert_eq!(
        format_input(i64::MIN),
        format!("-92{nnbsp}233{nnbsp}720{nnbsp}368{nnbsp}547{nnbsp}758,08")
    );
    for cents in [
        1,
        99,
        4_294_967_295,
        4_294_967_296,
        99_999_999_999,
        -99_999_999_999,
    ] {
        assert_eq!(
            parse_amount(&format_input(cents)),
            Ok(Some(cents)),
            "{cents}"
        );
    }
}

/// Control ids and dossier paths map to each other, up to the largest index 32 bits hold.
pub fn check_paths() {
    let cases = [
        (
            "budget.expenses[2].amount_cents",
            "f-budget-expenses-2-amount_cents",
        ),
        ("mission.sdgs", "f-mission-sdgs"),
        (
            "applicant.address.postal_code",
            "f-applicant-address-postal_code",
        ),
        (
            "budget.resources[4294967295].label",
            "f-budget-resources-4294967295-label",
        ),
    ];
    for (path, id) in cases {
        assert_eq!(field_id(path), id);
        assert_eq!(path_of_id(id).as_deref(), Some(path), "{id}");
    }
    assert_eq!(
        parse("budget.resources[4294967295].label"),
        Some(vec![
            Segment::Key("budget"),
            Segment::Key("resources"),
            Segment::Index(4_294_967_295),
            Segment::Key("label"),
        ])
    );
    for bad in [
        "f-",
        "f-2-label",
        "f-budget--label",
        "budget-expenses",
        "f-Budget",
    ] {
        assert_eq!(path_of_id(bad), None, "{bad}");
    }
}

/// A dossier written into the form's pairs reads back as the same dossier, with amounts in cents.
pub fn check_form_round_trip() {
    let mut dossier = parse_dossier(on_time("complete.json").json.as_bytes())
        .expect("the complete sample is a dossier")
        .dossier;
    dossier.budget.expenses[0].amount_cents = 99_999_999_999.into();
    let pairs = formdata::write(&dossier);
    let amount = pairs
        .iter()
        .find(|(name, _)| name == "budget.expenses[0].amount_cents")
        .map(|(_, value)| value.as_str());
    assert_eq!(amount, Some("999\u{202f}999\u{202f}999,99"));
    assert_eq!(formdata::list_len(&pairs, "budget.expenses"), 6);
    let read = formdata::read(&pairs, &dossier.edition);
    assert_eq!(read.problems, []);
    // The form does not hold the time of saving: the page sets it when it exports.
    let mut expected = dossier;
    expected.saved_at = read.dossier.saved_at.clone();
    assert_eq!(read.dossier, expected);
}
