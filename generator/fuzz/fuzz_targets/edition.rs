//! Any edition file text → `config::parse` (TOML, then the checks that facts agree): never a panic,
//! and every refusal names the file.

#![no_main]

use libfuzzer_sys::fuzz_target;

const ORIGIN: &str = "content/edition.toml";

fuzz_target!(|text: &str| {
    if let Err(error) = generator::config::parse(text, ORIGIN) {
        assert!(error.to_string().starts_with(ORIGIN), "{error}");
    }
});
