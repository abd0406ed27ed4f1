//! `explor init` for another network (issue 15, point 5): the organiser and the region given as
//! options are written into the new edition; the build warns, page by page, while the prose still
//! names the model's organiser, region or address, and stops once the pages are rewritten; wrong
//! values are refused in French with nothing written; without options the starter is unchanged.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn explor(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_explor"))
        .current_dir(dir)
        .args(args)
        .output()
        .unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn repository() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

const NAME: &str = "Réseau Bretagne Solidaire";
const REGION: &str = "Bretagne";

/// `explor init site` for a network of Bretagne, with `changed` options replaced.
fn init_bretagne(dir: &Path, changed: &[(&str, &str)]) -> Output {
    let mut options = vec![
        ("--organisateur", NAME),
        ("--courriel", "explor@bretagne.example.org"),
        ("--site-web", "https://bretagne.example.org/"),
        ("--adresse", "1 rue de la Paix, 35000 Rennes"),
        ("--region", REGION),
        ("--departement", "35:Ille-et-Vilaine:35"),
        ("--departement", "29:Finistère:29"),
    ];
    for (option, value) in changed {
        if let Some(slot) = options.iter_mut().find(|(o, _)| o == option) {
            slot.1 = value;
        }
    }
    let mut args = vec!["init", "site"];
    for (option, value) in &options {
        args.extend([*option, *value]);
    }
    explor(dir, &args)
}

/// The « à relire » warnings of a build, by the file they name.
fn leftovers(stderr: &str) -> Vec<(String, String)> {
    stderr
        .lines()
        .filter(|l| l.contains("à relire"))
        .map(|l| (l.split(':').next().unwrap().to_owned(), l.to_owned()))
        .collect()
}

