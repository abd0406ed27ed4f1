//! `explor check` never destroys or pollutes what it judges, never blocks on a special file, never
//! skips a file in silence, and never lets a dossier drive a terminal or reorder a report's text
//! (issue 13, points 2, 10 and 13).

mod check_support;

use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use check_support::*;

/// Runs `explor check <args>` in `dir`, with the tests' frozen edition (not `content/`, which moves on
/// every year).
fn check_in(dir: &Path, args: &[&str]) -> Output {
    let content = repo_root().join(FROZEN_EDITION);
    Command::new(env!("CARGO_BIN_EXE_explor"))
        .arg("check")
        .args(["--content", content.to_str().unwrap(), "--today", ON_TIME])
        .args(args)
        .current_dir(dir)
        .output()
        .expect("the explor binary runs")
}

fn complete_bytes() -> Vec<u8> {
    std::fs::read(repo_root().join(FIXTURES).join("complete.json")).unwrap()
}

/// Asserts a refusal of `--output`: exit 2, one French line that says why, nothing on stdout.
fn assert_refused(output: &Output, why: &str) {
    assert_eq!(code(output), 2, "{}", stderr(output));
    assert_eq!(output.stdout, b"");
    let message = stderr(output);
    assert!(
        message.starts_with("explor check\u{a0}: le rapport ne peut pas être écrit dans «\u{a0}"),
        "{message}"
    );
    assert!(message.contains(why), "{message}");
}

#[test]
fn an_output_that_is_an_input_is_refused_and_the_dossier_kept() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("recus")).unwrap();
    std::fs::write(dir.path().join("recus/d.json"), complete_bytes()).unwrap();
    std::fs::hard_link(
        dir.path().join("recus/d.json"),
        dir.path().join("lien.json"),
    )
    .unwrap();
    let spellings = [
        ("recus/d.json", "recus/d.json"),
        ("recus/./d.json", "recus/d.json"),
        ("recus/../recus/d.json", "recus/d.json"),
        ("lien.json", "recus/d.json"),
        ("recus/d.json", "recus"),
    ];
    for (output, input) in spellings {
        let run = check_in(dir.path(), &["--format", "csv", "--output", output, input]);
        assert_refused(&run, "c’est aussi un des fichiers à vérifier");
        assert_eq!(
            std::fs::read(dir.path().join("recus/d.json")).unwrap(),
            complete_bytes(),
            "--output {output} {input}"
        );
    }
}

#[test]
fn a_json_report_is_never_written_among_the_dossiers_it_judges() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("recus")).unwrap();
    std::fs::write(dir.path().join("recus/d.json"), complete_bytes()).unwrap();
    for output in ["recus/rapport.json", "./recus/RAPPORT.JSON"] {
        let run = check_in(
            dir.path(),
            &["--format", "json", "--output", output, "recus/"],
        );
        assert_refused(
            &run,
            "la prochaine vérification le lirait comme un dossier reçu",
        );
    }
    assert_eq!(
        std::fs::read_dir(dir.path().join("recus")).unwrap().count(),
        1
    );
    // A report the folder scan does not read may go there, and the next run is unchanged.
    let run = check_in(
        dir.path(),
        &["--format", "csv", "--output", "recus/rapport.csv", "recus"],
    );
    assert_eq!(code(&run), 0, "{}", stderr(&run));
    let again = check_in(dir.path(), &["--format", "json", "recus"]);
    assert_eq!(code(&again), 0, "{}", stderr(&again));
    // Beside the folder is fine too.
    let beside = check_in(
        dir.path(),
        &["--format", "json", "--output", "rapport.json", "recus"],
    );
    assert_eq!(code(&beside), 0, "{}", stderr(&beside));
}

#[cfg(unix)]
#[test]
fn a_symbolic_link_or_a_special_file_is_never_replaced_by_a_report() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().join("d.json");
    std::fs::write(&d, complete_bytes()).unwrap();
    std::fs::write(dir.path().join("cible.txt"), "à garder").unwrap();
    std::os::unix::fs::symlink("cible.txt", dir.path().join("lien.txt")).unwrap();
    let run = check_in(dir.path(), &["--output", "lien.txt", "d.json"]);
    assert_refused(&run, "c’est un lien symbolique");
    assert!(dir.path().join("lien.txt").is_symlink());
    assert_eq!(
        std::fs::read_to_string(dir.path().join("cible.txt")).unwrap(),
        "à garder"
    );

    mkfifo(&dir.path().join("tube"));
    std::fs::create_dir(dir.path().join("dossier")).unwrap();
    for special in ["tube", "dossier", "/dev/null"] {
        let run = check_in(dir.path(), &["--output", special, "d.json"]);
        assert_refused(&run, "ce n’est pas un fichier ordinaire");
    }
    assert!(Path::new("/dev/null").exists());
}

#[cfg(unix)]
fn mkfifo(path: &Path) {
    use std::os::unix::ffi::OsStrExt;
    let name = std::ffi::CString::new(path.as_os_str().as_bytes()).unwrap();
    // SAFETY: `name` is a valid NUL-terminated path that outlives the call.
    assert_eq!(unsafe { libc::mkfifo(name.as_ptr(), 0o600) }, 0, "mkfifo");
}

