// Issue 10, the API's side, in both builds: no silent Infinity, each input read once, lying
// lengths answered at once, bounded intermediates, the smaller cases of item 9, typed errors,
// and a glue/wasm pair of different builds refused. Each call ends in a result or an Error,
// and the instance is checked correct afterwards.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { AttentionError, loadAttention } from '../../web/js/core/attention.js';
import { builds, flat, makeRandom, repoRoot } from './helpers.mjs';

const F32_MAX = 3.4028234663852886e38;
const q = [[1, 2], [3, 4], [5, 6]], k = [[1, 0], [0, 1], [1, 1]], v = [[2, 0], [0, 2], [2, 2]];
const w4 = [[1, 0, 0, 1], [0, 1, 1, 0], [1, 1, 0, 0], [0, 0, 1, 1]];

// The instance still computes the known trace.
function assertHealthy(core) {
  assert.deepEqual(core.attention({ q, k, v }).scores, [[1, 2, 3], [3, 4, 7], [5, 6, 11]]);
  const out = core.attentionOutput({ q: flat(q), k: flat(k), v: flat(v) });
  assert.ok(Math.abs(out.data[0] - 1.4320091) < 1e-5);
  assert.equal(core.memory().allocatedBytes < 1024, true, 'nothing left allocated between calls');
}

const allFinite = (value) => (Array.isArray(value) || ArrayBuffer.isView(value)
  ? Array.prototype.every.call(value, allFinite)
  : typeof value !== 'number' || Number.isFinite(value) || value === -Infinity);

// Runs f: either every number of its result is finite (−∞ is allowed only where masked, which
// these calls do not use) or it throws an AttentionError with code 'overflow'.
function finiteOrOverflow(f, label) {
  let result;
  try {
    result = f();
  } catch (err) {
    assert.ok(err instanceof AttentionError, `${label}: ${err}`);
    assert.equal(err.code, 'overflow', `${label}: ${err.message}`);
    assert.match(err.message, /overflowed float32/);
    return 'overflow';
  }
  const numbers = JSON.stringify(result, (key, x) => (ArrayBuffer.isView(x) ? Array.from(x) : x));
  assert.ok(!numbers.includes('null') && allFinite(result), `${label}: returned a non-finite number without an error`);
  return 'finite';
}

