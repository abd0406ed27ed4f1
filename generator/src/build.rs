//! The pipeline: runs the stages in order — config, content, facts, markdown, render, assets, links,
//! output — and writes the site to `dist/` only when every stage succeeded. The commands
//! (`crate::cmd`) call it; it calls no command.
//!
//! Assets interface: every static file of the site goes through one [`Assets`] map (logical name →
//! fingerprinted path + SRI integrity) before any page is rendered, so templates can write
//! `assets["style.css"]` and `integrity["explor.js"]`. The theme's files are added by
//! [`crate::theme::add_static`]; the form's WebAssembly bundle is added in [`collect_assets`].

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use anyhow::{anyhow, bail};
use rayon::prelude::*;
use wasm_validator::edition::Island;
use wasm_validator::Edition;

pub use crate::fingerprint::{Asset, Assets};

use crate::config::{self, PublicUrl};
use crate::content::{self, Content, Page};
use crate::facts::Facts;
use crate::markdown::{self, typography};
use crate::output::Output;
use crate::render::Common;
use crate::render::{Renderer, STATIC_DIR};
use crate::typeset_html::typeset_html;
use crate::views::{
    CommonContext, EditionView, NavItem, OrganiserView, PageContext, PageView, SiteView,
};
use crate::{extras, headers, links, theme, views};

/// A page needs at least this many second-level headings for its table of contents to be shown.
const TOC_MIN_SECTIONS: usize = 3;

/// Construit le site dans dist/ à partir de content/ et templates/.
#[derive(clap::Args, Debug, Clone)]
pub struct BuildArgs {
    /// Dossier du projet, qui contient content/ et templates/ (par défaut : le dossier courant).
    #[arg(
        long,
        value_name = "DOSSIER",
        default_value = ".",
        hide_default_value = true
    )]
    pub root: PathBuf,
    /// Dossier où écrire le site (par défaut : dist/ dans le dossier du projet).
    #[arg(long, value_name = "DOSSIER")]
    pub out: Option<PathBuf>,
    /// Chemin du site sur son hôte (« / », « /explor/ »), à la place de celui de l’adresse écrite dans
    /// content/site.toml.
    #[arg(long, value_name = "CHEMIN")]
    pub base_url: Option<String>,
    /// N’ajoute pas au site le module WebAssembly du formulaire (essais du thème et des pages ; les
    /// pages du formulaire ne fonctionnent alors pas).
    #[arg(long)]
    pub no_wasm: bool,
}

impl BuildArgs {
    /// Building the project in `root` into `out`, with the base path of `content/site.toml`.
    pub fn new(root: impl Into<PathBuf>, out: impl Into<PathBuf>) -> BuildArgs {
        BuildArgs {
            root: root.into(),
            out: Some(out.into()),
            base_url: None,
            no_wasm: false,
        }
    }
}

/// Where the project's parts are.
#[derive(Debug, Clone)]
pub struct Project {
    pub root: PathBuf,
    pub content: PathBuf,
    pub templates: PathBuf,
    pub out: PathBuf,
}

impl Project {
    pub fn locate(args: &BuildArgs) -> Project {
        Project {
            content: args.root.join("content"),
            templates: args.root.join("templates"),
            out: args.out.clone().unwrap_or_else(|| args.root.join("dist")),
            root: args.root.clone(),
        }
    }
}

/// What a build produced.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summary {
    pub pages: usize,
    pub files: usize,
    pub bytes: usize,
    /// Files the build wrote: those missing from the output folder or whose bytes differed (a
    /// rebuild without any change writes none).
    pub written: usize,
    /// Files and folders removed from the output folder because the build no longer produces them.
    pub removed: usize,
    /// What the build questions but does not refuse (an implausible cap…), in French, each naming
    /// its file and line; printed on the error output, the site is written all the same.
    pub warnings: Vec<String>,
}

