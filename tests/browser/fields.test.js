// The form's fields on a phone (390 × 844) and with the keyboard: the error summary scrolled to its
// top, focused, grouped by section, the page title's « Erreur : »; a field's message gone while the
// person types and back when they leave; counters; « (facultatif) »; the expert hosted by a
// reciprocity mission; a budget line without its amount told on the line; 44 × 44 px targets on both
// form pages; no layout shift the person did not cause; axe-core at 0 on each state.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';

import { serve, launch, openForm, axePath, fieldId, dossiers } from './support.js';
import { tabTo, typeInto, press } from './keyboard.js';

/** Tabs into the radio group `name` and moves with the arrow keys until `value` is chosen. */
async function chooseValue(page, name, value) {
  await tabTo(page, `[name="${name}"]`);
  for (let i = 0; i < 20; i += 1) {
    const chosen = await page.evaluate((n) => document.querySelector(`[name="${n}"]:checked`)?.value, name);
    if (chosen === value) return;
    await page.keyboard.press(chosen === undefined ? 'Space' : 'ArrowDown');
  }
  throw new Error(`${name} never took ${value}`);
}

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
const OPEN_INSTANT = new Date('2025-06-01T10:00:00+02:00');
const NB = '\u00a0';

let server;
before(async () => {
  server = await serve();
});
after(async () => {
  await server?.close();
});

/** A phone whose clock reads a day of the call, the form open; layout shifts are recorded. */
async function phone() {
  // axe is injected as a script: the page's Content-Security-Policy is bypassed for it alone.
  const browser = await launch({ ...PHONE, bypassCSP: true });
  await browser.context.clock.setFixedTime(OPEN_INSTANT);
  await browser.context.addInitScript(() => {
    window.shifts = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.shifts.push({ value: e.value, input: e.hadRecentInput });
    }).observe({ type: 'layout-shift', buffered: true });
  });
  const page = await openForm(browser.context, server.url);
  return { browser, page };
}

