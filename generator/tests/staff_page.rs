//! The staff page (`/verification/`) as built: it provides every id, action and sentence key its
//! controller expects (`wasm_validator::form::staff::CONTRACT`), it loads the staff's module and not
//! the form's, and it stays out of the menu, the sitemap and search engines.

use std::fs;

use generator::build::build;
use wasm_validator::form::contract::attr;
use wasm_validator::form::staff::{self, CONTRACT};

mod real_project;
use real_project::{minimal_site, no_wasm, repo};

/// The built staff page and the site's home page and sitemap.
fn built() -> (String, String, String) {
    let dir = minimal_site();
    let page = "verification.md";
    fs::copy(
        repo().join("content/pages").join(page),
        dir.path().join("content/pages").join(page),
    )
    .unwrap();
    let dist = dir.path().join("dist");
    build(&no_wasm(dir.path(), &dist)).unwrap_or_else(|e| panic!("the build failed: {e:#}"));
    let read = |path: &str| fs::read_to_string(dist.join(path)).unwrap();
    (
        read("verification/index.html"),
        read("index.html"),
        read("sitemap.xml"),
    )
}

/// `name="value"` written in `html`, as the templates write attributes.
fn has(html: &str, name: &str, value: &str) -> bool {
    html.contains(&format!("{name}=\"{value}\""))
}

#[test]
fn the_staff_page_provides_what_its_controller_expects() {
    let (html, _, _) = built();
    let mut missing = Vec::new();
    if !has(&html, attr::APP, staff::APP) {
        missing.push(format!("{}=\"{}\"", attr::APP, staff::APP));
    }
    let ids = wasm_validator::form::contract::SHARED_IDS
        .iter()
        .chain(CONTRACT.ids);
    missing.extend(
        ids.filter(|id| !has(&html, "id", id))
            .map(|id| format!("id=\"{id}\"")),
    );
    missing.extend(
        CONTRACT
            .actions
            .iter()
            .filter(|a| !has(&html, attr::ACTION, a))
            .map(|a| format!("data-action=\"{a}\"")),
    );
    missing.extend(
        CONTRACT
            .texts
            .iter()
            .filter(|t| !has(&html, attr::TEXT, t))
            .map(|t| format!("data-text=\"{t}\"")),
    );
    assert!(
        missing.is_empty(),
        "verification/index.html lacks what the staff shell expects (wasm-validator/src/form/staff.rs):\n{}",
        missing.join("\n")
    );
    // Many files at once (the folder input gets `webkitdirectory` from the shell: not valid HTML).
    let files = &html[html.find("id=\"staff-files\"").unwrap()..];
    assert!(files[..files.find('>').unwrap()].contains("multiple"));
}

#[test]
fn the_staff_page_is_out_of_the_menu_the_sitemap_and_search_engines() {
    let (html, home, sitemap) = built();
    assert!(html.contains("<meta name=\"robots\" content=\"noindex\">"));
    assert!(!sitemap.contains("verification/"), "{sitemap}");
    assert!(
        sitemap.contains("<loc>"),
        "the other pages stay in the sitemap"
    );
    assert!(
        !home.contains("verification/"),
        "the home page links to the staff page"
    );
    // The staff's style sheet, not the form's module.
    assert!(html.contains("/static/staff."), "its style sheet");
    assert!(
        !home.contains("staff."),
        "the other pages load nothing of it"
    );
}
