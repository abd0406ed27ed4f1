//! `explor check` end to end on bad input and bad usage: every case is reported in French with the
//! right exit status, and nothing panics.

mod check_support;

use check_support::*;

#[test]
fn a_huge_file_is_refused_with_its_real_size() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("enorme.json");
    let mut bytes = br#"{"format": "explor-dossier", "version": 1, "x": ""#.to_vec();
    bytes.resize(3 * 1024 * 1024, b'a');
    bytes.extend_from_slice(b"\"}");
    std::fs::write(&path, &bytes).unwrap();
    let (code, entries) = json_report(
        ON_TIME,
        &[path.to_str().unwrap(), &fixture("complete.json")],
    );
    assert_eq!(code, 2);
    assert_eq!(
        entries[0]["error"],
        "Ce fichier n’est pas un dossier EXPLOR\u{a0}: il fait 3\u{202f}145\u{202f}730 octets, alors \
         qu’un dossier en fait au plus 1\u{202f}048\u{202f}576 (1 Mio). Vérifiez que vous avez \
         choisi le bon fichier\u{a0}: un dossier téléchargé depuis le formulaire du site ne pèse que \
         quelques kilo-octets."
    );
    assert_eq!(
        entries[1]["report"]["complete"], true,
        "the next file is still judged"
    );
}

#[test]
fn a_file_that_is_not_utf8_is_not_a_dossier() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("latin1.json");
    std::fs::write(
        &path,
        b"{\"format\": \"explor-dossier\", \"name\": \"Soci\xe9t\xe9\"}",
    )
    .unwrap();
    let (code, entries) = json_report(ON_TIME, &[path.to_str().unwrap()]);
    assert_eq!(code, 2);
    let error = entries[0]["error"].as_str().unwrap();
    assert!(
        error.starts_with(
            "Ce fichier n’est pas un dossier EXPLOR\u{a0}: son texte n’est pas encodé en UTF-8"
        ),
        "{error}"
    );
}

#[test]
fn empty_and_odd_files_are_reported_not_panicked_on() {
    let dir = tempfile::tempdir().unwrap();
    let cases: [(&str, &[u8]); 5] = [
        ("vide.json", b""),
        ("liste.json", b"[1, 2, 3]"),
        (
            "tronque.json",
            b"{\"format\": \"explor-dossier\", \"version\": 1, \"applicant\": {",
        ),
        ("profond.json", &[b'['; 100_000]),
        (
            "autre-format.json",
            b"{\"format\": \"autre\", \"version\": 1}",
        ),
    ];
    let mut paths = Vec::new();
    for (name, bytes) in cases {
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        paths.push(path.to_str().unwrap().to_owned());
    }
    let args: Vec<&str> = paths.iter().map(String::as_str).collect();
    let (code, entries) = json_report(ON_TIME, &args);
    assert_eq!(code, 2);
    assert_eq!(entries.len(), 5);
    for entry in &entries {
        let error = entry["error"].as_str().unwrap_or_else(|| panic!("{entry}"));
        assert!(error.contains("dossier EXPLOR"), "{error}");
    }
}

#[test]
fn a_directory_without_json_files_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("notes.txt"), "pas un dossier").unwrap();
    std::fs::create_dir(dir.path().join("sous-dossier.json")).unwrap();
    let name = dir.path().to_str().unwrap();
    let (code, entries) = json_report(ON_TIME, &[name]);
    assert_eq!(code, 2);
    assert_eq!(
        entries,
        [serde_json::json!({
            "file": name,
            "error": "Ce répertoire ne contient aucun fichier .json\u{a0}; indiquez le répertoire \
                      où sont enregistrés les dossiers reçus."
        })]
    );
}

#[test]
fn a_directory_keeps_only_its_json_files_whatever_their_case() {
    let dir = tempfile::tempdir().unwrap();
    let dossier = complete_dossier();
    write_json(dir.path(), "B.JSON", &dossier);
    write_json(dir.path(), "a.json", &dossier);
    std::fs::write(dir.path().join("c.txt"), "texte").unwrap();
    let (code, entries) = json_report(ON_TIME, &[dir.path().to_str().unwrap()]);
    assert_eq!(code, 0);
    let names: Vec<String> = entries
        .iter()
        .map(|e| {
            let file = std::path::Path::new(e["file"].as_str().unwrap());
            file.file_name().unwrap().to_str().unwrap().to_owned()
        })
        .collect();
    assert_eq!(
        names,
        ["B.JSON", "a.json"],
        "sorted by name, as the file system spells it"
    );
}

#[test]
fn progress_goes_to_stderr_for_large_batches_only() {
    let dir = tempfile::tempdir().unwrap();
    let mut dossier = complete_dossier();
    for i in 0..21 {
        // 21 associations: the same dossier 21 times would be duplicates.
        dossier["applicant"]["name"] = format!("Association n° {i}").into();
        write_json(dir.path(), &format!("dossier-{i:02}.json"), &dossier);
    }
    let output = check(&["--today", ON_TIME, dir.path().to_str().unwrap()]);
    assert_eq!(code(&output), 0);
    let progress = stderr(&output);
    assert_eq!(
        progress,
        "10/21 dossiers vérifiés\n20/21 dossiers vérifiés\n21/21 dossiers vérifiés\n"
    );
    assert!(
        !stdout(&output).contains("dossiers vérifiés"),
        "never on stdout"
    );
    assert!(stdout(&output).ends_with(
        "Bilan\u{a0}: 21\u{a0}dossiers, 21\u{a0}complets, 0\u{a0}avec erreurs, 0\u{a0}illisible.\n"
    ));

    let small = check(&["--today", ON_TIME, FIXTURES]);
    assert_eq!(stderr(&small), "", "no progress for 7 files");
}

