//! The eligibility self-check judged with the frozen 2025 edition: the verdict for an eligible
//! association and for each kind of ineligibility, with the reason and the call's sentence, and
//! unanswered questions « à compléter » until the verdict is asked for.

mod common;

use wasm_validator::catalogue;
use wasm_validator::form::selfcheck::{assess, Assessment, Status, Verdict};

use common::{before_deadline, edition};

/// The questions of the self-check page, as its controls are named.
const QUESTIONS: [&str; 7] = [
    "applicant.legal_form",
    "applicant.address.postal_code",
    "partner.country",
    "applicant.previous_explor",
    "partner.need_identified",
    "mission.sdgs",
    "declarations.charter",
];

/// The answers of an eligible association.
const ELIGIBLE: [(&str, &str); 7] = [
    ("applicant.legal_form", "association_1901"),
    ("applicant.address.postal_code", "59000"),
    ("partner.country", "SN"),
    ("applicant.previous_explor", "false"),
    ("partner.need_identified", "true"),
    ("mission.sdgs", "6"),
    ("declarations.charter", "true"),
];

/// The eligible answers with `changes` replacing (or, with an empty value, removing) some.
fn answers(changes: &[(&str, &str)]) -> Vec<(String, String)> {
    let mut list: Vec<(String, String)> = ELIGIBLE
        .iter()
        .filter(|(name, _)| !changes.iter().any(|(n, _)| n == name))
        .map(|(n, v)| (n.to_string(), v.to_string()))
        .collect();
    list.extend(
        changes
            .iter()
            .filter(|(_, v)| !v.is_empty())
            .map(|(n, v)| (n.to_string(), v.to_string())),
    );
    list
}

fn judge(pairs: &[(String, String)], extra: &[&str], reveal: bool) -> Assessment {
    let e = edition();
    let mut questions: Vec<String> = QUESTIONS.iter().map(|q| q.to_string()).collect();
    questions.extend(extra.iter().map(|q| q.to_string()));
    assess(
        &e,
        &catalogue(&e),
        pairs,
        &questions,
        before_deadline(),
        reveal,
    )
}

/// The sentence of the call behind the rule `id`.
fn call_of(id: &str) -> String {
    let e = edition();
    let rules = catalogue(&e);
    let rule = rules.iter().find(|r| r.id == id).expect("rule");
    assert!(rule.eligibility, "{id} is an eligibility rule");
    rule.call.clone().expect("a call sentence")
}

#[test]
fn an_eligible_association_is_eligible_on_every_question() {
    let result = judge(&answers(&[]), &[], false);
    assert_eq!(result.verdict, Verdict::Eligible);
    for a in &result.answers {
        assert_eq!(a.status, Status::Yes, "{}", a.path);
        assert!(a.reasons.is_empty() && a.calls.is_empty(), "{}", a.path);
    }
}

/// The answers changed, the question that fails, its rule, and words of its reason.
type Case = (
    &'static [(&'static str, &'static str)],
    &'static str,
    &'static str,
    &'static str,
);

#[test]
fn each_kind_of_ineligibility_names_its_question_reason_and_call() {
    let cases: [Case; 8] = [
        (
            &[("applicant.legal_form", "other")],
            "applicant.legal_form",
            "applicant.legal_form",
            "Seules les associations loi 1901",
        ),
        (
            &[("applicant.legal_form", "association_1908")],
            "applicant.legal_form",
            "applicant.legal_form",
            "loi 1908",
        ),
        (
            &[("applicant.address.postal_code", "75001")],
            "applicant.address.postal_code",
            "applicant.seat_in_region",
            "département 75",
        ),
        (
            &[("applicant.address.postal_code", "95000")],
            "applicant.address.postal_code",
            "applicant.seat_in_region",
            "département 95",
        ),
        (
            &[("partner.country", "CL")],
            "partner.country",
            "partner.country_eligible",
            "ne figure pas sur la liste du CAD",
        ),
        (
            &[("partner.need_identified", "false")],
            "partner.need_identified",
            "partner.need_identified",
            "besoin d’expertise",
        ),
        (
            &[("mission.sdgs", "")],
            "mission.sdgs",
            "mission.sdgs",
            "au moins un des 17",
        ),
        (
            &[("declarations.charter", "")],
            "declarations.charter",
            "declarations.charter",
            "charte",
        ),
    ];
    for (changes, path, rule, reason) in cases {
        // A tick box left empty is only « à compléter » until the verdict is asked for.
        let reveal = changes.iter().any(|(_, v)| v.is_empty());
        let result = judge(&answers(changes), &[], reveal);
        assert_eq!(result.verdict, Verdict::NotEligible, "{path}");
        for a in &result.answers {
            if a.path != path {
                assert_eq!(a.status, Status::Yes, "{path}: {}", a.path);
                continue;
            }
            assert_ne!(a.status, Status::Yes, "{path}");
            assert!(
                a.reasons.iter().any(|r| r.contains(reason)),
                "{path}: {:?}",
                a.reasons
            );
            assert_eq!(a.calls, vec![call_of(rule)], "{path}");
        }
    }
}

