//! The core's one judge, its one settling step, its one row model and its one HTML renderer.

mod common;

use common::*;
use wasm_validator::committee::{self, Batch, Cell, Checked, Outcome, Row, COLUMNS};
use wasm_validator::{amend, judge, sheet, to_json, validate, Finding, Judged, Report, Severity};

fn judged(d: &wasm_validator::Dossier) -> Judged {
    judge(&edition(), to_json(d).as_bytes(), before_deadline()).expect("a dossier")
}

#[test]
fn judge_returns_the_dossier_its_report_and_its_unknown_fields_from_one_parse() {
    let d = valid_dossier();
    let mut json = to_json(&d);
    json.insert_str(1, "\"remarque\": \"x\", ");
    let j = judge(&edition(), json.as_bytes(), before_deadline()).expect("a dossier");
    assert_eq!(j.dossier, d);
    assert_eq!(j.unknown_fields, ["remarque"]);
    assert_eq!(
        rules_and_fields(&j.report),
        [("dossier.unknown_field".to_owned(), "remarque".to_owned())]
    );
    assert!(j.report.complete && j.report.on_time && j.report.eligible);
}

#[test]
fn amend_replaces_the_field_s_findings_and_settles_the_verdicts() {
    let mut d = valid_dossier();
    d.budget.expenses[0].amount_cents = (-5).into();
    d.mission.title.clear();
    let mut report = validate(&edition(), &d, before_deadline());
    let field = "budget.expenses[0].amount_cents";
    let about = |report: &Report| -> Vec<Finding> {
        report
            .findings
            .iter()
            .filter(|f| f.field == field)
            .cloned()
            .collect()
    };
    assert!(!about(&report).is_empty());
    let unread = Finding {
        rule: "format".to_owned(),
        severity: Severity::Error,
        field: field.to_owned(),
        message: "Montant illisible.".to_owned(),
    };
    amend(&mut report, vec![unread.clone()]);
    assert_eq!(about(&report), std::slice::from_ref(&unread));
    assert!(!report.complete);
    let fields: Vec<&str> = report.findings.iter().map(|f| f.field.as_str()).collect();
    let title = fields.iter().position(|f| *f == "mission.title").unwrap();
    let amount = fields.iter().position(|f| *f == field).unwrap();
    assert!(title < amount, "form order after settling: {fields:?}");

    // A problem on a field the rules found nothing wrong with still makes the dossier incomplete.
    let mut clean = validate(&edition(), &valid_dossier(), before_deadline());
    assert!(clean.complete);
    amend(&mut clean, vec![unread]);
    assert!(!clean.complete && clean.eligible && clean.on_time);
    let mut untouched = validate(&edition(), &valid_dossier(), before_deadline());
    amend(&mut untouched, Vec::new());
    assert!(untouched.complete && untouched.findings.is_empty());
}

fn batch_of(edition: &wasm_validator::Edition, checked: &[Checked]) -> Vec<Row> {
    committee::rows(&Batch {
        edition,
        today: before_deadline(),
        checked,
    })
}

#[test]
fn every_row_has_one_cell_per_column_in_the_committee_s_order() {
    let e = edition();
    let mut ineligible = valid_dossier();
    ineligible.applicant.legal_form = "other".to_owned();
    let mut incomplete = valid_dossier();
    incomplete.mission.title.clear();
    let checked = [
        Checked {
            file: "a/illisible.json".to_owned(),
            sent: before_deadline(),
            outcome: Outcome::Unreadable("Illisible.".to_owned()),
        },
        Checked {
            file: "b/ineligible.json".to_owned(),
            sent: before_deadline(),
            outcome: Outcome::Judged(Box::new(judged(&ineligible))),
        },
        Checked {
            file: "c\\incomplet.json".to_owned(),
            sent: before_deadline(),
            outcome: Outcome::Judged(Box::new(judged(&incomplete))),
        },
        Checked {
            file: "complet.json".to_owned(),
            sent: before_deadline(),
            outcome: Outcome::Judged(Box::new(judged(&valid_dossier()))),
        },
    ];
    let rows = batch_of(&e, &checked);
    assert!(rows.iter().all(|r| r.cells.len() == COLUMNS.len()));
    let order: Vec<(usize, &Cell)> = rows
        .iter()
        .map(|r| (r.index, &r.cells[committee::FILE]))
        .collect();
    assert_eq!(
        order,
        [
            (3, &Cell::Text("complet.json".to_owned())),
            (2, &Cell::Text("incomplet.json".to_owned())),
            (1, &Cell::Text("ineligible.json".to_owned())),
            (0, &Cell::Text("illisible.json".to_owned())),
        ]
    );
    assert!(!rows[3].is_readable());
    assert_eq!(
        rows[3].cells.last(),
        Some(&Cell::Reading(Err("Illisible.".to_owned())))
    );
    assert_eq!(
        rows[0].cells[committee::TOTAL_EXPENSES],
        Cell::Money(Some(200_000))
    );
    let on_time = COLUMNS.iter().position(|c| c.id == "on_time").unwrap();
    assert_eq!(rows[0].cells[on_time], Cell::Verdict(Some(true)));
    assert_eq!(committee::totals(&checked), (600_000, 300_000));
    assert_eq!(
        committee::tally(&checked),
        "4\u{a0}dossiers, 1\u{a0}complet, 2\u{a0}avec erreurs, 1\u{a0}illisible."
    );
}