async function violations(page) {
  await page.addScriptTag({ path: axePath });
  return page.evaluate(async () => {
    const found = await window.axe.run(document);
    return found.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
}

/** The visible text of a field's inline message slot ('' when hidden). */
async function inlineError(page, path) {
  const slot = page.locator(`#${fieldId(path)}-error`);
  return (await slot.isHidden()) ? '' : slot.innerText();
}

/** Submits « Vérifier mon dossier » with the keyboard. */
async function checkWithKeyboard(page) {
  await press(page, 'button[type="submit"]', 'Enter');
}

test('on a phone the error summary opens at its top, focused, grouped by section, and titles the page', async () => {
  const { browser, page } = await phone();
  try {
    const bare = await page.title();
    assert.ok(!bare.startsWith('Erreur'), bare);
    await checkWithKeyboard(page);
    await page.waitForSelector('#error-summary:focus');
    // The page may scroll smoothly (the person's motion setting): wait for the summary's top.
    await page.waitForFunction(() => Math.abs(document.getElementById('error-summary').getBoundingClientRect().top) < 2);
    const state = await page.evaluate(() => {
      const summary = document.getElementById('error-summary');
      const box = summary.getBoundingClientRect();
      return { top: box.top, height: box.height, active: document.activeElement === summary, vh: innerHeight };
    });
    assert.ok(state.active, 'the summary is document.activeElement');
    assert.ok(state.top > -1 && state.top < 2, `the summary's top is at the top of the screen (${state.top} px)`);
    assert.equal(await page.title(), `Erreur${NB}: ${bare}`);
    const sections = await page.locator('#error-summary-list h3').allInnerTexts();
    assert.deepEqual(sections.slice(0, 4), ['Association', 'Personne à contacter', 'Partenaire', 'Mission']);
    assert.equal(new Set(sections).size, sections.length, 'each section once');
    const lines = await page.locator('#error-summary-list a').allInnerTexts();
    assert.ok(lines.length > 20, `${lines.length} errors`);
    const longest = Math.max(...lines.map((l) => l.length));
    assert.ok(longest <= 120, `a summary line of ${longest} characters: ${lines.find((l) => l.length === longest)}`);
    assert.ok(lines.includes(`Nom de l’association${NB}: à remplir`), lines.join('\n'));
    // A line's full message is beside its field.
    assert.match(await inlineError(page, 'applicant.name'), /indiquez le nom de l’association/);
    assert.deepEqual(await violations(page), []);

    // Fixed, checked again: the title loses its prefix, the focus goes to the result.
    await page.setInputFiles('#resume-file', join(dossiers, 'complete.json'));
    await page.waitForFunction(() => document.getElementById('f-applicant-name').value !== '');
    await checkWithKeyboard(page);
    await page.waitForSelector('#result-title:focus');
    assert.equal(await page.title(), bare);
    assert.equal(await page.locator('#error-summary').isHidden(), true);
    assert.deepEqual(page.problems, []);
  } finally {
    await browser.close();
  }
});

test('a field’s message goes while the person types and is judged again when they leave', async () => {
  const { browser, page } = await phone();
  try {
    const path = 'applicant.address.postal_code';
    const id = fieldId(path);
    await typeInto(page, id, '5900');
    await page.keyboard.press('Tab');
    await page.waitForSelector(`#${id}[aria-invalid="true"]`);
    const told = await inlineError(page, path);
    assert.match(told, /«\u202f5900\u202f» n’a que 4 chiffres/);
    assert.match(told, /il manque un chiffre/);
    assert.doesNotMatch(told, /05900|0 initial/);

    // Back in the field: the first keystroke takes the message about « 5900 » away.
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('End');
    await page.keyboard.type('0');
    assert.equal(await inlineError(page, path), '');
    assert.equal(await page.getAttribute(`#${id}`, 'aria-invalid'), null);
    await page.keyboard.press('Tab');
    await page.waitForFunction((i) => document.activeElement.id !== i, id);
    assert.equal(await inlineError(page, path), '');

    // A wrong value again: quiet while typing, told on leaving.
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('End');
    await page.keyboard.press('Backspace');
    assert.equal(await inlineError(page, path), '');
    await page.keyboard.press('Tab');
    await page.waitForSelector(`#${id}[aria-invalid="true"]`);
    assert.match(await inlineError(page, path), /«\u202f5900\u202f»/);

    // The Aisne's lost zero is still offered: « 02000 » is a code of the region.
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('2000');
    await page.keyboard.press('Tab');
    await page.waitForFunction((i) => document.getElementById(`${i}-error`).innerText.includes('02000'), id);
    assert.deepEqual(page.problems, []);
  } finally {
    await browser.close();
  }
});

test('limited texts count their characters, telling a screen reader only at thresholds', async () => {
  const { browser, page } = await phone();
  try {
    const need = fieldId('mission.need');
    const counter = page.locator(`#${need}-count`);
    const status = page.locator('#count-status');
    // The page says the limit; the module, once started, what is left.
    assert.match(await page.locator(`#${need}-count`).evaluate((e) => e.getAttribute('data-band') ?? 'plenty'), /plenty/);
    assert.equal(await counter.innerText(), 'Il reste 3\u202f000 caractères');
    assert.ok((await page.getAttribute(`#${need}`, 'aria-describedby')).split(' ').includes(`${need}-count`));
    assert.equal(await page.locator(`#${fieldId('applicant.name')}-count`).innerText(), 'Il reste 200 caractères');
    assert.equal(await page.getAttribute('#count-status', 'aria-live'), 'polite');

    await typeInto(page, need, 'abc');
    assert.equal(await counter.innerText(), 'Il reste 2\u202f997 caractères');
    assert.equal(await status.textContent(), '', 'nothing said far from the limit');

    // Pasted up to a tenth of the limit: the threshold is said once.
    await page.fill(`#${need}`, 'x'.repeat(2990));
    assert.equal(await counter.innerText(), 'Il reste 10 caractères');
    assert.equal(await status.textContent(), 'Il reste 10 caractères');
    await page.keyboard.type('yyy');
    assert.equal(await counter.innerText(), 'Il reste 7 caractères');
    assert.equal(await status.textContent(), 'Il reste 10 caractères', 'not at each keystroke');
    await page.keyboard.type('z'.repeat(9));
    const length = await page.inputValue(`#${need}`).then((v) => v.length);
    assert.equal(await counter.innerText(), '2 caractères en trop', `${length} characters`);
    assert.equal(await status.textContent(), '1 caractère en trop', 'said when the limit is passed');
    assert.deepEqual(await violations(page), []);

    // A budget line's detail has its own counter, named after its line.
    const label = fieldId('budget.expenses[0].label');
    await typeInto(page, label, 'Billet');
    assert.equal(await page.locator(`#${label}-count`).innerText(), 'Il reste 194 caractères');
  } finally {
    await browser.close();
  }
});

test('optional fields say « (facultatif) », required ones do not', async () => {
  const { browser, page } = await phone();
  try {
    const label = (path) => page.locator(`label[for="${fieldId(path)}"]`).innerText();
    for (const path of ['applicant.contact.role', 'mission.follow_up', 'budget.expenses[0].label', 'budget.resources[0].label']) {
      assert.match(await label(path), / \(facultatif\)$/, path);
    }
    for (const path of ['applicant.name', 'applicant.contact.first_name', 'partner.relationship', 'mission.need', 'mission.expert_profile']) {
      assert.doesNotMatch(await label(path), /facultatif/, path);
    }
    // Each « (facultatif) » once.
    const labels = await page.locator('#application label, #application legend').allInnerTexts();
    assert.ok(labels.every((l) => l.split('facultatif').length <= 2), labels.join(' | '));
  } finally {
    await browser.close();
  }
});

test('a reciprocity mission asks for the expert hosted in France, and only it', async () => {
  const { browser, page } = await phone();
  try {
    const group = page.locator(`#${fieldId('mission.hosted_expert')}-field`);
    assert.equal(await group.isHidden(), true);
    await chooseValue(page, 'mission.kind', 'reciprocity');
    await group.waitFor({ state: 'visible' });
    await checkWithKeyboard(page);
    await page.waitForSelector('#error-summary:focus');
    const targets = await page.locator('#error-summary-list a').evaluateAll((all) => all.map((a) => a.getAttribute('href')));
    for (const name of ['organisation', 'role', 'profile']) {
      assert.ok(targets.includes(`#${fieldId(`mission.hosted_expert.${name}`)}`), name);
    }
    assert.match(await inlineError(page, 'mission.hosted_expert.organisation'), /l’organisation d’où vient l’expert accueilli en France/);
    assert.deepEqual(await violations(page), []);
    await typeInto(page, fieldId('mission.hosted_expert.organisation'), 'Groupement des maraîchers');
    await page.keyboard.press('Tab');
    await page.waitForFunction(() => document.getElementById('f-mission-hosted_expert-organisation-error').hidden);

    // Another type: the group goes, and so do its errors.
    await chooseValue(page, 'mission.kind', 'preparation');
    await group.waitFor({ state: 'hidden' });
    await checkWithKeyboard(page);
    await page.waitForSelector('#error-summary:focus');
    const after = await page.locator('#error-summary-list a').evaluateAll((all) => all.map((a) => a.getAttribute('href')));
    assert.ok(!after.some((h) => h.includes('hosted_expert')), after.join(' '));
  } finally {
    await browser.close();
  }
});

test('an expense line with a detail but no amount is told on its amount, not on the resources', async () => {
  const { browser, page } = await phone();
  try {
    await typeInto(page, fieldId('budget.expenses[0].label'), 'Billet Lille–Dakar');
    await page.keyboard.press('Tab');
    await typeInto(page, fieldId('budget.resources[0].amount_cents'), '500');
    await checkWithKeyboard(page);
    await page.waitForSelector('#error-summary:focus');
    assert.match(await inlineError(page, 'budget.expenses[0].amount_cents'), /indiquez le montant de la dépense n°\s?1/);
    assert.doesNotMatch(await inlineError(page, 'budget.resources'), /équilibré/);
    const lines = await page.locator('#error-summary-list a').allInnerTexts();
    assert.ok(lines.includes(`Dépense 1, Montant${NB}: à remplir`), lines.join('\n'));
  } finally {
    await browser.close();
  }
});

/** Every interactive element on screen smaller than 44 × 44 px (links inside a sentence aside). */
async function smallTargets(page) {
  return page.evaluate(() => {
    const small = [];
    for (const el of document.querySelectorAll('a[href], button, input, select, textarea, summary, label.button')) {
      if (el.type === 'hidden') continue;
      const box = el.getBoundingClientRect();
      if (box.width === 0 && box.height === 0) continue; // not rendered (hidden)
      if (el.closest('.visually-hidden, [hidden]')) continue;
      if (el.tagName === 'A') {
        // A link inside a sentence keeps its line (WCAG 2.5.8's inline exception).
        const parent = el.parentElement;
        const own = [...parent.childNodes].filter((n) => n !== el).map((n) => n.textContent).join('').trim();
        if (own !== '' && !el.classList.contains('skip-link')) continue;
      }
      if (box.width < 44 || box.height < 44) {
        small.push(`${el.tagName.toLowerCase()}#${el.id || el.getAttribute('name') || el.textContent.trim().slice(0, 30)}: ${Math.round(box.width)}×${Math.round(box.height)}`);
      }
    }
    return small;
  });
}

test('every target of both form pages is at least 44 × 44 px on a phone', async () => {
  const { browser, page } = await phone();
  try {
    assert.deepEqual(await smallTargets(page), []);
    await chooseValue(page, 'mission.kind', 'reciprocity');
    await chooseValue(page, 'applicant.previous_explor', 'true');
    await checkWithKeyboard(page);
    await page.waitForSelector('#error-summary:focus');
    assert.deepEqual(await smallTargets(page), []);
    await page.goto(`${server.url}eligibilite/`);
    await page.waitForSelector('#app:not([hidden])');
    assert.deepEqual(await smallTargets(page), []);
    assert.deepEqual(await violations(page), []);
  } finally {
    await browser.close();
  }
});

test('no layout shift that the person did not cause, while errors come and go', async () => {
  const { browser, page } = await phone();
  try {
    // Once the form shows, nothing moves by itself.
    await page.waitForFunction(() => document.querySelector('[data-figure="total_expenses_cents"]').textContent !== '');
    await typeInto(page, fieldId('applicant.address.postal_code'), '5900');
    await page.keyboard.press('Tab');
    await page.waitForSelector(`#${fieldId('applicant.address.postal_code')}[aria-invalid="true"]`);
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.type('0');
    await typeInto(page, fieldId('mission.need'), 'Un besoin.');
    await checkWithKeyboard(page);
    await page.waitForSelector('#error-summary:focus');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.activeElement.tagName !== 'A');
    const shifts = await page.evaluate(() => window.shifts);
    const unprompted = shifts.filter((s) => !s.input);
    assert.deepEqual(unprompted, [], `layout shifts without input: ${JSON.stringify(unprompted)}`);
  } finally {
    await browser.close();
  }
});
