//! The model's words left in a project started from another network's call: one warning per page
//! (and for the edition file) that still names the model's organiser, region, address, e-mail or
//! website, with the lines, « à relire ». The words come from `site.toml`'s `[origin]`, written by
//! `explor init` (see [`crate::config::Origin`]); without it nothing is searched.

use wasm_validator::Edition;

use crate::config::Origin;
use crate::content::Page;

/// One word of the model: its text, what it was, the fact that now holds it, and the current value
/// of that fact (a new name may contain the old one: « Lianes coopération Sud »).
struct Word<'a> {
    text: &'a str,
    what: &'static str,
    fact: &'static str,
    current: &'a str,
}

fn words<'a>(origin: &'a Origin, edition: &'a Edition) -> Vec<Word<'a>> {
    let o = &edition.organiser;
    let all = [
        (
            &origin.organiser,
            "l’organisateur de l’appel d’origine",
            "organiser.name",
            &o.name,
        ),
        (
            &origin.region,
            "la région de l’appel d’origine",
            "edition.region",
            &edition.region,
        ),
        (
            &origin.address,
            "l’adresse de l’organisateur d’origine",
            "organiser.address",
            &o.address,
        ),
        (
            &origin.email,
            "l’adresse électronique de l’organisateur d’origine",
            "organiser.email",
            &o.email,
        ),
        (
            &origin.website,
            "le site de l’organisateur d’origine",
            "organiser.website",
            &o.website,
        ),
    ];
    all.into_iter()
        .filter_map(|(text, what, fact, current)| {
            let text = text.as_deref().filter(|t| !loose(t).trim().is_empty())?;
            Some(Word {
                text,
                what,
                fact,
                current,
            })
        })
        .collect()
}

/// Text compared loosely: case, apostrophe style, hyphens and (no-break) spaces do not matter, as a
/// writer may type « Hauts de France » or « LIANES Coopération ».
fn loose(text: &str) -> String {
    text.chars()
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            '’' | 'ʼ' => '\'',
            '-' | '\u{a0}' | '\u{202f}' | '\t' => ' ',
            c => c,
        })
        .collect()
}

/// The 1-based lines (among `lines`) that name `word` outside its current value.
fn lines_naming(lines: &[(usize, String)], word: &Word) -> Vec<usize> {
    let (text, current) = (loose(word.text), loose(word.current));
    lines
        .iter()
        .filter(|(_, line)| {
            let line = if current.is_empty() {
                line.clone()
            } else {
                line.replace(&current, " ")
            };
            line.contains(&text)
        })
        .map(|(n, _)| *n)
        .collect()
}

/// « ligne 3 » or « lignes 3, 7 et 12 » (at most ten shown).
fn shown_lines(lines: &[usize]) -> String {
    let mut shown: Vec<String> = lines.iter().take(10).map(usize::to_string).collect();
    if lines.len() > 10 {
        shown.push("…".to_owned());
    }
    match shown.split_last() {
        Some((last, [])) => format!("ligne {last}"),
        Some((last, rest)) => format!("lignes {} et {last}", rest.join(", ")),
        None => String::new(),
    }
}

/// The warning for one file whose `lines` (number, text) may name the model's words, if they do.
fn file_warning(
    origin: &str,
    (what_file, is_page): (&str, bool),
    lines: &[(usize, String)],
    words: &[Word],
) -> Option<String> {
    let lines: Vec<(usize, String)> = lines.iter().map(|(n, l)| (*n, loose(l))).collect();
    let found: Vec<(&Word, Vec<usize>)> = words
        .iter()
        .map(|w| (w, lines_naming(&lines, w)))
        .filter(|(_, at)| !at.is_empty())
        .collect();
    let first = found.iter().filter_map(|(_, at)| at.first()).min()?;
    let named: Vec<String> = found
        .iter()
        .map(|(w, at)| format!("« {} », {} ({})", w.text, w.what, shown_lines(at)))
        .collect();
    let facts: Vec<String> = found
        .iter()
        .map(|(w, _)| format!("{{{{ {} }}}}", w.fact))
        .collect();
    // A page may write a fact by its name; the edition file holds the facts themselves.
    let fix = if is_page {
        format!(
            "Réécrivez ces passages pour votre réseau, ou écrivez le fait par son nom ({})",
            facts.join(", ")
        )
    } else {
        "Remplacez ces valeurs par celles de votre réseau".to_owned()
    };
    Some(format!(
        "{origin}:{first} : attention : {what_file} nomme encore {} : à relire. {fix}.",
        named.join(" ; "),
    ))
}

