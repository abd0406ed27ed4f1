//! Stage `output`: the built site held in memory, then written all at once. Files are written to a
//! temporary folder beside the output folder, which is then swapped in by renames, so a build that
//! fails at any stage leaves the previous site untouched.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Component, Path, PathBuf};

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
        clean_stale(&parent);
        let staging = Claim::new(&parent, STAGING_PREFIX)?;
        for (path, bytes) in &self.files {
            let target = staging.dir.join(path);
            if let Some(dir) = target.parent() {
                fs::create_dir_all(dir)
                    .map_err(|e| anyhow!("{shown}/{path} : écriture impossible ({e})."))?;
            }
            fs::write(&target, bytes)
                .map_err(|e| anyhow!("{shown}/{path} : écriture impossible ({e})."))?;
        }
        swap(&staging, out_dir)
    }
}

/// The temporary folders beside the output: the new site being written, the old one being deleted.
const STAGING_PREFIX: &str = ".explor-new-";
const OLD_PREFIX: &str = ".explor-old-";
const LOCK_SUFFIX: &str = ".lock";

/// A temporary folder beside the output, and beside it a lock file held as long as the folder is in
/// use. A build killed midway (Ctrl+C, `explor serve` stopping a runaway build) leaves its folder
/// behind, but not its lock: the next build knows it is stale and deletes it ([`clean_stale`]),
/// while a build still running elsewhere keeps its own. Both are deleted when the claim ends.
struct Claim {
    dir: PathBuf,
    lock_path: PathBuf,
    lock_file: fs::File,
}

impl Claim {
    /// The lock is created and held before the folder exists, so no folder is ever seen unlocked
    /// while its build runs.
    fn new(parent: &Path, prefix: &str) -> anyhow::Result<Claim> {
        let failed = |e: &dyn std::fmt::Display| {
            anyhow!(
                "{} : dossier temporaire impossible ({e}).",
                parent.display()
            )
        };
        let (lock, lock_path) = tempfile::Builder::new()
            .prefix(prefix)
            .suffix(LOCK_SUFFIX)
            .tempfile_in(parent)
            .map_err(|e| failed(&e))?
            .keep()
            .map_err(|e| failed(&e))?;
        let claim = Claim {
            dir: lock_path.with_file_name(
                lock_path
                    .file_name()
                    .and_then(|n| n.to_str())
                    .and_then(|n| n.strip_suffix(LOCK_SUFFIX))
                    .unwrap_or("explor-temp"),
            ),
            lock_path,
            lock_file: lock,
        };
        claim.lock_file.lock().map_err(|e| failed(&e))?;
        fs::create_dir(&claim.dir).map_err(|e| failed(&e))?;
        Ok(claim)
    }
}

impl Drop for Claim {
    fn drop(&mut self) {
        // After a successful swap the folder has become the output: nothing is left to remove.
        let _ = fs::remove_dir_all(&self.dir);
        let _ = fs::remove_file(&self.lock_path);
    }
}

/// Deletes the temporary folders that killed builds left in `parent`: those whose lock is missing or
/// held by nobody. Lock files left alone are deleted once a minute old (a lock is created a moment
/// before it is held). Failures are ignored: the folders are only clutter.
fn clean_stale(parent: &Path) {
    let Ok(entries) = fs::read_dir(parent) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if !name.starts_with(STAGING_PREFIX) && !name.starts_with(OLD_PREFIX) {
            continue;
        }
        let path = entry.path();
        match name.strip_suffix(LOCK_SUFFIX) {
            Some(dir) => {
                let old = entry
                    .metadata()
                    .and_then(|m| m.modified())
                    .ok()
                    .and_then(|t| t.elapsed().ok())
                    .is_some_and(|age| age > std::time::Duration::from_secs(60));
                if old && !parent.join(dir).exists() && unlocked(&path) {
                    let _ = fs::remove_file(&path);
                }
            }
            None => {
                let lock = parent.join(format!("{name}{LOCK_SUFFIX}"));
                if !lock.exists() || unlocked(&lock) {
                    let _ = fs::remove_dir_all(&path);
                    let _ = fs::remove_file(&lock);
                }
            }
        }
    }
}

/// Whether no process holds the lock file `path` (the lock taken to know is released at once).
fn unlocked(path: &Path) -> bool {
    fs::OpenOptions::new()
        .write(true)
        .open(path)
        .is_ok_and(|file| file.try_lock().is_ok())
}

