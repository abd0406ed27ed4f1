//! The mission's rules: type, place, dates, length, window, SDGs.

mod common;
use common::*;
use wasm_validator::model::HostedExpert;

fn with_dates(start: &str, end: &str) -> wasm_validator::Report {
    judge_changed(|d| {
        d.mission.start_date = start.into();
        d.mission.end_date = end.into();
    })
}

#[test]
fn fourteen_days_is_the_longest_mission_inclusive() {
    let report = with_dates("2025-10-01", "2025-10-14");
    assert_only(&report, &[]);
    assert_eq!(report.figures.duration_days, Some(14));
    let report = with_dates("2025-10-01", "2025-10-15");
    assert_only(&report, &[("mission.duration_max", "mission.end_date")]);
    assert_eq!(report.figures.duration_days, Some(15));
    assert_eq!(
        message_of(&report, "mission.duration_max"),
        nb(
            "La mission dure 15 jours (du 1er octobre 2025 au 15 octobre 2025, bornes comprises), \
            pour 14 jours au plus~: raccourcissez-la de 1 jour."
        )
    );
    assert!(report.eligible && !report.complete);
}

#[test]
fn fewer_than_seven_days_is_only_a_warning() {
    let report = with_dates("2025-10-01", "2025-10-07");
    assert_only(&report, &[]);
    assert_eq!(report.figures.duration_days, Some(7));
    let report = with_dates("2025-10-01", "2025-10-06");
    assert_only(&report, &[("mission.duration_short", "mission.end_date")]);
    assert_eq!(
        report.findings[0].severity,
        wasm_validator::Severity::Warning
    );
    assert!(
        report.complete,
        "a warning does not make the dossier incomplete"
    );
    let report = with_dates("2025-10-01", "2025-10-01");
    assert_eq!(report.figures.duration_days, Some(1));
    assert_eq!(
        message_of(&report, "mission.duration_short"),
        nb(
            "La mission ne dure que 1 jour, alors que l’appel prévoit des missions de 7 à 14 \
            jours~: vérifiez que cette durée suffit pour atteindre ses objectifs."
        )
    );
}

#[test]
fn the_mission_window_is_inclusive() {
    assert_only(&with_dates("2025-07-01", "2025-07-10"), &[]);
    assert_only(&with_dates("2026-03-20", "2026-03-31"), &[]);
    let early = with_dates("2025-06-30", "2025-07-10");
    assert_only(&early, &[("mission.window", "mission.start_date")]);
    assert_eq!(
        message_of(&early, "mission.window"),
        nb(
            "La mission commence le 30 juin 2025, trop tôt~: les missions se déroulent entre le \
            1er juillet 2025 et le 31 mars 2026. Choisissez une date de début à partir du 1er \
            juillet 2025."
        )
    );
    let late = with_dates("2026-03-25", "2026-04-01");
    assert_only(&late, &[("mission.window", "mission.end_date")]);
    assert!(late.eligible && !late.complete);
}

#[test]
fn dates_must_be_valid_and_in_order() {
    let cases = [
        (
            "",
            "2025-10-17",
            vec![("mission.dates", "mission.start_date")],
        ),
        (
            "2025-10-06",
            "",
            vec![("mission.dates", "mission.end_date")],
        ),
        (
            "2025-02-30",
            "2025-10-17",
            vec![("mission.dates", "mission.start_date")],
        ),
        (
            "06/10/2025",
            "2025-10-17",
            vec![("mission.dates", "mission.start_date")],
        ),
        (
            "2025-10-17",
            "2025-10-06",
            vec![("mission.dates", "mission.end_date")],
        ),
    ];
    for (start, end, expected) in cases {
        let report = with_dates(start, end);
        assert_only(&report, &expected);
        assert_eq!(report.figures.duration_days, None, "{start} {end}");
    }
    let report = with_dates("2025-02-30", "2025-10-17");
    assert_eq!(
        message_of(&report, "mission.dates"),
        nb(
            "La date de début «^2025-02-30^» n’est pas une date valide~: écrivez-la sous la forme \
            AAAA-MM-JJ, par exemple 2025-07-01."
        )
    );
    let report = with_dates("2025-10-17", "2025-10-06");
    assert_eq!(
        message_of(&report, "mission.dates"),
        nb(
            "La date de fin (6 octobre 2025) est avant la date de début (17 octobre 2025)~: \
            vérifiez les deux dates."
        )
    );
}

