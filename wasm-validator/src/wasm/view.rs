//! Showing a report in a form: inline messages beside their fields, the error summary at the top,
//! the verdicts and the computed figures.
//!
//! A finding's `field` is a dossier path; its place is the nearest enclosing path that has a field
//! wrapper (`id="<field_id>-field"`), so a finding on `budget.resources` lands on the resources list.
//! Errors set `aria-invalid` on their controls; every message is bound to its control (or to its
//! group's `<fieldset>`) by `aria-describedby`. Severity is said in words, never by colour alone.

use super::dom::{self, Element};
use super::page::Page;
use crate::form::contract::{action, attr, has};
use crate::form::path::{ancestors, field_id};
use crate::form::sections;
use crate::fr;
use crate::report::{Figures, Finding, Report, Severity};

/// Where a finding is shown: the path that has a wrapper, and that wrapper.
struct Place {
    path: String,
    wrapper: Element,
}

fn place(field: &str) -> Option<Place> {
    ancestors(field).into_iter().find_map(|path| {
        let wrapper = dom::by_id(&format!("{}-field", field_id(path)))?;
        Some(Place {
            path: path.to_owned(),
            wrapper,
        })
    })
}

/// The element a summary link focuses for `place`: its (first) control, else its wrapper.
fn focus_target(place: &Place) -> Element {
    match dom::by_id(&field_id(&place.path)) {
        Some(control) => control,
        None => {
            dom::set_attr(&place.wrapper, "tabindex", "-1");
            place.wrapper.clone()
        }
    }
}

fn severity_key(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "info",
    }
}

/// Removes every inline message, `aria-invalid` and message reference from `form`.
fn clear_inline(form: &Element) {
    let slots = format!("{}, {}", has::ERROR, has::COL_ERROR);
    for error in dom::find_all(form, &slots) {
        dom::clear(&error);
        dom::set_hidden(&error, true);
    }
    for el in dom::find_all(form, "[aria-invalid]") {
        dom::remove_attr(&el, "aria-invalid");
    }
    for el in dom::find_all(form, "[aria-describedby]") {
        let kept = dom::attr(&el, "aria-describedby").unwrap_or_default();
        let kept: Vec<&str> = kept
            .split_whitespace()
            .filter(|t| !t.ends_with("-error"))
            .collect();
        if kept.is_empty() {
            dom::remove_attr(&el, "aria-describedby");
        } else {
            dom::set_attr(&el, "aria-describedby", &kept.join(" "));
        }
    }
}

/// Shows inline the findings whose field `shown` accepts.
pub fn show_inline(
    page: &Page,
    form: &Element,
    findings: &[Finding],
    shown: impl Fn(&str) -> bool,
) {
    clear_inline(form);
    for finding in findings.iter().filter(|f| shown(&f.field)) {
        let Some(place) = place(&finding.field) else {
            continue;
        };
        let id = field_id(&place.path);
        let error_id = format!("{id}-error");
        let Some(slot) = dom::by_id(&error_id) else {
            continue;
        };
        let kind = severity_key(finding.severity);
        let prefix = page.text(&format!("prefix-{kind}"), &[]);
        let Some(line) = dom::create("span", "") else {
            continue;
        };
        dom::set_attr(&line, "class", &format!("message message--{kind}"));
        if let Some(label) = dom::create("span", &prefix) {
            dom::set_attr(
                &label,
                "class",
                &format!("message__prefix message__prefix--{kind}"),
            );
            dom::append(&line, &label);
        }
        if let Some(body) = dom::create("span", &finding.message) {
            dom::append(&line, &body);
        }
        dom::append(&slot, &line);
        dom::set_hidden(&slot, false);
        describe(&place, &id, &error_id);
        if finding.severity == Severity::Error {
            for control in controls_named(form, &finding.field) {
                dom::set_attr(&control, "aria-invalid", "true");
            }
        }
    }
}

/// Adds `error_id` to the `aria-describedby` of the place's group (a `<fieldset>`) or control.
fn describe(place: &Place, id: &str, error_id: &str) {
    let target = if dom::tag(&place.wrapper) == "fieldset" {
        Some(place.wrapper.clone())
    } else {
        dom::by_id(id)
    };
    let Some(target) = target else { return };
    let current = dom::attr(&target, "aria-describedby").unwrap_or_default();
    if !current.split_whitespace().any(|t| t == error_id) {
        let joined = format!("{current} {error_id}");
        dom::set_attr(&target, "aria-describedby", joined.trim());
    }
}

fn controls_named(form: &Element, path: &str) -> Vec<Element> {
    dom::find_all(form, &format!("[name=\"{path}\"]"))
}

/// The error summary at the top of the form: its box, title and list.
pub struct Summary {
    pub summary: Element,
    pub title: Element,
    pub list: Element,
}

/// Fills the error summary with one short line per error (the field's label and what is wrong,
/// linked to the field), grouped under the form's sections in form order, and shows it; hides it
/// when there is no error. Returns whether it is shown.
pub fn show_summary(page: &Page, summary: &Summary, findings: &[Finding]) -> bool {
    let Summary {
        summary,
        title,
        list,
    } = summary;
    dom::clear(list);
    let errors: Vec<&Finding> = findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .collect();
    let count = errors.len().to_string();
    let key = if errors.len() == 1 {
        "summary-one"
    } else {
        "summary-many"
    };
    dom::set_text(title, &page.text(key, &[("n", &count)]));
    let other = page.text("summary-other", &[]);
    let items = errors
        .iter()
        .filter_map(|finding| summary_item(finding, &other))
        .collect();
    for (section, items) in sections::group(items) {
        let (Some(heading), Some(ul)) = (dom::create("h3", &section), dom::create("ul", "")) else {
            continue;
        };
        dom::set_attr(&heading, "class", "error-summary__section");
        dom::append(list, &heading);
        for item in items {
            dom::append(&ul, &item);
        }
        dom::append(list, &ul);
    }
    dom::set_hidden(summary, errors.is_empty());
    !errors.is_empty()
}

