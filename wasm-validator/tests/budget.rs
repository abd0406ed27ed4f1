//! The budget's rules and figures: amounts, totals, balance, maximum contribution, request.

mod common;
use common::*;
use wasm_validator::model::Budget;

fn with_budget(expenses: &[(&str, i64)], resources: &[(&str, i64)]) -> wasm_validator::Report {
    judge_changed(|d| {
        d.budget = Budget {
            expenses: expenses.iter().map(|(c, a)| expense(c, *a)).collect(),
            resources: resources.iter().map(|(s, a)| resource(s, *a)).collect(),
        }
    })
}

#[test]
fn figures_of_the_valid_dossier() {
    let report = judge(&valid_dossier());
    let f = &report.figures;
    assert_eq!(f.duration_days, Some(12));
    assert_eq!(f.total_expenses_cents, Some(200_000));
    assert_eq!(f.total_resources_cents, Some(200_000));
    assert_eq!(f.requested_cents, Some(100_000));
    assert_eq!(f.max_contribution_cents, Some(100_000));
}

#[test]
fn half_of_an_odd_number_of_cents_is_rounded_down() {
    let report = with_budget(
        &[("travel", 150_001)],
        &[("lianes", 75_000), ("own_funds", 75_001)],
    );
    assert_only(&report, &[]);
    assert_eq!(report.figures.max_contribution_cents, Some(75_000));
    let report = with_budget(
        &[("travel", 150_001)],
        &[("lianes", 75_001), ("own_funds", 75_000)],
    );
    assert_only(
        &report,
        &[(
            "budget.request_over_cap",
            "budget.resources[0].amount_cents",
        )],
    );
    assert_eq!(
        message_of(&report, "budget.request_over_cap"),
        nb(
            "La contribution demandée à Lianes coopération (750,01~€) dépasse le maximum de \
            750,00~€~: 50~% des dépenses (1^500,01~€), dans la limite de 1^000,00~€ par mission. \
            Ramenez la demande à 750,00~€ au plus et complétez par d’autres ressources."
        )
    );
}

#[test]
fn the_cap_is_exactly_one_thousand_euros() {
    let report = with_budget(
        &[("travel", 300_000)],
        &[("lianes", 100_000), ("own_funds", 200_000)],
    );
    assert_only(&report, &[]);
    assert_eq!(report.figures.max_contribution_cents, Some(100_000));
    let report = with_budget(
        &[("travel", 300_000)],
        &[("lianes", 100_001), ("own_funds", 199_999)],
    );
    assert_only(
        &report,
        &[(
            "budget.request_over_cap",
            "budget.resources[0].amount_cents",
        )],
    );
    assert!(report.eligible && !report.complete);
}

#[test]
fn the_request_is_the_sum_of_the_lianes_lines() {
    let report = with_budget(
        &[("travel", 300_000)],
        &[
            ("own_funds", 150_000),
            ("lianes", 60_000),
            ("lianes", 50_000),
            ("partner", 40_000),
        ],
    );
    assert_eq!(report.figures.requested_cents, Some(110_000));
    assert_only(
        &report,
        &[(
            "budget.request_over_cap",
            "budget.resources[1].amount_cents",
        )],
    );
}

#[test]
fn no_request_is_a_warning() {
    let report = with_budget(&[("travel", 200_000)], &[("own_funds", 200_000)]);
    assert_only(&report, &[("budget.no_request", "budget.resources")]);
    assert!(report.complete);
    assert_eq!(report.figures.requested_cents, Some(0));
    assert_eq!(
        message_of(&report, "budget.no_request"),
        nb(
            "Aucune contribution n’est demandée à Lianes coopération~: ajoutez une ressource \
            «^Contribution demandée à Lianes coopération (EXPLOR)^» de 1^000,00~€ au plus."
        )
    );
}

