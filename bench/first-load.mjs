// first-load.mjs — the walk-through's first visit on a slow phone link, in Debian's Chromium:
// 1.6 Mbps down / 750 kbps up, 150 ms round trip (CDP Network.emulateNetworkConditions) and a
// CPU 4× slower (Emulation.setCPUThrottlingRate), a fresh profile each run (no HTTP cache, no
// service worker). The site is served by scripts/serve.mjs, which sends the .br/.gz sibling of a
// file when one exists (scripts/vendor writes them into web/; `npm run build` into dist/).
//
// "First usable step": the page's performance.mark('first-usable-step') (web/js/walkthrough/main.js),
// set once the first step's matrices hold the core's numbers and Previous/Next are wired; its
// startTime counts from the navigation's start. After the mark each run clicks Next and checks the
// second step appears (not timed).
//
// Prints, per run and as the median of the runs: the time to the first usable step, the page's
// requests up to the mark (count, bytes on the wire = encoded body + headers, bytes decoded), the
// critical chain (the request that finished last before the mark, and who asked for it, back to the
// document), every file, and what the page and its service worker fetched in the idle seconds after.
//   node bench/first-load.mjs [--runs 3] [--after 8] [site folder, default web]
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchChromium } from '../scripts/chromium.mjs';
import { startServer } from '../scripts/start-server.mjs';

const repoRoot = fileURLToPath(new URL('../', import.meta.url));
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  if (i < 0) return fallback;
  const [, value] = args.splice(i, 2);
  return Number(value);
};
const RUNS = option('runs', 3);
const AFTER_SECONDS = option('after', 8);
const root = resolve(args[0] ?? join(repoRoot, 'web'));

const NETWORK = { offline: false, latency: 150, downloadThroughput: 1.6e6 / 8, uploadThroughput: 750e3 / 8 };
const CPU_SLOWDOWN = 4;

if (!existsSync(join(root, 'index.html'))) {
  console.error(`first-load: ${root}/index.html is missing; build the site (npm start or bash scripts/build wasm-simd && bash scripts/vendor)`);
  process.exit(1);
}
if (!existsSync(join(root, 'js/walkthrough/main.js.br')) && !existsSync(join(root, 'js/walkthrough/main.js.gz'))) {
  console.warn(`first-load: no .br/.gz siblings in ${root}: files go uncompressed (bash scripts/vendor writes them)`);
}


/** One fresh-profile visit. */
async function visit(base) {
  const userDataDir = mkdtempSync(join(tmpdir(), 'attn-first-load-'));
  const context = await launchChromium(userDataDir, { locale: 'en-US', viewport: { width: 1280, height: 900 } });
  try {
    for (const p of context.pages()) await p.close();
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: false });
    await cdp.send('Network.emulateNetworkConditions', NETWORK);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });

    const requests = new Map();   // requestId -> { url, start, end, encoded, decoded, initiator, encoding }
    let navigationStart = null;   // CDP monotonic seconds of the document's request
    cdp.on('Network.requestWillBeSent', (e) => {
      const initiator = e.initiator.url ?? e.initiator.stack?.callFrames?.[0]?.url
        ?? e.initiator.stack?.parent?.callFrames?.[0]?.url ?? null;
      if (navigationStart === null && e.type === 'Document') navigationStart = e.timestamp;
      requests.set(e.requestId, { url: e.request.url, type: e.type, start: e.timestamp, end: null, encoded: 0, decoded: 0, initiator, encoding: '' });
    });
    cdp.on('Network.responseReceived', (e) => {
      const r = requests.get(e.requestId);
      if (r) r.encoding = e.response.headers['content-encoding'] ?? e.response.headers['Content-Encoding'] ?? '';
    });
    cdp.on('Network.dataReceived', (e) => {
      const r = requests.get(e.requestId);
      if (r) r.decoded += e.dataLength;
    });
    cdp.on('Network.loadingFinished', (e) => {
      const r = requests.get(e.requestId);
      if (r) { r.end = e.timestamp; r.encoded = e.encodedDataLength; }
    });

    // The service worker's own fetches (install, cache-rest) are not the page's: Playwright reports
    // them on the context with request.serviceWorker() set.
    const workerFetches = [];
    context.on('requestfinished', async (request) => {
      if (!request.serviceWorker()) return;
      const sizes = await request.sizes().catch(() => null);
      workerFetches.push({ url: request.url(), bytes: sizes ? sizes.responseBodySize + sizes.responseHeadersSize : 0 });
    });

    await page.goto(base, { waitUntil: 'commit' });
    await page.waitForFunction(() => performance.getEntriesByName('first-usable-step').length > 0, null, { timeout: 60_000, polling: 50 });
    const usableMs = await page.evaluate(() => performance.getEntriesByName('first-usable-step')[0].startTime);
    // The page's clock starts at the navigation; CDP's at the same navigation's request (≈ equal).
    const markAt = navigationStart + usableMs / 1000;

    const next = page.locator('#next');
    const stepBefore = await page.locator('#step section.step').getAttribute('data-step');
    await next.click();
    await page.waitForFunction((s) => document.querySelector('#step section.step')?.dataset.step !== s, stepBefore, { timeout: 30_000, polling: 50 });
    const nextWorks = true;

    await page.waitForTimeout(AFTER_SECONDS * 1000);
    const all = [...requests.values()].filter((r) => r.url.startsWith('http'));
    const before = all.filter((r) => r.end !== null && r.end <= markAt + 1e-3);
    const later = all.filter((r) => !before.includes(r));
    return { usableMs, before, later, workerFetches, nextWorks, navigationStart, markAt };
  } finally {
    await context.close().catch(() => {});
    rmSync(userDataDir, { recursive: true, force: true });
  }
}

