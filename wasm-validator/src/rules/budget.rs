//! The budget: expense and resource lines, their totals (exact integer cents, checked arithmetic),
//! the balance, and the contribution requested against the edition's rate and cap.

use super::text::{self, free_text, FORMAT};
use super::{Findings, Rule, RuleInfo};
use crate::edition::Choice;
use crate::model::Budget;
use crate::{fr, Edition};

pub(crate) const NO_EXPENSES: Rule = Rule::error("budget.no_expenses");
pub(crate) const AMOUNT: Rule = Rule::error("budget.amount");
pub(crate) const UNBALANCED: Rule = Rule::error("budget.unbalanced");
pub(crate) const REQUEST_OVER_CAP: Rule = Rule::error("budget.request_over_cap");
pub(crate) const NO_REQUEST: Rule = Rule::warning("budget.no_request");

/// The largest amount an edition may set for a line's maximum or the cap per mission, in cents
/// (1 000 000 000 €, a thousand times the 2025 line maximum): the edition loader refuses more, so
/// that an edition's figures stay far from where sums of amounts overflow.
pub const EDITION_AMOUNT_LIMIT_CENTS: i64 = 100_000_000_000;

/// The resource source that is the contribution requested from the call: the one the edition marks
/// `request` (the loader refuses an edition without exactly one).
pub fn request_source(edition: &Edition) -> Option<&Choice> {
    edition.budget.resource_sources.iter().find(|s| s.request)
}

/// The budget's figures; `None` when they cannot be computed (a sum beyond `i64`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Money {
    pub total_expenses: Option<i64>,
    pub total_resources: Option<i64>,
    pub requested: Option<i64>,
    pub max_contribution: Option<i64>,
}

/// The largest contribution the call grants for a mission of `total_expenses` cents:
/// ⌊total × rate / 100⌋ (rounded down to the cent), within the cap; never negative.
pub fn max_contribution(edition: &Edition, total_expenses: i64) -> i64 {
    let cap = edition.funding.cap_cents.max(0);
    share(total_expenses.max(0), edition.funding.rate_percent.max(0)).map_or(cap, |s| s.min(cap))
}

/// `total × rate / 100` rounded down, exactly, for non-negative `total` and `rate`; `None` when it
/// exceeds `i64` (then it exceeds any cap). Written in `i64` rather than `i128`, whose division
/// would add 1 KB to the browser module: with `total = 100q + m` and `rate = 100a + b`, the share
/// is `q·rate + m·a + ⌊m·b / 100⌋`, where `m·a` and `m·b` (`m`, `b` < 100) cannot overflow.
fn share(total: i64, rate: i64) -> Option<i64> {
    let (q, m) = (total / 100, total % 100);
    let (a, b) = (rate / 100, rate % 100);
    q.checked_mul(rate)?
        .checked_add(m * a)?
        .checked_add(m * b / 100)
}

/// The exact sum of some amounts, `None` when it does not fit an `i64`. Summed in `i128` (which
/// cannot overflow for fewer than 2^64 lines), so that a partial sum beyond `i64` does not hide a
/// total that fits.
pub fn sum(amounts: impl IntoIterator<Item = i64>) -> Option<i64> {
    let total = amounts
        .into_iter()
        .fold(0i128, |acc, a| acc.saturating_add(i128::from(a)));
    i64::try_from(total).ok()
}

