//! The submission deadline: a dossier received after the edition's last day is too late.

use jiff::civil::Date;

use super::{Findings, Rule, RuleInfo};
use crate::{fr, Edition};

pub(crate) const SUBMISSION_CLOSED: Rule = Rule::error("submission.closed");

/// `today` is the day the dossier is judged, in the edition's time zone: the deadline is the last
/// day on which a dossier is accepted, until midnight at its end.
pub(crate) fn check(edition: &Edition, today: Date, out: &mut Findings) {
    let deadline = edition.dates.deadline;
    if today <= deadline {
        return;
    }
    let message = format!(
        "L’appel est clos : les dossiers devaient être envoyés au plus tard le {} à minuit ({}), \
         et ce dossier est examiné le {}. Le formulaire reste utilisable pour préparer une \
         candidature ; écrivez à {} pour connaître la prochaine édition.",
        fr::date(deadline),
        zone_words(&edition.dates.timezone),
        fr::date(today),
        edition.organiser.email
    );
    out.push(SUBMISSION_CLOSED, "", &message);
}

/// « heure de Paris » for `Europe/Paris`: the last part of an IANA zone name, in words.
fn zone_words(zone: &str) -> String {
    format!("heure de {}", fr::zone_city(zone))
}

pub(crate) fn describe(edition: &Edition, list: &mut Vec<RuleInfo>) {
    list.push(SUBMISSION_CLOSED.describe(format!(
        "Le dossier est envoyé au plus tard le {} à minuit ({}).",
        fr::date(edition.dates.deadline),
        zone_words(&edition.dates.timezone)
    )));
}
