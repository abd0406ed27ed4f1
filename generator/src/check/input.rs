//! The files to judge: directories expanded to their `.json` files, each file read with a size bound
//! so that a huge attachment is refused without being loaded.

use std::fs::File;
use std::io::{ErrorKind, Read};
use std::path::{Path, PathBuf};

use wasm_validator::DossierError;

/// The parser refuses files larger than [`wasm_validator::MAX_BYTES`]; reading one byte more than that
/// is enough for it to know, whatever the file's real size.
const READ_LIMIT: u64 = wasm_validator::MAX_BYTES as u64 + 1;

/// One file to judge: its name as shown in the report, and its bytes or why they could not be read.
pub struct Input {
    pub file: String,
    pub bytes: Result<Vec<u8>, String>,
}

/// Expands `paths` in order: a directory becomes its `.json` files sorted by name; a directory without
/// any, or a path that cannot be listed, becomes one unreadable entry.
pub fn expand(paths: &[PathBuf]) -> Vec<Input> {
    let mut inputs = Vec::new();
    for path in paths {
        if path.is_dir() {
            match json_files_in(path) {
                Ok(files) if files.is_empty() => inputs.push(Input {
                    file: path.display().to_string(),
                    bytes: Err(
                        "Ce répertoire ne contient aucun fichier .json\u{a0}; indiquez le répertoire \
                         où sont enregistrés les dossiers reçus."
                            .to_owned(),
                    ),
                }),
                Ok(files) => inputs.extend(files.iter().map(|file| read(file))),
                Err(e) => inputs.push(Input {
                    file: path.display().to_string(),
                    bytes: Err(io_message(&e, "Ce répertoire ne peut pas être parcouru")),
                }),
            }
        } else {
            inputs.push(read(path));
        }
    }
    inputs
}

/// The regular files of `dir` whose name ends in `.json` (any case), sorted by name.
fn json_files_in(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        let is_json = path
            .extension()
            .is_some_and(|ext| ext.eq_ignore_ascii_case("json"));
        if is_json && path.is_file() {
            files.push(path);
        }
    }
    files.sort();
    Ok(files)
}

/// Reads at most [`READ_LIMIT`] bytes of `path`. A larger file is refused here, with its real size
/// (the parser would only see the bytes read).
fn read(path: &Path) -> Input {
    let file = path.display().to_string();
    let bytes = File::open(path)
        .and_then(|handle| {
            let size = handle.metadata().map(|m| m.len()).ok();
            let mut bytes = Vec::new();
            handle.take(READ_LIMIT).read_to_end(&mut bytes)?;
            Ok((bytes, size))
        })
        .map_err(|e| io_message(&e, "Ce fichier ne peut pas être lu"))
        .and_then(|(bytes, size)| {
            if bytes.len() > wasm_validator::MAX_BYTES {
                let size = size
                    .and_then(|s| usize::try_from(s).ok())
                    .unwrap_or(bytes.len());
                Err(DossierError::TooLarge {
                    size: size.max(bytes.len()),
                }
                .to_string())
            } else {
                Ok(bytes)
            }
        });
    Input { file, bytes }
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
