//! Reads back the edition's lists that the page carries in its own controls rather than in its
//! data island (`crate::edition::Island`): the countries from the options of the list marked
//! `data-edition-list="countries"`, the SDGs from the tick boxes' labels inside the element marked
//! `data-edition-list="sdgs"`, as `crate::edition::controls` reads them. A page without such a
//! control keeps the island's lists; the staff page has none, and its module no such code.

use super::dom::Element;
use crate::Edition;

/// `edition` with the lists the controls inside `root` carry. Plain loops rather than iterator
/// chains: each chain's generic instances cost the module about 1 KB.
#[cfg(any(feature = "candidature", feature = "eligibilite"))]
pub fn complete(edition: Edition, root: &Element) -> Edition {
    use super::dom;
    use crate::edition::controls;
    use crate::form::contract::{attr, has, list};

    let (mut countries, mut sdgs) = (None, None);
    for carrier in dom::find_all(root, has::EDITION_LIST) {
        let name = dom::attr(&carrier, attr::EDITION_LIST).unwrap_or_default();
        let (items, is_countries) = match name.as_str() {
            list::COUNTRIES => (dom::find_all(&carrier, list::COUNTRY_OPTIONS), true),
            list::SDGS => (dom::find_all(&carrier, "label"), false),
            _ => continue,
        };
        let (mut read_countries, mut read_sdgs) = (Vec::new(), Vec::new());
        for item in &items {
            let text = dom::text(item);
            if is_countries {
                let value = dom::attr(item, "value").unwrap_or_default();
                if let Some(country) = controls::country(&value, &text) {
                    read_countries.push(country);
                }
            } else if let Some(sdg) = controls::sdg(&text) {
                read_sdgs.push(sdg);
            }
        }
        if is_countries {
            countries = Some(read_countries);
        } else {
            sdgs = Some(read_sdgs);
        }
    }
    edition.with_control_lists(countries, sdgs)
}

/// The staff page carries no list in its controls: its island has them all.
#[cfg(not(any(feature = "candidature", feature = "eligibilite")))]
pub fn complete(edition: Edition, _root: &Element) -> Edition {
    edition
}
