//! Stage `links`: every internal link (`href`, `src`) of every HTML file must reach a file of the
//! built site, and its `#anchor` an `id` of that page. Checked on the site in memory, before it is
//! written, so a broken link leaves the previous site in place.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap, HashSet};

use anyhow::bail;
use rayon::prelude::*;

use crate::output::Output;

/// Each HTML page's `id`s, for resolving `#anchor`s.
type Ids<'a> = HashMap<&'a str, HashSet<&'a str>>;

/// Checks `output`; `base_path` (`/`, `/explor/`) resolves the absolute paths the 404 page uses, and
/// `sources` names the source of each HTML file (`appel/index.html` → `content/pages/appel.md`).
pub fn check(
    output: &Output,
    base_path: &str,
    sources: &BTreeMap<String, String>,
) -> anyhow::Result<()> {
    // Each page is decoded and scanned once, on every core; messages keep the pages' order.
    let pages: Vec<(&str, Cow<'_, str>, Vec<String>)> = output
        .iter()
        .filter(|(p, _)| p.ends_with(".html"))
        .collect::<Vec<_>>()
        .into_par_iter()
        .map(|(page, bytes)| {
            let html = String::from_utf8_lossy(bytes);
            let ids = attribute_values(&html, &["id"]);
            (page, html, ids)
        })
        .collect();
    let ids: Ids<'_> = pages
        .iter()
        .map(|(page, _, ids)| (*page, ids.iter().map(String::as_str).collect()))
        .collect();
    let broken: Vec<String> = pages
        .par_iter()
        .flat_map_iter(|(page, html, page_ids)| {
            let from = sources
                .get(*page)
                .map_or(String::new(), |s| format!(" ({s})"));
            check_page(page, &from, html, page_ids, base_path, output, &ids)
        })
        .collect();
    if broken.is_empty() {
        Ok(())
    } else {
        bail!("{}", broken.join("\n"))
    }
}

/// The broken links of one page, and its first duplicate id; `from` names its source in messages.
fn check_page(
    page: &str,
    from: &str,
    html: &str,
    page_ids: &[String],
    base_path: &str,
    output: &Output,
    ids: &Ids<'_>,
) -> Vec<String> {
    let mut broken = Vec::new();
    if let Some(id) = first_duplicate(page_ids) {
        broken.push(format!("{page}{from} : l’identifiant id=\"{id}\" est donné deux fois ; un lien vers #{id} serait ambigu, renommez l’un des deux."));
    }
    let mut seen = HashSet::new();
    for link in attribute_values(html, &["href", "src"]) {
        if !seen.insert(link.clone()) {
            continue;
        }
        if let Err(why) = resolve(page, &link, base_path, output, ids) {
            broken.push(format!("{page}{from} : lien « {link} » cassé : {why}."));
        }
    }
    broken
}

fn first_duplicate(ids: &[String]) -> Option<&str> {
    let mut seen = HashSet::new();
    ids.iter().map(String::as_str).find(|id| !seen.insert(*id))
}

/// The decoded values of the named attributes, in document order. Attributes are found by their
/// ` name="` form, the only one the generator writes; text cannot contain it since `"` is escaped there.
fn attribute_values(html: &str, names: &[&str]) -> Vec<String> {
    let mut values = Vec::new();
    for name in names {
        let needle = format!(" {name}=\"");
        let mut rest = html;
        while let Some(i) = rest.find(&needle) {
            rest = &rest[i + needle.len()..];
            let end = rest.find('"').unwrap_or(rest.len());
            values.push(decode_entities(&rest[..end]));
            rest = &rest[end..];
        }
    }
    values
}

/// Decodes the character references Tera and pulldown-cmark write in attributes and text.
pub fn decode_entities(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    let mut rest = value;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let Some(end) = rest.find(';').filter(|&e| e <= 10) else {
            out.push('&');
            rest = &rest[1..];
            continue;
        };
        let entity = &rest[1..end];
        let decoded = match entity {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            _ => numeric_reference(entity),
        };
        match decoded {
            Some(c) => {
                out.push(c);
                rest = &rest[end + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn numeric_reference(entity: &str) -> Option<char> {
    let number = entity.strip_prefix('#')?;
    let code = match number.strip_prefix(['x', 'X']) {
        Some(hex) => u32::from_str_radix(hex, 16).ok()?,
        None => number.parse().ok()?,
    };
    char::from_u32(code)
}

/// Checks one link of `page`; `Err` says why it is broken.
fn resolve(
    page: &str,
    link: &str,
    base_path: &str,
    output: &Output,
    ids: &Ids<'_>,
) -> Result<(), String> {
    if is_external(link) {
        return Ok(());
    }
    let (path, fragment) = match link.split_once('#') {
        Some((p, f)) => (p, Some(f)),
        None => (link, None),
    };
    let path = path.split('?').next().unwrap_or("");
    let target = if path.is_empty() {
        page.to_owned()
    } else {
        target_file(page, &percent_decode(path), base_path, output)?
    };
    match fragment {
        None | Some("") => Ok(()),
        Some(fragment) => {
            let fragment = percent_decode(fragment);
            match ids.get(target.as_str()) {
                Some(found) if found.contains(fragment.as_str()) => Ok(()),
                Some(_) => Err(format!(
                    "la page {target} n’a pas d’ancre id=\"{fragment}\""
                )),
                None => Err(format!(
                    "{target} n’est pas une page HTML, l’ancre #{fragment} ne peut s’y trouver"
                )),
            }
        }
    }
}

/// Links leaving the site (any scheme, or `//host`) are not checked.
fn is_external(link: &str) -> bool {
    if link.starts_with("//") {
        return true;
    }
    let scheme_end = link.find(':');
    let path_start = link.find(['/', '?', '#']);
    match (scheme_end, path_start) {
        (Some(c), Some(p)) => c < p,
        (Some(_), None) => true,
        _ => false,
    }
}

/// The output file a relative or root-absolute `path` reaches from `page`.
fn target_file(page: &str, path: &str, base_path: &str, output: &Output) -> Result<String, String> {
    let joined = match path.strip_prefix('/') {
        Some(_) => match path.strip_prefix(base_path) {
            Some(rest) => rest.to_owned(),
            None => {
                return Err(format!(
                    "un chemin absolu doit commencer par l’adresse de base du site « {base_path} »"
                ))
            }
        },
        None => match page.rfind('/') {
            Some(i) => format!("{}{path}", &page[..=i]),
            None => path.to_owned(),
        },
    };
    let mut parts: Vec<&str> = Vec::new();
    for part in joined.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                if parts.pop().is_none() {
                    return Err("le lien sort du site".to_owned());
                }
            }
            other => parts.push(other),
        }
    }
    let file = parts.join("/");
    let as_folder = if file.is_empty() {
        "index.html".to_owned()
    } else {
        format!("{file}/index.html")
    };
    if joined.ends_with('/') || file.is_empty() {
        return output
            .contains(&as_folder)
            .then_some(as_folder)
            .ok_or_else(|| "aucune page à cette adresse".to_owned());
    }
    if output.contains(&file) {
        Ok(file)
    } else if output.contains(&as_folder) {
        Ok(as_folder)
    } else {
        Err("aucun fichier à cette adresse".to_owned())
    }
}

/// `%C3%A9` → `é`; a `%` not followed by two hex digits stays as it is.
pub(crate) fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok());
        match (bytes[i], hex.and_then(|h| u8::from_str_radix(h, 16).ok())) {
            (b'%', Some(byte)) => {
                out.push(byte);
                i += 3;
            }
            (byte, _) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site(pages: &[(&str, &str)]) -> Output {
        let mut out = Output::default();
        for (path, html) in pages {
            out.add(path, html.as_bytes().to_vec(), "t").unwrap();
        }
        out
    }

    fn errors(out: &Output) -> String {
        check(out, "/base/", &BTreeMap::new())
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default()
    }

    #[test]
    fn good_links_pass() {
        let out = site(&[
            (
                "index.html",
                r##"<a href="appel/#qui">x</a><a href="#top">t</a><p id="top"></p><img src="static/a.1.svg"><a href="mailto:a@b.c">m</a><a href="https://example.org/nope">e</a>"##,
            ),
            (
                "appel/index.html",
                r##"<h2 id="qui">Qui</h2><a href="../">home</a><a href="..&#x2F;appel&#x2F;#qui">self</a><a href="./">s</a>"##,
            ),
            ("404.html", r##"<a href="/base/appel/">appel</a>"##),
            ("static/a.1.svg", "<svg/>"),
        ]);
        assert_eq!(errors(&out), "");
    }

    #[test]
    fn broken_links_and_anchors_are_named() {
        let out = site(&[
            (
                "index.html",
                r##"<a href="apel/">x</a><a href="appel/#quoi">y</a><a href="../../x">z</a>"##,
            ),
            ("appel/index.html", r##"<h2 id="qui">Qui</h2>"##),
            ("404.html", r##"<a href="/other/">o</a>"##),
        ]);
        let mut sources = BTreeMap::new();
        sources.insert("index.html".to_owned(), "content/pages/index.md".to_owned());
        let err = check(&out, "/base/", &sources).unwrap_err().to_string();
        assert_eq!(
            err,
            "404.html : lien « /other/ » cassé : un chemin absolu doit commencer par l’adresse de base du site « /base/ ».\n\
             index.html (content/pages/index.md) : lien « apel/ » cassé : aucune page à cette adresse.\n\
             index.html (content/pages/index.md) : lien « appel/#quoi » cassé : la page appel/index.html n’a pas d’ancre id=\"quoi\".\n\
             index.html (content/pages/index.md) : lien « ../../x » cassé : le lien sort du site."
        );
    }

    #[test]
    fn a_duplicate_id_is_an_error() {
        let out = site(&[(
            "index.html",
            r#"<h2 id="a">A</h2><section id="a"></section>"#,
        )]);
        assert_eq!(errors(&out), "index.html : l’identifiant id=\"a\" est donné deux fois ; un lien vers #a serait ambigu, renommez l’un des deux.");
    }

    #[test]
    fn entities_and_percent_escapes_are_decoded() {
        assert_eq!(
            decode_entities("a&amp;b&#x2F;c&#39;d&unknown;"),
            "a&b/c'd&unknown;"
        );
        assert_eq!(percent_decode("pays%20%C3%A9ligibles"), "pays éligibles");
        assert_eq!(percent_decode("/100%"), "/100%");
        assert!(is_external("https://x") && is_external("mailto:a") && is_external("//cdn"));
        assert!(!is_external("../a:b") && !is_external("#x:y") && !is_external("a/b"));
    }
}
