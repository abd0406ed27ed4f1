//! The files to judge: directories expanded to their `.json` entries, each entry that cannot be read
//! listed with its reason (never skipped in silence), each file read with a size bound so that a
//! huge attachment is refused without being loaded, and only regular files opened (a named pipe
//! would block the command forever).

use std::fs::File;
use std::io::{ErrorKind, Read as _};
use std::path::{Path, PathBuf};

/// The parser refuses files larger than [`wasm_validator::MAX_BYTES`]; reading one byte more than that
/// is enough for it to know, whatever the file's real size.
const READ_LIMIT: u64 = wasm_validator::MAX_BYTES as u64 + 1;

/// What could be read of a file, for the core's receiver (which gives the reasons that are not
/// about the file system).
pub enum Read {
    Bytes(Vec<u8>),
    /// Larger than a dossier can be: its real size.
    TooLarge(u64),
    /// The file system's reason, in French.
    Failed(String),
}

/// One file to judge: its name as shown in the report, and its path or why it cannot be read.
pub struct Item {
    pub file: String,
    pub path: Result<PathBuf, String>,
}

impl Item {
    fn unreadable(path: &Path, reason: String) -> Item {
        Item {
            file: path.display().to_string(),
            path: Err(reason),
        }
    }
}

/// Expands `paths` in order: a directory becomes its `.json` entries sorted by name (those that are
/// not readable regular files with their reason); a directory without any, or one that cannot be
/// listed, becomes one unreadable entry.
pub fn expand(paths: &[PathBuf]) -> Vec<Item> {
    let mut items = Vec::new();
    for path in paths {
        if !path.is_dir() {
            items.push(Item {
                file: path.display().to_string(),
                path: Ok(path.clone()),
            });
            continue;
        }
        match json_entries_in(path) {
            Ok(entries) if entries.is_empty() => items.push(Item::unreadable(
                path,
                "Ce répertoire ne contient aucun fichier .json\u{a0}; indiquez le répertoire \
                 où sont enregistrés les dossiers reçus."
                    .to_owned(),
            )),
            Ok(entries) => items.extend(entries),
            Err(e) => items.push(Item::unreadable(
                path,
                io_message(&e, "Ce répertoire ne peut pas être parcouru"),
            )),
        }
    }
    items
}

/// The entries of `dir` whose name ends in `.json` (any case), sorted by name: regular files (or
/// links to one) to read, anything else with why it is not read.
fn json_entries_in(dir: &Path) -> std::io::Result<Vec<Item>> {
    let mut items = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let path = match entry {
            Ok(entry) => entry.path(),
            Err(e) => {
                items.push(Item::unreadable(
                    dir,
                    io_message(&e, "Une entrée de ce répertoire ne peut pas être lue"),
                ));
                continue;
            }
        };
        let is_json = path
            .extension()
            .is_some_and(|ext| ext.eq_ignore_ascii_case("json"));
        // A folder named `x.json` is not a file someone sent: not listed (folders are not walked).
        if !is_json || path.is_dir() {
            continue;
        }
        items.push(match regular(&path) {
            Ok(()) => Item {
                file: path.display().to_string(),
                path: Ok(path),
            },
            Err(reason) => Item::unreadable(&path, reason),
        });
    }
    items.sort_by(|a, b| a.file.cmp(&b.file));
    Ok(items)
}

/// `Ok` when `path` is a regular file or a link to one; otherwise why it is not read. Checked
/// before opening: opening a named pipe waits for a writer that never comes.
fn regular(path: &Path) -> Result<(), String> {
    match std::fs::metadata(path) {
        Ok(meta) if meta.is_file() => Ok(()),
        Ok(_) => Err(
            "Ce n’est pas un fichier ordinaire (tube nommé, périphérique ou prise)\u{a0}: il n’est \
             pas lu. Indiquez le fichier .json du dossier reçu."
                .to_owned(),
        ),
        Err(e) if e.kind() == ErrorKind::NotFound && path.is_symlink() => Err(
            "Ce lien symbolique mène à un fichier introuvable\u{a0}: vérifiez le lien ou copiez \
             le dossier lui-même dans le répertoire."
                .to_owned(),
        ),
        Err(e) => Err(io_message(&e, "Ce fichier ne peut pas être lu")),
    }
}

/// Reads at most [`READ_LIMIT`] bytes of the regular file `path`. A larger file is reported with its
/// real size (the parser would only see the bytes read).
pub fn read(path: &Path) -> Read {
    if let Err(reason) = regular(path) {
        return Read::Failed(reason);
    }
    let read = File::open(path)
        .and_then(|handle| {
            let size = handle.metadata().map(|m| m.len()).ok();
            let mut bytes = Vec::new();
            handle.take(READ_LIMIT).read_to_end(&mut bytes)?;
            Ok((bytes, size))
        })
        .map_err(|e| io_message(&e, "Ce fichier ne peut pas être lu"));
    match read {
        Err(reason) => Read::Failed(reason),
        Ok((bytes, size)) if bytes.len() > wasm_validator::MAX_BYTES => {
            Read::TooLarge(size.unwrap_or(0).max(bytes.len() as u64))
        }
        Ok((bytes, _)) => Read::Bytes(bytes),
    }
}

/// A French sentence for a file system error, saying what to check.
fn io_message(error: &std::io::Error, generic: &str) -> String {
    match error.kind() {
        ErrorKind::NotFound => {
            "Fichier introuvable\u{a0}: vérifiez le nom et le chemin du fichier.".to_owned()
        }
        ErrorKind::PermissionDenied => {
            format!("{generic}\u{a0}: accès refusé\u{a0}; vérifiez les droits de lecture.")
        }
        _ => format!("{generic} ({error})."),
    }
}
