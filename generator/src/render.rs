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

/// The part of the templates' context that is the same for every page, converted once.
#[derive(Clone)]
pub struct Common(tera::Context);

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
        let mut context = Common(tera::Context::new());
        self.render_with(template, &mut context, view, for_page)
    }

    /// Converts what every page's template receives alike, once, for [`Renderer::render_with`].
    pub fn common(&self, view: &impl Serialize) -> anyhow::Result<Common> {
        tera::Context::from_serialize(view)
            .map(Common)
            .map_err(|e| anyhow!("données communes impossibles à passer aux gabarits ({e})."))
    }

    /// Renders `template` with `common` completed by `view`'s fields, which replace those of the page
    /// rendered before with the same `common`. Every page's view has the same fields, so nothing of one
    /// page can reach the next.
    pub fn render_with(
        &self,
        template: &str,
        common: &mut Common,
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
        let own = tera::Context::from_serialize(view).map_err(|e| {
            anyhow!("{for_page} : données de page impossibles à passer au gabarit ({e}).")
        })?;
        common.0.extend(own);
        self.tera
            .render(template, &common.0)
            .map_err(|e| self.render_error(&e, template, for_page))
    }

    fn render_error(&self, err: &tera::Error, template: &str, for_page: &str) -> anyhow::Error {
        let chain = chain(err);
        // Tera names the template being rendered when the error happened (a parent or an include).
        let culprit = between(&chain, "while rendering '", "'").unwrap_or(template);
        let shown = &self.shown;
        // Tera gives no line at render time: find the first line of the template naming the culprit.
        let Some((what, name)) = not_found(err) else {
            return anyhow!("{shown}/{culprit} : {chain} (en produisant {for_page}).");
        };
        // A missing include is reported as a list: `[nope.html]`.
        let name = name.trim_start_matches('[').trim_end_matches(']');
        let line = self.line_of(culprit, name);
        let hint = if what == UNKNOWN_VARIABLE {
            format!(" ; vérifiez son nom, ou utilisez `{{% if {name} is defined %}}` si elle est facultative")
        } else {
            String::new()
        };
        anyhow!("{shown}/{culprit}{line} : {what} « {name} » (en produisant {for_page}){hint}.")
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

const UNKNOWN_VARIABLE: &str = "variable inconnue";

/// What Tera did not find and its name, from the error's structured kind (`FilterNotFound`…) in
/// the chain of causes. An unknown variable is the one case Tera reports only as a sentence
/// (`Variable `x` not found in context…`, an `ErrorKind::Msg`): its name is read from that text,
/// which `tests::render_errors_name_the_template_line_and_page` pins. The template being rendered
/// (`while rendering …`) is read from the text for the same reason.
fn not_found(err: &tera::Error) -> Option<(&'static str, String)> {
    let mut current: Option<&(dyn std::error::Error + 'static)> = Some(err);
    while let Some(cause) = current {
        if let Some(tera_error) = cause.downcast_ref::<tera::Error>() {
            let found = match &tera_error.kind {
                tera::ErrorKind::FilterNotFound(name) => Some(("filtre inconnu", name)),
                tera::ErrorKind::TestNotFound(name) => Some(("test inconnu", name)),
                tera::ErrorKind::FunctionNotFound(name) => Some(("fonction inconnue", name)),
                tera::ErrorKind::TemplateNotFound(name) => Some(("gabarit introuvable", name)),
                tera::ErrorKind::MissingParent { parent, .. } => {
                    Some(("gabarit introuvable", parent))
                }
                _ => None,
            };
            if let Some((what, name)) = found {
                return Some((what, name.clone()));
            }
        }
        current = cause.source();
    }
    let chain = chain(err);
    between(&chain, "Variable `", "`").map(|name| (UNKNOWN_VARIABLE, name.to_owned()))
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

/// A template that does not compile: `templates/x.html:3:14 : …` with Tera's explanation and the line.
/// Tera hands a syntax error over only as text (an `ErrorKind::Msg` holding pest's report, with no
/// structured position), so the template's name, the position and the explanation are read from
/// that report; `tests::a_syntax_error_names_line_column_and_the_faulty_text` pins its shape.
fn parse_error(err: &tera::Error, shown: &str) -> anyhow::Error {
    let full = chain(err);
    let name = between(&full, "Failed to parse '", "'")
        .or_else(|| between(&full, "Failed to parse \"", "\""));
    let position = between(&full, "--> ", " ")
        .map(|p| format!(":{p}"))
        .unwrap_or_default();
    // Tera's pest report ends with `= explanation`; the source line sits between `| N |` and `| ^`.
    let explanation = full.rsplit_once("= ").map_or(full.as_str(), |(_, e)| e);
    let quoted = full
        .split(" | ")
        .nth(2)
        .map(|text| format!(" : « {} »", text.trim()))
        .unwrap_or_default();
    match name {
        Some(name) => {
            anyhow!("{shown}/{name}{position} : gabarit invalide, {explanation}{quoted}.")
        }
        None => anyhow!("{shown} : gabarits invalides : {full}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn renderer(templates: &[(&str, &str)]) -> anyhow::Result<Renderer> {
        let dir = tempfile::tempdir().unwrap();
        for (name, text) in templates {
            std::fs::write(dir.path().join(name), text).unwrap();
        }
        Renderer::load(dir.path(), "templates")
    }

    #[test]
    fn common_data_is_shared_and_each_page_replaces_the_previous_one() {
        let r = renderer(&[("p.html", "{{ edition.year }} {{ page.title }}")]).unwrap();
        let mut common = r
            .common(&serde_json::json!({ "edition": { "year": 2025 } }))
            .unwrap();
        let page = |title: &str| serde_json::json!({ "page": { "title": title } });
        let first = r
            .render_with("p.html", &mut common, &page("Appel"), "a")
            .unwrap();
        let second = r
            .render_with("p.html", &mut common, &page("Charte"), "b")
            .unwrap();
        assert_eq!(
            (first.as_str(), second.as_str()),
            ("2025 Appel", "2025 Charte")
        );
    }

    #[test]
    fn a_syntax_error_names_line_column_and_the_faulty_text() {
        let err = renderer(&[("a.html", "<h1>Titre</h1>\n<p>{{ page.title </p>\n")])
            .err()
            .unwrap();
        assert_eq!(
            err.to_string(),
            "templates/a.html:2:19 : gabarit invalide, expected an expression or a string or a concatenation of strings : « <p>{{ page.title </p> »."
        );
    }

    #[test]
    fn render_errors_name_the_template_line_and_page() {
        let r = renderer(&[
            ("a.html", "<p>\n{{ x | nofilter }}</p>"),
            ("b.html", "{% include \"nope.html\" %}"),
            ("c.html", "{{ page.title }}\n{{ page.titre }}"),
        ])
        .unwrap();
        let view = serde_json::json!({ "x": 1, "page": { "title": "T" } });
        let err = |t: &str| r.render(t, &view, "p.md").unwrap_err().to_string();
        assert_eq!(
            err("a.html"),
            "templates/a.html:2 : filtre inconnu « nofilter » (en produisant p.md)."
        );
        assert_eq!(
            err("b.html"),
            "templates/b.html:1 : gabarit introuvable « nope.html » (en produisant p.md)."
        );
        assert!(err("c.html").starts_with(
            "templates/c.html:2 : variable inconnue « page.titre » (en produisant p.md) ; vérifiez"
        ));
        assert!(err("zz.html")
            .starts_with("p.md : le gabarit « zz.html » n’existe pas dans templates/"));
    }
}