/** The chain of requests that ends with the last one to finish before the mark, back to the document. */
function criticalChain(run) {
  const byUrl = new Map(run.before.map((r) => [r.url, r]));
  let last = run.before.reduce((a, b) => (b.end > a.end ? b : a));
  const chain = [];
  while (last && !chain.includes(last)) {
    chain.unshift(last);
    last = last.initiator ? byUrl.get(last.initiator) : null;
  }
  return chain;
}

const kb = (n) => `${(n / 1000).toFixed(1)} kB`;
const ms = (seconds) => `${(seconds * 1000).toFixed(0)} ms`;
const median = (values) => {
  const s = [...values].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const sum = (list, key) => list.reduce((total, r) => total + r[key], 0);

const server = await startServer(root);
console.log(`first-load: ${root}, ${RUNS} fresh-profile runs, ${NETWORK.downloadThroughput * 8 / 1e6} Mbps down, ` +
  `${NETWORK.latency} ms RTT, CPU ×${CPU_SLOWDOWN} slower`);
const runs = [];
try {
  for (let i = 0; i < RUNS; i++) {
    const run = await visit(server.base);
    runs.push(run);
    console.log(`run ${i + 1}: first usable step ${run.usableMs.toFixed(0)} ms, ${run.before.length} requests, ` +
      `${kb(sum(run.before, 'encoded'))} transferred, ${kb(sum(run.before, 'decoded'))} decoded; Next works: ${run.nextWorks}`);
  }
} finally {
  server.child.kill();
}

const path = (url) => url.replace(server.base, '/');
const mid = runs.find((r) => r.usableMs === median(runs.map((x) => x.usableMs))) ?? runs[0];
console.log(`\nmedian of ${runs.length}: first usable step ${median(runs.map((r) => r.usableMs)).toFixed(0)} ms, ` +
  `${median(runs.map((r) => r.before.length))} requests, ${kb(median(runs.map((r) => sum(r.before, 'encoded'))))} transferred, ` +
  `${kb(median(runs.map((r) => sum(r.before, 'decoded'))))} decoded`);

console.log(`\ncritical chain (median run; start → end from the navigation):`);
for (const r of criticalChain(mid)) {
  console.log(`  ${ms(r.start - mid.navigationStart).padStart(8)} → ${ms(r.end - mid.navigationStart).padStart(8)}  ${path(r.url)}`);
}
console.log(`  ${ms(mid.markAt - mid.navigationStart).padStart(8)}              first-usable-step`);

console.log(`\nfiles before the first usable step (median run): transferred, decoded, encoding, start → end`);
for (const r of [...mid.before].sort((a, b) => a.start - b.start)) {
  console.log(`  ${kb(r.encoded).padStart(9)} ${kb(r.decoded).padStart(9)} ${(r.encoding || '-').padEnd(4)} ` +
    `${ms(r.start - mid.navigationStart).padStart(8)} → ${ms(r.end - mid.navigationStart).padStart(8)}  ${path(r.url)}`);
}
console.log(`\nafter the mark, ${AFTER_SECONDS} s (median run): the page fetched ${mid.later.length} files, ${kb(sum(mid.later, 'encoded'))}` +
  `${mid.later.length ? `: ${mid.later.map((r) => path(r.url)).join(', ')}` : ''}`);
console.log(`the service worker fetched ${mid.workerFetches.length} files, ${kb(sum(mid.workerFetches, 'bytes'))}` +
  `${mid.workerFetches.length ? `: ${mid.workerFetches.map((r) => path(r.url)).join(', ')}` : ''}`);