/// Contract §2: `kind` not one of the edition's types is an error; while the edition marks its
/// types as awaiting confirmation (`types_to_confirm`, as in 2025), a missing type is a warning,
/// never an error, so it makes the dossier neither incomplete nor ineligible.
#[test]
fn mission_kind_is_one_of_the_editions_types() {
    use wasm_validator::Severity::{Error, Warning};
    let mut confirmed = edition();
    confirmed.mission.types_to_confirm = false;
    let pending = edition();
    assert!(
        pending.mission.types_to_confirm,
        "the 2025 edition awaits confirmation"
    );
    // (kind, severity while pending, severity once confirmed; None = no finding)
    let table = [
        ("implementation", None, None),
        ("preparation", None, None),
        (" evaluation ", None, None),
        ("", Some(Warning), Some(Error)),
        ("   ", Some(Warning), Some(Error)),
        ("exploration", Some(Error), Some(Error)),
        ("Preparation", Some(Error), Some(Error)),
    ];
    for (kind, while_pending, once_confirmed) in table {
        let mut d = valid_dossier();
        d.mission.kind = kind.into();
        for (edition, expected) in [(&pending, while_pending), (&confirmed, once_confirmed)] {
            let report = wasm_validator::validate(edition, &d, before_deadline());
            let found: Vec<_> = of_rule(&report, "mission.kind")
                .iter()
                .map(|f| f.severity)
                .collect();
            assert_eq!(found, expected.into_iter().collect::<Vec<_>>(), "{kind:?}");
            assert_eq!(report.findings.len(), found.len(), "{kind:?}");
            assert!(report.eligible, "the type is no eligibility matter");
            assert_eq!(report.complete, expected != Some(Error), "{kind:?}");
        }
    }
    let report = judge_changed(|d| d.mission.kind.clear());
    assert_eq!(
        message_of(&report, "mission.kind"),
        nb(
            "Le type de mission n’est pas indiqué. Les types de mission («^Appui à la mise en \
            œuvre d’un projet en cours^», «^Diagnostic ou identification d’un projet futur^», \
            «^Évaluation d’un projet terminé^», «^Mission de réciprocité (accueil en France)^») \
            sont encore à confirmer par Lianes coopération~: choisissez celui qui décrit le mieux \
            votre mission, ou laissez ce choix vide si aucun ne convient."
        )
    );
}

/// Contract §2: a mission other than reciprocity in another country than the partner's is a
/// warning (the call pairs the expertise with the need identified with the partner).
#[test]
fn a_mission_away_from_the_partners_country_is_a_warning() {
    // (kind, mission country, partner country, warned)
    let table = [
        ("preparation", "SN", "SN", false),
        ("preparation", "sn ", " SN", false),
        ("preparation", "BF", "SN", true),
        ("implementation", "XK", "SN", true),
        ("", "BF", "SN", true),
        // Reciprocity takes place in France, whatever the partner's country.
        ("reciprocity", "FR", "SN", false),
        // A country off the list is already an error of another rule: no warning on top.
        ("preparation", "CL", "SN", false),
        ("preparation", "SN", "CL", false),
        ("preparation", "", "SN", false),
        ("preparation", "SN", "", false),
    ];
    for (kind, country, partner, warned) in table {
        let report = judge_changed(|d| {
            d.mission.kind = kind.into();
            d.mission.country = country.into();
            d.partner.country = partner.into();
        });
        let found = of_rule(&report, "mission.place_partner");
        assert_eq!(
            found.len(),
            usize::from(warned),
            "{kind} {country} {partner}"
        );
        if warned {
            assert_eq!(found[0].severity, wasm_validator::Severity::Warning);
            assert_eq!(found[0].field, "mission.country");
        }
    }
    let report = judge_changed(|d| d.mission.country = "BF".into());
    assert_only(&report, &[("mission.place_partner", "mission.country")]);
    assert!(report.eligible && report.complete);
    assert_eq!(
        message_of(&report, "mission.place_partner"),
        nb(
            "La mission se déroule dans un autre pays (Burkina Faso) que celui du partenaire \
            (Sénégal)~: l’appel associe l’expertise au besoin identifié avec le partenaire. \
            Vérifiez le pays de la mission, ou expliquez ce choix dans la description du besoin."
        )
    );
}

