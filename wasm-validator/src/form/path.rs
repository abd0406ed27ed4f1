//! Dossier paths (`budget.expenses[2].amount_cents`) and the HTML ids derived from them.
//!
//! A form control is named by its dossier path and identified by `field_id(path)`, so that a finding's
//! `field` leads straight to the control that shows its error. Paths are made of lower-case identifiers
//! and list indices, so replacing `.`, `[` and `]` by `-` keeps the mapping one-to-one.

/// One step of a dossier path: a field name or a list index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Segment<'a> {
    Key(&'a str),
    Index(usize),
}

/// Splits `applicant.address.city` or `budget.expenses[2].label` into its segments; `None` when the
/// text is not a well-formed path (empty key, unclosed bracket, index that is not a number).
pub fn parse(path: &str) -> Option<Vec<Segment<'_>>> {
    let mut segments = Vec::new();
    for part in path.split('.') {
        let (key, mut rest) = match part.find('[') {
            Some(at) => part.split_at(at),
            None => (part, ""),
        };
        if !is_key(key) {
            return None;
        }
        segments.push(Segment::Key(key));
        while !rest.is_empty() {
            let close = rest.find(']')?;
            let digits = rest.get(1..close)?;
            if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            segments.push(Segment::Index(digits.parse().ok()?));
            rest = &rest[close + 1..];
            if !rest.is_empty() && !rest.starts_with('[') {
                return None;
            }
        }
    }
    Some(segments)
}

fn is_key(key: &str) -> bool {
    !key.is_empty()
        && key
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
}

/// The HTML id of the control named `path`: `f-budget-expenses-2-amount_cents`.
pub fn field_id(path: &str) -> String {
    let mut id = String::with_capacity(path.len() + 2);
    id.push_str("f-");
    for c in path.chars() {
        match c {
            '.' | '[' => id.push('-'),
            ']' => {}
            _ => id.push(c),
        }
    }
    id
}

/// The dossier path of the control whose id is `id`, when `id` was made by [`field_id`].
pub fn path_of_id(id: &str) -> Option<String> {
    let rest = id.strip_prefix("f-")?;
    let mut path = String::with_capacity(rest.len() + 4);
    for part in rest.split('-') {
        if part.is_empty() {
            return None;
        }
        if part.bytes().all(|b| b.is_ascii_digit()) {
            if path.is_empty() {
                return None;
            }
            path.push('[');
            path.push_str(part);
            path.push(']');
        } else {
            if !path.is_empty() {
                path.push('.');
            }
            path.push_str(part);
        }
    }
    let valid = parse(&path).is_some();
    valid.then_some(path)
}

/// The path itself, then each enclosing path, nearest first: `budget.expenses[2].label`,
/// `budget.expenses[2]`, `budget.expenses`, `budget`. Used to find a control, or the group that
/// holds it, for a finding whose field has no control of its own.
pub fn ancestors(path: &str) -> Vec<&str> {
    let mut out = vec![path];
    let mut end = path.len();
    while let Some(cut) = path[..end].rfind(['.', '[']) {
        end = cut;
        out.push(&path[..end]);
    }
    out.retain(|p| !p.is_empty());
    out
}

// Native only: proptest does not build for wasm32 (the shell's own tests are tests/wasm_boundary.rs).
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    #[test]
    fn parses_keys_and_indices() {
        assert_eq!(
            parse("budget.expenses[2].amount_cents"),
            Some(vec![
                Segment::Key("budget"),
                Segment::Key("expenses"),
                Segment::Index(2),
                Segment::Key("amount_cents"),
            ])
        );
        for bad in [
            "", "a..b", "a[", "a[x]", "a[]", "A.b", "a[1]b", "a.b-c", ".a",
        ] {
            assert_eq!(parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn ids_map_back_to_their_paths() {
        let cases = [
            (
                "applicant.address.postal_code",
                "f-applicant-address-postal_code",
            ),
            (
                "budget.expenses[2].amount_cents",
                "f-budget-expenses-2-amount_cents",
            ),
            ("mission.sdgs", "f-mission-sdgs"),
            (
                "budget.resources[10].source",
                "f-budget-resources-10-source",
            ),
        ];
        for (path, id) in cases {
            assert_eq!(field_id(path), id);
            assert_eq!(path_of_id(id).as_deref(), Some(path));
        }
        assert_eq!(path_of_id("summary"), None);
        assert_eq!(path_of_id("f-1-a"), None);
        assert_eq!(path_of_id("f-a--b"), None);
    }

    #[test]
    fn ancestors_go_from_nearest_to_root() {
        assert_eq!(
            ancestors("budget.expenses[2].label"),
            vec![
                "budget.expenses[2].label",
                "budget.expenses[2]",
                "budget.expenses",
                "budget"
            ]
        );
        assert_eq!(ancestors("mission"), vec!["mission"]);
    }

    proptest::proptest! {
        #[test]
        fn path_id_round_trip(keys in proptest::collection::vec(("[a-z][a-z_]{0,8}", proptest::option::of(0usize..40)), 1..5)) {
            let path = keys.iter().map(|(k, i)| match i {
                Some(i) => format!("{k}[{i}]"),
                None => k.clone(),
            }).collect::<Vec<_>>().join(".");
            proptest::prop_assert!(parse(&path).is_some());
            proptest::prop_assert_eq!(path_of_id(&field_id(&path)), Some(path));
        }
    }
}
