//! Stage `assets`: the form's WebAssembly bundle. Compiles the `wasm-validator` crate for
//! `wasm32-unknown-unknown` (adding the target with rustup when it is missing), runs wasm-bindgen as
//! a library, shrinks the module with `wasm-opt` when a recent one is installed, and adds three
//! fingerprinted files to the site's assets:
//!
//! - `validator_bg.wasm`: the rules and the form's behaviour;
//! - `validator.js`: wasm-bindgen's glue (an ES module);
//! - `explor.js`: a tiny loader that imports the glue and starts the module with the `.wasm` file's
//!   fingerprinted URL. Pages load it with `<script type="module" src=… integrity=…>`, so no inline
//!   script is needed (the Content-Security-Policy forbids them).

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use anyhow::{anyhow, bail, Context};

use crate::fingerprint::Assets;

const TARGET: &str = "wasm32-unknown-unknown";
/// The Cargo profile of the root `Cargo.toml` tuned for size (opt-level z, LTO, abort on panic).
const PROFILE: &str = "wasm";
const CRATE: &str = "wasm-validator";
/// The oldest `wasm-opt` whose output Chromium accepts (Debian's 108 produces rejected modules).
const WASM_OPT_MIN: u32 = 116;

/// The form's module as wasm-bindgen made it, before fingerprinting: what a preview server keeps
/// between two rebuilds of the pages, so that editing a page does not run Cargo again.
#[derive(Debug, Clone)]
pub struct Bundle {
    glue: String,
    wasm: Vec<u8>,
}

/// Builds the bundle from the workspace holding `wasm-validator/` and adds it to `assets`.
pub fn add_wasm(project_root: &Path, assets: &mut Assets) -> anyhow::Result<()> {
    let bundle = build_bundle(project_root)?;
    insert_bundle(&bundle, assets);
    Ok(())
}

/// Compiles the validator for the browser, runs wasm-bindgen and, when a good one is there, wasm-opt.
pub fn build_bundle(project_root: &Path) -> anyhow::Result<Bundle> {
    let workspace = workspace(project_root)?;
    ensure_target()?;
    let module = compile(&workspace)?;
    let work = tempfile::tempdir().context("dossier temporaire impossible à créer")?;
    let (glue, wasm) = bindgen(&module, work.path())?;
    let wasm = optimise(wasm, work.path());
    Ok(Bundle { glue, wasm })
}

/// Adds the module, its glue and the loader (which names both by their fingerprinted paths).
pub fn insert_bundle(bundle: &Bundle, assets: &mut Assets) {
    let wasm = assets.insert("validator_bg.wasm", bundle.wasm.clone());
    let (wasm_path, wasm_integrity) = (wasm.path.clone(), wasm.integrity.clone());
    let glue_path = assets
        .insert("validator.js", bundle.glue.clone().into_bytes())
        .path
        .clone();
    let loader = loader(&glue_path, &wasm_path, &wasm_integrity);
    assets.insert("explor.js", loader.into_bytes());
}

/// The workspace to compile: the project's own when it holds the crate, else the one this
/// program was built from (a project folder may hold only `content/` and `templates/`).
fn workspace(project_root: &Path) -> anyhow::Result<PathBuf> {
    let built_from = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    [project_root.to_path_buf(), built_from]
        .into_iter()
        .find(|dir| dir.join(CRATE).join("Cargo.toml").is_file())
        .ok_or_else(|| {
            anyhow!(
                "le code du validateur ({CRATE}/) est introuvable dans {} : lancez `explor build` depuis le dossier du projet.",
                project_root.display()
            )
        })
}

fn run(command: &mut Command, what: &str) -> anyhow::Result<Output> {
    command.output().map_err(|e| {
        anyhow!("{what} : impossible de lancer `{}` ({e}) ; installez Rust avec rustup (https://rustup.rs).",
            command.get_program().to_string_lossy())
    })
}

/// Adds the WebAssembly target with rustup when it is missing (a toolchain file does not do it
/// when `RUSTUP_AUTO_INSTALL=0`). Without rustup, the compilation below says what is missing.
fn ensure_target() -> anyhow::Result<()> {
    let Ok(listed) = Command::new("rustup")
        .args(["target", "list", "--installed"])
        .output()
    else {
        return Ok(());
    };
    if String::from_utf8_lossy(&listed.stdout)
        .lines()
        .any(|l| l.trim() == TARGET)
    {
        return Ok(());
    }
    let added = run(
        Command::new("rustup").args(["target", "add", TARGET]),
        "ajout de la cible WebAssembly",
    )?;
    if !added.status.success() {
        bail!(
            "la cible {TARGET} n’a pas pu être ajoutée ; lancez `rustup target add {TARGET}` puis recommencez.\n{}",
            String::from_utf8_lossy(&added.stderr).trim()
        );
    }
    Ok(())
}

