//! The staff's commands end to end: `explor serve` (rebuild on change, errors shown without stopping)
//! and `explor new-edition` (the next edition builds once its dates are set, and not before).

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

mod real_project;
use real_project::{edit, minimal_site};

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
        Server::start_with(root, &[])
    }

    /// The server with `options` added to its command line.
    fn start_with(root: &Path, options: &[&str]) -> Server {
        let mut child = explor()
            .args(["serve", "--no-wasm", "--port", "0", "--root"])
            .arg(root)
            .args(options)
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
        let port = self.port;
        write!(
            stream,
            "GET {path} HTTP/1.1\r\nHost: localhost:{port}\r\n\r\n"
        )
        .unwrap();
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

#[test]
fn serve_rebuilds_on_change_and_keeps_running_through_a_broken_page() {
    let dir = minimal_site();
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
    let dir = minimal_site();
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

/// Sends `request` as it is and reads the answer to its end (the server closes every connection).
fn raw(port: u16, request: &str) -> String {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream.write_all(request.as_bytes()).unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
    response
}

#[test]
fn serve_answers_only_its_own_names_and_never_outside_its_folder() {
    let dir = minimal_site();
    let server = Server::start(dir.path());
    let port = server.port;
    for host in [
        format!("Host: rebound.example:{port}\r\n"),
        format!("Host: 127.0.0.1:{}\r\n", port.wrapping_add(1)),
        String::new(),
    ] {
        let answer = raw(port, &format!("GET / HTTP/1.1\r\n{host}\r\n"));
        assert!(answer.starts_with("HTTP/1.1 421 "), "{host:?}: {answer}");
        assert!(!answer.contains("<html"), "{answer}");
    }
    let answer = raw(
        port,
        &format!("GET / HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n"),
    );
    assert!(answer.starts_with("HTTP/1.1 200 "), "{answer}");

    // A link in the output folder to a file elsewhere is not followed.
    #[cfg(unix)]
    {
        let outside = tempfile::tempdir().unwrap();
        std::fs::write(outside.path().join("secret.txt"), "mot de passe").unwrap();
        let dist = dir.path().join("dist");
        std::os::unix::fs::symlink(outside.path().join("secret.txt"), dist.join("secret.txt"))
            .unwrap();
        std::os::unix::fs::symlink(outside.path(), dist.join("ailleurs")).unwrap();
        for path in ["/secret.txt", "/ailleurs/secret.txt"] {
            let (status, _, body) = server.get(path);
            assert_eq!(status, 404, "{path}");
            assert!(!body.contains("mot de passe"));
        }
    }
}

#[test]
fn serve_bounds_held_connections_and_answers_again_once_they_go() {
    let dir = minimal_site();
    let bound = 4;
    let server = Server::start_with(
        dir.path(),
        &["--max-connections", "4", "--request-timeout-ms", "120000"],
    );
    // Connections that send nothing and stay open take every place.
    let held: Vec<TcpStream> = (0..bound)
        .map(|_| TcpStream::connect(("127.0.0.1", server.port)).unwrap())
        .collect();
    // Each one beyond the bound is refused at once with 503, never left hanging; once the places are
    // taken (the server counts a connection when it accepts it), every extra one is refused.
    let mut refused = 0;
    for _ in 0..(bound * 10) {
        let mut extra = TcpStream::connect(("127.0.0.1", server.port)).unwrap();
        extra
            .set_read_timeout(Some(Duration::from_secs(30)))
            .unwrap();
        let mut answer = String::new();
        extra.read_to_string(&mut answer).unwrap();
        assert!(answer.starts_with("HTTP/1.1 503 "), "{answer}");
        assert!(answer.contains("Trop de connexions"), "{answer}");
        refused += 1;
    }
    assert_eq!(refused, bound * 10);
    // The held connections close: the server answers pages again.
    drop(held);
    let started = Instant::now();
    loop {
        let answer = raw(
            server.port,
            &format!("GET / HTTP/1.1\r\nHost: localhost:{}\r\n\r\n", server.port),
        );
        if answer.starts_with("HTTP/1.1 200 ") {
            break;
        }
        assert!(answer.starts_with("HTTP/1.1 503 "), "{answer}");
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "places never freed"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn a_trickling_request_is_cut_at_its_deadline() {
    let dir = minimal_site();
    let server = Server::start_with(dir.path(), &["--request-timeout-ms", "1000"]);
    let mut stream = TcpStream::connect(("127.0.0.1", server.port)).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_millis(100)))
        .unwrap();
    stream.write_all(b"GET / HTTP/1.1\r\nX-Lent: ").unwrap();
    // One byte every 100 ms, well within any per-read timeout: only a deadline for the whole request
    // ends this. The loop gives up by itself after 600 bytes (a minute), which fails the test.
    let mut answer = Vec::new();
    let mut closed = false;
    for _ in 0..600 {
        if stream.write_all(b"a").is_err() {
            closed = true;
            break;
        }
        let mut buf = [0; 1024];
        match stream.read(&mut buf) {
            Ok(0) => {
                closed = true;
                break;
            }
            Ok(n) => answer.extend_from_slice(&buf[..n]),
            Err(e)
                if matches!(
                    e.kind(),
                    std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                ) => {}
            Err(_) => {
                closed = true;
                break;
            }
        }
    }
    assert!(closed, "the trickling connection was never closed");
    // The 408 answer may be cut short by the reset that our next byte provokes once the server has
    // closed: what arrived is then a beginning of it.
    let answer = String::from_utf8_lossy(&answer);
    let expected = "HTTP/1.1 408 ";
    assert!(
        answer.starts_with(expected) || expected.starts_with(&*answer),
        "{answer}"
    );
    // The server still answers.
    assert_eq!(server.get("/").0, 200);
}

/// The status the pages read, once `until` holds for it.
fn status_until(server: &Server, until: impl Fn(&str) -> bool) -> String {
    server.wait_for("/__explor/status", until)
}

#[test]
fn a_runaway_template_never_stops_serve() {
    let dir = minimal_site();
    let server = Server::start_with(
        dir.path(),
        &["--build-timeout", "10", "--build-memory", "256"],
    );
    let page = dir.path().join("templates/page.html");
    let original = std::fs::read_to_string(&page).unwrap();
    let (_, _, charter) = server.get("/charte/");
    let with = |inside: &str| original.replacen("<h1>{{ page.title }}</h1>", inside, 1);
    let faults = [
        // A macro that calls itself without end: a stack overflow, which aborts any process.
        (
            with("<h1>{{ b::encore(n=1) }}</h1>").replacen(
                "{% extends \"base.html\" %}",
                "{% extends \"base.html\" %}\n{% import \"boucle.html\" as b %}",
                1,
            ),
            "s’appelle lui-même sans fin",
        ),
        // A list of four billion numbers: the memory limit stops it.
        (
            with("{% for i in range(end=4000000000) %}{% endfor %}"),
            "dépassé la mémoire permise (256 Mio)",
        ),
        // Ten billion turns of an empty loop: the time limit stops it.
        (
            with("{% for i in range(end=100000) %}{% for j in range(end=100000) %}{% endfor %}{% endfor %}"),
            "n’a pas fini en 10 s",
        ),
    ];
    std::fs::write(
        dir.path().join("templates/boucle.html"),
        "{% macro encore(n) %}{{ self::encore(n=n+1) }}{% endmacro encore %}",
    )
    .unwrap();
    for (template, said) in faults {
        std::fs::write(&page, &template).unwrap();
        let status = status_until(&server, |s| s.contains(said));
        assert!(
            status.contains("corrigez") || status.contains("Corrigez"),
            "{status}"
        );
        // The server is alive and still serves the last good site.
        let (code, _, now) = server.get("/charte/");
        assert_eq!(code, 200);
        assert_eq!(now, charter);
        // Back to a good template before the next fault, so that each fault is seen on its own.
        std::fs::write(&page, &original).unwrap();
        status_until(&server, |s| s.contains("\"error\":null"));
    }
    let (code, _, _) = server.get("/");
    assert_eq!(code, 200);
}

#[test]
fn serve_never_registers_the_service_worker_and_answers_its_address_with_one_that_leaves() {
    let project = real_project::real_pages_with_the_frozen_edition();
    let server = Server::start(project.path());
    let (status, _, form) = server.get("/candidature/");
    assert_eq!(status, 200);
    assert!(!form.contains(generator::offline::REGISTER_MARK), "{form}");
    assert!(
        !form.contains("/offline."),
        "the registration script is gone"
    );
    // The build under the preview wrote the real page and worker; the preview serves neither.
    let out = project.path().join("dist");
    let page = std::fs::read_to_string(out.join("candidature/index.html")).unwrap();
    assert!(
        page.contains(generator::offline::REGISTER_MARK),
        "the built page registers it"
    );
    let built = std::fs::read_to_string(out.join(generator::offline::WORKER_FILE)).unwrap();
    assert!(built.contains("PRECACHE"), "{built}");
    let (status, mime, worker) = server.get("/service-worker.js");
    assert_eq!(status, 200);
    assert_eq!(mime, "text/javascript; charset=utf-8");
    assert_eq!(worker, generator::offline::UNREGISTER_WORKER);
    assert!(
        worker.contains("self.registration.unregister()"),
        "{worker}"
    );
    assert!(!worker.contains("\"fetch\""), "it intercepts nothing");
}
