//! The drafts of the application as a state machine, independent of the browser: what is kept in
//! the browser's storage, another tab's change waiting for the person's choice, changes not yet
//! saved to a file. [`Drafts::step`] takes what happened and asks the page, through [`Page`], for
//! the effects (store, fill the form, say a sentence…); the browser shell (`wasm::drafts`) only
//! performs them, and the tests record them. The shell decides nothing about drafts itself.
//!
//! Drafts are never lost: a draft stored by another tab is never overwritten until the person
//! chooses, a file that cannot be resumed leaves the form as it was, and erasing asks first.

pub mod reminder;

use crate::parse::{parse_dossier, to_json, DossierError};
use crate::Dossier;

/// Where the application's draft of `edition` is kept in the browser's storage (the self-check page
/// writes its answers there too).
pub fn storage_key(edition: &str) -> String {
    format!("explor:{edition}:candidature")
}

/// What was read from a file the person chose to resume.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Chosen {
    Bytes(Vec<u8>),
    /// Not read, because larger than the limit: its size in bytes.
    TooLarge(usize),
}

/// Something that happened on the page.
#[derive(Debug)]
pub enum Event<'a> {
    /// The page opened; `stored` is the draft the browser's storage holds.
    Opened {
        stored: Option<String>,
    },
    /// The person changed the form, which now reads as `dossier`.
    Edited {
        dossier: &'a Dossier,
    },
    /// Another tab stored this draft (`None`: erased it).
    OtherTab(Option<String>),
    /// « Charger le brouillon de l’autre onglet ».
    LoadOther,
    /// « Garder mes réponses ».
    KeepMine,
    /// « Effacer le brouillon », then « Oui, effacer » or « Annuler ».
    EraseAsked,
    EraseConfirmed,
    EraseCancelled,
    /// A file was offered for download: the final dossier (`final_file`) or a draft, named `file`;
    /// `ok` unless the browser refused; `complete` when the report had no error.
    Saved {
        final_file: bool,
        ok: bool,
        complete: bool,
        file: String,
    },
    /// The file chosen to resume was read (`None`: there was none, or it could not be read).
    FileChosen(Option<Chosen>),
}

/// Where the page says what happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Slot {
    Autosave,
    Download,
    Draft,
    Resume,
}

/// A part of the drafts section that is shown or hidden.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Panel {
    EraseConfirm,
    OtherTab,
}

/// Where the focus goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    /// The « Oui, effacer » button of the confirmation.
    EraseConfirmed,
    EraseButton,
    OtherTab,
    ResumeFile,
}

/// The effects the drafts ask of the page. Calls rather than a returned list of effects: the list
/// cost the browser module a kilobyte, and the calls keep the same order.
pub trait Page {
    /// Keeps `text` under `key` in the browser's storage; whether the browser accepted it.
    fn store(&mut self, key: &str, text: &str) -> bool;
    fn unstore(&mut self, key: &str);
    /// Puts `dossier` into the form.
    fn fill(&mut self, dossier: &Dossier);
    /// Judges the form and shows the result; the answers as the form now reads.
    fn judge(&mut self) -> Dossier;
    /// Shows the page's sentence `key` in `slot`, with `{name}` replaced by the value given.
    fn say(&mut self, slot: Slot, key: &str, value: Option<(&str, &str)>);
    fn show(&mut self, panel: Panel, shown: bool);
    fn focus(&mut self, target: Focus);
}

/// The drafts of one edition's application.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Drafts {
    edition: String,
    /// What this page last stored, to tell another tab's changes from its own.
    last_stored: Option<String>,
    /// A draft another tab stored (`None` inside: it erased it), waiting for the person's choice;
    /// nothing is stored meanwhile.
    pending: Option<Option<String>>,
    /// Changes not yet saved to a file (the page warns before it is left).
    unsaved: bool,
}

impl Drafts {
    pub fn new(edition: &str) -> Self {
        Drafts {
            edition: edition.to_owned(),
            ..Drafts::default()
        }
    }

    /// The key of the draft in the browser's storage.
    pub fn key(&self) -> String {
        storage_key(&self.edition)
    }

    /// Whether leaving the page now would lose changes not saved to a file.
    pub fn unsaved(&self) -> bool {
        self.unsaved
    }

