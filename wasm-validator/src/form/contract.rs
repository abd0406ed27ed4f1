//! The contract between the interactive pages' templates and the browser shell: every element id,
//! `data-*` attribute, action, class and sentence key the shell relies on, listed once.
//!
//! It lives in the form model (compiled natively too) so that the generator's test
//! `generator/tests/dom_contract.rs` renders the real templates and checks that each page provides
//! what [`PAGES`] says its controller expects; the shell names these constants, never a literal.

/// Values of `data-explor-app` on `#app`: which controller wires the page.
pub mod app {
    pub const CANDIDATURE: &str = "candidature";
    pub const ELIGIBILITE: &str = "eligibilite";
}

/// Element ids.
pub mod id {
    pub const APP: &str = "app";
    pub const APP_LOADING: &str = "app-loading";
    pub const EDITION_DATA: &str = "edition-data";
    pub const TEXTS: &str = "texts";
    pub const CLOSED_BANNER: &str = "closed-banner";
    /// The call's state at the top of every page (`base.html`): its `data-state` and which of its
    /// two sentences shows are decided again in the browser on the interactive pages.
    pub const CALL_STATUS: &str = "call-status";
    pub const CALL_STATUS_OPEN: &str = "call-status-open";
    pub const CALL_STATUS_CLOSED: &str = "call-status-closed";
    /// What a browser that cannot run the page reads instead (the form's questions, the
    /// self-check's conditions): shown by the HTML, hidden by the shell once the page is wired.
    pub const FALLBACK: &str = "fallback";
    // The application page.
    pub const APPLICATION: &str = "application";
    pub const ERROR_SUMMARY: &str = "error-summary";
    pub const ERROR_SUMMARY_TITLE: &str = "error-summary-title";
    pub const ERROR_SUMMARY_LIST: &str = "error-summary-list";
    pub const RESULT_TITLE: &str = "result-title";
    pub const RESULT_SUMMARY: &str = "result-summary";
    pub const NOTES: &str = "notes";
    pub const RECAP_BODY: &str = "recap-body";
    pub const RECAP_RESULT: &str = "recap-result";
    pub const AUTOSAVE_STATUS: &str = "autosave-status";
    pub const DOWNLOAD_STATUS: &str = "download-status";
    pub const DRAFT_STATUS: &str = "draft-status";
    pub const RESUME_FILE: &str = "resume-file";
    pub const RESUME_MESSAGE: &str = "resume-message";
    pub const ERASE_BUTTON: &str = "erase-button";
    /// The erase confirmation; its first `data-action` is `erase-confirmed`, focused when it opens.
    pub const ERASE_CONFIRM: &str = "erase-confirm";
    pub const OTHER_TAB: &str = "other-tab";
    /// The polite live region that tells a screen reader a text's count when it crosses a
    /// threshold (`crate::form::count`).
    pub const COUNT_STATUS: &str = "count-status";
    // The eligibility self-check.
    pub const SELFCHECK: &str = "selfcheck";
    pub const VERDICT_TITLE: &str = "verdict-title";
    pub const VERDICT_TEXT: &str = "verdict-text";
    pub const VERDICT_LIST: &str = "verdict-list";
    pub const CONTINUE_STATUS: &str = "continue-status";
    // Handing the dossier over (`wasm::send`): the choices when it has errors, the recap to check,
    // the panel once downloaded, the readable copy, the partner's summary.
    pub const REFERENCE: &str = "f-reference";
    pub const SEND_CHOICES: &str = "send-choices";
    pub const SEND_CHOICES_TITLE: &str = "send-choices-title";
    pub const SEND_CHOICES_COUNT: &str = "send-choices-count";
    pub const RECAP: &str = "recap";
    pub const RECAP_TITLE: &str = "recap-title";
    pub const SENT: &str = "sent";
    pub const SENT_TITLE: &str = "sent-title";
    pub const SENT_FILE: &str = "sent-file";
    pub const SHARE_BUTTON: &str = "share-button";
    pub const SEND_MAIL: &str = "send-mail";
    pub const SHARE_STATUS: &str = "share-status";
    pub const COPY_SECTION: &str = "copy-section";
    pub const COPY: &str = "copy";
    pub const PARTNER_SUMMARY: &str = "partner-summary";
    pub const PARTNER_TEXT: &str = "partner-text";
    pub const SHARE_PARTNER_BUTTON: &str = "share-partner-button";
    pub const PARTNER_STATUS: &str = "partner-status";
    // Around the application's fields: the task list, the word that the self-check's answers were
    // carried, the reminder to save a draft file (resolved by `wasm::journey`).
    pub const TASKLIST_LIST: &str = "tasklist-list";
    pub const TASKLIST_PROGRESS: &str = "tasklist-progress";
    pub const TASKLIST_STATUS: &str = "tasklist-status";
    pub const TASKLIST_STICKY_LINK: &str = "tasklist-sticky-link";
    pub const CARRIED_NOTICE: &str = "carried-notice";
    pub const PERSIST_REMINDER: &str = "persist-reminder";
    /// The verdict's one-line summary that follows the questions on a phone (a link to the result).
    pub const VERDICT_STICKY_LINK: &str = "verdict-sticky-link";
}