/// Builds the site; on any error found before writing, the previous output folder is left as it
/// was (a write that fails midway is said, and repaired by the next build: see [`Output::write_in_place`]).
pub fn build(args: &BuildArgs) -> anyhow::Result<Summary> {
    let project = Project::locate(args);
    crate::output::check_destination(
        &project.out,
        &project.root,
        &[
            (&project.content, "le dossier content/ du projet"),
            (&project.templates, "le dossier templates/ du projet"),
        ],
    )?;
    let config::Loaded {
        mut edition,
        mut warnings,
    } = config::load_edition_warned(&project.content, Path::new("content"))?;
    let public = public_url(&project, args.base_url.as_deref())?;
    let facts = Facts::from_edition(&edition);
    let rules_file = wasm_validator::edition::sources::RULES_FILE;
    let rules_text = std::fs::read_to_string(project.content.join(rules_file))?;
    facts.fill_rule_sources(
        &mut edition,
        (&rules_text, &format!("content/{rules_file}")),
    )?;
    let content = content::load(&project.content.join("pages"), "content/pages")?;
    let renderer = Renderer::load(&project.templates, "templates")?;
    let assets = collect_assets(&project, !args.no_wasm)?;
    let site = Site::new(&edition, &facts, &assets, &public, &content.pages)?;
    // Missing legal items do not stop a build (a preview needs none), but each is named.
    warnings.extend(
        crate::assumptions::legal_warnings(&edition)
            .into_iter()
            .map(|warning| format!("{WARNING_PREFIX}{warning}")),
    );
    // A project started from another network's call: the pages that still name the model's words.
    let origin = config::load_origin(&project.content, Path::new("content"))?;
    if origin != config::Origin::default() {
        let edition_file = wasm_validator::edition::load::EDITION_FILE;
        let edition_text = std::fs::read_to_string(project.content.join(edition_file))?;
        warnings.extend(crate::leftovers::warnings(
            &origin,
            &edition,
            &content.pages,
            (&edition_text, &format!("content/{edition_file}")),
        ));
    }
    let common = renderer.common(&site.common())?;
    // Pages are rendered on every core, each worker completing its own copy of the common context;
    // results are kept in page order, so the output and the first error reported do not depend on
    // which page finished first.
    let rendered: Vec<anyhow::Result<String>> = content
        .pages
        .par_iter()
        .map_init(
            || common.clone(),
            |common, page| render_page(page, &site, &renderer, common),
        )
        .collect();
    let mut output = Output::default();
    let mut sources = BTreeMap::new();
    for (page, html) in content.pages.iter().zip(rendered) {
        output.add(&page.output_path(), html?.into_bytes(), &page.origin)?;
        sources.insert(page.output_path(), page.origin.clone());
    }
    if renderer.has(NOT_FOUND_TEMPLATE) {
        let html = typeset_html(&render_not_found(&site, &renderer, &mut common.clone())?);
        output.add(NOT_FOUND_TEMPLATE, html.into_bytes(), "templates/404.html")?;
        sources.insert(
            NOT_FOUND_TEMPLATE.to_owned(),
            "templates/404.html".to_owned(),
        );
    }
    add_files(&edition, &content, &assets, &public, &mut output)?;
    crate::offline::add_worker(&mut output, &assets)?;
    warnings.extend(
        crate::assets::module_warnings(&output, &assets)
            .into_iter()
            .map(|warning| format!("{WARNING_PREFIX}{warning}")),
    );
    let headers = headers::headers_file(&output, &public.base_path);
    output.add(headers::HEADERS_FILE, headers.into_bytes(), "_headers")?;
    add_host_files(&project.content.join(HOST_FILES_DIR), &mut output)?;
    links::check(&output, &public.base_path, &sources)?;
    let written = output.write_in_place(&project.out)?;
    if written.repaired {
        warnings.push(format!(
            "{WARNING_PREFIX}{} : la construction précédente s’est arrêtée pendant l’écriture du site ; explor a vérifié chaque fichier et réécrit ceux qui manquaient ou étaient incomplets.",
            project.out.display()
        ));
    }
    Ok(Summary {
        pages: content.pages.len(),
        files: output.len(),
        bytes: output.total_bytes(),
        written: written.written,
        removed: written.removed,
        warnings,
    })
}

/// The public URL from `content/site.toml`, its path replaced by `--base-url` if given.
fn public_url(project: &Project, base_url: Option<&str>) -> anyhow::Result<PublicUrl> {
    let mut public = config::load_site(&project.content, Path::new("content"))?;
    if let Some(path) = base_url {
        public.base_path = config::normalize_base_path(path);
    }
    Ok(public)
}

/// Every asset of the site, fingerprinted, before any page is rendered.
fn collect_assets(project: &Project, wasm: bool) -> anyhow::Result<Assets> {
    let mut assets = Assets::default();
    theme::add_static(
        &project.templates.join(STATIC_DIR),
        "templates/static",
        &mut assets,
    )?;
    if wasm {
        crate::assets::add_wasm(&mut assets);
    }
    crate::offline::add_register(&mut assets);
    Ok(assets)
}

