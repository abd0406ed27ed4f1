//! The character counter of a limited text: what it shows, and when a screen reader is told. It
//! counts characters as the rules do (`crate::fields`), and speaks only when the text crosses a
//! threshold (a tenth of the limit left, the limit passed, back under it), never at each keystroke.

/// Where a text stands against its limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Band {
    /// More than a tenth of the limit left.
    Plenty,
    /// A tenth of the limit left or less, the limit itself included.
    Few,
    /// Over the limit.
    Over,
}

impl Band {
    /// The band's name, kept on the counter (`data-band`) to compare with the next keystroke's.
    pub fn name(self) -> &'static str {
        match self {
            Band::Plenty => "plenty",
            Band::Few => "few",
            Band::Over => "over",
        }
    }
}

/// A text of `count` characters against `limit`: its band, and the sentence key and number the
/// counter shows (`count-left` with the characters left, `count-over` with those in excess).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Count {
    pub band: Band,
    pub key: &'static str,
    pub n: usize,
}

/// The counter of a text of `count` characters against `limit`.
pub fn count(count: usize, limit: usize) -> Count {
    if count > limit {
        let n = count - limit;
        let key = if n == 1 {
            "count-over-one"
        } else {
            "count-over"
        };
        return Count {
            band: Band::Over,
            key,
            n,
        };
    }
    let n = limit - count;
    let band = if n * 10 <= limit {
        Band::Few
    } else {
        Band::Plenty
    };
    let key = if n == 1 {
        "count-left-one"
    } else {
        "count-left"
    };
    Count { band, key, n }
}

/// Whether a screen reader is told the count: when the band changes, except back to plenty from
/// nothing known (the first keystroke in a short text says nothing).
pub fn announce(before: Option<&str>, now: Band) -> bool {
    match before {
        None => now != Band::Plenty,
        Some(name) => name != now.name(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bands_turn_at_a_tenth_left_and_past_the_limit() {
        // (characters, limit, band, key, number)
        let table = [
            (0, 200, Band::Plenty, "count-left", 200),
            (179, 200, Band::Plenty, "count-left", 21),
            (180, 200, Band::Few, "count-left", 20),
            (199, 200, Band::Few, "count-left-one", 1),
            (200, 200, Band::Few, "count-left", 0),
            (201, 200, Band::Over, "count-over-one", 1),
            (3_010, 3_000, Band::Over, "count-over", 10),
        ];
        for (chars, limit, band, key, n) in table {
            assert_eq!(
                count(chars, limit),
                Count { band, key, n },
                "{chars}/{limit}"
            );
        }
    }

    #[test]
    fn only_a_change_of_band_is_announced() {
        assert!(!announce(None, Band::Plenty));
        assert!(announce(None, Band::Few));
        assert!(!announce(Some("plenty"), Band::Plenty));
        assert!(announce(Some("plenty"), Band::Few));
        assert!(!announce(Some("few"), Band::Few));
        assert!(announce(Some("few"), Band::Over));
        assert!(announce(Some("over"), Band::Few));
    }
}