/// A page's lines with their numbers in its file: the front matter from line 2 (after `+++`), the
/// body from [`Page::body_line`].
fn page_lines(page: &Page) -> Vec<(usize, String)> {
    let front = page.front_text.lines().enumerate().map(|(i, l)| (i + 2, l));
    let body = page
        .body
        .lines()
        .enumerate()
        .map(|(i, l)| (i + page.body_line, l));
    front.chain(body).map(|(n, l)| (n, l.to_owned())).collect()
}

/// One warning per page, then one for the edition file (`edition_text`, shown as `edition_origin`;
/// its comments are not shown on the site and are skipped), that still names the model's words.
pub fn warnings(
    origin: &Origin,
    edition: &Edition,
    pages: &[Page],
    (edition_text, edition_origin): (&str, &str),
) -> Vec<String> {
    let words = words(origin, edition);
    if words.is_empty() {
        return Vec::new();
    }
    let mut out: Vec<String> = pages
        .iter()
        .filter_map(|page| {
            file_warning(
                &page.origin,
                ("cette page", true),
                &page_lines(page),
                &words,
            )
        })
        .collect();
    let edition_lines: Vec<(usize, String)> = edition_text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim_start().starts_with('#'))
        .map(|(i, l)| (i + 1, l.to_owned()))
        .collect();
    out.extend(file_warning(
        edition_origin,
        ("ce fichier", false),
        &edition_lines,
        &words,
    ));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn edition() -> Edition {
        let frozen = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../tests/fixtures/editions/explor-2025");
        let mut e = crate::config::load_edition(&frozen).expect("the frozen edition loads");
        e.organiser.name = "Lianes coopération Sud".to_owned();
        e.region = "Bretagne".to_owned();
        e
    }

    fn page(text: &str) -> Page {
        crate::content::parse(text, "content/pages/p.md", "p").unwrap()
    }

    fn origin() -> Origin {
        Origin {
            organiser: Some("Lianes coopération".to_owned()),
            region: Some("Hauts-de-France".to_owned()),
            ..Origin::default()
        }
    }

    #[test]
    fn one_warning_per_page_with_every_line_naming_the_model() {
        let p = page("+++\ntitle = \"Charte de Lianes coopération\"\ndescription = \"d\"\n+++\n\nEn hauts de France,\nrien.\nLIANES Coopération et Lianes coopération Sud.\n");
        let got = warnings(&origin(), &edition(), &[p], ("", "content/edition.toml"));
        assert_eq!(
            got,
            ["content/pages/p.md:2 : attention : cette page nomme encore « Lianes coopération », l’organisateur de l’appel d’origine (lignes 2 et 8) ; « Hauts-de-France », la région de l’appel d’origine (ligne 6) : à relire. Réécrivez ces passages pour votre réseau, ou écrivez le fait par son nom ({{ organiser.name }}, {{ edition.region }})."]
        );
    }

    #[test]
    fn the_new_name_facts_comments_and_a_project_without_origin_never_warn() {
        let p = page("+++\ntitle = \"{{ organiser.name }}\"\ndescription = \"d\"\n+++\nLianes coopération Sud, en Bretagne.\n");
        let edition_text = "# Lianes coopération contributes\nregion = \"Bretagne\"\n";
        let none = warnings(
            &origin(),
            &edition(),
            std::slice::from_ref(&p),
            (edition_text, "e"),
        );
        assert!(none.is_empty(), "{none:?}");
        let old = page("+++\ntitle = \"t\"\ndescription = \"d\"\n+++\nLianes coopération.\n");
        let unrecorded = warnings(&Origin::default(), &edition(), &[old], ("", "e"));
        assert!(unrecorded.is_empty(), "{unrecorded:?}");
        let edition_text = "sdg_page = \"https://www.lianescooperation.org/odd/\"\n";
        let website = Origin {
            website: Some("https://www.lianescooperation.org/".to_owned()),
            ..Origin::default()
        };
        let mut e = edition();
        e.organiser.website = "https://reseau.example.org/".to_owned();
        let got = warnings(&website, &e, &[p], (edition_text, "content/edition.toml"));
        assert_eq!(got.len(), 1, "{got:?}");
        assert!(got[0].starts_with("content/edition.toml:1 : attention : ce fichier nomme encore « https://www.lianescooperation.org/ », le site"), "{got:?}");
    }
}
