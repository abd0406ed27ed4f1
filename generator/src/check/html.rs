//! The report as one standalone, accessible French web page: the committee's summary table, then the
//! details of each file. No external resource (a strict CSP says so), every dossier text escaped.

use std::fmt::Write;

use wasm_validator::{Dossier, Report, Severity};

use super::french::{self, NBSP, NONE};
use super::{summary, Batch, Checked, Outcome};

const STYLE: &str = "\
body{font-family:system-ui,sans-serif;line-height:1.5;margin:1.5rem;color:#1a1a1a;background:#fff}\
.scroll{overflow-x:auto}table{border-collapse:collapse;margin:1rem 0;font-size:.9rem}caption{text-align:left;font-weight:bold;padding:.5rem 0}\
th,td{border:1px solid #767676;padding:.3rem .5rem;vertical-align:top;text-align:left}\
thead th{background:#eee}th.n{text-align:right}td.n{text-align:right;white-space:nowrap}td.d{white-space:nowrap}\
tbody th{font-weight:normal;overflow-wrap:break-word}\
section{border-top:2px solid #767676;margin-top:1.5rem}dl{display:grid;grid-template-columns:max-content auto;gap:.2rem 1rem}\
dt{font-weight:bold}dd{margin:0}a{color:#0b4f9c}\
@media print{section{break-inside:avoid}a{color:inherit}}";

pub fn render(batch: &Batch) -> String {
    let title = format!("Vérification des dossiers – {}", batch.edition.title);
    let mut out = String::new();
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"fr\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{t}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<main>\n<h1>{t}</h1>\n\
         <p>Date de réception retenue{NBSP}: {d}. Bilan{NBSP}: {s}</p>\n",
        t = escape(&title),
        d = escape(&french::long_date(batch.today)),
        s = escape(&summary::tally(batch.checked).sentence()),
    );
    summary_table(&mut out, batch);
    out.push_str("<h2>Détail par fichier</h2>\n");
    for (index, checked) in batch.checked.iter().enumerate() {
        details(&mut out, index, checked);
    }
    out.push_str("</main>\n</body>\n</html>\n");
    out
}

/// Cell classes: numbers are right-aligned (`n`), dates are kept on one line (`d`).
const TEXT: &str = "";
const NUMBER: &str = " class=\"n\"";
const DATE: &str = " class=\"d\"";

const COLUMNS: [(&str, &str); 15] = [
    ("Fichier", TEXT),
    ("Association", TEXT),
    ("Ville", TEXT),
    ("Pays du partenaire", TEXT),
    ("Type de mission", TEXT),
    ("Début", TEXT),
    ("Fin", TEXT),
    ("Durée (jours)", NUMBER),
    ("Total des dépenses", NUMBER),
    ("Contribution demandée", NUMBER),
    ("Contribution maximale", NUMBER),
    ("Éligible", TEXT),
    ("Complet", TEXT),
    ("Erreurs", NUMBER),
    ("Avertissements", NUMBER),
];

fn summary_table(out: &mut String, batch: &Batch) {
    // A region that scrolls sideways on a narrow screen; focusable so that keyboard users can scroll.
    out.push_str(
        "<div class=\"scroll\" role=\"region\" aria-labelledby=\"synthese\" tabindex=\"0\">\n<table>\n\
         <caption id=\"synthese\">Synthèse pour le comité de sélection (dossiers complets d’abord)\
         </caption>\n<thead>\n<tr>",
    );
    for (label, class) in COLUMNS {
        let _ = write!(out, "<th scope=\"col\"{class}>{}</th>", escape(label));
    }
    out.push_str("</tr>\n</thead>\n<tbody>\n");
    for (index, checked) in summary::committee_order(batch.checked) {
        summary_row(out, batch, index, checked);
    }
    let (expenses, requested) = summary::totals(batch.checked);
    let sum = |cents: i128| {
        i64::try_from(cents).map_or_else(|_| NONE.to_owned(), wasm_validator::fr::euros)
    };
    let _ = write!(
        out,
        "</tbody>\n<tfoot>\n<tr><th scope=\"row\" colspan=\"8\">Total</th><td class=\"n\">{}</td>\
         <td class=\"n\">{}</td><td colspan=\"5\"></td></tr>\n</tfoot>\n</table>\n</div>\n",
        escape(&sum(expenses)),
        escape(&sum(requested)),
    );
}

