//! `explor init`: a new project from the starter embedded in the binary (the `content/` and
//! `templates/` of the call it was compiled with); what a folder that is not a project gets told; and
//! `explor` run with no argument, as when `explor.exe` is double-clicked: the preview of the project
//! it sits in, or the offer to create one there, with the window kept open on an error.

use std::io::{BufRead, IsTerminal, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::time::Duration;

use anyhow::{anyhow, bail, Context};

use crate::assets::STARTER;
use crate::cmd::serve::{self, ServeArgs};

pub mod network;

/// Crée un nouveau projet (content/ et templates/) dans un dossier vide ou nouveau.
#[derive(clap::Args, Debug, Clone)]
pub struct InitArgs {
    /// Dossier du nouveau projet (créé s’il n’existe pas ; il doit être vide).
    #[arg(value_name = "DOSSIER")]
    pub folder: PathBuf,
    #[command(flatten)]
    pub network: network::NetworkArgs,
}

/// The preview's usual port, taken when it is free.
const PREVIEW_PORT: u16 = 8000;

/// `explor init FOLDER`.
pub fn run(args: &InitArgs) -> ExitCode {
    let folder = &args.folder;
    let result = ensure_empty(folder)
        .and_then(|()| adapted_files(&args.network))
        .and_then(|files| {
            let adapted = files.unwrap_or_default();
            let count = write_project(folder, &adapted.files)?;
            for warning in adapted.warnings {
                eprintln!("{warning}");
            }
            Ok(count)
        });
    match result {
        Ok(count) => {
            println!(
                "Projet créé dans {} ({count} fichiers). Pour le voir : lancez « explor serve » dans ce dossier (ou placez-y explor et double-cliquez dessus) ; pour le publier : « explor build », puis copiez dist/.",
                folder.display()
            );
            ExitCode::SUCCESS
        }
        Err(err) => {
            eprintln!("erreur : {err:#}");
            ExitCode::from(1)
        }
    }
}

fn ensure_empty(folder: &Path) -> anyhow::Result<()> {
    if !folder.exists() {
        return Ok(());
    }
    let mut entries = std::fs::read_dir(folder).with_context(|| {
        format!(
            "{} existe mais n’est pas un dossier lisible ; choisissez un autre nom",
            folder.display()
        )
    })?;
    if entries.next().is_some() {
        bail!(
            "le dossier {} n’est pas vide : explor init crée un projet dans un dossier vide ou nouveau, pour ne rien écraser. Choisissez un autre nom, par exemple « explor init mon-site ».",
            folder.display()
        );
    }
    Ok(())
}

/// The starter's text at `path`.
fn starter_text(path: &str) -> anyhow::Result<&'static str> {
    STARTER
        .iter()
        .find(|(p, _)| *p == path)
        .and_then(|(_, bytes)| std::str::from_utf8(bytes).ok())
        .ok_or_else(|| anyhow!("le modèle intégré à explor n’a pas de fichier {path} lisible"))
}

/// The starter files the network changes (edition, site) and the edition's warnings, from the
/// options, or else from the keyboard when there is one; `None` keeps the starter as it is (no
/// option and no keyboard: a script, a test).
fn adapted_files(args: &network::NetworkArgs) -> anyhow::Result<Option<network::Adapted>> {
    let edition = starter_text("content/edition.toml")?;
    let network = if !args.is_empty() {
        args.network()?
    } else if std::io::stdin().is_terminal() {
        let model = network::model(edition)?;
        network::ask(&mut std::io::stdin().lock(), &mut std::io::stdout(), &model)?
    } else {
        return Ok(None);
    };
    network::files(&network, edition, starter_text("content/site.toml")?)
}

/// Writes every starter file under `folder`, never replacing an existing file; returns the count.
pub fn write_starter(folder: &Path) -> anyhow::Result<usize> {
    write_project(folder, &[])
}

