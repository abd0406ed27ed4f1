//! French presentation of numbers, money, dates and quotations, with French typography
//! (non-breaking spaces before `:` `;` `!` `?` `%`, inside « », after n°, between digit groups and
//! before €).

use jiff::civil::Date;

/// Non-breaking space (before `:`, inside « », before €).
pub const NBSP: char = '\u{a0}';
/// Narrow non-breaking space (between groups of digits, as `Intl.NumberFormat("fr-FR")` writes them).
pub const NNBSP: char = '\u{202f}';

/// Longest quoted value, in characters; longer values are cut with « … » so a message stays readable.
const QUOTE_MAX_CHARS: usize = 60;

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

/// Replaces the ordinary space before `:` `;` `!` `?` `%`, inside « » and after `n°` with a
/// non-breaking one, so that messages can be written with plain spaces in the source.
pub fn typeset(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, chars.peek()) {
            (' ', Some(':' | ';' | '!' | '?' | '»' | '%')) => out.push(NBSP),
            ('«' | '°', Some(' ')) => {
                chars.next();
                out.push(c);
                out.push(NBSP);
            }
            _ => out.push(c),
        }
    }
    out
}

/// An integer with its digits grouped by three: `1 048 576`.
pub fn int(n: i128) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut out = String::with_capacity(digits.len() * 2);
    if n < 0 {
        out.push('-');
    }
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(NNBSP);
        }
        out.push(d);
    }
    out
}

/// An amount of euro cents, always with its cents: `1 000,00 €`.
pub fn euros(cents: i64) -> String {
    let cents = i128::from(cents);
    let euros = cents / 100;
    let rest = (cents % 100).unsigned_abs();
    let sign = if cents < 0 && euros == 0 { "-" } else { "" };
    format!("{sign}{},{rest:02}{NBSP}€", int(euros))
}

/// An amount of euro cents, without cents when they are zero: `1 000 €` (for sentences of the call).
pub fn euros_round(cents: i64) -> String {
    if cents % 100 == 0 {
        format!("{}{NBSP}€", int(i128::from(cents / 100)))
    } else {
        euros(cents)
    }
}

/// A date as French prose: `15 juin 2025`, `1er juillet 2025`.
pub fn date(d: Date) -> String {
    let month = MONTHS[usize::from(d.month().unsigned_abs()).clamp(1, 12) - 1];
    if d.day() == 1 {
        format!("1er {month} {}", d.year())
    } else {
        format!("{} {month} {}", d.day(), d.year())
    }
}

/// A number of days: `1 jour`, `14 jours`.
pub fn days(n: i64) -> String {
    if n.abs() <= 1 {
        format!("{n} jour")
    } else {
        format!("{} jours", int(i128::from(n)))
    }
}

/// A value quoted between « », shortened to a readable length.
pub fn quote(value: &str) -> String {
    let mut out = String::from("«");
    out.push(NBSP);
    let mut chars = value.chars();
    out.extend(chars.by_ref().take(QUOTE_MAX_CHARS));
    if chars.next().is_some() {
        out.push('…');
    }
    out.push(NBSP);
    out.push('»');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typeset_puts_non_breaking_spaces_where_french_wants_them() {
        assert_eq!(
            typeset("Note : « oui » ; non ! quoi ? 50 % n° 2"),
            "Note\u{a0}: «\u{a0}oui\u{a0}»\u{a0}; non\u{a0}! quoi\u{a0}? 50\u{a0}% n°\u{a0}2"
        );
        assert_eq!(typeset("a:b"), "a:b");
    }

    #[test]
    fn integers_are_grouped_by_three() {
        assert_eq!(int(0), "0");
        assert_eq!(int(999), "999");
        assert_eq!(int(1000), "1\u{202f}000");
        assert_eq!(int(-1_048_576), "-1\u{202f}048\u{202f}576");
        assert_eq!(
            int(i128::from(i64::MIN)),
            "-9\u{202f}223\u{202f}372\u{202f}036\u{202f}854\u{202f}775\u{202f}808"
        );
    }

    #[test]
    fn euros_always_show_cents() {
        assert_eq!(euros(100_000), "1\u{202f}000,00\u{a0}€");
        assert_eq!(euros(5), "0,05\u{a0}€");
        assert_eq!(euros(-5), "-0,05\u{a0}€");
        assert_eq!(euros(-150), "-1,50\u{a0}€");
        assert_eq!(euros_round(100_000), "1\u{202f}000\u{a0}€");
        assert_eq!(euros_round(100_050), "1\u{202f}000,50\u{a0}€");
        assert!(euros(i64::MIN).starts_with("-92\u{202f}233"));
    }

    #[test]
    fn dates_read_as_french_prose() {
        assert_eq!(date(jiff::civil::date(2025, 6, 15)), "15 juin 2025");
        assert_eq!(date(jiff::civil::date(2025, 7, 1)), "1er juillet 2025");
        assert_eq!(date(jiff::civil::date(2026, 2, 28)), "28 février 2026");
    }

    #[test]
    fn quotes_are_shortened() {
        assert_eq!(quote("CL"), "«\u{a0}CL\u{a0}»");
        let long = "é".repeat(100);
        assert_eq!(quote(&long).chars().count(), QUOTE_MAX_CHARS + 5);
        assert!(quote(&long).ends_with("…\u{a0}»"));
        assert_eq!(days(1), "1 jour");
        assert_eq!(days(14), "14 jours");
    }
}
