//! `explor check` reads at most one byte more than the largest dossier, whatever the file's size:
//! a 50 MB file is refused by its size without being read whole. The measure is the peak memory of
//! the child processes, so this file holds a single test (its process starts no other child).

mod check_support;

use std::io::Write;

use check_support::*;

/// Largest peak memory of the waited-for children of this process, in kibibytes (Linux: `ru_maxrss`).
fn children_peak_kib() -> i64 {
    // SAFETY: getrusage only writes the struct it is given, which is zeroed and owned here.
    let usage = unsafe {
        let mut usage: libc::rusage = std::mem::zeroed();
        assert_eq!(libc::getrusage(libc::RUSAGE_CHILDREN, &mut usage), 0);
        usage
    };
    usage.ru_maxrss
}

#[test]
fn a_50_mb_file_costs_no_more_memory_than_a_small_one() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("enorme.json");
    // Written in pieces: the children's peak counts this process's own memory at the time it starts
    // them (the child shares it until it runs the program), so the test must stay small itself.
    let mut file = std::io::BufWriter::new(std::fs::File::create(&path).unwrap());
    file.write_all(br#"{"format": "explor-dossier", "version": 1, "applicant": {"name": ""#)
        .unwrap();
    let piece = [b'a'; 64 * 1024];
    for _ in 0..800 {
        file.write_all(&piece).unwrap();
    }
    file.write_all(b"\"}}").unwrap();
    file.flush().unwrap();
    drop(file);
    let size = std::fs::metadata(&path).unwrap().len();
    assert!(size > 50 * 1024 * 1024);

    let output = check(&["--today", ON_TIME, path.to_str().unwrap()]);
    assert_eq!(code(&output), 2);
    assert!(
        stdout(&output).contains("il fait 52\u{202f}428\u{202f}869 octets"),
        "{size}"
    );
    let peak_mib = children_peak_kib() / 1024;
    // The program itself needs some 15 MiB; reading the file whole would need 50 MiB more.
    assert!(
        peak_mib < 40,
        "explor check peaked at {peak_mib} MiB on a 50 MiB file"
    );
}
