// Shared by the Node benchmarks: the repository's paths, building the real site with `explor`, the
// list of its pages, and launching Debian's Chromium with the flags that work on these machines.

import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import os from 'node:os';

export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

export const CHROME_PATH = process.env.CHROME_PATH ?? '/usr/bin/chromium';

export const CHROME_FLAGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run',
];

/** `--name value` options of the command line, with defaults. */
export function options(defaults) {
  const result = { ...defaults };
  const args = process.argv.slice(2);
  for (let i = 0; i < args.length; i += 1) {
    const key = args[i].replace(/^--/, '');
    if (!(key in defaults)) {
      console.error(`option inconnue : ${args[i]} (options : ${Object.keys(defaults).map((k) => `--${k}`).join(', ')})`);
      process.exit(2);
    }
    if (typeof defaults[key] === 'boolean') {
      result[key] = true; // a flag: no value follows
      continue;
    }
    result[key] = typeof defaults[key] === 'number' ? Number(args[i + 1]) : args[i + 1];
    i += 1;
  }
  return result;
}

/**
 * The built site to measure: `dist` if given, else a fresh build of the repository with the release
 * `explor` (the form's WebAssembly included) into target/bench/site.
 */
export function builtSite({ dist, explor }) {
  if (dist) return resolve(dist);
  const bin = resolve(explor || join(REPO, 'target', 'release', 'explor'));
  if (!existsSync(bin)) {
    console.error(`${bin} n’existe pas : lancez d’abord « cargo build --release -p generator », ou donnez --explor ou --dist.`);
    process.exit(2);
  }
  const out = join(REPO, 'target', 'bench', 'site');
  execFileSync(bin, ['build', '--root', REPO, '--out', out], { stdio: ['ignore', 'ignore', 'inherit'] });
  return out;
}

/** Every HTML page of `dist`, as URL paths (`""`, `appel/`, `404.html`), sorted. */
export function pages(dist) {
  const found = [];
  const walk = (dir) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith('.html')) found.push(relative(dist, path).split(sep).join('/'));
    }
  };
  walk(dist);
  return found.map((p) => p.replace(/(^|\/)index\.html$/, '$1')).sort();
}

/** One line naming the machine, for the figures. */
export function machine() {
  const cpu = os.cpus()[0]?.model ?? '?';
  const mem = Math.round(os.totalmem() / 1024 ** 2);
  const load = os.loadavg().map((l) => l.toFixed(2)).join(' ');
  return `${os.cpus().length} cœurs, ${cpu}, ${mem} Mo de mémoire ; Node ${process.version} ; charge ${load}`;
}

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** `12345` → `12,1 Ko` (kibibytes, French decimal comma). */
export function kb(bytes) {
  return `${(bytes / 1024).toFixed(1).replace('.', ',')} Ko`;
}
