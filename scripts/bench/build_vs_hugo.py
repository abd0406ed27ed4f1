#!/usr/bin/env python3
"""Builds the same synthetic corpus with `explor` and with Hugo, alternated, in two cases, and prints
every median beside its budget in one table.

The two cases:
- « dossier neuf » (fresh): each run writes a whole site into a new, empty folder. Those folders are
  deleted only at the end: on ext4, creating files just after deleting thousands of others is several
  times slower (the allocator skips recently freed inodes), which would measure the file system
  rather than the tools.
- « sur place » (in place): what a user pays when rebuilding. Each tool has one output folder that
  holds its previous build; before each round one page's text is edited in both corpora (as an author
  does before rebuilding), then each tool rebuilds into its own folder.

For each size (default 1 000 and 10 000 pages) the corpus is generated once by corpus.py; each tool
builds once into a fresh folder and once into its in-place folder to warm the file cache (and to put
the previous build there); then `--runs` rounds, each running both tools in both cases, the order of
the tools swapped every round, so that a busy machine slows both alike. Wall time is measured around
the process; user and system CPU time and peak memory come from `/usr/bin/time`.

Budgets (issue 18): in place, explor / Hugo ≤ 0.25 at 10 000 pages and ≤ 1 at 1 000 pages; into a
fresh folder, ≤ 0.5 (the earlier budget). The table ends with the machine and its load averages, read
before and after the measures.

Usage (from the repository root, after `cargo build --release --bin explor`):
    scripts/bench/build_vs_hugo.py [--pages 1000 10000] [--runs 5] [--explor target/release/explor]
"""

from __future__ import annotations

import argparse
import itertools
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
sys.path.insert(0, str(HERE))
import corpus as corpus_module  # noqa: E402  (beside this script)

FRESH, IN_PLACE = "dossier neuf", "sur place"
TOOLS = ("explor", "hugo")


def budget(case: str, pages: int) -> float | None:
    """The largest ratio explor / Hugo allowed for a case and a size, if any."""
    if case == IN_PLACE:
        return 0.25 if pages >= 10000 else 1.0 if pages >= 1000 else None
    return 0.5 if pages >= 10000 else None


def measure(command: list[str], out: Path, env: dict[str, str]) -> dict[str, float]:
    """Wall, user and system seconds and peak RSS (MiB) of one run of `command` writing into `out`."""
    stats_file = out.parent / f".{out.name}.time"
    started = time.perf_counter()
    done = subprocess.run(["/usr/bin/time", "-o", str(stats_file), "-f", "%M %U %S", *command, str(out)],
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, text=True)
    wall = time.perf_counter() - started
    if done.returncode != 0:
        sys.exit(f"échec de {' '.join(command)} :\n{done.stderr}")
    rss, user, system = stats_file.read_text().split()[-3:]
    stats_file.unlink()
    return {"wall": wall, "user": float(user), "sys": float(system), "rss": int(rss) / 1024}


def commands(explor: Path, corpus: Path) -> dict[str, list[str]]:
    """Each tool's command, to be followed by the output folder."""
    return {
        "explor": [str(explor), "build", "--root", str(corpus / "explor"), "--no-wasm", "--out"],
        "hugo": ["hugo", "--quiet", "--source", str(corpus / "hugo"), "--destination"],
    }


def make_corpus(pages: int, work: Path) -> None:
    """Generates the corpus unless the one in `work` was made by this very generator for `pages`."""
    generator = HERE / "corpus.py"
    stamp = f"{pages} {generator.stat().st_mtime_ns}"
    stamp_file = work / ".stamp"
    if stamp_file.is_file() and stamp_file.read_text() == stamp:
        return
    if work.exists():  # set aside, deleted after the measures (see the module's note on ext4)
        work.rename(work.parent / "runs" / f"old-corpus-{time.time_ns()}")
    subprocess.run([sys.executable, str(generator), "--pages", str(pages), "--out", str(work)],
                   check=True, stdout=subprocess.DEVNULL)
    stamp_file.write_text(stamp)


