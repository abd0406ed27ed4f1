// The site's service worker (generator/src/offline.rs) in Chromium: once the form has been visited,
// the form, the self-check and a reading page work with the server stopped; a rebuild is shown at the
// next visit with a connection, and a draft typed before it is still there; a site published in a
// sub-folder works the same; `explor serve` previews never register a worker and remove one left on
// their origin.
//
// Each test builds its own copy of the fixture site (tests/browser/fixture-site.sh, with EXPLOR_BIN)
// and serves it with a server of its own that it stops: Playwright's offline mode does not cut a
// service worker's requests, a stopped server does.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { createServer } from 'node:http';
import { appendFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

import { launch, explorBin, fieldId } from './support.js';

const run = promisify(execFile);
const here = dirname(fileURLToPath(import.meta.url));

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

/** The fixture project and its site in a new folder: { work, project, dist }. */
async function fixture() {
  const work = await mkdtemp(join(tmpdir(), 'explor-offline-'));
  await run(join(here, 'fixture-site.sh'), [explorBin, work]);
  return { work, project: join(work, 'project'), dist: join(work, 'dist') };
}

/** Builds `project` into `out` (a rebuild replaces the folder: the server reads it by path). */
async function build(project, out, extra = []) {
  await run(explorBin, ['build', '--root', project, '--out', out, ...extra]);
}

/**
 * Serves `root` under `prefix` on `port` (0: a free one) like a static host, until `stop()`, which
 * also closes the open connections: the browser then finds nobody, as on a train.
 */
async function host(root, { port = 0, prefix = '/' } = {}) {
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    if (!path.startsWith(prefix)) return res.writeHead(404).end();
    let file = normalize(join(root, path.slice(prefix.length)));
    if (!file.startsWith(root + sep) && file !== root) return res.writeHead(403).end();
    if (path.endsWith('/')) file = join(file, 'index.html');
    try {
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
      res.end(body);
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    }
  });
  await new Promise((ok) => server.listen(port, '127.0.0.1', ok));
  const bound = server.address().port;
  return {
    port: bound,
    url: `http://127.0.0.1:${bound}${prefix}`,
    stop: () =>
      new Promise((ok) => {
        server.close(ok);
        server.closeAllConnections();
      }),
  };
}

/** A browser that lets service workers run (the other test files block them). */
const browserWithWorkers = () => launch({ serviceWorkers: 'allow' });

/** Opens `url` and waits until the form or the self-check is wired by its module. */
async function openApp(page, url) {
  const response = await page.goto(url);
  await page.waitForSelector('#app:not([hidden])');
  return response;
}

// The pages' policy forbids `eval`, which `page.waitForFunction` needs: the waits below are
// promises evaluated in the page, settled by the service worker's own events.

/** Waits until the page is controlled by an activated service worker: a state, not a time. */
async function waitForControl(page) {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) {
      await new Promise((ok) => navigator.serviceWorker.addEventListener('controllerchange', ok, { once: true }));
    }
  });
}

/**
 * Waits until a new worker has taken over (its activation done, the page controlled by it) and this
 * site's only cache is no longer `previous`. Each round waits for the update's next step: a worker
 * found, or one of the registration's workers changing state.
 */
async function waitForNewCache(page, previous) {
  await page.evaluate(async (old) => {
    const registration = await navigator.serviceWorker.getRegistration();
    for (;;) {
      const step = new Promise((ok) => {
        registration.addEventListener('updatefound', ok, { once: true });
        for (const worker of [registration.installing, registration.waiting, registration.active]) {
          worker?.addEventListener('statechange', ok, { once: true });
        }
      });
      const names = (await caches.keys()).filter((n) => n.startsWith('explor '));
      if (names.length === 1 && names[0] !== old && registration.active?.state === 'activated') return;
      await step;
    }
  }, previous);
}

/**
 * Waits until the origin has no service worker left. The worker that removes itself reloads the
 * pages it controlled: each round waits for that reload when a registration is still there.
 */
async function waitForNoRegistration(page) {
  for (;;) {
    const reloaded = page.waitForEvent('framenavigated');
    reloaded.catch(() => null);
    const count = await page
      .evaluate(async () => (await navigator.serviceWorker.getRegistrations()).length)
      .catch(() => -1); // the page was reloaded while asked
    if (count === 0) return;
    await reloaded;
    await page.waitForLoadState();
  }
}

/** This site's caches, as the page sees them. */
const explorCaches = (page) =>
  page.evaluate(async () => (await caches.keys()).filter((name) => name.startsWith('explor ')));

/** The form is usable: an amount typed in the budget updates the total. */
async function assertFormUsable(page) {
  await page.fill(`#${fieldId('budget.expenses[0].amount_cents')}`, '1 234,56');
  await page
    .locator('#figures [data-figure="total_expenses_cents"]')
    .filter({ hasText: /^1\D?234,56\D*$/ })
    .waitFor();
}

