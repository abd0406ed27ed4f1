#!/usr/bin/env node
// Runs the Node benchmarks on one build of the site (page weights, the browser's start-up and
// validation, Lighthouse) and prints every figure beside its budget in one table. With `--write`, that
// table replaces the one between the markers of README.md and docs/performance.md, so the published
// figures are this output, never retyped; a row this run did not measure (the build against Hugo,
// scripts/bench/build_vs_hugo.py) is kept as it was.
//
// Usage: node scripts/bench/run.mjs [--dist DIR | --explor target/release/explor] [--compare DIR]
//        [--runs 20] [--lighthouse-runs 3] [--lighthouse-pages all|candidature/,eligibilite/]
//        [--skip lighthouse,browser,second] [--write]
// `--compare DIR`: the previous version's site (e.g. built by main's explor): its start-up is measured
// in alternation with this one, its page weights and Lighthouse scores in the same run, and each row
// gives its figure beside this one's. Exit status 1 when a budget is missed.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { readRows, rewrite, table } from './lib/figures.mjs';
import { builtSite, machine, options, REPO } from './lib/site.mjs';

const HERE = new URL('.', import.meta.url).pathname;
const TABLES = ['README.md', join('docs', 'performance.md')];

/** `rows` with, in each, the previous version's measure of the same budget (from `previous`). */
function beside(rows, previous) {
  return rows.map((r) => {
    // A module's row names it before « : », and is put beside the same module's.
    const name = (x) => (x.id === 'wasm' ? x.measure.split(' : ')[0] : '');
    const old = previous.find((p) => p.id === r.id && name(p) === name(r));
    return old ? { ...r, measure: `${r.measure} ; version précédente : ${old.measure}` } : r;
  });
}

/** Runs one benchmark script on `dist`; its rows, or none when it failed before writing them. */
function bench(script, dist, args, work) {
  const figures = join(work, `${script}.json`);
  try {
    execFileSync(process.execPath, [join(HERE, script), '--dist', dist, '--figures', figures, ...args], { stdio: 'inherit' });
  } catch {
    // A missed budget exits with 1 after writing its figures; a crash writes none.
  }
  try {
    return readRows(figures);
  } catch {
    console.error(`${script} n’a donné aucun chiffre`);
    return [];
  }
}

function main() {
  const opts = options({
    dist: '', explor: '', compare: '', runs: 20, 'lighthouse-runs': 3,
    'lighthouse-pages': 'candidature/,eligibilite/', skip: '', write: false,
  });
  const dist = builtSite(opts);
  const skip = new Set(opts.skip.split(',').filter(Boolean));
  const work = mkdtempSync(join(tmpdir(), 'explor-bench-'));
  const rows = [];
  try {
    const weights = bench('page-weight.mjs', dist, [], work);
    rows.push(...(opts.compare ? beside(weights, bench('page-weight.mjs', opts.compare, [], work)) : weights));
    if (!skip.has('browser')) {
      const compare = opts.compare ? ['--compare', opts.compare] : [];
      rows.push(...bench('browser.mjs', dist, ['--runs', String(opts.runs), ...compare], work));
    }
    if (!skip.has('second')) rows.push(...bench('second-visit.mjs', dist, ['--runs', String(opts.runs)], work));
    if (!skip.has('lighthouse')) {
      const pages = opts['lighthouse-pages'] === 'all' ? [] : ['--pages', opts['lighthouse-pages']];
      const args = ['--runs', String(opts['lighthouse-runs']), ...pages];
      const scores = bench('lighthouse.mjs', dist, args, work);
      rows.push(...(opts.compare ? beside(scores, bench('lighthouse.mjs', opts.compare, args, work)) : scores));
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  console.log(`\n${machine()}\n\n${table(rows)}\n`);
  if (opts.write) {
    for (const file of TABLES.map((f) => join(REPO, f))) {
      writeFileSync(file, rewrite(readFileSync(file, 'utf8'), rows));
      console.log(`tableau réécrit : ${file}`);
    }
  }
  process.exitCode = rows.every((r) => r.ok) ? 0 : 1;
}

main();
