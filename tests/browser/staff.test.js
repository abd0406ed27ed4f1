// The staff page (/verification/): received dossiers chosen as files, judged by the staff's own
// WebAssembly module against the date they were sent, shown as the committee's table (sorted,
// filtered, with totals), each dossier's sheet opened and printed, the table exported as the very
// CSV of `explor check --format csv`, the bad files listed with their reasons, everything by
// keyboard, without an accessibility violation and without a request once the page is loaded.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile, copyFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

import { serve, launch, explorBin, frozenEdition, dossiers, axePath } from './support.js';
import { press, tabTo } from './keyboard.js';

const run = promisify(execFile);
/** A day inside the call period of the frozen 2025 edition. */
const OPEN_DAY = '2025-06-01';
/** The fixture dossiers that are dossiers (judged), and the files that are not. */
const GOOD = ['complete.json', 'budget-errors.json', 'ineligible.json', 'unknown-field.json'];
const BAD = ['not-json.json', 'other-edition.json', 'other-version.json'];

let server;
let work;
/** Every fixture file, and one too large to be a dossier, as paths. */
let files;

before(async () => {
  server = await serve();
  work = await mkdtemp(join(tmpdir(), 'explor-staff-'));
  // All in one folder, as `explor check` breaks ties between unreadable files by their paths.
  const big = join(work, 'trop-gros.json');
  await writeFile(big, Buffer.alloc(1024 * 1024 + 10, 0x20));
  for (const f of [...GOOD, ...BAD]) await copyFile(join(dossiers, f), join(work, f));
  // The same dossier sent twice, under another name.
  const copy = join(work, 'copie.json');
  await copyFile(join(dossiers, 'complete.json'), copy);
  files = [...GOOD, ...BAD].map((f) => join(work, f)).concat(big, copy);
});

after(async () => {
  await server?.close();
  await rm(work, { recursive: true, force: true });
});

/** The staff page, wired, on a day inside the call period; collects console errors and requests. */
async function open(options = {}) {
  const browser = await launch(options);
  await browser.context.clock.setFixedTime(new Date(`${OPEN_DAY}T10:00:00+02:00`));
  const page = await browser.context.newPage();
  page.problems = [];
  page.on('pageerror', (e) => page.problems.push(String(e)));
  page.on('console', (m) => {
    if (m.type() === 'error') page.problems.push(m.text());
  });
  await page.goto(`${server.url}verification/`);
  await page.waitForSelector('#app:not([hidden])');
  return { browser, page };
}

/** Chooses `paths` in the file input and waits for the table to show them all. */
async function choose(page, paths = files) {
  await page.setInputFiles('#staff-files', paths);
  await rows(page, paths.length);
}

/** Waits until the table shows `n` lines (a selector: the page's CSP forbids waitForFunction). */
async function rows(page, n) {
  await page.waitForSelector(`#staff-table tbody tr:nth-child(${n}):last-child`);
}

/** The table's body as lines of cell texts. */
async function lines(page) {
  return page.$$eval('#staff-table tbody tr', (rows) =>
    rows.map((r) => [...r.children].map((c) => c.textContent.trim())),
  );
}

/** `explor check` on `paths` with the frozen edition, in `format`: its standard output (any exit code). */
async function check(paths, format, today = OPEN_DAY) {
  const args = ['check', '--content', frozenEdition, '--today', today, '--format', format, ...paths];
  try {
    return (await run(explorBin, args, { encoding: 'buffer', maxBuffer: 1 << 26 })).stdout;
  } catch (e) {
    if (typeof e.code !== 'number') throw e;
    return e.stdout;
  }
}

test('the page loads its own module, not the form’s, and says that nothing leaves the browser', async () => {
  const browser = await launch();
  await browser.context.clock.setFixedTime(new Date(`${OPEN_DAY}T10:00:00+02:00`));
  const page = await browser.context.newPage();
  const requested = [];
  page.on('request', (r) => requested.push(new URL(r.url()).pathname));
  try {
    await page.goto(`${server.url}verification/`);
    await page.waitForSelector('#app:not([hidden])');
    assert.ok(requested.some((p) => /\/static\/staff_bg\.[0-9a-f]+\.wasm$/.test(p)), requested.join('\n'));
    assert.ok(!requested.some((p) => /validator/.test(p)), requested.join('\n'));
    const text = await page.textContent('main');
    assert.match(text, /aucun fichier n’est envoyé nulle part/);
    assert.match(text, /rien n’est conservé quand vous fermez l’onglet/);
    assert.equal(await page.inputValue('#staff-date'), OPEN_DAY, 'today in Paris by default');
    assert.match(await page.textContent('#staff-date-hint'), /15 juin 2025/);
    assert.ok(await page.locator('#fallback').isHidden(), 'the words for a browser without the page go once it runs');
  } finally {
    await browser.close();
  }
});

