/* Service worker: the hosted site stays readable offline.
 *
 * Install: cache the shell listed in precache.json (written by the build, see
 * zhreader/offline.py): the reader's and Material's scripts and styles, the home
 * page, "All articles", the glossary's index, "My words", About, and the search entry point
 * (Pagefind's loader, WebAssembly and metadata). A first visit stays small whatever the
 * number of articles (the build logs its size; the bench checks it against 3 MB).
 * Reading: every page and file fetched is cached as it is read (articles, the glossary's
 * letter pages …); an article page
 * brings its popup vocabulary (data-vocab, vocabulary.js?v=<hash>) along, so an
 * article read once works offline with its popups.
 * "Keep offline" (assets/offline.js, a button per article): the page asks this
 * worker to keep an article (message {type: "keep", url}); the list of kept
 * articles lives in a cache of its own (KEPT), and every new version fetches them
 * again, so kept articles stay offline, and current, across deploys.
 * Versions: the build writes the site's version below, so each deploy changes
 * sw.js and browsers install it again; the new version caches its shell (and the
 * kept articles) in a cache of its own, and activation deletes the old caches.
 * Fetch: network first, so an online reader always gets the current site and the
 * cache is refreshed as they read (pages and JSON are revalidated with the server
 * rather than taken from the HTTP cache); when the network fails, the cached copy.
 * A URL with a version (?v=, ?h=) is answered only with that version, never with
 * another one's (the words of a page index its own vocabulary); other query
 * strings are ignored.
 * Registered by assets/offline.js on http(s) only; file:// never sees it.
 */
"use strict";

const VERSION = "dev";
const CACHE = "zh-reader-" + VERSION;
const KEPT = "zh-reader-kept";                 // the kept articles' URLs (not versioned: survives deploys)
const KEPT_LIST = "kept.json";
const SKIP = /\/(livereload|downloads)\//;   // mkdocs serve's reload channel; large downloads
const FRESH = /(\/|\.html|\.json)$/;           // pages and JSON: always ask the server
const VERSIONED = /[?&][vh]=/;
const VOCAB = /\bdata-vocab="([^"]+)"/;

const scoped = url => new URL(url, self.registration.scope).href;

self.addEventListener("install", event => {
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    const list = await (await fetch("precache.json", { cache: "no-cache" })).json();
    // "reload": straight from the server, never a copy the HTTP cache kept from an older deploy.
    await cache.addAll(list.urls.map(url => new Request(scoped(url), { cache: "reload" })));
    for (const url of await keptUrls()) {
      try { await keepArticle(cache, url); } catch (error) { /* gone in this deploy, or the network failed */ }
    }
    await self.skipWaiting();
  })());
});

self.addEventListener("activate", event => {
  event.waitUntil((async () => {
    for (const name of await caches.keys())
      if (name !== CACHE && name !== KEPT) await caches.delete(name);
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

/* Cache a response, and drop the other versions of the same file (vocabulary.js?v=old);
 * a page with popup data brings that data along. */
async function keep(request, url, response) {
  const cache = await caches.open(CACHE);
  const page = (response.headers.get("content-type") || "").startsWith("text/html");
  const html = page ? await response.clone().text() : "";
  await cache.put(request, response);
  if (VERSIONED.test(url.search)) {
    for (const other of await cache.keys(request, { ignoreSearch: true }))
      if (other.url !== request.url) await cache.delete(other);
  }
  const vocab = VOCAB.exec(html);
  if (vocab) await cacheVocabulary(cache, new URL(vocab[1].replace(/&amp;/g, "&"), url).href);
}

async function cacheVocabulary(cache, href) {
  if (await cache.match(href)) return;
  const response = await fetch(href);
  if (!response.ok) throw new Error(href + ": " + response.status);
  await keep(new Request(href), new URL(href), response);
}

/* An article and its vocabulary, fetched now into ``cache``. */
async function keepArticle(cache, url) {
  const response = await fetch(url, { cache: "no-cache", credentials: "same-origin" });
  if (!response.ok) throw new Error(url + ": " + response.status);
  const html = await response.clone().text();
  await cache.put(url, response);
  const vocab = VOCAB.exec(html);
  if (vocab) await cacheVocabulary(cache, new URL(vocab[1].replace(/&amp;/g, "&"), url).href);
}

async function keptUrls() {
  const found = await (await caches.open(KEPT)).match(scoped(KEPT_LIST));
  return found ? found.json() : [];
}

async function saveKept(urls) {
  await (await caches.open(KEPT)).put(scoped(KEPT_LIST), new Response(JSON.stringify(urls),
    { headers: { "content-type": "application/json" } }));
}

/* The article pages' "Keep offline" button: {type: "keep" | "unkeep" | "status", url}. */
self.addEventListener("message", event => {
  const data = event.data || {};
  const port = event.ports && event.ports[0];
  if (!port || !data.url || new URL(data.url).origin !== location.origin) return;
  const url = new URL(data.url);
  url.hash = "";
  const page = url.href;
  event.waitUntil((async () => {
    try {
      let kept = await keptUrls();
      if (data.type === "keep") {
        await keepArticle(await caches.open(CACHE), page);
        if (!kept.includes(page)) await saveKept([...kept, page]);
        kept = await keptUrls();
      } else if (data.type === "unkeep") {
        await saveKept(kept.filter(u => u !== page));
        kept = await keptUrls();
      }
      port.postMessage({ kept: kept.includes(page), cached: !!(await caches.match(page)) });
    } catch (error) {
      port.postMessage({ error: String(error && error.message || error) });
    }
  })());
});
