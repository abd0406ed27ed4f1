//! A build that fails before writing leaves the previous `dist/` exactly as it was, byte for byte; a
//! write that fails halfway names the file that could not be written, says the site is incomplete, and
//! the next build repairs it to exactly the site built. Neither leaves anything beside `dist/`.

use std::fs;
use std::path::Path;

use generator::build::build;
use generator::output::{Output, MARKER};

mod real_project;
use real_project::{minimal_site, no_wasm, snapshot};

/// Names in `dir` that a build uses for its temporary folders.
fn leftovers(dir: &Path) -> Vec<String> {
    fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".explor"))
        .collect()
}

#[test]
fn a_file_in_the_way_of_a_page_fails_the_build_and_keeps_the_previous_site() {
    let project = minimal_site();
    let root = project.path();
    let args = no_wasm(root, root.join("dist"));
    build(&args).expect("the first build");
    let before = snapshot(&root.join("dist"));
    assert!(before.contains_key("appel/index.html"));

    // A file named like a page's folder: the page appel/index.html cannot be written.
    fs::write(root.join("content/pages/appel"), "pas une page").unwrap();
    let error = format!("{:#}", build(&args).expect_err("the build fails"));
    assert!(
        error.ends_with("content/pages/appel : le fichier appel du site et le fichier appel/index.html ne peuvent pas coexister (l’un porte le nom du dossier de l’autre) ; renommez l’un des deux."),
        "{error}"
    );
    assert_eq!(snapshot(&root.join("dist")), before, "dist/ changed");
    assert_eq!(leftovers(root), Vec::<String>::new());
}

fn site(pages: &[(&str, &str)]) -> Output {
    let mut out = Output::default();
    out.add("index.html", b"<p>accueil</p>".to_vec(), "test")
        .unwrap();
    out.add("sitemap.xml", b"<urlset/>".to_vec(), "test")
        .unwrap();
    for (path, text) in pages {
        out.add(path, text.as_bytes().to_vec(), "test").unwrap();
    }
    out
}

#[test]
fn a_write_that_fails_after_many_files_is_said_and_repaired_by_the_next() {
    let dir = tempfile::tempdir().unwrap();
    let dist = dir.path().join("dist");
    site(&[("a/index.html", "un"), ("b/index.html", "deux")])
        .write_in_place(&dist)
        .unwrap();

    // Many files are written; one cannot be: its name is longer than any file system allows
    // (255 bytes).
    let long = format!("z/{}.html", "x".repeat(300));
    let mut pages: Vec<(String, String)> = (0..200)
        .map(|i| (format!("p{i:03}/index.html"), format!("page {i}")))
        .collect();
    pages.push((long.clone(), "impossible".to_owned()));
    let pages: Vec<(&str, &str)> = pages
        .iter()
        .map(|(p, t)| (p.as_str(), t.as_str()))
        .collect();
    let error = site(&pages)
        .write_in_place(&dist)
        .expect_err("the write fails")
        .to_string();
    assert!(
        error.contains(&format!("{long} : écriture impossible")),
        "{error}"
    );
    assert!(
        error.ends_with("est resté incomplet ; corrigez la cause puis relancez la construction, qui le réparera."),
        "{error}"
    );
    assert!(
        dist.join(MARKER).is_file(),
        "the interrupted write is marked"
    );
    assert_eq!(leftovers(dir.path()), Vec::<String>::new());

    // The next write says it repairs, and leaves exactly what a write into an empty folder leaves.
    let good = site(&[("a/index.html", "un"), ("c/index.html", "trois")]);
    let written = good.write_in_place(&dist).unwrap();
    assert!(written.repaired);
    let fresh = dir.path().join("fresh");
    good.write_in_place(&fresh).unwrap();
    assert_eq!(snapshot(&dist), snapshot(&fresh));
    assert!(!good.write_in_place(&dist).unwrap().repaired);
}

#[test]
fn an_out_folder_inside_a_file_fails_cleanly() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("fichier"), "texte").unwrap();
    let error = site(&[])
        .write_in_place(&dir.path().join("fichier/dist"))
        .expect_err("the write fails")
        .to_string();
    assert!(error.contains("fichier"), "{error}");
    assert_eq!(
        fs::read_to_string(dir.path().join("fichier")).unwrap(),
        "texte"
    );
}
