//! The drafts of the application as a state machine, independent of the browser: what is kept in
//! the browser's storage, another tab's change waiting for the person's choice, changes not yet
//! saved to a file. [`Drafts::step`] takes what happened and returns the effects, in order, that the
//! browser shell (`wasm::candidature`) performs; the shell decides nothing about drafts itself.
//!
//! Drafts are never lost: a draft stored by another tab is never overwritten until the person
//! chooses, a file that cannot be resumed leaves the form as it was, and erasing asks first.

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
    /// The form was read into `dossier`; `edited` when the person changed it (not the page itself
    /// filling it).
    Answers {
        dossier: &'a Dossier,
        edited: bool,
    },
    /// The browser accepted (`true`) or refused the last [`Effect::Store`].
    Stored(bool),
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

/// Where the focus goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    /// The « Oui, effacer » button of the confirmation.
    EraseConfirmed,
    EraseButton,
    OtherTab,
    ResumeFile,
}

/// How the form is judged again after an event.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Judge {
    /// Judge the form and show the result only (nothing to store).
    Show,
    /// Judge, show, then report the answers with [`Event::Answers`] (they may be stored).
    ShowAndStore,
}

/// A sentence of the page said in a slot: the key of the sentence in `#texts`, with `{name}`
/// replaced by the value given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Say {
    pub slot: Slot,
    pub key: &'static str,
    pub value: Option<(&'static str, String)>,
}

/// What the shell does after an event, in the order of the fields. A struct rather than a list of
/// effects: every event's effects fit this order, and the list cost the module a kilobyte.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Effects {
    /// Remove the draft from the browser's storage.
    pub unstore: bool,
    /// Keep this text in the browser's storage, then report with [`Event::Stored`].
    pub store: Option<String>,
    /// Put this dossier into the form.
    pub fill: Option<Box<Dossier>>,
    pub judge: Option<Judge>,
    /// Show (`true`) or hide the erase confirmation.
    pub erase_confirm: Option<bool>,
    /// Show or hide the notice of another tab's change.
    pub other_tab: Option<bool>,
    pub say: Option<Say>,
    pub focus: Option<Focus>,
}

