//! French presentation helpers for the site: dates written out in words, grouped numbers and euros,
//! accent folding for slugs and for alphabetical order.

use jiff::civil::{Date, Weekday};

/// Non-breaking space: before `:` and `»`, after `«`, before `€` and `%`.
pub const NBSP: char = '\u{a0}';
/// Narrow non-breaking space: before `;` `!` `?` and between groups of digits.
pub const NNBSP: char = '\u{202f}';

const MONTHS: [&str; 12] = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
];

/// The month's French name (`month` from 1 to 12; anything else gives an empty string).
pub fn month_name(month: i8) -> &'static str {
    usize::try_from(month - 1)
        .ok()
        .and_then(|i| MONTHS.get(i))
        .copied()
        .unwrap_or("")
}

fn weekday_name(day: Weekday) -> &'static str {
    match day {
        Weekday::Monday => "lundi",
        Weekday::Tuesday => "mardi",
        Weekday::Wednesday => "mercredi",
        Weekday::Thursday => "jeudi",
        Weekday::Friday => "vendredi",
        Weekday::Saturday => "samedi",
        Weekday::Sunday => "dimanche",
    }
}

/// `1er` for the first day of a month (French usage), the plain number otherwise.
fn day_number(date: Date) -> String {
    if date.day() == 1 {
        "1er".to_owned()
    } else {
        date.day().to_string()
    }
}

/// `15 juin`, `1er juillet`.
pub fn day_month(date: Date) -> String {
    format!("{} {}", day_number(date), month_name(date.month()))
}

/// `15 juin 2025`, `1er juillet 2025`.
pub fn date(date: Date) -> String {
    format!("{} {}", day_month(date), date.year())
}

/// `dimanche 15 juin 2025`.
pub fn date_with_weekday(d: Date) -> String {
    format!("{} {}", weekday_name(d.weekday()), date(d))
}

/// `juillet 2025`.
pub fn month_year(year: i16, month: i8) -> String {
    format!("{} {}", month_name(month), year)
}

/// `du 16 juin au 1er juillet 2025`, or with both years when they differ.
pub fn period(start: Date, end: Date) -> String {
    if start.year() == end.year() {
        format!("du {} au {}", day_month(start), date(end))
    } else {
        format!("du {} au {}", date(start), date(end))
    }
}

/// The city of an IANA time zone, to say « heure de Paris »: `Europe/Paris` → `Paris`,
/// `America/Port_of_Spain` → `Port of Spain`.
pub fn zone_city(zone: &str) -> String {
    zone.rsplit('/').next().unwrap_or(zone).replace('_', " ")
}

/// An integer with its digits grouped by three with narrow non-breaking spaces: `1 000` (the rules'
/// own formatting, so pages and messages group digits alike).
pub fn integer(n: i64) -> String {
    wasm_validator::fr::int(i128::from(n))
}

/// Euros from cents: `1 000 €`, or `12,50 €` when there are cents.
pub fn euros(cents: i64) -> String {
    let units = integer(cents / 100);
    let rest = (cents % 100).unsigned_abs();
    if rest == 0 {
        format!("{units}{NBSP}€")
    } else {
        format!("{units},{rest:02}{NBSP}€")
    }
}

/// `50 %`.
pub fn percent(n: i64) -> String {
    format!("{n}{NBSP}%")
}

/// Joins items as French prose: `a, b et c`.
pub fn join_and(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} et {last}", init.join(", ")),
    }
}

/// Removes accents and ligatures from Latin letters, keeping the case: `Éé` → `Ee`, `œ` → `oe`.
/// Used for slugs and for alphabetical order, where `Égypte` belongs among the E.
pub fn fold_accents(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match fold_char(c) {
            Some(folded) => out.push_str(folded),
            None => out.push(c),
        }
    }
    out
}