test('with scripts off, the page says what to do instead of staying dead', async () => {
  const browser = await launch({ javaScriptEnabled: false });
  try {
    const page = await browser.context.newPage();
    await page.goto(`${server.url}verification/`);
    assert.ok(await page.locator('#app').isHidden());
    const fallback = page.locator('#fallback');
    assert.ok(await fallback.isVisible());
    assert.match(await fallback.innerText(), /explor check/);
  } finally {
    await browser.close();
  }
});

test('chosen files are judged: one line each, the totals, the bad files with their reasons', async () => {
  const { browser, page } = await open();
  try {
    await choose(page);
    const json = JSON.parse((await check(files, 'json')).toString('utf8'));
    const shown = await lines(page);
    for (const entry of json) {
      const name = entry.file.split('/').pop();
      const line = shown.find((l) => l[0].startsWith(name));
      assert.ok(line, `${name} has its line`);
      if (entry.report) {
        const yes = (v) => (v ? 'oui' : 'non');
        // Éligible, Complet, Envoyé à temps, then the counts of errors and warnings.
        assert.deepEqual(line.slice(9, 14), [
          yes(entry.report.eligible),
          yes(entry.report.complete),
          yes(entry.report.on_time),
          String(entry.report.findings.filter((f) => f.severity === 'error').length),
          String(entry.report.findings.filter((f) => f.severity === 'warning').length),
        ], name);
      }
    }
    const bad = await page.$$eval('#staff-bad-list li', (items) => items.map((li) => li.textContent));
    assert.equal(bad.length, 4, bad.join('\n'));
    assert.ok(bad.some((b) => b.startsWith('copie.json') && /Doublon.*complete\.json/.test(b)), bad.join('\n'));
    assert.ok(bad.some((b) => b.startsWith('trop-gros.json') && /1 Mio/.test(b)), bad.join('\n'));
    assert.ok(bad.some((b) => b.startsWith('not-json.json') && /pas du JSON/.test(b)), bad.join('\n'));
    assert.ok(bad.some((b) => b.startsWith('other-version.json') && /version/.test(b)), bad.join('\n'));
    const total = await page.$$eval('#staff-table tfoot td', (cells) => cells.map((c) => c.textContent));
    assert.ok(total.some((t) => /\d/.test(t)), 'the totals line has the sums');
    // The table fits a laptop's screen: no sideways scrolling at 1,280 px.
    await page.setViewportSize({ width: 1280, height: 800 });
    const [wide, room] = await page.$eval('.staff-scroll', (e) => [e.scrollWidth, e.clientWidth]);
    assert.ok(wide <= room, `the table is ${wide} px wide in ${room} px`);
    assert.match(await page.textContent('#staff-tally'), /^8\s+dossiers.*1\s+doublon non compté\.$/);
    assert.deepEqual(page.problems, []);
  } finally {
    await browser.close();
  }
});

test('the table sorts by a column, both ways, by keyboard, and says so', async () => {
  const { browser, page } = await open();
  try {
    await choose(page, GOOD.map((f) => join(dossiers, f)));
    const header = '#staff-table th:has(> button[data-sort="1"])';
    await press(page, '[data-sort="1"]', 'Enter');
    await page.waitForSelector(`${header}[aria-sort="ascending"]`);
    const names = (await lines(page)).map((l) => l[1]);
    const sorted = [...names].sort((a, b) => a.localeCompare(b, 'fr'));
    assert.deepEqual(names, sorted);
    assert.match(await page.textContent('#staff-status'), /trié par Association, ordre croissant/);
    assert.equal(await page.evaluate(() => document.activeElement.dataset.sort), '1', 'focus stays');
    await page.keyboard.press('Enter');
    await page.waitForSelector(`${header}[aria-sort="descending"]`);
    assert.deepEqual((await lines(page)).map((l) => l[1]), [...sorted].reverse());
    assert.match(await page.textContent('#staff-status'), /ordre décroissant/);
    assert.equal(await page.locator('#staff-table th[aria-sort="none"]').count(), 13);
  } finally {
    await browser.close();
  }
});

