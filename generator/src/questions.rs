//! The application form's questions as a readable list, for a browser that cannot run the form
//! (scripts off, no WebAssembly): read from the rendered form itself — its sections
//! (`data-section data-label`), its fields (`data-field … data-label`) and their hints — so that
//! the list is never typed twice and follows every change of the form.
//!
//! A page asks for the list with an empty `<ol class="questions" data-questions></ol>`; a page
//! without one is left as it is.

/// The placeholder a template writes where the list goes.
pub const PLACEHOLDER: &str = "<ol class=\"questions\" data-questions></ol>";

/// `html` with the placeholder filled with the questions of the page's `<form id="application">`.
pub fn fill(html: &str) -> String {
    let Some(at) = html.find(PLACEHOLDER) else {
        return html.to_owned();
    };
    let Some(form) = form_of(html) else {
        return html.to_owned();
    };
    let mut list = String::from("<ol class=\"questions\" data-questions>");
    for (title, fields) in sections(form) {
        list.push_str("<li><h3 class=\"questions__section\">");
        list.push_str(&title);
        list.push_str("</h3><ul>");
        for (label, hint) in fields {
            list.push_str("<li><strong>");
            list.push_str(&label);
            list.push_str("</strong>");
            if let Some(hint) = hint {
                list.push_str("<br><span class=\"questions__hint\">");
                list.push_str(&hint);
                list.push_str("</span>");
            }
            list.push_str("</li>");
        }
        list.push_str("</ul></li>");
    }
    list.push_str("</ol>");
    let mut out = String::with_capacity(html.len() + list.len());
    out.push_str(&html[..at]);
    out.push_str(&list);
    out.push_str(&html[at + PLACEHOLDER.len()..]);
    out
}

/// The text of the application form, from its start tag to its end.
fn form_of(html: &str) -> Option<&str> {
    let start = html.find("<form id=\"application\"")?;
    let end = start + html[start..].find("</form>")?;
    Some(&html[start..end])
}

/// The value of `name="…"` in the start tag that begins at `tag` (the text up to its `>`).
fn attribute(tag: &str, name: &str) -> Option<String> {
    let tag = &tag[..tag.find('>').unwrap_or(tag.len())];
    let key = format!(" {name}=\"");
    let start = tag.find(&key)? + key.len();
    let end = start + tag[start..].find('"')?;
    Some(tag[start..end].to_owned())
}

/// A section's title and its fields, each a label (already escaped HTML, as the attribute held it)
/// and its hint's inner HTML.
type Section = (String, Vec<(String, Option<String>)>);

fn sections(form: &str) -> Vec<Section> {
    let mut out: Vec<Section> = Vec::new();
    for (i, _) in form.match_indices('<') {
        let tag = &form[i..];
        let start_tag = &tag[..tag.find('>').unwrap_or(tag.len())];
        if start_tag.contains(" data-section") {
            if let Some(title) = attribute(tag, "data-label") {
                out.push((title, Vec::new()));
            }
        } else if let Some(path) = attribute(tag, "data-field") {
            // A list of lines (the budget's) is titled by its heading rather than a label.
            let Some(label) = attribute(tag, "data-label").or_else(|| heading_after(tag)) else {
                continue;
            };
            let hint = hint_of(form, &path);
            if let Some((_, fields)) = out.last_mut() {
                fields.push((label, hint));
            }
        }
    }
    out
}

/// The text of the first `<h3>` inside the element that starts `tag`, before any other field.
fn heading_after(tag: &str) -> Option<String> {
    let body = tag.find('>')? + 1;
    let next_field = tag[body..]
        .find("data-field=")
        .map_or(tag.len(), |i| i + body);
    let start = tag[..next_field].find("<h3")?;
    let inner = start + tag[start..].find('>')? + 1;
    let end = inner + tag[inner..].find("</h3>")?;
    Some(tag[inner..end].trim().to_owned())
}

/// The inner HTML of the field's hint (`<p … id="f-…-hint">…</p>`), if it has one.
fn hint_of(form: &str, path: &str) -> Option<String> {
    let id = format!(
        "id=\"{}-hint\">",
        wasm_validator::form::path::field_id(path)
    );
    let start = form.find(&id)? + id.len();
    let end = start + form[start..].find("</p>")?;
    Some(form[start..end].trim().to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_list_follows_the_form_sections_fields_and_hints() {
        let html = format!(
            "<p>avant</p>{PLACEHOLDER}<form id=\"application\" novalidate>\
             <fieldset class=\"section\" data-section data-label=\"Association\">\
             <div class=\"field\" id=\"f-applicant-name-field\" data-field=\"applicant.name\" data-label=\"Nom &amp; sigle\">\
             <p class=\"field__hint\" id=\"f-applicant-name-hint\">Tel qu’il figure <a href=\"x\">ici</a>.</p></div>\
             <div data-field=\"applicant.rna\" data-label=\"Numéro RNA\"></div></fieldset>\
             <fieldset data-section data-label=\"Budget\"><div data-field=\"budget.expenses\"><h3 class=\"t\">Dépenses</h3></div>\
             <div data-field=\"budget.none\"></div></fieldset>\
             </form>"
        );
        let filled = fill(&html);
        assert!(filled.starts_with("<p>avant</p><ol class=\"questions\" data-questions><li>"));
        assert!(filled.contains(
            "<h3 class=\"questions__section\">Association</h3><ul><li><strong>Nom &amp; sigle</strong>\
             <br><span class=\"questions__hint\">Tel qu’il figure <a href=\"x\">ici</a>.</span></li>\
             <li><strong>Numéro RNA</strong></li></ul>"
        ));
        assert!(filled
            .contains("Budget</h3><ul><li><strong>Dépenses</strong></li></ul></li></ol><form"));
    }

    #[test]
    fn a_page_without_the_placeholder_or_the_form_is_left_alone() {
        assert_eq!(fill("<p>rien</p>"), "<p>rien</p>");
        let lone = format!("{PLACEHOLDER}<p>pas de formulaire</p>");
        assert_eq!(fill(&lone), lone);
    }
}
