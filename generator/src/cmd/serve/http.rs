//! The preview's HTTP side, in plain `std`: a bounded number of connections, each with a deadline for
//! its whole request and response, answering only to this machine's own names, serving files of the
//! output folder and nothing outside it, streamed rather than read whole.
//!
//! Held connections: at most `max_connections` are served at once (the live-reload streams, one per
//! open tab, included); the next ones get `503` at once and are closed, so no number of idle or
//! trickling clients can exhaust the threads. A request must arrive and its answer be sent before
//! its deadline, however slowly the bytes trickle; only the event stream, which is meant to last,
//! has none (it is dropped when a write to it fails).

use std::io::{self, BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Component, Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

/// How the server treats connections.
#[derive(Debug, Clone, Copy)]
pub struct Policy {
    pub port: u16,
    pub max_connections: usize,
    /// For reading a whole request and writing its whole answer.
    pub deadline: Duration,
}

/// The longest request head read (request line and headers).
const MAX_HEAD: u64 = 16 * 1024;
/// HTML pages up to this size get the reload script; larger files are streamed as they are.
const MAX_INJECTED: u64 = 8 * 1024 * 1024;
/// How long a write to the event stream may wait for the browser.
pub const STREAM_WRITE_TIMEOUT: Duration = Duration::from_secs(10);

/// The number of connections being served, and the bound.
struct Slots {
    used: Mutex<usize>,
    max: usize,
}

/// One connection's place, given back when dropped.
struct Slot(Arc<Slots>);

impl Slots {
    fn take(slots: &Arc<Slots>) -> Option<Slot> {
        let mut used = slots.used.lock().unwrap_or_else(|e| e.into_inner());
        (*used < slots.max).then(|| {
            *used += 1;
            Slot(Arc::clone(slots))
        })
    }
}

impl Drop for Slot {
    fn drop(&mut self) {
        *self.0.used.lock().unwrap_or_else(|e| e.into_inner()) -= 1;
    }
}

/// What answers a request once it is read and found to be for this server.
pub trait Site: Send + Sync + 'static {
    /// Answers `request` on `stream` (which may be kept open with [`Conn::keep_open`]).
    fn answer(&self, stream: &mut Conn, request: &Request) -> io::Result<()>;
}

/// Accepts connections for ever, each served by its own thread while a slot is free.
pub fn serve(listener: &TcpListener, policy: Policy, site: Arc<dyn Site>) {
    let slots = Arc::new(Slots {
        used: Mutex::new(0),
        max: policy.max_connections.max(1),
    });
    loop {
        let stream = match listener.accept() {
            Ok((stream, _)) => stream,
            // Out of file descriptors, for instance: wait a little instead of spinning.
            Err(_) => {
                thread::sleep(Duration::from_millis(20));
                continue;
            }
        };
        let Some(slot) = Slots::take(&slots) else {
            refuse_busy(stream);
            continue;
        };
        let site = Arc::clone(&site);
        // A thread that cannot start drops the connection (and its slot): the client may retry.
        let _ = thread::Builder::new().spawn(move || {
            let _slot = slot;
            let _ = handle(stream, policy, site.as_ref());
        });
    }
}

/// The answer to a connection beyond the bound, written at once without waiting for the client.
fn refuse_busy(mut stream: TcpStream) {
    let _ = stream.set_nonblocking(true);
    // Whatever the client already sent is read, so that closing does not reset the connection
    // before the answer is read.
    let _ = stream.read(&mut [0; 4096]);
    let _ = stream.set_nonblocking(false);
    let _ = stream.set_write_timeout(Some(Duration::from_millis(200)));
    let body = "Trop de connexions ouvertes vers l’aperçu ; réessayez dans un instant.";
    let _ = write!(
        stream,
        "HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: {}\r\nRetry-After: 1\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
}

/// A connection, whose reads and writes all end by its deadline.
pub struct Conn {
    stream: TcpStream,
    deadline: Option<Instant>,
}

impl Conn {
    /// No deadline from now on (the event stream); each write may still wait only so long.
    pub fn keep_open(&mut self) -> io::Result<()> {
        self.deadline = None;
        self.stream.set_write_timeout(Some(STREAM_WRITE_TIMEOUT))
    }

    /// The time left, set as the socket's timeout for the next operation.
    fn arm(&self, write: bool) -> io::Result<()> {
        let Some(deadline) = self.deadline else {
            return Ok(());
        };
        let left = deadline
            .checked_duration_since(Instant::now())
            .filter(|d| !d.is_zero())
            .ok_or_else(|| io::Error::new(io::ErrorKind::TimedOut, "deadline passed"))?;
        if write {
            self.stream.set_write_timeout(Some(left))
        } else {
            self.stream.set_read_timeout(Some(left))
        }
    }
}

impl Read for Conn {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        self.arm(false)?;
        self.stream.read(buf)
    }
}

