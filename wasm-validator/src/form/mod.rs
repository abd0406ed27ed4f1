//! The application form's model, independent of the browser: control names as dossier paths, amounts
//! as people type them, the exported file's name and time stamp, the drafts' state machine, and the
//! contract between the pages' templates and the browser shell. Compiled natively too, so that it is
//! tested without a browser.

pub mod contract;
pub mod count;
pub mod drafts;
pub mod export;
pub mod formdata;
pub mod money;
pub mod path;
pub mod sections;
pub mod selfcheck;
pub mod send;
pub mod tasklist;
// The staff page only: the form's module is compiled without it, and stays byte for byte the same.
#[cfg(feature = "staff")]
pub mod staff;