/// Like [`write_starter`], with the text of some starter files replaced (`(path, text)`).
fn write_project(folder: &Path, replaced: &[(String, String)]) -> anyhow::Result<usize> {
    for (path, starter) in STARTER {
        let bytes = replaced
            .iter()
            .find(|(p, _)| p == path)
            .map_or(*starter, |(_, text)| text.as_bytes());
        let target = folder.join(path);
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent)
                .with_context(|| format!("impossible de créer le dossier {}", parent.display()))?;
        }
        let mut file = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&target)
            .with_context(|| format!("impossible de créer {}", target.display()))?;
        file.write_all(bytes)
            .with_context(|| format!("impossible d’écrire {}", target.display()))?;
    }
    Ok(STARTER.len())
}

/// A project is a folder with a `content/` folder (the pages and the edition).
pub fn is_project(root: &Path) -> bool {
    root.join("content").is_dir()
}

/// What `build` and `serve` say in a folder that is not a project.
pub fn not_a_project(root: &Path) -> String {
    format!(
        "{} n’est pas un projet explor (il n’y a pas de dossier content/). Pour créer un projet, lancez « explor init DOSSIER », puis « explor build » ou « explor serve » dans ce dossier ; pour un projet existant, lancez la commande dans son dossier ou indiquez-le avec --root DOSSIER.",
        shown(root)
    )
}

fn shown(root: &Path) -> String {
    std::path::absolute(root)
        .unwrap_or_else(|_| root.to_path_buf())
        .display()
        .to_string()
}

/// `explor` with no argument, in the current folder. An error keeps the window open (a double-click
/// on Windows opens one that closes as soon as the program ends).
pub fn without_arguments() -> ExitCode {
    let here = Path::new(".");
    let code = if is_project(here) {
        preview(here)
    } else {
        offer_new_project(here)
    };
    if code != ExitCode::SUCCESS {
        println!("Appuyez sur Entrée pour fermer cette fenêtre.");
        let _ = std::io::stdin().lock().read_line(&mut String::new());
    }
    code
}

fn offer_new_project(here: &Path) -> ExitCode {
    println!(
        "Ce dossier ({}) n’est pas un projet explor : il n’a pas de dossier content/.",
        shown(here)
    );
    print!("Créer ici un nouveau site (dossiers content/ et templates/) ? Tapez o puis Entrée pour oui, n pour non : ");
    let _ = std::io::stdout().flush();
    let mut answer = String::new();
    match std::io::stdin().lock().read_line(&mut answer) {
        Ok(n) if n > 0 => {}
        _ => {
            println!();
            eprintln!("erreur : aucune réponse (explor n’a pas de clavier ici) ; rien n’a été créé. Pour créer un site, lancez « explor init DOSSIER » ; pour voir un site existant, lancez explor dans son dossier.");
            return ExitCode::from(1);
        }
    }
    if !matches!(
        answer.trim().to_lowercase().as_str(),
        "o" | "oui" | "y" | "yes"
    ) {
        println!("Rien n’a été créé.");
        return ExitCode::SUCCESS;
    }
    let created = ["content", "templates"]
        .iter()
        .find(|dir| here.join(dir).exists())
        .map_or_else(|| write_starter(here), |dir| Err(anyhow!("le dossier {dir}/ existe déjà ici ; déplacez-le ou lancez « explor init DOSSIER » pour créer le site ailleurs")));
    match created {
        Ok(count) => {
            println!("Site créé ({count} fichiers). Modifiez les pages dans content/pages/ ; l’aperçu se met à jour tout seul.");
            preview(here)
        }
        Err(err) => {
            eprintln!("erreur : {err:#}");
            ExitCode::from(1)
        }
    }
}