impl Write for Conn {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.arm(true)?;
        self.stream.write(buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.stream.flush()
    }
}

/// A request the preview answers: `GET` or `HEAD`, its decoded path.
pub struct Request {
    pub head_only: bool,
    pub path: String,
}

/// Why a request is not answered by the site.
enum Refusal {
    Method,
    Host,
    Malformed,
}

fn handle(stream: TcpStream, policy: Policy, site: &dyn Site) -> io::Result<()> {
    let mut conn = Conn {
        stream,
        deadline: Some(Instant::now() + policy.deadline),
    };
    let head = match read_head(&mut conn) {
        Ok(head) => head,
        Err(err) => {
            if matches!(
                err.kind(),
                io::ErrorKind::TimedOut | io::ErrorKind::WouldBlock
            ) {
                // Past the deadline the answer gets one short moment of its own.
                conn.deadline = Some(Instant::now() + Duration::from_millis(200));
                let _ = respond(
                    &mut conn,
                    408,
                    TEXT,
                    "Requête trop lente.".as_bytes(),
                    false,
                );
            }
            return Err(err);
        }
    };
    match parse(&head, policy.port) {
        Ok(request) => site.answer(&mut conn, &request),
        Err(refusal) => {
            let (status, body) = match refusal {
                Refusal::Method => (405, "Seules les requêtes GET et HEAD sont servies.".to_owned()),
                Refusal::Malformed => (400, "Requête mal formée.".to_owned()),
                Refusal::Host => (421, format!(
                    "Cet aperçu ne répond qu’aux adresses http://127.0.0.1:{0}/ et http://localhost:{0}/ de cette machine.",
                    policy.port
                )),
            };
            respond(&mut conn, status, TEXT, body.as_bytes(), false)
        }
    }
}

const TEXT: &str = "text/plain; charset=utf-8";

/// The request line and headers, up to the blank line that ends them.
fn read_head(conn: &mut Conn) -> io::Result<Vec<String>> {
    let mut reader = BufReader::new(conn.take(MAX_HEAD));
    let mut lines = Vec::new();
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line)? == 0 {
            return Err(io::Error::new(
                io::ErrorKind::UnexpectedEof,
                "request cut short",
            ));
        }
        let line = line.trim_end_matches(['\r', '\n']).to_owned();
        if line.is_empty() {
            return Ok(lines);
        }
        lines.push(line);
    }
}

fn parse(head: &[String], port: u16) -> Result<Request, Refusal> {
    let mut parts = head.first().ok_or(Refusal::Malformed)?.split_whitespace();
    let method = parts.next().unwrap_or_default();
    let target = parts.next().unwrap_or_default();
    let host = head[1..].iter().find_map(|line| {
        let (name, value) = line.split_once(':')?;
        name.trim()
            .eq_ignore_ascii_case("host")
            .then(|| value.trim())
    });
    if !host.is_some_and(|host| is_own_host(host, port)) {
        return Err(Refusal::Host);
    }
    if !matches!(method, "GET" | "HEAD") {
        return Err(Refusal::Method);
    }
    if !target.starts_with('/') {
        return Err(Refusal::Malformed);
    }
    let path = target.split(['?', '#']).next().unwrap_or("/");
    Ok(Request {
        head_only: method == "HEAD",
        path: crate::links::percent_decode(path),
    })
}

/// Whether `host` (a `Host` header) names this machine and this port. Any other name is refused:
/// a page of another site whose name was made to point at 127.0.0.1 (DNS rebinding) sends its own.
pub fn is_own_host(host: &str, port: u16) -> bool {
    let (name, given_port) = match host.rsplit_once(':') {
        Some((name, p)) if !p.contains(']') => (name, p.parse::<u16>().ok()),
        _ => (host, Some(80)),
    };
    let name = name.to_ascii_lowercase();
    matches!(name.as_str(), "localhost" | "127.0.0.1" | "[::1]") && given_port == Some(port)
}

/// Writes a whole answer of known body.
pub fn respond(
    conn: &mut Conn,
    status: u16,
    mime: &str,
    body: &[u8],
    head_only: bool,
) -> io::Result<()> {
    write_head(conn, status, mime, body.len() as u64)?;
    if !head_only {
        conn.write_all(body)?;
    }
    conn.flush()
}

