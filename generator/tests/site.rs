//! `explor build` end to end, on the fixture sites of `tests/fixtures/sites/` with the real theme:
//! what the site contains, pinned error messages, determinism, atomicity, and facts used by name.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use generator::build::{build, BuildArgs, Summary};
use sha2::Digest;
use tempfile::TempDir;
use walkdir::WalkDir;

mod real_project;

use real_project::{copy_tree, repo};

fn fixtures() -> PathBuf {
    repo().join("tests/fixtures/sites")
}

/// A project in a temporary folder: the real theme, the minimal fixture, then an overlay.
struct Project {
    dir: TempDir,
}

impl Project {
    fn minimal() -> Project {
        let dir = tempfile::tempdir().unwrap();
        copy_tree(&repo().join("templates"), &dir.path().join("templates"));
        copy_tree(&fixtures().join("minimal"), dir.path());
        Project { dir }
    }

    fn with_overlay(name: &str) -> Project {
        let project = Project::minimal();
        copy_tree(&fixtures().join(name), project.root());
        project
    }

    fn root(&self) -> &Path {
        self.dir.path()
    }

    fn dist(&self) -> PathBuf {
        self.root().join("dist")
    }

    fn args(&self) -> BuildArgs {
        real_project::no_wasm(self.root(), self.dist())
    }

    fn build(&self) -> Summary {
        build(&self.args()).unwrap_or_else(|e| panic!("the build failed: {e:#}"))
    }

    fn error(&self) -> String {
        match build(&self.args()) {
            Ok(_) => panic!("the build should have failed"),
            Err(e) => format!("{e:#}"),
        }
    }

    fn read(&self, path: &str) -> String {
        fs::read_to_string(self.dist().join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
    }

    /// Replaces `from` (which must be there) with `to` in a project file.
    fn edit(&self, file: &str, from: &str, to: &str) {
        real_project::edit(self.root(), file, from, to);
    }

    fn write(&self, file: &str, text: &str) {
        fs::write(self.root().join(file), text).unwrap();
    }

    fn line_of(&self, file: &str, start: &str) -> usize {
        let text = fs::read_to_string(self.root().join(file)).unwrap();
        text.lines().position(|l| l.starts_with(start)).unwrap() + 1
    }
}

/// Every file under `dir`, by path, with its bytes.
fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let path = e
                .path()
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .into_owned();
            (path, fs::read(e.path()).unwrap())
        })
        .collect()
}

fn html_pages(dir: &Path) -> BTreeMap<String, String> {
    snapshot(dir)
        .into_iter()
        .filter(|(p, _)| p.ends_with(".html"))
        .map(|(p, b)| (p, String::from_utf8(b).unwrap()))
        .collect()
}

#[test]
fn the_minimal_site_has_every_page_and_file() {
    let project = Project::minimal();
    let summary = project.build();
    assert_eq!(summary.pages, 8);
    let files = snapshot(&project.dist());
    for expected in [
        "index.html",
        "appel/index.html",
        "charte/index.html",
        "pays-eligibles/index.html",
        "confidentialite/index.html",
        "verifications/index.html",
        "404.html",
        "sitemap.xml",
        "robots.txt",
        "calendrier.ics",
        "edition.json",
        "dossier.schema.json",
    ] {
        assert!(
            files.contains_key(expected),
            "{expected} missing from {:?}",
            files.keys()
        );
    }
    let styles: Vec<&String> = files
        .keys()
        .filter(|p| p.starts_with("static/style.") && p.ends_with(".css"))
        .collect();
    assert_eq!(styles.len(), 1, "{styles:?}");
    assert_eq!(summary.files, files.len());
}

