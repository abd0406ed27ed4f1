//! The form's data model: `(name, value)` pairs (names mostly the form's own controls, values
//! anything) → `form::formdata::read`, then written back and read again to the same dossier; and
//! every value that reads as an amount shown by `format_input` and read again to the same cents
//! (zero is shown blank).

#![no_main]

use arbitrary::{Result, Unstructured};
use libfuzzer_sys::fuzz_target;
use wasm_validator::form::formdata::{read, write};
use wasm_validator::form::money::{format_input, parse_amount};
use wasm_validator::model::{Expense, Resource};
use wasm_validator::Dossier;

/// Every control name of a form with three lines of each list and an SDG.
fn names() -> Vec<String> {
    let mut d = Dossier::blank("");
    d.budget.expenses = vec![Expense::default(); 3];
    d.budget.resources = vec![Resource::default(); 3];
    d.mission.sdgs = vec![1];
    d.applicant.previous_explor = Some(true);
    d.applicant.new_project = Some(false);
    d.partner.need_identified = Some(true);
    d.declarations.charter = true;
    d.declarations.accurate = true;
    write(&d).into_iter().map(|(name, _)| name).collect()
}

fn pairs(u: &mut Unstructured<'_>, names: &[String]) -> Result<Vec<(String, String)>> {
    const VALUES: [&str; 10] = [
        "",
        "true",
        "false",
        "1 234,56",
        "-0,01",
        "1.234.567",
        "12,5 €",
        "17",
        "99999999999",
        "٣",
    ];
    let mut pairs = Vec::new();
    for _ in 0..u.int_in_range(0..=40)? {
        let name = if u.ratio(7, 8)? {
            u.choose(names)?.clone()
        } else {
            u.arbitrary()?
        };
        let value = if u.arbitrary()? {
            (*u.choose(&VALUES)?).to_owned()
        } else {
            u.arbitrary()?
        };
        pairs.push((name, value));
    }
    Ok(pairs)
}

fuzz_target!(|data: &[u8]| {
    let mut u = Unstructured::new(data);
    let Ok(pairs) = pairs(&mut u, &names()) else {
        return;
    };
    for (_, value) in &pairs {
        if let Ok(Some(cents)) = parse_amount(value) {
            // Zero is shown blank (an untouched line stays empty), and blank reads as nothing.
            let shown = parse_amount(&format_input(cents)).map(|c| c.unwrap_or(0));
            assert_eq!(shown, Ok(cents), "{value:?}");
        }
    }
    let first = read(&pairs, "edition");
    let again = read(&write(&first.dossier), "edition");
    assert_eq!(again.dossier, first.dossier, "{pairs:?}");
    assert!(again.problems.is_empty(), "{:?}", again.problems);
});
