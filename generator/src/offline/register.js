// Registers the site's service worker (service-worker.js at the site's root, beside static/), which
// keeps the pages and the form for the next visit, with or without a connection. Loaded by the
// interactive pages only, once the page has loaded (the worker's first downloads then do not compete
// with the form's). `explor serve` removes this script from the pages it previews.
if ("serviceWorker" in navigator) {
  const url = new URL("../service-worker.js", import.meta.url);
  const register = () => navigator.serviceWorker.register(url, { updateViaCache: "none" }).catch(() => {});
  if (document.readyState === "complete") register();
  else addEventListener("load", register, { once: true });
}
