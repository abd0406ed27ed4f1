// The end of the applicant's journey on a phone (390 × 844) and with the keyboard alone: the check
// before downloading and its three choices, the answers to check with « Modifier », the dossier
// with its reference, the readable copy printed on A4, « Envoyer » (Web Share with the file, or a
// mailto:), « Et ensuite ? », and the partner's one-page summary. axe-core on each new state.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

import { serve, launch, openForm, axePath, dossiers, explorBin, frozenEdition } from './support.js';
import { fillValidApplication, press } from './keyboard.js';

const run = promisify(execFile);
const here = dirname(fileURLToPath(import.meta.url));
const shots = resolve(here, '../../docs/screenshots');
const PHONE = { width: 390, height: 844 };
const OPEN_INSTANT = new Date('2025-06-01T10:00:00+02:00');
const OPEN_DAY = '2025-06-01';

let server;
let work;
before(async () => {
  server = await serve();
  work = await mkdtemp(join(tmpdir(), 'explor-send-'));
});
after(async () => {
  await server?.close();
  await rm(work, { recursive: true, force: true });
});

/** A phone-sized browser at a day of the call, the form open, `init` run in every page first. */
async function phone(init) {
  // axe is injected as a script: the page's Content-Security-Policy is bypassed for it alone.
  const browser = await launch({ viewport: PHONE, bypassCSP: true });
  await browser.context.clock.setFixedTime(OPEN_INSTANT);
  // Printing is the browser's dialog: the tests print with page.pdf() instead.
  await browser.context.addInitScript(() => {
    window.print = () => {
      window.__printed = (window.__printed ?? 0) + 1;
    };
  });
  if (init) await browser.context.addInitScript(init);
  const page = await openForm(browser.context, server.url);
  return { browser, page };
}

