// Shared by the start-up benchmarks (browser.mjs, second-visit.mjs): what « the form is usable » means
// in the page, and Debian's Chromium launched with this machine's flags.

import { chromium } from 'playwright-core';

import { CHROME_FLAGS, CHROME_PATH } from './site.mjs';

/** The form page every start-up figure is measured on. */
export const FORM = 'candidature/';

/**
 * An init script: `window.__explorUsable` resolves to `performance.now()` (ms from the navigation's
 * start) when the form's root `#app` loses `hidden`, which the module does once the form is wired.
 */
export const USABLE_PROBE = `
  window.__explorUsable = new Promise((resolve) => {
    const check = () => {
      const app = document.getElementById('app');
      if (app && !app.hidden) { observer.disconnect(); resolve(performance.now()); return true; }
      return false;
    };
    const observer = new MutationObserver(check);
    observer.observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['hidden'] });
  });`;

/** Headless Chromium, as every benchmark launches it. */
export function launch() {
  return chromium.launch({ executablePath: CHROME_PATH, args: CHROME_FLAGS });
}

/** Waits, in `page`, for the form to be usable; its time in ms from the navigation's start. */
export function usableAt(page) {
  return page.evaluate(() => window.__explorUsable);
}
