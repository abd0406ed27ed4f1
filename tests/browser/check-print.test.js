// The staff's report of `explor check --format html` (the same markup as the staff page's sheets,
// from the core's sheet.rs) in Chromium: the committee table fits a 1,280 px screen, the page has
// no accessibility violation, and printed on A4 with page.pdf() every dossier starts a new sheet,
// carries its name atop each of its pages, and shares no page with another dossier.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launch, explorBin, dossiers, frozenEdition, axePath } from './support.js';

let work;
let html;

/** A dossier long enough to need several pages, with a word too long for the line. */
async function longDossier(dir) {
  const dossier = JSON.parse(await readFile(join(dossiers, 'complete.json'), 'utf8'));
  const paragraph = (i) =>
    `Paragraphe ${i} : ` +
    'les habitants des trois villages décrivent leurs besoins en eau, leurs usages et leurs priorités. '.repeat(6);
  const long = Array.from({ length: 14 }, (_, i) => paragraph(i + 1)).join('\n');
  dossier.applicant.name = 'Association pour le développement des échanges solidaires Hauts-de-France Sénégal';
  dossier.mission.need = long;
  dossier.mission.activities = long;
  dossier.mission.objectives = 'Motsanslimitedelongueurnidespace'.repeat(8);
  const path = join(dir, 'long.json');
  await writeFile(path, JSON.stringify(dossier));
  return path;
}

before(async () => {
  work = await mkdtemp(join(tmpdir(), 'explor-check-print-'));
  const long = await longDossier(work);
  const args = ['check', '--content', frozenEdition, '--today', '2025-06-15', '--format', 'html', dossiers, long];
  try {
    html = execFileSync(explorBin, args, { encoding: 'utf8' });
  } catch (e) {
    // Exit status 2: the fixtures include unreadable files; the report is still written.
    assert.equal(e.status, 2, e.stderr);
    html = e.stdout;
  }
});

after(async () => {
  await rm(work, { recursive: true, force: true });
});

/** Printed as the report's CSS says: A4, the table in landscape, the sheets in portrait. */
const A4 = { format: 'A4', preferCSSPageSize: true };

/** The report in a fresh page of width 1,280 px. */
async function open(options = {}) {
  const browser = await launch({ viewport: { width: 1280, height: 800 }, ...options });
  const page = await browser.context.newPage();
  await page.setContent(html);
  return { browser, page };
}

/**
 * The pages of a PDF in order, each with the named destinations of its links and their boxes.
 * Chromium writes pages, annotations and the page tree as plain objects.
 */
