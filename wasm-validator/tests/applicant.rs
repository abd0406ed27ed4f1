//! The applicant's rules: legal form, seat in the region, RNA, SIRET, contact, previous EXPLOR.

mod common;
use common::*;

#[test]
fn each_departement_of_the_region_is_eligible() {
    for code in [
        "02000", "59000", "60000", "62000", "80000", "59 800", " 80100 ",
    ] {
        let report = judge_changed(|d| d.applicant.address.postal_code = code.into());
        assert_only(&report, &[]);
        assert!(report.eligible, "{code}");
    }
}

#[test]
fn neighbouring_departements_are_not_eligible() {
    for code in ["95000", "08000", "76000", "51100", "97400"] {
        let report = judge_changed(|d| d.applicant.address.postal_code = code.into());
        assert_only(
            &report,
            &[("applicant.seat_in_region", "applicant.address.postal_code")],
        );
        assert!(!report.eligible, "{code}");
    }
    let report = judge_changed(|d| d.applicant.address.postal_code = "95000".into());
    assert_eq!(
        message_of(&report, "applicant.seat_in_region"),
        nb(
            "Le code postal «^95000^» est celui du département 95~: le siège de l’association \
            doit être en Hauts-de-France (02 Aisne, 59 Nord, 60 Oise, 62 Pas-de-Calais, 80 Somme). \
            Seules les associations dont le siège est dans la région sont éligibles^; si le siège \
            a déménagé, indiquez son adresse actuelle."
        )
    );
}

#[test]
fn a_four_digit_postal_code_lost_its_leading_zero() {
    let report = judge_changed(|d| d.applicant.address.postal_code = "2000".into());
    assert_only(
        &report,
        &[
            ("format", "applicant.address.postal_code"),
            ("applicant.seat_in_region", "applicant.address.postal_code"),
        ],
    );
    assert_eq!(
        message_of(&report, "format"),
        nb("Le code postal «^2000^» n’a que 4 chiffres~: ajoutez le 0 initial («^02000^»).")
    );
    assert!(!report.eligible);
}

/// Four digits: the leading 0 is suggested only when it makes a code of the region (« 2000 » →
/// « 02000 », Aisne); otherwise a digit is missing (« 5900 » is not « 05900 », Hautes-Alpes).
#[test]
fn a_four_digit_postal_code_is_told_what_it_lacks() {
    let zero = "ajoutez le 0 initial";
    let digit = "il manque un chiffre";
    // (code typed, format finding's advice or None, eligible)
    let table: [(&str, Option<&str>, bool); 8] = [
        ("59000", None, true),
        ("59 000", None, true),
        ("5900", Some(digit), false),
        ("05900", None, false),
        ("2000", Some(zero), false),
        ("02000", None, true),
        ("6000", Some(digit), false),
        ("8000", Some(digit), false),
    ];
    for (code, advice, eligible) in table {
        let report = judge_changed(|d| d.applicant.address.postal_code = code.into());
        let format = of_rule(&report, "format");
        match advice {
            Some(advice) => {
                assert_eq!(format.len(), 1, "{code}");
                assert!(
                    format[0].message.contains(advice),
                    "{code}: {}",
                    format[0].message
                );
                let other = if advice == zero { digit } else { zero };
                assert!(!format[0].message.contains(other), "{code}");
                assert!(!format[0].message.contains("0590"), "{code}");
            }
            None => assert!(format.is_empty(), "{code}: {format:?}"),
        }
        assert_eq!(report.eligible, eligible, "{code}");
    }
    let report = judge_changed(|d| d.applicant.address.postal_code = "5900".into());
    assert_eq!(
        message_of(&report, "format"),
        nb(
            "Le code postal «^5900^» n’a que 4 chiffres~: il manque un chiffre, un code postal en \
            compte 5 (par exemple 02000). Vérifiez-le sur un courrier adressé au siège."
        )
    );
}

#[test]
fn a_malformed_postal_code_is_a_format_error_and_blocks_eligibility() {
    for code in ["5900A", "590000", "Lille"] {
        let report = judge_changed(|d| d.applicant.address.postal_code = code.into());
        assert_only(
            &report,
            &[
                ("format", "applicant.address.postal_code"),
                ("applicant.seat_in_region", "applicant.address.postal_code"),
            ],
        );
    }
}

