//! Today's date in the call's time zone from a table of UTC offsets that the generator computes
//! with its time zone database, so that the browser needs no `Intl` at start-up (its first use in
//! a page loads the ICU data: the largest single cost of the form's start).
//!
//! The table's text (`data-utc-offsets` on the interactive pages) is a list of integers separated
//! by spaces: `from offset [at offset]… until`. Times are Unix seconds, offsets seconds east of UTC;
//! the first offset applies from `from`, each later one from its `at` (strictly increasing, strictly
//! between `from` and `until`), and the table says nothing at or after `until`.

use jiff::civil::Date;

/// Seconds in a civil day (the table's offsets already account for daylight saving time).
const DAY: i64 = 86_400;
/// No zone is, nor ever was, more than a day away from UTC: a larger offset is a corrupt table.
const MAX_OFFSET: i64 = DAY;

/// The UTC offsets of one time zone over a span of time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Offsets {
    from: i64,
    until: i64,
    /// `(at, offset)`: the first one at `from`, then one per change, in time order.
    changes: Vec<(i64, i32)>,
}

impl Offsets {
    /// The table from `from` (Unix seconds) to `until` (excluded), with `first` as the offset at
    /// `from` and `changes` as `(at, offset)` after it. `None` unless the times are in order and
    /// every offset is within a day of UTC.
    pub fn new(from: i64, first: i32, changes: &[(i64, i32)], until: i64) -> Option<Offsets> {
        let mut all = Vec::with_capacity(changes.len() + 1);
        all.push((from, first));
        all.extend_from_slice(changes);
        let ordered = all.windows(2).all(|w| w[0].0 < w[1].0);
        let last = all.last().map_or(from, |c| c.0);
        let sane = all.iter().all(|c| i64::from(c.1).abs() <= MAX_OFFSET);
        (ordered && sane && last < until).then_some(Offsets {
            from,
            until,
            changes: all,
        })
    }

    /// Reads the table's text; `None` if it is not one written by [`Offsets::encode`].
    pub fn parse(text: &str) -> Option<Offsets> {
        let mut numbers = Vec::new();
        for word in text.split_ascii_whitespace() {
            numbers.push(word.parse::<i64>().ok()?);
        }
        // from, offset, then pairs, then until: an odd count of at least three.
        if numbers.len() < 3 || numbers.len() % 2 == 0 {
            return None;
        }
        let until = numbers.pop()?;
        let offset = |n: i64| i32::try_from(n).ok();
        let first = offset(numbers[1])?;
        let mut changes = Vec::with_capacity(numbers.len() / 2);
        for pair in numbers[2..].chunks_exact(2) {
            changes.push((pair[0], offset(pair[1])?));
        }
        Offsets::new(numbers[0], first, &changes, until)
    }

    /// The table's text, as the pages carry it.
    pub fn encode(&self) -> String {
        let mut words: Vec<String> = Vec::with_capacity(self.changes.len() * 2 + 1);
        for (at, offset) in &self.changes {
            words.push(at.to_string());
            words.push(offset.to_string());
        }
        words.push(self.until.to_string());
        words.join(" ")
    }

    /// The UTC offset (seconds) at `unix_seconds`; `None` outside the table.
    pub fn offset_at(&self, unix_seconds: i64) -> Option<i32> {
        if unix_seconds < self.from || unix_seconds >= self.until {
            return None;
        }
        let after = self.changes.partition_point(|c| c.0 <= unix_seconds);
        self.changes.get(after.checked_sub(1)?).map(|c| c.1)
    }

    /// The civil date in the zone at `unix_ms` (milliseconds since the Unix epoch, as the
    /// browser's `Date.now()`); `None` outside the table, where the caller must ask elsewhere.
    pub fn date_at(&self, unix_ms: i64) -> Option<Date> {
        let seconds = unix_ms.div_euclid(1000);
        let local = seconds.checked_add(i64::from(self.offset_at(seconds)?))?;
        civil_from_days(local.div_euclid(DAY))
    }
}

