//! The repository's real project (`content/` and `templates/`) in tests, in two ways:
//! - the checks that hold for any edition, taking every value from the project's own edition file, so
//!   that they can run on the real `content/` and on a copy moved on by `explor new-edition`;
//! - the real pages and theme with the tests' frozen 2025 edition in place of the live one, for the
//!   tests whose expectations are dates and amounts of that edition.
//!
//! It also holds the helpers the build tests share (the repository root, a copied tree, the minimal
//! fixture site with the real theme, build arguments without the form's WebAssembly), so that each test
//! file does not carry its own copy.

#![allow(dead_code)] // each test file uses its own subset

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use generator::build::{build, BuildArgs};
use walkdir::WalkDir;

pub fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// The tests' frozen edition, laid out like `content/` (`edition.toml` and `data/`).
pub fn frozen_edition() -> PathBuf {
    repo().join("tests/fixtures/editions/explor-2025")
}

pub fn copy_tree(from: &Path, to: &Path) {
    for entry in WalkDir::new(from).sort_by_file_name() {
        let entry = entry.unwrap();
        let target = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            fs::create_dir_all(&target).unwrap();
        } else {
            fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// Replaces `from` (which must be there) with `to` in a project file.
pub fn edit(root: &Path, file: &str, from: &str, to: &str) {
    let path = root.join(file);
    let text = fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "{file} does not contain {from:?}");
    fs::write(&path, text.replacen(from, to, 1)).unwrap();
}

/// The minimal fixture site (`tests/fixtures/sites/minimal`) with the real theme, in a temporary
/// folder.
pub fn minimal_site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_tree(&repo().join("templates"), &dir.path().join("templates"));
    copy_tree(&repo().join("tests/fixtures/sites/minimal"), dir.path());
    dir
}

/// The arguments of a build of `root` into `dist` without the form's WebAssembly (its own tests
/// cover it, and compiling it would dominate the tests' time).
pub fn no_wasm(root: impl Into<PathBuf>, dist: impl Into<PathBuf>) -> BuildArgs {
    BuildArgs {
        no_wasm: true,
        ..BuildArgs::new(root, dist)
    }
}

/// The real pages built with the frozen edition: the folder holds the site under `dist/`.
pub fn built_real_pages_with_the_frozen_edition() -> tempfile::TempDir {
    let project = real_pages_with_the_frozen_edition();
    let out = tempfile::tempdir().unwrap();
    let args = no_wasm(project.path(), out.path().join("dist"));
    build(&args).unwrap_or_else(|e| panic!("the real pages do not build: {e:#}"));
    out
}

/// A copy of the real project (`content/` and `templates/`) in a temporary folder.
pub fn copy_of_the_real_project() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_tree(&repo().join("content"), &dir.path().join("content"));
    copy_tree(&repo().join("templates"), &dir.path().join("templates"));
    dir
}

/// The real pages and theme with the frozen edition (and its data files) over the live one.
pub fn real_pages_with_the_frozen_edition() -> tempfile::TempDir {
    let dir = copy_of_the_real_project();
    copy_tree(&frozen_edition(), &dir.path().join("content"));
    dir
}

/// The project in `root` builds (without the form's WebAssembly, which its own tests cover), every
/// internal link and anchor of its pages resolves (the build checks them), and the home page shows
/// the title of the project's edition.
pub fn builds_and_shows_its_edition(root: &Path) {
    let edition = wasm_validator::edition::load::from_dir(&root.join("content")).unwrap();
    let out = tempfile::tempdir().unwrap();
    let args = no_wasm(root, out.path().join("dist"));
    let summary =
        build(&args).unwrap_or_else(|e| panic!("{} does not build: {e:#}", root.display()));
    assert!(summary.pages >= 5, "{summary:?}");
    let home = fs::read_to_string(out.path().join("dist/index.html")).unwrap();
    let title = format!("<h1>{}</h1>", edition.title);
    assert!(home.contains(&title), "{title} is not on the home page");
}

/// The pages of the project in `root` use facts by name: a call fact written by hand would not
/// follow the edition file, and the page could then contradict the rules of the form.
pub fn pages_write_no_call_fact_by_hand(root: &Path) {
    let content = root.join("content");
    let edition = generator::config::load_edition(&content).unwrap();
    let facts = generator::facts::Facts::from_edition(&edition);
    let plain = |text: &str| text.replace(['\u{a0}', '\u{202f}'], " ");
    let checked: Vec<(String, String)> = facts
        .map()
        .iter()
        .filter(|(name, _)| {
            [
                "dates.",
                "funding.",
                "eligibility.departements",
                "eligibility.countries_count",
                "edition.year",
            ]
            .iter()
            .any(|prefix| name.starts_with(prefix))
        })
        .map(|(name, value)| (name.clone(), plain(value)))
        .chain([(
            "dates.deadline (ISO)".to_owned(),
            edition.dates.deadline.to_string(),
        )])
        .filter(|(_, value)| value.chars().count() >= 3)
        .collect();
    assert!(checked.len() > 10, "{checked:?}");
    let mut found = Vec::new();
    for entry in WalkDir::new(content.join("pages")).sort_by_file_name() {
        let entry = entry.unwrap();
        if entry.path().extension().is_none_or(|x| x != "md") {
            continue;
        }
        let text = plain(&fs::read_to_string(entry.path()).unwrap());
        for (name, value) in &checked {
            if text.contains(value.as_str()) {
                found.push(format!(
                    "{}: « {value} » (write {{{{ {name} }}}})",
                    entry.path().display()
                ));
            }
        }
    }
    assert!(
        found.is_empty(),
        "facts written by hand:\n{}",
        found.join("\n")
    );
}

/// Every file under `dir` with its bytes, and every folder (as an empty entry ending in `/`).
pub fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    WalkDir::new(dir)
        .min_depth(1)
        .into_iter()
        .map(|e| e.unwrap())
        .map(|e| {
            let name = e.path().strip_prefix(dir).unwrap().to_string_lossy();
            if e.file_type().is_dir() {
                (format!("{name}/"), Vec::new())
            } else {
                (name.into_owned(), fs::read(e.path()).unwrap())
            }
        })
        .collect()
}
