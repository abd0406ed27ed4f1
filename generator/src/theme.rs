//! The theme's static files (`templates/static/`: style sheets, icons, images, scripts), added to the
//! site's [`Assets`] under fingerprinted names, the style sheets compacted ([`css`]).

use std::path::Path;

use anyhow::anyhow;
use walkdir::WalkDir;

use crate::fingerprint::Assets;

mod css;

/// Adds every file under `dir` (sorted, hidden files skipped), named by its path below `dir`.
/// A missing folder adds nothing. Returns how many files were added.
pub fn add_static(dir: &Path, shown: &str, assets: &mut Assets) -> anyhow::Result<usize> {
    if !dir.is_dir() {
        return Ok(0);
    }
    let mut added = 0;
    let walker = WalkDir::new(dir).sort_by_file_name().min_depth(1);
    for entry in walker
        .into_iter()
        .filter_entry(|e| !e.file_name().to_string_lossy().starts_with('.'))
    {
        let entry = entry.map_err(|e| anyhow!("{shown} : lecture impossible ({e})."))?;
        if !entry.file_type().is_file() {
            continue;
        }
        let name = entry.path().strip_prefix(dir).unwrap_or(entry.path());
        let name = name.to_string_lossy().replace('\\', "/");
        let bytes = std::fs::read(entry.path())
            .map_err(|e| anyhow!("{shown}/{name} : lecture impossible ({e})."))?;
        // A style sheet the theme's author wrote with comments, compacted (a file that is not
        // UTF-8 is kept as it is).
        let bytes = if name.ends_with(".css") {
            match String::from_utf8(bytes) {
                Ok(text) => css::compact(&text).into_bytes(),
                Err(e) => e.into_bytes(),
            }
        } else {
            bytes
        };
        assets.insert(&name, bytes);
        added += 1;
    }
    Ok(added)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_are_named_by_their_path_and_hidden_ones_skipped() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("icons")).unwrap();
        std::fs::write(dir.path().join("style.css"), "a{}").unwrap();
        std::fs::write(dir.path().join("icons/logo.svg"), "<svg/>").unwrap();
        std::fs::write(dir.path().join(".gitkeep"), "").unwrap();
        let mut assets = Assets::default();
        assert_eq!(add_static(dir.path(), "s", &mut assets).unwrap(), 2);
        let names: Vec<&str> = assets.iter().map(|(n, _)| n).collect();
        assert_eq!(names, ["icons/logo.svg", "style.css"]);
        assert_eq!(
            add_static(&dir.path().join("none"), "s", &mut assets).unwrap(),
            0
        );
    }
}
