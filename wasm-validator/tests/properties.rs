//! Properties over arbitrary dossiers and bytes: no panic, exact money, consistent verdicts,
//! lossless writing and reading.

// Native only: proptest does not build for wasm32.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use std::sync::OnceLock;

use common::*;
use jiff::civil::Date;
use proptest::prelude::*;
use wasm_validator::edition::Island;
use wasm_validator::json::{self, Json};
use wasm_validator::model::{
    Address, Applicant, Budget, Contact, Declarations, Expense, Mission, Partner, Resource,
};
use wasm_validator::rules::max_contribution;
use wasm_validator::{
    catalogue, parse_dossier, to_json, validate, Dossier, Edition, Report, Severity,
};

fn shared_edition() -> &'static Edition {
    static EDITION: OnceLock<Edition> = OnceLock::new();
    EDITION.get_or_init(edition)
}

/// Text that is sometimes valid for some field, sometimes anything at all.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[ -~]{0,12}",
        Just(String::new()),
        prop::sample::select(vec![
            "SN",
            "FR",
            "CL",
            "XK",
            "59000",
            "2000",
            "W595000000",
            "35600000000048",
            "2025-10-06",
            "2026-04-01",
            "2025-02-30",
            "reciprocity",
            "preparation",
            "association_1901",
            "lianes",
            "travel",
            "a@b.fr",
            "03 20 00 00 00",
            "explor-2025-hauts-de-france",
        ])
        .prop_map(str::to_owned),
    ]
}

fn amount() -> impl Strategy<Value = i64> {
    prop_oneof![
        any::<i64>(),
        -1_000i64..300_000,
        Just(i64::MAX),
        Just(i64::MIN)
    ]
}

fn answer() -> impl Strategy<Value = Option<bool>> {
    prop::option::of(any::<bool>())
}

fn applicant() -> impl Strategy<Value = Applicant> {
    let address = (text(), text(), text()).prop_map(|(street, postal_code, city)| Address {
        street,
        postal_code,
        city,
    });
    let contact = (text(), text(), text(), text(), text()).prop_map(|(f, l, r, e, p)| Contact {
        first_name: f,
        last_name: l,
        role: r,
        email: e,
        phone: p,
    });
    (
        text(),
        text(),
        text(),
        text(),
        address,
        contact,
        answer(),
        answer(),
    )
        .prop_map(
            |(name, legal_form, rna, siret, address, contact, previous_explor, new_project)| {
                Applicant {
                    name,
                    legal_form,
                    rna,
                    siret,
                    address,
                    contact,
                    previous_explor,
                    new_project,
                }
            },
        )
}

fn partner() -> impl Strategy<Value = Partner> {
    (text(), text(), text(), answer(), text()).prop_map(|(name, country, city, need, rel)| {
        Partner {
            name,
            country,
            city,
            need_identified: need,
            relationship: rel,
        }
    })
}

fn mission() -> impl Strategy<Value = Mission> {
    let head = (text(), text(), text(), text(), text(), text());
    let sdgs = prop::collection::vec(prop_oneof![any::<i64>(), 0i64..20], 0..5);
    let body = (text(), text(), text(), text(), text(), text());
    (head, sdgs, body).prop_map(
        |((title, kind, country, city, start, end), sdgs, body)| Mission {
            title,
            kind,
            country,
            city,
            start_date: start,
            end_date: end,
            sdgs,
            need: body.0,
            objectives: body.1,
            activities: body.2,
            expected_results: body.3,
            expert_profile: body.4,
            follow_up: body.5,
            hosted_expert: None,
        },
    )
}

fn budget() -> impl Strategy<Value = Budget> {
    let expense = (text(), text(), amount()).prop_map(|(category, label, amount_cents)| Expense {
        category,
        label,
        amount_cents: amount_cents.into(),
    });
    let resource = (text(), text(), amount()).prop_map(|(source, label, amount_cents)| Resource {
        source,
        label,
        amount_cents: amount_cents.into(),
    });
    (
        prop::collection::vec(expense, 0..6),
        prop::collection::vec(resource, 0..6),
    )
        .prop_map(|(expenses, resources)| Budget {
            expenses,
            resources,
        })
}

fn dossier() -> impl Strategy<Value = Dossier> {
    let declarations = (any::<bool>(), any::<bool>())
        .prop_map(|(charter, accurate)| Declarations { charter, accurate });
    (
        text(),
        text(),
        applicant(),
        partner(),
        mission(),
        budget(),
        declarations,
    )
        .prop_map(
            |(edition, saved_at, applicant, partner, mission, budget, declarations)| Dossier {
                edition,
                saved_at,
                applicant,
                partner,
                mission,
                budget,
                declarations,
                ..Dossier::blank("")
            },
        )
}

fn day() -> impl Strategy<Value = Date> {
    (2000i16..2100, 1i8..=12, 1i8..=28).prop_map(|(y, m, d)| jiff::civil::date(y, m, d))
}

