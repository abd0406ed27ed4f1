//! The shape of an `explor-dossier` v1, field by field, in the order of the form.
//!
//! The parser uses it to name the field whose type is wrong and to list unknown fields; the rules use
//! it to sort findings in the order a person meets the fields. It mirrors `model.rs` and a test checks
//! that the two agree.

/// What a JSON value must be at some place of the dossier.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Shape {
    Text,
    /// An integer that fits `i64`.
    Integer,
    /// An integer number of euro cents that fits `i64`.
    Cents,
    /// A `u32` (the format version).
    Version,
    Bool,
    /// `true`, `false` or `null` (a question not answered yet).
    Answer,
    Object(&'static [(&'static str, Shape)]),
    List(&'static Shape),
}

const ADDRESS: &[(&str, Shape)] = &[
    ("street", Shape::Text),
    ("postal_code", Shape::Text),
    ("city", Shape::Text),
];

const CONTACT: &[(&str, Shape)] = &[
    ("first_name", Shape::Text),
    ("last_name", Shape::Text),
    ("role", Shape::Text),
    ("email", Shape::Text),
    ("phone", Shape::Text),
];

const APPLICANT: &[(&str, Shape)] = &[
    ("name", Shape::Text),
    ("legal_form", Shape::Text),
    ("rna", Shape::Text),
    ("siret", Shape::Text),
    ("address", Shape::Object(ADDRESS)),
    ("contact", Shape::Object(CONTACT)),
    ("previous_explor", Shape::Answer),
    ("new_project", Shape::Answer),
];

const PARTNER: &[(&str, Shape)] = &[
    ("name", Shape::Text),
    ("country", Shape::Text),
    ("city", Shape::Text),
    ("need_identified", Shape::Answer),
    ("relationship", Shape::Text),
];

const MISSION: &[(&str, Shape)] = &[
    ("title", Shape::Text),
    ("kind", Shape::Text),
    ("country", Shape::Text),
    ("city", Shape::Text),
    ("start_date", Shape::Text),
    ("end_date", Shape::Text),
    ("sdgs", Shape::List(&Shape::Integer)),
    ("need", Shape::Text),
    ("objectives", Shape::Text),
    ("activities", Shape::Text),
    ("expected_results", Shape::Text),
    ("expert_profile", Shape::Text),
    ("follow_up", Shape::Text),
];

const EXPENSE: &[(&str, Shape)] = &[
    ("category", Shape::Text),
    ("label", Shape::Text),
    ("amount_cents", Shape::Cents),
];

const RESOURCE: &[(&str, Shape)] = &[
    ("source", Shape::Text),
    ("label", Shape::Text),
    ("amount_cents", Shape::Cents),
];

const BUDGET: &[(&str, Shape)] = &[
    ("expenses", Shape::List(&Shape::Object(EXPENSE))),
    ("resources", Shape::List(&Shape::Object(RESOURCE))),
];

const DECLARATIONS: &[(&str, Shape)] = &[("charter", Shape::Bool), ("accurate", Shape::Bool)];

/// The whole dossier.
pub(crate) const DOSSIER: Shape = Shape::Object(&[
    ("format", Shape::Text),
    ("version", Shape::Version),
    ("edition", Shape::Text),
    ("saved_at", Shape::Text),
    ("applicant", Shape::Object(APPLICANT)),
    ("partner", Shape::Object(PARTNER)),
    ("mission", Shape::Object(MISSION)),
    ("budget", Shape::Object(BUDGET)),
    ("declarations", Shape::Object(DECLARATIONS)),
]);

/// A sort key for a dotted field path (`budget.expenses[2].amount_cents`): the rank of each name among
/// its siblings in form order, and each list index, so that keys sort row by row as the form reads.
/// Unknown names sort after their known siblings; the empty path (the whole dossier) sorts first.
pub(crate) fn sort_key(path: &str) -> Vec<usize> {
    let mut key = Vec::new();
    let mut shape = Some(DOSSIER);
    for segment in path.split('.').filter(|s| !s.is_empty()) {
        let (name, indices) = match segment.find('[') {
            Some(at) => (&segment[..at], &segment[at..]),
            None => (segment, ""),
        };
        let fields = match shape {
            Some(Shape::Object(fields)) => fields,
            _ => &[][..],
        };
        let rank = fields.iter().position(|(known, _)| *known == name);
        key.push(rank.unwrap_or(fields.len()));
        shape = rank.map(|at| fields[at].1);
        for index in indices.split(['[', ']']).filter(|s| !s.is_empty()) {
            key.push(index.parse().unwrap_or(usize::MAX));
            shape = match shape {
                Some(Shape::List(item)) => Some(*item),
                _ => None,
            };
        }
    }
    key
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Dossier, Expense, Resource};
    use serde_json::Value;

    /// Asserts that `value` (a serialised dossier) has exactly the fields and types of `shape`.
    fn agree(value: &Value, shape: Shape, path: &str) {
        match (shape, value) {
            (Shape::Object(fields), Value::Object(map)) => {
                let mut names: Vec<&str> = fields.iter().map(|(n, _)| *n).collect();
                let mut keys: Vec<&str> = map.keys().map(String::as_str).collect();
                names.sort_unstable();
                keys.sort_unstable();
                assert_eq!(names, keys, "fields of {path}");
                for (name, shape) in fields {
                    agree(&map[*name], *shape, &format!("{path}.{name}"));
                }
            }
            (Shape::List(item), Value::Array(items)) => {
                assert!(
                    !items.is_empty(),
                    "{path}: fill the list so its items are checked"
                );
                items
                    .iter()
                    .for_each(|v| agree(v, *item, &format!("{path}[]")));
            }
            (Shape::Text, Value::String(_))
            | (Shape::Bool, Value::Bool(_))
            | (Shape::Answer, Value::Bool(_) | Value::Null)
            | (Shape::Integer | Shape::Cents | Shape::Version, Value::Number(_)) => {}
            (shape, value) => panic!("{path}: {shape:?} against {value}"),
        }
    }

    #[test]
    fn the_shape_mirrors_the_model() {
        let mut d = Dossier::blank("e");
        d.mission.sdgs = vec![6];
        d.budget.expenses = vec![Expense::default()];
        d.budget.resources = vec![Resource::default()];
        agree(&serde_json::to_value(&d).unwrap(), DOSSIER, "");
    }

    #[test]
    fn sort_keys_follow_the_form() {
        let mut paths = vec![
            "declarations.charter",
            "budget.expenses[10].amount_cents",
            "budget.expenses[2].label",
            "budget.expenses[2].amount_cents",
            "budget.expenses",
            "applicant.zzz",
            "applicant.contact.email",
            "applicant.name",
            "edition",
            "",
            "unknown",
        ];
        paths.sort_by_key(|p| sort_key(p));
        assert_eq!(
            paths,
            [
                "",
                "edition",
                "applicant.name",
                "applicant.contact.email",
                "applicant.zzz",
                "budget.expenses",
                "budget.expenses[2].label",
                "budget.expenses[2].amount_cents",
                "budget.expenses[10].amount_cents",
                "declarations.charter",
                "unknown",
            ]
        );
    }
}