test('the filter shows the complete dossiers, those with errors, the unreadable files', async () => {
  const { browser, page } = await open();
  try {
    await choose(page);
    const count = () => page.locator('#staff-table tbody tr').count();
    await page.selectOption('#staff-filter', 'unreadable');
    await rows(page, 4);
    const unreadable = (await lines(page)).map((l) => l[0]).sort();
    assert.match(unreadable[0], /^copie\.json\s*Doublon/);
    assert.deepEqual(unreadable.slice(1), ['not-json.json', 'other-version.json', 'trop-gros.json']);
    await page.selectOption('#staff-filter', 'complete');
    await rows(page, 2);
    for (const line of await lines(page)) assert.equal(line[10], 'oui');
    await page.selectOption('#staff-filter', 'errors');
    await rows(page, 3);
    for (const line of await lines(page)) assert.notEqual(line[12], '0');
    assert.match(await page.textContent('#staff-status'), /3 ligne/);
    await page.selectOption('#staff-filter', 'all');
    assert.equal(await count(), 9);
  } finally {
    await browser.close();
  }
});

test('a line opens its dossier’s sheet, which prints alone; « Imprimer tout » prints one sheet per dossier', async () => {
  const { browser, page } = await open();
  try {
    await choose(page, GOOD.map((f) => join(dossiers, f)));
    await page.locator('#staff-table button[data-open]', { hasText: 'ineligible.json' }).focus();
    await page.keyboard.press('Enter');
    await page.waitForSelector('#staff-sheet:not([hidden])');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'staff-sheet');
    const sheet = await page.textContent('#staff-sheet-body');
    assert.match(sheet, /Amitié Valparaíso Paris/);
    assert.match(sheet, /Erreurs \(3\)/);
    const mail = await page.getAttribute('#staff-sheet-body a[href^="mailto:"]', 'href');
    assert.match(mail, /^mailto:camille\.martin@example\.org\?subject=/);
    assert.match(decodeURIComponent(mail), /code postal/);

    // The browser's print dialog would hold the page (and page.pdf); the page's request is counted.
    await page.evaluate(() => {
      window.print = () => {
        document.body.dataset.printed = String(Number(document.body.dataset.printed ?? 0) + 1);
      };
    });
    await press(page, '[data-action="print-one"]', 'Enter');
    await page.waitForSelector('body[data-printed="1"]', { state: 'attached' });
    const printed = () => page.$$eval('#staff-print section.dossier', (s) => s.length);
    assert.equal(await printed(), 1);
    await page.emulateMedia({ media: 'print' });
    const shown = (selector) =>
      page.$eval(
        selector,
        (el) => el.getClientRects().length > 0 && el.offsetWidth > 0 && getComputedStyle(el).visibility === 'visible',
      );
    assert.equal(await shown('#staff-table'), false, 'only the sheet is printed');
    assert.equal(await shown('#staff-print section.dossier h2'), true, 'the sheet is printed');
    const one = pages(await page.pdf({ format: 'A4' }));
    await page.emulateMedia({ media: 'screen' });

    await press(page, '[data-action="close-sheet"]', 'Enter');
    await page.waitForSelector('#staff-sheet[hidden]', { state: 'attached' });
    assert.equal(await page.evaluate(() => document.activeElement.dataset.open !== undefined), true);

    await press(page, '[data-action="print-all"]', 'Enter');
    await page.waitForSelector('body[data-printed="2"]', { state: 'attached' });
    assert.equal(await printed(), 4);
    await page.emulateMedia({ media: 'print' });
    const all = pages(await page.pdf({ format: 'A4' }));
    assert.ok(one >= 1, `${one} page(s)`);
    assert.ok(all >= 4 && all > one, `every dossier starts a page: ${all} pages for 4 dossiers`);
  } finally {
    await browser.close();
  }
});

/** The number of pages of a PDF (its page objects). */
function pages(pdf) {
  return (pdf.toString('latin1').match(/\/Type\s*\/Page(?![s\w])/g) ?? []).length;
}

