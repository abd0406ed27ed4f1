//! The form pages carry each of the edition's lists once: the countries and the SDGs in their
//! controls only (the data island leaves them out, `Island`), and the island only what the pages'
//! module reads. The edition the browser rebuilds from a real page (island, then the controls'
//! lists as `wasm/lists.rs` reads them through `edition::controls`) is the one the rules use
//! natively for the frozen edition.

use std::fs;

use generator::links::decode_entities;
use generator::typeset_html::typeset_html;
use wasm_validator::edition::{controls, Country};
use wasm_validator::json::{self, Value};
use wasm_validator::Edition;

mod real_project;
use real_project::{built_real_pages_with_the_frozen_edition, real_pages_with_the_frozen_edition};

/// The text of `html` between the end of the first `start` and the following `end`.
fn between<'a>(html: &'a str, start: &str, end: &str) -> &'a str {
    let from = html.find(start).unwrap_or_else(|| panic!("no {start}")) + start.len();
    let to = html[from..].find(end).unwrap_or_else(|| panic!("no {end}")) + from;
    &html[from..to]
}

/// The value of `name` in a start tag's text.
fn attribute(tag: &str, name: &str) -> Option<String> {
    let start = format!(" {name}=\"");
    let from = tag.find(&start)? + start.len();
    Some(decode_entities(&tag[from..from + tag[from..].find('"')?]))
}

/// The countries of the list marked `data-edition-list="countries"`, as the shell reads them.
fn countries_of(html: &str) -> Vec<Country> {
    let list = between(html, "data-edition-list=\"countries\">", "</select>");
    list.split("<option")
        .skip(1)
        .filter(|option| !option.contains("data-off-list"))
        .filter_map(|option| {
            let (tag, rest) = option.split_once('>')?;
            let text = decode_entities(&rest[..rest.find("</option>")?]);
            controls::country(&attribute(tag, "value")?, &text)
        })
        .collect()
}

/// The SDGs of the tick boxes inside the element marked `data-edition-list="sdgs"`.
fn sdgs_of(html: &str) -> Vec<wasm_validator::edition::Sdg> {
    let boxes = between(html, "data-edition-list=\"sdgs\">", "</fieldset>");
    boxes
        .split("<label")
        .skip(1)
        .filter_map(|label| controls::sdg(&decode_entities(between(label, ">", "</label>"))))
        .collect()
}

/// The edition `explor check` judges with, as the browser reads it (without the site's parts).
fn native_edition() -> Edition {
    let project = real_pages_with_the_frozen_edition();
    let content = project.path().join("content");
    let mut loaded = generator::config::load_edition(&content).unwrap();
    let rules = fs::read_to_string(content.join("rules.toml")).unwrap();
    generator::facts::Facts::from_edition(&loaded)
        .fill_rule_sources(&mut loaded, (&rules, "content/rules.toml"))
        .unwrap();
    let whole = serde_json::to_string(&loaded).unwrap();
    Edition::from_json_text(&whole).expect("the browser reads the whole edition")
}

/// Every key path of a JSON value (`eligibility.countries[].iso2`), sorted, once each.
fn key_paths(value: &Value, at: &str, out: &mut Vec<String>) {
    match value {
        Value::Object(fields) => {
            for (key, inner) in fields.iter() {
                let path = if at.is_empty() {
                    key.to_string()
                } else {
                    format!("{at}.{key}")
                };
                out.push(path.clone());
                key_paths(inner, &path, out);
            }
        }
        Value::Array(items) => {
            for item in items {
                key_paths(item, &format!("{at}[]"), out);
            }
        }
        _ => {}
    }
}

fn island_of(html: &str) -> String {
    between(
        html,
        "<script type=\"application/json\" id=\"edition-data\">",
        "</script>",
    )
    .to_owned()
}

/// The edition a page's module works with: its island, then the lists of its controls.
fn rebuilt(html: &str) -> Edition {
    let island = Edition::from_json_text(&island_of(html)).expect("the island reads");
    assert!(island.eligibility.countries.is_empty(), "countries twice");
    assert!(island.eligibility.sdg_list.is_empty(), "SDGs twice");
    island.with_control_lists(Some(countries_of(html)), Some(sdgs_of(html)))
}

/// `edition` as a page shows its lists: the countries in the order of their codes (the pages list
/// them in French alphabetical order, the edition in the DAC list's; the rules only look a
/// country up by its code), the names in the site's typography (`Côte d’Ivoire`, `Faim « zéro »`
/// with its narrow spaces), which every page's text gets and the rules' messages keep.
fn as_shown(mut edition: Edition) -> Edition {
    let g = &mut edition.eligibility;
    g.countries.sort_by(|a, b| a.iso2.cmp(&b.iso2));
    for c in &mut g.countries {
        c.name_fr = typeset_html(&c.name_fr);
    }
    for s in &mut g.sdg_list {
        s.title_fr = typeset_html(&s.title_fr);
    }
    edition
}

