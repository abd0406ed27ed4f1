//! The core's one HTML renderer: the staff's report on a batch of files (the committee's table, then
//! each file's sheet) and a dossier's readable sheet (every answer of the association, the budget
//! with its totals, the verdicts and the findings in words). Built with [`Html`], so every text is
//! escaped and every text from a dossier isolated in `<bdi>`. It runs natively (`explor check
//! --format html`) and in WebAssembly (the staff page and the applicant's readable copy).

use crate::committee::{self, Cell, Kind, NONE};
use crate::edition::parse_date;
use crate::html::Html;
use crate::model::{Dossier, Expense, Resource};
use crate::{fr, Edition, Judged, Report};

pub(crate) mod pack;

pub use pack::{pack, report_page, sheet_of, table, STYLE};

/// One dossier's readable sheet as a standalone page, named after the file it came from.
pub fn dossier_page(edition: &Edition, file: &str, judged: &Judged) -> String {
    let name = judged.dossier.applicant.name.trim();
    let title = format!(
        "Dossier de candidature – {}",
        if name.is_empty() { file } else { name }
    );
    page(&title, |h| {
        sheet(h, edition, judged, "h2");
    })
}

/// A whole page: French, no external resource (a Content-Security-Policy says so), `body` in `<main>`.
fn page(title: &str, body: impl FnOnce(&mut Html)) -> String {
    let mut h = Html::new();
    h.fixed("<!DOCTYPE html>\n");
    h.el("html", &[("lang", "fr")], |h| {
        h.fixed("\n");
        h.el("head", &[], |h| {
            h.fixed("\n");
            h.void("meta", &[("charset", "utf-8")]).fixed("\n");
            h.void(
                "meta",
                &[
                    ("http-equiv", "Content-Security-Policy"),
                    ("content", "default-src 'none'; style-src 'unsafe-inline'"),
                ],
            );
            h.fixed("\n");
            h.void(
                "meta",
                &[
                    ("name", "viewport"),
                    ("content", "width=device-width, initial-scale=1"),
                ],
            );
            h.fixed("\n");
            h.leaf("title", &[], title).fixed("\n");
            h.fixed("<style>").fixed(STYLE).fixed("</style>\n");
        });
        h.fixed("\n");
        h.el("body", &[], |h| {
            h.fixed("\n");
            h.el("main", &[], |h| {
                h.fixed("\n");
                h.leaf("h1", &[], title).fixed("\n");
                body(h);
            });
            h.fixed("\n");
        });
        h.fixed("\n");
    });
    h.fixed("\n");
    h.finish()
}

/// Numbers are right-aligned (`n`), dates kept on one line (`d`).
pub(crate) fn cell_attrs<'a>(
    kind: Kind,
    base: &[(&'static str, &'a str)],
) -> Vec<(&'static str, &'a str)> {
    let mut attrs = base.to_vec();
    match kind {
        Kind::Number | Kind::Money => attrs.push(("class", "n")),
        Kind::Date => attrs.push(("class", "d")),
        _ => {}
    }
    attrs
}

/// A cell's value as the committee's tables write it (the staff page's too).
pub(crate) fn cell_html(h: &mut Html, cell: &Cell) {
    match cell {
        Cell::Text(text) if text.is_empty() => {
            h.text(NONE);
        }
        Cell::Text(text) => {
            h.user(text);
        }
        Cell::Number(n) => {
            h.text(&n.map_or_else(|| NONE.to_owned(), |n| n.to_string()));
        }
        Cell::Money(cents) => {
            h.text(&cents.map_or_else(|| NONE.to_owned(), fr::euros));
        }
        Cell::Verdict(v) => {
            h.text(v.map_or(NONE, fr::yes_no));
        }
        Cell::Reading(_) => {}
    }
}

