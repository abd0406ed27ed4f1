//! French typography on a rendered page: the one convention of [`crate::french::typeset`] (with the
//! typographic apostrophe) applied to what the reader sees — the text between tags and the few
//! attributes that the browser or the form shows as text — so that templates, data (SDG titles,
//! country names) and facts get it as the Markdown pages do. Never inside `<script>`, `<style>`,
//! code, comments or any other attribute (addresses, ids, the JSON island stay byte for byte).

use crate::markdown::typography;

/// Elements whose content is not text for the reader (raw text: never parsed for tags).
const RAW: [&str; 2] = ["script", "style"];
/// Elements whose text is shown as written (code, user input).
const VERBATIM: [&str; 5] = ["code", "pre", "kbd", "samp", "textarea"];
/// Attributes shown to the reader as text: by the browser (`title`, `alt`…) or by the form, which
/// copies them into the page (`data-label` in the recap, `data-yes`/`data-no`/`data-pending` as
/// verdicts).
pub const TEXT_ATTRIBUTES: [&str; 8] = [
    "title",
    "alt",
    "aria-label",
    "placeholder",
    "data-label",
    "data-yes",
    "data-no",
    "data-pending",
];

/// `html` with French typography set in its text and text attributes. Applying it twice changes
/// nothing. It runs over every page of the site, so what it leaves unchanged it copies without
/// allocating (most runs of text and most tags).
pub fn typeset_html(html: &str) -> String {
    let mut out = String::with_capacity(html.len() + html.len() / 32);
    let mut rest = html;
    let mut verbatim_depth = 0usize;
    while !rest.is_empty() {
        let Some(lt) = rest.find('<') else {
            push_text(&mut out, rest, verbatim_depth);
            break;
        };
        push_text(&mut out, &rest[..lt], verbatim_depth);
        rest = &rest[lt..];
        if let Some(after) = rest.strip_prefix("<!--") {
            let end = after.find("-->").map_or(rest.len(), |i| 4 + i + 3);
            out.push_str(&rest[..end]);
            rest = &rest[end..];
            continue;
        }
        let Some(tag) = Tag::read(rest) else {
            // A lone `<` in text (already escaped by Tera, so only in hand-written markup).
            out.push('<');
            rest = &rest[1..];
            continue;
        };
        tag.typeset(&rest[..tag.len], &mut out);
        rest = &rest[tag.len..];
        if tag.closing {
            if tag.is_one_of(&VERBATIM) {
                verbatim_depth = verbatim_depth.saturating_sub(1);
            }
        } else if tag.is_one_of(&RAW) {
            let end = find_ascii_ci(rest, &format!("</{}", tag.name)).unwrap_or(rest.len());
            out.push_str(&rest[..end]);
            rest = &rest[end..];
        } else if tag.is_one_of(&VERBATIM) && !tag.self_closing {
            verbatim_depth += 1;
        }
    }
    out
}

/// Typesets one run of text between tags (unless inside code).
fn push_text(out: &mut String, text: &str, verbatim_depth: usize) {
    if verbatim_depth > 0 || !may_change(text) {
        out.push_str(text);
        return;
    }
    out.push_str(&typeset_text(text));
}

/// Whether the convention could change `text`: it holds an apostrophe (or the start of an escaped
/// one), a sign that takes a space before it, or the first byte of « » ° and of the no-break space.
/// Text without any (white space between tags, most words) is left as it is.
fn may_change(text: &str) -> bool {
    text.bytes()
        .any(|b| matches!(b, b'\'' | b'&' | b';' | b'!' | b'?' | b':' | b'%' | 0xC2))
}

/// The convention on escaped text: Tera writes `'` as `&#x27;`, which is an apostrophe too. A
/// closing » that opens a run (after an inline element) gets its narrow space like any other.
fn typeset_text(text: &str) -> String {
    let unescaped = if text.contains("&#") {
        std::borrow::Cow::Owned(text.replace("&#x27;", "'").replace("&#39;", "'"))
    } else {
        std::borrow::Cow::Borrowed(text)
    };
    let set = typography(&unescaped);
    let trimmed = set.trim_start_matches([' ', '\u{a0}', '\u{202f}']);
    if trimmed.starts_with('»') {
        format!("\u{202f}{trimmed}")
    } else {
        set
    }
}

/// A tag: its name (as written), whether it closes or closes itself, and its length in bytes.
struct Tag<'a> {
    name: &'a str,
    closing: bool,
    self_closing: bool,
    len: usize,
}

