//! The rules of the call, one module per concern; this module runs them all, sorts the findings in the
//! order of the form and lists the rules with the sentences of the call they enforce.

mod applicant;
mod budget;
mod calendar;
mod declarations;
mod dossier;
mod ids;
mod mission;
mod partner;

pub(crate) use mission::country_name;
mod text;

use jiff::civil::Date;
use serde::Serialize;

pub use budget::{max_contribution, request_source, sum, EDITION_AMOUNT_LIMIT_CENTS};

use crate::{fr, shape, Dossier, Edition, Figures, Finding, Report, Severity};

/// One rule of the call, as listed on the self-check page and in `explor check`'s documentation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RuleInfo {
    /// Stable id (`partner.country_eligible`), as in every [`Finding`].
    pub id: &'static str,
    pub severity: Severity,
    /// An error from this rule makes the dossier ineligible.
    pub eligibility: bool,
    /// What the rule checks, in French, with the edition's values.
    pub summary: String,
    /// The sentence of the call the rule enforces, quoted from the call's page through the
    /// edition's rule sources (`content/rules.toml`); `None` where the call says nothing.
    pub call: Option<String>,
    /// Why the dossier needs the rule, where the call says nothing (from the same file).
    pub reason: Option<String>,
}

/// A rule's identity: the parts every finding and the catalogue share.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Rule {
    pub id: &'static str,
    pub severity: Severity,
    pub eligibility: bool,
}

impl Rule {
    const fn error(id: &'static str) -> Rule {
        Rule {
            id,
            severity: Severity::Error,
            eligibility: false,
        }
    }
    const fn eligibility(id: &'static str) -> Rule {
        Rule {
            id,
            severity: Severity::Error,
            eligibility: true,
        }
    }
    const fn warning(id: &'static str) -> Rule {
        Rule {
            id,
            severity: Severity::Warning,
            eligibility: false,
        }
    }
    const fn info(id: &'static str) -> Rule {
        Rule {
            id,
            severity: Severity::Info,
            eligibility: false,
        }
    }

    /// The rule's entry in the catalogue; its source is filled in by [`catalogue`].
    fn describe(self, summary: String) -> RuleInfo {
        RuleInfo {
            id: self.id,
            severity: self.severity,
            eligibility: self.eligibility,
            summary: fr::typeset(&summary),
            call: None,
            reason: None,
        }
    }
}

/// The findings collected so far.
#[derive(Debug, Default)]
pub(crate) struct Findings {
    list: Vec<Finding>,
}

impl Findings {
    /// Records a finding; `message` is written with plain spaces and typeset here.
    fn push(&mut self, rule: Rule, field: &str, message: &str) {
        self.list.push(Finding {
            rule: rule.id.to_owned(),
            severity: rule.severity,
            field: field.to_owned(),
            message: fr::typeset(message),
        });
    }
}

/// Judges `dossier` against `edition` on the day `today` (a date in the edition's time zone).
pub fn validate(edition: &Edition, dossier: &Dossier, today: Date) -> Report {
    let mut out = Findings::default();
    dossier::check(edition, dossier, &mut out);
    calendar::check(edition, today, &mut out);
    applicant::check(edition, &dossier.applicant, &mut out);
    partner::check(edition, &dossier.partner, &mut out);
    let duration_days = mission::check(
        edition,
        &dossier.mission,
        &dossier.partner.country,
        &mut out,
    );
    let money = budget::check(edition, &dossier.budget, &mut out);
    declarations::check(edition, &dossier.declarations, &mut out);
    let figures = Figures {
        duration_days,
        total_expenses_cents: money.total_expenses,
        total_resources_cents: money.total_resources,
        requested_cents: money.requested,
        max_contribution_cents: money.max_contribution,
    };
    let mut report = Report {
        edition: edition.id.clone(),
        eligible: true,
        complete: true,
        on_time: true,
        figures,
        findings: out.list,
    };
    settle(&mut report);
    report
}

