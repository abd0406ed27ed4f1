#!/usr/bin/env node
// Browser benchmark of the form, in headless Chromium on localhost:
// 1. start-up: from navigation to a usable form (the form revealed by the WebAssembly module), cold
//    cache, `--runs` times; budget: median ≤ 100 ms;
// 2. `validate_json` (the module's exported rules: edition and dossier JSON in, report JSON out) on the
//    complete test dossier, in batches of `--calls`; budget: median ≤ 0.2 ms per call;
// 3. one keystroke in a budget amount: the time the form's `input` handler takes (read the form,
//    judge it, keep the draft, update the figures), what a person feels while typing.
//
// Usage: node scripts/bench/browser.mjs [--dist DIR] [--explor target/release/explor] [--runs 20] [--calls 200]

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

import { serve } from './lib/serve.mjs';
import { builtSite, CHROME_FLAGS, CHROME_PATH, machine, median, options, REPO } from './lib/site.mjs';

const FORM = 'candidature/';

/** Resolves, in the page, to `performance.now()` when the form's root loses `hidden`. */
const USABLE_PROBE = `
  window.__explorUsable = new Promise((resolve) => {
    const check = () => {
      const app = document.getElementById('app');
      if (app && !app.hidden) { observer.disconnect(); resolve(performance.now()); return true; }
      return false;
    };
    const observer = new MutationObserver(check);
    observer.observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['hidden'] });
  });`;

async function startup(browser, url, runs) {
  const times = [];
  for (let i = 0; i < runs; i += 1) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.addInitScript(USABLE_PROBE);
    await page.goto(url, { waitUntil: 'commit' });
    times.push(await page.evaluate(() => window.__explorUsable));
    await context.close();
  }
  return times;
}

/** Per-call times (ms) of `validate_json`, one figure per batch of `calls` calls. */
async function validateCalls(page, dossier, calls, batches) {
  return page.evaluate(async ({ dossier, calls, batches }) => {
    const glue = performance.getEntriesByType('resource').map((e) => e.name)
      .find((name) => /\/validator\.[^/]*\.js$/.test(name) || /validator\.js$/.test(name));
    const module = await import(glue);
    const edition = document.getElementById('edition-data').textContent;
    const today = '2025-06-10';
    const report = JSON.parse(module.validate_json(edition, dossier, today));
    if (report.error) throw new Error(report.error);
    const perCall = [];
    for (let b = 0; b < batches; b += 1) {
      const start = performance.now();
      for (let i = 0; i < calls; i += 1) module.validate_json(edition, dossier, today);
      perCall.push((performance.now() - start) / calls);
    }
    return { perCall, findings: report.findings.length };
  }, { dossier, calls, batches });
}

/** Time (ms) of the form's synchronous `input` handler for one keystroke in a budget amount. */
async function keystrokes(page, count) {
  return page.evaluate((count) => {
    const field = document.querySelector('input[name^="budget."][name$="amount"], input[name^="budget."]');
    if (!field) return null;
    const times = [];
    for (let i = 0; i < count; i += 1) {
      field.value = String(100 + i);
      const start = performance.now();
      field.dispatchEvent(new Event('input', { bubbles: true }));
      times.push(performance.now() - start);
    }
    return { name: field.name, times };
  }, count);
}

async function main() {
  const opts = options({ dist: '', explor: '', runs: 20, calls: 200, batches: 30 });
  const dist = builtSite(opts);
  const server = await serve(dist);
  const browser = await chromium.launch({ executablePath: CHROME_PATH, args: CHROME_FLAGS });
  const url = server.url + FORM;
  console.log(machine());
  try {
    await startup(browser, url, 2); // warm-up: the server's gzip cache, the browser's processes
    const times = await startup(browser, url, opts.runs);
    console.log(`démarrage du formulaire (navigation → formulaire utilisable), ${opts.runs} passes à froid : `
      + `médiane ${median(times).toFixed(1)} ms (min ${Math.min(...times).toFixed(1)}, max ${Math.max(...times).toFixed(1)}) ; budget ≤ 100 ms`);

    const context = await browser.newContext();
    const page = await context.newPage();
    await page.addInitScript(USABLE_PROBE);
    await page.goto(url);
    await page.evaluate(() => window.__explorUsable);
    const dossier = readFileSync(join(REPO, 'tests', 'fixtures', 'dossiers', 'complete.json'), 'utf8');
    const { perCall, findings } = await validateCalls(page, dossier, opts.calls, opts.batches);
    console.log(`validate_json (dossier complet, ${findings} constat(s)), ${opts.batches} lots de ${opts.calls} appels : `
      + `médiane ${median(perCall).toFixed(4)} ms par appel (min ${Math.min(...perCall).toFixed(4)}) ; budget ≤ 0,2 ms`);
    const typed = await keystrokes(page, 200);
    if (typed) {
      console.log(`une frappe dans ${typed.name} (gestionnaire « input » du formulaire), 200 frappes : `
        + `médiane ${median(typed.times).toFixed(2)} ms (max ${Math.max(...typed.times).toFixed(2)})`);
    }
    await context.close();
  } finally {
    await browser.close();
    await server.close();
  }
}

await main();
