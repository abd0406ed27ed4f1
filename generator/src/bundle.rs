//! The pure parts of preparing the interactive pages' browser bundles when `explor` is compiled: what
//! to compile, the loader's text. `build.rs` compiles this file into the build script (`#[path]`);
//! the library compiles it for its table of modules (which page loads which: the build's warning in
//! `assets::module_warnings`) and for its tests.

/// The browser's target.
pub const TARGET: &str = "wasm32-unknown-unknown";
/// The Cargo profile of the root `Cargo.toml` tuned for size (opt-level z, LTO, abort on panic).
pub const PROFILE: &str = "wasm";
/// The crate compiled for the browser.
pub const CRATE: &str = "wasm-validator";
/// One WebAssembly module of the site: the application it wires (`data-explor-app` on the page's
/// `#app`), its features, its own target folder, and the logical names of its module, glue and
/// loader among the site's assets.
pub struct Module {
    pub app: &'static str,
    pub features: &'static [&'static str],
    pub target_dir: &'static str,
    pub wasm: &'static str,
    pub glue: &'static str,
    pub loader: &'static str,
}

/// The application form's module (`candidature/`): its controller, drafts, sending and readable
/// copy, without the self-check's controller nor the staff page's.
pub const FORM: Module = Module {
    app: "candidature",
    features: &["--no-default-features", "--features", "candidature"],
    target_dir: "explor-wasm",
    wasm: "validator_bg.wasm",
    glue: "validator.js",
    loader: "explor.js",
};

/// The self-check's module (`eligibilite/`): its controller, the rules it judges with and what every
/// page shares, without the application form's controller, drafts, sending nor readable copy.
pub const SELFCHECK: Module = Module {
    app: "eligibilite",
    features: &["--no-default-features", "--features", "eligibilite"],
    target_dir: "explor-wasm-eligibilite",
    wasm: "eligibilite_bg.wasm",
    glue: "eligibilite.js",
    loader: "explor-eligibilite.js",
};

/// The staff page's module (`/verification/`), loaded by that page only, so that the form pages
/// do not pay for the committee's table, the sheets and the CSV.
pub const STAFF: Module = Module {
    app: "verification",
    features: &["--no-default-features", "--features", "staff"],
    target_dir: "explor-wasm-staff",
    wasm: "staff_bg.wasm",
    glue: "staff.js",
    loader: "explor-staff.js",
};

/// Every module of the site, one per interactive page, each in its own target folder (a feature
/// set per folder: two in one would overwrite each other's `.wasm`).
pub const MODULES: [&Module; 3] = [&FORM, &SELFCHECK, &STAFF];

/// The loader: imports the glue, fetches the module from its fingerprinted URL with its Subresource
/// Integrity (the page checks the loader's, and preloads the glue with its own) and
/// compiles it as it arrives, off the main thread; then, as soon as the page is parsed (the module's
/// start function wires it), starts it. The page runs the loader `async` from `<head>`, so the
/// module is compiled while the page is still read. It waits for the end of parsing
/// (`readyState` leaving `loading`), not for `DOMContentLoaded`, which also waits for the style
/// sheets and the deferred scripts (the worker's registration): the module needs the page's
/// elements, not its style. A host that serves the `.wasm` with another type than
/// `application/wasm` makes streaming compilation fail: the copy of the response is compiled
/// instead. If the module cannot start (no WebAssembly, a failed download), the page's root gets the
/// class `explor-failed`, under which the style sheet shows again what the page says without its
/// module (the error still goes to the console). Both paths are in the same folder as the loader,
/// so the loader works from any page depth and any base path.
pub fn loader(glue_path: &str, wasm_path: &str, wasm_integrity: &str) -> String {
    let file = |path: &str| path.rsplit('/').next().unwrap_or(path).to_owned();
    format!(
        "// Starts the EXPLOR form: compiles the WebAssembly module while the page is read, then\n\
         // starts it, and it wires the page, as soon as the page is parsed.\n\
         import init from \"./{}\";\n\
         document.documentElement.classList.add(\"{}\");\n\
         const url = new URL(\"./{}\", import.meta.url);\n\
         const compiled = fetch(url, {{ integrity: \"{}\" }}).then((response) =>\n  \
         WebAssembly.compileStreaming(response.clone())\n    \
         .catch(() => response.arrayBuffer().then((bytes) => WebAssembly.compile(bytes))));\n\
         if (document.readyState === \"loading\") {{\n  \
         await new Promise((parsed) => document.addEventListener(\"readystatechange\", parsed, {{ once: true }}));\n\
         }}\n\
         init({{ module_or_path: compiled }}).catch((error) => {{\n  \
         document.documentElement.classList.add(\"{}\");\n  \
         throw error;\n\
         }});\n",
        file(glue_path),
        STARTED_CLASS,
        file(wasm_path),
        wasm_integrity,
        FAILED_CLASS
    )
}

