// The order in which the form pages start (issue 18, point 3). Before a page shows its form, only what
// the person needs to start typing is done: a draft kept in this browser is back in the controls, and
// the listeners are there, so that what is typed at once is read and kept as a draft. The rest follows
// in tasks of its own after the form shows: the counters, the task list, the first judgement (a
// restored draft's figures and states), the persistent-storage request; on the self-check, the verdict.
// What the page holds at the moment it shows is recorded by an observer of `#app`'s `hidden`, which
// runs before any later task; every other wait is on a state.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

import { serve, launch, fieldId, dossiers, FROZEN } from './support.js';

const OPEN_INSTANT = new Date('2025-06-01T10:00:00+02:00');
const DRAFT_KEY = `explor:${FROZEN.id}:candidature`;
const TYPED = 'Tapé dès que le formulaire paraît';

/**
 * Records, at the moment `#app` loses `hidden`, what the page holds (`window.__atReveal`); on the
 * application page, with `type`, types into the association's name right then, as a quick person would.
 */
function recordAtReveal({ name, type }) {
  const app = () => document.getElementById('app');
  const watch = new MutationObserver(() => {
    if (!app() || app().hidden) return;
    watch.disconnect();
    const field = document.getElementById(name);
    window.__atReveal = {
      name: field?.value ?? null,
      expenseLines: document.querySelectorAll('[data-lines="budget.expenses"] [data-line]').length,
      tasks: document.querySelectorAll('#tasklist-list li').length,
      legalForm: document.querySelector('input[name="applicant.legal_form"]:checked')?.value ?? null,
      verdictLive: document.getElementById('verdict')?.getAttribute('aria-live') ?? null,
      answered: [...document.querySelectorAll('#app [name]')].filter((c) =>
        c.type === 'checkbox' || c.type === 'radio' ? c.checked : c.value !== '',
      ).length,
    };
    if (type && field) {
      field.value = type;
      field.dispatchEvent(new Event('input', { bubbles: true }));
    }
  });
  watch.observe(document, { subtree: true, attributes: true, attributeFilter: ['hidden'] });
}

let server;
let browser;
before(async () => {
  server = await serve();
  browser = await launch();
  await browser.context.clock.setFixedTime(OPEN_INSTANT);
});
after(async () => {
  await browser?.close();
  await server?.close();
});

/** A new page whose observer types `type` (if any) at the reveal; the application's draft set to `draft` (or none). */
async function pageWith(draft, type = null) {
  const page = await browser.context.newPage();
  page.problems = [];
  page.on('pageerror', (e) => page.problems.push(String(e)));
  page.on('dialog', (d) => d.accept());
  await page.goto(`${server.url}confidentialite/`);
  await page.evaluate(([key, text]) => {
    localStorage.clear();
    if (text !== null) localStorage.setItem(key, text);
  }, [DRAFT_KEY, draft]);
  await page.addInitScript(recordAtReveal, { name: fieldId('applicant.name'), type });
  return page;
}

test('application: what is typed as soon as the form shows is read and kept, and is back in the form when it shows again', async () => {
  const page = await pageWith(null, TYPED);
  try {
    await page.goto(`${server.url}candidature/`);
    await page.waitForFunction(([key, typed]) => (localStorage.getItem(key) ?? '').includes(typed), [DRAFT_KEY, TYPED]);
    const first = await page.evaluate(() => window.__atReveal);
    // Without a draft the form shows blank (no answer checked, selected or written), with its
    // budget lines in place, before the task list is built (a later task).
    assert.equal(first.answered, 0);
    assert.equal(first.expenseLines, 1);
    assert.equal(first.tasks, 0);
    await page.waitForSelector('#tasklist-list li:last-child [data-state]');
    await page.reload();
    await page.waitForSelector('#app:not([hidden])');
    assert.equal((await page.evaluate(() => window.__atReveal)).name, TYPED);
    assert.deepEqual(page.problems, []);
  } finally {
    await page.close();
  }
});

test('application: a stored draft is in the form when it shows; its figures and states follow', async () => {
  const draft = await readFile(join(dossiers, 'complete.json'), 'utf8');
  const dossier = JSON.parse(draft);
  const page = await pageWith(draft);
  try {
    await page.goto(`${server.url}candidature/`);
    await page.waitForSelector('#app:not([hidden])');
    const shown = await page.evaluate(() => window.__atReveal);
    assert.equal(shown.name, dossier.applicant.name);
    assert.equal(shown.expenseLines, dossier.budget.expenses.length);
    // The first judgement, after the form shows: the draft's figures and the task list's states.
    await page.waitForSelector('#tasklist-list li:last-child [data-state]');
    const states = await page.$$eval('#tasklist-list [data-state]', (els) => els.map((el) => el.dataset.state));
    assert.equal(states.length, 6);
    assert.deepEqual([...new Set(states)], ['task-done']);
    const total = await page.textContent('[data-figure="total_expenses_cents"]');
    assert.match(total, /\d.*€/);
    // The counters were brought up to date too (the page is built with the limit alone in them).
    const counted = await page.$$eval('[data-count][data-band]', (els) => els.length);
    assert.ok(counted > 0, 'counters updated');
    assert.deepEqual(page.problems, []);
  } finally {
    await page.close();
  }
});

test('self-check: the answers of the draft are in the form when it shows; the verdict follows, then is live', async () => {
  const draft = await readFile(join(dossiers, 'complete.json'), 'utf8');
  const dossier = JSON.parse(draft);
  const page = await pageWith(draft);
  try {
    await page.goto(`${server.url}eligibilite/`);
    await page.waitForSelector('#app:not([hidden])');
    const shown = await page.evaluate(() => window.__atReveal);
    assert.equal(shown.legalForm, dossier.applicant.legal_form);
    // The verdict the page opens with is not announced: not a live region until it is written.
    assert.equal(shown.verdictLive, null);
    await page.waitForSelector('#verdict[aria-live="polite"]');
    assert.equal(await page.getAttribute('#verdict-text', 'data-state'), 'yes');
    assert.deepEqual(page.problems, []);
  } finally {
    await page.close();
  }
});
