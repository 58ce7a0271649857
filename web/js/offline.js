// offline.js — after the first visit the site also works without a network: web/sw.js keeps one
// build of it (the files listed in offline-files.js). Registered once the page has loaded and is
// idle; on install it caches what the first visit used; when the page is idle again, this asks it
// for the rest (the other wasm builds, KaTeX's fonts and module, the Performance page).
// The Performance page also uses it to get cross-origin isolated where the host sends no headers.
// Not on file: URLs, where service workers do not exist.

const whenIdle = (callback, timeout = 10_000) => (typeof requestIdleCallback === 'function'
  ? requestIdleCallback(callback, { timeout })
  : setTimeout(callback, Math.min(timeout, 2_000)));

/** Calls `callback` once the page has loaded (its fonts too) and is idle, or 2 s after the load. */
function afterLoadWhenIdle(callback) {
  if (document.readyState === 'complete') whenIdle(callback, 2_000);
  else window.addEventListener('load', () => whenIdle(callback, 2_000), { once: true });
}

function askForTheRest() {
  navigator.serviceWorker.ready
    .then((registration) => whenIdle(() => registration.active?.postMessage({ type: 'cache-rest' })))
    .catch(() => { /* the site still works online */ });
}

/**
 * Registers web/sw.js once the page has loaded and is idle (main.js calls this when the first step
 * is usable), so the worker's install fetches do not compete with the first visit's own.
 */
export function registerOfflineCopy() {
  if (!('serviceWorker' in navigator) || !location.protocol.startsWith('http')) return;
  afterLoadWhenIdle(() => {
    navigator.serviceWorker.register('sw.js')
      .then((registration) => registration.update())   // a new build: a new offline-files.js, a new worker
      .catch(() => { /* the site still works online */ });
  });
  askForTheRest();
  // A new build's worker took over: it has its own cache to complete.
  navigator.serviceWorker.addEventListener('controllerchange', askForTheRest);
}

// ---- cross-origin isolation through the service worker (hosts that send no headers) ----------
// sw.js adds COOP/COEP to the answers it hands a page, but a page is isolated or not from the
// moment its document is made: a page loaded before the worker controlled it stays unisolated.

const RELOADED_FOR_ISOLATION = 'attention-steps-reloaded-for-isolation';

function sessionFlag(set = false) {
  try {
    if (set) sessionStorage.setItem(RELOADED_FOR_ISOLATION, String(Date.now()));
    return sessionStorage.getItem(RELOADED_FOR_ISOLATION) !== null;
  } catch {
    return true;   // no session storage: no way to guard against a loop, so no reload
  }
}

/**
 * For a page that needs isolation (the Performance page: threads need SharedArrayBuffer; never the
 * walk-through). When the page is not cross-origin isolated and a service worker takes control of
 * it (its first visit, or a new build's worker), it reloads once, so that sw.js's headers apply:
 * once per tab session, so a browser that does not honour them is not reloaded again and again.
 * `mayReload()` says whether now is a good time (not during a measurement); if not, the page stays
 * as it is and the next visit is isolated. Call after registerOfflineCopy().
 * @param {{ mayReload?: () => boolean }} [options]
 */
export function reloadOnceForIsolation({ mayReload = () => true } = {}) {
  // A browser without `crossOriginIsolated` cannot be isolated by headers either.
  if (!('crossOriginIsolated' in globalThis) || globalThis.crossOriginIsolated) return;
  if (!('serviceWorker' in navigator) || !location.protocol.startsWith('http')) return;
  navigator.serviceWorker.addEventListener('controllerchange', () => {
    if (globalThis.crossOriginIsolated === true || sessionFlag() || !mayReload()) return;
    sessionFlag(true);
    location.reload();
  });
}

/**
 * How this page got cross-origin isolated: 'server' (its own answer carries COEP: scripts/serve.mjs
 * or a host that sends the headers), 'service-worker' (sw.js added them), or null (not isolated).
 * Asks the server for the page's headers (HEAD, past the service worker, which answers GETs only)
 * when online.
 */
export async function isolationSource() {
  if (globalThis.crossOriginIsolated !== true) return null;
  if (navigator.onLine !== false) {
    try {
      const response = await fetch(location.href.split('#')[0], { method: 'HEAD', cache: 'no-store' });
      if (response.headers.get('cross-origin-embedder-policy')) return 'server';
    } catch { /* offline: the service worker served the page */ }
  }
  return navigator.serviceWorker?.controller ? 'service-worker' : 'server';
}
