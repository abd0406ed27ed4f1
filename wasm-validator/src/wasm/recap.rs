//! The answers to check before downloading: every answer of the form, section by section, as plain
//! text under the labels the person saw, a « Modifier » link per section, the figures and verdicts. It is read from the form itself, so a new
//! field appears in the recap without being listed here.
//!
//! Sections are the form's `[data-section]` elements (their `data-label` is the heading); answers are
//! the visible `[data-label]` wrappers inside them; a wrapper inside a budget line is labelled with
//! the line's legend too.

use super::candidature::Elements;
use super::dom::{self, Element};
use super::page::Page;
use crate::form::contract::{action, attr, class, has};

/// Rebuilds the recap's body from the form; the result section's text (figures and verdicts,
/// already up to date) is copied in.
pub fn render(page: &Page, els: &Elements) {
    let (form, body) = (&els.form, &els.recap_body);
    dom::clear(body);
    let empty = page.text("recap-empty", &[]);
    for (index, section) in dom::find_all(form, has::SECTION).into_iter().enumerate() {
        let label = dom::attr(&section, attr::LABEL).unwrap_or_default();
        heading(page, body, &section, index, &label);
        let Some(list) = dom::create("dl", "") else {
            continue;
        };
        for wrapper in dom::find_all(&section, has::LABEL) {
            if dom::closest(&wrapper, "[hidden]").is_some() {
                continue;
            }
            let mut label = dom::attr(&wrapper, attr::LABEL).unwrap_or_default();
            if let Some(legend) =
                dom::closest(&wrapper, has::LINE).and_then(|line| dom::find(&line, "legend"))
            {
                label = format!("{} – {label}", dom::text(&legend).trim());
            }
            let answer = if dom::attr(&wrapper, attr::TICK).is_some() {
                let ticked = dom::find(&wrapper, "input").is_some_and(|i| dom::is_checked(&i));
                page.text(if ticked { "recap-yes" } else { "recap-no" }, &[])
            } else {
                answer(form, &wrapper)
            };
            let answer = if answer.trim().is_empty() {
                empty.clone()
            } else {
                answer
            };
            if let (Some(dt), Some(dd)) = (dom::create("dt", &label), dom::create("dd", &answer)) {
                dom::append(&list, &dt);
                dom::append(&list, &dd);
            }
        }
        dom::append(body, &list);
    }
    copy_lines(&els.result_summary, &els.recap_result);
}

/// A section's heading and its « Modifier » link, which takes the focus back to the section (given
/// an id and made focusable here if the form has not).
fn heading(page: &Page, body: &Element, section: &Element, index: usize, label: &str) {
    let id = dom::attr(section, "id").unwrap_or_else(|| {
        let id = format!("partie-{}", index + 1);
        dom::set_attr(section, "id", &id);
        id
    });
    dom::set_attr(section, "tabindex", "-1");
    let (Some(head), Some(title), Some(link), Some(hidden)) = (
        dom::create("div", ""),
        dom::create("h3", label),
        dom::create("a", &page.text("recap-edit", &[])),
        dom::create("span", &format!(" : {label}")),
    ) else {
        return;
    };
    dom::set_attr(&head, "class", class::RECAP_HEAD);
    dom::set_attr(&link, "href", &format!("#{id}"));
    dom::set_attr(&link, attr::ACTION, action::FOCUS_FIELD);
    dom::set_attr(&hidden, "class", class::VISUALLY_HIDDEN);
    dom::append(&link, &hidden);
    dom::append(&head, &title);
    dom::append(&head, &link);
    dom::append(body, &head);
}

/// The answer held by the controls of `wrapper`, as a person would read it: the text typed, the
/// option chosen, the labels of the boxes ticked.
fn answer(form: &Element, wrapper: &Element) -> String {
    let mut parts = Vec::new();
    for control in dom::find_all(wrapper, "input, select, textarea") {
        if dom::is_choice(&control) {
            if dom::is_checked(&control) {
                let id = dom::attr(&control, "id").unwrap_or_default();
                if let Some(label) = dom::find(form, &format!("label[for=\"{id}\"]")) {
                    parts.push(dom::text(&label).trim().to_owned());
                }
            }
        } else if dom::tag(&control) == "select" {
            let chosen = dom::value(&control).unwrap_or_default();
            if !chosen.is_empty() {
                parts.extend(dom::selected_text(&control));
            }
        } else {
            parts.extend(dom::value(&control));
        }
    }
    parts.retain(|p| !p.trim().is_empty());
    // The one convention: a narrow no-break space before the semicolon.
    parts.join("\u{202f}; ")
}

/// Copies the text of `from`'s recap lines into `to` (one paragraph per line).
fn copy_lines(from: &Element, to: &Element) {
    dom::clear(to);
    for line in dom::find_all(from, has::RECAP_LINE) {
        // ASCII whitespace only: the no-break spaces of French typography are kept.
        let text: String = dom::text(&line)
            .split_ascii_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        if let Some(p) = dom::create("p", &text) {
            dom::append(to, &p);
        }
    }
}
