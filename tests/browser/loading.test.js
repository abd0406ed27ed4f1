// How the interactive pages load their WebAssembly module (issue 18, point 3): fetched by the loader
// (`async` from <head>, its glue preloaded) and compiled while the page is read, it must be fetched
// once, load without a console warning, and start the form when a host serves the `.wasm` with a
// wrong type (streaming compilation refused: the loader compiles the bytes instead).
//
// Usage: EXPLOR_DIST=path/to/dist node --test loading.test.js (see support.js).

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';

import { dist, launch, serve } from './support.js';

const PAGES = ['candidature/', 'eligibilite/'];
/** Each page's own module (generator/src/bundle.rs): the self-check does not download the form's. */
const MODULE = { 'candidature/': 'validator_bg', 'eligibilite/': 'eligibilite_bg' };

let server;
let browser;

before(async () => {
  server = await serve(dist);
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/** Loads `url` in a fresh page; the module's requests and the console's messages until the form shows. */
async function load(url) {
  const page = await browser.context.newPage();
  const modules = [];
  const console = [];
  page.on('request', (request) => {
    if (request.url().endsWith('.wasm')) modules.push(request.url());
  });
  page.on('console', (message) => console.push(`${message.type()}: ${message.text()}`));
  page.on('pageerror', (error) => console.push(`pageerror: ${error.message}`));
  await page.goto(url, { waitUntil: 'networkidle' });
  await page.waitForSelector('#app:not([hidden])', { state: 'visible' });
  await page.close();
  return { modules, console };
}

for (const path of PAGES) {
  test(`${path}: the module is fetched once, and loads without a console message`, async () => {
    const found = await load(`${server.url}${path}`);
    assert.equal(found.modules.length, 1, `requests of the .wasm: ${found.modules.join(', ')}`);
    assert.match(found.modules[0], new RegExp(`/static/${MODULE[path]}\\.[0-9a-f]+\\.wasm$`));
    // The test browser blocks service workers (support.js) and says so: the harness, not the page.
    const ours = found.console.filter((m) => !/Service Worker registration blocked by Playwright/.test(m));
    assert.deepEqual(ours, []);
  });
}

/** The built site served with every `.wasm` as `application/octet-stream`, as a careless host would. */
async function wrongTypeServer() {
  const root = normalize(dist);
  const http = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    let file = normalize(join(root, path));
    if (!file.startsWith(root + sep)) return res.writeHead(403).end();
    if (path.endsWith('/')) file = join(file, 'index.html');
    try {
      const body = await readFile(file);
      const type = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css' }[extname(file)];
      res.writeHead(200, { 'content-type': type ?? 'application/octet-stream' }).end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise((ok) => http.listen(0, '127.0.0.1', ok));
  return { url: `http://127.0.0.1:${http.address().port}/`, close: () => new Promise((ok) => http.close(ok)) };
}

test('the form starts when the host serves the module with a wrong type', async () => {
  const careless = await wrongTypeServer();
  try {
    const found = await load(`${careless.url}candidature/`);
    assert.equal(found.modules.length, 1);
    assert.ok(!found.console.some((m) => m.startsWith('pageerror')), found.console.join('\n'));
  } finally {
    await careless.close();
  }
});
