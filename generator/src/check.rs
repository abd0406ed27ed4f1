//! `explor check`: judges received dossiers with the edition's rules.

use std::process::ExitCode;

#[derive(clap::Args, Debug, Clone)]
pub struct CheckArgs {}

pub fn run(_args: &CheckArgs) -> ExitCode {
    eprintln!("explor check: pas encore disponible");
    ExitCode::from(2)
}
