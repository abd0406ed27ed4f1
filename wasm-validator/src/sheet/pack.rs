//! The staff's report on a batch: the committee's table (compact enough for a 1,280 px screen and
//! an A4 page: the city and the reading are in the sheets) and the pack of sheets in the table's
//! order, one dossier per printed sheet with its name at the top of each page (a repeated table
//! header) and the page number in the margin (`@page`). The same fragments make `explor check
//! --format html` and the staff page.

use super::{cell_attrs, cell_html, page, sheet};
use crate::committee::{self, Batch, Cell, Checked, Column, Kind, Outcome, Row, Standing, COLUMNS};
use crate::html::Html;
use crate::{fr, Edition};

/// The report's style, on screen and in print (A4, black and white, nothing cut at the right edge).
/// The staff page includes it as is.
pub const STYLE: &str = "\
body{font-family:system-ui,sans-serif;line-height:1.5;margin:1.5rem;color:#1a1a1a;background:#fff}\
.scroll{overflow-x:auto}table{border-collapse:collapse;margin:1rem 0;font-size:.9rem}\
caption{text-align:left;font-weight:bold;padding:.5rem 0}\
th,td{border:1px solid #767676;padding:.3rem .5rem;vertical-align:top;text-align:left;overflow-wrap:break-word}\
thead th{background:#eee;overflow-wrap:normal}th.n{text-align:right}td.n{text-align:right;white-space:nowrap}\
td.d{white-space:nowrap}tbody th{font-weight:normal;overflow-wrap:anywhere}.note{display:block;font-size:.85em}\
table.synthese{width:100%;font-size:.8rem}.synthese th,.synthese td{padding:.25rem .3rem}\
.dossier{border-top:2px solid #767676;margin-top:2rem}.illisibles{border-top:2px solid #767676;margin-top:2rem}\
table.feuille{width:100%;margin:0;font-size:1rem}.feuille>*>tr>td{border:0;padding:0}.feuille>thead{display:none}\
dl{display:grid;grid-template-columns:minmax(8rem,max-content) minmax(0,1fr);gap:.2rem 1rem}\
dt{font-weight:bold}dd{margin:0;overflow-wrap:anywhere}dd p{margin:0 0 .3rem}a{color:#0b4f9c}\
.actions a{display:inline-block;min-height:44px;box-sizing:border-box;padding:.6rem 1rem;border:1px solid currentColor;border-radius:4px}\
@page{size:A4;margin:14mm 12mm 16mm;@bottom-right{content:\"Page \" counter(page) \" sur \" counter(pages);font:9pt system-ui,sans-serif}}\
@page synthese{size:A4 landscape}\
@media print{body{margin:0;font-size:10pt;color:#000}a{color:inherit;text-decoration:none}.scroll{overflow:visible}\
main>h1,main>p:first-of-type,.scroll{page:synthese}\
thead th{background:none}.synthese tfoot{display:table-row-group}table.synthese{font-size:8pt}.synthese th,.synthese td{padding:.15rem .25rem}\
.dossier,.illisibles{break-before:page;border:0;margin:0}.feuille>thead{display:table-header-group}\
.entete{border-bottom:1px solid #000;font-size:8.5pt;padding-bottom:1mm;margin-bottom:3mm}\
.actions{display:none}li,tr,dt,dd{break-inside:avoid}h2,h3,h4{break-after:avoid}}";

/// The staff's report on `batch` as one standalone page: the tally, the table, then the sheets.
pub fn report_page(batch: &Batch) -> String {
    let title = format!("Vérification des dossiers – {}", batch.edition.title);
    page(&title, |h| {
        h.el("p", &[], |h| {
            h.text(&format!(
                "Date de réception retenue{}: {}. Bilan{}: {}",
                fr::NBSP,
                fr::date(batch.today),
                fr::NBSP,
                committee::tally(batch.checked)
            ));
        });
        h.fixed("\n");
        table_into(h, batch);
        pack_into(h, batch);
    })
}

/// The committee's table alone (a fragment), each file's name linking to its sheet (`#fichier-N`).
pub fn table(batch: &Batch) -> String {
    let mut h = Html::new();
    table_into(&mut h, batch);
    h.finish()
}

/// Every sheet, in the table's order (a fragment): one section per dossier, then the files that
/// could not be read, together.
pub fn pack(batch: &Batch) -> String {
    let mut h = Html::new();
    pack_into(&mut h, batch);
    h.finish()
}

/// The sheet of the `index`-th file given (a fragment), for « Imprimer ce dossier ».
pub fn sheet_of(edition: &Edition, index: usize, checked: &Checked) -> String {
    let mut h = Html::new();
    match &checked.outcome {
        Outcome::Unreadable(_) => unreadable_section(&mut h, &[(index, checked)]),
        _ => dossier_section(&mut h, edition, index, checked),
    }
    h.finish()
}

