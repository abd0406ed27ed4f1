// The eligibility self-check (/eligibilite/) in a real browser: the verdict for an eligible
// association and for each kind of ineligibility, with the reason and the call's sentence; the
// answers carried into the application's draft without erasing it; the keyboard alone; axe-core.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';

import { serve, launch, openForm, axePath, fieldId } from './support.js';
import { tabTo, typeInto, chooseRadio, pickOption, press } from './keyboard.js';

/** A day inside the call period of the frozen 2025 edition (its deadline is 2025-06-15, Paris time). */
const OPEN_INSTANT = new Date('2025-06-01T10:00:00+02:00');

let server;
before(async () => {
  server = await serve();
});
after(async () => {
  await server?.close();
});

/** A fresh browser whose clock reads the call period, on the self-check with no stored draft. */
async function selfCheck(options = {}) {
  const browser = await launch(options);
  await browser.context.clock.setFixedTime(OPEN_INSTANT);
  const page = await browser.context.newPage();
  page.problems = [];
  page.on('pageerror', (e) => page.problems.push(String(e)));
  page.on('console', (m) => {
    if (m.type() === 'error') page.problems.push(m.text());
  });
  page.on('dialog', (d) => d.accept());
  await open(page);
  await page.evaluate(() => localStorage.clear());
  await open(page);
  return { browser, page };
}

async function open(page) {
  await page.goto(`${server.url}eligibilite/`);
  await page.waitForSelector('#app:not([hidden])');
  // The first verdict is written in the task after the page shows; the verdict is live from then.
  await page.waitForSelector('#verdict[aria-live]');
}

/** The answers of an eligible association; each case below changes one of them. */
const ELIGIBLE = {
  legal_form: 'association_1901',
  postal_code: '59000',
  country: 'SN',
  previous_explor: 'false',
  new_project: null,
  need_identified: 'true',
  sdgs: [6],
  charter: true,
};

/** Answers the questions with the mouse and the `fill` shortcut (the keyboard has its own test). */
async function answer(page, answers) {
  const a = { ...ELIGIBLE, ...answers };
  if (a.legal_form) await page.check(`[name="applicant.legal_form"][value="${a.legal_form}"]`);
  await page.fill(`#${fieldId('applicant.address.postal_code')}`, a.postal_code);
  await page.locator(`#${fieldId('applicant.address.postal_code')}`).blur();
  if (a.country) await page.selectOption(`#${fieldId('partner.country')}`, a.country);
  if (a.previous_explor) await page.check(`[name="applicant.previous_explor"][value="${a.previous_explor}"]`);
  if (a.new_project) await page.check(`[name="applicant.new_project"][value="${a.new_project}"]`);
  if (a.need_identified) await page.check(`[name="partner.need_identified"][value="${a.need_identified}"]`);
  for (const n of a.sdgs) await page.check(`[name="mission.sdgs"][value="${n}"]`);
  if (a.charter) await page.check(`#${fieldId('declarations.charter')}`);
}

/** A text with its non-breaking spaces (French typography) as plain ones, to compare it. */
const plain = (text) => text.replace(/[\u00a0\u202f]/g, ' ');
const verdict = async (page) => plain(await page.locator('#verdict-text').innerText());
const item = (page, path) => page.locator(`#verdict-list [data-question="${path}"]`);

/** What the checklist says of the question `path`: { state, status, reasons, calls }. */
async function standing(page, path) {
  const li = item(page, path);
  const texts = async (selector) => (await li.locator(selector).allInnerTexts()).map(plain);
  return {
    state: await li.getAttribute('data-state'),
    status: plain(await li.locator('.checklist__status').innerText()),
    reasons: await texts('.checklist__reason'),
    intro: await texts('.checklist__call-intro'),
    calls: await texts('blockquote'),
  };
}

/** Every visible checklist item's state, by question. */
function states(page) {
  return page.$$eval('#verdict-list li:not([hidden])', (items) =>
    Object.fromEntries(items.map((li) => [li.dataset.question, li.dataset.state])),
  );
}