#[test]
fn the_edition_rebuilt_from_each_form_page_is_the_one_the_rules_use() {
    let site = built_real_pages_with_the_frozen_edition();
    let native = as_shown(native_edition());
    assert!(native.eligibility.countries.len() > 100);
    assert_eq!(native.eligibility.sdg_list.len(), 17);

    let form = fs::read_to_string(site.path().join("dist/candidature/index.html")).unwrap();
    let mut expected = native.clone();
    expected.rule_sources.clear();
    assert_eq!(as_shown(rebuilt(&form)), expected);
    // The mission's country list offers the same countries, France first for reciprocity.
    let mission = between(&form, "name=\"mission.country\"", "</select>");
    for country in &native.eligibility.countries {
        let option = format!("<option value=\"{}\">", country.iso2);
        assert_eq!(form.matches(&option).count(), 2, "{option}");
        assert!(mission.contains(&option), "{option}");
    }

    let selfcheck = fs::read_to_string(site.path().join("dist/eligibilite/index.html")).unwrap();
    let mut expected = native.clone();
    expected.rule_sources.retain(|s| s.call.is_some());
    assert!(!expected.rule_sources.is_empty());
    assert_eq!(as_shown(rebuilt(&selfcheck)), expected);
}

/// What each form page's island carries, key by key, and who reads it in the browser. A key that
/// comes back (a field the module does not read, or a list the controls already carry) fails here:
/// skip it in `edition.rs` (`#[skipped]`) or leave it to the page (`Island`) rather than add it.
const READ_BY_THE_MODULE: &[&str] = &[
    "id",     // drafts' storage key, the dossier's edition
    "title",  // dossier.edition, the readable copy, the partner's text
    "region", // applicant.address rules' messages
    "organiser",
    "organiser.name",  // messages of the rules
    "organiser.email", // messages, « Envoyer par courriel »
    "dates",
    "dates.timezone",             // today in the call's zone
    "dates.deadline",             // on_time, the closed banner
    "dates.mission_window_start", // calendar rules
    "dates.mission_window_end",   // calendar rules
    "mission",
    "mission.duration_max_days",   // mission rules
    "mission.duration_min_days",   // mission rules
    "mission.duration_short_days", // mission rules
    "mission.reciprocity_country", // mission rules
    "mission.types_to_confirm",    // mission rules
    "mission.types",               // mission rules, the readable copy
    "mission.types[].id",
    "mission.types[].label",
    "funding",
    "funding.rate_percent",     // budget rules, the figures
    "funding.cap_cents",        // budget rules, the figures
    "funding.amount_max_cents", // budget rules
    "eligibility",
    "eligibility.departements", // applicant rules (postal prefixes)
    "eligibility.departements[].code",
    "eligibility.departements[].name",
    "eligibility.departements[].postal_prefixes",
    "eligibility.dac_list_years", // partner rules' messages
    "eligibility.countries",      // empty: in the country list's options
    "eligibility.sdg_list",       // empty: in the SDGs' tick boxes
    "limits",
    "limits.short_text_chars", // text rules, counters
    "limits.long_text_chars",  // text rules, counters
    "budget",
    "budget.expense_categories", // budget rules, the readable copy
    "budget.expense_categories[].id",
    "budget.expense_categories[].label",
    "budget.expense_categories[].request",
    "budget.resource_sources", // budget rules (the requested line), the readable copy
    "budget.resource_sources[].id",
    "budget.resource_sources[].label",
    "budget.resource_sources[].request",
    "rule_sources", // the self-check's « Ce que dit l’appel »
];

/// The self-check's island adds the call's sentences behind its answers.
const READ_BY_THE_SELF_CHECK_ONLY: &[&str] = &["rule_sources[].id", "rule_sources[].call"];

/// The staff page has no list in its controls: its island carries them (codes, names, numbers and
/// titles; not the DAC groups).
const LISTS_OF_THE_STAFF_PAGE: &[&str] = &[
    "eligibility.countries[].iso2",
    "eligibility.countries[].name_fr",
    "eligibility.sdg_list[].number",
    "eligibility.sdg_list[].title_fr",
];

#[test]
fn each_interactive_page_carries_only_what_its_module_reads() {
    let site = built_real_pages_with_the_frozen_edition();
    for (page, extra) in [
        ("candidature", &[][..]),
        ("eligibilite", READ_BY_THE_SELF_CHECK_ONLY),
        ("verification", LISTS_OF_THE_STAFF_PAGE),
    ] {
        let html = fs::read_to_string(site.path().join(format!("dist/{page}/index.html"))).unwrap();
        let island = json::parse(&island_of(&html), 64).expect("JSON");
        let mut keys = Vec::new();
        key_paths(&island, "", &mut keys);
        keys.sort();
        keys.dedup();
        let mut expected: Vec<String> = READ_BY_THE_MODULE
            .iter()
            .chain(extra)
            .map(|k| (*k).to_owned())
            .collect();
        expected.sort();
        assert_eq!(keys, expected, "{page}: the island's keys");
    }
}
