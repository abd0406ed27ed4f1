//! `explor new-edition`: starts the next edition from the current edition file.
//!
//! The current file is archived under `content/archives/`, then rewritten in place: the year moves on
//! in the id and titles, and every date of the call is replaced by a marker that the build refuses
//! (naming the line) until a real date is written. Everything else (cap, rate, départements, mission
//! types, texts) is kept: it rarely changes, and the staff review it when they fill the dates.
//! The file is edited with `toml_edit`, so that its comments and layout survive.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{bail, Context};

use crate::config;

// The value written in place of each date to fill, and how the loader refuses a file that holds it.
pub use wasm_validator::edition::load::{check_filled, unfilled, MARKER};

/// The keys of `[dates]` whose values change with every edition.
const DATE_KEYS: [&str; 6] = [
    "deadline",
    "selection_start",
    "selection_end",
    "answer_month",
    "mission_window_start",
    "mission_window_end",
];

/// Prépare l’édition suivante : archive content/edition.toml, puis le réécrit pour la nouvelle année,
/// avec des dates « À COMPLÉTER » que la construction refuse tant qu’elles ne sont pas remplies.
#[derive(clap::Args, Debug, Clone)]
pub struct NewEditionArgs {
    /// Dossier du projet, qui contient content/.
    #[arg(long, value_name = "DOSSIER", default_value = ".")]
    pub root: PathBuf,
    /// Année de la nouvelle édition (par défaut : l’année suivante).
    #[arg(long)]
    pub year: Option<i16>,
}

pub fn run(args: &NewEditionArgs) -> ExitCode {
    match new_edition(&args.root, args.year) {
        Ok(done) => {
            println!(
                "Édition {} préparée dans content/edition.toml (l’édition {} est archivée dans {}).",
                done.year,
                done.previous_year,
                done.archive.display()
            );
            println!(
                "Complétez les {} dates marquées « {MARKER} » (format AAAA-MM-JJ, ou AAAA-MM pour answer_month), \
                 vérifiez la liste des pays (eligibility.dac_list) et les types de mission, puis lancez explor build.",
                DATE_KEYS.len()
            );
            ExitCode::SUCCESS
        }
        Err(err) => {
            eprintln!("erreur : {err:#}");
            ExitCode::from(1)
        }
    }
}

/// What `new_edition` did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewEdition {
    pub year: i16,
    pub previous_year: i16,
    /// Where the previous edition file was copied, relative to the project.
    pub archive: PathBuf,
}

/// Archives the current edition file and rewrites it for `year` (default: the next year).
pub fn new_edition(root: &Path, year: Option<i16>) -> anyhow::Result<NewEdition> {
    let content = root.join("content");
    let edition = config::load_edition(&content).context(
        "l’édition actuelle doit être correcte avant d’en préparer une nouvelle : corrigez-la d’abord",
    )?;
    let previous_year = edition.year;
    let year = year.unwrap_or(previous_year + 1);
    if year <= previous_year {
        bail!("l’année {year} n’est pas postérieure à l’édition actuelle ({previous_year}) : indiquez --year {}", previous_year + 1);
    }
    let file = content.join("edition.toml");
    let text =
        std::fs::read_to_string(&file).with_context(|| format!("lecture de {}", file.display()))?;
    let archive = PathBuf::from("content/archives").join(format!("{}.toml", edition.id));
    let archive_file = root.join(&archive);
    if archive_file.exists() {
        bail!(
            "{} existe déjà : l’édition {previous_year} a déjà été archivée. Supprimez ou renommez ce fichier si vous voulez recommencer.",
            archive.display()
        );
    }
    let next = rewrite(&text, previous_year, year)?;
    std::fs::create_dir_all(archive_file.parent().unwrap_or(root))
        .with_context(|| format!("création de {}", archive.display()))?;
    std::fs::write(&archive_file, &text)
        .with_context(|| format!("écriture de {}", archive.display()))?;
    // Write through a temporary file so that an interrupted run never leaves half an edition file.
    let temporary = content.join(".edition.toml.new");
    std::fs::write(&temporary, next).context("écriture de content/edition.toml")?;
    std::fs::rename(&temporary, &file).context("écriture de content/edition.toml")?;
    Ok(NewEdition {
        year,
        previous_year,
        archive,
    })
}

