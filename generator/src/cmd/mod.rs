//! The commands of `explor`, over the pipeline's stages (as Zola's `cmd/` over its components): each
//! parses its options, calls the stages and says in French how it went. A stage never calls a command.

pub mod build;
pub mod check;
pub mod init;
pub mod isolate;
pub mod new_edition;
pub mod serve;
