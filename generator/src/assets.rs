//! Stage `assets`: the form's WebAssembly bundle, compiled, run through wasm-bindgen and fingerprinted
//! when `explor` itself was compiled (see `generator/build.rs`), and embedded in the binary. Adds three
//! files to the site's assets:
//!
//! - `validator_bg.wasm`: the rules and the form's behaviour;
//! - `validator.js`: wasm-bindgen's glue (an ES module);
//! - `explor.js`: a tiny loader that imports the glue and starts the module with the `.wasm` file's
//!   fingerprinted URL. Pages load it with `<script type="module" src=… integrity=…>`, so no inline
//!   script is needed (the Content-Security-Policy forbids them).

use crate::fingerprint::{Asset, Assets};

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/embedded.rs"));
}

/// The starter project of `explor init`: every file of the repository's `content/` and `templates/`
/// when `explor` was compiled, by path with `/`.
pub const STARTER: &[(&str, &[u8])] = embedded::STARTER;

/// Adds the embedded modules (the form's and the staff page's), their glue and loaders, with the
/// paths and integrity values computed when `explor` was compiled; and `sheet.css`, the core's style
/// of the reading sheets (`wasm_validator::sheet::STYLE`, the one of `explor check --format html`),
/// which the staff page's module renders and which its policy allows only from a file.
pub(crate) fn add_wasm(assets: &mut Assets) {
    assets.insert(
        "sheet.css",
        wasm_validator::sheet::STYLE.as_bytes().to_vec(),
    );
    for (name, path, integrity, bytes) in embedded::BUNDLE {
        assets.insert_prepared(
            name,
            Asset {
                path: (*path).to_owned(),
                bytes: bytes.to_vec(),
                integrity: (*integrity).to_owned(),
            },
        );
    }
}