pub(crate) fn check(edition: &Edition, b: &Budget, out: &mut Findings) -> Money {
    let cats = &edition.budget.expense_categories;
    // A line begun without its amount is told on that line; the totals it falsifies are not judged
    // until it has one (the balance would send the person to the resources for a missing expense).
    let mut unpriced_expense = false;
    for (i, e) in b.expenses.iter().enumerate() {
        let line = Line {
            list: "expenses",
            what: "dépense",
            index: i,
        };
        unpriced_expense |= line.check(
            edition,
            out,
            ("category", "la catégorie", &e.category, cats),
            &e.label,
            e.amount_cents.0,
        );
    }
    let mut unpriced = unpriced_expense;
    let sources = &edition.budget.resource_sources;
    for (i, r) in b.resources.iter().enumerate() {
        let line = Line {
            list: "resources",
            what: "ressource",
            index: i,
        };
        unpriced |= line.check(
            edition,
            out,
            ("source", "l’origine", &r.source, sources),
            &r.label,
            r.amount_cents.0,
        );
    }
    if !unpriced_expense {
        no_expenses(b, out);
    }
    let request_id = request_source(edition).map(|s| s.id.as_str());
    let requests: Vec<(usize, i64)> = b
        .resources
        .iter()
        .enumerate()
        .filter(|(_, r)| Some(r.source.trim()) == request_id)
        .map(|(i, r)| (i, r.amount_cents.0))
        .collect();
    let total_expenses = sum(b.expenses.iter().map(|e| e.amount_cents.0));
    let money = Money {
        total_expenses,
        total_resources: sum(b.resources.iter().map(|r| r.amount_cents.0)),
        requested: sum(requests.iter().map(|(_, amount)| *amount)),
        max_contribution: total_expenses.map(|total| max_contribution(edition, total)),
    };
    overflow(money, out);
    if !unpriced {
        balance(money, out);
    }
    request(edition, money, requests.first().map(|(i, _)| *i), out);
    money
}

/// `budget.no_expenses` when no expense is above 0, saying so when the amounts are there but negative.
fn no_expenses(b: &Budget, out: &mut Findings) {
    if b.expenses.iter().any(|e| e.amount_cents.0 > 0) {
        return;
    }
    let message = if b.expenses.iter().any(|e| e.amount_cents.0 < 0) {
        "Les montants des dépenses sont tous négatifs ou nuls : écrivez chaque dépense en montant \
         positif (sans signe moins), les ressources à part dans la liste des ressources."
    } else {
        "Le budget ne compte aucune dépense : ajoutez les dépenses de la mission (transport, \
         hébergement, visa…) avec leur montant."
    };
    out.push(NO_EXPENSES, "budget.expenses", message);
}

/// A total that does not fit an `i64` is `null` in the figures, and an error here: a budget that
/// cannot be added up is never taken for a complete one.
fn overflow(money: Money, out: &mut Findings) {
    const FIX: &str = "un montant au moins est démesuré, sans doute une faute de frappe. Corrigez \
                       les montants de la liste.";
    if money.total_expenses.is_none() {
        let message = [
            "Le total des dépenses est trop grand pour être calculé : ",
            FIX,
        ]
        .concat();
        out.push(AMOUNT, "budget.expenses", &message);
    }
    if money.total_resources.is_none() || money.requested.is_none() {
        let message = [
            "Le total des ressources est trop grand pour être calculé : ",
            FIX,
        ]
        .concat();
        out.push(AMOUNT, "budget.resources", &message);
    }
}

/// One line of the budget, to name its fields and speak of it (« la dépense n° 2 »).
struct Line {
    list: &'static str,
    what: &'static str,
    index: usize,
}

impl Line {
    fn field(&self, name: &str) -> String {
        format!("budget.{}[{}].{name}", self.list, self.index)
    }

    /// Checks a line; returns whether it is begun but has no amount.
    fn check(
        &self,
        edition: &Edition,
        out: &mut Findings,
        (key, key_label, id, choices): (&str, &str, &str, &[Choice]),
        label: &str,
        amount: i64,
    ) -> bool {
        // A line left entirely blank (as the form adds them) is not an error.
        if text::is_blank(id) && text::is_blank(label) && amount == 0 {
            return false;
        }
        let n = self.index + 1;
        let field = self.field(key);
        let required = format!("{key_label} de la {} n° {n}", self.what);
        if !text::required(out, &field, id, &required) && !choices.iter().any(|c| c.id == id.trim())
        {
            let labels: Vec<String> = choices.iter().map(|c| fr::quote(&c.label)).collect();
            let message = format!(
                "{} indiquée pour la {} n° {n} n’existe pas : choisissez parmi {}.",
                capitalise(key_label),
                self.what,
                labels.join(", ")
            );
            out.push(FORMAT, &field, &message);
        }
        let label_name = format!("le détail de la {} n° {n}", self.what);
        free_text(edition, out, &self.field("label"), label, &label_name);
        let amount_name = format!("le montant de la {} n° {n}", self.what);
        let unpriced = amount == 0;
        if unpriced {
            text::required(out, &self.field("amount_cents"), "", &amount_name);
        }
        self.amount(edition, amount, out);
        unpriced
    }