/// The edition file for `year`: the year moved on in `id`, `year` and the titles, the dates emptied;
/// every comment, blank line and layout kept.
fn rewrite(text: &str, previous_year: i16, year: i16) -> anyhow::Result<String> {
    let mut document: toml_edit::DocumentMut = text
        .parse()
        .context("content/edition.toml n’est pas un fichier TOML lisible : corrigez-le d’abord")?;
    let (old, new) = (previous_year.to_string(), year.to_string());
    let root = document.as_table_mut();
    replace(root, "year", |_| i64::from(year).into());
    for key in ["id", "title", "long_title"] {
        replace(root, key, |value| match value.as_str() {
            Some(text) => text.replace(&old, &new).into(),
            None => value.clone(),
        });
    }
    if let Some(dates) = root.get_mut("dates").and_then(|d| d.as_table_like_mut()) {
        for key in DATE_KEYS {
            if let Some(value) = dates.get_mut(key).and_then(|v| v.as_value_mut()) {
                *value = with_decor(value, MARKER.into());
            }
        }
    }
    Ok(document.to_string())
}

/// Replaces the value of `key` in `table` by `new(old)`, keeping the spaces and comment around it.
fn replace(
    table: &mut toml_edit::Table,
    key: &str,
    new: impl Fn(&toml_edit::Value) -> toml_edit::Value,
) {
    if let Some(value) = table.get_mut(key).and_then(|v| v.as_value_mut()) {
        let next = new(value);
        *value = with_decor(value, next);
    }
}

/// `next`, with the decor (spaces, trailing comment) of `old`.
fn with_decor(old: &toml_edit::Value, mut next: toml_edit::Value) -> toml_edit::Value {
    *next.decor_mut() = old.decor().clone();
    next
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "# comment 2025\nid = \"explor-2025-x\"\nyear = 2025\ntitle = \"EXPLOR 2025\"\n\n[dates]\n# Last day\ndeadline = \"2025-06-15\"\nanswer_month = \"2025-07\"\ntimezone = \"Europe/Paris\"\n\n[funding]\ncap_cents = 100000\n";

    #[test]
    fn comments_and_layout_survive() {
        let text = "year   =  2025   # the edition's year\n\n[dates]\ndeadline = \"2025-06-15\" # Paris time\nnote = \"deadline = 2025\"\n";
        assert_eq!(
            rewrite(text, 2025, 2026).unwrap(),
            "year   =  2026   # the edition's year\n\n[dates]\ndeadline = \"À COMPLÉTER\" # Paris time\nnote = \"deadline = 2025\"\n"
        );
        assert!(rewrite("year = [", 2025, 2026).is_err());
    }

    #[test]
    fn the_year_moves_on_and_the_dates_are_emptied() {
        let next = rewrite(SAMPLE, 2025, 2026).unwrap();
        assert_eq!(
            next,
            "# comment 2025\nid = \"explor-2026-x\"\nyear = 2026\ntitle = \"EXPLOR 2026\"\n\n[dates]\n# Last day\ndeadline = \"À COMPLÉTER\"\nanswer_month = \"À COMPLÉTER\"\ntimezone = \"Europe/Paris\"\n\n[funding]\ncap_cents = 100000\n"
        );
    }

    #[test]
    fn unfilled_dates_are_found_with_their_lines() {
        let next = rewrite(SAMPLE, 2025, 2026).unwrap();
        assert_eq!(
            unfilled(&next),
            vec![(8, "deadline".to_owned()), (9, "answer_month".to_owned())]
        );
        assert!(unfilled(SAMPLE).is_empty());
    }

    #[test]
    fn the_build_refuses_unfilled_dates_naming_the_lines() {
        let next = rewrite(SAMPLE, 2025, 2026).unwrap();
        let err = check_filled(&next, "content/edition.toml").unwrap_err();
        assert_eq!(
            err.to_string(),
            "content/edition.toml, ligne 8 : « deadline » est encore « À COMPLÉTER ». Écrivez la date de la \
             nouvelle édition au format AAAA-MM-JJ (AAAA-MM pour answer_month). À compléter : deadline (ligne 8), \
             answer_month (ligne 9)."
        );
        assert!(check_filled(SAMPLE, "content/edition.toml").is_ok());
    }
}
