// selfAttentionOutput (projections, the streaming path per head, concat, ·W_O; Float32Array
// matrices in and out) in both WebAssembly builds: the same output as selfAttention(), the same
// messages for bad input plus its own for the Float32Array fields, past the trace limit,
// results the caller owns, no leaks.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { builds, makeRandom, randomMatrix, flat, randomFlat as randomFlatFrom, maxDifference } from './helpers.mjs';

const random = makeRandom(17);
const randomFlat = (rows, cols, spread = 1) => randomFlatFrom(random, rows, cols, spread);

// Nested-array inputs of selfAttention() as the Float32Array ones of selfAttentionOutput().
const flatInputs = ({ x, wq, wk, wv, wo, ...rest }) => ({
  x: flat(x), wq: flat(wq), wk: flat(wk), wv: flat(wv), ...(wo ? { wo: flat(wo) } : {}), ...rest,
});

for (const [build, core] of Object.entries(builds)) {
  describe(`${build}: selfAttentionOutput`, () => {
    it('equals selfAttention().output (1, 2 and 8 heads, causal, explicit scale, W_O absent and present)', () => {
      let worst = 0;
      for (let trial = 0; trial < 30; trial++) {
        const heads = [1, 2, 8][trial % 3];
        const n = 1 + Math.floor(random() * (trial % 5 === 3 ? 300 : 30));
        const dIn = 1 + Math.floor(random() * 30);
        const dModel = heads * (1 + Math.floor(random() * 6)), dV = heads * (1 + Math.floor(random() * 6));
        const input = {
          x: randomMatrix(random, n, dIn, 1),
          wq: randomMatrix(random, dIn, dModel, 0.5), wk: randomMatrix(random, dIn, dModel, 0.5),
          wv: randomMatrix(random, dIn, dV, 0.5),
          ...(trial % 2 === 0 ? { wo: randomMatrix(random, dV, 1 + Math.floor(random() * 20), 0.5) } : {}),
          heads, mask: trial % 4 === 1 ? 'causal' : 'none', ...(trial % 5 === 2 ? { scale: 0.3 } : {}),
        };
        const expected = core.selfAttention(input).output;
        const actual = core.selfAttentionOutput(flatInputs(input));
        assert.ok(actual.data instanceof Float32Array);
        const difference = maxDifference(actual, expected);
        assert.ok(difference <= 1e-5, `trial ${trial} (n ${n}, d_in ${dIn}, d_model ${dModel}, heads ${heads}): max |difference| ${difference}`);
        worst = Math.max(worst, difference);
      }
      console.log(`# ${build}: selfAttentionOutput vs selfAttention().output, max |difference| ${worst}`);
    });

    it('gives the messages of selfAttention() for bad matrices, heads and options', () => {
      const x = [[1, 2, 3, 4], [0, 1, 0, 1]], w = [[1, 0], [0, 1], [1, 1], [0, 0]];
      const good = { x, wq: w, wk: w, wv: w, wo: [[1], [2]], heads: 2 };
      const cases = [
        { ...good, wq: [[1, 0], [0, 1]] },
        { ...good, wk: [[1], [0], [1], [0]] },
        { ...good, heads: 0 },
        { ...good, heads: 3 },
        { ...good, heads: 1.5 },
        { ...good, heads: '2' },
        { ...good, wo: [[1], [2], [3]] },
        { ...good, x: [[1, NaN, 3, 4], [0, 1, 0, 1]] },
        { ...good, wv: [[1, 0], [0, Infinity], [1, 1], [0, 0]] },
        { ...good, scale: Infinity },
        { ...good, mask: 'sideways' },
        { ...good, wq: [[1e38, 1e38], [1e38, 1e38], [1e38, 1e38], [1e38, 1e38]] },
        { ...good, x: [[1, 1, 1, 1], [1, 1, 1, 1]], wq: w.map((r) => r.map(() => 1e19)), wk: w.map((r) => r.map(() => 1e19)) },
      ];
      for (const input of cases) {
        let expected;
        assert.throws(() => core.selfAttention(input), (e) => { expected = e.message; return true; });
        assert.throws(() => core.selfAttentionOutput(flatInputs(input)),
          (e) => e instanceof Error && e.message === expected, `expected: ${expected}`);
      }
      assert.equal(core.selfAttentionOutput(flatInputs(good)).data.length, 2);
      assert.throws(() => core.selfAttentionOutput({ ...flatInputs(good), x: { rows: 0, cols: 4, data: new Float32Array(0) } }),
        { message: 'X is empty (0×4); it needs at least one row and one column' });
    });

    it('names a wrong field of the Float32Array matrices', () => {
      const w = randomFlat(4, 4);
      const good = { x: randomFlat(3, 4), wq: w, wk: w, wv: w };
      const expectations = [
        [{ ...good, x: undefined }, 'selfAttentionOutput() needs x: { rows, cols, data: Float32Array } (row-major)'],
        [{ ...good, wq: [[1, 2]] }, 'wq must be { rows, cols, data: Float32Array } (row-major); got an array (nested arrays go to selfAttention())'],
        [{ ...good, wk: { rows: 4, cols: 4, data: new Float64Array(16) } }, 'wk.data must be a Float32Array of wk.rows × wk.cols numbers, row after row; got a Float64Array'],
        [{ ...good, wo: { rows: 4, cols: 2, data: new Float32Array(7) } }, 'wo.data has 7 numbers but wo says 4×2 = 8'],
        [{ ...good, wv: { rows: -1, cols: 4, data: new Float32Array(0) } }, 'wv.rows must be a whole number ≥ 0; got -1'],
      ];
      for (const [input, message] of expectations) assert.throws(() => core.selfAttentionOutput(input), { message });
      assert.throws(() => core.selfAttentionOutput(), { message: 'selfAttentionOutput() needs one argument, an object { x, wq, wk, wv, wo?, heads?, mask?, scale? }' });
      assert.equal(core.selfAttentionOutput({ ...good, wo: null }).cols, 4);
    });

    it('runs past the trace limit (n = 2500, 8 heads), where selfAttention() refuses', () => {
      const n = 2500, d = 16;
      const input = { x: randomFlat(n, d), wq: randomFlat(d, d, 0.25), wk: randomFlat(d, d, 0.25), wv: randomFlat(d, d, 0.25), heads: 8, mask: 'causal' };
      const out = core.selfAttentionOutput(input);
      assert.equal(out.rows, n);
      assert.equal(out.cols, d);
      assert.ok(out.data.every(Number.isFinite));
      // Row 0 under the causal mask sees key 0 alone: its output is V's row 0 = X row 0 · W_V.
      for (let c = 0; c < d; c++) {
        let v = 0;
        for (let p = 0; p < d; p++) v += input.x.data[p] * input.wv.data[p * d + c];
        assert.ok(Math.abs(out.data[c] - v) <= 1e-5, `column ${c}: ${out.data[c]} vs ${v}`);
      }
    });

    it('returns a copy the caller owns and leaves the heap as it was after 1,000 calls, half of them failing', () => {
      const x = randomFlat(100, 32), w = randomFlat(32, 32, 0.2), wo = randomFlat(32, 8, 0.2);
      const bad = { ...x, data: Float32Array.from(x.data) };
      bad.data[bad.data.length - 1] = NaN;
      const first = core.selfAttentionOutput({ x, wq: w, wk: w, wv: w, wo, heads: 8 });
      const saved = Float32Array.from(first.data);
      const before = core.memory();
      for (let i = 0; i < 1000; i++) {
        const mask = i % 4 < 2 ? 'causal' : 'none';
        if (i % 2 === 0) assert.throws(() => core.selfAttentionOutput({ x: bad, wq: w, wk: w, wv: w, wo, heads: 8, mask }));
        else core.selfAttentionOutput({ x, wq: w, wk: w, wv: w, ...(i % 3 ? { wo } : {}), heads: 8, mask });
      }
      assert.throws(() => core.selfAttentionOutput({ x, wq: w, wk: w, wv: w, heads: 5 }));
      const after = core.memory();
      assert.deepEqual(first.data, saved);
      assert.equal(after.heapBytes, before.heapBytes, 'wasm memory grew');
      assert.equal(after.allocatedBytes, before.allocatedBytes, 'the C++ allocator holds more than before');
    });
  });
}

describe('selfAttentionOutput: SIMD128 and scalar builds agree', () => {
  it('on random cases with 8 heads within 1e-5', () => {
    for (let trial = 0; trial < 6; trial++) {
      const n = 1 + Math.floor(random() * 200), d = 8 * (1 + Math.floor(random() * 9));
      const input = { x: randomFlat(n, d), wq: randomFlat(d, d, 0.3), wk: randomFlat(d, d, 0.3), wv: randomFlat(d, d, 0.3), wo: randomFlat(d, d, 0.3), heads: 8 };
      const a = builds.simd128.selfAttentionOutput(input), b = builds.scalar.selfAttentionOutput(input);
      const worst = maxDifference(a, b);
      assert.ok(worst <= 1e-5, `trial ${trial}: max |difference| ${worst}`);
    }
  });
});
