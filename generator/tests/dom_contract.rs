//! The interactive pages keep the contract of the browser shell: the real templates, rendered by the
//! real build, provide every id, attribute, action, class and sentence key that
//! `wasm_validator::form::contract` lists for their controller (the shell names only those).

use std::fs;

use generator::build::build;
use wasm_validator::form::contract::{self, PageContract, PAGES};

mod real_project;
use real_project::{minimal_site, no_wasm, repo};

/// Every start tag's attributes, as `(name, value)` (value empty for a bare attribute).
fn attributes(html: &str) -> Vec<(String, String)> {
    let mut found = Vec::new();
    for tag in html.split('<').skip(1) {
        if tag.starts_with('/') || tag.starts_with('!') {
            continue;
        }
        let mut rest = tag.trim_start_matches(|c: char| c.is_ascii_alphanumeric());
        loop {
            rest = rest.trim_start();
            if rest.is_empty() || rest.starts_with('>') || rest.starts_with("/>") {
                break;
            }
            let end = rest
                .find(|c: char| c == '=' || c == '>' || c.is_whitespace())
                .unwrap_or(rest.len());
            let name = rest[..end].to_owned();
            rest = &rest[end..];
            let mut value = String::new();
            if let Some(after) = rest.strip_prefix('=') {
                let quote = after.chars().next().filter(|c| *c == '"' || *c == '\'');
                let (text, tail) = match quote {
                    Some(q) => {
                        let body = &after[1..];
                        let close = body.find(q).unwrap_or(body.len());
                        (&body[..close], &body[(close + 1).min(body.len())..])
                    }
                    None => {
                        let close = after
                            .find(|c: char| c == '>' || c.is_whitespace())
                            .unwrap_or(after.len());
                        (&after[..close], &after[close..])
                    }
                };
                value = text.to_owned();
                rest = tail;
            }
            if name.is_empty() {
                break;
            }
            found.push((name, value));
        }
    }
    found
}

/// What `contract` asks of `html` and is missing, one line each.
fn missing(contract: &PageContract, html: &str) -> Vec<String> {
    let attrs = attributes(html);
    let has = |name: &str, value: Option<&str>| {
        attrs
            .iter()
            .any(|(n, v)| n == name && value.is_none_or(|value| v == value))
    };
    let mut missing = Vec::new();
    if !has(contract::attr::APP, Some(contract.app)) {
        missing.push(format!("{}=\"{}\"", contract::attr::APP, contract.app));
    }
    let ids = [contract::id::APP]
        .iter()
        .chain(&contract::SHARED_IDS)
        .chain(contract.ids);
    missing.extend(
        ids.filter(|id| !has("id", Some(id)))
            .map(|id| format!("id=\"{id}\"")),
    );
    missing.extend(
        contract
            .attributes
            .iter()
            .filter(|a| !has(a, None))
            .map(|a| format!("an element with {a}")),
    );
    missing.extend(
        contract
            .actions
            .iter()
            .filter(|a| !has(contract::attr::ACTION, Some(a)))
            .map(|a| format!("{}=\"{a}\"", contract::attr::ACTION)),
    );
    missing.extend(
        contract
            .texts
            .iter()
            .filter(|t| !has(contract::attr::TEXT, Some(t)))
            .map(|t| format!("{}=\"{t}\"", contract::attr::TEXT)),
    );
    let has_class = |class: &str| {
        attrs
            .iter()
            .any(|(n, v)| n == "class" && v.split_whitespace().any(|c| c == class))
    };
    missing.extend(
        contract
            .classes
            .iter()
            .filter(|c| !has_class(c))
            .map(|c| format!("class {c}")),
    );
    missing
}

