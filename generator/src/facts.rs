//! Stage `facts`: the call's facts as French display strings, computed from the [`Edition`], and their
//! substitution into pages written as `{{ funding.cap }}`, so page text and rules cannot disagree.
//!
//! Substitution runs on the Markdown source, before it is parsed. `\{{` writes a literal `{{` (in code
//! too); an unknown name stops the build with its position and the closest known names.
//!
//! Facts are text: in a page's Markdown each one stands as a token that the Markdown stage fills in
//! after parsing (see [`crate::markdown::fact_token`]), so an organiser named `</script>` or `*x*` is
//! shown as written. The two list facts are Markdown made here, from escaped parts.

use std::collections::{BTreeMap, BTreeSet};

use anyhow::bail;
use serde::Serialize;
use wasm_validator::Edition;

use crate::french;
use crate::markdown::escape_inline;

/// Every fact, by name.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(transparent)]
pub struct Facts {
    map: BTreeMap<String, String>,
    /// The facts whose value is Markdown (the lists), inserted as they are.
    #[serde(skip)]
    markdown: BTreeSet<String>,
}

/// A page's Markdown with its facts as tokens, and the tokens' values, for
/// [`crate::markdown::render_with_facts`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Marked {
    pub markdown: String,
    pub values: Vec<String>,
}

impl Facts {
    /// Computes every fact of `edition`.
    pub fn from_edition(e: &Edition) -> Self {
        let mut map = BTreeMap::new();
        let mut put = |name: &str, value: String| {
            map.insert(name.to_owned(), value);
        };
        put("edition.title", e.title.clone());
        put("edition.long_title", e.long_title.clone());
        put("edition.year", e.year.to_string());
        put("edition.region", e.region.clone());
        put("edition.missions_count", e.missions_count.to_string());
        put("organiser.name", e.organiser.name.clone());
        put("organiser.tagline", e.organiser.tagline.clone());
        put("organiser.address", e.organiser.address.clone());
        put("organiser.email", e.organiser.email.clone());
        put("organiser.website", e.organiser.website.clone());
        put("organiser.sdg_page", e.organiser.sdg_page.clone());
        for (name, value) in date_facts(e) {
            put(name, value);
        }
        put(
            "mission.duration_max_days",
            e.mission.duration_max_days.to_string(),
        );
        put(
            "mission.duration_short_days",
            e.mission.duration_short_days.to_string(),
        );
        put("mission.types_count", e.mission.types.len().to_string());
        put("mission.types_list", mission_types_list(e));
        // The types' list was lost from the call: while the network has not confirmed it, every
        // page that shows it says so.
        let status = if e.mission.types_to_confirm {
            "en attente de confirmation par"
        } else {
            "confirmée par"
        };
        put(
            "mission.types_status",
            format!("liste {status} {}", e.organiser.name),
        );
        put(
            "limits.short_text_chars",
            french::int(e.limits.short_text_chars as i64),
        );
        put(
            "limits.long_text_chars",
            french::int(e.limits.long_text_chars as i64),
        );
        for (key, _, value) in crate::assumptions::legal_items(&e.legal) {
            put(
                &format!("legal.{key}"),
                crate::assumptions::legal_shown(value),
            );
        }
        put("funding.rate", french::percent(e.funding.rate_percent));
        put("funding.cap", french::euros_round(e.funding.cap_cents));
        for (name, value) in eligibility_facts(e) {
            put(name, value);
        }
        let markdown = ["mission.types_list", "eligibility.sdgs_list"]
            .map(str::to_owned)
            .into();
        Facts { map, markdown }
    }

