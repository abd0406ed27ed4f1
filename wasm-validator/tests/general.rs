//! Rules over the whole dossier (edition, deadline, declarations, required fields, text lengths),
//! the verdicts, the order of findings and the catalogue.

mod common;
use common::*;
use jiff::civil::date;
use wasm_validator::{catalogue, validate, Dossier, Severity};

type Setter = fn(&mut Dossier, String);

/// Every required free text, with a setter.
const REQUIRED_TEXTS: &[(&str, Setter)] = &[
    ("applicant.name", |d, v| d.applicant.name = v),
    // The RNA is required only without a SIRET (contract §2): both are blanked.
    ("applicant.rna", |d, v| {
        d.applicant.siret = v.clone();
        d.applicant.rna = v
    }),
    ("applicant.address.street", |d, v| {
        d.applicant.address.street = v
    }),
    ("applicant.address.city", |d, v| {
        d.applicant.address.city = v
    }),
    ("applicant.contact.first_name", |d, v| {
        d.applicant.contact.first_name = v
    }),
    ("applicant.contact.last_name", |d, v| {
        d.applicant.contact.last_name = v
    }),
    ("applicant.contact.email", |d, v| {
        d.applicant.contact.email = v
    }),
    ("applicant.contact.phone", |d, v| {
        d.applicant.contact.phone = v
    }),
    ("partner.name", |d, v| d.partner.name = v),
    ("partner.city", |d, v| d.partner.city = v),
    ("partner.relationship", |d, v| d.partner.relationship = v),
    ("mission.title", |d, v| d.mission.title = v),
    ("mission.city", |d, v| d.mission.city = v),
    ("mission.need", |d, v| d.mission.need = v),
    ("mission.objectives", |d, v| d.mission.objectives = v),
    ("mission.activities", |d, v| d.mission.activities = v),
    ("mission.expected_results", |d, v| {
        d.mission.expected_results = v
    }),
    ("mission.expert_profile", |d, v| {
        d.mission.expert_profile = v
    }),
];

#[test]
fn every_required_field_is_reported_alone() {
    for (field, set) in REQUIRED_TEXTS {
        for blank in ["", "  \n\t"] {
            let report = judge_changed(|d| set(d, blank.to_owned()));
            assert_only(&report, &[("required", field)]);
            assert!(report.eligible, "{field} is not an eligibility matter");
        }
    }
    let report = judge_changed(|d| d.mission.title.clear());
    assert_eq!(
        message_of(&report, "required"),
        nb("Ce champ est obligatoire~: indiquez le titre de la mission.")
    );
}

#[test]
fn optional_fields_may_be_empty() {
    let report = judge_changed(|d| {
        d.applicant.siret.clear();
        d.applicant.contact.role.clear();
        d.mission.follow_up.clear();
        d.saved_at.clear();
    });
    assert_only(&report, &[]);
}

#[test]
fn text_length_counts_characters_not_bytes() {
    let short = [
        ("applicant.name", 200usize),
        ("mission.title", 200),
        ("applicant.contact.role", 200),
    ];
    let set = |d: &mut Dossier, field: &str, v: String| match field {
        "applicant.name" => d.applicant.name = v,
        "mission.title" => d.mission.title = v,
        "applicant.contact.role" => d.applicant.contact.role = v,
        "mission.need" => d.mission.need = v,
        "mission.follow_up" => d.mission.follow_up = v,
        _ => d.budget.expenses[0].label = v,
    };
    let long = [
        ("mission.need", 3000),
        ("mission.follow_up", 3000),
        ("budget.expenses[0].label", 200),
    ];
    for (field, limit) in short.into_iter().chain(long) {
        let at_limit = judge_changed(|d| set(d, field, "é".repeat(limit)));
        assert_only(&at_limit, &[]);
        let over = judge_changed(|d| set(d, field, "é".repeat(limit + 1)));
        assert_only(&over, &[("text.too_long", field)]);
    }
    let over = judge_changed(|d| d.applicant.name = "œ".repeat(203));
    assert_eq!(
        message_of(&over, "text.too_long"),
        nb(
            "Texte trop long (le nom de l’association)~: 203 caractères pour 200 au plus. \
            Raccourcissez-le d’au moins 3 caractères."
        )
    );
}

