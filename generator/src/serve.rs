//! `explor serve`: builds the site, serves it on 127.0.0.1, rebuilds on every change in `content/` or
//! `templates/`, and reloads the open pages by themselves.
//!
//! Plain `std` on purpose: one thread watches the sources (polling their sizes and modification times,
//! which works the same on every file system and editor), one thread per connection serves files, and
//! the pages learn of a new build through a Server-Sent Events stream. A broken edit never stops the
//! server: the previous output stays served and the error shows in the terminal and in the page.

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Component, Path, PathBuf};
use std::process::ExitCode;
use std::sync::{Arc, Condvar, Mutex};
use std::thread;
use std::time::{Duration, Instant, SystemTime};

use crate::build::{self, BuildArgs, Project};

/// The live-reload script, served by the preview only (never written to `dist/`).
const RELOAD_PATH: &str = "/__explor/reload.js";
const EVENTS_PATH: &str = "/__explor/events";
const STATUS_PATH: &str = "/__explor/status";
const RELOAD_JS: &str = include_str!("serve_reload.js");
/// How often the sources are looked at.
const POLL: Duration = Duration::from_millis(200);
/// A keep-alive comment on the event stream, so that proxies and browsers keep it open.
const HEARTBEAT: Duration = Duration::from_secs(15);

/// Prévisualise le site : le construit, le sert sur cette machine et le reconstruit à chaque
/// modification de content/ ou de templates/ (la page ouverte se recharge d’elle-même).
#[derive(clap::Args, Debug, Clone)]
pub struct ServeArgs {
    /// Dossier du projet, qui contient content/ et templates/.
    #[arg(long, value_name = "DOSSIER", default_value = ".")]
    pub root: PathBuf,
    /// Dossier où écrire le site (par défaut : dist/ dans le dossier du projet).
    #[arg(long, value_name = "DOSSIER")]
    pub out: Option<PathBuf>,
    /// Port d’écoute (0 : un port libre, affiché au démarrage).
    #[arg(long, default_value_t = 8000)]
    pub port: u16,
    /// N’ajoute pas au site le module WebAssembly du formulaire (aperçu des seules pages de lecture).
    #[arg(long)]
    pub no_wasm: bool,
}

/// What the pages and the terminal know of the last build.
#[derive(Debug, Clone, Default)]
struct BuildState {
    /// Increases after every build, successful or not.
    generation: u64,
    /// The error of the last build, if it failed.
    error: Option<String>,
}

#[derive(Default)]
struct Shared {
    state: Mutex<BuildState>,
    changed: Condvar,
}

impl Shared {
    fn publish(&self, error: Option<String>) {
        let mut state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        state.generation += 1;
        state.error = error;
        self.changed.notify_all();
    }

    fn snapshot(&self) -> BuildState {
        self.state.lock().unwrap_or_else(|e| e.into_inner()).clone()
    }
}

pub fn run(args: &ServeArgs) -> ExitCode {
    let build_args = BuildArgs {
        root: args.root.clone(),
        out: args.out.clone(),
        // The preview is served at the root of its own host.
        base_url: Some("/".to_owned()),
        no_wasm: args.no_wasm,
    };
    let project = Project::locate(&build_args);
    let listener = match TcpListener::bind(("127.0.0.1", args.port)) {
        Ok(listener) => listener,
        Err(err) => {
            eprintln!(
                "erreur : impossible d’écouter sur 127.0.0.1:{} ({err}). Choisissez un autre port avec --port.",
                args.port
            );
            return ExitCode::from(2);
        }
    };
    let shared = Arc::new(Shared::default());
    shared.publish(rebuild(&build_args));
    let port = listener.local_addr().map(|a| a.port()).unwrap_or(args.port);
    println!("Aperçu : http://127.0.0.1:{port}/ (Ctrl+C pour arrêter)");
    let sources = vec![project.content.clone(), project.templates.clone()];
    {
        let shared = Arc::clone(&shared);
        thread::spawn(move || watch(&sources, &build_args, &shared));
    }
    for stream in listener.incoming().flatten() {
        let shared = Arc::clone(&shared);
        let out = project.out.clone();
        thread::spawn(move || {
            if let Err(err) = handle(stream, &out, &shared) {
                // A browser closing a connection early is normal; nothing to report to the user.
                let _ = err;
            }
        });
    }
    ExitCode::SUCCESS
}

