//! Any page text → `content::parse` (front matter and body split): never a panic; a page it accepts
//! has a title and a description, and its body is a suffix of the text.

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    match generator::content::parse(text, "content/pages/fuzz.md", "fuzz") {
        Ok(page) => {
            assert!(!page.front.title.trim().is_empty());
            assert!(!page.front.description.trim().is_empty());
            assert!(
                text.ends_with(&page.body),
                "the body is the end of the file"
            );
            let _ = page.output_path();
        }
        Err(error) => assert!(error.to_string().starts_with("content/pages/fuzz.md")),
    }
});