#[test]
fn facts_reach_the_pages_in_french_form() {
    let project = Project::minimal();
    project.build();
    let appel = project.read("appel/index.html");
    assert!(appel.contains("dans la limite de 800\u{a0}€."), "cap");
    assert!(appel.contains("finance 40\u{a0}% du coût"), "rate");
    assert!(
        appel.contains("jusqu’au dimanche 18 mai 2031\u{202f}; réponse en juin 2031."),
        "deadline"
    );
    assert!(
        appel.contains("entre le 1er juin 2031 et le 29 février 2032"),
        "window"
    );
    assert!(
        appel.contains("départements\u{a0}: Nord (59) et Pas-de-Calais (62)."),
        "départements"
    );
    assert!(
        appel.contains("<li><strong>Appui à un projet en cours.</strong> Une expertise"),
        "types list"
    );
    // The escaped pair stays literal, inside code.
    assert!(appel.contains("<code>{{ funding.cap }}</code>"), "escape");
    let charte = project.read("charte/index.html");
    assert!(
        charte.contains("<ol>\n<li>Pas de pauvreté</li>\n<li>Faim «\u{202f}zéro\u{202f}»</li>"),
        "{charte}"
    );
    let home = project.read("index.html");
    assert!(home.contains("<meta name=\"description\" content=\"L’appel EXPLOR 2031 – Région d’essai de Réseau d’essai.\">"));
}

#[test]
fn changing_a_fact_changes_every_page_that_uses_it_and_leaves_no_trace_of_the_old_value() {
    let project = Project::minimal();
    project.build();
    let before = html_pages(&project.dist());
    let old_cap = "800\u{a0}€";
    let old_deadline = "dimanche 18 mai 2031";
    let using = |old: &str| -> Vec<String> {
        before
            .iter()
            .filter(|(_, html)| html.contains(old))
            .map(|(p, _)| p.clone())
            .collect()
    };
    let cap_users = using(old_cap);
    assert_eq!(
        cap_users,
        ["appel/index.html", "index.html", "verifications/index.html"]
    );
    // The deadline heads every page (`base.html`): every page uses it.
    let deadline_users = using(old_deadline);
    assert_eq!(deadline_users.len(), before.len(), "{deadline_users:?}");
    project.edit(
        "content/edition.toml",
        "cap_cents = 80000",
        "cap_cents = 123456",
    );
    project.edit(
        "content/edition.toml",
        "deadline = \"2031-05-18\"",
        "deadline = \"2031-05-20\"",
    );
    project.build();
    let after = html_pages(&project.dist());
    for page in &cap_users {
        assert!(
            after[page].contains("1\u{202f}234,56\u{a0}€"),
            "new cap missing in {page}"
        );
    }
    for page in &deadline_users {
        assert!(
            after[page].contains("mardi 20 mai 2031"),
            "new deadline missing in {page}"
        );
    }
    for (page, html) in &after {
        assert!(!html.contains(old_cap), "old cap left in {page}");
        assert!(!html.contains(old_deadline), "old deadline left in {page}");
    }
    assert!(project
        .read("edition.json")
        .contains("\"cap_cents\": 123456"));
    assert!(project
        .read("calendrier.ics")
        .contains("DTSTART:20310519T220000Z"));
}

#[test]
fn two_builds_are_byte_identical() {
    let first = Project::minimal();
    let second = Project::minimal();
    first.build();
    second.build();
    let a = snapshot(&first.dist());
    let b = snapshot(&second.dist());
    assert_eq!(a.keys().collect::<Vec<_>>(), b.keys().collect::<Vec<_>>());
    for (path, bytes) in &a {
        assert!(bytes == &b[path], "{path} differs between two builds");
    }
}

