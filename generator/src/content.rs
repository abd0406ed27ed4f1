//! Stage `content`: finds the Markdown pages under `content/pages/` (in a stable order) and splits each
//! into its TOML front matter (between two `+++` lines, as Zola writes it) and its Markdown body.
//! Other files found there (images, PDF) are published as they are, at the same place.

use std::path::Path;

use anyhow::{anyhow, bail};
use rayon::prelude::*;
use serde::Deserialize;
use walkdir::WalkDir;

use crate::diag::from_toml;

/// The template a page uses when its front matter names none.
pub const DEFAULT_TEMPLATE: &str = "page.html";

/// The front matter of a page.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FrontMatter {
    pub title: String,
    /// The page's summary, for search engines and link previews (`<meta name="description">`).
    pub description: String,
    /// Order in the navigation, lightest first.
    #[serde(default)]
    pub weight: i64,
    #[serde(default = "default_template")]
    pub template: String,
    /// Whether the page appears in the site's main navigation.
    #[serde(default)]
    pub in_nav: bool,
    /// Free values for the page's template (`page.extra.…`).
    #[serde(default)]
    pub extra: toml::Table,
}

fn default_template() -> String {
    DEFAULT_TEMPLATE.to_owned()
}

/// One page, not yet rendered.
#[derive(Debug, Clone, PartialEq)]
pub struct Page {
    /// Where the page comes from, as shown in messages (`content/pages/appel.md`).
    pub origin: String,
    /// Path below the site root without slashes around it: `""` for the home page, `appel`.
    pub slug: String,
    pub front: FrontMatter,
    /// The front matter's TOML text, to find the line of a key in messages.
    pub front_text: String,
    pub body: String,
    /// 1-based line of the body's first line in the file.
    pub body_line: usize,
}

impl Page {
    /// The page's URL relative to the site root: `""` or `appel/`.
    pub fn url_path(&self) -> String {
        if self.slug.is_empty() {
            String::new()
        } else {
            format!("{}/", self.slug)
        }
    }

    /// The written file, relative to the output folder: `index.html` or `appel/index.html`.
    pub fn output_path(&self) -> String {
        format!("{}index.html", self.url_path())
    }

    /// `../` once per level below the root, so links work at any sub-path of any host.
    pub fn root(&self) -> String {
        "../".repeat(self.url_path().matches('/').count())
    }

    /// Whether search engines may list the page: not when its front matter says `extra.noindex`
    /// (the staff page), which also keeps it out of the sitemap.
    pub fn indexed(&self) -> bool {
        self.front
            .extra
            .get("noindex")
            .and_then(toml::Value::as_bool)
            != Some(true)
    }

    /// `origin:line` of a front matter key, or the bare origin if the key is not written.
    pub fn key_location(&self, key: &str) -> String {
        match crate::diag::toml_key_line(&self.front_text, "", key, 0) {
            Some(line) => format!("{}:{}", self.origin, line + 1),
            None => self.origin.clone(),
        }
    }
}

/// A file published as it is.
#[derive(Debug, Clone, PartialEq)]
pub struct StaticFile {
    /// Path relative to the output folder, with `/`.
    pub path: String,
    pub bytes: Vec<u8>,
}

/// Everything found under `content/pages/`.
#[derive(Debug, Default)]
pub struct Content {
    pub pages: Vec<Page>,
    pub files: Vec<StaticFile>,
}

/// Reads `pages_dir` recursively, sorted by path; names files under `shown` in messages.
pub fn load(pages_dir: &Path, shown: &str) -> anyhow::Result<Content> {
    // The folder is walked in order, then the files are read and parsed on every core (a large site
    // has thousands); the first error in file order is the one reported, as when read one by one.
    let entries: Vec<_> = WalkDir::new(pages_dir)
        .sort_by_file_name()
        .min_depth(1)
        .into_iter()
        .filter(|e| e.as_ref().map_or(true, |e| e.file_type().is_file()))
        .collect();
    let read: Vec<anyhow::Result<Item>> = entries
        .par_iter()
        .map(|entry| match entry {
            Ok(entry) => read_item(entry.path(), pages_dir, shown),
            Err(e) => Err(anyhow!("{shown} : lecture impossible ({e}).")),
        })
        .collect();
    let mut content = Content::default();
    for item in read {
        match item? {
            Item::Page(page) => content.pages.push(page),
            Item::File(file) => content.files.push(file),
        }
    }
    if !content.pages.iter().any(|p| p.slug.is_empty()) {
        bail!("{shown} : il manque la page d’accueil index.md.");
    }
    Ok(content)
}

/// One file of `content/pages/`: a page, or a file published as it is.
enum Item {
    Page(Page),
    File(StaticFile),
}

