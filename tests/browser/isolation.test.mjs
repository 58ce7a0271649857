// isolation.test.mjs — cross-origin isolation (SharedArrayBuffer for the threaded core, a
// fine-grained clock) in Chromium, three ways:
//   a. scripts/serve.mjs sends COOP/COEP/CORP: both pages are isolated at once, and everything the
//      site loads (KaTeX's sheet and fonts, the wasm builds, the module worker, onnxruntime-web,
//      the service worker) still loads, with no console error;
//   b. a host without the headers (serve.mjs --no-isolation): web/sw.js adds them, and the
//      Performance page reloads once when the worker takes control, then is isolated and says so
//      (once per tab session; the walk-through is never reloaded for it, and is isolated from
//      its next visit on);
//   c. no headers and no service worker: the Performance page is not isolated and says one thread.
//   d. the page reports the threads the worker says run (info.threads; none means one).
// Each of a–c prints the clock step the page shows after Run.
import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import { startSite, waitFor, waitForStep, assertClean, screenshot, defaultPreset } from './harness.mjs';

const sites = [];
after(async () => {
  for (const site of sites) await site.close();
});

async function site(options) {
  const started = await startSite(options);
  sites.push(started);
  return started;
}

/** A page that also records its documents' loads (URLs without the hash), failed requests and CSP violations. */
async function watchedPage(s) {
  const page = await s.newPage();
  page.loads = [];
  page.failedRequests = [];
  page.on('load', () => page.loads.push(page.url().split('#')[0]));
  page.on('requestfailed', (request) => page.failedRequests.push(`${request.method()} ${request.resourceType()} ${request.url()}: ${request.failure()?.errorText}`));
  await page.addInitScript(() => {
    window.cspViolations = [];
    document.addEventListener('securitypolicyviolation', (event) => {
      window.cspViolations.push(`${event.effectiveDirective} blocked ${event.blockedURI || 'inline'}`);
    });
  });
  return page;
}

const isolated = (page) => page.evaluate(() => globalThis.crossOriginIsolated === true);
const isolationText = (page) => page.$eval('#isolation', (n) => n.textContent);

/** Whether the page (which may be reloading) becomes isolated within `ms`. */
async function becomesIsolated(page, ms) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    try {
      if (await isolated(page)) return true;
    } catch { /* the page is reloading */ }
    await page.waitForTimeout(200);
  }
  return false;
}

/** Presses Run, waits for the worker's info (the clock line), reads it, and stops the run. */
async function clockAfterRun(page) {
  await page.click('#run');
  await waitFor(page, () => !document.getElementById('clock').hidden || !document.getElementById('message').hidden, null, 60_000);
  const shown = await page.evaluate(() => ({
    clock: document.getElementById('clock').hidden ? null : document.getElementById('clock').textContent,
    message: document.getElementById('message').hidden ? '' : document.getElementById('message').textContent,
    isolation: document.getElementById('isolation').textContent,
  }));
  const step = /Clock step here: ([\d.]+) ms/.exec(shown.clock ?? '');
  assert.ok(step, `the page shows the clock step after Run: ${shown.clock} ${shown.message}`);
  return { ...shown, tickMs: Number(step[1]) };
}

// Chromium reports the page's HEAD request (offline.js isolationSource) as net::ERR_ABORTED when a
// service worker controls the page, although fetch() resolves with the answer (checked below).
const headArtifact = /^HEAD fetch \S+\/perf\.html: net::ERR_ABORTED$/;

function assertNothingBlocked(page, where) {
  assert.deepEqual(page.failedRequests.splice(0).filter((failure) => !headArtifact.test(failure)), [], `${where}: failed requests`);
  assertClean(page, where);
}