test('the CSV export is byte for byte the one of `explor check --format csv`', async () => {
  const { browser, page } = await open();
  try {
    await choose(page);
    const waiting = page.waitForEvent('download');
    await press(page, '[data-action="export-csv"]', 'Enter');
    const download = await waiting;
    assert.equal(download.suggestedFilename(), `verification-${OPEN_DAY}.csv`);
    const path = join(work, 'export.csv');
    await download.saveAs(path);
    const exported = await readFile(path);
    const expected = await check(files, 'csv');
    assert.equal(exported.toString('utf8'), expected.toString('utf8'));
    assert.ok(exported.equals(expected), 'the same bytes');
  } finally {
    await browser.close();
  }
});

test('a dossier’s own date of receipt judges it late, and the CSV says what the command says', async () => {
  const { browser, page } = await open();
  try {
    const complete = join(work, 'complete.json');
    await choose(page, [complete]);
    const field = '#staff-table input[type="date"]';
    await page.fill(field, '2025-06-20');
    await page.dispatchEvent(field, 'change');
    await page.locator('#staff-table tbody tr td:nth-child(12)', { hasText: /^non$/ }).waitFor();
    const waiting = page.waitForEvent('download');
    await press(page, '[data-action="export-csv"]', 'Enter');
    const path = join(work, 'late.csv');
    await (await waiting).saveAs(path);
    assert.ok((await readFile(path)).equals(await check([complete], 'csv', '2025-06-20')));
  } finally {
    await browser.close();
  }
});

test('nothing is requested once the page is loaded, and the page has no accessibility violation', async () => {
  // axe is injected as a script: the page's Content-Security-Policy is bypassed for it alone.
  const { browser, page } = await open({ bypassCSP: true });
  try {
    const requested = [];
    page.on('request', (r) => requested.push(r.url()));
    await choose(page);
    await press(page, '[data-sort="8"]', 'Enter');
    await page.selectOption('#staff-filter', 'all');
    await press(page, '#staff-table button[data-open]', 'Enter');
    await page.waitForSelector('#staff-sheet:not([hidden])');
    const waiting = page.waitForEvent('download');
    await press(page, '[data-action="export-csv"]', 'Enter');
    await waiting;
    assert.deepEqual(requested.filter((u) => !u.startsWith('blob:')), []);
    await page.addScriptTag({ path: axePath });
    const violations = await page.evaluate(async () => {
      const found = await window.axe.run(document);
      return found.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    });
    assert.deepEqual(violations, []);
  } finally {
    await browser.close();
  }
});

test('a folder can be chosen, and files dropped on the page', async () => {
  const { browser, page } = await open();
  try {
    const folder = join(work, 'dossier-recu');
    await mkdir(folder, { recursive: true });
    for (const f of ['complete.json', 'ineligible.json']) await copyFile(join(dossiers, f), join(folder, f));
    await page.setInputFiles('#staff-folder', folder);
    await rows(page, 2);
    const transfer = await page.evaluateHandle(async (texts) => {
      const dt = new DataTransfer();
      for (const [name, text] of texts) dt.items.add(new File([text], name, { type: 'application/json' }));
      return dt;
    }, [['budget-errors.json', await readFile(join(dossiers, 'budget-errors.json'), 'utf8')]]);
    await page.dispatchEvent('#staff-drop', 'drop', { dataTransfer: transfer });
    await rows(page, 3);
    const names = (await lines(page)).map((l) => l[0]).sort();
    assert.deepEqual(names, ['budget-errors.json', 'complete.json', 'ineligible.json']);
    assert.deepEqual(page.problems, []);
  } finally {
    await browser.close();
  }
});

test('the files can be chosen by keyboard alone', async () => {
  const { browser, page } = await open();
  try {
    await tabTo(page, '#staff-files');
    const chooser = page.waitForEvent('filechooser');
    await page.keyboard.press('Space');
    await (await chooser).setFiles(GOOD.map((f) => join(dossiers, f)));
    await rows(page, 4);
    await tabTo(page, '[data-sort="0"]');
    await tabTo(page, '#staff-table button[data-open]');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#staff-sheet:not([hidden])');
  } finally {
    await browser.close();
  }
});