const SEAT_CALL = /^Associations loi 1901 ayant leur siège en Hauts-de-France et ayant un partenaire dans l’un des pays éligibles à l’aide publique au développement\.$/;

/** One kind of ineligibility each: the answers, the question that fails, its reason and call. */
const INELIGIBLE = [
  {
    name: 'a legal form other than loi 1901',
    answers: { legal_form: 'other' },
    path: 'applicant.legal_form',
    reason: /^Seules les associations loi 1901 sont éligibles/,
    call: SEAT_CALL,
  },
  {
    name: 'an Alsace-Moselle association (loi 1908)',
    answers: { legal_form: 'association_1908' },
    path: 'applicant.legal_form',
    reason: /loi 1908, Alsace-Moselle\) n’est pas éligible/,
    call: SEAT_CALL,
  },
  {
    name: 'a seat in Paris (75001)',
    answers: { postal_code: '75001' },
    path: 'applicant.address.postal_code',
    reason: /^Le code postal « 75001 » est celui du département 75 : le siège de l’association doit être en Hauts-de-France \(02 Aisne, 59 Nord/,
    call: SEAT_CALL,
  },
  {
    name: 'a seat in a neighbouring département (95000, Val-d’Oise)',
    answers: { postal_code: '95000' },
    path: 'applicant.address.postal_code',
    reason: /^Le code postal « 95000 » est celui du département 95/,
    call: SEAT_CALL,
  },
  {
    name: 'a postal code that lost its leading zero (2000)',
    answers: { postal_code: '2000' },
    path: 'applicant.address.postal_code',
    reason: /ajoutez le 0 initial \(« 02000 »\)/,
    call: SEAT_CALL,
  },
  {
    name: 'a partner outside the DAC list (« Un autre pays »)',
    answers: { country: 'Autre pays' },
    path: 'partner.country',
    reason: /ne figure pas sur la liste du CAD de l’OCDE des pays bénéficiaires de l’aide publique au développement \(2024-2025\)/,
    call: SEAT_CALL,
  },
  {
    name: 'an earlier EXPLOR mission without a new project',
    answers: { previous_explor: 'true', new_project: 'false' },
    path: 'applicant.new_project',
    reason: /^Une association qui a déjà bénéficié d’une mission EXPLOR n’est éligible que pour un nouveau projet/,
    call: /^Association n’ayant pas encore bénéficié du dispositif EXPLOR ou proposant un nouveau projet le cas échéant\.$/,
  },
  {
    name: 'a need not identified with the partner',
    answers: { need_identified: 'false' },
    path: 'partner.need_identified',
    reason: /^L’appel est réservé aux associations qui ont identifié un besoin d’expertise avec leur partenaire/,
    call: /^Structure ayant identifié un besoin d’expertise avec son partenaire local/,
  },
];

test('an eligible association gets its verdict as soon as every question is answered', async () => {
  const { browser, page } = await selfCheck();
  try {
    assert.match(await verdict(page), /^Encore 7 questions à compléter\.$/);
    assert.equal(await item(page, 'applicant.new_project').isHidden(), true);
    await answer(page, {});
    assert.equal(await verdict(page), 'Votre association semble éligible.');
    assert.equal(await page.locator('#verdict-text').getAttribute('data-state'), 'yes');
    const all = await states(page);
    assert.equal(Object.keys(all).length, 7);
    assert.ok(Object.values(all).every((s) => s === 'yes'), JSON.stringify(all));
    assert.equal(await page.locator('#verdict-list .checklist__reason').count(), 0);
    assert.equal(await page.locator('[aria-invalid="true"]').count(), 0);
    assert.equal(await page.locator('#verdict').getAttribute('aria-live'), 'polite');
    // On paper: the questions and the verdict, not the buttons.
    await page.emulateMedia({ media: 'print' });
    assert.equal(await page.locator('#verdict-text').isVisible(), true);
    assert.equal(await page.locator(`#${fieldId('applicant.address.postal_code')}`).isVisible(), true);
    assert.equal(await page.locator('#continue').isVisible(), false);
    assert.deepEqual(page.problems, []);
  } finally {
    await browser.close();
  }
});