function pdfPages(buffer) {
  const text = buffer.toString('latin1');
  const objects = new Map();
  for (const match of text.matchAll(/(\d+) 0 obj\s*([\s\S]*?)endobj/g)) objects.set(match[1], match[2]);
  const refs = (body, key) => {
    const list = body.match(new RegExp(`/${key} \\[([^\\]]*)\\]`));
    return list ? [...list[1].matchAll(/(\d+) 0 R/g)].map((m) => m[1]) : [];
  };
  const root = [...objects.values()].find((o) => /\/Type \/Pages\b/.test(o) && !/\/Parent /.test(o));
  const pages = [];
  const walk = (body) => {
    for (const kid of refs(body, 'Kids')) {
      const object = objects.get(kid);
      if (/\/Type \/Pages\b/.test(object)) walk(object);
      else pages.push(object);
    }
  };
  walk(root);
  return pages.map((page) => {
    const [width, height] = page
      .match(/\/MediaBox \[[\d.]+ [\d.]+ ([\d.]+) ([\d.]+)\]/)
      .slice(1)
      .map((n) => Math.round(Number(n)));
    const links = refs(page, 'Annots')
      .map((ref) => objects.get(ref))
      .filter((a) => /\/Dest \//.test(a))
      .map((a) => ({
        dest: a.match(/\/Dest \/([^\s>/]+)/)[1],
        top: Number(a.match(/\/Rect \[[\d.]+ [\d.]+ [\d.]+ ([\d.]+)\]/)[1]),
      }));
    return { width, height, links };
  });
}

/** The sheet of each page: the dossier whose running header (a link to its heading) tops the page. */
function headers(pages) {
  return pages.map(({ height, links }) => {
    // A link broken over lines or text runs has one box per piece: one destination at most.
    const named = links.filter((l) => l.dest.endsWith('-titre'));
    assert.ok(new Set(named.map((l) => l.dest)).size <= 1, `one running header per page: ${JSON.stringify(named)}`);
    if (named.length === 0) return null;
    // Within the top margin's reach: the header is the first line of the page.
    assert.ok(named[0].top > height - 80, `the header tops the page: ${named[0].top} of ${height}`);
    return named[0].dest.replace(/-titre$/, '');
  });
}

test('the committee table fits a 1,280 px screen and the report has no accessibility violation', async () => {
  // axe is injected as a script: the report's Content-Security-Policy is bypassed for it alone.
  const { browser, page } = await open({ bypassCSP: true });
  try {
    const sizes = await page.evaluate(() => {
      const region = document.querySelector('.scroll');
      return {
        region: [region.scrollWidth, region.clientWidth],
        page: [document.documentElement.scrollWidth, window.innerWidth],
      };
    });
    assert.ok(sizes.region[0] <= sizes.region[1], `table overflows: ${sizes.region}`);
    assert.ok(sizes.page[0] <= sizes.page[1], `page overflows: ${sizes.page}`);
    await page.addScriptTag({ path: axePath });
    const violations = await page.evaluate(async () =>
      (await window.axe.run(document)).violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(', ')}`),
    );
    assert.deepEqual(violations, []);
  } finally {
    await browser.close();
  }
});

test('printed on A4, each dossier starts a sheet, has its name atop each page and shares no page', async () => {
  const { browser, page } = await open();
  try {
    const sheets = await page.$$eval('section.dossier', (list) => list.map((s) => s.id));
    assert.ok(sheets.length >= 5, `the fixtures' dossiers: ${sheets}`);
    const pages = pdfPages(await page.pdf(A4));
    const owner = headers(pages);
    // The table first (no running header), then the sheets in the table's order, each on its own
    // run of pages, then the unreadable files (no running header).
    const firstSheet = owner.findIndex((o) => o !== null);
    assert.ok(firstSheet >= 1, 'the table is printed before the sheets');
    const runs = [];
    for (const o of owner.slice(firstSheet)) {
      if (o === null) break;
      if (runs.at(-1)?.id === o) runs.at(-1).pages += 1;
      else runs.push({ id: o, pages: 1 });
    }
    assert.deepEqual(
      runs.map((r) => r.id),
      sheets,
      'each dossier once, on consecutive pages, in the order of the sheets',
    );
    assert.ok(owner.slice(firstSheet + runs.reduce((n, r) => n + r.pages, 0)).every((o) => o === null));
    // A4 in points: the table in landscape, every sheet in portrait.
    assert.deepEqual(
      [...new Set(pages.slice(0, firstSheet).map((p) => `${p.width}x${p.height}`))],
      ['842x595'],
    );
    assert.deepEqual([...new Set(pages.slice(firstSheet).map((p) => `${p.width}x${p.height}`))], ['595x842']);
    // The long dossier needs several pages: its name is atop each of them.
    assert.ok(runs.some((r) => r.pages >= 3), `a dossier over several pages: ${JSON.stringify(runs)}`);
    // Printed alone, each dossier takes exactly as many pages as in the pack: no page is shared.
    for (const run of runs) {
      const style = await page.addStyleTag({
        content: `main > :not(#${run.id}) { display: none !important } #${run.id} { break-before: auto !important }`,
      });
      const alone = pdfPages(await page.pdf(A4));
      assert.equal(alone.length, run.pages, `${run.id} alone`);
      assert.deepEqual(headers(alone), Array(run.pages).fill(run.id));
      await style.evaluate((node) => node.remove());
    }
  } finally {
    await browser.close();
  }
});

test('the sheets print in black on white, the « Écrire à l’association » links left out', async () => {
  const { browser, page } = await open();
  try {
    await page.emulateMedia({ media: 'print' });
    const seen = await page.evaluate(() => ({
      colors: [...new Set([...document.querySelectorAll('section.dossier *')].map((e) => getComputedStyle(e).color))],
      actions: [...document.querySelectorAll('.actions')].filter((e) => e.getClientRects().length > 0).length,
      links: document.querySelectorAll('.actions a[href^="mailto:"]').length,
      widest: Math.max(...[...document.querySelectorAll('section.dossier')].map((s) => s.scrollWidth - s.clientWidth)),
    }));
    assert.deepEqual(seen.colors, ['rgb(0, 0, 0)']);
    assert.ok(seen.links >= 5, 'each dossier with an address has its link on screen');
    assert.equal(seen.actions, 0);
    assert.ok(seen.widest <= 0, `nothing wider than the sheet: ${seen.widest}`);
  } finally {
    await browser.close();
  }
});
