//! `explor check`: judges received dossiers with the edition's rules and reports on them for the staff.
//!
//! The flow is one way: arguments → edition → files → [`Checked`] outcomes → one rendered report →
//! stdout or a file → exit status. The rules themselves live in `wasm-validator`, so that this command
//! and the browser form can never disagree.

mod input;
mod json;
mod target;
mod text;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use jiff::civil::Date;
use wasm_validator::committee::{self, Batch, Checked, Content, Outcome, Received, Receiver};
use wasm_validator::{Edition, Severity};

const ABOUT: &str =
    "Vérifie des dossiers de candidature reçus (fichiers JSON) avec les règles de l’édition.";

/// The description shown by `--help`; placed through `before_help` because the subcommand's doc
/// comment in `main.rs` sets the `about` and would hide a `long_about`.
const LONG_ABOUT: &str = "\
Vérifie des dossiers de candidature EXPLOR reçus par courriel (les fichiers JSON téléchargés depuis le \
formulaire du site), avec exactement les mêmes règles que le formulaire, et produit un rapport\u{a0}: \
un compte rendu lisible, un tableau pour le comité de sélection, une page web ou des données JSON.

Chaque FICHIER peut aussi être un répertoire\u{a0}: tous les fichiers .json qu’il contient sont alors \
vérifiés, par ordre alphabétique. Un même dossier reçu deux fois (mêmes octets, ou même association et \
même titre de mission) est signalé comme doublon du premier fichier\u{a0}: il reste dans le rapport, mais \
n’est compté qu’une fois.";

const AFTER_HELP: &str = "\
Code de sortie\u{a0}:
  0  tous les dossiers sont complets et envoyés à temps (de simples avertissements sont permis)\u{a0};
  1  au moins un dossier contient une erreur (il est incomplet, inéligible ou envoyé après la
     date limite)\u{a0};
  2  au moins un fichier est illisible ou n’est pas un dossier EXPLOR (les autres fichiers sont
     tout de même vérifiés et figurent dans le rapport), ou la commande est mal écrite.
     Le code 2 l’emporte sur le code 1.

Dans chaque rapport, les caractères de contrôle d’un dossier ou d’un nom de fichier sont montrés par
leur symbole (␛ pour ÉCHAPPEMENT, ␀, ␇…) et les caractères qui inversent le sens du texte par �\u{a0}:
un dossier ne peut ni commander le terminal ni maquiller une cellule. Le rapport JSON garde ces
caractères, écrits sous la forme \\uXXXX.

Le rapport (--output) n’est jamais écrit sur un des fichiers vérifiés, sur un lien symbolique ou un
fichier spécial, ni, s’il finit par .json, dans un répertoire vérifié (la vérification suivante le
lirait comme un dossier).

Exemples\u{a0}:
  explor check dossiers-recus/
  explor check --today 2025-06-15 --format csv --output selection.csv dossiers-recus/";

const HELP_TEMPLATE: &str = "\
{before-help}Utilisation\u{a0}: {usage}

Arguments\u{a0}:
{positionals}

Options\u{a0}:
{options}{after-help}";

/// Arguments of `explor check`. Values are checked by [`run`] rather than by clap, and help texts are
/// given as strings (doc comments cannot hold the non-breaking spaces French needs), so that the
/// whole command speaks French.
#[derive(clap::Args, Debug, Clone)]
#[command(
    about = ABOUT,
    before_help = LONG_ABOUT,
    after_help = AFTER_HELP,
    help_template = HELP_TEMPLATE,
    override_usage = "explor check [--today AAAA-MM-JJ] [--format FORME] [--content RÉPERTOIRE] \
                      [--output FICHIER] FICHIER...",
    disable_help_flag = true
)]
pub struct CheckArgs {
    #[arg(
        value_name = "FICHIER",
        help = "Fichiers de dossiers (.json) à vérifier, ou répertoires qui les contiennent."
    )]
    pub files: Vec<PathBuf>,

    #[arg(
        long,
        value_name = "AAAA-MM-JJ",
        help = "Jour de réception des dossiers\u{a0}: la date limite de dépôt est jugée par \
                rapport à ce jour. Par défaut\u{a0}: la date du jour, à l’heure de l’édition (Paris)."
    )]
    pub today: Option<String>,

    #[arg(
        long,
        value_name = "FORME",
        help = "Forme du rapport\u{a0}: text (compte rendu lisible, par défaut), json (données), \
                csv (tableau pour tableur, en UTF-8, avec le point-virgule comme séparateur, celui \
                qu’attend Excel en français, et des montants à virgule décimale) ou html (page \
                autonome à ouvrir dans un navigateur\u{a0}: le tableau puis une fiche de lecture \
                par dossier, à imprimer, chaque dossier sur ses propres feuilles)."
    )]
    pub format: Option<String>,

    #[arg(
        long,
        value_name = "RÉPERTOIRE",
        help = "Répertoire de l’édition (edition.toml et ses données). Par défaut\u{a0}: content, \
                dans le répertoire courant."
    )]
    pub content: Option<PathBuf>,

    #[arg(
        long,
        value_name = "FICHIER",
        help = "Écrit le rapport dans ce fichier au lieu de l’afficher (jamais sur un des \
                fichiers vérifiés)."
    )]
    pub output: Option<PathBuf>,

    #[arg(short = 'h', long, action = clap::ArgAction::Help, help = "Affiche cette aide.")]
    pub help: Option<bool>,
}

