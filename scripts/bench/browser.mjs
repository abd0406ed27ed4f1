#!/usr/bin/env node
// Browser benchmark of the form, in headless Chromium on localhost:
// 1. start-up: from navigation to a usable form (the form revealed by the WebAssembly module), cold
//    cache, `--runs` times; budget: median ≤ 100 ms;
// 2. validating the complete test dossier with the module's exported rules, in batches of `--calls`:
//    `Validator.validate_json` (the edition read once; dossier JSON in, report JSON out: what
//    validating a dossier costs; budget: median ≤ 0.2 ms per call), and `validate_json`, which also
//    reads the edition's JSON (with its country list) at each call;
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

/**
 * Per-call times (ms), one figure per batch of `calls` calls, of `Validator.validate_json` (edition
 * read once) and of `validate_json` (edition read at each call).
 */
async function validateCalls(page, dossier, calls, batches) {
  return page.evaluate(async ({ dossier, calls, batches }) => {
    const glue = performance.getEntriesByType('resource').map((e) => e.name)
      .find((name) => /\/validator\.[^/]*\.js$/.test(name) || /validator\.js$/.test(name));
    const module = await import(glue);
    const edition = document.getElementById('edition-data').textContent;
    const today = '2025-06-10';
    const report = JSON.parse(module.validate_json(edition, dossier, today));
    if (report.error) throw new Error(report.error);
    const validator = module.Validator ? new module.Validator(edition) : null;
    const time = (call) => {
      const perCall = [];
      for (let b = 0; b < batches; b += 1) {
        const start = performance.now();
        for (let i = 0; i < calls; i += 1) call();
        perCall.push((performance.now() - start) / calls);
      }
      return perCall;
    };
    return {
      findings: report.findings.length,
      once: validator ? time(() => validator.validate_json(dossier, today)) : null,
      each: time(() => module.validate_json(edition, dossier, today)),
    };
  }, { dossier, calls, batches });
}

/** Time (ms) of the form's synchronous `input` handler for one keystroke in a budget amount. */
async function keystrokes(page, count) {
  return page.evaluate((count) => {
    const field = document.querySelector('input[name^="budget.expenses"][name$="amount_cents"]')
      ?? document.querySelector('input[name^="budget."]');
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
    const { findings, once, each } = await validateCalls(page, dossier, opts.calls, opts.batches);
    const figure = (times) => `médiane ${median(times).toFixed(4)} ms par appel (min ${Math.min(...times).toFixed(4)})`;
    const lots = `${opts.batches} lots de ${opts.calls} appels`;
    if (once) {
      console.log(`validation d’un dossier complet (${findings} constat(s)), Validator.validate_json, ${lots} : `
        + `${figure(once)} ; budget ≤ 0,2 ms`);
    } else {
      console.log('Validator n’est pas exporté par ce module : seule validate_json est mesurée.');
    }
    console.log(`validate_json (relit aussi l’édition à chaque appel), ${lots} : ${figure(each)}`);
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
