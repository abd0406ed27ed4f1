//! `explor check` end to end: the verdicts on the test dossiers, the exit statuses, the text and JSON
//! reports, the deadline against `--today`, and the edition directory.

mod check_support;

use check_support::*;
use serde_json::json;

#[test]
fn a_complete_dossier_passes_with_exit_status_0() {
    let output = check(&["--today", ON_TIME, &fixture("complete.json")]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    assert_eq!(stderr(&output), "");
    let expected = "\
Vérification des dossiers – EXPLOR 2025 – Hauts-de-France
Date de réception retenue\u{a0}: 15 juin 2025

Fichier\u{a0}: tests/fixtures/dossiers/complete.json
Association\u{a0}: Association Eau Vive Lille
Éligible\u{a0}: oui
Complet\u{a0}: oui
Envoyé à temps\u{a0}: oui
Durée\u{a0}: 12 jours
Total des dépenses\u{a0}: 2\u{202f}000,00\u{a0}€
Total des ressources\u{a0}: 2\u{202f}000,00\u{a0}€
Contribution demandée\u{a0}: 1\u{202f}000,00\u{a0}€
Contribution maximale\u{a0}: 1\u{202f}000,00\u{a0}€
Aucune remarque.

Bilan\u{a0}: 1\u{a0}dossier, 1\u{a0}complet, 0\u{a0}avec erreurs, 0\u{a0}illisible.
";
    assert_eq!(stdout(&output), expected);
}

#[test]
fn the_json_report_of_a_complete_dossier_carries_the_figures() {
    let (code, entries) = json_report(ON_TIME, &[&fixture("complete.json")]);
    assert_eq!(code, 0);
    assert_eq!(
        entries,
        vec![json!({
            "file": "tests/fixtures/dossiers/complete.json",
            "report": {
                "edition": "explor-2025-hauts-de-france",
                "eligible": true,
                "complete": true,
                "on_time": true,
                "figures": {
                    "duration_days": 12,
                    "total_expenses_cents": 200000,
                    "total_resources_cents": 200000,
                    "requested_cents": 100000,
                    "max_contribution_cents": 100000
                },
                "findings": []
            },
            "summary": {
                "association": "Association Eau Vive Lille",
                "city": "Lille",
                "partner_country": "Sénégal",
                "mission_kind": "Diagnostic ou identification d’un projet futur",
                "start_date": "2025-10-06",
                "end_date": "2025-10-17",
                "duration_days": 12,
                "total_expenses_cents": 200000,
                "requested_cents": 100000,
                "max_contribution_cents": 100000,
                "eligible": true,
                "complete": true,
                "on_time": true,
                "errors": 0,
                "warnings": 0
            }
        })]
    );
}

#[test]
fn the_deadline_is_the_end_of_the_15th_of_june() {
    let (code, entries) = json_report("2025-06-16", &[&fixture("complete.json")]);
    assert_eq!(code, 1);
    let report = &entries[0]["report"];
    assert_eq!(rules(&entries[0]), ["submission.closed"]);
    assert_eq!(report["findings"][0]["severity"], "error");
    // A late dossier is still eligible (the deadline is not an eligibility rule) and complete
    // (DOSSIER.md §3: it has everything it needs), but not on time; it still exits 1.
    assert_eq!(report["eligible"], true);
    assert_eq!(report["complete"], true);
    assert_eq!(report["on_time"], false);
    assert_eq!(entries[0]["summary"]["on_time"], false);
}

#[test]
fn an_ineligible_dossier_says_why_and_exits_1() {
    let (code, entries) = json_report(ON_TIME, &[&fixture("ineligible.json")]);
    assert_eq!(code, 1);
    let report = &entries[0]["report"];
    assert_eq!(report["eligible"], false);
    assert_eq!(report["complete"], false);
    let rules = rules(&entries[0]);
    for rule in [
        "applicant.seat_in_region",
        "partner.country_eligible",
        "mission.place",
    ] {
        assert!(
            rules.contains(&rule.to_owned()),
            "{rule} missing from {rules:?}"
        );
    }
    let fields: Vec<&str> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["field"].as_str().unwrap())
        .collect();
    assert!(
        fields.contains(&"applicant.address.postal_code"),
        "{fields:?}"
    );
    assert!(fields.contains(&"partner.country"), "{fields:?}");
}

