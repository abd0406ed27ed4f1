//! What the rules say to a person: no internal code (a country's ISO code, an id of the edition's
//! lists, a field path, `amount_cents`) in any message the rules produce on the frozen edition, and
//! a budget line begun without its amount told on that line.

mod common;

use std::path::PathBuf;

use common::*;
use wasm_validator::{catalogue, Dossier, Report};

/// A way of breaking the valid dossier.
type Change = Box<dyn Fn(&mut Dossier)>;

/// The fixture dossiers, and the valid one broken in every way a message depends on.
fn reports() -> Vec<Report> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/dossiers");
    let mut reports = Vec::new();
    for entry in std::fs::read_dir(dir).expect("fixtures") {
        let bytes = std::fs::read(entry.expect("entry").path()).expect("fixture");
        if let Ok(judged) = wasm_validator::judge(&edition(), &bytes, before_deadline()) {
            reports.push(judged.report);
        }
    }
    reports.push(judge(&Dossier::blank("")));
    let changes: Vec<Change> = vec![
        Box::new(|d| d.status = "brouillon".into()),
        Box::new(|d| d.edition = "explor-2024-hauts-de-france".into()),
        Box::new(|d| d.applicant.legal_form = "association_1908".into()),
        Box::new(|d| d.applicant.legal_form = "other".into()),
        Box::new(|d| d.applicant.legal_form = "sarl".into()),
        Box::new(|d| d.applicant.address.postal_code = "5900".into()),
        Box::new(|d| d.applicant.address.postal_code = "2000".into()),
        Box::new(|d| d.applicant.address.postal_code = "75001".into()),
        Box::new(|d| d.applicant.previous_explor = Some(true)),
        Box::new(|d| d.partner.country = "FR".into()),
        Box::new(|d| d.partner.country = "CL".into()),
        Box::new(|d| d.partner.need_identified = Some(false)),
        Box::new(|d| d.mission.kind = "reciprocity".into()),
        Box::new(|d| d.mission.kind = "holiday".into()),
        Box::new(|d| d.mission.country = "FR".into()),
        Box::new(|d| d.mission.country = "CL".into()),
        Box::new(|d| d.mission.country = "ML".into()),
        Box::new(|d| d.mission.start_date = "2025-02-30".into()),
        Box::new(|d| d.mission.end_date = "2026-06-30".into()),
        Box::new(|d| d.mission.end_date = "2025-10-07".into()),
        Box::new(|d| d.mission.sdgs = vec![0, 2, 2]),
        Box::new(|d| d.mission.follow_up = "x".repeat(3001)),
        Box::new(|d| d.budget.expenses.push(expense("champagne", 10))),
        Box::new(|d| d.budget.expenses.push(expense("travel", 0))),
        Box::new(|d| d.budget.expenses.push(expense("travel", -5))),
        Box::new(|d| d.budget.resources.push(resource("loan", 10))),
        Box::new(|d| d.budget.resources[0].amount_cents = 150_000.into()),
        Box::new(|d| d.budget.resources.clear()),
        Box::new(|d| d.budget.expenses.push(expense("travel", i64::MAX))),
        Box::new(|d| d.declarations = Default::default()),
    ];
    for change in changes {
        let mut d = valid_dossier();
        change(&mut d);
        reports.push(judge(&d));
    }
    reports
}

/// The internal codes a person must never read: the edition's ids and codes, the contract's.
fn codes() -> Vec<String> {
    let e = edition();
    let mut codes: Vec<String> = e
        .eligibility
        .countries
        .iter()
        .map(|c| c.iso2.clone())
        .collect();
    codes.push(e.mission.reciprocity_country.clone());
    codes.extend(e.mission.types.iter().map(|t| t.id.clone()));
    // An id that is also a French word of its own label (`visa`) is a word, not a code.
    let lists = [&e.budget.expense_categories, &e.budget.resource_sources];
    for choice in lists.into_iter().flatten() {
        if !choice.label.to_lowercase().contains(&choice.id) {
            codes.push(choice.id.clone());
        }
    }
    codes.extend(
        [
            "association_1901",
            "association_1908",
            "amount_cents",
            "final",
            "draft",
        ]
        .map(String::from),
    );
    codes.push(e.id.clone());
    codes
}

/// The words of `text`, cut at anything that cannot be in a code.
fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '_' || c == '-'))
        .filter(|w| !w.is_empty())
}

