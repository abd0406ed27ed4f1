//! Receiving a batch (`committee::receive`), the one code `explor check` and the staff page share:
//! every reason a file is not read, duplicates by bytes and by association and title, each file
//! judged against its own date, and the CSV written from the result.

mod common;

use common::*;
use jiff::civil::{date, Date};
use wasm_validator::committee::{
    self, receive, too_large, Batch, Checked, Content, Outcome, Received, Standing,
};
use wasm_validator::{to_json, Dossier, DossierError, MAX_BYTES};

fn file<'a>(name: &str, bytes: &'a [u8], sent: Date) -> Received<'a> {
    Received {
        file: name.to_owned(),
        content: Content::Bytes(bytes),
        sent,
    }
}

fn reason(checked: &Checked) -> &str {
    match &checked.outcome {
        Outcome::Unreadable(reason) | Outcome::Duplicate { reason, .. } => reason,
        Outcome::Judged(_) => panic!("{} was counted", checked.file),
    }
}

fn named(name: &str, title: &str) -> Dossier {
    let mut d = valid_dossier();
    d.applicant.name = name.to_owned();
    d.mission.title = title.to_owned();
    d
}

/// Each kind of bad file, with the start of its French reason: the core's sentences (the parser's),
/// the reader's own reason passed through.
#[test]
fn every_bad_file_is_listed_with_its_french_reason_and_the_others_still_judged() {
    let valid = to_json(&valid_dossier());
    let other_format = valid.replace("\"explor-dossier\"", "\"autre-chose\"");
    let other_version = valid.replace("\"version\": 1", "\"version\": 2");
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(valid.encode_utf16().flat_map(u16::to_le_bytes));
    let huge = vec![b' '; MAX_BYTES + 1];
    assert_ne!(
        other_version, valid,
        "the fixture writes its version as expected"
    );
    let cases: Vec<(&str, Content, String)> = vec![
        (
            "vide.json",
            Content::Bytes(b""),
            DossierError::Empty.to_string(),
        ),
        (
            "texte.json",
            Content::Bytes(b"Bonjour, voici notre dossier"),
            "ce n’est pas du JSON valide".to_owned(),
        ),
        (
            "autre-format.json",
            Content::Bytes(other_format.as_bytes()),
            "son champ format vaut".to_owned(),
        ),
        (
            "autre-version.json",
            Content::Bytes(other_version.as_bytes()),
            "est au format explor-dossier version".to_owned(),
        ),
        (
            "utf16.json",
            Content::Bytes(&utf16),
            "encodé en UTF-16".to_owned(),
        ),
        (
            "lu-trop-grand.json",
            Content::Bytes(&huge),
            "alors qu’un dossier en fait au plus".to_owned(),
        ),
        (
            "annonce-trop-grand.json",
            Content::Size(5_000_000),
            too_large(5_000_000),
        ),
        (
            "refuse.json",
            Content::Failed("Accès refusé par le navigateur.".to_owned()),
            "Accès refusé par le navigateur.".to_owned(),
        ),
    ];
    let mut files: Vec<Received> = vec![file("bon.json", valid.as_bytes(), before_deadline())];
    let expected: Vec<(&str, String)> = cases.iter().map(|(n, _, r)| (*n, r.clone())).collect();
    files.extend(cases.into_iter().map(|(name, content, _)| Received {
        file: name.to_owned(),
        content,
        sent: before_deadline(),
    }));
    let checked = receive(&edition(), files);
    assert!(matches!(checked[0].outcome, Outcome::Judged(_)));
    for (c, (name, expected)) in checked[1..].iter().zip(&expected) {
        assert_eq!(c.file, *name);
        assert!(
            matches!(c.outcome, Outcome::Unreadable(_)),
            "{name} is unreadable"
        );
        assert!(
            reason(c).contains(expected.as_str()),
            "{name}: {}",
            reason(c)
        );
    }
    assert!(
        too_large(5_000_000).contains("5\u{202f}000\u{202f}000")
            || too_large(5_000_000).contains("5\u{a0}000\u{a0}000"),
        "{}",
        too_large(5_000_000)
    );
}

/// A dossier of another edition is still a dossier: judged, with the rule that says so.
#[test]
fn a_dossier_of_another_edition_is_judged_with_its_finding() {
    let mut d = valid_dossier();
    d.edition = "explor-2024-hauts-de-france".to_owned();
    let json = to_json(&d);
    let checked = receive(
        &edition(),
        [file("2024.json", json.as_bytes(), before_deadline())],
    );
    let judged = checked[0].outcome.counted().expect("judged and counted");
    assert!(judged
        .report
        .findings
        .iter()
        .any(|f| f.rule == "dossier.edition"));
    assert!(!judged.report.complete);
}

