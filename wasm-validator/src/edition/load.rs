//! The edition loader: `content/edition.toml` and the data files it names (DAC list, SDGs) → one
//! checked [`Edition`]. Native only (feature `load`, never in the WebAssembly module, which receives
//! the edition as JSON): the generator builds the site with it, `explor check` judges with it, and the
//! tests load their frozen editions with it. Every refusal names the file, the line where known, the
//! fact, and what to write instead, in French for the staff. What is possible but looks like a slip
//! (see [`super::review`]) comes back as warnings beside the edition ([`Loaded`]), which the build
//! prints without stopping.
//!
//! [`parse`] reads a text (pure), [`from_dir`] reads a `content/` folder with its data files; their
//! `_warned` forms keep the warnings.

use std::collections::BTreeSet;
use std::fmt::Display;
use std::path::Path;

use serde::Deserialize;

use super::toml_diag::{from_toml, toml_key_line};
use super::{answer_month, Country, Edition, Sdg, COUNTRY_GROUPS};

/// The edition file's name inside `content/`.
pub const EDITION_FILE: &str = "edition.toml";

/// The value `explor new-edition` writes in place of each date to fill; the loader refuses a file that
/// still holds it, naming its lines.
pub const MARKER: &str = "À COMPLÉTER";

/// Why an edition could not be loaded: a French message that names the file, the line where known,
/// and the fix.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadError(String);

impl Display for LoadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for LoadError {}

impl LoadError {
    pub(crate) fn new(message: String) -> LoadError {
        LoadError(message)
    }
}

type Result<T> = std::result::Result<T, LoadError>;

/// A [`LoadError`] from `format!` arguments.
macro_rules! err {
    ($($arg:tt)*) => {
        LoadError(format!($($arg)*))
    };
}

/// Returns a [`LoadError`] from `format!` arguments.
macro_rules! fail {
    ($($arg:tt)*) => {
        return Err(err!($($arg)*))
    };
}

/// Loads `content_dir/edition.toml` with its data files, checked. Messages show paths as
/// `content_dir` is given.
pub fn from_dir(content_dir: &Path) -> Result<Edition> {
    from_dir_shown(content_dir, content_dir)
}

/// Like [`from_dir`], but names files in messages under `shown` (e.g. `content`) instead of the real
/// directory, so that messages stay the same wherever the project lives.
pub fn from_dir_shown(content_dir: &Path, shown: &Path) -> Result<Edition> {
    from_dir_warned(content_dir, shown).map(|loaded| loaded.edition)
}

/// An edition that passed its checks, with what a careful reader would still question in it.
#[derive(Debug, Clone, PartialEq)]
pub struct Loaded {
    pub edition: Edition,
    /// Facts that are possible but look like a slip (`cap_cents = 1500`: 15 €), in French, each
    /// naming the file and the line; the build prints them and goes on.
    pub warnings: Vec<String>,
}

/// Like [`from_dir_shown`], keeping the warnings.
pub fn from_dir_warned(content_dir: &Path, shown: &Path) -> Result<Loaded> {
    let origin = shown.join(EDITION_FILE).display().to_string();
    let text = std::fs::read_to_string(content_dir.join(EDITION_FILE))
        .map_err(|e| err!("{origin} : lecture impossible ({e})."))?;
    let Loaded {
        mut edition,
        warnings,
    } = parse_warned(&text, &origin)?;
    let data = |key: &str, file: &str| -> Result<(String, String)> {
        let data_origin = shown.join(file).display().to_string();
        let text = std::fs::read_to_string(content_dir.join(file)).map_err(|e| {
            err!("{data_origin} : lecture impossible ({e}) ; ce fichier est nommé par eligibility.{key} dans {origin}, corrigez le chemin (relatif au dossier content).")
        })?;
        Ok((text, data_origin))
    };
    let (dac_text, dac_origin) = data("dac_list", &edition.eligibility.dac_list)?;
    edition.eligibility.countries = parse_countries(&dac_text, &dac_origin)?;
    let (sdg_text, sdg_origin) = data("sdgs", &edition.eligibility.sdgs)?;
    edition.eligibility.sdg_list = parse_sdgs(&sdg_text, &sdg_origin)?;
    edition.rule_sources = super::sources::from_dir_shown(content_dir, shown)?;
    Ok(Loaded { edition, warnings })
}