#[test]
fn the_budget_must_balance() {
    let report = with_budget(
        &[("travel", 200_000)],
        &[("lianes", 100_000), ("own_funds", 50_000)],
    );
    assert_only(&report, &[("budget.unbalanced", "budget.resources")]);
    assert_eq!(
        message_of(&report, "budget.unbalanced"),
        nb(
            "Le budget n’est pas équilibré~: 1^500,00~€ de ressources pour 2^000,00~€ de \
            dépenses, il manque 500,00~€ de ressources. Ajustez les ressources pour que leur \
            total soit égal à celui des dépenses."
        )
    );
    let report = with_budget(
        &[("travel", 200_000)],
        &[("lianes", 100_000), ("own_funds", 100_001)],
    );
    assert_only(&report, &[("budget.unbalanced", "budget.resources")]);
    assert!(message_of(&report, "budget.unbalanced").contains("dépassent les dépenses de 0,01"));
}

#[test]
fn amounts_are_positive_and_at_most_one_million_euros() {
    let report = with_budget(
        &[("travel", 200_000), ("visa", -5_000)],
        &[("lianes", 97_500), ("own_funds", 97_500)],
    );
    assert_only(
        &report,
        &[("budget.amount", "budget.expenses[1].amount_cents")],
    );
    assert_eq!(
        message_of(&report, "budget.amount"),
        nb("Le montant de la dépense n°~2 est négatif (-50,00~€)~: indiquez un montant positif.")
    );
    let max = 100_000_000;
    let report = with_budget(
        &[("travel", max)],
        &[("lianes", 100_000), ("own_funds", max - 100_000)],
    );
    assert_only(&report, &[]);
    let report = with_budget(
        &[("travel", max + 1)],
        &[("lianes", 100_000), ("own_funds", max - 99_999)],
    );
    assert_only(
        &report,
        &[("budget.amount", "budget.expenses[0].amount_cents")],
    );
    assert!(message_of(&report, "budget.amount").contains(&nb("dépasse 1^000^000,00~€")));
}

#[test]
fn a_budget_without_expenses_is_incomplete() {
    let report = with_budget(&[], &[("lianes", 0)]);
    assert_only(
        &report,
        &[
            ("budget.no_expenses", "budget.expenses"),
            ("budget.no_request", "budget.resources"),
            ("required", "budget.resources[0].amount_cents"),
        ],
    );
    assert_eq!(report.figures.max_contribution_cents, Some(0));
    // A line begun without its amount is told on that line, not as a budget without expenses.
    let report = with_budget(&[("travel", 0)], &[]);
    assert_eq!(of_rule(&report, "budget.no_expenses").len(), 0);
    assert_eq!(
        rules_and_fields(&report)[0],
        ("required".into(), "budget.expenses[0].amount_cents".into())
    );
}

#[test]
fn categories_and_sources_are_the_editions() {
    let report = with_budget(
        &[("travel", 100_000), ("champagne", 50_000), ("", 50_000)],
        &[("lianes", 100_000), ("loan", 100_000)],
    );
    assert_only(
        &report,
        &[
            ("format", "budget.expenses[1].category"),
            ("required", "budget.expenses[2].category"),
            ("format", "budget.resources[1].source"),
        ],
    );
    assert!(message_of(&report, "required").contains(&nb("la catégorie de la dépense n°~3")));
}

#[test]
fn blank_lines_are_ignored() {
    let report = judge_changed(|d| {
        d.budget.expenses.push(expense("", 0));
        d.budget.resources.push(resource("", 0));
    });
    assert_only(&report, &[]);
}

#[test]
fn sums_beyond_i64_are_not_computed_and_never_panic() {
    let report = with_budget(
        &[("travel", i64::MAX), ("visa", i64::MAX)],
        &[("lianes", i64::MIN)],
    );
    assert_eq!(report.figures.total_expenses_cents, None);
    assert_eq!(report.figures.max_contribution_cents, None);
    assert_eq!(report.figures.total_resources_cents, Some(i64::MIN));
    // One finding per line out of bounds, and one for the total that cannot be computed.
    assert_eq!(
        rules_and_fields(&report)
            .into_iter()
            .filter(|(rule, _)| rule == "budget.amount")
            .map(|(_, field)| field)
            .collect::<Vec<_>>(),
        [
            "budget.expenses",
            "budget.expenses[0].amount_cents",
            "budget.expenses[1].amount_cents",
            "budget.resources[0].amount_cents",
        ]
    );
    assert!(of_rule(&report, "budget.unbalanced").is_empty());
}

