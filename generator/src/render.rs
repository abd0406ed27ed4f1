//! Stage `render`: fills the Tera templates of `templates/` with view structs; the only module that
//! knows Tera. Templates are compiled once; an undefined variable is an error (Tera's default), reported
//! with the template's file and line.

use std::collections::BTreeMap;
use std::path::Path;

use anyhow::{anyhow, bail};
use serde::Serialize;
use tera::Tera;
use walkdir::WalkDir;

/// The folder of `templates/` holding the theme's static files, which are not templates.
pub const STATIC_DIR: &str = "static";

/// Every template of the theme, compiled.
pub struct Renderer {
    tera: Tera,
    /// Template texts by name: Tera keeps no line numbers after parsing, messages search these.
    sources: BTreeMap<String, String>,
    /// Folder shown in messages (`templates`).
    shown: String,
}

impl Renderer {
    /// Compiles every `.html`, `.xml` and `.txt` file under `dir` (but not `dir/static/`).
    pub fn load(dir: &Path, shown: &str) -> anyhow::Result<Renderer> {
        let mut sources = Vec::new();
        let walker = WalkDir::new(dir).sort_by_file_name().min_depth(1);
        for entry in walker
            .into_iter()
            .filter_entry(|e| e.depth() > 1 || e.file_name() != STATIC_DIR)
        {
            let entry = entry.map_err(|e| anyhow!("{shown} : lecture impossible ({e})."))?;
            let path = entry.path();
            let is_template = path
                .extension()
                .is_some_and(|x| x == "html" || x == "xml" || x == "txt");
            if !entry.file_type().is_file() || !is_template {
                continue;
            }
            let name = path
                .strip_prefix(dir)
                .unwrap_or(path)
                .to_string_lossy()
                .replace('\\', "/");
            let text = std::fs::read_to_string(path)
                .map_err(|e| anyhow!("{shown}/{name} : lecture impossible ({e})."))?;
            sources.push((name, text));
        }
        let mut tera = Tera::default();
        tera.add_raw_templates(sources.clone())
            .map_err(|e| parse_error(&e, shown))?;
        Ok(Renderer {
            tera,
            sources: sources.into_iter().collect(),
            shown: shown.to_owned(),
        })
    }

    /// Whether a template of that name exists.
    pub fn has(&self, name: &str) -> bool {
        self.tera.get_template_names().any(|n| n == name)
    }

    /// The names of every template, sorted (to list them in messages).
    pub fn names(&self) -> Vec<&str> {
        let mut names: Vec<&str> = self.tera.get_template_names().collect();
        names.sort_unstable();
        names
    }

    /// Renders `template` with `view`; `for_page` names the page in messages.
    pub fn render(
        &self,
        template: &str,
        view: &impl Serialize,
        for_page: &str,
    ) -> anyhow::Result<String> {
        if !self.has(template) {
            bail!(
                "{for_page} : le gabarit « {template} » n’existe pas dans {}/ ; gabarits disponibles : {}.",
                self.shown,
                self.names().join(", ")
            );
        }
        let context = tera::Context::from_serialize(view).map_err(|e| {
            anyhow!("{for_page} : données de page impossibles à passer au gabarit ({e}).")
        })?;
        self.tera
            .render(template, &context)
            .map_err(|e| self.render_error(&e, template, for_page))
    }

    fn render_error(&self, err: &tera::Error, template: &str, for_page: &str) -> anyhow::Error {
        let chain = chain(err);
        // Tera names the template being rendered when the error happened (a parent or an include).
        let culprit = between(&chain, "while rendering '", "'").unwrap_or(template);
        let missing = between(&chain, "Variable `", "`");
        match missing {
            Some(variable) => {
                let line = self.line_of(culprit, variable);
                anyhow!(
                    "{}/{culprit}{line} : variable inconnue « {variable} » (en produisant {for_page}) ; vérifiez son nom, ou utilisez `{{% if {variable} is defined %}}` si elle est facultative.",
                    self.shown
                )
            }
            None => anyhow!(
                "{}/{culprit} : {chain} (en produisant {for_page}).",
                self.shown
            ),
        }
    }

    /// `:line` of the first expression of `template` mentioning `variable`, or nothing if not found.
    fn line_of(&self, template: &str, variable: &str) -> String {
        let Some(source) = self.sources.get(template) else {
            return String::new();
        };
        source
            .lines()
            .position(|l| mentions(l, variable))
            .map_or(String::new(), |i| format!(":{}", i + 1))
    }
}

/// Whether `line` mentions `variable` as a whole name (not as the start of a longer one).
fn mentions(line: &str, variable: &str) -> bool {
    line.match_indices(variable).any(|(i, _)| {
        let before = line[..i].chars().next_back();
        let after = line[i + variable.len()..].chars().next();
        let name_char = |c: char| c.is_alphanumeric() || c == '_' || c == '.';
        !before.is_some_and(name_char) && !after.is_some_and(|c| c.is_alphanumeric() || c == '_')
    })
}

fn between<'a>(text: &'a str, start: &str, end: &str) -> Option<&'a str> {
    let from = text.find(start)? + start.len();
    let len = text[from..].find(end)?;
    Some(&text[from..from + len])
}

/// Tera's error and its causes, as one line.
fn chain(err: &tera::Error) -> String {
    let mut parts = vec![err.to_string()];
    let mut source = std::error::Error::source(err);
    while let Some(cause) = source {
        parts.push(cause.to_string());
        source = cause.source();
    }
    parts
        .iter()
        .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect::<Vec<_>>()
        .join(" : ")
}

/// A template that does not compile: `templates/x.html:3:14 : …` when Tera gives the position.
fn parse_error(err: &tera::Error, shown: &str) -> anyhow::Error {
    let full = chain(err);
    let name = between(&full, "Failed to parse '", "'")
        .or_else(|| between(&full, "Failed to parse \"", "\""));
    let position = between(&full, "--> ", " ")
        .map(|p| format!(":{p}"))
        .unwrap_or_default();
    match name {
        Some(name) => anyhow!("{shown}/{name}{position} : gabarit invalide : {full}"),
        None => anyhow!("{shown} : gabarits invalides : {full}"),
    }
}
