//! The site offline: a service worker (`service-worker.js` at the site's root) that keeps the pages
//! and the form's bundle, registered by the interactive pages through a small fingerprinted script
//! (`offline.js`, in `static/` like every asset). The worker's text is `offline/worker.js`; the build
//! writes into it the files kept at installation with their content's hash, and the hash of that
//! list as its version, so two builds of the same content give the same bytes and any change in a
//! kept file gives a new worker, which browsers install. `explor serve` never lets it run: it removes
//! the registration from the pages it previews and answers the worker's address with
//! [`UNREGISTER_WORKER`].

use rayon::iter::Either;
use rayon::prelude::*;
use sha2::{Digest, Sha256};

use crate::fingerprint::{Assets, ASSETS_DIR};
use crate::output::Output;

/// The worker's file, at the site's root so that its scope is the whole site (`/` or `/explor/`).
pub const WORKER_FILE: &str = "service-worker.js";
/// The logical name of the registration script among the assets (`assets["offline.js"]`).
pub const REGISTER_ASSET: &str = "offline.js";
/// The attribute that marks the registration's `<script>` tag, which `explor serve` removes.
pub const REGISTER_MARK: &str = "data-explor-offline";
/// What `explor serve` answers at the worker's address: a worker that unregisters itself.
pub const UNREGISTER_WORKER: &str = include_str!("offline/unregister.js");

const WORKER: &str = include_str!("offline/worker.js");
const REGISTER: &str = include_str!("offline/register.js");
const VERSION_LINE: &str = "const VERSION = \"\";";
const PRECACHE_LINE: &str = "const PRECACHE = [];";
/// Reading pages kept at installation beyond the interactive ones: a large site keeps its first
/// pages (by depth, then path); the others are kept as they are visited.
const MAX_PRECACHED_PAGES: usize = 64;
/// Assets a page needs to work; images such as the social card (only read by other sites) are not
/// downloaded ahead, and are kept only if a page shows them.
const PRECACHED_ASSETS: [&str; 6] = [".css", ".js", ".wasm", ".svg", ".woff2", ".json"];

/// Adds the registration script to the assets, so that templates can load it with its integrity.
pub fn add_register(assets: &mut Assets) {
    assets.insert(REGISTER_ASSET, REGISTER.as_bytes().to_vec());
}

/// Adds the worker, its list computed from the site's files (call it once every other file is in).
pub fn add_worker(output: &mut Output, assets: &Assets) -> anyhow::Result<()> {
    let worker = worker(output, assets);
    output.add(
        WORKER_FILE,
        worker.into_bytes(),
        "generator/src/offline/worker.js",
    )
}

/// The worker's text for the files of `output`.
fn worker(output: &Output, assets: &Assets) -> String {
    let list = precache(output, assets);
    let pairs: Vec<[&str; 2]> = list.iter().map(|(p, h)| [p.as_str(), h.as_str()]).collect();
    let json = serde_json::to_string(&pairs).unwrap_or_else(|_| "[]".to_owned());
    let version = short_hash(json.as_bytes());
    WORKER
        .replacen(VERSION_LINE, &format!("const VERSION = \"{version}\";"), 1)
        .replacen(PRECACHE_LINE, &format!("const PRECACHE = {json};"), 1)
}

/// `(address relative to the worker, hash of the content)` of every file kept at installation:
/// the pages that register the worker, then the other pages up to [`MAX_PRECACHED_PAGES`], then the
/// assets those pages need, each list in a fixed order.
fn precache(output: &Output, assets: &Assets) -> Vec<(String, String)> {
    let pages = kept_pages(output, assets);
    let needed = needed_assets(output, &pages);
    pages
        .into_iter()
        .map(|(path, bytes)| (page_address(path), short_hash(bytes)))
        .chain(
            needed
                .into_iter()
                .map(|(path, bytes)| (path.to_owned(), short_hash(bytes))),
        )
        .collect()
}

