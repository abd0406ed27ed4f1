//! Another network publishes its own call by editing `content/` alone (issue 15): the fictitious
//! « Réseau Bretagne Solidaire » edition of `tests/fixtures/editions/bretagne-2026/` (its edition
//! file, data and pages) is built with the real templates, and dossiers at its boundaries are judged
//! by `explor check` with its rules. Neither its built site nor the check's messages may show any word
//! of the EXPLOR 2025 edition of Lianes coopération: a leftover would be a fact written in the
//! templates or the code instead of the edition.

mod check_support;
mod real_project;

use std::fs;
use std::path::Path;

use check_support::{check_in, code, repo_root, stdout, write_json};
use generator::build::build;
use serde_json::{json, Value};
use wasm_validator::edition::load;
use wasm_validator::{fr, Edition};

const SECOND: &str = "tests/fixtures/editions/bretagne-2026";
const FIRST: &str = "tests/fixtures/editions/explor-2025";
/// The last day to send a dossier to the second network.
const ON_TIME: &str = "2026-04-30";

fn edition(dir: &str) -> Edition {
    load::from_dir(&repo_root().join(dir)).expect("the edition loads")
}

/// Words of the 2025 edition that no page or message of another network's call may show, taken
/// from the 2025 edition itself (organiser, address, region and its départements, id, title, dates,
/// amounts) plus the few words of its prose that name it (`Lianes`, `RRMA`).
fn words_of_the_2025_edition() -> Vec<String> {
    let e = edition(FIRST);
    let o = &e.organiser;
    let host = o
        .website
        .trim_start_matches("https://www.")
        .trim_end_matches('/');
    let mut words: Vec<String> = vec![
        o.name.clone(),
        o.tagline.clone(),
        o.address.clone(),
        o.email.clone(),
        host.to_owned(),
        e.id.clone(),
        e.title.clone(),
        e.region.clone(),
        fr::euros_round(e.funding.cap_cents),
        "Lianes".to_owned(),
        "RRMA".to_owned(),
    ];
    // The address's parts: street, postal code, city.
    words.extend(o.address.split(", ").map(str::to_owned));
    let is_postal_code = |w: &&str| w.len() == 5 && w.bytes().all(|b| b.is_ascii_digit());
    words.extend(
        o.address
            .split(' ')
            .filter(is_postal_code)
            .map(str::to_owned),
    );
    words.extend(o.address.rsplit(' ').next().map(str::to_owned));
    // Lille's telephone zone, which the form's examples used to show.
    words.push("03 20".to_owned());
    for d in &e.eligibility.departements {
        // « Nord » is also a common word (« au Nord comme au Sud »): named with its code.
        words.push(format!("{} ({})", d.name, d.code));
        if d.name != "Nord" {
            words.push(d.name.clone());
        }
        // An RNA number of the region's greffes, as an example would write it.
        words.push(format!("W{}", d.code));
    }
    let dates = &e.dates;
    for date in [
        dates.deadline,
        dates.selection_start,
        dates.selection_end,
        dates.mission_window_start,
        dates.mission_window_end,
    ] {
        words.push(fr::date(date));
        words.push(wasm_validator::edition::format_date(date));
        words.push(fr::month_year(date.year(), date.month()));
    }
    words.sort();
    words.dedup();
    words.retain(|w| !w.trim().is_empty());
    words
}

/// Every word of the 2025 edition found in `text`, spaces made plain on both sides.
fn leftovers(text: &str, words: &[String]) -> Vec<String> {
    let plain = |t: &str| t.replace(['\u{a0}', '\u{202f}'], " ");
    let text = plain(text);
    words
        .iter()
        .filter(|w| text.contains(&plain(w)))
        .cloned()
        .collect()
}

