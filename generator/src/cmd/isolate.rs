//! A build in a child process of its own, so that a faulty template cannot take down what started it:
//! a macro that calls itself without end (stack overflow), loops that never finish, a `range()` that
//! fills the memory. The child is this same program (`explor build`, told by [`CHILD_ENV`] that it is
//! the child); it is stopped past a time limit, on every system (polling `Child::try_wait`, then
//! `Child::kill`), and its memory is limited where the system allows it (`setrlimit` on Unix; Windows
//! has no such per-process limit in the standard library, so there the time limit is the only guard).
//! Whatever happens to the child is told in French.

use std::io::Read;
use std::path::Path;
use std::process::{Child, Command, ExitStatus, Stdio};
use std::thread;
use std::time::{Duration, Instant};

use crate::build::{BuildArgs, Summary};

/// Set in the child's environment to its memory limit in bytes (`0`: none): `explor build` then
/// builds in its own process and reports with [`child_report`] instead of starting a child itself.
pub const CHILD_ENV: &str = "EXPLOR_BUILD_CHILD";
/// The child's first line on standard output when the build succeeded.
const REPORT_PREFIX: &str = "explor-build-child ";
/// After it, one line per warning of the build (see [`Summary::warnings`]).
const WARNING_PREFIX: &str = "explor-build-child-warning ";
/// How much of each of the child's outputs is kept (a build error is a few lines; the summary comes
/// first on standard output, before the warnings).
const OUTPUT_KEPT: u64 = 64 * 1024;
/// How often a running child is looked at.
const POLL: Duration = Duration::from_millis(20);

/// Memory limit by default: far above what a real site needs (about 100 Mio), far below a machine's.
pub const DEFAULT_MEMORY_MB: u64 = 2048;

/// What a child build may use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Stopped past this long; `None`: no limit (`explor build`, which the user can interrupt).
    pub time: Option<Duration>,
    /// In mebibytes; `0`: no limit.
    pub memory_mb: u64,
}

/// Builds `args` in a child process; the error is a French sentence saying what happened.
pub fn build_in_child(args: &BuildArgs, limits: Limits) -> Result<Summary, String> {
    let exe = std::env::current_exe().map_err(|e| {
        format!("impossible de lancer la construction : le programme explor est introuvable ({e}).")
    })?;
    let mut child = child_command(&exe, args, limits)
        .spawn()
        .map_err(|e| format!("impossible de lancer la construction ({e})."))?;
    let stdout = drain(child.stdout.take());
    let stderr = drain(child.stderr.take());
    let status = wait(&mut child, limits.time);
    let stdout = stdout.join().unwrap_or_default();
    let stderr = stderr.join().unwrap_or_default();
    match status {
        Some(status) => judge(status, &stdout, &stderr, limits),
        None => Err(timed_out(limits.time.unwrap_or_default())),
    }
}

fn child_command(exe: &Path, args: &BuildArgs, limits: Limits) -> Command {
    let mut command = Command::new(exe);
    command.arg("build").arg("--root").arg(&args.root);
    if let Some(out) = &args.out {
        command.arg("--out").arg(out);
    }
    if let Some(base) = &args.base_url {
        command.arg("--base-url").arg(base);
    }
    if args.no_wasm {
        command.arg("--no-wasm");
    }
    let bytes = limits.memory_mb.saturating_mul(1024 * 1024);
    command
        .env(CHILD_ENV, bytes.to_string())
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    command
}

/// Reads a pipe to its end in a thread (so the child never blocks on a full pipe), keeping the start.
fn drain(pipe: Option<impl Read + Send + 'static>) -> thread::JoinHandle<String> {
    thread::spawn(move || {
        let mut kept = Vec::new();
        if let Some(mut pipe) = pipe {
            let _ = (&mut pipe).take(OUTPUT_KEPT).read_to_end(&mut kept);
            let _ = std::io::copy(&mut pipe, &mut std::io::sink());
        }
        String::from_utf8_lossy(&kept).into_owned()
    })
}

