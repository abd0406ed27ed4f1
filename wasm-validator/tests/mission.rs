//! The mission's rules: type, place, dates, length, window, SDGs.

mod common;
use common::*;

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

#[test]
fn mission_kind_is_one_of_the_editions_types() {
    for kind in ["implementation", "preparation", "evaluation"] {
        assert_only(&judge_changed(|d| d.mission.kind = kind.into()), &[]);
    }
    for kind in ["", "exploration", "Preparation"] {
        let report = judge_changed(|d| d.mission.kind = kind.into());
        assert_only(&report, &[("mission.kind", "mission.kind")]);
        assert!(report.eligible);
    }
}

#[test]
fn a_reciprocity_mission_takes_place_in_france_and_is_encouraged() {
    let report = judge_changed(|d| {
        d.mission.kind = "reciprocity".into();
        d.mission.country = "FR".into();
        d.mission.city = "Lille".into();
    });
    assert_only(&report, &[("mission.reciprocity", "mission.kind")]);
    assert_eq!(report.findings[0].severity, wasm_validator::Severity::Info);
    assert!(report.eligible && report.complete);

    let report = judge_changed(|d| d.mission.kind = "reciprocity".into());
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
            France («^FR^») comme pays de la mission, ou un autre type de mission.")
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
