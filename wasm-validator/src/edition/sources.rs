//! Where each rule comes from: `content/rules.toml` gives every rule of the catalogue either the
//! sentence of the call it enforces, quoted word for word from the call's page, or, where the call
//! says nothing, the reason the dossier needs it. The loader refuses a rule without a source, an
//! eligibility rule without a quotation (only the call may make a dossier ineligible), and a
//! quotation that the call's page does not contain, so that the rules cannot drift from the call.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;

use super::load::LoadError;
use super::toml_diag::from_toml;
use super::RuleSource;

/// The rule sources' file name inside `content/`.
pub const RULES_FILE: &str = "rules.toml";

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RulesFile {
    /// The call's page, relative to `content/` (`pages/appel.md`).
    call_page: String,
    rules: BTreeMap<String, Entry>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Entry {
    call: Option<String>,
    reason: Option<String>,
}

type Result<T> = std::result::Result<T, LoadError>;

/// Reads `content_dir/rules.toml` and the call's page it names, and checks them against the
/// catalogue's rules; messages name files under `shown`.
pub fn from_dir_shown(content_dir: &Path, shown: &Path) -> Result<Vec<RuleSource>> {
    let origin = shown.join(RULES_FILE).display().to_string();
    let text = std::fs::read_to_string(content_dir.join(RULES_FILE)).map_err(|e| {
        LoadError::new(format!(
            "{origin} : lecture impossible ({e}). Ce fichier donne la source de chaque règle (la \
             phrase de l’appel qu’elle applique, ou la raison qui la justifie) ; il est requis."
        ))
    })?;
    let (call_page, sources) = parse(&text, &origin)?;
    let call_origin = shown.join(&call_page).display().to_string();
    let call_text = std::fs::read_to_string(content_dir.join(&call_page)).map_err(|e| {
        LoadError::new(format!(
            "{call_origin} : lecture impossible ({e}) ; cette page est nommée par call_page dans \
             {origin}, corrigez le chemin (relatif au dossier content)."
        ))
    })?;
    check_quotations(&sources, (&text, &origin), (&call_text, &call_origin))?;
    Ok(sources)
}

/// Parses the rules file's text: `call_page` and one source per rule, checked against the
/// catalogue (every rule has exactly one source; an eligibility rule is quoted from the call).
pub fn parse(text: &str, origin: &str) -> Result<(String, Vec<RuleSource>)> {
    let file: RulesFile = from_toml(origin, text, 0).map_err(LoadError::new)?;
    let at = |id: &str, key: &str| {
        rule_key_line(text, id, key)
            .or_else(|| header_line(text, &format!("rules.\"{id}\"")))
            .map_or_else(|| origin.to_owned(), |line| format!("{origin}:{line}"))
    };
    let known: Vec<(&str, bool)> = crate::rules::rule_ids()
        .map(|(id, _, eligibility)| (id, eligibility))
        .collect();
    if let Some(id) = file
        .rules
        .keys()
        .find(|id| !known.iter().any(|(k, _)| k == id))
    {
        let ids: Vec<&str> = known.iter().map(|(id, _)| *id).collect();
        return Err(LoadError::new(format!(
            "{} : la règle « {id} » n’existe pas ; les règles sont : {}.",
            at(id, "call"),
            ids.join(", ")
        )));
    }
    let mut sources = Vec::with_capacity(known.len());
    for (id, eligibility) in known {
        let Some(entry) = file.rules.get(id) else {
            return Err(LoadError::new(format!(
                "{origin} : la règle « {id} » n’a pas de source. Ajoutez une table [rules.\"{id}\"] \
                 avec call = « la phrase de l’appel qu’elle applique, mot pour mot » ou, si l’appel \
                 n’en dit rien, reason = « pourquoi le dossier en a besoin »."
            )));
        };
        let filled = |t: &Option<String>| t.as_deref().is_some_and(|t| !t.trim().is_empty());
        let message = match (filled(&entry.call), filled(&entry.reason)) {
            (true, true) => Some((
                "reason",
                "donnez soit call (la phrase de l’appel), soit reason (la raison), pas les deux.",
            )),
            (false, false) => Some((
                "call",
                "cette règle n’a pas de source : écrivez call = « la phrase de l’appel qu’elle \
                 applique » ou, si l’appel n’en dit rien, reason = « pourquoi le dossier en a \
                 besoin ».",
            )),
            (false, true) if eligibility => Some((
                "reason",
                "cette règle décide de l’éligibilité : seule une phrase de l’appel peut rendre un \
                 dossier inéligible. Remplacez reason par call = « la phrase de l’appel, mot pour \
                 mot ».",
            )),
            _ => None,
        };
        if let Some((key, message)) = message {
            return Err(LoadError::new(format!(
                "{} : règle « {id} » : {message}",
                at(id, key)
            )));
        }
        let keep = |t: &Option<String>| t.clone().filter(|t| !t.trim().is_empty());
        sources.push(RuleSource {
            id: id.to_owned(),
            call: keep(&entry.call),
            reason: keep(&entry.reason),
        });
    }
    Ok((file.call_page, sources))
}

/// Refuses a quotation that the call's page does not contain word for word (its Markdown marks
/// and line breaks aside, its `{{ facts }}` as written).
pub fn check_quotations(
    sources: &[RuleSource],
    (rules_text, rules_origin): (&str, &str),
    (call_text, call_origin): (&str, &str),
) -> Result<()> {
    let call = plain(call_text);
    for source in sources {
        let Some(quote) = &source.call else { continue };
        if call.contains(&plain(quote)) {
            continue;
        }
        let at = rule_key_line(rules_text, &source.id, "call").map_or_else(
            || rules_origin.to_owned(),
            |l| format!("{rules_origin}:{l}"),
        );
        return Err(LoadError::new(format!(
            "{at} : la citation de la règle « {} » ne figure pas mot pour mot dans {call_origin} : \
             « {quote} ». Recopiez la phrase telle que l’appel l’écrit (avec ses {{{{ … }}}}), ou \
             corrigez la page de l’appel.",
            source.id
        )));
    }
    Ok(())
}

/// A Markdown text as it reads: links reduced to their words, emphasis marks and hard-break
/// backslashes removed, white space collapsed. Quotations and the call's page are compared so.
pub fn plain(markdown: &str) -> String {
    let mut out = String::with_capacity(markdown.len());
    let mut rest = markdown;
    while let Some(open) = rest.find('[') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find("](").and_then(|close| {
            let target = &after[close + 2..];
            target
                .find(')')
                .map(|end| (&after[..close], &target[end + 1..]))
        }) {
            Some((words, next)) if !words.contains('[') => {
                out.push_str(words);
                rest = next;
            }
            _ => {
                out.push('[');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    let out = out.replace("**", "").replace(['*', '\\'], "");
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The line of `key` in the table of rule `id` (`[rules."mission.sdgs"]`): read with `toml_edit`,
/// since a rule's id holds dots that a dotted table path cannot name.
pub fn rule_key_line(text: &str, id: &str, key: &str) -> Option<usize> {
    let document = toml_edit::Document::parse(text).ok()?;
    let rule = document
        .as_table()
        .get("rules")?
        .as_table()?
        .get(id)?
        .as_table()?;
    Some(super::toml_diag::line_col(text, rule.key(key)?.span()?.start).0)
}

/// The line of a table's `[header]`.
fn header_line(text: &str, table: &str) -> Option<usize> {
    let header = format!("[{table}]");
    text.lines().position(|l| l.trim() == header).map(|i| i + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A rules file giving every rule a reason, except the eligibility rules, which quote `quote`.
    fn every_rule(quote: &str) -> String {
        let mut text = String::from("call_page = \"pages/appel.md\"\n");
        for (id, _, eligibility) in crate::rules::rule_ids() {
            let source = if eligibility {
                format!("call = \"{quote}\"")
            } else {
                format!("reason = \"Pourquoi {id}.\"")
            };
            text.push_str(&format!("\n[rules.\"{id}\"]\n{source}\n"));
        }
        text
    }

    #[test]
    fn every_rule_has_one_source_and_eligibility_rules_quote_the_call() {
        let text = every_rule("Une phrase de l’appel.");
        let (page, sources) = parse(&text, "r.toml").unwrap();
        assert_eq!(page, "pages/appel.md");
        assert_eq!(sources.len(), crate::rules::rule_ids().count());
        let line = |text: &str, id: &str| {
            text.lines()
                .position(|l| l == format!("[rules.\"{id}\"]"))
                .unwrap()
                + 2
        };
        // Both a quotation and a reason: one is enough.
        let both = text.replace(
            "reason = \"Pourquoi format.\"",
            "reason = \"Pourquoi format.\"\ncall = \"Une phrase de l’appel.\"",
        );
        let err = parse(&both, "r.toml").unwrap_err().to_string();
        assert_eq!(
            err,
            format!(
                "r.toml:{} : règle « format » : donnez soit call (la phrase de l’appel), soit reason (la raison), pas les deux.",
                line(&both, "format")
            )
        );
        // A rule the catalogue does not have.
        let unknown = format!("{text}\n[rules.\"mission.colour\"]\nreason = \"x\"\n");
        let err = parse(&unknown, "r.toml").unwrap_err().to_string();
        assert!(
            err.starts_with("r.toml:") && err.contains("la règle « mission.colour » n’existe pas"),
            "{err}"
        );
    }

    #[test]
    fn a_quotation_is_found_in_the_call_whatever_its_markdown() {
        let text = every_rule("ayant un partenaire dans l’un des pays éligibles");
        let (_, sources) = parse(&text, "r.toml").unwrap();
        let call =
            "- Associations ayant un partenaire dans l’un des [pays éligibles](https://x.org/)\n";
        assert!(check_quotations(&sources, (&text, "r.toml"), (call, "appel.md")).is_ok());
        let rewritten = call.replace("ayant un", "avec un");
        let err = check_quotations(&sources, (&text, "r.toml"), (&rewritten, "appel.md"))
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("la citation de la règle « applicant.legal_form » ne figure pas mot pour mot dans appel.md"),
            "{err}"
        );
    }

    #[test]
    fn plain_keeps_the_words_of_links_and_drops_marks() {
        assert_eq!(
            plain("un **ou** des [pays éligibles]({{ eligibility.dac_list_url }}).\\\nSuite"),
            "un ou des pays éligibles. Suite"
        );
        assert_eq!(plain("[a] b [c](d)"), "[a] b c");
    }
}
