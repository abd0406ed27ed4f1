//! Amounts in euros as people type them (« 1 234,56 », « 1234.5 », « 1 234 € ») read into integer
//! cents, and cents written back into the form. No floating point anywhere.

/// The largest amount the form reads, in cents (well above any rule's limit, far below `i64::MAX`).
const READ_LIMIT_CENTS: i64 = 1_000_000_000_000;

/// Why a typed amount cannot be read. `Display` is a French sentence that says what to type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AmountError {
    /// A character that is neither a digit, a space, a separator, a sign nor the euro sign.
    Unexpected,
    /// More than two digits after the decimal separator.
    TooManyDecimals,
    /// Thousands separators not in groups of three digits, or a separator without digits.
    Misplaced,
    /// More than this form can hold.
    TooLarge,
}

impl std::fmt::Display for AmountError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            AmountError::Unexpected => {
                "Ce montant n’est pas lisible\u{a0}: écrivez un nombre d’euros, par exemple 1\u{202f}234,56."
            }
            AmountError::TooManyDecimals => {
                "Ce montant a plus de deux chiffres après la virgule\u{a0}: écrivez les centimes sur deux chiffres, par exemple 12,50."
            }
            AmountError::Misplaced => {
                "Ce montant n’est pas lisible\u{a0}: séparez les milliers par une espace et les centimes par une virgule, par exemple 1\u{202f}234,56."
            }
            AmountError::TooLarge => "Ce montant est trop grand\u{a0}: vérifiez le nombre de chiffres.",
        })
    }
}

/// Reads a typed amount into cents; `Ok(None)` when nothing was typed.
///
/// Spaces (also non-breaking ones) and the euro sign are ignored. When both `,` and `.` appear, the
/// last one is the decimal separator and the other groups thousands; a separator repeated alone
/// groups thousands (« 1.234.567 »); a single one is the decimal separator (« 12,5 » is 12,50 €).
pub fn parse_amount(text: &str) -> Result<Option<i64>, AmountError> {
    let compact: String = text
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '\u{a0}' | '\u{202f}' | '€'))
        .collect();
    let compact = compact.strip_suffix("EUR").unwrap_or(&compact);
    if compact.is_empty() {
        return Ok(None);
    }
    let (negative, digits) = match compact.chars().next() {
        Some('-' | '\u{2212}') => (
            true,
            &compact[compact.chars().next().map_or(1, char::len_utf8)..],
        ),
        Some('+') => (false, &compact[1..]),
        _ => (false, compact),
    };
    if digits.is_empty()
        || !digits
            .chars()
            .all(|c| c.is_ascii_digit() || c == ',' || c == '.')
    {
        return Err(AmountError::Unexpected);
    }
    let (whole, fraction) = split_decimal(digits)?;
    if whole.is_empty() && fraction.is_empty() {
        return Err(AmountError::Unexpected);
    }
    let euros = read_grouped(whole)?;
    let cents = read_fraction(fraction)?;
    let total = euros
        .checked_mul(100)
        .and_then(|e| e.checked_add(cents))
        .filter(|t| *t <= READ_LIMIT_CENTS)
        .ok_or(AmountError::TooLarge)?;
    Ok(Some(if negative { -total } else { total }))
}

/// Splits `digits` into the whole part (still holding thousands separators, normalised to `.`)
/// and the fraction part.
fn split_decimal(digits: &str) -> Result<(String, &str), AmountError> {
    let commas = digits.matches(',').count();
    let dots = digits.matches('.').count();
    let decimal = match (commas, dots) {
        (0, 0) => None,
        (_, 0) if commas > 1 => None,
        (0, _) if dots > 1 => None,
        (1, 0) => Some(','),
        (0, 1) => Some('.'),
        _ => {
            let last = digits.rfind([',', '.']).unwrap_or(0);
            let sep = if digits[last..].starts_with(',') {
                ','
            } else {
                '.'
            };
            if digits.matches(sep).count() > 1 {
                return Err(AmountError::Misplaced);
            }
            Some(sep)
        }
    };
    let (whole, fraction) = match decimal.and_then(|sep| digits.rfind(sep)) {
        Some(at) => (&digits[..at], &digits[at + 1..]),
        None => (digits, ""),
    };
    if whole.contains(decimal.unwrap_or('#')) {
        return Err(AmountError::Misplaced);
    }
    Ok((whole.replace(',', "."), fraction))
}

/// Reads a whole number of euros whose thousands may be grouped by `.` (groups of three digits).
fn read_grouped(whole: String) -> Result<i64, AmountError> {
    let groups: Vec<&str> = whole.split('.').collect();
    let well_grouped = groups.len() == 1
        || (matches!(groups[0].len(), 1..=3) && groups[1..].iter().all(|g| g.len() == 3));
    if !well_grouped {
        return Err(AmountError::Misplaced);
    }
    let joined: String = groups.concat();
    if joined.is_empty() {
        return Ok(0);
    }
    if joined.len() > 15 {
        return Err(AmountError::TooLarge);
    }
    joined.parse().map_err(|_| AmountError::Unexpected)
}