impl<'a> Tag<'a> {
    /// Reads the tag at the start of `text` (which starts with `<`); `None` when it is not one.
    fn read(text: &'a str) -> Option<Tag<'a>> {
        let body = &text[1..];
        let closing = body.starts_with('/');
        let name_start = usize::from(closing);
        let named = &body[name_start..];
        let first = named.chars().next()?;
        if !(first.is_ascii_alphabetic() || (first == '!' && !closing)) {
            return None;
        }
        let name_len = named
            .bytes()
            .position(|b| !(b.is_ascii_alphanumeric() || b == b'-' || b == b'!'))
            .unwrap_or(named.len());
        let len = 1 + tag_end(body)? + 1;
        Some(Tag {
            self_closing: text[..len].ends_with("/>"),
            name: &named[..name_len],
            closing,
            len,
        })
    }

    /// Whether the tag is one of `names` (lower case), whatever the case it is written in.
    fn is_one_of(&self, names: &[&str]) -> bool {
        names.iter().any(|n| n.eq_ignore_ascii_case(self.name))
    }

    /// Pushes the tag's text `source` with its text attributes typeset.
    fn typeset(&self, source: &str, out: &mut String) {
        if self.closing {
            out.push_str(source);
            return;
        }
        let mut rest = source;
        while let Some(quote) = rest.find('"') {
            let (before, after) = rest.split_at(quote + 1);
            out.push_str(before);
            let Some(close) = after.find('"') else {
                rest = after;
                break;
            };
            let value = &after[..close];
            if TEXT_ATTRIBUTES.contains(&attribute_name(before)) && may_change(value) {
                out.push_str(&typeset_text(value));
            } else {
                out.push_str(value);
            }
            out.push('"');
            rest = &after[close + 1..];
        }
        out.push_str(rest);
    }
}

/// The name of the attribute whose value opens at the end of `before` (`… title="`).
fn attribute_name(before: &str) -> &str {
    let head = before
        .trim_end_matches('"')
        .trim_end()
        .trim_end_matches('=');
    let start = head.rfind(|c: char| c.is_whitespace()).map_or(0, |i| i + 1);
    &head[start..]
}

/// The byte index in `body` of the `>` that ends a tag, skipping quoted attribute values (the
/// delimiters are ASCII, so the bytes are scanned).
fn tag_end(body: &str) -> Option<usize> {
    let mut quote = None;
    for (i, b) in body.bytes().enumerate() {
        match (quote, b) {
            (None, b'"' | b'\'') => quote = Some(b),
            (Some(q), b) if b == q => quote = None,
            (None, b'>') => return Some(i),
            _ => {}
        }
    }
    None
}

/// Index of `needle` (ASCII) in `haystack`, ignoring ASCII case.
fn find_ascii_ci(haystack: &str, needle: &str) -> Option<usize> {
    let (h, n) = (haystack.as_bytes(), needle.as_bytes());
    (0..h.len().saturating_sub(n.len() - 1)).find(|&i| h[i..i + n.len()].eq_ignore_ascii_case(n))
}

#[cfg(test)]
mod tests {
    use super::*;

    const NB: char = '\u{a0}';
    const NN: char = '\u{202f}';

    #[test]
    fn text_gets_the_convention_and_the_apostrophe() {
        assert_eq!(
            typeset_html("<p>L'appel : oui ; non ? « clos »</p>"),
            format!("<p>L’appel{NB}: oui{NN}; non{NN}? «{NN}clos{NN}»</p>")
        );
        assert_eq!(
            typeset_html("<p>L&#x27;appel</p>"),
            "<p>L’appel</p>",
            "Tera's escaped apostrophe"
        );
    }

    #[test]
    fn a_guillemet_split_by_an_element_gets_its_spaces() {
        assert_eq!(
            typeset_html("<p>« <strong>Vérifier</strong> »</p>"),
            format!("<p>«{NN}<strong>Vérifier</strong>{NN}»</p>")
        );
    }

    #[test]
    fn scripts_code_comments_and_other_attributes_are_left_alone() {
        let html = "<script type=\"application/json\">{\"a\": \"b ; c ?\"}</script>\
                    <!-- x : y --><code>a : b</code><pre>c ; <b>d !</b></pre>\
                    <a href=\"/x?y=1 ; 2\" class=\"a : b\">e</a>";
        assert_eq!(typeset_html(html), html);
    }

    #[test]
    fn text_attributes_are_typeset_others_are_not() {
        assert_eq!(
            typeset_html("<strong data-no=\"Non : voir\" data-x=\"a : b\" title='t'>x</strong>"),
            format!("<strong data-no=\"Non{NB}: voir\" data-x=\"a : b\" title='t'>x</strong>")
        );
        assert_eq!(
            typeset_html("<p data-yes=\"oui\" data-label=\"l'a ?\">x</p>"),
            format!("<p data-yes=\"oui\" data-label=\"l’a{NN}?\">x</p>")
        );
    }

    #[test]
    fn text_passed_over_is_text_the_convention_leaves_unchanged() {
        let samples = [
            "",
            "\n    ",
            "Accueil",
            "Éligibilité des associations — été 2026",
            "a\u{202f}b",
            "L'appel",
            "L&#x27;appel",
            "L&#39;appel",
            "a ; b",
            "a : b",
            "a ! b ?",
            "50 %",
            "« x »",
            "» suite",
            "n° 3",
            "a\u{a0}: b",
        ];
        for text in samples {
            if !may_change(text) {
                assert_eq!(
                    typeset_text(text),
                    text,
                    "{text:?} is passed over but would change"
                );
            }
        }
        // Each sign the convention acts on is seen.
        for text in &samples[5..] {
            assert!(may_change(text), "{text:?}");
        }
    }

    #[test]
    fn tag_names_in_any_case_are_recognised() {
        assert_eq!(
            typeset_html("<SCRIPT>a : b</SCRIPT><PRE>c : d</PRE><p>e : f</p>"),
            format!("<SCRIPT>a : b</SCRIPT><PRE>c : d</PRE><p>e{NB}: f</p>")
        );
    }

    #[test]
    fn urls_times_and_twice_are_unchanged() {
        let html = "<p>https://example.org/a?b=c à 14:03</p>";
        assert_eq!(typeset_html(html), html);
        let once = typeset_html("<p>« Oui » : non !</p>");
        assert_eq!(typeset_html(&once), once);
    }
}
