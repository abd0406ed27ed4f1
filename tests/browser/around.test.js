// Around the form's fields, on a 390 × 844 phone and with the keyboard alone: the closed call said
// first on every page (built after the deadline, or decided in the browser), the self-check's lines
// worded as conditions met or not with its verdict kept in view, « avant de commencer » and the
// task list following the live findings, persistent storage and the reminder to save a draft file,
// and what a browser that cannot run the form reads instead. axe-core at 0 on each state.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

import { serve, launch, openForm, axePath, fieldId, explorBin } from './support.js';
import { tabTo, typeInto, chooseRadio, fillValidApplication } from './keyboard.js';

const here = dirname(fileURLToPath(import.meta.url));
// Reduced motion: the site scrolls smoothly otherwise, and a position measured mid-scroll is no state.
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, reducedMotion: 'reduce' };
const OPEN_INSTANT = new Date('2025-06-01T10:00:00+02:00');
const CLOSED_INSTANT = new Date('2025-06-16T10:00:00+02:00');
const READING_PAGES = ['', 'appel/', 'charte/', 'confidentialite/', 'pays-eligibles/', 'verifications/'];
const INTERACTIVE_PAGES = ['eligibilite/', 'candidature/'];
// The pictures of docs/screenshots/ are taken only when asked for (EXPLOR_SCREENSHOTS=1), so a test run
// leaves the repository as it was.
const screenshots = process.env.EXPLOR_SCREENSHOTS ? resolve(here, '../../docs/screenshots') : null;

/** A text with its non-breaking spaces (French typography) as plain ones, to compare it. */
const plain = (text) => text.replace(/[\u00a0\u202f]/g, ' ');

let server;
before(async () => {
  server = await serve();
});
after(async () => {
  await server?.close();
});

