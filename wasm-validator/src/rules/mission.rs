//! The mission: its type and place (reciprocity in France, otherwise a DAC country), its dates
//! (valid, in order, within the edition's window, one to two weeks long) and its SDGs.

use jiff::civil::Date;

use super::ids;
use super::partner::{dac_country, dac_list_name};
use super::text::{free_text, Need, Size};
use super::{Findings, Rule, RuleInfo};
use crate::model::Mission;
use crate::{fr, Edition};

pub(crate) const KIND: Rule = Rule::error("mission.kind");
pub(crate) const PLACE: Rule = Rule::error("mission.place");
pub(crate) const RECIPROCITY: Rule = Rule::info("mission.reciprocity");
pub(crate) const DATES: Rule = Rule::error("mission.dates");
pub(crate) const DURATION_MAX: Rule = Rule::error("mission.duration_max");
pub(crate) const DURATION_SHORT: Rule = Rule::warning("mission.duration_short");
pub(crate) const WINDOW: Rule = Rule::error("mission.window");
pub(crate) const SDGS: Rule = Rule::eligibility("mission.sdgs");

/// The mission type that hosts the partner's expert in France, as the contract names it.
pub(crate) const RECIPROCITY_KIND: &str = "reciprocity";

/// Checks the mission and returns its length in days, when both dates are valid and in order.
pub(crate) fn check(edition: &Edition, m: &Mission, out: &mut Findings) -> Option<i64> {
    let short = (Size::Short, Need::Required);
    let long = (Size::Long, Need::Required);
    free_text(
        edition,
        out,
        "mission.title",
        &m.title,
        "le titre de la mission",
        short,
    );
    kind(edition, &m.kind, out);
    place(edition, m, out);
    let city = "la ville où se déroule la mission";
    free_text(edition, out, "mission.city", &m.city, city, short);
    let duration = dates(edition, m, out);
    sdgs(edition, &m.sdgs, out);
    let texts = [
        (
            "mission.need",
            &m.need,
            "le besoin d’expertise identifié avec le partenaire",
        ),
        (
            "mission.objectives",
            &m.objectives,
            "les objectifs de la mission",
        ),
        ("mission.activities", &m.activities, "les activités prévues"),
        (
            "mission.expected_results",
            &m.expected_results,
            "les résultats attendus",
        ),
        (
            "mission.expert_profile",
            &m.expert_profile,
            "le profil de l’expert recherché",
        ),
    ];
    for (field, value, label) in texts {
        free_text(edition, out, field, value, label, long);
    }
    let follow_up = "les suites envisagées après la mission";
    let optional = (Size::Long, Need::Optional);
    free_text(
        edition,
        out,
        "mission.follow_up",
        &m.follow_up,
        follow_up,
        optional,
    );
    duration
}

fn kind_list(edition: &Edition) -> String {
    let labels: Vec<String> = edition
        .mission
        .types
        .iter()
        .map(|t| fr::quote(&t.label))
        .collect();
    labels.join(", ")
}

fn kind(edition: &Edition, value: &str, out: &mut Findings) {
    let value = value.trim();
    if edition.mission.types.iter().any(|t| t.id == value) {
        if value == RECIPROCITY_KIND {
            out.push(
                RECIPROCITY,
                "mission.kind",
                "Les missions de réciprocité sont encouragées par l’appel : elles valorisent les \
                 compétences des partenaires. Présentez l’expert accueilli et la structure qui le \
                 reçoit en France.",
            );
        }
        return;
    }
    let message = if value.is_empty() {
        format!(
            "Choisissez le type de mission parmi : {}.",
            kind_list(edition)
        )
    } else {
        format!(
            "Le type de mission {} n’existe pas dans cette édition : choisissez parmi {}.",
            fr::quote(value),
            kind_list(edition)
        )
    };
    out.push(KIND, "mission.kind", &message);
}

fn place(edition: &Edition, m: &Mission, out: &mut Findings) {
    let field = "mission.country";
    let home = &edition.mission.reciprocity_country;
    let country = ids::country(&m.country);
    let message = if m.kind.trim() == RECIPROCITY_KIND {
        if &country == home {
            return;
        }
        format!(
            "Une mission de réciprocité accueille en France l’expert du partenaire : choisissez la \
             France ({}) comme pays de la mission, ou un autre type de mission.",
            fr::quote(home)
        )
    } else if country.is_empty() {
        format!(
            "Indiquez le pays où se déroule la mission : un pays de {}, ou la France ({}) pour \
             une mission de réciprocité.",
            dac_list_name(edition),
            fr::quote(home)
        )
    } else if &country == home {
        "Une mission en France est une mission de réciprocité : choisissez ce type de mission, \
         ou indiquez le pays du partenaire où se déroule la mission."
            .to_owned()
    } else if dac_country(edition, &country).is_none() {
        format!(
            "Le pays de la mission ({}) ne figure pas sur {} : choisissez le pays du partenaire \
             où se déroule la mission.",
            fr::quote(&m.country),
            dac_list_name(edition)
        )
    } else {
        return;
    };
    out.push(PLACE, field, &message);
}

