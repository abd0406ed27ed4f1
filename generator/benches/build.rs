//! Criterion benchmark of `explor build`: the real site (without compiling the form's WebAssembly), the
//! Markdown stage on the charter page, and, when `EXPLOR_BENCH_CORPUS` names a corpus made by
//! `scripts/bench/corpus.py` (its `explor/` folder, as an absolute path: benches run from `generator/`),
//! the build of that corpus.
//! Run with `cargo bench -p generator --bench build`.

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion};
use generator::build::{build, BuildArgs};

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// Building `root` into a fresh temporary folder each time, as `explor build --no-wasm` does.
fn bench_build(c: &mut Criterion, name: &str, root: &Path) {
    let scratch = tempfile::tempdir().expect("temporary folder");
    let out = scratch.path().join("dist");
    let mut args = BuildArgs::new(root, &out);
    args.no_wasm = true;
    if let Err(err) = build(&args) {
        panic!("{name}: the build fails: {err:#}");
    }
    c.bench_function(name, |b| {
        b.iter(|| build(black_box(&args)).map(|s| s.pages))
    });
}

fn site(c: &mut Criterion) {
    bench_build(c, "build/real_site_no_wasm", &repo());
    let page = std::fs::read_to_string(repo().join("content/pages/charte.md")).expect("charte.md");
    c.bench_function("markdown/charte", |b| {
        b.iter(|| {
            generator::markdown::render(black_box(&page), "../", "charte.md").map(|r| r.html.len())
        })
    });
}

fn corpus(c: &mut Criterion) {
    let Some(root) = std::env::var_os("EXPLOR_BENCH_CORPUS") else {
        eprintln!("EXPLOR_BENCH_CORPUS is not set: the corpus build is skipped (see scripts/bench/corpus.py).");
        return;
    };
    let mut group = c.benchmark_group("corpus");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(20));
    let root = PathBuf::from(root);
    let scratch = tempfile::tempdir().expect("temporary folder");
    let mut args = BuildArgs::new(&root, scratch.path().join("dist"));
    args.no_wasm = true;
    if let Err(err) = build(&args) {
        panic!("{}: the build fails: {err:#}", root.display());
    }
    group.bench_function("build", |b| {
        b.iter(|| build(black_box(&args)).map(|s| s.pages))
    });
    group.finish();
}

criterion_group!(benches, site, corpus);
criterion_main!(benches);
