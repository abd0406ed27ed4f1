#!/usr/bin/env node
// Lighthouse 12.2.3 (mobile, its default) on every page of the built site, served on localhost by a
// plain static server; prints the four scores per page, and every audit that kept a score under 100.
//
// Usage: node scripts/bench/lighthouse.mjs [--dist DIR] [--explor target/release/explor] [--runs 1]
//        [--pages appel/,candidature/]   (default: every page) [--figures FILE]
// Exit status 1 when a score is under 100. Needs `npm ci` in scripts/bench (Lighthouse is pinned there).

import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

import { record, row } from './lib/figures.mjs';
import { serve } from './lib/serve.mjs';
import { builtSite, CHROME_FLAGS, CHROME_PATH, machine, median, options, pages } from './lib/site.mjs';

const run = promisify(execFile);
const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'];
const LIGHTHOUSE = new URL('./node_modules/lighthouse/cli/index.js', import.meta.url).pathname;

/** One Lighthouse run on `url`: its JSON report. */
async function lighthouse(url, work) {
  const output = join(work, 'report.json');
  await run(process.execPath, [
    LIGHTHOUSE, url, '--quiet', '--output=json', `--output-path=${output}`,
    `--only-categories=${CATEGORIES.join(',')}`, `--chrome-flags=${CHROME_FLAGS.join(' ')}`,
  ], { env: { ...process.env, CHROME_PATH }, maxBuffer: 64 * 1024 * 1024 });
  return JSON.parse(readFileSync(output, 'utf8'));
}

/** The audits that cost points in a category, with their score and Lighthouse's own title. */
function losses(report, category) {
  return report.categories[category].auditRefs
    .filter((ref) => ref.weight > 0)
    .map((ref) => report.audits[ref.id])
    .filter((audit) => audit.score !== null && audit.score < 1)
    .map((audit) => `${audit.id} (${Math.round(audit.score * 100)}${audit.displayValue ? `, ${audit.displayValue}` : ''})`);
}

const others = (n) => (n === 0 ? '' : n === 1 ? ' ; l’autre page à 100 ×4' : ` ; les ${n} autres pages à 100 ×4`);

/** The row of the table of budgets: every page at 100, or those that are not, with their scores. */
function figure(results, runs, load) {
  const below = results.filter((r) => r.scores.some((s) => s < 100));
  const pass = runs > 1 ? `médiane de ${runs} passages` : 'un passage';
  const measure = below.length === 0
    ? `100 ×4 sur ${results.length} page(s) (${pass} ; temps de blocage ${results.map((r) => `\`${r.path}\` ${r.tbt} ms`).join(', ')} ; ${load})`
    : `${below.map((r) => `\`${r.path}\` ${r.scores.join('/')} (temps de blocage ${r.tbt} ms)`).join(' ; ')} ${others(results.length - below.length)} ; ${pass} ; ${load}`;
  return row('lighthouse', measure, below.length === 0);
}

async function main() {
  const opts = options({ dist: '', explor: '', runs: 1, pages: '', figures: '' });
  const dist = builtSite(opts);
  const server = await serve(dist);
  const work = mkdtempSync(join(tmpdir(), 'explor-lighthouse-'));
  const before = machine();
  console.log(before);
  const results = [];
  console.log('page'.padEnd(26), 'perf'.padStart(5), 'a11y'.padStart(5), 'bonnes'.padStart(7), 'SEO'.padStart(5), '  FCP / LCP / TBT / CLS');
  let below = 0;
  try {
    const chosen = opts.pages ? opts.pages.split(',').map((p) => p.replace(/^\//, '')) : pages(dist);
    for (const path of chosen) {
      const reports = [];
      for (let i = 0; i < opts.runs; i += 1) reports.push(await lighthouse(server.url + path, work));
      const scores = CATEGORIES.map((c) => Math.round(median(reports.map((r) => r.categories[c].score)) * 100));
      const last = reports[reports.length - 1];
      const tbt = Math.round(median(reports.map((r) => r.audits['total-blocking-time']?.numericValue ?? 0)));
      results.push({ path: path || '/', scores, tbt });
      const metric = (id) => last.audits[id]?.displayValue?.replace(/\s/g, ' ') ?? '?';
      console.log((path || '/').padEnd(26), ...scores.map((s, i) => String(s).padStart(i === 2 ? 7 : 5)),
        `  ${['first-contentful-paint', 'largest-contentful-paint', 'total-blocking-time', 'cumulative-layout-shift'].map(metric).join(' / ')}`);
      CATEGORIES.forEach((category, i) => {
        if (scores[i] < 100) {
          below += 1;
          console.log(`    ${category} : ${losses(last, category).join(' ; ') || '(aucun audit pondéré en cause)'}`);
        }
      });
    }
    const load = `charge ${before.split('charge ')[1]} → ${machine().split('charge ')[1]}`;
    record(opts.figures, [figure(results, opts.runs, load)]);
  } finally {
    rmSync(work, { recursive: true, force: true });
    await server.close();
  }
  process.exitCode = below ? 1 : 0;
}

await main();
