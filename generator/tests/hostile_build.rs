//! `explor build` against careless or hostile input (issue 13): an `--out` that names a file or the
//! project's own folders, what a killed build left, two builds writing at once, the host's own files in the output, and
//! facts of the edition written to break out of the page.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use generator::build::{build, BuildArgs};
use walkdir::WalkDir;

mod real_project;
use real_project::{edit, minimal_site, no_wasm};

fn args(root: &Path) -> BuildArgs {
    no_wasm(root, root.join("dist"))
}

fn explor_build(root: &Path, out: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_explor"))
        .args(["build", "--no-wasm", "--root"])
        .arg(root)
        .arg("--out")
        .arg(out)
        .output()
        .unwrap()
}

/// Every file under `dir` with its bytes, to show that nothing changed.
fn snapshot(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| (e.path().to_path_buf(), fs::read(e.path()).unwrap()))
        .collect()
}

#[test]
fn an_out_that_is_a_file_is_refused_and_the_file_kept() {
    let dir = minimal_site();
    let root = dir.path();
    fs::write(root.join("notes.txt"), "x").unwrap();
    for (out, kept, said) in [
        (
            root.join("notes.txt"),
            "x".to_owned(),
            "ce chemin est un fichier, pas un dossier",
        ),
        (
            root.join("content/edition.toml"),
            fs::read_to_string(root.join("content/edition.toml")).unwrap(),
            "ce dossier est dans le dossier content/ du projet",
        ),
    ] {
        let done = explor_build(root, &out);
        let stderr = String::from_utf8_lossy(&done.stderr);
        assert_eq!(done.status.code(), Some(1), "{stderr}");
        assert!(out.is_file(), "{} is no longer a file", out.display());
        assert_eq!(fs::read_to_string(&out).unwrap(), kept);
        assert!(stderr.contains(said), "{stderr}");
    }
    let done = explor_build(root, &root.join("notes.txt"));
    assert!(String::from_utf8_lossy(&done.stderr).contains(
        "notes.txt : ce chemin est un fichier, pas un dossier ; explor ne remplace jamais un fichier par le site. Choisissez avec --out un dossier"
    ));
}

#[test]
fn an_out_that_is_the_project_or_its_sources_is_refused() {
    let dir = minimal_site();
    let root = dir.path();
    let before = snapshot(root);
    let cases = [
        (root.to_path_buf(), "est le dossier du projet"),
        (root.join("content"), "est le dossier content/ du projet"),
        (
            root.join("templates"),
            "est le dossier templates/ du projet",
        ),
        (
            root.join("content/pages/site"),
            "est dans le dossier content/ du projet",
        ),
        (
            root.join("dist/../templates/x"),
            "est dans le dossier templates/ du projet",
        ),
        (root.join(".."), "contient le dossier du projet"),
    ];
    for (out, place) in cases {
        let done = explor_build(root, &out);
        let stderr = String::from_utf8_lossy(&done.stderr);
        assert_eq!(done.status.code(), Some(1), "{}: {stderr}", out.display());
        assert!(
            stderr.contains(&format!("ce dossier {place} ; explor y remplacerait tout par le site construit. Choisissez avec --out un dossier à part")),
            "{}: {stderr}",
            out.display()
        );
    }
    assert_eq!(snapshot(root), before, "the project changed");
}

#[cfg(unix)]
#[test]
fn an_out_that_is_a_link_is_refused() {
    let dir = minimal_site();
    let root = dir.path();
    let elsewhere = tempfile::tempdir().unwrap();
    std::os::unix::fs::symlink(elsewhere.path(), root.join("lien")).unwrap();
    let done = explor_build(root, &root.join("lien"));
    assert_eq!(done.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&done.stderr).contains("ce chemin est un lien symbolique"));
    assert!(fs::symlink_metadata(root.join("lien"))
        .unwrap()
        .file_type()
        .is_symlink());
}

/// The `.explor-*` entries beside the output and in it.
fn temporary(root: &Path) -> Vec<String> {
    let mut names: Vec<String> = [root, &root.join("dist")]
        .iter()
        .flat_map(|dir| fs::read_dir(dir).unwrap())
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".explor"))
        .collect();
    names.sort();
    names
}

#[test]
fn what_a_killed_build_left_is_removed_by_the_next_one() {
    let dir = minimal_site();
    let root = dir.path();
    build(&args(root)).unwrap();
    // What a build killed while writing leaves: its marker, nobody holding it, and the new version
    // of a page not yet renamed into place, in a folder of its own that is no longer produced.
    let dist = root.join("dist");
    fs::write(dist.join(".explor-ecriture"), "").unwrap();
    fs::write(dist.join("appel/.explor-tmp-index.html"), "moitié").unwrap();
    fs::create_dir_all(dist.join("ancienne-page")).unwrap();
    fs::write(dist.join("ancienne-page/.explor-tmp-index.html"), "moitié").unwrap();
    let summary = build(&args(root)).unwrap();
    assert!(summary
        .warnings
        .iter()
        .any(|w| w.contains("s’est arrêtée pendant l’écriture")));
    assert_eq!(temporary(root), Vec::<String>::new());
    assert!(!dist.join("appel/.explor-tmp-index.html").exists());
    assert!(!dist.join("ancienne-page").exists());
}