    fn amount(&self, edition: &Edition, amount: i64, out: &mut Findings) {
        let n = self.index + 1;
        let max = edition.funding.amount_max_cents;
        let message = if amount < 0 {
            format!(
                "Le montant de la {} n° {n} est négatif ({}) : indiquez un montant positif.",
                self.what,
                fr::euros(amount)
            )
        } else if amount > max {
            format!(
                "Le montant de la {} n° {n} ({}) dépasse {} : vérifiez-le, il s’agit sans doute \
                 d’une faute de frappe.",
                self.what,
                fr::euros(amount),
                fr::euros(max)
            )
        } else {
            return;
        };
        out.push(AMOUNT, &self.field("amount_cents"), &message);
    }
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |c| {
        std::iter::once(c.to_ascii_uppercase())
            .chain(chars)
            .collect()
    })
}

fn balance(money: Money, out: &mut Findings) {
    let (Some(expenses), Some(resources)) = (money.total_expenses, money.total_resources) else {
        return;
    };
    if expenses == resources {
        return;
    }
    let gap = i128::from(resources) - i128::from(expenses);
    let gap_text = fr::euros(i64::try_from(gap.abs()).unwrap_or(i64::MAX));
    let how = if gap < 0 {
        format!("il manque {gap_text} de ressources")
    } else {
        format!("les ressources dépassent les dépenses de {gap_text}")
    };
    let message = format!(
        "Le budget n’est pas équilibré : {} de ressources pour {} de dépenses, {how}. Ajustez les \
         ressources pour que leur total soit égal à celui des dépenses.",
        fr::euros(resources),
        fr::euros(expenses)
    );
    out.push(UNBALANCED, "budget.resources", &message);
}

fn request(edition: &Edition, money: Money, first_line: Option<usize>, out: &mut Findings) {
    let organiser = &edition.organiser.name;
    let (Some(requested), Some(max)) = (money.requested, money.max_contribution) else {
        return;
    };
    let Some(line) = first_line.filter(|_| requested > 0) else {
        let limit = if max > 0 {
            format!("de {} au plus", fr::euros(max))
        } else {
            format!(
                "de {} % des dépenses au plus, dans la limite de {}",
                edition.funding.rate_percent,
                fr::euros(edition.funding.cap_cents)
            )
        };
        let message = format!(
            "Aucune contribution n’est demandée à {organiser} : ajoutez une ressource « {} » {limit}.",
            request_label(edition)
        );
        return out.push(NO_REQUEST, "budget.resources", &message);
    };
    if requested > max {
        let message = format!(
            "La contribution demandée à {organiser} ({}) dépasse le maximum de {} : {} % des \
             dépenses ({}), dans la limite de {} par mission. Ramenez la demande à {} au plus et \
             complétez par d’autres ressources.",
            fr::euros(requested),
            fr::euros(max),
            edition.funding.rate_percent,
            fr::euros(money.total_expenses.unwrap_or(0)),
            fr::euros(edition.funding.cap_cents),
            fr::euros(max)
        );
        out.push(
            REQUEST_OVER_CAP,
            &format!("budget.resources[{line}].amount_cents"),
            &message,
        );
    }
}

fn request_label(edition: &Edition) -> String {
    request_source(edition).map_or_else(
        || format!("contribution demandée à {}", edition.organiser.name),
        |s| s.label.clone(),
    )
}

pub(crate) fn describe(edition: &Edition, list: &mut Vec<RuleInfo>) {
    let funding = &edition.funding;
    list.push(NO_EXPENSES.describe("Le budget compte au moins une dépense.".to_owned()));
    list.push(AMOUNT.describe(format!(
        "Chaque montant est positif et ne dépasse pas {}.",
        fr::euros_round(funding.amount_max_cents)
    )));
    list.push(
        UNBALANCED.describe("Le total des ressources est égal au total des dépenses.".to_owned()),
    );
    list.push(REQUEST_OVER_CAP.describe(format!(
        "La contribution demandée ne dépasse pas {} % du total des dépenses (arrondi au centime \
         inférieur), ni {}.",
        funding.rate_percent,
        fr::euros_round(funding.cap_cents)
    )));
    list.push(NO_REQUEST.describe(format!(
        "Signale un budget sans contribution demandée à {}.",
        edition.organiser.name
    )));
}
