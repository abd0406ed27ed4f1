//! « Écrire à l’association » (`committee::mailto`): the address, the subject and the plain French
//! body, percent-encoded so that nothing from a dossier can add a header, and bounded in length.

mod common;

use common::*;
use jiff::civil::{date, Date};
use wasm_validator::committee::{
    encode, mailto, receive, Checked, Content, Mailto, Received, MAX_MAILTO,
};
use wasm_validator::{to_json, Dossier, Severity};

fn checked(d: &Dossier, sent: Date) -> Checked {
    let json = to_json(d);
    receive(
        &edition(),
        [Received {
            file: "recus/dossier.json".to_owned(),
            content: Content::Bytes(json.as_bytes()),
            sent,
        }],
    )
    .remove(0)
}

fn decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            out.push(u8::from_str_radix(&text[i + 1..i + 3], 16).unwrap());
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).unwrap()
}

/// (address, subject, body), decoded, after checking the link's shape: one `?`, one `&`.
fn parts(link: &Mailto) -> (String, String, String) {
    let rest = link.href.strip_prefix("mailto:").expect("a mailto link");
    assert_eq!(rest.matches('?').count(), 1, "{rest}");
    assert_eq!(rest.matches('&').count(), 1, "{rest}");
    assert!(!rest.contains([' ', '#', '\n', '\r', '"', '<']), "{rest}");
    let (address, query) = rest.split_once('?').unwrap();
    let (subject, body) = query.split_once('&').unwrap();
    (
        decode(address),
        decode(subject.strip_prefix("subject=").unwrap()),
        decode(body.strip_prefix("body=").unwrap()),
    )
}

#[test]
fn encoding_keeps_only_unreserved_characters() {
    let cases = [
        ("abc-XYZ_0.9~", "", "abc-XYZ_0.9~"),
        ("a b", "", "a%20b"),
        ("?&=#%+/", "", "%3F%26%3D%23%25%2B%2F"),
        ("\r\n", "", "%0D%0A"),
        ("é", "", "%C3%A9"),
        ("\u{a0}«\u{202f}", "", "%C2%A0%C2%AB%E2%80%AF"),
        ("camille@example.org", "@", "camille@example.org"),
        ("camille@example.org", "", "camille%40example.org"),
        ("é@", "é@", "%C3%A9@"),
    ];
    for (text, keep, encoded) in cases {
        assert_eq!(encode(text, keep), encoded, "{text:?}");
        assert_eq!(decode(&encode(text, keep)), text);
    }
}

#[test]
fn a_complete_dossier_gets_a_letter_with_the_edition_its_name_and_the_deadline() {
    let link = mailto(&edition(), &checked(&valid_dossier(), before_deadline())).expect("a link");
    let (address, subject, body) = parts(&link);
    let d = valid_dossier();
    assert_eq!(address, d.applicant.contact.email);
    assert_eq!(
        subject,
        format!(
            "EXPLOR 2025 – Hauts-de-France – votre dossier «\u{202f}{}\u{202f}»",
            d.applicant.name
        )
    );
    assert!(body.starts_with(&format!(
        "Bonjour {} {},\r\n\r\nNous avons bien reçu le dossier de candidature «\u{202f}{}\u{202f}» à l’appel EXPLOR 2025 – Hauts-de-France (fichier «\u{202f}dossier.json\u{202f}»).",
        d.applicant.contact.first_name, d.applicant.contact.last_name, d.applicant.name
    )), "{body}");
    assert!(body.contains("Il ne présente aucun point à corriger."));
    assert!(
        body.contains("jusqu’au 15\u{a0}juin 2025 inclus")
            || body.contains("jusqu’au 15 juin 2025 inclus"),
        "{body}"
    );
    assert_eq!((link.listed, link.left_out), (0, 0));
}

#[test]
fn the_points_to_correct_are_the_error_messages_then_the_warnings_never_the_lateness() {
    let mut d = valid_dossier();
    d.mission.need.clear();
    let late = checked(&d, date(2025, 6, 16));
    let report = &late.outcome.judged().unwrap().report;
    let link = mailto(&edition(), &late).expect("a link");
    let (_, _, body) = parts(&link);
    let errors: Vec<_> = report
        .findings
        .iter()
        .filter(|f| f.severity == Severity::Error && f.rule != "submission.closed")
        .collect();
    assert!(!errors.is_empty());
    for f in &errors {
        assert!(
            body.contains(&format!("\r\n- {}\r\n", f.message)),
            "{} in {body}",
            f.message
        );
    }
    let closed = report
        .findings
        .iter()
        .find(|f| f.rule == "submission.closed")
        .expect("late");
    assert!(!body.contains(&closed.message));
    assert!(body.contains("merci d’y corriger les points suivants\u{a0}:"));
}

/// Many errors: the link stays within the bound, keeps the first errors in full and says how many
/// are left out; a hostile name or address adds no header.
#[test]
fn a_long_letter_is_cut_to_the_bound_keeping_the_first_points() {
    let mut d = valid_dossier();
    for text in [
        &mut d.mission.need,
        &mut d.mission.objectives,
        &mut d.mission.activities,
        &mut d.mission.expected_results,
        &mut d.mission.expert_profile,
        &mut d.mission.follow_up,
        &mut d.partner.relationship,
        &mut d.applicant.rna,
        &mut d.applicant.address.street,
        &mut d.applicant.address.city,
        &mut d.applicant.contact.role,
        &mut d.applicant.contact.phone,
        &mut d.partner.name,
        &mut d.partner.city,
        &mut d.mission.title,
        &mut d.mission.city,
    ] {
        text.clear();
    }
    d.applicant.name = format!("A&subject=pirate?#{}", "x".repeat(500));
    let c = checked(&d, before_deadline());
    let link = mailto(&edition(), &c).expect("a link");
    assert!(link.href.len() <= MAX_MAILTO, "{}", link.href.len());
    assert!(link.listed >= 1 && link.left_out >= 1, "{link:?}");
    let (_, subject, body) = parts(&link);
    assert!(
        subject.contains("A&subject=pirate?#xxx") && subject.contains('…'),
        "{subject}"
    );
    let first = c
        .outcome
        .judged()
        .unwrap()
        .report
        .findings
        .iter()
        .find(|f| f.severity == Severity::Error)
        .unwrap();
    assert!(body.contains(&first.message));
    assert!(
        body.contains(&format!(
            "Et {}",
            wasm_validator::fr::count(link.left_out, "autre point", "autres points")
        )),
        "{body}"
    );
}

#[test]
fn no_link_without_a_usable_address_or_a_dossier() {
    let mut no_address = valid_dossier();
    no_address.applicant.contact.email.clear();
    let mut bad_address = valid_dossier();
    bad_address.applicant.contact.email = "camille@example.org?cc=autre@example.org".to_owned();
    for d in [no_address, bad_address] {
        assert_eq!(mailto(&edition(), &checked(&d, before_deadline())), None);
    }
    let unreadable = receive(
        &edition(),
        [Received {
            file: "x.json".to_owned(),
            content: Content::Bytes(b"nope"),
            sent: before_deadline(),
        }],
    )
    .remove(0);
    assert_eq!(mailto(&edition(), &unreadable), None);
}