/// Reads one mission date, reporting it when missing or invalid.
fn date(
    edition: &Edition,
    field: &str,
    value: &str,
    what: &str,
    out: &mut Findings,
) -> Option<Date> {
    if value.trim().is_empty() {
        let message = format!(
            "Indiquez la date {what} de la mission (entre le {} et le {}).",
            fr::date(edition.dates.mission_window_start),
            fr::date(edition.dates.mission_window_end)
        );
        out.push(DATES, field, &message);
        return None;
    }
    let date = ids::date(value);
    if date.is_none() {
        let message = format!(
            "La date {what} {} n’est pas une date valide : écrivez-la sous la forme AAAA-MM-JJ, \
             par exemple {}.",
            fr::quote(value),
            crate::edition::format_date(edition.dates.mission_window_start)
        );
        out.push(DATES, field, &message);
    }
    date
}

/// Checks the dates, the window and the length; returns the length in days, bounds included.
fn dates(edition: &Edition, m: &Mission, out: &mut Findings) -> Option<i64> {
    let (start_field, end_field) = ("mission.start_date", "mission.end_date");
    let start = date(edition, start_field, &m.start_date, "de début", out);
    let end = date(edition, end_field, &m.end_date, "de fin", out);
    let (window_start, window_end) = (
        edition.dates.mission_window_start,
        edition.dates.mission_window_end,
    );
    let window = format!(
        "les missions se déroulent entre le {} et le {}",
        fr::date(window_start),
        fr::date(window_end)
    );
    if let Some(start) = start.filter(|s| *s < window_start) {
        let message = format!(
            "La mission commence le {}, trop tôt : {window}. Choisissez une date de début à partir \
             du {}.",
            fr::date(start),
            fr::date(window_start)
        );
        out.push(WINDOW, start_field, &message);
    }
    if let Some(end) = end.filter(|e| *e > window_end) {
        let message = format!(
            "La mission se termine le {}, trop tard : {window}. Choisissez une date de fin au plus \
             tard le {}.",
            fr::date(end),
            fr::date(window_end)
        );
        out.push(WINDOW, end_field, &message);
    }
    let (start, end) = (start?, end?);
    if end < start {
        let message = format!(
            "La date de fin ({}) est avant la date de début ({}) : vérifiez les deux dates.",
            fr::date(end),
            fr::date(start)
        );
        out.push(DATES, end_field, &message);
        return None;
    }
    // Civil dates have no time zone, so every day of the difference is exactly 24 hours.
    let days = end.duration_since(start).as_secs() / 86_400 + 1;
    duration(edition, start, end, days, out);
    Some(days)
}

fn duration(edition: &Edition, start: Date, end: Date, days: i64, out: &mut Findings) {
    let (short, max) = (
        i64::from(edition.mission.duration_short_days),
        i64::from(edition.mission.duration_max_days),
    );
    if days > max {
        let message = format!(
            "La mission dure {} (du {} au {}, bornes comprises), pour {} au plus : raccourcissez-la \
             de {}.",
            fr::days(days),
            fr::date(start),
            fr::date(end),
            fr::days(max),
            fr::days(days - max)
        );
        out.push(DURATION_MAX, "mission.end_date", &message);
    } else if days < short {
        let message = format!(
            "La mission ne dure que {}, alors que l’appel prévoit des missions de {} à {} : \
             vérifiez que cette durée suffit pour atteindre ses objectifs.",
            fr::days(days),
            short,
            fr::days(max)
        );
        out.push(DURATION_SHORT, "mission.end_date", &message);
    }
}

fn sdg_range(edition: &Edition) -> String {
    let numbers = edition.eligibility.sdg_list.iter().map(|s| s.number);
    match (numbers.clone().min(), numbers.max()) {
        (Some(min), Some(max)) => format!("de {min} à {max}"),
        _ => "de la liste".to_owned(),
    }
}