/// The forms a report can take.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Json,
    Csv,
    Html,
}

/// Above this many files, progress is shown on stderr.
const PROGRESS_THRESHOLD: usize = 20;

pub fn run(args: &CheckArgs) -> ExitCode {
    match run_checked(args) {
        Ok(code) => code,
        Err(message) => {
            eprintln!("explor check\u{a0}: {message}");
            ExitCode::from(2)
        }
    }
}

/// Runs the command; `Err` is a French message for a problem that stops everything (usage, edition,
/// writing the report).
fn run_checked(args: &CheckArgs) -> Result<ExitCode, String> {
    let format = parse_format(args.format.as_deref().unwrap_or("text"))?;
    let given_today = args.today.as_deref().map(parse_today).transpose()?;
    if args.files.is_empty() {
        return Err("indiquez au moins un fichier de dossier (.json) ou un répertoire à vérifier, \
                    par exemple\u{a0}: explor check dossiers-recus/ (aide\u{a0}: explor check --help)."
            .to_owned());
    }
    let content = args.content.as_deref().unwrap_or(Path::new("content"));
    let edition = load_edition(content)?;
    let today = match given_today {
        Some(date) => date,
        None => today_in(&edition.dates.timezone)?,
    };
    let items = input::expand(&args.files);
    if let Some(output) = &args.output {
        target::check(output, &args.files, &items)?;
    }
    let checked = check_all(&edition, today, items);
    let batch = Batch {
        edition: &edition,
        today,
        checked: &checked,
    };
    let rendered = render(&batch, format)?;
    match &args.output {
        Some(path) => write_atomically(path, rendered.as_bytes())?,
        None => write_stdout(rendered.as_bytes())?,
    }
    Ok(exit_code(&checked))
}

/// Loads the edition with the config stage; a missing directory gets its own plain sentence, since it
/// mostly means the command was run from another directory.
fn load_edition(content: &Path) -> Result<Edition, String> {
    let shown = content.display();
    if !content.is_dir() {
        return Err(format!(
            "le répertoire de l’édition «\u{a0}{shown}\u{a0}» est introuvable\u{a0}; lancez la \
             commande depuis la racine du projet, ou indiquez ce répertoire avec --content."
        ));
    }
    crate::config::load_edition(content).map_err(|e| {
        format!(
            "impossible de lire l’édition dans «\u{a0}{shown}\u{a0}».\n{e:#}\nCorrigez l’édition, \
             ou indiquez un autre répertoire avec --content."
        )
    })
}

fn parse_format(value: &str) -> Result<Format, String> {
    match value {
        "text" => Ok(Format::Text),
        "json" => Ok(Format::Json),
        "csv" => Ok(Format::Csv),
        "html" => Ok(Format::Html),
        other => Err(format!(
            "forme de rapport inconnue «\u{a0}{other}\u{a0}»\u{a0}; choisissez text, json, csv ou html."
        )),
    }
}

/// Parses `--today`, strictly `YYYY-MM-DD`, with the core's date reader (the one the edition and
/// the browser use).
pub fn parse_today(value: &str) -> Result<Date, String> {
    wasm_validator::edition::parse_date(value).ok_or_else(|| {
        format!(
            "la date «\u{a0}{value}\u{a0}» donnée à --today n’est pas valide\u{a0}; écrivez une date \
             du calendrier au format AAAA-MM-JJ, par exemple 2025-06-15."
        )
    })
}

