// Accessibility of the application form, checked by axe-core inside the page: the form as it
// opens, with its error summary and inline errors, and with warnings and a restored budget.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';

import { serve, launch, openForm, axePath, fieldId } from './support.js';

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
  const result = await page.evaluate(async () => {
    const found = await window.axe.run(document);
    return found.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
  return result;
}

async function form() {
  // axe is injected as a script: the page's Content-Security-Policy is bypassed for it alone.
  const browser = await launch({ bypassCSP: true });
  // A day inside the call period of the frozen 2025 edition the site is built from.
  await browser.context.clock.setFixedTime(new Date('2025-06-01T10:00:00+02:00'));
  const page = await openForm(browser.context, server.url);
  return { browser, page };
}

test('the form as it opens has no accessibility violation', async () => {
  const { browser, page } = await form();
  try {
    assert.deepEqual(await violations(page), []);
  } finally {
    await browser.close();
  }
});

test('the form showing its errors has no accessibility violation', async () => {
  const { browser, page } = await form();
  try {
    await page.fill(`#${fieldId('applicant.address.postal_code')}`, '75001');
    await page.fill(`#${fieldId('budget.expenses[0].amount_cents')}`, 'douze');
    await page.check(`#${fieldId('applicant.previous_explor')}`);
    await page.fill(`#${fieldId('mission.start_date')}`, '2025-10-01');
    await page.fill(`#${fieldId('mission.end_date')}`, '2025-10-03');
    await page.click(`#${fieldId('budget.resources')}-add`);
    await page.click('button[type="submit"]');
    await page.waitForSelector('#error-summary:focus');
    assert.ok((await page.locator('[aria-invalid="true"]').count()) > 5);
    assert.ok((await page.locator('#notes li').count()) > 0, 'warnings are listed');
    assert.deepEqual(await violations(page), []);
  } finally {
    await browser.close();
  }
});