/// Contract §1–§2: `mission.duration_min` when the edition sets `duration_min_days` (2025: not
/// set, so a one-day mission is only short).
#[test]
fn the_minimum_length_is_the_editions_when_it_sets_one() {
    let mut edition = edition();
    assert_eq!(edition.mission.duration_min_days, None);
    let one_day = with_dates("2025-10-01", "2025-10-01");
    assert!(of_rule(&one_day, "mission.duration_min").is_empty());
    edition.mission.duration_min_days = Some(5);
    // (end date from 1 October, findings)
    let table: [(&str, &[&str]); 4] = [
        ("2025-10-03", &["mission.duration_min"]),
        ("2025-10-04", &["mission.duration_min"]),
        ("2025-10-05", &["mission.duration_short"]),
        ("2025-10-07", &[]),
    ];
    for (end, rules) in table {
        let mut d = valid_dossier();
        d.mission.start_date = "2025-10-01".into();
        d.mission.end_date = end.into();
        let report = wasm_validator::validate(&edition, &d, before_deadline());
        let found: Vec<&str> = report.findings.iter().map(|f| f.rule.as_str()).collect();
        assert_eq!(found, rules, "{end}");
        assert_eq!(report.complete, rules != ["mission.duration_min"], "{end}");
        assert!(report.eligible, "{end}");
    }
    let mut d = valid_dossier();
    d.mission.start_date = "2025-10-01".into();
    d.mission.end_date = "2025-10-04".into();
    let report = wasm_validator::validate(&edition, &d, before_deadline());
    assert_eq!(
        message_of(&report, "mission.duration_min"),
        nb(
            "La mission ne dure que 4 jours (du 1er octobre 2025 au 4 octobre 2025, bornes \
            comprises), pour 5 jours au moins~: allongez-la de 1 jour."
        )
    );
}

#[test]
fn a_reciprocity_mission_takes_place_in_france_and_is_encouraged() {
    let report = judge_changed(|d| {
        d.mission.kind = "reciprocity".into();
        d.mission.country = "FR".into();
        d.mission.city = "Lille".into();
        d.mission.hosted_expert = Some(hosted("Groupement de Thiès", "Animatrice", "Dix ans."));
    });
    assert_only(&report, &[("mission.reciprocity", "mission.kind")]);
    assert_eq!(report.findings[0].severity, wasm_validator::Severity::Info);
    assert!(report.eligible && report.complete);

    let report = judge_changed(|d| {
        d.mission.kind = "reciprocity".into();
        d.mission.hosted_expert = Some(hosted("Groupement de Thiès", "Animatrice", "Dix ans."));
    });
    assert_only(
        &report,
        &[
            ("mission.reciprocity", "mission.kind"),
            ("mission.place", "mission.country"),
        ],
    );
    assert_eq!(
        message_of(&report, "mission.place"),
        nb("Une mission de réciprocité accueille en France l’expert du partenaire~: choisissez la \
            France comme pays de la mission, ou un autre type de mission.")
    );
}

fn hosted(organisation: &str, role: &str, profile: &str) -> HostedExpert {
    HostedExpert {
        organisation: organisation.into(),
        role: role.into(),
        profile: profile.into(),
    }
}