/// How a build's warnings start, on the error output (the parent of a child build passes such lines on).
pub const WARNING_PREFIX: &str = "avertissement : ";

/// What every page shares: the edition's views, the navigation, the assets.
struct Site<'a> {
    title: String,
    organiser: OrganiserView,
    public: &'a PublicUrl,
    edition: EditionView,
    edition_json: String,
    form_edition_json: String,
    selfcheck_edition_json: String,
    assets: &'a Assets,
    asset_paths: BTreeMap<String, String>,
    integrity: BTreeMap<String, String>,
    /// `(title, path from root, slug)` of the pages in the navigation, in order.
    nav: Vec<(String, String, String)>,
    /// The assumptions each page shows, by slug.
    assumptions: BTreeMap<String, Vec<crate::assumptions::AssumptionView>>,
}

impl<'a> Site<'a> {
    fn new(
        edition: &Edition,
        facts: &Facts,
        assets: &'a Assets,
        public: &'a PublicUrl,
        pages: &[Page],
    ) -> anyhow::Result<Site<'a>> {
        let mut nav: Vec<&Page> = pages.iter().filter(|p| p.front.in_nav).collect();
        nav.sort_by(|a, b| (a.front.weight, &a.slug).cmp(&(b.front.weight, &b.slug)));
        let o = &edition.organiser;
        Ok(Site {
            title: edition.title.clone(),
            organiser: OrganiserView {
                name: o.name.clone(),
                tagline: o.tagline.clone(),
                address: o.address.clone(),
                email: o.email.clone(),
                website: o.website.clone(),
            },
            public,
            edition: EditionView::new(edition, facts).built_on(
                crate::build_day::from_env(&edition.dates.timezone)?,
                edition,
            ),
            edition_json: views::edition_script_json(edition, Island::WHOLE_LISTS),
            form_edition_json: views::edition_script_json(edition, Island::FORM),
            selfcheck_edition_json: views::edition_script_json(edition, Island::SELF_CHECK),
            assets,
            asset_paths: assets.paths(),
            integrity: assets.integrities(),
            nav: nav
                .iter()
                .map(|p| (typography(nav_title(p)), p.url_path(), p.slug.clone()))
                .collect(),
            assumptions: crate::assumptions::by_page(edition, facts, pages)?,
        })
    }

    /// What every page's template receives alike.
    fn common(&self) -> CommonContext<'_> {
        CommonContext {
            edition: &self.edition,
            edition_json: &self.edition_json,
            form_edition_json: &self.form_edition_json,
            selfcheck_edition_json: &self.selfcheck_edition_json,
            asset_paths: &self.asset_paths,
            integrity: &self.integrity,
            generator: crate::GENERATOR,
        }
    }

    /// The context of a page whose way back to the root is `root`.
    fn context(&self, root: &str, current: Option<&str>, page: PageView) -> PageContext {
        let link = |path: &str| match format!("{root}{path}") {
            url if url.is_empty() => "./".to_owned(),
            url => url,
        };
        PageContext {
            site: SiteView {
                title: self.title.clone(),
                lang: "fr",
                organiser: self.organiser.clone(),
                root: root.to_owned(),
                home: link(""),
                url: self.public.absolute(""),
                nav: self
                    .nav
                    .iter()
                    .map(|(title, path, slug)| NavItem {
                        title: title.clone(),
                        url: link(path),
                        current: current == Some(slug.as_str()),
                    })
                    .collect(),
            },
            page,
            assets: self.assets.urls(root),
        }
    }
}

/// A page's label in the navigation: `extra.nav_title` when the title is too long for it.
fn nav_title(page: &Page) -> &str {
    page.front
        .extra
        .get("nav_title")
        .and_then(toml::Value::as_str)
        .unwrap_or(&page.front.title)
}

