//! A rebuild in place — the previous site in `dist/`, as a user or `explor serve` rebuilds — leaves
//! exactly what a build into an empty folder leaves, byte for byte, after any change to the pages; it
//! writes nothing when nothing changed; it restores what was removed or damaged by hand; and a write
//! that was interrupted is said, then repaired.

use std::fs;
use std::path::Path;
use std::time::{Duration, SystemTime};

use generator::build::{build, Summary};
use generator::output::MARKER;
use walkdir::WalkDir;

mod real_project;
use real_project::{minimal_site, no_wasm, snapshot};

/// The project in `root` built in place into `root/dist`.
fn rebuild(root: &Path) -> Summary {
    build(&no_wasm(root, root.join("dist"))).unwrap_or_else(|e| panic!("{e:#}"))
}

/// Asserts that `root/dist` is byte for byte what a build of the project into an empty folder gives.
fn assert_as_fresh(root: &Path, after: &str) {
    let fresh = tempfile::tempdir().unwrap();
    build(&no_wasm(root, fresh.path().join("site"))).unwrap();
    let expected = snapshot(&fresh.path().join("site"));
    let got = snapshot(&root.join("dist"));
    let differ: Vec<&String> = expected
        .keys()
        .chain(got.keys())
        .filter(|k| expected.get(*k) != got.get(*k))
        .collect();
    assert!(
        differ.is_empty(),
        "after {after}, dist/ differs from a fresh build: {differ:?}"
    );
}

const NOTES: &str = "+++\ntitle = \"Notes\"\ndescription = \"Des notes.\"\nin_nav = true\n+++\n\nUne première version.\n";

#[test]
fn a_rebuild_in_place_equals_a_fresh_build_after_every_kind_of_change() {
    let project = minimal_site();
    let root = project.path();
    let pages = root.join("content/pages");
    fs::write(pages.join("notes.md"), NOTES).unwrap();
    let first = rebuild(root);
    assert_eq!(
        first.written, first.files,
        "a first build writes every file"
    );
    assert!(snapshot(&root.join("dist")).contains_key("notes/index.html"));

    fs::write(pages.join("notes.md"), NOTES.replace("première", "seconde")).unwrap();
    let edited = rebuild(root);
    assert_as_fresh(root, "a page's text changed");
    // The page itself and the files that list every page's text or address, not the other pages.
    assert!(
        edited.written >= 1 && edited.written < first.files / 2,
        "{edited:?}"
    );

    fs::rename(pages.join("notes.md"), pages.join("carnet.md")).unwrap();
    let renamed = rebuild(root);
    assert_as_fresh(root, "a page renamed");
    assert!(!root.join("dist/notes").exists());
    assert!(renamed.removed >= 1, "{renamed:?}");

    fs::remove_file(pages.join("carnet.md")).unwrap();
    rebuild(root);
    assert_as_fresh(root, "a page removed");
    assert!(!root.join("dist/carnet").exists());
}

#[test]
fn a_rebuild_without_change_writes_no_file() {
    let project = minimal_site();
    let root = project.path();
    rebuild(root);
    // Every file dated an hour back: a file written again would carry the current time.
    let past = SystemTime::now() - Duration::from_secs(3600);
    let files: Vec<_> = WalkDir::new(root.join("dist"))
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().is_file())
        .map(|e| e.into_path())
        .collect();
    for file in &files {
        fs::File::options()
            .write(true)
            .open(file)
            .unwrap()
            .set_modified(past)
            .unwrap();
    }
    let again = rebuild(root);
    assert_eq!((again.written, again.removed), (0, 0), "{again:?}");
    assert!(again.files > 10);
    for file in &files {
        let modified = fs::metadata(file).unwrap().modified().unwrap();
        assert_eq!(modified, past, "{} was written again", file.display());
    }
    assert!(!root.join("dist").join(MARKER).exists());
}

#[test]
fn files_removed_damaged_or_added_by_hand_are_put_back_as_built() {
    let project = minimal_site();
    let root = project.path();
    rebuild(root);
    let dist = root.join("dist");
    fs::remove_file(dist.join("appel/index.html")).unwrap();
    fs::remove_dir_all(dist.join("charte")).unwrap();
    // Same size, one byte changed: only a comparison of the bytes sees it.
    let mut sitemap = fs::read(dist.join("sitemap.xml")).unwrap();
    sitemap[10] ^= 0x20;
    fs::write(dist.join("sitemap.xml"), sitemap).unwrap();
    fs::write(dist.join("brouillon.html"), "à jeter").unwrap();
    let repaired = rebuild(root);
    assert_eq!((repaired.written, repaired.removed), (3, 1), "{repaired:?}");
    assert_as_fresh(root, "files removed, damaged and added by hand");
}

#[test]
fn an_interrupted_write_is_said_and_repaired_by_the_next_build() {
    let project = minimal_site();
    let root = project.path();
    rebuild(root);
    let dist = root.join("dist");
    // What a build killed while writing leaves: its marker, a page cut short, another not yet
    // written, the new version of a third not yet renamed into place.
    fs::write(dist.join(MARKER), "").unwrap();
    let page = dist.join("appel/index.html");
    let text = fs::read(&page).unwrap();
    fs::write(&page, &text[..text.len() / 2]).unwrap();
    fs::remove_file(dist.join("charte/index.html")).unwrap();
    fs::write(dist.join("index.html.explor-new"), "<p>moitié").unwrap();
    fs::write(dist.join(".explor-tmp-index.html"), "<p>moitié").unwrap();

    let repaired = rebuild(root);
    let said: Vec<&String> = repaired
        .warnings
        .iter()
        .filter(|w| w.contains("dist"))
        .collect();
    assert_eq!(said.len(), 1, "{:?}", repaired.warnings);
    assert!(
        said[0].ends_with(" : la construction précédente s’est arrêtée pendant l’écriture du site ; explor a vérifié chaque fichier et réécrit ceux qui manquaient ou étaient incomplets."),
        "{}",
        said[0]
    );
    assert_eq!((repaired.written, repaired.removed), (2, 2), "{repaired:?}");
    assert_as_fresh(root, "an interrupted write");
    assert!(!dist.join(MARKER).exists());

    // Repaired once: the next build has nothing to say.
    let next = rebuild(root);
    assert!(
        next.warnings.iter().all(|w| !w.contains("arrêtée")),
        "{:?}",
        next.warnings
    );
}

#[test]
fn a_build_that_fails_before_writing_leaves_dist_byte_identical() {
    let project = minimal_site();
    let root = project.path();
    rebuild(root);
    let before = snapshot(&root.join("dist"));
    // The last stage before writing fails: a link to a page that does not exist.
    fs::write(
        root.join("content/pages/notes.md"),
        NOTES.replace("Une première version.", "Voir [la page](/nulle-part/)."),
    )
    .unwrap();
    let error = format!(
        "{:#}",
        build(&no_wasm(root, root.join("dist"))).expect_err("the build fails")
    );
    assert!(error.contains("nulle-part"), "{error}");
    assert_eq!(snapshot(&root.join("dist")), before, "dist/ changed");
}
