// Small calls, ours against onnxruntime-web, interleaved in one process: attentionOutput of the
// relaxed-SIMD and SIMD128 builds, onnxruntime-web's plain graph and its MultiHeadAttention, at
// d = 64 and n = m given (default 16, 64, 256, 1024). Each round times every contestant once
// (a batch of calls spanning ≥ ~2 ms), in turn; the figure is the fastest round of each, and the
// ratio is onnxruntime-web's best (plain or MHA) over ours.
//
//   node --experimental-wasm-relaxed-simd bench/small-calls.mjs [--sizes 16,64,256,1024]
//        [--rounds 15] [--baseline <folder>]
//
// --baseline: a folder holding an earlier web/js/core/attention.js and web/wasm/attention-*.{js,wasm}
// (e.g. copied from another commit), timed in the same rounds as "<build> before".
import { loadAttention, relaxedSimdSupported } from '../web/js/core/attention.js';
import { attentionInputs } from './inputs.mjs';
import { loadOnnx } from './onnx.mjs';
import { maxDifference } from '../web/js/perf/max-difference.js';

const argument = (name, fallback) => {
  const at = process.argv.indexOf(`--${name}`);
  return at < 0 ? fallback : process.argv[at + 1];
};
const sizes = argument('sizes', '16,64,256,1024').split(',').map(Number);
const rounds = Number(argument('rounds', '15'));
const baseline = argument('baseline');
const d = 64;

const builds = relaxedSimdSupported() ? ['relaxed-simd', 'simd128'] : ['simd128'];
if (builds.length === 1) console.error('small-calls: no relaxed SIMD in this Node (run it with --experimental-wasm-relaxed-simd)');
const ours = {};
for (const build of builds) ours[build] = await loadAttention({ build });
if (baseline) {
  const { pathToFileURL } = await import('node:url');
  const { resolve } = await import('node:path');
  const root = pathToFileURL(resolve(baseline) + '/').href;
  const { loadAttention: loadBefore } = await import(new URL('web/js/core/attention.js', root).href);
  for (const build of builds) ours[`${build} before`] = await loadBefore({ build, folder: new URL('web/wasm/', root).href });
}
const onnx = await loadOnnx();

// ms per call over a batch of `calls`
async function batch(run, x, calls, isAsync) {
  const t0 = performance.now();
  if (isAsync) for (let i = 0; i < calls; i++) await run(x);
  else for (let i = 0; i < calls; i++) run(x);
  return (performance.now() - t0) / calls;
}

for (const n of sizes) {
  const x = attentionInputs(n, d);
  await onnx.prepare(x);
  const contestants = {};
  for (const [name, core] of Object.entries(ours)) contestants[name] = { run: (x) => core.attentionOutput(x), isAsync: false };
  contestants['onnx plain'] = { run: onnx.plain, isAsync: true };
  contestants['onnx MHA'] = { run: onnx.multiHead, isAsync: true };
  // same output before timing
  const reference = ours[builds[0]].attentionOutput(x).data;
  for (const [name, { run }] of Object.entries(contestants)) {
    const difference = maxDifference(reference, (await run(x)).data);
    if (!(difference <= 1e-5)) throw new Error(`small-calls: ${name} differs from ${builds[0]} by ${difference} at n = ${n}`);
  }
  const calls = Math.max(1, Math.round(5e5 / (n * n)));
  const best = {};
  for (const [name, c] of Object.entries(contestants)) {
    for (let i = 0; i < 3; i++) await batch(c.run, x, calls, c.isAsync);  // warm-up
    best[name] = Infinity;
  }
  for (let round = 0; round < rounds; round++) {
    for (const [name, c] of Object.entries(contestants)) best[name] = Math.min(best[name], await batch(c.run, x, calls, c.isAsync));
  }
  const onnxBest = Math.min(best['onnx plain'], best['onnx MHA']);
  const times = Object.entries(best).map(([name, ms]) => `${name} ${(ms * 1000).toFixed(1)}`).join(' | ');
  const ratios = Object.keys(ours).map((name) => `onnx/${name} ${(onnxBest / best[name]).toFixed(2)}×`).join('  ');
  console.log(`n = ${n} (µs per call, fastest of ${rounds} rounds of ${calls}): ${times}\n  ${ratios}`);
}
await onnx.release();
