//! The reminder to save a draft file, when the browser may erase what it keeps: Safari clears a
//! site's storage after seven days without a visit, and any browser may under pressure unless it
//! granted persistent storage. The reminder is shown only when storage is not persistent and there
//! is something to lose, and then at most once every [`REMIND_EVERY_DAYS`] days for a draft.

use jiff::civil::Date;

/// Days between two reminders for the same draft (Safari's own delay before it erases).
pub const REMIND_EVERY_DAYS: i32 = 7;

/// Where the day the reminder was last shown is kept, beside the draft `key` (erased with it).
pub fn memo_key(key: &str) -> String {
    format!("{key}:rappel-fichier")
}

/// What the browser answered to the request for persistent storage.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Persistence {
    /// Granted: the browser will not erase the draft by itself.
    Granted,
    /// Refused, or the request failed.
    Refused,
    /// The browser offers no such request.
    Unavailable,
}

impl Persistence {
    /// From `dom::ask_persistent_storage`'s answer.
    pub fn from_answer(answer: Option<bool>) -> Persistence {
        match answer {
            Some(true) => Persistence::Granted,
            Some(false) => Persistence::Refused,
            None => Persistence::Unavailable,
        }
    }
}

/// Whether to show the reminder now: storage not persistent (`persistence`, `None` while the
/// browser has not answered), a draft to lose (`has_draft`), and no reminder for this draft since
/// [`REMIND_EVERY_DAYS`] days before `today` (`last_shown`, the memo as stored, ISO date).
pub fn due(
    persistence: Option<Persistence>,
    has_draft: bool,
    last_shown: Option<&str>,
    today: Date,
) -> bool {
    let exposed = matches!(
        persistence,
        Some(Persistence::Refused | Persistence::Unavailable)
    );
    let last = last_shown.and_then(|text| crate::edition::parse_date(text.trim()));
    // Whole days through the duration the rules already use (jiff's calendar spans would add
    // kilobytes to the module for one comparison).
    let recent = last.is_some_and(|day| {
        let days = today.duration_since(day).as_secs() / 86_400;
        day <= today && days < i64::from(REMIND_EVERY_DAYS)
    });
    exposed && has_draft && !recent
}

/// The memo to store once the reminder was shown on `today`.
pub fn memo(today: Date) -> String {
    today.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;
    use Persistence::*;

    #[test]
    fn the_reminder_is_due_only_when_the_draft_is_exposed_and_not_recently_reminded() {
        let today = date(2025, 6, 10);
        let cases: [(Option<Persistence>, bool, Option<&str>, bool); 12] = [
            (Some(Refused), true, None, true),
            (Some(Unavailable), true, None, true),
            (Some(Granted), true, None, false),
            (None, true, None, false),
            (Some(Refused), false, None, false),
            (Some(Refused), true, Some("2025-06-10"), false),
            (Some(Refused), true, Some("2025-06-04"), false),
            (Some(Refused), true, Some("2025-06-03"), true),
            (Some(Refused), true, Some("pas une date"), true),
            // A memo from the future (a clock set back) does not silence it for good.
            (Some(Refused), true, Some("2026-01-01"), true),
            (Some(Unavailable), true, Some(" 2025-06-09 "), false),
            (Some(Granted), false, Some("2025-01-01"), false),
        ];
        for (i, (persistence, has_draft, last, expected)) in cases.into_iter().enumerate() {
            assert_eq!(
                due(persistence, has_draft, last, today),
                expected,
                "case {i}: {persistence:?} {has_draft} {last:?}"
            );
        }
    }

    #[test]
    fn the_memo_is_read_back_as_the_day_it_was_shown() {
        let today = date(2025, 6, 10);
        assert!(!due(Some(Refused), true, Some(&memo(today)), today));
        assert_eq!(
            memo_key("explor:e:candidature"),
            "explor:e:candidature:rappel-fichier"
        );
        assert_eq!(Persistence::from_answer(Some(true)), Granted);
        assert_eq!(Persistence::from_answer(Some(false)), Refused);
        assert_eq!(Persistence::from_answer(None), Unavailable);
    }
}
