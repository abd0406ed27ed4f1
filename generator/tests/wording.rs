//! The pages say what the call says (issue 14's known points): each sentence that once added to or
//! changed the call is checked on the real pages built with the tests' frozen 2025 edition, in its
//! corrected form, and its old form is checked absent.

use std::fs;

use generator::build::build;

mod real_project;

/// The real pages built with the frozen edition: page path → its text with spaces made plain.
fn site() -> std::collections::BTreeMap<&'static str, String> {
    let out = real_project::built_real_pages_with_the_frozen_edition();
    [
        "index.html",
        "appel/index.html",
        "candidature/index.html",
        "eligibilite/index.html",
        "pays-eligibles/index.html",
        "calendrier.ics",
    ]
    .into_iter()
    .map(|page| {
        let text = fs::read_to_string(out.path().join("dist").join(page)).unwrap();
        let plain = text
            .replace(['\u{a0}', '\u{202f}'], " ")
            .replace("\r\n ", "");
        (page, plain)
    })
    .collect()
}

#[test]
fn the_pages_keep_to_the_call_s_wording() {
    let site = site();
    let has = |page: &str, text: &str| {
        assert!(site[page].contains(text), "{page} should say « {text} »");
    };
    let lacks = |page: &str, text: &str| {
        assert!(
            !site[page].contains(text),
            "{page} should not say « {text} »"
        );
    };
    let form = "candidature/index.html";
    let check = "eligibilite/index.html";
    // The charter: the mission is « en lien avec les valeurs » of the charter.
    has(
        form,
        "La mission proposée est en lien avec les valeurs de la charte de Lianes coopération.",
    );
    has(
        check,
        "La mission envisagée est en lien avec les valeurs de la charte de Lianes coopération.",
    );
    for page in [form, check] {
        lacks(page, "adhère");
        // Identified with the partner, not expressed by it.
        lacks(page, "exprimé par le partenaire");
        has(page, "identifié");
        // An « appel à manifestation d’intérêt », open « jusqu’au … minuit ».
        lacks(page, "appel à candidatures");
        has(
            page,
            "L’appel à manifestation d’intérêt EXPLOR 2025 – Hauts-de-France est clos.",
        );
        has(
            page,
            "jusqu’au dimanche 15 juin 2025 à minuit (heure de Paris)",
        );
        lacks(page, "avant le dimanche");
    }
    // The contribution: 50 % of the project's total cost, towards the logistic expenses.
    has(form, "contribue aux dépenses logistiques à hauteur de 50 % du coût total du projet, dans la limite de 1 000 € par mission");
    lacks(form, "coût total de la mission");
    lacks(form, "jours de voyage");
    // Optional answers say so.
    has(form, ">Fonction dans l’association (facultatif)</label>");
    has(
        form,
        ">Les suites prévues après la mission (facultatif)</label>",
    );
    // The site's file does not replace the network's documents; the pre-form is named.
    has(
        form,
        "il ne remplace pas les documents de Lianes coopération",
    );
    has(form, "pré-fiche mission");
    lacks(form, "les pièces demandées par");
    lacks("appel/index.html", "réunis dans un seul");
    has(
        "appel/index.html",
        "Il ne remplace pas les documents de Lianes coopération",
    );
    // Nothing is deposited.
    for page in ["index.html", form] {
        lacks(page, "Déposer une candidature");
        has(page, "Préparer sa candidature");
    }
    // The answer comes « début juillet »; the calendar says « envoyés ».
    has("index.html", "début juillet 2025");
    has(
        "calendrier.ics",
        "Les dossiers doivent être envoyés jusqu’au",
    );
    lacks("calendrier.ics", "reçus");
    // The countries: Kosovo is a State for France; Nauru leaves the list during the missions.
    let countries = "pays-eligibles/index.html";
    has(
        countries,
        "Le Kosovo, que la France reconnaît comme un État",
    );
    lacks(countries, "territoires, notamment le Kosovo");
}

/// The list in force: the live edition says, on the countries page, which DAC list the site applies
/// while the missions run into the next year, and who leaves it (an assumption of the edition, so
/// checked on the real content rather than on the frozen edition, which lists none).
#[test]
fn the_countries_page_says_which_list_is_in_force() {
    let out = tempfile::tempdir().unwrap();
    let args = real_project::no_wasm(real_project::repo(), out.path().join("dist"));
    build(&args).unwrap_or_else(|e| panic!("the real site does not build: {e:#}"));
    let page = fs::read_to_string(out.path().join("dist/pays-eligibles/index.html"))
        .unwrap()
        .replace(['\u{a0}', '\u{202f}'], " ");
    assert!(page.contains("id=\"hypothese-dac_list_in_force\""));
    assert!(page.contains("en vigueur à la date limite"));
    assert!(page.contains("Nauru quitte la liste le 1er janvier 2026, et probablement Montserrat"));
}
