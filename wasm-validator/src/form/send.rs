//! Handing the dossier over, without the browser: the dossier's short reference (`EX25-7K3Q`, contract
//! §1), the file's name that carries it, the `mailto:` link to the network, and the mission's
//! one-page summary for the partner abroad, as plain text that travels in messaging apps.

use crate::edition::parse_date;
use crate::{fr, Dossier, Edition};

/// The letters of a reference's code: digits and capitals without I, L, O and U (Crockford's base
/// 32), so that it can be read aloud and typed again without confusion.
const CODE_LETTERS: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/// A new reference for a dossier of `edition_id`: the edition's first two letters and the last two
/// digits of its year, then four letters drawn from `seed` (`explor-2025-…` → `EX25-7K3Q`).
pub fn reference(edition_id: &str, seed: u64) -> String {
    let mut out: String = edition_id
        .chars()
        .filter(char::is_ascii_alphabetic)
        .take(2)
        .map(|c| c.to_ascii_uppercase())
        .collect();
    if let Some(year) = edition_id
        .split(|c: char| !c.is_ascii_digit())
        .find(|run| run.len() == 4)
    {
        out.push_str(&year[2..]);
    }
    if out.is_empty() {
        out.push('D');
    }
    out.push('-');
    // A multiplicative mix first: close seeds (two clicks a millisecond apart) give unrelated codes.
    let mut bits = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 40;
    let mut code = [0u8; 4];
    for slot in code.iter_mut().rev() {
        *slot = CODE_LETTERS[(bits & 31) as usize];
        bits >>= 5;
    }
    out.extend(code.iter().map(|b| char::from(*b)));
    out
}

/// The seed of a new reference: the browser's clock mixed with the association's name (FNV-1a), so
/// that two associations downloading at the same millisecond still differ.
pub fn reference_seed(now_ms: i64, association: &str) -> u64 {
    let mut hash: u64 = 0xCBF2_9CE4_8422_2325;
    for byte in now_ms.to_le_bytes().iter().chain(association.as_bytes()) {
        hash ^= u64::from(*byte);
        hash = hash.wrapping_mul(0x0100_0000_01B3);
    }
    hash
}

/// Whether `text` is a reference as [`reference`] writes them (kept from a resumed draft).
pub fn is_reference(text: &str) -> bool {
    let Some((head, code)) = text.split_once('-') else {
        return false;
    };
    (1..=8).contains(&head.len())
        && head
            .bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
        && code.len() == 4
        && code.bytes().all(|b| CODE_LETTERS.contains(&b))
}

/// `explor-dossier-association-exemple-2025-06-10-EX25-7K3Q.json`: the dossier's file, named with
/// its reference so that the staff and the association speak of the same file.
pub fn file_name(association: &str, date_iso: &str, reference: &str) -> String {
    let base = super::export::file_name("explor-dossier", association, date_iso);
    match base.strip_suffix(".json") {
        Some(stem) if !reference.is_empty() => format!("{stem}-{reference}.json"),
        _ => base,
    }
}

/// `mailto:` to `to`, with a subject and a body, every character outside RFC 3986's unreserved set
/// percent-encoded (RFC 6068), so that spaces, accents and `&` reach the mail program intact.
pub fn mailto(to: &str, subject: &str, body: &str) -> String {
    format!(
        "mailto:{}?subject={}&body={}",
        encode(to.trim()).replace("%40", "@"),
        encode(subject),
        encode(body)
    )
}

fn encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~".contains(&byte) {
            out.push(char::from(byte));
        } else {
            const HEX: &[u8; 16] = b"0123456789ABCDEF";
            out.push('%');
            out.push(char::from(HEX[usize::from(byte >> 4)]));
            out.push(char::from(HEX[usize::from(byte & 15)]));
        }
    }
    out
}

/// The e-mail's subject: the edition, the association, the mission's title, the reference (the
/// parts left empty are left out).
pub fn subject(edition: &Edition, dossier: &Dossier) -> String {
    let parts = [
        edition.title.trim(),
        dossier.applicant.name.trim(),
        dossier.mission.title.trim(),
        dossier.reference.trim(),
    ];
    parts
        .iter()
        .filter(|p| !p.is_empty())
        .copied()
        .collect::<Vec<_>>()
        .join(" – ")
}

