//! Stage `markdown`: turns a page's Markdown into HTML, the only module that knows pulldown-cmark.
//!
//! On the way it gives every heading an id (an explicit `{#id}` or a French-aware slug), collects the
//! table of contents, sets French typography in prose (never in code or URLs), and rewrites
//! root-relative links (`/charte/#fondements`) into page-relative ones, so the site works at any
//! sub-path of any host.
//!
//! Facts reach the Markdown as opaque tokens ([`fact_token`]) and are filled in after parsing, as text
//! where they land: a fact can never open a tag, a link or a list, whatever its value.

use std::collections::{HashMap, HashSet};

use anyhow::bail;
use pulldown_cmark::{html, CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use serde::Serialize;

use crate::french;

/// A page's HTML with what templates need beside it.
#[derive(Debug, Clone, PartialEq)]
pub struct Rendered {
    pub html: String,
    /// Every second- and third-level heading, in order.
    pub toc: Vec<TocEntry>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TocEntry {
    pub id: String,
    pub title: String,
    pub level: u8,
}

/// Renders `markdown` for a page whose way back to the site root is `root` (`""`, `"../"`).
pub fn render(markdown: &str, root: &str, origin: &str) -> anyhow::Result<Rendered> {
    render_with_facts(markdown, &[], root, origin)
}

/// Marks the start of a fact's token; the private-use characters never occur in French text.
const FACT_OPEN: char = '\u{E000}';
const FACT_CLOSE: char = '\u{E001}';

/// The token standing for the `index`th value given to [`render_with_facts`]: made of characters
/// with no meaning in Markdown or HTML, so the parser keeps it whole wherever it is written.
pub fn fact_token(index: usize) -> String {
    format!("{FACT_OPEN}{index}{FACT_CLOSE}")
}

/// [`render`], with each [`fact_token`] of `markdown` replaced by its value in `facts` once the
/// Markdown is parsed: as text in prose, code, link addresses and titles, HTML-escaped in raw HTML.
pub fn render_with_facts(
    markdown: &str,
    facts: &[String],
    root: &str,
    origin: &str,
) -> anyhow::Result<Rendered> {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_HEADING_ATTRIBUTES;
    let mut events = merge_text(Parser::new_ext(markdown, options));
    if !facts.is_empty() {
        fill_facts(&mut events, facts);
    }
    typeset_prose(&mut events);
    rewrite_links(&mut events, root);
    let toc = name_headings(&mut events, origin)?;
    let mut out = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut out, events.into_iter());
    Ok(Rendered { html: out, toc })
}

/// Joins consecutive text events, which the parser may split (at `!`, `[`…), so that typography sees
/// a space and the punctuation after it together.
fn merge_text<'a>(events: impl Iterator<Item = Event<'a>>) -> Vec<Event<'a>> {
    let mut out: Vec<Event<'a>> = Vec::new();
    for event in events {
        match (out.last_mut(), event) {
            (Some(Event::Text(previous)), Event::Text(next)) => {
                let joined = format!("{previous}{next}");
                *previous = CowStr::from(joined);
            }
            (_, event) => out.push(event),
        }
    }
    out
}