/// `text` escaped as the renderer must write it.
fn escaped(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

#[test]
fn the_readable_sheet_shows_every_text_the_budget_and_the_findings_in_words() {
    let mut d = valid_dossier();
    d.mission.need = "Premier paragraphe.\nSecond <paragraphe>.".to_owned();
    d.budget.expenses[0].label = "Billets Lille – Dakar".to_owned();
    d.partner.need_identified = Some(false);
    let j = judged(&d);
    let page = sheet::dossier_page(&edition(), "dossier.json", &j);
    assert!(page.starts_with("<!DOCTYPE html>\n<html lang=\"fr\">"));
    let name = escaped(d.applicant.name.trim());
    assert!(
        page.contains(&format!("<title>Dossier de candidature – {name}</title>")),
        "{page}"
    );
    assert!(page.contains(
        "<p><bdi>Premier paragraphe.</bdi></p><p><bdi>Second &lt;paragraphe&gt;.</bdi></p>"
    ));
    assert!(page.contains("<bdi>Billets Lille – Dakar</bdi>"));
    for text in [
        &d.mission.objectives,
        &d.mission.activities,
        &d.partner.name,
        &d.applicant.contact.email,
    ] {
        assert!(page.contains(&escaped(text.trim())), "{text} missing");
    }
    let total = wasm_validator::fr::euros(j.report.figures.total_expenses_cents.unwrap());
    assert!(page.contains(&format!(
        "<th scope=\"row\" colspan=\"2\">Total</th><td class=\"n\">{total}</td>"
    )));
    let finding = &j
        .report
        .findings
        .iter()
        .find(|f| f.rule == "partner.need_identified")
        .unwrap();
    assert!(page.contains(&escaped(&finding.message)));
    assert!(page.contains("<dt>Éligible</dt><dd>non</dd>"));
}

#[cfg(not(target_arch = "wasm32"))]
mod properties {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        /// Whatever a dossier's texts hold, the report page contains them only escaped and made
        /// visible, inside `<bdi>`: the markup is the renderer's alone.
        #[test]
        fn dossier_text_never_becomes_markup(
            name in "[<>&\"'a-z \u{1b}\u{7}\u{202e}\u{2066}]{1,24}",
            file in "[<>&\"'a-z\u{1b}\u{202e}]{1,12}",
        ) {
            prop_assume!(!name.trim().is_empty());
            let mut d = valid_dossier();
            d.applicant.name = name.clone();
            let checked = [Checked { file: file.clone(), sent: before_deadline(), outcome: Outcome::Judged(Box::new(judged(&d))) }];
            let e = edition();
            let page = sheet::report_page(&Batch { edition: &e, today: before_deadline(), checked: &checked });
            for c in ['\u{1b}', '\u{7}', '\u{202e}', '\u{2066}'] {
                prop_assert!(!page.contains(c));
            }
            let shown = escaped(&wasm_validator::fr::visible(name.trim()));
            let in_bdi = format!("<bdi>{shown}</bdi>");
            prop_assert!(page.contains(&in_bdi), "{}", shown);
            prop_assert_eq!(page.matches("<bdi>").count(), page.matches("</bdi>").count());
            prop_assert_eq!(page.matches("<script").count(), 0);
        }
    }
}