#[test]
fn a_missing_postal_code_is_reported_by_the_eligibility_rule() {
    let report = judge_changed(|d| d.applicant.address.postal_code = "  ".into());
    assert_only(
        &report,
        &[("applicant.seat_in_region", "applicant.address.postal_code")],
    );
    assert!(!report.eligible);
}

#[test]
fn only_1901_associations_are_eligible() {
    for form in ["", "association_1908", "other", "sarl"] {
        let report = judge_changed(|d| d.applicant.legal_form = form.into());
        assert_only(&report, &[("applicant.legal_form", "applicant.legal_form")]);
        assert!(!report.eligible, "{form}");
    }
    let report = judge_changed(|d| d.applicant.legal_form = "association_1908".into());
    assert_eq!(
        message_of(&report, "applicant.legal_form"),
        nb(
            "Une association de droit local (loi 1908, Alsace-Moselle) n’est pas éligible~: \
            l’appel est réservé aux associations loi 1901."
        )
    );
}

#[test]
fn rna_is_w_and_nine_digits_after_normalising() {
    for rna in [
        "W595000000",
        "w595000000",
        "W59 500 0000",
        " W595000000 ",
        "W2D1234567",
    ] {
        assert_only(&judge_changed(|d| d.applicant.rna = rna.into()), &[]);
    }
    for rna in [
        "W59500000",
        "W5950000000",
        "595000000",
        "X595000000",
        "W59500000A",
    ] {
        let report = judge_changed(|d| d.applicant.rna = rna.into());
        assert_only(&report, &[("format", "applicant.rna")]);
        assert!(
            report.eligible,
            "a malformed RNA is not an eligibility matter"
        );
    }
    let report = judge_changed(|d| d.applicant.rna = "W59500000".into());
    assert_eq!(
        message_of(&report, "format"),
        nb(
            "Le numéro RNA «^W59500000^» n’est pas valide~: il s’écrit W suivi de 9 chiffres, par \
            exemple W025001234 (voir le récépissé de déclaration en préfecture ou le Journal \
            officiel). Si votre association n’a qu’un ancien numéro de préfecture, indiquez son \
            numéro SIRET ou écrivez à Explor-RRMA@lianescooperation.org."
        )
    );
}

/// Contract §2: the association is identified by its RNA **or** its SIRET; one of the two is
/// required, not both, and `format` checks whichever is given.
#[test]
fn the_association_is_identified_by_its_rna_or_its_siret() {
    const SIRET: &str = "73282932000074";
    // (rna, siret, expected findings as (rule, field))
    type Case<'a> = (&'a str, &'a str, &'a [(&'a str, &'a str)]);
    let table: [Case; 8] = [
        ("W595000000", SIRET, &[]),
        ("W595000000", "", &[]),
        ("", SIRET, &[]),
        (" ", " 732 829 320 00074 ", &[]),
        ("", "", &[("required", "applicant.rna")]),
        ("  ", " ", &[("required", "applicant.rna")]),
        ("", "73282932000079", &[("format", "applicant.siret")]),
        ("W59500000", "", &[("format", "applicant.rna")]),
    ];
    for (rna, siret, expected) in table {
        let report = judge_changed(|d| {
            d.applicant.rna = rna.into();
            d.applicant.siret = siret.into();
        });
        assert_only(&report, expected);
        assert!(report.eligible, "identification is no eligibility matter");
        assert_eq!(report.complete, expected.is_empty(), "{rna:?} {siret:?}");
    }
    let report = judge_changed(|d| {
        d.applicant.rna = String::new();
        d.applicant.siret = String::new();
    });
    assert_eq!(
        message_of(&report, "required"),
        nb(
            "Ce champ est obligatoire~: indiquez le numéro RNA de l’association (W suivi de 9 \
            chiffres, par exemple W025001234, sur le récépissé de déclaration en préfecture) ou, à \
            défaut, son numéro SIRET (14 chiffres)."
        )
    );
    let report = judge_changed(|d| {
        d.applicant.rna = String::new();
        d.applicant.siret = "73282932000079".into();
    });
    assert!(
        message_of(&report, "format")
            .ends_with("ou indiquez plutôt le numéro RNA de l’association."),
        "{}",
        message_of(&report, "format")
    );
}

