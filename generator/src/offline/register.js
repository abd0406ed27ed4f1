// Registers the site's service worker (service-worker.js at the site's root, beside static/), which
// keeps the pages and the form for the next visit, with or without a connection. Loaded by the
// interactive pages only. The worker's first downloads (its precache) must not compete with the
// form's start: it is registered once the page has loaded, its form has shown (`#app` without
// `hidden`; at once on a page without one) and the main thread is idle. A page whose module
// cannot start registers nothing. `explor serve` removes this script from the pages it previews.
//
// It also watches the form's loader: the style sheet hides the page's fallback (what it says without
// its module) on the pages that carry this script; if, once the page has loaded, the loader never ran
// (its file or its glue refused or missing: no "explor-started"), the page gets "explor-failed" and
// the fallback shows again (generator/src/bundle.rs).
const root = document.documentElement;
const watchLoader = () => {
  if (!root.classList.contains("explor-started")) root.classList.add("explor-failed");
};
if (document.readyState === "complete") watchLoader();
else addEventListener("load", watchLoader, { once: true });
if ("serviceWorker" in navigator) {
  const url = new URL("../service-worker.js", import.meta.url);
  const register = () => navigator.serviceWorker.register(url, { updateViaCache: "none" }).catch(() => {});
  const idle = () =>
    "requestIdleCallback" in window ? requestIdleCallback(register, { timeout: 2000 }) : setTimeout(register, 500);
  const shown = () => {
    const app = document.getElementById("app");
    if (!app || !app.hidden) return idle();
    const watch = new MutationObserver(() => {
      if (!app.hidden) {
        watch.disconnect();
        idle();
      }
    });
    watch.observe(app, { attributes: true, attributeFilter: ["hidden"] });
  };
  if (document.readyState === "complete") shown();
  else addEventListener("load", shown, { once: true });
}
