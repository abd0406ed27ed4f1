//! The dossier an association downloads and emails: `explor-dossier` version 1 (see DOSSIER.md §1).
//!
//! Every struct defaults its missing fields, so that a partial draft still parses and the rules can say
//! what is missing; text stays text (dates, codes) so that a malformed value becomes a finding, not a
//! parse error. Money is integer euro cents ([`Cents`]).
//!
//! Each struct is written once, inside [`json_struct!`], which derives from it the JSON reading and
//! writing and the shape (`Json::SHAPE`) that names wrong types, tells unknown fields, orders
//! findings and maps the form's controls; serde and schemars derive the schema from the same text.

use serde::{Deserialize, Serialize};

use crate::json::{json_struct, Json, Number, Shape, Value};

/// The value of the `format` field of every dossier.
pub const FORMAT: &str = "explor-dossier";
/// The version of the format this crate reads and writes.
pub const VERSION: u32 = 1;
/// The `status` of a dossier to send (the default).
pub const STATUS_FINAL: &str = "final";
/// The `status` of a draft.
pub const STATUS_DRAFT: &str = "draft";

json_struct! {
    default
    pub struct Dossier {
        pub format: String,
        pub version: u32,
        #[serde(default)]
        pub edition: String,
        /// RFC 3339 timestamp of the last save, informative only.
        #[serde(default)]
        pub saved_at: String,
        /// `"draft"` or `"final"`; absent or empty means `"final"`. A draft is judged like any
        /// dossier.
        #[serde(default)]
        pub status: String,
        /// A short identifier shown on the readable copy and in the file name (`EX25-7K3Q`),
        /// optional.
        #[serde(default)]
        pub reference: String,
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
}

impl Dossier {
    /// A blank dossier for `edition`, as the form starts.
    pub fn blank(edition: &str) -> Self {
        Dossier {
            format: FORMAT.to_owned(),
            version: VERSION,
            edition: edition.to_owned(),
            saved_at: String::new(),
            status: String::new(),
            reference: String::new(),
            applicant: Applicant::default(),
            partner: Partner::default(),
            mission: Mission::default(),
            budget: Budget::default(),
            declarations: Declarations::default(),
        }
    }
}

json_struct! {
    section
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
}

json_struct! {
    section
    pub struct Address {
        pub street: String,
        /// Five digits, kept as text (a leading zero matters: `01000`).
        pub postal_code: String,
        pub city: String,
    }
}

json_struct! {
    section
    pub struct Contact {
        pub first_name: String,
        pub last_name: String,
        pub role: String,
        pub email: String,
        pub phone: String,
    }
}

json_struct! {
    section
    pub struct Partner {
        pub name: String,
        /// ISO 3166-1 alpha-2 (`XK` Kosovo, `PS` Palestinian territories).
        pub country: String,
        pub city: String,
        /// Has the need for expertise been identified with the partner? `null` when not answered.
        pub need_identified: Option<bool>,
        pub relationship: String,
    }
}

json_struct! {
    section
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
        /// For a reciprocity mission: the expert hosted in France (optional).
        pub hosted_expert: Option<HostedExpert>,
    }
}

json_struct! {
    section
    pub struct HostedExpert {
        /// The partner's organisation the expert comes from.
        pub organisation: String,
        pub role: String,
        pub profile: String,
    }
}

json_struct! {
    section
    pub struct Budget {
        pub expenses: Vec<Expense>,
        pub resources: Vec<Resource>,
    }
}

json_struct! {
    section
    pub struct Expense {
        /// The id of one of the edition's expense categories.
        pub category: String,
        pub label: String,
        pub amount_cents: Cents,
    }
}

json_struct! {
    section
    pub struct Resource {
        /// The id of one of the edition's resource sources; the lines of the source that the edition
        /// marks `request` make the contribution requested from the call.
        pub source: String,
        pub label: String,
        pub amount_cents: Cents,
    }
}

json_struct! {
    section
    pub struct Declarations {
        /// The association declares the mission in line with the values of the charter of the network
        /// that publishes the call.
        pub charter: bool,
        /// The association certifies that the information given is accurate.
        pub accurate: bool,
    }
}

/// An amount of money in euro cents, as the dossier writes it (`65000` for 650 €): an integer, never
/// a float. Its own type so that a wrong value is told « un nombre entier de centimes ».
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(transparent)]
pub struct Cents(pub i64);

/// Written in the schema as the integer it is, in place, as before the type existed.
#[cfg(feature = "schema")]
impl schemars::JsonSchema for Cents {
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> std::borrow::Cow<'static, str> {
        i64::schema_name()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        i64::json_schema(generator)
    }
}

impl From<i64> for Cents {
    fn from(cents: i64) -> Self {
        Cents(cents)
    }
}

impl PartialEq<i64> for Cents {
    fn eq(&self, other: &i64) -> bool {
        self.0 == *other
    }
}

impl Json for Cents {
    const SHAPE: Shape = Shape::Cents;

    fn to_json(&self) -> Value {
        Value::Number(Number::Int(self.0))
    }

    fn from_json(value: &Value) -> Option<Self> {
        value.as_i64().map(Cents)
    }
}