    /// Fills in the facts of the edition's rule sources (`content/rules.toml` quotes the call's page
    /// with its `{{ facts }}`), so that the catalogue, the self-check and the page of the checks
    /// say what the call's page says.
    /// `rules_text` is the file's text, to name the line of an unknown fact.
    pub fn fill_rule_sources(
        &self,
        edition: &mut Edition,
        (rules_text, origin): (&str, &str),
    ) -> anyhow::Result<()> {
        for source in &mut edition.rule_sources {
            for (key, text) in [("call", &mut source.call), ("reason", &mut source.reason)] {
                let Some(text) = text else { continue };
                // The key's line is looked up (a parse of the file) only to name an error.
                *text = match self.substitute(text, origin, 1) {
                    Ok(filled) => filled,
                    Err(_) => {
                        let line = wasm_validator::edition::sources::rule_key_line(
                            rules_text, &source.id, key,
                        );
                        self.substitute(text, origin, line.unwrap_or(1))?
                    }
                };
            }
        }
        Ok(())
    }

    pub fn get(&self, name: &str) -> Option<&str> {
        self.map.get(name).map(String::as_str)
    }

    pub fn map(&self) -> &BTreeMap<String, String> {
        &self.map
    }

    /// Replaces every `{{ name }}` of `text` by the fact's value; for text that is escaped where it
    /// is shown (the front matter, rendered by the templates). `origin` and `first_line` (the line of
    /// `text`'s first line in its file) locate errors.
    pub fn substitute(
        &self,
        text: &str,
        origin: &str,
        first_line: usize,
    ) -> anyhow::Result<String> {
        self.substitute_with(text, origin, first_line, |_, value, out| {
            out.push_str(value);
        })
    }

    /// Replaces every `{{ name }}` of a page's Markdown: a list fact by its Markdown, any other by a
    /// token whose value is filled in after parsing, as text.
    pub fn substitute_markdown(
        &self,
        text: &str,
        origin: &str,
        first_line: usize,
    ) -> anyhow::Result<Marked> {
        let mut values = Vec::new();
        let markdown = self.substitute_with(text, origin, first_line, |name, value, out| {
            if self.markdown.contains(name) {
                out.push_str(value);
            } else {
                out.push_str(&crate::markdown::fact_token(values.len()));
                values.push(value.to_owned());
            }
        })?;
        Ok(Marked { markdown, values })
    }

    fn substitute_with(
        &self,
        text: &str,
        origin: &str,
        first_line: usize,
        mut put: impl FnMut(&str, &str, &mut String),
    ) -> anyhow::Result<String> {
        let mut out = String::with_capacity(text.len());
        let mut rest = text;
        while let Some(open) = rest.find("{{") {
            let escaped = rest[..open].ends_with('\\');
            let before = if escaped {
                &rest[..open - 1]
            } else {
                &rest[..open]
            };
            out.push_str(before);
            let after = &rest[open + 2..];
            if escaped {
                out.push_str("{{");
                rest = after;
                continue;
            }
            let at = || {
                let (line, column) = crate::diag::line_col(text, text.len() - rest.len() + open);
                format!("{origin}:{}:{column}", line + first_line - 1)
            };
            let Some(close) = after.find("}}").filter(|&c| !after[..c].contains('\n')) else {
                bail!("{} : « {{{{ » ouvert sans « }}}} » sur la même ligne ; pour écrire « {{{{ » tel quel, écrivez « \\{{{{ ».", at());
            };
            let name = after[..close].trim();
            match self.map.get(name) {
                Some(value) => put(name, value, &mut out),
                None => bail!("{} : fait inconnu « {name} ». {}", at(), self.suggest(name)),
            }
            rest = &after[close + 2..];
        }
        out.push_str(rest);
        Ok(out)
    }

    /// The known names closest to `name`, to help fix a typo.
    fn suggest(&self, name: &str) -> String {
        let mut close: Vec<(usize, &str)> = self
            .map
            .keys()
            .map(|k| (strsim::levenshtein(name, k), k.as_str()))
            .filter(|&(d, k)| d <= 3 || same_group(name, k))
            .collect();
        close.sort();
        let names: Vec<&str> = close.iter().take(5).map(|&(_, k)| k).collect();
        if names.is_empty() {
            "Les faits disponibles sont listés dans content/README.md.".to_owned()
        } else {
            format!("Faits proches : {}.", names.join(", "))
        }
    }
}