/// On a checklist item of the self-check: `data-when-<answer>` words the line for that answer
/// (`data-when-false="Vous n’avez pas encore bénéficié d’une mission EXPLOR"`); without one, the
/// item's `data-label`.
pub const WHEN_PREFIX: &str = "data-when-";

/// Declares each attribute once: its name in `attr`, its `[name]` selector in `has`.
macro_rules! attributes {
    ($($(#[$doc:meta])* $name:ident = $value:literal;)*) => {
        /// Attributes the shell reads or writes (beyond `name`, `id`, `hidden` and ARIA).
        pub mod attr {
            $($(#[$doc])* pub const $name: &str = $value;)*
        }
        /// The selector `[attribute]` of each attribute of [`attr`].
        pub mod has {
            $(pub const $name: &str = concat!("[", $value, "]");)*
        }
        /// The selector of the elements with the attribute among the children of the scope.
        pub mod child_has {
            $(pub const $name: &str = concat!(":scope > [", $value, "]");)*
        }
    };
}

attributes! {
    /// On `#app`: which controller wires the page (`candidature`, `eligibilite`).
    APP = "data-explor-app";
    /// On `#app`: the call's time zone offsets (`crate::clock`).
    UTC_OFFSETS = "data-utc-offsets";
    /// In `#texts`: the key of one of the page's sentences.
    TEXT = "data-text";
    /// On a button or link: what a click does (see [`super::action`]).
    ACTION = "data-action";
    /// `name=value`: the part is shown only for that answer.
    SHOW_IF = "data-show-if";
    /// On a field wrapper: its dossier path.
    FIELD = "data-field";
    /// On a field wrapper or section: its label in the printable recap.
    LABEL = "data-label";
    /// On a field wrapper of a lone tick box: the recap says yes or no.
    TICK = "data-tick";
    /// On a section of the form: a heading of the recap.
    SECTION = "data-section";
    /// The inline error slot of a field.
    ERROR = "data-error";
    /// A list of lines (`budget.expenses`), made from the `<template>` named by `data-template`.
    LINES = "data-lines";
    TEMPLATE = "data-template";
    /// On an « add a line » button: the list it adds to.
    LIST = "data-list";
    /// A line of a list, its number, its controls (`data-col="amount_cents"`) and their parts.
    LINE = "data-line";
    LINE_NUMBER = "data-line-number";
    COL = "data-col";
    COL_FIELD = "data-col-field";
    COL_LABEL = "data-col-label";
    COL_ERROR = "data-col-error";
    /// A line's column counter (`data-col-count="label"`), named `<id>-count` by the shell.
    COL_COUNT = "data-col-count";
    /// On a free text: its limit in characters; its counter is the `[data-count]` of its wrapper,
    /// where the shell keeps the band it last announced (`data-band`).
    LIMIT = "data-limit";
    COUNT = "data-count";
    BAND = "data-band";
    /// A computed figure (`total_expenses_cents`…).
    FIGURE = "data-figure";
    /// A verdict in words (`eligible`, `complete`) with its sentences in `data-yes`, `data-no` and
    /// `data-pending`.
    VERDICT = "data-verdict";
    YES = "data-yes";
    NO = "data-no";
    PENDING = "data-pending";
    /// Written by the shell: the state of a verdict or checklist item, for the style sheet.
    STATE = "data-state";
    /// A line of the result copied into the printable recap.
    RECAP_LINE = "data-recap-line";
    /// A checklist item of the self-check, named by its question's path.
    QUESTION = "data-question";
    /// Written by the shell on the one part to print (the partner's summary); the style sheet
    /// prints the readable copy otherwise.
    PRINT_ONLY = "data-print-only";
    /// On the control that carries one of the edition's lists, which the page's data island leaves
    /// out (`crate::edition::Island`): the list's name (see [`super::list`]).
    EDITION_LIST = "data-edition-list";
    /// On an option of such a list that is not one of its items (« Un autre pays »).
    OFF_LIST = "data-off-list";
}

/// Values of `data-edition-list`: the partner's country list (its options), the SDGs' tick boxes
/// (their labels).
pub mod list {
    pub const COUNTRIES: &str = "countries";
    pub const SDGS: &str = "sdgs";
    /// The options of the country list that are countries (not [`super::attr::OFF_LIST`]).
    pub const COUNTRY_OPTIONS: &str = "option:not([data-off-list])";
}

/// Values of `data-action`.
pub mod action {
    pub const FOCUS_FIELD: &str = "focus-field";
    pub const ADD_LINE: &str = "add-line";
    pub const REMOVE_LINE: &str = "remove-line";
    pub const DOWNLOAD: &str = "download";
    pub const SAVE_DRAFT: &str = "save-draft";
    pub const PRINT: &str = "print";
    pub const ERASE: &str = "erase";
    pub const ERASE_CANCELLED: &str = "erase-cancelled";
    pub const ERASE_CONFIRMED: &str = "erase-confirmed";
    pub const LOAD_OTHER: &str = "load-other";
    pub const KEEP_MINE: &str = "keep-mine";
    pub const CONTINUE: &str = "continue";
    pub const CORRECT: &str = "correct";
    pub const SEND_ANYWAY: &str = "send-anyway";
    pub const SEND_FINAL: &str = "send-final";
    pub const SHARE: &str = "share";
    pub const COPY_PARTNER: &str = "copy-partner";
    pub const SHARE_PARTNER: &str = "share-partner";
    pub const PRINT_PARTNER: &str = "print-partner";
}

/// Declares each class once: its name in `class`, its `.name` selector in `dot`.
macro_rules! classes {
    ($($(#[$doc:meta])* $name:ident = $value:literal;)*) => {
        /// Classes the shell looks for or writes.
        pub mod class {
            $($(#[$doc])* pub const $name: &str = $value;)*
        }
        /// The selector `.class` of each class of [`class`].
        pub mod dot {
            $(pub const $name: &str = concat!(".", $value);)*
        }
    };
}

classes! {
    /// The short name of a checklist item's question (read from the page).
    CHECKLIST_QUESTION = "checklist__question";
    CHECKLIST_STATUS = "checklist__status";
    CHECKLIST_REASON = "checklist__reason";
    CHECKLIST_CALL_INTRO = "checklist__call-intro";
    CHECKLIST_CALL = "checklist__call";
    /// Written by the shell: a section's heading and its « Modifier » link in the answers to check.
    RECAP_HEAD = "recap__head";
    /// Written by the shell: text for screen readers only (« Modifier : Budget »).
    VISUALLY_HIDDEN = "visually-hidden";
}

/// What one interactive page must provide to its controller.
pub struct PageContract {
    /// The value of `data-explor-app` on `#app`.
    pub app: &'static str,
    pub ids: &'static [&'static str],
    pub attributes: &'static [&'static str],
    pub actions: &'static [&'static str],
    /// Classes the page itself must carry (those the shell only writes are not listed).
    pub classes: &'static [&'static str],
    /// Keys of the sentences in `#texts`.
    pub texts: &'static [&'static str],
}

/// The ids every interactive page has beside `#app`, resolved by `wasm::page` at mount (in this
/// order).
pub const SHARED_IDS: [&str; 8] = [
    id::APP_LOADING,
    id::EDITION_DATA,
    id::TEXTS,
    id::CLOSED_BANNER,
    id::CALL_STATUS,
    id::CALL_STATUS_OPEN,
    id::CALL_STATUS_CLOSED,
    id::FALLBACK,
];

/// The application page's own ids, resolved by `wasm::candidature` at mount (in this order).
pub const CANDIDATURE_IDS: [&str; 18] = [
    id::APPLICATION,
    id::ERROR_SUMMARY,
    id::ERROR_SUMMARY_TITLE,
    id::ERROR_SUMMARY_LIST,
    id::RESULT_TITLE,
    id::RESULT_SUMMARY,
    id::NOTES,
    id::RECAP_BODY,
    id::RECAP_RESULT,
    id::AUTOSAVE_STATUS,
    id::DOWNLOAD_STATUS,
    id::DRAFT_STATUS,
    id::RESUME_FILE,
    id::RESUME_MESSAGE,
    id::ERASE_BUTTON,
    id::ERASE_CONFIRM,
    id::OTHER_TAB,
    id::COUNT_STATUS,
];

/// The ids of the end of the application page, resolved by `wasm::send` when the person hands the
/// dossier over (in this order).
pub const SEND_IDS: [&str; 18] = [
    id::REFERENCE,
    id::SEND_CHOICES,
    id::SEND_CHOICES_TITLE,
    id::SEND_CHOICES_COUNT,
    id::RECAP,
    id::RECAP_TITLE,
    id::SENT,
    id::SENT_TITLE,
    id::SENT_FILE,
    id::SHARE_BUTTON,
    id::SEND_MAIL,
    id::SHARE_STATUS,
    id::COPY_SECTION,
    id::COPY,
    id::PARTNER_SUMMARY,
    id::PARTNER_TEXT,
    id::SHARE_PARTNER_BUTTON,
    id::PARTNER_STATUS,
];

/// The self-check's own ids, resolved by `wasm::eligibilite` at mount (in this order).
pub const ELIGIBILITE_IDS: [&str; 6] = [
    id::SELFCHECK,
    id::VERDICT_TITLE,
    id::VERDICT_TEXT,
    id::VERDICT_LIST,
    id::CONTINUE_STATUS,
    id::VERDICT_STICKY_LINK,
];

/// The application page (`/candidature/`).
pub const CANDIDATURE: PageContract = PageContract {
    app: app::CANDIDATURE,
    ids: &CANDIDATURE_IDS,
    attributes: &[
        attr::APP,
        attr::UTC_OFFSETS,
        attr::TEXT,
        attr::ACTION,
        attr::FIELD,
        attr::LABEL,
        attr::TICK,
        attr::SECTION,
        attr::ERROR,
        attr::LINES,
        attr::TEMPLATE,
        attr::LIST,
        attr::LINE,
        attr::LINE_NUMBER,
        attr::COL,
        attr::COL_FIELD,
        attr::COL_LABEL,
        attr::COL_ERROR,
        attr::COL_COUNT,
        attr::LIMIT,
        attr::COUNT,
        attr::SHOW_IF,
        attr::FIGURE,
        attr::VERDICT,
        attr::YES,
        attr::NO,
        attr::PENDING,
        attr::RECAP_LINE,
        attr::EDITION_LIST,
    ],
    actions: &[
        action::ADD_LINE,
        action::REMOVE_LINE,
        action::DOWNLOAD,
        action::SAVE_DRAFT,
        action::PRINT,
        action::ERASE,
        action::ERASE_CANCELLED,
        action::ERASE_CONFIRMED,
        action::LOAD_OTHER,
        action::KEEP_MINE,
    ],
    classes: &[],
    texts: &[
        "autosave-done",
        "autosave-failed",
        "count-left",
        "count-left-one",
        "count-over",
        "count-over-one",
        "download-done",
        "download-failed",
        "download-incomplete",
        "draft-saved",
        "erase-done",
        "other-loaded",
        "prefix-error",
        "prefix-info",
        "prefix-warning",
        "recap-empty",
        "recap-no",
        "recap-yes",
        "resume-done",
        "resume-failed",
        "resume-other-edition",
        "resume-unreadable",
        "summary-many",
        "summary-one",
        "summary-other",
    ],
};

/// The end of the application page (`/candidature/`), which `wasm::send` wires: what it needs
/// beside [`CANDIDATURE`]'s.
pub const CANDIDATURE_SEND: PageContract = PageContract {
    app: app::CANDIDATURE,
    ids: &SEND_IDS,
    attributes: &[attr::SECTION, attr::LABEL],
    actions: &[
        action::DOWNLOAD,
        action::PRINT,
        action::SAVE_DRAFT,
        action::CORRECT,
        action::SEND_ANYWAY,
        action::SEND_FINAL,
        action::SHARE,
        action::COPY_PARTNER,
        action::SHARE_PARTNER,
        action::PRINT_PARTNER,
    ],
    classes: &[],
    texts: &[
        "choices-count",
        "mail-body",
        "partner-copied",
        "partner-copy-failed",
        "recap-edit",
        "sent-file",
        "sent-file-incomplete",
        "share-done",
        "share-failed",
    ],
};

/// The eligibility self-check (`/eligibilite/`).
pub const ELIGIBILITE: PageContract = PageContract {
    app: app::ELIGIBILITE,
    ids: &ELIGIBILITE_IDS,
    attributes: &[
        attr::APP,
        attr::UTC_OFFSETS,
        attr::TEXT,
        attr::ACTION,
        attr::SHOW_IF,
        attr::FIELD,
        attr::ERROR,
        attr::QUESTION,
        attr::LABEL,
        attr::EDITION_LIST,
        attr::OFF_LIST,
    ],
    actions: &[action::CONTINUE],
    classes: &[class::CHECKLIST_QUESTION],
    texts: &[
        "call-intro",
        "continue-failed",
        "prefix-error",
        "status-no",
        "sticky",
        "status-todo",
        "status-yes",
        "verdict-eligible",
        "verdict-not-eligible",
        "verdict-todo-many",
        "verdict-todo-one",
    ],
};

/// The application page's elements around its fields, resolved by `wasm::journey` (in this order).
pub const JOURNEY_IDS: [&str; 6] = [
    id::TASKLIST_LIST,
    id::TASKLIST_PROGRESS,
    id::TASKLIST_STATUS,
    id::TASKLIST_STICKY_LINK,
    id::CARRIED_NOTICE,
    id::PERSIST_REMINDER,
];

/// What the application page provides around its fields (`wasm::journey`), checked like the rest.
pub const CANDIDATURE_JOURNEY: PageContract = PageContract {
    app: app::CANDIDATURE,
    ids: &JOURNEY_IDS,
    attributes: &[attr::SECTION, attr::LABEL, attr::FIELD],
    actions: &[],
    classes: &[],
    texts: &[
        "task-done",
        "task-errors",
        "task-todo",
        "task-announce",
        "task-progress",
        "task-sticky",
    ],
};

/// Every interactive page (the application's in three parts: its fields, what is around them, its sending).
pub const PAGES: [&PageContract; 4] = [
    &CANDIDATURE,
    &CANDIDATURE_SEND,
    &ELIGIBILITE,
    &CANDIDATURE_JOURNEY,
];
