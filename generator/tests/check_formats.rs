//! `explor check` end to end: the committee's CSV table read back as a spreadsheet would, the HTML page,
//! and writing the report to a file.

mod check_support;

use check_support::*;

const HEADERS: [&str; 17] = [
    "Fichier",
    "Association",
    "Ville",
    "Pays du partenaire",
    "Type de mission",
    "Début",
    "Fin",
    "Durée (jours)",
    "Total des dépenses (€)",
    "Contribution demandée (€)",
    "Contribution maximale (€)",
    "Éligible",
    "Complet",
    "Envoyé à temps",
    "Erreurs",
    "Avertissements",
    "Lecture",
];

/// Reads the CSV bytes as LibreOffice would with `;`, after checking the byte order mark; returns the
/// headers and the rows.
fn read_csv(bytes: &[u8]) -> (Vec<String>, Vec<Vec<String>>) {
    let body = bytes
        .strip_prefix(b"\xEF\xBB\xBF")
        .expect("UTF-8 byte order mark");
    let mut reader = csv::ReaderBuilder::new().delimiter(b';').from_reader(body);
    let headers = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_owned)
        .collect();
    let rows = reader
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect();
    (headers, rows)
}

#[test]
fn the_csv_table_opens_in_a_french_spreadsheet() {
    let output = check(&["--today", ON_TIME, "--format", "csv", FIXTURES]);
    assert_eq!(code(&output), 2, "a directory with unreadable files");
    let (headers, rows) = read_csv(&output.stdout);
    assert_eq!(headers, HEADERS);
    let text = stdout(&output);
    assert!(text.ends_with("\r\n"));
    assert_eq!(
        text.matches('\n').count(),
        7 + 2,
        "a header, 7 files, a total"
    );
    assert_eq!(text.matches("\r\n").count(), 7 + 2, "CRLF line ends only");
    assert_eq!(rows.len(), 7 + 1, "one row per file, then the total");
    let complete = &rows[0];
    assert_eq!(
        complete,
        &[
            "complete.json",
            "Association Eau Vive Lille",
            "Lille",
            "Sénégal",
            "Diagnostic ou identification d’un projet futur",
            "2025-10-06",
            "2025-10-17",
            "12",
            "2000,00",
            "1000,00",
            "1000,00",
            "oui",
            "oui",
            "oui",
            "0",
            "0",
            "OK",
        ]
    );
}

#[test]
fn csv_rows_put_complete_dossiers_first_then_by_association() {
    let output = check(&["--today", ON_TIME, "--format", "csv", FIXTURES]);
    let (_, rows) = read_csv(&output.stdout);
    let order: Vec<(&str, &str, &str, &str)> = rows
        .iter()
        .map(|r| (r[0].as_str(), r[1].as_str(), r[11].as_str(), r[12].as_str()))
        .collect();
    // The file's own name, without folders (DOSSIER.md §3), as the browser writes it.
    let f = "";
    assert_eq!(
        order,
        [
            (
                &*format!("{f}complete.json"),
                "Association Eau Vive Lille",
                "oui",
                "oui"
            ),
            (
                &*format!("{f}unknown-field.json"),
                "Échanges Artois Togo",
                "oui",
                "oui"
            ),
            (
                &*format!("{f}budget-errors.json"),
                "Comité de jumelage d’Amiens",
                "oui",
                "non"
            ),
            (
                &*format!("{f}other-edition.json"),
                "Solidarité Oise Bénin",
                "oui",
                "non"
            ),
            (
                &*format!("{f}ineligible.json"),
                "Amitié Valparaíso Paris",
                "non",
                "non"
            ),
            (&*format!("{f}not-json.json"), "", "", ""),
            (&*format!("{f}other-version.json"), "", "", ""),
            ("Total", "", "", ""),
        ]
    );
    // Counts of findings, and why an unreadable file could not be read.
    assert_eq!(rows[1][15], "2", "two unknown fields");
    assert_eq!(rows[2][14], "2", "two budget errors");
    assert!(
        rows[5][16].starts_with("Ce fichier n’est pas un dossier EXPLOR"),
        "{:?}",
        rows[5]
    );
    assert_eq!(rows[5][8], "", "no amount for an unreadable file");
}

#[test]
fn the_csv_total_sums_expenses_and_requests() {
    let output = check(&["--today", ON_TIME, "--format", "csv", FIXTURES]);
    let (_, rows) = read_csv(&output.stdout);
    let total = rows.last().unwrap();
    // 2000 + 2000 + 1500 + 2000 + 2000 € of expenses; 4 × 1000 + 1200 € requested.
    assert_eq!(total[0], "Total");
    assert_eq!(total[8], "9500,00");
    assert_eq!(total[9], "5200,00");
    // In cents, as every amount (`2000,00` is 200000): no floating point, even in a test.
    let cents = |cell: &str| {
        let digits: String = cell
            .chars()
            .filter(|c| c.is_ascii_digit() || *c == '-')
            .collect();
        digits.parse::<i64>().unwrap_or(0)
    };
    let sum: i64 = rows[..rows.len() - 1].iter().map(|r| cents(&r[8])).sum();
    assert_eq!(sum, 950_000, "the total is the sum of the rows");
}

