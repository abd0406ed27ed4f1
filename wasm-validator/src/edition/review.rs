//! The edition read as a careful colleague would: département codes that exist and the postal
//! prefixes that place a seat in them, names written as names, and the facts that are possible but
//! look like a slip (a cap typed in euros where cents are expected), told as warnings that do not stop
//! the build. Native only (feature `load`), beside the loader that calls it.

use super::load::{wrong, Wrong};
use crate::{fr, Edition};

/// Below this a cap per mission looks like euros typed as cents (100 €).
const CAP_LOW_CENTS: i64 = 10_000;
/// Above this a cap per mission looks like a slip of a few zeros (100 000 €).
const CAP_HIGH_CENTS: i64 = 10_000_000;
/// Below this a funding rate looks like a slip (10 %).
const RATE_LOW_PERCENT: i64 = 10;

/// The départements of France (INSEE codes and names, official geographic code): national reference
/// data, not a fact of any call. A code outside this list is refused; a name that differs from its
/// code's is questioned.
const DEPARTEMENTS: [(&str, &str); 101] = [
    ("01", "Ain"),
    ("02", "Aisne"),
    ("03", "Allier"),
    ("04", "Alpes-de-Haute-Provence"),
    ("05", "Hautes-Alpes"),
    ("06", "Alpes-Maritimes"),
    ("07", "Ardèche"),
    ("08", "Ardennes"),
    ("09", "Ariège"),
    ("10", "Aube"),
    ("11", "Aude"),
    ("12", "Aveyron"),
    ("13", "Bouches-du-Rhône"),
    ("14", "Calvados"),
    ("15", "Cantal"),
    ("16", "Charente"),
    ("17", "Charente-Maritime"),
    ("18", "Cher"),
    ("19", "Corrèze"),
    ("2A", "Corse-du-Sud"),
    ("2B", "Haute-Corse"),
    ("21", "Côte-d’Or"),
    ("22", "Côtes-d’Armor"),
    ("23", "Creuse"),
    ("24", "Dordogne"),
    ("25", "Doubs"),
    ("26", "Drôme"),
    ("27", "Eure"),
    ("28", "Eure-et-Loir"),
    ("29", "Finistère"),
    ("30", "Gard"),
    ("31", "Haute-Garonne"),
    ("32", "Gers"),
    ("33", "Gironde"),
    ("34", "Hérault"),
    ("35", "Ille-et-Vilaine"),
    ("36", "Indre"),
    ("37", "Indre-et-Loire"),
    ("38", "Isère"),
    ("39", "Jura"),
    ("40", "Landes"),
    ("41", "Loir-et-Cher"),
    ("42", "Loire"),
    ("43", "Haute-Loire"),
    ("44", "Loire-Atlantique"),
    ("45", "Loiret"),
    ("46", "Lot"),
    ("47", "Lot-et-Garonne"),
    ("48", "Lozère"),
    ("49", "Maine-et-Loire"),
    ("50", "Manche"),
    ("51", "Marne"),
    ("52", "Haute-Marne"),
    ("53", "Mayenne"),
    ("54", "Meurthe-et-Moselle"),
    ("55", "Meuse"),
    ("56", "Morbihan"),
    ("57", "Moselle"),
    ("58", "Nièvre"),
    ("59", "Nord"),
    ("60", "Oise"),
    ("61", "Orne"),
    ("62", "Pas-de-Calais"),
    ("63", "Puy-de-Dôme"),
    ("64", "Pyrénées-Atlantiques"),
    ("65", "Hautes-Pyrénées"),
    ("66", "Pyrénées-Orientales"),
    ("67", "Bas-Rhin"),
    ("68", "Haut-Rhin"),
    ("69", "Rhône"),
    ("70", "Haute-Saône"),
    ("71", "Saône-et-Loire"),
    ("72", "Sarthe"),
    ("73", "Savoie"),
    ("74", "Haute-Savoie"),
    ("75", "Paris"),
    ("76", "Seine-Maritime"),
    ("77", "Seine-et-Marne"),
    ("78", "Yvelines"),
    ("79", "Deux-Sèvres"),
    ("80", "Somme"),
    ("81", "Tarn"),
    ("82", "Tarn-et-Garonne"),
    ("83", "Var"),
    ("84", "Vaucluse"),
    ("85", "Vendée"),
    ("86", "Vienne"),
    ("87", "Haute-Vienne"),
    ("88", "Vosges"),
    ("89", "Yonne"),
    ("90", "Territoire de Belfort"),
    ("91", "Essonne"),
    ("92", "Hauts-de-Seine"),
    ("93", "Seine-Saint-Denis"),
    ("94", "Val-de-Marne"),
    ("95", "Val-d’Oise"),
    ("971", "Guadeloupe"),
    ("972", "Martinique"),
    ("973", "Guyane"),
    ("974", "La Réunion"),
    ("976", "Mayotte"),
];

