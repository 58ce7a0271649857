// offline.js — after the first visit the site also works without a network (web/sw.js caches
// every file listed in offline-files.json). Not on file: URLs, where service workers do not exist.

export function registerOfflineCopy() {
  if (!('serviceWorker' in navigator) || !location.protocol.startsWith('http')) return;
  navigator.serviceWorker.register('sw.js').catch(() => { /* the site still works online */ });
}
