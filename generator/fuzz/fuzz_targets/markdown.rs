//! Any page body → facts substitution (`{{ name }}`) then the Markdown stage, as the build chains
//! them: never a panic, errors that name the file, and no `{{` of a known fact left unreplaced.

#![no_main]

use generator::markdown;
use generator_fuzz::facts;
use libfuzzer_sys::fuzz_target;

const ORIGIN: &str = "content/pages/fuzz.md";

fuzz_target!(|text: &str| {
    let substituted = match facts().substitute(text, ORIGIN, 5) {
        Ok(substituted) => substituted,
        Err(error) => {
            assert!(error.to_string().starts_with(ORIGIN), "{error}");
            return;
        }
    };
    for root in ["", "../"] {
        match markdown::render(&substituted, root, ORIGIN) {
            Ok(rendered) => {
                for entry in &rendered.toc {
                    assert!(!entry.id.is_empty(), "{entry:?}");
                }
            }
            Err(error) => assert!(error.to_string().starts_with(ORIGIN), "{error}"),
        }
    }
    let _ = markdown::typography(text);
});
