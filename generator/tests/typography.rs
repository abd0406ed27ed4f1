//! French typography everywhere the site prints: every page built from the real project (with its own
//! edition and with the tests' frozen one) and every rule message produced for a set of dossiers is
//! scanned for a missing no-break space before `:` (U+00A0), before `;` `!` `?` and inside « »
//! (U+202F). The scanner reads the built HTML on its own, not with the generator's typographic pass.

use std::fs;
use std::path::Path;

use generator::build::build;
use walkdir::WalkDir;

mod real_project;

const NBSP: char = '\u{a0}';
const NNBSP: char = '\u{202f}';

/// Elements whose content is not French prose for the reader.
const SKIPPED: [&str; 7] = ["script", "style", "code", "pre", "kbd", "samp", "textarea"];
/// Attributes shown to the reader as text (by the browser, or copied into the page by the form).
/// Written again here on purpose, not taken from `generator::typeset_html::TEXT_ATTRIBUTES`: this list
/// is the test's own oracle, so an attribute dropped from the generator's pass still gets scanned.
const SHOWN: [&str; 8] = [
    "title",
    "alt",
    "aria-label",
    "placeholder",
    "data-label",
    "data-yes",
    "data-no",
    "data-pending",
];

/// The text a reader sees in `html`: text between tags (outside [`SKIPPED`] elements and comments)
/// with entities decoded, then the values of the [`SHOWN`] attributes, one per line.
fn visible_text(html: &str) -> String {
    let mut text = String::new();
    let mut shown = Vec::new();
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        text.push_str(&rest[..lt]);
        rest = &rest[lt..];
        if rest.starts_with("<!--") {
            rest = rest.find("-->").map_or("", |i| &rest[i + 3..]);
            continue;
        }
        let end = rest.find('>').map_or(rest.len(), |i| i + 1);
        let tag = &rest[..end];
        rest = &rest[end..];
        let name: String = tag[1..]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        for attribute in SHOWN {
            let key = format!(" {attribute}=\"");
            if let Some(at) = tag.find(&key) {
                let value = &tag[at + key.len()..];
                shown.push(value[..value.find('"').unwrap_or(value.len())].to_owned());
            }
        }
        if SKIPPED.contains(&name.as_str()) && !tag.ends_with("/>") {
            let close = format!("</{name}");
            rest = rest.find(&close).map_or("", |i| &rest[i..]);
        }
    }
    text.push_str(rest);
    text.push('\n');
    text.push_str(&shown.join("\n"));
    text.replace("&#x27;", "'")
        .replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// Whether the sign at `i` of `chars` belongs to an address, an e-mail, a time or code (`14:03`,
/// `https://…`, `a?b=c`), where French spacing does not apply.
fn not_prose(chars: &[char], i: usize) -> bool {
    let start = chars[..i]
        .iter()
        .rposition(|c| c.is_whitespace())
        .map_or(0, |p| p + 1);
    let end = chars[i..]
        .iter()
        .position(|c| c.is_whitespace())
        .map_or(chars.len(), |p| i + p);
    let token: String = chars[start..end].iter().collect();
    let next = chars.get(i + 1).copied();
    token.contains("://")
        || token.contains('@')
        || token.starts_with("mailto:")
        || token.starts_with("www.")
        // Punctuation is followed by a space, a line end or another sign; a letter, digit or
        // slash right after it is code, a time or an address.
        || next.is_some_and(|c| c.is_alphanumeric() || c == '/' || c == '=')
}

/// Whether the character at `i` is a space other than the narrow one between groups of digits of a
/// number (`1 234,56`, `3 000`): a digit before, exactly three after. Telephone numbers (groups of
/// two) and dates are not numbers of this shape.
fn splits_digit_groups(chars: &[char], i: usize) -> bool {
    let digit = |j: usize| chars.get(j).is_some_and(char::is_ascii_digit);
    let space = |j: usize| matches!(chars.get(j).copied(), Some(' ' | NBSP | NNBSP));
    let group_of_three = |j: usize| (1..=3).all(|k| digit(j + k)) && !digit(j + 4);
    // A telephone number's groups go on in twos: `+221 77 000 00 00` is not an amount.
    let number_goes_on_in_threes = !(space(i + 4) && digit(i + 5)) || group_of_three(i + 4);
    matches!(chars[i], ' ' | NBSP)
        && i > 0
        && digit(i - 1)
        && group_of_three(i)
        && number_goes_on_in_threes
}

/// Each missing or wrong space in `text`, with its context.
fn faults(text: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let mut found = Vec::new();
    let context = |i: usize| {
        let from = i.saturating_sub(30);
        let to = (i + 10).min(chars.len());
        chars[from..to]
            .iter()
            .collect::<String>()
            .replace(NBSP, "⍽")
            .replace(NNBSP, "·")
    };
    for (i, &c) in chars.iter().enumerate() {
        let before = i.checked_sub(1).map(|p| chars[p]);
        if splits_digit_groups(&chars, i) {
            found.push(format!("groupes de chiffres : « {} »", context(i)));
            continue;
        }
        let wanted = match c {
            ':' => Some((NBSP, before)),
            ';' | '!' | '?' => Some((NNBSP, before)),
            '»' => Some((NNBSP, before)),
            '«' => Some((NNBSP, chars.get(i + 1).copied())),
            _ => None,
        };
        let Some((space, neighbour)) = wanted else {
            continue;
        };
        // `?!`, `!!`: the space goes before the first sign only.
        let doubled = matches!(c, '!' | '?') && matches!(before, Some('!' | '?'));
        if neighbour == Some(space) || doubled || (c != '«' && c != '»' && not_prose(&chars, i)) {
            continue;
        }
        found.push(format!("« {c} » : « {} »", context(i)));
    }
    found
}

