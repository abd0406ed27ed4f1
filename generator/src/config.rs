//! Stage `config`: loads the edition file (`content/edition.toml`) and the data files it names (DAC list,
//! SDGs) into one [`Edition`], and refuses facts that contradict each other, naming the fact and its line.
//! Also loads the site's publication settings (`content/site.toml`).

use std::collections::BTreeSet;
use std::fmt::Display;
use std::path::Path;

use anyhow::{anyhow, bail};
use serde::Deserialize;
use wasm_validator::edition::{Country, Sdg};
use wasm_validator::Edition;

use crate::diag::{from_toml, toml_key_line};

/// The edition file's name inside `content/`.
pub const EDITION_FILE: &str = "edition.toml";
/// The site settings file's name inside `content/`.
pub const SITE_FILE: &str = "site.toml";

/// The DAC income groups, in the order the OECD lists them.
pub const COUNTRY_GROUPS: [&str; 4] = ["LDC", "OTHER_LIC", "LMIC", "UMIC"];

/// Loads `content_dir/edition.toml` with its data files, checked. Error messages show paths as
/// `content_dir` is given.
pub fn load_edition(content_dir: &Path) -> anyhow::Result<Edition> {
    load_edition_shown(content_dir, content_dir)
}

/// Like [`load_edition`], but names files in messages under `shown` (e.g. `content`) instead of the
/// real directory, so that messages stay the same wherever the project lives.
pub fn load_edition_shown(content_dir: &Path, shown: &Path) -> anyhow::Result<Edition> {
    let origin = shown.join(EDITION_FILE).display().to_string();
    let text = read(&content_dir.join(EDITION_FILE), &origin)?;
    let mut edition = parse(&text, &origin)?;
    let data = |key: &str, file: &str| -> anyhow::Result<(String, String)> {
        let data_origin = shown.join(file).display().to_string();
        let text = std::fs::read_to_string(content_dir.join(file)).map_err(|e| {
            anyhow!("{data_origin} : lecture impossible ({e}) ; ce fichier est nommé par eligibility.{key} dans {origin}, corrigez le chemin (relatif au dossier content).")
        })?;
        Ok((text, data_origin))
    };
    let (dac_text, dac_origin) = data("dac_list", &edition.eligibility.dac_list)?;
    edition.eligibility.countries = parse_countries(&dac_text, &dac_origin)?;
    let (sdg_text, sdg_origin) = data("sdgs", &edition.eligibility.sdgs)?;
    edition.eligibility.sdg_list = parse_sdgs(&sdg_text, &sdg_origin)?;
    Ok(edition)
}

fn read(path: &Path, origin: &str) -> anyhow::Result<String> {
    std::fs::read_to_string(path).map_err(|e| anyhow!("{origin} : lecture impossible ({e})."))
}

/// Parses and checks the edition file's text (without its data files, which stay empty).
pub fn parse(text: &str, origin: &str) -> anyhow::Result<Edition> {
    // A new edition's dates are markers until the staff fill them (see `explor new-edition`).
    crate::new_edition::check_filled(text, origin)?;
    let edition: Edition = from_toml(origin, text, 0)?;
    check(&edition, text, origin)?;
    Ok(edition)
}

/// One fact found wrong: its table and key (to find its line), and what to say.
struct Wrong {
    table: &'static str,
    key: &'static str,
    nth: usize,
    message: String,
}

fn wrong(table: &'static str, key: &'static str, message: impl Display) -> Wrong {
    Wrong {
        table,
        key,
        nth: 0,
        message: message.to_string(),
    }
}

/// The facts that must agree with each other; the first disagreement stops the build.
fn check(e: &Edition, text: &str, origin: &str) -> anyhow::Result<()> {
    let found = check_numbers(e)
        .or_else(|| check_dates(e))
        .or_else(|| check_lists(e));
    let Some(w) = found else { return Ok(()) };
    let name = if w.table.is_empty() {
        w.key.to_owned()
    } else {
        format!("{}.{}", w.table, w.key)
    };
    let at = match toml_key_line(text, w.table, w.key, w.nth) {
        Some(line) => format!("{origin}:{line}"),
        None => origin.to_owned(),
    };
    bail!("{at} : {name} : {}", w.message)
}