#[test]
fn the_region_s_postal_codes_are_eligible_and_a_lost_zero_is_explained() {
    for code in ["02000", "59000", "60000", "62000", "80000", "59 000"] {
        let result = judge(
            &answers(&[("applicant.address.postal_code", code)]),
            &[],
            false,
        );
        assert_eq!(result.verdict, Verdict::Eligible, "{code}");
    }
    let result = judge(
        &answers(&[("applicant.address.postal_code", "2000")]),
        &[],
        false,
    );
    assert_eq!(result.verdict, Verdict::NotEligible);
    let seat = &result.answers[1];
    assert_eq!(seat.status, Status::No);
    assert_eq!(seat.reasons.len(), 2, "{:?}", seat.reasons);
    assert!(seat.reasons[0].contains("ajoutez le 0 initial"));
    assert_eq!(seat.calls, vec![call_of("applicant.seat_in_region")]);
}

#[test]
fn kosovo_is_on_the_dac_list() {
    let result = judge(&answers(&[("partner.country", "XK")]), &[], false);
    assert_eq!(result.verdict, Verdict::Eligible);
}

#[test]
fn an_earlier_explor_mission_needs_a_new_project() {
    let earlier = [("applicant.previous_explor", "true")];
    let new_project = ["applicant.new_project"];
    let pending = judge(&answers(&earlier), &new_project, false);
    assert_eq!(pending.verdict, Verdict::ToComplete(1));
    let last = pending.answers.last().unwrap();
    assert_eq!(
        (last.path.as_str(), last.status),
        ("applicant.new_project", Status::ToComplete)
    );
    let mut same = earlier.to_vec();
    same.push(("applicant.new_project", "false"));
    let refused = judge(&answers(&same), &new_project, false);
    assert_eq!(refused.verdict, Verdict::NotEligible);
    let last = refused.answers.last().unwrap();
    assert_eq!(last.status, Status::No);
    assert!(last.reasons[0].contains("que pour un nouveau projet"));
    assert_eq!(last.calls, vec![call_of("applicant.previous_explor")]);
    let mut new = earlier.to_vec();
    new.push(("applicant.new_project", "true"));
    assert_eq!(
        judge(&answers(&new), &new_project, false).verdict,
        Verdict::Eligible
    );
}

#[test]
fn a_blank_page_is_to_complete_then_not_eligible_once_the_verdict_is_asked_for() {
    let blank: Vec<(String, String)> = Vec::new();
    let quiet = judge(&blank, &[], false);
    assert_eq!(quiet.verdict, Verdict::ToComplete(QUESTIONS.len()));
    assert!(quiet
        .answers
        .iter()
        .all(|a| a.status == Status::ToComplete && a.reasons.is_empty()));
    let asked = judge(&blank, &[], true);
    assert_eq!(asked.verdict, Verdict::NotEligible);
    for a in &asked.answers {
        assert_eq!(a.status, Status::ToComplete, "{}", a.path);
        assert_eq!(a.reasons.len(), 1, "{}: {:?}", a.path, a.reasons);
        assert_eq!(a.calls.len(), 1, "{}", a.path);
    }
}

#[test]
fn only_eligibility_rules_decide() {
    // The answers leave the rest of the dossier blank (no name, no budget…): none of those
    // findings reaches the self-check, and a malformed answer outside eligibility does not either.
    let result = judge(&answers(&[]), &["applicant.rna"], true);
    assert_eq!(result.verdict, Verdict::Eligible);
    let mut pairs = answers(&[]);
    pairs.push(("applicant.rna".into(), "12".into()));
    let result = judge(&pairs, &["applicant.rna"], true);
    assert_eq!(result.verdict, Verdict::Eligible);
}