/// Serves the project and opens the browser on it once the server listens.
fn preview(root: &Path) -> ExitCode {
    let port = free_port();
    std::thread::spawn(move || {
        // The server listens before its first build; a browser that connects early waits for it.
        for _ in 0..600 {
            if TcpStream::connect(("127.0.0.1", port)).is_ok() {
                open_browser(&format!("http://127.0.0.1:{port}/"));
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    });
    match preview_args(root, port) {
        Ok(args) => serve::run(&args),
        Err(err) => {
            eprintln!("erreur : {err}");
            ExitCode::from(2)
        }
    }
}

/// `explor serve --root ROOT --port PORT`, every other option at its default.
fn preview_args(root: &Path, port: u16) -> Result<ServeArgs, clap::Error> {
    #[derive(clap::Parser)]
    struct Serve {
        #[command(flatten)]
        args: ServeArgs,
    }
    let root = root.as_os_str().to_owned();
    let port = port.to_string();
    <Serve as clap::Parser>::try_parse_from([
        "serve".into(),
        "--root".into(),
        root,
        "--port".into(),
        port.into(),
    ])
    .map(|serve| serve.args)
}

/// The usual port when it is free, else one the system gives (another preview may be running).
fn free_port() -> u16 {
    if TcpListener::bind(("127.0.0.1", PREVIEW_PORT)).is_ok() {
        return PREVIEW_PORT;
    }
    TcpListener::bind(("127.0.0.1", 0))
        .and_then(|l| l.local_addr())
        .map_or(PREVIEW_PORT, |a| a.port())
}

/// Opens `url` in the default browser; without one, the address printed by the preview is enough.
fn open_browser(url: &str) {
    let mut command = if cfg!(windows) {
        let mut c = Command::new("cmd");
        c.args(["/C", "start", "", url]);
        c
    } else if cfg!(target_os = "macos") {
        let mut c = Command::new("open");
        c.arg(url);
        c
    } else {
        let mut c = Command::new("xdg-open");
        c.arg(url);
        c
    };
    let _ = command
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn();
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every file of the repository's `content/` and `templates/` (hidden ones aside), by path.
    fn repository_files() -> Vec<(String, Vec<u8>)> {
        let repo = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let mut files = Vec::new();
        for top in ["content", "templates"] {
            for entry in walkdir::WalkDir::new(repo.join(top))
                .into_iter()
                .filter_entry(|e| {
                    e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.')
                })
            {
                let entry = entry.unwrap();
                if entry.file_type().is_file() {
                    let relative = entry.path().strip_prefix(&repo).unwrap();
                    let path = relative.to_string_lossy().replace('\\', "/");
                    files.push((path, std::fs::read(entry.path()).unwrap()));
                }
            }
        }
        files.sort();
        files
    }

    #[test]
    fn the_starter_is_the_repository_content_and_templates_file_by_file() {
        let embedded: Vec<(String, Vec<u8>)> = STARTER
            .iter()
            .map(|(path, bytes)| ((*path).to_owned(), bytes.to_vec()))
            .collect();
        let repository = repository_files();
        let names =
            |files: &[(String, Vec<u8>)]| files.iter().map(|f| f.0.clone()).collect::<Vec<_>>();
        assert_eq!(names(&embedded), names(&repository));
        for ((path, embedded), (_, on_disk)) in embedded.iter().zip(&repository) {
            assert!(embedded == on_disk, "{path} differs from the repository's");
        }
        assert!(STARTER.iter().any(|(p, _)| *p == "content/edition.toml"));
        assert!(STARTER.iter().any(|(p, _)| *p == "templates/base.html"));
    }

    #[test]
    fn the_preview_serves_the_project_on_the_chosen_port_with_its_form() {
        let args = preview_args(Path::new("mon site"), 8123).unwrap();
        assert_eq!(args.root, Path::new("mon site"));
        assert_eq!((args.port, args.out, args.no_wasm), (8123, None, false));
    }

    #[test]
    fn a_folder_that_is_not_empty_is_refused_with_what_to_do() {
        // That nothing is written then is proved through the binary (tests/standalone.rs).
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("notes.txt"), "à garder").unwrap();
        let err = ensure_empty(dir.path()).unwrap_err().to_string();
        assert!(err.contains("n’est pas vide"), "{err}");
        assert!(err.contains("explor init mon-site"), "{err}");
    }

    #[test]
    fn the_starter_never_replaces_a_file() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("content")).unwrap();
        std::fs::write(dir.path().join("content/edition.toml"), "mien").unwrap();
        assert!(write_starter(dir.path()).is_err());
        assert_eq!(
            std::fs::read_to_string(dir.path().join("content/edition.toml")).unwrap(),
            "mien"
        );
    }
}