#[test]
fn the_csv_table_neutralises_formulas_in_dossiers() {
    let dir = tempfile::tempdir().unwrap();
    let mut dossier = complete_dossier();
    dossier["applicant"]["name"] = "=HYPERLINK(\"http://example.com\";\"clic\")".into();
    dossier["applicant"]["address"]["city"] = "Lille; Roubaix\n\"Nord\"".into();
    let file = write_json(dir.path(), "formula.json", &dossier);
    let (_, rows) = read_csv(&check(&["--today", ON_TIME, "--format", "csv", &file]).stdout);
    assert_eq!(rows[0][1], "'=HYPERLINK(\"http://example.com\";\"clic\")");
    assert_eq!(
        rows[0][2], "Lille; Roubaix\n\"Nord\"",
        "separators and quotes survive quoting"
    );
}

#[test]
fn the_html_page_is_standalone_french_and_escaped() {
    let dir = tempfile::tempdir().unwrap();
    let mut dossier = complete_dossier();
    dossier["applicant"]["name"] = "<script>alert('x')</script> & Cie".into();
    let file = write_json(dir.path(), "<i>hostile.json", &dossier);
    let output = check(&[
        "--today",
        ON_TIME,
        "--format",
        "html",
        &file,
        &fixture("not-json.json"),
    ]);
    assert_eq!(code(&output), 2);
    let html = stdout(&output);
    assert!(
        html.starts_with("<!DOCTYPE html>\n<html lang=\"fr\">"),
        "{html}"
    );
    assert!(
        html.contains("<title>Vérification des dossiers – EXPLOR 2025 – Hauts-de-France</title>")
    );
    assert!(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; Cie"));
    assert!(html.contains("&lt;i&gt;hostile.json"));
    assert!(
        !html.contains("<script") && !html.contains("<i>"),
        "no markup from a dossier"
    );
    for external in ["<link", "src=", "url(", "@import", "http://", "https://"] {
        assert!(!html.contains(external), "external resource: {external}");
    }
    assert!(html.contains("<caption id=\"synthese\">Synthèse pour le comité de sélection"));
    assert!(html.contains("role=\"region\" aria-labelledby=\"synthese\" tabindex=\"0\""));
    assert!(html.contains("<th scope=\"col\">Association</th>"));
    assert!(html.contains("Illisible\u{a0}:</strong> Ce fichier n’est pas un dossier EXPLOR"));
    assert!(html.contains("<td class=\"n\">1\u{202f}000,00\u{a0}€</td>"));
    assert_eq!(
        html.matches("<section").count(),
        2,
        "one detail section per file"
    );
    assert!(html.trim_end().ends_with("</html>"));
}

#[test]
fn every_format_of_the_same_files_has_the_same_exit_status() {
    for format in ["text", "json", "csv", "html"] {
        let ok = check(&[
            "--today",
            ON_TIME,
            "--format",
            format,
            &fixture("complete.json"),
        ]);
        assert_eq!(code(&ok), 0, "{format}");
        let late = check(&[
            "--today",
            "2025-06-16",
            "--format",
            format,
            &fixture("complete.json"),
        ]);
        assert_eq!(code(&late), 1, "{format}");
        let bad = check(&[
            "--today",
            ON_TIME,
            "--format",
            format,
            &fixture("other-version.json"),
        ]);
        assert_eq!(code(&bad), 2, "{format}");
    }
}

#[test]
fn output_writes_the_report_to_a_file_instead_of_stdout() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("selection.csv");
    std::fs::write(&target, "ancien rapport").unwrap();
    let args = ["--today", ON_TIME, "--format", "csv", FIXTURES];
    let output = check(&[&args[..], &["--output", target.to_str().unwrap()]].concat());
    assert_eq!(
        code(&output),
        2,
        "the exit status does not depend on where the report goes"
    );
    assert_eq!(output.stdout, b"");
    assert_eq!(std::fs::read(&target).unwrap(), check(&args).stdout);
    let leftovers = std::fs::read_dir(dir.path()).unwrap().count();
    assert_eq!(leftovers, 1, "no temporary file left behind");
}

#[test]
fn output_into_a_missing_directory_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("absent").join("rapport.txt");
    let output = check(&[
        "--today",
        ON_TIME,
        "--output",
        target.to_str().unwrap(),
        FIXTURES,
    ]);
    assert_eq!(code(&output), 2);
    let message = stderr(&output);
    assert!(
        message.starts_with(&format!(
            "explor check\u{a0}: impossible d’écrire le rapport dans «\u{a0}{}\u{a0}» (",
            target.display()
        )),
        "{message}"
    );
    assert!(message
        .trim_end()
        .ends_with("vérifiez que le répertoire existe et que vous pouvez y écrire."));
}

/// The CSV is written by the core (`committee::csv`, shared with the staff page) byte for byte as
/// `explor check` wrote it with the `csv` crate: BOM, `;`, CRLF, quoting, decimal commas, formulas
/// made inert, the Total line. The expected files were written by that earlier `explor check` on
/// the fixtures and a hostile dossier (formulas, quotes, `;`, line breaks, escape and bidi controls).
#[test]
fn the_csv_is_byte_identical_to_the_reference_tables() {
    for day in [ON_TIME, "2025-06-16"] {
        let output = check(&[
            "--today",
            day,
            "--format",
            "csv",
            FIXTURES,
            "tests/fixtures/check/hostile.json",
        ]);
        let expected =
            std::fs::read(repo_root().join(format!("tests/fixtures/check/committee-{day}.csv")))
                .unwrap();
        assert_eq!(
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&expected),
            "{day}"
        );
        assert_eq!(output.stdout, expected, "{day}");
    }
}
