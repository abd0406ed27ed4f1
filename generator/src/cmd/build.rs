//! `explor build`: runs the pipeline ([`crate::build::build`]) in a child process ([`isolate`]) and
//! prints a one-line summary or `erreur : …` (also when a template crashed or exhausted the memory).

use std::process::ExitCode;
use std::time::Instant;

use crate::build::{build, BuildArgs, Project};
use crate::cmd::isolate;
use wasm_validator::fr::count;

/// `explor build`: builds in a child process ([`isolate`]), prints a one-line summary or
/// `erreur : …` (also when a template crashed or exhausted the memory), and says how it went.
pub fn run(args: &BuildArgs) -> ExitCode {
    if let Some(memory) = std::env::var_os(isolate::CHILD_ENV) {
        return run_as_child(args, memory.to_str().and_then(|m| m.parse().ok()));
    }
    let started = Instant::now();
    let limits = isolate::Limits {
        time: None,
        memory_mb: isolate::DEFAULT_MEMORY_MB,
    };
    match isolate::build_in_child(args, limits) {
        Ok(summary) => {
            for warning in &summary.warnings {
                eprintln!("{warning}");
            }
            let seconds = format!("{:.2}", started.elapsed().as_secs_f64()).replace('.', ",");
            // Only what changed is written: a rebuild says how little it touched.
            let changed = match (summary.written, summary.removed) {
                (0, 0) => "aucun changé".to_owned(),
                (written, 0) => count(written, "écrit", "écrits"),
                (written, removed) => format!(
                    "{}, {}",
                    count(written, "écrit", "écrits"),
                    count(removed, "supprimé", "supprimés")
                ),
            };
            println!(
                "explor build : {} pages, {} fichiers ({} Ko) dans {} ({changed}) en {seconds} s",
                summary.pages,
                summary.files,
                summary.bytes.div_ceil(1024),
                Project::locate(args).out.display()
            );
            ExitCode::SUCCESS
        }
        Err(err) => {
            eprintln!("erreur : {err}");
            ExitCode::from(1)
        }
    }
}

/// The build itself, in the child process started by [`isolate::build_in_child`]: its memory
/// limited to `memory` bytes, its result reported to the parent.
fn run_as_child(args: &BuildArgs, memory: Option<u64>) -> ExitCode {
    isolate::limit_own_memory(memory.unwrap_or(0));
    match build(args) {
        Ok(summary) => {
            println!("{}", isolate::child_report(&summary));
            ExitCode::SUCCESS
        }
        Err(err) => {
            eprintln!("{err:#}");
            ExitCode::from(1)
        }
    }
}