fn summary_row(out: &mut String, batch: &Batch, index: usize, checked: &Checked) {
    // The table shows the file's own name, the details below its whole path.
    let name = std::path::Path::new(&checked.file).file_name().map_or_else(
        || checked.file.clone(),
        |n| n.to_string_lossy().into_owned(),
    );
    let _ = write!(
        out,
        "<tr><th scope=\"row\"><a href=\"#fichier-{}\">{}</a></th>",
        index + 1,
        escape(&name)
    );
    let (report, dossier) = match &checked.outcome {
        Outcome::Judged { report, dossier } => (report, dossier),
        Outcome::Unreadable(_) => {
            out.push_str("<td colspan=\"14\">Fichier illisible (voir le détail)</td></tr>\n");
            return;
        }
    };
    for (value, class) in summary_cells(batch, checked, report, dossier) {
        let _ = write!(out, "<td{class}>{}</td>", escape(&value));
    }
    out.push_str("</tr>\n");
}

/// The cells of a judged file's row after the file name, each with its class.
fn summary_cells(
    batch: &Batch,
    checked: &Checked,
    report: &Report,
    dossier: &Dossier,
) -> [(String, &'static str); 14] {
    let figures = &report.figures;
    let country = summary::country_name(batch.edition, dossier.partner.country.trim());
    let kind = summary::kind_label(batch.edition, dossier.mission.kind.trim());
    let duration = figures
        .duration_days
        .map_or_else(|| NONE.to_owned(), |d| d.to_string());
    [
        (or_none(&dossier.applicant.name), TEXT),
        (or_none(&dossier.applicant.address.city), TEXT),
        (or_none(&country), TEXT),
        (or_none(&kind), TEXT),
        (or_none(&dossier.mission.start_date), DATE),
        (or_none(&dossier.mission.end_date), DATE),
        (duration, NUMBER),
        (french::euros_or_none(figures.total_expenses_cents), NUMBER),
        (french::euros_or_none(figures.requested_cents), NUMBER),
        (
            french::euros_or_none(figures.max_contribution_cents),
            NUMBER,
        ),
        (french::yes_no(report.eligible).to_owned(), TEXT),
        (french::yes_no(report.complete).to_owned(), TEXT),
        (
            summary::findings_count(checked, Severity::Error).to_string(),
            NUMBER,
        ),
        (
            summary::findings_count(checked, Severity::Warning).to_string(),
            NUMBER,
        ),
    ]
}

fn details(out: &mut String, index: usize, checked: &Checked) {
    let id = format!("fichier-{}", index + 1);
    let _ = write!(
        out,
        "<section aria-labelledby=\"{id}\">\n<h3 id=\"{id}\">{}</h3>\n",
        escape(&checked.file)
    );
    match &checked.outcome {
        Outcome::Unreadable(error) => {
            let _ = writeln!(
                out,
                "<p><strong>Illisible{NBSP}:</strong> {}</p>",
                escape(error)
            );
        }
        Outcome::Judged { report, dossier } => judged_details(out, report, dossier),
    }
    out.push_str("</section>\n");
}

fn judged_details(out: &mut String, report: &Report, dossier: &Dossier) {
    let figures = &report.figures;
    let rows = [
        ("Association", or_none(&dossier.applicant.name)),
        ("Éligible", french::yes_no(report.eligible).to_owned()),
        ("Complet", french::yes_no(report.complete).to_owned()),
        ("Durée", french::days(figures.duration_days)),
        (
            "Total des dépenses",
            french::euros_or_none(figures.total_expenses_cents),
        ),
        (
            "Total des ressources",
            french::euros_or_none(figures.total_resources_cents),
        ),
        (
            "Contribution demandée",
            french::euros_or_none(figures.requested_cents),
        ),
        (
            "Contribution maximale",
            french::euros_or_none(figures.max_contribution_cents),
        ),
    ];
    out.push_str("<dl>\n");
    for (label, value) in rows {
        let _ = writeln!(out, "<dt>{}</dt><dd>{}</dd>", escape(label), escape(&value));
    }
    out.push_str("</dl>\n");
    if report.findings.is_empty() {
        out.push_str("<p>Aucune remarque.</p>\n");
    }
    for severity in [Severity::Error, Severity::Warning, Severity::Info] {
        let group: Vec<_> = report
            .findings
            .iter()
            .filter(|f| f.severity == severity)
            .collect();
        if group.is_empty() {
            continue;
        }
        let _ = write!(
            out,
            "<h4>{} ({})</h4>\n<ul>\n",
            french::severity_heading(severity),
            group.len()
        );
        for finding in group {
            let field = if finding.field.is_empty() {
                String::new()
            } else {
                format!("<code>{}</code>{NBSP}: ", escape(&finding.field))
            };
            let _ = writeln!(out, "<li>{field}{}</li>", escape(&finding.message));
        }
        out.push_str("</ul>\n");
    }
}

fn or_none(text: &str) -> String {
    let text = text.trim();
    if text.is_empty() {
        NONE.to_owned()
    } else {
        text.to_owned()
    }
}

/// Escapes text for an HTML element or a quoted attribute.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn markup_in_text_is_escaped() {
        assert_eq!(
            super::escape("<script>alert('x')</script> & \"co\""),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;co&quot;"
        );
    }
}