#[test]
fn a_failure_on_the_last_page_leaves_the_previous_site_untouched() {
    let project = Project::minimal();
    project.build();
    let before = snapshot(&project.dist());
    // pays-eligibles.md is the last page rendered (pages go in file name order).
    project.edit(
        "templates/countries.html",
        "{{ page.title }}",
        "{{ page.titre }}",
    );
    let err = project.error();
    assert!(
        err.starts_with("templates/countries.html:4 : variable inconnue « page.titre »"),
        "{err}"
    );
    assert_eq!(snapshot(&project.dist()), before);
    project.edit(
        "templates/countries.html",
        "{{ page.titre }}",
        "{{ page.title }}",
    );
    project.edit(
        "content/pages/pays-eligibles.md",
        "compte {{",
        "compte {{ nombre }} {{",
    );
    assert!(project.error().contains("fait inconnu « nombre »"));
    assert_eq!(snapshot(&project.dist()), before);
    let leftovers: Vec<String> = fs::read_dir(project.root())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".explor"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn invalid_front_matter_names_file_line_and_field() {
    let err = Project::with_overlay("invalid-front-matter").error();
    assert_eq!(
        err,
        "content/pages/faq.md:4:1 : clé menu inconnue ; les clés possibles sont : title, description, weight, template, in_nav, extra."
    );
}

#[test]
fn an_unknown_fact_names_its_position_and_close_names() {
    let err = Project::with_overlay("unknown-fact").error();
    assert_eq!(
        err,
        "content/pages/faq.md:8:19 : fait inconnu « funding.plafond ». Faits proches : funding.cap, funding.rate."
    );
}

#[test]
fn an_unknown_template_variable_names_template_and_line() {
    let err = Project::with_overlay("unknown-variable").error();
    assert_eq!(
        err,
        "templates/faq.html:5 : variable inconnue « page.subtitle » (en produisant content/pages/faq.md) ; vérifiez son nom, ou utilisez `{% if page.subtitle is defined %}` si elle est facultative."
    );
}

#[test]
fn a_missing_template_names_the_page_line_and_the_templates() {
    let project = Project::with_overlay("missing-template");
    let templates = project.root().join("templates");
    let mut names: Vec<String> = WalkDir::new(&templates)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.path().extension().is_some_and(|x| x == "html"))
        .map(|e| {
            e.path()
                .strip_prefix(&templates)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/")
        })
        .collect();
    names.sort();
    assert!(names.len() >= 7, "{names:?}");
    assert_eq!(
        project.error(),
        format!(
            "content/pages/faq.md:4 : le gabarit « questions.html » n’existe pas dans templates/ ; gabarits disponibles : {}.",
            names.join(", ")
        )
    );
}

#[test]
fn a_broken_link_names_the_page_and_the_link() {
    let err = Project::with_overlay("broken-link").error();
    assert_eq!(
        err,
        "faq/index.html (content/pages/faq.md) : lien « ../chartre/ » cassé : aucune page à cette adresse."
    );
}

#[test]
fn a_broken_anchor_names_the_page_and_the_missing_id() {
    let err = Project::with_overlay("broken-anchor").error();
    assert_eq!(
        err,
        "faq/index.html (content/pages/faq.md) : lien « ../charte/#principes » cassé : la page charte/index.html n’a pas d’ancre id=\"principes\"."
    );
}

#[test]
fn bad_edition_facts_are_refused_with_fact_file_and_line() {
    let cases = [
        ("cap_cents = 80000", "cap_cents = -100", "cap_cents", "funding.cap_cents : le plafond par mission ne peut pas être négatif (-100) ; écrivez un montant en centimes (100000 pour 1 000 €)."),
        ("rate_percent = 40", "rate_percent = 150", "rate_percent", "funding.rate_percent : le taux de financement doit être compris entre 0 et 100 (pour cent), et non 150."),
        ("deadline = \"2031-05-18\"", "deadline = \"2032-05-18\"", "deadline", "dates.deadline : la date limite de dépôt (2032-05-18) tombe après la fin de la période des missions (mission_window_end = 2032-02-29)."),
    ];
    for (from, to, key, message) in cases {
        let project = Project::minimal();
        project.edit("content/edition.toml", from, to);
        let line = project.line_of("content/edition.toml", key);
        assert_eq!(
            project.error(),
            format!("content/edition.toml:{line} : {message}")
        );
    }
}

#[test]
fn a_malformed_date_is_refused_with_line_and_column() {
    let project = Project::minimal();
    project.edit(
        "content/edition.toml",
        "selection_end = \"2031-06-02\"",
        "selection_end = \"2 juin 2031\"",
    );
    let line = project.line_of("content/edition.toml", "selection_end");
    let err = project.error();
    assert!(
        err.starts_with(&format!("content/edition.toml:{line}:17 : ")),
        "{err}"
    );
}

