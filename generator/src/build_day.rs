//! The day a site is built, in the call's time zone: reading pages say the call is closed when they
//! are built after its deadline. Tests and reproducible builds give the day in `EXPLOR_TODAY`
//! (`AAAA-MM-JJ`); otherwise it is the clock's.

use jiff::civil::Date;

/// The environment variable that fixes the build's day (read by the build's child process too,
/// which inherits it).
pub const TODAY_ENV: &str = "EXPLOR_TODAY";

/// The build's day: `given` (the value of [`TODAY_ENV`]) when set, else today in `timezone`.
pub fn resolve(given: Option<&str>, timezone: &str) -> anyhow::Result<Date> {
    if let Some(value) = given {
        return wasm_validator::edition::parse_date(value.trim()).ok_or_else(|| {
            anyhow::anyhow!(
                "la date «\u{a0}{value}\u{a0}» donnée par {TODAY_ENV} n’est pas valide\u{a0}; \
                 écrivez une date du calendrier au format AAAA-MM-JJ, par exemple 2025-06-15, \
                 ou retirez cette variable pour utiliser la date du jour."
            )
        });
    }
    jiff::Timestamp::now()
        .in_tz(timezone)
        .map(|now| now.date())
        .map_err(|e| {
            anyhow::anyhow!(
                "le fuseau horaire «\u{a0}{timezone}\u{a0}» de l’édition est inconnu ({e})\u{a0}; \
                 corrigez dates.timezone dans edition.toml."
            )
        })
}

/// The build's day from the environment (see [`resolve`]).
pub fn from_env(timezone: &str) -> anyhow::Result<Date> {
    let given = std::env::var(TODAY_ENV)
        .ok()
        .filter(|v| !v.trim().is_empty());
    resolve(given.as_deref(), timezone)
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn a_given_day_wins_over_the_clock() {
        assert_eq!(
            resolve(Some("2025-06-16"), "Europe/Paris").unwrap(),
            date(2025, 6, 16)
        );
        let err = resolve(Some("16/06/2025"), "Europe/Paris").unwrap_err();
        assert!(err.to_string().contains("EXPLOR_TODAY n’est pas valide"));
    }

    #[test]
    fn without_a_given_day_the_zone_must_be_known() {
        assert!(resolve(None, "Europe/Paris").is_ok());
        let err = resolve(None, "Nulle/Part").unwrap_err();
        assert!(err.to_string().contains("fuseau horaire"));
    }
}
