//! What templates see: view structs built from the edition, the facts and each page. Templates never
//! see internal types, so those can change without breaking the theme. The names here are a contract
//! with the form's templates (see `templates/README.md`).

use std::collections::BTreeMap;

use serde::Serialize;
use wasm_validator::edition::Island;
use wasm_validator::Edition;

use crate::config::COUNTRY_GROUPS;
use crate::facts::Facts;
use crate::french;
use crate::markdown::TocEntry;

/// What a template receives about its page; with [`CommonContext`], everything a template receives.
#[derive(Debug, Serialize)]
pub struct PageContext {
    pub site: SiteView,
    pub page: PageView,
    /// Logical asset name → URL relative to this page (`assets["style.css"]`).
    pub assets: BTreeMap<String, String>,
}

/// What every template receives alike, handed to the templates once per build rather than once per
/// page (converting the edition's long lists for each page was half of a large site's build time).
#[derive(Debug, Serialize)]
pub struct CommonContext<'a> {
    pub edition: &'a EditionView,
    /// The edition as the browser reads it (JSON, without the site's own parts), safe inside
    /// `<script type="application/json">`: for a page without the lists' controls (the staff page).
    pub edition_json: &'a str,
    /// The same for the application form and the self-check, whose island leaves the countries
    /// and the SDGs to their controls (`Island::FORM`, `Island::SELF_CHECK`).
    pub form_edition_json: &'a str,
    pub selfcheck_edition_json: &'a str,
    /// Logical asset name → path from the site root, for absolute URLs (`site.url ~ asset_paths[…]`).
    pub asset_paths: &'a BTreeMap<String, String>,
    /// Logical asset name → Subresource Integrity value (`sha384-…`).
    pub integrity: &'a BTreeMap<String, String>,
    /// `explor X.Y.Z`, for `<meta name="generator">`.
    pub generator: &'a str,
}

#[derive(Debug, Clone, Serialize)]
pub struct SiteView {
    pub title: String,
    pub lang: &'static str,
    pub organiser: OrganiserView,
    /// Way back to the site root from this page: `""`, `"../"` (or the base path on the 404 page).
    pub root: String,
    /// Link to the home page from this page (never empty).
    pub home: String,
    /// Absolute URL of the home page (`https://host/base/`), for canonical and social tags.
    pub url: String,
    pub nav: Vec<NavItem>,
}