describe('cross-origin isolation', () => {
  it('a. with the server\'s headers both pages are isolated, and the fonts, wasm, workers and onnxruntime-web load', async (t) => {
    const s = await site();
    const page = await watchedPage(s);
    const response = await page.goto(`${s.base}#${defaultPreset.id}/softmax`);
    assert.equal(response.headers()['cross-origin-opener-policy'], 'same-origin');
    assert.equal(response.headers()['cross-origin-embedder-policy'], 'require-corp');
    await waitFor(page, () => document.body?.dataset.ready === 'true', null, 15_000);
    await waitForStep(page, 'softmax');
    assert.equal(await isolated(page), true, 'the walk-through is cross-origin isolated');
    await page.evaluate(() => document.fonts.ready);
    const katexFonts = await page.evaluate(() => [...document.fonts].filter((f) => f.family.startsWith('KaTeX') && f.status === 'loaded').map((f) => f.family));
    assert.ok(katexFonts.includes('KaTeX_Main'), `KaTeX's fonts load under COEP: ${katexFonts.join(', ')}`);
    assert.ok(await page.$eval('#step .formula .katex', (n) => n.textContent.length > 0), 'KaTeX typesets');
    const worker = await page.evaluate(() => Promise.race([
      navigator.serviceWorker.ready.then((registration) => registration.active?.state),
      new Promise((resolve) => { setTimeout(() => resolve('no service worker after 10 s'), 10_000); }),
    ]));
    assert.ok(['activating', 'activated'].includes(worker), `the service worker runs under COEP: ${worker}`);
    assert.deepEqual(await page.evaluate(() => window.cspViolations), [], 'the walk-through: CSP violations');
    assertNothingBlocked(page, 'the walk-through');

    await page.goto(`${s.base}perf.html`);
    assert.equal(await isolated(page), true, 'the Performance page is cross-origin isolated');
    await waitFor(page, () => /\(server headers\)/.test(document.getElementById('isolation').textContent), null, 10_000);
    const run = await clockAfterRun(page);
    assert.equal(run.message, '', 'the worker loaded every build and onnxruntime-web (no message)');
    assert.match(run.clock, /\(cross-origin isolated\)/);
    t.diagnostic(`served with the headers: clock step ${run.tickMs} ms; "${run.isolation}"`);
    assert.ok(run.tickMs < 0.05, `the isolated clock is fine-grained: ${run.tickMs} ms`);
    assert.deepEqual(await page.evaluate(() => window.cspViolations), [], 'the Performance page: CSP violations');
    await screenshot(page, 'isolation-server-headers');
    assertNothingBlocked(page, 'the Performance page and its worker');
    await page.close();
  });

  it('b. without the headers, the service worker makes the Performance page isolated (one reload), never reloading the walk-through', async (t) => {
    const s = await site({ serverOptions: ['--no-isolation'] });
    const walk = await watchedPage(s);
    const response = await walk.goto(s.base);
    assert.equal(response.headers()['cross-origin-embedder-policy'], undefined, 'the server sends no COEP');
    await waitFor(walk, () => document.body?.dataset.ready === 'true', null, 15_000);
    assert.equal(await isolated(walk), false, 'a first visit, before the service worker: not isolated');
    await waitFor(walk, () => navigator.serviceWorker.controller !== null, null, 20_000);
    await walk.waitForTimeout(1000);
    assert.deepEqual(walk.loads, [s.base], 'the walk-through was not reloaded when the worker took control');
    assertNothingBlocked(walk, 'the walk-through without the headers');
    await walk.close();

    // A fresh profile's first visit goes straight to the Performance page: it reloads once.
    const s2 = await site({ serverOptions: ['--no-isolation'] });
    const page = await watchedPage(s2);
    await page.goto(`${s2.base}perf.html`);
    assert.equal(await isolated(page), false, 'the first load, before the service worker: not isolated');
    assert.ok(await becomesIsolated(page, 30_000), 'the Performance page becomes isolated once the service worker controls it');
    await page.waitForLoadState('load');
    assert.equal(page.loads.length, 2, `one reload: ${page.loads.join(', ')}`);
    await waitFor(page, () => /\(service worker\)/.test(document.getElementById('isolation').textContent), null, 10_000);
    const head = await page.evaluate(async () => {
      const answer = await fetch(location.href, { method: 'HEAD', cache: 'no-store' });
      return { status: answer.status, coep: answer.headers.get('cross-origin-embedder-policy') };
    });
    assert.deepEqual(head, { status: 200, coep: null }, 'the page learns from the server that it sends no COEP');
    const run = await clockAfterRun(page);
    assert.equal(run.message, '', 'the worker loaded every build and onnxruntime-web through the service worker');
    assert.match(run.clock, /\(cross-origin isolated\)/);
    t.diagnostic(`isolated by the service worker: clock step ${run.tickMs} ms; "${run.isolation}"`);
    await screenshot(page, 'isolation-service-worker');
    assertNothingBlocked(page, 'the Performance page under the service worker');

    // Once per tab session: with the worker gone, the same tab's next first load is not reloaded
    // again when a new worker takes control (a browser that ignored the worker's headers would
    // otherwise reload for ever); it stays on one thread and says so.
    await page.evaluate(async () => {
      for (const registration of await navigator.serviceWorker.getRegistrations()) await registration.unregister();
    });
    page.loads.length = 0;
    await page.goto(`${s2.base}perf.html`);
    assert.equal(await isolated(page), false, 'not controlled by a worker, not isolated');
    await waitFor(page, () => navigator.serviceWorker.controller !== null, null, 20_000);
    await page.waitForTimeout(1500);
    assert.deepEqual(page.loads, [`${s2.base}perf.html`], 'no second reload in this tab session');
    assert.match(await isolationText(page), /^One thread: this page is not cross-origin isolated/);

    // The next visit of the walk-through is isolated too, with no reload.
    const again = await watchedPage(s2);
    await again.goto(s2.base);
    await waitFor(again, () => document.body?.dataset.ready === 'true', null, 15_000);
    assert.equal(await isolated(again), true, 'the walk-through, controlled by the service worker, is isolated');
    await again.waitForTimeout(500);
    assert.deepEqual(again.loads, [s2.base], 'no reload');
    assertNothingBlocked(again, 'the walk-through under the service worker');
  });

  it('c. without the headers and without service workers, the Performance page is not isolated and says one thread', async (t) => {
    const s = await site({ serverOptions: ['--no-isolation'], contextOptions: { serviceWorkers: 'block' } });
    const page = await watchedPage(s);
    await page.goto(`${s.base}perf.html`);
    await page.waitForTimeout(1000);
    assert.equal(await isolated(page), false);
    assert.match(await isolationText(page), /^One thread: this page is not cross-origin isolated/);
    const run = await clockAfterRun(page);
    assert.match(run.clock, /\(not cross-origin isolated\)/);
    assert.match(run.isolation, /^One thread: this page is not cross-origin isolated/);
    t.diagnostic(`not isolated: clock step ${run.tickMs} ms; "${run.isolation}"`);
    assert.equal(page.loads.length, 1, `no reload: ${page.loads.join(', ')}`);
    await page.click('#lang-toggle');
    await waitFor(page, () => document.documentElement.lang === 'zh-CN');   // once 中文's texts have loaded
    assert.match(await isolationText(page), /^一个线程：此页面未跨源隔离/);
    await screenshot(page, 'isolation-none');
    assertNothingBlocked(page, 'the Performance page without isolation');
    await page.close();
  });

  it('d. the page reports the worker\'s info.threads (a stand-in worker sends 2, then none: one thread)', async () => {
    // service workers blocked: page.route does not see what a service worker fetches
    const s = await site({ contextOptions: { serviceWorkers: 'block' } });
    for (const [threads, said] of [[2, /^Two threads: this page is cross-origin isolated \(server headers\)/], [undefined, /^One thread: this page is cross-origin isolated \(server headers\)/]]) {
      const stub = await watchedPage(s);
      await stub.route('**/js/perf/perf-worker.js', (route) => route.fulfill({
        contentType: 'text/javascript',
        headers: { 'cross-origin-embedder-policy': 'require-corp', 'cross-origin-resource-policy': 'same-origin' },
        body: `self.onmessage = () => self.postMessage({ type: 'info', simd: true, relaxedSimd: true, onnx: true, tickMs: 0.005, isolated: self.crossOriginIsolated, builds: [], threads: ${threads} });`,
      }));
      await stub.goto(`${s.base}perf.html`);
      await waitFor(stub, () => /\(server headers\)/.test(document.getElementById('isolation').textContent), null, 10_000);
      await stub.click('#run');
      await waitFor(stub, () => !document.getElementById('clock').hidden, null, 10_000);
      assert.match(await isolationText(stub), said, `info.threads ${threads}`);
      await stub.close();
    }
  });
});
