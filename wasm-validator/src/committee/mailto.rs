//! « Écrire à l’association »: a `mailto:` link to a dossier's contact, with the edition and the
//! dossier's name in the subject and, in plain French, what to correct (the findings' messages) and
//! the deadline, so that a fixable dossier can be sent again in time. Percent-encoded (RFC 6068) and
//! bounded in length, since mail programs cut long links: the errors come first, then the warnings,
//! and those that do not fit are counted in the message instead.

use super::{file_name, Checked};
use crate::fr::{self, NBSP};
use crate::{Edition, Finding, Severity};

/// The longest link written, in bytes. Some mail programs (Outlook on Windows, the system's link
/// handler) cut or refuse links much longer than 2,000 characters.
pub const MAX_MAILTO: usize = 2000;

/// The finding that says the dossier was sent late: nothing the association can correct.
const LATE: &str = "submission.closed";

/// Longest value from the dossier shown in the subject or the greeting, in characters.
const SHORT: usize = 60;

/// The link and how many of the points to correct it lists, and leaves out for lack of room.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mailto {
    pub href: String,
    pub listed: usize,
    pub left_out: usize,
}

/// The field of the contact's address, which the rules check.
const EMAIL: &str = "applicant.contact.email";

/// The link to write to the association of `checked`; `None` for a file that is not a dossier or
/// whose contact address the rules refused (missing or not an e-mail address).
pub fn mailto(edition: &Edition, checked: &Checked) -> Option<Mailto> {
    let judged = checked.outcome.judged()?;
    let d = &judged.dossier;
    let address = d.applicant.contact.email.trim();
    let refused = judged
        .report
        .findings
        .iter()
        .any(|f| f.field == EMAIL && f.severity == Severity::Error);
    if address.is_empty() || refused {
        return None;
    }
    let points: Vec<&Finding> = [Severity::Error, Severity::Warning]
        .into_iter()
        .flat_map(|severity| {
            judged
                .report
                .findings
                .iter()
                .filter(move |f| f.severity == severity && f.rule != LATE)
        })
        .collect();
    let name = match d.applicant.name.trim() {
        "" => file_name(&checked.file),
        name => name,
    };
    let subject = format!(
        "{} – votre dossier {}",
        edition.title,
        fr::quote(&short(name))
    );
    let contact = &d.applicant.contact;
    let letter = Letter {
        edition,
        file: file_name(&checked.file),
        name,
        greeting: short(&format!(
            "{} {}",
            contact.first_name.trim(),
            contact.last_name.trim()
        )),
        points: &points,
    };
    let head = format!(
        "mailto:{}?subject={}&body=",
        encode(address, "@"),
        encode(&subject, "")
    );
    // The most points that fit: fewer points, a shorter link (each point's text is only added).
    (0..=points.len()).rev().find_map(|listed| {
        let href = format!("{head}{}", encode(&letter.body(listed), ""));
        (href.len() <= MAX_MAILTO || listed == 0).then(|| Mailto {
            href,
            listed,
            left_out: points.len() - listed,
        })
    })
}

struct Letter<'a> {
    edition: &'a Edition,
    file: &'a str,
    name: &'a str,
    /// The contact's first and last names.
    greeting: String,
    points: &'a [&'a Finding],
}

impl Letter<'_> {
    /// The message with the first `listed` points, lines ended by CRLF (RFC 6068).
    fn body(&self, listed: usize) -> String {
        let greeting = self.greeting.trim();
        let mut lines = vec![
            if greeting.is_empty() {
                "Bonjour,".to_owned()
            } else {
                format!("Bonjour {greeting},")
            },
            String::new(),
            format!(
                "Nous avons bien reçu le dossier de candidature {} à l’appel {} (fichier {}).",
                fr::quote(&short(self.name)),
                self.edition.title,
                fr::quote(self.file)
            ),
            String::new(),
        ];
        let (errors, warnings): (Vec<&Finding>, Vec<&Finding>) = self.points[..listed]
            .iter()
            .partition(|f| f.severity == Severity::Error);
        if self.points.is_empty() {
            lines.push("Il ne présente aucun point à corriger.".to_owned());
        }
        for (heading, group) in [
            (
                "Pour qu’il puisse être examiné, merci d’y corriger les points suivants",
                errors,
            ),
            ("Merci de vérifier aussi ces points", warnings),
        ] {
            if !group.is_empty() {
                lines.push(format!("{heading}{NBSP}:"));
                lines.extend(group.iter().map(|f| format!("- {}", f.message)));
                lines.push(String::new());
            }
        }
        let left_out = self.points.len() - listed;
        if left_out > 0 {
            lines.push(format!(
                "Et {} encore, que le formulaire du site vous montrera en y ouvrant le dossier.",
                fr::count(left_out, "autre point", "autres points")
            ));
            lines.push(String::new());
        }
        lines.push(format!(
            "Vous pouvez corriger le dossier dans le formulaire du site et nous le renvoyer \
             jusqu’au {} inclus, date limite de dépôt.",
            fr::date(self.edition.dates.deadline)
        ));
        lines.push(String::new());
        lines.push("Cordialement,".to_owned());
        lines.join("\r\n")
    }
}

/// `text` cut to [`SHORT`] characters (with `…`), so that a very long value cannot fill the link.
fn short(text: &str) -> String {
    let mut chars = text.chars();
    let mut out: String = chars.by_ref().take(SHORT).collect();
    if chars.next().is_some() {
        out.push('…');
    }
    out
}

/// Percent-encodes every byte of `text` but the unreserved characters of RFC 3986 and those of
/// `keep`: no `?`, `&`, `#` or `%` of a dossier can add a header or end the link.
pub fn encode(text: &str, keep: &str) -> String {
    let mut out = String::with_capacity(text.len() * 3);
    for &byte in text.as_bytes() {
        let c = char::from(byte);
        if byte.is_ascii_alphanumeric()
            || matches!(c, '-' | '.' | '_' | '~')
            || (byte.is_ascii() && keep.contains(c))
        {
            out.push(c);
        } else {
            const HEX: &[u8; 16] = b"0123456789ABCDEF";
            out.push('%');
            out.push(char::from(HEX[usize::from(byte >> 4)]));
            out.push(char::from(HEX[usize::from(byte & 15)]));
        }
    }
    out
}
