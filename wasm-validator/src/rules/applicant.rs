//! The applicant association: its identity and seat (legal form, RNA, SIRET, postal code in the
//! region), its contact person, and whether it already had an EXPLOR mission.

use super::ids::{self, Postal, SiretIssue};
use super::text::{self, free_text, FORMAT};
use super::{Findings, Rule, RuleInfo};
use crate::model::Applicant;
use crate::{fr, Edition};

pub(crate) const LEGAL_FORM: Rule = Rule::eligibility("applicant.legal_form");
pub(crate) const SEAT_IN_REGION: Rule = Rule::eligibility("applicant.seat_in_region");
pub(crate) const PREVIOUS_EXPLOR: Rule = Rule::eligibility("applicant.previous_explor");

/// The only legal form the call accepts (« Associations loi 1901 »), as the contract names it.
const ELIGIBLE_FORM: &str = "association_1901";

pub(crate) fn check(edition: &Edition, a: &Applicant, out: &mut Findings) {
    let name = "le nom de l’association";
    free_text(edition, out, "applicant.name", &a.name, name);
    legal_form(&a.legal_form, out);
    identification(edition, a, out);
    let street = "l’adresse du siège (numéro et voie)";
    let field = "applicant.address.street";
    free_text(edition, out, field, &a.address.street, street);
    seat(edition, &a.address.postal_code, out);
    let city = "la commune du siège";
    free_text(
        edition,
        out,
        "applicant.address.city",
        &a.address.city,
        city,
    );
    contact(edition, a, out);
    previous_explor(a, out);
}

fn legal_form(value: &str, out: &mut Findings) {
    let field = "applicant.legal_form";
    let message = match value.trim() {
        ELIGIBLE_FORM => return,
        "" => {
            "Indiquez la forme juridique de l’association : l’appel est réservé aux associations \
               loi 1901."
                .to_owned()
        }
        "association_1908" => {
            "Une association de droit local (loi 1908, Alsace-Moselle) n’est pas \
                               éligible : l’appel est réservé aux associations loi 1901."
                .to_owned()
        }
        "other" => "Seules les associations loi 1901 sont éligibles à cet appel : une structure \
                    d’une autre forme juridique ne peut pas candidater."
            .to_owned(),
        _ => "La forme juridique indiquée n’est pas reconnue : choisissez « association loi \
              1901 » si c’est le cas de votre structure (l’appel est réservé aux associations loi \
              1901)."
            .to_owned(),
    };
    out.push(LEGAL_FORM, field, &message);
}

/// The association is identified by its RNA number or, failing that, its SIRET (the call asks for
/// an association, not for a given number): one `required` finding when both are blank, and a
/// `format` finding for whichever is given and malformed.
fn identification(edition: &Edition, a: &Applicant, out: &mut Findings) {
    if text::is_blank(&a.rna) && text::is_blank(&a.siret) {
        out.push(
            text::REQUIRED,
            "applicant.rna",
            &format!(
                "Ce champ est obligatoire : indiquez le numéro RNA de l’association (W suivi de 9 \
                 chiffres, par exemple {}, sur le récépissé de déclaration en préfecture) ou, à \
                 défaut, son numéro SIRET (14 chiffres).",
                edition.eligibility.rna_example()
            ),
        );
        return;
    }
    rna(edition, &a.rna, out);
    siret(&a.rna, &a.siret, out);
}

fn rna(edition: &Edition, value: &str, out: &mut Findings) {
    if text::is_blank(value) || ids::rna_ok(&ids::compact(value)) {
        return;
    }
    out.push(
        FORMAT,
        "applicant.rna",
        &format!(
            "Le numéro RNA {} n’est pas valide : il s’écrit W suivi de 9 chiffres, par exemple \
             {} (voir le récépissé de déclaration en préfecture ou le Journal officiel). \
             Si votre association n’a qu’un ancien numéro de préfecture, indiquez son numéro \
             SIRET ou écrivez à {}.",
            fr::quote(value),
            edition.eligibility.rna_example(),
            edition.organiser.email
        ),
    );
}

fn siret(rna: &str, value: &str, out: &mut Findings) {
    if text::is_blank(value) {
        return;
    }
    let compacted = ids::compact(value);
    let problem = match ids::siret_issue(&compacted) {
        None => return,
        Some(SiretIssue::NotDigits) => "il ne doit contenir que des chiffres".to_owned(),
        Some(SiretIssue::Length(n)) => format!("il doit compter 14 chiffres, pas {n}"),
        Some(SiretIssue::Checksum) => {
            "sa clé de contrôle ne correspond pas, un chiffre est sans doute erroné".to_owned()
        }
    };
    let otherwise = if text::is_blank(rna) {
        "ou indiquez plutôt le numéro RNA de l’association"
    } else {
        "ou laissez ce champ vide : le numéro RNA suffit"
    };
    out.push(
        FORMAT,
        "applicant.siret",
        &format!(
            "Le numéro SIRET {} n’est pas valide : {problem}. Recopiez-le depuis l’avis de \
             situation au répertoire Sirene, {otherwise}.",
            fr::quote(value)
        ),
    );
}

fn region_list(edition: &Edition) -> String {
    let names: Vec<String> = edition
        .eligibility
        .departements
        .iter()
        .map(|d| format!("{} {}", d.code, d.name))
        .collect();
    names.join(", ")
}