/// A reciprocity mission presents the expert hosted in France (`required` on each blank text);
/// another mission is not asked for one, and what it carries is not judged.
#[test]
fn a_reciprocity_mission_presents_its_hosted_expert() {
    let long = "P".repeat(3001);
    let at_limit = "P".repeat(3000);
    // (kind, hosted expert, findings on `mission.hosted_expert.*` as (rule, field))
    type Case<'a> = (&'a str, Option<HostedExpert>, &'a [(&'a str, &'a str)]);
    let table: [Case; 7] = [
        (
            "reciprocity",
            None,
            &[
                ("required", "mission.hosted_expert.organisation"),
                ("required", "mission.hosted_expert.role"),
                ("required", "mission.hosted_expert.profile"),
            ],
        ),
        (
            "reciprocity",
            Some(hosted("Groupement", "", " ")),
            &[
                ("required", "mission.hosted_expert.role"),
                ("required", "mission.hosted_expert.profile"),
            ],
        ),
        ("reciprocity", Some(hosted("G", "R", "P")), &[]),
        ("reciprocity", Some(hosted("G", "R", &at_limit)), &[]),
        (
            "reciprocity",
            Some(hosted("G", "R", &long)),
            &[("text.too_long", "mission.hosted_expert.profile")],
        ),
        ("preparation", None, &[]),
        ("preparation", Some(hosted("", "", &long)), &[]),
    ];
    for (kind, expert, expected) in table {
        let report = judge_changed(|d| {
            d.mission.kind = kind.into();
            if kind == "reciprocity" {
                d.mission.country = "FR".into();
            }
            d.mission.hosted_expert = expert.clone();
        });
        let found: Vec<(String, String)> = rules_and_fields(&report)
            .into_iter()
            .filter(|(_, field)| field.starts_with("mission.hosted_expert"))
            .collect();
        let expected: Vec<(String, String)> = expected
            .iter()
            .map(|(r, f)| (r.to_string(), f.to_string()))
            .collect();
        assert_eq!(found, expected, "{kind} {expert:?}");
        assert!(
            report.eligible,
            "the expert decides completeness, not eligibility"
        );
        assert_eq!(report.complete, expected.is_empty(), "{kind} {expert:?}");
    }
    let report = judge_changed(|d| {
        d.mission.kind = "reciprocity".into();
        d.mission.country = "FR".into();
    });
    assert_eq!(
        report
            .findings
            .iter()
            .find(|f| f.field == "mission.hosted_expert.organisation")
            .map(|f| f.message.clone()),
        Some(nb(
            "Ce champ est obligatoire~: indiquez l’organisation d’où vient l’expert accueilli en \
             France."
        ))
    );
}

#[test]
fn other_missions_take_place_in_a_dac_country() {
    for country in ["SN", "XK", "PS", "NR", "MS", "bf"] {
        let report = judge_changed(|d| {
            d.mission.country = country.into();
            d.partner.country = country.into();
        });
        assert_only(&report, &[]);
    }
    for country in ["FR", "CL", ""] {
        let report = judge_changed(|d| d.mission.country = country.into());
        assert_only(&report, &[("mission.place", "mission.country")]);
    }
}

#[test]
fn at_least_one_known_sdg_without_duplicates() {
    for sdgs in [vec![1], vec![17], vec![1, 2, 3, 17]] {
        assert_only(&judge_changed(|d| d.mission.sdgs = sdgs), &[]);
    }
    let cases: [(Vec<i64>, usize); 6] = [
        (vec![], 1),
        (vec![0], 1),
        (vec![18], 1),
        (vec![6, 6], 1),
        (vec![-1, i64::MAX, 6, 6, 6], 4),
        (vec![i64::MIN], 1),
    ];
    for (sdgs, count) in cases {
        let report = judge_changed(|d| d.mission.sdgs = sdgs.clone());
        assert_eq!(of_rule(&report, "mission.sdgs").len(), count, "{sdgs:?}");
        assert_eq!(report.findings.len(), count, "{sdgs:?}");
        assert!(!report.eligible);
    }
    let report = judge_changed(|d| d.mission.sdgs = vec![18]);
    assert_eq!(
        message_of(&report, "mission.sdgs"),
        nb(
            "L’ODD n°~18 n’existe pas~: les Objectifs de développement durable sont numérotés de \
            1 à 17. Retirez-le et choisissez dans la liste."
        )
    );
}