#[test]
fn the_word_list_is_made_of_the_2025_editions_facts() {
    let words = words_of_the_2025_edition();
    for expected in [
        "Lianes coopération",
        "Hauts-de-France",
        "Lille",
        "59000",
        "Nord (59)",
        "Aisne",
        "15 juin 2025",
        "W59",
        "03 20",
        "2025-06-15",
        "juillet 2025",
        "31 mars 2026",
        "explor-2025-hauts-de-france",
    ] {
        assert!(
            words
                .iter()
                .any(|w| w.replace('\u{202f}', " ") == expected || w.contains(expected)),
            "{expected} is not in {words:?}"
        );
    }
    let found = leftovers("Le siège est à Lille, 59000.", &words);
    assert!(found.contains(&"Lille".to_owned()), "{found:?}");
    assert!(leftovers("Réseau Bretagne Solidaire, Rennes", &words).is_empty());
}

/// The second network's project: the real templates, its own `content/`.
fn second_project() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    real_project::copy_tree(
        &repo_root().join("templates"),
        &dir.path().join("templates"),
    );
    real_project::copy_tree(&repo_root().join(SECOND), &dir.path().join("content"));
    dir
}

/// Every file of `dir` that is text, by its path.
fn text_files(dir: &Path) -> Vec<(String, String)> {
    let mut files = Vec::new();
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let entry = entry.unwrap();
        if !entry.file_type().is_file() {
            continue;
        }
        if let Ok(text) = fs::read_to_string(entry.path()) {
            let name = entry.path().strip_prefix(dir).unwrap();
            files.push((name.display().to_string(), text));
        }
    }
    files
}

#[test]
fn the_second_networks_site_builds_with_its_facts_and_no_word_of_the_2025_edition() {
    let project = second_project();
    let out = project.path().join("dist");
    let args = real_project::no_wasm(project.path(), &out);
    let summary =
        build(&args).unwrap_or_else(|e| panic!("the second edition does not build: {e:#}"));
    assert_eq!(summary.warnings, Vec::<String>::new(), "a clean edition");
    let files = text_files(&out);
    let names: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
    for page in [
        "index.html",
        "appel/index.html",
        "charte/index.html",
        "candidature/index.html",
        "eligibilite/index.html",
        "edition.json",
        "dossier.schema.json",
    ] {
        assert!(names.contains(&page), "{page} not built: {names:?}");
    }
    let words = words_of_the_2025_edition();
    let found: Vec<String> = files
        .iter()
        .filter_map(|(name, text)| {
            let left = leftovers(text, &words);
            (!left.is_empty()).then(|| format!("{name}: {}", left.join(" | ")))
        })
        .collect();
    assert!(
        found.is_empty(),
        "words of the 2025 edition:\n{}",
        found.join("\n")
    );
    // Its own facts reach the pages.
    let page = |name: &str| {
        let text = &files.iter().find(|(n, _)| n == name).unwrap().1;
        text.replace(['\u{a0}', '\u{202f}'], " ")
    };
    let home = page("index.html");
    for fact in [
        "Réseau Bretagne Solidaire",
        "60 %",
        "1 500 €",
        "Finistère (29)",
        "jeudi 30 avril 2026",
    ] {
        assert!(home.contains(fact), "{fact} is not on the home page");
    }
    let form = page("candidature/index.html");
    for fact in [
        "Contribution demandée au Réseau Bretagne Solidaire",
        "Morbihan (56)",
        "21 jours",
    ] {
        assert!(form.contains(fact), "{fact} is not on the form page");
    }
}

