//! What the site assumes where the call is silent or was lost, and what the network must still
//! provide for the legal notices: both written once in the edition file, the first shown on the pages
//! that rely on it (a « Hypothèse » note), the second shown « à compléter par le réseau » while empty,
//! with a build warning per missing item.

use std::collections::{BTreeMap, BTreeSet};

use anyhow::bail;
use serde::Serialize;
use wasm_validator::edition::Legal;
use wasm_validator::Edition;

use crate::content::Page;
use crate::facts::Facts;

/// Where the assumptions and legal items are written, as named in messages.
const ORIGIN: &str = "content/edition.toml";

/// What the legal notices show for an item the network has not provided yet.
pub const MISSING: &str = "à compléter par le réseau";

/// One assumption as a page shows it: its text with the edition's facts filled in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AssumptionView {
    pub id: String,
    pub text: String,
}

/// The home page is named `index` in the edition file, as its file `content/pages/index.md`.
fn page_name(page: &Page) -> &str {
    if page.slug.is_empty() {
        "index"
    } else {
        &page.slug
    }
}

/// The assumptions each page shows, by page slug, in the edition's order. Refuses an assumption
/// without an id or text, a repeated id, or one naming a page that does not exist (it would be
/// shown nowhere).
pub fn by_page(
    edition: &Edition,
    facts: &Facts,
    pages: &[Page],
) -> anyhow::Result<BTreeMap<String, Vec<AssumptionView>>> {
    let names: BTreeMap<&str, &str> = pages
        .iter()
        .map(|p| (page_name(p), p.slug.as_str()))
        .collect();
    let mut seen = BTreeSet::new();
    let mut out: BTreeMap<String, Vec<AssumptionView>> = BTreeMap::new();
    for a in &edition.assumptions {
        let id = a.id.trim();
        if id.is_empty() || a.text.trim().is_empty() {
            bail!("{ORIGIN} : chaque [[assumptions]] a un id et un texte (text) non vides ; complétez ou supprimez celle qui n’en a pas.");
        }
        if !seen.insert(id) {
            bail!("{ORIGIN} : l’hypothèse « {id} » est écrite deux fois ; gardez-en une seule.");
        }
        if a.pages.is_empty() {
            bail!("{ORIGIN} : l’hypothèse « {id} » ne nomme aucune page (pages = [\"appel\", …]) : elle ne serait montrée nulle part.");
        }
        let text = facts.substitute(a.text.trim(), &format!("{ORIGIN} (hypothèse « {id} »)"), 1)?;
        for name in &a.pages {
            let Some(slug) = names.get(name.as_str()) else {
                let known: Vec<&str> = names.keys().copied().collect();
                bail!(
                    "{ORIGIN} : l’hypothèse « {id} » nomme la page « {name} », qui n’existe pas ; pages : {}.",
                    known.join(", ")
                );
            };
            out.entry((*slug).to_owned())
                .or_default()
                .push(AssumptionView {
                    id: id.to_owned(),
                    text: text.clone(),
                });
        }
    }
    Ok(out)
}

/// The legal items: key in `[legal]`, what it is (for messages), its value.
pub fn legal_items(legal: &Legal) -> [(&'static str, &'static str, &str); 4] {
    [
        (
            "publication_director",
            "directeur ou directrice de la publication",
            &legal.publication_director,
        ),
        (
            "publisher_phone",
            "téléphone de l’éditeur",
            &legal.publisher_phone,
        ),
        (
            "host",
            "nom, adresse et téléphone de l’hébergeur",
            &legal.host,
        ),
        (
            "retention",
            "durée de conservation des dossiers",
            &legal.retention,
        ),
    ]
}

/// A legal item as the page shows it: its value, or [`MISSING`].
pub fn legal_shown(value: &str) -> String {
    match value.trim() {
        "" => MISSING.to_owned(),
        given => given.to_owned(),
    }
}

