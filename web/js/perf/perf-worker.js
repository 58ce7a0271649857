// perf-worker.js — the Performance page's measurements, off the main thread (a module worker).
//
// In:  { sizes: [[n, d], …], seconds }
// Out: { type: 'info', builds: [...], simd, relaxedSimd, tickMs, isolated, threads, onnx }   what runs here
//      (threads: the threads of the "-x2" contestants, the threaded builds, which run only where
//      this worker is cross-origin isolated; 1 when there are none)
//      { type: 'progress', done, total, contestant?, n?, d? }   before each measurement
//      { type: 'result', n, d, contestant, medianMs, q1Ms, q3Ms, gflops, runs, batch, maxDiff }
//      { type: 'done' } | { type: 'error', message }
// Each contestant's output is compared with the plain-JS output (maxDiff) before it is timed
// (timing.js: batches spanning ≥ 20 steps of this browser's clock, warm-up until the time per
// call is stable; q1Ms … q3Ms is the spread of the samples; GFLOP/s = 4·n²·d / time).
import { loadAttention, relaxedSimdSupported, simdSupported } from '../core/attention.js';
import { plainAttention } from './plain-attention.js';
import { inputMatrix } from './random-inputs.js';
import { clockTickMs, medianMs as timeCall, maxDiff } from './timing.js';
import { onnxAttention } from './onnx-attention.js';

const ORT_FOLDER = new URL('../../vendor/onnxruntime-web/', import.meta.url);

// onnxruntime-web from web/vendor (scripts/vendor), or null where it cannot load.
async function loadOnnx() {
  try {
    const ort = await import(new URL('ort.wasm.min.mjs', ORT_FOLDER).href);
    ort.env.wasm.wasmPaths = ORT_FOLDER.href;
    return onnxAttention(ort);
  } catch {
    return null;
  }
}

self.onmessage = async ({ data: { sizes, seconds = 0.3 } }) => {
  try {
    const tickMs = clockTickMs();
    const medianMs = (call) => timeCall(call, {
      seconds, tickMs, minTicks: 20, warmUpCalls: 3, warmUpMs: 0, maxWarmUpMs: 1500, stableWithin: 0.05,
      minSamples: 5, maxSamples: 200,
    });
    const simd = simdSupported(), relaxedSimd = relaxedSimdSupported();
    const contestants = [];
    if (relaxedSimd && simd) {
      const core = await loadAttention({ build: 'relaxed-simd' });
      contestants.push(['relaxed-simd', (x) => core.attentionOutput(x)]);
    }
    if (simd) {
      const core = await loadAttention({ simd: true });
      contestants.push(['simd128', (x) => core.attentionOutput(x)]);
    }
    // Two threads (the threaded builds), where shared memory is available.
    let threads = 1;
    if (self.crossOriginIsolated === true) {
      for (const build of /** @type {const} */ (['relaxed-simd', 'simd128'])) {
        if (!contestants.some(([contestant]) => contestant === build)) continue;
        const core = await loadAttention({ build, threads: 2 });
        if (core.info().threads < 2) continue;
        threads = core.info().threads;
        contestants.push([`${build}-x2`, (x) => core.attentionOutput(x)]);
      }
    }
    const scalar = await loadAttention({ simd: false });
    contestants.push(['scalar', (x) => scalar.attentionOutput(x)]);
    contestants.push(['plain-js', plainAttention]);
    const onnx = await loadOnnx();
    if (onnx) contestants.push(['onnx-plain', (x) => onnx.plain(x)], ['onnx-mha', (x) => onnx.multiHead(x)]);
    self.postMessage({
      type: 'info', simd, relaxedSimd, tickMs, isolated: self.crossOriginIsolated === true, threads, onnx: onnx !== null,
      builds: contestants.map(([name]) => name),
    });

    const total = sizes.length * contestants.length;
    let done = 0;
    for (const [n, d] of sizes) {
      const seed = 10 * n + d;
      const input = { q: inputMatrix(n, d, seed + 1), k: inputMatrix(n, d, seed + 2), v: inputMatrix(n, d, seed + 3) };
      const expected = plainAttention(input).data;
      if (onnx) await onnx.prepare(input);
      for (const [name, run] of contestants) {
        self.postMessage({ type: 'progress', done, total, contestant: name, n, d });
        const difference = maxDiff((await run(input)).data, expected);
        const timing = await medianMs(() => run(input));
        self.postMessage({ type: 'result', n, d, contestant: name, ...timing, gflops: (4 * n * n * d) / timing.medianMs / 1e6, maxDiff: difference });
        done++;
      }
    }
    self.postMessage({ type: 'progress', done, total });
    self.postMessage({ type: 'done' });
  } catch (error) {
    self.postMessage({ type: 'error', message: error instanceof Error ? error.message : String(error) });
  }
};
