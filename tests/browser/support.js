// Shared helpers of the browser tests: a tiny static server for the built site, a headless Chromium
// with a fresh profile, and small page utilities. The site is read from EXPLOR_DIST (default
// ../../dist), the `explor` binary from EXPLOR_BIN (default ../../target/release/explor).
//
// The site must be built from the real pages and theme with the tests' frozen 2025 edition
// (`fixture-site.sh` builds it; scripts/test does so), not from the live content/: the tests' dates
// are that edition's, so `explor new-edition` on content/ leaves them true. `serve` refuses to serve
// EXPLOR_DIST when it was built from another edition, with a message that says so.

import { createServer } from 'node:http';
import { readFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve, extname, normalize, sep, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
export const dist = resolve(here, process.env.EXPLOR_DIST ?? '../../dist');
export const explorBin = resolve(here, process.env.EXPLOR_BIN ?? '../../target/release/explor');
/** The tests' sample dossiers, written for the frozen edition. */
export const dossiers = resolve(here, '../fixtures/dossiers');
/** The frozen edition the site is built from, as `explor check --content` reads it. */
export const frozenEdition = resolve(here, '../fixtures/editions/explor-2025');
/** What the tests' dates assume of that edition. */
export const FROZEN = { id: 'explor-2025-hauts-de-france', deadline: '2025-06-15' };
export const axePath = join(here, 'node_modules', 'axe-core', 'axe.min.js');

/** Fails unless the site in `root` was built with the frozen edition (its published edition.json). */
async function assertFrozenEdition(root) {
  const edition = JSON.parse(await readFile(join(root, 'edition.json'), 'utf8'));
  const found = { id: edition.id, deadline: edition.dates?.deadline };
  if (found.id !== FROZEN.id || found.deadline !== FROZEN.deadline) {
    throw new Error(
      `${root} was built from edition ${JSON.stringify(found)}, not the tests' frozen edition ` +
        `${JSON.stringify(FROZEN)}: build it with tests/browser/fixture-site.sh and set EXPLOR_DIST.`,
    );
  }
}

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.xml': 'application/xml',
  '.txt': 'text/plain; charset=utf-8',
  '.ics': 'text/calendar; charset=utf-8',
};

/** Serves `root` on a free loopback port; resolves to { url, close }. */
export async function serve(root = dist) {
  // The built site under test (other roots are the tests' own pages, or copies of it).
  if (root === dist) await assertFrozenEdition(root);
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    let file = normalize(join(root, path));
    if (!file.startsWith(root + sep) && file !== root) {
      res.writeHead(403).end();
      return;
    }
    if (path.endsWith('/')) file = join(file, 'index.html');
    try {
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
      res.end(body);
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    }
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () => new Promise((ok) => server.close(ok)),
  };
}

const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  // Date fields then read and show dates as jj/mm/aaaa, as for a person in France.
  '--lang=fr-FR',
];

/** A headless Chromium with a fresh profile: resolves to { context, close }. */
export async function launch(contextOptions = {}) {
  const profile = await mkdtemp(join(tmpdir(), 'explor-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: FLAGS,
    headless: true,
    acceptDownloads: true,
    locale: 'fr-FR',
    timezoneId: 'Europe/Paris',
    // The site's service worker would answer some requests itself, out of reach of the tests'
    // routes: only offline.test.js, which is about it, lets it run.
    serviceWorkers: 'block',
    ...contextOptions,
  });
  return {
    context,
    close: async () => {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

/**
 * Opens the application page and waits until the WebAssembly module has wired it (the form is
 * shown). Collects console errors and dialogs in `page.problems`.
 */
export async function openForm(context, base, { clean = true } = {}) {
  const page = context.pages()[0] ?? (await context.newPage());
  page.problems = [];
  page.dialogs = [];
  page.on('pageerror', (e) => page.problems.push(String(e)));
  page.on('console', (m) => {
    if (m.type() === 'error') page.problems.push(m.text());
  });
  page.on('dialog', async (d) => {
    page.dialogs.push(d.type());
    // Leaving with unsaved changes asks for confirmation: the tests do leave on purpose.
    if (d.type() === 'beforeunload') await d.accept();
    else await d.dismiss();
  });
  await page.goto(`${base}candidature/`);
  await page.waitForSelector('#app:not([hidden])');
  if (clean) {
    await page.evaluate(() => localStorage.clear());
    await page.reload();
    await page.waitForSelector('#app:not([hidden])');
  }
  return page;
}

/** The id the shell derives from a dossier path (`budget.expenses[2].label` → `f-budget-expenses-2-label`). */
export function fieldId(path) {
  return 'f-' + path.replace(/[.[]/g, '-').replace(/]/g, '');
}
