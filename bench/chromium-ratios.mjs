// chromium-ratios.mjs — issue 12's ratio targets measured in Debian's Chromium, on a cross-origin
// isolated page (scripts/serve.mjs sends COOP/COEP), timed interleaved as bench/run.mjs does in Node:
//   two threads / one thread at n = 1024, d = 64, relaxed SIMD and SIMD128 (attentionOutput);
//   onnxruntime-web / ours (relaxed SIMD, one thread each) at n = 64, 256, 1024, d = 64, against the
//   faster of its plain graph and its MultiHeadAttention model (web/js/perf/onnx-attention.js).
// web/js/perf/timing.js's interleavedRatio times them, as bench/run.mjs does: each round a batch
// of ~20 ms of one contestant, then of the other (the order alternates), per call; the median of
// the per-round ratios over 21 rounds, which cancels drift slower than a round. Every
// contestant's output is checked against one-thread SIMD128 before.
// Prints figures, never a test.
//   node bench/chromium-ratios.mjs [--runs 1] [site folder, default web]
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchChromium } from '../scripts/chromium.mjs';
import { startServer } from '../scripts/start-server.mjs';

const repoRoot = fileURLToPath(new URL('../', import.meta.url));
const args = process.argv.slice(2);
const runsAt = args.indexOf('--runs');
const RUNS = runsAt >= 0 ? Number(args.splice(runsAt, 2)[1]) : 1;
const root = resolve(args[0] ?? join(repoRoot, 'web'));
for (const path of ['wasm/attention-relaxed-threads.wasm', 'wasm/attention-simd-threads.wasm', 'vendor/onnxruntime-web/ort.wasm.min.mjs']) {
  if (!existsSync(join(root, path))) {
    console.error(`chromium-ratios: ${root}/${path} is missing; npm run bench:chromium builds and vendors it`);
    process.exit(1);
  }
}

/** In the page: the ratios, as { isolated, threads, twoThreads: { relaxed, simd128 }, onnx: { n: ratio } }. */
async function measureInPage() {
  const { loadAttention } = await import('./js/core/attention.js');
  const { inputMatrix } = await import('./js/perf/random-inputs.js');
  const { maxDiff, interleavedRatio } = await import('./js/perf/timing.js');
  const { onnxAttention } = await import('./js/perf/onnx-attention.js');
  const ortFolder = new URL('./vendor/onnxruntime-web/', location.href);
  const ort = await import(new URL('ort.wasm.min.mjs', ortFolder).href);
  ort.env.wasm.wasmPaths = ortFolder.href;
  const onnx = onnxAttention(ort);
  const cores = {
    relaxed: await loadAttention({ build: 'relaxed-simd' }), relaxedTwo: await loadAttention({ build: 'relaxed-simd', threads: 2 }),
    simd128: await loadAttention({ build: 'simd128' }), simd128Two: await loadAttention({ build: 'simd128', threads: 2 }),
  };
  const inputs = (n) => ({ q: inputMatrix(n, 64, 1), k: inputMatrix(n, 64, 2), v: inputMatrix(n, 64, 3) });
  // time(slow) / time(fast) on x, each checked against one-thread SIMD128 first
  async function ratio(fast, slow, x) {
    const reference = cores.simd128.attentionOutput(x);
    for (const call of [fast, slow]) {
      const difference = maxDiff((await call(x)).data, reference.data);
      if (!(difference <= 1e-5)) throw new Error(`a contestant differs from the core by ${difference}`);
    }
    return interleavedRatio(() => slow(x), () => fast(x));
  }
  const out = { isolated: crossOriginIsolated, threads: cores.relaxedTwo.info().threads, twoThreads: {}, onnx: {} };
  const large = inputs(1024);
  out.twoThreads.relaxed = await ratio((x) => cores.relaxedTwo.attentionOutput(x), (x) => cores.relaxed.attentionOutput(x), large);
  out.twoThreads.simd128 = await ratio((x) => cores.simd128Two.attentionOutput(x), (x) => cores.simd128.attentionOutput(x), large);
  for (const n of [64, 256, 1024]) {
    const x = inputs(n);
    await onnx.prepare(x);
    const ours = (y) => cores.relaxed.attentionOutput(y);
    out.onnx[n] = Math.min(await ratio(ours, (y) => onnx.plain(y), x), await ratio(ours, (y) => onnx.multiHead(y), x));
  }
  return out;
}

const server = await startServer(root);
const userDataDir = mkdtempSync(join(tmpdir(), 'attn-ratios-'));
const context = await launchChromium(userDataDir, { serviceWorkers: 'block' });
const verdict = (value, target) => `${value.toFixed(2)}× (target ≥ ${target}×) ${value >= target ? 'met' : 'NOT met'}`;
try {
  const page = context.pages()[0] ?? await context.newPage();
  await page.goto(`${server.base}perf.html`);
  console.log(`chromium-ratios: ${root}, Chromium headless, d = 64, interleaved medians of 21 rounds`);
  for (let run = 1; run <= RUNS; run++) {
    const r = await page.evaluate(measureInPage);
    if (!r.isolated || r.threads !== 2) console.log(`  (the page is not cross-origin isolated or runs ${r.threads} thread: the two-thread figures are one thread's)`);
    console.log(`run ${run}:`);
    console.log(`  two threads / one thread at n = 1024, relaxed SIMD: ${verdict(r.twoThreads.relaxed, 1.6)}`);
    console.log(`  two threads / one thread at n = 1024, SIMD128: ${verdict(r.twoThreads.simd128, 1.6)}`);
    for (const [n, value] of Object.entries(r.onnx)) console.log(`  ours / onnxruntime-web at n = ${n}: ${verdict(value, n === '64' ? 1.5 : 1.3)}`);
  }
} finally {
  await context.close();
  server.child.kill();
  rmSync(userDataDir, { recursive: true, force: true });
}
