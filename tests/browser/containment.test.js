// Privacy and containment, page by page: every HTML page of the built site is served from a local
// origin and loaded in headless Chromium; the test fails on any request to another origin, any
// console error, any Content-Security-Policy violation, any cookie, a CSP meta tag missing one of its
// closed directives, a script without Subresource Integrity, or markup that would need
// 'unsafe-inline' (a style attribute, an inline script, an event handler attribute).
//
// Usage: EXPLOR_DIST=path/to/dist node --test   (default: ../../dist, relative to this folder).
// The server and browser are those of support.js: files only, no headers, so the policy must come
// from the pages themselves, as on any static host.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { dist, launch, serve } from './support.js';

/** Every `.html` file under `dir`, as paths relative to it with `/` separators. */
function htmlPages(dir, prefix = '') {
  const pages = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) pages.push(...htmlPages(join(dir, entry.name), `${prefix}${entry.name}/`));
    else if (entry.name.endsWith('.html')) pages.push(`${prefix}${entry.name}`);
  }
  return pages.sort();
}

/** The directives of a CSP text: name → list of sources. */
function parseCsp(text) {
  const directives = new Map();
  for (const part of text.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name) directives.set(name.toLowerCase(), sources);
  }
  return directives;
}

/** What is wrong with a page's CSP, as a list of sentences (empty when it is strict enough). */
function cspProblems(text, loadsModule) {
  const csp = parseCsp(text);
  const problems = [];
  const only = (name, allowed) => {
    const sources = csp.get(name);
    if (!sources) return problems.push(`${name} is missing`);
    for (const source of sources) {
      if (!allowed.includes(source)) problems.push(`${name} allows ${source}`);
    }
  };
  only('default-src', ["'self'", "'none'"]);
  only('base-uri', ["'none'", "'self'"]);
  only('form-action', ["'none'", "'self'"]);
  only('object-src', ["'none'"]);
  only('script-src', loadsModule ? ["'self'", "'wasm-unsafe-eval'"] : ["'self'", "'none'"]);
  if (loadsModule && !csp.get('script-src')?.includes("'wasm-unsafe-eval'")) {
    problems.push("script-src lacks 'wasm-unsafe-eval' on the page that runs the module");
  }
  // Every other fetch directive may only name the site itself (data: images are not requests).
  for (const [name, sources] of csp) {
    for (const source of sources) {
      const local = ["'self'", "'none'"].includes(source) || (name === 'img-src' && source === 'data:');
      if (name.endsWith('-src') && !local && !(name === 'script-src' && source === "'wasm-unsafe-eval'")) {
        problems.push(`${name} allows ${source}`);
      }
    }
  }
  return [...new Set(problems)];
}

/** Markup that a strict CSP would refuse, and scripts without integrity, from the served HTML. */
function markupProblems(document) {
  const problems = [];
  for (const element of document.querySelectorAll('*')) {
    for (const attribute of element.getAttributeNames()) {
      if (attribute === 'style') problems.push(`<${element.localName}> has a style attribute`);
      if (attribute.startsWith('on')) problems.push(`<${element.localName}> has ${attribute}=`);
    }
    const href = element.getAttribute('href') ?? element.getAttribute('src') ?? '';
    if (/^\s*javascript:/i.test(href)) problems.push(`<${element.localName}> links to javascript:`);
  }
  for (const script of document.querySelectorAll('script')) {
    const type = (script.getAttribute('type') ?? '').trim().toLowerCase();
    const executable = ['', 'module', 'text/javascript', 'application/javascript'].includes(type);
    if (!script.hasAttribute('src') && executable) problems.push('an inline script');
    if (script.hasAttribute('src') && !/^sha(256|384|512)-/.test(script.getAttribute('integrity') ?? '')) {
      problems.push(`<script src="${script.getAttribute('src')}"> has no integrity`);
    }
  }
  // Style sheets carry theirs too (issue 13): a host that changed one byte of the theme is refused.
  for (const link of document.querySelectorAll('link[rel~="stylesheet"]')) {
    if (!/^sha(256|384|512)-/.test(link.getAttribute('integrity') ?? '')) {
      problems.push(`<link rel="stylesheet" href="${link.getAttribute('href')}"> has no integrity`);
    }
  }
  if (document.querySelectorAll('style').length > 0) problems.push('a <style> element');
  return problems;
}