/// Parses and checks the edition file's text (without its data files, whose lists stay empty).
pub fn parse(text: &str, origin: &str) -> Result<Edition> {
    parse_warned(text, origin).map(|loaded| loaded.edition)
}

/// Like [`parse`], keeping the warnings.
pub fn parse_warned(text: &str, origin: &str) -> Result<Loaded> {
    // A new edition's dates are markers until the staff fill them (see `explor new-edition`).
    check_filled(text, origin)?;
    let edition: Edition = from_toml(origin, text, 0).map_err(LoadError)?;
    check(&edition, text, origin)?;
    let warnings = super::review::warnings(&edition)
        .into_iter()
        .map(|w| located(&w, text, origin, "attention"))
        .collect();
    Ok(Loaded { edition, warnings })
}

/// The values of an edition file that still hold the marker: `(line number, key)`, in file order.
/// Read with `toml_edit`, which keeps every key's place (a comment or a text that merely contains the
/// marker is not a value to fill).
pub fn unfilled(text: &str) -> Vec<(usize, String)> {
    let Ok(document) = toml_edit::Document::parse(text) else {
        // Not TOML: the loader says where and why.
        return Vec::new();
    };
    let mut found = Vec::new();
    marked(document.as_table(), text, &mut found);
    found.sort();
    found
}

/// Collects the keys of `table` (and of the tables inside it) whose value is the marker.
fn marked(table: &toml_edit::Table, text: &str, found: &mut Vec<(usize, String)>) {
    for (key, item) in table.iter() {
        match item {
            toml_edit::Item::Value(value) if value.as_str() == Some(MARKER) => {
                let at = table
                    .key(key)
                    .and_then(|k| k.span())
                    .map_or(0, |span| super::toml_diag::line_col(text, span.start).0);
                found.push((at, key.to_owned()));
            }
            toml_edit::Item::Table(inner) => marked(inner, text, found),
            toml_edit::Item::ArrayOfTables(tables) => {
                for inner in tables.iter() {
                    marked(inner, text, found);
                }
            }
            _ => {}
        }
    }
}

/// Refuses an edition file that still holds the marker, naming the file, the lines and the fix.
pub fn check_filled(text: &str, origin: &str) -> Result<()> {
    let missing = unfilled(text);
    let Some((line, key)) = missing.first() else {
        return Ok(());
    };
    let all: Vec<String> = missing
        .iter()
        .map(|(line, key)| format!("{key} (ligne {line})"))
        .collect();
    fail!(
        "{origin}, ligne {line} : « {key} » est encore « {MARKER} ». Écrivez la date de la nouvelle édition \
         au format AAAA-MM-JJ (AAAA-MM pour answer_month). À compléter : {}.",
        all.join(", ")
    )
}

/// One fact found wrong: its table and key (to find its line), and what to say.
pub(super) struct Wrong {
    pub(super) table: &'static str,
    pub(super) key: &'static str,
    pub(super) nth: usize,
    /// Text that marks the line of one element of an inline list (`code = "3"`).
    pub(super) near: Option<String>,
    pub(super) message: String,
}

pub(super) fn wrong(table: &'static str, key: &'static str, message: impl Display) -> Wrong {
    Wrong {
        table,
        key,
        nth: 0,
        near: None,
        message: message.to_string(),
    }
}

/// The facts that must agree with each other; the first disagreement stops the build.
fn check(e: &Edition, text: &str, origin: &str) -> Result<()> {
    let found = check_numbers(e)
        .or_else(|| check_dates(e))
        .or_else(|| check_lists(e))
        .or_else(|| super::review::refusal(e))
        .or_else(|| check_request_source(e))
        .or_else(|| check_urls(e));
    let Some(w) = found else { return Ok(()) };
    Err(LoadError(located(&w, text, origin, "")))
}