/// The drafts of one edition's application.
#[derive(Debug, Clone, PartialEq, Eq)]
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
            last_stored: None,
            pending: None,
            unsaved: false,
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

    /// Moves on after `event`; the effects to perform.
    pub fn step(&mut self, event: Event<'_>) -> Effects {
        match event {
            Event::Opened { stored } => self.opened(stored),
            Event::Answers { dossier, edited } => self.answers(dossier, edited),
            Event::Stored(ok) => {
                let key = if ok {
                    "autosave-done"
                } else {
                    "autosave-failed"
                };
                say(Slot::Autosave, key, None)
            }
            Event::OtherTab(value) => self.other_tab(value),
            Event::LoadOther => self.load_other(),
            Event::KeepMine => {
                self.pending = None;
                Effects {
                    other_tab: Some(false),
                    judge: Some(Judge::ShowAndStore),
                    ..Effects::default()
                }
            }
            Event::EraseAsked => Effects {
                erase_confirm: Some(true),
                focus: Some(Focus::EraseConfirmed),
                ..Effects::default()
            },
            Event::EraseCancelled => Effects {
                erase_confirm: Some(false),
                focus: Some(Focus::EraseButton),
                ..Effects::default()
            },
            Event::EraseConfirmed => self.erase(),
            Event::Saved {
                final_file,
                ok,
                complete,
                file,
            } => self.saved(final_file, ok, complete, file),
            Event::FileChosen(chosen) => Effects {
                focus: Some(Focus::ResumeFile),
                ..self.resume(chosen)
            },
        }
    }

    fn blank(&self) -> Dossier {
        Dossier::blank(&self.edition)
    }

    /// The stored draft if it is still a readable dossier, else a blank one.
    fn opened(&mut self, stored: Option<String>) -> Effects {
        let restored = stored.and_then(|text| {
            let dossier = parse_dossier(text.as_bytes()).ok()?.dossier;
            self.last_stored = Some(text);
            Some(dossier)
        });
        Effects {
            fill: Some(Box::new(restored.unwrap_or_else(|| self.blank()))),
            ..Effects::default()
        }
    }

    /// Keeps the answers unless another tab's draft awaits a choice or nothing changed.
    fn answers(&mut self, dossier: &Dossier, edited: bool) -> Effects {
        self.unsaved |= edited;
        if self.pending.is_some() {
            return Effects::default();
        }
        let text = to_json(dossier);
        if self.last_stored.as_deref() == Some(text.as_str()) {
            return Effects::default();
        }
        self.last_stored = Some(text.clone());
        Effects {
            store: Some(text),
            ..Effects::default()
        }
    }

    /// Another tab's draft is offered, never taken over silently; this page's own store is ignored.
    fn other_tab(&mut self, value: Option<String>) -> Effects {
        if value.is_some() && value == self.last_stored {
            return Effects::default();
        }
        self.pending = Some(value);
        Effects {
            other_tab: Some(true),
            focus: Some(Focus::OtherTab),
            ..Effects::default()
        }
    }

    fn load_other(&mut self) -> Effects {
        let Some(pending) = self.pending.take() else {
            return Effects::default();
        };
        let dossier = pending
            .as_deref()
            .and_then(|text| parse_dossier(text.as_bytes()).ok())
            .map_or_else(|| self.blank(), |parsed| parsed.dossier);
        self.last_stored = pending;
        Effects {
            fill: Some(Box::new(dossier)),
            judge: Some(Judge::Show),
            other_tab: Some(false),
            ..say(Slot::Autosave, "other-loaded", None)
        }
    }

    fn erase(&mut self) -> Effects {
        self.last_stored = None;
        self.pending = None;
        self.unsaved = false;
        Effects {
            unstore: true,
            fill: Some(Box::new(self.blank())),
            judge: Some(Judge::Show),
            erase_confirm: Some(false),
            other_tab: Some(false),
            focus: Some(Focus::EraseButton),
            ..say(Slot::Autosave, "erase-done", None)
        }
    }

    fn saved(&mut self, final_file: bool, ok: bool, complete: bool, file: String) -> Effects {
        let (slot, key) = match (final_file, ok) {
            (_, false) => (Slot::Download, "download-failed"),
            (true, true) if !complete => (Slot::Download, "download-incomplete"),
            (true, true) => (Slot::Download, "download-done"),
            (false, true) => (Slot::Draft, "draft-saved"),
        };
        self.unsaved &= !ok;
        say(slot, key, Some(("file", file)))
    }

    /// On success every field is restored; on failure the form is left as it was and the reason
    /// is said.
    fn resume(&mut self, chosen: Option<Chosen>) -> Effects {
        let parsed = match chosen {
            None => return say(Slot::Resume, "resume-unreadable", None),
            Some(Chosen::TooLarge(size)) => Err(DossierError::TooLarge { size }),
            Some(Chosen::Bytes(bytes)) => parse_dossier(&bytes),
        };
        let dossier = match parsed {
            Err(error) => {
                let reason = Some(("reason", error.to_string()));
                return say(Slot::Resume, "resume-failed", reason);
            }
            Ok(parsed) => parsed.dossier,
        };
        self.unsaved = false;
        // A draft of another edition is taken up for this one (the association keeps its
        // answers), but the person is told to check what a new call changes.
        let edition = dossier.edition.trim().to_owned();
        let told = if edition.is_empty() || edition == self.edition {
            say(Slot::Resume, "resume-done", None)
        } else {
            let quoted = Some(("edition", crate::fr::quote(&edition)));
            say(Slot::Resume, "resume-other-edition", quoted)
        };
        Effects {
            fill: Some(Box::new(dossier)),
            judge: Some(Judge::ShowAndStore),
            ..told
        }
    }
}

