#!/usr/bin/env node
// The staff page (/verification/) with a batch of 500 dossiers: the time from choosing the files to
// the committee's table showing all of them (read, judged by the staff's WebAssembly module, shown),
// measured inside the page, in headless Chromium, as the median of several runs; and the longest
// task the page ran meanwhile (how long it could not answer a click). The dossiers are the tests'
// fixture dossier made different (association, mission title), plus a few unreadable files.
//
// Usage: node scripts/bench/staff.mjs [--dist DIR] [--explor target/release/explor] [--runs 5] [--files 500]
// The site must be built from the frozen 2025 edition (tests/browser/fixture-site.sh) or the live one:
// the dossiers are judged against whichever edition the site has.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

import { serve } from './lib/serve.mjs';
import { builtSite, CHROME_FLAGS, CHROME_PATH, machine, median, options, REPO } from './lib/site.mjs';

/** `count` files: distinct dossiers, one in fifty not a dossier at all. */
function batch(count) {
  const base = JSON.parse(readFileSync(join(REPO, 'tests/fixtures/dossiers/complete.json'), 'utf8'));
  const files = [];
  for (let i = 0; i < count; i += 1) {
    if (i % 50 === 49) {
      files.push({ name: `illisible-${i}.json`, mimeType: 'application/json', buffer: Buffer.from('{ pas du JSON') });
      continue;
    }
    const dossier = structuredClone(base);
    dossier.applicant.name = `${base.applicant.name} ${i}`;
    dossier.mission.title = `${base.mission.title} ${i}`;
    files.push({ name: `dossier-${String(i).padStart(3, '0')}.json`, mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(dossier, null, 2)) });
  }
  return files;
}

/** One run in a fresh page: { ms, longest } (milliseconds), measured by the page's own clock. */
async function once(browser, url, files) {
  const page = await browser.newPage();
  await page.goto(`${url}verification/`);
  await page.waitForSelector('#app:not([hidden])');
  await page.evaluate((count) => {
    const bench = { start: 0, end: 0, longest: 0 };
    window.staffBench = bench;
    new PerformanceObserver((list) => {
      // Only the page's own work: the test driver's creation of the files comes before the choice.
      for (const entry of list.getEntries()) {
        if (bench.start && entry.startTime >= bench.start) bench.longest = Math.max(bench.longest, entry.duration);
      }
    }).observe({ type: 'longtask' });
    document.getElementById('staff-files').addEventListener('change', () => { bench.start = performance.now(); }, { capture: true });
    const table = document.getElementById('staff-table');
    new MutationObserver(() => {
      if (!bench.end && table.querySelectorAll('tbody tr').length === count) bench.end = performance.now();
    }).observe(table, { childList: true, subtree: true });
  }, files.length);
  await page.setInputFiles('#staff-files', files);
  await page.waitForSelector(`#staff-table tbody tr:nth-child(${files.length})`);
  // The long task observer reports once the task has ended.
  await page.waitForSelector('#staff-status:not(:empty)');
  const result = await page.evaluate(() => window.staffBench);
  await page.close();
  return { ms: result.end - result.start, longest: result.longest };
}

async function main() {
  const opts = options({ dist: '', explor: '', runs: 5, files: 500 });
  const dist = builtSite(opts);
  const server = await serve(dist);
  const browser = await chromium.launch({ executablePath: CHROME_PATH, args: CHROME_FLAGS });
  const files = batch(opts.files);
  try {
    console.log(machine());
    const runs = [];
    for (let i = 0; i < opts.runs; i += 1) {
      const run = await once(browser, server.url, files);
      runs.push(run);
      console.log(`essai ${i + 1} : ${run.ms.toFixed(0)} ms, tâche la plus longue ${run.longest.toFixed(0)} ms`);
    }
    const ms = median(runs.map((r) => r.ms));
    const longest = median(runs.map((r) => r.longest));
    console.log(`${opts.files} fichiers lus, vérifiés et affichés : médiane ${ms.toFixed(0)} ms sur ${opts.runs} essais ; tâche la plus longue (médiane) ${longest.toFixed(0)} ms`);
  } finally {
    await browser.close();
    await server.close();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