/** axe-core's violations on the page, as readable lines (rule: target). */
async function violations(page) {
  await page.addScriptTag({ path: axePath });
  return page.evaluate(async () => {
    const found = await window.axe.run(document);
    return found.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
}

/** A phone whose clock reads `instant`; axe may be injected (CSP bypassed for it alone). */
async function phone(instant = OPEN_INSTANT, options = {}) {
  const browser = await launch({ ...PHONE, bypassCSP: true, ...options });
  if (options.javaScriptEnabled !== false) await browser.context.clock.setFixedTime(instant);
  return browser;
}

/** The element the page shows first (top left of the screen), as `#id` of its nearest ancestor with one. */
function firstShown(page) {
  return page.evaluate(() => {
    let el = document.elementFromPoint(20, 8);
    while (el && !el.id) el = el.parentElement;
    return el ? el.id : null;
  });
}

test('a site built after the deadline says first, on every page, that the call is closed', async () => {
  const work = await mkdtemp(join(tmpdir(), 'explor-closed-'));
  try {
    execFileSync(join(here, 'fixture-site.sh'), [explorBin, work], {
      env: { ...process.env, EXPLOR_TODAY: '2025-06-16' },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    const closed = await serve(join(work, 'dist'));
    // Reading pages work without script: the state is in their HTML.
    const browser = await phone(OPEN_INSTANT, { javaScriptEnabled: false });
    try {
      const page = await browser.context.newPage();
      for (const path of [...READING_PAGES, ...INTERACTIVE_PAGES, '404.html']) {
        await page.goto(`${closed.url}${path}`);
        const status = page.locator('#call-status-closed');
        assert.ok(await status.isVisible(), path);
        assert.ok(await page.locator('#call-status-open').isHidden(), path);
        assert.match(plain(await status.innerText()), /^L’appel EXPLOR 2025 – Hauts-de-France est clos\. .*15 juin 2025/, path);
        assert.equal(await firstShown(page), 'call-status-closed', path);
      }
    } finally {
      await browser.close();
    }
    const scripted = await phone(OPEN_INSTANT);
    try {
      const page = await scripted.context.newPage();
      await page.goto(closed.url);
      assert.deepEqual(await violations(page), []);
    } finally {
      await scripted.close();
      await closed.close();
    }
  } finally {
    await rm(work, { recursive: true, force: true });
  }
});

test('a site built before the deadline gives the deadline first on its reading pages', async () => {
  const browser = await phone(OPEN_INSTANT, { javaScriptEnabled: false });
  try {
    const page = await browser.context.newPage();
    for (const path of READING_PAGES) {
      await page.goto(`${server.url}${path}`);
      assert.equal(await firstShown(page), 'call-status-open', path);
      const line = plain(await page.locator('#call-status-open').innerText());
      assert.match(line, /^Candidatures jusqu’au dimanche 15 juin 2025 à minuit/, path);
      assert.ok(await page.locator('#call-status-closed').isHidden(), path);
    }
  } finally {
    await browser.close();
  }
});

test('the interactive pages decide in the browser: closed first on the phone, a complete dossier said complete and late', async () => {
  const browser = await phone(CLOSED_INSTANT);
  try {
    const page = await openForm(browser.context, server.url);
    for (const path of INTERACTIVE_PAGES) {
      await page.goto(`${server.url}${path}`);
      await page.waitForSelector('#app:not([hidden])');
      // Built while open, the page says closed at the top once the module has looked at the clock.
      assert.ok(await page.locator('#call-status-closed').isVisible(), path);
      assert.ok(await page.locator('#call-status-open').isHidden(), path);
      assert.equal(await page.getAttribute('#call-status', 'data-state'), 'closed', path);
      assert.equal(await firstShown(page), 'call-status-closed', path);
      const box = await page.locator('#call-status-closed').boundingBox();
      assert.ok(box.y < 20, `${path}: the closed line starts ${box.y} px down`);
      assert.ok(await page.locator('#closed-banner').isVisible(), path);
      assert.deepEqual(await violations(page), [], path);
    }
    await page.evaluate(() => localStorage.clear());
    await page.goto(`${server.url}candidature/`);
    await page.waitForSelector('#app:not([hidden])');
    await fillValidApplication(page);
    await tabTo(page, 'button[type="submit"]');
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-verdict="on_time"][data-state="no"]');
    assert.equal(await page.locator('[data-verdict="complete"]').innerText(), 'Complet');
    assert.match(plain(await page.locator('[data-verdict="on_time"]').innerText()), /^Hors délai : l’appel est clos depuis le dimanche 15 juin 2025/);
    assert.deepEqual(page.problems, []);
  } finally {
    await browser.close();
  }
});

/** The self-check on a phone, in the call period, with nothing stored. */
async function selfCheck() {
  const browser = await phone(OPEN_INSTANT);
  const page = await browser.context.newPage();
  page.problems = [];
  page.on('pageerror', (e) => page.problems.push(String(e)));
  await page.goto(`${server.url}eligibilite/`);
  await page.evaluate(() => localStorage.clear());
  await page.reload();
  await page.waitForSelector('#app:not([hidden])');
  return { browser, page };
}

const line = async (page, path) =>
  plain(await page.locator(`#verdict-list [data-question="${path}"]`).innerText()).split('\n')[0];

test('the self-check words each line as a condition met or not, by keyboard', async () => {
  const { browser, page } = await selfCheck();
  try {
    await chooseRadio(page, fieldId('applicant.previous_explor'), 1);
    await page.waitForSelector('[data-question="applicant.previous_explor"][data-state="yes"]');
    assert.equal(await line(page, 'applicant.previous_explor'), 'Vous n’avez pas encore bénéficié d’une mission EXPLOR : condition remplie');
    await chooseRadio(page, fieldId('applicant.previous_explor'), 0);
    await page.keyboard.press('ArrowUp');
    await page.waitForSelector('[data-question="applicant.new_project"]:not([hidden])');
    assert.equal(await line(page, 'applicant.previous_explor'), 'Vous avez déjà bénéficié d’une mission EXPLOR, ce qui reste possible pour un nouveau projet : condition remplie');
    await chooseRadio(page, fieldId('applicant.new_project'), 1);
    await page.waitForSelector('[data-question="applicant.new_project"][data-state="no"]');
    assert.equal(await line(page, 'applicant.new_project'), 'La mission ne porte pas sur un nouveau projet : condition non remplie');
    assert.equal(await line(page, 'partner.country'), 'Le partenaire se trouve dans un pays bénéficiaire de l’aide publique au développement : à compléter');
    assert.deepEqual(await violations(page), []);
    assert.deepEqual(page.problems, []);
  } finally {
    await browser.close();
  }
});

test('the verdict stays in view on a phone without covering the focused control, and leads to the result', async () => {
  const { browser, page } = await selfCheck();
  try {
    const sticky = page.locator('#verdict-sticky-link');
    // The first verdict is written in the task after the page shows.
    await page.waitForSelector('#verdict-sticky-link[data-state="todo"]');
    assert.equal(plain(await sticky.innerText()), 'Résultat : Encore 7 questions à compléter.');
    await chooseRadio(page, fieldId('applicant.legal_form'), 2);
    await page.waitForSelector('#verdict-sticky-link[data-state="no"]');
    assert.equal(plain(await sticky.innerText()), 'Résultat : Votre association n’est pas éligible pour l’instant.');
    // Every control met with Tab stays above the line that follows; the line stays on screen.
    const controls = await page.locator('#selfcheck :is(input, select, button):visible').count();
    for (let i = 0; i < controls; i += 1) {
      await page.keyboard.press('Tab');
      const { focused, bar } = await page.evaluate(() => ({
        focused: document.activeElement.getBoundingClientRect().toJSON(),
        bar: document.getElementById('verdict-sticky').getBoundingClientRect().toJSON(),
      }));
      if (focused.top >= bar.top) break; // past the form: the line has come to rest below it
      assert.ok(focused.bottom <= bar.top + 1, `control ${i} under the line: ${JSON.stringify({ focused, bar })}`);
      assert.ok(bar.bottom <= 844 + 1 && bar.top >= 0, `the line is off screen: ${JSON.stringify(bar)}`);
    }
    await tabTo(page, '#verdict-sticky-link');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#verdict-title:focus');
    if (screenshots) await mkdir(screenshots, { recursive: true });
    await page.locator('#verdict-list [data-question="applicant.legal_form"]').scrollIntoViewIfNeeded();
    if (screenshots) await page.screenshot({ path: join(screenshots, 'eligibilite-verdict-390.png') });
    assert.deepEqual(await violations(page), []);
  } finally {
    await browser.close();
  }
});

test('the application says once that the self-check’s answers were carried', async () => {
  const { browser, page } = await selfCheck();
  try {
    await chooseRadio(page, fieldId('applicant.legal_form'), 0);
    await tabTo(page, '#continue');
    await page.keyboard.press('Enter');
    await page.waitForURL(/candidature\/$/);
    await page.waitForSelector('#app:not([hidden])');
    // Said as the task list is built, in the task after the form shows.
    await page.locator('#carried-notice').waitFor();
    assert.match(plain(await page.locator('#carried-notice').innerText()), /^Vos réponses au test d’éligibilité ont été reprises/);
    assert.equal(await page.locator(`#${fieldId('applicant.legal_form')}`).isChecked(), true);
    await page.reload();
    await page.waitForSelector('#tasklist-list li:last-child [data-state]');
    assert.ok(await page.locator('#carried-notice').isHidden(), 'said once');
  } finally {
    await browser.close();
  }
});

/** The task list's states, by step. */
function tasks(page) {
  return page.$$eval('#tasklist-list li', (items) =>
    items.map((li) => [li.querySelector('a').textContent, li.querySelector('.tasklist__status').dataset.state]),
  );
}

test('before the first field: what to prepare, how long, and a task list that follows the findings', async () => {
  const browser = await phone(OPEN_INSTANT);
  try {
    const page = await openForm(browser.context, server.url);
    const before = page.locator('#avant-de-commencer');
    assert.ok(await before.isVisible());
    const intro = plain(await page.locator('main').innerText());
    assert.ok(intro.indexOf('Avant de commencer') < intro.indexOf('Nom de l’association'));
    assert.match(intro, /Comptez environ 45 minutes/);
    assert.match(intro, /numéro RNA.*numéro SIRET/s);
    assert.match(intro, /devis/);
    // The form's first judgement follows its showing, in a task of its own.
    await page.waitForSelector('#tasklist-list li:last-child [data-state]');
    // Every step is a link somewhere, the budget too before it has a line.
    assert.equal(await page.locator('#tasklist-list a:not([href^="#"])').count(), 0);
    assert.deepEqual(await tasks(page), [
      ['Association', 'task-todo'],
      ['Personne à contacter', 'task-todo'],
      ['Partenaire', 'task-todo'],
      ['Mission', 'task-todo'],
      ['Budget', 'task-todo'],
      ['Engagements', 'task-todo'],
    ]);
    assert.equal(plain(await page.locator('#tasklist-progress').innerText()), '0 étapes terminées sur 6.');
    if (screenshots) await mkdir(screenshots, { recursive: true });
    if (screenshots) await page.screenshot({ path: join(screenshots, 'candidature-avant-de-commencer-390.png'), fullPage: false });
    await page.locator('#tasklist').scrollIntoViewIfNeeded();
    if (screenshots) await page.screenshot({ path: join(screenshots, 'candidature-etapes-390.png') });
    // A wrong answer, once the field is left: the step is to correct, said politely.
    await typeInto(page, fieldId('applicant.address.postal_code'), '75001');
    await page.keyboard.press('Tab');
    await page.waitForSelector('#tasklist-list li:first-child [data-state="task-errors"]');
    assert.equal(plain(await page.locator('#tasklist-status').innerText()), 'Étape « Association » : à corriger.');
    assert.equal(await page.getAttribute('#tasklist-status', 'role'), 'status');
    // The step's own answers: done.
    await page.fill(`#${fieldId('applicant.address.postal_code')}`, '');
    await typeInto(page, fieldId('applicant.address.postal_code'), '59000');
    await typeInto(page, fieldId('applicant.name'), 'Solidarité Nord–Sud Lille');
    await chooseRadio(page, fieldId('applicant.legal_form'), 0);
    await typeInto(page, fieldId('applicant.rna'), 'W595001234');
    await typeInto(page, fieldId('applicant.address.street'), '12 rue des Arts');
    await typeInto(page, fieldId('applicant.address.city'), 'Lille');
    await chooseRadio(page, fieldId('applicant.previous_explor'), 1);
    await page.waitForSelector('#tasklist-list li:first-child [data-state="task-done"]');
    assert.equal(plain(await page.locator('#tasklist-status').innerText()), 'Étape « Association » : terminé.');
    assert.equal(plain(await page.locator('#tasklist-progress').innerText()), '1 étapes terminées sur 6.');
    // Deep in the form, the way back to the list follows; by keyboard, a step takes the focus to it.
    await page.locator(`#${fieldId('mission.title')}`).focus();
    const sticky = page.locator('#tasklist-sticky-link');
    // Kept at the bottom of the screen while the form scrolls under it.
    await page.waitForFunction(() => {
      const r = document.getElementById('tasklist-sticky-link').getBoundingClientRect();
      return r.bottom <= window.innerHeight + 1 && r.top > window.innerHeight - 150;
    });
    assert.match(plain(await sticky.innerText()), /^Étapes : 1 sur 6 terminées/);
    await tabTo(page, '#tasklist-sticky-link');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#tasklist-title:focus');
    await tabTo(page, '#tasklist-list a[href="#f-partner-name"]');
    await page.keyboard.press('Enter');
    await page.waitForSelector(`#${fieldId('partner.name')}:focus`);
    assert.deepEqual(await violations(page), []);
    assert.deepEqual(page.problems, []);
  } finally {
    await browser.close();
  }
});

/** A phone whose `navigator.storage.persist()` answers `granted`, counting the requests. */
async function persisting(granted) {
  const browser = await phone(OPEN_INSTANT);
  await browser.context.addInitScript((answer) => {
    const storage = {
      persist: () => {
        window.__persistAsked = (window.__persistAsked ?? 0) + 1;
        return Promise.resolve(answer);
      },
    };
    Object.defineProperty(Navigator.prototype, 'storage', { get: () => storage, configurable: true });
  }, granted);
  return browser;
}

async function typeAName(page) {
  await typeInto(page, fieldId('applicant.name'), 'Solidarité Nord–Sud Lille');
  await page.keyboard.press('Tab');
}

test('refused persistent storage: the reminder to save a draft file, once', async () => {
  const browser = await persisting(false);
  try {
    const page = await openForm(browser.context, server.url);
    // Asked as the task list is built, in a task after the form shows.
    await page.waitForFunction(() => window.__persistAsked === 1);
    // Nothing to lose yet: no reminder.
    assert.ok(await page.locator('#persist-reminder').isHidden());
    await typeAName(page);
    await page.locator(`#${fieldId('applicant.rna')}`).fill('W595001234');
    await page.keyboard.press('Tab');
    await page.waitForSelector('#persist-reminder:not([hidden])');
    assert.match(plain(await page.locator('#persist-reminder').innerText()), /enregistrez un brouillon dans un fichier/);
    assert.deepEqual(await violations(page), []);
    // Back the same day (the draft kept): not said again.
    await page.reload();
    await page.waitForSelector('#app:not([hidden])');
    await page.waitForFunction(() => window.__persistAsked === 1);
    await typeInto(page, fieldId('applicant.address.city'), 'Lille');
    await page.keyboard.press('Tab');
    await page.waitForSelector('[data-state="task-todo"]');
    assert.ok(await page.locator('#persist-reminder').isHidden());
    // Eight days later, the same draft: said again.
    await browser.context.clock.setFixedTime(new Date('2025-06-09T10:00:00+02:00'));
    await page.reload();
    await page.waitForSelector('#persist-reminder:not([hidden])');
  } finally {
    await browser.close();
  }
});

test('granted persistent storage: no reminder', async () => {
  const browser = await persisting(true);
  try {
    const page = await openForm(browser.context, server.url);
    await typeAName(page);
    await page.locator(`#${fieldId('applicant.rna')}`).fill('W595001234');
    await page.keyboard.press('Tab');
    await page.waitForFunction(() => localStorage.length > 0);
    await page.waitForSelector('#tasklist-list [data-state]');
    assert.equal(await page.evaluate(() => window.__persistAsked), 1);
    assert.ok(await page.locator('#persist-reminder').isHidden());
  } finally {
    await browser.close();
  }
});

test('scripts off: the form’s questions and the self-check’s conditions, readable, with the address', async () => {
  const browser = await phone(OPEN_INSTANT, { javaScriptEnabled: false });
  try {
    const page = await browser.context.newPage();
    await page.goto(`${server.url}candidature/`);
    assert.ok(await page.locator('#app').isHidden());
    const fallback = page.locator('#fallback');
    assert.ok(await fallback.isVisible());
    const text = plain(await fallback.innerText());
    for (const words of ['Association', 'Numéro RNA', 'Pays du partenaire', 'Dépenses', 'Ressources', 'Engagements', 'W suivi de 9 chiffres']) {
      assert.ok(text.includes(words), words);
    }
    assert.equal(await fallback.locator('a[href^="mailto:"]').count(), 1);
    assert.equal(await fallback.locator('.questions > li').count(), 6);
    await page.goto(`${server.url}eligibilite/`);
    const conditions = plain(await page.locator('#fallback').innerText());
    assert.match(conditions, /Le siège de l’association est en Hauts-de-France\./);
    assert.match(conditions, /L’association n’a pas encore bénéficié d’une mission EXPLOR, ou propose un nouveau projet\./);
    assert.equal(await page.locator('#fallback li').count(), 7);
  } finally {
    await browser.close();
  }
});

test('a loader or glue that never arrives: the readable lists show instead of a page that waits forever', async () => {
  const browser = await phone(OPEN_INSTANT);
  try {
    const page = await browser.context.newPage();
    // The loader itself refused (as an integrity failure or a 404 would), then only its glue.
    for (const blocked of [/\/static\/explor[^/]*\.js$/, /\/static\/(validator|eligibilite|staff)\.[^/]*\.js$/]) {
      await page.route(blocked, (route) => route.abort());
      for (const path of INTERACTIVE_PAGES) {
        await page.goto(`${server.url}${path}`);
        await page.locator('#fallback').waitFor({ state: 'visible' });
        assert.ok(await page.locator('#app').isHidden(), `${path} ${blocked}`);
      }
      await page.unroute(blocked);
    }
  } finally {
    await browser.close();
  }
});

test('no WebAssembly: the same readable lists instead of a dead page; with it, they go away', async () => {
  const browser = await phone(OPEN_INSTANT);
  try {
    await browser.context.addInitScript(() => {
      delete window.WebAssembly;
    });
    const page = await browser.context.newPage();
    for (const path of INTERACTIVE_PAGES) {
      const failed = page.waitForEvent('pageerror');
      await page.goto(`${server.url}${path}`);
      await failed;
      assert.ok(await page.locator('#fallback').isVisible(), path);
      assert.ok(await page.locator('#app').isHidden(), path);
      assert.deepEqual(await violations(page), [], path);
    }
    const printed = await page.pdf({ format: 'A4' });
    assert.ok(printed.length > 1000);
  } finally {
    await browser.close();
  }
  const working = await phone(OPEN_INSTANT);
  try {
    const page = await openForm(working.context, server.url);
    assert.ok(await page.locator('#fallback').isHidden());
    await page.goto(`${server.url}eligibilite/`);
    await page.waitForSelector('#app:not([hidden])');
    assert.ok(await page.locator('#fallback').isHidden());
  } finally {
    await working.close();
  }
});