/// The child's exit status, or `None` if it ran past `limit` and was stopped.
fn wait(child: &mut Child, limit: Option<Duration>) -> Option<ExitStatus> {
    let Some(limit) = limit else {
        return child.wait().ok();
    };
    let started = Instant::now();
    loop {
        match child.try_wait() {
            Ok(Some(status)) => return Some(status),
            Ok(None) => {}
            Err(_) => return child.wait().ok(),
        }
        if started.elapsed() >= limit {
            let _ = child.kill();
            let _ = child.wait();
            return None;
        }
        thread::sleep(POLL);
    }
}

/// What the child's end means, in French.
fn judge(
    status: ExitStatus,
    stdout: &str,
    stderr: &str,
    limits: Limits,
) -> Result<Summary, String> {
    if status.success() {
        return read_child_output(stdout).ok_or_else(|| {
            crashed(
                status,
                "la construction n’a pas rendu compte de son travail",
            )
        });
    }
    if stderr.contains("has overflowed its stack") {
        return Err("la construction s’est arrêtée : un gabarit s’appelle lui-même sans fin (par exemple une macro qui s’appelle elle-même sans condition d’arrêt) et a épuisé la pile. Corrigez le gabarit modifié en dernier ; l’ancien site reste en place.".to_owned());
    }
    if stderr.contains("memory allocation of")
        || stderr.contains("capacity overflow")
        || killed_by_system(status)
    {
        return Err(format!(
            "la construction a dépassé la mémoire permise{} et a été arrêtée : un gabarit produit sans doute une liste démesurée (par exemple range(end=4000000000)). Corrigez le gabarit modifié en dernier ; l’ancien site reste en place.",
            match limits.memory_mb {
                0 => String::new(),
                mb => format!(" ({mb} Mio)"),
            }
        ));
    }
    if status.code() == Some(1) && !stderr.trim().is_empty() {
        return Err(stderr.trim().trim_start_matches("erreur : ").to_owned());
    }
    Err(crashed(status, stderr.trim()))
}

fn timed_out(limit: Duration) -> String {
    format!(
        "la construction n’a pas fini en {} s et a été arrêtée : un gabarit tourne sans doute sans fin (par exemple des boucles imbriquées sur de très grands range()). Corrigez le gabarit modifié en dernier ; l’ancien site reste en place.",
        limit.as_secs().max(1)
    )
}

fn crashed(status: ExitStatus, detail: &str) -> String {
    let last: Vec<&str> = detail.lines().rev().take(3).collect();
    let detail: Vec<&str> = last.into_iter().rev().collect();
    format!(
        "la construction s’est arrêtée brutalement ({status}){}. L’ancien site reste en place ; si cela se reproduit sans changement de votre part, signalez-le avec ce message.",
        if detail.is_empty() {
            String::new()
        } else {
            format!(" : {}", detail.join(" "))
        }
    )
}

/// A child killed by the system without being asked (Linux's out-of-memory killer sends SIGKILL).
#[cfg(unix)]
fn killed_by_system(status: ExitStatus) -> bool {
    use std::os::unix::process::ExitStatusExt;
    status.signal() == Some(libc::SIGKILL)
}

#[cfg(not(unix))]
fn killed_by_system(_: ExitStatus) -> bool {
    false
}

/// The child's report of a successful build, for its parent.
pub fn child_report(summary: &Summary) -> String {
    // The summary first: the parent keeps only the start of a long output (many warnings).
    let mut report = format!(
        "{REPORT_PREFIX}pages={} files={} bytes={} written={} removed={}",
        summary.pages, summary.files, summary.bytes, summary.written, summary.removed
    );
    for warning in &summary.warnings {
        // One line each: a warning never holds a line break that could end it early.
        report.push('\n');
        report.push_str(WARNING_PREFIX);
        report.push_str(&warning.replace(['\n', '\r'], " "));
    }
    report
}

/// The summary a successful child wrote ([`child_report`]), with its warnings.
fn read_child_output(stdout: &str) -> Option<Summary> {
    let warnings: Vec<String> = stdout
        .lines()
        .filter_map(|l| l.strip_prefix(WARNING_PREFIX))
        .map(str::to_owned)
        .collect();
    let summary = stdout
        .lines()
        .find_map(|l| l.strip_prefix(REPORT_PREFIX))
        .and_then(parse_report)?;
    Some(Summary {
        warnings,
        ..summary
    })
}

