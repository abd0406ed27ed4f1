//! The form as a flat list of `(name, value)` pairs, each name a dossier path, read into a
//! [`Dossier`] and written back.
//!
//! The mapping is generic: a pair is kept when its path (indices aside) names a leaf of the dossier,
//! and that leaf's shape (`Dossier::SHAPE`, derived from the model) says how to read the value —
//! text as is, `null` (an unanswered yes/no) from `"true"`/`"false"`, `true`/`false` (a tick box)
//! from its presence, a list of numbers (the SDGs) one pair per number, a number (an amount) from
//! euros as typed. Any other name (a button, the file picker) is ignored, so adding a field to the
//! model adds it to the form mapping.

use crate::form::money;
use crate::form::path::{self, Segment};
use crate::json::{Json, Map, Number, Shape, Value};
use crate::model::{FORMAT, VERSION};
use crate::report::{Finding, Severity};
use crate::Dossier;

/// Top-level fields that are not answers: they are set by the page, never by a control.
const METADATA: [&str; 4] = ["format", "version", "edition", "saved_at"];

/// A dossier read from the form, with what could not be read (an amount in words, say) as `format`
/// findings on the fields concerned; such a field holds 0 in the dossier.
#[derive(Debug, Clone, PartialEq)]
pub struct FormRead {
    pub dossier: Dossier,
    pub problems: Vec<Finding>,
}

/// How a leaf of the dossier is read from, and written to, the form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Text,
    YesNo,
    Tick,
    Numbers,
    Amount,
}

