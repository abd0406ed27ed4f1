//! Stage `config`: loads the edition (`content/edition.toml` and the data files it names) with the
//! rules core's loader, which refuses facts that contradict each other, naming the fact and its line;
//! and the site's publication settings (`content/site.toml`).

use std::path::Path;

use anyhow::anyhow;
use serde::Deserialize;

use crate::diag::{from_toml, toml_key_line};

// The edition is loaded once, by the core: the generator, `explor check` and the tests read it alike.
pub use wasm_validator::edition::load::{
    from_dir as load_edition, from_dir_shown as load_edition_shown,
    from_dir_warned as load_edition_warned, parse, Loaded,
};
pub use wasm_validator::edition::{answer_month, COUNTRY_GROUPS};

/// The site settings file's name inside `content/`.
pub const SITE_FILE: &str = "site.toml";

fn read(path: &Path, origin: &str) -> anyhow::Result<String> {
    std::fs::read_to_string(path).map_err(|e| anyhow!("{origin} : lecture impossible ({e})."))
}

/// Publication settings of the site, from `content/site.toml`. Not facts of the call: where the site
/// is published.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SiteFile {
    pub site: SiteSettings,
    /// What the call this project was started from named, when `explor init` changed it.
    #[serde(default)]
    pub origin: Option<Origin>,
}

/// The model's words that a project started with `explor init --organisateur/--region` must no
/// longer show: the build warns, page by page, while its prose still names them (« à relire »).
///
/// Kept in `site.toml`, not in the edition: it describes the project's history, not a fact of the
/// call; the edition is archived every year, sent to the browser and judged by the rules core, none
/// of which need it. `explor init` writes the table only for the values it changed, so the real
/// `content/` (and a project started unchanged) has none and never warns.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Origin {
    /// The model's organiser, its postal address, e-mail address and website.
    pub organiser: Option<String>,
    pub address: Option<String>,
    pub email: Option<String>,
    pub website: Option<String>,
    /// The model's region.
    pub region: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SiteSettings {
    /// Public address of the site's home page, e.g. `https://explor.example.org/` or
    /// `https://example.org/explor/`.
    pub url: String,
}

/// The site's public address, split into origin (`https://host`) and base path (`/explor/`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublicUrl {
    pub origin: String,
    pub base_path: String,
}

impl PublicUrl {
    /// Absolute URL of a path relative to the site root (`appel/` → `https://host/base/appel/`).
    pub fn absolute(&self, path: &str) -> String {
        format!("{}{}{}", self.origin, self.base_path, path)
    }

    /// The host name, used to make calendar UIDs globally unique.
    pub fn host(&self) -> &str {
        self.origin.split("://").nth(1).unwrap_or(&self.origin)
    }
}

/// Parses `site.toml`'s text.
pub fn parse_site(text: &str, origin: &str) -> anyhow::Result<PublicUrl> {
    let file: SiteFile = from_toml(origin, text, 0)?;
    split_url(&file.site.url).ok_or_else(|| {
        let line = toml_key_line(text, "site", "url", 0).map_or(String::new(), |l| format!(":{l}"));
        anyhow!(
            "{origin}{line} : site.url = « {} » n’est pas une adresse complète ; écrivez par exemple « https://explor.example.org/ ».",
            file.site.url
        )
    })
}

/// Loads `content_dir/site.toml`, naming it under `shown` in messages.
pub fn load_site(content_dir: &Path, shown: &Path) -> anyhow::Result<PublicUrl> {
    let origin = shown.join(SITE_FILE).display().to_string();
    let text = read(&content_dir.join(SITE_FILE), &origin)?;
    parse_site(&text, &origin)
}

/// The `[origin]` table of `content_dir/site.toml` (empty when the file has none).
pub fn load_origin(content_dir: &Path, shown: &Path) -> anyhow::Result<Origin> {
    let origin = shown.join(SITE_FILE).display().to_string();
    let text = read(&content_dir.join(SITE_FILE), &origin)?;
    let file: SiteFile = from_toml(&origin, &text, 0)?;
    Ok(file.origin.unwrap_or_default())
}

fn split_url(url: &str) -> Option<PublicUrl> {
    let (scheme, rest) = url.split_once("://")?;
    if !(scheme == "https" || scheme == "http") || rest.is_empty() {
        return None;
    }
    let (host, path) = match rest.find('/') {
        Some(i) => rest.split_at(i),
        None => (rest, "/"),
    };
    if host.is_empty() || path.contains(['?', '#']) {
        return None;
    }
    Some(PublicUrl {
        origin: format!("{scheme}://{host}"),
        base_path: normalize_base_path(path),
    })
}

/// `explor` or `/explor` → `/explor/`; empty → `/`.
pub fn normalize_base_path(path: &str) -> String {
    let inner = path.trim_matches('/');
    if inner.is_empty() {
        "/".to_owned()
    } else {
        format!("/{inner}/")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_public_url_splits_into_origin_and_base_path() {
        let url = parse_site("[site]\nurl = \"https://example.org/explor\"\n", "s").unwrap();
        assert_eq!(url.origin, "https://example.org");
        assert_eq!(url.base_path, "/explor/");
        assert_eq!(url.absolute("appel/"), "https://example.org/explor/appel/");
        assert_eq!(url.host(), "example.org");
        let err = parse_site("[site]\nurl = \"example.org\"\n", "s")
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("s:2 : site.url"), "{err}");
        assert_eq!(normalize_base_path(""), "/");
        assert_eq!(normalize_base_path("a/b"), "/a/b/");
    }
}
