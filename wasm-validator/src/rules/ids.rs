//! Pure checks of identifiers and contact details: RNA, SIRET (Luhn, with La Poste's exception),
//! postal code, e-mail address, telephone number, calendar date, country code.
//!
//! Sources for RNA and SIRET: associations.gouv.fr (RNA « W » + 9 chiffres), INSEE/Sirene (SIRET =
//! SIREN + NIC, Luhn over 14 digits), and La Poste's exception as python-stdnum implements it.

use jiff::civil::Date;

/// The SIREN of La Poste, whose establishments use a digit-sum rule instead of Luhn.
const LA_POSTE_SIREN: &str = "356000000";
/// La Poste's head office, the one La Poste SIRET that follows the ordinary Luhn rule.
const LA_POSTE_HEAD_OFFICE: &str = "35600000000048";

/// Removes what people type between the characters of a code (spaces of every kind, dots, dashes)
/// and upper-cases it: `w59 500 0000` → `W595000000`. Codes are ASCII, so ASCII case mapping is
/// enough (and keeps Unicode case tables out of the WebAssembly module).
pub(crate) fn compact(value: &str) -> String {
    value
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '.' | '-'))
        .map(|c| c.to_ascii_uppercase())
        .collect()
}

/// An RNA number: `W`, a digit, a digit or capital letter, then 7 digits. The letter follows the
/// pattern data.gouv.fr's detector accepts; the official wording is « W suivi de 9 chiffres ».
pub(crate) fn rna_ok(compacted: &str) -> bool {
    let b = compacted.as_bytes();
    b.len() == 10
        && b[0] == b'W'
        && b[1].is_ascii_digit()
        && (b[2].is_ascii_digit() || b[2].is_ascii_uppercase())
        && b[3..].iter().all(u8::is_ascii_digit)
}

/// What is wrong with a SIRET, if anything.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum SiretIssue {
    /// Something else than digits.
    NotDigits,
    /// Not 14 digits; holds the count.
    Length(usize),
    /// The check digits do not match.
    Checksum,
}

/// Checks a compacted SIRET: 14 digits, a Luhn-valid SIREN, then Luhn over all 14 digits, except for
/// La Poste's establishments (digit sum multiple of 5) other than its head office (Luhn).
pub(crate) fn siret_issue(compacted: &str) -> Option<SiretIssue> {
    if !compacted.bytes().all(|b| b.is_ascii_digit()) {
        return Some(SiretIssue::NotDigits);
    }
    if compacted.len() != 14 {
        return Some(SiretIssue::Length(compacted.chars().count()));
    }
    let valid = luhn(&compacted[..9])
        && if compacted.starts_with(LA_POSTE_SIREN) && compacted != LA_POSTE_HEAD_OFFICE {
            digit_sum(compacted).is_multiple_of(5)
        } else {
            luhn(compacted)
        };
    (!valid).then_some(SiretIssue::Checksum)
}

/// The Luhn check on a string of ASCII digits: from the right, every second digit is doubled.
fn luhn(digits: &str) -> bool {
    let sum: u32 = digits
        .bytes()
        .rev()
        .enumerate()
        .map(|(i, b)| {
            let d = u32::from(b - b'0');
            if i % 2 == 1 {
                if d * 2 > 9 {
                    d * 2 - 9
                } else {
                    d * 2
                }
            } else {
                d
            }
        })
        .sum();
    sum.is_multiple_of(10)
}

fn digit_sum(digits: &str) -> u32 {
    digits.bytes().map(|b| u32::from(b - b'0')).sum()
}

/// What a postal code looks like.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Postal {
    /// Five digits (spaces removed).
    Valid(String),
    /// Four digits: perhaps a code of a département below 10 whose leading zero a spreadsheet
    /// dropped (the caller checks that the zero makes a code of the region), perhaps a digit short.
    /// Holds the code with a zero put in front.
    LostZero(String),
    Malformed,
}

pub(crate) fn postal(value: &str) -> Postal {
    let code = compact(value);
    if !code.bytes().all(|b| b.is_ascii_digit()) {
        return Postal::Malformed;
    }
    match code.len() {
        5 => Postal::Valid(code),
        4 => Postal::LostZero(format!("0{code}")),
        _ => Postal::Malformed,
    }
}

/// A pragmatic e-mail check: one `@`, no spaces, a dotted domain whose labels are letters, digits
/// and dashes (any non-ASCII letter is let through for internationalised domains). It catches typing slips, not every address RFC 5322 allows.
pub(crate) fn email_ok(value: &str) -> bool {
    let value = value.trim();
    let Some((local, domain)) = value.split_once('@') else {
        return false;
    };
    let label_ok = |l: &str| {
        !l.is_empty()
            && !l.starts_with('-')
            && !l.ends_with('-')
            && l.chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || !c.is_ascii())
    };
    let labels: Vec<&str> = domain.split('.').collect();
    value.len() <= 254
        && !local.is_empty()
        && !local.starts_with('.')
        && !local.ends_with('.')
        && !local.contains("..")
        && local
            .chars()
            .all(|c| !c.is_whitespace() && !c.is_control() && !"@,;:<>()[]\"\\".contains(c))
        && labels.len() >= 2
        && labels.iter().all(|l| label_ok(l))
        && labels.last().is_some_and(|tld| tld.chars().count() >= 2)
}

