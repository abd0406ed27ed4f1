//! The mission: its type and place (reciprocity in France, otherwise a DAC country), its dates
//! (valid, in order, within the edition's window, one to two weeks long) and its SDGs.

use jiff::civil::Date;

use super::ids;
use super::partner::{dac_country, dac_list_name};
use super::text::free_text;
use super::{Findings, Rule, RuleInfo};
use crate::model::{HostedExpert, Mission};
use crate::{fr, Edition};

pub(crate) const KIND: Rule = Rule::error("mission.kind");
/// `mission.kind` while the edition's types await the network's confirmation: a missing type is
/// only a warning then, so that an assumed list cannot make a dossier incomplete.
const KIND_PENDING: Rule = Rule::warning("mission.kind");
pub(crate) const PLACE: Rule = Rule::error("mission.place");
pub(crate) const PLACE_PARTNER: Rule = Rule::warning("mission.place_partner");
pub(crate) const RECIPROCITY: Rule = Rule::info("mission.reciprocity");
pub(crate) const DATES: Rule = Rule::error("mission.dates");
pub(crate) const DURATION_MAX: Rule = Rule::error("mission.duration_max");
pub(crate) const DURATION_MIN: Rule = Rule::error("mission.duration_min");
pub(crate) const DURATION_SHORT: Rule = Rule::warning("mission.duration_short");
pub(crate) const WINDOW: Rule = Rule::error("mission.window");
pub(crate) const SDGS: Rule = Rule::eligibility("mission.sdgs");

/// The mission type that hosts the partner's expert in France, as the contract names it.
pub(crate) const RECIPROCITY_KIND: &str = "reciprocity";

/// Checks the mission (with the partner's country, which the mission's place is compared with) and
/// returns its length in days, when both dates are valid and in order.
pub(crate) fn check(
    edition: &Edition,
    m: &Mission,
    partner_country: &str,
    out: &mut Findings,
) -> Option<i64> {
    let title = "le titre de la mission";
    free_text(edition, out, "mission.title", &m.title, title);
    kind(edition, &m.kind, out);
    place(edition, m, out);
    place_partner(edition, m, partner_country, out);
    let city = "la ville où se déroule la mission";
    free_text(edition, out, "mission.city", &m.city, city);
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
        (
            "mission.follow_up",
            &m.follow_up,
            "les suites envisagées après la mission",
        ),
    ];
    for (field, value, label) in texts {
        free_text(edition, out, field, value, label);
    }
    hosted_expert(edition, m, out);
    duration
}

/// A reciprocity mission presents the expert hosted in France (the call asks for it): each text of
/// `mission.hosted_expert` is then required (`required`), and judged like any free text. Another
/// mission's form does not show them, so they are not judged there.
fn hosted_expert(edition: &Edition, m: &Mission, out: &mut Findings) {
    if m.kind.trim() != RECIPROCITY_KIND {
        return;
    }
    let blank = HostedExpert::default();
    let expert = m.hosted_expert.as_ref().unwrap_or(&blank);
    let texts = [
        (
            "mission.hosted_expert.organisation",
            &expert.organisation,
            "l’organisation d’où vient l’expert accueilli en France",
        ),
        (
            "mission.hosted_expert.role",
            &expert.role,
            "la fonction de l’expert accueilli dans son organisation",
        ),
        (
            "mission.hosted_expert.profile",
            &expert.profile,
            "le profil de l’expert accueilli (compétences, expérience, ce qu’il vient apprendre ou \
             partager)",
        ),
    ];
    for (field, value, label) in texts {
        free_text(edition, out, field, value, label);
    }
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
                 compétences des partenaires. Présentez l’expert accueilli en France dans les \
                 champs prévus à cet effet.",
            );
        }
        return;
    }
    let message = if value.is_empty() {
        if edition.mission.types_to_confirm {
            let message = format!(
                "Le type de mission n’est pas indiqué. Les types de mission ({}) sont encore à \
                 confirmer par {} : choisissez celui qui décrit le mieux votre mission, ou \
                 laissez ce choix vide si aucun ne convient.",
                kind_list(edition),
                edition.organiser.name
            );
            return out.push(KIND_PENDING, "mission.kind", &message);
        }
        format!(
            "Choisissez le type de mission parmi : {}.",
            kind_list(edition)
        )
    } else {
        format!(
            "Le type de mission indiqué n’existe pas dans cette édition : choisissez parmi {}.",
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
        "Une mission de réciprocité accueille en France l’expert du partenaire : choisissez la \
         France comme pays de la mission, ou un autre type de mission."
            .to_owned()
    } else if country.is_empty() {
        format!(
            "Indiquez le pays où se déroule la mission : un pays de {}, ou la France pour une \
             mission de réciprocité.",
            dac_list_name(edition)
        )
    } else if &country == home {
        "Une mission en France est une mission de réciprocité : choisissez ce type de mission, \
         ou indiquez le pays du partenaire où se déroule la mission."
            .to_owned()
    } else if dac_country(edition, &country).is_none() {
        format!(
            "Le pays de la mission ne figure pas sur {} : choisissez le pays du partenaire où se \
             déroule la mission.",
            dac_list_name(edition)
        )
    } else {
        return;
    };
    out.push(PLACE, field, &message);
}

