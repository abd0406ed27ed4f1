//! Receiving a batch of files, written once for `explor check` and the staff page: each file read and
//! judged against the day it was sent (DOSSIER.md §3), the files that are not dossiers listed with
//! their French reason, and a dossier sent twice (same bytes, or same association and mission title)
//! listed as a duplicate of the first one, judged but counted once.

use std::collections::BTreeMap;
use std::hash::{DefaultHasher, Hash, Hasher};

use jiff::civil::Date;

use crate::committee::{file_name, Checked, Outcome};
use crate::fr::{self, NBSP, NNBSP};
use crate::{DossierError, Edition, Judged, MAX_BYTES};

/// What the reader (the file system, the browser) could get of a file.
#[derive(Debug, Clone)]
pub enum Content<'a> {
    /// The file's bytes. Reading [`MAX_BYTES`] + 1 of them is enough: more is refused as too large.
    Bytes(&'a [u8]),
    /// A file the reader knows to be larger than [`MAX_BYTES`] without reading it: its size in bytes.
    Size(u64),
    /// The reader could not read the file: why, in French (the reader's own reason).
    Failed(String),
}

/// One file received: its name as given, what could be read of it, and the day it was sent (the
/// date of its e-mail), which the deadline is judged against.
#[derive(Debug, Clone)]
pub struct Received<'a> {
    pub file: String,
    pub content: Content<'a>,
    pub sent: Date,
}

/// Receives files one at a time, remembering what it has seen to detect duplicates, so that a long
/// batch needs only one file's bytes in memory at a time (`explor check`) and can show progress.
pub struct Receiver<'e> {
    edition: &'e Edition,
    /// (hash, length) of the bytes of each dossier read → the first file that had them.
    by_bytes: BTreeMap<(u64, usize), String>,
    /// (association, mission title) as compared → the first file that had them.
    by_title: BTreeMap<(String, String), String>,
}

impl<'e> Receiver<'e> {
    pub fn new(edition: &'e Edition) -> Receiver<'e> {
        Receiver {
            edition,
            by_bytes: BTreeMap::new(),
            by_title: BTreeMap::new(),
        }
    }

    /// Reads and judges one file, and says whether it repeats an earlier one.
    pub fn receive(&mut self, received: Received) -> Checked {
        let Received {
            file,
            content,
            sent,
        } = received;
        let outcome = match content {
            Content::Failed(reason) => Outcome::Unreadable(reason),
            Content::Size(size) => Outcome::Unreadable(too_large(size)),
            Content::Bytes(bytes) => match crate::judge(self.edition, bytes, sent) {
                Err(error) => Outcome::Unreadable(error.to_string()),
                Ok(judged) => match self.first_of(&file, bytes, &judged) {
                    Some(reason) => Outcome::Duplicate {
                        judged: Box::new(judged),
                        reason,
                    },
                    None => Outcome::Judged(Box::new(judged)),
                },
            },
        };
        Checked {
            file,
            sent,
            outcome,
        }
    }

    /// The reason `file` is a duplicate of an earlier file, or `None` after remembering it as the
    /// first of its bytes and of its association and title. Bytes are compared by a 64-bit hash and
    /// their length: two different files sharing both are vanishingly unlikely, and would still be
    /// the same association and title in any real batch.
    fn first_of(&mut self, file: &str, bytes: &[u8], judged: &Judged) -> Option<String> {
        let mut hasher = DefaultHasher::new();
        bytes.hash(&mut hasher);
        let bytes_key = (hasher.finish(), bytes.len());
        if let Some(first) = self.by_bytes.get(&bytes_key) {
            return Some(same_bytes(first));
        }
        self.by_bytes.insert(bytes_key, file_name(file).to_owned());
        let title_key = title_key(judged)?;
        if let Some(first) = self.by_title.get(&title_key) {
            return Some(same_title(first));
        }
        self.by_title.insert(title_key, file_name(file).to_owned());
        None
    }
}

/// Every file of `files` received in order: what `explor check` and the staff page both report.
pub fn receive<'a>(
    edition: &Edition,
    files: impl IntoIterator<Item = Received<'a>>,
) -> Vec<Checked> {
    let mut receiver = Receiver::new(edition);
    files.into_iter().map(|r| receiver.receive(r)).collect()
}

/// Why a file of `size` bytes is not read: the parser's own sentence.
pub fn too_large(size: u64) -> String {
    let size = usize::try_from(size)
        .unwrap_or(usize::MAX)
        .max(MAX_BYTES + 1);
    DossierError::TooLarge { size }.to_string()
}

/// The association and the mission title as compared: accents, case, punctuation and spacing
/// ignored; `None` when either is blank (two blank dossiers are not the same dossier).
fn title_key(judged: &Judged) -> Option<(String, String)> {
    let key = |text: &str| {
        let (folded, _) = fr::collation_key(text);
        folded.split_whitespace().collect::<Vec<_>>().join(" ")
    };
    let d = &judged.dossier;
    let (association, title) = (key(&d.applicant.name), key(&d.mission.title));
    (!association.is_empty() && !title.is_empty()).then_some((association, title))
}

// The sentences are typeset by hand (NBSP before `:`, NNBSP before `;`): `fr::typeset` would also
// touch the file name quoted inside.
fn same_bytes(first: &str) -> String {
    format!(
        "Doublon{NBSP}: ce fichier est identique à {} (mêmes octets), le même dossier envoyé deux \
         fois. Il n’est compté qu’une fois{NNBSP}; sa fiche reste consultable.",
        fr::quote(first)
    )
}

fn same_title(first: &str) -> String {
    format!(
        "Doublon{NBSP}: même association et même titre de mission que {}, sans doute le même \
         dossier envoyé deux fois. Il n’est compté qu’une fois{NNBSP}; comparez les deux fiches et \
         retirez du lot la version à écarter.",
        fr::quote(first)
    )
}
