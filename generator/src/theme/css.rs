//! The theme's style sheets as the browser receives them: without their comments and the
//! whitespace that only lays them out for people (a third of the form's style sheet, about 2 KB
//! gzip per form page). The files in `templates/static/` keep both.

/// `css` without comments and with the whitespace that carries no meaning left out: runs of
/// whitespace become one space, none is kept beside `{ } ; ,` nor after `:`. Strings are copied as
/// written. A space before `:` stays (`.field :focus` is not `.field:focus`), as does one before
/// `(` (`and (min-width: 40rem)`).
pub fn compact(css: &str) -> String {
    let mut out = String::with_capacity(css.len());
    let mut chars = css.chars().peekable();
    let mut space = false;
    while let Some(c) = chars.next() {
        match c {
            '/' if chars.peek() == Some(&'*') => {
                chars.next();
                let mut last = ' ';
                for inner in chars.by_ref() {
                    if last == '*' && inner == '/' {
                        break;
                    }
                    last = inner;
                }
                space = true;
            }
            c if c.is_whitespace() => space = true,
            _ => {
                let tight = |ch: char| matches!(ch, '{' | '}' | ';' | ',');
                let after = out.chars().next_back();
                if space && !tight(c) && after.is_some_and(|a| !tight(a) && a != ':') {
                    out.push(' ');
                }
                space = false;
                out.push(c);
                if c == '"' || c == '\'' {
                    copy_string(c, &mut chars, &mut out);
                }
            }
        }
    }
    out
}

/// Copies a string's body and its closing `quote`, escapes included.
fn copy_string(quote: char, chars: &mut impl Iterator<Item = char>, out: &mut String) {
    let mut escaped = false;
    for c in chars.by_ref() {
        out.push(c);
        match c {
            '\\' if !escaped => escaped = true,
            c if c == quote && !escaped => return,
            _ => escaped = false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::compact;

    #[test]
    fn comments_and_layout_go_and_meaning_stays() {
        let css = "/* The form. */\n:root {\n  --error: #b3261e; /* 6.6:1 */\n}\n\n.field :focus,\n.a > .b { margin: 0 auto; }\n@media print and (min-width: 40rem) {\n  .x { content: \"a  /* b */  c\"; }\n}\n";
        assert_eq!(
            compact(css),
            ":root{--error:#b3261e;}.field :focus,.a > .b{margin:0 auto;}@media print and (min-width:40rem){.x{content:\"a  /* b */  c\";}}"
        );
    }

    #[test]
    fn strings_keep_their_escapes_and_an_open_comment_ends_the_sheet() {
        assert_eq!(
            compact("a{content:'it\\'s  /*'}"),
            "a{content:'it\\'s  /*'}"
        );
        assert_eq!(compact("a { b: c }\n/* not closed"), "a{b:c}");
        assert_eq!(
            compact("a{width:calc(1rem + 2px)}"),
            "a{width:calc(1rem + 2px)}"
        );
    }
}