fn exact_sum(amounts: impl Iterator<Item = i64>) -> Option<i64> {
    i64::try_from(amounts.map(i128::from).sum::<i128>()).ok()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn validate_never_panics_and_verdicts_follow_findings(d in dossier(), today in day()) {
        let edition = shared_edition();
        let report = validate(edition, &d, today);
        let rules = catalogue(edition);
        let errors: Vec<_> = report.findings.iter().filter(|f| f.severity == Severity::Error).collect();
        let late = errors.iter().any(|f| f.rule == "submission.closed");
        prop_assert_eq!(report.complete, errors.iter().all(|f| f.rule == "submission.closed"));
        prop_assert_eq!(report.on_time, !late);
        let eligibility_error = errors
            .iter()
            .any(|f| rules.iter().any(|r| r.id == f.rule && r.eligibility));
        prop_assert_eq!(report.eligible, !eligibility_error);
        for f in &report.findings {
            let rule = rules.iter().find(|r| r.id == f.rule);
            // `mission.kind` is only a warning while the edition's types await confirmation.
            let pending = f.rule == "mission.kind"
                && f.severity == Severity::Warning
                && edition.mission.types_to_confirm;
            prop_assert!(pending || rule.is_some_and(|r| r.severity == f.severity), "{}", f.rule);
        }
    }

    #[test]
    fn totals_are_exact(d in dossier()) {
        let report = validate(shared_edition(), &d, before_deadline());
        let f = &report.figures;
        let expenses = exact_sum(d.budget.expenses.iter().map(|e| e.amount_cents.0));
        prop_assert_eq!(f.total_expenses_cents, expenses);
        let resources = exact_sum(d.budget.resources.iter().map(|r| r.amount_cents.0));
        prop_assert_eq!(f.total_resources_cents, resources);
        let request = wasm_validator::rules::request_source(shared_edition()).map(|s| s.id.as_str());
        let requested = d.budget.resources.iter().filter(|r| Some(r.source.trim()) == request);
        prop_assert_eq!(f.requested_cents, exact_sum(requested.map(|r| r.amount_cents.0)));
        prop_assert_eq!(f.max_contribution_cents.is_some(), expenses.is_some());
    }

    #[test]
    fn max_contribution_is_within_cap_and_half(total in amount()) {
        let edition = shared_edition();
        let max = max_contribution(edition, total);
        prop_assert!(max >= 0);
        prop_assert!(max <= edition.funding.cap_cents);
        prop_assert!(i128::from(max) * 2 <= i128::from(total.max(0)));
        // Rounded down to the cent, not further: one more cent would pass half the total or the cap.
        prop_assert!(max == edition.funding.cap_cents || i128::from(max + 1) * 2 > i128::from(total.max(0)));
    }

    #[test]
    fn max_contribution_follows_any_rate_and_cap(total in amount(), rate in 0i64..=100, cap in 0i64..=i64::MAX) {
        let mut edition = shared_edition().clone();
        edition.funding.rate_percent = rate;
        edition.funding.cap_cents = cap;
        let max = max_contribution(&edition, total);
        let share = i128::from(total.max(0)) * i128::from(rate) / 100;
        prop_assert_eq!(i128::from(max), share.min(i128::from(cap)));
    }

    /// The share is computed in `i64` (the module has no 128-bit division): it stays exact for any
    /// total and rate an edition can hold, including products far beyond `i64`.
    #[test]
    fn max_contribution_is_exact_for_any_total_and_rate(total in any::<i64>(), rate in any::<i64>(), cap in any::<i64>()) {
        let mut edition = shared_edition().clone();
        edition.funding.rate_percent = rate;
        edition.funding.cap_cents = cap;
        let max = max_contribution(&edition, total);
        let share = i128::from(total.max(0)) * i128::from(rate.max(0)) / 100;
        prop_assert_eq!(i128::from(max), share.min(i128::from(cap.max(0))));
    }

    #[test]
    fn a_dossier_writes_and_reads_back_unchanged(d in dossier()) {
        let parsed = parse_dossier(to_json(&d).as_bytes()).expect("own output");
        prop_assert_eq!(parsed.dossier, d);
        prop_assert!(parsed.unknown_fields.is_empty());
    }

    /// The crate's own writer (the one the browser uses) writes what serde writes, byte for byte.
    #[test]
    fn the_own_writer_writes_what_serde_writes(d in dossier(), today in day()) {
        let mut pretty = serde_json::to_string_pretty(&d).expect("JSON");
        pretty.push('\n');
        prop_assert_eq!(to_json(&d), pretty);
        let report = validate(shared_edition(), &d, today);
        prop_assert_eq!(
            json::to_compact(&report.to_json()),
            serde_json::to_string(&report).expect("JSON")
        );
        prop_assert_eq!(Report::from_json(&report.to_json()), Some(report));
    }

    #[test]
    fn parsing_arbitrary_bytes_never_panics(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        let _ = parse_dossier(&bytes);
    }

    #[test]
    fn parsing_mangled_dossiers_never_panics(d in dossier(), cut in any::<prop::sample::Index>(), junk in "[\\[\\]{}\",:0-9a-z\\\\ ]{0,8}") {
        let json = to_json(&d);
        let mut at = cut.index(json.len());
        while !json.is_char_boundary(at) {
            at -= 1;
        }
        let mangled = format!("{}{junk}{}", &json[..at], &json[at..]);
        if let Ok(parsed) = parse_dossier(mangled.as_bytes()) {
            let _ = validate(shared_edition(), &parsed.dossier, before_deadline());
        }
    }
}

