//! The call's state on every page, decided when the site is built: the deadline at the top of each
//! page while the call is open, the call closed once the site is built after the deadline (the day
//! given by `EXPLOR_TODAY`, as tests and reproducible builds fix it).

use std::fs;
use std::path::Path;
use std::process::Command;

use walkdir::WalkDir;

mod real_project;
use real_project::real_pages_with_the_frozen_edition;

/// Builds the real pages with the frozen edition (deadline 15 June 2025) as if on `day`; every
/// page's HTML by path.
fn pages_built_on(day: &str) -> Vec<(String, String)> {
    let project = real_pages_with_the_frozen_edition();
    let out = project.path().join("dist");
    let output = Command::new(env!("CARGO_BIN_EXE_explor"))
        .args(["build", "--no-wasm", "--root"])
        .arg(project.path())
        .arg("--out")
        .arg(&out)
        .env("EXPLOR_TODAY", day)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    html_pages(&out)
}

fn html_pages(dist: &Path) -> Vec<(String, String)> {
    let pages: Vec<(String, String)> = WalkDir::new(dist)
        .sort_by_file_name()
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.path().extension().is_some_and(|x| x == "html"))
        .map(|e| {
            let name = e.path().strip_prefix(dist).unwrap().display().to_string();
            (name, fs::read_to_string(e.path()).unwrap())
        })
        .collect();
    assert!(pages.len() >= 8, "{pages:?}");
    pages
}

/// The first sentence the page shows in its header region: the call's state, before the brand.
fn first_shown_sentence(html: &str) -> String {
    let header = &html[html.find("<header").expect("a header")..];
    let open = header
        .find("id=\"call-status-open\"")
        .expect("the open line");
    let closed = header
        .find("id=\"call-status-closed\"")
        .expect("the closed line");
    let brand = header.find("class=\"brand\"").expect("the brand");
    assert!(open < brand && closed < brand, "the state comes first");
    let line = |at: usize| {
        let tag_end = at + header[at..].find('>').unwrap();
        let hidden = header[at..tag_end].contains("hidden");
        let end = tag_end + header[tag_end..].find("</p>").unwrap();
        (!hidden).then(|| header[tag_end + 1..end].to_owned())
    };
    match (line(open), line(closed)) {
        (Some(text), None) | (None, Some(text)) => text.replace(['\u{a0}', '\u{202f}'], " "),
        other => panic!("exactly one sentence must show: {other:?}"),
    }
}

#[test]
fn a_site_built_after_the_deadline_says_first_on_every_page_that_the_call_is_closed() {
    for (page, html) in pages_built_on("2025-06-16") {
        let first = first_shown_sentence(&html);
        assert!(
            first.contains("est clos.") && first.contains("15 juin 2025"),
            "{page}: {first}"
        );
        assert!(
            html.contains("id=\"call-status\" data-state=\"closed\""),
            "{page}"
        );
    }
}

#[test]
fn a_site_built_on_the_last_day_gives_the_deadline_first_on_every_page() {
    for (page, html) in pages_built_on("2025-06-15") {
        let first = first_shown_sentence(&html);
        assert!(
            first.starts_with("Candidatures jusqu’au") && first.contains("15 juin 2025"),
            "{page}: {first}"
        );
        assert!(!first.contains("clos"), "{page}: {first}");
        assert!(
            html.contains("id=\"call-status\" data-state=\"open\""),
            "{page}"
        );
    }
}

#[test]
fn a_build_day_that_is_not_a_date_is_refused_in_french() {
    let project = real_pages_with_the_frozen_edition();
    let output = Command::new(env!("CARGO_BIN_EXE_explor"))
        .args(["build", "--no-wasm", "--root"])
        .arg(project.path())
        .env("EXPLOR_TODAY", "16/06/2025")
        .output()
        .unwrap();
    assert!(!output.status.success());
    let err = String::from_utf8_lossy(&output.stderr);
    assert!(err.contains("EXPLOR_TODAY n’est pas valide"), "{err}");
}