/// How the control at `segments` reads, from the dossier's shape; `None` for a name that is no
/// answer (a button, the file picker, the page-set metadata, an object or a list of objects).
fn kind_at(segments: &[Segment<'_>]) -> Option<Kind> {
    if matches!(segments.first(), Some(Segment::Key(key)) if METADATA.contains(key)) {
        return None;
    }
    let mut shape = Dossier::SHAPE;
    for segment in segments {
        shape = match segment {
            Segment::Key(key) => shape.field(key)?,
            Segment::Index(_) => shape.item()?,
        };
    }
    match shape {
        Shape::Text => Some(Kind::Text),
        Shape::Optional(Shape::Bool) => Some(Kind::YesNo),
        Shape::Bool => Some(Kind::Tick),
        Shape::List(Shape::Integer) => Some(Kind::Numbers),
        Shape::Cents => Some(Kind::Amount),
        _ => None,
    }
}

/// Reads the pairs of a form into a dossier of `edition`.
pub fn read<S: AsRef<str>>(pairs: &[(S, S)], edition: &str) -> FormRead {
    let mut root = Value::Object(Map::new());
    let mut problems = Vec::new();
    for (name, text) in pairs {
        let (name, text) = (name.as_ref(), text.as_ref());
        let Some(segments) = path::parse(name) else {
            continue;
        };
        // A control renamed by hand to `budget.expenses[4294967295]` must not allocate (or, on
        // 32-bit wasm, overflow) a list that long: no form has that many lines.
        if segments
            .iter()
            .any(|s| matches!(s, Segment::Index(i) if *i > MAX_INDEX))
        {
            continue;
        }
        let Some(kind) = kind_at(&segments) else {
            continue;
        };
        let value = match kind {
            Kind::Text => Value::String(text.to_owned()),
            Kind::YesNo => match text {
                "true" => Value::Bool(true),
                "false" => Value::Bool(false),
                _ => continue,
            },
            Kind::Tick => Value::Bool(true),
            Kind::Numbers => match text.trim().parse::<i64>() {
                Ok(n) => {
                    push_number(&mut root, &segments, n);
                    continue;
                }
                Err(_) => continue,
            },
            Kind::Amount => match money::parse_amount(text) {
                Ok(cents) => Value::from(cents.unwrap_or(0)),
                Err(error) => {
                    problems.push(amount_problem(name, error));
                    Value::from(0)
                }
            },
        };
        *slot(&mut root, &segments) = value;
    }
    if let Value::Object(map) = &mut root {
        map.insert("format", Value::from(FORMAT));
        map.insert("version", Value::from(i64::from(VERSION)));
        map.insert("edition", Value::from(edition));
    }
    let dossier = Dossier::from_json(&root).unwrap_or_else(|| Dossier::blank(edition));
    FormRead { dossier, problems }
}

fn amount_problem(field: &str, error: money::AmountError) -> Finding {
    Finding {
        rule: "format".to_owned(),
        severity: Severity::Error,
        field: field.to_owned(),
        message: error.to_string(),
    }
}

/// The highest list index a form control may carry (far beyond any real budget).
const MAX_INDEX: usize = 9_999;

/// The place for the value at `segments`, creating objects and list items on the way.
fn slot<'v>(root: &'v mut Value, segments: &[Segment<'_>]) -> &'v mut Value {
    let mut node = root;
    for segment in segments {
        node = match segment {
            Segment::Key(key) => {
                if !node.is_object() {
                    *node = Value::Object(Map::new());
                }
                match node {
                    Value::Object(map) => map.entry(key.to_string()),
                    other => other,
                }
            }
            Segment::Index(index) => {
                if !node.is_array() {
                    *node = Value::Array(Vec::new());
                }
                match node {
                    Value::Array(items) => {
                        if items.len() <= *index {
                            items.resize(*index + 1, Value::Object(Map::new()));
                        }
                        &mut items[*index]
                    }
                    other => other,
                }
            }
        };
    }
    node
}

fn push_number(root: &mut Value, segments: &[Segment<'_>], n: i64) {
    let list = slot(root, segments);
    if !list.is_array() {
        *list = Value::Array(Vec::new());
    }
    if let Value::Array(items) = list {
        items.push(Value::from(n));
    }
}

/// Writes a dossier as the pairs its form would hold (the inverse of [`read`]).
pub fn write(dossier: &Dossier) -> Vec<(String, String)> {
    let mut value = dossier.to_json();
    if let Value::Object(map) = &mut value {
        for key in METADATA {
            map.remove(key);
        }
    }
    let mut pairs = Vec::new();
    flatten(&value, &mut String::new(), &mut pairs);
    pairs
}

fn flatten(value: &Value, name: &mut String, out: &mut Vec<(String, String)>) {
    let kind = path::parse(name).and_then(|s| kind_at(&s));
    match (value, kind) {
        (Value::Object(map), _) => {
            for (key, child) in map.iter() {
                let mark = name.len();
                if !name.is_empty() {
                    name.push('.');
                }
                name.push_str(key);
                flatten(child, name, out);
                name.truncate(mark);
            }
        }
        (Value::Array(items), Some(Kind::Numbers)) => {
            let numbers = items.iter().filter_map(Value::as_i64);
            out.extend(numbers.map(|n| (name.clone(), n.to_string())));
        }
        (Value::Array(items), _) => {
            for (index, child) in items.iter().enumerate() {
                let mark = name.len();
                name.push_str(&format!("[{index}]"));
                flatten(child, name, out);
                name.truncate(mark);
            }
        }
        (Value::String(text), Some(Kind::Text)) => out.push((name.clone(), text.clone())),
        (Value::Bool(b), Some(Kind::YesNo)) => out.push((name.clone(), b.to_string())),
        (Value::Bool(true), Some(Kind::Tick)) => out.push((name.clone(), "true".to_owned())),
        (Value::Number(Number::Int(n)), Some(Kind::Amount)) => {
            out.push((name.clone(), money::format_input(*n)))
        }
        _ => {}
    }
}

/// Whether `pairs` (as `write` gives them) hold no answer at all: every value empty, as a blank
/// dossier writes them.
pub fn no_answer<S: AsRef<str>>(pairs: &[(S, S)]) -> bool {
    pairs.iter().all(|(_, value)| value.as_ref().is_empty())
}

/// How many items the pairs hold in the list at `list` (`budget.expenses`): one more than the
/// highest index named, so that the form can make that many lines before it is filled.
pub fn list_len<S: AsRef<str>>(pairs: &[(S, S)], list: &str) -> usize {
    pairs
        .iter()
        .filter_map(|(name, _)| {
            let rest = name.as_ref().strip_prefix(list)?.strip_prefix('[')?;
            let close = rest.find(']')?;
            rest[..close].parse::<usize>().ok()
        })
        .filter(|index| *index <= MAX_INDEX)
        .map(|index| index + 1)
        .max()
        .unwrap_or(0)
}

// Native only: proptest does not build for wasm32 (the shell's own tests are tests/wasm_boundary.rs).
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::model::{
        Address, Applicant, Budget, Contact, Declarations, Expense, Mission, Partner, Resource,
    };
    use proptest::prelude::*;

    #[test]
    fn absurd_list_indices_are_ignored_not_allocated() {
        let huge = format!("budget.expenses[{}].label", usize::MAX);
        let beyond = format!("budget.expenses[{}].label", MAX_INDEX + 1);
        let last = format!("budget.expenses[{MAX_INDEX}].label");
        let named = [(huge.as_str(), "x"), (beyond.as_str(), "y")];
        let read = read(&named, "e");
        assert!(read.dossier.budget.expenses.is_empty());
        assert_eq!(list_len(&named, "budget.expenses"), 0);
        assert_eq!(
            list_len(&[(last.as_str(), "z")], "budget.expenses"),
            MAX_INDEX + 1
        );
    }

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|(n, v)| (n.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn reads_every_kind_of_control() {
        let read = read(
            &pairs(&[
                ("applicant.name", "Association <b>Exemple</b>"),
                ("applicant.address.postal_code", "02100"),
                ("applicant.previous_explor", "true"),
                ("applicant.new_project", "false"),
                ("partner.need_identified", "maybe"),
                ("mission.sdgs", "6"),
                ("mission.sdgs", "13"),
                ("declarations.charter", "on"),
                ("budget.expenses[1].amount_cents", "1 234,56"),
                ("budget.expenses[0].category", "travel"),
                ("budget.resources[0].amount_cents", "douze"),
                ("action", "check"),
                ("applicant", "flat"),
                ("budget.expenses[x].label", "bad path"),
            ]),
            "explor-test",
        );
        let d = &read.dossier;
        assert_eq!(d.edition, "explor-test");
        assert_eq!(d.format, FORMAT);
        assert_eq!(d.applicant.name, "Association <b>Exemple</b>");
        assert_eq!(d.applicant.address.postal_code, "02100");
        assert_eq!(d.applicant.previous_explor, Some(true));
        assert_eq!(d.applicant.new_project, Some(false));
        assert_eq!(d.partner.need_identified, None);
        assert_eq!(d.mission.sdgs, vec![6, 13]);
        assert!(d.declarations.charter && !d.declarations.accurate);
        assert_eq!(d.budget.expenses.len(), 2);
        assert_eq!(d.budget.expenses[0].category, "travel");
        assert_eq!(d.budget.expenses[1].amount_cents, 123_456);
        assert_eq!(d.budget.resources[0].amount_cents, 0);
        assert_eq!(read.problems.len(), 1);
        assert_eq!(read.problems[0].field, "budget.resources[0].amount_cents");
        assert_eq!(read.problems[0].rule, "format");
    }

    #[test]
    fn a_blank_dossier_writes_no_answer_and_a_single_one_is_seen() {
        let mut d = Dossier::blank("e");
        assert!(no_answer(&write(&d)));
        d.applicant.rna = "W595001234".to_owned();
        assert!(!no_answer(&write(&d)));
    }

    #[test]
    fn writes_names_that_are_paths() {
        let mut d = Dossier::blank("e");
        d.applicant.previous_explor = Some(false);
        d.mission.sdgs = vec![3, 17];
        d.budget.resources.push(Resource {
            source: "lianes".into(),
            label: "".into(),
            amount_cents: 50_000.into(),
        });
        let written = write(&d);
        assert!(written.contains(&("applicant.previous_explor".into(), "false".into())));
        assert!(written.contains(&("mission.sdgs".into(), "17".into())));
        assert!(written.contains(&("budget.resources[0].amount_cents".into(), "500,00".into())));
        assert!(!written
            .iter()
            .any(|(n, _)| n.starts_with("declarations") || n == "applicant.new_project"));
        assert_eq!(list_len(&written, "budget.resources"), 1);
        assert_eq!(list_len(&written, "budget.expenses"), 0);
    }

    fn text() -> impl Strategy<Value = String> {
        "\\PC{0,12}"
    }

    fn yes_no() -> impl Strategy<Value = Option<bool>> {
        proptest::option::of(any::<bool>())
    }

    fn amount() -> impl Strategy<Value = i64> {
        -1_000_000_000i64..1_000_000_000
    }

    prop_compose! {
        fn applicant()(t in proptest::collection::vec(text(), 11), a in yes_no(), b in yes_no()) -> Applicant {
            Applicant {
                name: t[0].clone(), legal_form: t[1].clone(), rna: t[2].clone(), siret: t[3].clone(),
                address: Address { street: t[4].clone(), postal_code: t[5].clone(), city: t[6].clone() },
                contact: Contact { first_name: t[7].clone(), last_name: t[8].clone(), role: t[9].clone(),
                    email: t[10].clone(), phone: t[0].clone() },
                previous_explor: a, new_project: b,
            }
        }
    }

    prop_compose! {
        fn mission()(t in proptest::collection::vec(text(), 12), sdgs in proptest::collection::vec(any::<i64>(), 0..5)) -> Mission {
            Mission {
                title: t[0].clone(), kind: t[1].clone(), country: t[2].clone(), city: t[3].clone(),
                start_date: t[4].clone(), end_date: t[5].clone(), sdgs, need: t[6].clone(),
                objectives: t[7].clone(), activities: t[8].clone(), expected_results: t[9].clone(),
                expert_profile: t[10].clone(), follow_up: t[11].clone(), hosted_expert: None,
            }
        }
    }

    prop_compose! {
        fn dossier()(
            applicant in applicant(),
            partner in (text(), text(), text(), yes_no(), text()),
            mission in mission(),
            expenses in proptest::collection::vec((text(), text(), amount()), 0..4),
            resources in proptest::collection::vec((text(), text(), amount()), 0..4),
            declarations in (any::<bool>(), any::<bool>()),
        ) -> Dossier {
            let mut d = Dossier::blank("explor-test");
            d.applicant = applicant;
            d.partner = Partner { name: partner.0, country: partner.1, city: partner.2,
                need_identified: partner.3, relationship: partner.4 };
            d.mission = mission;
            d.budget = Budget {
                expenses: expenses.into_iter().map(|(category, label, amount_cents)| Expense { category, label, amount_cents: amount_cents.into() }).collect(),
                resources: resources.into_iter().map(|(source, label, amount_cents)| Resource { source, label, amount_cents: amount_cents.into() }).collect(),
            };
            d.declarations = Declarations { charter: declarations.0, accurate: declarations.1 };
            d
        }
    }

    proptest! {
        #[test]
        fn a_dossier_survives_the_form(d in dossier()) {
            let back = read(&write(&d), "explor-test");
            prop_assert!(back.problems.is_empty());
            prop_assert_eq!(back.dossier, d);
        }

        #[test]
        fn any_pairs_read_without_panic(list in proptest::collection::vec(("[a-z_.\\[\\]0-9]{0,30}", "\\PC{0,10}"), 0..20)) {
            let _ = read(&list, "e");
        }
    }
}