/**
 * Loads `url` in a new page of `context` and gathers everything the policy forbids: requests to
 * another origin, console errors, CSP violations, the page's CSP and markup as served, cookies.
 */
async function inspect(context, url) {
  const page = await context.newPage();
  const origin = new URL(url).origin;
  const found = { foreign: [], errors: [] };
  page.on('request', (request) => {
    const target = new URL(request.url());
    if (!['data:', 'blob:'].includes(target.protocol) && target.origin !== origin) {
      found.foreign.push(request.url());
    }
  });
  page.on('console', (message) => {
    if (message.type() === 'error' || /Content[- ]Security[- ]Policy/i.test(message.text())) {
      found.errors.push(`console ${message.type()}: ${message.text()}`);
    }
  });
  page.on('pageerror', (error) => found.errors.push(`uncaught: ${error.message}`));
  // Init scripts run before the page's own and are not subject to its policy.
  await page.addInitScript({
    content: `window.__violations = [];
      document.addEventListener('securitypolicyviolation', (event) => {
        window.__violations.push(event.violatedDirective + ' blocked ' + (event.blockedURI || 'inline'));
      }, true);
      window.__markupProblems = ${markupProblems.toString()};`,
  });

  const response = await page.goto(url, { waitUntil: 'networkidle' });
  found.status = response.status();
  const source = await response.text();
  // The form page is judged once its WebAssembly module has run and wired the page.
  if (source.includes('explor.') && source.includes('type="module"')) {
    await page.waitForSelector('#app:not([hidden])', { timeout: 15000 })
      .catch(() => found.errors.push('the form’s WebAssembly module did not start (#app stays hidden)'));
  }
  // The served HTML is judged as a static host would send it, before any script changes the DOM.
  Object.assign(found, await page.evaluate((html) => {
    const served = new DOMParser().parseFromString(html, 'text/html');
    const metas = [...served.querySelectorAll('meta[http-equiv]')]
      .filter((m) => m.getAttribute('http-equiv').toLowerCase() === 'content-security-policy');
    const children = [...served.head.children];
    const firstLoad = children.findIndex((e) => e.matches('script, link[rel~="stylesheet"], style'));
    return {
      csp: metas.map((m) => m.getAttribute('content')),
      cspFirst: metas.length > 0 && (firstLoad < 0 || children.indexOf(metas[0]) < firstLoad),
      loadsModule: [...served.querySelectorAll('script[src]')].some((s) => s.type === 'module'),
      markup: window.__markupProblems(served),
      violations: window.__violations,
      cookie: document.cookie,
    };
  }, source));
  found.cspProblems = found.csp.length === 1 ? cspProblems(found.csp[0], found.loadsModule) : [];
  found.cookies = await context.cookies();
  await page.close();
  return found;
}

let server;
let browser;
let pages = [];
try {
  pages = htmlPages(dist);
} catch {
  // No built site: the first test says so.
}