#[test]
fn the_deadline_day_is_still_open() {
    let edition = edition();
    let d = valid_dossier();
    assert_only(&validate(&edition, &d, date(2025, 6, 15)), &[]);
    let late = validate(&edition, &d, date(2025, 6, 16));
    assert_only(&late, &[("submission.closed", "")]);
    // DOSSIER.md §3: late is not incomplete; the two verdicts are independent.
    assert!(late.eligible && late.complete && !late.on_time);
    let on_time = validate(&edition, &d, date(2025, 6, 15));
    assert!(on_time.complete && on_time.on_time);
    let mut blank_title = d.clone();
    blank_title.mission.title.clear();
    let late_and_incomplete = validate(&edition, &blank_title, date(2025, 6, 16));
    assert!(!late_and_incomplete.complete && !late_and_incomplete.on_time);
    assert_eq!(
        message_of(&late, "submission.closed"),
        nb("L’appel est clos~: les dossiers devaient être envoyés au plus tard le 15 juin 2025 à \
            minuit (heure de Paris), et ce dossier est examiné le 16 juin 2025. Le formulaire reste \
            utilisable pour préparer une candidature^; écrivez à Explor-RRMA@lianescooperation.org \
            pour connaître la prochaine édition.")
    );
}

#[test]
fn declarations_must_be_ticked() {
    let report = judge_changed(|d| d.declarations.charter = false);
    assert_only(&report, &[("declarations.charter", "declarations.charter")]);
    assert!(!report.eligible);
    // The call's words: the mission « en lien avec les valeurs » of the charter, not a membership.
    let message = message_of(&report, "declarations.charter");
    assert_eq!(
        message,
        nb(
            "Cochez la case déclarant que la mission proposée est en lien avec les valeurs de la \
            charte de Lianes coopération~: l’appel le demande. La charte est publiée sur le site."
        )
    );
    assert!(!message.contains("adhé"), "{message}");
    let report = judge_changed(|d| d.declarations.accurate = false);
    assert_only(
        &report,
        &[("declarations.accurate", "declarations.accurate")],
    );
    assert!(report.eligible && !report.complete);
}

#[test]
fn a_dossier_of_another_edition_is_reported() {
    let report = judge_changed(|d| d.edition = "explor-2024-hauts-de-france".into());
    assert_only(&report, &[("dossier.edition", "edition")]);
    assert!(report.eligible && !report.complete);
    assert_eq!(
        message_of(&report, "dossier.edition"),
        nb(
            "Ce dossier a été rempli pour une autre édition de l’appel, pas pour l’appel EXPLOR \
            2025 – Hauts-de-France en cours~: reprenez vos réponses dans le formulaire de \
            l’édition en cours et téléchargez un nouveau dossier."
        )
    );
}

#[test]
fn a_blank_dossier_is_neither_eligible_nor_complete_and_says_why() {
    let report = judge(&Dossier::blank("explor-2025-hauts-de-france"));
    assert!(!report.eligible && !report.complete);
    let eligibility: Vec<&str> = report
        .findings
        .iter()
        .filter(|f| {
            catalogue(&edition())
                .iter()
                .any(|r| r.id == f.rule && r.eligibility)
        })
        .map(|f| f.rule.as_str())
        .collect();
    assert_eq!(
        eligibility,
        [
            "applicant.legal_form",
            "applicant.seat_in_region",
            "applicant.previous_explor",
            "partner.country_eligible",
            "partner.need_identified",
            "mission.sdgs",
            "declarations.charter",
        ]
    );
    assert_eq!(report.figures.duration_days, None);
    assert_eq!(report.figures.total_expenses_cents, Some(0));
}

