/* Service worker: the hosted site stays readable offline after a first visit.
 *
 * Install: cache every page and asset listed in precache.json (written by the
 * build, see zhreader/offline.py): home, articles, glossary, quotes, the
 * reader's scripts, each article's popup vocabulary under the exact URL its
 * page asks for (vocabulary.js?v=<hash>), Material's bundle and the search index.
 * Each deploy gets a cache of its own: the build writes the site's version
 * below, so a changed site means a changed sw.js, which browsers install again;
 * the new version's precache brings new articles, and activation deletes the
 * old caches.
 * Fetch: network first, so an online reader always gets the current site and
 * the cache is refreshed as they read (pages and the search index are
 * revalidated with the server rather than taken from the HTTP cache); when the
 * network fails, the cached copy. A URL with a version (?v=, ?h=) is answered
 * only with that version, never with another one's (the words of a page index
 * its own vocabulary); other query strings are ignored.
 * Registered by assets/offline.js on http(s) only; file:// never sees it.
 */
"use strict";

const VERSION = "dev";
const CACHE = "zh-reader-" + VERSION;
const SKIP = /\/(livereload|downloads)\//;   // mkdocs serve's reload channel; large downloads
const FRESH = /(\/|\.html|\.json)$/;           // pages and the search index: always ask the server
const VERSIONED = /[?&][vh]=/;

self.addEventListener("install", event => {
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    const list = await (await fetch("precache.json", { cache: "no-cache" })).json();
    // "reload": straight from the server, never a copy the HTTP cache kept from an older deploy.
    await cache.addAll(list.urls.map(url => new Request(new URL(url, self.registration.scope).href, { cache: "reload" })));
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
  const url = new URL(request.url);
  try {
    const response = FRESH.test(url.pathname)
      ? await fetch(url.href, { cache: "no-cache", credentials: "same-origin" })
      : await fetch(request);
    if (response.ok && response.type === "basic") {
      const copy = response.clone();
      event.waitUntil(keep(request, url, copy));
    }
    return response;
  } catch (error) {
    const cached = await caches.match(request)
      || (VERSIONED.test(url.search) ? undefined : await caches.match(request, { ignoreSearch: true }));
    if (cached) return cached;
    throw error;
  }
}

/* Cache a response, and drop the other versions of the same file (vocabulary.js?v=old). */
async function keep(request, url, response) {
  const cache = await caches.open(CACHE);
  await cache.put(request, response);
  if (!VERSIONED.test(url.search)) return;
  for (const other of await cache.keys(request, { ignoreSearch: true })) {
    if (other.url !== request.url) await cache.delete(other);
  }
}
