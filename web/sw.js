// The offline cache: a service worker that keeps one copy of the built site per build, so that
// the playground and its lessons load and answer with no network once a page has been opened.
//
// scripts/make-service-worker.mjs copies this file to build/site/sw.js and fills in BUILD below:
// `version` is a hash of every file of the build (Vite's hashed assets, the HTML, the data), so a
// new build gets a new cache and the old ones are deleted when it activates.
//   precache  the page, the embed page, JS, CSS, both engines (SIMD and scalar) and their
//             loaders, the snapshot and the small data files: fetched when the worker installs
//   onDemand  the bundled corpus (9 MB, needed only for live training): cached the first time
//             the page downloads it, so that a visitor who trained once can train offline too
// Paths are relative to this file, so the site works from any folder of any static host.
const BUILD = { version: 'development', precache: [], onDemand: [] }; // filled in by the build

const CACHE_PREFIX = 'shelf-';
const CACHE = `${CACHE_PREFIX}${BUILD.version}`;
const scope = new URL('./', self.location.href);
const absolute = (path) => new URL(path, scope).href;
const precached = new Set(BUILD.precache.map(absolute));
const onDemand = new Set(BUILD.onDemand.map(absolute));

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      // 'no-cache' revalidates with the server: never a stale copy of an unhashed file (the HTML,
      // the snapshot) from the HTTP cache, yet a 304 instead of the body when it is unchanged.
      await cache.addAll([...precached].map((url) => new Request(url, { cache: 'no-cache' })));
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        if (name.startsWith(CACHE_PREFIX) && name !== CACHE) await caches.delete(name);
      }
      await self.clients.claim();
    })(),
  );
});

/** The cached copy a request stands for: pages are cached without their query (the settings). */
function cacheKey(request) {
  const url = new URL(request.url);
  if (request.mode === 'navigate') {
    url.search = '';
    if (url.pathname.endsWith('/')) url.pathname += 'index.html';
  }
  url.hash = '';
  return url.href;
}

self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET') return;
  const key = cacheKey(request);
  if (precached.has(key)) {
    event.respondWith(fromCache(key, request));
  } else if (onDemand.has(key)) {
    event.respondWith(fromCacheOrSave(key, request, event));
  }
  // Anything else (another site's page in a test, a file added after the build) goes to the
  // network as if there were no worker.
});

async function fromCache(key, request) {
  const cache = await caches.open(CACHE);
  return (await cache.match(key)) ?? fetch(request);
}

async function fromCacheOrSave(key, request, event) {
  const cache = await caches.open(CACHE);
  const cached = await cache.match(key);
  if (cached) return cached;
  const response = await fetch(request);
  // The page reads its copy while the cache stores the other (a partial response is not kept).
  if (response.status === 200) event.waitUntil(cache.put(key, response.clone()));
  return response;
}
