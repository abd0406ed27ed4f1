//! The product's one French: numbers, money, dates, plurals, quotations, sort keys and slugs, with
//! one typographic convention (U+00A0 before `:` `%` `€` and after `n°`; U+202F before `;` `!` `?`,
//! inside « » and between groups of digits), for the rules' messages, the site's pages and the staff's
//! reports alike. No float anywhere; what only the generator calls never reaches the WebAssembly
//! module (the linker drops it), so this module can serve everyone without growing the browser's.

use jiff::civil::{Date, Weekday};

/// No-break space: before `:`, `%` and `€`, after `n°`.
pub const NBSP: char = '\u{a0}';
/// Narrow no-break space: before `;` `!` `?`, inside « », between groups of digits (as
/// `Intl.NumberFormat("fr-FR")` writes them).
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

/// Puts the convention's no-break spaces into text written with plain spaces: the space before `;`
/// `!` `?` becomes narrow, the one before `:` and `%` a full one, « » get narrow ones inside (added
/// when missing), `n° 2` a full one. Only existing spaces are changed before `; : ! ? %`, so URLs,
/// times and ratios written without spaces stay as they are. Applying it twice changes nothing.
pub fn typeset(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let next = chars.peek().copied();
        match (c, next) {
            (' ' | NBSP | NNBSP, Some(';' | '!' | '?')) => out.push(NNBSP),
            (' ' | NBSP | NNBSP, Some(':')) | (' ', Some('%')) => out.push(NBSP),
            ('«', _) => {
                out.push_str("«\u{202f}");
                if matches!(next, Some(' ' | NBSP | NNBSP)) {
                    chars.next();
                }
            }
            ('»', _) => {
                if out.ends_with([' ', NBSP, NNBSP]) {
                    out.pop();
                }
                if !out.is_empty() {
                    out.push(NNBSP);
                }
                out.push('»');
            }
            ('°', Some(' ')) => {
                chars.next();
                out.push_str("°\u{a0}");
            }
            _ => out.push(c),
        }
    }
    out
}

/// An integer with its digits grouped by three: `1 048 576`. An `i64` rather than an `i128`: every
/// count and amount fits, and formatting a 128-bit integer would add 1.5 KB to the browser module.
pub fn int(n: i64) -> String {
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

/// The sign, the grouped euros and the two digits of cents of `cents` (the sign is kept for −1 to
/// −99 cents, whose euros are 0). The cents are an `i64` and the no-break spaces below are written
/// in the format strings rather than as `{NBSP}`: formatting a `u64` or a `char` would link their
/// own `Display` into the browser module.
fn money_parts(cents: i64) -> (&'static str, String, i64) {
    let abs = cents.unsigned_abs();
    let sign = if cents < 0 { "-" } else { "" };
    (sign, int((abs / 100) as i64), (abs % 100) as i64)
}

/// An amount of euro cents, always with its cents: `1 000,00 €`, `-0,05 €`.
pub fn euros(cents: i64) -> String {
    let (sign, units, rest) = money_parts(cents);
    format!("{sign}{units},{rest:02}\u{a0}€")
}

/// An amount of euro cents, without cents when they are zero: `1 000 €` (for sentences of the call).
pub fn euros_round(cents: i64) -> String {
    let (sign, units, rest) = money_parts(cents);
    if rest == 0 {
        format!("{sign}{units}\u{a0}€")
    } else {
        euros(cents)
    }
}

/// `123456` cents → `1234,56`: a number a French spreadsheet reads as such (no grouping, no symbol).
pub fn decimal(cents: i128) -> String {
    let sign = if cents < 0 { "-" } else { "" };
    let abs = cents.unsigned_abs();
    format!("{sign}{},{:02}", abs / 100, abs % 100)
}

/// `50 %`.
pub fn percent(n: i64) -> String {
    format!("{n}\u{a0}%")
}

/// A number of days: `1 jour`, `14 jours`.
pub fn days(n: i64) -> String {
    if n.abs() <= 1 {
        format!("{n} jour")
    } else {
        format!("{} jours", int(n))
    }
}

/// `n` followed by the word, plural from 2 on (French: « 0 dossier », « 1 dossier », « 2 dossiers »).
pub fn count(n: usize, singular: &str, plural: &str) -> String {
    let word = if n >= 2 { plural } else { singular };
    format!("{n}\u{a0}{word}")
}

/// `oui` or `non`.
pub fn yes_no(value: bool) -> &'static str {
    if value {
        "oui"
    } else {
        "non"
    }
}

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

