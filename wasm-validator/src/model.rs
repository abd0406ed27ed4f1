//! The dossier an association downloads and emails: `explor-dossier` version 1 (see DOSSIER.md §1).
//!
//! Every struct defaults its missing fields, so that a partial draft still parses and the rules can say
//! what is missing; text stays text (dates, codes) so that a malformed value becomes a finding, not a
//! parse error. Money is integer euro cents.

use serde::{Deserialize, Serialize};

use crate::json::json_object;

/// The value of the `format` field of every dossier.
pub const FORMAT: &str = "explor-dossier";
/// The version of the format this crate reads and writes.
pub const VERSION: u32 = 1;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Dossier {
    pub format: String,
    pub version: u32,
    #[serde(default)]
    pub edition: String,
    /// RFC 3339 timestamp of the last save, informative only.
    #[serde(default)]
    pub saved_at: String,
    #[serde(default)]
    pub applicant: Applicant,
    #[serde(default)]
    pub partner: Partner,
    #[serde(default)]
    pub mission: Mission,
    #[serde(default)]
    pub budget: Budget,
    #[serde(default)]
    pub declarations: Declarations,
}

impl Dossier {
    /// A blank dossier for `edition`, as the form starts.
    pub fn blank(edition: &str) -> Self {
        Dossier {
            format: FORMAT.to_owned(),
            version: VERSION,
            edition: edition.to_owned(),
            saved_at: String::new(),
            applicant: Applicant::default(),
            partner: Partner::default(),
            mission: Mission::default(),
            budget: Budget::default(),
            declarations: Declarations::default(),
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(default)]
pub struct Applicant {
    pub name: String,
    /// `association_1901` | `association_1908` | `other`.
    pub legal_form: String,
    /// RNA number: `W` followed by 9 digits.
    pub rna: String,
    /// SIRET: 14 digits (optional).
    pub siret: String,
    pub address: Address,
    pub contact: Contact,
    /// Has the association already had an EXPLOR mission? `null` when not answered.
    pub previous_explor: Option<bool>,
    /// When `previous_explor` is `true`: is this a new project? Else `null`.
    pub new_project: Option<bool>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(default)]
pub struct Address {
    pub street: String,
    /// Five digits, kept as text (the leading zero of the Aisne matters).
    pub postal_code: String,
    pub city: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(default)]
pub struct Contact {
    pub first_name: String,
    pub last_name: String,
    pub role: String,
    pub email: String,
    pub phone: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(default)]
pub struct Partner {
    pub name: String,
    /// ISO 3166-1 alpha-2 (`XK` Kosovo, `PS` Palestinian territories).
    pub country: String,
    pub city: String,
    /// Has the need for expertise been identified with the partner? `null` when not answered.
    pub need_identified: Option<bool>,
    pub relationship: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(default)]
pub struct Mission {
    pub title: String,
    /// The id of one of the edition's mission types.
    pub kind: String,
    /// Where the mission takes place (`FR` for a reciprocity mission).
    pub country: String,
    pub city: String,
    /// `YYYY-MM-DD`.
    pub start_date: String,
    /// `YYYY-MM-DD`.
    pub end_date: String,
    /// SDG numbers (1–17).
    pub sdgs: Vec<i64>,
    pub need: String,
    pub objectives: String,
    pub activities: String,
    pub expected_results: String,
    pub expert_profile: String,
    pub follow_up: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(default)]
pub struct Budget {
    pub expenses: Vec<Expense>,
    pub resources: Vec<Resource>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(default)]
pub struct Expense {
    /// `travel`, `visa`, `insurance`, `accommodation`, `subsistence`, `local_transport`, `health`, `other`.
    pub category: String,
    pub label: String,
    pub amount_cents: i64,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(default)]
pub struct Resource {
    /// `lianes` (the contribution requested from the call), `own_funds`, `partner`, `public`, `private`, `other`.
    pub source: String,
    pub label: String,
    pub amount_cents: i64,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(default)]
pub struct Declarations {
    /// The association adheres to the charter of Lianes coopération.
    pub charter: bool,
    /// The association certifies that the information given is accurate.
    pub accurate: bool,
}

// The JSON reading and writing the WebAssembly module uses (serde stays for the schema and native
// tools); a test checks that both write the same text.
json_object!(default Dossier { format, version, edition, saved_at, applicant, partner, mission, budget, declarations });
json_object!(default Applicant { name, legal_form, rna, siret, address, contact, previous_explor, new_project });
json_object!(default Address { street, postal_code, city });
json_object!(default Contact { first_name, last_name, role, email, phone });
json_object!(default Partner { name, country, city, need_identified, relationship });
json_object!(default Mission {
    title, kind, country, city, start_date, end_date, sdgs, need, objectives, activities,
    expected_results, expert_profile, follow_up,
});
json_object!(default Budget { expenses, resources });
json_object!(default Expense { category, label, amount_cents });
json_object!(default Resource { source, label, amount_cents });
json_object!(default Declarations { charter, accurate });
