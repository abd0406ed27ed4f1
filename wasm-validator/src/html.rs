//! A tiny typed HTML builder that escapes by construction: element and attribute names, and the few
//! fixed pieces of markup, are `&'static str` written in this crate's code; every string known only
//! at run time goes in through [`Html::text`], [`Html::user`] or an attribute's value, which escape it
//! and make its control and bidirectional characters visible ([`crate::fr::visible`]). There is no
//! method that inserts a run-time string as markup. Elements are closed by the builder itself (the
//! closure form), so the tree is always balanced.

use crate::fr;

/// An attribute: its name (fixed) and value (escaped).
pub type Attr<'a> = (&'static str, &'a str);

/// HTML being written.
#[derive(Debug, Default)]
pub struct Html {
    out: String,
}

impl Html {
    pub fn new() -> Self {
        Html::default()
    }

    /// The page's markup.
    pub fn finish(self) -> String {
        self.out
    }

    /// Fixed markup from this crate's code: a doctype, a line break, a style sheet.
    pub fn fixed(&mut self, markup: &'static str) -> &mut Self {
        self.out.push_str(markup);
        self
    }

    /// `<tag attrs>…</tag>`, the content written by `body`.
    pub fn el(
        &mut self,
        tag: &'static str,
        attrs: &[Attr],
        body: impl FnOnce(&mut Html),
    ) -> &mut Self {
        self.open(tag, attrs);
        body(self);
        self.out.push_str("</");
        self.out.push_str(tag);
        self.out.push('>');
        self
    }

    /// `<tag attrs>text</tag>`.
    pub fn leaf(&mut self, tag: &'static str, attrs: &[Attr], text: &str) -> &mut Self {
        self.el(tag, attrs, |h| {
            h.text(text);
        })
    }

    /// A void element (`<meta …>`), which has no content and no end tag.
    pub fn void(&mut self, tag: &'static str, attrs: &[Attr]) -> &mut Self {
        self.open(tag, attrs);
        self
    }

    /// Text, escaped and made visible.
    pub fn text(&mut self, text: &str) -> &mut Self {
        escape_into(&mut self.out, &fr::visible(text));
        self
    }

    /// Text that comes from a dossier or a file name, isolated in `<bdi>` so that a right-to-left
    /// name cannot reorder the words around it.
    pub fn user(&mut self, text: &str) -> &mut Self {
        self.el("bdi", &[], |h| {
            h.text(text);
        })
    }

    fn open(&mut self, tag: &'static str, attrs: &[Attr]) {
        self.out.push('<');
        self.out.push_str(tag);
        for (name, value) in attrs {
            self.out.push(' ');
            self.out.push_str(name);
            self.out.push_str("=\"");
            escape_into(&mut self.out, &fr::visible(value));
            self.out.push('"');
        }
        self.out.push('>');
    }
}

/// `text` escaped for an element's content or a quoted attribute value, as it is (no visible
/// control characters: that is [`Html`]'s choice for run-time text, not an escaper's). The product's one
/// HTML escaper: the generator uses it for the facts it puts in raw HTML and for the sitemap's XML.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    escape_into(&mut out, text);
    out
}

/// Escapes text for an element's content or a quoted attribute value.
fn escape_into(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{escape, Html};

    #[test]
    fn escape_writes_the_five_characters_as_entities_and_leaves_the_rest() {
        assert_eq!(
            escape("<a href=\"x\">l'été & co\u{1b}</a>"),
            "&lt;a href=&quot;x&quot;&gt;l&#39;été &amp; co\u{1b}&lt;/a&gt;"
        );
    }

    #[test]
    fn text_and_attribute_values_are_escaped_and_visible() {
        let mut h = Html::new();
        h.el("p", &[("title", "a\"b<c>")], |h| {
            h.text("<script>alert('x')</script> & co\u{1b}");
            h.user("\u{202e}txt.exe");
        });
        assert_eq!(
            h.finish(),
            "<p title=\"a&quot;b&lt;c&gt;\">&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; \
             &amp; co␛<bdi>\u{fffd}txt.exe</bdi></p>"
        );
    }

    #[test]
    fn elements_are_always_closed() {
        let mut h = Html::new();
        h.el("ul", &[], |h| {
            h.leaf("li", &[], "un");
            h.void("br", &[]);
        });
        assert_eq!(h.finish(), "<ul><li>un</li><br></ul>");
    }
}