/// Builds once and says how it went in the terminal; returns the error text, if any.
fn rebuild(args: &BuildArgs) -> Option<String> {
    let started = Instant::now();
    match build::build(args) {
        Ok(summary) => {
            let ms = started.elapsed().as_millis();
            println!("Site reconstruit : {} pages en {ms} ms", summary.pages);
            None
        }
        Err(err) => {
            let text = format!("{err:#}");
            eprintln!("erreur : {text}\n(le serveur continue ; corrigez le fichier, la page se mettra à jour)");
            Some(text)
        }
    }
}

/// Polls the sources and rebuilds when any file is added, removed or modified.
fn watch(sources: &[PathBuf], args: &BuildArgs, shared: &Shared) {
    let mut last = fingerprint(sources);
    loop {
        thread::sleep(POLL);
        let now = fingerprint(sources);
        if now != last {
            last = now;
            shared.publish(rebuild(args));
        }
    }
}

type Fingerprint = BTreeMap<PathBuf, (u64, Option<SystemTime>)>;

fn fingerprint(dirs: &[PathBuf]) -> Fingerprint {
    let mut files = Fingerprint::new();
    for dir in dirs {
        for entry in walkdir::WalkDir::new(dir).into_iter().flatten() {
            if let Ok(meta) = entry.metadata() {
                if meta.is_file() {
                    files.insert(
                        entry.path().to_path_buf(),
                        (meta.len(), meta.modified().ok()),
                    );
                }
            }
        }
    }
    files
}

/// A parsed request line: only `GET` and `HEAD` are served.
struct Request {
    head_only: bool,
    path: String,
}

fn read_request(stream: &TcpStream) -> std::io::Result<Option<Request>> {
    let mut reader = BufReader::new(stream.take(16 * 1024));
    let mut line = String::new();
    reader.read_line(&mut line)?;
    // Drain the headers: the preview needs none of them.
    let mut header = String::new();
    while reader.read_line(&mut header)? > 2 {
        header.clear();
    }
    let mut parts = line.split_whitespace();
    let method = parts.next().unwrap_or_default();
    let target = parts.next().unwrap_or_default();
    if !matches!(method, "GET" | "HEAD") || !target.starts_with('/') {
        return Ok(None);
    }
    let path = target.split(['?', '#']).next().unwrap_or("/");
    Ok(Some(Request {
        head_only: method == "HEAD",
        path: crate::links::percent_decode(path),
    }))
}

fn handle(mut stream: TcpStream, out: &Path, shared: &Shared) -> std::io::Result<()> {
    stream.set_read_timeout(Some(Duration::from_secs(10)))?;
    let Some(request) = read_request(&stream)? else {
        return respond(&mut stream, 405, "text/plain; charset=utf-8", b"", false);
    };
    match request.path.as_str() {
        EVENTS_PATH => events(stream, shared),
        RELOAD_PATH => respond(
            &mut stream,
            200,
            "text/javascript; charset=utf-8",
            RELOAD_JS.as_bytes(),
            request.head_only,
        ),
        STATUS_PATH => {
            let body = status_json(&shared.snapshot());
            respond(
                &mut stream,
                200,
                "application/json",
                body.as_bytes(),
                request.head_only,
            )
        }
        path => serve_file(&mut stream, out, path, request.head_only),
    }
}

fn status_json(state: &BuildState) -> String {
    serde_json::json!({ "generation": state.generation, "error": state.error }).to_string()
}

/// The event stream: one `build` event per build, with the status as data.
fn events(mut stream: TcpStream, shared: &Shared) -> std::io::Result<()> {
    stream.write_all(
        b"HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\nConnection: keep-alive\r\n\r\n",
    )?;
    let mut seen = shared.snapshot().generation;
    loop {
        let state = {
            let guard = shared.state.lock().unwrap_or_else(|e| e.into_inner());
            let (guard, _) = shared
                .changed
                .wait_timeout_while(guard, HEARTBEAT, |s| s.generation == seen)
                .unwrap_or_else(|e| e.into_inner());
            guard.clone()
        };
        if state.generation == seen {
            stream.write_all(b": keep-alive\n\n")?;
        } else {
            seen = state.generation;
            write!(stream, "event: build\ndata: {}\n\n", status_json(&state))?;
        }
        stream.flush()?;
    }
}

