//! Reading files: every refusal with its exact French message, unknown fields, nulls, writing back.

mod common;
use common::*;
use wasm_validator::parse::{Expected, MAX_DEPTH};
use wasm_validator::{judge, parse_dossier, to_json, DossierError, MAX_BYTES};

fn error_of(bytes: &[u8]) -> DossierError {
    parse_dossier(bytes).expect_err("not a dossier")
}

fn message(bytes: &[u8]) -> String {
    error_of(bytes).to_string()
}

fn valid_json() -> String {
    to_json(&valid_dossier())
}

/// The valid dossier's JSON with one field's value replaced (`"key": value` as the file writes it).
fn replaced(from: &str, to: &str) -> String {
    let json = valid_json();
    assert!(json.contains(from), "{from}");
    json.replacen(from, to, 1)
}

#[test]
fn the_valid_dossier_reads_back_unchanged() {
    let parsed = parse_dossier(valid_json().as_bytes()).expect("valid");
    assert_eq!(parsed.dossier, valid_dossier());
    assert!(parsed.unknown_fields.is_empty());
    assert!(valid_json().ends_with("}\n"));
    assert!(valid_json().starts_with("{\n  \"format\": \"explor-dossier\",\n  \"version\": 1,"));
}

#[test]
fn not_json() {
    assert_eq!(
        error_of(b"{\"format\": explor}"),
        DossierError::NotJson {
            line: 1,
            column: 12,
            truncated: false
        }
    );
    assert_eq!(
        message(b"{\"format\": explor}"),
        nb("Ce fichier n’est pas un dossier EXPLOR~: ce n’est pas du JSON valide (erreur ligne 1, \
            colonne 12). Téléchargez le dossier depuis le formulaire du site. S’il a été modifié à \
            la main, reprenez le fichier téléchargé.")
    );
    let json = valid_json();
    let truncated = &json.as_bytes()[..json.len() / 2];
    assert!(matches!(
        error_of(truncated),
        DossierError::NotJson {
            truncated: true,
            ..
        }
    ));
    assert!(message(truncated).contains("s’arrête avant la fin"));
    assert_eq!(error_of(b""), DossierError::Empty);
    assert_eq!(error_of(b" \n "), DossierError::Empty);
    assert_eq!(
        message(b""),
        nb("Ce fichier n’est pas un dossier EXPLOR~: il est vide. Téléchargez le dossier depuis le \
            formulaire du site.")
    );
}

#[test]
fn invalid_utf8() {
    let mut bytes = br#"{"format": "explor-dossier", "name": "Caf"#.to_vec();
    bytes.extend([0xE9, b'"', b'}']);
    assert_eq!(error_of(&bytes), DossierError::NotUtf8 { offset: 41 });
    assert_eq!(
        message(&bytes),
        nb("Ce fichier n’est pas un dossier EXPLOR~: son texte n’est pas encodé en UTF-8 (octet \
            n°~42 invalide). Téléchargez le dossier depuis le formulaire du site. S’il a été ouvert \
            puis enregistré dans un autre logiciel, reprenez le fichier téléchargé tel quel.")
    );
}

#[test]
fn ten_thousand_nested_arrays_do_not_recurse() {
    let deep = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
    assert_eq!(error_of(deep.as_bytes()), DossierError::TooDeep);
    let open_only = "[".repeat(10_000);
    assert_eq!(error_of(open_only.as_bytes()), DossierError::TooDeep);
    assert_eq!(
        message(deep.as_bytes()),
        nb(
            "Ce fichier n’est pas un dossier EXPLOR~: ses données sont imbriquées sur plus de 64 \
            niveaux. Téléchargez le dossier depuis le formulaire du site."
        )
    );
    // Brackets inside strings do not count, and the limit itself is accepted.
    let in_string = replaced(
        "\"saved_at\": \"",
        &format!("\"saved_at\": \"{}\\\"", "[".repeat(100)),
    );
    assert!(parse_dossier(in_string.as_bytes()).is_ok());
    let at_limit = replaced(
        "\"version\": 1,",
        &format!(
            "\"version\": 1, \"x\": {}{},",
            "[".repeat(MAX_DEPTH - 1),
            "]".repeat(MAX_DEPTH - 1)
        ),
    );
    assert_eq!(
        parse_dossier(at_limit.as_bytes())
            .expect("at the limit")
            .unknown_fields,
        ["x"]
    );
}