#[test]
fn findings_follow_the_form_order() {
    let report = judge_changed(|d| {
        d.declarations.accurate = false;
        d.budget.expenses = (0..12).map(|_| expense("travel", -1)).collect();
        d.mission.title.clear();
        d.applicant.name.clear();
        d.edition = "other".into();
    });
    let fields: Vec<&str> = report.findings.iter().map(|f| f.field.as_str()).collect();
    let mut expected = vec![
        "edition",
        "applicant.name",
        "mission.title",
        "budget.expenses",
    ];
    let lines: Vec<String> = (0..12)
        .map(|i| format!("budget.expenses[{i}].amount_cents"))
        .collect();
    expected.extend(lines.iter().map(String::as_str));
    expected.extend([
        "budget.resources",
        "budget.resources[0].amount_cents",
        "declarations.accurate",
    ]);
    assert_eq!(fields, expected);
}

#[test]
fn the_catalogue_lists_the_contracts_rules() {
    let edition = edition();
    let list = catalogue(&edition);
    let ids: Vec<(&str, Severity, bool)> = list
        .iter()
        .map(|r| (r.id, r.severity, r.eligibility))
        .collect();
    use Severity::*;
    let contract = [
        ("required", Error, false),
        ("format", Error, false),
        ("text.too_long", Error, false),
        ("applicant.legal_form", Error, true),
        ("applicant.seat_in_region", Error, true),
        ("applicant.previous_explor", Error, true),
        ("partner.country_eligible", Error, true),
        ("partner.need_identified", Error, true),
        ("mission.sdgs", Error, true),
        ("declarations.charter", Error, true),
        ("declarations.accurate", Error, false),
        ("mission.kind", Error, false),
        ("mission.dates", Error, false),
        ("mission.duration_max", Error, false),
        ("mission.duration_min", Error, false),
        ("mission.duration_short", Warning, false),
        ("mission.window", Error, false),
        ("mission.place", Error, false),
        ("mission.place_partner", Warning, false),
        ("mission.reciprocity", Info, false),
        ("budget.no_expenses", Error, false),
        ("budget.amount", Error, false),
        ("budget.unbalanced", Error, false),
        ("budget.request_over_cap", Error, false),
        ("budget.no_request", Warning, false),
        ("submission.closed", Error, false),
        ("dossier.edition", Error, false),
        ("dossier.unknown_field", Warning, false),
    ];
    assert_eq!(ids.len(), contract.len());
    for rule in contract {
        assert!(ids.contains(&rule), "{rule:?} missing or different");
    }
    for rule in &list {
        assert!(
            rule.call.is_some() != rule.reason.is_some(),
            "{} has one source",
            rule.id
        );
        assert!(
            !rule.eligibility || rule.call.is_some(),
            "{} must quote the call",
            rule.id
        );
    }
    let call = |id: &str| {
        list.iter()
            .find(|r| r.id == id)
            .and_then(|r| r.call.clone())
            .unwrap()
    };
    // The sources are the content's (content/rules.toml), facts still to be filled in by the
    // generator, typeset.
    assert_eq!(
        call("budget.request_over_cap"),
        "Contribution financière aux dépenses logistiques de {{ funding.rate }} du coût total du \
         projet dans la limite de {{ funding.cap }} par mission"
    );
    assert_eq!(
        call("mission.duration_max"),
        "La mission proposée doit être réaliste sur une temporalité d’une à deux semaines maximum"
    );
}

/// The catalogue takes each rule's source from the edition, not from the rules' code: a call page
/// rewritten (and its quotation with it) changes what the catalogue and the self-check say.
#[test]
fn the_catalogue_follows_the_edition() {
    let mut edition = edition();
    edition.funding.cap_cents = 150_050;
    for source in &mut edition.rule_sources {
        if source.id == "mission.sdgs" {
            source.call = Some("Les missions servent au moins un ODD : voyez la liste.".into());
        }
        if source.id == "required" {
            source.reason = Some("Pour répondre : il faut tout savoir !".into());
        }
    }
    let list = catalogue(&edition);
    let rule = |id: &str| list.iter().find(|r| r.id == id).unwrap();
    assert_eq!(
        rule("mission.sdgs").call.as_deref(),
        Some(nb("Les missions servent au moins un ODD~: voyez la liste.").as_str())
    );
    assert_eq!(
        rule("required").reason.as_deref(),
        Some(nb("Pour répondre~: il faut tout savoir^!").as_str())
    );
    assert!(rule("budget.request_over_cap")
        .summary
        .contains(&nb("1^500,50~€")));
    edition.rule_sources.clear();
    assert!(catalogue(&edition)
        .iter()
        .all(|r| r.call.is_none() && r.reason.is_none()));
}