#[test]
fn the_command_prints_erreur_and_exits_with_1() {
    let project = Project::with_overlay("broken-link");
    let output = Command::new(env!("CARGO_BIN_EXE_explor"))
        .args(["build", "--no-wasm", "--root"])
        .arg(project.root())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        stderr.starts_with("erreur : faq/index.html (content/pages/faq.md) : lien"),
        "{stderr}"
    );
    assert!(!project.dist().exists());

    let ok = Project::minimal();
    let output = Command::new(env!("CARGO_BIN_EXE_explor"))
        .args(["build", "--no-wasm", "--root"])
        .arg(ok.root())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(stdout.starts_with("explor build : 8 pages, "), "{stdout}");
    assert!(ok.dist().join("index.html").is_file());
}

#[test]
fn links_are_relative_so_the_site_works_under_any_path() {
    let project = Project::minimal();
    project.build();
    let appel = project.read("appel/index.html");
    assert!(appel.contains("href=\"../charte/#fondements\""));
    assert!(appel.contains("<a href=\"../\">Accueil</a>"));
    assert!(
        appel.contains("<a href=\"../appel/\" aria-current=\"page\">Appel</a>"),
        "nav_title"
    );
    for (page, html) in html_pages(&project.dist()) {
        if page == "404.html" {
            continue;
        }
        for attr in ["href=\"/", "src=\"/"] {
            let rooted = html.matches(attr).filter(|m| !m.ends_with("//")).count();
            assert_eq!(rooted, 0, "{page} has a root-absolute link");
        }
    }
}

#[test]
fn the_404_page_links_from_the_base_path() {
    let project = Project::minimal();
    let args = BuildArgs {
        base_url: Some("explor/2031".to_owned()),
        ..project.args()
    };
    build(&args).unwrap();
    let page = project.read("404.html");
    assert!(page.contains("href=\"/explor/2031/static/style."), "{page}");
    assert!(
        page.contains("<a href=\"/explor/2031/appel/\">Appel</a>"),
        "{page}"
    );
    assert!(project
        .read("sitemap.xml")
        .contains("<loc>https://explor.example.org/explor/2031/appel/</loc>"));
    assert!(project
        .read("robots.txt")
        .contains("Sitemap: https://explor.example.org/explor/2031/sitemap.xml"));
}

