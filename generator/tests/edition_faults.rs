//! Faults in the edition file and its data: a missing fact, facts that contradict each other, a fact of
//! the wrong type, a data file missing or wrong, a page that uses a fact (such as a mission type) the
//! edition does not have. Each fails the build with a message that names the file, the line where it
//! can, and the fact; the previous site stays as it was. (Negative cap, rate above 100 % and deadline
//! after the mission window are pinned in `site.rs`.)

use std::fs;
use std::path::Path;

use generator::build::{build, BuildArgs};

mod real_project;
use real_project::{edit, minimal_site, no_wasm};

fn args(root: &Path) -> BuildArgs {
    no_wasm(root, root.join("dist"))
}

/// The 1-based line of the `nth` (from 0) line of `file` that starts with `start` (after indentation).
fn nth_line_of(root: &Path, file: &str, start: &str, nth: usize) -> usize {
    let text = fs::read_to_string(root.join(file)).unwrap();
    text.lines()
        .enumerate()
        .filter(|(_, l)| l.trim_start().starts_with(start))
        .nth(nth)
        .unwrap_or_else(|| panic!("{start:?} not in {file}"))
        .0
        + 1
}

fn line_of(root: &Path, file: &str, start: &str) -> usize {
    nth_line_of(root, file, start, 0)
}

fn error(root: &Path) -> String {
    match build(&args(root)) {
        Ok(_) => panic!("the build should have failed"),
        Err(e) => format!("{e:#}"),
    }
}

const EDITION: &str = "content/edition.toml";

/// `(what is replaced, by what, the start of the line named, the fact named and why)`.
const CONTRADICTIONS: [(&str, &str, &str, &str); 8] = [
    (
        "rate_percent = 40",
        "rate_percent = -5",
        "rate_percent",
        "funding.rate_percent :",
    ),
    (
        "mission_window_start = \"2031-06-01\"",
        "mission_window_start = \"2032-06-01\"",
        "mission_window_start",
        "dates.mission_window_start :",
    ),
    (
        "selection_end = \"2031-06-02\"",
        "selection_end = \"2031-05-01\"",
        "selection_start",
        "dates.selection_start :",
    ),
    (
        "timezone = \"Europe/Paris\"",
        "timezone = \"Europe/Lile\"",
        "timezone",
        "dates.timezone : « Europe/Lile » n’est pas un fuseau horaire connu",
    ),
    (
        "duration_short_days = 5",
        "duration_short_days = 30",
        "duration_short_days",
        "mission.duration_short_days :",
    ),
    (
        "missions_count = 3",
        "missions_count = 0",
        "missions_count",
        "missions_count : l’appel doit cofinancer au moins une mission.",
    ),
    (
        "amount_max_cents = 100000000",
        "amount_max_cents = 0",
        "amount_max_cents",
        "funding.amount_max_cents :",
    ),
    (
        "id = \"reciprocity\"",
        "id = \"implementation\"",
        "id = \"implementation\"",
        "mission.types.id : l’identifiant « implementation » est déjà pris",
    ),
];

#[test]
fn contradictory_facts_name_the_fact_the_file_and_its_line() {
    for (from, to, line_start, fact) in CONTRADICTIONS {
        let dir = minimal_site();
        let root = dir.path();
        edit(root, EDITION, from, to);
        // A duplicate mission type is named at its second occurrence.
        let nth = usize::from(line_start == "id = \"implementation\"");
        let line = nth_line_of(root, EDITION, line_start, nth);
        let err = error(root);
        assert!(
            err.starts_with(&format!("{EDITION}:{line} : {fact}")),
            "{from} → {to}:\n{err}"
        );
    }
}

#[test]
fn a_missing_or_mistyped_fact_names_its_key_file_and_line() {
    let cases = [
        ("deadline = \"2031-05-18\"\n", "", "deadline"),
        ("cap_cents = 80000\n", "", "cap_cents"),
        ("cap_cents = 80000", "cap_cent = 80000", "cap_cent"),
        ("cap_cents = 80000", "cap_cents = \"800 €\"", "cap_cents"),
        ("rate_percent = 40", "rate_percent = 40.5", "rate_percent"),
        (
            "deadline = \"2031-05-18\"",
            "deadline = \"18/05/2031\"",
            "deadline",
        ),
    ];
    for (from, to, key) in cases {
        let dir = minimal_site();
        let root = dir.path();
        edit(root, EDITION, from, to);
        let err = error(root);
        assert!(
            err.starts_with(&format!("{EDITION}:")),
            "{from} → {to}:\n{err}"
        );
        let place = err.split(" : ").next().unwrap();
        let line: usize = place.split(':').nth(1).unwrap().parse().unwrap();
        let text = fs::read_to_string(root.join(EDITION)).unwrap();
        let shown = text.lines().nth(line - 1).unwrap_or("");
        assert!(
            err.contains(key) || shown.contains(key) || shown.starts_with('['),
            "{from} → {to}: the message or its line names {key}:\n{err}\nline {line}: {shown}"
        );
    }
}

#[test]
fn a_wrong_data_file_names_itself_and_the_fact_that_points_to_it() {
    let dir = minimal_site();
    let root = dir.path();
    edit(
        root,
        EDITION,
        "dac_list = \"data/dac.csv\"",
        "dac_list = \"data/cad.csv\"",
    );
    let err = error(root);
    assert!(
        err.starts_with("content/data/cad.csv : lecture impossible")
            && err.contains("eligibility.dac_list dans content/edition.toml"),
        "{err}"
    );

    let dir = minimal_site();
    let root = dir.path();
    let csv = fs::read_to_string(root.join("content/data/dac.csv")).unwrap();
    let (header, first) = (csv.lines().next().unwrap(), csv.lines().nth(1).unwrap());
    let code = first.split(',').next().unwrap();
    let broken = csv.replacen(first, &first.replacen(code, &code.to_lowercase(), 1), 1);
    fs::write(root.join("content/data/dac.csv"), broken).unwrap();
    let err = error(root);
    assert!(header.starts_with("iso2"), "{header}");
    assert!(
        err.starts_with(&format!(
            "content/data/dac.csv:2 : « {} » n’est pas un code pays",
            code.to_lowercase()
        )),
        "{err}"
    );
}

