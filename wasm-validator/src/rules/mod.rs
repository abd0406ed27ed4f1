//! The rules of the call, one module per concern; this module runs them all and sorts the findings.

use jiff::civil::Date;
use serde::Serialize;

use crate::{Dossier, Edition, Report, Severity};

/// One rule of the call, as listed on the self-check page and in `explor check`'s documentation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RuleInfo {
    /// Stable id (`partner.country_eligible`), as in every [`crate::Finding`].
    pub id: &'static str,
    pub severity: Severity,
    /// An error from this rule makes the dossier ineligible.
    pub eligibility: bool,
    /// What the rule checks, in French.
    pub summary: String,
    /// The sentence of the call the rule enforces, quoted in French with the edition's values;
    /// `None` for the rules that only keep the dossier well formed.
    pub call: Option<String>,
}

/// Judges `dossier` against `edition` on the day `today`.
pub fn validate(edition: &Edition, _dossier: &Dossier, _today: Date) -> Report {
    Report {
        edition: edition.id.clone(),
        eligible: false,
        complete: false,
        figures: Default::default(),
        findings: vec![],
    }
}

/// Adds one `dossier.unknown_field` warning per field path, keeping the findings in form order.
pub fn add_unknown_fields(_report: &mut Report, _fields: &[String]) {}

/// Every rule, in the order of the form, with the sentences of `edition`'s call.
pub fn catalogue(_edition: &Edition) -> Vec<RuleInfo> {
    Vec::new()
}
