//! The `explor` command line: parses arguments and hands each subcommand to its module.

use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// Le site de l'appel EXPLOR : construire les pages, les prévisualiser, vérifier les dossiers reçus.
#[derive(Parser)]
#[command(name = "explor", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Construit le site dans `dist/` à partir de `content/` et `templates/`.
    Build(generator::build::BuildArgs),
    /// Construit le site, le sert sur http://127.0.0.1:8000/ et le reconstruit à chaque modification.
    Serve(generator::serve::ServeArgs),
    /// Prépare l’édition suivante à partir de l’édition actuelle (les dates restent à compléter).
    NewEdition(generator::new_edition::NewEditionArgs),
    /// Vérifie des dossiers de candidature reçus (fichiers JSON) avec les règles de l'édition.
    Check(generator::check::CheckArgs),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Build(args) => generator::build::run(&args),
        Command::Check(args) => generator::check::run(&args),
        Command::Serve(args) => generator::serve::run(&args),
        Command::NewEdition(args) => generator::new_edition::run(&args),
    }
}