#[test]
fn pages_have_no_inline_script_or_style() {
    let project = Project::minimal();
    project.build();
    for (page, html) in html_pages(&project.dist()) {
        assert!(!html.contains(" style=\""), "{page} has a style attribute");
        assert!(!html.contains("<style"), "{page} has a style element");
        assert!(
            !html.contains("<script>")
                && !html.contains("<script type=\"application/javascript\">"),
            "{page}"
        );
        assert!(html.contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'self'; script-src 'self';"), "{page}");
        assert!(
            html.starts_with("<!DOCTYPE html>\n<html lang=\"fr\">"),
            "{page}"
        );
    }
}

#[test]
fn the_home_page_shows_key_dates_and_calls_to_action() {
    let project = Project::minimal();
    project.build();
    let home = project.read("index.html");
    assert!(home.contains(
        "<time datetime=\"2031-05-18\">jusqu’au dimanche 18 mai 2031 à minuit (heure de Paris)</time>"
    ));
    assert!(home.contains("du 19 mai au 2 juin 2031"));
    assert!(home.contains("du 1er juin 2031 au 29 février 2032"));
    for (href, label) in [
        ("eligibilite/", "Vérifier mon éligibilité"),
        ("appel/", "Lire l’appel"),
        ("candidature/", "Préparer ma candidature"),
    ] {
        assert!(
            home.contains(&format!("href=\"{href}\">{label}</a>")),
            "{label}"
        );
    }
}

#[test]
fn the_countries_page_groups_countries_in_french_order() {
    let project = Project::minimal();
    project.build();
    let page = project.read("pays-eligibles/index.html");
    let lists = page.find("<section class=\"country-group\"").unwrap();
    let page = &page[lists..];
    let order = [
        "Pays les moins avancés",
        "Afghanistan",
        "Éthiopie",
        "Sénégal",
        "Autres pays à faible revenu",
        "Corée",
        "Pays à revenu intermédiaire (tranche inférieure)",
        "Côte d’Ivoire",
        "Égypte",
        "Pays à revenu intermédiaire (tranche supérieure)",
        "Afrique du Sud",
        "Kosovo",
    ];
    let positions: Vec<usize> = order
        .iter()
        .map(|n| page.find(n).unwrap_or_else(|| panic!("{n}")))
        .collect();
    assert!(positions.windows(2).all(|w| w[0] < w[1]), "{positions:?}");
    assert!(page.contains("Kosovo <span class=\"code\" title=\"Code ISO 3166-1\">XK</span>"));
}

#[test]
fn the_calendar_is_valid_icalendar() {
    let project = Project::minimal();
    project.build();
    let ics = project.read("calendrier.ics");
    assert!(ics.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"));
    assert!(ics.ends_with("END:VCALENDAR\r\n"));
    assert!(!ics.replace("\r\n", "").contains('\n'), "bare LF");
    for line in ics.split("\r\n") {
        assert!(line.len() <= 75, "{line}");
    }
    let unfolded = ics.replace("\r\n ", "");
    // 2031-05-18 00:00 and 23:59 in Paris (summer time, UTC+2).
    assert!(unfolded.contains("UID:explor-2031-test-deadline@explor.example.org\r\nDTSTAMP:20310101T000000Z\r\nDTSTART:20310517T220000Z\r\nDTEND:20310518T215900Z\r\n"));
    assert!(unfolded.contains("DTSTART;VALUE=DATE:20310519\r\nDTEND;VALUE=DATE:20310603\r\n"));
    assert!(unfolded.contains("DTSTART;VALUE=DATE:20310601\r\nDTEND;VALUE=DATE:20320301\r\n"));
    assert_eq!(unfolded.matches("BEGIN:VEVENT").count(), 3);
    // The call's wording (« envoyés ») and the site's typography, as on the pages.
    assert!(
        unfolded.contains("\u{a0}: date limite d’envoi des dossiers\r\n"),
        "{unfolded}"
    );
    assert!(unfolded.contains("DESCRIPTION:Les dossiers doivent être envoyés jusqu’au dimanche 18 mai 2031 à minuit (heure de Paris)\\, par courriel à "), "{unfolded}");
}

#[test]
fn edition_json_is_the_edition_the_rules_use() {
    let project = Project::minimal();
    project.build();
    let published: wasm_validator::Edition =
        serde_json::from_str(&project.read("edition.json")).unwrap();
    let content = project.root().join("content");
    let mut loaded = generator::config::load_edition(&content).unwrap();
    // The rule sources are published with their facts filled in, as the page of the checks and
    // the self-check show them.
    let rules = fs::read_to_string(content.join("rules.toml")).unwrap();
    generator::facts::Facts::from_edition(&loaded)
        .fill_rule_sources(&mut loaded, (&rules, "content/rules.toml"))
        .unwrap();
    assert_eq!(published, loaded);
    let over_cap = published
        .rule_sources
        .iter()
        .find(|s| s.id == "budget.request_over_cap");
    assert_eq!(
        over_cap.and_then(|s| s.call.as_deref()),
        Some("Réseau d’essai finance 40\u{a0}% du coût, dans la limite de 800\u{a0}€.")
    );
    assert_eq!(published.eligibility.countries.len(), 8);
}

#[test]
fn the_dossier_schema_is_published() {
    let project = Project::minimal();
    project.build();
    let schema: serde_json::Value =
        serde_json::from_str(&project.read("dossier.schema.json")).unwrap();
    assert!(schema["properties"]["applicant"].is_object(), "{schema}");
}

#[test]
fn assets_are_fingerprinted_and_carry_integrity() {
    let project = Project::minimal();
    project.build();
    let home = project.read("index.html");
    let files = snapshot(&project.dist());
    let css = files
        .keys()
        .find(|p| p.starts_with("static/style."))
        .unwrap();
    // The style sheet carries its integrity like every other asset (issue 13, point 11): the value in
    // the page is the SHA-384 of the very bytes written.
    let digest = sha2::Sha384::digest(&files[css.as_str()]);
    let expected = format!("sha384-{}", generator::fingerprint::base64(&digest));
    assert!(
        home.contains(&format!(
            "<link rel=\"stylesheet\" href=\"{css}\" integrity=\"{expected}\">"
        )),
        "{home}"
    );
    let appel = project.read("appel/index.html");
    assert!(appel.contains(&format!("href=\"../{css}\" integrity=\"{expected}\"")));
    assert!(home.contains(
        "<meta property=\"og:image\" content=\"https://explor.example.org/static/social."
    ));
    for (path, html) in html_pages(&project.dist()) {
        for link in html.split("<link rel=\"stylesheet\"").skip(1) {
            let tag = &link[..link.find('>').unwrap()];
            assert!(
                tag.contains(" integrity=\"sha384-"),
                "{path}: a style sheet without integrity: {tag}"
            );
        }
    }
    // The map the templates read gives the same value.
    project.write(
        "templates/sri.html",
        "{{ integrity[\"style.css\"] | safe }}",
    );
    project.write(
        "content/pages/sri.md",
        "+++\ntitle = \"SRI\"\ndescription = \"x\"\ntemplate = \"sri.html\"\n+++\n",
    );
    project.build();
    assert_eq!(project.read("sri/index.html"), expected);
}

#[test]
fn a_wrong_out_folder_is_never_wiped() {
    let project = Project::minimal();
    let elsewhere = tempfile::tempdir().unwrap();
    fs::write(elsewhere.path().join("notes.txt"), "keep me").unwrap();
    let args = BuildArgs {
        out: Some(elsewhere.path().to_path_buf()),
        ..project.args()
    };
    let err = format!("{:#}", build(&args).unwrap_err());
    assert!(err.ends_with("ne ressemble pas à un site construit par explor (pas d’index.html ni de sitemap.xml) ; choisissez un autre dossier avec --out, ou videz-le."), "{err}");
    assert_eq!(
        fs::read_to_string(elsewhere.path().join("notes.txt")).unwrap(),
        "keep me"
    );
    project.write(
        "content/site.toml",
        "[site]\nurl = \"explor.example.org\"\n",
    );
    assert!(project
        .error()
        .starts_with("content/site.toml:2 : site.url"));
}

#[test]
fn long_pages_get_a_table_of_contents_and_the_call_page_its_key_dates() {
    let project = Project::minimal();
    project.build();
    let appel = project.read("appel/index.html");
    assert!(appel.contains("<nav class=\"toc\" aria-labelledby=\"sommaire\">"));
    assert!(appel.contains("<li><a href=\"#financement\">Le financement</a></li>"));
    assert!(
        appel.contains("<li><a href=\"#qui-peut-repondre\">Qui peut répondre\u{202f}?</a></li>")
    );
    assert!(appel.contains("<section class=\"key-dates\""));
    let charte = project.read("charte/index.html");
    assert!(
        !charte.contains("class=\"toc\""),
        "a one-section page has no table of contents"
    );
    assert!(!charte.contains("class=\"key-dates\""));

    project.edit(
        "content/pages/appel.md",
        "[extra]\n",
        "[extra]\ntoc = false\nkey_dates = false\n",
    );
    project.build();
    let appel = project.read("appel/index.html");
    assert!(!appel.contains("class=\"toc\"") && !appel.contains("class=\"key-dates\""));
}

/// The real pages must use facts by name (see [`real_project::pages_write_no_call_fact_by_hand`]).
/// A lint of the real `content/`, true of every edition: `new_edition.rs` runs it on the next one.
#[test]
fn the_real_pages_write_no_call_fact_by_hand() {
    real_project::pages_write_no_call_fact_by_hand(&repo());
}

/// The real project builds and every internal link and anchor of its pages resolves. Also true of
/// every edition: `new_edition.rs` runs it on the next one.
#[test]
fn the_real_site_builds_and_every_link_resolves() {
    real_project::builds_and_shows_its_edition(&repo());
}

/// The interactive pages carry the UTC offsets of the call's zone (the form's « today » without
/// `Intl`): read back as the form reads them, they give the same Paris dates as the time zone
/// database on both sides of every change of 2025 and 2026, and nothing outside their span.
#[test]
fn the_form_pages_carry_the_call_zone_offsets_and_they_give_paris_dates() {
    use jiff::{tz::TimeZone, Timestamp};
    use wasm_validator::clock::Offsets;

    // The real pages and theme, with the frozen 2025 edition whose year sets the table's span.
    let out = real_project::built_real_pages_with_the_frozen_edition();
    let attribute = |page: &str| {
        let html = fs::read_to_string(out.path().join("dist").join(page)).unwrap();
        let (_, after) = html
            .split_once("data-utc-offsets=\"")
            .unwrap_or_else(|| panic!("{page} carries no table"));
        after.split('"').next().unwrap().to_owned()
    };
    let text = attribute("candidature/index.html");
    assert_eq!(attribute("eligibilite/index.html"), text);
    let table = Offsets::parse(&text).unwrap_or_else(|| panic!("unreadable table: {text}"));

    let paris = TimeZone::get("Europe/Paris").unwrap();
    let date_in_paris = |second: i64| {
        paris
            .to_datetime(Timestamp::from_second(second).unwrap())
            .date()
    };
    let changes: Vec<i64> = paris
        .following("2025-01-01T00:00Z".parse().unwrap())
        .take_while(|t| t.timestamp() < "2027-01-01T00:00Z".parse().unwrap())
        .map(|t| t.timestamp().as_second())
        .collect();
    assert_eq!(changes.len(), 4, "{changes:?}");
    for change in changes {
        // Every ten minutes for a day and a half on each side, so that midnight is crossed.
        for step in -216..=216 {
            let second = change + step * 600;
            for ms in [second * 1000, second * 1000 - 1] {
                assert_eq!(
                    table.date_at(ms),
                    Some(date_in_paris(ms.div_euclid(1000))),
                    "{ms} ms"
                );
            }
        }
    }
    // The whole span, every 97 minutes: all agree; then nothing before or after.
    let (from, until) = (1_704_063_600_i64, 1_861_916_400_i64); // 2024-01-01 and 2029-01-01, Paris
    for second in (from..until).step_by(97 * 60) {
        assert_eq!(
            table.date_at(second * 1000),
            Some(date_in_paris(second)),
            "{second}"
        );
    }
    assert_eq!(
        table.date_at(from * 1000),
        Some(jiff::civil::date(2024, 1, 1))
    );
    assert_eq!(table.date_at(from * 1000 - 1), None);
    assert_eq!(
        table.date_at(until * 1000 - 1),
        Some(jiff::civil::date(2028, 12, 31))
    );
    assert_eq!(table.date_at(until * 1000), None);
}

/// Issue 14: the page « Comment votre dossier est vérifié » is generated from the rules'
/// catalogue: every rule id, its severity, whether it decides eligibility, and its source with the
/// edition's facts filled in.
#[test]
fn the_page_of_the_checks_lists_every_rule_of_the_catalogue() {
    let project = Project::minimal();
    project.build();
    let page = project.read("verifications/index.html");
    let content = project.root().join("content");
    let edition = generator::config::load_edition(&content).unwrap();
    let catalogue = wasm_validator::catalogue(&edition);
    assert_eq!(page.matches("<tr id=\"regle-").count(), catalogue.len());
    for rule in &catalogue {
        let row_start = page
            .find(&format!("data-rule=\"{}\"", rule.id))
            .unwrap_or_else(|| panic!("{} is not on the page", rule.id));
        let row = &page[row_start..row_start + page[row_start..].find("</tr>").unwrap()];
        assert!(row.contains(&format!("<code>{}</code>", rule.id)), "{row}");
        let decides = row.contains("Décide de l’éligibilité");
        assert_eq!(decides, rule.eligibility, "{row}");
        assert_eq!(
            row.contains("L’appel\u{a0}: <q>"),
            rule.call.is_some(),
            "{row}"
        );
        assert_eq!(
            row.contains("Raison\u{a0}: "),
            rule.reason.is_some(),
            "{row}"
        );
    }
    assert!(
        page.contains("dans la limite de 800\u{a0}€.</q>"),
        "facts filled in"
    );
    assert!(!page.contains("{{"), "no fact left unfilled");
    let sitemap = project.read("sitemap.xml");
    assert!(sitemap.contains("/verifications/"), "{sitemap}");
    assert!(project
        .read("index.html")
        .contains("href=\"verifications/\""));
}
