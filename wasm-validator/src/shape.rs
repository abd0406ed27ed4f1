//! What a JSON value must look like at some place: derived from the types by [`json_object!`], never
//! written by hand.
//!
//! Each type that reads from JSON states its shape (`Json::SHAPE`), and a struct's shape lists its
//! fields in the order of the struct, which is the order of the form. The reader uses it to name the
//! type a wrong value should have and to tell unknown fields; the rules use it to sort findings in the
//! order a person meets the fields; the form uses it to know how each control reads.
//!
//! [`json_object!`]: crate::json::json_object

/// What a JSON value must be at some place.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    Text,
    /// An integer that fits the field's type.
    Integer,
    /// An integer number of euro cents that fits `i64` (see [`crate::model::Cents`]).
    Cents,
    Bool,
    /// The shape, or `null`.
    Optional(&'static Shape),
    /// An object with these fields, in the order they are written.
    Object(&'static [(&'static str, Shape)]),
    List(&'static Shape),
}

impl Shape {
    /// The shape of the field `name` of an object, `None` when the object does not define it.
    pub fn field(self, name: &str) -> Option<Shape> {
        match self {
            Shape::Object(fields) => fields.iter().find(|(n, _)| *n == name).map(|f| f.1),
            Shape::Optional(inner) => inner.field(name),
            _ => None,
        }
    }

    /// The shape of a list's items, `None` when this is no list.
    pub fn item(self) -> Option<Shape> {
        match self {
            Shape::List(item) => Some(*item),
            Shape::Optional(inner) => inner.item(),
            _ => None,
        }
    }
}

/// The dossier's shape.
pub(crate) const DOSSIER: Shape = <crate::Dossier as crate::json::Json>::SHAPE;

/// Sorts `items` in the order a person meets their fields (`field` gives each one's dotted path) in
/// the form, keeping the order of items on the same field.
pub(crate) fn sort_in_form_order<T>(items: &mut Vec<T>, field: impl Fn(&T) -> &str) {
    let keys: Vec<Vec<usize>> = items.iter().map(|item| sort_key(field(item))).collect();
    let order = crate::json::merge_sort(items.len(), &mut |a, b| keys[a] < keys[b]);
    let mut taken: Vec<Option<T>> = items.drain(..).map(Some).collect();
    items.extend(order.into_iter().filter_map(|at| taken[at].take()));
}

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
            shape = shape.and_then(Shape::item);
        }
    }
    key
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Dossier, Expense, Resource};
    use serde_json::Value;

    /// Asserts that `value` (a dossier written by serde) has exactly the fields and types of `shape`:
    /// the shape the macro derives agrees with serde's reading of the same structs.
    fn agree(value: &Value, shape: Shape, path: &str) {
        match (shape, value) {
            (Shape::Object(fields), Value::Object(map)) => {
                // serde_json's map sorts its names; the order is checked on the written text (the
                // property test that the crate's writer writes what serde writes).
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
            (Shape::Optional(_), Value::Null)
            | (Shape::Text, Value::String(_))
            | (Shape::Bool, Value::Bool(_))
            | (Shape::Integer | Shape::Cents, Value::Number(_)) => {}
            (Shape::Optional(inner), value) => agree(value, *inner, path),
            (shape, value) => panic!("{path}: {shape:?} against {value}"),
        }
    }

    #[test]
    fn the_shape_mirrors_the_model() {
        let mut d = Dossier::blank("e");
        d.mission.sdgs = vec![6];
        d.applicant.previous_explor = Some(true);
        d.budget.expenses = vec![Expense::default()];
        d.budget.resources = vec![Resource::default()];
        agree(&serde_json::to_value(&d).unwrap(), DOSSIER, "");
        let mission = DOSSIER.field("mission").expect("mission");
        assert_eq!(mission.field("sdgs"), Some(Shape::List(&Shape::Integer)));
        let expenses = DOSSIER.field("budget").and_then(|b| b.field("expenses"));
        let line = expenses.and_then(Shape::item).expect("an expense line");
        assert_eq!(line.field("amount_cents"), Some(Shape::Cents));
        assert_eq!(line.field("nope"), None);
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
        let mut sorted = paths.clone();
        sort_in_form_order(&mut sorted, |p| p);
        paths.sort_by_key(|p| sort_key(p));
        assert_eq!(sorted, paths);
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