#[test]
fn the_attribute_reader_sees_quoted_bare_and_unquoted_attributes() {
    let attrs = attributes(r#"<p id="a" hidden data-x=1 class='k l'>text</p><br/>"#);
    let pairs: Vec<(&str, &str)> = attrs
        .iter()
        .map(|(n, v)| (n.as_str(), v.as_str()))
        .collect();
    assert_eq!(
        pairs,
        [
            ("id", "a"),
            ("hidden", ""),
            ("data-x", "1"),
            ("class", "k l")
        ]
    );
}

#[test]
fn a_page_that_lacks_an_element_is_reported() {
    let html = r#"<div id="app" data-explor-app="eligibilite"><form id="selfcheck"></form></div>"#;
    let gaps = missing(&contract::ELIGIBILITE, html);
    assert!(gaps.contains(&"id=\"verdict-list\"".to_owned()), "{gaps:?}");
    assert!(
        gaps.contains(&"data-action=\"continue\"".to_owned()),
        "{gaps:?}"
    );
    assert!(!gaps.iter().any(|g| g.contains("selfcheck")), "{gaps:?}");
}

#[test]
fn every_interactive_page_provides_what_its_controller_expects() {
    let dir = minimal_site();
    // The fixture's own form pages are plain pages: take the real ones, which use the templates.
    for page in ["candidature.md", "eligibilite.md"] {
        let from = repo().join("content/pages").join(page);
        fs::copy(&from, dir.path().join("content/pages").join(page)).unwrap();
    }
    let dist = dir.path().join("dist");
    let args = no_wasm(dir.path(), &dist);
    build(&args).unwrap_or_else(|e| panic!("the build failed: {e:#}"));
    let mut pages = 0;
    for contract in PAGES {
        let file = dist.join(contract.app).join("index.html");
        let html = fs::read_to_string(&file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        let gaps = missing(contract, &html);
        assert!(
            gaps.is_empty(),
            "{}/index.html lacks what the shell expects (wasm-validator/src/form/contract.rs):\n{}",
            contract.app,
            gaps.join("\n")
        );
        pages += 1;
    }
    assert_eq!(pages, PAGES.len());
    // The erase confirmation opens on its first action, which must be the one that erases.
    let html = fs::read_to_string(dist.join("candidature/index.html")).unwrap();
    let confirm = format!("id=\"{}\"", contract::id::ERASE_CONFIRM);
    let after = &html[html.find(&confirm).expect("the confirmation")..];
    let first = attributes(after)
        .into_iter()
        .find(|(name, _)| name == contract::attr::ACTION);
    assert_eq!(
        first.map(|(_, value)| value).as_deref(),
        Some(contract::action::ERASE_CONFIRMED)
    );
}

/// The logical name of a fingerprinted asset's file (`explor.0123456789.js` → `explor.js`).
fn logical(file: &str) -> String {
    let mut parts: Vec<&str> = file.split('.').collect();
    if parts.len() == 3 && parts[1].chars().all(|c| c.is_ascii_hexdigit()) {
        parts.remove(1);
    }
    parts.join(".")
}

/// Each form page loads its own module, glue and loader and nothing of the other's: the
/// self-check does not download the application form's controller, nor the form the self-check's.
/// And each loader fetches its own page's module.
#[test]
fn each_form_page_loads_its_own_module_only() {
    let dir = minimal_site();
    for page in ["candidature.md", "eligibilite.md"] {
        let from = repo().join("content/pages").join(page);
        fs::copy(&from, dir.path().join("content/pages").join(page)).unwrap();
    }
    let dist = dir.path().join("dist");
    // With the embedded modules this time: their tags are written only when the assets exist.
    build(&generator::build::BuildArgs::new(dir.path(), &dist))
        .unwrap_or_else(|e| panic!("the build failed: {e:#}"));
    let expected = [
        (
            "candidature",
            ["explor.js", "validator.js", "validator_bg.wasm"],
        ),
        (
            "eligibilite",
            [
                "explor-eligibilite.js",
                "eligibilite.js",
                "eligibilite_bg.wasm",
            ],
        ),
    ];
    for (page, [loader, glue, wasm]) in expected {
        let html = fs::read_to_string(dist.join(page).join("index.html")).unwrap();
        let mut loaded: Vec<(String, String)> = attributes(&html)
            .into_iter()
            .filter(|(name, _)| name == "src" || name == "href")
            .filter_map(|(_, value)| {
                let file = value.rsplit_once("static/")?.1.to_owned();
                let name = logical(&file);
                let code = name.ends_with(".wasm") || name.ends_with(".js");
                (code && name != "offline.js").then_some((name, file))
            })
            .collect();
        loaded.sort();
        let names: Vec<&str> = loaded.iter().map(|(name, _)| name.as_str()).collect();
        // The page names its loader and glue; the module is fetched by the loader (no preload:
        // templates/module-macros.html), which names its own and no other.
        let mut want = vec![loader, glue];
        want.sort_unstable();
        assert_eq!(names, want, "{page}/index.html");
        let file_of = |name: &str| &loaded.iter().find(|(n, _)| n == name).unwrap().1;
        let loader_text = fs::read_to_string(dist.join("static").join(file_of(loader))).unwrap();
        let modules: Vec<String> = fs::read_dir(dist.join("static"))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|f| f.ends_with(".wasm"))
            .collect();
        let named: Vec<String> = modules
            .iter()
            .filter(|f| loader_text.contains(f.as_str()))
            .map(|f| logical(f))
            .collect();
        assert_eq!(named, [wasm], "{page}: {loader_text}");
        assert!(
            loader_text.contains(file_of(glue).as_str()),
            "{page}: {loader_text}"
        );
    }
}