fn check_numbers(e: &Edition) -> Option<Wrong> {
    let f = &e.funding;
    let m = &e.mission;
    if f.cap_cents < 0 {
        return Some(wrong("funding", "cap_cents", format!(
            "le plafond par mission ne peut pas être négatif ({}) ; écrivez un montant en centimes (100000 pour 1 000 €).",
            f.cap_cents
        )));
    }
    if !(0..=100).contains(&f.rate_percent) {
        return Some(wrong(
            "funding",
            "rate_percent",
            format!(
                "le taux de financement doit être compris entre 0 et 100 (pour cent), et non {}.",
                f.rate_percent
            ),
        ));
    }
    if f.amount_max_cents <= 0 {
        return Some(wrong(
            "funding",
            "amount_max_cents",
            "le montant maximal d’une ligne doit être positif (en centimes).",
        ));
    }
    if e.missions_count == 0 {
        return Some(wrong(
            "",
            "missions_count",
            "l’appel doit cofinancer au moins une mission.",
        ));
    }
    if m.duration_max_days < 1 {
        return Some(wrong(
            "mission",
            "duration_max_days",
            "la durée maximale d’une mission doit être d’au moins un jour.",
        ));
    }
    if m.duration_short_days < 1 || m.duration_short_days > m.duration_max_days {
        return Some(wrong("mission", "duration_short_days", format!(
            "la durée en deçà de laquelle une mission est jugée courte doit être comprise entre 1 et la durée maximale ({} jours).",
            m.duration_max_days
        )));
    }
    if e.limits.short_text_chars == 0 || e.limits.long_text_chars < e.limits.short_text_chars {
        return Some(wrong(
            "limits",
            "long_text_chars",
            "les longueurs maximales doivent être positives, la longue au moins égale à la courte.",
        ));
    }
    None
}

fn check_dates(e: &Edition) -> Option<Wrong> {
    let d = &e.dates;
    if jiff::tz::db().get(&d.timezone).is_err() {
        return Some(wrong("dates", "timezone", format!(
            "« {} » n’est pas un fuseau horaire connu ; écrivez un nom IANA comme « Europe/Paris ».",
            d.timezone
        )));
    }
    if d.mission_window_start > d.mission_window_end {
        return Some(wrong(
            "dates",
            "mission_window_start",
            format!(
                "la période des missions commence ({}) après sa fin (mission_window_end = {}).",
                d.mission_window_start, d.mission_window_end
            ),
        ));
    }
    if d.deadline > d.mission_window_end {
        return Some(wrong("dates", "deadline", format!(
            "la date limite de dépôt ({}) tombe après la fin de la période des missions (mission_window_end = {}).",
            d.deadline, d.mission_window_end
        )));
    }
    if d.selection_start > d.selection_end {
        return Some(wrong(
            "dates",
            "selection_start",
            format!(
                "la sélection commence ({}) après sa fin (selection_end = {}).",
                d.selection_start, d.selection_end
            ),
        ));
    }
    if answer_month(&d.answer_month).is_none() {
        return Some(wrong(
            "dates",
            "answer_month",
            format!(
                "« {} » n’est pas un mois au format AAAA-MM (par exemple « 2025-07 »).",
                d.answer_month
            ),
        ));
    }
    None
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

fn check_lists(e: &Edition) -> Option<Wrong> {
    if e.mission.types.is_empty() {
        return Some(wrong(
            "mission",
            "types_to_confirm",
            "la liste des types de mission ([[mission.types]]) est vide ; décrivez-en au moins un.",
        ));
    }
    if let Some(nth) = first_duplicate(e.mission.types.iter().map(|t| t.id.as_str())) {
        return Some(Wrong {
            nth,
            ..wrong("mission.types", "id", format!(
                "l’identifiant « {} » est déjà pris par un autre type de mission ; chaque type doit avoir le sien.",
                e.mission.types[nth].id
            ))
        });
    }
    let lists: [(&'static str, &'static str, Vec<&str>); 3] = [
        (
            "eligibility",
            "departements",
            e.eligibility
                .departements
                .iter()
                .map(|d| d.code.as_str())
                .collect(),
        ),
        (
            "budget",
            "expense_categories",
            e.budget
                .expense_categories
                .iter()
                .map(|c| c.id.as_str())
                .collect(),
        ),
        (
            "budget",
            "resource_sources",
            e.budget
                .resource_sources
                .iter()
                .map(|c| c.id.as_str())
                .collect(),
        ),
    ];
    for (table, key, ids) in lists {
        if ids.is_empty() {
            return Some(wrong(
                table,
                key,
                "la liste est vide ; elle doit compter au moins un élément.",
            ));
        }
        if let Some(i) = first_duplicate(ids.iter().copied()) {
            return Some(wrong(
                table,
                key,
                format!("« {} » figure deux fois dans la liste.", ids[i]),
            ));
        }
    }
    None
}

/// Index of the first item equal to an earlier one.
fn first_duplicate<'a>(items: impl Iterator<Item = &'a str>) -> Option<usize> {
    let mut seen = BTreeSet::new();
    items
        .enumerate()
        .find_map(|(i, id)| (!seen.insert(id)).then_some(i))
}