fn seat(edition: &Edition, value: &str, out: &mut Findings) {
    let field = "applicant.address.postal_code";
    let region = format!(
        "le siège de l’association doit être en {} ({})",
        edition.region,
        region_list(edition)
    );
    let format_problem = match ids::postal(value) {
        _ if text::is_blank(value) => {
            let message = format!("Indiquez le code postal du siège : {region}.");
            return out.push(SEAT_IN_REGION, field, &message);
        }
        Postal::Valid(code) => return seat_departement(edition, value, &code[..2], &region, out),
        // Four digits are a spreadsheet's lost zero only when the zero makes a code of the region:
        // « 5900 » is a digit short of « 59000 », not the Hautes-Alpes' « 05900 ».
        Postal::LostZero(fixed) if edition.eligibility.departement_of(&fixed).is_some() => format!(
            "Le code postal {} n’a que 4 chiffres : ajoutez le 0 initial ({}).",
            fr::quote(value),
            fr::quote(&fixed)
        ),
        Postal::LostZero(_) => format!(
            "Le code postal {} n’a que 4 chiffres : il manque un chiffre, un code postal en compte \
             5 (par exemple {}). Vérifiez-le sur un courrier adressé au siège.",
            fr::quote(value),
            edition.eligibility.postal_code_example()
        ),
        Postal::Malformed => format!(
            "Le code postal {} n’est pas valide : un code postal compte 5 chiffres, par exemple \
             {}.",
            fr::quote(value),
            edition.eligibility.postal_code_example()
        ),
    };
    out.push(FORMAT, field, &format_problem);
    // The seat cannot be placed, so the dossier cannot be found eligible either.
    let message =
        format!("Corrigez le code postal du siège pour vérifier l’éligibilité : {region}.");
    out.push(SEAT_IN_REGION, field, &message);
}

/// Reports a well-formed postal code whose département is not one of the edition's.
fn seat_departement(edition: &Edition, value: &str, code: &str, region: &str, out: &mut Findings) {
    // The edition's postal prefixes decide (Corsica's 2A and 2B share `20`).
    if edition
        .eligibility
        .departement_of(&ids::compact(value))
        .is_some()
    {
        return;
    }
    let message = format!(
        "Le code postal {} est celui du département {code} : {region}. Seules les associations \
         dont le siège est dans la région sont éligibles ; si le siège a déménagé, indiquez son \
         adresse actuelle.",
        fr::quote(value)
    );
    out.push(SEAT_IN_REGION, "applicant.address.postal_code", &message);
}

fn contact(edition: &Edition, a: &Applicant, out: &mut Findings) {
    let c = &a.contact;
    let first = "le prénom de la personne à contacter";
    free_text(
        edition,
        out,
        "applicant.contact.first_name",
        &c.first_name,
        first,
    );
    let last = "le nom de la personne à contacter";
    free_text(
        edition,
        out,
        "applicant.contact.last_name",
        &c.last_name,
        last,
    );
    let role = "la fonction de la personne à contacter";
    free_text(edition, out, "applicant.contact.role", &c.role, role);
    let field = "applicant.contact.email";
    let label = "l’adresse électronique de la personne à contacter";
    if !text::required(out, field, &c.email, label) && !ids::email_ok(&c.email) {
        let message = format!(
            "L’adresse électronique {} n’est pas valide : écrivez-la sous la forme \
             nom@exemple.fr, sans espace.",
            fr::quote(&c.email)
        );
        out.push(FORMAT, field, &message);
    }
    let field = "applicant.contact.phone";
    let label = "le téléphone de la personne à contacter";
    if !text::required(out, field, &c.phone, label) && !ids::phone_ok(&c.phone) {
        let message = format!(
            "Le numéro de téléphone {} n’est pas valide : écrivez 10 chiffres commençant par 0 \
             ou, pour un numéro étranger, l’indicatif du pays précédé de +.",
            fr::quote(&c.phone)
        );
        out.push(FORMAT, field, &message);
    }
}

fn previous_explor(a: &Applicant, out: &mut Findings) {
    match (a.previous_explor, a.new_project) {
        (Some(false), _) | (Some(true), Some(true)) => {}
        (None, _) => out.push(
            PREVIOUS_EXPLOR,
            "applicant.previous_explor",
            "Indiquez si l’association a déjà bénéficié d’une mission EXPLOR.",
        ),
        (Some(true), None) => out.push(
            PREVIOUS_EXPLOR,
            "applicant.new_project",
            "L’association a déjà bénéficié d’une mission EXPLOR : indiquez si la mission \
             proposée porte sur un nouveau projet (l’appel l’exige dans ce cas).",
        ),
        (Some(true), Some(false)) => out.push(
            PREVIOUS_EXPLOR,
            "applicant.new_project",
            "Une association qui a déjà bénéficié d’une mission EXPLOR n’est éligible que pour \
             un nouveau projet : proposez une mission pour un projet différent du précédent.",
        ),
    }
}

pub(crate) fn describe(edition: &Edition, list: &mut Vec<RuleInfo>) {
    list.push(LEGAL_FORM.describe("L’association est une association loi 1901.".to_owned()));
    list.push(SEAT_IN_REGION.describe(format!(
        "Le siège de l’association est en {} : son code postal commence par le numéro d’un de \
         ces départements : {}.",
        edition.region,
        region_list(edition)
    )));
    list.push(
        PREVIOUS_EXPLOR.describe(
            "Une association qui a déjà bénéficié d’une mission EXPLOR propose un nouveau projet."
                .to_owned(),
        ),
    );
}