async function violations(page) {
  if (!(await page.evaluate(() => Boolean(window.axe)))) await page.addScriptTag({ path: axePath });
  return page.evaluate(async () => {
    const found = await window.axe.run(document);
    return found.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
}

/** Presses the button `action` with the keyboard and saves the download: { name, text }. */
async function downloadWith(page, action) {
  const waiting = page.waitForEvent('download');
  await press(page, `[data-action="${action}"]`, 'Enter');
  const download = await waiting;
  const path = join(work, `${Date.now()}-${download.suggestedFilename()}`);
  await download.saveAs(path);
  return { name: download.suggestedFilename(), path, text: await readFile(path, 'utf8') };
}

/** The number of pages of a PDF made by Chromium (its page objects). */
function pageCount(pdf) {
  const text = pdf.toString('latin1');
  const pages = (text.match(/\/Type\s*\/Page(?![s\w])/g) ?? []).length;
  // The page tree says the same: a count that disagrees would mean the PDF was misread.
  assert.deepEqual(text.match(/\/Type\s*\/Pages\b[^>]*?\/Count\s+(\d+)/)?.slice(1).map(Number) ?? [pages], [pages]);
  return pages;
}

/**
 * Prints the page on A4 and returns its page count, with the pages the printed part needs at most:
 * its height laid out for print over the A4 page's printable height (297 mm less the 2 × 15 mm
 * margins of the style sheet), plus one for the parts kept whole across a page break.
 */
async function printA4(page, selector) {
  const mm = 96 / 25.4;
  const viewport = page.viewportSize();
  // Laid out as on the paper: the A4 page's printable width, print media.
  await page.setViewportSize({ width: Math.floor((210 - 30) * mm), height: viewport.height });
  await page.emulateMedia({ media: 'print' });
  const laidOut = await page.evaluate((s) => {
    const printed = document.querySelector(s);
    const shown = [...document.body.querySelectorAll('*')].filter(
      (el) => el.getClientRects().length > 0 && !printed.contains(el) && !el.contains(printed),
    );
    return { height: printed.getBoundingClientRect().height, others: shown.map((el) => el.id || el.tagName) };
  }, selector);
  await page.emulateMedia({ media: null });
  await page.setViewportSize(viewport);
  const pages = pageCount(await page.pdf({ format: 'A4' }));
  return { pages, most: Math.ceil(laidOut.height / ((297 - 30) * mm)) + 1, others: laidOut.others };
}

/** `explor check --format json` on `file`: its report. */
async function check(file) {
  const args = ['check', '--content', frozenEdition, '--today', OPEN_DAY, '--format', 'json', file];
  const { stdout } = await run(explorBin, args).catch((e) => e);
  return JSON.parse(stdout)[0].report;
}

async function screenshot(page, selector, name) {
  // Taken only when asked for (EXPLOR_SCREENSHOTS=1), so a test run leaves the repository as it was.
  if (!process.env.EXPLOR_SCREENSHOTS) return;
  await mkdir(shots, { recursive: true });
  // At once, not smoothly: the picture is taken when the part is at the top of the screen.
  await page.evaluate((s) => {
    document.documentElement.style.scrollBehavior = 'auto';
    window.scrollTo(0, document.querySelector(s).getBoundingClientRect().top + window.scrollY);
  }, selector);
  // At the top of the screen, or as high as it goes when the page ends below it.
  await page.waitForFunction((s) => {
    const end = document.documentElement.scrollHeight - window.innerHeight;
    return Math.abs(document.querySelector(s).getBoundingClientRect().top) < 2 || window.scrollY >= end - 1;
  }, selector);
  await page.screenshot({ path: join(shots, name) });
}

/** A browser without Web Share (most desktop browsers): the mailto: is the way to send. */
function noShare() {
  delete Navigator.prototype.canShare;
  delete Navigator.prototype.share;
}

test('a complete dossier: answers to check with « Modifier », then the file, its readable copy on A4, mailto and « Et ensuite ? »', async (t) => {
  const { browser, page } = await phone(noShare);
  try {
    await fillValidApplication(page);
    await press(page, '[data-action="download"]', 'Enter');
    await page.waitForSelector('#recap-title:focus');
    assert.equal(await page.locator('#send-choices').isHidden(), true);
    assert.equal(await page.locator('#error-summary').isHidden(), true);
    const sections = await page.locator('#recap-body .recap__head a').allTextContents();
    assert.deepEqual(
      sections.map((s) => s.trim()),
      ['Modifier : Association', 'Modifier : Personne à contacter', 'Modifier : Partenaire', 'Modifier : Mission', 'Modifier : Budget', 'Modifier : Engagements'],
    );
    assert.match(await page.locator('#recap-body').innerText(), /Diagnostic du réseau d’irrigation/);
    assert.deepEqual(await violations(page), []);

    // « Modifier » takes the focus back to its section of the form.
    await press(page, '#recap-body .recap__head:nth-of-type(5) a', 'Enter');
    assert.equal(await page.evaluate(() => document.activeElement.dataset.label), 'Budget');
    assert.equal(await page.evaluate(() => document.activeElement.tagName), 'FIELDSET');
    await page.locator('[data-action="download"]').focus();
    await page.keyboard.press('Enter');
    await page.waitForSelector('#recap-title:focus');

    const file = await downloadWith(page, 'send-final');
    const match = file.name.match(/^explor-dossier-solidarite-nord-sud-lille-2025-06-01-(EX25-[0-9A-HJKMNP-TV-Z]{4})\.json$/);
    assert.ok(match, file.name);
    const dossier = JSON.parse(file.text);
    assert.equal(dossier.reference, match[1]);
    assert.equal(dossier.status, 'final');
    assert.equal((await check(file.path)).complete, true);
    await page.waitForSelector('#sent-title:focus');
    assert.match(await page.locator('#sent-file').innerText(), new RegExp(match[1]));

    // The readable copy: the reference, when it was made, the verdict, euros and the budget's totals.
    const copy = await page.locator('#copy').innerText();
    for (const expected of [match[1], '1er juin 2025 à 10\u00a0h\u00a000', 'Dossier complet', 'Sénégal', '6 octobre 2025', '2\u202f000,00\u00a0€']) {
      assert.ok(copy.includes(expected), `${expected} missing from the copy`);
    }
    assert.equal(await page.locator('#copy table').count(), 2);
    assert.match(await page.locator('#copy table tfoot').first().innerText(), /Total\s+2\u202f000,00\u00a0€/);
    assert.doesNotMatch(copy, /amount_cents|"SN"/);

    // No Web Share in this browser: the mailto: to the network, subject and body filled.
    assert.equal(await page.locator('#share-button').isHidden(), true);
    const href = await page.getAttribute('#send-mail', 'href');
    const url = new URL(href);
    assert.equal(url.protocol, 'mailto:');
    const email = (await page.locator('.send a[href^="mailto:"]').first().innerText()).trim();
    assert.equal(decodeURIComponent(url.pathname), email);
    const subject = url.searchParams.get('subject');
    assert.ok(subject.includes('Solidarité Nord–Sud Lille'), subject);
    assert.ok(subject.includes('Diagnostic du réseau d’irrigation'), subject);
    assert.ok(subject.includes(match[1]), subject);
    assert.ok(url.searchParams.get('body').includes(file.name), url.searchParams.get('body'));
    const next = await page.locator('#sent').innerText();
    assert.match(next, /Et ensuite/);
    assert.match(next, /du 16 juin 2025 au 1er juillet 2025/);
    assert.match(next, /début juillet 2025/);
    assert.match(next, /corriger un dossier déjà envoyé/);
    assert.deepEqual(await violations(page), []);
    await screenshot(page, '#sent', 'envoi-telephone.png');
    await screenshot(page, '#copy-section', 'copie-lisible-telephone.png');

    // Printed: the readable copy alone, on as few A4 pages as it needs.
    await press(page, '[data-action="print"]', 'Enter');
    assert.equal(await page.evaluate(() => window.__printed), 1);
    const printed = await printA4(page, '#copy-section');
    assert.deepEqual(printed.others, [], 'only the readable copy is laid out in print');
    assert.ok(printed.pages >= 1 && printed.pages <= printed.most, JSON.stringify(printed));
    assert.ok(printed.pages <= 3, `${printed.pages} pages`);
    t.diagnostic(`readable copy: ${printed.pages} A4 pages (at most ${printed.most} for its height)`);

    // The partner's summary: plain text, copied as shown, printed on one page.
    const summary = await page.locator('#partner-text').innerText();
    for (const expected of ['Les pompes tombent en panne', 'Établir un diagnostic', 'Visites des parcelles', 'du 6 octobre au 17 octobre 2025 (12 jours)', 'Thiès, Sénégal', match[1]]) {
      assert.ok(summary.includes(expected), `${expected} missing from ${summary}`);
    }
    await browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
    await press(page, '[data-action="copy-partner"]', 'Enter');
    await page.waitForSelector('#partner-status:not(:empty)');
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), await page.locator('#partner-text').textContent());
    await press(page, '[data-action="print-partner"]', 'Enter');
    const partner = await printA4(page, '#partner-summary');
    assert.deepEqual(partner.others, [], 'only the partner summary is laid out in print');
    assert.equal(partner.pages, 1);
    t.diagnostic(`partner summary: ${partner.pages} A4 page`);
    assert.deepEqual(await violations(page), []);
    await screenshot(page, '#partner-summary', 'resume-partenaire-telephone.png');
    assert.deepEqual(page.problems, []);
  } finally {
    await browser.close();
  }
});