/// The pages kept at installation: those that register the worker, then the reading pages by depth
/// and path, up to [`MAX_PRECACHED_PAGES`]. A page with a script that does not register the worker
/// (the staff page, with its own module) is no reading page: kept, it would have every visitor of
/// the form download that page's module at installation.
fn kept_pages<'a>(output: &'a Output, assets: &Assets) -> Vec<(&'a str, &'a [u8])> {
    let mark = assets
        .get(REGISTER_ASSET)
        .and_then(|a| a.path.rsplit('/').next())
        .map(str::to_owned);
    let registers = |bytes: &[u8]| {
        mark.as_deref()
            .is_some_and(|m| contains(bytes, m.as_bytes()))
    };
    // Every page is searched once, on every core (a large site's pages are most of the build's bytes).
    let (mut pages, mut reading): (Vec<_>, Vec<_>) = output
        .iter()
        .filter(|(path, _)| *path == "index.html" || path.ends_with("/index.html"))
        .collect::<Vec<_>>()
        .into_par_iter()
        .filter_map(|page| {
            let registering = registers(page.1);
            (registering || !contains(page.1, b"<script")).then_some((page, registering))
        })
        .partition_map(|(page, registering)| {
            if registering {
                Either::Left(page)
            } else {
                Either::Right(page)
            }
        });
    reading.sort_by_key(|(path, _)| (path.matches('/').count(), *path));
    reading.truncate(MAX_PRECACHED_PAGES);
    pages.append(&mut reading);
    pages
}

