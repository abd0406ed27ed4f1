//! The dossier as a whole: made for the edition being judged, and without fields this version of
//! the format does not define.

use super::text::{free_text, FORMAT};
use super::{Findings, Rule, RuleInfo};
use crate::model::{STATUS_DRAFT, STATUS_FINAL, VERSION};
use crate::{fr, Dossier, Edition};

pub(crate) const EDITION: Rule = Rule::error("dossier.edition");
pub(crate) const UNKNOWN_FIELD: Rule = Rule::warning("dossier.unknown_field");

pub(crate) fn check(edition: &Edition, d: &Dossier, out: &mut Findings) {
    status(&d.status, out);
    let reference = "la référence du dossier";
    free_text(edition, out, "reference", &d.reference, reference);
    if d.edition == edition.id {
        return;
    }
    let message = if d.edition.trim().is_empty() {
        format!(
            "Ce dossier n’indique pas l’édition de l’appel à laquelle il répond : remplissez-le \
             depuis le formulaire de l’appel {}.",
            edition.title
        )
    } else {
        format!(
            "Ce dossier a été rempli pour une autre édition de l’appel, pas pour l’appel {} en \
             cours : reprenez vos réponses dans le formulaire de l’édition en cours et \
             téléchargez un nouveau dossier.",
            edition.title
        )
    };
    out.push(EDITION, "edition", &message);
}

/// `status` is `draft` or `final`; empty (absent) means final.
fn status(value: &str, out: &mut Findings) {
    if matches!(value.trim(), "" | STATUS_DRAFT | STATUS_FINAL) {
        return;
    }
    let message = "Le statut du dossier (dossier à envoyer ou brouillon) n’est pas reconnu : \
                   téléchargez de nouveau le dossier depuis le formulaire du site.";
    out.push(FORMAT, "status", message);
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
    list.push(EDITION.describe(format!("Le dossier répond à l’appel {}.", edition.title)));
    list.push(UNKNOWN_FIELD.describe(format!(
        "Signale les champs que la version {VERSION} du format de dossier ne définit pas."
    )));
}
