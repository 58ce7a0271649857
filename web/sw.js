// sw.js — makes the site work offline after one visit. Same-origin GETs go to the network first
// (a teacher's server always wins, so nothing goes stale) and fall back to the copy cached on
// install or on the last successful fetch. Nothing is fetched from anywhere else.
const CACHE = 'attention-steps-v1';

// offline-files.json lists every page, script, stylesheet, WebAssembly file and font of the site
// (written by scripts/offline-manifest.mjs when the site is built).
async function precache() {
  const cache = await caches.open(CACHE);
  const files = await (await fetch('offline-files.json', { cache: 'no-cache' })).json();
  await cache.addAll(['./', ...files]);
}

self.addEventListener('install', (event) => {
  event.waitUntil(precache().then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const key of await caches.keys()) if (key !== CACHE) await caches.delete(key);
    await self.clients.claim();
  })());
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || new URL(request.url).origin !== self.location.origin) return;
  event.respondWith((async () => {
    const cache = await caches.open(CACHE);
    try {
      const response = await fetch(request);
      if (response.ok) await cache.put(request, response.clone());
      return response;
    } catch (err) {
      const cached = await cache.match(request, { ignoreSearch: true });
      if (cached) return cached;
      throw err;
    }
  })());
});
