//! The end of the application page: handing the dossier over. The download first checks the form;
//! with errors the person chooses (correct, save a draft, or download it as it is, said incomplete);
//! without, they check their answers (a « Modifier » per section) and confirm. The download then
//! gives the readable copy (the core's sheet), the « Envoyer » button (Web Share with the file, or a
//! `mailto:`), « Et ensuite ? », and the partner's one-page summary. Decisions are the core's
//! (`form::send`, `sheet`); this module only wires them to the page.

use super::candidature::Candidature;
use super::dom::{self, Element};
use super::recap;
use crate::form::contract::{attr, SEND_IDS};
use crate::form::drafts::Event;
use crate::form::{contract::action, send};
use crate::model::STATUS_FINAL;
use crate::parse::to_json;
use crate::report::Report;
use crate::{sheet, Dossier, Judged};

/// The end of the page's elements (`contract::SEND_IDS`), looked up when needed: a click here is
/// rare, and the form's start-up stays as it was.
struct Els {
    reference: Element,
    choices: Element,
    choices_title: Element,
    choices_count: Element,
    recap: Element,
    recap_title: Element,
    sent: Element,
    sent_title: Element,
    sent_file: Element,
    share_button: Element,
    send_mail: Element,
    share_status: Element,
    copy_section: Element,
    copy: Element,
    partner: Element,
    partner_text: Element,
    share_partner: Element,
    partner_status: Element,
}

impl Els {
    fn resolve() -> Option<Els> {
        let [reference, choices, choices_title, choices_count, recap, recap_title, sent, sent_title, sent_file, share_button, send_mail, share_status, copy_section, copy, partner, partner_text, share_partner, partner_status] =
            dom::resolve(SEND_IDS)?;
        Some(Els {
            reference,
            choices,
            choices_title,
            choices_count,
            recap,
            recap_title,
            sent,
            sent_title,
            sent_file,
            share_button,
            send_mail,
            share_status,
            copy_section,
            copy,
            partner,
            partner_text,
            share_partner,
            partner_status,
        })
    }
}

/// The file last downloaded, kept for « Envoyer »: its name and its JSON.
pub type Sent = Option<(String, String)>;

/// Handles the click on `action` if it is one of this module's; whether it was.
pub fn handle(app: &mut Candidature, action: &str) -> bool {
    let Some(els) = Els::resolve() else {
        return false;
    };
    match action {
        action::DOWNLOAD => review(app, &els),
        action::CORRECT => {
            dom::set_hidden(&els.choices, true);
            dom::focus(&app.els.summary.summary);
        }
        action::SAVE_DRAFT => {
            dom::set_hidden(&els.choices, true);
            ensure_reference(app, &els);
            super::drafts::download(app, false);
        }
        action::SEND_ANYWAY | action::SEND_FINAL => hand_over(app, &els),
        action::SHARE => share_file(app, &els),
        action::PRINT => {
            render_copy(app, &els);
            dom::print();
        }
        action::COPY_PARTNER => copy_partner(app, &els),
        action::SHARE_PARTNER => share_partner(app, &els),
        action::PRINT_PARTNER => {
            render_partner(app, &els);
            dom::set_flag(&els.partner, attr::PRINT_ONLY, true);
            dom::print();
        }
        _ => return false,
    }
    true
}

/// « Relire et télécharger »: a check first. With errors, the error summary and the three choices
/// (focused, where the person is); without, the answers to check, focused.
fn review(app: &mut Candidature, els: &Els) {
    let (report, _) = app.check_quietly();
    recap::render(&app.page, &app.els);
    render_partner(app, els);
    dom::set_hidden(&els.recap, false);
    dom::set_hidden(&els.sent, true);
    let errors = report.count(crate::Severity::Error);
    if report.complete {
        dom::set_hidden(&els.choices, true);
        dom::focus(&els.recap_title);
    } else {
        let n = crate::fr::count(errors, "problème", "problèmes");
        dom::set_text(
            &els.choices_count,
            &app.page.text("choices-count", &[("n", &n)]),
        );
        dom::set_hidden(&els.choices, false);
        dom::focus(&els.choices_title);
    }
}

/// The reference of the form's dossier, made once and kept in the form (so in the drafts).
fn ensure_reference(app: &mut Candidature, els: &Els) -> String {
    let current = dom::value(&els.reference).unwrap_or_default();
    if send::is_reference(&current) {
        return current;
    }
    let (dossier, _) = app.judge();
    let seed = send::reference_seed(dom::now_ms(), &dossier.applicant.name);
    let reference = send::reference(&app.page.edition.id, seed);
    dom::set_answer(&els.reference, &[&reference]);
    let (dossier, _) = app.judge();
    app.drafts_event(Event::Edited { dossier: &dossier });
    reference
}

/// The dossier as the page would send it now: judged, with its reference, time-stamped and final.
fn final_dossier(app: &mut Candidature, els: &Els) -> (Dossier, Report, String) {
    ensure_reference(app, els);
    let (mut dossier, report) = app.judge();
    let now = dom::local_time();
    dossier.saved_at = now.rfc3339();
    dossier.status = STATUS_FINAL.to_owned();
    let file = send::file_name(&dossier.applicant.name, &now.date_iso(), &dossier.reference);
    (dossier, report, file)
}

