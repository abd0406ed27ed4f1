//! Money never goes through floating point: no `f32`/`f64` (nor `as_f64`, `value_as_number`…) in the
//! code that reads, judges, computes or shows amounts — the whole rules crate (parser, rules, form
//! model, French formatting, WebAssembly shell) and the generator's edition loader, facts, French
//! formatting and `explor check` reports. A line may only name a float under (or with) a `float:`
//! comment that says why (the JSON reader recognises a decimal number, to refuse it as an amount).

use std::path::{Path, PathBuf};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// The Rust files of the money paths, relative to the repository's root.
fn money_files() -> Vec<PathBuf> {
    let mut files = Vec::new();
    for dir in ["wasm-validator/src", "generator/src/check"] {
        for entry in walkdir::WalkDir::new(repo().join(dir)) {
            let entry = entry.expect("readable source tree");
            if entry.path().extension().is_some_and(|e| e == "rs") {
                files.push(entry.path().to_path_buf());
            }
        }
    }
    // The French (money formatting included) lives in wasm-validator/src/fr.rs, scanned above.
    for file in ["check.rs", "facts.rs", "config.rs"] {
        files.push(repo().join("generator/src").join(file));
    }
    files.sort();
    files
}

const WORDS: [&str; 2] = ["f32", "f64"];
const CALLS: [&str; 5] = [
    "value_as_number",
    "as_f64",
    "from_f64",
    "parseFloat",
    "toFixed",
];

/// Whether `line` names a floating-point type or conversion outside a justified `float:` comment.
fn names_a_float(line: &str) -> bool {
    if line.contains("// float: ") {
        return false;
    }
    let code = line.split("//").next().unwrap_or(line);
    let word_at = |at: usize, len: usize| {
        let before = code[..at].chars().next_back();
        let after = code[at + len..].chars().next();
        !before.is_some_and(|c| c.is_ascii_alphanumeric())
            && !after.is_some_and(|c| c.is_ascii_alphanumeric() || c == '_')
    };
    let word = WORDS
        .iter()
        .any(|w| code.match_indices(w).any(|(at, _)| word_at(at, w.len())));
    word || CALLS.iter().any(|c| code.contains(c))
}

#[test]
fn the_scanner_sees_floats_and_only_floats() {
    for float in [
        "let x: f64 = 1.0;",
        "let c = (e * 100.0) as i64; let e: f32;",
        "n.as_f64()",
        "input.value_as_number()",
        "Vec<f64>",
        "x as_f64",
    ] {
        assert!(names_a_float(float), "{float}");
    }
    for fine in [
        "let buf64 = 0;",
        "// amounts are i64, never f64",
        "let cents: i64 = 0;",
        "fn visit_f64() {} // float: why",
        "let f64_bits = 1;",
    ] {
        assert!(!names_a_float(fine), "{fine}");
    }
}

#[test]
fn no_float_in_the_money_paths() {
    let files = money_files();
    assert!(files.len() > 20, "the money paths were found: {files:?}");
    let mut found = Vec::new();
    for file in files {
        let text = std::fs::read_to_string(&file).expect("readable source");
        let mut previous = "";
        for (i, line) in text.lines().enumerate() {
            let justified = previous.trim_start().starts_with("// float: ");
            previous = line;
            if names_a_float(line) && !justified {
                let shown = file.strip_prefix(repo()).unwrap_or(&file).display();
                found.push(format!("{shown}:{} : {}", i + 1, line.trim()));
            }
        }
    }
    assert!(
        found.is_empty(),
        "floating point in the money paths (amounts are integer cents):\n{}",
        found.join("\n")
    );
}