fn fold_char(c: char) -> Option<&'static str> {
    Some(match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' => "a",
        'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å' | 'Ā' => "A",
        'ç' | 'ć' | 'č' => "c",
        'Ç' | 'Ć' | 'Č' => "C",
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ě' => "e",
        'È' | 'É' | 'Ê' | 'Ë' | 'Ē' | 'Ě' => "E",
        'ì' | 'í' | 'î' | 'ï' | 'ī' => "i",
        'Ì' | 'Í' | 'Î' | 'Ï' | 'Ī' => "I",
        'ñ' | 'ń' => "n",
        'Ñ' | 'Ń' => "N",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' => "o",
        'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ö' | 'Ø' | 'Ō' => "O",
        'ù' | 'ú' | 'û' | 'ü' | 'ū' => "u",
        'Ù' | 'Ú' | 'Û' | 'Ü' | 'Ū' => "U",
        'ý' | 'ÿ' => "y",
        'Ý' | 'Ÿ' => "Y",
        'š' | 'ś' | 'ş' => "s",
        'Š' | 'Ś' | 'Ş' => "S",
        'ž' | 'ź' | 'ż' => "z",
        'Ž' | 'Ź' | 'Ż' => "Z",
        'œ' => "oe",
        'Œ' => "OE",
        'æ' => "ae",
        'Æ' => "AE",
        'ß' => "ss",
        _ => return None,
    })
}

/// The key that sorts French names as a dictionary does: accents and case ignored first, then used to
/// break ties so the order stays total and stable.
pub fn collation_key(name: &str) -> (String, String) {
    let base: String = fold_accents(name)
        .chars()
        .filter(|c| c.is_alphanumeric() || c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect();
    (base, name.to_owned())
}

/// A URL fragment from French text: accents removed, lower case, words joined by hyphens
/// (`Qui peut répondre ?` → `qui-peut-repondre`).
pub fn slug(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_hyphen = false;
    for c in fold_accents(text).chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            if pending_hyphen && !out.is_empty() {
                out.push('-');
            }
            pending_hyphen = false;
            out.push(c);
        } else {
            pending_hyphen = true;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date as d;

    #[test]
    fn dates_are_written_out_in_french() {
        assert_eq!(date_with_weekday(d(2025, 6, 15)), "dimanche 15 juin 2025");
        assert_eq!(date(d(2025, 7, 1)), "1er juillet 2025");
        assert_eq!(day_month(d(2025, 8, 2)), "2 août");
        assert_eq!(month_year(2026, 3), "mars 2026");
        assert_eq!(
            period(d(2025, 6, 16), d(2025, 7, 1)),
            "du 16 juin au 1er juillet 2025"
        );
        assert_eq!(
            period(d(2025, 7, 1), d(2026, 3, 31)),
            "du 1er juillet 2025 au 31 mars 2026"
        );
    }

    #[test]
    fn zones_are_named_by_their_city() {
        assert_eq!(zone_city("Europe/Paris"), "Paris");
        assert_eq!(zone_city("America/Port_of_Spain"), "Port of Spain");
        assert_eq!(zone_city("UTC"), "UTC");
    }

    #[test]
    fn numbers_and_money_use_french_spacing() {
        assert_eq!(integer(1_000), "1\u{202f}000");
        assert_eq!(integer(1_234_567), "1\u{202f}234\u{202f}567");
        assert_eq!(integer(999), "999");
        assert_eq!(integer(-1_500), "-1\u{202f}500");
        assert_eq!(euros(100_000), "1\u{202f}000\u{a0}€");
        assert_eq!(euros(1_250), "12,50\u{a0}€");
        assert_eq!(euros(5), "0,05\u{a0}€");
        assert_eq!(percent(50), "50\u{a0}%");
    }

    #[test]
    fn lists_join_with_et() {
        let items: Vec<String> = ["a", "b", "c"].map(String::from).to_vec();
        assert_eq!(join_and(&items), "a, b et c");
        assert_eq!(join_and(&items[..1]), "a");
        assert_eq!(join_and(&[]), "");
    }

    #[test]
    fn slugs_drop_accents_and_punctuation() {
        assert_eq!(slug("Qui peut répondre ?"), "qui-peut-repondre");
        assert_eq!(
            slug("Œuvres d’été : l’Île-de-France"),
            "oeuvres-d-ete-l-ile-de-france"
        );
        assert_eq!(slug("  Étape 2 — dépôt  "), "etape-2-depot");
        assert_eq!(slug("?!"), "");
    }

    #[test]
    fn collation_ignores_accents_and_case() {
        let mut names = vec![
            "Zambie",
            "Équateur",
            "Égypte",
            "Érythrée",
            "Eswatini",
            "Afghanistan",
        ];
        names.sort_by_key(|n| collation_key(n));
        assert_eq!(
            names,
            [
                "Afghanistan",
                "Égypte",
                "Équateur",
                "Érythrée",
                "Eswatini",
                "Zambie"
            ]
        );
    }
}