/// Issue 13, point 7: even with an edition that lets any single amount through, totals that do not
/// fit are an error finding (the figure is null and a finding says why), never a silent « — ».
#[test]
fn a_total_beyond_i64_is_an_error_even_when_every_line_is_allowed() {
    let mut edition = edition();
    edition.funding.amount_max_cents = i64::MAX;
    let mut d = valid_dossier();
    d.budget.expenses = (0..6).map(|_| expense("travel", i64::MAX)).collect();
    d.budget.resources = (0..6).map(|_| resource("lianes", i64::MAX)).collect();
    let report = wasm_validator::validate(&edition, &d, before_deadline());
    assert_eq!(report.figures.total_expenses_cents, None);
    assert_eq!(report.figures.total_resources_cents, None);
    assert!(!report.complete);
    assert_only(
        &report,
        &[
            ("budget.amount", "budget.expenses"),
            ("budget.amount", "budget.resources"),
        ],
    );
    assert_eq!(
        of_rule(&report, "budget.amount")[0].message,
        nb(
            "Le total des dépenses est trop grand pour être calculé~: un montant au moins est \
            démesuré, sans doute une faute de frappe. Corrigez les montants de la liste."
        )
    );
}

/// Issue 13, point 13: expenses written as negative amounts are not « aucune dépense ».
#[test]
fn negative_expenses_are_told_negative_not_missing() {
    let report = with_budget(
        &[("travel", -65_000), ("visa", -8_000)],
        &[("lianes", -36_500), ("own_funds", -36_500)],
    );
    let message = message_of(&report, "budget.no_expenses");
    assert!(!message.contains("aucune dépense"), "{message}");
    assert_eq!(
        message,
        nb("Les montants des dépenses sont tous négatifs ou nuls~: écrivez chaque dépense en \
            montant positif (sans signe moins), les ressources à part dans la liste des ressources.")
    );
    assert_eq!(
        of_rule(&with_budget(&[], &[]), "budget.no_expenses")[0].message,
        nb(
            "Le budget ne compte aucune dépense~: ajoutez les dépenses de la mission (transport, \
            hébergement, visa…) avec leur montant."
        )
    );
}

/// Issue 15 point 1: which source holds the request is the edition's fact, not a name in the
/// code. Another network renames it (`region`): a 1 600 € request on 2 000 € of expenses is still
/// judged against the cap, and a line of the old name is no request.
#[test]
fn the_request_is_the_source_the_edition_marks() {
    let mut edition = edition();
    for source in &mut edition.budget.resource_sources {
        if source.id == "lianes" {
            source.id = "region".into();
        }
    }
    let mut d = valid_dossier();
    d.budget.resources = vec![resource("region", 160_000), resource("own_funds", 40_000)];
    let report = wasm_validator::validate(&edition, &d, before_deadline());
    assert_eq!(report.figures.requested_cents, Some(160_000));
    assert_eq!(report.figures.max_contribution_cents, Some(100_000));
    assert_only(
        &report,
        &[(
            "budget.request_over_cap",
            "budget.resources[0].amount_cents",
        )],
    );
    assert!(!report.complete);
    d.budget.resources = vec![resource("region", 100_000), resource("own_funds", 100_000)];
    let report = wasm_validator::validate(&edition, &d, before_deadline());
    assert_eq!(report.figures.requested_cents, Some(100_000));
    assert_only(&report, &[]);
    // The 2025 id is now an unknown source: it requests nothing.
    d.budget.resources = vec![resource("lianes", 160_000), resource("own_funds", 40_000)];
    let report = wasm_validator::validate(&edition, &d, before_deadline());
    assert_eq!(report.figures.requested_cents, Some(0));
    assert_eq!(of_rule(&report, "format").len(), 1);
    assert_eq!(of_rule(&report, "budget.no_request").len(), 1);
}
