// The application form in a real browser: filling with the keyboard alone, the downloaded dossier
// judged by `explor check`, errors and their summary, figures, drafts, hostile input, time zones.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

import { serve, launch, openForm, explorBin, frozenEdition, fieldId } from './support.js';
import { fillValidApplication, press } from './keyboard.js';

const run = promisify(execFile);
/** A day inside the call period of the frozen 2025 edition (its deadline is 2025-06-15, Paris time). */
const OPEN_DAY = '2025-06-01';
const OPEN_INSTANT = new Date('2025-06-01T10:00:00+02:00');

let server;
let work;
before(async () => {
  server = await serve();
  work = await mkdtemp(join(tmpdir(), 'explor-browser-'));
});
after(async () => {
  await server?.close();
  await rm(work, { recursive: true, force: true });
});

/** A fresh browser whose clock reads `instant`, with the form open and no stored draft. */
async function formAt(instant = OPEN_INSTANT, options = {}) {
  const browser = await launch(options);
  await browser.context.clock.setFixedTime(instant);
  const page = await openForm(browser.context, server.url);
  return { browser, page };
}

/** Downloads through the button `action` with the keyboard; returns { name, path, text }. */
async function downloadWith(page, action) {
  const waiting = page.waitForEvent('download');
  await press(page, `[data-action="${action}"]`, 'Enter');
  const download = await waiting;
  const path = join(work, `${Date.now()}-${download.suggestedFilename()}`);
  await download.saveAs(path);
  return { name: download.suggestedFilename(), path, text: await readFile(path, 'utf8') };
}

/** `explor check --format json` on `file`, with the frozen edition the site is built from: { status, report }. */
async function check(file, today = OPEN_DAY) {
  try {
    const args = ['check', '--content', frozenEdition, '--today', today, '--format', 'json', file];
    const { stdout } = await run(explorBin, args);
    return { status: 0, report: JSON.parse(stdout)[0].report };
  } catch (e) {
    if (typeof e.code !== 'number') throw e;
    return { status: e.code, report: JSON.parse(e.stdout)[0].report };
  }
}

/**
 * Every (name, value) the form would submit, for comparing two states of the form; amounts are
 * compared as cents, since the form rewrites « 1000 » as « 1 000,00 » when it restores a draft.
 */
async function answers(page) {
  const pairs = await page.evaluate(() => [...new FormData(document.getElementById('application'))]);
  return pairs.map(([n, v]) => `${n}=${n.endsWith('amount_cents') ? cents(v) : v}`);
}

function cents(text) {
  const [whole, fraction = ''] = text.replace(/[\s\u00a0\u202f€]/g, '').split(/[.,]/);
  return `${whole}${fraction.padEnd(2, '0')}`;
}

/** The cents shown in a figure (« 2 000,00 € » → 200000). */
async function figure(page, name) {
  const text = await page.locator(`#figures [data-figure="${name}"]`).innerText();
  return Number(text.replace(/[^\d-]/g, ''));
}

test('a valid application filled with the keyboard alone downloads a complete dossier', async () => {
  const { browser, page } = await formAt();
  try {
    await fillValidApplication(page);
    await press(page, 'button[type="submit"]', 'Enter');
    await page.waitForSelector('#result-title:focus');
    assert.equal(await page.locator('#error-summary').isHidden(), true);
    assert.equal(await page.locator('[data-verdict="eligible"]').innerText(), 'Éligible');
    assert.equal(await page.locator('[data-verdict="complete"]').innerText(), 'Complet');
    // The download checks first, then shows the answers to check; the file comes on confirming.
    await press(page, '[data-action="download"]', 'Enter');
    await page.waitForSelector('#recap-title:focus');
    const file = await downloadWith(page, 'send-final');
    assert.match(file.name, /^explor-dossier-solidarite-nord-sud-lille-2025-06-01-EX25-[0-9A-Z]{4}\.json$/);
    const dossier = JSON.parse(file.text);
    assert.equal(file.name, `explor-dossier-solidarite-nord-sud-lille-2025-06-01-${dossier.reference}.json`);
    assert.equal(dossier.format, 'explor-dossier');
    assert.equal(dossier.saved_at, '2025-06-01T10:00:00+02:00');
    assert.equal(dossier.budget.expenses[1].amount_cents, 135000);
    assert.deepEqual(dossier.mission.sdgs, [6]);
    const { status, report } = await check(file.path);
    assert.deepEqual(report.findings.filter((f) => f.severity === 'error'), []);
    assert.equal(status, 0);
    assert.equal(report.complete, true);
    assert.equal(await figure(page, 'total_expenses_cents'), report.figures.total_expenses_cents);
    assert.equal(await figure(page, 'max_contribution_cents'), report.figures.max_contribution_cents);
    assert.deepEqual(page.problems, []);
  } finally {
    await browser.close();
  }
});

