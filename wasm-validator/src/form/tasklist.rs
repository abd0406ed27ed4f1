//! The application's sections as a task list (GOV.UK's pattern for long forms): where each section
//! stands — done, to correct, to do — from the live findings, independent of the browser.
//!
//! A section is the list of the dossier paths of its fields, as the page's sections hold them; a
//! finding belongs to a section when its field is one of those paths or lies under one
//! (`budget.expenses[2].amount_cents` under `budget.expenses`).

use crate::{Finding, Severity};

/// Where a section stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// No error left on its fields.
    Done,
    /// An error the person has been shown (a field left with a wrong answer, or after a check).
    ToCorrect,
    /// Something is still missing, and nothing shown is wrong yet.
    ToDo,
}

impl Status {
    /// The value of the item's `data-state` and the key of its sentence in the page's texts.
    pub fn key(self) -> &'static str {
        match self {
            Status::Done => "task-done",
            Status::ToCorrect => "task-errors",
            Status::ToDo => "task-todo",
        }
    }
}

/// Whether `field` is one of `paths` or lies under one of them.
pub fn in_section(field: &str, paths: &[String]) -> bool {
    paths.iter().any(|p| {
        field
            .strip_prefix(p.as_str())
            .is_some_and(|rest| rest.is_empty() || rest.starts_with(['.', '[']))
    })
}

/// Where the section made of `paths` stands, given the form's `findings` and whether each finding's
/// field is `shown` to the person (left once, or after a check).
pub fn status(paths: &[String], findings: &[Finding], shown: impl Fn(&str) -> bool) -> Status {
    let mut errors = findings
        .iter()
        .filter(|f| f.severity == Severity::Error && in_section(&f.field, paths))
        .peekable();
    if errors.peek().is_none() {
        return Status::Done;
    }
    if errors.any(|f| shown(&f.field)) {
        Status::ToCorrect
    } else {
        Status::ToDo
    }
}

/// How many sections are done, out of how many.
pub fn progress(statuses: &[Status]) -> (usize, usize) {
    let done = statuses.iter().filter(|s| **s == Status::Done).count();
    (done, statuses.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn finding(field: &str, severity: Severity) -> Finding {
        Finding {
            rule: "r".to_owned(),
            severity,
            field: field.to_owned(),
            message: String::new(),
        }
    }

    fn paths(list: &[&str]) -> Vec<String> {
        list.iter().map(|p| p.to_string()).collect()
    }

    #[test]
    fn a_field_belongs_to_its_path_and_what_lies_under_it() {
        let section = paths(&["budget.expenses", "applicant.name"]);
        let cases = [
            ("budget.expenses", true),
            ("budget.expenses[2].amount_cents", true),
            ("budget.expenses.x", true),
            ("budget.expenses_total", false),
            ("applicant.name", true),
            ("applicant.names", false),
            ("budget.resources[0].label", false),
            ("", false),
        ];
        for (field, expected) in cases {
            assert_eq!(in_section(field, &section), expected, "{field}");
        }
    }

    #[test]
    fn a_section_is_done_to_correct_or_to_do() {
        let section = paths(&["applicant.name", "applicant.rna"]);
        let name = finding("applicant.name", Severity::Error);
        let rna = finding("applicant.rna", Severity::Error);
        let warning = finding("applicant.rna", Severity::Warning);
        let elsewhere = finding("partner.name", Severity::Error);
        // Which fields show their errors: none, all, or only the RNA (left with a wrong answer).
        let shown = |which: u8, field: &str| match which {
            0 => false,
            1 => true,
            _ => field == "applicant.rna",
        };
        let cases: Vec<(Vec<Finding>, u8, Status)> = vec![
            (vec![], 0, Status::Done),
            (vec![warning.clone()], 1, Status::Done),
            (vec![elsewhere], 1, Status::Done),
            (vec![name.clone()], 0, Status::ToDo),
            (vec![name.clone(), rna], 2, Status::ToCorrect),
            (vec![name.clone()], 2, Status::ToDo),
            (vec![name, warning], 1, Status::ToCorrect),
        ];
        for (i, (findings, which, expected)) in cases.into_iter().enumerate() {
            let got = status(&section, &findings, |f| shown(which, f));
            assert_eq!(got, expected, "case {i}");
        }
    }

    #[test]
    fn progress_counts_the_sections_done() {
        let list = [Status::Done, Status::ToDo, Status::ToCorrect, Status::Done];
        assert_eq!(progress(&list), (2, 4));
        assert_eq!(progress(&[]), (0, 0));
        assert_eq!(Status::ToCorrect.key(), "task-errors");
    }
}