/// A dossier's sheet: verdicts and figures, the findings in words, then every answer and the budget.
/// `heading` is the tag of its parts' headings.
fn sheet(h: &mut Html, edition: &Edition, judged: &Judged, heading: &'static str) {
    h.el("dl", &[], |h| {
        h.fixed("\n");
        for (label, value) in committee::details(judged) {
            h.leaf("dt", &[], label);
            h.el("dd", &[], |h| {
                if label == "Association" && value != NONE {
                    h.user(&value);
                } else {
                    h.text(&value);
                }
            });
            h.fixed("\n");
        }
    });
    h.fixed("\n");
    findings(h, &judged.report, heading);
    answers(h, edition, judged, heading);
    budget(h, edition, &judged.dossier, &judged.report, heading);
}

fn findings(h: &mut Html, report: &Report, heading: &'static str) {
    if report.findings.is_empty() {
        h.leaf("p", &[], "Aucune remarque.").fixed("\n");
    }
    for (title, group) in committee::findings_by_severity(report) {
        h.leaf(heading, &[], &title).fixed("\n");
        h.el("ul", &[], |h| {
            h.fixed("\n");
            for finding in group {
                // The message names its field in words: the sheet is read by the applicant and the
                // committee, never by someone who knows the dossier's paths (the text and JSON
                // reports keep them for the staff).
                h.leaf("li", &[], &finding.message);
                h.fixed("\n");
            }
        });
        h.fixed("\n");
    }
}

/// A value of the sheet: a dossier's text (each of its lines a paragraph), or a value in words.
enum Answer {
    User(String),
    Words(String),
}

fn user(text: &str) -> Answer {
    Answer::User(text.trim().to_owned())
}

fn yes_no(answer: Option<bool>) -> Answer {
    Answer::Words(answer.map_or(NONE, fr::yes_no).to_owned())
}

fn legal_form(id: &str) -> Answer {
    match id {
        "association_1901" => Answer::Words("Association loi 1901".to_owned()),
        "association_1908" => Answer::Words("Association de droit local (1908)".to_owned()),
        "other" => Answer::Words("Autre".to_owned()),
        other => user(other),
    }
}

/// `2025-10-06` → `6 octobre 2025`; anything else as written.
fn day(text: &str) -> Answer {
    parse_date(text).map_or_else(|| user(text), |d| Answer::Words(fr::date(d)))
}

fn sdgs(edition: &Edition, numbers: &[i64]) -> Answer {
    let names: Vec<String> = numbers
        .iter()
        .map(|n| {
            let title = edition
                .eligibility
                .sdg_list
                .iter()
                .find(|s| i64::from(s.number) == *n);
            title.map_or_else(|| n.to_string(), |s| format!("{n}. {}", s.title_fr))
        })
        .collect();
    // The one convention: a narrow no-break space before the semicolon.
    Answer::Words(names.join(&format!("{}; ", fr::NNBSP)))
}

/// A part of the sheet: its heading and its labelled answers.
type Part = (&'static str, Vec<(&'static str, Answer)>);

/// Every answer of the dossier, part by part, under the words of the form.
fn answers(h: &mut Html, edition: &Edition, judged: &Judged, heading: &'static str) {
    let (d, judged_days) = (&judged.dossier, judged.report.figures.duration_days);
    let declarations = (
        "Déclarations",
        vec![
            (
                "Mission en lien avec les valeurs de la charte",
                yes_no(Some(d.declarations.charter)),
            ),
            (
                "Informations exactes",
                yes_no(Some(d.declarations.accurate)),
            ),
        ],
    );
    let parts = [
        applicant_part(d),
        partner_part(edition, d),
        mission_part(edition, d, judged_days),
        declarations,
    ];
    for (title, rows) in parts {
        h.leaf(heading, &[], title).fixed("\n");
        h.el("dl", &[], |h| {
            h.fixed("\n");
            for (label, answer) in rows {
                h.leaf("dt", &[], label);
                h.el("dd", &[], |h| answer_html(h, &answer));
                h.fixed("\n");
            }
        });
        h.fixed("\n");
    }
}

