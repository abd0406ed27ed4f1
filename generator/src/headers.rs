//! `_headers`: the HTTP headers file read by Netlify, Cloudflare Pages and similar hosts.
//!
//! Each page's Content-Security-Policy is taken from the `<meta>` tag the page was rendered with, so
//! the header and the page can never disagree (the form pages allow `'wasm-unsafe-eval'`, the reading
//! pages do not). A host that reads the file also gets what a `<meta>` tag cannot say: framing
//! refused (`frame-ancestors`), no MIME sniffing, a referrer policy, and no powerful features.
//! Hosts that read no such file (GitHub Pages, plain FTP hosting) send none of these: the README says
//! what each host can do instead.

use crate::output::Output;

/// The file's name at the root of the site.
pub const HEADERS_FILE: &str = "_headers";

const META_START: &str = "<meta http-equiv=\"Content-Security-Policy\" content=\"";

/// Headers for every file. `frame-ancestors` only works as a header; a second policy adds it without
/// loosening the page's own (browsers enforce every policy they receive).
const EVERY_FILE: [(&str, &str); 5] = [
    ("Content-Security-Policy", "frame-ancestors 'none'"),
    ("X-Content-Type-Options", "nosniff"),
    ("X-Frame-Options", "DENY"),
    ("Referrer-Policy", "strict-origin-when-cross-origin"),
    (
        "Permissions-Policy",
        "camera=(), microphone=(), geolocation=()",
    ),
];

/// The `_headers` text for the pages in `output`, served under `base_path` (`/` or `/explor/`).
pub fn headers_file(output: &Output, base_path: &str) -> String {
    let mut text = String::from(
        "# En-têtes HTTP pour les hébergeurs qui lisent ce fichier (Netlify, Cloudflare Pages…).\n\
         # Produit par explor build à partir des pages elles-mêmes : ne pas modifier à la main.\n",
    );
    text.push_str(&format!("{base_path}*\n"));
    for (name, value) in EVERY_FILE {
        text.push_str(&format!("  {name}: {value}\n"));
    }
    for (path, bytes) in output.iter() {
        let Some(policy) = path
            .ends_with(".html")
            .then(|| page_policy(bytes))
            .flatten()
        else {
            continue;
        };
        for url in page_urls(path, base_path) {
            text.push_str(&format!("{url}\n  Content-Security-Policy: {policy}\n"));
        }
    }
    text
}

/// The policy of a page's `<meta>` tag (attribute values are HTML-escaped in the page), looked for
/// in the page's `<head>` only: neither the rest of the page nor its encoding is read, which kept
/// `_headers` a second full pass over every page of a large site.
fn page_policy(html: &[u8]) -> Option<String> {
    let head = &html[..memchr::memmem::find(html, b"</head>").unwrap_or(html.len())];
    let start = memchr::memmem::find(head, META_START.as_bytes())? + META_START.len();
    let end = head[start..].iter().position(|&b| b == b'"')? + start;
    let value = std::str::from_utf8(&head[start..end]).ok()?;
    Some(crate::links::decode_entities(value))
}

/// The addresses a page answers to: `appel/index.html` is `/appel/` and `/appel/index.html`.
fn page_urls(path: &str, base_path: &str) -> Vec<String> {
    let file = format!("{base_path}{path}");
    match path.strip_suffix("index.html") {
        Some(folder) => vec![format!("{base_path}{folder}"), file],
        None => vec![file],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(policy: &str) -> Vec<u8> {
        format!("<!doctype html><html><head>{META_START}{policy}\"></head></html>").into_bytes()
    }

    #[test]
    fn every_page_gets_its_own_policy_under_the_base_path() {
        let mut output = Output::default();
        output
            .add("index.html", page("default-src &#x27;self&#x27;"), "t")
            .unwrap();
        output
            .add(
                "candidature/index.html",
                page("script-src &#x27;self&#x27; &#x27;wasm-unsafe-eval&#x27;"),
                "t",
            )
            .unwrap();
        output.add("style.css", b"body{}".to_vec(), "t").unwrap();
        let text = headers_file(&output, "/explor/");
        assert!(text.contains("/explor/*\n  Content-Security-Policy: frame-ancestors 'none'\n"));
        assert!(text.contains("/explor/\n  Content-Security-Policy: default-src 'self'\n"));
        assert!(
            text.contains("/explor/index.html\n  Content-Security-Policy: default-src 'self'\n")
        );
        assert!(text.contains(
            "/explor/candidature/\n  Content-Security-Policy: script-src 'self' 'wasm-unsafe-eval'\n"
        ));
        assert!(!text.contains("style.css"));
        assert!(text.contains("  Permissions-Policy: camera=(), microphone=(), geolocation=()\n"));
        // Federated Learning of Cohorts was abandoned; browsers warn about the unknown feature.
        assert!(!text.contains("interest-cohort"), "{text}");
    }

    #[test]
    fn only_the_head_is_read_for_the_policy() {
        let mut output = Output::default();
        let mut late = b"<html><head></head><body>".to_vec();
        late.extend(page("default-src &#x27;none&#x27;"));
        output.add("late/index.html", late, "t").unwrap();
        let mut odd = page("default-src &#x27;self&#x27;");
        odd.extend([0xff, 0xfe, b'"']); // bytes after the head that are not UTF-8
        output.add("odd/index.html", odd, "t").unwrap();
        let text = headers_file(&output, "/");
        assert!(!text.contains("/late/"), "{text}");
        assert!(text.contains("/odd/\n  Content-Security-Policy: default-src 'self'\n"));
    }

    #[test]
    fn a_page_without_policy_gets_no_line() {
        let mut output = Output::default();
        output
            .add("a/index.html", b"<html></html>".to_vec(), "t")
            .unwrap();
        assert!(!headers_file(&output, "/").contains("/a/"));
    }
}
