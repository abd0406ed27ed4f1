// The figures of the benchmarks as rows of the table of budgets (budget, measure, met or not), shared by
// every script and by the runner (scripts/bench/run.mjs), which prints them in one table and rewrites
// the table between the markers of README.md and docs/performance.md.

import { readFileSync, writeFileSync } from 'node:fs';

/** The budgets, in the order of the table; each script measures some of them. */
export const BUDGETS = {
  wasm: '`.wasm` livré ≤ 50 Ko gzip',
  form: 'page du formulaire, tout compris (HTML, CSS, JS, WASM) ≤ 100 Ko gzip',
  reading: 'page de lecture, tout compris, ≤ 30 Ko gzip, sans JavaScript',
  validate: 'valider un dossier complet dans Chromium, médiane ≤ 0,2 ms par appel',
  startup: 'de la navigation au formulaire utilisable, Chromium sans interface, médiane ≤ 100 ms en local',
  second: 'second passage au formulaire (service worker actif), médiane ≤ 50 ms en local',
  lighthouse: 'Lighthouse 12.2.3 mobile, chaque page : 100 partout',
};

export const BEGIN = '<!-- budgets:begin (scripts/bench/run.mjs --write) -->';
export const END = '<!-- budgets:end -->';

/** One row: `id` a key of BUDGETS, `measure` French text, `ok` whether the budget is met. */
export function row(id, measure, ok) {
  return { id, budget: BUDGETS[id], measure, ok };
}

/** Writes `rows` as JSON to the file of `--figures`, for the runner; nothing without it. */
export function record(file, rows) {
  if (file) writeFileSync(file, JSON.stringify(rows, null, 1));
}

export function readRows(file) {
  return JSON.parse(readFileSync(file, 'utf8'));
}

/** `rows` as a Markdown table, in the order of BUDGETS; `kept` rows (other budgets) follow. */
export function table(rows, kept = []) {
  const order = Object.keys(BUDGETS);
  const sorted = [...rows].sort((a, b) => order.indexOf(a.id) - order.indexOf(b.id));
  const lines = ['| budget | mesure | tenu ? |', '|---|---|---|'];
  for (const r of sorted) lines.push(`| ${r.budget} | ${r.measure} | ${r.ok ? 'oui' : '**non**'} |`);
  return [...lines, ...kept].join('\n');
}

/**
 * `text` with the table between BEGIN and END replaced by `rows`; the rows of the old table whose
 * budget was not measured this time are kept as they were (the build benchmark is a Python script,
 * run on its own). Throws when the markers are missing.
 */
export function rewrite(text, rows) {
  const start = text.indexOf(BEGIN);
  const stop = text.indexOf(END);
  if (start < 0 || stop < start) throw new Error(`repères ${BEGIN} … ${END} absents`);
  const old = text.slice(start + BEGIN.length, stop).split('\n').filter((l) => l.startsWith('| '));
  const measured = new Set(rows.map((r) => r.budget));
  const header = table([]).split('\n')[0];
  const kept = old.filter((l) => l !== header && !measured.has(l.split(' | ')[0].slice(2).trim()));
  return `${text.slice(0, start + BEGIN.length)}\n${table(rows, kept)}\n${text.slice(stop)}`;
}