/// Adds one `dossier.unknown_field` warning per field path, keeping the findings in form order.
pub fn add_unknown_fields(report: &mut Report, fields: &[String]) {
    let mut out = Findings::default();
    for field in fields {
        dossier::unknown_field(field, &mut out);
    }
    report.findings.append(&mut out.list);
    settle(report);
}

/// Adds findings made outside the rules (an amount the form could not read): each replaces the
/// rules' findings about its field, then the verdicts are settled again. The browser's form calls it
/// rather than editing a report by hand, so a report settles in one place for the form and for
/// `explor check` alike.
pub fn amend(report: &mut Report, findings: Vec<Finding>) {
    if findings.is_empty() {
        return;
    }
    report
        .findings
        .retain(|f| !findings.iter().any(|p| p.field == f.field));
    report.findings.extend(findings);
    settle(report);
}

/// Sorts the findings in form order (stable, so a field's findings keep the order the rules ran in)
/// and derives the verdicts from them (DOSSIER.md §3): `complete` is no error other than the
/// deadline's, `on_time` is the deadline's rule silent, `eligible` is no error from an eligibility
/// rule. The only place verdicts are computed.
fn settle(report: &mut Report) {
    shape::sort_in_form_order(&mut report.findings, |f| &f.field);
    let eligibility_ids: Vec<&str> = ALL
        .iter()
        .filter(|rule| rule.eligibility)
        .map(|rule| rule.id)
        .collect();
    let deadline = calendar::SUBMISSION_CLOSED.id;
    let errors = || {
        report
            .findings
            .iter()
            .filter(|f| f.severity == Severity::Error)
    };
    report.complete = !errors().any(|f| f.rule != deadline);
    report.on_time = !errors().any(|f| f.rule == deadline);
    report.eligible = !errors().any(|f| eligibility_ids.contains(&f.rule.as_str()));
}

/// Every rule, in the order of the catalogue.
const ALL: [Rule; 28] = [
    dossier::EDITION,
    dossier::UNKNOWN_FIELD,
    calendar::SUBMISSION_CLOSED,
    text::REQUIRED,
    text::FORMAT,
    text::TOO_LONG,
    applicant::LEGAL_FORM,
    applicant::SEAT_IN_REGION,
    applicant::PREVIOUS_EXPLOR,
    partner::COUNTRY_ELIGIBLE,
    partner::NEED_IDENTIFIED,
    mission::KIND,
    mission::PLACE,
    mission::PLACE_PARTNER,
    mission::RECIPROCITY,
    mission::DATES,
    mission::DURATION_MAX,
    mission::DURATION_MIN,
    mission::DURATION_SHORT,
    mission::WINDOW,
    mission::SDGS,
    budget::NO_EXPENSES,
    budget::AMOUNT,
    budget::UNBALANCED,
    budget::REQUEST_OVER_CAP,
    budget::NO_REQUEST,
    declarations::CHARTER,
    declarations::ACCURATE,
];

/// Every rule's id, severity and eligibility flag, in the order of the catalogue: what the edition
/// loader checks the rule sources against.
pub fn rule_ids() -> impl Iterator<Item = (&'static str, Severity, bool)> {
    ALL.iter()
        .map(|rule| (rule.id, rule.severity, rule.eligibility))
}

/// Every rule, with what it checks and where it comes from: the sentence of `edition`'s call it
/// enforces or the reason the dossier needs it, both read from the edition's rule sources.
pub fn catalogue(edition: &Edition) -> Vec<RuleInfo> {
    let mut list = Vec::with_capacity(ALL.len());
    dossier::describe(edition, &mut list);
    calendar::describe(edition, &mut list);
    text::describe(edition, &mut list);
    applicant::describe(edition, &mut list);
    partner::describe(edition, &mut list);
    mission::describe(edition, &mut list);
    budget::describe(edition, &mut list);
    declarations::describe(edition, &mut list);
    for info in &mut list {
        let source = edition.rule_sources.iter().find(|s| s.id == info.id);
        let text = |t: &Option<String>| t.as_deref().map(fr::typeset);
        info.call = source.and_then(|s| text(&s.call));
        info.reason = source.and_then(|s| text(&s.reason));
    }
    list
}
