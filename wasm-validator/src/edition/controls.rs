//! The edition's lists as the form pages' controls carry them: the DAC countries as the options of
//! the partner's country list (`<option value="SN">Sénégal</option>`), the SDGs as the labels of
//! their tick boxes (`3. Bonne santé et bien-être`). The pages' data island leaves these lists out
//! ([`super::Island`]), so each is in the page once; the shell reads them back from the controls
//! (`wasm/lists.rs`) and `generator/tests/page_lists.rs` checks that the edition so rebuilt is the
//! one the rules use natively.

use super::{Country, Edition, Sdg};

/// The country an option of the country list offers: its code as the value, its French name as the
/// text; `None` for the « choose » option (no value).
pub fn country(value: &str, text: &str) -> Option<Country> {
    (!value.is_empty()).then(|| Country {
        iso2: value.to_owned(),
        name_fr: text.trim().to_owned(),
        group: String::new(),
    })
}

/// The SDG a tick box's label names, written `<number>. <title>` as the readable sheet writes it.
pub fn sdg(label: &str) -> Option<Sdg> {
    let (number, title) = label.trim().split_once('.')?;
    // By hand: `str::parse` would add its generic parser for `u8` to the module.
    let digits = (1..=2).contains(&number.len()) && number.bytes().all(|b| b.is_ascii_digit());
    let number = number.bytes().fold(0, |n, b| n * 10 + (b - b'0'));
    Some(Sdg {
        number: digits.then_some(number)?,
        title_fr: title.strip_prefix(' ')?.trim().to_owned(),
    })
}

impl Edition {
    /// Puts back the lists a page's island left to its controls, as [`country`] and [`sdg`] read
    /// them; a list the page does not carry (`None`) is kept as the island gave it.
    pub fn with_control_lists(
        mut self,
        countries: Option<Vec<Country>>,
        sdgs: Option<Vec<Sdg>>,
    ) -> Edition {
        if let Some(countries) = countries {
            self.eligibility.countries = countries;
        }
        if let Some(sdgs) = sdgs {
            self.eligibility.sdg_list = sdgs;
        }
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_option_is_a_country_and_a_label_an_sdg() {
        assert_eq!(country("", "Choisir un pays"), None);
        let sn = country("SN", " Sénégal ").expect("a country");
        assert_eq!((sn.iso2.as_str(), sn.name_fr.as_str()), ("SN", "Sénégal"));
        let goal = sdg("3. Bonne santé et bien-être").expect("an SDG");
        assert_eq!(goal.number, 3);
        assert_eq!(goal.title_fr, "Bonne santé et bien-être");
        assert_eq!(sdg("Bonne santé"), None);
        assert_eq!(sdg("x. Bonne santé"), None);
        assert_eq!(sdg("123. Bonne santé"), None);
        assert_eq!(sdg("17.Partenariats"), None);
        assert_eq!(sdg("17. Partenariats").map(|s| s.number), Some(17));
    }
}
