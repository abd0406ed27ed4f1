//! Stage `output`: the built site held in memory, then written all at once. Files are written to a
//! temporary folder beside the output folder, which is then swapped in by renames, so a build that
//! fails at any stage leaves the previous site untouched.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{anyhow, bail};

/// The site's files by path from the site root (with `/`), in sorted order so that writing and
/// checking are deterministic.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Output {
    files: BTreeMap<String, Vec<u8>>,
}

impl Output {
    /// Adds a file; two sources writing the same path is an error naming both, and so is a file
    /// whose path is another file's folder (`appel` beside `appel/index.html`), which no file system
    /// can hold.
    pub fn add(&mut self, path: &str, bytes: Vec<u8>, from: &str) -> anyhow::Result<()> {
        if self.files.contains_key(path) {
            bail!("{from} : le fichier {path} du site est déjà produit par ailleurs ; renommez l’un des deux.");
        }
        if let Some(other) = self.folder_clash(path) {
            bail!("{from} : le fichier {path} du site et le fichier {other} ne peuvent pas coexister (l’un porte le nom du dossier de l’autre) ; renommez l’un des deux.");
        }
        self.files.insert(path.to_owned(), bytes);
        Ok(())
    }

    /// A file already added that is a folder of `path`, or that lies inside `path` taken as a folder.
    fn folder_clash(&self, path: &str) -> Option<String> {
        let folders = path.match_indices('/').map(|(at, _)| &path[..at]);
        if let Some(file) = folders.into_iter().find(|f| self.files.contains_key(*f)) {
            return Some(file.to_owned());
        }
        let inside = format!("{path}/");
        self.files
            .range(inside.clone()..)
            .next()
            .map(|(k, _)| k)
            .filter(|k| k.starts_with(&inside))
            .cloned()
    }

    pub fn get(&self, path: &str) -> Option<&[u8]> {
        self.files.get(path).map(Vec::as_slice)
    }

    pub fn contains(&self, path: &str) -> bool {
        self.files.contains_key(path)
    }

    pub fn iter(&self) -> impl Iterator<Item = (&str, &[u8])> {
        self.files.iter().map(|(k, v)| (k.as_str(), v.as_slice()))
    }

    pub fn len(&self) -> usize {
        self.files.len()
    }

    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    pub fn total_bytes(&self) -> usize {
        self.files.values().map(Vec::len).sum()
    }

    /// Replaces `out_dir` with exactly these files. The folder is only replaced if it looks like a site
    /// this command built (or is empty), so a wrong `--out` cannot wipe unrelated files.
    pub fn write_atomically(&self, out_dir: &Path) -> anyhow::Result<()> {
        let shown = out_dir.display();
        let parent = match out_dir.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        refuse_foreign_folder(out_dir)?;
        fs::create_dir_all(&parent)
            .map_err(|e| anyhow!("{} : création impossible ({e}).", parent.display()))?;
        let staging = tempfile::Builder::new()
            .prefix(".explor-new-")
            .tempdir_in(&parent)
            .map_err(|e| {
                anyhow!(
                    "{} : dossier temporaire impossible ({e}).",
                    parent.display()
                )
            })?;
        for (path, bytes) in &self.files {
            let target = staging.path().join(path);
            if let Some(dir) = target.parent() {
                fs::create_dir_all(dir)
                    .map_err(|e| anyhow!("{shown}/{path} : écriture impossible ({e})."))?;
            }
            fs::write(&target, bytes)
                .map_err(|e| anyhow!("{shown}/{path} : écriture impossible ({e})."))?;
        }
        swap(staging, out_dir)
    }
}