fn parse_report(text: &str) -> Option<Summary> {
    let mut values = text.split(' ').map(|part| {
        part.split_once('=')
            .and_then(|(_, v)| v.trim().parse::<usize>().ok())
    });
    Some(Summary {
        pages: values.next()??,
        files: values.next()??,
        bytes: values.next()??,
        written: values.next()??,
        removed: values.next()??,
        warnings: Vec::new(),
    })
}

/// In the child: limits its own memory to `bytes` (the soft limit only, which the kernel enforces on
/// every allocation; `0` leaves it alone). Linux counts the data the process writes (`RLIMIT_DATA`),
/// which is what a runaway template grows, while reserved address space (thread stacks, allocator
/// arenas, many on machines with many cores) is not; other Unix systems get `RLIMIT_AS`.
#[cfg(unix)]
pub fn limit_own_memory(bytes: u64) {
    if bytes == 0 {
        return;
    }
    #[cfg(any(target_os = "linux", target_os = "android"))]
    let resource = libc::RLIMIT_DATA;
    #[cfg(not(any(target_os = "linux", target_os = "android")))]
    let resource = libc::RLIMIT_AS;
    let mut limit = libc::rlimit {
        rlim_cur: 0,
        rlim_max: 0,
    };
    // SAFETY: getrlimit and setrlimit only read and write the struct passed, owned here.
    unsafe {
        if libc::getrlimit(resource, &mut limit) == 0 {
            let wanted = libc::rlim_t::try_from(bytes).unwrap_or(libc::RLIM_INFINITY);
            limit.rlim_cur = wanted.min(limit.rlim_max);
            libc::setrlimit(resource, &limit);
        }
    }
}

/// Windows: no memory limit from the standard library (a job object would need the Windows API);
/// the parent's time limit still stops a runaway build.
#[cfg(not(unix))]
pub fn limit_own_memory(_bytes: u64) {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_report_goes_both_ways() {
        let summary = Summary {
            pages: 7,
            files: 31,
            bytes: 123_456,
            written: 2,
            removed: 1,
            warnings: vec!["e.toml:3 : attention : a\nb".to_owned(), "c".to_owned()],
        };
        let report = child_report(&summary);
        let read = read_child_output(&format!("other output\n{report}\n")).unwrap();
        assert_eq!(read.warnings, ["e.toml:3 : attention : a b", "c"]);
        assert_eq!(
            (
                read.pages,
                read.files,
                read.bytes,
                read.written,
                read.removed
            ),
            (7, 31, 123_456, 2, 1)
        );
        let line = report.lines().next().unwrap();
        assert_eq!(
            parse_report(line.strip_prefix(REPORT_PREFIX).unwrap()),
            Some(Summary {
                warnings: Vec::new(),
                ..summary
            })
        );
        assert_eq!(parse_report("pages=x"), None);
        // A long output cut at what the parent keeps still holds the summary.
        let many = Summary {
            warnings: vec!["w".repeat(1000); 200],
            ..summary
        };
        let kept = &child_report(&many)[..OUTPUT_KEPT as usize];
        assert_eq!(read_child_output(kept).map(|s| s.pages), Some(7));
    }

    #[cfg(unix)]
    #[test]
    fn each_end_of_the_child_is_told_in_french() {
        use std::os::unix::process::ExitStatusExt;
        let limits = Limits {
            time: None,
            memory_mb: 256,
        };
        let abort = ExitStatus::from_raw(libc::SIGABRT);
        let err = |stderr: &str, status| judge(status, "", stderr, limits).unwrap_err();
        assert!(err(
            "\nthread 'main' has overflowed its stack\nfatal runtime error: stack overflow",
            abort
        )
        .contains("s’appelle lui-même sans fin"));
        assert!(
            err("memory allocation of 34359738368 bytes failed\n", abort)
                .contains("dépassé la mémoire permise (256 Mio)")
        );
        assert!(err("", ExitStatus::from_raw(libc::SIGKILL)).contains("mémoire"));
        assert_eq!(
            err(
                "erreur : templates/a.html:2 : filtre inconnu\n",
                ExitStatus::from_raw(1 << 8)
            ),
            "templates/a.html:2 : filtre inconnu"
        );
        assert!(err("boom", ExitStatus::from_raw(libc::SIGSEGV)).contains("brutalement"));
        assert!(timed_out(Duration::from_secs(120)).contains("n’a pas fini en 120 s"));
    }
}