/// `cargo build -p wasm-validator --lib --target wasm32-unknown-unknown --profile wasm`, returning
/// the module's path.
fn compile(workspace: &Path) -> anyhow::Result<PathBuf> {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let built = run(
        Command::new(cargo)
            .current_dir(workspace)
            .args(["build", "--quiet", "-p", CRATE, "--lib", "--target", TARGET])
            .args(["--profile", PROFILE])
            // Keep the `target_features` section that wasm-bindgen reads to know the module's
            // features (the profile strips every section); wasm-bindgen then drops the names.
            .args(["--config", "profile.wasm.strip=\"debuginfo\""]),
        "compilation du validateur",
    )?;
    if !built.status.success() {
        bail!(
            "la compilation du validateur en WebAssembly a échoué ; corrigez l’erreur ci-dessous (ou lancez `rustup target add {TARGET}` si la cible manque).\n{}",
            String::from_utf8_lossy(&built.stderr).trim()
        );
    }
    let target_dir = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .map(|dir| {
            if dir.is_absolute() {
                dir
            } else {
                workspace.join(dir)
            }
        })
        .unwrap_or_else(|| workspace.join("target"));
    let module = target_dir
        .join(TARGET)
        .join(PROFILE)
        .join(format!("{}.wasm", CRATE.replace('-', "_")));
    if !module.is_file() {
        bail!(
            "le module compilé est introuvable ({}) ; relancez `explor build`.",
            module.display()
        );
    }
    Ok(module)
}

/// Runs wasm-bindgen (the library, at the crate's very version) for the web: the glue's text and
/// the module's bytes.
fn bindgen(module: &Path, work: &Path) -> anyhow::Result<(String, Vec<u8>)> {
    let out = work.join("bindgen");
    wasm_bindgen_cli_support::Bindgen::new()
        .input_path(module)
        .web(true)?
        .omit_default_module_path(false)
        .typescript(false)
        .remove_name_section(true)
        .remove_producers_section(true)
        .generate(&out)
        .map_err(|e| anyhow!("wasm-bindgen a échoué sur {} : {e:#}", module.display()))?;
    let stem = CRATE.replace('-', "_");
    let glue = std::fs::read_to_string(out.join(format!("{stem}.js")))
        .context("wasm-bindgen n’a pas écrit son module JavaScript")?;
    let wasm = std::fs::read(out.join(format!("{stem}_bg.wasm")))
        .context("wasm-bindgen n’a pas écrit son module WebAssembly")?;
    Ok((glue, wasm))
}

/// Shrinks the module with `wasm-opt -Oz` when a recent enough one is on the PATH; otherwise, or if
/// it fails, keeps the module as it is (it is correct, only larger).
fn optimise(wasm: Vec<u8>, work: &Path) -> Vec<u8> {
    let Some(version) = wasm_opt_version() else {
        return wasm;
    };
    if version < WASM_OPT_MIN {
        return wasm;
    }
    let (input, output) = (work.join("in.wasm"), work.join("out.wasm"));
    if std::fs::write(&input, &wasm).is_err() {
        return wasm;
    }
    let features = [
        "--enable-bulk-memory",
        "--enable-nontrapping-float-to-int",
        "--enable-sign-ext",
        "--enable-mutable-globals",
        "--enable-reference-types",
        "--enable-multivalue",
    ];
    let ran = Command::new("wasm-opt")
        .arg("-Oz")
        .args(features)
        .arg(&input)
        .arg("-o")
        .arg(&output)
        .output();
    match (ran, std::fs::read(&output)) {
        (Ok(done), Ok(smaller)) if done.status.success() => smaller,
        _ => wasm,
    }
}

/// The major version of the `wasm-opt` on the PATH (`wasm-opt version 116 (version_116)`).
fn wasm_opt_version() -> Option<u32> {
    let out = Command::new("wasm-opt").arg("--version").output().ok()?;
    parse_wasm_opt_version(&String::from_utf8_lossy(&out.stdout))
}

fn parse_wasm_opt_version(text: &str) -> Option<u32> {
    let rest = &text[text.find("version")? + "version".len()..];
    let digits: String = rest
        .trim_start()
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    digits.parse().ok()
}

/// The loader: imports the glue and starts the module from its fingerprinted URL, fetched with its
/// Subresource Integrity (the page checks the loader's, and preloads the glue with its own). Both
/// paths are in the same folder as the loader, so the loader works from any page depth and any
/// base path.
fn loader(glue_path: &str, wasm_path: &str, wasm_integrity: &str) -> String {
    let file = |path: &str| path.rsplit('/').next().unwrap_or(path).to_owned();
    format!(
        "// Starts the EXPLOR form: loads the WebAssembly module, which then wires the page.\n\
         import init from \"./{}\";\n\
         const url = new URL(\"./{}\", import.meta.url);\n\
         init({{ module_or_path: fetch(url, {{ integrity: \"{}\" }}) }});\n",
        file(glue_path),
        file(wasm_path),
        wasm_integrity
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_wasm_opt_versions() {
        assert_eq!(
            parse_wasm_opt_version("wasm-opt version 116 (version_116)\n"),
            Some(116)
        );
        assert_eq!(parse_wasm_opt_version("wasm-opt version 108\n"), Some(108));
        assert_eq!(parse_wasm_opt_version("wasm-opt version_132\n"), None);
        assert_eq!(parse_wasm_opt_version(""), None);
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
    }
}