test('each kind of ineligibility shows its reason and the sentence of the call', async () => {
  const { browser, page } = await selfCheck();
  try {
    for (const c of INELIGIBLE) {
      await page.evaluate(() => localStorage.clear());
      await open(page);
      await answer(page, c.answers);
      assert.equal(await verdict(page), 'Votre association n’est pas éligible pour l’instant.', c.name);
      const s = await standing(page, c.path);
      assert.equal(s.state, 'no', c.name);
      assert.equal(s.status, 'condition non remplie', c.name);
      assert.ok(s.reasons.some((r) => c.reason.test(r)), `${c.name}: ${s.reasons.join(' | ')}`);
      assert.deepEqual(s.intro, ['Ce que dit l’appel :'], c.name);
      assert.equal(s.calls.length, 1, c.name);
      assert.match(s.calls[0], c.call, c.name);
      // Only that question fails; the others still say « condition remplie ».
      const others = Object.entries(await states(page)).filter(([p]) => p !== c.path);
      assert.ok(others.every(([, st]) => st === 'yes'), `${c.name}: ${JSON.stringify(others)}`);
      // The reason is also said beside the question, bound to it.
      const error = plain(await page.locator(`#${fieldId(c.path)}-error`).innerText());
      assert.ok(error.startsWith('À revoir : '), `${c.name}: ${error}`);
      assert.ok(c.reason.test(error.slice('À revoir : '.length)), `${c.name}: ${error}`);
    }
    assert.deepEqual(page.problems, []);
  } finally {
    await browser.close();
  }
});

test('seats in the region are eligible, Aisne with its leading zero included', async () => {
  const { browser, page } = await selfCheck();
  try {
    for (const postal_code of ['02000', '59000', '60000', '62000', '80000', '59 000']) {
      await page.evaluate(() => localStorage.clear());
      await open(page);
      await answer(page, { postal_code });
      assert.equal(await verdict(page), 'Votre association semble éligible.', postal_code);
      assert.equal((await standing(page, 'applicant.address.postal_code')).status, 'condition remplie');
    }
    // Changing an answer changes the verdict both ways.
    await page.fill(`#${fieldId('applicant.address.postal_code')}`, '95000');
    await page.locator(`#${fieldId('applicant.address.postal_code')}`).blur();
    assert.equal(await verdict(page), 'Votre association n’est pas éligible pour l’instant.');
    await page.fill(`#${fieldId('applicant.address.postal_code')}`, '02000');
    await page.locator(`#${fieldId('applicant.address.postal_code')}`).blur();
    assert.equal(await verdict(page), 'Votre association semble éligible.');
  } finally {
    await browser.close();
  }
});

test('the partner country follows the DAC list: Kosovo is on it, Chile is not', async () => {
  const { browser, page } = await selfCheck();
  try {
    const select = page.locator(`#${fieldId('partner.country')}`);
    assert.equal(await select.locator('option[value="XK"]').innerText(), 'Kosovo');
    assert.equal(await select.locator('option[value="CL"]').count(), 0, 'Chile left the DAC list');
    await answer(page, { country: 'XK' });
    assert.equal(await verdict(page), 'Votre association semble éligible.');
    // A Chilean partner: « Un autre pays »; and even a forced CL is judged by the rule, not the list.
    await select.selectOption('Autre pays');
    assert.equal(await verdict(page), 'Votre association n’est pas éligible pour l’instant.');
    await select.evaluate((el) => el.add(new Option('Chili', 'CL')));
    await select.selectOption('CL');
    const s = await standing(page, 'partner.country');
    assert.equal(s.state, 'no');
    // Said plainly, with whom to ask, and never as a code.
    assert.match(s.reasons[0], /^Le pays de ce partenaire ne figure pas sur la liste du CAD.*n’est pas éligible.*écrivez à/);
    assert.doesNotMatch(s.reasons[0], /\bCL\b/);
    assert.match(s.calls[0], SEAT_CALL);
    await select.selectOption('XK');
    assert.equal(await verdict(page), 'Votre association semble éligible.');
  } finally {
    await browser.close();
  }
});