/// Effects that only say the sentence `key` in `slot`.
fn say(slot: Slot, key: &'static str, value: Option<(&'static str, String)>) -> Effects {
    Effects {
        say: Some(Say { slot, key, value }),
        ..Effects::default()
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

    fn none() -> Effects {
        Effects::default()
    }

    fn fill(dossier: Dossier, judge: Judge) -> Effects {
        Effects {
            fill: Some(Box::new(dossier)),
            judge: Some(judge),
            ..none()
        }
    }

    fn said(slot: Slot, key: &'static str, value: Option<(&'static str, String)>) -> Effects {
        say(slot, key, value)
    }

    #[test]
    fn transitions() {
        let a = dossier("A");
        let b = dossier("B");
        let other_edition = {
            let mut d = dossier("C");
            d.edition = "explor-autre".to_owned();
            d
        };
        let file = || Some(("file", "f.json".to_owned()));
        let saved = |final_file, ok, complete| Event::Saved {
            final_file,
            ok,
            complete,
            file: "f.json".into(),
        };
        let resume = |key, value| Effects {
            focus: Some(Focus::ResumeFile),
            ..said(Slot::Resume, key, value)
        };
        #[rustfmt::skip]
        let table: Vec<(&str, Drafts, Event<'_>, Effects, Drafts)> = vec![
            ("a readable stored draft is restored and remembered",
                state(None, None, false), Event::Opened { stored: Some(text("A")) },
                Effects { fill: Some(Box::new(a.clone())), ..none() },
                state(Some("A"), None, false)),
            ("an unreadable stored draft gives a blank form",
                state(None, None, false), Event::Opened { stored: Some("{".to_owned()) },
                Effects { fill: Some(Box::new(Dossier::blank(EDITION))), ..none() },
                state(None, None, false)),
            ("an edit is stored and leaves changes unsaved",
                state(Some("A"), None, false), Event::Answers { dossier: &b, edited: true },
                Effects { store: Some(text("B")), ..none() },
                state(Some("B"), None, true)),
            ("the same answers are not stored twice",
                state(Some("A"), None, false), Event::Answers { dossier: &a, edited: false },
                none(),
                state(Some("A"), None, false)),
            ("nothing is stored while another tab's draft awaits a choice",
                state(Some("A"), Some(Some("C")), false), Event::Answers { dossier: &b, edited: true },
                none(),
                state(Some("A"), Some(Some("C")), true)),
            ("a refused store is said",
                state(Some("A"), None, true), Event::Stored(false),
                said(Slot::Autosave, "autosave-failed", None),
                state(Some("A"), None, true)),
            ("this page's own store seen from the storage event is ignored",
                state(Some("A"), None, true), Event::OtherTab(Some(text("A"))),
                none(),
                state(Some("A"), None, true)),
            ("another tab's draft is offered, not taken",
                state(Some("A"), None, true), Event::OtherTab(Some(text("C"))),
                Effects { other_tab: Some(true), focus: Some(Focus::OtherTab), ..none() },
                state(Some("A"), Some(Some("C")), true)),
            ("another tab erasing the draft is offered too",
                state(Some("A"), None, true), Event::OtherTab(None),
                Effects { other_tab: Some(true), focus: Some(Focus::OtherTab), ..none() },
                state(Some("A"), Some(None), true)),
            ("loading the other tab's draft fills the form with it",
                state(Some("A"), Some(Some("C")), true), Event::LoadOther,
                Effects { other_tab: Some(false), say: said(Slot::Autosave, "other-loaded", None).say, ..fill(dossier("C"), Judge::Show) },
                state(Some("C"), None, true)),
            ("loading an erased draft gives a blank form",
                state(Some("A"), Some(None), true), Event::LoadOther,
                Effects { other_tab: Some(false), say: said(Slot::Autosave, "other-loaded", None).say, ..fill(Dossier::blank(EDITION), Judge::Show) },
                state(None, None, true)),
            ("loading with nothing pending does nothing",
                state(Some("A"), None, true), Event::LoadOther,
                none(),
                state(Some("A"), None, true)),
            ("keeping mine stores this page's answers again",
                state(Some("A"), Some(Some("C")), true), Event::KeepMine,
                Effects { other_tab: Some(false), judge: Some(Judge::ShowAndStore), ..none() },
                state(Some("A"), None, true)),
            ("erasing asks first",
                state(Some("A"), None, true), Event::EraseAsked,
                Effects { erase_confirm: Some(true), focus: Some(Focus::EraseConfirmed), ..none() },
                state(Some("A"), None, true)),
            ("cancelling keeps everything",
                state(Some("A"), None, true), Event::EraseCancelled,
                Effects { erase_confirm: Some(false), focus: Some(Focus::EraseButton), ..none() },
                state(Some("A"), None, true)),
            ("confirming erases the storage and the form",
                state(Some("A"), Some(Some("C")), true), Event::EraseConfirmed,
                Effects {
                    unstore: true, erase_confirm: Some(false), other_tab: Some(false),
                    say: said(Slot::Autosave, "erase-done", None).say, focus: Some(Focus::EraseButton),
                    ..fill(Dossier::blank(EDITION), Judge::Show)
                },
                state(None, None, false)),
            ("a saved draft file leaves nothing unsaved",
                state(Some("A"), None, true), saved(false, true, false),
                said(Slot::Draft, "draft-saved", file()),
                state(Some("A"), None, false)),
            ("an incomplete final file is said so",
                state(Some("A"), None, true), saved(true, true, false),
                said(Slot::Download, "download-incomplete", file()),
                state(Some("A"), None, false)),
            ("a complete final file is said so",
                state(Some("A"), None, true), saved(true, true, true),
                said(Slot::Download, "download-done", file()),
                state(Some("A"), None, false)),
            ("a refused download keeps the changes unsaved",
                state(Some("A"), None, true), saved(true, false, true),
                said(Slot::Download, "download-failed", file()),
                state(Some("A"), None, true)),
            ("a resumed file fills the form and is then stored",
                state(Some("A"), None, true), Event::FileChosen(Some(Chosen::Bytes(text("B").into_bytes()))),
                Effects { focus: Some(Focus::ResumeFile), say: said(Slot::Resume, "resume-done", None).say, ..fill(b.clone(), Judge::ShowAndStore) },
                state(Some("A"), None, false)),
            ("a draft of another edition is taken, with a warning",
                state(None, None, false), Event::FileChosen(Some(Chosen::Bytes(to_json(&other_edition).into_bytes()))),
                Effects {
                    focus: Some(Focus::ResumeFile),
                    say: said(Slot::Resume, "resume-other-edition", Some(("edition", crate::fr::quote("explor-autre")))).say,
                    ..fill(other_edition.clone(), Judge::ShowAndStore)
                },
                state(None, None, false)),
            ("a file that is no dossier leaves the form as it was",
                state(Some("A"), None, true), Event::FileChosen(Some(Chosen::Bytes(b"[]".to_vec()))),
                resume("resume-failed", Some(("reason", parse_dossier(b"[]").unwrap_err().to_string()))),
                state(Some("A"), None, true)),
            ("a file too large is refused unread",
                state(Some("A"), None, true), Event::FileChosen(Some(Chosen::TooLarge(9_000_000))),
                resume("resume-failed", Some(("reason", DossierError::TooLarge { size: 9_000_000 }.to_string()))),
                state(Some("A"), None, true)),
            ("an unreadable file is said so",
                state(Some("A"), None, true), Event::FileChosen(None),
                resume("resume-unreadable", None),
                state(Some("A"), None, true)),
        ];
        for (name, mut drafts, event, effects, after) in table {
            assert_eq!(drafts.step(event), effects, "{name}: effects");
            assert_eq!(drafts, after, "{name}: state");
        }
    }

    #[test]
    fn a_choice_ends_the_wait_and_storing_resumes() {
        let mut drafts = state(Some("A"), None, false);
        drafts.step(Event::OtherTab(Some(text("C"))));
        let b = dossier("B");
        let answers = |d: &mut Drafts| {
            d.step(Event::Answers {
                dossier: &b,
                edited: true,
            })
        };
        assert_eq!(answers(&mut drafts), none());
        drafts.step(Event::KeepMine);
        assert_eq!(answers(&mut drafts).store, Some(text("B")));
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