#[test]
fn no_file_is_a_usage_error_in_french() {
    let output = check(&[]);
    assert_eq!(code(&output), 2);
    assert_eq!(output.stdout, b"");
    assert_eq!(
        stderr(&output),
        "explor check\u{a0}: indiquez au moins un fichier de dossier (.json) ou un répertoire à \
         vérifier, par exemple\u{a0}: explor check dossiers-recus/ (aide\u{a0}: explor check --help).\n"
    );
}

#[test]
fn an_invalid_today_is_a_usage_error_in_french() {
    for bad in ["2025-02-30", "15/06/2025", "demain"] {
        let output = check(&["--today", bad, &fixture("complete.json")]);
        assert_eq!(code(&output), 2, "{bad}");
        assert_eq!(output.stdout, b"");
        assert_eq!(
            stderr(&output),
            format!(
                "explor check\u{a0}: la date «\u{a0}{bad}\u{a0}» donnée à --today n’est pas valide\u{a0}; \
                 écrivez une date du calendrier au format AAAA-MM-JJ, par exemple 2025-06-15.\n"
            )
        );
    }
}

#[test]
fn an_unknown_format_is_a_usage_error_in_french() {
    let output = check(&["--format", "xlsx", &fixture("complete.json")]);
    assert_eq!(code(&output), 2);
    assert_eq!(
        stderr(&output),
        "explor check\u{a0}: forme de rapport inconnue «\u{a0}xlsx\u{a0}»\u{a0}; choisissez text, \
         json, csv ou html.\n"
    );
}

#[test]
fn an_unknown_option_is_a_usage_error() {
    let output = check(&["--bogus", &fixture("complete.json")]);
    assert_eq!(code(&output), 2);
    assert_eq!(output.stdout, b"");
}

#[test]
fn help_is_in_french_and_documents_the_exit_statuses() {
    let output = check(&["--help"]);
    assert_eq!(code(&output), 0);
    let help = stdout(&output);
    for expected in [
        "Utilisation\u{a0}: explor check ",
        "Options\u{a0}:",
        "--today <AAAA-MM-JJ>",
        "--format <FORME>",
        "point-virgule",
        "--content <RÉPERTOIRE>",
        "--output <FICHIER>",
        "Code de sortie\u{a0}:",
        "\n  0  tous les dossiers sont complets",
        "\n  1  au moins un dossier contient une erreur",
        "\n  2  au moins un fichier est illisible",
    ] {
        assert!(
            help.contains(expected),
            "{expected:?} missing from:\n{help}"
        );
    }
    for english in ["Usage:", "Options:", "Print help", "[default:"] {
        assert!(!help.contains(english), "{english:?} in:\n{help}");
    }
}

/// A dossier received twice, as a copy in another folder or sent again with another file name:
/// each format lists it with its reason naming the first file, and counts it once.
#[test]
fn a_dossier_received_twice_is_listed_as_a_duplicate_and_counted_once() {
    let dir = tempfile::tempdir().unwrap();
    let dossier = complete_dossier();
    let first = write_json(dir.path(), "a.json", &dossier);
    std::fs::create_dir(dir.path().join("copie")).unwrap();
    let copy = write_json(&dir.path().join("copie"), "a.json", &dossier);
    let mut again = dossier.clone();
    again["applicant"]["address"]["city"] = "Roubaix".into();
    again["mission"]["title"] = "DIAGNOSTIC des besoins en eau potable de trois villages !".into();
    let resent = write_json(dir.path(), "b.json", &again);
    let files = [first.as_str(), copy.as_str(), resent.as_str()];

    let text = check(&[&["--today", ON_TIME], &files[..]].concat());
    assert_eq!(code(&text), 0, "a duplicate alone changes no exit status");
    let report = stdout(&text);
    assert!(report.contains(
        "Doublon\u{a0}: ce fichier est identique à «\u{202f}a.json\u{202f}» (mêmes octets)"
    ));
    assert!(report.contains(
        "Doublon\u{a0}: même association et même titre de mission que «\u{202f}a.json\u{202f}»"
    ));
    assert!(
        report.ends_with(
            "Bilan\u{a0}: 1\u{a0}dossier, 1\u{a0}complet, 0\u{a0}avec erreurs, 0\u{a0}illisible, \
         2\u{a0}doublons non comptés.\n"
        ),
        "{report}"
    );

    let json = check(&[&["--today", ON_TIME, "--format", "json"], &files[..]].concat());
    let entries: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    let duplicates: Vec<bool> = entries
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e.get("duplicate").is_some())
        .collect();
    assert_eq!(duplicates, [false, true, true]);

    let csv = check(&[&["--today", ON_TIME, "--format", "csv"], &files[..]].concat());
    let table = String::from_utf8(csv.stdout).unwrap();
    assert!(
        table.contains("\r\nTotal;;;;;;;;2000,00;1000,00;;;;;;;\r\n"),
        "{table}"
    );
}