test('the new-project question is asked only after an earlier EXPLOR mission', async () => {
  const { browser, page } = await selfCheck();
  try {
    await answer(page, { previous_explor: 'true', new_project: null });
    assert.equal(await item(page, 'applicant.new_project').isVisible(), true);
    assert.match(await verdict(page), /^Encore 1 question à compléter\.$/);
    assert.equal((await standing(page, 'applicant.new_project')).status, 'à compléter');
    await page.check('[name="applicant.new_project"][value="true"]');
    assert.equal(await verdict(page), 'Votre association semble éligible.');
    await page.check('[name="applicant.previous_explor"][value="false"]');
    assert.equal(await item(page, 'applicant.new_project').isHidden(), true);
    assert.equal(await verdict(page), 'Votre association semble éligible.');
  } finally {
    await browser.close();
  }
});

test('no SDG or no charter: « à compléter » until the result is asked for, then a reason', async () => {
  const { browser, page } = await selfCheck();
  try {
    const cases = [
      {
        answers: { sdgs: [] },
        path: 'mission.sdgs',
        reason: /^Choisissez au moins un des 17 Objectifs de développement durable/,
        call: /^Ces missions doivent être en lien avec un ou plusieurs Objectifs du Développement Durable$/,
      },
      {
        answers: { charter: false },
        path: 'declarations.charter',
        reason: /^Cochez la case déclarant que la mission proposée est en lien avec les valeurs de la charte de Lianes coopération/,
        call: /^être en lien avec les valeurs de Lianes coopération$/,
      },
    ];
    for (const c of cases) {
      await page.evaluate(() => localStorage.clear());
      await open(page);
      await answer(page, c.answers);
      assert.match(await verdict(page), /^Encore 1 question à compléter\.$/);
      const before = await standing(page, c.path);
      assert.equal(before.status, 'à compléter');
      assert.deepEqual(before.reasons, []);
      await page.click('button[type="submit"]');
      await page.waitForSelector('#verdict-title:focus');
      assert.equal(await verdict(page), 'Votre association n’est pas éligible pour l’instant.');
      const after = await standing(page, c.path);
      assert.equal(after.status, 'à compléter');
      assert.match(after.reasons[0], c.reason);
      assert.match(after.calls[0], c.call);
      const control = page.locator(`[name="${c.path}"]`).first();
      assert.equal(await control.getAttribute('aria-invalid'), 'true');
    }
  } finally {
    await browser.close();
  }
});

test('« Continuer vers la candidature » carries the answers and keeps what the application held', async () => {
  const browser = await launch();
  try {
    await browser.context.clock.setFixedTime(OPEN_INSTANT);
    // The application already holds a name and a city typed earlier.
    const form = await openForm(browser.context, server.url);
    await form.fill(`#${fieldId('applicant.name')}`, 'Association Témoin');
    await form.fill(`#${fieldId('partner.city')}`, 'Pristina');
    await form.check(`[name="mission.sdgs"][value="3"]`);
    await form.waitForFunction(() => /Témoin/.test(Object.values({ ...localStorage }).join('')));
    await open(form);
    // The self-check starts from the draft's answers (here the SDG 3).
    assert.equal(await form.isChecked('[name="mission.sdgs"][value="3"]'), true);
    await answer(form, { country: 'XK', sdgs: [13], postal_code: '02000' });
    assert.equal(await verdict(form), 'Votre association semble éligible.');
    await form.click('#continue');
    await form.waitForURL(/\/candidature\/$/);
    await form.waitForSelector('#app:not([hidden])');
    const value = (path) => form.inputValue(`#${fieldId(path)}`);
    assert.equal(await value('applicant.name'), 'Association Témoin');
    assert.equal(await value('partner.city'), 'Pristina');
    assert.equal(await value('applicant.address.postal_code'), '02000');
    assert.equal(await value('partner.country'), 'XK');
    const checked = (selector) => form.isChecked(selector);
    assert.equal(await checked('[name="applicant.legal_form"][value="association_1901"]'), true);
    assert.equal(await checked('[name="applicant.previous_explor"][value="false"]'), true);
    assert.equal(await checked('[name="partner.need_identified"][value="true"]'), true);
    assert.equal(await checked('[name="mission.sdgs"][value="3"]'), true);
    assert.equal(await checked('[name="mission.sdgs"][value="13"]'), true);
    assert.equal(await checked('[name="mission.sdgs"][value="6"]'), false);
    assert.equal(await checked(`#${fieldId('declarations.charter')}`), true);
    assert.equal(await checked(`#${fieldId('declarations.accurate')}`), false);
    assert.deepEqual(form.problems, []);
  } finally {
    await browser.close();
  }
});