/// The files of `static/` the kept pages need: named by a page, or by a script or style sheet they
/// need (the loader names the module), of a kind a page needs to work. A module that only another
/// page loads (a staff page that does not register the worker) is not downloaded ahead.
fn needed_assets<'a>(output: &'a Output, pages: &[(&str, &'a [u8])]) -> Vec<(&'a str, &'a [u8])> {
    let prefix = format!("{ASSETS_DIR}/");
    let candidates: Vec<(&str, &[u8])> = output
        .iter()
        .filter(|(path, _)| path.starts_with(&prefix))
        .filter(|(path, _)| PRECACHED_ASSETS.iter().any(|ext| path.ends_with(ext)))
        .collect();
    let mut needed = vec![false; candidates.len()];
    let mut readers: Vec<&[u8]> = pages.iter().map(|(_, bytes)| *bytes).collect();
    while !readers.is_empty() {
        let mut next = Vec::new();
        for (at, (path, bytes)) in candidates.iter().enumerate() {
            let name = path.rsplit('/').next().unwrap_or(path).as_bytes();
            if !needed[at] && readers.iter().any(|text| contains(text, name)) {
                needed[at] = true;
                next.push(*bytes);
            }
        }
        readers = next;
    }
    candidates
        .into_iter()
        .zip(needed)
        .filter_map(|(file, keep)| keep.then_some(file))
        .collect()
}

/// `appel/index.html` is asked for as `appel/`, the home page as `./`.
fn page_address(path: &str) -> String {
    match path.strip_suffix("index.html").unwrap_or(path) {
        "" => "./".to_owned(),
        folder => folder.to_owned(),
    }
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    memchr::memmem::find(haystack, needle).is_some()
}

/// Sixteen hexadecimal digits of SHA-256: enough to tell two versions of a file apart.
fn short_hash(bytes: &[u8]) -> String {
    Sha256::digest(bytes)[..8]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// A previewed page without the registration's `<script … data-explor-offline …></script>` tag.
pub fn without_registration(html: &str) -> String {
    let mut text = html.to_owned();
    while let Some(mark) = text.find(REGISTER_MARK) {
        let start = text[..mark].rfind("<script");
        let end = text[mark..]
            .find("</script>")
            .map(|e| mark + e + "</script>".len());
        match (start, end) {
            (Some(start), Some(end)) => text.replace_range(start..end, ""),
            // A mark outside a script tag (a page quoting it): nothing to remove.
            _ => break,
        }
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A form page that loads the registration and a loader naming its module, reading pages with
    /// the style sheet, and assets no kept page needs (the social card, another page's module).
    fn site(form_text: &str) -> (Output, Assets) {
        let mut assets = Assets::default();
        add_register(&mut assets);
        let style = assets.insert("style.css", b"body{}".to_vec()).path.clone();
        assets.insert("social.png", vec![1, 2, 3]);
        let module = assets.insert("form_bg.wasm", vec![0, 1]).path.clone();
        let staff = assets.insert("staff_bg.wasm", vec![0, 2]).path.clone();
        let loader = format!("import(\"./{}\");", &module[ASSETS_DIR.len() + 1..]);
        let loader = assets.insert("loader.js", loader.into_bytes()).path.clone();
        let register = assets.get(REGISTER_ASSET).unwrap().path.clone();
        let mut output = Output::default();
        let form = format!(
            "<p>{form_text}</p><script src=\"../{loader}\"></script>\
             <script src=\"../{register}\" {REGISTER_MARK}></script>"
        );
        let mut add = |path: &str, text: String| output.add(path, text.into_bytes(), "t").unwrap();
        add("candidature/index.html", form);
        add(
            "index.html",
            format!("<link href=\"{style}\"><p>accueil</p>"),
        );
        add("appel/index.html", "<p>appel</p>".to_owned());
        // A page with its own module that does not register the worker (the staff page).
        add(
            "verification/index.html",
            format!("<script type=\"module\" src=\"../{staff}\"></script>"),
        );
        add("404.html", "<p>404</p>".to_owned());
        add("edition.json", "{}".to_owned());
        for (_, asset) in assets.iter() {
            output.add(&asset.path, asset.bytes.clone(), "t").unwrap();
        }
        (output, assets)
    }

    #[test]
    fn the_worker_keeps_the_pages_and_the_assets_they_need() {
        let (output, assets) = site("formulaire");
        let list: Vec<String> = precache(&output, &assets)
            .into_iter()
            .map(|(p, _)| p)
            .collect();
        let path = |name: &str| assets.get(name).unwrap().path.clone();
        let mut expected = vec![
            "candidature/".to_owned(),
            "./".to_owned(),
            "appel/".to_owned(),
        ];
        let mut statics = vec![
            path(REGISTER_ASSET),
            path("style.css"),
            path("loader.js"),
            path("form_bg.wasm"),
        ];
        statics.sort();
        expected.extend(statics);
        assert_eq!(list, expected);
    }

    #[test]
    fn the_worker_changes_with_the_content_and_only_with_it() {
        let (output, assets) = site("formulaire");
        let first = worker(&output, &assets);
        assert_eq!(first, worker(&site("formulaire").0, &assets));
        let second = worker(&site("formulaire modifié").0, &assets);
        assert_ne!(first, second);
        let version = |text: &str| {
            let line = text
                .lines()
                .find(|l| l.starts_with("const VERSION"))
                .unwrap();
            line.to_owned()
        };
        assert_ne!(version(&first), version(&second));
        assert!(!version(&first).contains("\"\""), "{}", version(&first));
        assert!(
            first.contains("const PRECACHE = [[\"candidature/\",\""),
            "{first}"
        );
        assert!(!first.contains(PRECACHE_LINE) && !first.contains(VERSION_LINE));
    }

    #[test]
    fn the_template_has_each_placeholder_once() {
        assert_eq!(WORKER.matches(VERSION_LINE).count(), 1);
        assert_eq!(WORKER.matches(PRECACHE_LINE).count(), 1);
    }

    #[test]
    fn the_preview_removes_only_the_registration() {
        let html = format!(
            "<head><script type=\"module\" src=\"a.js\"></script></head><body><p>x</p>\
             <script type=\"module\" src=\"../static/offline.0123456789.js\" integrity=\"sha384-x\" {REGISTER_MARK}></script></body>"
        );
        assert_eq!(
            without_registration(&html),
            "<head><script type=\"module\" src=\"a.js\"></script></head><body><p>x</p></body>"
        );
        assert_eq!(
            without_registration("<p>data-explor-offline</p>"),
            "<p>data-explor-offline</p>"
        );
    }
}
