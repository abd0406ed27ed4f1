//! Money never goes through floating point. The Rust code is held to it by clippy (`clippy.toml`:
//! `disallowed-types` f32/f64 and `disallowed-methods` for the calls whose float result is inferred;
//! `scripts/test` runs clippy for the native and the wasm32 targets). This test keeps what clippy
//! cannot see: that the ban stays configured, and the JavaScript of the theme and of `explor serve`,
//! where a `parseFloat` or `toFixed` would turn amounts into floats.

use std::path::{Path, PathBuf};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

const JS_CALLS: [&str; 4] = [
    "parseFloat",
    "toFixed",
    "valueAsNumber",
    "Number.parseFloat",
];

/// The JavaScript files of the repository's sources (the theme, `explor serve`'s reload script).
fn javascript_files() -> Vec<PathBuf> {
    let mut files = Vec::new();
    for dir in ["templates", "generator/src", "wasm-validator/src"] {
        for entry in walkdir::WalkDir::new(repo().join(dir)) {
            let entry = entry.expect("readable source tree");
            let js = entry
                .path()
                .extension()
                .is_some_and(|e| e == "js" || e == "mjs");
            if js {
                files.push(entry.path().to_path_buf());
            }
        }
    }
    files.sort();
    files
}

/// Whether a line of JavaScript turns text or a number into a float (outside a `//` comment).
fn floats_in_js(line: &str) -> bool {
    let code = line.split("//").next().unwrap_or(line);
    JS_CALLS.iter().any(|c| code.contains(c))
}

#[test]
fn the_scanner_sees_float_conversions_in_javascript() {
    assert!(floats_in_js("const n = parseFloat(input.value);"));
    assert!(floats_in_js("el.textContent = total.toFixed(2);"));
    assert!(floats_in_js("const v = input.valueAsNumber;"));
    assert!(!floats_in_js("// never parseFloat here"));
    assert!(!floats_in_js("const cents = Number(text);"));
}

#[test]
fn no_float_conversion_in_the_javascript() {
    let files = javascript_files();
    assert!(
        files.iter().any(|f| f.ends_with("serve_reload.js")),
        "the JavaScript files were found: {files:?}"
    );
    let mut found = Vec::new();
    for file in files {
        let text = std::fs::read_to_string(&file).expect("readable source");
        for (i, line) in text.lines().enumerate() {
            if floats_in_js(line) {
                let shown = file.strip_prefix(repo()).unwrap_or(&file).display();
                found.push(format!("{shown}:{} : {}", i + 1, line.trim()));
            }
        }
    }
    assert!(
        found.is_empty(),
        "floating point in the JavaScript (amounts are integer cents):\n{}",
        found.join("\n")
    );
}

/// The paths a clippy.toml list bans (`disallowed-types` or `disallowed-methods`).
fn banned(config: &toml::Table, list: &str) -> Vec<String> {
    config
        .get(list)
        .and_then(|v| v.as_array())
        .map(|items| {
            items
                .iter()
                .filter_map(|item| match item {
                    toml::Value::String(path) => Some(path.clone()),
                    toml::Value::Table(t) => t.get("path")?.as_str().map(str::to_owned),
                    _ => None,
                })
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn clippy_bans_float_types_and_the_calls_that_return_floats() {
    let text = std::fs::read_to_string(repo().join("clippy.toml")).expect("clippy.toml");
    let config: toml::Table = text.parse().expect("clippy.toml is TOML");
    let types = banned(&config, "disallowed-types");
    for float in ["f32", "f64"] {
        assert!(
            types.iter().any(|t| t == float),
            "{float} banned: {types:?}"
        );
    }
    let methods = banned(&config, "disallowed-methods");
    for call in [
        "js_sys::Date::now",
        "js_sys::Date::get_timezone_offset",
        "web_sys::Blob::size",
        "web_sys::HtmlInputElement::value_as_number",
        "wasm_bindgen::JsValue::as_f64",
    ] {
        assert!(
            methods.iter().any(|m| m == call),
            "{call} banned: {methods:?}"
        );
    }
    // The script runs clippy on the browser shell too, where those calls live.
    let script = std::fs::read_to_string(repo().join("scripts/test")).expect("scripts/test");
    assert!(
        script.contains("clippy -p wasm-validator --target wasm32-unknown-unknown --all-targets"),
        "scripts/test lints the wasm32 target"
    );
}
