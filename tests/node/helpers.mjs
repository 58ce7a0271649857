// Shared by the Node tests: both WebAssembly builds, the native trace tool, comparisons.
import { execFileSync } from 'node:child_process';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { loadAttention } from '../../web/js/core/attention.js';

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
export const nativeTraceTool = `${repoRoot}build/native/tests/native/trace_tool`;

export const builds = {
  simd128: await loadAttention({ simd: true }),
  scalar: await loadAttention({ simd: false }),
};

// A small deterministic generator (mulberry32), so every run sees the same "random" cases.
export { makeRandom } from '../../web/js/perf/random-inputs.js';
import { makeRandom } from '../../web/js/perf/random-inputs.js';

export function randomMatrix(random, rows, cols, scale = 2) {
  return Array.from({ length: rows }, () => Array.from({ length: cols }, () => Math.fround((random() * 2 - 1) * scale)));
}

// A matrix as the trace tool reads it: "rows cols" then the entries.
const toolText = (m) => `${m.length} ${m[0].length} ${m.flat().join(' ')}`;

// The native core's trace of the same case (build/native/tests/native/trace_tool).
export function nativeAttention({ q, k, v, mask = 'none', scale }) {
  const input = `attention ${mask} ${scale ?? 'default'}\n${toolText(q)}\n${toolText(k)}\n${toolText(v)}\n`;
  return JSON.parse(execFileSync(nativeTraceTool, { input, encoding: 'utf8' }));
}

export function nativeMultiHead({ q, k, v, heads = 1, mask = 'none', scale }) {
  const input = `multi ${mask} ${scale ?? 'default'} ${heads}\n${toolText(q)}\n${toolText(k)}\n${toolText(v)}\n`;
  return JSON.parse(execFileSync(nativeTraceTool, { input, encoding: 'utf8' }));
}

export function nativeSelfAttention({ x, wq, wk, wv, wo, heads = 1, mask = 'none', scale }) {
  const parts = [`self ${mask} ${scale ?? 'default'} ${heads} ${wo ? 1 : 0}`, toolText(x), toolText(wq), toolText(wk), toolText(wv)];
  if (wo) parts.push(toolText(wo));
  return JSON.parse(execFileSync(nativeTraceTool, { input: parts.join('\n') + '\n', encoding: 'utf8' }));
}

// Largest |a − b| between two values of the same shape (numbers, nested or typed arrays,
// { rows, cols, data }); Infinity when the shapes differ. The one comparison, shared with the
// Performance page and the benchmark.
export { maxDifference } from '../../web/js/perf/max-difference.js';
import { maxDifference } from '../../web/js/perf/max-difference.js';

export function assertClose(actual, expected, tolerance, label) {
  const difference = maxDifference(actual, expected);
  assert.ok(difference <= tolerance, difference === Infinity
    ? `${label}: shapes differ (${JSON.stringify(actual)?.slice(0, 200)} vs ${JSON.stringify(expected)?.slice(0, 200)})`
    : `${label}: max |difference| ${difference} exceeds ${tolerance}`);
  return difference;
}

// number[][] -> { rows, cols, data: Float32Array }, the fast paths' matrices.
export const flat = (m) => ({ rows: m.length, cols: m[0].length, data: Float32Array.from(m.flat()) });

// { rows, cols, data } with entries uniform in [−spread, spread) from `random`.
export function randomFlat(random, rows, cols, spread = 2) {
  const data = new Float32Array(rows * cols);
  for (let i = 0; i < data.length; i++) data[i] = (random() * 2 - 1) * spread;
  return { rows, cols, data };
}
