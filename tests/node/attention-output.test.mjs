// attentionOutput (the streaming path, Float32Array in and out) in both WebAssembly builds:
// the same output as the trace API, the same messages for bad input plus its own for the
// Float32Array fields, n = 8192 within 64 MiB of wasm memory, results the caller owns, no leaks.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { loadAttention } from '../../web/js/core/attention.js';
import { builds, makeRandom, randomMatrix, flat, randomFlat as randomFlatFrom, maxDifference } from './helpers.mjs';

const random = makeRandom(5);
const randomFlat = (rows, cols, spread = 2) => randomFlatFrom(random, rows, cols, spread);

const MiB = 1024 * 1024;

for (const [build, core] of Object.entries(builds)) {
  describe(`${build}: attentionOutput`, () => {
    it('equals the output of attention() on random cases (causal, explicit scale, across key blocks)', () => {
      let worst = 0;
      for (let trial = 0; trial < 40; trial++) {
        const causal = trial % 3 === 0;
        const n = 1 + Math.floor(random() * (trial % 4 === 1 ? 400 : 40));
        const m = causal ? n : 1 + Math.floor(random() * (trial % 4 === 1 ? 400 : 40));
        const dk = 1 + Math.floor(random() * 40), dv = 1 + Math.floor(random() * 40);
        const q = randomMatrix(random, n, dk), k = randomMatrix(random, m, dk), v = randomMatrix(random, m, dv);
        const options = { mask: causal ? 'causal' : 'none', ...(trial % 5 === 2 ? { scale: 0.7 } : {}) };
        const expected = core.attention({ q, k, v, ...options }).output;
        const actual = core.attentionOutput({ q: flat(q), k: flat(k), v: flat(v), ...options });
        assert.ok(actual.data instanceof Float32Array);
        const difference = maxDifference(actual, expected);
        assert.ok(difference <= 1e-5, `trial ${trial} (${n}×${dk}, ${m} keys, d_v ${dv}): max |difference| ${difference}`);
        worst = Math.max(worst, difference);
      }
      console.log(`# ${build}: attentionOutput vs attention().output, max |difference| ${worst}`);
    });

    it('returns a copy the caller owns: a later call does not change it', () => {
      const q = randomFlat(5, 4), k = randomFlat(6, 4), v = randomFlat(6, 3);
      const first = core.attentionOutput({ q, k, v });
      const saved = Float32Array.from(first.data);
      core.attentionOutput({ q: randomFlat(300, 4), k: randomFlat(300, 4), v: randomFlat(300, 3) });
      assert.deepEqual(first.data, saved);
      assert.equal(first.data.length, 15);
    });

    it('gives the messages of attention() for bad matrices and options', () => {
      const q = [[1, 2], [3, 4]], k = [[1, 0], [0, 1], [1, 1]], v = [[1], [2], [3]];
      const cases = [
        { q, k: [[1, 0, 0]], v: [[1]] },
        { q, k, v: [[1], [2]] },
        { q, k, v, mask: 'causal' },
        { q, k, v, mask: 'sideways' },
        { q, k, v, scale: Infinity },
        { q: [[1, NaN], [3, 4]], k, v },
        { q, k, v: [[1], [Infinity], [3]] },
      ];
      for (const { q: qc, k: kc, v: vc, ...options } of cases) {
        let expected;
        assert.throws(() => core.attention({ q: qc, k: kc, v: vc, ...options }), (e) => { expected = e.message; return true; });
        assert.throws(() => core.attentionOutput({ q: flat(qc), k: flat(kc), v: flat(vc), ...options }),
          (e) => e instanceof Error && e.message === expected, `expected: ${expected}`);
      }
      assert.throws(() => core.attentionOutput({ q: { rows: 0, cols: 2, data: new Float32Array(0) }, k: flat(k), v: flat(v) }),
        { message: 'Q is empty (0×2); it needs at least one row and one column' });
      assert.throws(() => core.attentionOutput({ q: { rows: 8193, cols: 1, data: new Float32Array(8193) }, k: flat(k), v: flat(v) }),
        { message: 'Q has 8193 rows; at most 8192 are supported' });
    });

    it('names a NaN or ±∞ of Q, K or V as attention() does, wherever it is, under either mask', () => {
      const place = (e) => ({ code: e.code, matrix: e.matrix, row: e.row, col: e.col, message: e.message });
      let cases = 0;
      for (const n of [3, 40, 300]) {  // 300: more than one block of queries and of keys
        const d = 5;
        const inputs = { q: randomMatrix(random, n, d), k: randomMatrix(random, n, d), v: randomMatrix(random, n, d) };
        for (const mask of ['none', 'causal']) {
          for (const key of ['q', 'k', 'v']) {
            for (const [row, col] of [[0, 0], [n - 1, d - 1], [Math.floor(n / 2), 2]]) {
              for (const value of [NaN, Infinity, -Infinity]) {
                const bad = { q: inputs.q.map((r) => r.slice()), k: inputs.k.map((r) => r.slice()), v: inputs.v.map((r) => r.slice()) };
                bad[key][row][col] = value;
                if (key !== 'v') bad[key === 'q' ? 'k' : 'q'][0][col] = 0;  // 0·∞ is NaN, not ±∞
                let expected;
                assert.throws(() => core.attention({ ...bad, mask }), (e) => { expected = place(e); return true; });
                assert.throws(() => core.attentionOutput({ q: flat(bad.q), k: flat(bad.k), v: flat(bad.v), mask }),
                  (e) => { assert.deepEqual(place(e), expected); return true; });
                cases++;
              }
            }
          }
        }
      }
      // a non-finite entry comes before a later matrix's wrong shape, as in attention()
      const q = [[1, NaN]], k = [[1, 2, 3]], v = [[1]];
      assert.throws(() => core.attentionOutput({ q: flat(q), k: flat(k), v: flat(v) }),
        { code: 'not_finite', message: 'Q[0][1] is NaN; every entry must be a finite number' });
      assert.equal(cases, 162);
    });

    it('names a wrong field of the Float32Array matrices', () => {
      const k = randomFlat(3, 2), v = randomFlat(3, 1);
      const expectations = [
        [{ k, v }, 'attentionOutput() needs q: { rows, cols, data: Float32Array } (row-major)'],
        [{ q: [[1, 2]], k, v }, 'q must be { rows, cols, data: Float32Array } (row-major); got an array (nested arrays go to attention())'],
        [{ q: new Float32Array(2), k, v }, 'q must be { rows, cols, data: Float32Array } (row-major); got a Float32Array'],
        [{ q: { rows: 1.5, cols: 2, data: new Float32Array(3) }, k, v }, 'q.rows must be a whole number ≥ 0; got 1.5'],
        [{ q: { rows: 1, cols: '2', data: new Float32Array(2) }, k, v }, 'q.cols must be a whole number ≥ 0; got the string "2"'],
        [{ q: { rows: 1, cols: 2, data: [1, 2] }, k, v }, 'q.data must be a Float32Array of q.rows × q.cols numbers, row after row; got an array'],
        [{ q: { rows: 1, cols: 2, data: new Float64Array(2) }, k, v }, 'q.data must be a Float32Array of q.rows × q.cols numbers, row after row; got a Float64Array'],
        [{ q: randomFlat(1, 2), k: { rows: 2, cols: 3, data: new Float32Array(5) }, v }, 'k.data has 5 numbers but k says 2×3 = 6'],
      ];
      for (const [input, message] of expectations) assert.throws(() => core.attentionOutput(input), { message });
      assert.throws(() => core.attentionOutput(), { message: 'attentionOutput() needs one argument, an object { q, k, v, scale?, mask? }' });
    });

    it('runs n = 8192, d = 64 within 64 MiB of wasm memory, equal to a direct computation on sample rows', () => {
      const n = 8192, d = 64;
      const q = randomFlat(n, d, 1), k = randomFlat(n, d, 1), v = randomFlat(n, d, 1);
      const out = core.attentionOutput({ q, k, v, mask: 'causal' });
      const { heapBytes } = core.memory();
      console.log(`# ${build}: n = ${n}, d = ${d}: wasm memory ${(heapBytes / MiB).toFixed(1)} MiB after the call`);
      assert.ok(heapBytes <= 64 * MiB, `wasm memory ${heapBytes} bytes`);
      let worst = 0;
      for (const i of [0, 1, 4095, 8191]) {
        const w = new Float64Array(i + 1);
        let max = -Infinity, sum = 0;
        for (let j = 0; j <= i; j++) {
          let s = 0;
          for (let p = 0; p < d; p++) s += q.data[i * d + p] * k.data[j * d + p];
          w[j] = s / Math.sqrt(d);
          max = Math.max(max, w[j]);
        }
        for (let j = 0; j <= i; j++) sum += (w[j] = Math.exp(w[j] - max));
        for (let c = 0; c < d; c++) {
          let o = 0;
          for (let j = 0; j <= i; j++) o += (w[j] / sum) * v.data[j * d + c];
          worst = Math.max(worst, Math.abs(out.data[i * d + c] - o));
        }
      }
      assert.ok(worst <= 1e-5, `max |difference| ${worst}`);
    });

    it('leaves the heap as it was after 2,000 calls, half of them failing', () => {
      const q = randomFlat(200, 32), k = randomFlat(200, 32), v = randomFlat(200, 32);
      const vWithNaN = { ...v, data: Float32Array.from(v.data) };
      vWithNaN.data[v.data.length - 1] = NaN;
      core.attentionOutput({ q, k, v });
      const before = core.memory();
      for (let i = 0; i < 2000; i++) {
        if (i % 2 === 0) assert.throws(() => core.attentionOutput({ q, k, v: vWithNaN, mask: i % 4 === 0 ? 'causal' : 'none' }));
        else core.attentionOutput({ q, k, v, mask: i % 4 === 1 ? 'causal' : 'none' });
      }
      const after = core.memory();
      assert.equal(after.heapBytes, before.heapBytes, 'wasm memory grew');
      assert.equal(after.allocatedBytes, before.allocatedBytes, 'the C++ allocator holds more than before');
    });
  });
}