fn applicant_part(d: &Dossier) -> Part {
    let a = &d.applicant;
    let contact = format!(
        "{} {}",
        a.contact.first_name.trim(),
        a.contact.last_name.trim()
    );
    let address = format!(
        "{}\n{} {}",
        a.address.street.trim(),
        a.address.postal_code.trim(),
        a.address.city.trim()
    );
    let rows = vec![
        ("Nom", user(&a.name)),
        ("Forme juridique", legal_form(&a.legal_form)),
        ("Numéro RNA", user(&a.rna)),
        ("Numéro SIRET", user(&a.siret)),
        ("Adresse du siège", user(&address)),
        ("Personne à contacter", user(&contact)),
        ("Fonction", user(&a.contact.role)),
        ("Courriel", user(&a.contact.email)),
        ("Téléphone", user(&a.contact.phone)),
        (
            "Déjà bénéficiaire d’une mission EXPLOR",
            yes_no(a.previous_explor),
        ),
        ("Nouveau projet", yes_no(a.new_project)),
    ];
    ("L’association", rows)
}

fn partner_part(edition: &Edition, d: &Dossier) -> Part {
    let p = &d.partner;
    let rows = vec![
        ("Nom", user(&p.name)),
        ("Pays", user(&committee::country_name(edition, &p.country))),
        ("Ville", user(&p.city)),
        (
            "Besoin identifié avec le partenaire",
            yes_no(p.need_identified),
        ),
        ("Relation avec le partenaire", user(&p.relationship)),
    ];
    ("Le partenaire", rows)
}

fn mission_part(edition: &Edition, d: &Dossier, days: Option<i64>) -> Part {
    let m = &d.mission;
    let mut rows = vec![
        ("Titre", user(&m.title)),
        (
            "Type de mission",
            user(&committee::kind_label(edition, &m.kind)),
        ),
        ("Pays", user(&committee::country_name(edition, &m.country))),
        ("Ville", user(&m.city)),
        ("Début", day(&m.start_date)),
        ("Fin", day(&m.end_date)),
        (
            "Durée",
            Answer::Words(days.map_or_else(|| NONE.to_owned(), fr::days)),
        ),
        ("Objectifs de développement durable", sdgs(edition, &m.sdgs)),
        ("Besoin", user(&m.need)),
        ("Objectifs", user(&m.objectives)),
        ("Activités", user(&m.activities)),
        ("Résultats attendus", user(&m.expected_results)),
        ("Profil de l’expert", user(&m.expert_profile)),
        ("Suivi", user(&m.follow_up)),
    ];
    if let Some(expert) = &m.hosted_expert {
        rows.extend([
            (
                "Expert accueilli\u{a0}: organisation",
                user(&expert.organisation),
            ),
            ("Expert accueilli\u{a0}: fonction", user(&expert.role)),
            ("Expert accueilli\u{a0}: profil", user(&expert.profile)),
        ]);
    }
    ("La mission", rows)
}

fn answer_html(h: &mut Html, answer: &Answer) {
    match answer {
        Answer::Words(words) if words.trim().is_empty() => {
            h.text(NONE);
        }
        Answer::Words(words) => {
            h.text(words);
        }
        Answer::User(text) => {
            let lines: Vec<&str> = text
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .collect();
            match lines.as_slice() {
                [] => {
                    h.text(NONE);
                }
                [one] => {
                    h.user(one);
                }
                many => {
                    for line in many {
                        h.el("p", &[], |h| {
                            h.user(line);
                        });
                    }
                }
            }
        }
    }
}

/// The budget as two tables (expenses, resources), each line with its category's words, and totals.
fn budget(h: &mut Html, edition: &Edition, d: &Dossier, report: &Report, heading: &'static str) {
    h.leaf(heading, &[], "Budget prévisionnel").fixed("\n");
    let choices = &edition.budget;
    let expenses: Vec<(String, &str, i64)> = d
        .budget
        .expenses
        .iter()
        .map(
            |Expense {
                 category,
                 label,
                 amount_cents,
             }| {
                (
                    choice(&choices.expense_categories, category),
                    label.as_str(),
                    amount_cents.0,
                )
            },
        )
        .collect();
    let resources: Vec<(String, &str, i64)> = d
        .budget
        .resources
        .iter()
        .map(
            |Resource {
                 source,
                 label,
                 amount_cents,
             }| {
                (
                    choice(&choices.resource_sources, source),
                    label.as_str(),
                    amount_cents.0,
                )
            },
        )
        .collect();
    let figures = &report.figures;
    budget_table(
        h,
        "Dépenses",
        "Catégorie",
        &expenses,
        figures.total_expenses_cents,
    );
    budget_table(
        h,
        "Ressources",
        "Origine",
        &resources,
        figures.total_resources_cents,
    );
}