#[test]
fn another_network_is_written_and_the_build_warns_page_by_page_until_its_pages_are_rewritten() {
    let dir = tempfile::tempdir().unwrap();
    let out = init_bretagne(dir.path(), &[]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let project = dir.path().join("site");
    let content = project.join("content");
    let edition = generator::config::load_edition(&content).unwrap();
    assert_eq!(edition.organiser.name, NAME);
    assert_eq!(edition.organiser.email, "explor@bretagne.example.org");
    assert_eq!(edition.organiser.website, "https://bretagne.example.org/");
    assert_eq!(edition.organiser.address, "1 rue de la Paix, 35000 Rennes");
    assert_eq!(edition.region, REGION);
    let codes: Vec<&str> = edition
        .eligibility
        .departements
        .iter()
        .map(|d| d.code.as_str())
        .collect();
    assert_eq!(codes, ["35", "29"]);
    assert!(edition.title.contains(REGION), "{}", edition.title);

    // The model's words, read from the repository's edition (the starter's), never written here.
    let model = generator::config::load_edition(&repository().join("content")).unwrap();
    let words = [
        model.organiser.name.clone(),
        model.region.clone(),
        model.organiser.address.clone(),
        model.organiser.email.clone(),
    ];
    let pages_dir = content.join("pages");
    let mut naming: Vec<String> = Vec::new();
    for entry in std::fs::read_dir(&pages_dir).unwrap() {
        let path = entry.unwrap().path();
        let page = std::fs::read_to_string(&path).unwrap().to_lowercase();
        if words.iter().any(|w| page.contains(&w.to_lowercase())) {
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            naming.push(format!("content/pages/{name}"));
        }
    }
    naming.sort();
    assert!(
        naming.contains(&"content/pages/charte.md".to_owned()),
        "{naming:?}"
    );

    let out = explor(&project, &["build"]);
    let stderr = text(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    let found = leftovers(&stderr);
    let mut warned: Vec<String> = found
        .iter()
        .map(|(file, _)| file.clone())
        .filter(|f| f.starts_with("content/pages/"))
        .collect();
    warned.sort();
    assert_eq!(warned, naming, "{stderr}");
    let charter = &found
        .iter()
        .find(|(f, _)| f == "content/pages/charte.md")
        .unwrap()
        .1;
    // The charter's first line naming the organiser is its title, line 2 of the file.
    let first = std::fs::read_to_string(pages_dir.join("charte.md"))
        .unwrap()
        .lines()
        .position(|l| l.contains(&model.organiser.name))
        .unwrap()
        + 1;
    assert!(
        charter.starts_with(&format!(
            "content/pages/charte.md:{first} : attention : cette page nomme encore « {} », l’organisateur de l’appel d’origine (lignes {first}, ",
            model.organiser.name
        )),
        "{charter}"
    );

    // The network rewrites its pages (and the edition's page on the SDGs): no warning is left.
    for page in &naming {
        let path = project.join(page);
        let rewritten = std::fs::read_to_string(&path)
            .unwrap()
            .replace(&model.organiser.name, NAME)
            .replace(&model.region, REGION);
        std::fs::write(&path, rewritten).unwrap();
    }
    let edition_file = content.join("edition.toml");
    let rewritten = std::fs::read_to_string(&edition_file)
        .unwrap()
        .replace(&model.organiser.website, "https://bretagne.example.org/");
    std::fs::write(&edition_file, rewritten).unwrap();
    let out = explor(&project, &["build"]);
    let stderr = text(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert_eq!(leftovers(&stderr), [], "{stderr}");
}

#[test]
fn init_refuses_a_wrong_email_or_departement_in_french_and_writes_nothing() {
    for (option, value, expected) in [
        (
            "--courriel",
            "explor-at-bretagne.example.org",
            "--courriel (organiser.email) : « explor-at-bretagne.example.org » n’est pas une adresse électronique",
        ),
        (
            "--departement",
            "3:Allier:03",
            "--departement (eligibility.departements) : « 3 » n’est pas un numéro de département",
        ),
        (
            "--site-web",
            "http://bretagne.example.org/",
            "commence par « https:// »",
        ),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let out = init_bretagne(dir.path(), &[(option, value)]);
        let stderr = text(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{option}: {stderr}");
        assert!(
            stderr.starts_with("erreur : rien n’a été écrit") && stderr.contains(expected),
            "{option}: {stderr}"
        );
        assert!(!dir.path().join("site").exists(), "{option}");
    }
    // An organiser given in part would leave the model's e-mail receiving the dossiers.
    let dir = tempfile::tempdir().unwrap();
    let out = explor(dir.path(), &["init", "site", "--organisateur", NAME]);
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("il manque --courriel, --site-web, --adresse"),
        "{stderr}"
    );
    assert!(!dir.path().join("site").exists());
}

#[test]
fn init_without_options_and_without_a_keyboard_writes_the_starter_as_content_is() {
    let dir = tempfile::tempdir().unwrap();
    let out = explor(dir.path(), &["init", "site"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    for file in ["content/edition.toml", "content/site.toml"] {
        assert_eq!(
            std::fs::read(dir.path().join("site").join(file)).unwrap(),
            std::fs::read(repository().join(file)).unwrap(),
            "{file}"
        );
    }
    let out = explor(&dir.path().join("site"), &["build"]);
    let stderr = text(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert_eq!(leftovers(&stderr), [], "{stderr}");
}

#[test]
fn init_help_names_the_network_options_in_french() {
    let out = explor(Path::new("."), &["init", "--help"]);
    let help = text(&out.stdout);
    assert!(out.status.success(), "{help}");
    for option in [
        "--organisateur <NOM>",
        "--courriel <ADRESSE>",
        "--site-web <ADRESSE>",
        "--adresse <ADRESSE>",
        "--region <NOM>",
        "--departement <CODE:NOM:PRÉFIXES>",
        "Affiche cette aide",
    ] {
        assert!(help.contains(option), "{option}: {help}");
    }
}