/// The columns the table shows, and the heading of each: the city is in the sheet, the reading in
/// the file's cell, and the two dates share one column (the staff page shows the same ones).
pub(crate) fn shown() -> Vec<(usize, &'static Column, &'static str)> {
    COLUMNS
        .iter()
        .enumerate()
        .filter(|(_, c)| !matches!(c.id, "city" | "end_date") && c.kind != Kind::Reading)
        .map(|(i, c)| {
            (
                i,
                c,
                if c.id == "start_date" {
                    "Dates"
                } else {
                    c.label
                },
            )
        })
        .collect()
}

fn table_into(h: &mut Html, batch: &Batch) {
    // A region that scrolls sideways on a narrow screen; focusable so that keyboard users can scroll.
    let region = [
        ("class", "scroll"),
        ("role", "region"),
        ("aria-labelledby", "synthese"),
        ("tabindex", "0"),
    ];
    let columns = shown();
    h.el("div", &region, |h| {
        h.fixed("\n");
        h.el("table", &[("class", "synthese")], |h| {
            h.fixed("\n");
            h.leaf(
                "caption",
                &[("id", "synthese")],
                "Synthèse pour le comité de sélection (dossiers complets d’abord)",
            );
            h.fixed("\n");
            h.el("thead", &[], |h| {
                h.el("tr", &[], |h| {
                    for (_, column, label) in &columns {
                        h.leaf("th", &cell_attrs(column.kind, &[("scope", "col")]), label);
                    }
                });
            });
            h.fixed("\n");
            h.el("tbody", &[], |h| {
                h.fixed("\n");
                for row in committee::rows(batch) {
                    table_row(h, &row, &columns);
                }
            });
            h.fixed("\n");
            total_row(h, batch, &columns);
        });
        h.fixed("\n");
    });
    h.fixed("\n");
}

fn table_row(h: &mut Html, row: &Row, columns: &[(usize, &Column, &str)]) {
    let target = format!("#fichier-{}", row.index + 1);
    h.el("tr", &[], |h| {
        h.el("th", &[("scope", "row")], |h| {
            h.el("a", &[("href", &target)], |h| {
                if let Cell::Text(name) = &row.cells[committee::FILE] {
                    h.user(name);
                }
            });
            if row.standing == Standing::Duplicate {
                h.leaf("span", &[("class", "note")], "doublon, non compté");
            }
        });
        if row.standing == Standing::Unreadable {
            let span = (columns.len() - 1).to_string();
            h.leaf(
                "td",
                &[("colspan", &span)],
                "Fichier illisible (voir le détail)",
            );
        } else {
            for &(i, column, _) in &columns[1..] {
                h.el("td", &cell_attrs(column.kind, &[]), |h| {
                    cell_html(h, &row.cells[i]);
                    if column.id == "start_date" {
                        h.fixed("<br>");
                        cell_html(h, &row.cells[i + 1]);
                    }
                });
            }
        }
    });
    h.fixed("\n");
}

fn total_row(h: &mut Html, batch: &Batch, columns: &[(usize, &Column, &str)]) {
    let (expenses, requested) = committee::totals(batch.checked);
    let sum =
        |cents: i128| i64::try_from(cents).map_or_else(|_| committee::NONE.to_owned(), fr::euros);
    let at = |index: usize| {
        columns
            .iter()
            .position(|(i, _, _)| *i == index)
            .unwrap_or(0)
    };
    let (first, second) = (at(committee::TOTAL_EXPENSES), at(committee::REQUESTED));
    let before = first.to_string();
    let after = (columns.len() - second - 1).to_string();
    h.el("tfoot", &[], |h| {
        h.el("tr", &[], |h| {
            h.leaf("th", &[("scope", "row"), ("colspan", &before)], "Total");
            h.leaf("td", &[("class", "n")], &sum(expenses));
            h.leaf("td", &[("class", "n")], &sum(requested));
            h.leaf("td", &[("colspan", &after)], "");
        });
    });
    h.fixed("\n");
}

fn pack_into(h: &mut Html, batch: &Batch) {
    let mut unreadable = Vec::new();
    for row in committee::rows(batch) {
        let checked = &batch.checked[row.index];
        match row.standing {
            Standing::Unreadable => unreadable.push((row.index, checked)),
            _ => dossier_section(h, batch.edition, row.index, checked),
        }
    }
    if !unreadable.is_empty() {
        unreadable_section(h, &unreadable);
    }
}

/// The name a sheet goes by: the association's, or the file's when it has none.
fn sheet_name(checked: &Checked) -> &str {
    let name = checked
        .outcome
        .judged()
        .map_or("", |j| j.dossier.applicant.name.trim());
    if name.is_empty() {
        committee::file_name(&checked.file)
    } else {
        name
    }
}