before(async () => {
  server = await serve(dist);
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

test('the built site has pages to check', () => {
  assert.ok(pages.length >= 3, `no built site in ${dist}: build it first (explor build)`);
  assert.ok(pages.includes('index.html'));
});

for (const path of pages) {
  test(`${path}: nothing leaves the origin, no console error, no CSP violation, no cookie`, async () => {
    const found = await inspect(browser.context, `${server.url}${path}`);
    assert.equal(found.status, 200);
    assert.deepEqual(found.foreign, [], 'requests to another origin');
    assert.deepEqual(found.errors, [], 'console errors');
    assert.deepEqual(found.violations, [], 'CSP violations');
    assert.equal(found.csp.length, 1, 'exactly one CSP meta tag');
    assert.ok(found.cspFirst, 'the CSP meta tag comes before any script or style sheet');
    assert.deepEqual(found.cspProblems, [], `CSP: ${found.csp[0]}`);
    assert.deepEqual(found.markup, [], 'markup that needs unsafe-inline, or scripts without integrity');
    assert.equal(found.cookie, '', 'document.cookie');
    assert.deepEqual(found.cookies, [], 'cookies');
  });
}

/** Pages that break every rule above, to prove that the checks see each breach. */
const BAD = {
  'lax.html': `<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'self'; script-src 'self' https://cdn.example.com; style-src 'self' 'unsafe-inline'; img-src 'self'; base-uri 'none'; form-action 'none'">
<title>lax</title><link rel="stylesheet" href="lax.css"><script src="cookie.js"></script></head>
<body><p style="color: red" onclick="alert(1)">x</p><a href="javascript:alert(2)">y</a>
<img src="https://tracker.example.com/pixel.png" alt=""><script>document.title = 'inline';</script></body></html>`,
  'open.html': `<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>open</title></head>
<body><img src="https://tracker.example.com/open.png" alt=""></body></html>`,
  'cookie.js': "document.cookie = 'suivi=1; path=/';\n",
  'lax.css': 'p { margin: 0; }\n',
};

test('the checks see each breach: foreign request, violation, lax policy, inline markup, cookie', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'explor-containment-'));
  const badServer = await serve(dir);
  const fresh = await launch();
  try {
    for (const [name, text] of Object.entries(BAD)) await writeFile(join(dir, name), text);
    const lax = await inspect(fresh.context, `${badServer.url}lax.html`);
    assert.ok(lax.violations.some((v) => v.startsWith('img-src blocked https://tracker.example.com')), lax.violations);
    assert.ok(lax.violations.some((v) => v.startsWith('script-src-elem blocked inline')), lax.violations);
    assert.ok(lax.errors.some((e) => /Content Security Policy/.test(e)), lax.errors);
    assert.deepEqual(lax.cspProblems, [
      'object-src is missing',
      'script-src allows https://cdn.example.com',
      "style-src allows 'unsafe-inline'",
    ]);
    assert.deepEqual(lax.markup, [
      '<p> has a style attribute',
      '<p> has onclick=',
      '<a> links to javascript:',
      '<script src="cookie.js"> has no integrity',
      'an inline script',
      '<link rel="stylesheet" href="lax.css"> has no integrity',
    ]);
    assert.deepEqual(lax.cookies.map((c) => c.name), ['suivi']);
    const open = await inspect(fresh.context, `${badServer.url}open.html`);
    assert.deepEqual(open.foreign, ['https://tracker.example.com/open.png']);
    assert.deepEqual(open.csp, []);
  } finally {
    await fresh.close();
    await badServer.close();
    await rm(dir, { recursive: true, force: true });
  }
});

/** A copy of the built site in which the file `static/<prefix>…<suffix>` has one byte changed. */
async function tampered(prefix, suffix) {
  const dir = await mkdtemp(join(tmpdir(), 'explor-tampered-'));
  await cp(dist, dir, { recursive: true });
  const name = readdirSync(join(dir, 'static')).find((f) => f.startsWith(prefix) && f.endsWith(suffix));
  assert.ok(name, `no static/${prefix}*${suffix} in the built site`);
  const path = join(dir, 'static', name);
  const bytes = await readFile(path);
  // A change that keeps the file valid (a comment's letter, a byte of the data section's end).
  const at = suffix === '.js' ? bytes.indexOf('//') + 2 : bytes.length - 1;
  bytes[at] = bytes[at] === 0x41 ? 0x42 : 0x41;
  await writeFile(path, bytes);
  return dir;
}

for (const [what, prefix, suffix] of [
  ['the WebAssembly module', 'validator_bg.', '.wasm'],
  ['the module’s JavaScript glue', 'validator.', '.js'],
]) {
  test(`${what}, changed on the host, is refused by its integrity and never runs`, async () => {
    const dir = await tampered(prefix, suffix);
    const host = await serve(dir);
    const fresh = await launch();
    try {
      const found = await inspect(fresh.context, `${host.url}candidature/`);
      assert.ok(found.errors.some((e) => /integrity/i.test(e)), found.errors.join('\n'));
      assert.ok(found.errors.some((e) => /did not start/.test(e)), found.errors.join('\n'));
    } finally {
      await fresh.close();
      await host.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
}

test('the style sheet, changed on the host, is refused by its integrity', async () => {
  const dir = await tampered('style.', '.css');
  const host = await serve(dir);
  const fresh = await launch();
  try {
    const found = await inspect(fresh.context, host.url);
    assert.ok(found.errors.some((e) => /integrity/i.test(e) && /style\./.test(e)), found.errors.join('\n'));
  } finally {
    await fresh.close();
    await host.close();
    await rm(dir, { recursive: true, force: true });
  }
});