#[test]
fn budget_errors_are_reported_with_the_figures() {
    let (code, entries) = json_report(ON_TIME, &[&fixture("budget-errors.json")]);
    assert_eq!(code, 1);
    let report = &entries[0]["report"];
    assert_eq!(report["eligible"], true);
    assert_eq!(report["complete"], false);
    let mut rules = rules(&entries[0]);
    rules.sort();
    assert_eq!(rules, ["budget.request_over_cap", "budget.unbalanced"]);
    assert_eq!(
        report["figures"],
        json!({
            "duration_days": 12,
            "total_expenses_cents": 150000,
            "total_resources_cents": 130000,
            "requested_cents": 120000,
            "max_contribution_cents": 75000
        })
    );
}

#[test]
fn the_text_report_groups_findings_by_severity() {
    let output = check(&["--today", ON_TIME, &fixture("budget-errors.json")]);
    assert_eq!(code(&output), 1);
    let text = stdout(&output);
    assert!(
        text.contains("Éligible\u{a0}: oui\nComplet\u{a0}: non\n"),
        "{text}"
    );
    assert!(
        text.contains("Contribution maximale\u{a0}: 750,00\u{a0}€\n"),
        "{text}"
    );
    assert!(text.contains("\nErreurs (2)\u{a0}:\n  - budget."), "{text}");
    assert!(!text.contains("Avertissements"), "{text}");
    assert!(
        text.contains("0\u{a0}complet, 1\u{a0}avec erreurs"),
        "{text}"
    );
}

#[test]
fn an_unknown_field_is_only_a_warning() {
    let (code, entries) = json_report(ON_TIME, &[&fixture("unknown-field.json")]);
    assert_eq!(code, 0, "{entries:?}");
    let report = &entries[0]["report"];
    assert_eq!(report["complete"], true);
    let mut findings: Vec<(String, String, String)> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            let text = |key: &str| f[key].as_str().unwrap().to_owned();
            (text("rule"), text("severity"), text("field"))
        })
        .collect();
    findings.sort();
    let warning = |field: &str| {
        (
            "dossier.unknown_field".into(),
            "warning".into(),
            field.into(),
        )
    };
    assert_eq!(findings, [warning("applicant.fax"), warning("comment")]);

    let text = stdout(&check(&[
        "--today",
        ON_TIME,
        &fixture("unknown-field.json"),
    ]));
    assert!(text.contains("Complet\u{a0}: oui\n"), "{text}");
    assert!(text.contains("\nAvertissements (2)\u{a0}:\n  - "), "{text}");
    assert!(text.contains("  - applicant.fax\u{a0}: "), "{text}");
}

#[test]
fn a_dossier_of_another_edition_is_judged_but_refused() {
    let (code, entries) = json_report(ON_TIME, &[&fixture("other-edition.json")]);
    assert_eq!(code, 1);
    assert_eq!(rules(&entries[0]), ["dossier.edition"]);
    assert_eq!(entries[0]["report"]["findings"][0]["field"], "edition");
}

const OTHER_VERSION: &str = "Ce dossier EXPLOR est au format explor-dossier version «\u{202f}2\u{202f}», \
    mais cet outil lit la version 1. Téléchargez le dossier depuis le formulaire du site de l’appel \
    en cours, ou utilisez l’outil de la même version que le dossier.";

const NOT_JSON: &str = "Ce fichier n’est pas un dossier EXPLOR\u{a0}: ce n’est pas du JSON valide \
    (erreur ligne 1, colonne 1). Téléchargez le dossier depuis le formulaire du site. S’il a été \
    modifié à la main, reprenez le fichier téléchargé.";