fn write_head(conn: &mut Conn, status: u16, mime: &str, length: u64) -> io::Result<()> {
    let reason = match status {
        200 => "OK",
        400 => "Bad Request",
        404 => "Not Found",
        405 => "Method Not Allowed",
        408 => "Request Timeout",
        421 => "Misdirected Request",
        _ => "Error",
    };
    write!(
        conn,
        "HTTP/1.1 {status} {reason}\r\nContent-Type: {mime}\r\nContent-Length: {length}\r\nCache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n"
    )
}

/// Answers a file of `out` (or its `404.html`), HTML pages with `inject` applied to them.
pub fn serve_file(
    conn: &mut Conn,
    out: &Path,
    request: &Request,
    inject: impl Fn(Vec<u8>) -> Vec<u8>,
) -> io::Result<()> {
    let (status, file) = match resolve(out, &request.path) {
        Some(file) => (200, file),
        None => match resolve(out, "/404.html") {
            Some(page) => (404, page),
            None => {
                let body = b"Page introuvable";
                return respond(conn, 404, TEXT, body, request.head_only);
            }
        },
    };
    let mime = super::mime_type(&file);
    let mut opened = std::fs::File::open(&file)?;
    let length = opened.metadata()?.len();
    if mime.starts_with("text/html") && length <= MAX_INJECTED {
        let mut bytes = Vec::new();
        opened.read_to_end(&mut bytes)?;
        return respond(conn, status, mime, &inject(bytes), request.head_only);
    }
    write_head(conn, status, mime, length)?;
    if !request.head_only {
        // Streamed in small pieces: a slow client on a large file costs a buffer, not the file.
        io::copy(&mut opened.take(length), conn)?;
    }
    conn.flush()
}

/// Maps a URL path to a file of `out`, refusing anything that would leave it: `..` in the path, and
/// links (in `out`) that lead outside it, found by comparing the real paths.
pub fn resolve(out: &Path, path: &str) -> Option<PathBuf> {
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
    let root = out.canonicalize().ok()?;
    let real = file.canonicalize().ok()?;
    (real.starts_with(&root) && real.is_file()).then_some(real)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_this_machine_and_this_port_are_answered() {
        for host in [
            "localhost:8000",
            "127.0.0.1:8000",
            "[::1]:8000",
            "LocalHost:8000",
        ] {
            assert!(is_own_host(host, 8000), "{host}");
        }
        for host in [
            "evil.example:8000",
            "localhost.evil.example:8000",
            "127.0.0.1:8001",
            "localhost",
            "127.0.0.2:8000",
            "[::1]",
            "",
        ] {
            assert!(!is_own_host(host, 8000), "{host}");
        }
        assert!(is_own_host("localhost", 80));
    }

    #[test]
    fn a_request_without_our_host_is_refused_before_anything_else() {
        let head = |lines: &[&str]| lines.iter().map(|l| (*l).to_owned()).collect::<Vec<_>>();
        assert!(matches!(
            parse(
                &head(&["GET / HTTP/1.1", "Host: rebound.example:8000"]),
                8000
            ),
            Err(Refusal::Host)
        ));
        assert!(matches!(
            parse(&head(&["GET / HTTP/1.0"]), 8000),
            Err(Refusal::Host)
        ));
        assert!(matches!(
            parse(&head(&["POST / HTTP/1.1", "host: localhost:8000"]), 8000),
            Err(Refusal::Method)
        ));
        let ok = parse(
            &head(&["HEAD /a%20b/?x HTTP/1.1", "HOST: 127.0.0.1:8000"]),
            8000,
        );
        assert!(matches!(ok, Ok(Request { head_only: true, ref path }) if path == "/a b/"));
    }

    #[test]
    fn resolve_refuses_to_leave_the_output() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("index.html"), "x").unwrap();
        assert!(resolve(dir.path(), "/").is_some());
        assert!(resolve(dir.path(), "/../Cargo.toml").is_none());
        assert!(resolve(dir.path(), "/a/../../etc/passwd").is_none());
    }

    #[cfg(unix)]
    #[test]
    fn links_out_of_the_output_are_not_followed() {
        let outside = tempfile::tempdir().unwrap();
        std::fs::write(outside.path().join("secret.txt"), "secret").unwrap();
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("dist");
        std::fs::create_dir_all(out.join("inner")).unwrap();
        std::fs::write(out.join("inner/page.txt"), "ok").unwrap();
        std::os::unix::fs::symlink(outside.path().join("secret.txt"), out.join("leak.txt"))
            .unwrap();
        std::os::unix::fs::symlink(outside.path(), out.join("door")).unwrap();
        std::os::unix::fs::symlink(out.join("inner/page.txt"), out.join("alias.txt")).unwrap();
        assert!(resolve(&out, "/leak.txt").is_none());
        assert!(resolve(&out, "/door/secret.txt").is_none());
        assert!(resolve(&out, "/alias.txt").is_some());
    }
}