/// The postal prefix that a département's own communes carry, for a real département code: its
/// two digits in metropolitan France (`59`), `20` for Corsica's `2A` and `2B`, its three digits
/// overseas (`971` to `976`).
pub fn own_prefix(code: &str) -> Option<&str> {
    let (code, _) = DEPARTEMENTS.iter().find(|(c, _)| *c == code)?;
    Some(if code.starts_with('2') && code.ends_with(['A', 'B']) {
        "20"
    } else {
        code
    })
}

/// The official name of a département code.
pub fn official_name(code: &str) -> Option<&'static str> {
    DEPARTEMENTS
        .iter()
        .find(|(c, _)| *c == code)
        .map(|(_, name)| *name)
}

/// A name compared loosely: no accents, case, apostrophe style, hyphens or spaces.
fn loose(name: &str) -> String {
    fr::fold_accents(name)
        .to_lowercase()
        .chars()
        .filter(|c| c.is_alphanumeric())
        .collect()
}

/// What must be right before the edition can judge anything: the first problem found.
pub(super) fn refusal(e: &Edition) -> Option<Wrong> {
    departement_refusal(e)
        .or_else(|| names_refusal(e))
        .or_else(|| country_refusal(e))
}

/// The reciprocity missions' country is compared with a dossier's ISO code (`FR`).
fn country_refusal(e: &Edition) -> Option<Wrong> {
    let code = &e.mission.reciprocity_country;
    let ok = code.len() == 2 && code.bytes().all(|b| b.is_ascii_uppercase());
    (!ok).then(|| {
        wrong(
            "mission",
            "reciprocity_country",
            format!(
                "« {} » n’est pas un code de pays ISO à deux lettres majuscules ; écrivez « FR » \
                 pour des missions d’accueil en France.",
                fr::visible(code)
            ),
        )
    })
}

fn departement_refusal(e: &Edition) -> Option<Wrong> {
    let table = "eligibility";
    let key = "departements";
    for d in &e.eligibility.departements {
        let near = Some(format!("\"{}\"", d.code));
        let at = |message: String| Wrong {
            near: near.clone(),
            ..wrong(table, key, message)
        };
        let Some(own) = own_prefix(&d.code) else {
            return Some(at(format!(
                "« {} » n’est pas un numéro de département ; {}",
                d.code,
                code_hint(&d.code)
            )));
        };
        if d.postal_prefixes.is_empty() {
            return Some(at(format!(
                "le département {} ({}) n’a pas de préfixe de code postal ; écrivez ceux de ses \
                 communes, par exemple postal_prefixes = [\"{own}\"].",
                d.code, d.name
            )));
        }
        for p in &d.postal_prefixes {
            if !(2..=5).contains(&p.len()) || !p.bytes().all(|b| b.is_ascii_digit()) {
                return Some(at(format!(
                    "le préfixe de code postal « {p} » du département {} n’est pas un début de code \
                     postal ; écrivez de 2 à 5 chiffres, par exemple « {own} ».",
                    d.code
                )));
            }
            let other = e.eligibility.departements.iter().find(|o| {
                o.code != d.code
                    && own_prefix(&o.code) != Some(own)
                    && o.postal_prefixes.iter().any(|q| q == p)
            });
            if let Some(o) = other {
                return Some(at(format!(
                    "le préfixe « {p} » est donné à deux départements, {} et {} ; un code postal ne \
                     peut désigner qu’un département (seules la Corse-du-Sud et la Haute-Corse \
                     partagent « 20 »).",
                    d.code, o.code
                )));
            }
        }
    }
    None
}

