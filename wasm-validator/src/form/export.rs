//! What the page needs to hand a dossier over: its time stamp, its file name, and whether the call is
//! still open on a given day.

use jiff::civil::Date;

/// A wall-clock reading of the browser: the local date and time, and the local offset from UTC.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LocalTime {
    pub year: i32,
    pub month: u32,
    pub day: u32,
    pub hour: u32,
    pub minute: u32,
    pub second: u32,
    /// Minutes to add to UTC to get the local time (`120` in Paris in summer).
    pub offset_minutes: i32,
}

impl LocalTime {
    /// RFC 3339 with the local offset: `2025-06-10T14:03:00+02:00`.
    pub fn rfc3339(&self) -> String {
        // Strings, not chars, and the year as an `i64`: each type formatted costs the browser
        // module its own `Display`.
        let sign = if self.offset_minutes < 0 { "-" } else { "+" };
        let offset = self.offset_minutes.unsigned_abs();
        format!(
            "{}T{:02}:{:02}:{:02}{sign}{:02}:{:02}",
            self.date_iso(),
            self.hour,
            self.minute,
            self.second,
            offset / 60,
            offset % 60
        )
    }

    /// `YYYY-MM-DD`.
    pub fn date_iso(&self) -> String {
        let year = i64::from(self.year);
        format!("{year:04}-{:02}-{:02}", self.month, self.day)
    }
}

/// `explor-dossier-association-exemple-2025-06-10.json` (or `explor-brouillon-…` for a draft).
pub fn file_name(prefix: &str, association: &str, date_iso: &str) -> String {
    format!("{prefix}-{}-{date_iso}.json", slug(association))
}

/// Lower-case ASCII letters and digits separated by single hyphens, accents folded, at most 40
/// characters; « association » when nothing is left.
pub fn slug(text: &str) -> String {
    let mut out = String::new();
    let mut gap = false;
    for c in text.chars().flat_map(fold) {
        if c.is_ascii_alphanumeric() {
            if gap && !out.is_empty() {
                out.push('-');
            }
            gap = false;
            out.push(c.to_ascii_lowercase());
        } else {
            gap = true;
        }
        if out.len() >= 40 {
            break;
        }
    }
    if out.is_empty() {
        "association".to_owned()
    } else {
        out
    }
}

/// The ASCII letters a French letter is written with when its accents are dropped.
fn fold(c: char) -> std::iter::Take<std::array::IntoIter<char, 2>> {
    let (a, b) = match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å' => {
            ('a', None)
        }
        'ç' | 'Ç' => ('c', None),
        'è' | 'é' | 'ê' | 'ë' | 'È' | 'É' | 'Ê' | 'Ë' => ('e', None),
        'ì' | 'í' | 'î' | 'ï' | 'Ì' | 'Í' | 'Î' | 'Ï' => ('i', None),
        'ñ' | 'Ñ' => ('n', None),
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ö' => ('o', None),
        'ù' | 'ú' | 'û' | 'ü' | 'Ù' | 'Ú' | 'Û' | 'Ü' => ('u', None),
        'ÿ' | 'Ÿ' => ('y', None),
        'œ' | 'Œ' => ('o', Some('e')),
        'æ' | 'Æ' => ('a', Some('e')),
        _ => (c, None),
    };
    let len = if b.is_some() { 2 } else { 1 };
    [a, b.unwrap_or(' ')].into_iter().take(len)
}

/// Whether the call is closed on `today`: the deadline day itself is still open until midnight.
pub fn is_closed(today: Date, deadline: Date) -> bool {
    today > deadline
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn time_stamps_carry_the_local_offset() {
        let t = LocalTime {
            year: 2025,
            month: 6,
            day: 10,
            hour: 14,
            minute: 3,
            second: 0,
            offset_minutes: 120,
        };
        assert_eq!(t.rfc3339(), "2025-06-10T14:03:00+02:00");
        let t = LocalTime {
            offset_minutes: -570,
            ..t
        };
        assert_eq!(t.rfc3339(), "2025-06-10T14:03:00-09:30");
        let t = LocalTime {
            offset_minutes: 0,
            ..t
        };
        assert_eq!(t.rfc3339(), "2025-06-10T14:03:00+00:00");
    }

    #[test]
    fn file_names_are_plain_ascii() {
        assert_eq!(
            file_name(
                "explor-dossier",
                "  Œuvre d’Entraide & Coopération (Lille) ",
                "2025-06-10"
            ),
            "explor-dossier-oeuvre-d-entraide-cooperation-lille-2025-06-10.json"
        );
        assert_eq!(slug("<script>alert(1)</script>"), "script-alert-1-script");
        assert_eq!(slug("  ---  "), "association");
        assert_eq!(slug("日本"), "association");
        assert!(slug(&"a b ".repeat(100)).len() <= 41);
    }

    #[test]
    fn the_deadline_day_is_still_open() {
        let deadline = date(2025, 6, 15);
        assert!(!is_closed(date(2025, 6, 15), deadline));
        assert!(!is_closed(date(2025, 1, 1), deadline));
        assert!(is_closed(date(2025, 6, 16), deadline));
    }
}
