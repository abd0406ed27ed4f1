//! What every interactive page shares: its root element, the edition read from the page's data
//! island, the page's own French sentences, today's date in the call's time zone, and the
//! conditional parts of a form (`data-show-if`).

use jiff::civil::Date;

use super::dom::{self, Element};
use crate::clock::Offsets;
use crate::form::contract::{attr, has, SHARED_IDS};
use crate::Edition;

/// The page's root (`[data-explor-app]`), the edition it was built for, and the elements every
/// interactive page has (`contract::SHARED_IDS`).
pub struct Page {
    pub root: Element,
    pub edition: Edition,
    loading: Element,
    texts: Element,
    closed: Element,
    /// The call's state at the top of the page and its two sentences (open, closed).
    status: [Element; 3],
    /// What the page says to a browser that cannot run it, hidden once the page is wired.
    fallback: Element,
}

impl Page {
    /// Reads the edition from `<script type="application/json" id="edition-data">`; `None` if the
    /// page lacks an element of the contract or the edition is unreadable (the page then keeps
    /// saying that the form is loading).
    pub fn load(root: Element) -> Option<Page> {
        let [loading, island, texts, closed, status, open_line, closed_line, fallback] =
            dom::resolve(SHARED_IDS)?;
        let edition = super::lists::complete(Edition::from_json_text(&dom::text(&island))?, &root);
        Some(Page {
            root,
            edition,
            loading,
            texts,
            closed,
            status: [status, open_line, closed_line],
            fallback,
        })
    }

    /// The page's sentence `key` (`<… data-text="key">` inside `#texts`), with `{name}` replaced by
    /// each value given; the key itself if the page lacks it, so that a gap shows instead of hiding.
    pub fn text(&self, key: &str, values: &[(&str, &str)]) -> String {
        let found =
            dom::find(&self.texts, &format!("[{}=\"{key}\"]", attr::TEXT)).map(|el| dom::text(&el));
        let mut text = found.unwrap_or_else(|| key.to_owned());
        for (name, value) in values {
            text = text.replace(&format!("{{{name}}}"), value);
        }
        text
    }

    /// Today in the call's time zone, from the browser's clock: through the page's table of UTC
    /// offsets (`data-utc-offsets` on the root) when it covers now, else through `Intl`, whose
    /// first use costs the start-up 15 ms or more; the browser's own date if neither knows the zone.
    pub fn today(&self) -> Date {
        let from_table = dom::attr(&self.root, attr::UTC_OFFSETS)
            .and_then(|text| Offsets::parse(&text))
            .and_then(|table| table.date_at(dom::now_ms()));
        if let Some(today) = from_table {
            return today;
        }
        let (y, m, d) = dom::today_in(&self.edition.dates.timezone).unwrap_or_else(|| {
            let t = dom::local_time();
            (t.year as i16, t.month as i8, t.day as i8)
        });
        Date::new(y, m, d).unwrap_or(self.edition.dates.deadline)
    }

    /// Swaps the "loading" notice for the application: called once the page is wired.
    pub fn reveal(&self) {
        dom::set_hidden(&self.loading, true);
        dom::set_hidden(&self.fallback, true);
        dom::set_hidden(&self.root, false);
    }

    /// Shows the "call closed" banner when `today` is past the deadline, and says so first, at the
    /// top of the page, whatever the day the site was built.
    pub fn show_closed(&self, today: Date) {
        let closed = crate::form::export::is_closed(today, self.edition.dates.deadline);
        dom::set_hidden(&self.closed, !closed);
        let [status, open_line, closed_line] = &self.status;
        dom::set_attr(status, attr::STATE, if closed { "closed" } else { "open" });
        dom::set_hidden(open_line, closed);
        dom::set_hidden(closed_line, !closed);
    }
}

/// Shows or hides every `[data-show-if="name=value"]` part of `form` from the form's answers, and
/// disables the controls of a hidden part so that its answers are not read. Only the controls the
/// conditions name are read (reading the whole form was a third of the form's start-up), all of
/// them before any part changes.
pub fn apply_conditions(form: &Element) {
    let parts: Vec<(Element, bool)> = dom::find_all(form, has::SHOW_IF)
        .into_iter()
        .map(|part| {
            let rule = dom::attr(&part, attr::SHOW_IF).unwrap_or_default();
            let shown = rule
                .split_once('=')
                .is_some_and(|(name, value)| dom::answers(form, name).iter().any(|v| v == value));
            (part, shown)
        })
        .collect();
    for (part, shown) in parts {
        dom::set_hidden(&part, !shown);
        for control in dom::find_all(&part, "input, select, textarea") {
            dom::set_flag(&control, "disabled", !shown);
        }
    }
}

/// Sets every named control of `form` to its answers among `pairs` (a form's pairs, as
/// `formdata::write` gives them); a control with no pair is emptied.
pub fn fill_controls(form: &Element, pairs: &[(String, String)]) {
    for control in dom::find_all(form, "[name]") {
        let name = dom::attr(&control, "name").unwrap_or_default();
        let values: Vec<&str> = pairs
            .iter()
            .filter(|(n, _)| *n == name)
            .map(|(_, v)| v.as_str())
            .collect();
        dom::set_answer(&control, &values);
    }
}