#[test]
fn siret_is_optional_and_checked_with_la_postes_exception() {
    for siret in [
        "",
        "35600000000048",
        "35600000049837",
        "73282932000074",
        "732 829 320 00074",
    ] {
        assert_only(&judge_changed(|d| d.applicant.siret = siret.into()), &[]);
    }
    for siret in [
        "73282932000079",
        "35600000049838",
        "7328293200007",
        "7328293200007A",
    ] {
        let report = judge_changed(|d| d.applicant.siret = siret.into());
        assert_only(&report, &[("format", "applicant.siret")]);
    }
    let report = judge_changed(|d| d.applicant.siret = "73282932000079".into());
    assert_eq!(
        message_of(&report, "format"),
        nb(
            "Le numéro SIRET «^73282932000079^» n’est pas valide~: sa clé de contrôle ne \
            correspond pas, un chiffre est sans doute erroné. Recopiez-le depuis l’avis de \
            situation au répertoire Sirene, ou laissez ce champ vide~: le numéro RNA suffit."
        )
    );
    let report = judge_changed(|d| d.applicant.siret = "7328293200007".into());
    assert!(message_of(&report, "format").contains("il doit compter 14 chiffres, pas 13"));
}

#[test]
fn email_and_phone_formats() {
    for email in ["a@b.fr", " prenom.nom@asso-exemple.org "] {
        assert_only(
            &judge_changed(|d| d.applicant.contact.email = email.into()),
            &[],
        );
    }
    for email in [
        "contact",
        "contact@asso",
        "contact @asso.fr",
        "contact@asso..fr",
    ] {
        let report = judge_changed(|d| d.applicant.contact.email = email.into());
        assert_only(&report, &[("format", "applicant.contact.email")]);
    }
    for phone in [
        "0320000000",
        "03.20.00.00.00",
        "+33 3 20 00 00 00",
        "+221 77 000 00 00",
    ] {
        assert_only(
            &judge_changed(|d| d.applicant.contact.phone = phone.into()),
            &[],
        );
    }
    for phone in ["03 20 00 00", "téléphone", "+33", "3320000000"] {
        let report = judge_changed(|d| d.applicant.contact.phone = phone.into());
        assert_only(&report, &[("format", "applicant.contact.phone")]);
    }
}

#[test]
fn previous_explor_requires_a_new_project() {
    let cases = [
        (Some(false), None, None),
        (Some(false), Some(false), None),
        (Some(true), Some(true), None),
        (Some(true), Some(false), Some("applicant.new_project")),
        (Some(true), None, Some("applicant.new_project")),
        (None, None, Some("applicant.previous_explor")),
    ];
    for (previous, new_project, field) in cases {
        let report = judge_changed(|d| {
            d.applicant.previous_explor = previous;
            d.applicant.new_project = new_project;
        });
        match field {
            None => assert_only(&report, &[]),
            Some(field) => {
                assert_only(&report, &[("applicant.previous_explor", field)]);
                assert!(!report.eligible);
            }
        }
    }
}

/// Issue 15 point 2: the messages' examples come from the edition (its first département), never
/// from the model region.
#[test]
fn examples_in_messages_come_from_the_edition() {
    let mut edition = edition();
    edition.eligibility.departements = vec![
        wasm_validator::edition::Departement {
            code: "35".into(),
            name: "Ille-et-Vilaine".into(),
            postal_prefixes: vec!["35".into()],
        },
        wasm_validator::edition::Departement {
            code: "29".into(),
            name: "Finistère".into(),
            postal_prefixes: vec!["29".into()],
        },
    ];
    let mut d = valid_dossier();
    d.applicant.rna = "W1".into();
    d.applicant.address.postal_code = "35O00".into();
    let report = wasm_validator::validate(&edition, &d, before_deadline());
    let formats: Vec<&str> = of_rule(&report, "format")
        .iter()
        .map(|f| f.message.as_str())
        .collect();
    assert_eq!(formats.len(), 2, "{formats:?}");
    assert!(
        formats[0].contains("par exemple W355001234 "),
        "{}",
        formats[0]
    );
    assert!(formats[1].ends_with("par exemple 35000."), "{}", formats[1]);
    for message in report.findings.iter().map(|f| &f.message) {
        for model in ["W595", "59000", "03 20"] {
            assert!(!message.contains(model), "{model} in {message}");
        }
    }
}