// attentionOutput keeps its matrices in the wasm heap from one call to the next while they are
// small (src/wasm/emscripten.cpp, OutputCall): the views on the heap must be taken afresh when a
// call grows the memory, and the kept matrices must not add up.
for (const build of Object.keys(builds)) {
  describe(`${build}: attentionOutput's kept matrices`, () => {
    it('are written and read through fresh views after a large call grows the memory between two small ones', async () => {
      const core = await loadAttention({ build });  // its own heap, at its initial size
      const first = { q: randomFlat(5, 8), k: randomFlat(7, 8), v: randomFlat(7, 3) };
      const second = { q: randomFlat(5, 8), k: randomFlat(7, 8), v: randomFlat(7, 3), mask: 'none' };
      // K all zeros: every weight is 1/m, each output row the mean of V's rows.
      const m = 512, d = 8192;
      const large = { q: randomFlat(1, d), k: { rows: m, cols: d, data: new Float32Array(m * d) }, v: randomFlat(m, 4) };
      const expectedFirst = builds[build].attentionOutput(first).data, expectedSecond = builds[build].attentionOutput(second).data;

      assert.deepEqual(core.attentionOutput(first).data, expectedFirst);
      const before = core.memory();
      const out = core.attentionOutput(large);
      const grown = core.memory();
      assert.ok(grown.heapBytes > before.heapBytes, `the large call did not grow the memory (${before.heapBytes} bytes)`);
      assert.ok(grown.allocatedBytes <= before.allocatedBytes,
        `after the large call the C++ allocator holds ${grown.allocatedBytes - before.allocatedBytes} bytes more: its matrices were kept`);
      for (let c = 0; c < 4; c++) {
        let mean = 0;
        for (let j = 0; j < m; j++) mean += large.v.data[j * 4 + c] / m;
        assert.ok(Math.abs(out.data[c] - mean) <= 1e-5, `output[0][${c}] = ${out.data[c]}, mean of V's column ${mean}`);
      }
      assert.deepEqual(core.attentionOutput(second).data, expectedSecond);
      assert.equal(core.memory().allocatedBytes, before.allocatedBytes, "the large call's matrices are still held");
    });

    it('hold no more memory after 1,000 calls of changing sizes, some too large to keep', () => {
      const core = builds[build];
      const shape = (n, m, d, dv) => ({ q: randomFlat(n, d), k: randomFlat(m, d), v: randomFlat(m, dv) });
      const fixed = shape(20, 30, 16, 8);
      core.attentionOutput(shape(1024, 1024, 64, 64));  // the largest call of the loop, for the heap to reach its size
      core.attentionOutput(fixed);
      const before = core.memory();
      const expected = core.attentionOutput(fixed).data;
      for (let i = 0; i < 1000; i++) {
        const x = i % 100 === 50 ? shape(1024, 1024, 64, 64)  // 256 Ki floats with the output: more than is kept
          : shape(1 + Math.floor(random() * 200), 1 + Math.floor(random() * 200), 1 + Math.floor(random() * 70), 1 + Math.floor(random() * 70));
        core.attentionOutput({ ...x, mask: x.q.rows === x.k.rows && i % 3 === 0 ? 'causal' : 'none' });
      }
      assert.deepEqual(core.attentionOutput(fixed).data, expected);
      const after = core.memory();
      assert.equal(after.heapBytes, before.heapBytes, 'wasm memory grew');
      assert.equal(after.allocatedBytes, before.allocatedBytes, 'the C++ allocator holds more than before');
    });
  });
}

describe('attentionOutput: SIMD128 and scalar builds agree', () => {
  it('on random cases within 1e-5', () => {
    for (let trial = 0; trial < 10; trial++) {
      const n = 1 + Math.floor(random() * 300), d = 1 + Math.floor(random() * 70);
      const q = randomFlat(n, d), k = randomFlat(n, d), v = randomFlat(n, d);
      const a = builds.simd128.attentionOutput({ q, k, v });
      const b = builds.scalar.attentionOutput({ q, k, v });
      const worst = maxDifference(a, b);
      assert.ok(worst <= 1e-5, `trial ${trial}: max |difference| ${worst}`);
    }
  });
});
