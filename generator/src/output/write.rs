//! Writing the built site into its output folder in place, as a rebuild should cost: each file is
//! compared with the one already there (size, then bytes) and written only when it differs, and what
//! the build no longer produces is removed, so a rebuild that changes one page writes one page
//! instead of recreating and deleting thousands of files. A marker file in the folder says a write is
//! under way; a write that stops midway (an error, a killed process) leaves it, and the next build
//! says so and repairs the folder (every file is verified on every build, so nothing stale survives).
//! The marker is also the lock that keeps two builds from writing the same folder at once.

use std::collections::HashSet;
use std::fs::{self, File, OpenOptions};
use std::io::{self, Read};
use std::path::{Path, PathBuf};

use anyhow::anyhow;
use rayon::prelude::*;

use super::Output;

/// The marker of a write under way, at the root of the output folder (removed when the write ends).
pub const MARKER: &str = ".explor-ecriture";
/// How a changed file's new version is named beside it before it replaces the old one by a rename.
const TEMP_PREFIX: &str = ".explor-tmp-";

/// What a write changed in the output folder.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Written {
    /// Files created or replaced (those already holding the right bytes are left alone).
    pub written: usize,
    /// Files, folders and links removed because the build does not produce them.
    pub removed: usize,
    /// The previous write into this folder had been interrupted (its marker was still there).
    pub repaired: bool,
}

impl Output {
    /// Makes `out_dir` hold exactly these files, writing only those that differ. Refuses a folder
    /// that does not look like a site this command built (nor is empty), so a wrong `--out` cannot
    /// wipe unrelated files; never follows a link found inside the folder (it is removed as any
    /// file the build does not produce). On error the message says the folder is incomplete and
    /// that the next build will repair it.
    pub fn write_in_place(&self, out_dir: &Path) -> anyhow::Result<Written> {
        super::refuse_foreign_folder(out_dir)?;
        let shown = out_dir.display();
        fs::create_dir_all(out_dir).map_err(|e| anyhow!("{shown} : création impossible ({e})."))?;
        let (marker, repaired) = Marker::take(out_dir)?;
        let incomplete = |e: anyhow::Error| {
            anyhow!("{e:#} Le site dans {shown} est resté incomplet ; corrigez la cause puis relancez la construction, qui le réparera.")
        };
        let (existing, removed) = self.remove_unproduced(out_dir).map_err(incomplete)?;
        let written = self.write_changed(out_dir, &existing).map_err(incomplete)?;
        marker.release();
        Ok(Written {
            written,
            removed,
            repaired,
        })
    }

    /// Removes from `out_dir` every entry the build does not produce (a link is removed, never
    /// followed); returns the produced files already there and how many entries were removed.
    fn remove_unproduced(&self, out_dir: &Path) -> anyhow::Result<(HashSet<String>, usize)> {
        let folders: HashSet<&str> = self
            .files
            .keys()
            .flat_map(|p| p.match_indices('/').map(move |(at, _)| &p[..at]))
            .collect();
        let mut existing = HashSet::new();
        let mut removed = 0;
        let mut walk = walkdir::WalkDir::new(out_dir).min_depth(1).into_iter();
        while let Some(entry) = walk.next() {
            let entry =
                entry.map_err(|e| anyhow!("{} : lecture impossible ({e}).", out_dir.display()))?;
            let kind = entry.file_type();
            let name = entry
                .path()
                .strip_prefix(out_dir)
                .ok()
                .and_then(Path::to_str)
                .map(|n| n.replace('\\', "/"));
            match name {
                Some(n) if n == MARKER => continue,
                Some(n) if kind.is_dir() && folders.contains(n.as_str()) => continue,
                Some(n) if kind.is_file() && self.files.contains_key(&n) => {
                    existing.insert(n);
                    continue;
                }
                _ => {}
            }
            let gone = if kind.is_dir() {
                walk.skip_current_dir();
                fs::remove_dir_all(entry.path())
            } else {
                fs::remove_file(entry.path())
            };
            gone.map_err(|e| {
                anyhow!("{} : suppression impossible ({e}).", entry.path().display())
            })?;
            removed += 1;
        }
        Ok((existing, removed))
    }

    /// Writes the files that are missing or whose bytes differ; the count written. The files
    /// already there are compared on every core (reading is most of a rebuild's work); the writing
    /// stays on one thread, faster on ext4 than writers contending for the same folders. The first
    /// error in path order is reported.
    fn write_changed(&self, out_dir: &Path, existing: &HashSet<String>) -> anyhow::Result<usize> {
        let unchanged: Vec<io::Result<bool>> = self
            .files
            .par_iter()
            .map(|(path, bytes)| {
                if existing.contains(path) {
                    holds(&out_dir.join(path), bytes)
                } else {
                    Ok(false)
                }
            })
            .collect();
        let mut written = 0;
        for ((path, bytes), unchanged) in self.files.iter().zip(unchanged) {
            let failed =
                |e: io::Error| anyhow!("{}/{path} : écriture impossible ({e}).", out_dir.display());
            if !unchanged.map_err(failed)? {
                put(&out_dir.join(path), bytes, existing.contains(path)).map_err(failed)?;
                written += 1;
            }
        }
        Ok(written)
    }
}

