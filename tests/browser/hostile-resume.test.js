// « Reprendre un brouillon » with the hostile files that the form's own tests do not try: a 50 MB file,
// invalid UTF-8, a field of the wrong type, a field written twice, an empty file — each refused in
// French with the answers already typed left untouched — and the files a person may really have: a
// draft of another edition (taken up, with a warning) and one saved by Windows Notepad (with a BOM).

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { closeSync, ftruncateSync, openSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { serve, launch, openForm, fieldId, dossiers } from './support.js';

/** A day inside the call period of the frozen 2025 edition the site is built from. */
const OPEN_INSTANT = new Date('2025-06-01T10:00:00+02:00');
const UNTOUCHED = /Vos réponses n’ont pas été modifiées\.$/;

let server;
let work;
let complete;
before(async () => {
  server = await serve();
  work = await mkdtemp(join(tmpdir(), 'explor-resume-'));
  complete = await readFile(join(dossiers, 'complete.json'), 'utf8');
});
after(async () => {
  await server?.close();
  await rm(work, { recursive: true, force: true });
});

/** Every (name, value) of the application form, to compare two states of it. */
async function answers(page) {
  return page.evaluate(() => [...new FormData(document.getElementById('application'))].map(([n, v]) => `${n}=${v}`));
}

/** Chooses `path` in « Reprendre un brouillon » and returns the message the page shows. */
async function resume(page, path) {
  await page.evaluate(() => { document.getElementById('resume-message').textContent = ''; });
  await page.setInputFiles('#resume-file', path);
  await page.waitForSelector('#resume-message:not(:empty)');
  return page.locator('#resume-message').innerText();
}

async function withForm(body) {
  const browser = await launch();
  try {
    await browser.context.clock.setFixedTime(OPEN_INSTANT);
    const page = await openForm(browser.context, server.url);
    await page.fill(`#${fieldId('applicant.name')}`, 'Association à garder');
    await page.fill(`#${fieldId('mission.title')}`, 'Une mission déjà décrite');
    await body(page);
    assert.deepEqual(page.problems, [], 'console errors');
  } finally {
    await browser.close();
  }
}

test('hostile files are refused in French and leave the answers as they were', async () => {
  const huge = join(work, 'video.json');
  const file = openSync(huge, 'w');
  ftruncateSync(file, 50 * 1024 * 1024);
  closeSync(file);
  const named = {
    'latin1.json': Buffer.from(complete.replace('Association Eau Vive Lille', 'Société Vive'), 'latin1'),
    'montant-texte.json': complete.replace('"amount_cents": 65000', '"amount_cents": "650,00"'),
    'montant-double.json': complete.replace('"amount_cents": 65000', '"amount_cents": 65000, "amount_cents": 6500'),
    'vide.json': '',
  };
  const paths = { 'video.json': huge };
  for (const [name, bytes] of Object.entries(named)) {
    paths[name] = join(work, name);
    await writeFile(paths[name], bytes);
  }
  const expected = {
    'video.json': /^Ce fichier n’est pas un dossier EXPLOR\u00a0: il fait 52\u202f428\u202f800 octets, alors qu’un dossier en fait au plus 1\u202f048\u202f576 \(1 Mio\)\./,
    'latin1.json': /^Ce fichier n’est pas un dossier EXPLOR\u00a0: son texte n’est pas encodé en UTF-8 \(octet n°\u00a0\d+ invalide\)\./,
    'montant-texte.json': /^Le champ budget\.expenses\[0\]\.amount_cents doit être un nombre entier de centimes, pas un texte\./,
    'montant-double.json': /^Ce fichier n’est pas un dossier EXPLOR\u00a0: le champ budget\.expenses\[0\]\.amount_cents y figure deux fois/,
    'vide.json': /^Ce fichier n’est pas un dossier EXPLOR\u00a0: il est vide\./,
  };
  await withForm(async (page) => {
    const before = await answers(page);
    for (const [name, path] of Object.entries(paths)) {
      const message = await resume(page, path);
      assert.match(message, expected[name], name);
      assert.match(message, UNTOUCHED, name);
      assert.deepEqual(await answers(page), before, name);
    }
    // The module still works after them: a real draft is taken up.
    await writeFile(join(work, 'brouillon.json'), complete);
    assert.match(await resume(page, join(work, 'brouillon.json')), /^Brouillon repris\s:\stoutes les réponses/);
    assert.equal(await page.inputValue(`#${fieldId('applicant.name')}`), 'Association Eau Vive Lille');
  });
});

test('a draft of another edition is taken up with a warning to check it', async () => {
  const path = join(work, 'brouillon-2024.json');
  await writeFile(path, complete.replace('explor-2025-hauts-de-france', 'explor-2024-hauts-de-france'));
  await withForm(async (page) => {
    const message = await resume(page, path);
    assert.equal(
      message,
      // The edition's id is a code: the person is told it is another edition, not its id.
      'Brouillon repris, mais il a été préparé pour une autre édition de l’appel\u00a0: ' +
        'ses réponses sont restaurées pour l’édition en cours\u202f; vérifiez en particulier les dates de la mission, le budget et les déclarations.',
    );
    assert.equal(await page.inputValue(`#${fieldId('mission.title')}`), 'Diagnostic des besoins en eau potable de trois villages');
  });
});

test('a draft saved with a byte order mark (Windows Notepad) is taken up', async () => {
  const path = join(work, 'bloc-notes.json');
  await writeFile(path, `\ufeff${complete.replace(/\n/g, '\r\n')}`);
  await withForm(async (page) => {
    assert.match(await resume(page, path), /^Brouillon repris\s:\stoutes les réponses/);
    assert.equal(await page.inputValue(`#${fieldId('applicant.name')}`), 'Association Eau Vive Lille');
  });
});