#[test]
fn the_scanner_finds_each_missing_space_and_spares_addresses_and_times() {
    assert_eq!(
        faults("Oui : non ; peut-être ? Voilà ! « clos » Note:").len(),
        7,
        "four plain spaces, two in « », one missing space"
    );
    assert_eq!(
        faults("Heure\u{a0}: 14:03 https://example.org/a?b=c mailto:a@b.fr x@y.fr Quoi\u{202f}?!")
            .len(),
        0
    );
    assert_eq!(
        faults("1 234,56 et 3\u{a0}000 €, mais 1\u{202f}234,56, 03 20 00 00 00, 15 juin 2025")
            .len(),
        2,
        "two amounts with a plain or full space between their groups of digits"
    );
    assert_eq!(
        faults("Date\u{202f}: x").len(),
        1,
        "a narrow space before a colon"
    );
    let html = "<p title=\"Titre : x\">Texte\u{a0}: <code>a : b</code><script>x ; y</script></p>";
    assert_eq!(faults(&visible_text(html)).len(), 1, "only the title");
}

/// Every fault of every page of the site built from `root`.
fn site_faults(root: &Path) -> Vec<String> {
    let out = tempfile::tempdir().unwrap();
    let args = real_project::no_wasm(root, out.path().join("dist"));
    build(&args).unwrap_or_else(|e| panic!("{} does not build: {e:#}", root.display()));
    let mut found = Vec::new();
    let mut pages = 0;
    for entry in WalkDir::new(out.path().join("dist")).sort_by_file_name() {
        let entry = entry.unwrap();
        if entry.path().extension().is_none_or(|x| x != "html") {
            continue;
        }
        pages += 1;
        let html = fs::read_to_string(entry.path()).unwrap();
        let name = entry.path().strip_prefix(out.path()).unwrap().display();
        found.extend(
            faults(&visible_text(&html))
                .into_iter()
                .map(|f| format!("{name} : {f}")),
        );
    }
    assert!(pages >= 8, "only {pages} pages");
    found
}

#[test]
fn every_page_of_the_real_site_has_french_spacing() {
    let found = site_faults(&real_project::repo());
    assert!(found.is_empty(), "{}", found.join("\n"));
}

#[test]
fn every_page_of_the_frozen_edition_site_has_french_spacing() {
    let project = real_project::real_pages_with_the_frozen_edition();
    let found = site_faults(project.path());
    assert!(found.is_empty(), "{}", found.join("\n"));
}

/// The test dossiers, and variants of the complete one spoiled in every way at once, so that most
/// rules speak.
fn dossiers() -> Vec<Vec<u8>> {
    let dir = real_project::repo().join("tests/fixtures/dossiers");
    let mut list: Vec<Vec<u8>> = [
        "complete",
        "ineligible",
        "budget-errors",
        "other-edition",
        "unknown-field",
    ]
    .iter()
    .map(|name| fs::read(dir.join(format!("{name}.json"))).unwrap())
    .collect();
    let complete: serde_json::Value = serde_json::from_slice(&list[0]).unwrap();
    let spoilers: [fn(&mut serde_json::Value); 4] = [
        |v| {
            if let Some(s) = v.as_str() {
                *v = serde_json::Value::from(if s.len() > 30 { "" } else { "x" });
            }
        },
        |v| {
            if v.is_string() {
                *v = serde_json::Value::from("é".repeat(4000));
            }
        },
        |v| {
            if let Some(n) = v.as_i64() {
                *v = serde_json::Value::from(-n - 1);
            }
        },
        |v| {
            if let Some(b) = v.as_bool() {
                *v = serde_json::Value::from(!b);
            }
        },
    ];
    for spoil in spoilers {
        let mut variant = complete.clone();
        walk(&mut variant, spoil);
        // The envelope stays readable, so that the rules run.
        for key in ["format", "version", "edition"] {
            variant[key] = complete[key].clone();
        }
        list.push(serde_json::to_vec(&variant).unwrap());
    }
    list
}

fn walk(value: &mut serde_json::Value, spoil: fn(&mut serde_json::Value)) {
    match value {
        serde_json::Value::Object(map) => map.values_mut().for_each(|v| walk(v, spoil)),
        serde_json::Value::Array(list) => list.iter_mut().for_each(|v| walk(v, spoil)),
        leaf => spoil(leaf),
    }
}

#[test]
fn every_rule_message_has_french_spacing() {
    let edition = wasm_validator::edition::load::from_dir(&real_project::frozen_edition()).unwrap();
    let deadline = edition.dates.deadline;
    let mut texts = Vec::new();
    let mut rules = std::collections::BTreeSet::new();
    for bytes in dossiers() {
        for today in [deadline.yesterday().unwrap(), deadline.tomorrow().unwrap()] {
            match wasm_validator::judge(&edition, &bytes, today) {
                Ok(judged) => {
                    for finding in judged.report.findings {
                        rules.insert(finding.rule.clone());
                        texts.push((finding.rule, finding.message));
                    }
                }
                Err(error) => texts.push(("dossier".to_owned(), error.to_string())),
            }
        }
    }
    for rule in wasm_validator::catalogue(&edition) {
        texts.push((rule.id.to_owned(), rule.summary));
        texts.extend(rule.call.map(|call| (rule.id.to_owned(), call)));
    }
    assert!(
        rules.len() >= 20,
        "only {} rules spoke: {rules:?}",
        rules.len()
    );
    let found: Vec<String> = texts
        .iter()
        .flat_map(|(rule, text)| {
            faults(text)
                .into_iter()
                .map(move |f| format!("{rule} : {f}"))
        })
        .collect();
    assert!(found.is_empty(), "{}", found.join("\n"));
}