/// Downloads the final dossier (complete or, by choice, not), then shows the readable copy, the
/// ways to send it and what comes next.
fn hand_over(app: &mut Candidature, els: &Els) {
    let (dossier, report, file) = final_dossier(app, els);
    let json = to_json(&dossier);
    let ok = dom::download(&file, &json);
    let complete = report.complete;
    app.drafts_event(Event::Saved {
        final_file: true,
        ok,
        complete,
        file: file.clone(),
    });
    if !ok {
        return;
    }
    let key = if complete {
        "sent-file"
    } else {
        "sent-file-incomplete"
    };
    let values = [("file", file.as_str()), ("reference", &dossier.reference)];
    dom::set_text(&els.sent_file, &app.page.text(key, &values));
    let body = app.page.text("mail-body", &values);
    let subject = send::subject(&app.page.edition, &dossier);
    let to = &app.page.edition.organiser.email;
    dom::set_attr(&els.send_mail, "href", &send::mailto(to, &subject, &body));
    let shareable = dom::shareable_file(&file, "application/json", &json).is_some();
    dom::set_hidden(&els.share_button, !shareable);
    dom::set_text(&els.share_status, "");
    show_copy(app, els, dossier, report);
    render_partner(app, els);
    dom::set_hidden(&els.choices, true);
    dom::set_hidden(&els.recap, true);
    dom::set_hidden(&els.sent, false);
    app.sent = Some((file, json));
    dom::focus(&els.sent_title);
}

/// « Envoyer »: the share sheet with the file downloaded; the `mailto:` link stays beside it for
/// when sharing fails.
fn share_file(app: &mut Candidature, els: &Els) {
    let Some((file, json)) = app.sent.clone() else {
        return;
    };
    let Some(data) = dom::shareable_file(&file, "application/json", &json) else {
        dom::set_hidden(&els.share_button, true);
        return dom::focus(&els.send_mail);
    };
    let (dossier, _) = app.judge();
    let title = send::subject(&app.page.edition, &dossier);
    let status = els.share_status.clone();
    let (done, failed) = (
        app.page.text("share-done", &[]),
        app.page.text("share-failed", &[]),
    );
    dom::share(data, &[("title", &title)], move |shared| match shared {
        Some(true) => dom::set_text(&status, &done),
        Some(false) => dom::set_text(&status, &failed),
        None => {}
    });
}

/// The readable copy of the form's dossier as it would be sent now (for printing at any time).
fn render_copy(app: &mut Candidature, els: &Els) {
    let (dossier, report, _) = final_dossier(app, els);
    show_copy(app, els, dossier, report);
}

fn show_copy(app: &Candidature, els: &Els, dossier: Dossier, report: Report) {
    let judged = Judged {
        dossier,
        report,
        unknown_fields: Vec::new(),
    };
    dom::show_sheet(&els.copy, &sheet::readable_copy(&app.page.edition, &judged));
    dom::set_hidden(&els.copy_section, false);
}

/// Before printing from the browser's own menu: the readable copy, up to date.
pub fn before_print(app: &mut Candidature) {
    if let Some(els) = Els::resolve() {
        render_copy(app, &els);
    }
}

/// After printing: the next print is the readable copy again.
pub fn after_print() {
    if let Some(partner) = dom::by_id(crate::form::contract::id::PARTNER_SUMMARY) {
        dom::set_flag(&partner, attr::PRINT_ONLY, false);
    }
}

/// The partner's summary of the form's mission, with the countries named as the form lists them.
fn partner_text(app: &Candidature) -> String {
    let (dossier, _) = app.judge();
    let form = &app.els.form;
    let edition = &app.page.edition;
    send::partner_summary(edition, &dossier, |code| {
        if code.is_empty() {
            return String::new();
        }
        let option = dom::find(form, &format!("option[value=\"{code}\"]"));
        option.map_or_else(
            || crate::committee::country_name(edition, code),
            |o| dom::text(&o).trim().to_owned(),
        )
    })
}

fn render_partner(app: &Candidature, els: &Els) {
    dom::set_text(&els.partner_text, &partner_text(app));
    dom::set_hidden(&els.share_partner, !dom::can_share());
    dom::set_hidden(&els.partner, false);
}

fn copy_partner(app: &Candidature, els: &Els) {
    render_partner(app, els);
    let status = els.partner_status.clone();
    let (done, failed) = (
        app.page.text("partner-copied", &[]),
        app.page.text("partner-copy-failed", &[]),
    );
    dom::copy_text(&dom::text(&els.partner_text), move |ok| {
        dom::set_text(&status, if ok { &done } else { &failed });
    });
}

fn share_partner(app: &Candidature, els: &Els) {
    render_partner(app, els);
    let text = dom::text(&els.partner_text);
    let status = els.partner_status.clone();
    let failed = app.page.text("partner-copy-failed", &[]);
    dom::share(dom::share_data(), &[("text", &text)], move |shared| {
        if shared == Some(false) {
            dom::set_text(&status, &failed);
        }
    });
}
