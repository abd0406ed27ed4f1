//! The eligibility self-check, independent of the browser: each question's standing from the call's
//! own eligibility rules, the overall verdict, and the answers carried into the application's draft
//! without losing anything the draft already holds.
//!
//! A question is a dossier path (`applicant.address.postal_code`), the name of its controls. Only
//! the rules the catalogue marks as eligibility rules decide; a `format` finding on the same field
//! is kept beside them because it says what to fix (« ajoutez le 0 initial »).

use jiff::civil::Date;

use crate::form::formdata;
use crate::json::{self, Json, Map, Value};
use crate::parse::parse_dossier;
use crate::rules::RuleInfo;
use crate::{Dossier, Edition, Finding, Severity};

/// Where a question stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// Answered, and the answer meets the call's conditions.
    Yes,
    /// Answered, and the answer does not meet them.
    No,
    /// Not answered yet.
    ToComplete,
}

/// One question's standing, with the reasons (French) and the call's sentences behind them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answer {
    pub path: String,
    pub status: Status,
    /// Why the answer does not do, or (once the verdict is asked for) what is missing.
    pub reasons: Vec<String>,
    /// The sentences of the call the reasons enforce, each once.
    pub calls: Vec<String>,
}

/// The overall verdict.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    Eligible,
    NotEligible,
    /// No answer fails yet, but this many questions are unanswered.
    ToComplete(usize),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Assessment {
    pub verdict: Verdict,
    pub answers: Vec<Answer>,
}

/// Whether the form's `pairs` hold an answer to the question `path`.
pub fn answered<S: AsRef<str>>(pairs: &[(S, S)], path: &str) -> bool {
    pairs
        .iter()
        .any(|(n, v)| n.as_ref() == path && !v.as_ref().trim().is_empty())
}

/// Judges the answers `pairs` to the `questions` asked with the rules of `edition` on `today`.
/// Before the person asks for the verdict (`reveal`), an unanswered question is only « to
/// complete »; afterwards it counts against eligibility, with the rule's reason.
pub fn assess<S: AsRef<str>>(
    edition: &Edition,
    rules: &[RuleInfo],
    pairs: &[(S, S)],
    questions: &[String],
    today: Date,
    reveal: bool,
) -> Assessment {
    let dossier = formdata::read(pairs, &edition.id).dossier;
    let report = crate::validate(edition, &dossier, today);
    let answers: Vec<Answer> = questions
        .iter()
        .map(|path| {
            let findings = blocking(&report.findings, rules, path);
            answer(path, answered(pairs, path), &findings, rules, reveal)
        })
        .collect();
    Assessment {
        verdict: verdict(&answers, reveal),
        answers,
    }
}

/// The errors on `path` that decide eligibility: the eligibility rules' findings, with the
/// `format` findings that explain them (none when no eligibility rule objects).
pub fn blocking<'f>(findings: &'f [Finding], rules: &[RuleInfo], path: &str) -> Vec<&'f Finding> {
    let is_eligibility = |f: &Finding| rules.iter().any(|r| r.eligibility && r.id == f.rule);
    let own: Vec<&Finding> = findings
        .iter()
        .filter(|f| f.field == path && f.severity == Severity::Error)
        .collect();
    if !own.iter().any(|f| is_eligibility(f)) {
        return Vec::new();
    }
    own.into_iter()
        .filter(|f| is_eligibility(f) || f.rule == "format")
        .collect()
}

fn answer(
    path: &str,
    answered: bool,
    findings: &[&Finding],
    rules: &[RuleInfo],
    reveal: bool,
) -> Answer {
    let status = match (answered, findings.is_empty()) {
        (true, true) => Status::Yes,
        (true, false) => Status::No,
        (false, true) if reveal => Status::Yes,
        (false, _) => Status::ToComplete,
    };
    let explained = status == Status::No || (status == Status::ToComplete && reveal);
    let mut reasons = Vec::new();
    let mut calls: Vec<String> = Vec::new();
    if explained {
        for finding in findings {
            reasons.push(finding.message.clone());
            let call = rules
                .iter()
                .find(|r| r.id == finding.rule)
                .and_then(|r| r.call.clone());
            if let Some(call) = call.filter(|c| !calls.contains(c)) {
                calls.push(call);
            }
        }
    }
    Answer {
        path: path.to_owned(),
        status,
        reasons,
        calls,
    }
}

