// Shared by the Node tests: both WebAssembly builds, the native trace tool, comparisons.
import { execFileSync } from 'node:child_process';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { loadAttention } from '../../web/js/attention.js';

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
export const nativeTraceTool = `${repoRoot}build/native/tests/native/trace_tool`;

export const builds = {
  simd128: await loadAttention({ simd: true }),
  scalar: await loadAttention({ simd: false }),
};

// A small deterministic generator (mulberry32), so every run sees the same "random" cases.
export function makeRandom(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function randomMatrix(random, rows, cols, scale = 2) {
  return Array.from({ length: rows }, () => Array.from({ length: cols }, () => Math.fround((random() * 2 - 1) * scale)));
}

const flat = (m) => `${m.length} ${m[0].length} ${m.flat().join(' ')}`;

// The native core's trace of the same case (build/native/tests/native/trace_tool).
export function nativeAttention({ q, k, v, mask = 'none', scale }) {
  const input = `attention ${mask} ${scale ?? 'default'}\n${flat(q)}\n${flat(k)}\n${flat(v)}\n`;
  return JSON.parse(execFileSync(nativeTraceTool, { input, encoding: 'utf8' }));
}

export function nativeMultiHead({ q, k, v, heads = 1, mask = 'none', scale }) {
  const input = `multi ${mask} ${scale ?? 'default'} ${heads}\n${flat(q)}\n${flat(k)}\n${flat(v)}\n`;
  return JSON.parse(execFileSync(nativeTraceTool, { input, encoding: 'utf8' }));
}

export function nativeSelfAttention({ x, wq, wk, wv, wo, heads = 1, mask = 'none', scale }) {
  const parts = [`self ${mask} ${scale ?? 'default'} ${heads} ${wo ? 1 : 0}`, flat(x), flat(wq), flat(wk), flat(wv)];
  if (wo) parts.push(flat(wo));
  return JSON.parse(execFileSync(nativeTraceTool, { input: parts.join('\n') + '\n', encoding: 'utf8' }));
}

// Largest |a − b| over two nested arrays of equal shape; −∞ (null in the native JSON) must match −∞.
export function maxDifference(actual, expected, path = 'value') {
  if (Array.isArray(expected)) {
    assert.ok(Array.isArray(actual), `${path} should be an array`);
    assert.equal(actual.length, expected.length, `${path} has ${actual.length} entries, expected ${expected.length}`);
    return Math.max(0, ...expected.map((e, i) => maxDifference(actual[i], e, `${path}[${i}]`)));
  }
  if (expected === null || expected === -Infinity) {
    assert.equal(actual, -Infinity, `${path} should be -Infinity (masked)`);
    return 0;
  }
  assert.equal(typeof actual, 'number', `${path} should be a number`);
  return Math.abs(actual - expected);
}

export function assertClose(actual, expected, tolerance, label) {
  const difference = maxDifference(actual, expected, label);
  assert.ok(difference <= tolerance, `${label}: max |difference| ${difference} exceeds ${tolerance}`);
  return difference;
}
