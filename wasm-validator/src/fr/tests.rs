//! Tests of the one French: the typographic convention, money (with a property test against an
//! independent oracle), dates, quotations, visible text, sort keys and slugs.

use super::*;
use jiff::civil::date as d;

#[test]
fn typeset_follows_the_convention() {
    assert_eq!(
        typeset("Note : « oui » ; non ! quoi ? 50 % n° 2"),
        "Note\u{a0}: «\u{202f}oui\u{202f}»\u{202f}; non\u{202f}! quoi\u{202f}? 50\u{a0}% n°\u{a0}2"
    );
    assert_eq!(typeset("a:b https://x.org?q=1"), "a:b https://x.org?q=1");
    assert_eq!(
        typeset("«oui»"),
        "«\u{202f}oui\u{202f}»",
        "spaces added inside « »"
    );
    assert_eq!(
        typeset("Voici\u{a0}; «\u{a0}là\u{a0}»"),
        "Voici\u{202f}; «\u{202f}là\u{202f}»",
        "full spaces from older text are made narrow"
    );
    let once = typeset("Note : « oui » ; non ! n° 2");
    assert_eq!(typeset(&once), once, "idempotent");
}

#[test]
fn integers_are_grouped_by_three() {
    assert_eq!(int(0), "0");
    assert_eq!(int(999), "999");
    assert_eq!(int(1000), "1\u{202f}000");
    assert_eq!(int(-1_048_576), "-1\u{202f}048\u{202f}576");
    assert_eq!(
        int(i64::MIN),
        "-9\u{202f}223\u{202f}372\u{202f}036\u{202f}854\u{202f}775\u{202f}808"
    );
}

#[test]
fn euros_keep_their_sign_and_cents() {
    assert_eq!(euros(100_000), "1\u{202f}000,00\u{a0}€");
    assert_eq!(euros(5), "0,05\u{a0}€");
    assert_eq!(euros(-5), "-0,05\u{a0}€");
    assert_eq!(euros(-99), "-0,99\u{a0}€");
    assert_eq!(euros(-150), "-1,50\u{a0}€");
    assert_eq!(euros_round(100_000), "1\u{202f}000\u{a0}€");
    assert_eq!(euros_round(100_050), "1\u{202f}000,50\u{a0}€");
    assert_eq!(
        euros_round(-50),
        "-0,50\u{a0}€",
        "the sign of -1 to -99 cents"
    );
    assert_eq!(euros_round(-100), "-1\u{a0}€");
    assert!(euros(i64::MIN).starts_with("-92\u{202f}233"));
    assert_eq!(decimal(100_000), "1000,00");
    assert_eq!(decimal(-7), "-0,07");
    assert_eq!(percent(50), "50\u{a0}%");
}

#[test]
fn dates_read_as_french_prose() {
    assert_eq!(date(d(2025, 6, 15)), "15 juin 2025");
    assert_eq!(date(d(2025, 7, 1)), "1er juillet 2025");
    assert_eq!(date(d(2026, 2, 28)), "28 février 2026");
    assert_eq!(date_with_weekday(d(2025, 6, 15)), "dimanche 15 juin 2025");
    assert_eq!(month_year(2026, 3), "mars 2026");
    assert_eq!(month_name(13), "");
    assert_eq!(
        period(d(2025, 6, 16), d(2025, 7, 1)),
        "du 16 juin au 1er juillet 2025"
    );
    assert_eq!(
        period(d(2025, 7, 1), d(2026, 3, 31)),
        "du 1er juillet 2025 au 31 mars 2026"
    );
    assert_eq!(zone_city("America/Port_of_Spain"), "Port of Spain");
}

#[test]
fn words_agree_in_number() {
    assert_eq!(days(1), "1 jour");
    assert_eq!(days(14), "14 jours");
    assert_eq!(count(0, "dossier", "dossiers"), "0\u{a0}dossier");
    assert_eq!(count(2, "dossier", "dossiers"), "2\u{a0}dossiers");
    let items: Vec<String> = ["a", "b", "c"].map(String::from).to_vec();
    assert_eq!(join_and(&items), "a, b et c");
    assert_eq!(join_and(&items[..1]), "a");
}

