// Screenshots of the staff page for docs/screenshots/ (run by hand, not a test): the committee's
// table at 1,280 px with the fixture dossiers (and the bad files), and one dossier's sheet as it
// prints (print media, A4 width).
//
// Usage: EXPLOR_DIST=path/to/fixture/dist node tests/browser/staff-screenshots.mjs

import { join, resolve } from 'node:path';

import { serve, launch, dossiers } from './support.js';

const out = resolve(import.meta.dirname, '../../docs/screenshots');
const FILES = ['complete.json', 'budget-errors.json', 'ineligible.json', 'unknown-field.json', 'not-json.json', 'other-version.json'];

const server = await serve();
const browser = await launch({ viewport: { width: 1280, height: 900 } });
try {
  await browser.context.clock.setFixedTime(new Date('2025-06-01T10:00:00+02:00'));
  const page = await browser.context.newPage();
  await page.goto(`${server.url}verification/`);
  await page.waitForSelector('#app:not([hidden])');
  await page.setInputFiles('#staff-files', FILES.map((f) => join(dossiers, f)));
  await page.waitForSelector(`#staff-table tbody tr:nth-child(${FILES.length}):last-child`);
  await page.locator('#staff-results').screenshot({ path: join(out, 'verification-tableau.png') });
  await page.locator('#staff-table button[data-open]', { hasText: 'budget-errors.json' }).click();
  await page.waitForSelector('#staff-sheet:not([hidden])');
  await page.evaluate(() => { window.print = () => {}; });
  await page.click('[data-action="print-one"]');
  await page.waitForSelector('#staff-print section.dossier', { state: 'attached' });
  // An A4 page's width at 96 dpi, less the margins.
  await page.setViewportSize({ width: 700, height: 1000 });
  await page.emulateMedia({ media: 'print' });
  await page.locator('#staff-print section.dossier').screenshot({ path: join(out, 'verification-fiche-imprimee.png') });
  console.log(`écrit : ${out}/verification-tableau.png, ${out}/verification-fiche-imprimee.png`);
} finally {
  await browser.close();
  await server.close();
}
