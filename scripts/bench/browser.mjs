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
//        [--compare DIR] [--figures FILE]
// `--compare DIR`: another build of the site (the previous version, e.g. main's), served beside it; the
// cold loads of the two alternate in one run (ABBA order), so that both meet the same machine load.
// `--figures FILE` writes the rows of the table of budgets (JSON) for scripts/bench/run.mjs.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { record, row } from './lib/figures.mjs';
import { serve } from './lib/serve.mjs';
import { builtSite, machine, median, options, REPO } from './lib/site.mjs';
import { FORM, launch, USABLE_PROBE, usableAt } from './lib/usable.mjs';

/**
 * One cold load of `url` in a fresh context: ms from navigation to the usable form, and where the
 * time went (the page parsed, the module received).
 */
async function coldLoad(browser, url) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.addInitScript(USABLE_PROBE);
  await page.goto(url, { waitUntil: 'commit' });
  const time = await usableAt(page);
  const steps = await page.evaluate(() => ({
    parsed: performance.getEntriesByType('navigation')[0]?.domInteractive ?? NaN,
    wasm: performance.getEntriesByType('resource').find((e) => e.name.endsWith('.wasm'))?.responseEnd ?? NaN,
  }));
  await context.close();
  return { time, ...steps };
}

/**
 * `runs` cold loads of each of `urls`, alternated (A B, then B A…): per URL, the times to a usable
 * form, and the medians of the steps.
 */
async function startup(browser, urls, runs) {
  const loads = urls.map(() => []);
  for (let i = 0; i < runs; i += 1) {
    const order = i % 2 ? [...urls.keys()].reverse() : [...urls.keys()];
    for (const k of order) loads[k].push(await coldLoad(browser, urls[k]));
  }
  return loads.map((list) => Object.assign(list.map((l) => l.time), {
    steps: `page lue à ${ms(median(list.map((l) => l.parsed)))}, module reçu à ${ms(median(list.map((l) => l.wasm)))}`,
  }));
}

const ms = (t) => `${t.toFixed(0)} ms`;
const spread = (times) => `médiane ${median(times).toFixed(1)} ms (min ${Math.min(...times).toFixed(1)}, max ${Math.max(...times).toFixed(1)})`;

/**
 * Per-call times (ms), one figure per batch of `calls` calls, of `Validator.validate_json` (edition
 * read once) and of `validate_json` (edition read at each call).
 */
async function validateCalls(page, dossier, calls, batches) {
  return page.evaluate(async ({ dossier, calls, batches }) => {
    const glue = performance.getEntriesByType('resource').map((e) => e.name)
      .find((name) => /\/validator\.[^/]*\.js$/.test(name) || /validator\.js$/.test(name));
    const module = await import(glue);
    // The whole edition, as the site publishes it: the page's own island carries only what the
    // page's module reads (its lists are in the page's controls).
    const edition = await (await fetch(new URL('../edition.json', location.href))).text();
    const today = '2025-06-10';
    const report = JSON.parse(module.validate_json(edition, dossier, today));
    if (report.error) throw new Error(report.error);
    if (report.findings.length) throw new Error(`le dossier complet donne ${report.findings.length} constat(s) : l’édition lue n’est pas la bonne`);
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
  const opts = options({ dist: '', explor: '', runs: 20, calls: 200, batches: 30, compare: '', figures: '' });
  const dist = builtSite(opts);
  const server = await serve(dist);
  const previous = opts.compare ? await serve(opts.compare) : null;
  const browser = await launch();
  const url = server.url + FORM;
  const urls = previous ? [url, previous.url + FORM] : [url];
  const rows = [];
  const before = machine();
  console.log(before);
  try {
    await startup(browser, urls, 2); // warm-up: the server's gzip cache, the browser's processes
    const [times, old] = await startup(browser, urls, opts.runs);
    const load = `charge ${before.split('charge ')[1]} → ${machine().split('charge ')[1]}`;
    console.log(`démarrage du formulaire (navigation → formulaire utilisable), ${opts.runs} passes à froid : `
      + `${spread(times)} ; budget ≤ 100 ms (${times.steps})`);
    if (old) console.log(`  version précédente (${opts.compare}), en alternance : ${spread(old)} (${old.steps})`);
    rows.push(row('startup', `${ms(median(times))} (min ${ms(Math.min(...times))} ; ${opts.runs} chargements à froid${
      old ? ` ; la version précédente, en alternance : ${ms(median(old))}` : ''} ; ${load})`, median(times) <= 100));

    const context = await browser.newContext();
    const page = await context.newPage();
    await page.addInitScript(USABLE_PROBE);
    await page.goto(url);
    await usableAt(page);
    const dossier = readFileSync(join(REPO, 'tests', 'fixtures', 'dossiers', 'complete.json'), 'utf8');
    const { findings, once, each } = await validateCalls(page, dossier, opts.calls, opts.batches);
    const figure = (times) => `médiane ${median(times).toFixed(4)} ms par appel (min ${Math.min(...times).toFixed(4)})`;
    const lots = `${opts.batches} lots de ${opts.calls} appels`;
    if (once) {
      console.log(`validation d’un dossier complet (${findings} constat(s)), Validator.validate_json, ${lots} : `
        + `${figure(once)} ; budget ≤ 0,2 ms`);
      rows.push(row('validate', `${median(once).toFixed(3).replace('.', ',')} ms (\`Validator.validate_json\`, ${lots})`, median(once) <= 0.2));
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
    record(opts.figures, rows);
  } finally {
    await browser.close();
    await server.close();
    await previous?.close();
  }
}

await main();