test('once the form is visited, the form, the self-check and a reading page work with the server stopped', async () => {
  const site = await fixture();
  const server = await host(site.dist);
  const browser = await browserWithWorkers();
  try {
    const page = browser.context.pages()[0] ?? (await browser.context.newPage());
    await openApp(page, `${server.url}candidature/`);
    await waitForControl(page);
    await server.stop();
    const problems = [];
    page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
    page.on('pageerror', (e) => problems.push(String(e)));
    const foreign = [];
    browser.context.on('request', (r) => !r.url().startsWith(server.url) && foreign.push(r.url()));

    const form = await openApp(page, `${server.url}candidature/`);
    assert.ok(form.fromServiceWorker(), 'the form comes from the worker');
    await assertFormUsable(page);

    await openApp(page, `${server.url}eligibilite/`);
    // The first verdict is written in the task after the page shows, then the verdict is live.
    await page.locator('#verdict[aria-live]').waitFor();
    const before = await page.locator('#verdict-text').innerText();
    await page.check('[name="applicant.legal_form"][value="association_1901"]');
    await page.locator('#verdict-text').filter({ hasNotText: before }).waitFor();

    // Never visited, kept at installation.
    const reading = await page.goto(`${server.url}appel/`);
    assert.equal(reading.status(), 200);
    assert.ok(reading.fromServiceWorker());
    assert.match(await page.locator('h1').innerText(), /appel/i);
    assert.equal(await page.locator('script[src]').count(), 0, 'the reading pages stay without script');
    assert.deepEqual(problems, [], 'no error offline');
    assert.deepEqual(foreign, [], 'nothing asked of another origin');
  } finally {
    await browser.close();
    await server.stop();
    await rm(site.work, { recursive: true, force: true });
  }
});

test('a rebuild is shown at the next visit with a connection, and a draft typed before it is kept', async () => {
  const site = await fixture();
  const server = await host(site.dist);
  const browser = await browserWithWorkers();
  const added = 'Paragraphe ajouté pour vérifier la mise à jour du site.';
  const name = 'Association des Amis du rail';
  try {
    const page = browser.context.pages()[0] ?? (await browser.context.newPage());
    await openApp(page, `${server.url}candidature/`);
    await waitForControl(page);
    await page.fill(`#${fieldId('applicant.name')}`, name);
    const saved = await page.evaluate((text) => Object.values(localStorage).some((v) => v.includes(text)), name);
    assert.ok(saved, 'the draft is saved as it is typed');
    const [old] = await explorCaches(page);
    assert.ok(old, 'the worker keeps a cache');

    await appendFile(join(site.project, 'content/pages/appel.md'), `\n${added}\n`);
    await build(site.project, site.dist);
    await page.goto(`${server.url}appel/`);
    assert.ok(await page.getByText(added).isVisible(), 'the rebuilt page is shown at once');

    // The new build is a new worker: it installs, takes over and forgets the old cache.
    await waitForNewCache(page, old);
    await openApp(page, `${server.url}candidature/`);
    assert.equal(await page.inputValue(`#${fieldId('applicant.name')}`), name, 'the draft is kept');

    await server.stop();
    await page.goto(`${server.url}appel/`);
    assert.ok(await page.getByText(added).isVisible(), 'offline, the new version is the one kept');
    await openApp(page, `${server.url}candidature/`);
    assert.equal(await page.inputValue(`#${fieldId('applicant.name')}`), name, 'the draft, offline');
  } finally {
    await browser.close();
    await server.stop();
    await rm(site.work, { recursive: true, force: true });
  }
});

test('a site published in a sub-folder keeps its worker to its folder and works offline', async () => {
  const site = await fixture();
  const out = join(site.work, 'sub');
  await build(site.project, out, ['--base-url', '/explor/']);
  const server = await host(out, { prefix: '/explor/' });
  const browser = await browserWithWorkers();
  try {
    const page = browser.context.pages()[0] ?? (await browser.context.newPage());
    await openApp(page, `${server.url}candidature/`);
    await waitForControl(page);
    const scope = await page.evaluate(async () => (await navigator.serviceWorker.ready).scope);
    assert.equal(scope, server.url);
    await server.stop();
    const reading = await page.goto(`${server.url}appel/`);
    assert.equal(reading.status(), 200);
    await openApp(page, `${server.url}eligibilite/`);
  } finally {
    await browser.close();
    await server.stop();
    await rm(site.work, { recursive: true, force: true });
  }
});

/** Starts `explor serve` on `port`; resolves once it listens, to its process. */
async function explorServe(project, out, port) {
  const child = spawn(explorBin, ['serve', '--root', project, '--out', out, '--port', String(port)], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  await new Promise((ok, fail) => {
    let text = '';
    child.stdout.on('data', (chunk) => {
      text += chunk;
      if (text.includes('Aperçu')) ok();
    });
    child.on('exit', (code) => fail(new Error(`explor serve ended (${code}): ${text}`)));
  });
  return child;
}

test('explor serve registers no worker, and removes one a published copy left on its origin', async () => {
  const site = await fixture();
  const published = await host(site.dist);
  const browser = await browserWithWorkers();
  let preview;
  try {
    const page = browser.context.pages()[0] ?? (await browser.context.newPage());
    await openApp(page, `${published.url}candidature/`);
    await waitForControl(page);
    await published.stop();

    // The preview on the same origin: the left worker asks it for its update and gets one that
    // removes itself.
    preview = await explorServe(site.project, join(site.work, 'preview'), published.port);
    await openApp(page, `${published.url}candidature/`);
    assert.equal(await page.locator('script[data-explor-offline]').count(), 0, 'no registration');
    await waitForNoRegistration(page);
    assert.deepEqual(await explorCaches(page), [], 'the left caches are deleted');
    await page.reload();
    await page.waitForSelector('#app:not([hidden])');
    assert.equal(await page.evaluate(() => navigator.serviceWorker.controller), null);
    assert.deepEqual(await page.evaluate(async () => (await navigator.serviceWorker.getRegistrations()).length), 0);
  } finally {
    await browser.close();
    if (preview) {
      const ended = new Promise((ok) => preview.once('exit', ok));
      preview.kill('SIGTERM');
      await ended;
    }
    await published.stop();
    await rm(site.work, { recursive: true, force: true });
  }
});
