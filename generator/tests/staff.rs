//! The staff's commands end to end: `explor serve` (rebuild on change, errors shown without stopping)
//! and `explor new-edition` (the next edition builds once its dates are set, and not before).

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn copy_tree(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let target = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// A copy of the minimal fixture site with the real theme, in a temporary folder.
fn project() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_tree(&repo().join("tests/fixtures/sites/minimal"), dir.path());
    copy_tree(&repo().join("templates"), &dir.path().join("templates"));
    dir
}

fn explor() -> Command {
    Command::new(env!("CARGO_BIN_EXE_explor"))
}

/// The preview server, stopped when dropped.
struct Server {
    child: Child,
    port: u16,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Server {
    fn start(root: &Path) -> Server {
        let mut child = explor()
            .args(["serve", "--no-wasm", "--port", "0", "--root"])
            .arg(root)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
        let port = loop {
            let line = lines
                .next()
                .expect("serve ended before printing its address")
                .unwrap();
            if let Some(rest) = line.strip_prefix("Aperçu : http://127.0.0.1:") {
                break rest.split('/').next().unwrap().parse().unwrap();
            }
        };
        // Keep reading stdout so the server never blocks on a full pipe.
        std::thread::spawn(move || for _ in lines {});
        Server { child, port }
    }

    /// `(status, content type, body)` of a GET.
    fn get(&self, path: &str) -> (u16, String, String) {
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        write!(stream, "GET {path} HTTP/1.1\r\nHost: localhost\r\n\r\n").unwrap();
        let mut response = String::new();
        stream.read_to_string(&mut response).unwrap();
        let (head, body) = response.split_once("\r\n\r\n").unwrap();
        let status = head[9..12].parse().unwrap();
        let mime = head
            .lines()
            .find_map(|l| l.strip_prefix("Content-Type: "))
            .unwrap_or("")
            .to_owned();
        (status, mime, body.to_owned())
    }

    /// Polls `path` until `until` holds for its body (a rebuild takes a moment), for at most 60 s.
    fn wait_for(&self, path: &str, until: impl Fn(&str) -> bool) -> String {
        let started = Instant::now();
        loop {
            let (_, _, body) = self.get(path);
            if until(&body) {
                return body;
            }
            assert!(
                started.elapsed() < Duration::from_secs(60),
                "{path} never matched; last body:\n{body}"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }
}

fn edit(root: &Path, file: &str, from: &str, to: &str) {
    let path = root.join(file);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "{file} has no {from:?}");
    std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
}

#[test]
fn serve_rebuilds_on_change_and_keeps_running_through_a_broken_page() {
    let dir = project();
    let server = Server::start(dir.path());

    let (status, mime, home) = server.get("/");
    assert_eq!((status, mime.as_str()), (200, "text/html; charset=utf-8"));
    assert!(home.contains("<script src=\"/__explor/reload.js\" defer></script></body>"));
    let (status, mime, script) = server.get("/__explor/reload.js");
    assert_eq!(
        (status, mime.as_str()),
        (200, "text/javascript; charset=utf-8")
    );
    assert!(script.contains("EventSource"));
    assert_eq!(server.get("/page-qui-n-existe-pas/").0, 404);
    assert_eq!(server.get("/../Cargo.toml").0, 404);

    // A change in content/ is served after the rebuild.
    let charter = std::fs::read_to_string(dir.path().join("content/pages/charte.md")).unwrap();
    let title_line = charter
        .lines()
        .find(|l| l.starts_with("title"))
        .unwrap()
        .to_owned();
    edit(
        dir.path(),
        "content/pages/charte.md",
        &title_line,
        "title = \"Charte modifiée en direct\"",
    );
    server.wait_for("/charte/", |body| {
        body.contains("Charte modifiée en direct")
    });

    // A broken page: the error reaches the status the pages read, the old page is still served.
    edit(
        dir.path(),
        "content/pages/charte.md",
        "Charte modifiée en direct",
        "Charte {{ fait.inconnu }}",
    );
    let status = server.wait_for("/__explor/status", |body| body.contains("\"error\":\""));
    assert!(status.contains("content/pages/charte.md"), "{status}");
    assert!(status.contains("fait.inconnu"), "{status}");
    let (code, _, page) = server.get("/charte/");
    assert_eq!(code, 200);
    assert!(page.contains("Charte modifiée en direct"));

    // Fixed: the error clears and the new text is served.
    edit(
        dir.path(),
        "content/pages/charte.md",
        "Charte {{ fait.inconnu }}",
        "Charte réparée",
    );
    server.wait_for("/__explor/status", |body| body.contains("\"error\":null"));
    server.wait_for("/charte/", |body| body.contains("Charte réparée"));
}

#[test]
fn a_new_edition_builds_once_its_dates_are_set_and_not_before() {
    let dir = project();
    let edition_before = std::fs::read_to_string(dir.path().join("content/edition.toml")).unwrap();
    let year: i16 = edition_before
        .lines()
        .find_map(|l| l.strip_prefix("year = "))
        .unwrap()
        .trim()
        .parse()
        .unwrap();

    let done = explor()
        .args(["new-edition", "--root"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(
        done.status.success(),
        "{}",
        String::from_utf8_lossy(&done.stderr)
    );
    let archived = std::fs::read_dir(dir.path().join("content/archives"))
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    assert_eq!(std::fs::read_to_string(&archived).unwrap(), edition_before);
    let edition = std::fs::read_to_string(dir.path().join("content/edition.toml")).unwrap();
    assert!(edition.contains(&format!("year = {}", year + 1)));

    let build = |dir: &Path| {
        explor()
            .args(["build", "--no-wasm", "--root"])
            .arg(dir)
            .output()
            .unwrap()
    };
    let refused = build(dir.path());
    assert_eq!(refused.status.code(), Some(1));
    let message = String::from_utf8_lossy(&refused.stderr);
    assert!(
        message.contains("content/edition.toml, ligne")
            && message.contains("est encore « À COMPLÉTER »"),
        "{message}"
    );
    assert!(!dir.path().join("dist").exists());

    // The staff fill the dates of the new edition: the build goes through and shows them.
    let next = year + 1;
    let dates = [
        ("deadline", format!("{next}-06-14")),
        ("selection_start", format!("{next}-06-15")),
        ("selection_end", format!("{next}-06-30")),
        ("answer_month", format!("{next}-07")),
        ("mission_window_start", format!("{next}-07-01")),
        ("mission_window_end", format!("{}-03-31", next + 1)),
    ];
    let mut filled = edition.clone();
    for (key, value) in &dates {
        filled = filled.replace(
            &format!("{key} = \"À COMPLÉTER\""),
            &format!("{key} = \"{value}\""),
        );
    }
    std::fs::write(dir.path().join("content/edition.toml"), filled).unwrap();
    let built = build(dir.path());
    assert!(
        built.status.success(),
        "{}",
        String::from_utf8_lossy(&built.stderr)
    );
    let home = std::fs::read_to_string(dir.path().join("dist/index.html")).unwrap();
    assert!(home.contains(&next.to_string()));
    assert!(
        home.contains("14 juin"),
        "the new deadline is on the home page"
    );

    // A second run would overwrite the archive of the same edition: refused.
    let again = explor()
        .args(["new-edition", "--year", &next.to_string(), "--root"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(again.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&again.stderr).contains("n’est pas postérieure"));
}