/// Today's date in the edition's time zone (from the bundled time zone database).
fn today_in(timezone: &str) -> Result<Date, String> {
    jiff::Timestamp::now()
        .in_tz(timezone)
        .map(|now| now.date())
        .map_err(|e| {
            format!(
                "le fuseau horaire «\u{a0}{timezone}\u{a0}» de l’édition est inconnu ({e})\u{a0}; \
                 corrigez dates.timezone dans edition.toml ou donnez la date avec --today."
            )
        })
}

/// Judges every file listed with the core's [`Receiver`] (the staff page's too: same reasons, same
/// duplicates), one file's bytes in memory at a time, showing progress on stderr for large batches.
fn check_all(edition: &Edition, today: Date, items: Vec<input::Item>) -> Vec<Checked> {
    let total = items.len();
    let mut receiver = Receiver::new(edition);
    let mut checked = Vec::with_capacity(total);
    for (index, item) in items.into_iter().enumerate() {
        let read = item
            .path
            .map_or_else(input::Read::Failed, |path| input::read(&path));
        let content = match &read {
            input::Read::Bytes(bytes) => Content::Bytes(bytes),
            input::Read::TooLarge(size) => Content::Size(*size),
            input::Read::Failed(reason) => Content::Failed(reason.clone()),
        };
        checked.push(receiver.receive(Received {
            file: item.file,
            content,
            sent: today,
        }));
        let done = index + 1;
        if total > PROGRESS_THRESHOLD && (done % 10 == 0 || done == total) {
            eprintln!("{done}/{total} dossiers vérifiés");
        }
    }
    checked
}

fn render(batch: &Batch, format: Format) -> Result<String, String> {
    match format {
        Format::Text => Ok(text::render(batch)),
        Format::Json => json::render(batch),
        Format::Csv => Ok(committee::csv(batch)),
        Format::Html => Ok(wasm_validator::sheet::report_page(batch)),
    }
}

/// 2 if a file is unreadable, else 1 if a dossier has an error finding (a late one included: it is
/// complete, but `submission.closed` is an error), else 0.
fn exit_code(checked: &[Checked]) -> ExitCode {
    let unreadable = checked
        .iter()
        .any(|c| matches!(c.outcome, Outcome::Unreadable(_)));
    let incomplete = checked.iter().any(|c| {
        c.outcome
            .judged()
            .is_some_and(|j| j.report.count(Severity::Error) > 0)
    });
    ExitCode::from(if unreadable {
        2
    } else if incomplete {
        1
    } else {
        0
    })
}

fn write_stdout(bytes: &[u8]) -> Result<(), String> {
    let mut out = std::io::stdout().lock();
    match out.write_all(bytes).and_then(|()| out.flush()) {
        // A closed pipe (`explor check … | head`) is the reader's choice, not an error.
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            Err(format!("impossible d’écrire le rapport ({e})."))
        }
        _ => Ok(()),
    }
}

/// Writes `bytes` to `path` through a temporary file in the same directory, so that a reader never
/// sees a half-written report and an old report is replaced only by a whole new one.
fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), String> {
    let fail = |e: &dyn std::fmt::Display| {
        format!(
            "impossible d’écrire le rapport dans «\u{a0}{}\u{a0}» ({e})\u{a0}; vérifiez que le \
             répertoire existe et que vous pouvez y écrire.",
            path.display()
        )
    };
    let dir = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    let mut temp = tempfile::NamedTempFile::new_in(dir).map_err(|e| fail(&e))?;
    temp.write_all(bytes).map_err(|e| fail(&e))?;
    temp.as_file().sync_all().map_err(|e| fail(&e))?;
    temp.persist(path).map_err(|e| fail(&e.error))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The forms a date may take are the core's (`edition::parse_date`, tested there); `--today`
    /// adds the French refusal.
    #[test]
    fn today_must_be_a_calendar_date_in_iso_form() {
        assert_eq!(
            parse_today("2025-06-15"),
            Ok(jiff::civil::date(2025, 6, 15))
        );
        let err = parse_today("2025-02-30").unwrap_err();
        assert!(
            err.starts_with("la date «\u{a0}2025-02-30\u{a0}» donnée à --today n’est pas valide"),
            "{err}"
        );
        assert!(err.ends_with("par exemple 2025-06-15."), "{err}");
    }

    #[test]
    fn formats_are_named_in_lowercase_only() {
        assert_eq!(parse_format("csv"), Ok(Format::Csv));
        assert!(parse_format("CSV").is_err());
        assert!(parse_format("xml")
            .unwrap_err()
            .contains("text, json, csv ou html"));
    }
}