/// Moves the staged folder to `out_dir`, the previous `out_dir` aside first and deleted last.
fn swap(staging: &Claim, out_dir: &Path) -> anyhow::Result<()> {
    let shown = out_dir.display();
    if !out_dir.exists() {
        return fs::rename(&staging.dir, out_dir)
            .map_err(|e| anyhow!("{shown} : mise en place impossible ({e})."));
    }
    let parent = staging.dir.parent().unwrap_or(Path::new(".")).to_path_buf();
    // A fresh unique name for the old site; its claim deletes it (and whatever is moved there) at the end.
    let old = Claim::new(&parent, OLD_PREFIX)?;
    let old_path = old.dir.join("site");
    fs::rename(out_dir, &old_path)
        .map_err(|e| anyhow!("{shown} : déplacement impossible ({e})."))?;
    if let Err(e) = fs::rename(&staging.dir, out_dir) {
        let _ = fs::rename(&old_path, out_dir);
        bail!("{shown} : mise en place impossible ({e}) ; l’ancien site est resté en place.");
    }
    Ok(())
}

/// Refuses an `--out` that is the project folder `root` or holds it, or that is, holds or lies inside
/// one of its `sources` (`content/`, `templates/`, each with how to name it in messages); then one
/// that is not a folder, or a folder of other files ([`refuse_foreign_folder`]).
pub fn check_destination(
    out_dir: &Path,
    root: &Path,
    sources: &[(&Path, &str)],
) -> anyhow::Result<()> {
    let out = absolute(out_dir);
    let mut places = vec![(absolute(root), "le dossier du projet", false)];
    places.extend(sources.iter().map(|(p, name)| (absolute(p), *name, true)));
    for (folder, name, no_inside) in places {
        let place = if out == folder {
            format!("est {name}")
        } else if folder.starts_with(&out) {
            format!("contient {name}")
        } else if no_inside && out.starts_with(&folder) {
            format!("est dans {name}")
        } else {
            continue;
        };
        bail!(
            "{} : ce dossier {place} ; explor y remplacerait tout par le site construit. Choisissez avec --out un dossier à part, par exemple dist/ dans le dossier du projet.",
            out_dir.display()
        );
    }
    refuse_foreign_folder(out_dir)
}

/// `path` made absolute with its links resolved, as far as it exists (the rest appended as written),
/// so that `dist/../content` and a link to `content/` are both seen as `content/`.
fn absolute(path: &Path) -> PathBuf {
    let parts: Vec<Component> = path.components().collect();
    for known in (0..=parts.len()).rev() {
        let head: PathBuf = parts[..known].iter().collect();
        let head = if head.as_os_str().is_empty() {
            PathBuf::from(".")
        } else {
            head
        };
        let Ok(mut resolved) = head.canonicalize() else {
            continue;
        };
        for part in &parts[known..] {
            match part {
                Component::ParentDir => {
                    resolved.pop();
                }
                Component::Normal(name) => resolved.push(name),
                _ => {}
            }
        }
        return resolved;
    }
    path.to_path_buf()
}

/// Refuses an output that exists and is not a folder explor may replace: a file, a link, a folder it
/// cannot read, or a folder holding something else than a site built by explor.
fn refuse_foreign_folder(out_dir: &Path) -> anyhow::Result<()> {
    let shown = out_dir.display();
    let meta = match fs::symlink_metadata(out_dir) {
        Ok(meta) => meta,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => bail!(
            "{shown} : ce chemin est inaccessible ({e}) ; choisissez un autre dossier avec --out."
        ),
    };
    if meta.file_type().is_symlink() {
        bail!("{shown} : ce chemin est un lien symbolique ; explor remplacerait le lien par un dossier. Donnez avec --out le dossier lui-même, ou un autre dossier.");
    }
    if !meta.is_dir() {
        bail!("{shown} : ce chemin est un fichier, pas un dossier ; explor ne remplace jamais un fichier par le site. Choisissez avec --out un dossier (par exemple dist/ dans le dossier du projet).");
    }
    let mut entries = fs::read_dir(out_dir).map_err(|e| {
        anyhow!("{shown} : ce dossier est illisible ({e}) ; explor ne remplace pas un dossier dont il ne voit pas le contenu. Choisissez un autre dossier avec --out.")
    })?;
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