#[test]
fn rules_follow_the_edition_not_constants() {
    let mut edition = edition();
    edition.funding.rate_percent = 40;
    edition.funding.cap_cents = 50_000;
    edition.eligibility.departements.retain(|d| d.code != "59");
    edition.dates.deadline = date(2025, 6, 1);
    let report = validate(&edition, &valid_dossier(), before_deadline());
    assert_only(
        &report,
        &[
            ("submission.closed", ""),
            ("applicant.seat_in_region", "applicant.address.postal_code"),
            (
                "budget.request_over_cap",
                "budget.resources[0].amount_cents",
            ),
        ],
    );
    assert_eq!(report.figures.max_contribution_cents, Some(50_000));
}

#[test]
fn every_finding_names_a_catalogued_rule_with_its_severity() {
    let edition = edition();
    let list = catalogue(&edition);
    let mut d = Dossier::blank("x");
    d.mission.kind = "reciprocity".into();
    d.mission.sdgs = vec![99, 1, 1];
    d.applicant.address.postal_code = "2000".into();
    d.budget.expenses = vec![expense("bad", -1)];
    let mut report = validate(&edition, &d, date(2030, 1, 1));
    wasm_validator::add_unknown_fields(&mut report, &["x".into()]);
    for f in &report.findings {
        let rule = list.iter().find(|r| r.id == f.rule).expect("catalogued");
        assert_eq!(rule.severity, f.severity, "{}", f.rule);
        assert!(!f.message.is_empty());
        for bad in [" :", " ;", " ?", " !", "« ", " »"] {
            assert!(
                !f.message.contains(bad),
                "typography {bad:?} in {}",
                f.message
            );
        }
    }
}

/// Contract §1: the optional fields `status`, `reference` and `mission.hosted_expert` are part of
/// version 1 (no unknown-field warning), judged like any field.
#[test]
fn the_optional_fields_are_known_and_checked() {
    let text = |status: &str, reference: &str, organisation: &str| {
        let mut value = serde_json::to_value(valid_dossier()).unwrap();
        value["status"] = status.into();
        value["reference"] = reference.into();
        value["mission"]["hosted_expert"] = serde_json::json!({
            "organisation": organisation, "role": "Formatrice", "profile": "Dix ans d’animation."
        });
        value.to_string()
    };
    // (status, reference length, organisation length, findings as (rule, field))
    type Case<'a> = (&'a str, usize, usize, &'a [(&'a str, &'a str)]);
    let table: [Case; 6] = [
        ("final", 9, 10, &[]),
        ("draft", 0, 0, &[]),
        ("", 200, 200, &[]),
        ("brouillon", 9, 10, &[("format", "status")]),
        ("final", 201, 10, &[("text.too_long", "reference")]),
        // The hosted expert is judged for a reciprocity mission only (`tests/mission.rs`).
        ("final", 9, 201, &[]),
    ];
    for (status, reference, organisation, expected) in table {
        let json = text(status, &"R".repeat(reference), &"O".repeat(organisation));
        let judged = wasm_validator::judge(&edition(), json.as_bytes(), before_deadline())
            .unwrap_or_else(|e| panic!("{e:?}"));
        assert!(
            judged.unknown_fields.is_empty(),
            "{:?}",
            judged.unknown_fields
        );
        let report = judged.report;
        assert_only(&report, expected);
        assert!(report.eligible, "{status}");
    }
}