/// How to write a département code, with the likely intended one when it can be guessed.
fn code_hint(code: &str) -> String {
    let trimmed = code.trim();
    let guess = if trimmed.len() == 1 && trimmed.bytes().all(|b| b.is_ascii_digit()) {
        Some(format!("0{trimmed}"))
    } else if trimmed != code && own_prefix(trimmed).is_some() {
        Some(trimmed.to_owned())
    } else if code == "20" {
        Some("2A".to_owned())
    } else {
        None
    };
    let rule =
        "un département s’écrit sur deux chiffres (de « 01 » à « 95 »), « 2A » ou « 2B » pour \
                la Corse, trois chiffres outre-mer (« 971 » à « 976 »).";
    match guess {
        Some(g) if code == "20" => format!(
            "{rule} La Corse compte deux départements : écrivez « {g} » (Corse-du-Sud) et/ou « 2B » \
             (Haute-Corse), chacun avec postal_prefixes = [\"20\"]."
        ),
        Some(g) => match official_name(&g) {
            Some(name) => format!("{rule} Vouliez-vous dire « {g} » ({name}) ?"),
            None => format!("{rule} Vouliez-vous dire « {g} » ?"),
        },
        None => rule.to_owned(),
    }
}

/// Names shown on every page: written, on one line, without spaces around them.
fn names_refusal(e: &Edition) -> Option<Wrong> {
    let mut names: Vec<(&'static str, &'static str, &str, Option<String>)> = vec![
        ("", "title", &e.title, None),
        ("", "region", &e.region, None),
        ("organiser", "name", &e.organiser.name, None),
        ("organiser", "address", &e.organiser.address, None),
    ];
    for d in &e.eligibility.departements {
        let near = Some(format!("\"{}\"", d.code));
        names.push(("eligibility", "departements", &d.name, near));
    }
    for (key, list) in [
        ("expense_categories", &e.budget.expense_categories),
        ("resource_sources", &e.budget.resource_sources),
    ] {
        for c in list {
            names.push(("budget", key, &c.label, Some(format!("\"{}\"", c.id))));
        }
    }
    let named = names.into_iter().find_map(|(table, key, name, near)| {
        name_problem(name).map(|message| Wrong {
            near,
            ..wrong(table, key, message)
        })
    });
    named.or_else(|| {
        e.mission.types.iter().enumerate().find_map(|(nth, t)| {
            [("label", &t.label), ("description", &t.description)]
                .into_iter()
                .find_map(|(key, text)| {
                    name_problem(text).map(|message| Wrong {
                        nth,
                        ..wrong("mission.types", key, message)
                    })
                })
        })
    })
}

/// What is wrong with a name, if anything: empty, spaces around it, or a line break inside.
fn name_problem(name: &str) -> Option<String> {
    let shown = fr::visible(name);
    if name.trim().is_empty() {
        Some("le nom est vide ; écrivez-le.".to_owned())
    } else if name.trim() != name {
        Some(format!(
            "le nom « {shown} » commence ou finit par une espace ; retirez-la."
        ))
    } else if name.chars().any(char::is_control) {
        Some(format!(
            "le nom « {shown} » contient un retour à la ligne ou un caractère invisible ; \
             écrivez-le sur une ligne."
        ))
    } else {
        None
    }
}

