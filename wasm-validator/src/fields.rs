//! The free texts of the dossier, each once: its length class (the edition's short or long limit)
//! and whether it may stay empty. The rules judge from this table, the generator marks the form's
//! labels « (facultatif) » and gives each text its counter from it, so the three cannot disagree.

use crate::Edition;

/// Which of the edition's two length limits a free text obeys.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Size {
    /// Names, titles, labels: `limits.short_text_chars`.
    Short,
    /// Descriptions: `limits.long_text_chars`.
    Long,
}

/// Whether a field must be filled in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Need {
    Required,
    Optional,
}

/// One free text of the dossier. A list's column is written with empty brackets
/// (`budget.expenses[].label`); the hosted expert's texts are required of a reciprocity mission
/// only, and the form shows them only then. A budget line's detail is optional, as in the
/// contract's example: its category says what it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Text {
    pub path: &'static str,
    pub size: Size,
    pub need: Need,
}

const fn text(path: &'static str, size: Size, need: Need) -> Text {
    Text { path, size, need }
}

use Need::{Optional, Required};
use Size::{Long, Short};

/// Every free text of the dossier, in form order.
pub const TEXTS: [Text; 23] = [
    text("reference", Short, Optional),
    text("applicant.name", Short, Required),
    text("applicant.address.street", Short, Required),
    text("applicant.address.city", Short, Required),
    text("applicant.contact.first_name", Short, Required),
    text("applicant.contact.last_name", Short, Required),
    text("applicant.contact.role", Short, Optional),
    text("partner.name", Short, Required),
    text("partner.city", Short, Required),
    text("partner.relationship", Long, Required),
    text("mission.title", Short, Required),
    text("mission.city", Short, Required),
    text("mission.need", Long, Required),
    text("mission.objectives", Long, Required),
    text("mission.activities", Long, Required),
    text("mission.expected_results", Long, Required),
    text("mission.expert_profile", Long, Required),
    text("mission.follow_up", Long, Optional),
    text("mission.hosted_expert.organisation", Short, Required),
    text("mission.hosted_expert.role", Short, Required),
    text("mission.hosted_expert.profile", Long, Required),
    text("budget.expenses[].label", Short, Optional),
    text("budget.resources[].label", Short, Optional),
];

/// The entry of the free text at `path` (`budget.expenses[2].label` finds `budget.expenses[].label`).
pub fn find(path: &str) -> Option<&'static Text> {
    let mut general = String::with_capacity(path.len());
    let mut in_index = false;
    for c in path.chars() {
        match c {
            '[' => {
                in_index = true;
                general.push(c);
            }
            ']' => {
                in_index = false;
                general.push(c);
            }
            _ if in_index => {}
            _ => general.push(c),
        }
    }
    TEXTS.iter().find(|t| t.path == general)
}

/// The edition's limit, in characters, for a text of `size`.
pub fn limit(edition: &Edition, size: Size) -> usize {
    match size {
        Size::Short => edition.limits.short_text_chars,
        Size::Long => edition.limits.long_text_chars,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_s_column_is_found_whatever_its_index() {
        assert_eq!(
            find("budget.expenses[12].label").map(|t| t.size),
            Some(Size::Short)
        );
        assert_eq!(
            find("budget.resources[0].label").map(|t| t.need),
            Some(Need::Optional)
        );
        assert_eq!(find("mission.follow_up").map(|t| t.size), Some(Size::Long));
        assert_eq!(find("mission.kind"), None);
        assert_eq!(find("budget.expenses[0].amount_cents"), None);
    }

    #[test]
    fn every_path_is_written_once() {
        for (i, t) in TEXTS.iter().enumerate() {
            assert!(
                TEXTS[..i].iter().all(|o| o.path != t.path),
                "{} twice",
                t.path
            );
        }
    }
}