/// The proleptic Gregorian date `days` days after 1970-01-01 (Howard Hinnant's `civil_from_days`):
/// a few integer operations, where going through `jiff`'s arithmetic would grow the module.
fn civil_from_days(days: i64) -> Option<Date> {
    let z = days.checked_add(719_468)?;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097; // day of the 400-year era, [0, 146096]
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365; // [0, 399]
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100); // day of the year from 1 March, [0, 365]
    let mp = (5 * doy + 2) / 153; // month from March, [0, 11]
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    Date::new(
        i16::try_from(year).ok()?,
        i8::try_from(month).ok()?,
        i8::try_from(day).ok()?,
    )
    .ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::ToSpan;

    /// Europe/Paris through 2025 as the generator writes it: CET (+1 h) from 2025-01-01 00:00 in
    /// Paris, CEST (+2 h) from 2025-03-30 01:00 UTC, CET again from 2025-10-26 01:00 UTC, until
    /// 2026-01-01 00:00 in Paris.
    const PARIS_2025: &str = "1735686000 3600 1743296400 7200 1761440400 3600 1767222000";

    fn paris() -> Offsets {
        Offsets::parse(PARIS_2025).unwrap()
    }

    fn date(y: i16, m: i8, d: i8) -> Date {
        Date::new(y, m, d).unwrap()
    }

    /// Unix milliseconds of `y-m-d h:min` UTC.
    fn utc_ms(y: i16, m: i8, d: i8, h: i64, min: i64) -> i64 {
        let days = date(y, m, d).since(date(1970, 1, 1)).unwrap().get_days();
        ((i64::from(days) * 24 + h) * 60 + min) * 60_000
    }

    #[test]
    fn the_text_round_trips() {
        assert_eq!(paris().encode(), PARIS_2025);
    }

    #[test]
    fn midnight_moves_by_one_hour_across_the_spring_change() {
        let table = paris();
        // Winter (+1 h): 22:59 UTC is 23:59 on the 28th, 23:00 UTC already the 29th in Paris.
        assert_eq!(
            table.date_at(utc_ms(2025, 3, 28, 22, 59)),
            Some(date(2025, 3, 28))
        );
        assert_eq!(
            table.date_at(utc_ms(2025, 3, 28, 23, 0)),
            Some(date(2025, 3, 29))
        );
        // The change itself at 01:00 UTC: the offset switches exactly there.
        assert_eq!(table.offset_at(1_743_296_399), Some(3600));
        assert_eq!(table.offset_at(1_743_296_400), Some(7200));
        // Summer (+2 h): 21:59 UTC is 23:59 on the 30th, 22:00 UTC already the 31st.
        assert_eq!(
            table.date_at(utc_ms(2025, 3, 30, 21, 59)),
            Some(date(2025, 3, 30))
        );
        assert_eq!(
            table.date_at(utc_ms(2025, 3, 30, 22, 0)),
            Some(date(2025, 3, 31))
        );
    }

    #[test]
    fn midnight_moves_back_across_the_autumn_change() {
        let table = paris();
        assert_eq!(table.offset_at(1_761_440_399), Some(7200));
        assert_eq!(table.offset_at(1_761_440_400), Some(3600));
        // Summer on the 25th: 22:00 UTC is midnight in Paris.
        assert_eq!(
            table.date_at(utc_ms(2025, 10, 25, 21, 59)),
            Some(date(2025, 10, 25))
        );
        assert_eq!(
            table.date_at(utc_ms(2025, 10, 25, 22, 0)),
            Some(date(2025, 10, 26))
        );
        // Winter on the 26th: 22:30 UTC is still 23:30 the same day in Paris.
        assert_eq!(
            table.date_at(utc_ms(2025, 10, 26, 22, 30)),
            Some(date(2025, 10, 26))
        );
        assert_eq!(
            table.date_at(utc_ms(2025, 10, 26, 23, 0)),
            Some(date(2025, 10, 27))
        );
    }

    #[test]
    fn the_deadline_evening_in_summer() {
        // The call closes at the end of 15 June in Paris: 21:59:59.999 UTC is the 15th still.
        let table = paris();
        let end = utc_ms(2025, 6, 15, 22, 0);
        assert_eq!(table.date_at(end - 1), Some(date(2025, 6, 15)));
        assert_eq!(table.date_at(end), Some(date(2025, 6, 16)));
    }

    #[test]
    fn outside_the_table_it_says_nothing() {
        let table = paris();
        let from = 1_735_686_000_000;
        let until = 1_767_222_000_000;
        assert_eq!(table.date_at(from - 1), None);
        assert_eq!(table.date_at(from), Some(date(2025, 1, 1)));
        assert_eq!(table.date_at(until - 1), Some(date(2025, 12, 31)));
        assert_eq!(table.date_at(until), None);
        assert_eq!(table.date_at(i64::MIN), None);
        assert_eq!(table.date_at(i64::MAX), None);
    }

    #[test]
    fn a_table_without_changes_is_one_offset() {
        let table = Offsets::parse("0 -36000 86400").unwrap();
        // Ten hours behind UTC: the first ten hours of 1970-01-01 UTC are still 31 December.
        assert_eq!(table.date_at(0), Some(date(1969, 12, 31)));
        assert_eq!(table.date_at(36_000_000), Some(date(1970, 1, 1)));
        assert_eq!(table.date_at(86_400_000), None);
    }

    #[test]
    fn a_corrupt_table_is_refused() {
        for text in [
            "",
            "1 3600",
            "1 3600 2 7200",
            "1 3600 x",
            "5 3600 1",                    // until before from
            "1 3600 1 7200 9",             // a change not after from
            "1 3600 5 7200 4 3600 9",      // changes out of order
            "1 3600 5 7200 9 3600 9",      // a change at until
            "1 90000 9",                   // more than a day from UTC
            "1 99999999999 9",             // not even an i32
            "1 3600 99999999999999999999", // not even an i64
        ] {
            assert_eq!(Offsets::parse(text), None, "{text:?}");
        }
    }

    #[test]
    fn days_become_the_same_dates_as_jiff_counts_them() {
        let epoch = date(1970, 1, 1);
        // Four centuries around the epoch, every 7th day, and each day of a leap February.
        let mut days: Vec<i64> = (-73_000..73_000).step_by(7).collect();
        days.extend(11_016..11_050); // 2000-02-29 and around
        days.extend([-719_468, -1, 0, 1, 20_454, 20_513]);
        for n in days {
            let expected = epoch.checked_add(n.days()).ok();
            assert_eq!(civil_from_days(n), expected, "day {n}");
        }
    }
}
