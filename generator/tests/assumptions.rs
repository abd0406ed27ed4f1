//! What the site assumes and what the network must still provide, end to end on the real project:
//! each page shows exactly the edition's assumptions that name it, the legal notices show each
//! missing item « à compléter par le réseau » and `explor build` warns once per missing item without
//! failing, and the mission types are shown as awaiting confirmation while the edition says so.

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;
use std::process::Command;

use generator::build::build;

mod real_project;
use real_project::edit;

fn build_into(root: &Path) -> tempfile::TempDir {
    let out = tempfile::tempdir().unwrap();
    let args = real_project::no_wasm(root, out.path().join("dist"));
    build(&args).unwrap_or_else(|e| panic!("the build failed: {e:#}"));
    out
}

fn read(out: &tempfile::TempDir, page: &str) -> String {
    fs::read_to_string(out.path().join("dist").join(page)).unwrap()
}

/// Spaces as typed: the page's no-break spaces become plain ones, to compare with source text.
fn plain(text: &str) -> String {
    text.replace(['\u{a0}', '\u{202f}'], " ")
        .replace("&#x27;", "’")
}

#[test]
fn each_page_shows_exactly_the_assumptions_that_name_it() {
    let root = real_project::repo();
    let edition = wasm_validator::edition::load::from_dir(&root.join("content")).unwrap();
    assert!(
        edition.assumptions.len() >= 6,
        "the edition lists its assumptions"
    );
    let out = build_into(&root);
    for (name, file) in [
        ("index", "index.html"),
        ("appel", "appel/index.html"),
        ("candidature", "candidature/index.html"),
        ("eligibilite", "eligibilite/index.html"),
        ("pays-eligibles", "pays-eligibles/index.html"),
        ("charte", "charte/index.html"),
        ("confidentialite", "confidentialite/index.html"),
    ] {
        let html = read(&out, file);
        let shown: BTreeSet<&str> = html
            .split("id=\"hypothese-")
            .skip(1)
            .map(|rest| rest.split('"').next().unwrap())
            .collect();
        let wanted: BTreeSet<&str> = edition
            .assumptions
            .iter()
            .filter(|a| a.pages.iter().any(|p| p == name))
            .map(|a| a.id.as_str())
            .collect();
        assert_eq!(shown, wanted, "{file}");
        for a in edition
            .assumptions
            .iter()
            .filter(|a| wanted.contains(a.id.as_str()))
        {
            // The part of the text before its first fact, as written in the edition.
            let head = a.text.split("{{").next().unwrap().trim();
            assert!(plain(&html).contains(&plain(head)), "{file}: {head}");
        }
    }
}

/// Runs `explor build` on `root`; its exit code and its error output.
fn run_build(root: &Path) -> (Option<i32>, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_explor"))
        .args(["build", "--no-wasm", "--root"])
        .arg(root)
        .output()
        .unwrap();
    (
        output.status.code(),
        String::from_utf8(output.stderr).unwrap(),
    )
}

#[test]
fn missing_legal_items_are_shown_to_complete_and_warned_by_name_without_failing() {
    let project = real_project::copy_of_the_real_project();
    let root = project.path();
    let (code, stderr) = run_build(root);
    assert_eq!(code, Some(0), "{stderr}");
    let warnings: Vec<&str> = stderr
        .lines()
        .filter(|l| l.starts_with("avertissement : content/edition.toml : [legal] "))
        .collect();
    assert_eq!(warnings.len(), 4, "{stderr}");
    // The items by name are pinned in the unit test of `legal_warnings`; here, each of them reaches
    // the staff's terminal.
    let legal = wasm_validator::edition::Legal::default();
    for (key, _, _) in generator::assumptions::legal_items(&legal) {
        assert!(
            warnings
                .iter()
                .any(|w| w.contains(&format!("[legal] {key} ("))),
            "{key}: {stderr}"
        );
    }
    let page = plain(&fs::read_to_string(root.join("dist/confidentialite/index.html")).unwrap());
    assert_eq!(
        page.matches("à compléter par le réseau").count(),
        4,
        "{page}"
    );

    edit(
        root,
        "content/edition.toml",
        "host = \"\"",
        "host = \"Hébergeur Exemple, 1 rue du Port, 59000 Lille\"",
    );
    let (code, stderr) = run_build(root);
    assert_eq!(code, Some(0), "{stderr}");
    assert_eq!(stderr.matches("avertissement : ").count(), 3, "{stderr}");
    assert!(!stderr.contains("[legal] host "), "{stderr}");
    let page = plain(&fs::read_to_string(root.join("dist/confidentialite/index.html")).unwrap());
    assert!(page.contains(
        "Hébergeur (nom, adresse, téléphone) : Hébergeur Exemple, 1 rue du Port, 59000 Lille"
    ));
    assert_eq!(page.matches("à compléter par le réseau").count(), 3);
}

#[test]
fn the_mission_types_await_confirmation_while_the_edition_says_so() {
    let project = real_project::real_pages_with_the_frozen_edition();
    let root = project.path();
    let waiting = "liste en attente de confirmation par Lianes coopération";
    let out = build_into(root);
    let form = plain(&read(&out, "candidature/index.html"));
    assert!(form.contains("<legend class=\"field__label\">Type de mission (facultatif)</legend>"));
    assert!(form.contains(&format!("une hypothèse du site ({waiting})")));
    assert!(plain(&read(&out, "appel/index.html")).contains(waiting));
    assert!(plain(&read(&out, "index.html")).contains(waiting));

    edit(
        root,
        "content/edition.toml",
        "types_to_confirm = true",
        "types_to_confirm = false",
    );
    let out = build_into(root);
    let form = plain(&read(&out, "candidature/index.html"));
    assert!(form.contains("<legend class=\"field__label\">Type de mission</legend>"));
    // (The rules' sources in the page's data may speak of the site's assumptions: only the hint counts.)
    assert!(!form.contains("une hypothèse du site ("));
    for page in ["appel/index.html", "index.html"] {
        let html = plain(&read(&out, page));
        assert!(!html.contains(waiting), "{page}");
        assert!(
            html.contains("liste confirmée par Lianes coopération"),
            "{page}"
        );
    }
}
