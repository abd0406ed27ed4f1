#!/usr/bin/env node
// Page weight of every page of the built site: the gzip size of the HTML plus everything the page
// loads (style sheets, scripts, WebAssembly, icons, images), as headless Chromium loads it from a
// plain static server, with a fresh cache per page. Budgets: a reading page ≤ 30 KB and no JavaScript,
// the form page (any page loading WebAssembly) ≤ 100 KB, the .wasm ≤ 50 KB.
//
// Usage: node scripts/bench/page-weight.mjs [--dist DIR] [--explor target/release/explor] [--figures FILE]
// Exit status 1 when a budget is exceeded. `--figures` writes the rows of the table of budgets (JSON)
// for scripts/bench/run.mjs.

import { readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { chromium } from 'playwright-core';

import { gzipSize, serve } from './lib/serve.mjs';
import { record, row } from './lib/figures.mjs';
import { builtSite, CHROME_FLAGS, CHROME_PATH, kb, machine, options, pages } from './lib/site.mjs';

const KB = 1024;
const BUDGET = { reading: 30 * KB, form: 100 * KB, wasm: 50 * KB };

const KIND = { '.html': 'html', '.css': 'css', '.js': 'js', '.mjs': 'js', '.wasm': 'wasm' };

/** The site files a page loads: URL paths requested from the site's origin, plus its icons. */
async function loaded(context, origin, path) {
  const page = await context.newPage();
  const requested = new Set();
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.origin === new URL(origin).origin) requested.add(url.pathname);
  });
  await page.goto(origin + path, { waitUntil: 'networkidle' });
  // Headless Chromium does not always fetch the favicon; a phone does.
  const icons = await page.$$eval('link[rel~="icon"]', (links) => links.map((l) => new URL(l.href).pathname));
  icons.forEach((icon) => requested.add(icon));
  await page.close();
  return [...requested];
}

function fileOf(dist, urlPath) {
  const path = decodeURIComponent(urlPath).replace(/^\//, '');
  return join(dist, path === '' || path.endsWith('/') ? `${path}index.html` : path);
}

/** The three rows of the table of budgets these weights give. */
function rows(totals, wasmSizes) {
  const result = [];
  for (const [path, { raw, gzip }] of wasmSizes) {
    // Named without its fingerprint (`validator_bg`: the forms'; `staff_bg`: the staff page's), so
    // that the runner puts each beside the same module of the previous version.
    const name = path.split('/').pop().split('.')[0];
    result.push(row('wasm', `\`${name}\` : ${kb(gzip)} gzip (${kb(raw)} brut ; ${gzip.toLocaleString('fr-FR')} octets)`, gzip <= BUDGET.wasm));
  }
  if (totals.form.length) {
    result.push(row('form', totals.form.map((p) => `\`${p.path}\` ${kb(p.total)}`).join(' ; '), totals.form.every((p) => p.ok)));
  }
  if (totals.reading.length) {
    const sorted = [...totals.reading].sort((a, b) => a.total - b.total);
    const [low, high] = [sorted[0], sorted[sorted.length - 1]];
    const scripts = sorted.some((p) => p.js > 0) ? 'du JavaScript sur une page au moins' : 'aucun script';
    result.push(row('reading', `de ${kb(low.total)} (\`${low.path}\`) à ${kb(high.total)} (\`${high.path}\`), ${scripts}`,
      totals.reading.every((p) => p.ok)));
  }
  return result;
}

async function main() {
  const opts = options({ dist: '', explor: '', figures: '' });
  const dist = builtSite(opts);
  const server = await serve(dist);
  const browser = await chromium.launch({ executablePath: CHROME_PATH, args: CHROME_FLAGS });
  console.log(machine());
  console.log('page'.padEnd(26), 'HTML'.padStart(9), 'CSS'.padStart(9), 'JS'.padStart(9), 'WASM'.padStart(9),
    'autres'.padStart(9), 'total gzip'.padStart(11), ' budget');
  let failures = 0;
  const wasmSizes = new Map();
  const totals = { form: [], reading: [] };
  for (const path of pages(dist)) {
    const context = await browser.newContext();
    const files = await loaded(context, server.url, path);
    await context.close();
    const sums = { html: 0, css: 0, js: 0, wasm: 0, other: 0 };
    for (const urlPath of files) {
      let bytes;
      try {
        bytes = readFileSync(fileOf(dist, urlPath));
      } catch {
        continue; // a 404 (already counted as the 404 page's HTML)
      }
      const kind = KIND[extname(urlPath)] ?? (urlPath.endsWith('/') ? 'html' : 'other');
      const size = gzipSize(bytes);
      sums[kind] += size;
      if (kind === 'wasm') wasmSizes.set(urlPath, { raw: bytes.length, gzip: size });
    }
    const total = Object.values(sums).reduce((a, b) => a + b, 0);
    const form = sums.wasm > 0;
    const limit = form ? BUDGET.form : BUDGET.reading;
    const scriptFree = form || sums.js === 0;
    const ok = total <= limit && scriptFree;
    if (!ok) failures += 1;
    totals[form ? 'form' : 'reading'].push({ path: path || '/', total, ok, js: sums.js });
    const verdict = `${form ? 'formulaire' : 'lecture'} ≤ ${limit / KB} Ko${form ? '' : ', sans JS'} : ${ok ? 'OK' : 'DÉPASSÉ'}`;
    console.log((path || '/').padEnd(26), ...[sums.html, sums.css, sums.js, sums.wasm, sums.other].map((s) => kb(s).padStart(9)),
      kb(total).padStart(11), '', verdict);
  }
  for (const [path, { raw, gzip }] of wasmSizes) {
    const ok = gzip <= BUDGET.wasm;
    if (!ok) failures += 1;
    console.log(`${path} : ${kb(raw)} brut, ${kb(gzip)} gzip (budget ≤ 50 Ko gzip : ${ok ? 'OK' : 'DÉPASSÉ'})`);
  }
  if (wasmSizes.size === 0) console.log('aucune page ne charge de WebAssembly (site construit avec --no-wasm ?)');
  record(opts.figures, rows(totals, wasmSizes));
  await browser.close();
  await server.close();
  process.exitCode = failures ? 1 : 0;
}

await main();
