//! What the generator's fuzz targets share: the facts of the real edition of `content/`, computed
//! once per process, as the build computes them.

use std::path::Path;
use std::sync::OnceLock;

use generator::facts::Facts;

/// The facts of `content/edition.toml` (with its data files), computed on first use.
pub fn facts() -> &'static Facts {
    static FACTS: OnceLock<Facts> = OnceLock::new();
    FACTS.get_or_init(|| {
        let content = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../content");
        let edition = generator::config::load_edition(&content).expect("the real edition loads");
        Facts::from_edition(&edition)
    })
}
