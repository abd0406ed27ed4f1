//! The call's calendar as an iCalendar file (RFC 5545): the deadline, the selection period and the
//! mission window, to add to any agenda. Everything is derived from the edition (UIDs, DTSTAMP), never
//! from the clock, so two builds give the same bytes.

use anyhow::anyhow;
use jiff::civil::{Date, DateTime};
use wasm_validator::Edition;

/// One event: all-day dates (end exclusive, as RFC 5545 wants) or a UTC time span.
enum When {
    Days {
        first: Date,
        last: Date,
    },
    Utc {
        start: jiff::Timestamp,
        end: jiff::Timestamp,
    },
}

struct Event {
    key: &'static str,
    summary: String,
    description: String,
    when: When,
}

/// The calendar's text, with CRLF line ends and lines folded at 75 octets; `host` makes UIDs unique
/// across sites, `url` is the call's page.
pub fn calendar(e: &Edition, host: &str, url: &str) -> anyhow::Result<String> {
    let mut lines = vec![
        "BEGIN:VCALENDAR".to_owned(),
        "VERSION:2.0".to_owned(),
        format!(
            "PRODID:-//{}//{}//FR",
            text(&e.organiser.name),
            text(&e.title)
        ),
        "CALSCALE:GREGORIAN".to_owned(),
        "METHOD:PUBLISH".to_owned(),
        format!("X-WR-CALNAME:{}", text(&e.title)),
    ];
    // Fixed per edition: the first day of its year. A client compares SEQUENCE, not DTSTAMP, to update.
    let stamp = format!("{:04}0101T000000Z", e.year);
    for event in events(e)? {
        lines.push("BEGIN:VEVENT".to_owned());
        lines.push(format!("UID:{}-{}@{host}", e.id, event.key));
        lines.push(format!("DTSTAMP:{stamp}"));
        match event.when {
            When::Days { first, last } => {
                let after = last
                    .tomorrow()
                    .map_err(|err| anyhow!("date hors calendrier ({err})"))?;
                lines.push(format!("DTSTART;VALUE=DATE:{}", first.strftime("%Y%m%d")));
                lines.push(format!("DTEND;VALUE=DATE:{}", after.strftime("%Y%m%d")));
            }
            When::Utc { start, end } => {
                lines.push(format!("DTSTART:{}", start.strftime("%Y%m%dT%H%M%SZ")));
                lines.push(format!("DTEND:{}", end.strftime("%Y%m%dT%H%M%SZ")));
            }
        }
        // Calendar applications show these as written: the site's one typographic convention.
        let shown = |value: &str| text(&crate::french::typeset(value));
        lines.push(format!("SUMMARY:{}", shown(&event.summary)));
        lines.push(format!("DESCRIPTION:{}", shown(&event.description)));
        lines.push(format!("URL:{url}"));
        lines.push("TRANSP:TRANSPARENT".to_owned());
        lines.push("END:VEVENT".to_owned());
    }
    lines.push("END:VCALENDAR".to_owned());
    Ok(lines.iter().map(|l| fold(l)).collect::<Vec<_>>().concat())
}

fn events(e: &Edition) -> anyhow::Result<Vec<Event>> {
    let d = &e.dates;
    let zone = jiff::tz::db()
        .get(&d.timezone)
        .map_err(|err| anyhow!("dates.timezone : fuseau « {} » inconnu ({err})", d.timezone))?;
    let at = |time: DateTime| {
        zone.to_ambiguous_timestamp(time)
            .compatible()
            .map_err(|err| anyhow!("dates.deadline : heure impossible ({err})"))
    };
    let deadline_start = at(d.deadline.at(0, 0, 0, 0))?;
    let deadline_end = at(d.deadline.at(23, 59, 0, 0))?;
    Ok(vec![
        Event {
            key: "deadline",
            summary: format!("{} : date limite d’envoi des dossiers", e.title),
            description: format!(
                "Les dossiers doivent être envoyés jusqu’au {} à minuit (heure de {}), par courriel à {}.",
                crate::french::date_with_weekday(d.deadline),
                crate::french::zone_city(&d.timezone),
                e.organiser.email
            ),
            when: When::Utc {
                start: deadline_start,
                end: deadline_end,
            },
        },
        Event {
            key: "selection",
            summary: format!("{} : examen des candidatures", e.title),
            description: format!("Sélection des missions par {}.", e.organiser.name),
            when: When::Days {
                first: d.selection_start,
                last: d.selection_end,
            },
        },
        Event {
            key: "missions",
            summary: format!("{} : période de réalisation des missions", e.title),
            description: format!(
                "Les missions se déroulent {}, pour {} jours au plus.",
                crate::french::period(d.mission_window_start, d.mission_window_end),
                e.mission.duration_max_days
            ),
            when: When::Days {
                first: d.mission_window_start,
                last: d.mission_window_end,
            },
        },
    ])
}

/// Escapes a TEXT value (RFC 5545 §3.3.11).
fn text(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            other => out.push(other),
        }
    }
    out
}

/// One content line, folded into lines of at most 75 octets (continuations start with a space) without
/// splitting a UTF-8 character, each ended by CRLF (RFC 5545 §3.1).
pub fn fold(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + line.len() / 70 * 3 + 2);
    let mut width = 0;
    for c in line.chars() {
        if width + c.len_utf8() > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += c.len_utf8();
    }
    out.push_str("\r\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_lines_are_not_folded() {
        assert_eq!(fold("BEGIN:VCALENDAR"), "BEGIN:VCALENDAR\r\n");
    }

    #[test]
    fn long_lines_fold_at_75_octets_without_splitting_characters() {
        let line = format!("SUMMARY:{}", "é".repeat(60));
        let folded = fold(&line);
        for physical in folded.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(
                physical.len() <= 75,
                "{} octets: {physical}",
                physical.len()
            );
        }
        let unfolded = folded.trim_end_matches("\r\n").replace("\r\n ", "");
        assert_eq!(unfolded, line);
        assert!(folded.split("\r\n").nth(1).unwrap().starts_with(' '));
    }

    #[test]
    fn text_values_are_escaped() {
        assert_eq!(text("a, b; c\\d\ne"), "a\\, b\\; c\\\\d\\ne");
    }
}