#[test]
fn a_file_of_another_version_is_not_a_dossier() {
    let (code, entries) = json_report(ON_TIME, &[&fixture("other-version.json")]);
    assert_eq!(code, 2);
    assert_eq!(
        entries,
        [json!({ "file": "tests/fixtures/dossiers/other-version.json", "error": OTHER_VERSION })]
    );
}

#[test]
fn a_file_that_is_not_json_is_not_a_dossier() {
    let output = check(&["--today", ON_TIME, &fixture("not-json.json")]);
    assert_eq!(code(&output), 2);
    let text = stdout(&output);
    assert!(
        text.contains(&format!(
            "Fichier\u{a0}: tests/fixtures/dossiers/not-json.json\nIllisible\u{a0}: {NOT_JSON}\n"
        )),
        "{text}"
    );
    assert!(text.ends_with(
        "Bilan\u{a0}: 1\u{a0}dossier, 0\u{a0}complet, 0\u{a0}avec erreurs, 1\u{a0}illisible.\n"
    ));
}

#[test]
fn unreadable_files_win_over_errors_and_the_others_are_still_judged() {
    let files = [
        fixture("complete.json"),
        fixture("not-json.json"),
        fixture("budget-errors.json"),
        "tests/fixtures/dossiers/absent.json".to_owned(),
    ];
    let files: Vec<&str> = files.iter().map(String::as_str).collect();
    let (code, entries) = json_report(ON_TIME, &files);
    assert_eq!(code, 2);
    let names: Vec<&str> = entries
        .iter()
        .map(|e| e["file"].as_str().unwrap())
        .collect();
    assert_eq!(names, files, "the JSON keeps the order of the command line");
    assert_eq!(entries[0]["report"]["complete"], true);
    assert_eq!(entries[1]["error"], NOT_JSON);
    assert_eq!(entries[2]["report"]["complete"], false);
    assert_eq!(
        entries[3]["error"],
        "Fichier introuvable\u{a0}: vérifiez le nom et le chemin du fichier."
    );

    let text = stdout(&check(&[&["--today", ON_TIME], &files[..]].concat()));
    assert!(text.ends_with(
        "Bilan\u{a0}: 4\u{a0}dossiers, 1\u{a0}complet, 1\u{a0}avec erreurs, 2\u{a0}illisibles.\n"
    ));
}

#[test]
fn errors_without_unreadable_files_exit_1_and_all_complete_exit_0() {
    let mixed = check(&[
        "--today",
        ON_TIME,
        &fixture("complete.json"),
        &fixture("ineligible.json"),
    ]);
    assert_eq!(code(&mixed), 1);
    let good = check(&[
        "--today",
        ON_TIME,
        &fixture("complete.json"),
        &fixture("unknown-field.json"),
    ]);
    assert_eq!(code(&good), 0);
}

#[test]
fn a_directory_is_judged_file_by_file_in_name_order() {
    let (code, entries) = json_report(ON_TIME, &[FIXTURES]);
    assert_eq!(code, 2);
    let names: Vec<&str> = entries
        .iter()
        .map(|e| e["file"].as_str().unwrap())
        .collect();
    let expected: Vec<String> = [
        "budget-errors.json",
        "complete.json",
        "ineligible.json",
        "not-json.json",
        "other-edition.json",
        "other-version.json",
        "unknown-field.json",
    ]
    .iter()
    .map(|name| fixture(name))
    .collect();
    assert_eq!(names, expected);
}

#[test]
fn the_json_report_is_stable() {
    let first = check(&["--today", ON_TIME, "--format", "json", FIXTURES]);
    let second = check(&["--today", ON_TIME, "--format", "json", FIXTURES]);
    assert_eq!(first.stdout, second.stdout);
    assert!(
        stdout(&first).starts_with("[\n  {\n    \"file\": "),
        "pretty-printed"
    );
}

#[test]
fn without_today_the_deadline_is_judged_on_the_current_day_in_paris() {
    let before = paris_today();
    let output = check(&[&fixture("complete.json")]);
    let after = paris_today();
    let text = stdout(&output);
    let shown = |date: jiff::civil::Date| {
        text.contains(&format!(
            "Date de réception retenue\u{a0}: {}\n",
            wasm_validator::fr::date(date)
        ))
    };
    assert!(shown(before) || shown(after), "{text}");
    let late = before > jiff::civil::date(2025, 6, 15);
    assert_eq!(text.contains("Envoyé à temps\u{a0}: non"), late, "{text}");
}

