//! Structured dossiers (fields drawn from the edition's own values, edge values and arbitrary text)
//! → `validate`: never a panic, exact totals, a maximum contribution within the cap, verdicts that
//! agree with the findings, and a file that reads back as the same dossier.

#![no_main]

use arbitrary::{Result, Unstructured};
use libfuzzer_sys::fuzz_target;
use wasm_validator::model::{Expense, Resource};
use wasm_validator::{parse_dossier, to_json, validate, Dossier, Edition, Severity};
use wasm_validator_fuzz::{day, edition};

/// Text that is, by turns, one of `pool`, an edge case, or anything.
fn text(u: &mut Unstructured<'_>, pool: &[&str]) -> Result<String> {
    const EDGES: [&str; 8] = [
        "",
        " ",
        "\u{feff}",
        "2025-02-29",
        "0000-00-00",
        "9999-12-31",
        "\u{0}",
        "W",
    ];
    Ok(match u.int_in_range(0..=3)? {
        0 if !pool.is_empty() => (*u.choose(pool)?).to_owned(),
        1 => (*u.choose(&EDGES)?).to_owned(),
        _ => u.arbitrary()?,
    })
}

fn amount(u: &mut Unstructured<'_>) -> Result<i64> {
    const EDGES: [i64; 7] = [0, 1, -1, i64::MAX, i64::MIN, 100_000_000, 100_000_001];
    Ok(if u.arbitrary()? {
        *u.choose(&EDGES)?
    } else {
        u.arbitrary()?
    })
}

fn dossier(u: &mut Unstructured<'_>, e: &Edition) -> Result<Dossier> {
    let countries: Vec<&str> = e
        .eligibility
        .countries
        .iter()
        .map(|c| c.iso2.as_str())
        .collect();
    let kinds: Vec<&str> = e.mission.types.iter().map(|t| t.id.as_str()).collect();
    let window = [
        e.dates.mission_window_start.to_string(),
        e.dates.mission_window_end.to_string(),
    ];
    let dates: Vec<&str> = window
        .iter()
        .map(String::as_str)
        .chain(["2025-10-06", "2025-10-17"])
        .collect();
    let mut d = Dossier::blank(&text(u, &[e.id.as_str()])?);
    d.applicant.name = text(u, &[])?;
    d.applicant.legal_form = text(u, &["association_1901", "association_1908", "other"])?;
    d.applicant.rna = text(u, &["W595000000", "W59500000"])?;
    d.applicant.siret = text(u, &["73282932000074", "35600000000048"])?;
    d.applicant.address.postal_code = text(u, &["59000", "02100", "75001", "2A004"])?;
    d.applicant.contact.email = text(u, &["a@b.fr", "a@b", "@"])?;
    d.applicant.contact.phone = text(u, &["03 20 00 00 00", "+33 3 20 00 00 00"])?;
    d.applicant.previous_explor = u.arbitrary()?;
    d.applicant.new_project = u.arbitrary()?;
    d.partner.country = text(u, &countries)?;
    d.partner.need_identified = u.arbitrary()?;
    d.mission.kind = text(u, &kinds)?;
    d.mission.country = text(u, &countries)?;
    d.mission.start_date = text(u, &dates)?;
    d.mission.end_date = text(u, &dates)?;
    d.mission.sdgs = u.arbitrary()?;
    d.mission.title = text(u, &[])?;
    d.mission.need = text(u, &[])?;
    let categories: Vec<&str> = e
        .budget
        .expense_categories
        .iter()
        .map(|c| c.id.as_str())
        .collect();
    let sources: Vec<&str> = e
        .budget
        .resource_sources
        .iter()
        .map(|c| c.id.as_str())
        .collect();
    for _ in 0..u.int_in_range(0..=6)? {
        let (category, label, amount_cents) = (text(u, &categories)?, text(u, &[])?, amount(u)?);
        d.budget.expenses.push(Expense {
            category,
            label,
            amount_cents: amount_cents.into(),
        });
    }
    for _ in 0..u.int_in_range(0..=6)? {
        let (source, label, amount_cents) = (text(u, &sources)?, text(u, &[])?, amount(u)?);
        d.budget.resources.push(Resource {
            source,
            label,
            amount_cents: amount_cents.into(),
        });
    }
    d.declarations.charter = u.arbitrary()?;
    d.declarations.accurate = u.arbitrary()?;
    Ok(d)
}

fn exact(amounts: impl Iterator<Item = i64>) -> Option<i64> {
    i64::try_from(amounts.map(i128::from).sum::<i128>()).ok()
}

fuzz_target!(|data: &[u8]| {
    let mut u = Unstructured::new(data);
    let e = edition();
    let (Ok(d), Ok(byte)) = (dossier(&mut u, e), u.arbitrary::<u8>()) else {
        return;
    };
    let report = validate(e, &d, day(byte));
    let figures = &report.figures;
    assert_eq!(
        figures.total_expenses_cents,
        exact(d.budget.expenses.iter().map(|x| x.amount_cents.0))
    );
    assert_eq!(
        figures.total_resources_cents,
        exact(d.budget.resources.iter().map(|x| x.amount_cents.0))
    );
    if let Some(max) = figures.max_contribution_cents {
        assert!((0..=e.funding.cap_cents).contains(&max), "{max}");
    }
    let errors = report
        .findings
        .iter()
        .filter(|f| f.severity == Severity::Error && f.rule != "submission.closed")
        .count();
    assert_eq!(report.complete, errors == 0);
    let again = parse_dossier(to_json(&d).as_bytes()).expect("to_json output reads back");
    assert_eq!(again.dossier, d);
});