/// A complete dossier for the second network, seated in Rennes: a 21-day mission, 3 000 € of
/// expenses, 1 500 € requested (the cap; 60 % would allow 1 800 €).
fn rennes_dossier() -> Value {
    json!({
        "format": "explor-dossier",
        "version": 1,
        "edition": "explor-2026-bretagne",
        "applicant": {
            "name": "Terres d’échanges",
            "legal_form": "association_1901",
            "rna": "W353001234",
            "siret": "",
            "address": { "street": "4 rue de Brest", "postal_code": "35000", "city": "Rennes" },
            "contact": {
                "first_name": "Yann", "last_name": "Le Gall", "role": "Trésorier",
                "email": "yann.legall@example.org", "phone": "02 99 12 34 56"
            },
            "previous_explor": false,
            "new_project": null
        },
        "partner": {
            "name": "Coopérative des maraîchers de Thiès", "country": "SN", "city": "Thiès",
            "need_identified": true, "relationship": "Un jumelage scolaire depuis 2018."
        },
        "mission": {
            "title": "Diagnostic de l’irrigation des parcelles", "kind": "diagnostic",
            "country": "SN", "city": "Thiès",
            "start_date": "2026-09-01", "end_date": "2026-09-21", "sdgs": [2, 6],
            "need": "Les parcelles manquent d’eau en saison sèche.",
            "objectives": "Chiffrer un réseau d’irrigation goutte à goutte.",
            "activities": "Relevés, entretiens, atelier de restitution.",
            "expected_results": "Un rapport et un budget de projet.",
            "expert_profile": "Agronome bénévole.",
            "follow_up": "Une demande de financement du réseau d’irrigation."
        },
        "budget": {
            "expenses": [
                { "category": "billets", "label": "Billets Rennes–Dakar", "amount_cents": 120000 },
                { "category": "logement", "label": "Logement, 20 nuits", "amount_cents": 90000 },
                { "category": "repas", "label": "Repas, 21 jours", "amount_cents": 60000 },
                { "category": "visa", "label": "Visa", "amount_cents": 20000 },
                { "category": "assurance", "label": "Assurance", "amount_cents": 10000 }
            ],
            "resources": [
                { "source": "contribution_reseau", "label": "Contribution EXPLOR", "amount_cents": 150000 },
                { "source": "fonds_propres", "label": "Fonds propres", "amount_cents": 150000 }
            ]
        },
        "declarations": { "charter": true, "accurate": true }
    })
}

/// `explor check --content <second edition> --format <format>` on these dossiers, from the
/// repository's root.
fn check_second(dir: &Path, format: &str, dossiers: &[(&str, Value)]) -> std::process::Output {
    let files: Vec<String> = dossiers
        .iter()
        .map(|(name, dossier)| write_json(dir, &format!("{name}.json"), dossier))
        .collect();
    let mut args = vec!["--content", SECOND, "--today", ON_TIME, "--format", format];
    args.extend(files.iter().map(String::as_str));
    check_in(&repo_root(), &args)
}

fn with(mut dossier: Value, path: &[&str], value: Value) -> Value {
    let mut at = &mut dossier;
    for key in path {
        at = match key.parse::<usize>() {
            Ok(i) => &mut at[i],
            Err(_) => &mut at[*key],
        };
    }
    *at = value;
    dossier
}

/// `(rule, message)` of the errors and eligibility findings of each judged dossier, by file name.
fn refusals(report: &Value) -> Vec<(String, Vec<(String, String)>)> {
    report
        .as_array()
        .expect("an array")
        .iter()
        .map(|entry| {
            let findings = entry["report"]["findings"].as_array().expect("findings");
            let refusals = findings
                .iter()
                .filter(|f| matches!(f["severity"].as_str(), Some("error" | "eligibility")))
                .map(|f| {
                    let text = |k: &str| f[k].as_str().unwrap_or_default().to_owned();
                    (text("rule"), text("message"))
                })
                .collect();
            let file = entry["file"].as_str().unwrap_or_default();
            (file.rsplit('/').next().unwrap_or(file).to_owned(), refusals)
        })
        .collect()
}

/// `with` for several changes at once.
fn changed(dossier: &Value, changes: &[(&[&str], Value)]) -> Value {
    changes.iter().fold(dossier.clone(), |d, (path, value)| {
        with(d, path, value.clone())
    })
}