#[test]
fn larger_than_one_mebibyte() {
    let pad = " ".repeat(MAX_BYTES);
    let big = format!("{}{pad}", valid_json());
    assert_eq!(
        error_of(big.as_bytes()),
        DossierError::TooLarge { size: big.len() }
    );
    let exact = format!(
        "{}{}",
        valid_json(),
        " ".repeat(MAX_BYTES - valid_json().len())
    );
    assert!(
        parse_dossier(exact.as_bytes()).is_ok(),
        "exactly 1 MiB is accepted"
    );
    let one_more = format!("{exact} ");
    assert_eq!(
        message(one_more.as_bytes()),
        nb(
            "Ce fichier n’est pas un dossier EXPLOR~: il fait 1^048^577 octets, alors qu’un \
            dossier en fait au plus 1^048^576 (1 Mio). Vérifiez que vous avez choisi le bon \
            fichier~: un dossier téléchargé depuis le formulaire du site ne pèse que quelques \
            kilo-octets."
        )
    );
}

#[test]
fn other_format_or_version() {
    let other = replaced("\"explor-dossier\"", "\"lianes-adhesion\"");
    assert_eq!(
        message(other.as_bytes()),
        nb("Ce fichier n’est pas un dossier EXPLOR~: son champ format vaut «^lianes-adhesion^» au \
            lieu de «^explor-dossier^». Téléchargez le dossier depuis le formulaire du site.")
    );
    assert_eq!(
        error_of(br#"{"version": 1}"#),
        DossierError::WrongFormat { found: None }
    );
    assert_eq!(
        error_of(br#"{"format": 1}"#),
        DossierError::WrongFormat { found: None }
    );
    let v2 = replaced("\"version\": 1", "\"version\": 2");
    assert_eq!(
        message(v2.as_bytes()),
        nb(
            "Ce dossier EXPLOR est au format explor-dossier version «^2^», mais cet outil lit la \
            version 1. Téléchargez le dossier depuis le formulaire du site de l’appel en cours, ou \
            utilisez l’outil de la même version que le dossier."
        )
    );
    let text_version = replaced("\"version\": 1", "\"version\": \"1\"");
    assert_eq!(
        error_of(text_version.as_bytes()),
        DossierError::WrongVersion {
            found: Some("\"1\"".into())
        }
    );
    let no_version = replaced("\"version\": 1,", "");
    assert_eq!(
        error_of(no_version.as_bytes()),
        DossierError::WrongVersion { found: None }
    );
    assert!(message(no_version.as_bytes()).contains("n’indique pas sa version"));
}

#[test]
fn not_an_object() {
    assert_eq!(
        error_of(b"[1, 2]"),
        DossierError::NotAnObject { found: "une liste" }
    );
    assert_eq!(
        message(b"\"explor\""),
        "Ce fichier n’est pas un dossier EXPLOR\u{a0}: il contient un texte au lieu d’un objet \
         JSON { … }. Téléchargez le dossier depuis le formulaire du site."
    );
}

#[test]
fn wrong_types_name_the_field_and_the_type() {
    let cents = replaced("\"amount_cents\": 130000", "\"amount_cents\": 1300.5");
    assert_eq!(
        error_of(cents.as_bytes()),
        DossierError::WrongType {
            field: "budget.expenses[0].amount_cents".into(),
            expected: Expected::Cents,
            found: "un nombre décimal"
        }
    );
    assert_eq!(
        message(cents.as_bytes()),
        "Le champ budget.expenses[0].amount_cents doit être un nombre entier de centimes, pas un \
         nombre décimal. Corrigez ce champ, ou téléchargez le dossier depuis le formulaire du site."
    );
    let cases = [
        (
            ("\"amount_cents\": 130000", "\"amount_cents\": \"1300\""),
            "budget.expenses[0].amount_cents",
            "un texte",
        ),
        (
            (
                "\"amount_cents\": 130000",
                "\"amount_cents\": 18446744073709551615",
            ),
            "budget.expenses[0].amount_cents",
            "un nombre entier trop grand",
        ),
        (
            (
                "\"amount_cents\": 130000",
                "\"amount_cents\": -9223372036854775809",
            ),
            "budget.expenses[0].amount_cents",
            "un nombre entier trop grand",
        ),
        (
            ("\"amount_cents\": 130000", "\"amount_cents\": 13e4"),
            "budget.expenses[0].amount_cents",
            "un nombre écrit avec un exposant",
        ),
        (
            ("\"previous_explor\": false", "\"previous_explor\": \"non\""),
            "applicant.previous_explor",
            "un texte",
        ),
        (
            ("\"name\": \"Association Exemple\"", "\"name\": 12"),
            "applicant.name",
            "un nombre entier",
        ),
        (
            ("\"charter\": true", "\"charter\": \"oui\""),
            "declarations.charter",
            "un texte",
        ),
        (
            ("\"street\": \"1 rue Exemple\"", "\"street\": [\"1 rue\"]"),
            "applicant.address.street",
            "une liste",
        ),
        (
            ("\"sdgs\": [\n      2,", "\"sdgs\": [\n      \"2\","),
            "mission.sdgs[0]",
            "un texte",
        ),
        (
            ("\"sdgs\": [\n      2,", "\"sdgs\": [\n      null,"),
            "mission.sdgs[0]",
            "null",
        ),
        (
            ("\"expenses\": [", "\"expenses\": {\"a\": 1}, \"x\": ["),
            "budget.expenses",
            "un objet",
        ),
    ];
    for ((from, to), field, found) in cases {
        match error_of(replaced(from, to).as_bytes()) {
            DossierError::WrongType {
                field: f,
                found: fd,
                ..
            } => {
                assert_eq!((f.as_str(), fd), (field, found), "{to}");
            }
            other => panic!("{to}: {other:?}"),
        }
    }
}

#[test]
fn null_reads_as_an_empty_field() {
    let json = replaced("\"name\": \"Association Exemple\"", "\"name\": null");
    let parsed = parse_dossier(json.as_bytes()).expect("null name");
    assert_eq!(parsed.dossier.applicant.name, "");
    let json = replaced("\"need_identified\": true", "\"need_identified\": null");
    assert_eq!(
        parse_dossier(json.as_bytes())
            .expect("null answer")
            .dossier
            .partner
            .need_identified,
        None
    );
    let json = replaced("\"applicant\": {", "\"applicant\": null, \"x\": {");
    let parsed = parse_dossier(json.as_bytes()).expect("null section");
    assert_eq!(parsed.dossier.applicant, Default::default());
}

#[test]
fn a_minimal_file_reads_as_a_blank_dossier() {
    let parsed = parse_dossier(br#"{"format":"explor-dossier","version":1}"#).expect("minimal");
    assert_eq!(parsed.dossier, wasm_validator::Dossier::blank(""));
    let with_bom = "\u{feff}{\"format\":\"explor-dossier\",\"version\":1}";
    assert!(parse_dossier(with_bom.as_bytes()).is_ok());
}

#[test]
fn unknown_fields_are_listed_and_reported_as_warnings() {
    let json = replaced("\"version\": 1,", "\"version\": 1, \"comment\": \"draft\",");
    let json = json.replacen("\"rna\":", "\"foo\": {\"deep\": 1}, \"rna\":", 1);
    let json = json.replacen(
        "\"category\": \"accommodation\",",
        "\"category\": \"accommodation\", \"bar\": 2,",
        1,
    );
    let parsed = parse_dossier(json.as_bytes()).expect("unknown fields are not fatal");
    assert_eq!(
        parsed.unknown_fields,
        ["applicant.foo", "budget.expenses[1].bar", "comment"]
    );
    assert_eq!(parsed.dossier, valid_dossier());
    let report = judge(&edition(), json.as_bytes(), before_deadline())
        .expect("judged")
        .report;
    assert_only(
        &report,
        &[
            ("dossier.unknown_field", "applicant.foo"),
            ("dossier.unknown_field", "budget.expenses[1].bar"),
            ("dossier.unknown_field", "comment"),
        ],
    );
    assert!(report.complete && report.eligible);
    assert_eq!(
        report.findings[0].message,
        nb(
            "Le champ «^applicant.foo^» n’existe pas dans la version 1 du format de dossier~: il \
            n’est pas pris en compte. Vérifiez que le dossier vient du formulaire du site."
        )
    );
}

/// Issue 13, point 13: a file saved as UTF-16 is told so, with how to save it as UTF-8, whether it
/// starts with a byte order mark or not.
#[test]
fn utf16_is_named_and_how_to_save_as_utf8_said() {
    let text = valid_json();
    let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
    let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
    let with_bom = |bom: [u8; 2], body: &[u8]| [&bom[..], body].concat();
    for bytes in [
        with_bom([0xFF, 0xFE], &le),
        with_bom([0xFE, 0xFF], &be),
        le.clone(),
        be,
    ] {
        assert_eq!(error_of(&bytes), DossierError::Utf16, "{:?}", &bytes[..4]);
    }
    assert_eq!(
        message(&with_bom([0xFF, 0xFE], &le)),
        nb(
            "Ce fichier n’est pas un dossier EXPLOR~: son texte est encodé en UTF-16, alors qu’un \
            dossier est en UTF-8. S’il a été ouvert puis enregistré dans un autre logiciel, \
            reprenez le fichier téléchargé tel quel, ou enregistrez-le de nouveau en choisissant \
            l’encodage UTF-8 (dans le Bloc-notes de Windows~: Fichier, Enregistrer sous, \
            Encodage~: UTF-8)."
        )
    );
    // UTF-8 with its byte order mark is still read.
    assert!(parse_dossier(&[&[0xEF, 0xBB, 0xBF][..], text.as_bytes()].concat()).is_ok());
}

/// Issue 13, point 13: a version written `1e0` or `1.0` is told to be written 1.
#[test]
fn a_version_written_otherwise_than_1_is_told_to_be_written_1() {
    for written in ["1e0", "1.0", "10E-1"] {
        let json = replaced("\"version\": 1", &format!("\"version\": {written}"));
        assert_eq!(
            error_of(json.as_bytes()),
            DossierError::VersionNotInteger {
                written: written.into()
            }
        );
    }
    // An integer too large for any reader is shown as written, not as « un nombre décimal ».
    let huge = replaced("\"version\": 1", "\"version\": -9223372036854775809");
    assert_eq!(
        error_of(huge.as_bytes()),
        DossierError::WrongVersion {
            found: Some("-9223372036854775809".into())
        }
    );
    let json = replaced("\"version\": 1", "\"version\": 1e0");
    assert_eq!(
        message(json.as_bytes()),
        nb("Ce dossier EXPLOR écrit sa version 1e0~: écrivez-la 1, en nombre entier, sans point ni \
            exposant (\"version\": 1). Corrigez ce champ, ou téléchargez le dossier depuis le \
            formulaire du site.")
    );
}

/// Issue 13, point 5: an object with more fields than any dossier has is refused, in French.
#[test]
fn an_object_with_thousands_of_fields_is_refused() {
    let names: Vec<String> = (0..20_000).map(|i| format!("\"k{i}\": 0")).collect();
    let json = replaced(
        "\"partner\": {",
        &format!("\"partner\": {{{},", names.join(", ")),
    );
    assert_eq!(
        error_of(json.as_bytes()),
        DossierError::TooManyFields {
            field: "partner".into()
        }
    );
    assert_eq!(
        message(json.as_bytes()),
        nb(
            "Ce fichier n’est pas un dossier EXPLOR~: son objet partner compte plus de 10^000 \
            champs, alors qu’un dossier en a au plus quelques dizaines. Téléchargez le dossier \
            depuis le formulaire du site."
        )
    );
}