test('invalid answers show the error summary, whose links focus their fields', async () => {
  const { browser, page } = await formAt();
  try {
    await page.fill(`#${fieldId('applicant.address.postal_code')}`, '75001');
    await page.fill(`#${fieldId('budget.expenses[0].amount_cents')}`, 'douze euros');
    await page.fill(`#${fieldId('applicant.contact.email')}`, 'pas-une-adresse');
    await page.click('button[type="submit"]');
    await page.waitForSelector('#error-summary:focus');
    const title = await page.locator('#error-summary-title').innerText();
    const links = page.locator('#error-summary-list a');
    const count = await links.count();
    assert.match(title, new RegExp(`^Il y a ${count} problèmes à corriger$`));
    assert.ok(count > 10, `${count} errors`);
    const targets = await links.evaluateAll((all) => all.map((a) => a.getAttribute('href')));
    for (const id of [
      fieldId('applicant.address.postal_code'),
      fieldId('budget.expenses[0].amount_cents'),
      fieldId('applicant.contact.email'),
    ]) {
      assert.ok(targets.includes(`#${id}`), `no summary link to ${id}`);
    }
    for (let i = 0; i < count; i += 1) {
      const href = targets[i];
      await links.nth(i).focus();
      await page.keyboard.press('Enter');
      const focused = await page.evaluate(() => document.activeElement.id);
      assert.equal(`#${focused}`, href);
    }
    const amount = page.locator(`#${fieldId('budget.expenses[0].amount_cents')}`);
    assert.equal(await amount.getAttribute('aria-invalid'), 'true');
    const describedBy = await amount.getAttribute('aria-describedby');
    const errorId = `${fieldId('budget.expenses[0].amount_cents')}-error`;
    assert.ok(describedBy.split(' ').includes(errorId));
    assert.match(await page.locator(`#${errorId}`).innerText(), /^Erreur\u00a0: Ce montant n’est pas lisible/);
    await page.fill(`#${fieldId('mission.start_date')}`, '2025-10-01');
    await page.fill(`#${fieldId('mission.end_date')}`, '2025-10-03');
    await page.click('button[type="submit"]');
    const warning = await page.locator(`#${fieldId('mission.end_date')}-error, #${fieldId('mission.start_date')}-error`).allInnerTexts();
    assert.ok(warning.some((w) => w.startsWith('Attention\u00a0: ')), warning.join(' | '));
    assert.match(await page.locator('#notes').innerText(), /^Attention\u00a0: /m);
  } finally {
    await browser.close();
  }
});

test('budget figures follow the typing and match the rules engine', async () => {
  const { browser, page } = await formAt();
  try {
    await page.fill(`#${fieldId('budget.expenses[0].amount_cents')}`, '1 234,56');
    await page.click(`#${fieldId('budget.expenses')}-add`);
    await page.fill(`#${fieldId('budget.expenses[1].amount_cents')}`, '3000.5');
    await page.selectOption(`#${fieldId('budget.resources[0].source')}`, 'lianes');
    await page.fill(`#${fieldId('budget.resources[0].amount_cents')}`, '1 500');
    assert.equal(await figure(page, 'total_expenses_cents'), 423506);
    assert.equal(await figure(page, 'requested_cents'), 150000);
    const file = await downloadWith(page, 'save-draft');
    const { report } = await check(file.path);
    assert.equal(report.figures.total_expenses_cents, 423506);
    assert.equal(await figure(page, 'max_contribution_cents'), report.figures.max_contribution_cents);
    assert.equal(await figure(page, 'total_resources_cents'), report.figures.total_resources_cents);
    const over = report.findings.find((f) => f.rule === 'budget.request_over_cap');
    assert.ok(over, 'asking 1 500 € is over the cap');
  } finally {
    await browser.close();
  }
});

