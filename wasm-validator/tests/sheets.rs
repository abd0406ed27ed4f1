//! The staff's report as HTML (`sheet::table`, `sheet::pack`, `sheet::report_page`): the compact
//! table, one section per dossier in the table's order with its running header, duplicates and
//! unreadable files. The print itself (A4 pages) is checked in Chromium (tests/browser/check-print).

mod common;

use common::*;
use jiff::civil::date;
use wasm_validator::committee::{receive, Batch, Content, Received};
use wasm_validator::model::HostedExpert;
use wasm_validator::{sheet, to_json, Dossier};

fn named(name: &str, title: &str) -> Dossier {
    let mut d = valid_dossier();
    d.applicant.name = name.to_owned();
    d.mission.title = title.to_owned();
    d
}

fn batch_html(files: &[(&str, String, jiff::civil::Date)]) -> (String, String, String) {
    let e = edition();
    let checked = receive(
        &e,
        files.iter().map(|(name, json, sent)| Received {
            file: (*name).to_owned(),
            content: Content::Bytes(json.as_bytes()),
            sent: *sent,
        }),
    );
    let batch = Batch {
        edition: &e,
        today: date(2025, 6, 15),
        checked: &checked,
    };
    (
        sheet::table(&batch),
        sheet::pack(&batch),
        sheet::report_page(&batch),
    )
}

#[test]
fn the_pack_has_one_sheet_per_dossier_in_the_table_s_order_each_with_its_running_header() {
    let mut incomplete = named("Zèbre Solidaire", "Mission Z");
    incomplete.mission.need.clear();
    let files = [
        ("recus/z.json", to_json(&incomplete), date(2025, 6, 10)),
        (
            "a.json",
            to_json(&named("Amis du Bénin", "Mission A")),
            date(2025, 6, 16),
        ),
        (
            "illisible.json",
            "pas du JSON".to_owned(),
            date(2025, 6, 10),
        ),
        (
            "a-bis.json",
            to_json(&named("AMIS DU BENIN", "Mission A")),
            date(2025, 6, 10),
        ),
    ];
    let (table, pack, page) = batch_html(&files);
    // Table: the dates share a column, the city is left to the sheet.
    assert!(
        table.contains("<th scope=\"col\" class=\"d\">Dates</th>"),
        "{table}"
    );
    assert!(!table.contains(">Ville</th>") && !table.contains(">Fin</th>"));
    assert!(table.contains("<td class=\"d\"><bdi>2025-10-06</bdi><br><bdi>2025-10-17</bdi></td>"));
    assert!(table.contains("doublon, non compté"));
    // The pack: complete first (a.json, late but complete), then z, then the duplicate, then the
    // unreadable file in the closing section.
    let order: Vec<usize> = [
        "id=\"fichier-2\"",
        "id=\"fichier-1\"",
        "id=\"fichier-4\"",
        "id=\"fichier-3\"",
    ]
    .iter()
    .map(|id| pack.find(id).unwrap_or_else(|| panic!("{id} in {pack}")))
    .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{order:?}");
    assert_eq!(pack.matches("<section class=\"dossier\"").count(), 3);
    assert_eq!(pack.matches("<section class=\"illisibles\"").count(), 1);
    assert!(pack.contains(
        "<div class=\"entete\"><a href=\"#fichier-1-titre\"><bdi>Zèbre Solidaire</bdi></a> – <bdi>z.json</bdi> – EXPLOR 2025 – Hauts-de-France</div>"
    ), "{pack}");
    assert!(pack.contains("<h2 id=\"fichier-1-titre\"><bdi>Zèbre Solidaire</bdi></h2>"));
    // Each sheet says its own date, and the duplicate why it is not counted.
    assert!(
        pack.contains("Envoyé le 16\u{a0}juin 2025") || pack.contains("Envoyé le 16 juin 2025"),
        "{pack}"
    );
    assert!(
        pack.contains("Envoyé le 10\u{a0}juin 2025") || pack.contains("Envoyé le 10 juin 2025")
    );
    assert!(pack.contains("<strong>Doublon\u{a0}: même association et même titre de mission que «\u{202f}a.json\u{202f}»"));
    assert!(page.contains(&table) && page.contains(&pack));
    // « Écrire à l’association » on each dossier's sheet, on screen only.
    assert_eq!(
        pack.matches("<p class=\"actions\"><a href=\"mailto:")
            .count(),
        3,
        "{pack}"
    );
    assert!(page.contains(".actions{display:none}"));
    assert!(page.contains("@page{size:A4") && page.contains("counter(page)"));
}

#[test]
fn the_sheet_shows_the_mission_in_full_and_the_hosted_expert() {
    let mut d = named("Amis du Bénin", "Mission A");
    d.mission.hosted_expert = Some(HostedExpert {
        organisation: "Coopérative de Porto-Novo".to_owned(),
        role: "Animatrice".to_owned(),
        profile: "Dix ans d’animation rurale.".to_owned(),
    });
    d.reference = "EX25-7K3Q".to_owned();
    let (_, pack, _) = batch_html(&[("a.json", to_json(&d), date(2025, 6, 10))]);
    let duration = format!("<dt>Durée</dt><dd>{}</dd>", wasm_validator::fr::days(12));
    for expected in [
        duration.as_str(),
        "Coopérative de Porto-Novo",
        "Dix ans d’animation rurale.",
        "<bdi>EX25-7K3Q</bdi>",
        "Contribution maximale",
        "6. ",
    ] {
        assert!(pack.contains(expected), "{expected} in {pack}");
    }
}

#[test]
fn the_findings_are_in_words_without_the_dossier_s_paths() {
    let mut d = named("Zèbre Solidaire", "Mission Z");
    d.mission.need.clear();
    d.applicant.address.postal_code = "5900".to_owned();
    let e = edition();
    let judged = wasm_validator::judge(&e, to_json(&d).as_bytes(), date(2025, 6, 10)).unwrap();
    let fields: Vec<&str> = judged
        .report
        .findings
        .iter()
        .map(|f| f.field.as_str())
        .collect();
    assert!(fields.contains(&"mission.need"), "{fields:?}");
    let (_, pack, _) = batch_html(&[("z.json", to_json(&d), date(2025, 6, 10))]);
    for finding in &judged.report.findings {
        assert!(
            pack.contains(&wasm_validator::html::escape(&finding.message)),
            "{}",
            finding.message
        );
        assert!(
            !pack.contains(&format!(">{}<", finding.field)),
            "{} in {pack}",
            finding.field
        );
        assert!(
            !pack.contains(&format!("{}\u{a0}:", finding.field)),
            "{}",
            finding.field
        );
    }
}
