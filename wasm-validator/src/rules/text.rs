//! The rules shared by every section: a required field left empty (`required`), a malformed value
//! (`format`, whose checks live in `ids`), a free text over the edition's limit (`text.too_long`).

use super::{Findings, Rule, RuleInfo};
use crate::fields::{self, Need, Size};
use crate::{fr, Edition};

pub(crate) const REQUIRED: Rule = Rule::error("required");
pub(crate) const FORMAT: Rule = Rule::error("format");
pub(crate) const TOO_LONG: Rule = Rule::error("text.too_long");

/// A field is empty when it holds nothing but white space.
pub(crate) fn is_blank(value: &str) -> bool {
    value.trim().is_empty()
}

/// Reports an empty field; `label` names it with its article (« le nom de l’association »).
/// Returns whether the field was empty, so that callers skip their format checks.
pub(crate) fn required(out: &mut Findings, field: &str, value: &str, label: &str) -> bool {
    let blank = is_blank(value);
    if blank {
        out.push(
            REQUIRED,
            field,
            &format!("Ce champ est obligatoire : indiquez {label}."),
        );
    }
    blank
}

/// Checks a free text: filled in when `crate::fields` says it is required, and not longer than the
/// edition's limit for its size, counted in characters (an accented letter is one character, as the
/// form counts it). A path missing from the table is judged as a required short text.
pub(crate) fn free_text(
    edition: &Edition,
    out: &mut Findings,
    field: &str,
    value: &str,
    label: &str,
) {
    let (size, need) =
        fields::find(field).map_or((Size::Short, Need::Required), |t| (t.size, t.need));
    if need == Need::Required && required(out, field, value, label) {
        return;
    }
    let limit = fields::limit(edition, size);
    let count = value.chars().count();
    if count > limit {
        let over = count - limit;
        out.push(
            TOO_LONG,
            field,
            &format!(
                "Texte trop long ({label}) : {} pour {} au plus. Raccourcissez-le d’au moins {}.",
                characters(count),
                fr::int(limit as i64),
                characters(over)
            ),
        );
    }
}

fn characters(n: usize) -> String {
    if n <= 1 {
        format!("{n} caractère")
    } else {
        format!("{} caractères", fr::int(n as i64))
    }
}

pub(crate) fn describe(edition: &Edition, list: &mut Vec<RuleInfo>) {
    list.push(
        REQUIRED.describe(
            "Chaque champ obligatoire du formulaire est rempli ; l’association est identifiée par \
         son numéro RNA ou, à défaut, par son numéro SIRET."
                .to_owned(),
        ),
    );
    list.push(FORMAT.describe(
        "Les adresses électroniques, numéros de téléphone, codes postaux, numéros RNA et SIRET, \
         dates, catégories de dépenses et origines des ressources sont bien écrits."
            .to_owned(),
    ));
    list.push(TOO_LONG.describe(format!(
        "Les textes courts (noms, titres) comptent au plus {} caractères, les descriptions au \
         plus {}.",
        fr::int(edition.limits.short_text_chars as i64),
        fr::int(edition.limits.long_text_chars as i64)
    )));
}