#[test]
fn quotes_are_shortened() {
    assert_eq!(quote("CL"), "«\u{202f}CL\u{202f}»");
    let long = "é".repeat(100);
    assert_eq!(quote(&long).chars().count(), QUOTE_MAX_CHARS + 5);
    assert!(quote(&long).ends_with("…\u{202f}»"));
}

#[test]
fn control_and_bidi_characters_become_visible() {
    assert_eq!(visible("a\u{0}b\u{7}c\u{1b}d\u{7f}"), "a␀b␇c␛d␡");
    assert_eq!(
        visible("x\u{202e}y\u{2066}z\u{200f}\u{85}"),
        "x\u{fffd}y\u{fffd}z\u{fffd}\u{fffd}"
    );
    assert_eq!(visible("l1\r\nl2\rl3\tok é"), "l1\nl2\nl3\tok é");
    assert_eq!(visible_line("a\nb\tc\u{1b}"), "a b c␛");
}

#[test]
fn collation_ignores_accents_and_case() {
    let mut names = vec![
        "Zambie",
        "Équateur",
        "Égypte",
        "Érythrée",
        "Eswatini",
        "afghanistan",
    ];
    names.sort_by_key(|n| collation_key(n));
    assert_eq!(
        names,
        [
            "afghanistan",
            "Égypte",
            "Équateur",
            "Érythrée",
            "Eswatini",
            "Zambie"
        ]
    );
    assert!(collation_key("Écoles du monde") < collation_key("Fraternité"));
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

/// Money read back from its French form, by a reader that knows nothing of the formatter: an
/// optional `-`, digits in groups of three separated by U+202F (the first group 1 to 3 digits, no
/// leading zero unless it is the only digit), `,`, exactly two digits, U+00A0, `€`.
#[cfg(not(target_arch = "wasm32"))]
fn read_euros(text: &str) -> Option<i128> {
    let body = text.strip_suffix("\u{a0}€")?;
    let (negative, body) = match body.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, body),
    };
    let (units, cents) = body.split_once(',')?;
    if cents.len() != 2 || !cents.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let groups: Vec<&str> = units.split('\u{202f}').collect();
    let first_ok =
        (1..=3).contains(&groups[0].len()) && (groups[0] == "0" || !groups[0].starts_with('0'));
    let rest_ok = groups[1..].iter().all(|g| g.len() == 3);
    if !first_ok || !rest_ok || !units.chars().all(|c| c.is_ascii_digit() || c == '\u{202f}') {
        return None;
    }
    let mut value: i128 = 0;
    for digit in groups.concat().bytes().chain(cents.bytes()) {
        value = value * 10 + i128::from(digit - b'0');
    }
    if negative && value == 0 {
        return None; // « -0,00 € » is never written
    }
    Some(if negative { -value } else { value })
}

#[cfg(not(target_arch = "wasm32"))]
mod properties {
    use super::*;
    use proptest::prelude::*;

    fn amounts() -> impl Strategy<Value = i64> {
        prop_oneof![
            -99i64..=99,
            -1_000_000i64..=1_000_000,
            any::<i64>(),
            Just(i64::MIN),
            Just(i64::MAX),
        ]
    }

    proptest! {
        #[test]
        fn euros_read_back_to_the_same_cents(cents in amounts()) {
            let text = euros(cents);
            prop_assert_eq!(read_euros(&text), Some(i128::from(cents)), "{}", text);
            prop_assert_eq!(text.starts_with('-'), cents < 0);
        }

        #[test]
        fn euros_round_reads_back_and_drops_only_zero_cents(cents in amounts()) {
            let text = euros_round(cents);
            let full = if cents % 100 == 0 {
                text.replace("\u{a0}€", ",00\u{a0}€")
            } else {
                text.clone()
            };
            prop_assert_eq!(read_euros(&full), Some(i128::from(cents)), "{}", text);
        }

        #[test]
        fn spreadsheet_decimals_match_the_grouped_form(cents in amounts()) {
            let grouped = euros(cents).replace('\u{202f}', "").replace("\u{a0}€", "");
            prop_assert_eq!(decimal(i128::from(cents)), grouped);
        }
    }
}