/// The mission as the association's partner abroad reads it to confirm that the need was identified
/// together (the call requires it): plain text, one line per fact, one paragraph per long answer,
/// fit for a messaging app and for one printed page. `country` names a country code (the form's
/// list); an empty answer says « (à compléter) ».
pub fn partner_summary(
    edition: &Edition,
    dossier: &Dossier,
    country: impl Fn(&str) -> String,
) -> String {
    let (a, p, m) = (&dossier.applicant, &dossier.partner, &dossier.mission);
    let or_todo = |text: &str| {
        let text = text.trim();
        if text.is_empty() {
            "(à compléter)".to_owned()
        } else {
            text.to_owned()
        }
    };
    let place = |city: &str, code: &str| {
        let names: Vec<String> = [city.trim().to_owned(), country(code.trim())]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect();
        or_todo(&names.join(", "))
    };
    let dates = match (parse_date(&m.start_date), parse_date(&m.end_date)) {
        (Some(start), Some(end)) if start <= end => {
            // As the rules count it: no calendar span arithmetic, which would cost the module.
            let days = end.duration_since(start).as_secs() / 86_400 + 1;
            format!("{} ({})", fr::period(start, end), fr::days(days))
        }
        _ => or_todo(""),
    };
    let colon = format!("{}: ", fr::NBSP);
    let mut out = format!("{} – {}\n\n", edition.title.trim(), or_todo(&m.title));
    for (label, value) in [
        ("Association", or_todo(&a.name)),
        ("Partenaire", or_todo(&p.name)),
        ("Ville du partenaire", place(&p.city, &p.country)),
        ("Dates", dates),
        ("Lieu de la mission", place(&m.city, &m.country)),
    ] {
        out.push_str(&format!("{label}{colon}{value}\n"));
    }
    for (label, value) in [
        ("Besoin identifié avec le partenaire", &m.need),
        ("Objectifs", &m.objectives),
        ("Activités prévues", &m.activities),
    ] {
        out.push_str(&format!("\n{label}{colon}\n{}\n", or_todo(value)));
    }
    if !dossier.reference.trim().is_empty() {
        out.push_str(&format!("\nRéférence{colon}{}\n", dossier.reference.trim()));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn edition() -> Edition {
        let root = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../tests/fixtures/editions/explor-2025"
        );
        crate::edition::load::from_dir(std::path::Path::new(root)).expect("the frozen edition")
    }

    #[test]
    fn references_name_the_edition_and_differ_by_seed() {
        let id = "explor-2025-hauts-de-france";
        let first = reference(id, reference_seed(1_750_000_000_000, "Solidarité"));
        assert!(first.starts_with("EX25-"), "{first}");
        assert_eq!(first.len(), 9);
        assert!(is_reference(&first), "{first}");
        // The same inputs give the same reference; a millisecond later, another one.
        assert_eq!(
            first,
            reference(id, reference_seed(1_750_000_000_000, "Solidarité"))
        );
        let codes: std::collections::BTreeSet<String> = (0..200)
            .map(|ms| reference(id, reference_seed(1_750_000_000_000 + ms, "Solidarité")))
            .collect();
        assert!(codes.len() > 190, "{} distinct of 200", codes.len());
        for code in &codes {
            assert!(!code[5..].contains(['I', 'L', 'O', 'U']), "{code}");
        }
        assert_eq!(&reference("", 0)[..2], "D-");
        assert!(!is_reference("EX25-7K3"));
        assert!(!is_reference("EX25-7K3O"));
        assert!(!is_reference("ex25-7K3Q"));
        assert!(!is_reference("<b>-7K3Q"));
    }

    #[test]
    fn the_file_name_carries_the_reference() {
        assert_eq!(
            file_name("Solidarité Nord–Sud", "2025-06-01", "EX25-7K3Q"),
            "explor-dossier-solidarite-nord-sud-2025-06-01-EX25-7K3Q.json"
        );
        assert_eq!(
            file_name("", "2025-06-01", ""),
            "explor-dossier-association-2025-06-01.json"
        );
    }

    #[test]
    fn mailto_links_encode_every_reserved_character() {
        let link = mailto(
            " contact@example.org ",
            "EXPLOR 2025 – A & B",
            "Bonjour,\nci-joint ?",
        );
        assert_eq!(
            link,
            "mailto:contact@example.org?subject=EXPLOR%202025%20%E2%80%93%20A%20%26%20B\
             &body=Bonjour%2C%0Aci-joint%20%3F"
        );
        // A hostile address cannot add a header of its own.
        assert!(mailto("a@b.c?cc=x@y.z", "", "").starts_with("mailto:a@b.c%3Fcc%3Dx@y.z?"));
    }

    #[test]
    fn the_subject_names_the_edition_the_association_and_the_mission() {
        let edition = edition();
        let mut d = Dossier::blank(&edition.id);
        d.applicant.name = " Solidarité Nord–Sud ".into();
        d.reference = "EX25-7K3Q".into();
        assert_eq!(
            subject(&edition, &d),
            format!("{} – Solidarité Nord–Sud – EX25-7K3Q", edition.title)
        );
        d.mission.title = "Irrigation à Thiès".into();
        assert!(subject(&edition, &d).ends_with("– Irrigation à Thiès – EX25-7K3Q"));
    }

    #[test]
    fn the_partner_summary_says_need_objectives_activities_dates_and_place() {
        let edition = edition();
        let mut d = Dossier::blank(&edition.id);
        d.applicant.name = "Solidarité Nord–Sud".into();
        d.partner.name = "Maraîchers de Thiès".into();
        d.partner.country = "SN".into();
        d.partner.city = "Thiès".into();
        d.mission.title = "Irrigation".into();
        d.mission.country = "SN".into();
        d.mission.city = "Thiès".into();
        d.mission.start_date = "2025-10-06".into();
        d.mission.end_date = "2025-10-17".into();
        d.mission.need = "Des pompes en panne.".into();
        d.mission.activities = "Diagnostic\nFormation".into();
        d.reference = "EX25-7K3Q".into();
        let text = partner_summary(&edition, &d, |code| {
            if code == "SN" {
                "Sénégal".into()
            } else {
                String::new()
            }
        });
        let nbsp = '\u{a0}';
        assert!(
            text.starts_with(&format!("{} – Irrigation\n\n", edition.title)),
            "{text}"
        );
        for line in [
            format!("Association{nbsp}: Solidarité Nord–Sud\n"),
            format!("Dates{nbsp}: du 6 octobre au 17 octobre 2025 (12 jours)\n"),
            format!("Lieu de la mission{nbsp}: Thiès, Sénégal\n"),
            format!("Besoin identifié avec le partenaire{nbsp}: \nDes pompes en panne.\n"),
            format!("Objectifs{nbsp}: \n(à compléter)\n"),
            format!("Activités prévues{nbsp}: \nDiagnostic\nFormation\n"),
            format!("Référence{nbsp}: EX25-7K3Q\n"),
        ] {
            assert!(text.contains(&line), "{line:?} not in {text}");
        }
        // Plain text: nothing a messaging app would show as markup.
        assert!(!text.contains('<') && !text.contains('*'), "{text}");
        // Dates missing or reversed are still to complete, never a negative length.
        d.mission.end_date = "2025-10-01".into();
        let text = partner_summary(&edition, &d, |_| String::new());
        assert!(
            text.contains(&format!("Dates{nbsp}: (à compléter)\n")),
            "{text}"
        );
    }

    #[test]
    fn the_readable_copy_names_its_reference_date_and_state() {
        let edition = edition();
        let mut d = Dossier::blank(&edition.id);
        d.reference = "EX25-7K3Q".into();
        d.saved_at = "2025-06-01T10:05:00+02:00".into();
        d.status = crate::model::STATUS_FINAL.into();
        let report = crate::validate(&edition, &d, jiff::civil::date(2025, 6, 1));
        let errors = report.count(crate::Severity::Error);
        assert!(errors > 5);
        let first = report.findings[0].message.clone();
        let judged = crate::Judged {
            dossier: d.clone(),
            report,
            unknown_fields: Vec::new(),
        };
        let copy = crate::sheet::readable_copy(&edition, &judged);
        let nbsp = '\u{a0}';
        for part in [
            "<dt>Référence</dt><dd>EX25-7K3Q</dd>".to_owned(),
            format!("<dd>1er juin 2025 à 10{nbsp}h{nbsp}05</dd>"),
            format!("Dossier incomplet{nbsp}: {errors}{nbsp}erreurs à corriger"),
        ] {
            assert!(copy.contains(&part), "{part} not in {copy}");
        }
        assert!(copy.contains(&crate::html::escape(&first)), "{first}");
        // A draft says so instead; a saved_at that is not a time stamp is shown as written.
        let mut judged = judged;
        judged.dossier.status = crate::model::STATUS_DRAFT.into();
        judged.dossier.saved_at = "hier".into();
        let copy = crate::sheet::readable_copy(&edition, &judged);
        assert!(
            copy.contains("<dd>Brouillon (pas encore envoyé)</dd>"),
            "{copy}"
        );
        assert!(copy.contains("<dd>hier</dd>"), "{copy}");
    }
}