fn serve_file(
    stream: &mut TcpStream,
    out: &Path,
    path: &str,
    head_only: bool,
) -> std::io::Result<()> {
    let Some(file) = resolve(out, path) else {
        return not_found(stream, out, head_only);
    };
    let Ok(mut bytes) = std::fs::read(&file) else {
        return not_found(stream, out, head_only);
    };
    let mime = mime_type(&file);
    if mime.starts_with("text/html") {
        bytes = inject_reload(bytes);
    }
    respond(stream, 200, mime, &bytes, head_only)
}

fn not_found(stream: &mut TcpStream, out: &Path, head_only: bool) -> std::io::Result<()> {
    let page = std::fs::read(out.join("404.html"))
        .map(inject_reload)
        .unwrap_or_else(|_| b"Page introuvable".to_vec());
    respond(stream, 404, "text/html; charset=utf-8", &page, head_only)
}

/// Maps a URL path to a file of `out`, refusing anything that would leave it.
fn resolve(out: &Path, path: &str) -> Option<PathBuf> {
    let relative = Path::new(path.trim_start_matches('/'));
    if relative
        .components()
        .any(|c| !matches!(c, Component::Normal(_)))
    {
        return None;
    }
    let mut file = out.join(relative);
    if path.ends_with('/') || file.is_dir() {
        file = file.join("index.html");
    }
    file.is_file().then_some(file)
}

/// Adds the live-reload script before `</body>`; a `<script src>` of the same origin, so the pages'
/// Content-Security-Policy (`script-src 'self'`) allows it.
fn inject_reload(html: Vec<u8>) -> Vec<u8> {
    let tag = format!("<script src=\"{RELOAD_PATH}\" defer></script>");
    let text = String::from_utf8_lossy(&html);
    match text.rfind("</body>") {
        Some(at) => format!("{}{tag}{}", &text[..at], &text[at..]).into_bytes(),
        None => html,
    }
}

fn respond(
    stream: &mut TcpStream,
    status: u16,
    mime: &str,
    body: &[u8],
    head_only: bool,
) -> std::io::Result<()> {
    let reason = match status {
        200 => "OK",
        404 => "Not Found",
        _ => "Method Not Allowed",
    };
    write!(
        stream,
        "HTTP/1.1 {status} {reason}\r\nContent-Type: {mime}\r\nContent-Length: {}\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n",
        body.len()
    )?;
    if !head_only {
        stream.write_all(body)?;
    }
    stream.flush()
}

/// The media type of a built file, by extension (`application/wasm` lets browsers compile streaming).
pub fn mime_type(file: &Path) -> &'static str {
    match file.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "wasm" => "application/wasm",
        "json" => "application/json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "ico" => "image/x-icon",
        "xml" => "application/xml",
        "txt" => "text/plain; charset=utf-8",
        "ics" => "text/calendar; charset=utf-8",
        "webmanifest" => "application/manifest+json",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolve_refuses_to_leave_the_output() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("index.html"), "x").unwrap();
        assert!(resolve(dir.path(), "/").is_some());
        assert!(resolve(dir.path(), "/../Cargo.toml").is_none());
        assert!(resolve(dir.path(), "/a/../../etc/passwd").is_none());
    }

    #[test]
    fn the_reload_script_goes_before_the_end_of_body() {
        let html = inject_reload(b"<html><body><p>x</p></body></html>".to_vec());
        let html = String::from_utf8(html).unwrap();
        assert!(html.ends_with(&format!(
            "<script src=\"{RELOAD_PATH}\" defer></script></body></html>"
        )));
    }

    #[test]
    fn wasm_is_served_as_wasm() {
        assert_eq!(mime_type(Path::new("a/b.wasm")), "application/wasm");
        assert_eq!(
            mime_type(Path::new("index.html")),
            "text/html; charset=utf-8"
        );
    }
}
