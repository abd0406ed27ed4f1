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
/// nothing.
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
        out.push_str(&tag.typeset(&rest[..tag.len]));
        rest = &rest[tag.len..];
        if tag.closing {
            if VERBATIM.contains(&tag.name.as_str()) {
                verbatim_depth = verbatim_depth.saturating_sub(1);
            }
        } else if RAW.contains(&tag.name.as_str()) {
            let end = find_ascii_ci(rest, &format!("</{}", tag.name)).unwrap_or(rest.len());
            out.push_str(&rest[..end]);
            rest = &rest[end..];
        } else if VERBATIM.contains(&tag.name.as_str()) && !tag.self_closing {
            verbatim_depth += 1;
        }
    }
    out
}

/// Typesets one run of text between tags (unless inside code).
fn push_text(out: &mut String, text: &str, verbatim_depth: usize) {
    if verbatim_depth > 0 || text.is_empty() {
        out.push_str(text);
        return;
    }
    out.push_str(&typeset_text(text));
}

/// The convention on escaped text: Tera writes `'` as `&#x27;`, which is an apostrophe too. A
/// closing » that opens a run (after an inline element) gets its narrow space like any other.
fn typeset_text(text: &str) -> String {
    let unescaped = text.replace("&#x27;", "'").replace("&#39;", "'");
    let set = typography(&unescaped);
    let trimmed = set.trim_start_matches([' ', '\u{a0}', '\u{202f}']);
    if trimmed.starts_with('»') {
        format!("\u{202f}{trimmed}")
    } else {
        set
    }
}

/// A tag: its name (lower case), whether it closes or closes itself, and its length in bytes.
struct Tag {
    name: String,
    closing: bool,
    self_closing: bool,
    len: usize,
}

impl Tag {
    /// Reads the tag at the start of `text` (which starts with `<`); `None` when it is not one.
    fn read(text: &str) -> Option<Tag> {
        let body = &text[1..];
        let closing = body.starts_with('/');
        let name_start = usize::from(closing);
        let first = body[name_start..].chars().next()?;
        if !(first.is_ascii_alphabetic() || (first == '!' && !closing)) {
            return None;
        }
        let name: String = body[name_start..]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '!')
            .collect::<String>()
            .to_ascii_lowercase();
        let len = 1 + tag_end(body)? + 1;
        Some(Tag {
            self_closing: text[..len].ends_with("/>"),
            name,
            closing,
            len,
        })
    }

    /// The tag's text with its text attributes typeset.
    fn typeset(&self, source: &str) -> String {
        if self.closing || !TEXT_ATTRIBUTES.iter().any(|a| source.contains(a)) {
            return source.to_owned();
        }
        let mut out = String::with_capacity(source.len() + 8);
        let mut rest = source;
        while let Some(quote) = rest.find('"') {
            let (before, after) = rest.split_at(quote + 1);
            out.push_str(before);
            let Some(close) = after.find('"') else {
                rest = after;
                break;
            };
            let value = &after[..close];
            if TEXT_ATTRIBUTES.contains(&attribute_name(before)) {
                out.push_str(&typeset_text(value));
            } else {
                out.push_str(value);
            }
            out.push('"');
            rest = &after[close + 1..];
        }
        out.push_str(rest);
        out
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

/// The byte index in `body` of the `>` that ends a tag, skipping quoted attribute values.
fn tag_end(body: &str) -> Option<usize> {
    let mut quote = None;
    for (i, c) in body.char_indices() {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None, '>') => return Some(i),
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
    fn urls_times_and_twice_are_unchanged() {
        let html = "<p>https://example.org/a?b=c à 14:03</p>";
        assert_eq!(typeset_html(html), html);
        let once = typeset_html("<p>« Oui » : non !</p>");
        assert_eq!(typeset_html(&once), once);
    }
}