#[test]
fn the_edition_can_be_read_from_another_directory() {
    // A copy of the edition with a later deadline: a dossier received on the 16th is then on time.
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content");
    let source = repo_root().join(FROZEN_EDITION);
    let copy = |edition: &str| {
        std::fs::create_dir_all(content.join("data")).unwrap();
        std::fs::write(content.join("edition.toml"), edition).unwrap();
        for file in [
            "data/dac-list-2024-2025.csv",
            "data/odd.csv",
            "rules.toml",
            "call.md",
        ] {
            std::fs::copy(source.join(file), content.join(file)).unwrap();
        }
    };
    let edition = std::fs::read_to_string(source.join("edition.toml")).unwrap();
    assert!(edition.contains("deadline = \"2025-06-15\""));
    copy(&edition.replace("deadline = \"2025-06-15\"", "deadline = \"2025-06-20\""));
    let dossier = repo_root().join(fixture("complete.json"));
    let dossier = dossier.to_str().unwrap();
    let output = check_in(
        &repo_root(),
        &[
            "--content",
            content.to_str().unwrap(),
            "--today",
            "2025-06-16",
            dossier,
        ],
    );
    assert_eq!(code(&output), 0, "{}", stdout(&output));
    // Without --content, the edition is ./content: here the frozen one, with its real deadline.
    copy(&edition);
    let default = check_in(
        dir.path(),
        &["--today", "2025-06-16", "--format", "json", dossier],
    );
    assert_eq!(
        code(&default),
        1,
        "the default is ./content: {}",
        stdout(&default)
    );
    let entries: serde_json::Value = serde_json::from_slice(&default.stdout).unwrap();
    assert_eq!(rules(&entries[0]), ["submission.closed"]);
}

/// The one test of `explor check` on the repository's real `content/` (the rest use the frozen
/// edition): it loads, and the complete test dossier moved to its id and dates passes every rule on
/// its deadline and fails only the deadline the day after. No value of the year is written here, so
/// the test holds for every edition (`generator/tests/new_edition.rs` runs it on the next one).
#[test]
fn the_real_edition_accepts_the_complete_dossier_moved_to_its_dates() {
    accepts_the_complete_dossier_moved_to_its_edition(&repo_root());
}

#[test]
fn a_missing_edition_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("nowhere");
    let output = check_in(
        &repo_root(),
        &[
            "--content",
            missing.to_str().unwrap(),
            &fixture("complete.json"),
        ],
    );
    assert_eq!(code(&output), 2);
    assert_eq!(output.stdout, b"");
    assert_eq!(
        stderr(&output),
        format!(
            "explor check\u{a0}: le répertoire de l’édition «\u{a0}{}\u{a0}» est introuvable\u{a0}; \
             lancez la commande depuis la racine du projet, ou indiquez ce répertoire avec --content.\n",
            missing.display()
        )
    );
}

#[test]
fn a_broken_edition_is_refused_with_the_config_stage_s_message() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("edition.toml"), "id = \"explor-2025\"\n").unwrap();
    let content = dir.path().to_str().unwrap();
    let output = check_in(
        &repo_root(),
        &["--content", content, &fixture("complete.json")],
    );
    assert_eq!(code(&output), 2);
    assert_eq!(output.stdout, b"");
    let message = stderr(&output);
    let first =
        format!("explor check\u{a0}: impossible de lire l’édition dans «\u{a0}{content}\u{a0}».\n");
    assert!(message.starts_with(&first), "{message}");
    assert!(
        message.contains("edition.toml"),
        "the loader names the file: {message}"
    );
    assert!(
        message
            .ends_with("\nCorrigez l’édition, ou indiquez un autre répertoire avec --content.\n"),
        "{message}"
    );
}