fn sdgs(edition: &Edition, sdgs: &[i64], out: &mut Findings) {
    let field = "mission.sdgs";
    let count = edition.eligibility.sdg_list.len();
    if sdgs.is_empty() {
        let message = format!(
            "Choisissez au moins un des {count} Objectifs de développement durable (ODD) en lien \
             avec la mission : l’appel demande que la mission soit en lien avec un ou plusieurs ODD."
        );
        return out.push(SDGS, field, &message);
    }
    let known = |n: i64| {
        edition
            .eligibility
            .sdg_list
            .iter()
            .any(|s| i64::from(s.number) == n)
    };
    for (i, &n) in sdgs.iter().enumerate() {
        if !known(n) {
            let message = format!(
                "L’ODD n° {} n’existe pas : les Objectifs de développement durable sont numérotés \
                 {}. Retirez-le et choisissez dans la liste.",
                fr::int(i128::from(n)),
                sdg_range(edition)
            );
            out.push(SDGS, field, &message);
        } else if sdgs[..i].contains(&n) {
            let message = format!("L’ODD n° {n} est indiqué deux fois : ne le gardez qu’une fois.");
            out.push(SDGS, field, &message);
        }
    }
}

/// « d’une à deux semaines » when both lengths are whole weeks, else « de 7 à 14 jours ».
fn length_words(short: i32, max: i32) -> String {
    let weeks = |days: i32| match (days % 7, days / 7) {
        (0, 1) => Some("une"),
        (0, 2) => Some("deux"),
        (0, 3) => Some("trois"),
        (0, 4) => Some("quatre"),
        _ => None,
    };
    match (weeks(short), weeks(max)) {
        (Some("une"), Some(max)) => format!("d’une à {max} semaines"),
        (Some(short), Some(max)) => format!("de {short} à {max} semaines"),
        _ => format!("de {short} à {max} jours"),
    }
}

pub(crate) fn describe(edition: &Edition, list: &mut Vec<RuleInfo>) {
    describe_kind(edition, list);
    describe_dates(edition, list);
    describe_sdgs(edition, list);
}

fn describe_kind(edition: &Edition, list: &mut Vec<RuleInfo>) {
    let types = edition.mission.types.len();
    list.push(KIND.describe(
        format!(
            "Le type de mission est l’un des {types} types de l’appel : {}.",
            kind_list(edition)
        ),
        Some(format!(
            "Grâce à ce dispositif, les associations de solidarité internationale des différentes \
             régions peuvent mettre en place {types} types de missions."
        )),
    ));
    list.push(PLACE.describe(
        format!(
            "Une mission de réciprocité se déroule en France ({}) ; les autres dans un pays de {}.",
            edition.mission.reciprocity_country,
            dac_list_name(edition)
        ),
        Some(
            "Une mission en réciprocité de volontariat d’échange de compétences désigne l’accueil, \
             par une structure française, d’un expert issu d’une organisation d’un pays partenaire."
                .to_owned(),
        ),
    ));
    list.push(RECIPROCITY.describe(
        "Signale une mission de réciprocité, que l’appel encourage.".to_owned(),
        Some("Les missions de réciprocité sont encouragées.".to_owned()),
    ));
}

fn describe_dates(edition: &Edition, list: &mut Vec<RuleInfo>) {
    let (short, max) = (
        edition.mission.duration_short_days,
        edition.mission.duration_max_days,
    );
    let length = format!(
        "La mission proposée doit être réaliste sur une temporalité {} maximum.",
        length_words(short, max)
    );
    list.push(DATES.describe(
        "Les dates de début et de fin sont des dates valides, la fin après le début.".to_owned(),
        None,
    ));
    list.push(DURATION_MAX.describe(
        format!(
            "La mission dure au plus {}, bornes comprises.",
            fr::days(max.into())
        ),
        Some(length.clone()),
    ));
    list.push(DURATION_SHORT.describe(
        format!(
            "Signale une mission de moins de {}.",
            fr::days(short.into())
        ),
        Some(length),
    ));
    let (window_start, window_end) = (
        edition.dates.mission_window_start,
        edition.dates.mission_window_end,
    );
    list.push(WINDOW.describe(
        format!(
            "La mission se déroule entre le {} et le {}.",
            fr::date(window_start),
            fr::date(window_end)
        ),
        Some(format!(
            "Mise en œuvre des missions : de {} à {}.",
            month_year(window_start),
            month_year(window_end)
        )),
    ));
}

fn describe_sdgs(edition: &Edition, list: &mut Vec<RuleInfo>) {
    list.push(SDGS.describe(
        format!(
            "La mission est en lien avec au moins un des {} ODD, numérotés {}, sans doublon.",
            edition.eligibility.sdg_list.len(),
            sdg_range(edition)
        ),
        Some(
            "Ces missions doivent être en lien avec un ou plusieurs Objectifs du Développement \
             Durable."
                .to_owned(),
        ),
    ));
}

/// « juillet 2025 »: a date's month and year.
fn month_year(d: Date) -> String {
    let full = fr::date(d);
    full.split_once(' ')
        .map_or(full.clone(), |(_, rest)| rest.to_owned())
}