#[test]
fn a_page_using_a_mission_type_the_edition_lacks_fails_and_keeps_the_site() {
    let dir = minimal_site();
    let root = dir.path();
    build(&args(root)).expect("the first build");
    let before = fs::read(root.join("dist/appel/index.html")).unwrap();
    edit(
        root,
        "content/pages/appel.md",
        "{{ mission.types_list }}",
        "{{ mission.types_list }}\n\nLa mission d’échange ({{ mission.types.echange }}) est ouverte.",
    );
    let line = line_of(root, "content/pages/appel.md", "La mission d’échange");
    let err = error(root);
    assert!(
        err.starts_with(&format!(
            "content/pages/appel.md:{line}:23 : fait inconnu « mission.types.echange »."
        )),
        "{err}"
    );
    assert_eq!(
        fs::read(root.join("dist/appel/index.html")).unwrap(),
        before
    );
}

const RULES: &str = "content/rules.toml";

/// An unknown fact in a rule's source is named with the line of that source in `content/rules.toml`.
#[test]
fn an_unknown_fact_in_a_rule_source_names_its_line() {
    let dir = minimal_site();
    let root = dir.path();
    edit(
        root,
        RULES,
        "reason = \"Raison d’essai de la règle mission.window.\"",
        "reason = \"Raison d’essai : {{ funding.capp }}.\"",
    );
    let line = line_of(root, RULES, "[rules.\"mission.window\"]") + 1;
    let err = error(root);
    assert!(
        err.starts_with(&format!("content/rules.toml:{line}:"))
            && err.contains("fait inconnu « funding.capp »"),
        "{err}"
    );
}

/// Issue 14: a rule without a source stops the build, naming the file and the rule.
#[test]
fn a_rule_without_a_source_fails_the_build() {
    let dir = minimal_site();
    let root = dir.path();
    edit(
        root,
        RULES,
        "[rules.\"mission.dates\"]\nreason = \"Raison d’essai de la règle mission.dates.\"\n",
        "",
    );
    let err = error(root);
    assert!(
        err.starts_with("content/rules.toml : la règle « mission.dates » n’a pas de source."),
        "{err}"
    );
    assert!(!root.join("dist").exists());
    // An empty source is no source either, and is named with its line.
    let dir = minimal_site();
    let root = dir.path();
    edit(
        root,
        RULES,
        "reason = \"Raison d’essai de la règle mission.window.\"",
        "reason = \"  \"",
    );
    let line = line_of(root, RULES, "[rules.\"mission.window\"]");
    let err = error(root);
    assert!(
        err.starts_with(&format!(
            "content/rules.toml:{line} : règle « mission.window » : cette règle n’a pas de source"
        )),
        "{err}"
    );
}

/// Issue 14: only a sentence of the call may make a dossier ineligible.
#[test]
fn an_eligibility_rule_with_a_reason_or_a_quotation_the_call_lacks_fails_the_build() {
    let dir = minimal_site();
    let root = dir.path();
    let from = "[rules.\"mission.sdgs\"]\ncall = ";
    edit(root, RULES, from, "[rules.\"mission.sdgs\"]\nreason = ");
    let line = line_of(root, RULES, "[rules.\"mission.sdgs\"]") + 1;
    let err = error(root);
    assert!(
        err.starts_with(&format!(
            "content/rules.toml:{line} : règle « mission.sdgs » : cette règle décide de \
             l’éligibilité : seule une phrase de l’appel peut rendre un dossier inéligible."
        )),
        "{err}"
    );

    let dir = minimal_site();
    let root = dir.path();
    // The call's page rewritten: the quotation is no longer a sentence of the call.
    edit(
        root,
        "content/pages/appel.md",
        "en lien avec les valeurs de la charte.",
        "proche de la charte.",
    );
    let line = line_of(root, RULES, "[rules.\"applicant.legal_form\"]") + 1;
    let err = error(root);
    assert!(
        err.starts_with(&format!(
            "content/rules.toml:{line} : la citation de la règle « applicant.legal_form » ne \
             figure pas mot pour mot dans content/pages/appel.md : « Une association loi 1901,"
        )),
        "{err}"
    );
    assert!(!root.join("dist").exists());
}

/// Issue 15 point 1: an edition with no request source, or two, is refused with its line; the
/// request source renamed is followed.
#[test]
fn the_request_source_is_exactly_one_flagged_source() {
    let line = |root: &Path| line_of(root, EDITION, "resource_sources");
    let dir = minimal_site();
    let root = dir.path();
    edit(root, EDITION, ", request = true }", " }");
    let err = error(root);
    assert!(
        err.starts_with(&format!(
            "{EDITION}:{} : budget.resource_sources : aucune origine de ressource ne porte « request = true »",
            line(root)
        )),
        "{err}"
    );
    let dir = minimal_site();
    let root = dir.path();
    edit(
        root,
        EDITION,
        "label = \"Fonds propres\" }",
        "label = \"Fonds propres\", request = true }",
    );
    let err = error(root);
    assert!(
        err.starts_with(&format!(
            "{EDITION}:{} : budget.resource_sources : plusieurs origines de ressource portent « request = true » (lianes, own_funds)",
            line(root)
        )),
        "{err}"
    );
}