fn read_item(path: &Path, pages_dir: &Path, shown: &str) -> anyhow::Result<Item> {
    let relative = path.strip_prefix(pages_dir).unwrap_or(path);
    let relative = relative.to_string_lossy().replace('\\', "/");
    let origin = format!("{shown}/{relative}");
    let bytes = std::fs::read(path).map_err(|e| anyhow!("{origin} : lecture impossible ({e})."))?;
    match relative.strip_suffix(".md") {
        Some(stem) => {
            let text = String::from_utf8(bytes).map_err(|_| {
                anyhow!("{origin} : le fichier n’est pas en UTF-8 ; enregistrez-le en UTF-8.")
            })?;
            Ok(Item::Page(parse(&text, &origin, &slug_of(stem, &origin)?)?))
        }
        None => Ok(Item::File(StaticFile {
            path: relative,
            bytes,
        })),
    }
}

/// `index` → `""`, `appel` → `appel`, `guide/index` → `guide`; refuses names that are not plain URL words.
fn slug_of(stem: &str, origin: &str) -> anyhow::Result<String> {
    let slug = stem
        .strip_suffix("index")
        .unwrap_or(stem)
        .trim_end_matches('/');
    let plain = |part: &str| {
        !part.is_empty()
            && part
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
    };
    if !slug.is_empty() && !slug.split('/').all(plain) {
        bail!("{origin} : le nom du fichier devient l’adresse de la page ; n’y mettez que des minuscules sans accent, des chiffres et des tirets (par exemple « pays-eligibles.md »).");
    }
    Ok(slug.to_owned())
}

/// Splits a page's text into front matter and body and parses the front matter.
pub fn parse(text: &str, origin: &str, slug: &str) -> anyhow::Result<Page> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let missing = || {
        anyhow!("{origin}:1 : la page doit commencer par son en-tête TOML entre deux lignes « +++ » (title et description au moins).")
    };
    let mut lines = text.split_inclusive('\n');
    if lines.next().map(str::trim_end) != Some("+++") {
        return Err(missing());
    }
    let mut front_text = String::new();
    let mut closed = false;
    let mut consumed = 1;
    for line in lines.by_ref() {
        consumed += 1;
        if line.trim_end() == "+++" {
            closed = true;
            break;
        }
        front_text.push_str(line);
    }
    if !closed {
        bail!("{origin}:1 : l’en-tête ouvert par « +++ » n’est jamais fermé ; ajoutez une ligne « +++ » après lui.");
    }
    let front: FrontMatter = from_toml(origin, &front_text, 1)?;
    let page = Page {
        origin: origin.to_owned(),
        slug: slug.to_owned(),
        front,
        front_text,
        body: lines.collect(),
        body_line: consumed + 1,
    };
    for (key, value) in [
        ("title", &page.front.title),
        ("description", &page.front.description),
    ] {
        if value.trim().is_empty() {
            bail!("{} : {key} est vide ; écrivez-le.", page.key_location(key));
        }
    }
    Ok(page)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn front_matter_and_body_are_split_with_body_line() {
        let text = "+++\ntitle = \"Appel\"\ndescription = \"Le texte\"\nweight = 2\nin_nav = true\n+++\n\n# Appel\n";
        let page = parse(text, "p.md", "appel").unwrap();
        assert_eq!(page.front.title, "Appel");
        assert_eq!(page.front.template, "page.html");
        assert!(page.front.in_nav);
        assert_eq!(page.body, "\n# Appel\n");
        assert_eq!(page.body_line, 7);
        assert_eq!(page.output_path(), "appel/index.html");
        assert_eq!(page.root(), "../");
    }

    #[test]
    fn the_home_page_sits_at_the_root() {
        let page = parse("+++\ntitle = \"A\"\ndescription = \"B\"\n+++\n", "i.md", "").unwrap();
        assert_eq!(page.output_path(), "index.html");
        assert_eq!(page.root(), "");
        assert_eq!(page.body, "");
    }

    #[test]
    fn errors_name_the_line_in_the_file() {
        let unknown = "+++\ntitle = \"A\"\ndescription = \"B\"\ntitel = \"C\"\n+++\n";
        let err = parse(unknown, "p.md", "p").unwrap_err().to_string();
        assert!(err.starts_with("p.md:4:1 : clé titel inconnue ;"), "{err}");
        let missing = "+++\ntitle = \"A\"\n+++\n";
        let err = parse(missing, "p.md", "p").unwrap_err().to_string();
        assert!(
            err.starts_with("p.md:2:1 : il manque la clé description ;"),
            "{err}"
        );
        let empty = "+++\ntitle = \"A\"\ndescription = \" \"\n+++\n";
        let err = parse(empty, "p.md", "p").unwrap_err().to_string();
        assert_eq!(err, "p.md:3 : description est vide ; écrivez-le.");
        assert!(parse("# Titre\n", "p.md", "p")
            .unwrap_err()
            .to_string()
            .starts_with("p.md:1 : la page doit commencer"));
        assert!(parse("+++\ntitle = \"A\"\n", "p.md", "p")
            .unwrap_err()
            .to_string()
            .contains("jamais fermé"));
    }

    #[test]
    fn file_names_become_slugs() {
        assert_eq!(slug_of("index", "o").unwrap(), "");
        assert_eq!(slug_of("pays-eligibles", "o").unwrap(), "pays-eligibles");
        assert_eq!(slug_of("guide/index", "o").unwrap(), "guide");
        assert!(slug_of("Éligibilité", "o").is_err());
        assert!(slug_of("a b", "o").is_err());
    }
}
