// builds.test.mjs — in Chromium: feature detection picks the relaxed-SIMD build by default,
// each build loads when forced, no SIMD falls back to the scalar build; the Performance page's
// worker runs every contestant (our three builds, plain JS, onnxruntime-web's two models),
// checks each against plain JS, and times batches that span at least 20 steps of the clock.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { siteForFile, assertClean, runPerfWorker } from './harness.mjs';

const { site, page } = await siteForFile();
await page.goto(`${site.base}perf.html`);

describe('WebAssembly builds in Chromium', () => {
  it('the default is relaxed-simd; each build loads when forced', async () => {
    const builds = await page.evaluate(async () => {
      const { loadAttention } = await import('./js/core/attention.js');
      const names = [];
      for (const options of [{}, { build: 'relaxed-simd' }, { build: 'simd128' }, { simd: false }]) {
        const core = await loadAttention(options);
        const out = core.attentionOutput({ q: { rows: 1, cols: 1, data: new Float32Array([1]) },
          k: { rows: 1, cols: 1, data: new Float32Array([1]) }, v: { rows: 1, cols: 1, data: new Float32Array([3]) } });
        names.push(`${core.info().build}:${out.data[0]}`);
      }
      return names;
    });
    assert.deepEqual(builds, ['relaxed-simd:3', 'relaxed-simd:3', 'simd128:3', 'scalar:3']);
    assertClean(page, 'loading each build');
  });

  it('a browser without WebAssembly SIMD gets the scalar build', async () => {
    const other = await site.newPage();
    await other.addInitScript(() => { WebAssembly.validate = () => false; });
    await other.goto(`${site.base}perf.html`);
    const build = await other.evaluate(async () => (await (await import('./js/core/attention.js')).loadAttention()).info().build);
    assert.equal(build, 'scalar');
    await other.close();
  });
});

describe('the Performance page worker', () => {
  it('runs and checks every contestant, and batches calls to ≥ 20 clock steps', async () => {
    const messages = await runPerfWorker(page, [[16, 16], [64, 16]]);
    const error = messages.find((m) => m.type === 'error');
    assert.equal(error, undefined, error?.message);
    const info = messages.find((m) => m.type === 'info');
    // (on a cross-origin isolated page also the two-thread builds: tests/browser/threads.test.mjs)
    const twoThreads = info.isolated ? ['relaxed-simd-x2', 'simd128-x2'] : [];
    assert.deepEqual(info.builds, ['relaxed-simd', 'simd128', ...twoThreads, 'scalar', 'plain-js', 'onnx-plain', 'onnx-mha']);
    assert.ok(info.tickMs > 0 && info.tickMs <= 1, `clock step ${info.tickMs} ms`);
    const results = messages.filter((m) => m.type === 'result');
    assert.equal(results.length, 2 * info.builds.length);
    for (const r of results) {
      const what = `${r.contestant} at n = ${r.n}`;
      assert.ok(r.maxDiff <= 1e-5, `${what}: max |Δ| ${r.maxDiff}`);
      assert.ok(r.q1Ms <= r.medianMs && r.medianMs <= r.q3Ms, `${what}: quartiles ${r.q1Ms} ${r.medianMs} ${r.q3Ms}`);
      // a sample is one batch: it spans at least 20 clock steps (half of that allowed for
      // the median sample being shorter than the one that sized the batch)
      assert.ok(r.batch * r.medianMs >= 10 * info.tickMs, `${what}: ${r.batch} calls × ${r.medianMs} ms vs step ${info.tickMs} ms`);
    }
    assertClean(page, 'the perf worker');
  });
});
