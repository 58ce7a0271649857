// sw.js — makes the site work offline after one visit, always as one build, and cross-origin
// isolated where the host sends no headers. Same-origin GETs go to the network first (a teacher's
// server always wins) and fall back to this build's cache; every answer handed to the page carries
// the cross-origin isolation headers (withIsolationHeaders).
//
// offline-files.js (written by scripts/offline-manifest.mjs) gives the build: its files with the
// SHA-256 of each, and `version`, a hash of that list. A new build changes offline-files.js, so the
// browser installs a new service worker, which fills a new cache named after its version and, once
// active, deletes the caches of earlier builds. A file enters the cache only if its bytes have this
// build's hash, so a cache never mixes builds, even when the server changes while it is being filled.
//
// On install: what the walk-through's first visit used (its page, stylesheets, bundle and the
// WebAssembly build this browser runs; offline-files.js lists them; not the other builds, not the
// Performance page, not KaTeX's fonts, of which the page's formulas use a few, nor KaTeX's module,
// imported only for a formula not typeset at build time). The rest when the page says it is idle
// (web/js/offline.js); a file the page fetches once this worker controls it is kept as it passes
// (the fetch handler).
importScripts('offline-files.js');   // self.OFFLINE_BUILD = { version, files: { path: sha256 hex }, walkthrough: [path] }

const { version: BUILD, files: FILES, walkthrough: WALKTHROUGH } = self.OFFLINE_BUILD;
const PREFIX = 'attention-steps-';
const CACHE = `${PREFIX}${BUILD}`;

// The probe of web/js/core/attention.js (a classic worker cannot import that module): valid only where
// the engine supports WebAssembly SIMD128, where the page loads the SIMD build.
const SIMD_PROBE = new Uint8Array([
  0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, 43, 1, 41, 0, 253, 12, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 253, 12, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 253, 228, 1, 11,
]);
const flavourInUse = typeof WebAssembly === 'object' && WebAssembly.validate(SIMD_PROBE) ? 'simd' : 'scalar';
// On install: the WebAssembly build in use and the walk-through's other first-visit files (its page,
// stylesheets and bundle; not the modules the bundle is built from, which only the Performance page loads).
const neededNow = (path) => (path.startsWith('wasm/') ? path.startsWith(`wasm/attention-${flavourInUse}.`) : WALKTHROUGH.includes(path));

const scopePath = new URL(self.registration.scope).pathname;

/** The build's path of a same-origin URL ('' and folders mean their index.html), or null. */
function buildPath(url) {
  if (url.origin !== self.location.origin || !url.pathname.startsWith(scopePath)) return null;
  let path;
  try {
    path = decodeURIComponent(url.pathname.slice(scopePath.length));
  } catch {
    return null;
  }
  if (path === '' || path.endsWith('/')) path += 'index.html';
  return Object.hasOwn(FILES, path) ? path : null;
}

async function sha256(response) {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', await response.arrayBuffer()));
  return Array.from(digest, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** Puts `response` under `path` if its bytes are this build's; otherwise throws, naming both. */
async function putIfThisBuild(cache, path, response) {
  if (response.status !== 200) throw new Error(`offline copy: ${path} answered ${response.status}`);
  if (await sha256(response.clone()) !== FILES[path]) {
    throw new Error(`offline copy: ${path} on the server is not the file of build ${BUILD}; the copy is made again on a later visit`);
  }
  await cache.put(path, response);
}

/** Caches those of `paths` not cached yet, each checked against the build's hash. */
async function cacheFiles(paths) {
  const cache = await caches.open(CACHE);
  const cached = new Set((await cache.keys()).map((request) => request.url));
  await Promise.all(paths
    .filter((path) => !cached.has(new URL(path, self.registration.scope).href))
    .map(async (path) => putIfThisBuild(cache, path, await fetch(path, { cache: 'no-cache' }))));
}

self.addEventListener('install', (event) => {
  event.waitUntil(cacheFiles(Object.keys(FILES).filter(neededNow)).then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const key of await caches.keys()) if (key !== CACHE) await caches.delete(key);
    await self.clients.claim();
  })());
});

// { type: 'cache-rest' } from the page when it is idle: the files of this build not cached yet.
// One copy at a time: a second message (the page asks again when this worker takes control)
// waits for the copy under way instead of fetching the same files again.
let restInFlight = null;
function cacheRest() {
  restInFlight ??= cacheFiles(Object.keys(FILES)).finally(() => { restInFlight = null; });
  return restInFlight;
}

self.addEventListener('message', (event) => {
  if (event.data?.type !== 'cache-rest') return;
  event.waitUntil(cacheRest().then(
    () => event.source?.postMessage({ type: 'offline-copy-complete', build: BUILD }),
    (err) => event.source?.postMessage({ type: 'offline-copy-incomplete', build: BUILD, message: err.message }),
  ));
});

// Cross-origin isolation where the host sends no headers (the coi-serviceworker technique): the
// answers this worker hands a page carry COOP same-origin, COEP require-corp and CORP same-origin,
// as scripts/serve.mjs sends them, so a page loaded under its control is crossOriginIsolated
// (SharedArrayBuffer for the threaded core, a fine-grained clock). Documents need COOP and COEP,
// workers' scripts COEP; the site's other files are same-origin, which COEP lets through anyway.
// An opaque answer cannot be re-wrapped, and a redirected one would lose its final URL (the base
// of a module's imports): both pass unchanged.
const ISOLATION_HEADERS = {
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-embedder-policy': 'require-corp',
  'cross-origin-resource-policy': 'same-origin',
};
const NULL_BODY_STATUS = new Set([204, 205, 304]);   // a Response with one of these has no body

function withIsolationHeaders(response) {
  if (response.type === 'opaque' || response.type === 'opaqueredirect' || response.status === 0 || response.redirected) return response;
  const headers = new Headers(response.headers);
  for (const [name, value] of Object.entries(ISOLATION_HEADERS)) headers.set(name, value);
  return new Response(NULL_BODY_STATUS.has(response.status) ? null : response.body,
    { status: response.status, statusText: response.statusText, headers });
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== self.location.origin) return;
  const path = buildPath(url);
  event.respondWith((async () => {
    try {
      const response = await fetch(request);
      // The first fetch of a file of this build (say the wasm build in use, fetched before this
      // worker took over) fills its place in the cache; a file of another build is not kept.
      if (path && response.status === 200 && !request.headers.has('range')) {
        const copy = response.clone();
        event.waitUntil(caches.open(CACHE).then(async (cache) => {
          if (!(await cache.match(path))) await putIfThisBuild(cache, path, copy);
        }).catch(() => {}));
      }
      return withIsolationHeaders(response);
    } catch (err) {
      const cached = path && await (await caches.open(CACHE)).match(path);
      if (cached) return withIsolationHeaders(cached);
      throw err;
    }
  })());
});