fn verdict(answers: &[Answer], reveal: bool) -> Verdict {
    let count = |s: Status| answers.iter().filter(|a| a.status == s).count();
    match (count(Status::No), count(Status::ToComplete)) {
        (0, 0) => Verdict::Eligible,
        (0, missing) if !reveal => Verdict::ToComplete(missing),
        _ => Verdict::NotEligible,
    }
}

/// The attribute of a checklist item that words its line for the answer `values` (one answer, a
/// plain word: `data-when-false`); `None` when the line keeps the condition's own words.
pub fn line_variant(values: &[String]) -> Option<String> {
    let [value] = values else { return None };
    let plain = !value.is_empty()
        && value
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    plain.then(|| format!("{}{value}", crate::form::contract::WHEN_PREFIX))
}

/// Where the self-check leaves word, beside the application's draft `key`, that it has just carried
/// its answers there: the application page says so once, then removes it.
pub fn carried_marker(key: &str) -> String {
    format!("{key}:reprise-eligibilite")
}

/// The application's draft with the self-check's answers put in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Carried {
    /// The draft to store, as JSON.
    pub text: String,
    /// The stored text, when it was not a readable dossier: to be kept aside, never dropped.
    pub backup: Option<String>,
}

/// Puts the answers `pairs` to `questions` into the draft `stored` (the application page's JSON, if
/// any). Only the questions answered are written, so an answer left blank here never erases one
/// given in the application; a question of `cleared` (asked only under a condition that no longer
/// holds, like « nouveau projet ? » once « déjà EXPLOR ? » is « non ») goes back to its blank
/// value. Every other field of the draft, unknown ones included, is kept as it was.
pub fn carry<S: AsRef<str>>(
    stored: Option<&str>,
    pairs: &[(S, S)],
    questions: &[String],
    cleared: &[String],
    edition_id: &str,
) -> Carried {
    let blank = || Dossier::blank(edition_id).to_json();
    let (mut draft, backup) = match stored {
        None => (blank(), None),
        Some(text) => match parse_dossier(text.as_bytes()) {
            Ok(_) => (
                json::parse(text.trim_start_matches('\u{feff}'), crate::parse::MAX_DEPTH)
                    .unwrap_or_else(|_| blank()),
                None,
            ),
            Err(_) => (blank(), Some(text.to_owned())),
        },
    };
    let answers = formdata::read(pairs, edition_id).dossier.to_json();
    let written = questions
        .iter()
        .filter(|path| answered(pairs, path))
        .chain(cleared);
    for path in written {
        let answer = path
            .split('.')
            .try_fold(&answers, |node, key| node.get(key));
        if let Some(value) = answer {
            set(&mut draft, path, value.clone());
        }
    }
    // Compact: the application page writes its draft again, indented, on its next change.
    Carried {
        text: json::to_compact(&draft),
        backup,
    }
}

/// Sets the value at the dotted `path` of `root`, creating the objects on the way.
fn set(root: &mut Value, path: &str, value: Value) {
    let mut node = root;
    for key in path.split('.') {
        if !node.is_object() {
            *node = Value::Object(Map::new());
        }
        let Value::Object(map) = node else { return };
        node = map.entry(key.to_owned());
    }
    *node = value;
}