fn leaks(message: &str, codes: &[String]) -> Vec<String> {
    let mut found: Vec<String> = words(message)
        .filter(|w| codes.iter().any(|c| c == w) || w.contains('_'))
        .map(String::from)
        .collect();
    // A dotted path (`mission.hosted_expert`), never a sentence's full stop: no space after the dot.
    found.extend(
        message
            .split_whitespace()
            .filter(|w| {
                let w = w.trim_end_matches(['.', ',', ')', ';']);
                w.split_once('.').is_some_and(|(a, b)| {
                    a.chars().all(|c| c.is_ascii_lowercase() || c == '_')
                        && !a.is_empty()
                        && b.starts_with(|c: char| c.is_ascii_lowercase())
                        && !b.contains('@')
                })
            })
            .map(String::from),
    );
    found
}

#[test]
fn no_message_shows_an_internal_code() {
    let codes = codes();
    let mut seen = 0;
    for report in reports() {
        // The one exception: a field this version does not define is named as the file writes it,
        // for the staff to find it (`dossier.unknown_field`, a warning).
        for finding in report
            .findings
            .iter()
            .filter(|f| f.rule != "dossier.unknown_field")
        {
            seen += 1;
            let found = leaks(&finding.message, &codes);
            assert!(
                found.is_empty(),
                "{} says {found:?}: {}",
                finding.rule,
                finding.message
            );
        }
    }
    assert!(seen > 80, "the scan saw {seen} messages only");
    for rule in catalogue(&edition()) {
        let found = leaks(&rule.summary, &codes);
        assert!(
            found.is_empty(),
            "{} says {found:?}: {}",
            rule.id,
            rule.summary
        );
    }
}

#[test]
fn the_scan_finds_the_codes_it_looks_for() {
    let codes = codes();
    for message in [
        "Choisissez la France («\u{202f}FR\u{202f}»).",
        "Le montant amount_cents est négatif.",
        "Voir mission.hosted_expert.role pour le détail.",
        "La source own_funds n’existe pas.",
    ] {
        assert!(!leaks(message, &codes).is_empty(), "{message}");
    }
    assert!(leaks(
        "Écrivez à Explor-RRMA@lianescooperation.org. Merci.",
        &codes
    )
    .is_empty());
}

fn expense_with(label: &str, category: &str, amount: i64) -> wasm_validator::model::Expense {
    let mut e = expense(category, amount);
    e.label = label.into();
    e
}

/// A line is judged on the line: a detail or a category without an amount is told on the line's
/// amount, an amount without a category on its category; never as an unbalanced budget on the
/// resources while a line lacks its amount.
#[test]
fn a_budget_line_is_told_on_the_line() {
    // (label, category, amount, findings on the added fourth line, balance judged)
    type Case<'a> = (&'a str, &'a str, i64, &'a [(&'a str, &'a str)], bool);
    let table: [Case; 6] = [
        (
            "Billets d’avion",
            "travel",
            0,
            &[("required", "budget.expenses[3].amount_cents")],
            false,
        ),
        (
            "Billets d’avion",
            "",
            0,
            &[
                ("required", "budget.expenses[3].category"),
                ("required", "budget.expenses[3].amount_cents"),
            ],
            false,
        ),
        (
            "",
            "",
            10_000,
            &[("required", "budget.expenses[3].category")],
            true,
        ),
        ("", "travel", 10_000, &[], true),
        ("Billets d’avion", "travel", 10_000, &[], true),
        ("", "", 0, &[], false),
    ];
    for (label, category, amount, expected, judged) in table {
        let report = judge_changed(|d| {
            d.budget
                .expenses
                .push(expense_with(label, category, amount))
        });
        let on_line: Vec<(String, String)> = rules_and_fields(&report)
            .into_iter()
            .filter(|(_, f)| f.starts_with("budget.expenses[3]"))
            .collect();
        let expected: Vec<(String, String)> = expected
            .iter()
            .map(|(r, f)| (r.to_string(), f.to_string()))
            .collect();
        assert_eq!(on_line, expected, "{label:?} {category:?} {amount}");
        let unbalanced = of_rule(&report, "budget.unbalanced").len();
        assert_eq!(
            unbalanced,
            usize::from(judged && amount != 0),
            "{label:?} {amount}"
        );
        assert!(of_rule(&report, "budget.no_expenses").is_empty());
    }
}
