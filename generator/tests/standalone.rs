//! `explor` as the staff meet it: `explor init`, the commands run outside a project, `explor` with no
//! argument (a double-click), `--version`, and the generator named in every built page.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Output, Stdio};

fn explor(dir: &Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_explor"));
    command.current_dir(dir);
    command
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn with_input(mut command: Command, input: &str) -> Output {
    let mut child = command
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

fn is_empty(dir: &Path) -> bool {
    std::fs::read_dir(dir).unwrap().next().is_none()
}

#[test]
fn no_argument_outside_a_project_without_a_keyboard_explains_and_creates_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let out = explor(dir.path()).stdin(Stdio::null()).output().unwrap();
    let (stdout, stderr) = (text(&out.stdout), text(&out.stderr));
    assert_eq!(out.status.code(), Some(1), "{stdout}{stderr}");
    assert!(stdout.contains("n’est pas un projet explor"), "{stdout}");
    assert!(stdout.contains("Tapez o puis Entrée pour oui"), "{stdout}");
    assert!(stderr.contains("aucune réponse"), "{stderr}");
    assert!(stderr.contains("explor init DOSSIER"), "{stderr}");
    // An error keeps a double-clicked window open until Enter.
    assert!(
        stdout.contains("Appuyez sur Entrée pour fermer"),
        "{stdout}"
    );
    assert!(is_empty(dir.path()));
}

#[test]
fn no_argument_outside_a_project_answered_no_creates_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let out = with_input(explor(dir.path()), "n\n");
    let stdout = text(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{stdout}");
    assert!(stdout.contains("Rien n’a été créé."), "{stdout}");
    assert!(!stdout.contains("Appuyez sur Entrée"), "{stdout}");
    assert!(is_empty(dir.path()));
}

/// Kills the preview when the test ends, whatever happens.
struct Running {
    child: Child,
    /// Held until the preview is stopped.
    _turn: std::sync::MutexGuard<'static, ()>,
}

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn get(port: u16, path: &str) -> String {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
    response
}

/// Starts `explor` with no argument in `dir`, answering `input`; returns the running preview and
/// its port, read from the line that gives its address.
fn start_preview(dir: &Path, input: &[u8]) -> (Running, u16) {
    // Both previews would ask for the usual port at once: one at a time.
    static ONE_PREVIEW: std::sync::Mutex<()> = std::sync::Mutex::new(());
    let turn = ONE_PREVIEW.lock().unwrap_or_else(|e| e.into_inner());
    let empty_path = tempfile::tempdir().unwrap();
    let mut child = explor(dir)
        // No browser to open here: the preview still starts and says its address.
        .env("PATH", empty_path.path())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(input).unwrap();
    let stdout = child.stdout.take().unwrap();
    let running = Running { child, _turn: turn };
    for line in BufReader::new(stdout).lines() {
        let line = line.unwrap();
        if let Some(rest) = line.strip_prefix("Aperçu : http://127.0.0.1:") {
            let port = rest.split('/').next().and_then(|p| p.parse::<u16>().ok());
            return (running, port.expect("no port in the preview's address"));
        }
    }
    panic!("the preview never said its address");
}

#[test]
fn no_argument_in_a_project_starts_its_preview() {
    let dir = tempfile::tempdir().unwrap();
    let out = explor(dir.path()).args(["init", "site"]).output().unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    let (_running, port) = start_preview(&dir.path().join("site"), b"");
    let form = get(port, "/candidature/");
    assert!(form.starts_with("HTTP/1.1 200"), "{form}");
    assert!(form.contains("<meta name=\"generator\" content=\"explor "));
}

#[test]
fn no_argument_outside_a_project_answered_yes_creates_it_and_previews_it() {
    let dir = tempfile::tempdir().unwrap();
    let (_running, port) = start_preview(dir.path(), b"o\n");
    assert!(dir.path().join("content/edition.toml").is_file());
    assert!(dir.path().join("templates/base.html").is_file());
    let home = get(port, "/");
    assert!(home.starts_with("HTTP/1.1 200"), "{home}");
    assert!(
        home.contains("<meta name=\"generator\" content=\"explor "),
        "{home}"
    );
}

#[test]
fn init_refuses_a_folder_that_is_not_empty() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("notes.txt"), "à garder").unwrap();
    let out = explor(dir.path()).args(["init", "."]).output().unwrap();
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("n’est pas vide"), "{stderr}");
    assert_eq!(
        std::fs::read_to_string(dir.path().join("notes.txt")).unwrap(),
        "à garder"
    );
    assert!(!dir.path().join("content").exists());
}

#[test]
fn build_and_serve_outside_a_project_say_to_run_init() {
    let dir = tempfile::tempdir().unwrap();
    for command in [&["build"][..], &["serve", "--port", "0"]] {
        let out = explor(dir.path()).args(command).output().unwrap();
        let stderr = text(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{command:?}: {stderr}");
        assert!(
            stderr.contains("n’est pas un projet explor")
                && stderr.contains("lancez « explor init DOSSIER »"),
            "{command:?}: {stderr}"
        );
        assert!(is_empty(dir.path()));
    }
}

#[test]
fn an_initialised_project_builds_with_its_form_and_names_its_generator() {
    let dir = tempfile::tempdir().unwrap();
    let out = explor(dir.path()).args(["init", "site"]).output().unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stdout).starts_with("Projet créé dans site ("));
    let project = dir.path().join("site");
    let out = explor(&project).arg("build").output().unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    let dist = project.join("dist");
    let generator = format!(
        "<meta name=\"generator\" content=\"explor {}\">",
        env!("CARGO_PKG_VERSION")
    );
    let mut pages = 0;
    for entry in walkdir::WalkDir::new(&dist) {
        let entry = entry.unwrap();
        if entry.path().extension().is_some_and(|e| e == "html") {
            let html = std::fs::read_to_string(entry.path()).unwrap();
            assert!(html.contains(&generator), "{}", entry.path().display());
            pages += 1;
        }
    }
    assert!(pages >= 8, "{pages} pages");
    let form = std::fs::read_to_string(dist.join("candidature/index.html")).unwrap();
    assert!(
        form.contains("explor."),
        "the form page does not load the module"
    );
    let wasm = std::fs::read_dir(dist.join("static"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .find(|name| name.starts_with("validator_bg.") && name.ends_with(".wasm"));
    assert!(wasm.is_some(), "no module in dist/static");
}

#[test]
fn version_names_the_release_and_the_commit() {
    let out = explor(Path::new(".")).arg("--version").output().unwrap();
    assert!(out.status.success());
    let shown = text(&out.stdout);
    let commit = Command::new("git")
        .args(["rev-parse", "--short", "HEAD"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map_or_else(
            || "inconnu".to_owned(),
            |o| text(&o.stdout).trim().to_owned(),
        );
    assert_eq!(
        shown.trim(),
        format!("explor {} (commit {commit})", env!("CARGO_PKG_VERSION"))
    );
}

#[test]
fn the_changelog_starts_with_this_release() {
    let changelog =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("../CHANGELOG.md"))
            .unwrap();
    let first = changelog
        .lines()
        .find(|line| line.starts_with("## "))
        .expect("no release in CHANGELOG.md");
    assert!(
        first.starts_with(&format!("## {} ", env!("CARGO_PKG_VERSION"))),
        "CHANGELOG.md starts with « {first} », not with version {}",
        env!("CARGO_PKG_VERSION")
    );
}
