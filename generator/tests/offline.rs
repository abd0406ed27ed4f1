//! The service worker on the real pages (generator/src/offline.rs): only the interactive pages
//! register it and widen their policy for it (`worker-src 'self'`, in the page and in `_headers`),
//! the reading pages stay without script, and the worker's bytes follow the content: identical for
//! two builds of the same content, different when a kept page changes.

mod real_project;

use std::fs;
use std::path::Path;

use generator::build::build;
use generator::offline::{REGISTER_MARK, WORKER_FILE};

fn read(dist: &Path, path: &str) -> String {
    fs::read_to_string(dist.join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The policy of a page's `<meta>` tag.
fn policy(html: &str) -> String {
    let start = html.find("Content-Security-Policy\" content=\"").unwrap() + 34;
    html[start..start + html[start..].find('"').unwrap()].to_owned()
}

#[test]
fn only_the_interactive_pages_register_the_worker_and_allow_it() {
    let out = real_project::built_real_pages_with_the_frozen_edition();
    let dist = out.path().join("dist");
    for page in ["candidature/index.html", "eligibilite/index.html"] {
        let html = read(&dist, page);
        assert_eq!(html.matches(REGISTER_MARK).count(), 1, "{page}");
        assert!(
            policy(&html).contains("; worker-src 'self';"),
            "{page}: {}",
            policy(&html)
        );
    }
    for page in ["index.html", "appel/index.html", "404.html"] {
        let html = read(&dist, page);
        assert!(!html.contains(REGISTER_MARK), "{page}");
        assert!(
            !html.contains("<script src") && !html.contains("type=\"module\""),
            "{page}"
        );
        assert!(!policy(&html).contains("worker-src"), "{page}");
    }
    let headers = read(&dist, "_headers");
    let form = headers
        .split("\n/candidature/\n")
        .nth(1)
        .and_then(|rest| rest.lines().next())
        .unwrap();
    assert!(form.contains(" worker-src 'self';"), "{form}");
    // The worker keeps the form, the reading pages and the files they need (this build has no module).
    let worker = read(&dist, WORKER_FILE);
    for kept in [
        "[\"candidature/\",",
        "[\"eligibilite/\",",
        "[\"appel/\",",
        "[\"./\",",
        "[\"static/style.",
        "[\"static/offline.",
    ] {
        assert!(worker.contains(kept), "{kept} is not kept");
    }
    // The social card is only read by other sites: not downloaded ahead.
    assert!(!worker.contains("static/social."), "{worker}");
}

#[test]
fn the_worker_changes_with_the_content_and_only_with_it() {
    let project = real_project::real_pages_with_the_frozen_edition();
    let out = tempfile::tempdir().unwrap();
    let worker_of = |dist: &str| {
        build(&real_project::no_wasm(
            project.path(),
            out.path().join(dist),
        ))
        .unwrap();
        read(&out.path().join(dist), WORKER_FILE)
    };
    let first = worker_of("a");
    assert_eq!(first, worker_of("b"), "two builds of the same content");
    real_project::edit(
        project.path(),
        "content/pages/appel.md",
        "## Préambule",
        "Une phrase de plus.\n\n## Préambule",
    );
    let changed = worker_of("c");
    assert_ne!(first, changed);
    let version = |text: &str| {
        text.lines()
            .find(|l| l.starts_with("const VERSION"))
            .map(str::to_owned)
    };
    assert_ne!(version(&first), version(&changed));
}
