//! Stage `output`: the built site held in memory, written only once every stage has succeeded (so a
//! build that fails before writing leaves the previous site untouched), and the checks of where it
//! may be written. The writing itself, in place and only of what changed, is [`write`].

use std::collections::BTreeMap;
use std::fs;
use std::path::{Component, Path, PathBuf};

use anyhow::{anyhow, bail};

mod write;
pub use write::{Written, MARKER};

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
        if path == MARKER {
            bail!("{from} : le nom {MARKER} est réservé à explor, qui y note une écriture en cours ; renommez ce fichier.");
        }
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
    // A write interrupted before index.html was written still leaves its marker.
    let ours = out_dir.join("index.html").is_file() && out_dir.join("sitemap.xml").is_file()
        || out_dir.join(MARKER).is_file();
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

    /// Every path under `dir` (folders end with `/`), sorted.
    fn tree(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = walkdir::WalkDir::new(dir)
            .min_depth(1)
            .into_iter()
            .map(|e| e.unwrap())
            .map(|e| {
                let name = e.path().strip_prefix(dir).unwrap().to_string_lossy();
                if e.file_type().is_dir() {
                    format!("{name}/")
                } else {
                    name.into_owned()
                }
            })
            .collect();
        names.sort();
        names
    }

    #[test]
    fn writing_leaves_exactly_the_site_and_writes_only_what_changed() {
        let dir = tempfile::tempdir().unwrap();
        let dist = dir.path().join("dist");
        let first = site("one").write_in_place(&dist).unwrap();
        assert_eq!(
            (first.written, first.removed, first.repaired),
            (3, 0, false)
        );
        fs::write(dist.join("stale.txt"), "old").unwrap();
        fs::create_dir_all(dist.join("old/deeper")).unwrap();
        fs::write(dist.join("old/deeper/page.html"), "old").unwrap();
        let second = site("two").write_in_place(&dist).unwrap();
        assert_eq!(fs::read_to_string(dist.join("index.html")).unwrap(), "two");
        assert_eq!(
            fs::read_to_string(dist.join("a/b/index.html")).unwrap(),
            "deep"
        );
        assert_eq!(
            tree(&dist),
            ["a/", "a/b/", "a/b/index.html", "index.html", "sitemap.xml"]
        );
        // index.html changed; stale.txt and the old/ folder went.
        assert_eq!((second.written, second.removed), (1, 2));
        assert_eq!(
            tree(dir.path()),
            [
                "dist/",
                "dist/a/",
                "dist/a/b/",
                "dist/a/b/index.html",
                "dist/index.html",
                "dist/sitemap.xml"
            ]
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_link_inside_the_output_is_removed_never_followed() {
        let dir = tempfile::tempdir().unwrap();
        let dist = dir.path().join("dist");
        let elsewhere = dir.path().join("elsewhere");
        fs::create_dir_all(elsewhere.join("b")).unwrap();
        fs::write(elsewhere.join("b/index.html"), "precious").unwrap();
        fs::write(dir.path().join("notes.txt"), "precious").unwrap();
        site("one").write_in_place(&dist).unwrap();
        // The site's folder a/ and its sitemap replaced by links to files that are not the site's.
        fs::remove_dir_all(dist.join("a")).unwrap();
        std::os::unix::fs::symlink(&elsewhere, dist.join("a")).unwrap();
        fs::remove_file(dist.join("sitemap.xml")).unwrap();
        std::os::unix::fs::symlink(dir.path().join("notes.txt"), dist.join("sitemap.xml")).unwrap();
        site("two").write_in_place(&dist).unwrap();
        assert_eq!(
            fs::read_to_string(elsewhere.join("b/index.html")).unwrap(),
            "precious"
        );
        assert_eq!(
            fs::read_to_string(dir.path().join("notes.txt")).unwrap(),
            "precious"
        );
        assert!(!fs::symlink_metadata(dist.join("a"))
            .unwrap()
            .file_type()
            .is_symlink());
        assert_eq!(
            fs::read_to_string(dist.join("a/b/index.html")).unwrap(),
            "deep"
        );
        assert_eq!(
            fs::read_to_string(dist.join("sitemap.xml")).unwrap(),
            "<urlset/>"
        );
    }

    #[test]
    fn a_folder_left_by_an_interrupted_first_write_is_taken_back() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join(MARKER), "").unwrap();
        fs::write(dir.path().join("half.html"), "hal").unwrap();
        let written = site("x").write_in_place(dir.path()).unwrap();
        assert!(written.repaired);
        assert_eq!(
            tree(dir.path()),
            ["a/", "a/b/", "a/b/index.html", "index.html", "sitemap.xml"]
        );
    }

    #[test]
    fn the_marker_name_is_not_a_site_file() {
        let mut out = Output::default();
        let err = out.add(MARKER, vec![], "content/static/x").unwrap_err();
        assert!(err.to_string().contains("est réservé à explor"), "{err}");
    }

    #[test]
    fn a_folder_of_other_files_is_not_replaced() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("thesis.odt"), "precious").unwrap();
        let err = site("x")
            .write_in_place(dir.path())
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