fn same_group(a: &str, b: &str) -> bool {
    match (a.split_once('.'), b.split_once('.')) {
        (Some((ga, _)), Some((gb, _))) => ga == gb,
        _ => false,
    }
}

fn date_facts(e: &Edition) -> Vec<(&'static str, String)> {
    let d = &e.dates;
    let answer = crate::config::answer_month(&d.answer_month)
        .map_or_else(|| d.answer_month.clone(), |(y, m)| french::month_year(y, m));
    let start = d.mission_window_start;
    let end = d.mission_window_end;
    vec![
        ("dates.deadline", french::date_with_weekday(d.deadline)),
        ("dates.deadline_day_month", french::day_month(d.deadline)),
        ("dates.selection_start", french::date(d.selection_start)),
        ("dates.selection_end", french::date(d.selection_end)),
        ("dates.answer_month", answer),
        ("dates.window_start", french::date(start)),
        ("dates.window_end", french::date(end)),
        (
            "dates.window_start_month",
            french::month_year(start.year(), start.month()),
        ),
        (
            "dates.window_end_month",
            french::month_year(end.year(), end.month()),
        ),
    ]
}

/// `- **label** : description`, one line per mission type.
fn mission_types_list(e: &Edition) -> String {
    let lines: Vec<String> = e
        .mission
        .types
        .iter()
        // A run-in heading: the description is a sentence of its own, with its capital letter.
        .map(|t| {
            format!(
                "- **{}.** {}",
                escape_inline(&t.label),
                escape_inline(&t.description)
            )
        })
        .collect();
    lines.join("\n")
}

