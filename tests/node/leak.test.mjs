// 10,000 calls, half of them failing on large matrices, must leave the wasm heap as it was:
// neither the memory size nor the bytes the C++ allocator holds may grow. A failure that
// escaped C++ as a JavaScript exception would skip destructors and show up here.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { builds, makeRandom, randomMatrix } from './helpers.mjs';

const random = makeRandom(2026);
const big = (rows, cols) => randomMatrix(random, rows, cols);

// Large inputs that fail at different depths: while converting the last cell, at the shape
// checks after everything was copied, and in multi-head after the projections' checks.
const bigQ = big(384, 64), bigK = big(384, 64), bigV = big(384, 64);
const vWithNaN = bigV.map((row) => row.slice());
vWithNaN[383][63] = NaN;
const kTooWide = big(384, 65);
const bigX = big(256, 48), wq = big(48, 48), wk = big(48, 48), wv = big(48, 48), wo = big(48, 48);
const failing = [
  () => ({ call: 'attention', input: { q: bigQ, k: bigK, v: vWithNaN } }),
  () => ({ call: 'attention', input: { q: bigQ, k: kTooWide, v: bigV } }),
  () => ({ call: 'attention', input: { q: bigQ, k: bigK, v: bigV, mask: 'sideways' } }),
  () => ({ call: 'selfAttention', input: { x: bigX, wq, wk, wv, wo, heads: 5 } }),
  () => ({ call: 'selfAttention', input: { x: bigX, wq, wk, wv, wo: big(40, 8), heads: 4 } }),
];
const smallQ = big(24, 16), smallK = big(24, 16), smallV = big(24, 16);
const succeeding = [
  () => ({ call: 'attention', input: { q: smallQ, k: smallK, v: smallV } }),
  () => ({ call: 'attention', input: { q: smallQ, k: smallK, v: smallV, mask: 'causal' } }),
  () => ({ call: 'selfAttention', input: { x: smallQ, wq: big(16, 16), wk: big(16, 16), wv: big(16, 16), wo: big(16, 16), heads: 4 } }),
];

for (const [build, core] of Object.entries(builds)) {
  describe(`${build}: no leaks`, () => {
    it('10,000 calls, half failing with bad input on large matrices, leave the heap unchanged', () => {
      const run = (make) => {
        const { call, input } = make();
        return core[call](input);
      };
      // Warm up: let the heap reach the size one large call needs.
      core.attention({ q: bigQ, k: bigK, v: bigV });
      for (const make of [...failing, ...succeeding]) {
        try { run(make); } catch { /* expected for the failing ones */ }
      }
      const before = core.memory();
      let failures = 0;
      for (let i = 0; i < 10000; i++) {
        if (i % 2 === 0) {
          assert.throws(() => run(failing[(i / 2) % failing.length]), Error);
          failures++;
        } else {
          run(succeeding[((i - 1) / 2) % succeeding.length]);
        }
      }
      const after = core.memory();
      console.log(`# ${build}: ${failures} failing calls; heap ${before.heapBytes} -> ${after.heapBytes} bytes, ` +
        `allocated ${before.allocatedBytes} -> ${after.allocatedBytes} bytes`);
      assert.equal(failures, 5000);
      assert.equal(after.heapBytes, before.heapBytes, 'wasm memory grew');
      assert.equal(after.allocatedBytes, before.allocatedBytes, 'the C++ allocator holds more than before');
      // Still usable afterwards.
      assert.deepEqual(core.attention({ q: [[1, 2]], k: [[1, 0]], v: [[3]] }).output, [[3]]);
    });
  });
}
