// offline.js — after the first visit the site also works without a network: web/sw.js keeps one
// build of it (the files listed in offline-files.js). On install it caches what this page needs;
// when the page is idle, this asks it for the rest (the other wasm build, the Performance page).
// Not on file: URLs, where service workers do not exist.

const whenIdle = (callback) => (typeof requestIdleCallback === 'function'
  ? requestIdleCallback(callback, { timeout: 10_000 })
  : setTimeout(callback, 2_000));

function askForTheRest() {
  navigator.serviceWorker.ready
    .then((registration) => whenIdle(() => registration.active?.postMessage({ type: 'cache-rest' })))
    .catch(() => { /* the site still works online */ });
}

export function registerOfflineCopy() {
  if (!('serviceWorker' in navigator) || !location.protocol.startsWith('http')) return;
  navigator.serviceWorker.register('sw.js')
    .then((registration) => registration.update())   // a new build: a new offline-files.js, a new worker
    .catch(() => { /* the site still works online */ });
  askForTheRest();
  // A new build's worker took over: it has its own cache to complete.
  navigator.serviceWorker.addEventListener('controllerchange', askForTheRest);
}