/// `travel` → its label in the edition; an unknown id as written.
fn choice(list: &[crate::edition::Choice], id: &str) -> String {
    committee::label_of(list, id, |c| &c.id, |c| &c.label)
}

fn budget_table(
    h: &mut Html,
    caption: &str,
    kind: &str,
    lines: &[(String, &str, i64)],
    total: Option<i64>,
) {
    h.el("table", &[], |h| {
        h.fixed("\n");
        h.leaf("caption", &[], caption);
        h.el("thead", &[], |h| {
            h.el("tr", &[], |h| {
                h.leaf("th", &[("scope", "col")], kind);
                h.leaf("th", &[("scope", "col")], "Libellé");
                h.leaf("th", &[("scope", "col"), ("class", "n")], "Montant");
            });
        });
        h.fixed("\n");
        h.el("tbody", &[], |h| {
            for (category, label, cents) in lines {
                h.el("tr", &[], |h| {
                    h.el("td", &[], |h| cell_html(h, &Cell::Text(category.clone())));
                    h.el("td", &[], |h| {
                        cell_html(h, &Cell::Text(label.trim().to_owned()))
                    });
                    h.leaf("td", &[("class", "n")], &fr::euros(*cents));
                });
                h.fixed("\n");
            }
        });
        h.el("tfoot", &[], |h| {
            h.el("tr", &[], |h| {
                h.leaf("th", &[("scope", "row"), ("colspan", "2")], "Total");
                h.leaf(
                    "td",
                    &[("class", "n")],
                    &total.map_or_else(|| NONE.to_owned(), fr::euros),
                );
            });
        });
        h.fixed("\n");
    });
    h.fixed("\n");
}

/// The applicant's readable copy of the dossier they send (a fragment, under the form page's own
/// heading): what identifies this copy — its reference, its status, when it was made — then the
/// dossier's sheet, the staff's very words. An incomplete dossier says so first, and why.
pub fn readable_copy(edition: &Edition, judged: &Judged) -> String {
    let (d, report) = (&judged.dossier, &judged.report);
    let mut h = Html::new();
    let errors = report.count(crate::Severity::Error);
    let status = if d.status == crate::model::STATUS_DRAFT {
        "Brouillon (pas encore envoyé)".to_owned()
    } else if report.complete {
        "Dossier complet".to_owned()
    } else {
        format!(
            "Dossier incomplet{}: {} à corriger, listées ci-dessous telles que l’équipe les verra",
            fr::NBSP,
            fr::count(errors, "erreur", "erreurs")
        )
    };
    h.el("dl", &[], |h| {
        for (label, value) in [
            ("Référence", d.reference.trim()),
            ("Fait le", &made(&d.saved_at)),
            ("État", &status),
        ] {
            h.leaf("dt", &[], label);
            h.leaf("dd", &[], if value.is_empty() { NONE } else { value });
        }
    });
    h.fixed("\n");
    sheet(&mut h, edition, judged, "h3");
    h.finish()
}

/// `2025-06-01T10:05:00+02:00` → `1er juin 2025 à 10 h 05`; anything else as written.
fn made(saved_at: &str) -> String {
    let day = saved_at.get(..10).and_then(parse_date);
    let time = saved_at
        .get(11..16)
        .filter(|t| t.as_bytes().get(2) == Some(&b':'));
    match (day, time) {
        (Some(day), Some(time)) => format!(
            "{} à {}{}h{}{}",
            fr::date(day),
            &time[..2],
            fr::NBSP,
            fr::NBSP,
            &time[3..]
        ),
        _ => saved_at.to_owned(),
    }
}
