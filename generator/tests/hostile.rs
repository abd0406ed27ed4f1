//! `explor check` on hostile files: each is refused with a French sentence that says what to do and
//! exit status 2 (or, for the few a person may really send, judged or accepted), never a panic, and
//! the other files of the batch are still judged.

mod check_support;

use check_support::*;
use serde_json::{json, Value};

/// The start of every refusal of a file that is not a dossier.
const NOT_A_DOSSIER: &str = "Ce fichier n’est pas un dossier EXPLOR\u{a0}: ";

/// The complete test dossier as bytes, after `change`.
fn dossier_bytes(change: impl FnOnce(&mut Value)) -> Vec<u8> {
    let mut dossier = complete_dossier();
    change(&mut dossier);
    serde_json::to_vec_pretty(&dossier).unwrap()
}

/// Writes each `(name, bytes)` into a temporary folder, then checks them all in one batch followed by
/// the complete fixture; returns the exit status and one entry per hostile file, after asserting
/// that the complete fixture was still judged.
fn check_batch(files: &[(&str, Vec<u8>)]) -> (i32, Vec<Value>) {
    let dir = tempfile::tempdir().unwrap();
    let mut paths: Vec<String> = files
        .iter()
        .map(|(name, bytes)| {
            let path = dir.path().join(name);
            std::fs::write(&path, bytes).unwrap();
            path.to_str().unwrap().to_owned()
        })
        .collect();
    paths.push(fixture("complete.json"));
    let args: Vec<&str> = paths.iter().map(String::as_str).collect();
    let (code, mut entries) = json_report(ON_TIME, &args);
    let last = entries.pop().expect("one entry per file");
    assert_eq!(last["report"]["complete"], true, "the batch goes on");
    assert_eq!(entries.len(), files.len());
    (code, entries)
}

/// Asserts that each file is refused with exactly its message.
fn assert_refused(cases: &[(&str, Vec<u8>, String)]) {
    let files: Vec<(&str, Vec<u8>)> = cases.iter().map(|(n, b, _)| (*n, b.clone())).collect();
    let (code, entries) = check_batch(&files);
    assert_eq!(code, 2);
    for ((name, _, expected), entry) in cases.iter().zip(&entries) {
        assert_eq!(
            entry["error"].as_str(),
            Some(expected.as_str()),
            "{name}: {entry}"
        );
    }
}