/// Dossiers at the second edition's boundaries, named by what they test.
fn boundary_dossiers() -> Vec<(&'static str, Value)> {
    let ok = rennes_dossier();
    let request: &[&str] = &["budget", "resources", "0", "amount_cents"];
    let own_funds: &[&str] = &["budget", "resources", "1", "amount_cents"];
    vec![
        ("a-accepted", ok.clone()),
        (
            "b-seat-in-59000",
            changed(
                &ok,
                &[(&["applicant", "address", "postal_code"], json!("59000"))],
            ),
        ),
        (
            "c-22-days",
            changed(&ok, &[(&["mission", "end_date"], json!("2026-09-22"))]),
        ),
        (
            "d-1501",
            changed(
                &ok,
                &[(request, json!(150_100)), (own_funds, json!(149_900))],
            ),
        ),
        (
            "e-1300-on-2000",
            changed(
                &ok,
                &[
                    (&["budget", "expenses", "0", "amount_cents"], json!(20_000)),
                    (request, json!(130_000)),
                    (own_funds, json!(70_000)),
                ],
            ),
        ),
        (
            "f-9-days",
            changed(&ok, &[(&["mission", "end_date"], json!("2026-09-09"))]),
        ),
        (
            "g-reciprocity",
            changed(
                &ok,
                &[
                    (&["mission", "kind"], json!("reciprocity")),
                    (&["mission", "country"], json!("FR")),
                    (&["mission", "city"], json!("Quimper")),
                    // A reciprocity mission presents the expert it hosts (`required` otherwise).
                    (
                        &["mission", "hosted_expert"],
                        json!({ "organisation": "Groupement", "role": "Animatrice", "profile": "Dix ans." }),
                    ),
                ],
            ),
        ),
        (
            "h-no-request",
            changed(
                &ok,
                &[(&["budget", "resources", "0", "source"], json!("mecenat"))],
            ),
        ),
    ]
}

/// The message of `rule` in the judged dossier whose file name contains `name`, spaces made plain.
fn message(report: &Value, name: &str, rule: &str) -> String {
    let entry = report
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["file"].as_str().unwrap_or_default().contains(name))
        .unwrap_or_else(|| panic!("{name} not judged"));
    let finding = entry["report"]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == rule)
        .unwrap_or_else(|| panic!("{name}: no {rule} in {entry}"));
    finding["message"]
        .as_str()
        .unwrap()
        .replace(['\u{a0}', '\u{202f}'], " ")
}

#[test]
fn dossiers_at_the_second_networks_boundaries_are_judged_by_its_rules() {
    let dir = tempfile::tempdir().unwrap();
    let output = check_second(dir.path(), "json", &boundary_dossiers());
    let report: Value = serde_json::from_slice(&output.stdout).expect("a JSON report");
    let judged = refusals(&report);
    let refused = |name: &str| -> Vec<String> {
        let (_, found) = judged
            .iter()
            .find(|(file, _)| file.starts_with(name))
            .unwrap_or_else(|| panic!("{name} not judged: {judged:?}"));
        found.iter().map(|(rule, _)| rule.clone()).collect()
    };
    for name in ["a-accepted", "f-9-days", "g-reciprocity", "h-no-request"] {
        assert_eq!(refused(name), Vec::<String>::new(), "{name} is not refused");
    }
    for (name, rule) in [
        ("b-seat-in-59000", "applicant.seat_in_region"),
        ("c-22-days", "mission.duration_max"),
        ("d-1501", "budget.request_over_cap"),
        ("e-1300-on-2000", "budget.request_over_cap"),
    ] {
        assert_eq!(refused(name), [rule], "{name}");
    }
    let said = |name: &str, rule: &str| message(&report, name, rule);
    let seat = said("b-seat-in-59000", "applicant.seat_in_region");
    let region = "Bretagne (22 Côtes-d’Armor, 29 Finistère, 35 Ille-et-Vilaine, 56 Morbihan)";
    assert!(seat.contains(region), "{seat}");
    let long = said("c-22-days", "mission.duration_max");
    assert!(
        long.contains("22 jours") && long.contains("21 jours"),
        "{long}"
    );
    let over = said("d-1501", "budget.request_over_cap");
    assert!(
        over.contains("1 501,00 €") && over.contains("60 %") && over.contains("1 500"),
        "{over}"
    );
    let rate = said("e-1300-on-2000", "budget.request_over_cap");
    assert!(
        rate.contains("1 300,00 €") && rate.contains("60 %") && rate.contains("1 200"),
        "{rate}"
    );
    let short = said("f-9-days", "mission.duration_short");
    assert!(
        short.contains("9 jours") && short.contains("de 10 à 21 jours"),
        "{short}"
    );
    let none = said("h-no-request", "budget.no_request");
    assert!(
        none.contains("« Contribution demandée au Réseau Bretagne Solidaire »"),
        "{none}"
    );
    assert_eq!(code(&output), 1, "refused dossiers give exit code 1");
}

