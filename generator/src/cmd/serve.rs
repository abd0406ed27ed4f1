//! `explor serve`: builds the site, serves it on 127.0.0.1, rebuilds on every change in `content/` or
//! `templates/`, and reloads the open pages by themselves.
//!
//! Plain `std` on purpose: one thread watches the sources (polling their sizes and modification times,
//! which works the same on every file system and editor), a bounded number of threads serve files
//! ([`http`]), and the pages learn of a new build through a Server-Sent Events stream. Every build runs
//! in a child process with a time and a memory limit ([`crate::cmd::isolate`]): a broken or runaway
//! template never stops the server; the previous output stays served and what happened shows, in
//! French, in the terminal and in the page.

use std::collections::BTreeMap;
use std::io::Write;
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::{Arc, Condvar, Mutex};
use std::thread;
use std::time::{Duration, Instant, SystemTime};

use crate::build::{BuildArgs, Project};
use crate::cmd::isolate::{self, Limits};

mod http;

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
    /// Durée maximale d’une reconstruction, en secondes : au-delà, elle est arrêtée (un gabarit qui
    /// boucle sans fin ne bloque pas l’aperçu).
    #[arg(long, value_name = "SECONDES", default_value_t = 120)]
    pub build_timeout: u64,
    /// Mémoire maximale d’une reconstruction, en Mio (Linux et autres Unix ; sans effet sous Windows,
    /// où seule la durée maximale s’applique).
    #[arg(long, value_name = "MIO", default_value_t = isolate::DEFAULT_MEMORY_MB)]
    pub build_memory: u64,
    /// Nombre maximal de connexions servies à la fois (les suivantes reçoivent 503).
    #[arg(long, hide = true, default_value_t = 64)]
    pub max_connections: usize,
    /// Délai maximal pour recevoir une requête et envoyer sa réponse, en millisecondes.
    #[arg(long, hide = true, default_value_t = 30_000)]
    pub request_timeout_ms: u64,
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
    let limits = Limits {
        time: Some(Duration::from_secs(args.build_timeout.max(1))),
        memory_mb: args.build_memory,
    };
    let shared = Arc::new(Shared::default());
    shared.publish(rebuild(&build_args, limits));
    let port = listener.local_addr().map(|a| a.port()).unwrap_or(args.port);
    println!("Aperçu : http://127.0.0.1:{port}/ (Ctrl+C pour arrêter)");
    let _ = std::io::stdout().flush();
    let sources = vec![project.content.clone(), project.templates.clone()];
    {
        let shared = Arc::clone(&shared);
        thread::spawn(move || watch(&sources, &build_args, limits, &shared));
    }
    let policy = http::Policy {
        port,
        max_connections: args.max_connections,
        deadline: Duration::from_millis(args.request_timeout_ms.max(1)),
    };
    let preview = Preview {
        out: project.out.clone(),
        shared,
    };
    http::serve(&listener, policy, Arc::new(preview));
    ExitCode::SUCCESS
}

/// Builds once in a child process and says how it went in the terminal; returns the error, if any.
fn rebuild(args: &BuildArgs, limits: Limits) -> Option<String> {
    let started = Instant::now();
    match isolate::build_in_child(args, limits) {
        Ok(summary) => {
            let ms = started.elapsed().as_millis();
            for warning in &summary.warnings {
                eprintln!("{warning}");
            }
            println!("Site reconstruit : {} pages en {ms} ms", summary.pages);
            let _ = std::io::stdout().flush();
            None
        }
        Err(text) => {
            eprintln!("erreur : {text}\n(le serveur continue ; corrigez le fichier, la page se mettra à jour)");
            Some(text)
        }
    }
}

/// Polls the sources and rebuilds when any file is added, removed or modified.
fn watch(sources: &[PathBuf], args: &BuildArgs, limits: Limits, shared: &Shared) {
    let mut last = fingerprint(sources);
    loop {
        thread::sleep(POLL);
        let now = fingerprint(sources);
        if now != last {
            last = now;
            shared.publish(rebuild(args, limits));
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

/// The preview's answers: its own three addresses, then the files of the output folder.
struct Preview {
    out: PathBuf,
    shared: Arc<Shared>,
}

impl http::Site for Preview {
    fn answer(&self, conn: &mut http::Conn, request: &http::Request) -> std::io::Result<()> {
        let head_only = request.head_only;
        match request.path.as_str() {
            EVENTS_PATH => events(conn, &self.shared),
            RELOAD_PATH => http::respond(
                conn,
                200,
                "text/javascript; charset=utf-8",
                RELOAD_JS.as_bytes(),
                head_only,
            ),
            // The preview is never served by a service worker: one left on this origin by a published
            // copy (or another project) asks for its update here and gets one that removes itself.
            path if path.strip_prefix('/') == Some(crate::offline::WORKER_FILE) => http::respond(
                conn,
                200,
                "text/javascript; charset=utf-8",
                crate::offline::UNREGISTER_WORKER.as_bytes(),
                head_only,
            ),
            STATUS_PATH => {
                let body = status_json(&self.shared.snapshot());
                http::respond(conn, 200, "application/json", body.as_bytes(), head_only)
            }
            _ => http::serve_file(conn, &self.out, request, inject_reload),
        }
    }
}

fn status_json(state: &BuildState) -> String {
    serde_json::json!({ "generation": state.generation, "error": state.error }).to_string()
}

/// The event stream: one `build` event per build, with the status as data. It has no deadline (a
/// tab keeps it open as long as it is open), but still holds one of the bounded connections.
fn events(conn: &mut http::Conn, shared: &Shared) -> std::io::Result<()> {
    conn.keep_open()?;
    conn.write_all(
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
            conn.write_all(b": keep-alive\n\n")?;
        } else {
            seen = state.generation;
            write!(conn, "event: build\ndata: {}\n\n", status_json(&state))?;
        }
        conn.flush()?;
    }
}

/// Adds the live-reload script before `</body>`; a `<script src>` of the same origin, so the pages'
/// Content-Security-Policy (`script-src 'self'`) allows it. Removes the service worker's
/// registration: a preview must show the files just built, never a kept copy.
fn inject_reload(html: Vec<u8>) -> Vec<u8> {
    let tag = format!("<script src=\"{RELOAD_PATH}\" defer></script>");
    let text = crate::offline::without_registration(&String::from_utf8_lossy(&html));
    match text.rfind("</body>") {
        Some(at) => format!("{}{tag}{}", &text[..at], &text[at..]).into_bytes(),
        None => text.into_bytes(),
    }
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
    fn the_reload_script_goes_before_the_end_of_body() {
        let html = inject_reload(b"<html><body><p>x</p></body></html>".to_vec());
        let html = String::from_utf8(html).unwrap();
        assert!(html.ends_with(&format!(
            "<script src=\"{RELOAD_PATH}\" defer></script></body></html>"
        )));
    }

    #[test]
    fn previewed_pages_do_not_register_the_service_worker() {
        let page = format!(
            "<html><body><p>x</p><script type=\"module\" src=\"../static/offline.0123456789.js\" \
             integrity=\"sha384-x\" {}></script></body></html>",
            crate::offline::REGISTER_MARK
        );
        let html = String::from_utf8(inject_reload(page.into_bytes())).unwrap();
        assert_eq!(
            html,
            format!(
                "<html><body><p>x</p><script src=\"{RELOAD_PATH}\" defer></script></body></html>"
            )
        );
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
