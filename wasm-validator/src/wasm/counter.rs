//! The counters of the limited texts (`[data-limit]`): each keystroke updates the visible count
//! beside the field; the polite live region is told only when the count crosses a threshold
//! (`crate::form::count`), so a screen reader is not interrupted at every character.

use super::dom::{self, Element};
use super::page::Page;
use crate::form::contract::{attr, has};
use crate::form::count;
use crate::fr;

/// Updates the counter of `control` if it has a limit; tells `status` when `announce` and the
/// count crossed a threshold.
pub fn update(page: &Page, control: &Element, status: Option<&Element>) {
    let Some(limit) = dom::attr(control, attr::LIMIT).and_then(|l| l.parse::<usize>().ok()) else {
        return;
    };
    let Some(counter) = dom::closest(control, has::FIELD).and_then(|f| dom::find(&f, has::COUNT))
    else {
        return;
    };
    let chars = dom::value(control).unwrap_or_default().chars().count();
    let now = count::count(chars, limit);
    let n = fr::int(i64::try_from(now.n).unwrap_or(i64::MAX));
    let text = page.text(now.key, &[("n", &n)]);
    dom::set_text(&counter, &text);
    let before = dom::attr(&counter, attr::BAND);
    if let Some(status) = status {
        if count::announce(before.as_deref(), now.band) {
            dom::set_text(status, &text);
        }
    }
    dom::set_attr(&counter, attr::BAND, now.band.name());
}

/// Updates every counter of `form` silently (after a draft is put back into the form).
pub fn update_all(page: &Page, form: &Element) {
    for control in dom::find_all(form, has::LIMIT) {
        update(page, &control, None);
    }
}