#[test]
fn a_50_mb_file_is_refused_by_its_size_without_being_read_whole() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("enorme.json");
    let file = std::fs::File::create(&path).unwrap();
    file.set_len(50 * 1024 * 1024).unwrap();
    drop(file);
    let (code, entries) = json_report(ON_TIME, &[path.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert_eq!(
        entries[0]["error"],
        format!(
            "{NOT_A_DOSSIER}il fait 52\u{202f}428\u{202f}800 octets, alors qu’un dossier en fait au \
             plus 1\u{202f}048\u{202f}576 (1 Mio). Vérifiez que vous avez choisi le bon \
             fichier\u{a0}: un dossier téléchargé depuis le formulaire du site ne pèse que \
             quelques kilo-octets."
        )
    );
}

#[test]
fn malformed_files_are_not_dossiers() {
    let nested = format!("{}1{}", "{\"a\": ".repeat(10_000), "}".repeat(10_000));
    let mut latin1 = dossier_bytes(|_| {});
    let at = find(&latin1, b"Association");
    latin1.splice(at..at + 11, b"Soci\xe9t\xe9".iter().copied());
    let mut nul = dossier_bytes(|_| {});
    let at = find(&nul, b"\"version\"");
    nul.insert(at, 0);
    let bom_and_latin1 = [b"\xef\xbb\xbf".as_slice(), b"{\"name\": \"\xe9\"}"].concat();
    assert_refused(&[
        (
            "vide.json",
            Vec::new(),
            format!("{NOT_A_DOSSIER}il est vide. {DOWNLOAD}"),
        ),
        (
            "blancs.json",
            b" \n\t\r\n".to_vec(),
            format!("{NOT_A_DOSSIER}il est vide. {DOWNLOAD}"),
        ),
        (
            "imbrique.json",
            nested.into_bytes(),
            format!(
                "{NOT_A_DOSSIER}ses données sont imbriquées sur plus de 64 niveaux. {DOWNLOAD}"
            ),
        ),
        (
            "latin1.json",
            latin1.clone(),
            not_utf8(utf8_offset(&latin1)),
        ),
        ("bom-latin1.json", bom_and_latin1, not_utf8(13)),
        ("nul.json", nul.clone(), not_json(&nul, b"\0")),
        (
            "liste.json",
            b"[{\"format\": \"explor-dossier\", \"version\": 1}]".to_vec(),
            format!(
                "{NOT_A_DOSSIER}il contient une liste au lieu d’un objet JSON {{ … }}. {DOWNLOAD}"
            ),
        ),
        (
            "texte.json",
            b"\"explor-dossier\"".to_vec(),
            format!(
                "{NOT_A_DOSSIER}il contient un texte au lieu d’un objet JSON {{ … }}. {DOWNLOAD}"
            ),
        ),
    ]);
}

const DOWNLOAD: &str = "Téléchargez le dossier depuis le formulaire du site.";

fn not_utf8(offset: usize) -> String {
    format!(
        "{NOT_A_DOSSIER}son texte n’est pas encodé en UTF-8 (octet n°\u{a0}{} invalide). \
         {DOWNLOAD} S’il a été ouvert puis enregistré dans un autre logiciel, reprenez le fichier \
         téléchargé tel quel.",
        offset + 1
    )
}

/// The message for bytes that are not JSON because of the first `culprit` in them: the error is
/// placed on its first character (line and column counted in characters, from 1).
fn not_json(bytes: &[u8], culprit: &[u8]) -> String {
    let before = std::str::from_utf8(&bytes[..find(bytes, culprit)]).unwrap();
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().unwrap().chars().count() + 1;
    format!(
        "{NOT_A_DOSSIER}ce n’est pas du JSON valide (erreur ligne {line}, colonne {column}). \
         {DOWNLOAD} S’il a été modifié à la main, reprenez le fichier téléchargé."
    )
}

fn utf8_offset(bytes: &[u8]) -> usize {
    std::str::from_utf8(bytes).unwrap_err().valid_up_to()
}

fn find(haystack: &[u8], needle: &[u8]) -> usize {
    haystack
        .windows(needle.len())
        .position(|w| w == needle)
        .expect("needle in the dossier")
}

fn wrong_type(field: &str, expected: &str, found: &str) -> String {
    format!(
        "Le champ {field} doit être {expected}, pas {found}. Corrigez ce champ, ou téléchargez le \
         dossier depuis le formulaire du site."
    )
}

#[test]
fn fields_of_the_wrong_type_are_named_with_what_they_should_be() {
    let cases = [
        (
            "montant-texte.json",
            json!("650,00"),
            "budget.expenses[0].amount_cents",
            "un nombre entier de centimes",
            "un texte",
        ),
        (
            "montant-decimal.json",
            json!(650.5),
            "budget.expenses[0].amount_cents",
            "un nombre entier de centimes",
            "un nombre décimal",
        ),
        (
            "montant-immense.json",
            json!(u64::MAX),
            "budget.expenses[0].amount_cents",
            "un nombre entier de centimes",
            "un nombre entier trop grand",
        ),
    ];
    let mut refused: Vec<(&str, Vec<u8>, String)> = cases
        .into_iter()
        .map(|(name, amount, field, expected, found)| {
            let bytes = dossier_bytes(|d| d["budget"]["expenses"][0]["amount_cents"] = amount);
            (name, bytes, wrong_type(field, expected, found))
        })
        .collect();
    let others: [(&str, &str, Value, &str, &str); 5] = [
        (
            "odd-texte.json",
            "/mission/sdgs",
            json!("6"),
            "une liste [ … ]",
            "un texte",
        ),
        (
            "charte-oui.json",
            "/declarations/charter",
            json!("oui"),
            "true ou false",
            "un texte",
        ),
        (
            "demandeur-liste.json",
            "/applicant",
            json!([]),
            "un objet { … }",
            "une liste",
        ),
        (
            "reponse-texte.json",
            "/partner/need_identified",
            json!("true"),
            "true, false ou null",
            "un texte",
        ),
        (
            "nom-nombre.json",
            "/applicant/name",
            json!(42),
            "un texte entre guillemets",
            "un nombre entier",
        ),
    ];
    for (name, pointer, value, expected, found) in others {
        let bytes = dossier_bytes(|d| *d.pointer_mut(pointer).unwrap() = value);
        let field = pointer[1..].replace('/', ".");
        refused.push((name, bytes, wrong_type(&field, expected, found)));
    }
    assert_refused(&refused);
}

#[test]
fn other_formats_and_versions_are_not_dossiers() {
    let package = br#"{ "name": "explor", "version": "1.0.0", "private": true }"#.to_vec();
    let schema =
        br#"{ "$schema": "https://json-schema.org/draft/2020-12/schema", "format": "date" }"#
            .to_vec();
    let version = |v: Value| dossier_bytes(|d| d["version"] = v);
    let other_version = |shown: &str| {
        format!(
            "Ce dossier EXPLOR est au format explor-dossier version «\u{202f}{shown}\u{202f}», mais cet \
             outil lit la version 1. Téléchargez le dossier depuis le formulaire du site de l’appel \
             en cours, ou utilisez l’outil de la même version que le dossier."
        )
    };
    assert_refused(&[
        ("package.json", package, format!("{NOT_A_DOSSIER}il n’a pas de champ format valant «\u{202f}explor-dossier\u{202f}». {DOWNLOAD}")),
        ("schema.json", schema, format!("{NOT_A_DOSSIER}son champ format vaut «\u{202f}date\u{202f}» au lieu de «\u{202f}explor-dossier\u{202f}». {DOWNLOAD}")),
        ("version-2.json", version(json!(2)), other_version("2")),
        ("version-texte.json", version(json!("1")), other_version("\"1\"")),
        ("version-decimale.json", version(json!(1.0)),
         "Ce dossier EXPLOR écrit sa version 1.0\u{a0}: écrivez-la 1, en nombre entier, sans point \
          ni exposant (\"version\": 1). Corrigez ce champ, ou téléchargez le dossier depuis le \
          formulaire du site.".to_owned()),
        ("version-negative.json", version(json!(-1)), other_version("-1")),
        ("sans-version.json", dossier_bytes(|d| { d.as_object_mut().unwrap().remove("version"); }),
         "Ce dossier EXPLOR n’indique pas sa version (champ version), mais cet outil lit la version 1. \
          Téléchargez le dossier depuis le formulaire du site de l’appel en cours, ou utilisez \
          l’outil de la même version que le dossier.".to_owned()),
    ]);
}

#[test]
fn what_editors_do_to_a_file_is_accepted() {
    let plain = dossier_bytes(|_| {});
    let text = String::from_utf8(plain.clone()).unwrap();
    let files = [
        // Windows Notepad saves UTF-8 with a byte order mark, and with CRLF line ends.
        ("bom.json", [b"\xef\xbb\xbf".as_slice(), &plain].concat()),
        ("crlf.json", text.replace('\n', "\r\n").into_bytes()),
        (
            "compact.json",
            serde_json::to_vec(&complete_dossier()).unwrap(),
        ),
        (
            "echappe.json",
            text.replace("Présidente", "Pr\\u00e9sidente").into_bytes(),
        ),
    ];
    let (code, entries) = check_batch(&files);
    assert_eq!(code, 0, "{entries:?}");
    for entry in &entries {
        assert_eq!(entry["report"]["complete"], true, "{entry}");
    }
}

#[test]
fn a_dossier_of_another_edition_is_judged_and_refused_by_a_rule() {
    let other = dossier_bytes(|d| d["edition"] = json!("explor-2024-hauts-de-france"));
    let (code, entries) = check_batch(&[("2024.json", other)]);
    assert_eq!(code, 1);
    assert_eq!(rules(&entries[0]), ["dossier.edition"]);
}

#[test]
fn numbers_and_escapes_json_cannot_hold_are_refused() {
    let text = String::from_utf8(dossier_bytes(|_| {})).unwrap();
    let huge = text.replace("65000", "1e400").into_bytes();
    let surrogate = text
        .replace("Lille–Dakar", "Lille\\ud800Dakar")
        .into_bytes();
    let control = text.replace("Visa", "Vi\u{1}sa").into_bytes();
    assert_refused(&[
        // Valid JSON, but no amount of cents: refused by its type, no float ever read.
        ("1e400.json", huge, "Le champ budget.expenses[0].amount_cents doit être un nombre entier \
            de centimes, pas un nombre écrit avec un exposant. Corrigez ce champ, ou téléchargez le \
            dossier depuis le formulaire du site.".to_owned()),
        ("surrogate.json", surrogate.clone(), not_json(&surrogate, b"\\ud800")),
        ("controle.json", control.clone(), not_json(&control, b"\x01")),
    ]);
}

#[test]
fn large_but_well_formed_dossiers_are_judged_in_full() {
    let mut many = complete_dossier();
    let line = json!({ "category": "travel", "label": "x", "amount_cents": 1 });
    many["budget"]["expenses"] = Value::Array(vec![line; 15_000]);
    let many = serde_json::to_vec(&many).unwrap();
    assert!(many.len() < 1 << 20, "{} bytes", many.len());
    let long = dossier_bytes(|d| d["mission"]["need"] = json!("é".repeat(400_000)));
    let nul = dossier_bytes(|d| d["applicant"]["name"] = json!("Asso\u{0}ciation"));
    let (code, entries) = check_batch(&[
        ("lignes.json", many),
        ("long.json", long),
        ("nul.json", nul),
    ]);
    assert_eq!(code, 1);
    assert_eq!(
        entries[0]["report"]["figures"]["total_expenses_cents"],
        15_000
    );
    assert!(rules(&entries[0]).contains(&"budget.unbalanced".to_owned()));
    assert_eq!(rules(&entries[1]), ["text.too_long"]);
    assert_eq!(entries[1]["report"]["findings"][0]["field"], "mission.need");
    assert_eq!(
        entries[2]["report"]["complete"], true,
        "a NUL written as \\u0000 is text"
    );
}

#[test]
fn markup_in_field_names_and_values_stays_text_in_the_html_report() {
    let dir = tempfile::tempdir().unwrap();
    let mut dossier = complete_dossier();
    dossier["applicant"]["<img src=x onerror=alert(1)>"] = json!("<script>alert(2)</script>");
    dossier["applicant"]["city"] = json!("</td></tr></table><iframe src=//example.com>");
    let file = write_json(dir.path(), "<b>balise<-b>.json", &dossier);
    let output = check(&["--today", ON_TIME, "--format", "html", &file]);
    assert_eq!(code(&output), 0);
    let html = stdout(&output);
    for raw in ["<img", "<script", "<iframe", "<b>", "</table><iframe"] {
        assert!(!html.contains(raw), "{raw} in the report");
    }
    assert!(
        html.contains("&lt;img src=x onerror=alert(1)&gt;"),
        "the unknown field is shown"
    );
}

#[test]
fn a_field_named_twice_is_not_a_dossier() {
    // Hand edited: the amount was written again below instead of corrected in place.
    let text = String::from_utf8(dossier_bytes(|_| {})).unwrap();
    let twice = text.replacen(
        "\"amount_cents\": 65000",
        "\"amount_cents\": 65000,\n          \"amount_cents\": 6500",
        1,
    );
    let line = twice
        .lines()
        .position(|l| l.trim().starts_with("\"amount_cents\": 6500,"))
        .unwrap()
        + 1;
    let header = br#"{"format": "autre", "version": 1, "format": "explor-dossier"}"#.to_vec();
    assert_refused(&[
        ("montant-double.json", twice.into_bytes(), format!(
            "{NOT_A_DOSSIER}le champ budget.expenses[0].amount_cents y figure deux fois (la seconde \
             à la ligne {line}, colonne 11), et rien ne dit laquelle des deux valeurs est la bonne. \
             Gardez-en une seule, ou téléchargez le dossier depuis le formulaire du site."
        )),
        ("format-double.json", header, format!(
            "{NOT_A_DOSSIER}le champ format y figure deux fois (la seconde à la ligne 1, colonne 35), \
             et rien ne dit laquelle des deux valeurs est la bonne. Gardez-en une seule, ou \
             téléchargez le dossier depuis le formulaire du site."
        )),
    ]);
}