test('an unreadable stored draft is kept aside, not overwritten', async () => {
  const { browser, page } = await selfCheck();
  try {
    const key = await page.evaluate(() => {
      const edition = JSON.parse(document.getElementById('edition-data').textContent);
      const k = `explor:${edition.id}:candidature`;
      localStorage.setItem(k, '{ brouillon abîmé');
      return k;
    });
    await answer(page, {});
    await page.click('#continue');
    await page.waitForURL(/\/candidature\/$/);
    const kept = await page.evaluate((k) => localStorage.getItem(`${k}:illisible`), key);
    assert.equal(kept, '{ brouillon abîmé');
    await page.waitForSelector('#app:not([hidden])');
    assert.equal(await page.inputValue(`#${fieldId('applicant.address.postal_code')}`), '59000');
  } finally {
    await browser.close();
  }
});

test('the self-check can be completed with the keyboard alone', async () => {
  const { browser, page } = await selfCheck();
  try {
    await chooseRadio(page, fieldId('applicant.legal_form'), 0);
    await typeInto(page, fieldId('applicant.address.postal_code'), '59000');
    await pickOption(page, fieldId('partner.country'), 'XK');
    await chooseRadio(page, fieldId('applicant.previous_explor'), 1);
    await chooseRadio(page, fieldId('partner.need_identified'), 0);
    await press(page, `#${fieldId('mission.sdgs')}-6`);
    await press(page, `#${fieldId('declarations.charter')}`);
    await press(page, 'button[type="submit"]', 'Enter');
    await page.waitForSelector('#verdict-title:focus');
    assert.equal(await verdict(page), 'Votre association semble éligible.');
    await tabTo(page, '#continue');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/candidature\/$/);
    await page.waitForSelector('#app:not([hidden])');
    assert.equal(await page.inputValue(`#${fieldId('partner.country')}`), 'XK');
    assert.equal(await page.isChecked(`#${fieldId('mission.sdgs')}-6`), true);
    assert.deepEqual(page.problems, []);
  } finally {
    await browser.close();
  }
});

/** axe-core's violations on the page, as readable lines (rule: target). */
async function violations(page) {
  await page.addScriptTag({ path: axePath });
  return page.evaluate(async () => {
    const found = await window.axe.run(document);
    return found.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
}

test('the self-check has no accessibility violation, as it opens and when not eligible', async () => {
  // axe is injected as a script: the page's Content-Security-Policy is bypassed for it alone.
  const { browser, page } = await selfCheck({ bypassCSP: true });
  try {
    assert.deepEqual(await violations(page), []);
    await answer(page, { legal_form: 'other', postal_code: '75001', sdgs: [] });
    await page.click('button[type="submit"]');
    await page.waitForSelector('#verdict-title:focus');
    assert.equal(await verdict(page), 'Votre association n’est pas éligible pour l’instant.');
    assert.deepEqual(await violations(page), []);
  } finally {
    await browser.close();
  }
});
