//! Stage `markdown`: turns a page's Markdown into HTML, the only module that knows pulldown-cmark.
//!
//! On the way it gives every heading an id (an explicit `{#id}` or a French-aware slug), collects the
//! table of contents, sets French typography in prose (never in code or URLs), and rewrites
//! root-relative links (`/charte/#fondements`) into page-relative ones, so the site works at any
//! sub-path of any host.

use std::collections::BTreeSet;

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
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_HEADING_ATTRIBUTES;
    let mut events = merge_text(Parser::new_ext(markdown, options));
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
    let mut taken: BTreeSet<String> = BTreeSet::new();
    // Explicit ids are reserved first, so an automatic slug never steals one written further down.
    for event in events.iter() {
        if let Event::Start(Tag::Heading { id: Some(id), .. }) = event {
            if !taken.insert(id.to_string()) {
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
            None => unique_slug(&title, &mut taken),
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

fn unique_slug(title: &str, taken: &mut BTreeSet<String>) -> String {
    let base = match french::slug(title) {
        s if s.is_empty() => "section".to_owned(),
        s => s,
    };
    let mut candidate = base.clone();
    let mut n = 2;
    while taken.contains(&candidate) {
        candidate = format!("{base}-{n}");
        n += 1;
    }
    taken.insert(candidate.clone());
    candidate
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
}
