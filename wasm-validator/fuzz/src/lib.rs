//! What the fuzz targets share: the real edition of `content/`, loaded once per process, and the day
//! each run judges against, so that the rules run exactly as `explor check` runs them.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use jiff::civil::Date;
use wasm_validator::edition::{Country, Sdg};
use wasm_validator::Edition;

fn content_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../content")
}

/// The rows of a CSV file of `content/`, each as a map from its header's names.
fn rows(relative: &str) -> Vec<csv::StringRecord> {
    let mut reader = csv::Reader::from_path(content_dir().join(relative)).expect("data file");
    reader.records().map(|r| r.expect("CSV row")).collect()
}

fn column(relative: &str, name: &str) -> usize {
    let mut reader = csv::Reader::from_path(content_dir().join(relative)).expect("data file");
    let headers = reader.headers().expect("CSV header").clone();
    headers
        .iter()
        .position(|h| h == name)
        .unwrap_or_else(|| panic!("{relative} has no column {name}"))
}

fn load() -> Edition {
    let text = std::fs::read_to_string(content_dir().join("edition.toml")).expect("edition file");
    let mut edition: Edition = toml::from_str(&text).expect("the edition parses");
    let dac = edition.eligibility.dac_list.clone();
    let (iso2, name, group) = (
        column(&dac, "iso2"),
        column(&dac, "name_fr"),
        column(&dac, "group"),
    );
    edition.eligibility.countries = rows(&dac)
        .iter()
        .map(|r| Country {
            iso2: r[iso2].to_owned(),
            name_fr: r[name].to_owned(),
            group: r[group].to_owned(),
        })
        .collect();
    let sdgs = edition.eligibility.sdgs.clone();
    let (number, title) = (column(&sdgs, "number"), column(&sdgs, "title_fr"));
    edition.eligibility.sdg_list = rows(&sdgs)
        .iter()
        .map(|r| Sdg {
            number: r[number].parse().expect("SDG number"),
            title_fr: r[title].to_owned(),
        })
        .collect();
    edition
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