/// The class the loader gives the page's root when the module cannot start (`form.css` shows the
/// page's fallback again under it).
pub const FAILED_CLASS: &str = "explor-failed";

/// The class the loader gives the page's root as soon as it runs (its glue arrived). A page whose
/// loader never ran (its file or its glue refused, blocked or missing) is told by the worker's
/// registration script, on `load`, which then gives the failure class: the fallback shows again.
pub const STARTED_CLASS: &str = "explor-started";

#[cfg(test)]
mod tests {
    use super::*;

    /// Each module wires the application its page names (`data-explor-app`), as the shell's
    /// contract spells it: the build script cannot read the contract, so it is written here too.
    #[test]
    fn each_module_names_the_application_of_the_contract() {
        use wasm_validator::form::{contract::app, staff};
        assert_eq!(FORM.app, app::CANDIDATURE);
        assert_eq!(SELFCHECK.app, app::ELIGIBILITE);
        assert_eq!(STAFF.app, staff::APP);
    }

    /// Under the loader's failure class the form pages' style sheet lets the fallback show again;
    /// without it, and with scripts on, the fallback is not laid out.
    #[test]
    fn the_fallback_is_shown_again_when_the_module_cannot_start() {
        let css = include_str!("../../templates/static/form.css");
        let rule = format!(
            "html:not(.{FAILED_CLASS}):has(script[{}]) .fallback {{ display: none; }}",
            crate::offline::REGISTER_MARK
        );
        let at = css.find(&rule).expect("the fallback's rule");
        assert!(css[..at].contains("@media (scripting: enabled) {"));
    }

    #[test]
    fn the_loader_names_fingerprinted_files_beside_it() {
        let text = loader(
            "static/validator.0123456789.js",
            "static/validator_bg.abcdef0123.wasm",
            "sha384-AbC",
        );
        assert!(text.contains("import init from \"./validator.0123456789.js\";"));
        assert!(text.contains("new URL(\"./validator_bg.abcdef0123.wasm\", import.meta.url)"));
        assert!(text.contains("fetch(url, { integrity: \"sha384-AbC\" })"));
        assert!(text.contains("WebAssembly.compileStreaming(response.clone())"));
        assert!(text.contains("init({ module_or_path: compiled }).catch("));
        // Started once the page is parsed, without waiting for its style sheets and deferred scripts.
        assert!(text.contains("addEventListener(\"readystatechange\""));
        assert!(!text.contains("DOMContentLoaded"));
        assert!(text.contains("classList.add(\"explor-failed\")"));
        let started = text.find("classList.add(\"explor-started\")").unwrap();
        assert!(
            started < text.find("await").unwrap(),
            "marked before any wait"
        );
    }

    /// The registration script (on every page that hides the fallback) gives the failure class on
    /// `load` to a page whose loader never ran, with the class names the loader and style use.
    #[test]
    fn a_loader_that_never_ran_is_told_by_the_registration_script() {
        let script = include_str!("offline/register.js");
        assert!(script.contains(&format!("\"{STARTED_CLASS}\"")));
        assert!(script.contains(&format!("\"{FAILED_CLASS}\"")));
    }
}