test('a draft saved to a file resumes with every field, budget lines included', async () => {
  const first = await formAt();
  let saved;
  let before;
  try {
    await fillValidApplication(first.page);
    await first.page.click(`#${fieldId('budget.expenses')}-add`);
    await first.page.fill(`#${fieldId('budget.expenses[2].amount_cents')}`, '99,90');
    saved = await downloadWith(first.page, 'save-draft');
    assert.match(saved.name, /^explor-brouillon-solidarite-nord-sud-lille-2025-06-01\.json$/);
    // Saving gives the dossier its reference, kept in the form and the draft (and resumed).
    before = await answers(first.page);
    const { reference, status } = JSON.parse(saved.text);
    assert.equal(status, 'draft');
    assert.ok(before.includes(`reference=${reference}`), reference);
  } finally {
    await first.browser.close();
  }
  const second = await formAt();
  try {
    assert.notDeepEqual(await answers(second.page), before);
    await second.page.setInputFiles('#resume-file', saved.path);
    await second.page.waitForSelector('#resume-message:not(:empty)');
    assert.match(await second.page.locator('#resume-message').innerText(), /^Brouillon repris/);
    assert.deepEqual(await answers(second.page), before);
    assert.equal(await second.page.locator('[data-lines="budget.expenses"] > [data-line]').count(), 3);
  } finally {
    await second.browser.close();
  }
});

test('a reload keeps the autosaved draft, and the erase button erases it after confirmation', async () => {
  const { browser, page } = await formAt();
  try {
    await page.fill(`#${fieldId('applicant.name')}`, 'Association des Amis de Thiès');
    await page.check(`#${fieldId('mission.sdgs')}-13`);
    await page.click(`#${fieldId('budget.resources')}-add`);
    const before = await answers(page);
    await page.reload();
    await page.waitForSelector('#app:not([hidden])');
    assert.deepEqual(await answers(page), before);
    await page.click('#erase-button');
    await page.waitForSelector('#erase-confirm:not([hidden])');
    assert.deepEqual(await answers(page), before, 'nothing is erased before confirmation');
    await page.click('[data-action="erase-confirmed"]');
    assert.equal(await page.inputValue(`#${fieldId('applicant.name')}`), '');
    assert.equal(await page.evaluate(() => localStorage.length), 0);
    await page.reload();
    await page.waitForSelector('#app:not([hidden])');
    assert.equal(await page.inputValue(`#${fieldId('applicant.name')}`), '');
    assert.equal(await page.isChecked(`#${fieldId('mission.sdgs')}-13`), false);
  } finally {
    await browser.close();
  }
});

test('a change in another tab is announced, never silently overwritten', async () => {
  const { browser, page } = await formAt();
  try {
    const other = await browser.context.newPage();
    await other.goto(`${server.url}candidature/`);
    await other.waitForSelector('#app:not([hidden])');
    await page.fill(`#${fieldId('applicant.name')}`, 'Nom écrit dans le premier onglet');
    await other.waitForSelector('#other-tab:not([hidden])');
    assert.equal(await other.inputValue(`#${fieldId('applicant.name')}`), '');
    await other.click('[data-action="load-other"]');
    assert.equal(await other.inputValue(`#${fieldId('applicant.name')}`), 'Nom écrit dans le premier onglet');
  } finally {
    await browser.close();
  }
});

const PAYLOAD_IMG = '<img src=x onerror="window.__pwned=1;alert(1)">';
const PAYLOAD_SCRIPT = '<script>window.__pwned=2;alert(2)</script>';

test('hostile text typed or imported is shown as text and never runs', async () => {
  const { browser, page } = await formAt();
  try {
    await page.fill(`#${fieldId('applicant.name')}`, PAYLOAD_IMG);
    await page.fill(`#${fieldId('mission.title')}`, PAYLOAD_SCRIPT);
    await page.fill(`#${fieldId('applicant.rna')}`, PAYLOAD_IMG);
    await page.click('button[type="submit"]');
    await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
    const copy = await page.locator('#copy').textContent();
    assert.ok(copy.includes(PAYLOAD_IMG) && copy.includes(PAYLOAD_SCRIPT));
    const file = JSON.parse((await readFile(await saveDraft(page), 'utf8')));
    file.partner.name = PAYLOAD_SCRIPT;
    file.budget.expenses = [{ category: 'travel', label: PAYLOAD_IMG, amount_cents: 100 }];
    const hostile = join(work, 'hostile.json');
    await writeFile(hostile, JSON.stringify(file));
    await page.setInputFiles('#resume-file', hostile);
    await page.waitForSelector('#resume-message:not(:empty)');
    assert.equal(await page.inputValue(`#${fieldId('partner.name')}`), PAYLOAD_SCRIPT);
    assert.equal(await page.inputValue(`#${fieldId('budget.expenses[0].label')}`), PAYLOAD_IMG);
    await page.click('button[type="submit"]');
    await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
    assert.equal(await page.evaluate(() => window.__pwned), undefined);
    assert.equal(await page.locator('#app img, #app script').count(), 0);
    assert.deepEqual(page.dialogs.filter((d) => d !== 'beforeunload'), []);
  } finally {
    await browser.close();
  }
});

