//! Arbitrary bytes → `parse_dossier`: never a panic, every refusal a French sentence, and every
//! dossier it accepts written back and read again unchanged.

#![no_main]

use libfuzzer_sys::fuzz_target;
use wasm_validator::{parse_dossier, to_json};

fuzz_target!(|bytes: &[u8]| {
    match parse_dossier(bytes) {
        Err(error) => {
            let message = error.to_string();
            assert!(!message.is_empty());
        }
        Ok(parsed) => {
            let again = parse_dossier(to_json(&parsed.dossier).as_bytes())
                .expect("a dossier written by to_json reads back");
            assert_eq!(again.dossier, parsed.dossier);
            assert!(
                again.unknown_fields.is_empty(),
                "to_json wrote unknown fields"
            );
        }
    }
});
