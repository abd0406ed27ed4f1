//! The declarations ticked at the end of the form: the network's charter, and the accuracy of the
//! information given.

use super::{Findings, Rule, RuleInfo};
use crate::model::Declarations;
use crate::Edition;

pub(crate) const CHARTER: Rule = Rule::eligibility("declarations.charter");
pub(crate) const ACCURATE: Rule = Rule::error("declarations.accurate");

pub(crate) fn check(edition: &Edition, d: &Declarations, out: &mut Findings) {
    if !d.charter {
        let message = format!(
            "Cochez l’adhésion aux valeurs de la charte de {} : l’appel demande que la mission soit \
             en lien avec elles. La charte est publiée sur le site.",
            edition.organiser.name
        );
        out.push(CHARTER, "declarations.charter", &message);
    }
    if !d.accurate {
        out.push(
            ACCURATE,
            "declarations.accurate",
            "Cochez la case certifiant que les informations du dossier sont exactes.",
        );
    }
}

pub(crate) fn describe(edition: &Edition, list: &mut Vec<RuleInfo>) {
    let organiser = &edition.organiser.name;
    list.push(CHARTER.describe(
        format!("L’association adhère aux valeurs de la charte de {organiser}."),
        Some(format!(
            "La mission proposée doit […] être en lien avec les valeurs de {organiser} (voir \
             annexe 1 : Charte de {organiser})."
        )),
    ));
    list.push(ACCURATE.describe(
        "L’association certifie que les informations du dossier sont exactes.".to_owned(),
        None,
    ));
}