def bench_size(pages: int, runs: int, explor: Path, work_root: Path, env: dict[str, str]) -> dict:
    """{(tool, case): [measure, …]} for one corpus size."""
    work = work_root / f"corpus-{pages}"
    outputs = work_root / "runs"
    outputs.mkdir(parents=True, exist_ok=True)
    make_corpus(pages, work)
    tools = commands(explor, work)
    counter = itertools.count()
    fresh = lambda name: outputs / f"{pages}-{name}-{time.time_ns()}-{next(counter)}"
    in_place = {name: work_root / f"in-place-{pages}-{name}" for name in tools}
    for name, command in tools.items():  # warm-up: file cache, Hugo's resource cache, the previous build
        shutil.rmtree(in_place[name], ignore_errors=True)
        measure(command, fresh(name), env)
        measure(command, in_place[name], env)
    samples: dict[tuple[str, str], list[dict[str, float]]] = {(t, c): [] for t in tools for c in (FRESH, IN_PLACE)}
    for round_ in range(runs):
        order = list(tools) if round_ % 2 == 0 else list(reversed(tools))
        for name in order:
            samples[(name, FRESH)].append(measure(tools[name], fresh(name), env))
        corpus_module.edit_page(work, f"passe {round_ + 1}")
        for name in order:
            samples[(name, IN_PLACE)].append(measure(tools[name], in_place[name], env))
        print(f"{pages} pages, passe {round_ + 1}/{runs} : "
              + ", ".join(f"{t} {c} {samples[(t, c)][-1]['wall']:.2f} s" for t in order for c in (FRESH, IN_PLACE)),
              flush=True)
    return samples


def load() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def machine() -> str:
    model = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                  if line.startswith("model name")), "?")
    mem = next((int(line.split()[1]) // 1024 for line in Path("/proc/meminfo").read_text().splitlines()
                if line.startswith("MemTotal")), 0)
    hugo = subprocess.run(["hugo", "version"], capture_output=True, text=True).stdout.split()[1]
    return f"{os.cpu_count()} cœurs, {model}, {mem} Mo de mémoire ; Hugo {hugo}"


def decimal(value: float, digits: int = 2) -> str:
    return f"{value:.{digits}f}".replace(".", ",")


def table(results: dict[int, dict], runs: int) -> list[str]:
    """One Markdown table: per size and case, both tools' medians (min–max), CPU, memory, the ratio
    and its budget."""
    lines = ["| pages | cas | explor : médiane (min–max) | Hugo : médiane (min–max) | CPU explor (util. + sys.) | "
             "CPU Hugo (util. + sys.) | mémoire max explor / Hugo | explor / Hugo | budget | tenu ? |",
             "|---|---|---|---|---|---|---|---|---|---|"]
    for pages, samples in results.items():
        for case in (FRESH, IN_PLACE):
            cells, medians = [], {}
            for tool in TOOLS:
                walls = [s["wall"] for s in samples[(tool, case)]]
                medians[tool] = statistics.median(walls)
                cells.append(f"{decimal(medians[tool])} s ({decimal(min(walls))}–{decimal(max(walls))})")
            for tool in TOOLS:
                user = statistics.median(s["user"] for s in samples[(tool, case)])
                system = statistics.median(s["sys"] for s in samples[(tool, case)])
                cells.append(f"{decimal(user)} + {decimal(system)} s")
            rss = [statistics.median(s["rss"] for s in samples[(tool, case)]) for tool in TOOLS]
            cells.append(f"{rss[0]:.0f} Mo / {rss[1]:.0f} Mo")
            ratio = medians["explor"] / medians["hugo"]
            limit = budget(case, pages)
            cells += [decimal(ratio), "—" if limit is None else f"≤ {decimal(limit)}",
                      "—" if limit is None else ("oui" if ratio <= limit else "**non**")]
            lines.append(f"| {pages:,} | {case} | ".replace(",", "\u202f") + " | ".join(cells) + " |")
    lines.append("")
    lines.append(f"Médianes de {runs} passes alternées par outil et par cas, après une passe d’échauffement ; "
                 "« sur place » : le dossier de sortie tient la construction précédente, une page modifiée avant chaque passe.")
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pages", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--runs", type=int, default=5, help="rounds per size (default 5, at least 5 for the budgets)")
    parser.add_argument("--explor", type=Path, default=REPO / "target" / "release" / "explor")
    parser.add_argument("--work", type=Path, default=REPO / "target" / "bench",
                        help="where corpora and outputs go (default target/bench)")
    args = parser.parse_args()
    if not args.explor.is_file():
        sys.exit(f"{args.explor} n’existe pas : lancez d’abord « cargo build --release --bin explor ».")
    if shutil.which("hugo") is None:
        sys.exit("hugo est introuvable : installez-le (apt-get install hugo).")
    before = load()
    print(machine(), flush=True)
    env = dict(os.environ)
    work = args.work.resolve()
    try:
        results = {pages: bench_size(pages, args.runs, args.explor.resolve(), work, env) for pages in args.pages}
        # The table before the clean-up: deleting the fresh folders takes minutes on a loaded machine.
        print()
        print("\n".join(table(results, args.runs)))
        print(f"Machine : {machine()} ; charge moyenne (1, 5, 15 min) avant {before}, après {load()}.", flush=True)
    finally:
        shutil.rmtree(work / "runs", ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