#[derive(Deserialize)]
struct CountryRow {
    iso2: String,
    name_fr: String,
    group: String,
}

/// Parses the DAC list CSV (columns `iso2`, `name_fr`, `group`; others ignored).
pub fn parse_countries(text: &str, origin: &str) -> anyhow::Result<Vec<Country>> {
    let mut countries: Vec<Country> = Vec::new();
    for (line, row) in csv_rows::<CountryRow>(text, origin)? {
        let iso2_ok = row.iso2.len() == 2 && row.iso2.bytes().all(|b| b.is_ascii_uppercase());
        if !iso2_ok {
            bail!(
                "{origin}:{line} : « {} » n’est pas un code pays ISO à deux lettres majuscules.",
                row.iso2
            );
        }
        if row.name_fr.trim().is_empty() {
            bail!(
                "{origin}:{line} : le nom français du pays {} est vide.",
                row.iso2
            );
        }
        if !COUNTRY_GROUPS.contains(&row.group.as_str()) {
            bail!(
                "{origin}:{line} : groupe « {} » inconnu pour {} ; écrivez l’un de {}.",
                row.group,
                row.iso2,
                COUNTRY_GROUPS.join(", ")
            );
        }
        if countries.iter().any(|c| c.iso2 == row.iso2) {
            bail!(
                "{origin}:{line} : le pays {} figure deux fois dans la liste.",
                row.iso2
            );
        }
        countries.push(Country {
            iso2: row.iso2,
            name_fr: row.name_fr,
            group: row.group,
        });
    }
    if countries.is_empty() {
        bail!("{origin} : la liste des pays éligibles est vide.");
    }
    Ok(countries)
}

/// Every record of a CSV text with a header line, deserialised, with its 1-based line.
fn csv_rows<T: serde::de::DeserializeOwned>(
    text: &str,
    origin: &str,
) -> anyhow::Result<Vec<(u64, T)>> {
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let headers = reader
        .headers()
        .map_err(|e| anyhow!("{origin}:1 : ligne d’en-tête illisible ({e})."))?
        .clone();
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| {
            let line = e.position().map_or(0, csv::Position::line);
            anyhow!("{origin}:{line} : ligne illisible ({e}).")
        })?;
        let line = record.position().map_or(0, csv::Position::line);
        let row = record
            .deserialize(Some(&headers))
            .map_err(|e| anyhow!("{origin}:{line} : ligne illisible ({e})."))?;
        rows.push((line, row));
    }
    Ok(rows)
}

#[derive(Deserialize)]
struct SdgRow {
    number: u8,
    title_fr: String,
}

/// Parses the SDG CSV (columns `number`, `title_fr`; others ignored).
pub fn parse_sdgs(text: &str, origin: &str) -> anyhow::Result<Vec<Sdg>> {
    let mut sdgs: Vec<Sdg> = Vec::new();
    for (line, row) in csv_rows::<SdgRow>(text, origin)? {
        if row.number == 0 || sdgs.iter().any(|s| s.number == row.number) {
            bail!(
                "{origin}:{line} : le numéro d’objectif {} est nul ou figure deux fois.",
                row.number
            );
        }
        if row.title_fr.trim().is_empty() {
            bail!(
                "{origin}:{line} : l’intitulé de l’objectif {} est vide.",
                row.number
            );
        }
        sdgs.push(Sdg {
            number: row.number,
            title_fr: row.title_fr,
        });
    }
    if sdgs.is_empty() {
        bail!("{origin} : la liste des objectifs de développement durable est vide.");
    }
    Ok(sdgs)
}

/// Publication settings of the site, from `content/site.toml`. Not facts of the call: where the site
/// is published.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SiteFile {
    pub site: SiteSettings,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SiteSettings {
    /// Public address of the site's home page, e.g. `https://explor.example.org/` or
    /// `https://example.org/explor/`.
    pub url: String,
}

