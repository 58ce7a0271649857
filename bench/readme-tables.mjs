// readme-tables.mjs — the README's Performance tables, as Markdown, from a file that
// `node bench/run.mjs --json FILE` wrote (so the README's figures come from one run, as printed).
//   node bench/readme-tables.mjs bench/results-<date>.json
import { readFileSync } from 'node:fs';

const run = JSON.parse(readFileSync(process.argv[2] ?? 'bench/results-2026-11-26.json', 'utf8'));

// Three significant figures, at most three decimals (as bench/run.mjs prints them).
const ms = (x) => (x == null ? '—' : x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(3));
const times = (x) => (x == null ? '—' : `${x.toFixed(2)}×`);
const row = (cells) => `| ${cells.join(' | ')} |`;

function table(cells, { gflops, onnx }) {
  const columns = [
    ['native best (AVX-512)', 'native-best'], ['×2', 'native-best-x2'], ['native SSE4.1', 'native-sse4.1'],
    ['×2', 'native-sse4.1-x2'], ['native scalar', 'native-scalar'], ['**WASM relaxed SIMD**', 'wasm-relaxed'],
    ['×2', 'wasm-relaxed-x2'], ['WASM SIMD128', 'wasm-simd128'], ['×2', 'wasm-simd128-x2'], ['WASM scalar', 'wasm-scalar'],
    ['plain JS', 'plain-js'], ['tfjs wasm', 'tfjs-wasm'], ...(onnx ? [['onnx graph', 'onnx-plain'], ['onnx MHA', 'onnx-mha']] : []),
  ];
  const ratios = [
    ['relaxed GFLOP/s', (c) => c.results['wasm-relaxed']?.gflops?.toFixed(1) ?? '—'],
    ['FMA gain', (c) => times(c.ratios.relaxedOverSimd)], ['SIMD/scalar', (c) => times(c.ratios.simdOverScalar)],
    ['WASM/native', (c) => c.ratios.wasmOverNative?.toFixed(2) ?? '—'], ['tfjs/ours', (c) => times(c.ratios.tfjsOverOurs)],
    ...(onnx ? [['onnx/ours', (c) => times(c.ratios.onnxOverOurs)]] : []),
    ['relaxed 1/2 thr', (c) => times(c.ratios.twoOverOne['wasm-relaxed'])], ['SIMD128 1/2 thr', (c) => times(c.ratios.twoOverOne['wasm-simd128'])],
  ];
  const lines = [
    row(['n', 'd', ...columns.map(([title]) => title), ...ratios.map(([title]) => title)]),
    row(Array(2 + columns.length + ratios.length).fill('---:')),
    ...cells.map((c) => row([c.n, c.d, ...columns.map(([, name]) => (name === 'wasm-relaxed' ? `**${ms(c.results[name]?.medianMs)}**` : ms(c.results[name]?.medianMs))),
      ...ratios.map(([, value]) => value(c))])),
  ];
  return lines.join('\n');
}

console.log(`Measured ${run.date} (${run.machine.cpu}, ${run.machine.cores} cores, Node ${run.machine.node}).\n`);
console.log('### Attention forward\n');
console.log(table(run.cells, { onnx: true }));
console.log('\n### Self-attention with projections, 8 heads\n');
console.log(table(run.selfAttention.cells, { onnx: false }));
console.log('\n### Long sequences (streaming path, d = 64)\n');
const builds = Object.entries(run.longSequence.builds);
console.log(row(['n', ...builds.flatMap(([name]) => [`${name} ms`, `${name} GFLOP/s`])]));
console.log(row(Array(1 + 2 * builds.length).fill('---:')));
for (let i = 0; i < builds[0][1].rows.length; i++) {
  console.log(row([builds[0][1].rows[i].n, ...builds.flatMap(([, b]) => [ms(b.rows[i].ms), b.rows[i].gflops.toFixed(1)])]));
}
console.log(`\nn = 8192 / n = 1024: ${builds.map(([name, b]) => `${name} ${b.ratio8192Over1024.toFixed(1)}`).join(', ')}.`);
console.log(`Multiply-add chains: ${run.peak.muladd.toFixed(1)} GFLOP/s (mul + add), ${run.peak.fma?.toFixed(1) ?? '—'} GFLOP/s (relaxed FMA).`);
console.log('\n### Targets, timed interleaved (median of per-round ratios)\n');
for (const t of run.targets ?? []) console.log(`- ${t.target}: tables ${times(t.tables)}, interleaved ${times(t.interleaved)} (target ${t.goal}×)`);
console.log('\n### e^x alone\n');
for (const c of run.exp.cases) console.log(`- ${c.target} ${c.name}: ${c.nsPerElement.toFixed(2)} ns per element (max relative error ${c.maxRelativeError.toExponential(0)})`);
