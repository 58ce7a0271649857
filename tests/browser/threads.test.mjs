// threads.test.mjs — in Chromium: loadAttention({ threads: 2 }) runs two threads on a
// cross-origin isolated page (COOP + COEP) and gives the bits of one thread, for the relaxed-SIMD
// and the SIMD128 builds; on a page that is not isolated it runs one thread and says why. The
// site is served here by scripts/serve.mjs's handler, with its isolation headers and without.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { realpathSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../scripts/chromium.mjs';
import { siteHandler } from '../../scripts/serve.mjs';
import { webRoot, runPerfWorker } from './harness.mjs';

// The site with (isolated) or without serve.mjs's cross-origin isolation headers (--no-isolation).
function serve(isolated) {
  const server = createServer(siteHandler(realpathSync(webRoot), { isolation: isolated }));
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, base: `http://127.0.0.1:${server.address().port}/` })));
}

let browser, isolated, plain;
before(async () => {
  [isolated, plain] = await Promise.all([serve(true), serve(false)]);
  browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
});
after(async () => {
  await browser?.close();
  isolated?.server.close();
  plain?.server.close();
});

// In the page: one- and two-thread outputs of every shape, compared bit for bit there.
async function compareThreads(page, build) {
  return page.evaluate(async (build) => {
    const { loadAttention } = await import('./js/core/attention.js');
    const { inputMatrix } = await import('./js/perf/random-inputs.js');
    const one = await loadAttention({ build }), two = await loadAttention({ build, threads: 2 });
    const same = [];
    for (const [n, m, d, mask] of [[3, 2000, 64, 'none'], [257, 257, 64, 'causal'], [700, 900, 48, 'none'], [1024, 1024, 64, 'none'],
      [1025, 1025, 64, 'causal']]) {
      const input = { q: inputMatrix(n, d, n + 1), k: inputMatrix(m, d, n + 2), v: inputMatrix(m, d, n + 3), mask };
      const a = one.attentionOutput(input).data, b = two.attentionOutput(input).data;
      same.push(a.length === b.length && a.every((x, i) => Object.is(x, b[i])));
    }
    return { isolated: self.crossOriginIsolated, one: one.info(), two: two.info(), same };
  }, build);
}

describe('threads in Chromium', () => {
  it('cross-origin isolated: two threads, relaxed-simd and simd128, the bits of one thread', async () => {
    const page = await browser.newPage();
    const errors = [];
    page.on('pageerror', (err) => errors.push(err.message));
    page.on('console', (message) => { if (message.type() === 'error') errors.push(message.text()); });
    await page.goto(`${isolated.base}perf.html`);
    for (const build of ['relaxed-simd', 'simd128']) {
      const result = await compareThreads(page, build);
      assert.equal(result.isolated, true);
      assert.equal(result.two.build, build);
      assert.equal(result.one.threads, 1);
      assert.equal(result.two.threads, 2);
      assert.equal(result.two.threadsUnavailable, undefined);
      assert.deepEqual(result.same, result.same.map(() => true), `${build}: two threads differ from one`);
    }
    assert.deepEqual(errors, []);
    await page.close();
  });

  it('cross-origin isolated: the Performance page worker adds and checks the two-thread contestants', async () => {
    const page = await browser.newPage();
    await page.goto(`${isolated.base}perf.html`);
    const messages = await runPerfWorker(page, [[256, 64]]);
    const error = messages.find((m) => m.type === 'error');
    assert.equal(error, undefined, error?.message);
    const info = messages.find((m) => m.type === 'info');
    assert.equal(info.isolated, true);
    assert.equal(info.threads, 2);
    assert.ok(info.builds.includes('relaxed-simd-x2') && info.builds.includes('simd128-x2'), info.builds.join(', '));
    for (const name of ['relaxed-simd-x2', 'simd128-x2']) {
      const result = messages.find((m) => m.type === 'result' && m.contestant === name);
      assert.ok(result && result.maxDiff <= 1e-5 && result.medianMs > 0, `${name}: ${JSON.stringify(result)}`);
    }
    await page.close();
  });

  it('not isolated: threads: 2 runs one thread and info() says why', async () => {
    const page = await browser.newPage();
    await page.goto(`${plain.base}perf.html`);
    const result = await page.evaluate(async () => {
      const { loadAttention } = await import('./js/core/attention.js');
      const core = await loadAttention({ threads: 2 });
      const out = core.attentionOutput({ q: { rows: 1, cols: 1, data: new Float32Array([1]) },
        k: { rows: 1, cols: 1, data: new Float32Array([1]) }, v: { rows: 1, cols: 1, data: new Float32Array([3]) } });
      return { isolated: self.crossOriginIsolated, info: core.info(), out: out.data[0] };
    });
    assert.equal(result.isolated, false);
    assert.equal(result.info.build, 'relaxed-simd');
    assert.equal(result.info.threads, 1);
    assert.equal(result.info.threadsUnavailable, 'not cross-origin isolated');
    assert.equal(result.out, 3);
    await page.close();
  });
});
