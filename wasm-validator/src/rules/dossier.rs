//! The dossier as a whole: made for the edition being judged, and without fields this version of
//! the format does not define.

use super::{Findings, Rule, RuleInfo};
use crate::model::VERSION;
use crate::{fr, Dossier, Edition};

pub(crate) const EDITION: Rule = Rule::error("dossier.edition");
pub(crate) const UNKNOWN_FIELD: Rule = Rule::warning("dossier.unknown_field");

pub(crate) fn check(edition: &Edition, d: &Dossier, out: &mut Findings) {
    if d.edition == edition.id {
        return;
    }
    let message = if d.edition.trim().is_empty() {
        format!(
            "Ce dossier n’indique pas l’édition de l’appel à laquelle il répond : remplissez-le \
             depuis le formulaire de l’édition {}.",
            fr::quote(&edition.id)
        )
    } else {
        format!(
            "Ce dossier a été rempli pour l’édition {}, pas pour l’édition {} en cours : \
             reprenez vos réponses dans le formulaire de l’édition en cours et téléchargez un \
             nouveau dossier.",
            fr::quote(&d.edition),
            fr::quote(&edition.id)
        )
    };
    out.push(EDITION, "edition", &message);
}

pub(crate) fn unknown_field(field: &str, out: &mut Findings) {
    let message = format!(
        "Le champ {} n’existe pas dans la version {VERSION} du format de dossier : il n’est pas \
         pris en compte. Vérifiez que le dossier vient du formulaire du site.",
        fr::quote(field)
    );
    out.push(UNKNOWN_FIELD, field, &message);
}

pub(crate) fn describe(edition: &Edition, list: &mut Vec<RuleInfo>) {
    list.push(EDITION.describe(format!(
        "Le dossier répond à l’édition {}.",
        fr::quote(&edition.id)
    )));
    list.push(UNKNOWN_FIELD.describe(format!(
        "Signale les champs que la version {VERSION} du format de dossier ne définit pas."
    )));
}