/// What looks like a slip but may be meant: the build prints these and goes on.
pub(super) fn warnings(e: &Edition) -> Vec<Wrong> {
    let mut out = Vec::new();
    let f = &e.funding;
    if f.cap_cents < CAP_LOW_CENTS {
        out.push(wrong(
            "funding",
            "cap_cents",
            format!(
                "cap_cents = {} fait un plafond de {} par mission, ce qui paraît bien bas. Les \
                 montants s’écrivent en centimes : vouliez-vous dire {} (cap_cents = {}) ?",
                f.cap_cents,
                fr::euros_round(f.cap_cents),
                fr::euros_round(f.cap_cents.saturating_mul(100)),
                f.cap_cents.saturating_mul(100)
            ),
        ));
    } else if f.cap_cents > CAP_HIGH_CENTS {
        out.push(wrong(
            "funding",
            "cap_cents",
            format!(
                "cap_cents = {} fait un plafond de {} par mission, ce qui paraît bien haut. Les \
                 montants s’écrivent en centimes : 100000 pour 1 000 €.",
                f.cap_cents,
                fr::euros_round(f.cap_cents)
            ),
        ));
    }
    if f.rate_percent < RATE_LOW_PERCENT {
        out.push(wrong(
            "funding",
            "rate_percent",
            format!(
                "rate_percent = {} : l’appel financerait {} du coût d’une mission, ce qui paraît \
                 bien peu. Le taux s’écrit en pour cent : 50 pour 50 %.",
                f.rate_percent,
                fr::percent(f.rate_percent)
            ),
        ));
    }
    if f.amount_max_cents < f.cap_cents {
        out.push(wrong(
            "funding",
            "amount_max_cents",
            format!(
                "le montant maximal d’une ligne ({}) est inférieur au plafond par mission ({}) : \
                 une contribution au plafond ne pourrait pas s’écrire sur une seule ligne.",
                fr::euros_round(f.amount_max_cents),
                fr::euros_round(f.cap_cents)
            ),
        ));
    }
    departement_warnings(e, &mut out);
    out
}