for (const [build, core] of Object.entries(builds)) {
  describe(`${build}: no silent Infinity (item 5)`, () => {
    it('every entry, with V (or X·W_V) near float32 max: finite numbers or an overflow message', () => {
      const random = makeRandom(5);
      const outcomes = { finite: 0, overflow: 0 };
      for (let round = 0; round < 64; round++) {
        const n = 1 + (round % 3), m = 2 + (round % 4), d = 2, dv = 1 + (round % 2);
        const mat = (r, c, f) => Array.from({ length: r }, () => Array.from({ length: c }, f));
        const qs = mat(n, d, () => random() * 2 - 1), ks = mat(m, d, () => random() * 2 - 1);
        const vs = mat(m, dv, () => Math.fround((0.9 + 0.1 * random()) * F32_MAX));
        const eye = Array.from({ length: m }, (_, i) => Array.from({ length: m }, (_, j) => (i === j ? 1 : 0)));
        const wqk = mat(m, d, () => random() * 2 - 1);
        const calls = {
          attention: () => core.attention({ q: qs, k: ks, v: vs }),
          multiHead: () => core.multiHead({ q: qs, k: ks, v: vs }),
          selfAttention: () => core.selfAttention({ x: eye, wq: wqk, wk: wqk, wv: vs }),
          attentionOutput: () => core.attentionOutput({ q: flat(qs), k: flat(ks), v: flat(vs) }),
          selfAttentionOutput: () => core.selfAttentionOutput({ x: flat(eye), wq: flat(wqk), wk: flat(wqk), wv: flat(vs) }),
        };
        for (const [name, f] of Object.entries(calls)) outcomes[finiteOrOverflow(f, `${name} round ${round}`)]++;
      }
      assert.ok(outcomes.overflow > 0 && outcomes.finite > 0, JSON.stringify(outcomes));
      assertHealthy(core);
    });

    it('attentionOutput names the output cell; rowSums names the row', () => {
      const two = { rows: 2, cols: 1, data: new Float32Array([F32_MAX, F32_MAX]) };
      assert.throws(() => core.attentionOutput({ q: flat([[0]]), k: flat([[0], [0]]), v: two }), {
        name: 'AttentionError', code: 'overflow',
        message: 'output[0][0] = Σ weights × V column 0 overflowed float32 (Infinity); the entries of V are too large; scale them down',
      });
      assert.throws(() => core.rowSums([[3.4e38, 3.4e38]]), {
        code: 'overflow', matrix: 'matrix', row: 0,
        message: 'sums[0] = Σ matrix row 0 overflowed float32 (Infinity); the entries of the matrix are too large; scale them down',
      });
      assertHealthy(core);
    });
  });

  describe(`${build}: each input read once (item 6) and lengths trusted only as read (item 7)`, () => {
    it('attentionOutput: rows, cols and data getters that change answer are read once', () => {
      let reads = 0;
      const lying = {
        get rows() { return reads++ === 0 ? 3 : 1000; },
        get cols() { return 2; },
        get data() { return Float32Array.from(q.flat()); },
      };
      const out = core.attentionOutput({ q: lying, k: flat(k), v: flat(v) });
      assert.equal(reads, 1);
      assert.equal(out.rows, 3);
      assert.equal(out.data.length, 6);
      assert.ok(Math.abs(out.data[0] - 1.4320091) < 1e-5);
      let dataReads = 0;
      const shrinking = { rows: 3, cols: 2, get data() { return dataReads++ === 0 ? Float32Array.from(q.flat()) : new Float32Array(100000); } };
      assert.equal(core.attentionOutput({ q: flat(q), k: flat(k), v: shrinking }).data.length, 6);
      assert.equal(dataReads, 1);
      assertHealthy(core);
    });

    it('a Float32Array subclass whose length lies is measured by its real length', () => {
      class Lying extends Float32Array { get length() { return 6; } }
      const data = new Lying(100000);
      assert.throws(() => core.attentionOutput({ q: { rows: 3, cols: 2, data }, k: flat(k), v: flat(v) }), {
        code: 'not_a_matrix', matrix: 'q', message: 'q.data has 100000 numbers but q says 3×2 = 6',
      });
      assertHealthy(core);
    });

    it('a row whose length changes between reads is read once', () => {
      let reads = 0;
      const row = new Proxy([3, 4], { get: (t, p) => (p === 'length' ? (reads++ === 0 ? 2 : 100000) : t[p]) });
      const r = core.attention({ q: [[1, 2], row, [5, 6]], k, v });
      assert.deepEqual(r.scores[1], [3, 4, 7]);
      assert.equal(reads, 1);
      assertHealthy(core);
    });

    for (const [label, length, message] of [
      ['2³² + 2', 2 ** 32 + 2, 'Q has 4294967298 columns; at most 8192 are supported'],
      ['1.5', 1.5, 'Q row 0 has a length of 1.5; a row\'s length is a whole number'],
      ['-1', -1, 'Q row 0 has a length of -1; a row\'s length is a whole number'],
    ]) {
      it(`a row claiming length ${label} is answered in under 1 s`, () => {
        const row = new Proxy([1, 2], { get: (t, p) => (p === 'length' ? length : t[p]) });
        const started = performance.now();
        assert.throws(() => core.attention({ q: [row], k: [[1, 0]], v: [[1]] }), { message });
        assert.ok(performance.now() - started < 1000);
        assertHealthy(core);
      });
    }
  });

  describe(`${build}: a getter that calls the core again`, () => {
    it('is refused with code busy, and the outer call fails cleanly', () => {
      const row = [1, 2];
      Object.defineProperty(row, 0, { get: () => core.attention({ q, k, v }).scores[0][0] });
      assert.throws(() => core.attention({ q: [row, [3, 4], [5, 6]], k, v }), { name: 'AttentionError', code: 'busy' });
      assertHealthy(core);
    });
  });

  describe(`${build}: intermediates are bounded (item 8)`, () => {
    it('selfAttentionOutput with x 8192×1 and weights 1×8192 fails at once, naming the inputs, memory far below 2 GiB', () => {
      const x = { rows: 8192, cols: 1, data: new Float32Array(8192).fill(1) };
      const w = { rows: 1, cols: 8192, data: new Float32Array(8192).fill(1) };
      const started = performance.now();
      assert.throws(() => core.selfAttentionOutput({ x, wq: w, wk: w, wv: w }), {
        code: 'too_large', matrix: 'wq',
        message: 'X has 8192 rows and W_Q has 8192 columns: X·W_Q would hold 67108864 numbers (8192×8192), more than the 4194304 supported; use fewer rows of X or fewer columns of W_Q',
      });
      assert.ok(performance.now() - started < 1000);
      assert.ok(core.memory().heapBytes < 256 * 2 ** 20, `wasm memory ${core.memory().heapBytes}`);
      assertHealthy(core);
    });

    it('attentionOutput with Q 8192×1 and V 1×8192 (a 64 Mi output) fails at once', () => {
      const tall = { rows: 8192, cols: 1, data: new Float32Array(8192) };
      const wide = { rows: 1, cols: 8192, data: new Float32Array(8192) };
      assert.throws(() => core.attentionOutput({ q: tall, k: flat([[1]]), v: wide }), { code: 'too_large', matrix: 'v' });
      assert.ok(core.memory().heapBytes < 256 * 2 ** 20);
    });
  });

  describe(`${build}: each input gets the message it deserves (item 9)`, () => {
    it("mask ['causal'] is refused", () => {
      assert.throws(() => core.attention({ q, k, v, mask: ['causal'] }), {
        code: 'bad_option', option: 'mask', message: 'the mask must be "none" or "causal"; got an array',
      });
    });
    it('scaleExperiment refuses "8", 1n and null with messages', () => {
      assert.throws(() => core.scaleExperiment({ dk: '8' }), { code: 'not_a_number', option: 'dk', message: 'dk is a string, not a number' });
      assert.throws(() => core.scaleExperiment({ dk: 8, keys: 1n }), { code: 'not_a_number', option: 'keys', message: 'keys is a BigInt, not a number' });
      assert.throws(() => core.scaleExperiment(null), {
        name: 'AttentionError', code: 'missing', message: 'scaleExperiment() needs one argument, an object { dk, keys?, samples?, seed? }',
      });
      assert.throws(() => core.scaleExperiment({ dk: 0 }), { code: 'bad_option', option: 'dk', message: 'd_k is 0; it must be from 1 to 4096' });
    });
    it('a sparse row of length 2³¹ is too wide, not "not an array"', () => {
      const row = [];
      row.length = 2 ** 31;
      assert.throws(() => core.attention({ q: [row], k, v }), { code: 'too_large', matrix: 'q', message: 'Q has 2147483648 columns; at most 8192 are supported' });
    });
    it('rows 2³² + 3 × cols 0 is too tall, not "empty (3×0)"', () => {
      const tall = { rows: 2 ** 32 + 3, cols: 0, data: new Float32Array(0) };
      assert.throws(() => core.attentionOutput({ q: tall, k: flat(k), v: flat(v) }), {
        code: 'too_large', matrix: 'q', message: 'Q has 4294967299 rows; at most 8192 are supported',
      });
      assertHealthy(core);
    });
  });

  describe(`${build}: typed errors`, () => {
    const cases = [
      [() => core.attention({ q: [[1, 2], [3, 'x'], [5, 6]], k, v }), { code: 'not_a_number', matrix: 'q', row: 1, col: 1 }],
      [() => core.attention({ q, k: [[1, 0], [0, NaN], [1, 1]], v }), { code: 'not_finite', matrix: 'k', row: 1, col: 1 }],
      [() => core.attention({ q: [[1, 2], [3, 4e38], [5, 6]], k, v }), { code: 'out_of_range', matrix: 'q', row: 1, col: 1 }],
      [() => core.attention({ q, k: [[1, 0], [0, 1], [1, 1, 1]], v }), { code: 'ragged', matrix: 'k', row: 2 }],
      [() => core.attention({ q, k: [[1, 0, 1]], v: [[1]] }), { code: 'shape_mismatch', matrix: 'k' }],
      [() => core.attention({ q, v }), { code: 'missing', matrix: 'k' }],
      [() => core.attention({ q: [], k, v }), { code: 'empty', matrix: 'q' }],
      [() => core.attention({ q, k, v, mask: 'future' }), { code: 'bad_option', option: 'mask' }],
      [() => core.attention({ q, k: [[1, 0]], v: [[1]], mask: 'causal' }), { code: 'shape_mismatch', option: 'mask' }],
      [() => core.attention({ q, k, v, scale: NaN }), { code: 'not_finite', option: 'scale', message: 'scale is NaN; scale must be a finite number' }],
      [() => core.attention({ q, k, v, scale: 1e39 }), { code: 'out_of_range', option: 'scale' }],
      [() => core.selfAttention({ x: q, wq: w4, wk: w4, wv: w4 }), { code: 'shape_mismatch', matrix: 'wq' }],
      [() => core.selfAttention({ x: w4, wq: w4, wk: w4, wv: w4, heads: 3 }), { code: 'heads_not_divisor', option: 'heads' }],
      [() => core.selfAttention({ x: w4, wq: w4, wk: w4, wv: w4, heads: 1000 }), { code: 'too_large', option: 'heads' }],
      [() => core.selfAttention({ x: w4, wq: w4, wk: w4, wv: w4, heads: -3 }), { code: 'bad_option', option: 'heads' }],
      [() => core.selfAttention({ x: w4, wq: w4, wk: w4, wv: w4, wo: [[1]] }), { code: 'shape_mismatch', matrix: 'wo' }],
      [() => core.attention({ q: [[1e20, 1e20]], k: [[1e20, 1e20]], v: [[1]] }), { code: 'overflow' }],
    ];
    cases.forEach(([call, expected], i) => {
      it(`case ${i}: ${JSON.stringify(expected)}`, () => {
        assert.throws(call, (err) => {
          assert.ok(err instanceof AttentionError && err instanceof Error);
          assert.equal(err.name, 'AttentionError');
          for (const [key, value] of Object.entries(expected)) assert.equal(err[key], value, `${key} of "${err.message}"`);
          for (const key of ['matrix', 'row', 'col', 'option']) if (!(key in expected)) assert.equal(err[key], undefined, key);
          return true;
        });
      });
    });
  });
}

describe('build mismatch (item 12)', () => {
  it("loadAttention refuses one build's glue with another build's wasm", async () => {
    const folder = await mkdtemp(join(tmpdir(), 'attention-pair-'));
    try {
      await copyFile(join(repoRoot, 'web/wasm/attention-simd.js'), join(folder, 'attention-simd.js'));
      await copyFile(join(repoRoot, 'web/wasm/attention-scalar.wasm'), join(folder, 'attention-simd.wasm'));
      await assert.rejects(loadAttention({ simd: true, folder: pathToFileURL(folder + '/') }), (err) => {
        assert.equal(err.code, 'build_mismatch');
        assert.match(err.message, /^attention-simd\.js is of build \S+ but attention-simd\.wasm is of build \S+; they must come from the same build/);
        return true;
      });
      // the same folder with the matching wasm loads
      await copyFile(join(repoRoot, 'web/wasm/attention-simd.wasm'), join(folder, 'attention-simd.wasm'));
      const core = await loadAttention({ simd: true, folder: pathToFileURL(folder + '/') });
      assertHealthy(core);
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });
});
