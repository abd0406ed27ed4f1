//! The `explor` command line: parses arguments and hands each subcommand to its module.

use std::process::ExitCode;

use clap::{ArgAction, CommandFactory, FromArgMatches, Parser, Subcommand};

/// Le site de l'appel EXPLOR : construire les pages, les prévisualiser, vérifier les dossiers reçus.
#[derive(Parser)]
#[command(
    name = "explor",
    version,
    about,
    long_about = None,
    disable_help_subcommand = true,
    subcommand_help_heading = "Commandes",
    subcommand_value_name = "COMMANDE"
)]
struct Cli {
    /// Without a command: the preview of the project in the current folder, or the offer to create
    /// one there (what a double-click on `explor.exe` does).
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Crée un nouveau projet (content/ et templates/ de l’appel actuel) dans un dossier vide.
    Init(generator::cmd::init::InitArgs),
    /// Construit le site dans `dist/` à partir de `content/` et `templates/`.
    Build(generator::build::BuildArgs),
    /// Construit le site, le sert sur http://127.0.0.1:8000/ et le reconstruit à chaque modification.
    Serve(generator::cmd::serve::ServeArgs),
    /// Prépare l’édition suivante à partir de l’édition actuelle (les dates restent à compléter).
    NewEdition(generator::cmd::new_edition::NewEditionArgs),
    /// Vérifie des dossiers de candidature reçus (fichiers JSON) avec les règles de l'édition.
    Check(generator::cmd::check::CheckArgs),
}

fn main() -> ExitCode {
    let cli = match french_command()
        .try_get_matches()
        .and_then(|matches| Cli::from_arg_matches(&matches))
    {
        Ok(cli) => cli,
        Err(err) => return usage_error(&err),
    };
    match cli.command {
        None => generator::cmd::init::without_arguments(),
        Some(Command::Init(args)) => generator::cmd::init::run(&args),
        Some(Command::Build(args)) => in_project(&args.root, || generator::cmd::build::run(&args)),
        Some(Command::Check(args)) => generator::cmd::check::run(&args),
        Some(Command::Serve(args)) => in_project(&args.root, || generator::cmd::serve::run(&args)),
        Some(Command::NewEdition(args)) => generator::cmd::new_edition::run(&args),
    }
}

/// Runs `command` if `root` is a project; otherwise says how to make one.
fn in_project(root: &std::path::Path, command: impl FnOnce() -> ExitCode) -> ExitCode {
    if generator::cmd::init::is_project(root) {
        command()
    } else {
        eprintln!("erreur : {}", generator::cmd::init::not_a_project(root));
        ExitCode::from(1)
    }
}

/// The command with its help and version flags, and its help headings, in French.
fn french_command() -> clap::Command {
    const TEMPLATE: &str = "{about-with-newline}\nUtilisation : {usage}\n\n{all-args}{after-help}";
    let french = |command: clap::Command| {
        // A subcommand that already writes its own French help (`check`) is left as it is.
        if command
            .get_arguments()
            .any(|arg| arg.get_long() == Some("help"))
        {
            return command;
        }
        command.help_template(TEMPLATE).disable_help_flag(true).arg(
            clap::Arg::new("aide")
                .short('h')
                .long("help")
                .action(ArgAction::Help)
                .help("Affiche cette aide"),
        )
    };
    let mut command = french(Cli::command())
        .about("Le site de l’appel EXPLOR : construire les pages, les prévisualiser, vérifier les dossiers reçus.")
        .after_help(
            "Codes de sortie : 0 si tout va bien ; 1 si le contenu a une erreur (build, serve au démarrage, \
             new-edition) ou si un dossier vérifié a une erreur (check) ; 2 pour une commande mal écrite \
             ou un dossier illisible (check).",
        )
        .version(generator::LONG_VERSION)
        .disable_version_flag(true)
        .arg(
            clap::Arg::new("version")
                .short('V')
                .long("version")
                .action(ArgAction::Version)
                .help("Affiche la version"),
        );
    let names: Vec<String> = command
        .get_subcommands()
        .map(|sub| sub.get_name().to_owned())
        .collect();
    for name in names {
        command = command.mut_subcommand(name, french);
    }
    command
}

/// Prints `--help`/`--version` as asked, and a usage mistake in French with the way to get help (exit 2).
fn usage_error(err: &clap::Error) -> ExitCode {
    use clap::error::{ContextKind, ErrorKind};
    let shown = |kind| {
        err.get(kind)
            .map(|value| value.to_string())
            .unwrap_or_default()
    };
    let message = match err.kind() {
        ErrorKind::DisplayHelp
        | ErrorKind::DisplayVersion
        | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            let _ = err.print();
            return ExitCode::SUCCESS;
        }
        ErrorKind::UnknownArgument => {
            format!("option inconnue : {}", shown(ContextKind::InvalidArg))
        }
        ErrorKind::InvalidSubcommand => format!(
            "commande inconnue : {} (commandes : init, build, serve, check, new-edition)",
            shown(ContextKind::InvalidSubcommand)
        ),
        ErrorKind::InvalidValue | ErrorKind::ValueValidation => format!(
            "valeur incorrecte « {} » pour {}",
            shown(ContextKind::InvalidValue),
            shown(ContextKind::InvalidArg)
        ),
        ErrorKind::MissingRequiredArgument => {
            format!("il manque : {}", shown(ContextKind::InvalidArg))
        }
        _ => err.kind().to_string(),
    };
    eprintln!(
        "erreur : {message}. Lancez « explor --help » (ou « explor COMMANDE --help ») pour l’aide."
    );
    ExitCode::from(2)
}
