//! The partner abroad: in a country of the DAC list of ODA recipients, with a need for expertise
//! identified together.

use super::ids;
use super::text::free_text;
use super::{Findings, Rule, RuleInfo};
use crate::edition::Country;
use crate::model::Partner;
use crate::Edition;

pub(crate) const COUNTRY_ELIGIBLE: Rule = Rule::eligibility("partner.country_eligible");
pub(crate) const NEED_IDENTIFIED: Rule = Rule::eligibility("partner.need_identified");

pub(crate) fn check(edition: &Edition, p: &Partner, out: &mut Findings) {
    free_text(
        edition,
        out,
        "partner.name",
        &p.name,
        "le nom du partenaire",
    );
    country(edition, &p.country, out);
    let city = "la ville du partenaire";
    free_text(edition, out, "partner.city", &p.city, city);
    match p.need_identified {
        Some(true) => {}
        Some(false) => out.push(
            NEED_IDENTIFIED,
            "partner.need_identified",
            "L’appel est réservé aux associations qui ont identifié un besoin d’expertise avec \
             leur partenaire : précisez ce besoin avec lui avant de candidater.",
        ),
        None => out.push(
            NEED_IDENTIFIED,
            "partner.need_identified",
            "Indiquez si le besoin d’expertise a été identifié avec le partenaire.",
        ),
    }
    let label = "votre relation avec le partenaire (depuis quand, quels projets)";
    free_text(edition, out, "partner.relationship", &p.relationship, label);
}

/// The edition's DAC-list entry for a country code as typed, if any.
pub(crate) fn dac_country<'e>(edition: &'e Edition, code: &str) -> Option<&'e Country> {
    let code = ids::country(code);
    edition
        .eligibility
        .countries
        .iter()
        .find(|c| c.iso2 == code)
}

/// « la liste CAD de l’OCDE des pays bénéficiaires de l’aide publique au développement (2024-2025) »
pub(crate) fn dac_list_name(edition: &Edition) -> String {
    format!(
        "la liste du CAD de l’OCDE des pays bénéficiaires de l’aide publique au développement \
         ({})",
        edition.eligibility.dac_list_years
    )
}

fn country(edition: &Edition, value: &str, out: &mut Findings) {
    let field = "partner.country";
    if value.trim().is_empty() {
        let message = format!(
            "Indiquez le pays du partenaire : il doit figurer sur {}.",
            dac_list_name(edition)
        );
        return out.push(COUNTRY_ELIGIBLE, field, &message);
    }
    // The form offers only the list's countries: a country off it comes from a file, and no choice
    // in the form can fix it. Say what it means and whom to ask, never the country's code.
    if dac_country(edition, value).is_none() {
        let message = format!(
            "Le pays de ce partenaire ne figure pas sur {} : un partenaire de ce pays n’est pas \
             éligible à l’appel. Pour toute question sur l’éligibilité de votre partenaire, \
             écrivez à {} ({}).",
            dac_list_name(edition),
            edition.organiser.name,
            edition.organiser.email
        );
        out.push(COUNTRY_ELIGIBLE, field, &message);
    }
}

pub(crate) fn describe(edition: &Edition, list: &mut Vec<RuleInfo>) {
    list.push(COUNTRY_ELIGIBLE.describe(format!(
        "Le pays du partenaire figure sur {}.",
        dac_list_name(edition)
    )));
    list.push(
        NEED_IDENTIFIED
            .describe("Le besoin d’expertise a été identifié avec le partenaire.".to_owned()),
    );
}