fn eligibility_facts(e: &Edition) -> Vec<(&'static str, String)> {
    let el = &e.eligibility;
    let departements: Vec<String> = el
        .departements
        .iter()
        .map(|d| format!("{} ({})", d.name, d.code))
        .collect();
    let sdgs: Vec<String> = el
        .sdg_list
        .iter()
        .map(|s| format!("{}. {}", s.number, escape_inline(&s.title_fr)))
        .collect();
    vec![
        ("eligibility.departements", french::join_and(&departements)),
        (
            "eligibility.countries_count",
            el.countries.len().to_string(),
        ),
        // A span of years takes an en dash in French print (2024–2025).
        (
            "eligibility.dac_list_years",
            el.dac_list_years.replace('-', "–"),
        ),
        ("eligibility.dac_list_url", el.dac_list_url.clone()),
        ("eligibility.sdg_url", el.sdg_url.clone()),
        ("eligibility.sdgs_list", sdgs.join("\n")),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    /// The facts of the tests' frozen 2025 edition (not `content/`, which moves on every year).
    fn facts() -> Facts {
        let frozen =
            Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/editions/explor-2025");
        let edition = crate::config::load_edition(&frozen).expect("the frozen edition loads");
        Facts::from_edition(&edition)
    }

    #[test]
    fn the_published_facts_have_their_french_form() {
        let f = facts();
        let expect = [
            ("dates.deadline", "dimanche 15 juin 2025"),
            ("dates.deadline_day_month", "15 juin"),
            ("dates.selection_start", "16 juin 2025"),
            ("dates.selection_end", "1er juillet 2025"),
            ("dates.answer_month", "juillet 2025"),
            ("dates.window_start", "1er juillet 2025"),
            ("dates.window_end", "31 mars 2026"),
            ("dates.window_start_month", "juillet 2025"),
            ("dates.window_end_month", "mars 2026"),
            ("mission.duration_max_days", "14"),
            ("mission.duration_short_days", "7"),
            ("mission.types_count", "4"),
            (
                "mission.types_status",
                "liste en attente de confirmation par Lianes coopération",
            ),
            ("limits.long_text_chars", "3\u{202f}000"),
            ("legal.host", "à compléter par le réseau"),
            ("funding.rate", "50\u{a0}%"),
            ("funding.cap", "1\u{202f}000\u{a0}€"),
            (
                "eligibility.departements",
                "Aisne (02), Nord (59), Oise (60), Pas-de-Calais (62) et Somme (80)",
            ),
            ("eligibility.countries_count", "141"),
            ("eligibility.dac_list_years", "2024–2025"),
            ("edition.year", "2025"),
            ("edition.missions_count", "6"),
        ];
        for (name, value) in expect {
            assert_eq!(f.get(name), Some(value), "{name}");
        }
        assert!(f
            .get("mission.types_list")
            .unwrap()
            .starts_with("- **Appui à la mise en œuvre d’un projet en cours.** Une expertise "));
        assert_eq!(f.get("mission.types_list").unwrap().lines().count(), 4);
        let sdgs = f.get("eligibility.sdgs_list").unwrap();
        assert_eq!(sdgs.lines().count(), 17);
        assert!(sdgs.starts_with("1. Pas de pauvreté\n2. Faim « zéro »\n"));
    }

    #[test]
    fn exactly_the_announced_names_exist() {
        let facts = facts();
        let names: Vec<&str> = facts.map().keys().map(String::as_str).collect();
        let mut announced = vec![
            "edition.title",
            "edition.long_title",
            "edition.year",
            "edition.region",
            "edition.missions_count",
            "organiser.name",
            "organiser.tagline",
            "organiser.address",
            "organiser.email",
            "organiser.website",
            "organiser.sdg_page",
            "dates.deadline",
            "dates.deadline_day_month",
            "dates.selection_start",
            "dates.selection_end",
            "dates.answer_month",
            "dates.window_start",
            "dates.window_end",
            "dates.window_start_month",
            "dates.window_end_month",
            "mission.duration_max_days",
            "mission.duration_short_days",
            "mission.types_count",
            "mission.types_list",
            "mission.types_status",
            "limits.short_text_chars",
            "limits.long_text_chars",
            "legal.publication_director",
            "legal.publisher_phone",
            "legal.host",
            "legal.retention",
            "funding.rate",
            "funding.cap",
            "eligibility.departements",
            "eligibility.countries_count",
            "eligibility.dac_list_years",
            "eligibility.dac_list_url",
            "eligibility.sdg_url",
            "eligibility.sdgs_list",
        ];
        announced.sort_unstable();
        assert_eq!(names, announced);
    }

    #[test]
    fn names_are_substituted_with_or_without_spaces() {
        let f = facts();
        let out = f
            .substitute(
                "Plafond : {{ funding.cap }}, taux {{funding.rate}}.",
                "p.md",
                1,
            )
            .unwrap();
        assert_eq!(out, "Plafond : 1\u{202f}000\u{a0}€, taux 50\u{a0}%.");
    }

    #[test]
    fn an_escaped_brace_pair_stays_literal() {
        let out = facts()
            .substitute("`\\{{ funding.cap }}`", "p.md", 1)
            .unwrap();
        assert_eq!(out, "`{{ funding.cap }}`");
    }

    #[test]
    fn an_unknown_name_gives_its_position_and_close_names() {
        let err = facts()
            .substitute(
                "Titre\n\nLe plafond est de {{ funding.capp }}.\n",
                "content/pages/appel.md",
                5,
            )
            .unwrap_err();
        assert_eq!(
            err.to_string(),
            "content/pages/appel.md:7:19 : fait inconnu « funding.capp ». Faits proches : funding.cap, funding.rate."
        );
        let err = facts()
            .substitute("{{ zzz }}", "p.md", 1)
            .unwrap_err()
            .to_string();
        assert_eq!(err, "p.md:1:1 : fait inconnu « zzz ». Les faits disponibles sont listés dans content/README.md.");
    }

    #[test]
    fn an_unclosed_pair_is_an_error() {
        let err = facts()
            .substitute("a {{ funding.cap\n}}", "p.md", 1)
            .unwrap_err()
            .to_string();
        assert!(
            err.starts_with("p.md:1:3 : « {{ » ouvert sans « }} »"),
            "{err}"
        );
    }
}