#[derive(Debug, Clone, Serialize)]
pub struct OrganiserView {
    pub name: String,
    pub tagline: String,
    pub address: String,
    pub email: String,
    pub website: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct NavItem {
    pub title: String,
    pub url: String,
    pub current: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct PageView {
    pub title: String,
    pub description: String,
    /// Path from the site root: `""`, `appel/`.
    pub url: String,
    /// Absolute URL of the page.
    pub canonical: String,
    /// The page's HTML (insert with `| safe`).
    pub content: String,
    /// Table of contents: the second-level headings, each with its third-level ones in `children`;
    /// empty on short pages.
    pub toc: Vec<TocSection>,
    pub extra: toml::Table,
    /// The edition's assumptions this page relies on, shown as « Hypothèse » notes.
    pub assumptions: Vec<crate::assumptions::AssumptionView>,
}

/// A second-level heading and the third-level ones below it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TocSection {
    pub id: String,
    pub title: String,
    pub level: u8,
    pub children: Vec<TocEntry>,
}

/// Nests a flat list of headings: each third-level heading goes under the second-level one before it
/// (or stands alone if there is none).
pub fn nest_toc(entries: Vec<TocEntry>) -> Vec<TocSection> {
    let mut sections: Vec<TocSection> = Vec::new();
    for entry in entries {
        match sections.last_mut() {
            Some(section) if entry.level > 2 => section.children.push(entry),
            _ => sections.push(TocSection {
                id: entry.id,
                title: entry.title,
                level: entry.level,
                children: Vec::new(),
            }),
        }
    }
    sections
}

#[derive(Debug, Clone, Serialize)]
pub struct EditionView {
    pub id: String,
    pub title: String,
    pub long_title: String,
    pub year: i16,
    pub region: String,
    pub deadline_iso: String,
    pub timezone: String,
    /// The UTC offsets of `timezone` around the edition, as the form reads them to know today's
    /// date in the call's zone without `Intl` (see [`utc_offsets`]); empty if the zone is unknown.
    pub utc_offsets: String,
    pub email: String,
    /// Where a reciprocity mission takes place (`FR`), for the form's mission country list.
    pub reciprocity_country: String,
    /// The mission types await the network's confirmation: every place showing them says so, and
    /// choosing one is optional.
    pub types_to_confirm: bool,
    pub facts: Facts,
    pub mission_types: Vec<MissionTypeView>,
    pub countries: Vec<CountryView>,
    pub countries_by_group: Vec<CountryGroupView>,
    pub sdgs: Vec<SdgView>,
    pub departements: Vec<DepartementView>,
    /// An RNA number as the greffe of the edition's first département would give it
    /// (`W025001234` when the Aisne comes first): the form's hint shows it, so no region is written in
    /// a template.
    pub rna_example: String,
    pub expense_categories: Vec<ChoiceView>,
    pub resource_sources: Vec<ChoiceView>,
    pub key_dates: Vec<KeyDate>,
    /// Every rule of the catalogue, for the page « Comment votre dossier est vérifié ».
    pub rules: Vec<RuleView>,
    /// Every free text of the dossier by path (`budget.expenses[].label` for a list's column): its
    /// limit and whether it is optional, from `wasm_validator::fields`, so that the form's labels
    /// say « (facultatif) » and its counters count exactly as the rules do.
    pub texts: BTreeMap<String, TextView>,
    /// The site was built after the deadline: every reading page says the call is closed (the
    /// interactive pages decide again in the browser).
    pub closed: bool,
}

/// One free text of the form: its limit in characters, whether it may stay empty.
#[derive(Debug, Clone, Serialize)]
pub struct TextView {
    pub limit: usize,
    /// The limit in French (`3 000`).
    pub limit_text: String,
    pub optional: bool,
}

fn text_views(e: &Edition) -> BTreeMap<String, TextView> {
    use wasm_validator::fields;
    fields::TEXTS
        .iter()
        .map(|t| {
            let view = TextView {
                limit: fields::limit(e, t.size),
                limit_text: wasm_validator::fr::int(
                    i64::try_from(fields::limit(e, t.size)).unwrap_or(i64::MAX),
                ),
                optional: t.need == fields::Need::Optional,
            };
            (t.path.to_owned(), view)
        })
        .collect()
}

/// One rule as the page of the checks lists it, from [`wasm_validator::catalogue`].
#[derive(Debug, Clone, Serialize)]
pub struct RuleView {
    pub id: String,
    /// « Erreur », « Avertissement » or « Information ».
    pub severity: &'static str,
    pub eligibility: bool,
    pub summary: String,
    /// The call's sentence the rule enforces, or else the reason the dossier needs it.
    pub call: Option<String>,
    pub reason: Option<String>,
}

fn rule_views(e: &Edition) -> Vec<RuleView> {
    wasm_validator::catalogue(e)
        .into_iter()
        .map(|r| RuleView {
            id: r.id.to_owned(),
            severity: match r.severity {
                wasm_validator::Severity::Error => "Erreur",
                wasm_validator::Severity::Warning => "Avertissement",
                wasm_validator::Severity::Info => "Information",
            },
            eligibility: r.eligibility,
            summary: r.summary,
            call: r.call,
            reason: r.reason,
        })
        .collect()
}

#[derive(Debug, Clone, Serialize)]
pub struct MissionTypeView {
    pub id: String,
    pub label: String,
    pub description: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct CountryView {
    pub iso2: String,
    pub name_fr: String,
    pub group: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct CountryGroupView {
    /// DAC group code (`LDC`, `OTHER_LIC`, `LMIC`, `UMIC`).
    pub id: String,
    pub label: String,
    /// Fragment id for the group's heading (`pays-les-moins-avances`).
    pub anchor: String,
    pub countries: Vec<CountryView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct SdgView {
    pub number: u8,
    pub title: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct DepartementView {
    pub code: String,
    pub name: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct ChoiceView {
    pub id: String,
    pub label: String,
    /// The resource source that holds the contribution requested from the call.
    pub request: bool,
}

/// A date (or a period, with `end_iso`) of the call's calendar.
#[derive(Debug, Clone, Serialize)]
pub struct KeyDate {
    pub id: &'static str,
    pub label: String,
    /// `2025-06-15`, or `2025-07` for a month.
    pub date_iso: String,
    /// Last day of a period, or empty for a single date.
    pub end_iso: String,
    pub date_fr: String,
}

/// French headings of the DAC income groups, in the order of [`COUNTRY_GROUPS`].
fn group_label(id: &str) -> &'static str {
    match id {
        "LDC" => "Pays les moins avancés",
        "OTHER_LIC" => "Autres pays à faible revenu",
        "LMIC" => "Pays à revenu intermédiaire (tranche inférieure)",
        "UMIC" => "Pays à revenu intermédiaire (tranche supérieure)",
        _ => "Autres pays",
    }
}

/// The form's RNA example, the same as the rules' messages give ([`Eligibility::rna_example`]).
///
/// [`Eligibility::rna_example`]: wasm_validator::edition::Eligibility::rna_example
pub fn rna_example(e: &Edition) -> String {
    e.eligibility.rna_example()
}

impl EditionView {
    pub fn new(e: &Edition, facts: &Facts) -> EditionView {
        let (countries, countries_by_group) = country_views(e);
        let choices = |list: &[wasm_validator::edition::Choice]| {
            list.iter()
                .map(|c| ChoiceView {
                    id: c.id.clone(),
                    label: c.label.clone(),
                    request: c.request,
                })
                .collect()
        };
        EditionView {
            id: e.id.clone(),
            title: e.title.clone(),
            long_title: e.long_title.clone(),
            year: e.year,
            region: e.region.clone(),
            deadline_iso: e.dates.deadline.to_string(),
            timezone: e.dates.timezone.clone(),
            utc_offsets: utc_offsets(&e.dates.timezone, e.year),
            email: e.organiser.email.clone(),
            reciprocity_country: e.mission.reciprocity_country.clone(),
            types_to_confirm: e.mission.types_to_confirm,
            facts: facts.clone(),
            mission_types: e
                .mission
                .types
                .iter()
                .map(|t| MissionTypeView {
                    id: t.id.clone(),
                    label: t.label.clone(),
                    description: t.description.clone(),
                })
                .collect(),
            countries,
            countries_by_group,
            sdgs: e
                .eligibility
                .sdg_list
                .iter()
                .map(|s| SdgView {
                    number: s.number,
                    title: s.title_fr.clone(),
                })
                .collect(),
            departements: e
                .eligibility
                .departements
                .iter()
                .map(|d| DepartementView {
                    code: d.code.clone(),
                    name: d.name.clone(),
                })
                .collect(),
            rna_example: rna_example(e),
            expense_categories: choices(&e.budget.expense_categories),
            resource_sources: choices(&e.budget.resource_sources),
            key_dates: key_dates(e),
            rules: rule_views(e),
            texts: text_views(e),
            closed: false,
        }
    }

    /// The view of a site built on `day`: closed when `day` is past `e`'s deadline, the rule the
    /// browser applies (`form::export::is_closed`).
    pub fn built_on(mut self, day: jiff::civil::Date, e: &Edition) -> EditionView {
        self.closed = wasm_validator::form::export::is_closed(day, e.dates.deadline);
        self
    }
}

/// The eligible countries in French alphabetical order (accents ignored), and the same by DAC group.
fn country_views(e: &Edition) -> (Vec<CountryView>, Vec<CountryGroupView>) {
    let mut countries: Vec<CountryView> = e
        .eligibility
        .countries
        .iter()
        .map(|c| CountryView {
            iso2: c.iso2.clone(),
            name_fr: c.name_fr.clone(),
            group: c.group.clone(),
        })
        .collect();
    countries.sort_by_cached_key(|c| french::collation_key(&c.name_fr));
    let by_group = COUNTRY_GROUPS
        .iter()
        .map(|&id| CountryGroupView {
            id: id.to_owned(),
            label: group_label(id).to_owned(),
            anchor: french::slug(group_label(id)),
            countries: countries
                .iter()
                .filter(|c| c.group == id)
                .cloned()
                .collect(),
        })
        .filter(|g| !g.countries.is_empty())
        .collect();
    (countries, by_group)
}

/// The call's calendar, in time order.
pub fn key_dates(e: &Edition) -> Vec<KeyDate> {
    let d = &e.dates;
    let city = french::zone_city(&d.timezone);
    let answer = crate::config::answer_month(&d.answer_month)
        .map_or_else(|| d.answer_month.clone(), |(y, m)| french::month_year(y, m));
    vec![
        KeyDate {
            id: "deadline",
            label: "Date limite d’envoi des dossiers".to_owned(),
            date_iso: d.deadline.to_string(),
            end_iso: String::new(),
            date_fr: format!(
                "jusqu’au {} à minuit (heure de {city})",
                french::date_with_weekday(d.deadline)
            ),
        },
        KeyDate {
            id: "selection",
            label: "Examen des candidatures".to_owned(),
            date_iso: d.selection_start.to_string(),
            end_iso: d.selection_end.to_string(),
            date_fr: french::period(d.selection_start, d.selection_end),
        },
        KeyDate {
            id: "answer",
            label: "Réponse aux associations".to_owned(),
            date_iso: d.answer_month.clone(),
            end_iso: String::new(),
            // The call gives the answer at the start of the month (« début juillet »).
            date_fr: format!("début {answer}"),
        },
        KeyDate {
            id: "missions",
            label: "Réalisation des missions".to_owned(),
            date_iso: d.mission_window_start.to_string(),
            end_iso: d.mission_window_end.to_string(),
            date_fr: french::period(d.mission_window_start, d.mission_window_end),
        },
    ]
}

/// The UTC offsets of the IANA zone `zone` from 1 January of the year before `year` (a draft
/// prepared early) to the end of the third year after it (a site left online, or a simulator used
/// long after the call), in `wasm_validator::clock`'s text; empty if the zone is unknown. Outside
/// that span the form asks the browser's `Intl`, as it does without a table.
pub fn utc_offsets(zone: &str, year: i16) -> String {
    let Ok(tz) = jiff::tz::db().get(zone) else {
        return String::new();
    };
    let new_year = |year: Option<i16>| {
        let day = jiff::civil::Date::new(year?, 1, 1).ok()?;
        tz.to_ambiguous_timestamp(day.at(0, 0, 0, 0))
            .compatible()
            .ok()
    };
    let (Some(from), Some(until)) = (new_year(year.checked_sub(1)), new_year(year.checked_add(4)))
    else {
        return String::new();
    };
    let first = tz.to_offset(from).seconds();
    let mut last = first;
    let mut changes = Vec::new();
    for transition in tz.following(from) {
        if transition.timestamp() >= until {
            break;
        }
        // A change of name alone (a zone renaming its standard time) moves no date.
        let offset = transition.offset().seconds();
        if offset != last {
            changes.push((transition.timestamp().as_second(), offset));
            last = offset;
        }
    }
    wasm_validator::clock::Offsets::new(from.as_second(), first, &changes, until.as_second())
        .map(|table| table.encode())
        .unwrap_or_default()
}

/// The edition for an interactive page's `<script type="application/json">`: only what the
/// page's module reads and does not find in the page's controls (`island`), safe inside the element.
pub fn edition_script_json(edition: &Edition, island: Island) -> String {
    script_safe(&edition.to_browser_json_text(island))
}

/// JSON that can sit inside `<script type="application/json">`: `<`, `>` and `&` are escaped, so no
/// text of the edition can close the element or start a comment.
fn script_safe(json: &str) -> String {
    json.replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_rna_example_starts_with_the_first_departements_prefix() {
        let frozen = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../tests/fixtures/editions/explor-2025");
        let mut e = crate::config::load_edition(&frozen).expect("the frozen edition loads");
        assert_eq!(rna_example(&e), "W025001234");
        e.eligibility.departements[0].postal_prefixes = vec!["971".to_owned()];
        assert_eq!(rna_example(&e), "W971500123");
        e.eligibility.departements.clear();
        assert_eq!(rna_example(&e), "W500123400");
    }

    #[test]
    fn third_level_headings_nest_under_the_second_level_before_them() {
        let entry = |id: &str, level| TocEntry {
            id: id.to_owned(),
            title: id.to_uppercase(),
            level,
        };
        let toc = nest_toc(vec![
            entry("a", 3),
            entry("b", 2),
            entry("c", 3),
            entry("d", 3),
            entry("e", 2),
        ]);
        let shape: Vec<(&str, Vec<&str>)> = toc
            .iter()
            .map(|s| {
                (
                    s.id.as_str(),
                    s.children.iter().map(|c| c.id.as_str()).collect(),
                )
            })
            .collect();
        assert_eq!(shape, [("a", vec![]), ("b", vec!["c", "d"]), ("e", vec![])]);
        assert_eq!(toc[0].level, 3);
    }

    #[test]
    fn utc_offsets_span_the_edition_and_follow_the_zone() {
        use wasm_validator::clock::Offsets;
        let text = utc_offsets("Europe/Paris", 2025);
        let table = Offsets::parse(&text).unwrap();
        // From midnight on 1 January 2024 to midnight on 1 January 2029, Paris time (+1 h).
        assert!(text.starts_with("1704063600 3600 "), "{text}");
        assert!(text.ends_with(" 1861916400"), "{text}");
        // Two changes a year, five years.
        assert_eq!(text.split(' ').count(), 2 + 2 * 10 + 1, "{text}");
        assert_eq!(table.offset_at(1_743_296_400), Some(7200)); // 2025-03-30 01:00 UTC
        assert_eq!(table.offset_at(1_743_296_399), Some(3600));
        // A zone without daylight saving time: one offset.
        assert_eq!(
            utc_offsets("Asia/Tokyo", 2025),
            "1704034800 32400 1861887600"
        );
    }

    #[test]
    fn an_unknown_zone_gives_no_table() {
        assert_eq!(utc_offsets("Europe/Atlantis", 2025), "");
        assert_eq!(utc_offsets("Europe/Paris", i16::MAX), "");
    }

    #[test]
    fn script_json_cannot_close_the_script_element() {
        let json = script_safe(&serde_json::to_string("</script><!-- & -->").unwrap());
        assert_eq!(
            json,
            "\"\\u003c/script\\u003e\\u003c!-- \\u0026 --\\u003e\""
        );
        let back: String = serde_json::from_str(&json).unwrap();
        assert_eq!(back, "</script><!-- & -->");
    }
}