async function saveDraft(page) {
  return (await downloadWith(page, 'save-draft')).path;
}

test('a hostile resume file is refused in French and leaves the form untouched', async () => {
  const { browser, page } = await formAt();
  try {
    await page.fill(`#${fieldId('applicant.name')}`, 'Association à garder');
    await page.click(`#${fieldId('budget.expenses')}-add`);
    const before = await answers(page);
    const files = {
      'pas-du-json.json': 'ceci n’est pas du JSON',
      'profond.json': '['.repeat(10000) + ']'.repeat(10000),
      'version.json': JSON.stringify({ format: 'explor-dossier', version: 2, applicant: { name: 'x' } }),
      'autre.json': JSON.stringify({ format: 'autre-chose', version: 1 }),
    };
    for (const [name, text] of Object.entries(files)) {
      const path = join(work, name);
      await writeFile(path, text);
      await page.evaluate(() => { document.getElementById('resume-message').textContent = ''; });
      await page.setInputFiles('#resume-file', path);
      await page.waitForSelector('#resume-message:not(:empty)');
      const message = await page.locator('#resume-message').innerText();
      assert.match(message, /Vos réponses n’ont pas été modifiées\.$/, name);
      assert.doesNotMatch(message, /error|panic|undefined/i, name);
      assert.deepEqual(await answers(page), before, name);
    }
    assert.deepEqual(page.problems, []);
  } finally {
    await browser.close();
  }
});

/** The deadline (2025-06-15, until midnight in Paris) seen from browsers in other time zones. */
test('the call is closed by Paris time, whatever the browser’s time zone', async () => {
  const cases = [
    // 01:30 on 16 June in Paris, still 15 June in Los Angeles: closed.
    { instant: '2025-06-15T23:30:00Z', timezoneId: 'America/Los_Angeles', closed: true },
    // 23:30 on 15 June in Paris, already 16 June in Kiritimati: still open.
    { instant: '2025-06-15T21:30:00Z', timezoneId: 'Pacific/Kiritimati', closed: false },
    { instant: '2025-06-15T21:30:00Z', timezoneId: 'America/Los_Angeles', closed: false },
    { instant: '2025-06-15T23:30:00Z', timezoneId: 'Pacific/Kiritimati', closed: true },
  ];
  for (const c of cases) {
    const { browser, page } = await formAt(new Date(c.instant), { timezoneId: c.timezoneId });
    try {
      const hidden = await page.locator('#closed-banner').isHidden();
      assert.equal(!hidden, c.closed, `${c.instant} in ${c.timezoneId}`);
      await page.click('button[type="submit"]');
      const summary = await page.locator('#error-summary-list').innerText();
      assert.equal(/L’appel est clos/.test(summary), c.closed, `${c.instant} in ${c.timezoneId}`);
      // The form still works as a simulator once closed.
      await page.fill(`#${fieldId('budget.expenses[0].amount_cents')}`, '100');
      assert.equal(await figure(page, 'total_expenses_cents'), 10000);
    } finally {
      await browser.close();
    }
  }
});

/**
 * Today's date in Paris comes from the page's table of UTC offsets, without `Intl` (whose first use
 * slows the start-up); a page without the table still judges by Paris time, through `Intl`.
 */