/// The pages whose application (`data-explor-app`) does not load its own module, in French, each
/// saying what to do: a project's template kept from an older `explor` (before each page had its own
/// module) would otherwise build a page that never starts. Nothing when the build has no module.
pub(crate) fn module_warnings(output: &crate::output::Output, assets: &Assets) -> Vec<String> {
    let mut warnings = Vec::new();
    for (path, bytes) in output.iter() {
        if !path.ends_with(".html") || memchr::memmem::find(bytes, b"data-explor-app=").is_none() {
            continue;
        }
        for module in crate::bundle::MODULES {
            let Some(loader) = assets.get(module.loader) else {
                continue;
            };
            let app = format!("data-explor-app=\"{}\"", module.app);
            let file = loader.path.rsplit('/').next().unwrap_or(&loader.path);
            let has = |needle: &str| memchr::memmem::find(bytes, needle.as_bytes()).is_some();
            if has(&app) && !has(file) {
                warnings.push(format!(
                    "{path} : cette page ne charge pas son module ({}) ; elle resterait sur « le formulaire se lance ». Reprenez dans son gabarit le bloc `module` du modèle (voir templates/README.md, « One module per page »).",
                    module.loader
                ));
            }
        }
    }
    warnings
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_that_does_not_load_its_own_module_is_named() {
        let mut assets = Assets::default();
        add_wasm(&mut assets);
        let own = |name: &str| assets.get(name).unwrap().path.clone();
        let page = |app: &str, loader: &str| {
            format!("<div id=\"app\" data-explor-app=\"{app}\"></div><script src=\"../{loader}\"></script>")
                .into_bytes()
        };
        let mut output = crate::output::Output::default();
        let (form, selfcheck) = (own("explor.js"), own("explor-eligibilite.js"));
        output
            .add("candidature/index.html", page("candidature", &form), "t")
            .unwrap();
        output
            .add("eligibilite/index.html", page("eligibilite", &form), "t")
            .unwrap();
        output
            .add("appel/index.html", b"<p>rien</p>".to_vec(), "t")
            .unwrap();
        let warnings = module_warnings(&output, &assets);
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        assert!(
            warnings[0].starts_with("eligibilite/index.html : "),
            "{warnings:?}"
        );
        assert!(warnings[0].contains("explor-eligibilite.js"));
        output
            .add("autre/index.html", page("eligibilite", &selfcheck), "t")
            .unwrap();
        assert_eq!(module_warnings(&output, &assets).len(), 1);
        // A build without the modules (`--no-wasm`) has nothing to say.
        assert!(module_warnings(&output, &Assets::default()).is_empty());
    }

    /// The values computed by the build script are the ones the run time would compute.
    #[test]
    fn the_embedded_bundle_is_fingerprinted_as_at_run_time() {
        let mut embedded = Assets::default();
        add_wasm(&mut embedded);
        let names: Vec<&str> = embedded.iter().map(|(name, _)| name).collect();
        assert_eq!(
            names,
            [
                "eligibilite.js",
                "eligibilite_bg.wasm",
                "explor-eligibilite.js",
                "explor-staff.js",
                "explor.js",
                "sheet.css",
                "staff.js",
                "staff_bg.wasm",
                "validator.js",
                "validator_bg.wasm"
            ]
        );
        for (name, asset) in embedded.iter().filter(|(name, _)| *name != "sheet.css") {
            let mut computed = Assets::default();
            assert_eq!(computed.insert(name, asset.bytes.clone()), asset, "{name}");
        }
        for module in crate::bundle::MODULES {
            let wasm = embedded.get(module.wasm).unwrap();
            assert!(wasm.bytes.starts_with(b"\0asm"), "not a WebAssembly module");
            let loader = embedded.get(module.loader).unwrap().bytes.clone();
            let glue = &embedded.get(module.glue).unwrap().path;
            assert_eq!(
                String::from_utf8(loader).unwrap(),
                crate::bundle::loader(glue, &wasm.path, &wasm.integrity)
            );
        }
    }

    use wasm_validator::form::contract;

    /// The ids only the self-check's controller resolves at mount.
    const SELFCHECK_ONLY: [&str; 6] = contract::ELIGIBILITE_IDS;
    /// The ids only the application form's controller resolves: its own, its task list's and its
    /// sending's (at mount or when the person hands the dossier over).
    const FORM_ONLY: [&[&str]; 3] = [
        &contract::CANDIDATURE_IDS,
        &contract::JOURNEY_IDS,
        &contract::SEND_IDS,
    ];

    /// Whether the module `wasm` (a logical name) holds `marker`'s bytes.
    fn module_holds(embedded: &Assets, wasm: &str, marker: &[u8]) -> bool {
        let bytes = &embedded.get(wasm).unwrap().bytes;
        bytes.windows(marker.len()).any(|w| w == marker)
    }

    /// The form pages do not pay for the staff page: its controller (the attribute of its date
    /// fields) is in its own module, not in the form pages'.
    #[test]
    fn the_staff_code_is_in_the_staff_module_only() {
        let mut embedded = Assets::default();
        add_wasm(&mut embedded);
        let marker = b"data-date-of";
        assert!(module_holds(&embedded, crate::bundle::STAFF.wasm, marker));
        assert!(!module_holds(&embedded, crate::bundle::FORM.wasm, marker));
        assert!(!module_holds(
            &embedded,
            crate::bundle::SELFCHECK.wasm,
            marker
        ));
    }

    /// Each form page downloads its own controller only: the self-check's (the attribute that
    /// carries its verdict to the application's draft, `form::contract::attr` names it) is not in
    /// the application form's module, and the application form's (its send, readable copy and
    /// task list) is not in the self-check's.
    #[test]
    fn each_form_page_module_holds_its_own_controller_only() {
        let mut embedded = Assets::default();
        add_wasm(&mut embedded);
        let (form, selfcheck) = (crate::bundle::FORM.wasm, crate::bundle::SELFCHECK.wasm);
        for marker in SELFCHECK_ONLY {
            assert!(
                module_holds(&embedded, selfcheck, marker.as_bytes()),
                "{marker}"
            );
            assert!(
                !module_holds(&embedded, form, marker.as_bytes()),
                "{marker}"
            );
        }
        for marker in FORM_ONLY.concat() {
            assert!(module_holds(&embedded, form, marker.as_bytes()), "{marker}");
            // An id of one common word (`sent`, `copy`) is also a part of other strings.
            if marker.contains('-') {
                assert!(
                    !module_holds(&embedded, selfcheck, marker.as_bytes()),
                    "{marker}"
                );
            }
        }
    }
}