/// The edition as the browser reads it: the site's own parts, which neither the rules, the form nor
/// the readable sheet use, left at their defaults (`#[skipped]` in `edition.rs`).
fn browser_copy(edition: &Edition) -> Edition {
    let mut e = edition.clone();
    (e.year, e.long_title, e.missions_count) = Default::default();
    e.assumptions.clear();
    e.legal = Default::default();
    let o = &mut e.organiser;
    (o.tagline, o.address, o.website, o.sdg_page) = Default::default();
    let d = &mut e.dates;
    (d.selection_start, d.selection_end, d.answer_month) = Default::default();
    for t in &mut e.mission.types {
        t.description.clear();
    }
    let g = &mut e.eligibility;
    (g.dac_list, g.dac_list_url, g.sdgs, g.sdg_url) = Default::default();
    for c in &mut g.countries {
        c.group.clear();
    }
    for s in &mut e.rule_sources {
        s.reason = None;
    }
    e
}

/// The pages carry the edition without the parts the browser skips: it reads them into the very
/// values it reads from the whole edition, and none of the site's parts is there.
#[test]
fn the_pages_edition_is_what_the_browser_reads_and_no_more() {
    let mut site = shared_edition().clone();
    site.assumptions.push(wasm_validator::edition::Assumption {
        id: "site_only".to_owned(),
        text: "Une hypothèse du site.".to_owned(),
        pages: vec!["appel".to_owned()],
    });
    site.legal.host = "Hébergeur, 1 rue du Port, Lille".to_owned();
    let whole = serde_json::to_string(&site).expect("JSON");
    let pages = site.to_browser_json_text(Island::WHOLE_LISTS);
    let mut without_sources = browser_copy(&site);
    without_sources.rule_sources.clear();
    assert_eq!(Edition::from_json_text(&pages), Some(without_sources));
    for gone in [
        "\"assumptions\"",
        "Hébergeur",
        "\"long_title\"",
        "\"dac_list_url\"",
        "\"group\"",
        "\"reason\"",
    ] {
        assert!(!pages.contains(gone), "{gone} in {pages}");
    }
    assert!(pages.len() < whole.len());
    // The self-check keeps the sources that quote the call (it shows them), and reads the
    // countries and the SDGs from its controls: its island has neither list.
    let selfcheck = site.to_browser_json_text(Island::SELF_CHECK);
    let read = Edition::from_json_text(&selfcheck).expect("read");
    assert!(read.eligibility.countries.is_empty() && read.eligibility.sdg_list.is_empty());
    let mut expected = browser_copy(&site);
    expected.rule_sources.retain(|s| s.call.is_some());
    assert!(!expected.rule_sources.is_empty());
    let g = &expected.eligibility;
    let rebuilt = read.with_control_lists(Some(g.countries.clone()), Some(g.sdg_list.clone()));
    assert_eq!(rebuilt, expected);
    let form = site.to_browser_json_text(Island::FORM);
    assert!(form.len() < selfcheck.len() && selfcheck.len() < pages.len());
    assert!(!form.contains("\"call\""), "{form}");
}

/// The browser reads the edition the generator wrote with serde into exactly the same values, but
/// for the site's own parts (assumptions, legal items, the call's other dates…), which it skips.
#[test]
fn the_edition_written_by_serde_reads_back_unchanged() {
    let mut site = shared_edition().clone();
    site.assumptions.push(wasm_validator::edition::Assumption {
        id: "site_only".to_owned(),
        text: "Une hypothèse du site.".to_owned(),
        pages: vec!["appel".to_owned()],
    });
    site.legal.host = "Hébergeur, 1 rue du Port, Lille".to_owned();
    let text = serde_json::to_string(&site).expect("JSON");
    let read = Edition::from_json_text(&text).expect("read");
    assert_eq!(read, browser_copy(&site), "read without the site's parts");
    assert_ne!(read, site);
    assert!(!read.title.is_empty() && !read.organiser.email.is_empty());
    let edition = &site;
    assert_eq!(
        json::to_compact(&edition.to_json()),
        text,
        "the own writer differs from serde's"
    );
    let without_cap = text.replacen("\"cap_cents\":", "\"cap\":", 1);
    assert_eq!(Edition::from_json_text(&without_cap), None);
    let bad_date = text.replacen(
        &format!("\"deadline\":\"{}\"", edition.dates.deadline),
        "\"deadline\":\"2025-02-30\"",
        1,
    );
    assert_ne!(bad_date, text);
    assert_eq!(Edition::from_json_text(&bad_date), None);
}