fn read_fraction(fraction: &str) -> Result<i64, AmountError> {
    match fraction.len() {
        0 => Ok(0),
        1 => Ok(i64::from(fraction.as_bytes()[0] - b'0') * 10),
        2 => fraction.parse().map_err(|_| AmountError::Unexpected),
        _ => Err(AmountError::TooManyDecimals),
    }
}

/// Cents as the form shows them in an amount field: « 1 234,56 » (narrow no-break space between
/// thousands), « » for zero so that an untouched line stays blank.
pub fn format_input(cents: i64) -> String {
    if cents == 0 {
        return String::new();
    }
    format_number(cents)
}

fn format_number(cents: i64) -> String {
    let abs = cents.unsigned_abs();
    let mut text = group_thousands(abs / 100);
    text.push(',');
    let rest = abs % 100;
    text.push(char::from(b'0' + (rest / 10) as u8));
    text.push(char::from(b'0' + (rest % 10) as u8));
    if cents < 0 {
        text.insert(0, '-');
    }
    text
}

fn group_thousands(mut n: u64) -> String {
    let mut groups = Vec::new();
    loop {
        groups.push(n % 1000);
        n /= 1000;
        if n == 0 {
            break;
        }
    }
    let mut text = groups.pop().map(|g| g.to_string()).unwrap_or_default();
    while let Some(g) = groups.pop() {
        text.push('\u{202f}');
        text.push(char::from(b'0' + (g / 100) as u8));
        text.push(char::from(b'0' + (g / 10 % 10) as u8));
        text.push(char::from(b'0' + (g % 10) as u8));
    }
    text
}

// Native only: proptest does not build for wasm32 (the shell's own tests are tests/wasm_boundary.rs).
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    #[test]
    fn reads_what_people_type() {
        let table: &[(&str, Option<i64>)] = &[
            ("", None),
            ("   ", None),
            ("0", Some(0)),
            ("650", Some(65_000)),
            ("1234.5", Some(123_450)),
            ("1234,5", Some(123_450)),
            ("1 234,56", Some(123_456)),
            ("1\u{a0}234,56", Some(123_456)),
            ("1\u{202f}234,56 €", Some(123_456)),
            ("1 234 €", Some(123_400)),
            ("€ 12", Some(1_200)),
            ("12 EUR", Some(1_200)),
            ("1.234,56", Some(123_456)),
            ("1,234.56", Some(123_456)),
            ("1.234.567", Some(123_456_700)),
            ("1 234 567,8", Some(123_456_780)),
            ("0,05", Some(5)),
            (",5", Some(50)),
            ("12,", Some(1_200)),
            ("-12,50", Some(-1_250)),
            ("\u{2212}3", Some(-300)),
            ("+7", Some(700)),
            ("1 000 000", Some(100_000_000)),
        ];
        for (text, cents) in table {
            assert_eq!(parse_amount(text), Ok(*cents), "{text:?}");
        }
    }

    #[test]
    fn refuses_what_it_cannot_read_surely() {
        let table: &[(&str, AmountError)] = &[
            ("abc", AmountError::Unexpected),
            ("12a", AmountError::Unexpected),
            ("1e5", AmountError::Unexpected),
            ("-", AmountError::Unexpected),
            (".", AmountError::Unexpected),
            ("--5", AmountError::Unexpected),
            ("12,345", AmountError::TooManyDecimals),
            ("1.2.3", AmountError::Misplaced),
            ("1,2,3", AmountError::Misplaced),
            ("12.34,5,6", AmountError::Misplaced),
            ("1,23.45.6", AmountError::Misplaced),
            ("99999999999999999999", AmountError::TooLarge),
            ("10000000001", AmountError::TooLarge),
        ];
        for (text, error) in table {
            assert_eq!(parse_amount(text), Err(*error), "{text:?}");
        }
    }

    #[test]
    fn writes_french_amounts() {
        assert_eq!(format_input(0), "");
        assert_eq!(format_input(123_456), "1\u{202f}234,56");
        assert_eq!(format_input(5), "0,05");
        assert_eq!(format_input(-1_250), "-12,50");
    }

    proptest::proptest! {
        #[test]
        fn written_amounts_read_back(cents in -READ_LIMIT_CENTS..=READ_LIMIT_CENTS) {
            let read = parse_amount(&format_input(cents)).unwrap();
            proptest::prop_assert_eq!(read.unwrap_or(0), cents);
        }

        #[test]
        fn never_panics(text in "\\PC{0,30}") {
            let _ = parse_amount(&text);
        }
    }
}