    /// Moves on after `event`, asking `page` for the effects.
    pub fn step(&mut self, event: Event<'_>, page: &mut impl Page) {
        match event {
            Event::Opened { stored } => self.opened(stored, page),
            Event::Edited { dossier } => {
                self.unsaved = true;
                self.autosave(dossier, page);
            }
            Event::OtherTab(value) => self.other_tab(value, page),
            Event::LoadOther => self.load_other(page),
            Event::KeepMine => {
                self.pending = None;
                page.show(Panel::OtherTab, false);
                let answers = page.judge();
                self.autosave(&answers, page);
            }
            Event::EraseAsked => {
                page.show(Panel::EraseConfirm, true);
                page.focus(Focus::EraseConfirmed);
            }
            Event::EraseCancelled => {
                page.show(Panel::EraseConfirm, false);
                page.focus(Focus::EraseButton);
            }
            Event::EraseConfirmed => self.erase(page),
            Event::Saved {
                final_file,
                ok,
                complete,
                file,
            } => self.saved(final_file, ok, complete, &file, page),
            Event::FileChosen(chosen) => {
                self.resume(chosen, page);
                page.focus(Focus::ResumeFile);
            }
        }
    }

    fn blank(&self) -> Dossier {
        Dossier::blank(&self.edition)
    }

    /// Fills the form with the stored draft if it is still a readable dossier, else a blank one.
    fn opened(&mut self, stored: Option<String>, page: &mut impl Page) {
        let restored = stored.and_then(|text| {
            let dossier = parse_dossier(text.as_bytes()).ok()?.dossier;
            self.last_stored = Some(text);
            Some(dossier)
        });
        page.fill(&restored.unwrap_or_else(|| self.blank()));
    }

    /// Keeps the answers unless another tab's draft awaits a choice or nothing changed.
    fn autosave(&mut self, dossier: &Dossier, page: &mut impl Page) {
        if self.pending.is_some() {
            return;
        }
        let text = to_json(dossier);
        if self.last_stored.as_deref() == Some(text.as_str()) {
            return;
        }
        let key = if page.store(&self.key(), &text) {
            "autosave-done"
        } else {
            "autosave-failed"
        };
        self.last_stored = Some(text);
        page.say(Slot::Autosave, key, None);
    }

    /// Another tab's draft is offered, never taken over silently; this page's own store is ignored.
    fn other_tab(&mut self, value: Option<String>, page: &mut impl Page) {
        if value.is_some() && value == self.last_stored {
            return;
        }
        self.pending = Some(value);
        page.show(Panel::OtherTab, true);
        page.focus(Focus::OtherTab);
    }

    fn load_other(&mut self, page: &mut impl Page) {
        let Some(pending) = self.pending.take() else {
            return;
        };
        let dossier = pending
            .as_deref()
            .and_then(|text| parse_dossier(text.as_bytes()).ok())
            .map_or_else(|| self.blank(), |parsed| parsed.dossier);
        self.last_stored = pending;
        page.fill(&dossier);
        page.judge();
        page.show(Panel::OtherTab, false);
        page.say(Slot::Autosave, "other-loaded", None);
    }

    fn erase(&mut self, page: &mut impl Page) {
        self.last_stored = None;
        self.pending = None;
        self.unsaved = false;
        page.unstore(&self.key());
        page.fill(&self.blank());
        page.judge();
        page.show(Panel::EraseConfirm, false);
        page.show(Panel::OtherTab, false);
        page.say(Slot::Autosave, "erase-done", None);
        page.focus(Focus::EraseButton);
    }

    fn saved(
        &mut self,
        final_file: bool,
        ok: bool,
        complete: bool,
        file: &str,
        page: &mut impl Page,
    ) {
        let (slot, key) = match (final_file, ok) {
            (_, false) => (Slot::Download, "download-failed"),
            (true, true) if !complete => (Slot::Download, "download-incomplete"),
            (true, true) => (Slot::Download, "download-done"),
            (false, true) => (Slot::Draft, "draft-saved"),
        };
        self.unsaved &= !ok;
        page.say(slot, key, Some(("file", file)));
    }