/// Runs `explor check` in `dir` and waits for it to end; a run still going after 60 s is killed
/// and fails the test (a named pipe would otherwise block it, and the test, forever).
#[cfg(unix)]
fn check_ending(dir: &Path, args: &[&str]) -> Output {
    let content = repo_root().join(FROZEN_EDITION);
    let mut child = Command::new(env!("CARGO_BIN_EXE_explor"))
        .arg("check")
        .args(["--content", content.to_str().unwrap(), "--today", ON_TIME])
        .args(args)
        .current_dir(dir)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let started = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if started.elapsed() > Duration::from_secs(60) {
            child.kill().unwrap();
            panic!("explor check is blocked");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    child.wait_with_output().unwrap()
}

#[cfg(unix)]
#[test]
fn a_named_pipe_on_the_command_line_is_refused_without_blocking() {
    let dir = tempfile::tempdir().unwrap();
    mkfifo(&dir.path().join("tube.json"));
    std::fs::write(dir.path().join("d.json"), complete_bytes()).unwrap();
    let run = check_ending(dir.path(), &["--format", "json", "tube.json", "d.json"]);
    assert_eq!(code(&run), 2, "{}", stderr(&run));
    let entries: serde_json::Value = serde_json::from_slice(&run.stdout).unwrap();
    assert_eq!(entries[0]["file"], "tube.json");
    let error = entries[0]["error"].as_str().unwrap();
    assert!(
        error.starts_with("Ce n’est pas un fichier ordinaire"),
        "{error}"
    );
    assert_eq!(
        entries[1]["report"]["complete"], true,
        "the next file is judged"
    );
    // With a report file that already exists, comparing it with the inputs never opens the pipe.
    std::fs::write(dir.path().join("rapport.csv"), "ancien").unwrap();
    let run = check_ending(
        dir.path(),
        &[
            "--format",
            "csv",
            "--output",
            "rapport.csv",
            "tube.json",
            "d.json",
        ],
    );
    assert_eq!(code(&run), 2, "{}", stderr(&run));
}

#[cfg(unix)]
#[test]
fn entries_of_a_folder_that_cannot_be_read_are_listed_with_their_reason() {
    let dir = tempfile::tempdir().unwrap();
    let recus = dir.path().join("recus");
    std::fs::create_dir(&recus).unwrap();
    std::fs::write(recus.join("b-bon.json"), complete_bytes()).unwrap();
    mkfifo(&recus.join("a-tube.json"));
    std::os::unix::fs::symlink("absent.json", recus.join("c-lien.json")).unwrap();
    std::fs::write(recus.join("notes.txt"), "pas un dossier").unwrap();
    let run = check_ending(dir.path(), &["--format", "json", "recus"]);
    assert_eq!(code(&run), 2, "{}", stderr(&run));
    let entries: serde_json::Value = serde_json::from_slice(&run.stdout).unwrap();
    let entries = entries.as_array().unwrap();
    let files: Vec<&str> = entries
        .iter()
        .map(|e| e["file"].as_str().unwrap())
        .collect();
    assert_eq!(
        files,
        ["recus/a-tube.json", "recus/b-bon.json", "recus/c-lien.json"]
    );
    assert!(entries[0]["error"]
        .as_str()
        .unwrap()
        .starts_with("Ce n’est pas un fichier ordinaire"));
    assert_eq!(entries[1]["report"]["complete"], true);
    assert!(entries[2]["error"]
        .as_str()
        .unwrap()
        .starts_with("Ce lien symbolique mène à un fichier introuvable"));
    let text = check_ending(dir.path(), &["recus"]);
    assert!(stdout(&text).contains(
        "Bilan\u{a0}: 3\u{a0}dossiers, 1\u{a0}complet, 0\u{a0}avec erreurs, 2\u{a0}illisibles."
    ));
}

/// A dossier whose texts carry escape sequences, a bell, a NUL and a right-to-left override, in a
/// file whose name does too.
fn hostile_dossier(dir: &Path) -> String {
    let mut dossier = complete_dossier();
    dossier["applicant"]["name"] = "Asso\u{1b}[2J\u{7}\u{0}\u{202e}fdp.exe".into();
    dossier["applicant"]["address"]["city"] = "=\u{202e}Lille\u{1b}]0;titre\u{7}\u{9b}".into();
    write_json(dir, "recu\u{1b}[31m\u{202e}.json", &dossier)
}

const RAW: [char; 5] = ['\u{1b}', '\u{7}', '\u{0}', '\u{202e}', '\u{9b}'];

#[test]
fn control_and_bidi_characters_never_reach_a_report_raw() {
    let dir = tempfile::tempdir().unwrap();
    let file = hostile_dossier(dir.path());
    for format in ["text", "csv", "html", "json"] {
        let run = check(&["--today", ON_TIME, "--format", format, &file]);
        assert_eq!(code(&run), 0, "{format}: {}", stderr(&run));
        let out = stdout(&run);
        for c in RAW {
            assert!(
                !out.contains(c),
                "{format} passes U+{:04X} through",
                u32::from(c)
            );
        }
        if format != "json" {
            assert!(
                out.contains("Asso␛[2J␇␀\u{fffd}fdp.exe"),
                "{format}:\n{out}"
            );
            assert!(out.contains("recu␛[31m\u{fffd}.json"), "{format}:\n{out}");
        }
    }
    let csv = stdout(&check(&["--today", ON_TIME, "--format", "csv", &file]));
    assert!(
        csv.contains(";\"'=\u{fffd}Lille␛]0;titre␇\u{fffd}\";"),
        "still inert as a formula:\n{csv}"
    );
    let html = stdout(&check(&["--today", ON_TIME, "--format", "html", &file]));
    assert!(
        html.contains("<td><bdi>Asso␛[2J␇␀\u{fffd}fdp.exe</bdi></td>"),
        "{html}"
    );
    // JSON keeps the data: the escapes read back to the very characters sent.
    let (_, entries) = json_report(ON_TIME, &[&file]);
    assert_eq!(
        entries[0]["summary"]["association"],
        "Asso\u{1b}[2J\u{7}\u{0}\u{202e}fdp.exe"
    );
}
