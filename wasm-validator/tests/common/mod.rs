//! Test fixtures: the tests' frozen 2025 edition (`tests/fixtures/editions/explor-2025`, loaded with
//! the crate's own loader; not `content/`, which `explor new-edition` moves on every year) and a
//! complete, valid dossier for it that each test then breaks in one place.

#![allow(dead_code)]

use std::path::PathBuf;
use std::sync::OnceLock;

use jiff::civil::{date, Date};
use wasm_validator::edition::load;
use wasm_validator::model::{
    Address, Applicant, Budget, Contact, Declarations, Expense, Mission, Partner, Resource,
};
use wasm_validator::{validate, Dossier, Edition, Finding, Report, Severity};

/// The folder of the frozen edition, laid out like `content/`.
pub fn frozen_edition_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/editions/explor-2025")
}

/// The frozen 2025 edition with its countries and SDGs, read once per test binary.
pub fn edition() -> Edition {
    static EDITION: OnceLock<Edition> = OnceLock::new();
    EDITION
        .get_or_init(|| {
            load::from_dir(&frozen_edition_dir())
                .unwrap_or_else(|e| panic!("the frozen edition loads: {e}"))
        })
        .clone()
}

/// A day before the deadline.
pub fn before_deadline() -> Date {
    date(2025, 6, 10)
}

/// A complete dossier that passes every rule of the 2025 edition: a 12-day mission in Senegal,
/// 2 000 € of expenses, 1 000 € requested.
pub fn valid_dossier() -> Dossier {
    let mut d = Dossier::blank("explor-2025-hauts-de-france");
    d.saved_at = "2025-06-10T14:03:00+02:00".into();
    d.applicant = Applicant {
        name: "Association Exemple".into(),
        legal_form: "association_1901".into(),
        rna: "W595000000".into(),
        siret: "73282932000074".into(),
        address: Address {
            street: "1 rue Exemple".into(),
            postal_code: "59000".into(),
            city: "Lille".into(),
        },
        contact: Contact {
            first_name: "Aïssata".into(),
            last_name: "Diallo".into(),
            role: "Présidente".into(),
            email: "contact@asso-exemple.fr".into(),
            phone: "03 20 00 00 00".into(),
        },
        previous_explor: Some(false),
        new_project: None,
    };
    d.partner = Partner {
        name: "Groupement des maraîchers de Thiès".into(),
        country: "SN".into(),
        city: "Thiès".into(),
        need_identified: Some(true),
        relationship: "Partenaires depuis 2018 autour de l’irrigation.".into(),
    };
    d.mission = Mission {
        title: "Diagnostic du réseau d’irrigation".into(),
        kind: "preparation".into(),
        country: "SN".into(),
        city: "Thiès".into(),
        start_date: "2025-10-06".into(),
        end_date: "2025-10-17".into(),
        sdgs: vec![2, 6],
        need: "Réduire les pertes d’eau du réseau.".into(),
        objectives: "Établir un diagnostic partagé.".into(),
        activities: "Relevés, ateliers, restitution.".into(),
        expected_results: "Un plan de travaux chiffré.".into(),
        expert_profile: "Ingénieur·e hydraulicien·ne.".into(),
        follow_up: String::new(),
        hosted_expert: None,
    };
    d.budget = Budget {
        expenses: vec![
            expense("travel", 130_000),
            expense("accommodation", 40_000),
            expense("subsistence", 30_000),
        ],
        resources: vec![resource("lianes", 100_000), resource("own_funds", 100_000)],
    };
    d.declarations = Declarations {
        charter: true,
        accurate: true,
    };
    d
}

pub fn expense(category: &str, amount_cents: i64) -> Expense {
    Expense {
        category: category.into(),
        label: String::new(),
        amount_cents: amount_cents.into(),
    }
}

pub fn resource(source: &str, amount_cents: i64) -> Resource {
    Resource {
        source: source.into(),
        label: String::new(),
        amount_cents: amount_cents.into(),
    }
}

/// Judges a dossier before the deadline with the frozen edition.
pub fn judge(d: &Dossier) -> Report {
    validate(&edition(), d, before_deadline())
}

/// The findings of one rule.
pub fn of_rule<'r>(report: &'r Report, rule: &str) -> Vec<&'r Finding> {
    report.findings.iter().filter(|f| f.rule == rule).collect()
}

/// `(rule, field)` of every finding, to compare whole reports briefly.
pub fn rules_and_fields(report: &Report) -> Vec<(String, String)> {
    report
        .findings
        .iter()
        .map(|f| (f.rule.clone(), f.field.clone()))
        .collect()
}

/// Asserts that the only findings are those listed, as `(rule, field)`.
pub fn assert_only(report: &Report, expected: &[(&str, &str)]) {
    let expected: Vec<(String, String)> = expected
        .iter()
        .map(|(r, f)| (r.to_string(), f.to_string()))
        .collect();
    assert_eq!(rules_and_fields(report), expected, "{:#?}", report.findings);
}

pub fn errors(report: &Report) -> usize {
    report
        .findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .count()
}

/// Judges the valid dossier after `change`.
pub fn judge_changed(change: impl FnOnce(&mut Dossier)) -> Report {
    let mut d = valid_dossier();
    change(&mut d);
    judge(&d)
}

/// French typography as the messages use it: non-breaking space (`~`) and narrow one (`^`), written
/// visibly in expected strings.
pub fn nb(text: &str) -> String {
    text.replace('~', "\u{a0}").replace('^', "\u{202f}")
}

/// The message of the only finding of `rule`.
pub fn message_of(report: &Report, rule: &str) -> String {
    let found = of_rule(report, rule);
    assert_eq!(found.len(), 1, "{rule}: {:#?}", report.findings);
    found[0].message.clone()
}
