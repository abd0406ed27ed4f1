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
            "Cochez la case déclarant que la mission proposée est en lien avec les valeurs de la \
             charte de {} : l’appel le demande. La charte est publiée sur le site.",
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
    list.push(CHARTER.describe(format!(
        "L’association déclare que la mission proposée est en lien avec les valeurs de la charte \
         de {}.",
        edition.organiser.name
    )));
    list.push(ACCURATE.describe(
        "L’association certifie que les informations du dossier sont exactes.".to_owned(),
    ));
}
