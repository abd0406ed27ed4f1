//! What the fuzz targets share: the real edition of `content/`, loaded once per process, and the day
//! each run judges against, so that the rules run exactly as `explor check` runs them.

use std::path::Path;
use std::sync::OnceLock;

use jiff::civil::Date;
use wasm_validator::Edition;

/// The edition of `content/` with its data files, read with the crate's own loader, as `explor check`
/// reads it.
fn load() -> Edition {
    let content = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../content");
    wasm_validator::edition::load::from_dir(&content)
        .unwrap_or_else(|e| panic!("the real edition loads: {e}"))
}

/// The edition of `content/edition.toml` with its countries and SDGs, read on first use.
pub fn edition() -> &'static Edition {
    static EDITION: OnceLock<Edition> = OnceLock::new();
    EDITION.get_or_init(load)
}

/// A day around the call chosen by one byte: from two months before the deadline to well after it,
/// so that both sides of the deadline are judged.
pub fn day(byte: u8) -> Date {
    let deadline = edition().dates.deadline;
    deadline
        .checked_add(jiff::Span::new().days(i64::from(byte) - 64))
        .unwrap_or(deadline)
}
