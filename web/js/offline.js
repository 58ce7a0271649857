// offline.js — after the first visit the site also works without a network: web/sw.js keeps one
// build of it (the files listed in offline-files.js). Registered once the page has loaded and is
// idle; on install it caches what the first visit used; when the page is idle again, this asks it
// for the rest (the other wasm builds, KaTeX's fonts and module, the Performance page).
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