/// Moves the staged folder to `out_dir`, the previous `out_dir` aside first and deleted last.
fn swap(staging: tempfile::TempDir, out_dir: &Path) -> anyhow::Result<()> {
    let shown = out_dir.display();
    if !out_dir.exists() {
        let staged = staging.keep();
        return fs::rename(&staged, out_dir).map_err(|e| {
            let _ = fs::remove_dir_all(&staged);
            anyhow!("{shown} : mise en place impossible ({e}).")
        });
    }
    let parent = staging
        .path()
        .parent()
        .unwrap_or(Path::new("."))
        .to_path_buf();
    // A fresh unique name for the old site; the guard deletes it (and whatever is moved there) at the end.
    let old = tempfile::Builder::new()
        .prefix(".explor-old-")
        .tempdir_in(&parent)
        .map_err(|e| {
            anyhow!(
                "{} : dossier temporaire impossible ({e}).",
                parent.display()
            )
        })?;
    let old_path = old.path().join("site");
    fs::rename(out_dir, &old_path)
        .map_err(|e| anyhow!("{shown} : déplacement impossible ({e})."))?;
    let staged = staging.keep();
    if let Err(e) = fs::rename(&staged, out_dir) {
        let _ = fs::rename(&old_path, out_dir);
        let _ = fs::remove_dir_all(&staged);
        bail!("{shown} : mise en place impossible ({e}) ; l’ancien site est resté en place.");
    }
    drop(old);
    Ok(())
}

fn refuse_foreign_folder(out_dir: &Path) -> anyhow::Result<()> {
    let Ok(mut entries) = fs::read_dir(out_dir) else {
        return Ok(());
    };
    let empty = entries.next().is_none();
    let ours = out_dir.join("index.html").is_file() && out_dir.join("sitemap.xml").is_file();
    if empty || ours {
        return Ok(());
    }
    bail!(
        "{} : ce dossier existe et ne ressemble pas à un site construit par explor (pas d’index.html ni de sitemap.xml) ; choisissez un autre dossier avec --out, ou videz-le.",
        out_dir.display()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site(text: &str) -> Output {
        let mut out = Output::default();
        out.add("index.html", text.as_bytes().to_vec(), "t")
            .unwrap();
        out.add("sitemap.xml", b"<urlset/>".to_vec(), "t").unwrap();
        out.add("a/b/index.html", b"deep".to_vec(), "t").unwrap();
        out
    }

    #[test]
    fn writing_replaces_the_previous_site_entirely() {
        let dir = tempfile::tempdir().unwrap();
        let dist = dir.path().join("dist");
        site("one").write_atomically(&dist).unwrap();
        fs::write(dist.join("stale.txt"), "old").unwrap();
        site("two").write_atomically(&dist).unwrap();
        assert_eq!(fs::read_to_string(dist.join("index.html")).unwrap(), "two");
        assert_eq!(
            fs::read_to_string(dist.join("a/b/index.html")).unwrap(),
            "deep"
        );
        assert!(!dist.join("stale.txt").exists());
        let leftovers: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(leftovers, ["dist"]);
    }

    #[test]
    fn a_folder_of_other_files_is_not_replaced() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("thesis.odt"), "precious").unwrap();
        let err = site("x")
            .write_atomically(dir.path())
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("ne ressemble pas à un site construit par explor"),
            "{err}"
        );
        assert!(dir.path().join("thesis.odt").exists());
    }

    #[test]
    fn a_file_named_like_another_files_folder_is_an_error() {
        let mut out = Output::default();
        out.add("appel/index.html", vec![], "page").unwrap();
        out.add("appel-2", vec![], "ok").unwrap();
        let err = out.add("appel", vec![], "content/pages/appel").unwrap_err();
        assert_eq!(err.to_string(), "content/pages/appel : le fichier appel du site et le fichier appel/index.html ne peuvent pas coexister (l’un porte le nom du dossier de l’autre) ; renommez l’un des deux.");
        let mut out = Output::default();
        out.add("a/b", vec![], "x").unwrap();
        let err = out.add("a/b/c/d.html", vec![], "y").unwrap_err();
        assert!(err.to_string().contains("et le fichier a/b ne"), "{err}");
        assert!(out.add("a/bc/d.html", vec![], "z").is_ok());
    }

    #[test]
    fn the_same_path_twice_is_an_error() {
        let mut out = Output::default();
        out.add("x", vec![], "a").unwrap();
        assert!(out
            .add("x", vec![], "b")
            .unwrap_err()
            .to_string()
            .starts_with("b : le fichier x"));
    }
}
