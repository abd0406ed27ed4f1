//! The edition's parameters: every fact of the call that a rule uses, read from `content/edition.toml`.
//!
//! The same struct is parsed natively from TOML by the generator (which then fills `countries` and
//! `sdg_list` from the data files it names) and handed to the browser as JSON, so that the pages, the
//! form and `explor check` judge with the very same values. No fact of the call is written in Rust.

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use crate::json::{json_object, Json, Shape, Value};

pub mod controls;
#[cfg(feature = "load")]
pub mod load;
#[cfg(feature = "load")]
pub mod review;
#[cfg(feature = "load")]
pub mod sources;
#[cfg(feature = "load")]
pub mod toml_diag;

/// The DAC income groups, in the order the OECD lists them.
pub const COUNTRY_GROUPS: [&str; 4] = ["LDC", "OTHER_LIC", "LMIC", "UMIC"];

/// One edition of the call (for example `explor-2025-hauts-de-france`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Edition {
    pub id: String,
    pub year: i16,
    pub title: String,
    pub long_title: String,
    pub region: String,
    pub missions_count: u32,
    pub organiser: Organiser,
    pub dates: Dates,
    pub mission: MissionParams,
    pub funding: Funding,
    pub eligibility: Eligibility,
    pub limits: Limits,
    pub budget: BudgetParams,
    /// What the site assumes where the call is silent or was lost, each shown on the pages it
    /// concerns (site-side, the rules never read it).
    #[serde(default)]
    pub assumptions: Vec<Assumption>,
    /// The legal notices' items the network is to provide; an empty one is shown as still to
    /// provide, and the build warns about it.
    #[serde(default)]
    pub legal: Legal,
    /// Where each rule comes from, read by the loader from `content/rules.toml` (see
    /// [`sources`]); never written in the edition file.
    #[serde(default)]
    pub rule_sources: Vec<RuleSource>,
}

/// One assumption of the site: a reading of the call where it is silent or was lost.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Assumption {
    /// Stable id (`mission_types`).
    pub id: String,
    /// The assumption as one French sentence or two, shown as written.
    pub text: String,
    /// The pages that rely on it (their slugs: `appel`, `candidature`, `index` for the home page).
    pub pages: Vec<String>,
}

/// The legal notices' items that are facts of the network, not of the call: empty until provided.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Legal {
    /// Director of publication (name).
    #[serde(default)]
    pub publication_director: String,
    /// The publisher's telephone number.
    #[serde(default)]
    pub publisher_phone: String,
    /// The host: name, address and telephone.
    #[serde(default)]
    pub host: String,
    /// How long the dossiers received are kept.
    #[serde(default)]
    pub retention: String,
}

