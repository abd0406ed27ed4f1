// Filling the application form with the keyboard alone: Tab to move, typing, Space to tick or
// choose, arrow keys inside a radio group and a <select>, Enter on buttons.

/** Presses Tab until the focused element matches `selector` (fails after a full lap). */
export async function tabTo(page, selector, { backwards = false } = {}) {
  for (let i = 0; i < 400; i += 1) {
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
    await page.keyboard.press(backwards ? 'Shift+Tab' : 'Tab');
  }
  throw new Error(`Tab never reached ${selector}`);
}

/** Tabs to the control with id `id` and types `text` into it. */
export async function typeInto(page, id, text) {
  await tabTo(page, `#${id}`);
  await page.keyboard.type(text);
}

/**
 * Tabs to the date field `#id` and types the date `iso` (YYYY-MM-DD) in the order the browser shows
 * its parts: day first as in France, or month first when the browser's own locale says so.
 */
export async function typeDate(page, id, iso) {
  const [y, m, d] = iso.split('-');
  await tabTo(page, `#${id}`);
  await page.keyboard.type(`${d}${m}${y}`);
  if ((await page.inputValue(`#${id}`)) === iso) return;
  // Month first: back to the first part of the same field, and again.
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.type(`${m}${d}${y}`);
  const value = await page.inputValue(`#${id}`);
  if (value !== iso) throw new Error(`#${id} holds ${value}, not ${iso}`);
}

/** Tabs to a radio group (its first radio is `#id`) and chooses the option `steps` arrows down. */
export async function chooseRadio(page, id, steps = 0) {
  await tabTo(page, `[name="${await page.getAttribute(`#${id}`, 'name')}"]`);
  if (steps === 0) {
    await page.keyboard.press('Space');
  } else {
    for (let i = 0; i < steps; i += 1) await page.keyboard.press('ArrowDown');
  }
}

/** Tabs to the <select> `#id` and moves down its options with the arrow key until `value`. */
export async function pickOption(page, id, value) {
  await tabTo(page, `#${id}`);
  for (let i = 0; i < 300; i += 1) {
    if ((await page.inputValue(`#${id}`)) === value) return;
    await page.keyboard.press('ArrowDown');
  }
  throw new Error(`#${id} has no option ${value}`);
}

/** Tabs to the element `selector` and presses Space (a tick box, a button). */
export async function press(page, selector, key = 'Space') {
  await tabTo(page, selector);
  await page.keyboard.press(key);
}

/** A complete, eligible application for the frozen 2025 edition, filled with the keyboard alone. */
export async function fillValidApplication(page) {
  await typeInto(page, 'f-applicant-name', 'Solidarité Nord–Sud Lille');
  await chooseRadio(page, 'f-applicant-legal_form', 0);
  await typeInto(page, 'f-applicant-rna', 'W595001234');
  await typeInto(page, 'f-applicant-address-street', '12 rue des Arts');
  await typeInto(page, 'f-applicant-address-postal_code', '59000');
  await typeInto(page, 'f-applicant-address-city', 'Lille');
  await chooseRadio(page, 'f-applicant-previous_explor', 1);
  await typeInto(page, 'f-applicant-contact-first_name', 'Awa');
  await typeInto(page, 'f-applicant-contact-last_name', 'Diallo');
  await typeInto(page, 'f-applicant-contact-role', 'Présidente');
  await typeInto(page, 'f-applicant-contact-email', 'awa.diallo@example.org');
  await typeInto(page, 'f-applicant-contact-phone', '03 20 00 00 00');
  await typeInto(page, 'f-partner-name', 'Association des maraîchers de Thiès');
  await pickOption(page, 'f-partner-country', 'SN');
  await typeInto(page, 'f-partner-city', 'Thiès');
  await chooseRadio(page, 'f-partner-need_identified', 0);
  await typeInto(page, 'f-partner-relationship', 'Nous travaillons ensemble depuis 2019 sur l’irrigation.');
  await typeInto(page, 'f-mission-title', 'Diagnostic du réseau d’irrigation');
  await chooseRadio(page, 'f-mission-kind', 1);
  await pickOption(page, 'f-mission-country', 'SN');
  await typeInto(page, 'f-mission-city', 'Thiès');
  await typeDate(page, 'f-mission-start_date', '2025-10-06');
  await typeDate(page, 'f-mission-end_date', '2025-10-17');
  await press(page, '#f-mission-sdgs-6');
  await typeInto(page, 'f-mission-need', 'Les pompes tombent en panne et l’eau manque en saison sèche.');
  await typeInto(page, 'f-mission-objectives', 'Établir un diagnostic du réseau et un plan de réparation.');
  await typeInto(page, 'f-mission-activities', 'Visites des parcelles, mesures, ateliers avec les maraîchers.');
  await typeInto(page, 'f-mission-expected_results', 'Un rapport de diagnostic et un plan chiffré.');
  await typeInto(page, 'f-mission-expert_profile', 'Ingénieur hydraulicien, francophone.');
  await typeInto(page, 'f-mission-follow_up', 'Recherche de financements pour les travaux.');
  await fillBudget(page);
  await press(page, '#f-declarations-charter');
  await press(page, '#f-declarations-accurate');
}

/** Two expense lines (650 € + 1 350 €) and two resources (1 000 € each), added with Enter. */
async function fillBudget(page) {
  await pickOption(page, 'f-budget-expenses-0-category', 'travel');
  await typeInto(page, 'f-budget-expenses-0-label', 'Billet Lille–Dakar');
  await typeInto(page, 'f-budget-expenses-0-amount_cents', '650');
  await press(page, '#f-budget-expenses-add', 'Enter');
  await page.waitForSelector('#f-budget-expenses-1-category:focus');
  await pickOption(page, 'f-budget-expenses-1-category', 'accommodation');
  await typeInto(page, 'f-budget-expenses-1-label', 'Hébergement à Thiès');
  await typeInto(page, 'f-budget-expenses-1-amount_cents', '1 350,00 €');
  await pickOption(page, 'f-budget-resources-0-source', 'lianes');
  await typeInto(page, 'f-budget-resources-0-label', 'EXPLOR');
  await typeInto(page, 'f-budget-resources-0-amount_cents', '1000');
  await press(page, '#f-budget-resources-add', 'Enter');
  await page.waitForSelector('#f-budget-resources-1-source:focus');
  await pickOption(page, 'f-budget-resources-1-source', 'own_funds');
  await typeInto(page, 'f-budget-resources-1-label', 'Cotisations');
  await typeInto(page, 'f-budget-resources-1-amount_cents', '1 000');
}
