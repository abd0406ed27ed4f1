//! Lists of lines in a form (the budget's expenses and resources): adding, removing, and naming
//! each line's controls by its dossier path, so that line 3's amount is
//! `budget.expenses[2].amount_cents` with the id `f-budget-expenses-2-amount_cents`.
//!
//! A list is an element `[data-lines="budget.expenses"]` whose lines are made from the
//! `<template id=…>` named by its `data-template`. In a line, `[data-col="amount_cents"]` is a
//! control, `[data-col-field]`, `[data-col-label]`, `[data-col-error]` and `[data-col-count]` its
//! wrapper, label, error message and character counter, `[data-line-number]` shows the line's
//! number.

use super::dom::{self, Element};
use crate::form::contract::{attr, child_has, has};
use crate::form::path::field_id;

/// Every list of `root`.
pub fn lists(root: &Element) -> Vec<Element> {
    dom::find_all(root, has::LINES)
}

/// The list named `path` (`budget.expenses`).
pub fn list(root: &Element, path: &str) -> Option<Element> {
    lists(root).into_iter().find(|l| list_path(l) == path)
}

fn list_path(list: &Element) -> String {
    dom::attr(list, attr::LINES).unwrap_or_default()
}

fn lines(list: &Element) -> Vec<Element> {
    dom::find_all(list, child_has::LINE)
}

/// Adds a blank line at the end of `list` and returns it.
pub fn add(list: &Element) -> Option<Element> {
    let template = dom::attr(list, attr::TEMPLATE)?;
    let line = dom::clone_template(&template)?;
    dom::append(list, &line);
    renumber(list);
    Some(line)
}

/// Removes `line` from its list and returns the control to focus next: the same column of the line
/// that took its place, or the list's "add" button when it was the last.
pub fn remove(line: &Element) -> Option<Element> {
    let list = dom::closest(line, has::LINES)?;
    let index = lines(&list).iter().position(|l| l == line)?;
    dom::remove(line);
    renumber(&list);
    let rest = lines(&list);
    let next = rest.get(index).or(rest.last());
    match next {
        Some(next) => dom::find(next, has::COL),
        None => dom::by_id(&format!("{}-add", field_id(&list_path(&list)))),
    }
}

/// Makes `list` hold exactly `count` lines (blank lines are added, last lines removed).
pub fn resize(list: &Element, count: usize) {
    let mut current = lines(list);
    while current.len() > count {
        if let Some(last) = current.pop() {
            dom::remove(&last);
        }
    }
    for _ in current.len()..count {
        let Some(template) = dom::attr(list, attr::TEMPLATE) else {
            break;
        };
        let Some(line) = dom::clone_template(&template) else {
            break;
        };
        dom::append(list, &line);
    }
    renumber(list);
}

/// Names every control of every line of `list` after its path, and numbers the lines from 1.
fn renumber(list: &Element) {
    let path = list_path(list);
    for (index, line) in lines(list).iter().enumerate() {
        let number = (index + 1).to_string();
        for el in dom::find_all(line, has::LINE_NUMBER) {
            dom::set_text(&el, &number);
        }
        for control in dom::find_all(line, has::COL) {
            let col = dom::attr(&control, attr::COL).unwrap_or_default();
            let name = format!("{path}[{index}].{col}");
            let id = field_id(&name);
            dom::set_attr(&control, "name", &name);
            dom::set_attr(&control, "id", &id);
            dom::remove_attr(&control, "aria-describedby");
            dom::remove_attr(&control, "aria-invalid");
            let part = |attr: &str| dom::find(line, &format!("[{attr}=\"{col}\"]"));
            if let Some(field) = part(attr::COL_FIELD) {
                dom::set_attr(&field, "id", &format!("{id}-field"));
                dom::set_attr(&field, attr::FIELD, &name);
            }
            if let Some(label) = part(attr::COL_LABEL) {
                dom::set_attr(&label, "for", &id);
            }
            if let Some(error) = part(attr::COL_ERROR) {
                dom::set_attr(&error, "id", &format!("{id}-error"));
            }
            if let Some(count) = part(attr::COL_COUNT) {
                let count_id = format!("{id}-count");
                dom::set_attr(&count, "id", &count_id);
                dom::set_attr(&control, "aria-describedby", &count_id);
            }
        }
    }
}
