//! The site's static assets under fingerprinted names (`static/style.1a2b3c4d5e.css`), so browsers may
//! cache them forever, with a Subresource Integrity value for each. The theme's files and the form's
//! WebAssembly bundle both go through [`Assets::insert`] before pages are rendered.

use std::collections::BTreeMap;

use sha2::{Digest, Sha256, Sha384};

/// The folder of the output where assets are written.
pub const ASSETS_DIR: &str = "static";

/// One asset, ready to write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Asset {
    /// Path from the site root, with `/`: `static/style.1a2b3c4d5e.css`.
    pub path: String,
    pub bytes: Vec<u8>,
    /// `sha384-…`, for the `integrity` attribute of `<script>` and `<link>`.
    pub integrity: String,
}

/// Assets by logical name (`style.css`, `explor.js`, `validator_bg.wasm`).
#[derive(Debug, Clone, Default)]
pub struct Assets {
    entries: BTreeMap<String, Asset>,
}

impl Assets {
    /// Adds `bytes` under the logical `name` (which may contain folders: `icons/x.svg`) and returns
    /// the asset, whose file name carries a hash of the content. A second insert of the same name
    /// replaces the first.
    pub fn insert(&mut self, name: &str, bytes: Vec<u8>) -> &Asset {
        let hash = hex(&Sha256::digest(&bytes)[..5]);
        let (stem, extension) = match name.rsplit_once('.') {
            Some((stem, ext)) if !stem.is_empty() && !ext.contains('/') => (stem, Some(ext)),
            _ => (name, None),
        };
        let path = match extension {
            Some(ext) => format!("{ASSETS_DIR}/{stem}.{hash}.{ext}"),
            None => format!("{ASSETS_DIR}/{stem}.{hash}"),
        };
        let integrity = format!("sha384-{}", base64(&Sha384::digest(&bytes)));
        self.entries.insert(
            name.to_owned(),
            Asset {
                path,
                bytes,
                integrity,
            },
        );
        &self.entries[name]
    }

    /// Adds an asset whose path and integrity were computed beforehand (the form's bundle, when
    /// `explor` was compiled).
    pub fn insert_prepared(&mut self, name: &str, asset: Asset) {
        self.entries.insert(name.to_owned(), asset);
    }

    pub fn get(&self, name: &str) -> Option<&Asset> {
        self.entries.get(name)
    }

    /// Every asset, by logical name.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &Asset)> {
        self.entries.iter().map(|(k, v)| (k.as_str(), v))
    }

    /// Logical name → URL from a page whose way back to the root is `root`.
    pub fn urls(&self, root: &str) -> BTreeMap<String, String> {
        self.entries
            .iter()
            .map(|(k, v)| (k.clone(), format!("{root}{}", v.path)))
            .collect()
    }

    /// Logical name → path from the site root.
    pub fn paths(&self) -> BTreeMap<String, String> {
        self.urls("")
    }

    /// Logical name → integrity value.
    pub fn integrities(&self) -> BTreeMap<String, String> {
        self.entries
            .iter()
            .map(|(k, v)| (k.clone(), v.integrity.clone()))
            .collect()
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Standard base64 with padding (RFC 4648 §4), as the SRI specification requires.
pub fn base64(bytes: &[u8]) -> String {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_carry_a_content_hash_and_integrity() {
        let mut assets = Assets::default();
        let a = assets.insert("style.css", b"body{}".to_vec()).clone();
        assert!(
            a.path.starts_with("static/style.") && a.path.ends_with(".css"),
            "{}",
            a.path
        );
        assert_eq!(a.path.len(), "static/style.0123456789.css".len());
        // sha384 of "body{}", computed independently with `openssl dgst -sha384 -binary | base64`.
        assert_eq!(
            a.integrity,
            "sha384-myyg/hQ74aSgjBBvVME/QXAXEkT4Y9dHbVQ5C0lIyGpldvNLJV2IWc5ElXbqLi06"
        );
        let b = assets
            .insert("style.css", b"body{color:red}".to_vec())
            .clone();
        assert_ne!(a.path, b.path);
        assert_eq!(assets.urls("../")["style.css"], format!("../{}", b.path));
        assert_eq!(
            assets.insert("LICENSE", vec![]).path.matches('.').count(),
            1
        );
        assert!(assets
            .insert("icons/logo.svg", vec![])
            .path
            .starts_with("static/icons/logo."));
    }
}
