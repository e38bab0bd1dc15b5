/* Service worker: the hosted site stays readable offline after a first visit.
 *
 * Install: cache every page and asset listed in precache.json (written by the
 * build, see zhreader/offline.py): home, articles, glossary, quotes, the
 * reader's scripts, Material's bundle and the search index.
 * Fetch: network first, so an online reader always gets the current site and
 * the cache is refreshed as they read (pages and the search index are
 * revalidated with the server rather than taken from the HTTP cache); when the
 * network fails, the cached copy (ignoring ?h= and other query strings).
 * Registered by assets/offline.js on http(s) only; file:// never sees it.
 */
"use strict";

const CACHE = "zh-reader-v1";
const SKIP = /\/(livereload|downloads)\//;   // mkdocs serve's reload channel; large downloads
const FRESH = /(\/|\.html|\.json)$/;           // pages and the search index: always ask the server

self.addEventListener("install", event => {
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    const list = await (await fetch("precache.json", { cache: "no-cache" })).json();
    await cache.addAll(list.urls.map(url => new URL(url, self.registration.scope).href));
    await self.skipWaiting();
  })());
});

self.addEventListener("activate", event => {
  event.waitUntil((async () => {
    for (const name of await caches.keys())
      if (name !== CACHE) await caches.delete(name);
    await self.clients.claim();
  })());
});

self.addEventListener("fetch", event => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== location.origin || SKIP.test(url.pathname)) return;
  event.respondWith(networkFirst(event, request));
});

async function networkFirst(event, request) {
  try {
    const url = new URL(request.url);
    const response = FRESH.test(url.pathname)
      ? await fetch(url.href, { cache: "no-cache", credentials: "same-origin" })
      : await fetch(request);
    if (response.ok && response.type === "basic") {
      const copy = response.clone();
      event.waitUntil(caches.open(CACHE).then(cache => cache.put(request, copy)));
    }
    return response;
  } catch (error) {
    const cached = await caches.match(request, { ignoreSearch: true });
    if (cached) return cached;
    throw error;
  }
}