test('the form knows the date in Paris from its offset table, and through Intl without it', async () => {
  // Counts the uses of Intl.DateTimeFormat, then does what it would have done.
  const COUNT_INTL = `{
    const Original = Intl.DateTimeFormat;
    window.__intlUses = 0;
    Intl.DateTimeFormat = function (...args) { window.__intlUses += 1; return new Original(...args); };
  }`;
  const cases = [
    // 00:30 on 16 June in Paris (summer time), still 15 June in Los Angeles: closed.
    { instant: '2025-06-15T22:30:00Z', table: true, closed: true },
    // 23:30 on 15 June in Paris: open.
    { instant: '2025-06-15T21:30:00Z', table: true, closed: false },
    { instant: '2025-06-15T22:30:00Z', table: false, closed: true },
    { instant: '2025-06-15T21:30:00Z', table: false, closed: false },
  ];
  for (const c of cases) {
    const browser = await launch({ timezoneId: 'America/Los_Angeles' });
    try {
      await browser.context.clock.setFixedTime(new Date(c.instant));
      await browser.context.addInitScript(COUNT_INTL);
      if (!c.table) {
        await browser.context.route('**/candidature/', async (route) => {
          const response = await route.fetch();
          const body = (await response.text()).replace(/ data-utc-offsets="[^"]*"/, '');
          await route.fulfill({ response, body });
        });
      }
      const page = await openForm(browser.context, server.url);
      const label = `${c.instant}, ${c.table ? 'with' : 'without'} the table`;
      assert.equal(await page.locator('#app[data-utc-offsets]').count(), c.table ? 1 : 0, label);
      assert.equal(!(await page.locator('#closed-banner').isHidden()), c.closed, label);
      const uses = await page.evaluate(() => window.__intlUses);
      if (c.table) assert.equal(uses, 0, label);
      else assert.ok(uses > 0, label);
      assert.deepEqual(page.problems, [], label);
    } finally {
      await browser.close();
    }
  }
});

test('without JavaScript the page says it needs it and where to get help', async () => {
  const browser = await launch({ javaScriptEnabled: false });
  try {
    const page = await browser.context.newPage();
    await page.goto(`${server.url}candidature/`);
    assert.equal(await page.locator('#app').isHidden(), true);
    const text = await page.locator('main').innerText();
    assert.match(text, /S’il ne s’affiche pas \(JavaScript désactivé/);
    assert.match(text, /Explor-RRMA@lianescooperation\.org/i);
  } finally {
    await browser.close();
  }
});

test('every control is named by a dossier path and identified by the id derived from it', async () => {
  const { browser, page } = await formAt();
  try {
    const controls = await page.evaluate(() =>
      [...document.querySelectorAll('#application [name]')].map((c) => ({
        name: c.name,
        id: c.id,
        type: c.type,
      })),
    );
    assert.ok(controls.length > 40);
    for (const c of controls) {
      assert.match(c.name, /^[a-z_]+(\[\d+\])?(\.[a-z_]+(\[\d+\])?)*$/, c.name);
      if (c.type === 'radio' || c.type === 'checkbox') {
        assert.ok(c.id.startsWith(fieldId(c.name)), `${c.name} → ${c.id}`);
      } else {
        assert.equal(c.id, fieldId(c.name));
      }
    }
  } finally {
    await browser.close();
  }
});

test('the module’s validate_json gives the very report of explor check', async () => {
  const { browser, page } = await formAt();
  try {
    await page.fill(`#${fieldId('applicant.name')}`, 'Association « Exemple »');
    await page.fill(`#${fieldId('applicant.address.postal_code')}`, '02100');
    await page.fill(`#${fieldId('budget.expenses[0].amount_cents')}`, '2 000');
    await page.check(`#${fieldId('mission.sdgs')}-13`);
    const file = await downloadWith(page, 'save-draft');
    const native = (await check(file.path)).report;
    const inBrowser = await page.evaluate(
      async ({ dossier, today }) => {
        const loader = document.querySelector('script[type="module"]').src;
        const glue = (await (await fetch(loader)).text()).match(/from "(\.\/[^"]+)"/)[1];
        const module = await import(new URL(glue, loader).href);
        // The whole edition the site publishes: the page's island leaves its lists to the page's
        // controls (generator/tests/page_lists.rs checks the two give the same edition).
        const edition = await (await fetch(new URL('../edition.json', location.href))).text();
        return {
          report: JSON.parse(module.validate_json(edition, dossier, today)),
          notJson: JSON.parse(module.validate_json(edition, '{"format":', today)),
          badDay: JSON.parse(module.validate_json(edition, dossier, '15/06/2025')),
        };
      },
      { dossier: file.text, today: OPEN_DAY },
    );
    assert.deepEqual(inBrowser.report, native);
    assert.ok(native.findings.length > 10);
    assert.match(inBrowser.notJson.error, /JSON/);
    assert.match(inBrowser.badDay.error, /AAAA-MM-JJ/);
  } finally {
    await browser.close();
  }
});