/// The site's public address, split into origin (`https://host`) and base path (`/explor/`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublicUrl {
    pub origin: String,
    pub base_path: String,
}

impl PublicUrl {
    /// Absolute URL of a path relative to the site root (`appel/` → `https://host/base/appel/`).
    pub fn absolute(&self, path: &str) -> String {
        format!("{}{}{}", self.origin, self.base_path, path)
    }

    /// The host name, used to make calendar UIDs globally unique.
    pub fn host(&self) -> &str {
        self.origin.split("://").nth(1).unwrap_or(&self.origin)
    }
}

/// Parses `site.toml`'s text.
pub fn parse_site(text: &str, origin: &str) -> anyhow::Result<PublicUrl> {
    let file: SiteFile = from_toml(origin, text, 0)?;
    split_url(&file.site.url).ok_or_else(|| {
        let line = toml_key_line(text, "site", "url", 0).map_or(String::new(), |l| format!(":{l}"));
        anyhow!(
            "{origin}{line} : site.url = « {} » n’est pas une adresse complète ; écrivez par exemple « https://explor.example.org/ ».",
            file.site.url
        )
    })
}

/// Loads `content_dir/site.toml`, naming it under `shown` in messages.
pub fn load_site(content_dir: &Path, shown: &Path) -> anyhow::Result<PublicUrl> {
    let origin = shown.join(SITE_FILE).display().to_string();
    let text = read(&content_dir.join(SITE_FILE), &origin)?;
    parse_site(&text, &origin)
}

fn split_url(url: &str) -> Option<PublicUrl> {
    let (scheme, rest) = url.split_once("://")?;
    if !(scheme == "https" || scheme == "http") || rest.is_empty() {
        return None;
    }
    let (host, path) = match rest.find('/') {
        Some(i) => rest.split_at(i),
        None => (rest, "/"),
    };
    if host.is_empty() || path.contains(['?', '#']) {
        return None;
    }
    Some(PublicUrl {
        origin: format!("{scheme}://{host}"),
        base_path: normalize_base_path(path),
    })
}