test('with errors the download shows the summary and three choices: correct, a draft, or as it is', async () => {
  const { browser, page } = await phone();
  try {
    await page.fill('#f-applicant-name', 'Les Amis de Thiès');
    await press(page, '[data-action="download"]', 'Enter');
    await page.waitForSelector('#send-choices-title:focus');
    assert.equal(await page.locator('#error-summary').isVisible(), true);
    const errors = await page.locator('#error-summary-list li').count();
    assert.ok(errors > 5, `${errors} errors`);
    assert.match(await page.locator('#send-choices-count').innerText(), new RegExp(`Il y a ${errors}\u00a0problèmes`));
    assert.deepEqual(await violations(page), []);
    await screenshot(page, '#send-choices', 'choix-incomplet-telephone.png');

    // Correct: to the error summary.
    await press(page, '[data-action="correct"]', 'Enter');
    await page.waitForSelector('#error-summary:focus');
    assert.equal(await page.locator('#send-choices').isHidden(), true);

    // A draft: status "draft", with the dossier's reference.
    await page.locator('[data-action="download"]').focus();
    await page.keyboard.press('Enter');
    await page.waitForSelector('#send-choices-title:focus');
    const draft = await downloadWith(page, 'save-draft');
    assert.match(draft.name, /^explor-brouillon-les-amis-de-thies-2025-06-01\.json$/);
    const saved = JSON.parse(draft.text);
    assert.equal(saved.status, 'draft');
    assert.match(saved.reference, /^EX25-[0-9A-Z]{4}$/);

    // As it is: the same reference, status "final", and a readable copy that says « incomplet »
    // and why, with the findings as the staff's check gives them.
    await page.locator('[data-action="download"]').focus();
    await page.keyboard.press('Enter');
    await page.waitForSelector('#send-choices-title:focus');
    const sent = await downloadWith(page, 'send-anyway');
    assert.ok(sent.name.endsWith(`-${saved.reference}.json`), sent.name);
    const dossier = JSON.parse(sent.text);
    assert.equal(dossier.reference, saved.reference);
    assert.equal(dossier.status, 'final');
    await page.waitForSelector('#sent-title:focus');
    assert.match(await page.locator('#sent-file').innerText(), /incomplet/);
    const copy = await page.locator('#copy').innerText();
    const report = await check(sent.path);
    assert.equal(report.complete, false);
    assert.match(copy, /Dossier incomplet/);
    assert.ok(!copy.includes('Dossier complet'));
    const staffErrors = report.findings.filter((f) => f.severity === 'error');
    assert.match(copy, new RegExp(`${staffErrors.length}\u00a0erreurs à corriger`));
    for (const finding of staffErrors) assert.ok(copy.includes(finding.message), finding.message);
    assert.deepEqual(await violations(page), []);
    assert.deepEqual(page.problems, []);
  } finally {
    await browser.close();
  }
});