/// Facts → Markdown → template, for one page.
fn render_page(
    page: &Page,
    site: &Site<'_>,
    renderer: &Renderer,
    common: &mut Common,
) -> anyhow::Result<String> {
    let facts = &site.edition.facts;
    let key_line =
        |key: &str| crate::diag::toml_key_line(&page.front_text, "", key, 0).map_or(1, |l| l + 1);
    let title = facts.substitute(&page.front.title, &page.origin, key_line("title"))?;
    let description = facts.substitute(
        &page.front.description,
        &page.origin,
        key_line("description"),
    )?;
    let body = facts.substitute_markdown(&page.body, &page.origin, page.body_line)?;
    let root = page.root();
    let rendered = markdown::render_with_facts(&body.markdown, &body.values, &root, &page.origin)?;
    let sections = rendered.toc.iter().filter(|e| e.level == 2).count();
    // A page that writes its own summary turns the automatic one off with `extra.toc = false`.
    let wants_toc = page.front.extra.get("toc").and_then(toml::Value::as_bool) != Some(false);
    let view = PageView {
        title: typography(&title),
        description: typography(&description),
        url: page.url_path(),
        canonical: site.public.absolute(&page.url_path()),
        content: rendered.html,
        toc: if wants_toc && sections >= TOC_MIN_SECTIONS {
            views::nest_toc(rendered.toc)
        } else {
            Vec::new()
        },
        extra: page.front.extra.clone(),
        assumptions: site
            .assumptions
            .get(&page.slug)
            .cloned()
            .unwrap_or_default(),
    };
    let template = &page.front.template;
    if !renderer.has(template) {
        bail!(
            "{} : le gabarit « {template} » n’existe pas dans templates/ ; gabarits disponibles : {}.",
            page.key_location("template"),
            renderer.names().join(", ")
        );
    }
    // One typographic pass over everything the page prints: templates, data and facts alike.
    renderer
        .render_with(
            template,
            common,
            &site.context(&root, Some(&page.slug), view),
            &page.origin,
        )
        .map(|html| typeset_html(&crate::questions::fill(&html)))
}

/// The template of the page served for unknown addresses.
const NOT_FOUND_TEMPLATE: &str = "404.html";

/// The 404 page is served at any depth, so its links are absolute paths from the base path.
fn render_not_found(
    site: &Site<'_>,
    renderer: &Renderer,
    common: &mut Common,
) -> anyhow::Result<String> {
    let view = PageView {
        title: "Page introuvable".to_owned(),
        description: "Cette adresse ne correspond à aucune page du site.".to_owned(),
        url: NOT_FOUND_TEMPLATE.to_owned(),
        canonical: String::new(),
        content: String::new(),
        toc: Vec::new(),
        extra: toml::Table::new(),
        assumptions: Vec::new(),
    };
    let root = site.public.base_path.clone();
    renderer.render_with(
        NOT_FOUND_TEMPLATE,
        common,
        &site.context(&root, None, view),
        "la page 404",
    )
}

/// The folder of `content/` whose files are published as they are at the root of the site: what the
/// host needs there (`CNAME`, `.nojekyll`, `.well-known/…`), which would otherwise be removed at every
/// build since the output folder holds exactly what the build produces.
pub const HOST_FILES_DIR: &str = "static";

fn add_host_files(dir: &Path, output: &mut Output) -> anyhow::Result<()> {
    if !dir.is_dir() {
        return Ok(());
    }
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name().min_depth(1) {
        let entry =
            entry.map_err(|e| anyhow!("content/{HOST_FILES_DIR} : lecture impossible ({e})."))?;
        let relative = entry.path().strip_prefix(dir).unwrap_or(entry.path());
        let path = relative.to_string_lossy().replace('\\', "/");
        let origin = format!("content/{HOST_FILES_DIR}/{path}");
        if entry.path_is_symlink() {
            bail!("{origin} : c’est un lien symbolique ; mettez-y le fichier lui-même, qui sera publié tel quel.");
        }
        if !entry.file_type().is_file() {
            continue;
        }
        let bytes = std::fs::read(entry.path())
            .map_err(|e| anyhow!("{origin} : lecture impossible ({e})."))?;
        output.add(&path, bytes, &origin)?;
    }
    Ok(())
}

/// The files beside the pages: assets, files found among the pages, sitemap, calendar, JSON.
fn add_files(
    edition: &Edition,
    content: &Content,
    assets: &Assets,
    public: &PublicUrl,
    output: &mut Output,
) -> anyhow::Result<()> {
    for (name, asset) in assets.iter() {
        output.add(
            &asset.path,
            asset.bytes.clone(),
            &format!("templates/static/{name}"),
        )?;
    }
    for file in &content.files {
        output
            .add(
                &file.path,
                file.bytes.clone(),
                &format!("content/pages/{}", file.path),
            )
            .map_err(|e| anyhow!("{e}"))?;
    }
    let paths: Vec<String> = content
        .pages
        .iter()
        .filter(|p| p.indexed())
        .map(Page::url_path)
        .collect();
    extras::add(edition, &paths, public, output)
}