/// The name of a country of the DAC list, or its code.
pub(crate) fn country_name(edition: &Edition, code: &str) -> String {
    dac_country(edition, code).map_or_else(|| code.to_owned(), |c| c.name_fr.clone())
}

/// `mission.place_partner`: a mission other than reciprocity is expected where the partner is,
/// since the call pairs the expertise with the need identified with that partner.
fn place_partner(edition: &Edition, m: &Mission, partner: &str, out: &mut Findings) {
    let (country, partner) = (ids::country(&m.country), ids::country(partner));
    let home = &edition.mission.reciprocity_country;
    // A country missing or off the list is already an error of `mission.place` or of
    // `partner.country_eligible`: the warning only compares two places that are otherwise right.
    if m.kind.trim() == RECIPROCITY_KIND
        || country == partner
        || &country == home
        || dac_country(edition, &country).is_none()
        || dac_country(edition, &partner).is_none()
    {
        return;
    }
    let message = format!(
        "La mission se déroule dans un autre pays ({}) que celui du partenaire ({}) : l’appel \
         associe l’expertise au besoin identifié avec le partenaire. Vérifiez le pays de la \
         mission, ou expliquez ce choix dans la description du besoin.",
        country_name(edition, &country),
        country_name(edition, &partner)
    );
    out.push(PLACE_PARTNER, "mission.country", &message);
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
    } else if let Some(min) = edition
        .mission
        .duration_min_days
        .map(i64::from)
        .filter(|min| days < *min)
    {
        let message = format!(
            "La mission ne dure que {} (du {} au {}, bornes comprises), pour {} au moins : \
             allongez-la de {}.",
            fr::days(days),
            fr::date(start),
            fr::date(end),
            fr::days(min),
            fr::days(min - days)
        );
        out.push(DURATION_MIN, "mission.end_date", &message);
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
    // As `i64`, the integer type the messages format already (`u8` would link its own `Display`).
    let numbers = edition
        .eligibility
        .sdg_list
        .iter()
        .map(|s| i64::from(s.number));
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
                fr::int(n),
                sdg_range(edition)
            );
            out.push(SDGS, field, &message);
        } else if sdgs[..i].contains(&n) {
            let message = format!("L’ODD n° {n} est indiqué deux fois : ne le gardez qu’une fois.");
            out.push(SDGS, field, &message);
        }
    }
}

pub(crate) fn describe(edition: &Edition, list: &mut Vec<RuleInfo>) {
    describe_kind(edition, list);
    describe_dates(edition, list);
    list.push(SDGS.describe(format!(
        "La mission est en lien avec au moins un des {} ODD, numérotés {}, sans doublon.",
        edition.eligibility.sdg_list.len(),
        sdg_range(edition)
    )));
}

fn describe_kind(edition: &Edition, list: &mut Vec<RuleInfo>) {
    let types = edition.mission.types.len();
    let pending = if edition.mission.types_to_confirm {
        format!(
            " Tant que {} n’a pas confirmé ces types, un type non choisi n’est qu’un avertissement.",
            edition.organiser.name
        )
    } else {
        String::new()
    };
    list.push(KIND.describe(format!(
        "Le type de mission est l’un des {types} types de l’appel : {}.{pending}",
        kind_list(edition)
    )));
    list.push(PLACE.describe(format!(
        "Une mission de réciprocité se déroule en France ; les autres dans un pays de {}.",
        dac_list_name(edition)
    )));
    list.push(
        PLACE_PARTNER.describe(
            "Signale une mission, autre que de réciprocité, qui se déroule dans un autre pays que \
         celui du partenaire."
                .to_owned(),
        ),
    );
    list.push(
        RECIPROCITY
            .describe("Signale une mission de réciprocité, que l’appel encourage.".to_owned()),
    );
}

fn describe_dates(edition: &Edition, list: &mut Vec<RuleInfo>) {
    let m = &edition.mission;
    list.push(DATES.describe(
        "Les dates de début et de fin sont des dates valides, la fin après le début.".to_owned(),
    ));
    list.push(DURATION_MAX.describe(format!(
        "La mission dure au plus {}, bornes comprises.",
        fr::days(m.duration_max_days.into())
    )));
    list.push(
        DURATION_MIN.describe(match m.duration_min_days {
            Some(min) => format!(
                "La mission dure au moins {}, bornes comprises.",
                fr::days(min.into())
            ),
            None => "La mission dure au moins la durée minimale que fixe l’édition (cette édition \
                 n’en fixe pas)."
                .to_owned(),
        }),
    );
    list.push(DURATION_SHORT.describe(format!(
        "Signale une mission de moins de {}.",
        fr::days(m.duration_short_days.into())
    )));
    list.push(WINDOW.describe(format!(
        "La mission se déroule entre le {} et le {}.",
        fr::date(edition.dates.mission_window_start),
        fr::date(edition.dates.mission_window_end)
    )));
}
