//! The edition's parameters: every fact of the call that a rule uses, read from `content/edition.toml`.
//!
//! The same struct is parsed natively from TOML by the generator (which then fills `countries` and
//! `sdg_list` from the data files it names) and handed to the browser as JSON, so that the pages, the
//! form and `explor check` judge with the very same values. No fact of the call is written in Rust.

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

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
    #[serde(default = "default_base_url")]
    pub base_url: String,
    pub organiser: Organiser,
    pub dates: Dates,
    pub mission: MissionParams,
    pub funding: Funding,
    pub eligibility: Eligibility,
    pub limits: Limits,
    pub budget: BudgetParams,
}

fn default_base_url() -> String {
    "/".to_owned()
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
    pub deadline: Date,
    pub selection_start: Date,
    pub selection_end: Date,
    /// `YYYY-MM`: the month in which the answer is given.
    pub answer_month: String,
    pub mission_window_start: Date,
    pub mission_window_end: Date,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MissionParams {
    pub duration_max_days: i32,
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
    pub code: String,
    pub name: String,
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
}
