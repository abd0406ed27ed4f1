//! Temporary stand-in for `crate::config::load_edition` until the config stage lands; removed then.

use std::path::Path;

use anyhow::Context;
use wasm_validator::edition::{Country, Sdg};
use wasm_validator::Edition;

pub fn load_edition(content_dir: &Path) -> anyhow::Result<Edition> {
    let path = content_dir.join("edition.toml");
    let text = std::fs::read_to_string(&path).with_context(|| path.display().to_string())?;
    let mut edition: Edition = toml::from_str(&text)?;
    let mut reader = csv::Reader::from_path(content_dir.join(&edition.eligibility.dac_list))?;
    for record in reader.records() {
        let record = record?;
        edition.eligibility.countries.push(Country {
            iso2: record[0].to_owned(),
            name_fr: record[3].to_owned(),
            group: record[4].to_owned(),
        });
    }
    let mut reader = csv::Reader::from_path(content_dir.join(&edition.eligibility.sdgs))?;
    for record in reader.records() {
        let record = record?;
        edition.eligibility.sdg_list.push(Sdg {
            number: record[0].parse()?,
            title_fr: record[1].to_owned(),
        });
    }
    Ok(edition)
}