/// Same bytes (whatever the folder), or the same association and title written differently: the
/// later file is a duplicate naming the first; a different title or association is another dossier.
#[test]
fn duplicates_by_bytes_and_by_association_and_title_name_the_first_file() {
    let first = to_json(&named("Association Eau Vive Lille", "Diagnostic des puits"));
    let same_text = to_json(&named(
        "  association EAU VIVE  lille ",
        "Diagnostic des  puits.",
    ));
    let other_title = to_json(&named(
        "Association Eau Vive Lille",
        "Formation des artisans",
    ));
    let other_name = to_json(&named("Eau Vive Arras", "Diagnostic des puits"));
    let blank_a = to_json(&named("", ""));
    let blank_b = to_json(&named("", "Autre"));
    let day = before_deadline();
    let checked = receive(
        &edition(),
        [
            file("recus/a.json", first.as_bytes(), day),
            file("b.json", other_title.as_bytes(), day),
            file("copie/a.json", first.as_bytes(), day),
            file("c.json", same_text.as_bytes(), day),
            file("d.json", other_name.as_bytes(), day),
            file("e.json", blank_a.as_bytes(), day),
            file("f.json", blank_b.as_bytes(), day),
            file("g.json", blank_a.as_bytes(), day),
        ],
    );
    let kinds: Vec<(&str, Option<&str>)> = checked
        .iter()
        .map(|c| match &c.outcome {
            Outcome::Duplicate { reason, .. } => (c.file.as_str(), Some(reason.as_str())),
            _ => (c.file.as_str(), None),
        })
        .collect();
    assert_eq!(kinds[0], ("recus/a.json", None));
    assert_eq!(kinds[1], ("b.json", None));
    assert_eq!(kinds[4], ("d.json", None));
    assert_eq!(
        kinds[5],
        ("e.json", None),
        "a blank dossier is not a duplicate of anything"
    );
    assert_eq!(kinds[6], ("f.json", None));
    let bytes_reason = kinds[2].1.expect("same bytes");
    assert!(
        bytes_reason.starts_with(
            "Doublon\u{a0}: ce fichier est identique à «\u{202f}a.json\u{202f}» (mêmes octets)"
        ),
        "{bytes_reason}"
    );
    let title_reason = kinds[3].1.expect("same association and title");
    assert!(
        title_reason.starts_with(
            "Doublon\u{a0}: même association et même titre de mission que «\u{202f}a.json\u{202f}»"
        ),
        "{title_reason}"
    );
    assert!(kinds[7]
        .1
        .expect("same bytes as e")
        .contains("«\u{202f}e.json\u{202f}»"));
    // A duplicate is still judged: its sheet can be read.
    assert!(checked[3]
        .outcome
        .judged()
        .is_some_and(|j| j.report.complete));
    assert!(checked[3].outcome.counted().is_none());
}

/// A duplicate is not counted twice: not in the totals, not in the tally's dossiers, and its row
/// comes after the counted ones with its reason in the reading column.
#[test]
fn a_duplicate_is_counted_once_in_the_totals_the_tally_and_the_table() {
    let a = to_json(&named("Association A", "Mission A"));
    let b = to_json(&named("Association B", "Mission B"));
    let e = edition();
    let day = before_deadline();
    let checked = receive(
        &e,
        [
            file("a.json", a.as_bytes(), day),
            file("a-bis.json", a.as_bytes(), day),
            file("b.json", b.as_bytes(), day),
        ],
    );
    let (expenses, requested) = committee::totals(&checked);
    assert_eq!(
        (expenses, requested),
        (400_000, 200_000),
        "two dossiers of 2 000 € and 1 000 €"
    );
    assert_eq!(
        committee::tally(&checked),
        "2\u{a0}dossiers, 2\u{a0}complets, 0\u{a0}avec erreurs, 0\u{a0}illisible, 1\u{a0}doublon non compté."
    );
    let batch = Batch {
        edition: &e,
        today: day,
        checked: &checked,
    };
    let rows = committee::rows(&batch);
    let standings: Vec<Standing> = rows.iter().map(|r| r.standing).collect();
    assert_eq!(
        standings,
        [Standing::Counted, Standing::Counted, Standing::Duplicate]
    );
    assert_eq!(rows[2].index, 1);
    let csv = committee::csv(&batch);
    let lines: Vec<&str> = csv.split("\r\n").collect();
    assert!(
        lines[3].starts_with("a-bis.json;Association A;"),
        "{}",
        lines[3]
    );
    // Quoted: the reason holds a `;`.
    assert!(lines[3].ends_with(";\"Doublon\u{a0}: ce fichier est identique à «\u{202f}a.json\u{202f}» (mêmes octets), le même dossier envoyé deux fois. Il n’est compté qu’une fois\u{202f}; sa fiche reste consultable.\""), "{}", lines[3]);
    assert_eq!(lines[4], "Total;;;;;;;;4000,00;2000,00;;;;;;;");
}

/// Each file is judged against its own date (DOSSIER.md §3): the deadline is 15 June 2025, end of
/// day; the date is kept in the result.
#[test]
fn each_file_is_judged_against_the_day_it_was_sent() {
    let cases = [
        (date(2025, 6, 1), true),
        (date(2025, 6, 14), true),
        (date(2025, 6, 15), true),
        (date(2025, 6, 16), false),
        (date(2025, 9, 1), false),
    ];
    let jsons: Vec<String> = (0..cases.len())
        .map(|i| to_json(&named(&format!("Association {i}"), "Mission")))
        .collect();
    let files = cases
        .iter()
        .zip(&jsons)
        .enumerate()
        .map(|(i, ((sent, _), json))| file(&format!("{i}.json"), json.as_bytes(), *sent));
    let checked = receive(&edition(), files);
    for (c, (sent, on_time)) in checked.iter().zip(cases) {
        assert_eq!(c.sent, sent);
        let report = &c.outcome.counted().expect("judged").report;
        assert_eq!(report.on_time, on_time, "sent {sent}");
        assert!(report.complete, "late is not incomplete");
        assert_eq!(
            report
                .findings
                .iter()
                .any(|f| f.rule == "submission.closed"),
            !on_time
        );
    }
}