/// One dossier's sheet: inside a one-cell table whose header, hidden on screen, repeats the
/// dossier's name at the top of each printed page.
fn dossier_section(h: &mut Html, edition: &Edition, index: usize, checked: &Checked) {
    let Some(judged) = checked.outcome.judged() else {
        return;
    };
    let id = format!("fichier-{}", index + 1);
    let heading = format!("{id}-titre");
    let name = sheet_name(checked);
    let file = committee::file_name(&checked.file);
    let attrs = [
        ("class", "dossier"),
        ("id", &id),
        ("aria-labelledby", &heading),
    ];
    h.el("section", &attrs, |h| {
        h.fixed("\n");
        h.el(
            "table",
            &[("class", "feuille"), ("role", "presentation")],
            |h| {
                running_header(h, &heading, name, file, &edition.title);
                h.fixed("\n");
                h.el("tbody", &[], |h| {
                    h.el("tr", &[], |h| {
                        h.el("td", &[], |h| {
                            h.fixed("\n");
                            h.el("h2", &[("id", &heading)], |h| {
                                h.user(name);
                            });
                            h.fixed("\n");
                            sheet_intro(h, checked, file);
                            write_to(h, edition, checked);
                            sheet(h, edition, judged, "h3");
                        });
                    });
                });
            },
        );
        h.fixed("\n");
    });
    h.fixed("\n");
}

/// The header repeated atop each printed page of a sheet (hidden on screen). The name is a link to
/// the sheet's heading: each page of a PDF then carries the dossier's anchor, which the print test
/// reads back.
fn running_header(h: &mut Html, heading: &str, name: &str, file: &str, edition: &str) {
    h.el("thead", &[], |h| {
        h.el("tr", &[], |h| {
            h.el("td", &[], |h| {
                h.el("div", &[("class", "entete")], |h| {
                    h.el("a", &[("href", &format!("#{heading}"))], |h| {
                        h.user(name);
                    });
                    h.text(" – ").user(file);
                    h.text(&format!(" – {edition}"));
                });
            });
        });
    });
}

/// The file, the day it was sent, the dossier's reference, and why a duplicate is not counted.
fn sheet_intro(h: &mut Html, checked: &Checked, file: &str) {
    h.el("p", &[], |h| {
        h.text(&format!("Fichier{}: ", fr::NBSP)).user(file);
        h.text(&format!(". Envoyé le {}", fr::date(checked.sent)));
        if let Some(judged) = checked.outcome.judged() {
            let reference = judged.dossier.reference.trim();
            if !reference.is_empty() {
                h.text(&format!(". Référence{}: ", fr::NBSP))
                    .user(reference);
            }
        }
        h.text(".");
    });
    h.fixed("\n");
    if let Outcome::Duplicate { reason, .. } = &checked.outcome {
        h.el("p", &[], |h| {
            h.leaf("strong", &[], reason);
        });
        h.fixed("\n");
    }
}

/// « Écrire à l’association » (on screen only), and what the message leaves out when the link
/// would be too long for mail programs.
fn write_to(h: &mut Html, edition: &Edition, checked: &Checked) {
    let Some(link) = committee::mailto(edition, checked) else {
        return;
    };
    h.el("p", &[("class", "actions")], |h| {
        h.leaf("a", &[("href", &link.href)], "Écrire à l’association");
        if link.left_out > 0 {
            h.text(&format!(
                " Le message ne reprend que {} sur {}{}: les logiciels de messagerie coupent \
                 les liens trop longs. Complétez-le si besoin avec la fiche.",
                fr::count(link.listed, "point", "points"),
                link.listed + link.left_out,
                fr::NBSP
            ));
        }
    });
    h.fixed("\n");
}

/// The files that are not dossiers, together, each with its reason.
fn unreadable_section(h: &mut Html, files: &[(usize, &Checked)]) {
    h.el(
        "section",
        &[("class", "illisibles"), ("aria-labelledby", "illisibles")],
        |h| {
            h.fixed("\n");
            h.leaf("h2", &[("id", "illisibles")], "Fichiers illisibles")
                .fixed("\n");
            for (index, checked) in files {
                let id = format!("fichier-{}", index + 1);
                h.el("h3", &[("id", &id)], |h| {
                    h.user(&checked.file);
                });
                h.fixed("\n");
                if let Outcome::Unreadable(reason) = &checked.outcome {
                    h.el("p", &[], |h| {
                        h.leaf("strong", &[], &format!("Illisible{}:", fr::NBSP));
                        h.text(" ").text(reason);
                    });
                    h.fixed("\n");
                }
            }
        },
    );
    h.fixed("\n");
}
