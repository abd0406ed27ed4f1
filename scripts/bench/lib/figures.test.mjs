// The table of budgets as run.mjs rewrites it (node --test scripts/bench/lib/): the measured rows
// replace theirs, in the order of the budgets, the rows of budgets not measured this time stay, and
// a file without the markers is refused rather than left with a stale table.

import { test } from 'node:test';
import assert from 'node:assert/strict';

import { BEGIN, BUDGETS, END, rewrite, row } from './figures.mjs';

const OLD = `# Titre

${BEGIN}
| budget | mesure | tenu ? |
|---|---|---|
| ${BUDGETS.wasm} | 88,6 Ko gzip | **non** |
| ${BUDGETS.startup} | 502 ms | **non** |
| 10 000 pages en ≤ ½ du temps de Hugo | 1,50 s contre 6,69 s | oui |
${END}

Suite.
`;

test('measured rows replace theirs, in budget order; unmeasured rows stay; the rest is untouched', () => {
  const text = rewrite(OLD, [row('startup', '387 ms', false), row('wasm', '85,1 Ko gzip', false)]);
  const table = text.slice(text.indexOf(BEGIN), text.indexOf(END) + END.length).split('\n');
  assert.deepEqual(table, [
    BEGIN,
    '| budget | mesure | tenu ? |',
    '|---|---|---|',
    `| ${BUDGETS.wasm} | 85,1 Ko gzip | **non** |`,
    `| ${BUDGETS.startup} | 387 ms | **non** |`,
    '| 10 000 pages en ≤ ½ du temps de Hugo | 1,50 s contre 6,69 s | oui |',
    END,
  ]);
  assert.ok(text.startsWith('# Titre\n\n'));
  assert.ok(text.endsWith(`${END}\n\nSuite.\n`));
  assert.equal(rewrite(text, [row('startup', '387 ms', false), row('wasm', '85,1 Ko gzip', false)]), text);
});

test('a met budget says oui, a missed one **non**', () => {
  const text = rewrite(OLD, [row('reading', '8,7 Ko', true)]);
  assert.ok(text.includes(`| ${BUDGETS.reading} | 8,7 Ko | oui |`));
  assert.ok(text.includes(`| ${BUDGETS.wasm} | 88,6 Ko gzip | **non** |`));
});

test('a file without the markers is refused', () => {
  assert.throws(() => rewrite('# Sans tableau\n', [row('wasm', '85,1 Ko', false)]), /repères/);
});
