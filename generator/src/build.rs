//! `explor build`: runs the pipeline stages in order.

use std::process::ExitCode;

#[derive(clap::Args, Debug, Clone)]
pub struct BuildArgs {}

pub fn run(_args: &BuildArgs) -> ExitCode {
    eprintln!("explor build: pas encore disponible");
    ExitCode::from(2)
}