#[test]
fn a_build_waits_for_another_writing_the_same_folder() {
    let dir = minimal_site();
    let root = dir.path();
    build(&args(root)).unwrap();
    let dist = root.join("dist");
    // Another build is writing: it holds the marker locked.
    let marker = dist.join(".explor-ecriture");
    let other = fs::File::create(&marker).unwrap();
    other.lock().unwrap();
    let waiting = {
        let args = args(root);
        std::thread::spawn(move || build(&args))
    };
    // The other build writes a file, then ends as a build does: marker removed, then unlocked.
    fs::write(dist.join("autre.html"), "écrit par l’autre construction").unwrap();
    fs::remove_file(&marker).unwrap();
    drop(other);
    let summary = waiting.join().unwrap().unwrap();
    // It did not take the other's finished write for an interrupted one, and wrote after it.
    assert!(
        summary.warnings.iter().all(|w| !w.contains("arrêtée")),
        "{:?}",
        summary.warnings
    );
    assert!(!dist.join("autre.html").exists());
    assert_eq!(temporary(root), Vec::<String>::new());
}

#[test]
fn the_hosts_own_files_come_from_content_static_and_survive_every_build() {
    let dir = minimal_site();
    let root = dir.path();
    let host = root.join("content/static");
    fs::create_dir_all(host.join(".well-known")).unwrap();
    fs::write(host.join("CNAME"), "explor.example.org\n").unwrap();
    fs::write(host.join(".nojekyll"), "").unwrap();
    fs::write(
        host.join(".well-known/security.txt"),
        "Contact: mailto:x@example.org\n",
    )
    .unwrap();
    for _ in 0..2 {
        build(&args(root)).unwrap();
        let dist = root.join("dist");
        assert_eq!(
            fs::read_to_string(dist.join("CNAME")).unwrap(),
            "explor.example.org\n"
        );
        assert!(dist.join(".nojekyll").is_file());
        assert!(fs::read_to_string(dist.join(".well-known/security.txt"))
            .unwrap()
            .starts_with("Contact:"));
    }
    // A file the build makes itself cannot be replaced from there: both are named.
    fs::write(host.join("_headers"), "/*\n").unwrap();
    let err = format!("{:#}", build(&args(root)).unwrap_err());
    assert_eq!(err, "content/static/_headers : le fichier _headers du site est déjà produit par ailleurs ; renommez l’un des deux.");
}

#[test]
fn facts_are_text_in_the_pages() {
    let dir = minimal_site();
    let root = dir.path();
    let hostile = "</script><script>alert(1)</script> *gras* [lien](javascript:alert(2))";
    edit(
        root,
        "content/edition.toml",
        "name = \"Réseau d’essai\"",
        &format!("name = {}", toml::Value::from(hostile)),
    );
    build(&args(root)).unwrap();
    let pages: Vec<(PathBuf, Vec<u8>)> = snapshot(&root.join("dist"))
        .into_iter()
        .filter(|(p, _)| p.extension().is_some_and(|x| x == "html"))
        .collect();
    let mut shown = 0;
    for (path, bytes) in &pages {
        let html = String::from_utf8_lossy(bytes);
        assert!(!html.contains("<script>alert"), "{}", path.display());
        assert!(!html.contains("href=\"javascript:"), "{}", path.display());
        assert!(!html.contains("<em>gras</em>"), "{}", path.display());
        shown += html
            .matches("&lt;&#x2F;script&gt;&lt;script&gt;alert(1)&lt;&#x2F;script&gt; *gras*")
            .count()
            + html
                .matches("&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt; *gras*")
                .count();
    }
    assert!(
        shown > pages.len(),
        "the name is shown as text ({shown} times)"
    );
}

#[test]
fn an_edition_address_that_is_not_https_fails_the_build_with_its_fact_and_line() {
    let dir = minimal_site();
    let root = dir.path();
    edit(
        root,
        "content/edition.toml",
        "website = \"https://www.example.org/\"",
        "website = \"javascript:alert(1)\"",
    );
    let text = fs::read_to_string(root.join("content/edition.toml")).unwrap();
    let line = text.lines().position(|l| l.starts_with("website")).unwrap() + 1;
    let err = format!("{:#}", build(&args(root)).unwrap_err());
    assert!(
        err.starts_with(&format!(
            "content/edition.toml:{line} : organiser.website : « javascript:alert(1) » n’est pas une adresse de page web sûre ; écrivez une adresse complète qui commence par « https:// »"
        )),
        "{err}"
    );
    assert!(!root.join("dist").exists());
}

#[test]
fn a_macro_that_calls_itself_without_end_is_told_in_french_by_build() {
    let dir = minimal_site();
    let root = dir.path();
    fs::write(
        root.join("templates/boucle.html"),
        "{% macro encore(n) %}{{ self::encore(n=n+1) }}{% endmacro encore %}",
    )
    .unwrap();
    edit(
        root,
        "templates/page.html",
        "{% extends \"base.html\" %}",
        "{% extends \"base.html\" %}\n{% import \"boucle.html\" as b %}",
    );
    edit(
        root,
        "templates/page.html",
        "<h1>{{ page.title }}</h1>",
        "<h1>{{ b::encore(n=1) }}</h1>",
    );
    let done = explor_build(root, &root.join("dist"));
    let stderr = String::from_utf8_lossy(&done.stderr);
    // Not an abort (exit 134) with Rust's English message: exit 1 and what to do, in French.
    assert_eq!(done.status.code(), Some(1), "{stderr}");
    assert_eq!(
        stderr.trim_end(),
        "erreur : la construction s’est arrêtée : un gabarit s’appelle lui-même sans fin (par exemple une macro qui s’appelle elle-même sans condition d’arrêt) et a épuisé la pile. Corrigez le gabarit modifié en dernier ; l’ancien site reste en place."
    );
    assert!(!root.join("dist").exists());
}
