#!/usr/bin/env node
// Benchmark of the second visit to the form (issue 18 point 4), in headless Chromium on localhost:
// from navigation to a usable form (the form revealed by the WebAssembly module), three ways in
// alternation, `--runs` rounds:
// - cold: a fresh context, nothing cached (the figure of browser.mjs, for comparison);
// - second visit, HTTP cache only: the same context after a first visit, service workers blocked
//   (the fingerprinted files come from the HTTP cache, the page is revalidated);
// - second visit, service worker: the same context after a first visit, the site's worker active
//   and controlling (pages network-first, fingerprinted files from its cache).
// Budget: the last one's median ≤ 50 ms. A benchmark, not a test: run it by hand.
//
// Usage: node scripts/bench/second-visit.mjs [--dist DIR] [--explor target/release/explor] [--runs 20]
//        [--figures FILE]
// `--figures FILE` writes the row of the table of budgets (JSON) for scripts/bench/run.mjs.


import { record, row } from './lib/figures.mjs';
import { serve } from './lib/serve.mjs';
import { builtSite, machine, median, options } from './lib/site.mjs';
import { FORM, launch, USABLE_PROBE } from './lib/usable.mjs';

/**
 * Navigates `page` to `url`; returns, in ms from the navigation's start, when the form was usable,
 * when the page and when the module had arrived (where the time goes: the network, or compiling
 * and mounting the module).
 */
async function usable(page, url) {
  await page.goto(url, { waitUntil: 'commit' });
  return page.evaluate(async () => {
    const usableAt = await window.__explorUsable;
    const module = performance.getEntriesByType('resource').find((e) => e.name.endsWith('.wasm'));
    return { usable: usableAt, page: performance.getEntriesByType('navigation')[0].responseEnd, module: module?.responseEnd ?? NaN };
  });
}

/** A context with the probe, and a page in it. */
async function open(browser, serviceWorkers) {
  const context = await browser.newContext({ serviceWorkers });
  await context.addInitScript(USABLE_PROBE);
  return { context, page: await context.newPage() };
}

/** A context that has visited the form once, its worker (when allowed) active and controlling. */
async function warmed(browser, url, serviceWorkers) {
  const warm = await open(browser, serviceWorkers);
  await usable(warm.page, url);
  if (serviceWorkers === 'allow') {
    await warm.page.evaluate(async () => {
      await navigator.serviceWorker.ready;
      if (!navigator.serviceWorker.controller) {
        await new Promise((ok) => navigator.serviceWorker.addEventListener('controllerchange', ok, { once: true }));
      }
    });
  }
  return warm;
}

function line(label, runs) {
  const times = runs.map((r) => r.usable);
  const at = (key) => median(runs.map((r) => r[key])).toFixed(1);
  return `${label} : médiane ${median(times).toFixed(1)} ms (min ${Math.min(...times).toFixed(1)}, max ${Math.max(...times).toFixed(1)}) ; `
    + `page reçue à ${at('page')} ms, module à ${at('module')} ms (médianes)`;
}

async function main() {
  const opts = options({ dist: '', explor: '', runs: 20, figures: '' });
  const dist = builtSite(opts);
  const server = await serve(dist);
  const browser = await launch();
  const url = server.url + FORM;
  console.log(machine());
  const cold = [];
  const httpCache = [];
  const worker = [];
  try {
    const withCache = await warmed(browser, url, 'block');
    const withWorker = await warmed(browser, url, 'allow');
    const fromWorker = await withWorker.page.goto(url);
    if (!fromWorker.fromServiceWorker()) throw new Error('the page did not come from the service worker');
    for (let i = 0; i < opts.runs + 2; i += 1) {
      const fresh = await open(browser, 'block');
      const times = [await usable(fresh.page, url), await usable(withCache.page, url), await usable(withWorker.page, url)];
      await fresh.context.close();
      if (i < 2) continue; // warm-up rounds: the server's gzip cache, the browser's processes
      cold.push(times[0]);
      httpCache.push(times[1]);
      worker.push(times[2]);
    }
    console.log(`navigation → formulaire utilisable, ${opts.runs} passes en alternance :`);
    console.log(line('  premier passage (cache vide)', cold));
    console.log(line('  second passage, cache HTTP seul', httpCache));
    console.log(`${line('  second passage, service worker', worker)} ; budget ≤ 50 ms`);
    const ms = (runs) => `${median(runs.map((r) => r.usable)).toFixed(0)} ms`;
    record(opts.figures, [row('second', `${ms(worker)} (${opts.runs} passes ; premier passage ${ms(cold)}, `
      + `cache HTTP seul ${ms(httpCache)}, en alternance ; ${machine().split(' ; ').pop()})`, median(worker.map((r) => r.usable)) <= 50)]);
    await withCache.context.close();
    await withWorker.context.close();
  } finally {
    await browser.close();
    await server.close();
  }
}

await main();
