// sw.js — makes the site work offline after one visit. Same-origin GETs go to the network first
// (a teacher's server always wins, so nothing goes stale) and fall back to the copy cached on
// install or on the last successful fetch. Nothing is fetched from anywhere else.
const CACHE = 'attention-steps-v1';

// Everything the walk-through and the Performance page load; KaTeX's woff2 fonts are read from
// its stylesheet.
const SHELL = [
  './', 'index.html', 'perf.html',
  'css/site.css', 'css/perf.css',
  'js/main.js', 'js/attention.js', 'js/presets.js', 'js/lessons.js', 'js/perf.js', 'js/perf-worker.js',
  'js/plain-attention.js', 'js/random-inputs.js',
  'js/site/i18n.js', 'js/site/matrix-view.js', 'js/site/model.js', 'js/site/state.js', 'js/site/steps.js',
  'js/site/tex.js', 'js/site/why-scale.js',
  'wasm/attention-simd.js', 'wasm/attention-simd.wasm', 'wasm/attention-scalar.js', 'wasm/attention-scalar.wasm',
  'vendor/katex/katex.min.js', 'vendor/katex/katex.min.css',
];

async function precache() {
  const cache = await caches.open(CACHE);
  await cache.addAll(SHELL);
  const css = await (await cache.match('vendor/katex/katex.min.css')).text();
  const fonts = [...new Set([...css.matchAll(/url\((fonts\/[^)]+\.woff2)\)/g)].map((m) => `vendor/katex/${m[1]}`))];
  await cache.addAll(fonts);
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