/// `explor` or `/explor` → `/explor/`; empty → `/`.
pub fn normalize_base_path(path: &str) -> String {
    let inner = path.trim_matches('/');
    if inner.is_empty() {
        "/".to_owned()
    } else {
        format!("/{inner}/")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const EDITION: &str = include_str!("../../content/edition.toml");

    fn edit(from: &str, to: &str) -> String {
        assert!(EDITION.contains(from), "fixture text not found: {from}");
        EDITION.replacen(from, to, 1)
    }

    fn line_of(text: &str, needle: &str) -> usize {
        text.lines().position(|l| l.starts_with(needle)).unwrap() + 1
    }

    #[test]
    fn the_real_edition_parses_and_passes_its_checks() {
        let edition = parse(EDITION, "content/edition.toml").unwrap();
        assert_eq!(edition.funding.cap_cents, 100_000);
        assert_eq!(edition.mission.types.len(), 4);
    }

    #[test]
    fn a_negative_cap_is_refused_with_its_line() {
        let text = edit("cap_cents = 100000", "cap_cents = -100");
        let err = parse(&text, "content/edition.toml")
            .unwrap_err()
            .to_string();
        let line = line_of(&text, "cap_cents");
        assert_eq!(err, format!("content/edition.toml:{line} : funding.cap_cents : le plafond par mission ne peut pas être négatif (-100) ; écrivez un montant en centimes (100000 pour 1 000 €)."));
    }

    #[test]
    fn a_rate_above_100_is_refused() {
        let text = edit("rate_percent = 50", "rate_percent = 150");
        let err = parse(&text, "e.toml").unwrap_err().to_string();
        assert!(
            err.starts_with(&format!(
                "e.toml:{} : funding.rate_percent :",
                line_of(&text, "rate_percent")
            )),
            "{err}"
        );
    }

    #[test]
    fn inconsistent_dates_are_refused() {
        let text = edit("deadline = \"2025-06-15\"", "deadline = \"2026-06-15\"");
        let err = parse(&text, "e.toml").unwrap_err().to_string();
        assert!(
            err.contains("dates.deadline : la date limite de dépôt (2026-06-15) tombe après"),
            "{err}"
        );
        let text = edit(
            "mission_window_start = \"2025-07-01\"",
            "mission_window_start = \"2026-07-01\"",
        );
        let err = parse(&text, "e.toml").unwrap_err().to_string();
        assert!(
            err.contains("dates.mission_window_start : la période des missions commence"),
            "{err}"
        );
    }

    #[test]
    fn a_malformed_date_names_its_line_and_column() {
        let text = edit("deadline = \"2025-06-15\"", "deadline = \"15/06/2025\"");
        let err = parse(&text, "e.toml").unwrap_err().to_string();
        let prefix = format!("e.toml:{}:12 : ", line_of(&text, "deadline"));
        assert!(err.starts_with(&prefix), "{err}");
    }

    #[test]
    fn duplicate_mission_type_ids_point_at_the_second() {
        let text = edit("id = \"evaluation\"", "id = \"preparation\"");
        let err = parse(&text, "e.toml").unwrap_err().to_string();
        let line = text
            .lines()
            .position(|l| l == "id = \"preparation\"")
            .unwrap()
            + 1;
        let second = text
            .lines()
            .skip(line)
            .position(|l| l == "id = \"preparation\"")
            .unwrap()
            + line
            + 1;
        assert!(
            err.starts_with(&format!(
                "e.toml:{second} : mission.types.id : l’identifiant « preparation »"
            )),
            "{err}"
        );
    }

    #[test]
    fn unknown_fields_are_refused() {
        let text = edit("[funding]", "[funding]\ncap = 1");
        let err = parse(&text, "e.toml").unwrap_err().to_string();
        assert!(
            err.starts_with(&format!(
                "e.toml:{}:1 : clé cap inconnue ;",
                line_of(&text, "cap =")
            )),
            "{err}"
        );
    }

    #[test]
    fn a_missing_data_file_is_named_with_the_key_that_names_it() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(EDITION_FILE), EDITION).unwrap();
        let err = load_edition_shown(dir.path(), Path::new("content"))
            .unwrap_err()
            .to_string();
        assert!(
            err.starts_with("content/data/dac-list-2024-2025.csv : lecture impossible ("),
            "{err}"
        );
        assert!(err.ends_with(") ; ce fichier est nommé par eligibility.dac_list dans content/edition.toml, corrigez le chemin (relatif au dossier content)."), "{err}");
    }

    #[test]
    fn countries_are_checked_row_by_row() {
        let ok = "iso2,iso3,name_en,name_fr,group\nSN,SEN,Senegal,Sénégal,LDC\n";
        assert_eq!(parse_countries(ok, "d.csv").unwrap()[0].name_fr, "Sénégal");
        let bad = "iso2,name_fr,group\nSN,Sénégal,LDC\nsn,Sénégal,LDC\n";
        assert_eq!(
            parse_countries(bad, "d.csv").unwrap_err().to_string(),
            "d.csv:3 : « sn » n’est pas un code pays ISO à deux lettres majuscules."
        );
        let empty = "iso2,name_fr,group\n";
        assert!(parse_countries(empty, "d.csv").is_err());
        let missing = "iso2,group\nSN,LDC\n";
        assert!(parse_countries(missing, "d.csv")
            .unwrap_err()
            .to_string()
            .starts_with("d.csv:"));
    }

    #[test]
    fn sdgs_are_checked() {
        let ok = "number,title_fr\n1,Pas de pauvreté\n";
        assert_eq!(parse_sdgs(ok, "o.csv").unwrap().len(), 1);
        let dup = "number,title_fr\n1,A\n1,B\n";
        assert!(parse_sdgs(dup, "o.csv")
            .unwrap_err()
            .to_string()
            .starts_with("o.csv:3 :"));
    }

    #[test]
    fn the_public_url_splits_into_origin_and_base_path() {
        let url = parse_site("[site]\nurl = \"https://example.org/explor\"\n", "s").unwrap();
        assert_eq!(url.origin, "https://example.org");
        assert_eq!(url.base_path, "/explor/");
        assert_eq!(url.absolute("appel/"), "https://example.org/explor/appel/");
        assert_eq!(url.host(), "example.org");
        let err = parse_site("[site]\nurl = \"example.org\"\n", "s")
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("s:2 : site.url"), "{err}");
        assert_eq!(normalize_base_path(""), "/");
        assert_eq!(normalize_base_path("a/b"), "/a/b/");
    }
}