/// `15 juin`, `1er juillet` (French writes the first day of a month `1er`).
pub fn day_month(d: Date) -> String {
    let month = month_name(d.month());
    if d.day() == 1 {
        format!("1er {month}")
    } else {
        format!("{} {month}", i64::from(d.day()))
    }
}

/// A date as French prose: `15 juin 2025`, `1er juillet 2025`. The parts of dates are formatted
/// as `i64` (jiff gives `i16` and `i8`): each integer type formatted costs the browser module its
/// own `Display`.
pub fn date(d: Date) -> String {
    format!("{} {}", day_month(d), i64::from(d.year()))
}

/// `dimanche 15 juin 2025`.
pub fn date_with_weekday(d: Date) -> String {
    format!("{} {}", weekday_name(d.weekday()), date(d))
}

/// `juillet 2025`.
pub fn month_year(year: i16, month: i8) -> String {
    format!("{} {}", month_name(month), i64::from(year))
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

/// Joins items as French prose: `a, b et c`.
pub fn join_and(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} et {last}", init.join(", ")),
    }
}

/// A value quoted between « », shortened to a readable length. (Reports make its characters
/// visible when they render it, see [`visible`]; the browser sets it as text.)
pub fn quote(value: &str) -> String {
    let mut out = String::from("«\u{202f}");
    let mut chars = value.chars();
    out.extend(chars.by_ref().take(QUOTE_MAX_CHARS));
    if chars.next().is_some() {
        out.push('…');
    }
    out.push_str("\u{202f}»");
    out
}

/// Text from a dossier made safe to show anywhere (a terminal, a spreadsheet cell, a page): each C0
/// control character but the line feed and the tab becomes its visible picture (ESC → `␛`, NUL →
/// `␀`, BEL → `␇`, DEL → `␡`), a carriage return ends a line like a line feed, and C1 controls and
/// the bidirectional overrides, embeddings, isolates and marks (which reorder what a reader sees)
/// become `�`. Everything else is kept.
pub fn visible(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\n' | '\t' => out.push(c),
            '\r' if chars.peek() == Some(&'\n') => {}
            '\r' => out.push('\n'),
            '\u{0}'..='\u{1f}' => out.extend(char::from_u32(0x2400 + u32::from(c))),
            '\u{7f}' => out.push('\u{2421}'),
            c if is_hidden_control(c) => out.push('\u{fffd}'),
            _ => out.push(c),
        }
    }
    out
}

/// DEL, the C1 controls and the bidirectional overrides, embeddings, isolates and marks: characters
/// a reader cannot see, which drive a terminal or reorder the text around them.
pub fn is_hidden_control(c: char) -> bool {
    matches!(
        c,
        '\u{7f}'..='\u{9f}'
            | '\u{61c}'
            | '\u{200e}'
            | '\u{200f}'
            | '\u{202a}'..='\u{202e}'
            | '\u{2066}'..='\u{2069}'
    )
}

/// [`visible`] on one line: line breaks and tabs become spaces (they could forge report lines).
pub fn visible_line(text: &str) -> String {
    visible(text).replace(['\n', '\t'], " ")
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

/// The key that sorts French names as a dictionary does: accents, case and punctuation ignored
/// first, then the name itself to break ties, so the order stays total and stable.
pub fn collation_key(name: &str) -> (String, String) {
    let base: String = fold_accents(name.trim())
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
mod tests;
