//! Where `--output` may write: never over a file being judged (however it is spelled, hard links
//! included), never through a symbolic link or onto a special file (the atomic rename would replace
//! the link or the device node itself), and never a `.json` report inside a folder being judged,
//! which the next run of the same command would read as a received dossier and refuse (exit 2).
//! Checked before any file is judged, so a refused run changes nothing.

use std::path::{Path, PathBuf};

use super::input::Item;

/// `Ok` when the report may be written to `output`; otherwise a French sentence saying why not and
/// what to do. `args` are the paths given on the command line, `items` the files found from them.
pub fn check(output: &Path, args: &[PathBuf], items: &[Item]) -> Result<(), String> {
    let shown = output.display();
    if let Ok(meta) = std::fs::symlink_metadata(output) {
        if meta.file_type().is_symlink() {
            return Err(format!(
                "le rapport ne peut pas être écrit dans «\u{a0}{shown}\u{a0}»\u{a0}: c’est un lien \
                 symbolique, qui serait remplacé par le rapport. Indiquez le chemin du fichier \
                 lui-même, ou un autre nom."
            ));
        }
        if !meta.is_file() {
            return Err(format!(
                "le rapport ne peut pas être écrit dans «\u{a0}{shown}\u{a0}»\u{a0}: ce n’est pas un \
                 fichier ordinaire (répertoire, périphérique, tube nommé…). Indiquez un nom de \
                 fichier, par exemple rapport.csv."
            ));
        }
        let inputs = items.iter().filter_map(|item| item.path.as_ref().ok());
        // Only a regular file can be the report file; `is_same_file` opens both paths, and opening a
        // named pipe given as input would block, so anything else is never compared.
        let regular = |path: &&PathBuf| std::fs::metadata(path).is_ok_and(|m| m.is_file());
        for input in inputs.chain(args.iter()).filter(regular) {
            if same_file::is_same_file(output, input).unwrap_or(false) {
                return Err(format!(
                    "le rapport ne peut pas être écrit dans «\u{a0}{shown}\u{a0}»\u{a0}: c’est aussi \
                     un des fichiers à vérifier («\u{a0}{}\u{a0}»), qui serait perdu. Choisissez un \
                     autre nom de fichier pour le rapport.",
                    input.display()
                ));
            }
        }
    }
    if let Some(folder) = scanned_folder(output, args) {
        return Err(format!(
            "le rapport ne peut pas être écrit dans «\u{a0}{shown}\u{a0}»\u{a0}: ce fichier .json \
             serait dans le répertoire vérifié «\u{a0}{}\u{a0}», et la prochaine vérification le \
             lirait comme un dossier reçu. Écrivez le rapport dans un autre répertoire.",
            folder.display()
        ));
    }
    Ok(())
}

/// The folder given as input that would list `output` among its dossiers: `output` ends in `.json`
/// and its parent is that folder (compared as files, so `recus/` and `./recus` are the same).
fn scanned_folder<'a>(output: &Path, args: &'a [PathBuf]) -> Option<&'a PathBuf> {
    let is_json = output
        .extension()
        .is_some_and(|ext| ext.eq_ignore_ascii_case("json"));
    if !is_json {
        return None;
    }
    let parent = match output.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    args.iter()
        .filter(|arg| arg.is_dir())
        .find(|arg| same_file::is_same_file(parent, arg).unwrap_or(false))
}