fn departement_warnings(e: &Edition, out: &mut Vec<Wrong>) {
    // Every warning here is about `eligibility.departements`, placed at the line of one code.
    let at = |code: &str, message: String| Wrong {
        near: Some(format!("\"{code}\"")),
        ..wrong("eligibility", "departements", message)
    };
    let deps = &e.eligibility.departements;
    for d in deps {
        let own = own_prefix(&d.code).unwrap_or(&d.code);
        if let Some(official) = official_name(&d.code).filter(|o| loose(o) != loose(&d.name)) {
            out.push(at(
                &d.code,
                format!(
                    "le département {} s’appelle {official}, et non « {} » : corrigez le numéro ou \
                     le nom (ils s’affichent ensemble sur les pages et dans les messages).",
                    d.code, d.name
                ),
            ));
        }
        for p in d.postal_prefixes.iter().filter(|p| !p.starts_with(own)) {
            out.push(at(
                &d.code,
                format!(
                    "le préfixe « {p} » n’est pas celui des codes postaux du département {} \
                     ({}), qui commencent par « {own} » : les sièges dont le code postal \
                     commence par « {p} » seront acceptés. Vérifiez que c’est voulu.",
                    d.code, d.name
                ),
            ));
        }
    }
    for (code, other, other_name) in [("2A", "2B", "Haute-Corse"), ("2B", "2A", "Corse-du-Sud")] {
        let Some(d) = deps.iter().find(|d| d.code == code) else {
            continue;
        };
        let shares = d.postal_prefixes.iter().any(|p| p == "20");
        if shares && !deps.iter().any(|d| d.code == other) {
            out.push(at(
                code,
                format!(
                    "les codes postaux corses commencent tous par « 20 » : avec le préfixe « 20 », \
                     un siège en {other_name} ({other}) sera aussi accepté. Le code postal seul ne \
                     distingue pas les deux départements corses."
                ),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::load::{is_email, parse, parse_warned};
    use super::*;

    const EDITION: &str = include_str!("../../../tests/fixtures/editions/explor-2025/edition.toml");

    fn edit(from: &str, to: &str) -> String {
        assert!(EDITION.contains(from), "fixture text not found: {from}");
        EDITION.replacen(from, to, 1)
    }

    fn line_of(text: &str, needle: &str) -> usize {
        text.lines().position(|l| l.contains(needle)).unwrap() + 1
    }

    fn refused(text: &str) -> String {
        match parse(text, "e.toml") {
            Ok(_) => panic!("accepted"),
            Err(e) => e.to_string(),
        }
    }

    fn warned(text: &str) -> Vec<String> {
        parse_warned(text, "e.toml").expect("accepted").warnings
    }

    #[test]
    fn the_frozen_edition_has_no_warning() {
        assert_eq!(warned(EDITION), Vec::<String>::new());
    }

    #[test]
    fn a_departement_code_that_is_not_one_is_refused_on_its_line() {
        let text = edit(
            "{ code = \"02\", name = \"Aisne\", postal_prefixes = [\"02\"] }",
            "{ code = \"3\", name = \"Allier\", postal_prefixes = [\"03\"] }",
        );
        let line = line_of(&text, "\"Allier\"");
        assert_eq!(
            refused(&text),
            format!(
                "e.toml:{line} : eligibility.departements : « 3 » n’est pas un numéro de \
                 département ; un département s’écrit sur deux chiffres (de « 01 » à « 95 »), « 2A \
                 » ou « 2B » pour la Corse, trois chiffres outre-mer (« 971 » à « 976 »). \
                 Vouliez-vous dire « 03 » (Allier) ?"
            )
        );
        let text = edit("code = \"59\"", "code = \"20\"");
        assert!(refused(&text).contains("écrivez « 2A » (Corse-du-Sud) et/ou « 2B »"));
    }

    #[test]
    fn postal_prefixes_must_be_digits_and_not_shared_outside_corsica() {
        let text = edit("postal_prefixes = [\"59\"]", "postal_prefixes = []");
        let err = refused(&text);
        let line = line_of(&text, "\"Nord\"");
        assert!(
            err.starts_with(&format!("e.toml:{line} : eligibility.departements : le département 59 (Nord) n’a pas de préfixe")),
            "{err}"
        );
        let text = edit("postal_prefixes = [\"59\"]", "postal_prefixes = [\"5\"]");
        assert!(
            refused(&text).contains("« 5 » du département 59 n’est pas un début de code postal")
        );
        let text = edit(
            "postal_prefixes = [\"60\"]",
            "postal_prefixes = [\"60\", \"59\"]",
        );
        let err = refused(&text);
        assert!(
            err.contains("le préfixe « 59 » est donné à deux départements"),
            "{err}"
        );
    }

    #[test]
    fn corsica_shares_its_prefix_and_says_so() {
        let both = edit(
            "{ code = \"02\", name = \"Aisne\", postal_prefixes = [\"02\"] },",
            "{ code = \"2A\", name = \"Corse-du-Sud\", postal_prefixes = [\"20\"] },\n  \
             { code = \"2B\", name = \"Haute-Corse\", postal_prefixes = [\"20\"] },",
        );
        assert_eq!(warned(&both), Vec::<String>::new());
        let edition = parse(&both, "e.toml").unwrap();
        let found = edition
            .eligibility
            .departement_of("20000")
            .map(|d| d.code.as_str());
        assert_eq!(found, Some("2A"));
        assert_eq!(edition.eligibility.departement_of("02000"), None);
        let one = edit(
            "{ code = \"02\", name = \"Aisne\", postal_prefixes = [\"02\"] },",
            "{ code = \"2B\", name = \"Haute-Corse\", postal_prefixes = [\"20\"] },",
        );
        let warnings = warned(&one);
        let line = line_of(&one, "\"2B\"");
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        assert!(
            warnings[0].starts_with(&format!(
                "e.toml:{line} : attention : eligibility.departements : les codes postaux corses"
            )),
            "{warnings:?}"
        );
        assert!(warnings[0].contains("un siège en Corse-du-Sud (2A) sera aussi accepté"));
    }

    #[test]
    fn a_name_that_is_not_its_codes_is_questioned() {
        let text = edit("name = \"Oise\"", "name = \"Somme\"");
        let warnings = warned(&text);
        let line = line_of(&text, "code = \"60\"");
        assert_eq!(
            warnings,
            vec![format!(
                "e.toml:{line} : attention : eligibility.departements : le département 60 s’appelle \
                 Oise, et non « Somme » : corrigez le numéro ou le nom (ils s’affichent ensemble sur \
                 les pages et dans les messages)."
            )]
        );
        // Written loosely (case, accents, apostrophe), the name is the same.
        let text = edit("name = \"Pas-de-Calais\"", "name = \"pas de calais\"");
        assert_eq!(warned(&text), Vec::<String>::new());
        assert_eq!(official_name("22"), Some("Côtes-d’Armor"));
        assert_eq!(loose("Côtes-d'Armor"), loose("Côtes-d’Armor"));
    }

    #[test]
    fn a_prefix_of_another_departement_is_a_warning() {
        let text = edit(
            "postal_prefixes = [\"02\"]",
            "postal_prefixes = [\"02\", \"03\"]",
        );
        let warnings = warned(&text);
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        assert!(warnings[0].contains(
            "le préfixe « 03 » n’est pas celui des codes postaux du département 02 (Aisne)"
        ));
    }

    #[test]
    fn a_cap_typed_in_euros_is_questioned_with_its_line() {
        let text = edit("cap_cents = 100000", "cap_cents = 1500");
        let line = line_of(&text, "cap_cents");
        assert_eq!(
            warned(&text),
            vec![format!(
                "e.toml:{line} : attention : funding.cap_cents : cap_cents = 1500 fait un plafond de \
                 15\u{a0}€ par mission, ce qui paraît bien bas. Les montants s’écrivent en centimes : \
                 vouliez-vous dire 1\u{202f}500\u{a0}€ (cap_cents = 150000) ?"
            )]
        );
        let high = edit("cap_cents = 100000", "cap_cents = 50000000");
        let warnings = warned(&high);
        assert!(
            warnings[0].contains("500\u{202f}000\u{a0}€ par mission, ce qui paraît bien haut"),
            "{warnings:?}"
        );
        let low_rate = edit("rate_percent = 50", "rate_percent = 5");
        let warnings = warned(&low_rate);
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        assert!(
            warnings[0].contains("funding.rate_percent : rate_percent = 5"),
            "{warnings:?}"
        );
        // At the plausible bounds, nothing is said.
        for (from, to) in [
            ("cap_cents = 100000", "cap_cents = 10000"),
            ("cap_cents = 100000", "cap_cents = 10000000"),
            ("rate_percent = 50", "rate_percent = 10"),
        ] {
            assert_eq!(warned(&edit(from, to)), Vec::<String>::new(), "{to}");
        }
    }

    #[test]
    fn names_and_the_email_must_be_well_formed() {
        let text = edit(
            "name = \"Lianes coopération\"",
            "name = \" Lianes coopération\"",
        );
        let err = refused(&text);
        let line = line_of(&text, "Lianes coopération\"");
        assert!(
            err.starts_with(&format!("e.toml:{line} : organiser.name : le nom « ")),
            "{err}"
        );
        assert!(
            err.ends_with("commence ou finit par une espace ; retirez-la."),
            "{err}"
        );
        let text = edit("name = \"Nord\"", "name = \"\"");
        let err = refused(&text);
        let line = line_of(&text, "code = \"59\"");
        assert_eq!(
            err,
            format!("e.toml:{line} : eligibility.departements : le nom est vide ; écrivez-le.")
        );
        for bad in ["a@.org", "a@b..org", "a@b.", ".a@b.org", "a@b", "a@-b.org"] {
            assert!(!is_email(bad), "{bad}");
        }
        let text = edit(
            "email = \"Explor-RRMA@lianescooperation.org\"",
            "email = \"contact@reseau..org\"",
        );
        assert!(refused(&text).contains(
            "organiser.email : « contact@reseau..org » n’est pas une adresse électronique"
        ));
    }

    #[test]
    fn real_departement_codes_have_their_own_prefix() {
        for (code, prefix) in [
            ("01", "01"),
            ("02", "02"),
            ("59", "59"),
            ("95", "95"),
            ("2A", "20"),
            ("2B", "20"),
            ("971", "971"),
            ("976", "976"),
        ] {
            assert_eq!(own_prefix(code), Some(prefix), "{code}");
        }
        for code in [
            "3", "00", "20", "96", "975", "977", "2C", "2a", " 59", "590", "",
        ] {
            assert_eq!(own_prefix(code), None, "{code}");
        }
    }
}