/// Puts `bytes` at `target`. A file already there is replaced by a rename, so a reader (the
/// preview's server) never sees it half written and a hard link to it elsewhere keeps its bytes.
fn put(target: &Path, bytes: &[u8], exists: bool) -> io::Result<()> {
    if !exists {
        if let Some(dir) = target.parent() {
            fs::create_dir_all(dir)?;
        }
        return fs::write(target, bytes);
    }
    let name = target.file_name().unwrap_or_default().to_string_lossy();
    let temp = target.with_file_name(format!("{TEMP_PREFIX}{name}"));
    fs::write(&temp, bytes)?;
    fs::rename(&temp, target).inspect_err(|_| {
        let _ = fs::remove_file(&temp);
    })
}

/// Whether the file at `path` holds exactly `bytes`: the size first, then the bytes, read in chunks.
fn holds(path: &Path, bytes: &[u8]) -> io::Result<bool> {
    let mut file = File::open(path)?;
    if file.metadata()?.len() != bytes.len() as u64 {
        return Ok(false);
    }
    let mut chunk = vec![0; bytes.len().clamp(1, 64 * 1024)];
    let mut rest = bytes;
    loop {
        let n = file.read(&mut chunk)?;
        if n == 0 {
            return Ok(rest.is_empty());
        }
        if n > rest.len() || chunk[..n] != rest[..n] {
            return Ok(false);
        }
        rest = &rest[n..];
    }
}

/// The marker of a write under way, held locked while the write lasts.
struct Marker {
    path: PathBuf,
    file: File,
}

impl Marker {
    /// Takes the marker of `out_dir`, waiting while another build writes there; also says whether
    /// a previous write had left it behind (interrupted). A build that held it and finished removed
    /// it before unlocking it, so a marker locked but no longer at its path is left for a new one.
    fn take(out_dir: &Path) -> anyhow::Result<(Marker, bool)> {
        let path = out_dir.join(MARKER);
        let failed = |e: io::Error| anyhow!("{} : écriture impossible ({e}).", path.display());
        loop {
            let (file, existed) = match OpenOptions::new().write(true).create_new(true).open(&path)
            {
                Ok(file) => (file, false),
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
                    match OpenOptions::new().write(true).open(&path) {
                        Ok(file) => (file, true),
                        Err(e) if e.kind() == io::ErrorKind::NotFound => continue,
                        Err(e) => return Err(failed(e)),
                    }
                }
                Err(e) => return Err(failed(e)),
            };
            file.lock().map_err(failed)?;
            if still_at(&path, &file) {
                return Ok((Marker { path, file }, existed));
            }
        }
    }

    /// Ends a write that completed: the marker is removed, then unlocked (a system that refuses to
    /// remove an open file gets it closed first).
    fn release(self) {
        if fs::remove_file(&self.path).is_err() {
            drop(self.file);
            let _ = fs::remove_file(&self.path);
        }
    }
}

/// Whether `path` still names the open `file`.
fn still_at(path: &Path, file: &File) -> bool {
    let (Ok(at_path), Ok(open)) = (
        same_file::Handle::from_path(path),
        file.try_clone().and_then(same_file::Handle::from_file),
    ) else {
        return false;
    };
    at_path == open
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn holds_compares_size_then_every_byte() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("f");
        let big: Vec<u8> = (0..200_000u32).map(|i| (i % 251) as u8).collect();
        fs::write(&path, &big).unwrap();
        assert!(holds(&path, &big).unwrap());
        let mut changed = big.clone();
        changed[150_000] ^= 1;
        assert!(!holds(&path, &changed).unwrap());
        assert!(!holds(&path, &big[..199_999]).unwrap());
        fs::write(&path, b"").unwrap();
        assert!(holds(&path, b"").unwrap());
        assert!(!holds(&path, b"x").unwrap());
    }

    #[test]
    fn a_marker_left_behind_is_seen_and_a_released_one_is_not() {
        let dir = tempfile::tempdir().unwrap();
        let (marker, left) = Marker::take(dir.path()).unwrap();
        assert!(!left);
        drop(marker); // as a write that failed: the marker stays
        let (marker, left) = Marker::take(dir.path()).unwrap();
        assert!(left);
        marker.release();
        assert!(!dir.path().join(MARKER).exists());
        let (_marker, left) = Marker::take(dir.path()).unwrap();
        assert!(!left);
    }
}
