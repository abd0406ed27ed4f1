// What `explor serve` answers at the service worker's address: a worker that removes itself, so that
// a worker left on this origin by a published copy of the site (or by another project previewed on
// the same port) stops answering, and the preview is always the files just built. It intercepts
// nothing, deletes the caches of its scope, unregisters, and reloads the pages it controlled.
"use strict";

self.addEventListener("install", () => self.skipWaiting());

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      const prefix = "explor " + self.registration.scope + " ";
      const names = await caches.keys();
      await Promise.all(names.filter((name) => name.startsWith(prefix)).map((name) => caches.delete(name)));
      await self.registration.unregister();
      const pages = await self.clients.matchAll({ type: "window" });
      await Promise.all(pages.map((page) => page.navigate(page.url).catch(() => null)));
    })(),
  );
});