/// A telephone number: digits, spaces, dots and dashes, either French (10 digits starting with 0)
/// or international (`+` or `00`, then 8 to 15 digits, as E.164 allows).
pub(crate) fn phone_ok(value: &str) -> bool {
    let value = value.trim();
    let (international, rest) = match value.strip_prefix('+') {
        Some(rest) => (true, rest),
        None => (false, value),
    };
    if !rest
        .chars()
        .all(|c| c.is_ascii_digit() || c.is_whitespace() || matches!(c, '.' | '-'))
    {
        return false;
    }
    let digits: String = rest.chars().filter(char::is_ascii_digit).collect();
    if international {
        return (8..=15).contains(&digits.len());
    }
    if let Some(after) = digits.strip_prefix("00") {
        return (8..=15).contains(&after.len());
    }
    digits.len() == 10 && digits.starts_with('0') && !digits.starts_with("00")
}

/// A calendar date written `YYYY-MM-DD` (and nothing else), checked by jiff's calendar.
pub(crate) fn date(value: &str) -> Option<Date> {
    crate::edition::parse_date(value)
}

/// A country code as typed (`sn `) made comparable to the edition's (`SN`).
pub(crate) fn country(value: &str) -> String {
    value.trim().to_ascii_uppercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn luhn_matches_known_numbers() {
        assert!(luhn("732829320"));
        assert!(luhn("356000000"));
        assert!(!luhn("123456789"));
        assert!(luhn("73282932000074"));
        assert!(!luhn("73282932000079"));
    }

    #[test]
    fn siret_follows_la_poste_exception() {
        assert_eq!(
            siret_issue("35600000000048"),
            None,
            "head office: plain Luhn"
        );
        assert_eq!(siret_issue("35600000049837"), None, "digit sum 45");
        assert_eq!(siret_issue("35600000049838"), Some(SiretIssue::Checksum));
        assert_eq!(siret_issue("73282932000074"), None);
        assert_eq!(siret_issue("73282932000079"), Some(SiretIssue::Checksum));
        assert_eq!(siret_issue("13002526500013"), None);
        assert_eq!(siret_issue("38948624200032"), None);
        assert_eq!(siret_issue("7328293200007"), Some(SiretIssue::Length(13)));
        assert_eq!(siret_issue("7328293200007A"), Some(SiretIssue::NotDigits));
        // A 14-digit number that passes Luhn overall but whose SIREN part does not.
        assert_eq!(siret_issue("12345678900005"), Some(SiretIssue::Checksum));
    }

    #[test]
    fn rna_is_w_and_nine() {
        assert!(rna_ok(&compact("W595000000")));
        assert!(rna_ok(&compact(" w59 500 0000 ")));
        assert!(rna_ok("W2D1234567"));
        assert!(!rna_ok("W59500000"));
        assert!(!rna_ok("W5950000000"));
        assert!(!rna_ok("595000000W"));
        assert!(!rna_ok("WD21234567"));
    }

    #[test]
    fn postal_codes() {
        assert_eq!(postal("59000"), Postal::Valid("59000".into()));
        assert_eq!(postal(" 59 000 "), Postal::Valid("59000".into()));
        assert_eq!(postal("2000"), Postal::LostZero("02000".into()));
        assert_eq!(postal("590000"), Postal::Malformed);
        assert_eq!(postal("59OOO"), Postal::Malformed);
    }

    #[test]
    fn emails() {
        for ok in [
            "a@b.fr",
            "prenom.nom@asso-exemple.org",
            "x+y@sub.example.com",
            "é@exemple.fr",
        ] {
            assert!(email_ok(ok), "{ok}");
        }
        for bad in [
            "",
            "a",
            "a@b",
            "a@b.",
            "a@.fr",
            "a b@c.fr",
            "a@@b.fr",
            "@b.fr",
            "a@b.f",
            "a@-b.fr",
            "a..b@c.fr",
        ] {
            assert!(!email_ok(bad), "{bad}");
        }
    }

    #[test]
    fn phones() {
        for ok in [
            "03 20 00 00 00",
            "0320000000",
            "03.20.00.00.00",
            "+33 3 20 00 00 00",
            "+221 77 000 00 00",
            "0033 3 20 00 00 00",
        ] {
            assert!(phone_ok(ok), "{ok}");
        }
        for bad in [
            "",
            "03 20 00 00",
            "3 20 00 00 00 0",
            "+33 (0)3",
            "03 20 00 00 0x",
            "++33320000000",
            "+1234567",
        ] {
            assert!(!phone_ok(bad), "{bad}");
        }
    }

    #[test]
    fn dates() {
        assert_eq!(date("2025-10-06"), Some(jiff::civil::date(2025, 10, 6)));
        assert_eq!(date(" 2024-02-29 "), Some(jiff::civil::date(2024, 2, 29)));
        for bad in [
            "",
            "2025-02-29",
            "2025-13-01",
            "2025-1-05",
            "06/10/2025",
            "20251006",
            "2025-10-06T10:00",
            "+2025-10-06",
        ] {
            assert_eq!(date(bad), None, "{bad}");
        }
    }
}