/// The messages of every boundary dossier but the one seated in 59000 (whose own postal code is
/// quoted back) show no word of the 2025 edition, in every form of report.
#[test]
fn the_second_networks_check_messages_show_no_word_of_the_2025_edition() {
    let dir = tempfile::tempdir().unwrap();
    let words = words_of_the_2025_edition();
    let others: Vec<(&str, Value)> = boundary_dossiers()
        .into_iter()
        .filter(|(name, _)| !name.contains("59000"))
        .collect();
    for format in ["text", "json", "csv", "html"] {
        let text = stdout(&check_second(dir.path(), format, &others));
        assert!(
            text.contains("Réseau Bretagne Solidaire") || format == "csv",
            "{format}: {text}"
        );
        assert_eq!(
            leftovers(&text, &words),
            Vec::<String>::new(),
            "{format} report:\n{text}"
        );
    }
}

/// The second network's project with one line of its edition file changed.
fn second_project_with(from: &str, to: &str) -> tempfile::TempDir {
    let project = second_project();
    let file = project.path().join("content/edition.toml");
    let text = fs::read_to_string(&file).unwrap();
    assert!(text.contains(from), "{from}");
    fs::write(&file, text.replacen(from, to, 1)).unwrap();
    project
}

fn explor_build(root: &Path) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_explor"))
        .args(["build", "--no-wasm", "--root"])
        .arg(root)
        .output()
        .expect("explor runs")
}

fn line_of(root: &Path, needle: &str) -> usize {
    let text = fs::read_to_string(root.join("content/edition.toml")).unwrap();
    text.lines().position(|l| l.contains(needle)).unwrap() + 1
}

#[test]
fn the_build_prints_an_editions_warnings_and_still_writes_the_site() {
    let project = second_project_with("cap_cents = 150000", "cap_cents = 1500");
    let output = explor_build(project.path());
    let err = check_support::stderr(&output);
    assert_eq!(code(&output), 0, "{err}");
    let line = line_of(project.path(), "cap_cents = 1500");
    let expected = format!(
        "content/edition.toml:{line} : attention : funding.cap_cents : cap_cents = 1500 fait un \
         plafond de 15\u{a0}€ par mission, ce qui paraît bien bas. Les montants s’écrivent en \
         centimes : vouliez-vous dire 1\u{202f}500\u{a0}€ (cap_cents = 150000) ?\n"
    );
    assert_eq!(err, expected);
    assert!(project.path().join("dist/index.html").is_file());
}

#[test]
fn a_departement_code_that_is_not_one_stops_the_build_on_its_line() {
    let project = second_project_with("code = \"29\"", "code = \"9\"");
    let output = explor_build(project.path());
    let err = check_support::stderr(&output);
    assert_eq!(code(&output), 1, "{err}");
    let line = line_of(project.path(), "code = \"9\"");
    assert!(
        err.starts_with(&format!(
            "erreur : content/edition.toml:{line} : eligibility.departements : « 9 » n’est pas un \
             numéro de département ;"
        )),
        "{err}"
    );
    assert!(err.contains("Vouliez-vous dire « 09 » (Ariège) ?"), "{err}");
    assert!(!project.path().join("dist").exists());
}
