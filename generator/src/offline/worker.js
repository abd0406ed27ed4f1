// The site's service worker, written by `explor build` beside the pages (do not edit the published
// copy: its source is generator/src/offline/worker.js). It keeps the pages and the form's bundle so
// that a second visit starts from this machine and the form, the self-check and the reading pages
// work with no connection once visited.
//
// Never stale: pages are asked of the network first (the cached copy only when the network fails or
// is slower than NETWORK_TIMEOUT_MS), and every page fetched is kept for the next time; the files of
// static/ carry their content's fingerprint in their name, so a cached one is always the right one.
// The build writes PRECACHE (every file kept at installation, with its content's hash) and VERSION
// (the hash of that list): a new build of different content is a new worker file, which the browser
// installs; its activation deletes this site's older caches. The worker never touches localStorage,
// where the drafts live.
"use strict";

const VERSION = "";
const PRECACHE = [];
const NETWORK_TIMEOUT_MS = 3000;

// Caches belong to the whole origin: the scope in their names keeps two sites of one host apart.
const SCOPE = self.registration.scope;
const PREFIX = "explor " + SCOPE + " ";
const CACHE = PREFIX + VERSION;
const ASSETS = new URL("static/", SCOPE).href;

self.addEventListener("install", (event) => {
  event.waitUntil(precache().then(() => self.skipWaiting()));
});

// Navigation preload: the browser asks the network for the page while this worker starts, so that
// a stopped worker does not delay the page it will give.
self.addEventListener("activate", (event) => {
  const preload = self.registration.navigationPreload?.enable() ?? Promise.resolve();
  event.waitUntil(Promise.all([preload, forgetOlderCaches()]).then(() => self.clients.claim()));
});

// Only the pages and the files of static/ are answered here; any other request (an event stream, a
// download of the calendar) goes to the network untouched, so that none can hold this worker busy
// and delay the activation of the next one.
self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || !request.url.startsWith(SCOPE)) return;
  if (request.url.startsWith(ASSETS)) {
    event.respondWith(cacheFirst(event));
  } else if (request.mode === "navigate") {
    event.respondWith(networkFirst(event));
  }
});

/** Every file of PRECACHE, pages checked with the server, fingerprinted files from any cache. */
async function precache() {
  const cache = await caches.open(CACHE);
  await Promise.all(
    PRECACHE.map(async ([path]) => {
      const url = new URL(path, SCOPE).href;
      const mode = url.startsWith(ASSETS) ? "force-cache" : "no-cache";
      const response = await fetch(url, { cache: mode, credentials: "same-origin" });
      if (!response.ok) throw new Error("precache: " + url + " " + response.status);
      await cache.put(url, response);
    }),
  );
}

async function forgetOlderCaches() {
  const names = await caches.keys();
  await Promise.all(
    names.filter((name) => name.startsWith(PREFIX) && name !== CACHE).map((name) => caches.delete(name)),
  );
}

/** The key of a page: its address without query, `appel/index.html` kept as `appel/`. */
function key(request) {
  const url = new URL(request.url);
  url.search = "";
  url.hash = "";
  if (url.pathname.endsWith("/index.html")) url.pathname = url.pathname.slice(0, -"index.html".length);
  return url.href;
}

/** Keeps a copy of a good answer for the next time, without delaying this one. */
function keep(event, request, response) {
  if (response.ok && response.type === "basic") {
    const copy = response.clone();
    const stored = caches.open(CACHE).then((cache) => cache.put(key(request), copy)).catch(() => null);
    try {
      event.waitUntil(stored);
    } catch {
      // The answer was already given from the cache (a slow network): the copy is stored all the same.
    }
  }
  return response;
}

async function cacheFirst(event) {
  const cached = await caches.match(key(event.request), { cacheName: CACHE });
  if (cached) return cached;
  return keep(event, event.request, await fetch(event.request));
}

async function networkFirst(event) {
  const request = event.request;
  const network = Promise.resolve(event.preloadResponse)
    .then((preloaded) => preloaded ?? fetch(request))
    .then((response) => keep(event, request, response));
  network.catch(() => null); // a failure after the cached copy was given is not an error
  let timer;
  const late = new Promise((resolve) => {
    timer = setTimeout(resolve, NETWORK_TIMEOUT_MS, null);
  });
  try {
    const response = await Promise.race([network, late]);
    if (response) return response;
  } catch {
    // No connection: the copy kept from an earlier visit, below.
  } finally {
    clearTimeout(timer);
  }
  const cached = await caches.match(key(request), { cacheName: CACHE });
  return cached ?? network;
}