/// `origin:line : [lead : ]table.key : message`, the line found from the fact's key (or, for one
/// element of an inline list, from the text it holds).
fn located(w: &Wrong, text: &str, origin: &str, lead: &str) -> String {
    let name = if w.table.is_empty() {
        w.key.to_owned()
    } else {
        format!("{}.{}", w.table, w.key)
    };
    let line = match &w.near {
        Some(needle) => needle_line(text, w.table, w.key, needle),
        None => None,
    }
    .or_else(|| toml_key_line(text, w.table, w.key, w.nth));
    let at = match line {
        Some(line) => format!("{origin}:{line}"),
        None => origin.to_owned(),
    };
    let lead = if lead.is_empty() {
        String::new()
    } else {
        format!("{lead} : ")
    };
    format!("{at} : {lead}{name} : {}", w.message)
}

/// The first line, from the key's own line on, that holds `needle` (an element of an inline list
/// written on its own line).
fn needle_line(text: &str, table: &str, key: &str, needle: &str) -> Option<usize> {
    let start = toml_key_line(text, table, key, 0)?;
    text.lines()
        .enumerate()
        .skip(start - 1)
        .find(|(_, line)| line.contains(needle))
        .map(|(i, _)| i + 1)
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
    // Far beyond any mission, and far from where the sums of a dossier's amounts overflow.
    let limit = crate::rules::EDITION_AMOUNT_LIMIT_CENTS;
    for (key, value, what) in [
        ("cap_cents", f.cap_cents, "le plafond par mission"),
        (
            "amount_max_cents",
            f.amount_max_cents,
            "le montant maximal d’une ligne",
        ),
    ] {
        if value > limit {
            return Some(wrong("funding", key, format!(
                "{what} ne peut pas dépasser {limit} centimes (un milliard d’euros), et non {value} ; écrivez un montant en centimes (100000000 pour 1 000 000 €)."
            )));
        }
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
    if let Some(min) = m.duration_min_days {
        if min < 1 || min > m.duration_short_days {
            return Some(wrong("mission", "duration_min_days", format!(
                "la durée minimale d’une mission ({min} jours) doit être comprise entre 1 et la durée en deçà de laquelle une mission est jugée courte (duration_short_days = {} jours) ; retirez la ligne si l’appel ne fixe pas de minimum.",
                m.duration_short_days
            )));
        }
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

/// Exactly one resource source holds the contribution requested from the call: with none, every
/// request would count as 0 € and a dossier asking too much would pass without a word.
fn check_request_source(e: &Edition) -> Option<Wrong> {
    let requests: Vec<&str> = e
        .budget
        .resource_sources
        .iter()
        .filter(|s| s.request)
        .map(|s| s.id.as_str())
        .collect();
    let message = match requests.as_slice() {
        [_] => return None,
        [] => "aucune origine de ressource ne porte « request = true » : ajoutez-le à celle qui est la contribution demandée à l’appel (par exemple { id = \"…\", label = \"Contribution demandée…\", request = true }).".to_owned(),
        several => format!(
            "plusieurs origines de ressource portent « request = true » ({}) : une seule est la contribution demandée à l’appel, retirez-le des autres.",
            several.join(", ")
        ),
    };
    Some(wrong("budget", "resource_sources", message))
}

/// The edition's addresses end up in links of every page: only `https:` pages and a plain e-mail
/// address are accepted, so no `javascript:`, `data:` or `http:` link can be written into the site.
fn check_urls(e: &Edition) -> Option<Wrong> {
    let urls = [
        ("organiser", "website", &e.organiser.website),
        ("organiser", "sdg_page", &e.organiser.sdg_page),
        ("eligibility", "dac_list_url", &e.eligibility.dac_list_url),
        ("eligibility", "sdg_url", &e.eligibility.sdg_url),
    ];
    for (table, key, url) in urls {
        if !is_https_url(url) {
            return Some(wrong(table, key, format!(
                "« {url} » n’est pas une adresse de page web sûre ; écrivez une adresse complète qui commence par « https:// », sans espace ni guillemet (par exemple « https://www.example.org/ »)."
            )));
        }
    }
    let email = &e.organiser.email;
    if !is_email(email) {
        return Some(wrong("organiser", "email", format!(
            "« {email} » n’est pas une adresse électronique ; écrivez-la seule, sans « mailto: », espace ni guillemet (par exemple « contact@example.org »)."
        )));
    }
    None
}

/// Characters that no address of the edition may hold: they would end an attribute or a link.
fn unsafe_in_url(c: char) -> bool {
    c.is_whitespace() || c.is_control() || matches!(c, '"' | '\'' | '<' | '>' | '`' | '\\')
}

/// `https://host/…` with a host.
pub fn is_https_url(url: &str) -> bool {
    let Some(rest) = url.strip_prefix("https://") else {
        return false;
    };
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    !host.is_empty() && !host.contains('@') && !url.chars().any(unsafe_in_url)
}

/// `name@domain`, as written after `mailto:`.
pub fn is_email(email: &str) -> bool {
    let Some((name, domain)) = email.split_once('@') else {
        return false;
    };
    // Every label of the domain written (no `a@.org`, `a@b..org`, `a@b.`), the name not dotted at
    // its ends: what a mail client would refuse.
    let labels_ok = domain.split('.').count() >= 2
        && domain
            .split('.')
            .all(|l| !l.is_empty() && !l.starts_with('-') && !l.ends_with('-'));
    !name.is_empty()
        && !name.starts_with('.')
        && !name.ends_with('.')
        && labels_ok
        && !domain.contains('@')
        && !email
            .chars()
            .any(|c| unsafe_in_url(c) || matches!(c, ':' | '?' | '&' | '/' | '#'))
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
pub fn parse_countries(text: &str, origin: &str) -> Result<Vec<Country>> {
    let mut countries: Vec<Country> = Vec::new();
    for (line, row) in csv_rows::<CountryRow>(text, origin)? {
        let iso2_ok = row.iso2.len() == 2 && row.iso2.bytes().all(|b| b.is_ascii_uppercase());
        if !iso2_ok {
            fail!(
                "{origin}:{line} : « {} » n’est pas un code pays ISO à deux lettres majuscules.",
                row.iso2
            );
        }
        if row.name_fr.trim().is_empty() {
            fail!(
                "{origin}:{line} : le nom français du pays {} est vide.",
                row.iso2
            );
        }
        if !COUNTRY_GROUPS.contains(&row.group.as_str()) {
            fail!(
                "{origin}:{line} : groupe « {} » inconnu pour {} ; écrivez l’un de {}.",
                row.group,
                row.iso2,
                COUNTRY_GROUPS.join(", ")
            );
        }
        if countries.iter().any(|c| c.iso2 == row.iso2) {
            fail!(
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
        fail!("{origin} : la liste des pays éligibles est vide.");
    }
    Ok(countries)
}

/// Every record of a CSV text with a header line, deserialised, with its 1-based line.
fn csv_rows<T: serde::de::DeserializeOwned>(text: &str, origin: &str) -> Result<Vec<(u64, T)>> {
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let headers = reader
        .headers()
        .map_err(|e| err!("{origin}:1 : ligne d’en-tête illisible ({e})."))?
        .clone();
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| {
            let line = e.position().map_or(0, csv::Position::line);
            err!("{origin}:{line} : ligne illisible ({e}).")
        })?;
        let line = record.position().map_or(0, csv::Position::line);
        let row = record
            .deserialize(Some(&headers))
            .map_err(|e| err!("{origin}:{line} : ligne illisible ({e})."))?;
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
pub fn parse_sdgs(text: &str, origin: &str) -> Result<Vec<Sdg>> {
    let mut sdgs: Vec<Sdg> = Vec::new();
    for (line, row) in csv_rows::<SdgRow>(text, origin)? {
        if row.number == 0 || sdgs.iter().any(|s| s.number == row.number) {
            fail!(
                "{origin}:{line} : le numéro d’objectif {} est nul ou figure deux fois.",
                row.number
            );
        }
        if row.title_fr.trim().is_empty() {
            fail!(
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
        fail!("{origin} : la liste des objectifs de développement durable est vide.");
    }
    Ok(sdgs)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The frozen 2025 edition of the tests (not `content/`, which moves on every year).
    const FIXTURE: &str = "../tests/fixtures/editions/explor-2025";
    const EDITION: &str = include_str!("../../../tests/fixtures/editions/explor-2025/edition.toml");

    fn edit(from: &str, to: &str) -> String {
        assert!(EDITION.contains(from), "fixture text not found: {from}");
        EDITION.replacen(from, to, 1)
    }

    fn line_of(text: &str, needle: &str) -> usize {
        text.lines().position(|l| l.starts_with(needle)).unwrap() + 1
    }

    #[test]
    fn only_https_addresses_and_plain_emails_are_accepted() {
        for (key, from, to) in [
            (
                "organiser.website",
                "website = \"https://www.lianescooperation.org/\"",
                "website = \"javascript:alert(1)\"",
            ),
            (
                "organiser.website",
                "website = \"https://www.lianescooperation.org/\"",
                "website = \"http://www.lianescooperation.org/\"",
            ),
            (
                "organiser.website",
                "website = \"https://www.lianescooperation.org/\"",
                "website = \"https://x.org/\\\" onmouseover=\\\"a\"",
            ),
            (
                "organiser.sdg_page",
                "sdg_page = \"https://",
                "sdg_page = \"data:text/html,https://",
            ),
            (
                "eligibility.sdg_url",
                "sdg_url = \"https://",
                "sdg_url = \"JavaScript:x//",
            ),
            (
                "eligibility.dac_list_url",
                "dac_list_url = \"https://",
                "dac_list_url = \"https:///",
            ),
            (
                "organiser.email",
                "email = \"Explor-RRMA@",
                "email = \"javascript:x@",
            ),
        ] {
            let text = edit(from, to);
            let err = match parse(&text, "content/edition.toml") {
                Ok(_) => panic!("{to} accepted"),
                Err(err) => err.to_string(),
            };
            let line = line_of(&text, key.split_once('.').unwrap().1);
            assert!(
                err.starts_with(&format!("content/edition.toml:{line} : {key} : « ")),
                "{to}: {err}"
            );
        }
        assert!(is_https_url("https://www.undp.org/fr/a?b=c#d"));
        assert!(is_email("Explor-RRMA@lianescooperation.org"));
        assert!(!is_email("a@b.org?subject=x"));
    }

    /// Issue 13, point 7: an edition's amounts have sane bounds, refused at load naming the fact.
    #[test]
    fn amounts_beyond_a_billion_euros_are_refused_with_their_line() {
        for (from, to, key) in [
            (
                "amount_max_cents = 100000000",
                "amount_max_cents = 9223372036854775807",
                "amount_max_cents",
            ),
            (
                "cap_cents = 100000",
                "cap_cents = 100000000001",
                "cap_cents",
            ),
        ] {
            let text = edit(from, to);
            let err = parse(&text, "e.toml").unwrap_err().to_string();
            let value = to.rsplit(' ').next().unwrap();
            assert!(
                err.starts_with(&format!(
                    "e.toml:{} : funding.{key} : ",
                    line_of(&text, key)
                )),
                "{err}"
            );
            assert!(
                err.ends_with(&format!("ne peut pas dépasser 100000000000 centimes (un milliard d’euros), et non {value} ; écrivez un montant en centimes (100000000 pour 1 000 000 €).")),
                "{err}"
            );
        }
        let at_limit = edit(
            "amount_max_cents = 100000000",
            "amount_max_cents = 100000000000",
        );
        assert!(parse(&at_limit, "e.toml").is_ok());
    }

    #[test]
    fn the_frozen_edition_parses_and_passes_its_checks() {
        let edition = parse(EDITION, "content/edition.toml").unwrap();
        assert_eq!(edition.funding.cap_cents, 100_000);
        assert_eq!(edition.mission.types.len(), 4);
        assert!(
            edition.eligibility.countries.is_empty(),
            "parse reads no data file"
        );
    }

    #[test]
    fn a_folder_loads_with_its_data_files() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(FIXTURE);
        let edition = from_dir(&dir).unwrap();
        assert_eq!(edition.eligibility.countries.len(), 141);
        assert_eq!(edition.eligibility.sdg_list.len(), 17);
        let senegal = edition
            .eligibility
            .countries
            .iter()
            .find(|c| c.iso2 == "SN");
        assert_eq!(senegal.map(|c| c.name_fr.as_str()), Some("Sénégal"));
        assert_eq!(edition.eligibility.sdg_list[1].title_fr, "Faim « zéro »");
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

    /// The optional minimum length: absent in 2025; when set, 1 ≤ min ≤ short (≤ max).
    #[test]
    fn the_minimum_length_is_optional_and_at_most_the_short_length() {
        assert_eq!(
            parse(&edit("", ""), "e.toml")
                .unwrap()
                .mission
                .duration_min_days,
            None
        );
        let with = |min: &str| {
            edit(
                "duration_short_days = 7",
                &format!("duration_short_days = 7\nduration_min_days = {min}"),
            )
        };
        for (min, ok) in [
            ("0", false),
            ("1", true),
            ("7", true),
            ("8", false),
            ("-3", false),
        ] {
            let text = with(min);
            match parse(&text, "e.toml") {
                Ok(edition) => {
                    assert!(ok, "{min}");
                    assert_eq!(edition.mission.duration_min_days, min.parse().ok());
                }
                Err(err) => {
                    assert!(!ok, "{min}: {err}");
                    assert!(err.to_string().starts_with(&format!(
                        "e.toml:{} : mission.duration_min_days : la durée minimale d’une mission ({min} jours) doit être comprise entre 1 et",
                        line_of(&text, "duration_min_days")
                    )), "{err}");
                }
            }
        }
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
    fn an_unfilled_date_is_refused_before_anything_else() {
        let text = edit("deadline = \"2025-06-15\"", "deadline = \"À COMPLÉTER\"");
        let text = text.replacen("cap_cents = 100000", "cap_cents = -1", 1);
        let err = parse(&text, "e.toml").unwrap_err().to_string();
        let line = line_of(&text, "deadline");
        assert!(
            err.starts_with(&format!(
                "e.toml, ligne {line} : « deadline » est encore « À COMPLÉTER »."
            )),
            "{err}"
        );
        assert!(
            err.ends_with(&format!("À compléter : deadline (ligne {line}).")),
            "{err}"
        );
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
        let dir = std::env::temp_dir().join(format!("explor-load-test-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join(EDITION_FILE), EDITION).unwrap();
        let err = from_dir_shown(&dir, Path::new("content"));
        std::fs::remove_dir_all(&dir).unwrap();
        let err = err.unwrap_err().to_string();
        assert!(
            err.starts_with("content/data/dac-list-2024-2025.csv : lecture impossible ("),
            "{err}"
        );
        assert!(err.ends_with(") ; ce fichier est nommé par eligibility.dac_list dans content/edition.toml, corrigez le chemin (relatif au dossier content)."), "{err}");
    }

    #[test]
    fn a_missing_edition_file_is_named() {
        let err = from_dir_shown(Path::new("/nowhere/at/all"), Path::new("content"))
            .unwrap_err()
            .to_string();
        assert!(
            err.starts_with("content/edition.toml : lecture impossible ("),
            "{err}"
        );
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
    fn quoted_fields_with_commas_are_read_whole() {
        let text =
            "iso2,name_fr,group\nKP,\"Corée, République populaire démocratique de\",OTHER_LIC\n";
        let countries = parse_countries(text, "d.csv").unwrap();
        assert_eq!(
            countries[0].name_fr,
            "Corée, République populaire démocratique de"
        );
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
}