/// Puts the facts' values in place of their tokens, escaped for where each one landed.
fn fill_facts(events: &mut [Event<'_>], facts: &[String]) {
    let text = |s: &mut CowStr<'_>| fill_tokens(s, facts, false);
    for event in events.iter_mut() {
        match event {
            Event::Text(s) | Event::Code(s) => text(s),
            Event::Html(s) | Event::InlineHtml(s) => fill_tokens(s, facts, true),
            Event::Start(
                Tag::Link {
                    dest_url, title, ..
                }
                | Tag::Image {
                    dest_url, title, ..
                },
            ) => {
                text(dest_url);
                text(title);
            }
            Event::Start(Tag::Heading { id: Some(id), .. }) => text(id),
            _ => {}
        }
    }
}

/// Replaces the tokens of `s`; `html` escapes the values for raw HTML.
fn fill_tokens(s: &mut CowStr<'_>, facts: &[String], html: bool) {
    if !s.contains(FACT_OPEN) {
        return;
    }
    let mut out = String::with_capacity(s.len());
    let mut rest: &str = s;
    while let Some(open) = rest.find(FACT_OPEN) {
        out.push_str(&rest[..open]);
        let after = &rest[open + FACT_OPEN.len_utf8()..];
        let value = after.find(FACT_CLOSE).and_then(|close| {
            let value = facts.get(after[..close].parse::<usize>().ok()?)?;
            Some((value, close))
        });
        match value {
            Some((value, close)) => {
                if html {
                    out.push_str(&wasm_validator::html::escape(value));
                } else {
                    out.push_str(value);
                }
                rest = &after[close + FACT_CLOSE.len_utf8()..];
            }
            None => {
                out.push(FACT_OPEN);
                rest = after;
            }
        }
    }
    out.push_str(rest);
    *s = CowStr::from(out);
}

/// `text` written so that Markdown shows it as it is inside a paragraph or a list item: the
/// characters that could start emphasis, code, a link, an HTML tag, an entity or a heading's
/// attributes are backslash-escaped, and line breaks (which could end the paragraph) become spaces.
pub fn escape_inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '!' | '&' | '~' | '|' | '{' | '}'
            | '#' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

fn typeset_prose(events: &mut [Event<'_>]) {
    let mut in_code = false;
    for event in events.iter_mut() {
        match event {
            Event::Start(Tag::CodeBlock(_)) => in_code = true,
            Event::End(TagEnd::CodeBlock) => in_code = false,
            Event::Text(text) if !in_code => *text = CowStr::from(typography(text)),
            _ => {}
        }
    }
}

/// French typography on prose: typewriter apostrophe to ’, then the one convention of
/// [`french::typeset`] (the same as the rules' messages).
pub fn typography(text: &str) -> String {
    french::typeset(&text.replace('\'', "’"))
}

/// `/charte/#x` → `{root}charte/#x`; protocol-relative (`//host`) and other links are left alone.
fn rewrite_links(events: &mut [Event<'_>], root: &str) {
    for event in events.iter_mut() {
        if let Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) = event {
            if let Some(relative) = root_relative(dest_url, root) {
                *dest_url = CowStr::from(relative);
            }
        }
    }
}

/// The page-relative form of a root-relative URL, or `None` if `url` is not root-relative.
pub fn root_relative(url: &str, root: &str) -> Option<String> {
    let rest = url.strip_prefix('/').filter(|r| !r.starts_with('/'))?;
    let joined = format!("{root}{rest}");
    Some(if joined.is_empty() || joined.starts_with('#') {
        format!("./{joined}")
    } else {
        joined
    })
}

/// Gives every heading an id and returns the table of contents.
fn name_headings(events: &mut [Event<'_>], origin: &str) -> anyhow::Result<Vec<TocEntry>> {
    let mut taken = Slugs::default();
    // Explicit ids are reserved first, so an automatic slug never steals one written further down.
    for event in events.iter() {
        if let Event::Start(Tag::Heading { id: Some(id), .. }) = event {
            if !taken.reserve(id) {
                bail!("{origin} : l’identifiant de titre « {{#{id}}} » est écrit deux fois ; chaque titre doit avoir le sien.");
            }
        }
    }
    let mut toc = Vec::new();
    for i in 0..events.len() {
        let Event::Start(Tag::Heading { level, id, .. }) = &events[i] else {
            continue;
        };
        let level = *level;
        let title = heading_text(&events[i + 1..]);
        let id = match id {
            Some(id) => id.to_string(),
            None => taken.unique(&title),
        };
        if let Event::Start(Tag::Heading { id: slot, .. }) = &mut events[i] {
            *slot = Some(CowStr::from(id.clone()));
        }
        if matches!(level, HeadingLevel::H2 | HeadingLevel::H3) {
            let level = if level == HeadingLevel::H2 { 2 } else { 3 };
            toc.push(TocEntry { id, title, level });
        }
    }
    Ok(toc)
}

/// The plain text of a heading, from the events that follow its start.
fn heading_text(events: &[Event<'_>]) -> String {
    let mut text = String::new();
    for event in events {
        match event {
            Event::End(TagEnd::Heading(_)) => break,
            Event::Text(t) | Event::Code(t) => text.push_str(t),
            Event::SoftBreak | Event::HardBreak => text.push(' '),
            _ => {}
        }
    }
    text.trim().to_owned()
}

/// The heading ids of a page. Each base slug remembers the next suffix to try, so that `n` headings
/// with the same text cost `n` lookups, not `n²/2` (20 000 identical headings took 50 s before).
#[derive(Default)]
struct Slugs {
    taken: HashSet<String>,
    next_suffix: HashMap<String, usize>,
    /// Lookups in `taken`, the work the bound on deduplication is tested with.
    lookups: usize,
}

impl Slugs {
    /// Takes `id` as written; `false` if it is already taken.
    fn reserve(&mut self, id: &str) -> bool {
        self.lookups += 1;
        self.taken.insert(id.to_owned())
    }

    /// The heading's slug, with `-2`, `-3`… after it when already taken.
    fn unique(&mut self, title: &str) -> String {
        let base = match french::slug(title) {
            s if s.is_empty() => "section".to_owned(),
            s => s,
        };
        if self.reserve(&base) {
            return base;
        }
        // A suffix found taken is never tried again for this base: the counter only moves forward.
        let next = self.next_suffix.entry(base.clone()).or_insert(2);
        loop {
            let candidate = format!("{base}-{next}");
            *next += 1;
            self.lookups += 1;
            if self.taken.insert(candidate.clone()) {
                return candidate;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn html(md: &str) -> String {
        render(md, "../", "p.md").unwrap().html
    }

    #[test]
    fn typography_sets_french_spaces_and_apostrophes() {
        assert_eq!(typography("l'appel"), "l’appel");
        assert_eq!(
            typography("Pourquoi ? Voici : oui ; non !"),
            "Pourquoi\u{202f}? Voici\u{a0}: oui\u{202f}; non\u{202f}!"
        );
        assert_eq!(typography("« zéro »"), "«\u{202f}zéro\u{202f}»");
        assert_eq!(typography("«zéro»"), "«\u{202f}zéro\u{202f}»");
        assert_eq!(
            typography("https://example.org/a?b=c 10:30"),
            "https://example.org/a?b=c 10:30"
        );
    }

    #[test]
    fn code_and_urls_keep_their_characters() {
        let out = html(
            "Voir l'[aide](https://example.org/l'aide?x=1) : `a ? b` !\n\n```\nc'est : brut\n```\n",
        );
        assert!(out.contains("Voir l’<a href=\"https://example.org/l&#x27;aide?x=1\">aide</a>\u{a0}: <code>a ? b</code>\u{202f}!"), "{out}");
        assert!(
            out.contains("<pre><code>c'est : brut\n</code></pre>"),
            "{out}"
        );
    }

    #[test]
    fn headings_get_slugs_explicit_ids_and_dedupe() {
        let r = render("# Titre\n\n## Qui peut répondre ?\n\n## Fondements {#fondements}\n\n### Qui peut répondre ?\n\n#### Bas\n", "", "p.md").unwrap();
        assert!(
            r.html
                .contains("<h2 id=\"qui-peut-repondre\">Qui peut répondre\u{202f}?</h2>"),
            "{}",
            r.html
        );
        assert!(
            r.html.contains("<h2 id=\"fondements\">Fondements</h2>"),
            "{}",
            r.html
        );
        assert!(
            r.html.contains("<h3 id=\"qui-peut-repondre-2\">"),
            "{}",
            r.html
        );
        let ids: Vec<(&str, u8)> = r.toc.iter().map(|e| (e.id.as_str(), e.level)).collect();
        assert_eq!(
            ids,
            [
                ("qui-peut-repondre", 2),
                ("fondements", 2),
                ("qui-peut-repondre-2", 3)
            ]
        );
        assert_eq!(r.toc[0].title, "Qui peut répondre\u{202f}?");
    }

    #[test]
    fn an_explicit_id_is_never_taken_by_an_earlier_slug() {
        let r = render("## Charte\n\n## Autre {#charte}\n", "", "p.md").unwrap();
        assert!(
            r.html.contains("<h2 id=\"charte-2\">Charte</h2>"),
            "{}",
            r.html
        );
        assert!(
            r.html.contains("<h2 id=\"charte\">Autre</h2>"),
            "{}",
            r.html
        );
    }

    #[test]
    fn a_duplicate_explicit_id_is_an_error() {
        let err = render("## A {#x}\n\n## B {#x}\n", "", "p.md")
            .unwrap_err()
            .to_string();
        assert_eq!(err, "p.md : l’identifiant de titre « {#x} » est écrit deux fois ; chaque titre doit avoir le sien.");
    }

    #[test]
    fn root_relative_links_become_page_relative() {
        assert!(html("[charte](/charte/#fondements)").contains("href=\"../charte/#fondements\""));
        assert!(html("[accueil](/)").contains("href=\"../\""));
        let home = render(
            "[charte](/charte/) [haut](/#top) [x](//cdn.example.org/a)",
            "",
            "p",
        )
        .unwrap()
        .html;
        assert!(home.contains("href=\"charte/\""), "{home}");
        assert!(home.contains("href=\"./#top\""), "{home}");
        assert!(home.contains("href=\"//cdn.example.org/a\""), "{home}");
        assert!(html("![logo](/logo.svg)").contains("src=\"../logo.svg\""));
    }

    #[test]
    fn identical_headings_cost_a_linear_number_of_lookups() {
        let mut slugs = Slugs::default();
        let n = 20_000;
        let ids: Vec<String> = (0..n).map(|_| slugs.unique("Même titre")).collect();
        assert_eq!(ids[0], "meme-titre");
        assert_eq!(ids[1], "meme-titre-2");
        assert_eq!(ids[n - 1], format!("meme-titre-{n}"));
        // One lookup for the base and one per suffix tried: the quadratic version made 200 million.
        assert!(slugs.lookups <= 2 * n, "{} lookups", slugs.lookups);
    }

    #[test]
    fn suffixes_written_by_hand_are_skipped_in_linear_work() {
        let mut slugs = Slugs::default();
        let mut ids = Vec::new();
        for i in 0..1000 {
            ids.push(slugs.unique("a"));
            ids.push(slugs.unique(&format!("a {}", i + 2)));
        }
        let distinct: HashSet<&String> = ids.iter().collect();
        assert_eq!(distinct.len(), ids.len());
        assert!(slugs.lookups <= 4 * ids.len(), "{} lookups", slugs.lookups);
    }

    #[test]
    fn many_identical_headings_render_with_distinct_ids() {
        let page = "## Idem\n\n".repeat(3000);
        let r = render(&page, "", "p.md").unwrap();
        assert_eq!(r.toc.len(), 3000);
        assert_eq!(r.toc[2999].id, "idem-3000");
    }

    fn with_facts(md: &str, facts: &[&str]) -> String {
        let facts: Vec<String> = facts.iter().map(|f| (*f).to_owned()).collect();
        let md = md
            .replace("{0}", &fact_token(0))
            .replace("{1}", &fact_token(1));
        render_with_facts(&md, &facts, "", "p.md").unwrap().html
    }

    #[test]
    fn facts_are_text_wherever_they_land() {
        let hostile = "</script><script>alert(1)</script> *x* [l](javascript:y) & <b>";
        let out = with_facts(
            "Par {0}.\n\n## De {0}\n\n`{0}`\n\n[{0}]({1})\n",
            &[hostile, "https://e.org/a\"b"],
        );
        assert!(!out.contains("<script>"), "{out}");
        assert!(!out.contains("<b>"), "{out}");
        assert!(!out.contains("<em>"), "{out}");
        assert!(!out.contains("href=\"javascript"), "{out}");
        assert!(out.contains("&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt; *x* [l](javascript:y) &amp; &lt;b&gt;"), "{out}");
        assert!(
            out.contains("<h2 id=\"de-script-script-alert-1-script-x-l-javascript-y-b\">"),
            "{out}"
        );
        assert!(out.contains("href=\"https://e.org/a%22b\""), "{out}");
    }

    #[test]
    fn facts_in_raw_html_are_escaped_and_lines_stay_lines() {
        let out = with_facts(
            "<p title=\"{0}\">x</p>\n\nA {1} B\n",
            &["\"><script>", "l1\n\n# l2"],
        );
        assert!(
            out.contains("<p title=\"&quot;&gt;&lt;script&gt;\">"),
            "{out}"
        );
        assert!(!out.contains("<h1>"), "{out}");
        assert!(out.contains("l1\n\n# l2"), "{out}");
    }

    #[test]
    fn escaped_inline_text_shows_as_written() {
        let text = "*a* _b_ `c` [d](e) <i> &amp; ~f~ | {#g} \\!x\n- h";
        let out = html(&format!("Texte {}", escape_inline(text)));
        assert!(
            !out.contains("<em>") && !out.contains("<code>") && !out.contains("<a "),
            "{out}"
        );
        assert!(
            out.contains("*a* _b_ `c` [d](e) &lt;i&gt; &amp;amp; ~f~ | {#g} \\!x - h"),
            "{out}"
        );
    }
}