/** A browser that can share files: `navigator.canShare` and `navigator.share` stubbed, the share recorded. */
function stubShare() {
  Object.defineProperty(navigator, 'canShare', {
    configurable: true,
    value: (data) => Array.isArray(data?.files) && data.files.every((f) => f instanceof File),
  });
  Object.defineProperty(navigator, 'share', {
    configurable: true,
    value: async (data) => {
      const files = await Promise.all((data.files ?? []).map(async (f) => ({ name: f.name, type: f.type, text: await f.text() })));
      window.__shared = { title: data.title, text: data.text, files };
    },
  });
}

test('« Envoyer » opens the share sheet with the dossier file where the browser can share files', async () => {
  const { browser, page } = await phone(stubShare);
  try {
    await page.setInputFiles('#resume-file', join(dossiers, 'complete.json'));
    await page.waitForSelector('#resume-message:not(:empty)');
    await press(page, '[data-action="download"]', 'Enter');
    await page.waitForSelector('#recap-title:focus');
    const file = await downloadWith(page, 'send-final');
    await page.waitForSelector('#sent-title:focus');
    assert.equal(await page.locator('#share-button').isVisible(), true);
    // The mailto: stays beside it, for when sharing fails.
    assert.match(await page.getAttribute('#send-mail', 'href'), /^mailto:[^?]+@[^?]+\?subject=.+&body=.+/);
    await press(page, '#share-button', 'Enter');
    await page.waitForSelector('#share-status:not(:empty)');
    const shared = await page.evaluate(() => window.__shared);
    assert.equal(shared.files.length, 1);
    assert.equal(shared.files[0].name, file.name);
    assert.equal(shared.files[0].type, 'application/json');
    assert.equal(shared.files[0].text, file.text);
    assert.ok(shared.title.includes(JSON.parse(file.text).reference), shared.title);
    assert.match(await page.locator('#share-status').innerText(), /partagé/);
    assert.deepEqual(await violations(page), []);
    await screenshot(page, '#sent', 'envoyer-partage-telephone.png');

    // The partner's summary travels as text through the same share sheet.
    await press(page, '[data-action="share-partner"]', 'Enter');
    await page.waitForFunction(() => window.__shared?.files.length === 0);
    const text = await page.evaluate(() => window.__shared.text);
    assert.equal(text, await page.locator('#partner-text').textContent());
    assert.deepEqual(page.problems, []);
  } finally {
    await browser.close();
  }
});