/// One warning per legal item still empty, naming it: the site can be built and previewed, but
/// not published as it is.
pub fn legal_warnings(edition: &Edition) -> Vec<String> {
    legal_items(&edition.legal)
        .iter()
        .filter(|(_, _, value)| value.trim().is_empty())
        .map(|(key, what, _)| {
            format!(
                "{ORIGIN} : [legal] {key} ({what}) n’est pas renseigné ; la page Confidentialité et mentions légales affiche « {MISSING} ». Renseignez-le avant de publier le site."
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_validator::edition::Assumption;

    fn edition() -> Edition {
        let frozen = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../tests/fixtures/editions/explor-2025");
        crate::config::load_edition(&frozen).expect("the frozen edition loads")
    }

    fn page(slug: &str) -> Page {
        let text = "+++\ntitle = \"T\"\ndescription = \"D\"\n+++\n";
        crate::content::parse(text, "p.md", slug).unwrap()
    }

    fn assumption(id: &str, text: &str, pages: &[&str]) -> Assumption {
        Assumption {
            id: id.to_owned(),
            text: text.to_owned(),
            pages: pages.iter().map(|p| (*p).to_owned()).collect(),
        }
    }

    #[test]
    fn each_page_gets_its_assumptions_with_facts_filled_in() {
        let mut e = edition();
        e.assumptions = vec![
            assumption(
                "a",
                "Jusqu’au {{ dates.deadline }} inclus.",
                &["index", "appel"],
            ),
            assumption("b", "Autre.", &["appel"]),
        ];
        let facts = Facts::from_edition(&e);
        let map = by_page(&e, &facts, &[page(""), page("appel"), page("charte")]).unwrap();
        let ids = |slug: &str| -> Vec<String> {
            map.get(slug)
                .map(|v| v.iter().map(|a| a.id.clone()).collect())
                .unwrap_or_default()
        };
        assert_eq!(ids(""), ["a"]);
        assert_eq!(ids("appel"), ["a", "b"]);
        assert!(ids("charte").is_empty());
        assert_eq!(map[""][0].text, "Jusqu’au dimanche 15 juin 2025 inclus.");
    }

    #[test]
    fn unknown_pages_repeated_ids_and_empty_ones_are_refused() {
        let mut e = edition();
        let pages = [page(""), page("appel")];
        let err = |e: &Edition| {
            by_page(e, &Facts::from_edition(e), &pages)
                .unwrap_err()
                .to_string()
        };
        e.assumptions = vec![assumption("a", "T.", &["apel"])];
        assert_eq!(
            err(&e),
            "content/edition.toml : l’hypothèse « a » nomme la page « apel », qui n’existe pas ; pages : appel, index."
        );
        e.assumptions = vec![
            assumption("a", "T.", &["appel"]),
            assumption("a", "U.", &["index"]),
        ];
        assert!(err(&e).contains("« a » est écrite deux fois"));
        e.assumptions = vec![assumption("a", " ", &["appel"])];
        assert!(err(&e).contains("un id et un texte"));
        e.assumptions = vec![assumption("a", "T.", &[])];
        assert!(err(&e).contains("ne nomme aucune page"));
        e.assumptions = vec![assumption("a", "{{ funding.capp }}", &["appel"])];
        assert!(err(&e).contains("fait inconnu « funding.capp »"));
    }

    #[test]
    fn each_missing_legal_item_is_shown_to_complete_and_warned_by_name() {
        let mut e = edition();
        e.legal = Legal::default();
        let warnings = legal_warnings(&e);
        assert_eq!(warnings.len(), 4, "{warnings:?}");
        for key in [
            "publication_director",
            "publisher_phone",
            "host",
            "retention",
        ] {
            assert!(
                warnings
                    .iter()
                    .any(|w| w.contains(&format!("[legal] {key} ("))),
                "{key}: {warnings:?}"
            );
        }
        e.legal.host = "OVH, 2 rue Kellermann, 59100 Roubaix".to_owned();
        e.legal.retention = " ".to_owned();
        let warnings = legal_warnings(&e);
        assert_eq!(warnings.len(), 3);
        assert!(!warnings.iter().any(|w| w.contains("[legal] host ")));
        assert_eq!(legal_shown(&e.legal.host), e.legal.host);
        assert_eq!(legal_shown(&e.legal.retention), MISSING);
    }
}
