//! The judgement of one dossier: every finding, the eligibility, completeness and deadline verdicts,
//! and the computed figures (DOSSIER.md §3).

use serde::{Deserialize, Serialize};

use crate::json::{json_object, Json, Shape, Value};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    Info,
}

/// One thing a rule found: the rule's stable id, its severity, the dossier path of the field concerned
/// (`budget.expenses[2].amount_cents`) and a French message that says how to fix it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Finding {
    pub rule: String,
    pub severity: Severity,
    pub field: String,
    pub message: String,
}

/// Figures computed from the dossier; `None` (JSON `null`) when they cannot be computed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Figures {
    pub duration_days: Option<i64>,
    pub total_expenses_cents: Option<i64>,
    pub total_resources_cents: Option<i64>,
    pub requested_cents: Option<i64>,
    pub max_contribution_cents: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Report {
    pub edition: String,
    /// No error from an eligibility rule.
    pub eligible: bool,
    /// No error other than `submission.closed`: the dossier has everything it needs.
    pub complete: bool,
    /// `submission.closed` did not fire: the dossier was sent by the deadline. Independent of
    /// `complete` (after the deadline a dossier can be complete and late).
    pub on_time: bool,
    pub figures: Figures,
    pub findings: Vec<Finding>,
}

impl Severity {
    /// The name the report gives it (`error`, `warning`, `info`).
    pub fn name(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

impl Json for Severity {
    const SHAPE: Shape = Shape::Text;

    fn to_json(&self) -> Value {
        Value::from(self.name())
    }

    fn from_json(value: &Value) -> Option<Self> {
        [Severity::Error, Severity::Warning, Severity::Info]
            .into_iter()
            .find(|s| value.as_str() == Some(s.name()))
    }
}

json_object!(required Finding { rule, severity, field, message });
json_object!(required Figures {
    duration_days, total_expenses_cents, total_resources_cents, requested_cents, max_contribution_cents,
});
json_object!(required Report { edition, eligible, complete, on_time, figures, findings });

impl Report {
    /// How many findings have `severity`.
    pub fn count(&self, severity: Severity) -> usize {
        self.findings
            .iter()
            .filter(|f| f.severity == severity)
            .count()
    }
}