/// Why a rule exists: the sentence of the call it enforces, quoted from the call's page, or, where
/// the call says nothing, the reason the dossier needs it. Exactly one of the two is set.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleSource {
    /// The rule's id (`partner.country_eligible`).
    pub id: String,
    /// The call's sentence, word for word (the generator fills in its `{{ facts }}`).
    pub call: Option<String>,
    /// Why the dossier needs the rule, where the call says nothing.
    pub reason: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Organiser {
    pub name: String,
    pub tagline: String,
    pub address: String,
    pub email: String,
    pub website: String,
    pub sdg_page: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Dates {
    /// IANA zone in which the call's dates are meant (`Europe/Paris`).
    pub timezone: String,
    /// Last day on which a dossier is accepted, until the end of that day in `timezone`.
    #[serde(with = "iso_date")]
    pub deadline: Date,
    #[serde(with = "iso_date")]
    pub selection_start: Date,
    #[serde(with = "iso_date")]
    pub selection_end: Date,
    /// `YYYY-MM`: the month in which the answer is given.
    pub answer_month: String,
    #[serde(with = "iso_date")]
    pub mission_window_start: Date,
    #[serde(with = "iso_date")]
    pub mission_window_end: Date,
}

/// Reads a calendar date written exactly `YYYY-MM-DD`, checked by jiff's calendar (`2025-02-29` is
/// refused). Stricter than jiff's own parser, which also takes a time or a basic `20250615` form.
pub fn parse_date(text: &str) -> Option<Date> {
    let b = text.trim().as_bytes();
    let shape_ok = b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
    if !shape_ok {
        return None;
    }
    let number = |from: usize, to: usize| {
        b[from..to]
            .iter()
            .fold(0i16, |n, c| n * 10 + i16::from(c - b'0'))
    };
    let (month, day) = (
        i8::try_from(number(5, 7)).ok()?,
        i8::try_from(number(8, 10)).ok()?,
    );
    Date::new(number(0, 4), month, day).ok()
}

/// Writes a date as `YYYY-MM-DD` (years 0–9999, as [`parse_date`] reads them).
pub fn format_date(date: Date) -> String {
    // Widened to `i64`, the type the module formats already (see `fr::date`).
    let (y, m, d) = (date.year(), date.month(), date.day());
    format!(
        "{:04}-{:02}-{:02}",
        i64::from(y),
        i64::from(m),
        i64::from(d)
    )
}

/// `(year, month)` from a `YYYY-MM` text.
pub fn answer_month(text: &str) -> Option<(i16, i8)> {
    let (year, month) = text.split_once('-')?;
    if year.len() != 4 || month.len() != 2 {
        return None;
    }
    let year: i16 = year.parse().ok()?;
    let month: i8 = month.parse().ok()?;
    (1..=12).contains(&month).then_some((year, month))
}

/// Serde for the edition's dates as `YYYY-MM-DD` text. Going through [`parse_date`] rather than
/// jiff's serde support keeps jiff's parser and error messages out of the WebAssembly module.
mod iso_date {
    use jiff::civil::Date;
    use serde::{de::Error as _, Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(date: &Date, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&super::format_date(*date))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Date, D::Error> {
        let text = String::deserialize(deserializer)?;
        super::parse_date(&text).ok_or_else(|| {
            D::Error::custom(format!(
                "« {text} » n’est pas une date du calendrier au format AAAA-MM-JJ (par exemple 2025-06-15)"
            ))
        })
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MissionParams {
    pub duration_max_days: i32,
    /// The shortest mission the call accepts, in days, when it sets one (`mission.duration_min`).
    #[serde(default)]
    pub duration_min_days: Option<i32>,
    pub duration_short_days: i32,
    pub reciprocity_country: String,
    #[serde(default)]
    pub types_to_confirm: bool,
    pub types: Vec<MissionType>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MissionType {
    pub id: String,
    pub label: String,
    pub description: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Funding {
    /// Share of the total expenses that the call may fund, in percent (0–100).
    pub rate_percent: i64,
    /// Maximum contribution per mission, in euro cents.
    pub cap_cents: i64,
    /// Any single amount above this is refused (typing error), in euro cents.
    pub amount_max_cents: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Eligibility {
    pub departements: Vec<Departement>,
    /// Path of the DAC list CSV, relative to `content/`.
    pub dac_list: String,
    pub dac_list_years: String,
    pub dac_list_url: String,
    /// Path of the SDG CSV, relative to `content/`.
    pub sdgs: String,
    pub sdg_url: String,
    /// Filled by the loader from `dac_list`; never written in the TOML file.
    #[serde(default)]
    pub countries: Vec<Country>,
    /// Filled by the loader from `sdgs`; never written in the TOML file.
    #[serde(default)]
    pub sdg_list: Vec<Sdg>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Departement {
    /// The INSEE code: `02`, `59`, `2A`, `971`.
    pub code: String,
    pub name: String,
    /// The beginnings of the postal codes of its communes (`["02"]`; Corsica's `2A` and `2B` both
    /// `["20"]`): a seat is in the département when its postal code starts with one of them.
    pub postal_prefixes: Vec<String>,
}

impl Eligibility {
    /// The first eligible département's first postal prefix, as digits: the examples of the form's
    /// hints and of the rules' messages start with it (never the model region's).
    fn example_prefix(&self) -> String {
        self.departements
            .first()
            .and_then(|d| d.postal_prefixes.first())
            .map_or(String::new(), |p| {
                p.chars().filter(char::is_ascii_digit).collect()
            })
    }

    /// An RNA number for the examples: `W` and 9 digits starting with [`Self::example_prefix`] (an
    /// RNA's digits start with its greffe's département; an example only, never a rule).
    pub fn rna_example(&self) -> String {
        let digits: String = self
            .example_prefix()
            .chars()
            .chain("5001234000".chars())
            .take(9)
            .collect();
        format!("W{digits}")
    }

    /// A postal code for the examples: the first département's prefix completed with zeros.
    pub fn postal_code_example(&self) -> String {
        format!("{:0<5}", self.example_prefix())
    }

    /// The eligible département whose postal prefixes begin `postal_code`, if any.
    pub fn departement_of(&self, postal_code: &str) -> Option<&Departement> {
        self.departements.iter().find(|d| {
            d.postal_prefixes
                .iter()
                .any(|p| !p.is_empty() && postal_code.starts_with(p.as_str()))
        })
    }
}

/// One recipient of the DAC list (ISO 3166-1 alpha-2, `XK` for Kosovo, `PS` for the Palestinian territories).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Country {
    pub iso2: String,
    pub name_fr: String,
    /// DAC income group: `LDC`, `OTHER_LIC`, `LMIC` or `UMIC` (no effect on eligibility).
    pub group: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Sdg {
    pub number: u8,
    pub title_fr: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Limits {
    pub short_text_chars: usize,
    pub long_text_chars: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BudgetParams {
    pub expense_categories: Vec<Choice>,
    pub resource_sources: Vec<Choice>,
}

/// An id with its French label (expense category, resource source).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Choice {
    pub id: String,
    pub label: String,
    /// On a resource source: this source is the contribution requested from the call (exactly one
    /// source of an edition says so; the loader refuses any other count).
    #[serde(default)]
    pub request: bool,
}

impl Json for Date {
    const SHAPE: Shape = Shape::Text;

    fn to_json(&self) -> Value {
        Value::String(format_date(*self))
    }

    fn from_json(value: &Value) -> Option<Self> {
        parse_date(value.as_str()?)
    }
}

// How the browser reads the edition the generator wrote with serde (a test checks they agree).
// The `#[skipped]` fields are the site's (the generator's pages), never read by the rules, the
// form or the readable sheet: the browser leaves them at their default and so carries no code or
// key for them (about 1.5 KB). Unskip one before the browser needs it.
json_object!(required Edition {
    id, #[skipped] year, title, #[skipped] long_title, region, #[skipped] missions_count,
    organiser, dates, mission, funding, eligibility, limits, budget, #[skipped] assumptions,
    #[skipped] legal, rule_sources,
});
json_object!(required Assumption { id, text, pages });
json_object!(required Legal { publication_director, publisher_phone, host, retention });
// The reasons are shown by the generator's pages (the page of the checks), never in the browser.
json_object!(required RuleSource { id, call, #[skipped] reason });
json_object!(required Organiser {
    name, #[skipped] tagline, #[skipped] address, email, #[skipped] website, #[skipped] sdg_page,
});
json_object!(required Dates {
    timezone, deadline, #[skipped] selection_start, #[skipped] selection_end,
    #[skipped] answer_month, mission_window_start, mission_window_end,
});
json_object!(required MissionParams {
    duration_max_days, duration_min_days, duration_short_days, reciprocity_country, types_to_confirm, types,
});
json_object!(required MissionType { id, label, #[skipped] description });
json_object!(required Funding { rate_percent, cap_cents, amount_max_cents });
json_object!(required Eligibility {
    departements, #[skipped] dac_list, dac_list_years, #[skipped] dac_list_url, #[skipped] sdgs,
    #[skipped] sdg_url, countries, sdg_list,
});
json_object!(required Departement { code, name, postal_prefixes });
// The DAC group only orders the page of the eligible countries (the generator's).
json_object!(required Country { iso2, name_fr, #[skipped] group });
json_object!(required Sdg { number, title_fr });
json_object!(required Limits { short_text_chars, long_text_chars });
json_object!(required BudgetParams { expense_categories, resource_sources });
json_object!(required Choice { id, label, request });

impl Edition {
    /// Reads an edition from the JSON the generator writes into the interactive pages; `None` when
    /// it is not readable (the page then says the form could not start).
    pub fn from_json_text(text: &str) -> Option<Edition> {
        Edition::from_json(&crate::json::parse(text, crate::parse::MAX_DEPTH).ok()?)
    }

    /// The JSON the generator writes into an interactive page: what [`Edition::from_json_text`]
    /// reads, without the site's parts it skips (assumptions, legal items…), which the pages need
    /// not carry twice, and without what `island` says this page's module never reads or finds
    /// in the page's own controls.
    #[cfg(not(target_arch = "wasm32"))]
    pub fn to_browser_json_text(&self, island: Island) -> String {
        let mut edition = self.clone();
        if island.lists_in_controls {
            edition.eligibility.countries.clear();
            edition.eligibility.sdg_list.clear();
        }
        if island.calls {
            edition.rule_sources.retain(|s| s.call.is_some());
        } else {
            edition.rule_sources.clear();
        }
        crate::json::to_compact(&edition.to_browser_json())
    }
}

/// What an interactive page's data island leaves out of the edition, so that the page carries each
/// list once and nothing its module does not read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Island {
    /// The DAC countries and the SDGs are in the page's own controls (the partner's country list,
    /// the SDGs' tick boxes, marked `data-edition-list`), where the module reads them back
    /// ([`controls`]); the island's lists are then empty.
    pub lists_in_controls: bool,
    /// The page shows the call's sentence behind a rule (the self-check does): the rule sources
    /// that quote the call are kept. Otherwise none is, as no other page reads them.
    pub calls: bool,
}

impl Island {
    /// The application form: its lists in its controls, no rule source.
    pub const FORM: Island = Island {
        lists_in_controls: true,
        calls: false,
    };
    /// The self-check: its lists in its controls, the call's sentences behind its questions.
    pub const SELF_CHECK: Island = Island {
        lists_in_controls: true,
        calls: true,
    };
    /// A page without the lists' controls that shows no rule source (the staff page).
    pub const WHOLE_LISTS: Island = Island {
        lists_in_controls: false,
        calls: false,
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_read_strictly_and_written_back() {
        assert_eq!(
            parse_date("2025-06-15"),
            Some(jiff::civil::date(2025, 6, 15))
        );
        for bad in [
            "2025-6-15",
            "2025-06-31",
            "2025-02-30",
            "20250615",
            "2025-06-15T00:00",
            "15/06/2025",
            "",
            "２０２５-06-15",
        ] {
            assert_eq!(parse_date(bad), None, "{bad}");
        }
        assert_eq!(format_date(jiff::civil::date(2025, 7, 1)), "2025-07-01");
        let json = r#"{"timezone":"Europe/Paris","deadline":"2025-06-15","selection_start":"2025-06-16",
            "selection_end":"2025-07-01","answer_month":"2025-07","mission_window_start":"2025-07-01",
            "mission_window_end":"2026-03-31"}"#;
        let dates: Dates = serde_json::from_str(json).expect("dates");
        assert_eq!(dates.deadline, jiff::civil::date(2025, 6, 15));
        let back: Dates = serde_json::from_str(&serde_json::to_string(&dates).unwrap()).unwrap();
        assert_eq!(back, dates);
        let wrong = json.replace("2025-06-15", "2025-06-31");
        let error = serde_json::from_str::<Dates>(&wrong)
            .unwrap_err()
            .to_string();
        assert!(
            error.contains("« 2025-06-31 » n’est pas une date du calendrier"),
            "{error}"
        );
    }
}