// Native only: proptest does not build for wasm32 (the shell's own tests are tests/wasm_boundary.rs).
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|(n, v)| (n.to_string(), v.to_string()))
            .collect()
    }

    fn paths(list: &[&str]) -> Vec<String> {
        list.iter().map(|p| p.to_string()).collect()
    }

    fn finding(rule: &str, field: &str, message: &str) -> Finding {
        Finding {
            rule: rule.to_owned(),
            severity: Severity::Error,
            field: field.to_owned(),
            message: message.to_owned(),
        }
    }

    fn rule(id: &'static str, eligibility: bool, call: Option<&str>) -> RuleInfo {
        RuleInfo {
            id,
            severity: Severity::Error,
            eligibility,
            summary: String::new(),
            call: call.map(str::to_owned),
            reason: None,
        }
    }

    fn rules() -> Vec<RuleInfo> {
        vec![
            rule("format", false, None),
            rule("required", false, None),
            rule("applicant.seat_in_region", true, Some("Siège en région.")),
            rule("mission.sdgs", true, Some("En lien avec les ODD.")),
        ]
    }

    #[test]
    fn a_format_finding_counts_only_beside_an_eligibility_one() {
        let findings = vec![
            finding("format", "applicant.address.postal_code", "4 chiffres"),
            finding(
                "applicant.seat_in_region",
                "applicant.address.postal_code",
                "hors région",
            ),
            finding("required", "applicant.name", "nom manquant"),
            finding("format", "applicant.rna", "RNA invalide"),
        ];
        let seat = blocking(&findings, &rules(), "applicant.address.postal_code");
        let messages: Vec<&str> = seat.iter().map(|f| f.message.as_str()).collect();
        assert_eq!(messages, ["4 chiffres", "hors région"]);
        assert!(blocking(&findings, &rules(), "applicant.rna").is_empty());
        assert!(blocking(&findings, &rules(), "applicant.name").is_empty());
    }

    #[test]
    fn an_unanswered_question_waits_until_the_verdict_is_asked_for() {
        let f = finding("mission.sdgs", "mission.sdgs", "Choisissez un ODD");
        let before = answer("mission.sdgs", false, &[&f], &rules(), false);
        assert_eq!(before.status, Status::ToComplete);
        assert!(before.reasons.is_empty() && before.calls.is_empty());
        let after = answer("mission.sdgs", false, &[&f], &rules(), true);
        assert_eq!(after.status, Status::ToComplete);
        assert_eq!(after.reasons, ["Choisissez un ODD"]);
        assert_eq!(after.calls, ["En lien avec les ODD."]);
        let wrong = answer("mission.sdgs", true, &[&f, &f], &rules(), false);
        assert_eq!(wrong.status, Status::No);
        assert_eq!(wrong.reasons.len(), 2);
        assert_eq!(wrong.calls.len(), 1, "one sentence of the call per rule");
        assert_eq!(answer("x", true, &[], &rules(), false).status, Status::Yes);
    }

    #[test]
    fn one_failing_answer_settles_the_verdict_before_the_rest() {
        let a = |status| Answer {
            path: String::new(),
            status,
            reasons: Vec::new(),
            calls: Vec::new(),
        };
        let (yes, no, todo) = (a(Status::Yes), a(Status::No), a(Status::ToComplete));
        let list = [yes.clone(), todo.clone(), todo.clone()];
        assert_eq!(verdict(&list, false), Verdict::ToComplete(2));
        assert_eq!(verdict(&list, true), Verdict::NotEligible);
        assert_eq!(
            verdict(&[yes.clone(), no, todo], false),
            Verdict::NotEligible
        );
        assert_eq!(verdict(&[yes.clone(), yes], false), Verdict::Eligible);
    }

    #[test]
    fn a_line_is_worded_for_one_plain_answer_only() {
        let values = |list: &[&str]| paths(list);
        let cases: [(&[&str], Option<&str>); 6] = [
            (&["false"], Some("data-when-false")),
            (&["association_1908"], Some("data-when-association_1908")),
            (&[], None),
            (&[""], None),
            (&["3", "13"], None),
            (&["a\"b"], None),
        ];
        for (given, expected) in cases {
            assert_eq!(
                line_variant(&values(given)).as_deref(),
                expected,
                "{given:?}"
            );
        }
    }

    #[test]
    fn answered_ignores_blank_values() {
        let list = pairs(&[("a", "  "), ("b", "59000")]);
        assert!(!answered(&list, "a"));
        assert!(answered(&list, "b"));
        assert!(!answered(&list, "c"));
    }

    #[test]
    fn carrying_keeps_the_draft_and_writes_only_what_was_answered() {
        let mut draft = Dossier::blank("e");
        draft.applicant.name = "Solidarité Nord–Sud".into();
        draft.partner.country = "SN".into();
        draft.applicant.new_project = Some(true);
        draft.mission.sdgs = vec![3];
        let stored = crate::to_json(&draft);
        let answers = pairs(&[
            ("applicant.legal_form", "association_1901"),
            ("applicant.previous_explor", "false"),
            ("mission.sdgs", "6"),
            ("mission.sdgs", "13"),
        ]);
        let questions = paths(&[
            "applicant.legal_form",
            "partner.country",
            "applicant.previous_explor",
            "mission.sdgs",
        ]);
        let cleared = paths(&["applicant.new_project"]);
        let carried = carry(Some(&stored), &answers, &questions, &cleared, "e");
        assert_eq!(carried.backup, None);
        let back = parse_dossier(carried.text.as_bytes()).unwrap().dossier;
        assert_eq!(back.applicant.name, "Solidarité Nord–Sud");
        assert_eq!(back.applicant.legal_form, "association_1901");
        assert_eq!(
            back.partner.country, "SN",
            "an unanswered question erases nothing"
        );
        assert_eq!(back.applicant.previous_explor, Some(false));
        assert_eq!(back.applicant.new_project, None);
        assert_eq!(back.mission.sdgs, vec![6, 13]);
    }

    #[test]
    fn an_unreadable_draft_is_handed_back_to_be_kept() {
        let answers = pairs(&[("applicant.legal_form", "other")]);
        let questions = paths(&["applicant.legal_form"]);
        let carried = carry(Some("{ pas du JSON"), &answers, &questions, &[], "e");
        assert_eq!(carried.backup.as_deref(), Some("{ pas du JSON"));
        let back = parse_dossier(carried.text.as_bytes()).unwrap().dossier;
        assert_eq!(back.applicant.legal_form, "other");
        assert_eq!(back.edition, "e");
        let fresh = carry(None, &answers, &questions, &[], "e");
        assert_eq!(fresh.backup, None);
        assert_eq!(fresh.text, carried.text);
    }

    // The drafts are made and compared with serde_json, the reference reader, not this crate's own.
    use serde_json::Value;

    /// Every leaf of `value` with its pointer.
    fn leaves(value: &Value, at: String, out: &mut Vec<(String, Value)>) {
        match value {
            Value::Object(map) if !map.is_empty() => {
                for (k, v) in map {
                    leaves(v, format!("{at}/{k}"), out);
                }
            }
            Value::Array(items) if !items.is_empty() => {
                for (i, v) in items.iter().enumerate() {
                    leaves(v, format!("{at}/{i}"), out);
                }
            }
            other => out.push((at, other.clone())),
        }
    }

    const QUESTIONS: [&str; 8] = [
        "applicant.legal_form",
        "applicant.address.postal_code",
        "partner.country",
        "applicant.previous_explor",
        "applicant.new_project",
        "partner.need_identified",
        "mission.sdgs",
        "declarations.charter",
    ];

    prop_compose! {
        fn draft()(
            texts in proptest::collection::vec("\\PC{0,8}", 8),
            flags in proptest::collection::vec(proptest::option::of(any::<bool>()), 3),
            sdgs in proptest::collection::vec(0i64..20, 0..4),
            amount in -1_000_000i64..1_000_000,
            extra in proptest::option::of("\\PC{0,8}"),
        ) -> String {
            let mut d = Dossier::blank("e");
            d.applicant.name = texts[0].clone();
            d.applicant.legal_form = texts[1].clone();
            d.applicant.address.postal_code = texts[2].clone();
            d.applicant.address.city = texts[3].clone();
            d.partner.country = texts[4].clone();
            d.partner.relationship = texts[5].clone();
            d.mission.title = texts[6].clone();
            d.budget.expenses.push(crate::model::Expense {
                category: texts[7].clone(), label: String::new(), amount_cents: amount.into(),
            });
            d.applicant.previous_explor = flags[0];
            d.applicant.new_project = flags[1];
            d.partner.need_identified = flags[2];
            d.mission.sdgs = sdgs;
            let mut value = serde_json::to_value(&d).unwrap();
            if let (Some(extra), Value::Object(map)) = (extra, &mut value) {
                map.insert("note_libre".into(), Value::String(extra));
            }
            serde_json::to_string(&value).unwrap()
        }
    }

    fn answer_pairs() -> impl Strategy<Value = Vec<(String, String)>> {
        let name = proptest::sample::select(QUESTIONS.to_vec());
        let value = prop_oneof![
            Just("true".to_owned()),
            Just("false".to_owned()),
            Just(String::new()),
            "[0-9]{1,5}",
            "\\PC{0,6}",
        ];
        proptest::collection::vec((name.prop_map(str::to_owned), value), 0..10)
    }

    proptest! {
        #[test]
        fn carrying_never_drops_a_field_of_the_draft(stored in draft(), answers in answer_pairs(), asked in 0usize..=8) {
            let questions = paths(&QUESTIONS[..asked]);
            let carried = carry(Some(&stored), &answers, &questions, &[], "e");
            prop_assert_eq!(carried.backup, None);
            prop_assert!(parse_dossier(carried.text.as_bytes()).is_ok());
            let before: Value = serde_json::from_str(&stored).unwrap();
            let after: Value = serde_json::from_str(&carried.text).unwrap();
            let mut old = Vec::new();
            leaves(&before, String::new(), &mut old);
            let written: Vec<String> = questions
                .iter()
                .filter(|q| answered(&answers, q))
                .map(|q| format!("/{}", q.replace('.', "/")))
                .collect();
            for (pointer, value) in old {
                if written.iter().any(|w| pointer == *w || pointer.starts_with(&format!("{w}/"))) {
                    continue;
                }
                prop_assert_eq!(after.pointer(&pointer), Some(&value), "{} lost", pointer);
            }
        }
    }
}