/// One error's line of the summary, with the name of its section (`other` when it has none).
fn summary_item(finding: &Finding, other: &str) -> Option<(String, Element)> {
    let place = place(&finding.field);
    let section = place
        .as_ref()
        .and_then(|p| dom::closest(&p.wrapper, has::SECTION))
        .and_then(|s| dom::attr(&s, attr::LABEL))
        .unwrap_or_else(|| other.to_owned());
    let label = place.as_ref().map(field_label).unwrap_or_default();
    let text = sections::line(&label, &finding.message);
    let item = dom::create("li", "")?;
    match &place {
        Some(place) => {
            let target = focus_target(place);
            let href = format!("#{}", dom::attr(&target, "id").unwrap_or_default());
            if let Some(link) = dom::create("a", &text) {
                dom::set_attr(&link, "href", &href);
                dom::set_attr(&link, attr::ACTION, action::FOCUS_FIELD);
                dom::append(&item, &link);
            }
        }
        None => dom::set_text(&item, &text),
    }
    Some((section, item))
}

/// The label a summary line names its field by: the wrapper's `data-label`, after its line's
/// legend for a budget line (« Dépense 2, Montant »).
fn field_label(place: &Place) -> String {
    let label = dom::attr(&place.wrapper, attr::LABEL).unwrap_or_default();
    let line = dom::closest(&place.wrapper, has::LINE)
        .and_then(|line| dom::find(&line, "legend"))
        .map(|legend| dom::text(&legend));
    match line {
        Some(line) if dom::attr(&place.wrapper, attr::COL_FIELD).is_some() => {
            format!("{}, {}", line.trim(), label)
        }
        _ => label,
    }
}

/// Removes the inline messages of the field `name` and its `aria-invalid`, as the person types in
/// it: a message about the old value would mislead (it is judged again when they leave the field).
pub fn clear_field(form: &Element, name: &str) {
    let Some(place) = place(name) else { return };
    let error_id = format!("{}-error", field_id(&place.path));
    if let Some(slot) = dom::by_id(&error_id) {
        dom::clear(&slot);
        dom::set_hidden(&slot, true);
    }
    for control in controls_named(form, name) {
        dom::remove_attr(&control, "aria-invalid");
    }
}

/// Puts `prefix` (« Erreur : ») at the start of the page's title while `errors`, and takes it away
/// when there are none.
pub fn title_prefix(prefix: &str, errors: bool) {
    let title = dom::title();
    let bare = title.strip_prefix(prefix).unwrap_or(&title);
    let wanted = if errors {
        format!("{prefix}{bare}")
    } else {
        bare.to_owned()
    };
    if wanted != title {
        dom::set_title(&wanted);
    }
}

/// Lists the warnings and notes (never errors) in `notes`, each with its prefix in words.
pub fn show_notes(page: &Page, notes: &Element, findings: &[Finding]) {
    dom::clear(notes);
    for finding in findings.iter().filter(|f| f.severity != Severity::Error) {
        let kind = severity_key(finding.severity);
        let prefix = page.text(&format!("prefix-{kind}"), &[]);
        if let Some(item) = dom::create("li", &format!("{prefix}{}", finding.message)) {
            dom::set_attr(&item, "class", &format!("message message--{kind}"));
            dom::append(notes, &item);
        }
    }
    let empty = dom::find_all(notes, "li").is_empty();
    dom::set_hidden(notes, empty);
}

/// Writes the verdicts in words (`[data-verdict="eligible"]`, `[data-verdict="complete"]`, each
/// with its sentences in `data-yes` / `data-no`), or their "not checked yet" text.
pub fn show_verdicts(root: &Element, report: Option<&Report>) {
    for el in dom::find_all(root, has::VERDICT) {
        let which = dom::attr(&el, attr::VERDICT).unwrap_or_default();
        // `complete` and `on_time` are separate verdicts (DOSSIER.md §3): a complete dossier made
        // after the deadline is said complete, and late on its own line.
        let verdict = report.map(|r| match which.as_str() {
            "eligible" => r.eligible,
            "on_time" => r.on_time,
            _ => r.complete,
        });
        let (key, state) = match verdict {
            Some(true) => (attr::YES, "yes"),
            Some(false) => (attr::NO, "no"),
            None => (attr::PENDING, "pending"),
        };
        dom::set_text(&el, &dom::attr(&el, key).unwrap_or_default());
        dom::set_attr(&el, attr::STATE, state);
    }
}

/// Writes each figure into its `[data-figure="total_expenses_cents"]` element (« — » when unknown).
pub fn show_figures(root: &Element, figures: &Figures) {
    let money = |v: Option<i64>| v.map_or_else(|| "—".to_owned(), fr::euros);
    for el in dom::find_all(root, has::FIGURE) {
        let text = match dom::attr(&el, attr::FIGURE).as_deref() {
            Some("duration_days") => figures
                .duration_days
                .map_or_else(|| "—".to_owned(), fr::days),
            Some("total_expenses_cents") => money(figures.total_expenses_cents),
            Some("total_resources_cents") => money(figures.total_resources_cents),
            Some("requested_cents") => money(figures.requested_cents),
            Some("max_contribution_cents") => money(figures.max_contribution_cents),
            _ => continue,
        };
        dom::set_text(&el, &text);
    }
}
