// Not committed: which style rules match nothing on the built pages in a few states.
import { serve, launch } from './support.js';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
const dist = process.env.EXPLOR_DIST;
function pages(dir, base = '') {
  const out = [];
  for (const f of readdirSync(dir)) {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) { if (f !== 'static') out.push(...pages(p, base + f + '/')); }
    else if (f.endsWith('.html')) out.push(base + (f === 'index.html' ? '' : f));
  }
  return out;
}
const server = await serve(dist);
const { context, close } = await launch();
const page = await context.newPage();
const matched = new Map(); // sheet -> Map(selector -> bool)
async function collect() {
  const res = await page.evaluate(() => {
    const out = [];
    const strip = (s) => s.replace(/::?(hover|focus|focus-visible|focus-within|active|visited|before|after|placeholder|checked|disabled|invalid|first-child|last-child|empty|marker|target|not\([^)]*\)|is\([^)]*\)|where\([^)]*\)|first-of-type|last-of-type|only-child|nth-child\([^)]*\)|root|link|any-link|-webkit-[\w-]+|-moz-[\w-]+)/g, '').trim() || '*';
    function walk(rules, sheet, media) {
      for (const r of rules) {
        if (r.selectorText) {
          for (const sel of r.selectorText.split(',')) {
            let ok = false;
            try { ok = !!document.querySelector(strip(sel.trim()).replace(/\s*([>+~])\s*$/, '')); } catch { ok = 'err'; }
            out.push([sheet, media + sel.trim(), ok]);
          }
        } else if (r.cssRules) walk(r.cssRules, sheet, media + (r.conditionText ? '@' + r.conditionText + ' ' : '@? '));
      }
    }
    for (const s of document.styleSheets) {
      try { walk(s.cssRules, (s.href || 'inline').replace(/.*\//, '').replace(/\.[0-9a-f]{10}\./, '.'), ''); } catch {}
    }
    return out;
  });
  for (const [sheet, sel, ok] of res) {
    if (!matched.has(sheet)) matched.set(sheet, new Map());
    const m = matched.get(sheet);
    m.set(sel, m.get(sel) === true || ok === true ? true : ok);
  }
}
async function click(sel) { const el = await page.$(sel); if (el && await el.isVisible()) await el.click(); }
for (const p of pages(dist)) {
  await page.goto(server.url + p);
  if (await page.$('[data-explor-app]')) await page.waitForSelector('#app:not([hidden])', { timeout: 20000 }).catch(() => {});
  await collect();
  if (p === 'candidature/') {
    await click('[data-action="add-line"][data-list="budget.expenses"]');
    await click('[data-action="add-line"][data-list="budget.resources"]');
    await click('button[type="submit"]');
    await collect();
    await click('[data-action="download"]');
    await collect();
    await click('[data-action="send-anyway"]');
    await collect();
    await click('[data-action="send-final"]');
    await collect();
  }
  if (p === 'eligibilite/') {
    await page.check('#f-applicant-legal_form-other');
    await click('button[type="submit"]');
    await collect();
  }
}
for (const [sheet, m] of matched) {
  const never = [...m].filter(([, ok]) => ok !== true).map(([s, ok]) => s + (ok === 'err' ? ' (ERR)' : ''));
  console.log(`== ${sheet}: ${never.length} of ${m.size} selectors never matched`);
  for (const s of never) console.log('   ' + s);
}
await close(); await server.close();