    /// On success every field is restored (and kept); on failure the form is left as it was and
    /// the reason is said.
    fn resume(&mut self, chosen: Option<Chosen>, page: &mut impl Page) {
        let parsed = match chosen {
            None => return page.say(Slot::Resume, "resume-unreadable", None),
            Some(Chosen::TooLarge(size)) => Err(DossierError::TooLarge { size }),
            Some(Chosen::Bytes(bytes)) => parse_dossier(&bytes),
        };
        let dossier = match parsed {
            Err(error) => {
                let reason = error.to_string();
                return page.say(Slot::Resume, "resume-failed", Some(("reason", &reason)));
            }
            Ok(parsed) => parsed.dossier,
        };
        page.fill(&dossier);
        let answers = page.judge();
        self.autosave(&answers, page);
        self.unsaved = false;
        // A draft of another edition is taken up for this one (the association keeps its
        // answers), but the person is told to check what a new call changes.
        let edition = dossier.edition.trim();
        if edition.is_empty() || edition == self.edition {
            page.say(Slot::Resume, "resume-done", None);
        } else {
            let quoted = crate::fr::quote(edition);
            page.say(
                Slot::Resume,
                "resume-other-edition",
                Some(("edition", &quoted)),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const EDITION: &str = "explor-test";

    fn dossier(name: &str) -> Dossier {
        let mut dossier = Dossier::blank(EDITION);
        dossier.applicant.name = name.to_owned();
        dossier
    }

    fn text(name: &str) -> String {
        to_json(&dossier(name))
    }

    /// A machine that has stored `stored` (if any), with `pending` awaiting a choice and `unsaved`.
    fn state(stored: Option<&str>, pending: Option<Option<&str>>, unsaved: bool) -> Drafts {
        Drafts {
            edition: EDITION.to_owned(),
            last_stored: stored.map(text),
            pending: pending.map(|p| p.map(text)),
            unsaved,
        }
    }

    /// What the drafts asked of the page.
    #[derive(Debug, Clone, PartialEq, Eq)]
    enum Did {
        Store(String),
        Unstore,
        Fill(String),
        Judge,
        Say(Slot, String, Option<(String, String)>),
        Show(Panel, bool),
        FocusOn(Focus),
    }

    /// A page that records the effects; its form holds the applicant's name of the last dossier
    /// filled, and its storage accepts or refuses.
    struct Recorder {
        did: Vec<Did>,
        form: Dossier,
        storage_works: bool,
    }

    impl Recorder {
        fn new(form: &str) -> Self {
            Recorder {
                did: Vec::new(),
                form: dossier(form),
                storage_works: true,
            }
        }
    }

    impl Page for Recorder {
        fn store(&mut self, key: &str, text: &str) -> bool {
            assert_eq!(key, storage_key(EDITION));
            self.did.push(Did::Store(text.to_owned()));
            self.storage_works
        }
        fn unstore(&mut self, key: &str) {
            assert_eq!(key, storage_key(EDITION));
            self.did.push(Did::Unstore);
        }
        fn fill(&mut self, dossier: &Dossier) {
            self.form = dossier.clone();
            self.did.push(Did::Fill(dossier.applicant.name.clone()));
        }
        fn judge(&mut self) -> Dossier {
            self.did.push(Did::Judge);
            self.form.clone()
        }
        fn say(&mut self, slot: Slot, key: &str, value: Option<(&str, &str)>) {
            let value = value.map(|(n, v)| (n.to_owned(), v.to_owned()));
            self.did.push(Did::Say(slot, key.to_owned(), value));
        }
        fn show(&mut self, panel: Panel, shown: bool) {
            self.did.push(Did::Show(panel, shown));
        }
        fn focus(&mut self, target: Focus) {
            self.did.push(Did::FocusOn(target));
        }
    }

    /// A transition: what, state before, the page's form, event, what the page is asked, state after.
    type Row<'a> = (&'a str, Drafts, &'a str, Event<'a>, Vec<Did>, Drafts);

    fn say(slot: Slot, key: &str) -> Did {
        Did::Say(slot, key.to_owned(), None)
    }

    fn say_with(slot: Slot, key: &str, name: &str, value: &str) -> Did {
        Did::Say(
            slot,
            key.to_owned(),
            Some((name.to_owned(), value.to_owned())),
        )
    }

    /// Runs each transition on a page whose form reads as its `form`.
    fn run(table: Vec<Row<'_>>) {
        for (name, mut drafts, form, event, did, after) in table {
            let mut page = Recorder::new(form);
            drafts.step(event, &mut page);
            assert_eq!(page.did, did, "{name}: effects");
            assert_eq!(drafts, after, "{name}: state");
        }
    }

    #[test]
    fn storing_and_other_tabs() {
        let b = dossier("B");
        use Did::*;
        use Slot::*;
        #[rustfmt::skip]
        run(vec![
            ("a readable stored draft is restored and remembered",
                state(None, None, false), "", Event::Opened { stored: Some(text("A")) },
                vec![Fill("A".into())],
                state(Some("A"), None, false)),
            ("an unreadable stored draft gives a blank form",
                state(None, None, false), "", Event::Opened { stored: Some("{".to_owned()) },
                vec![Fill("".into())],
                state(None, None, false)),
            ("an edit is stored and leaves changes unsaved",
                state(Some("A"), None, false), "B", Event::Edited { dossier: &b },
                vec![Store(text("B")), say(Autosave, "autosave-done")],
                state(Some("B"), None, true)),
            ("the same answers are not stored twice",
                state(Some("B"), None, false), "B", Event::Edited { dossier: &b },
                vec![],
                state(Some("B"), None, true)),
            ("nothing is stored while another tab's draft awaits a choice",
                state(Some("A"), Some(Some("C")), false), "B", Event::Edited { dossier: &b },
                vec![],
                state(Some("A"), Some(Some("C")), true)),
            ("this page's own store seen from the storage event is ignored",
                state(Some("A"), None, true), "A", Event::OtherTab(Some(text("A"))),
                vec![],
                state(Some("A"), None, true)),
            ("another tab's draft is offered, not taken",
                state(Some("A"), None, true), "A", Event::OtherTab(Some(text("C"))),
                vec![Show(Panel::OtherTab, true), FocusOn(Focus::OtherTab)],
                state(Some("A"), Some(Some("C")), true)),
            ("another tab erasing the draft is offered too",
                state(Some("A"), None, true), "A", Event::OtherTab(None),
                vec![Show(Panel::OtherTab, true), FocusOn(Focus::OtherTab)],
                state(Some("A"), Some(None), true)),
            ("loading the other tab's draft fills the form with it, without storing it again",
                state(Some("A"), Some(Some("C")), true), "A", Event::LoadOther,
                vec![Fill("C".into()), Judge, Show(Panel::OtherTab, false), say(Autosave, "other-loaded")],
                state(Some("C"), None, true)),
            ("loading an erased draft gives a blank form",
                state(Some("A"), Some(None), true), "A", Event::LoadOther,
                vec![Fill("".into()), Judge, Show(Panel::OtherTab, false), say(Autosave, "other-loaded")],
                state(None, None, true)),
            ("loading with nothing pending does nothing",
                state(Some("A"), None, true), "A", Event::LoadOther,
                vec![],
                state(Some("A"), None, true)),
            ("keeping mine stores this page's answers over the other tab's",
                state(Some("A"), Some(Some("C")), true), "B", Event::KeepMine,
                vec![Show(Panel::OtherTab, false), Judge, Store(text("B")), say(Autosave, "autosave-done")],
                state(Some("B"), None, true)),
        ]);
    }

    #[test]
    fn erasing_saving_and_resuming() {
        let other_edition = {
            let mut d = dossier("C");
            d.edition = "explor-autre".to_owned();
            to_json(&d).into_bytes()
        };
        let not_a_dossier = parse_dossier(b"[]").unwrap_err().to_string();
        let too_large = DossierError::TooLarge { size: 9_000_000 }.to_string();
        let saved = |final_file, ok, complete| Event::Saved {
            final_file,
            ok,
            complete,
            file: "f.json".into(),
        };
        let bytes = |name: &str| Some(Chosen::Bytes(text(name).into_bytes()));
        use Did::*;
        use Slot::*;
        #[rustfmt::skip]
        run(vec![
            ("erasing asks first",
                state(Some("A"), None, true), "A", Event::EraseAsked,
                vec![Show(Panel::EraseConfirm, true), FocusOn(Focus::EraseConfirmed)],
                state(Some("A"), None, true)),
            ("cancelling keeps everything",
                state(Some("A"), None, true), "A", Event::EraseCancelled,
                vec![Show(Panel::EraseConfirm, false), FocusOn(Focus::EraseButton)],
                state(Some("A"), None, true)),
            ("confirming erases the storage and the form",
                state(Some("A"), Some(Some("C")), true), "A", Event::EraseConfirmed,
                vec![Unstore, Fill("".into()), Judge, Show(Panel::EraseConfirm, false),
                     Show(Panel::OtherTab, false), say(Autosave, "erase-done"), FocusOn(Focus::EraseButton)],
                state(None, None, false)),
            ("a saved draft file leaves nothing unsaved",
                state(Some("A"), None, true), "A", saved(false, true, false),
                vec![say_with(Draft, "draft-saved", "file", "f.json")],
                state(Some("A"), None, false)),
            ("an incomplete final file is said so",
                state(Some("A"), None, true), "A", saved(true, true, false),
                vec![say_with(Download, "download-incomplete", "file", "f.json")],
                state(Some("A"), None, false)),
            ("a complete final file is said so",
                state(Some("A"), None, true), "A", saved(true, true, true),
                vec![say_with(Download, "download-done", "file", "f.json")],
                state(Some("A"), None, false)),
            ("a refused download keeps the changes unsaved",
                state(Some("A"), None, true), "A", saved(true, false, true),
                vec![say_with(Download, "download-failed", "file", "f.json")],
                state(Some("A"), None, true)),
            ("a resumed file fills the form, is stored, and leaves nothing unsaved",
                state(Some("A"), None, true), "A", Event::FileChosen(bytes("B")),
                vec![Fill("B".into()), Judge, Store(text("B")), say(Autosave, "autosave-done"),
                     say(Resume, "resume-done"), FocusOn(Focus::ResumeFile)],
                state(Some("B"), None, false)),
            ("a draft of another edition is taken, with a warning",
                state(None, None, false), "", Event::FileChosen(Some(Chosen::Bytes(other_edition.clone()))),
                vec![Fill("C".into()), Judge, Store(String::from_utf8(other_edition.clone()).unwrap()),
                     say(Autosave, "autosave-done"),
                     say_with(Resume, "resume-other-edition", "edition", &crate::fr::quote("explor-autre")),
                     FocusOn(Focus::ResumeFile)],
                Drafts { last_stored: Some(String::from_utf8(other_edition.clone()).unwrap()), ..state(None, None, false) }),
            ("a file that is no dossier leaves the form as it was",
                state(Some("A"), None, true), "A", Event::FileChosen(Some(Chosen::Bytes(b"[]".to_vec()))),
                vec![say_with(Resume, "resume-failed", "reason", &not_a_dossier), FocusOn(Focus::ResumeFile)],
                state(Some("A"), None, true)),
            ("a file too large is refused unread",
                state(Some("A"), None, true), "A", Event::FileChosen(Some(Chosen::TooLarge(9_000_000))),
                vec![say_with(Resume, "resume-failed", "reason", &too_large), FocusOn(Focus::ResumeFile)],
                state(Some("A"), None, true)),
            ("an unreadable file is said so",
                state(Some("A"), None, true), "A", Event::FileChosen(None),
                vec![say(Resume, "resume-unreadable"), FocusOn(Focus::ResumeFile)],
                state(Some("A"), None, true)),
        ]);
    }

    #[test]
    fn a_refused_store_is_said_and_not_retried_for_the_same_answers() {
        let mut drafts = state(Some("A"), None, false);
        let mut page = Recorder::new("B");
        page.storage_works = false;
        let b = dossier("B");
        drafts.step(Event::Edited { dossier: &b }, &mut page);
        assert_eq!(
            page.did,
            [
                Did::Store(text("B")),
                say(Slot::Autosave, "autosave-failed")
            ]
        );
        page.did.clear();
        drafts.step(Event::Edited { dossier: &b }, &mut page);
        assert!(page.did.is_empty());
    }

    #[test]
    fn a_choice_ends_the_wait_and_storing_resumes() {
        let mut drafts = state(Some("A"), None, false);
        let mut page = Recorder::new("A");
        drafts.step(Event::OtherTab(Some(text("C"))), &mut page);
        let b = dossier("B");
        page.did.clear();
        drafts.step(Event::Edited { dossier: &b }, &mut page);
        assert!(page.did.is_empty(), "{:?}", page.did);
        drafts.step(Event::LoadOther, &mut page);
        drafts.step(Event::Edited { dossier: &b }, &mut page);
        assert_eq!(page.did.last(), Some(&say(Slot::Autosave, "autosave-done")));
        assert!(page.did.contains(&Did::Store(text("B"))));
        assert!(drafts.unsaved());
    }

    #[test]
    fn the_key_names_the_edition() {
        assert_eq!(
            Drafts::new("explor-2025").key(),
            "explor:explor-2025:candidature"
        );
    }
}
