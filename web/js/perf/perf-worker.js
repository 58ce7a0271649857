// perf-worker.js — the Performance page's measurements, off the main thread (a module worker).
//
// In:  { sizes: [[n, d], …], seconds }
// Out: { type: 'info', builds: [...], simd }            which contestants run here
//      { type: 'progress', done, total, contestant?, n?, d? }   before each measurement
//      { type: 'result', n, d, contestant, medianMs, gflops, runs, maxDiff }
//      { type: 'done' } | { type: 'error', message }
// Each contestant's output is compared with the plain-JS output (maxDiff) before it is timed;
// the time is the median of runs after one warm-up call (GFLOP/s = 4·n²·d / time).
import { loadAttention, simdSupported } from '../core/attention.js';
import { plainAttention } from './plain-attention.js';
import { inputMatrix } from './random-inputs.js';
import { medianMs as timeCall, maxDiff } from './timing.js';

// Browsers round performance.now() (to 0.1 ms or coarser), so fast calls are timed in
// batches of at least 5 ms, sized from one warm-up call.
const medianMs = (call, seconds) => timeCall(call, {
  seconds, warmUpCalls: 1, warmUpMs: 0, minBatchMs: 5, minPerCallMs: 0.01, minSamples: 3, maxSamples: 200,
});

self.onmessage = async ({ data: { sizes, seconds = 0.3 } }) => {
  try {
    const simd = simdSupported();
    const contestants = [];
    if (simd) {
      const core = await loadAttention({ simd: true });
      contestants.push(['simd128', (x) => core.attentionOutput(x)]);
    }
    const scalar = await loadAttention({ simd: false });
    contestants.push(['scalar', (x) => scalar.attentionOutput(x)]);
    contestants.push(['plain-js', plainAttention]);
    self.postMessage({ type: 'info', simd, builds: contestants.map(([name]) => name) });

    const total = sizes.length * contestants.length;
    let done = 0;
    for (const [n, d] of sizes) {
      const seed = 10 * n + d;
      const input = { q: inputMatrix(n, d, seed + 1), k: inputMatrix(n, d, seed + 2), v: inputMatrix(n, d, seed + 3) };
      const expected = plainAttention(input).data;
      for (const [name, run] of contestants) {
        self.postMessage({ type: 'progress', done, total, contestant: name, n, d });
        const difference = maxDiff(run(input).data, expected);
        const timing = medianMs(() => run(input), seconds);
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
