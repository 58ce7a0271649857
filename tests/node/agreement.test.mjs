// Both WebAssembly builds against the native build on random cases nobody picked by hand:
// every intermediate within 1e-5.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { builds, makeRandom, randomMatrix, nativeAttention, nativeMultiHead, nativeSelfAttention, assertClose } from './helpers.mjs';

describe('wasm builds agree with the native build', () => {
  it('attention on 40 random shapes (1…67 tokens and widths, both masks, some explicit scales)', () => {
    const random = makeRandom(42);
    const size = () => 1 + Math.floor(random() * 67);
    let worst = 0;
    for (let trial = 0; trial < 40; trial++) {
      const n = size(), d = size(), dv = size();
      const mask = trial % 3 === 0 ? 'causal' : 'none';
      const m = mask === 'causal' ? n : size();
      const c = {
        q: randomMatrix(random, n, d), k: randomMatrix(random, m, d), v: randomMatrix(random, m, dv),
        mask, scale: trial % 4 === 1 ? 0.3 : undefined,
      };
      const native = nativeAttention(c);
      for (const [build, core] of Object.entries(builds)) {
        const wasm = core.attention(c);
        for (const field of ['scores', 'scaledScores', 'rowMax', 'exponentials', 'rowSum', 'weights', 'output']) {
          // Scores are sums of d products of entries up to 2: allow float32 rounding of that size.
          // The row maxima follow the scores; the row sums (≤ m) carry float32 rounding of their size.
          const tolerance = field.endsWith('cores') || field === 'rowMax' ? 1e-5 * Math.max(1, d / 8)
            : field === 'rowSum' ? 1e-5 * Math.max(1, m / 8) : 1e-5;
          worst = Math.max(worst, assertClose(wasm[field], native[field], tolerance, `trial ${trial} ${build} ${field}`));
        }
      }
    }
    console.log(`# attention, wasm vs native: max |difference| = ${worst.toExponential(2)}`);
  });

  it('multi-head over given Q, K, V on 15 random cases', () => {
    const random = makeRandom(11);
    let worst = 0;
    for (let trial = 0; trial < 15; trial++) {
      const heads = 1 + Math.floor(random() * 4);
      const n = 1 + Math.floor(random() * 20);
      const mask = trial % 3 === 0 ? 'causal' : 'none';
      const m = mask === 'causal' ? n : 1 + Math.floor(random() * 20);
      const dK = heads * (1 + Math.floor(random() * 6)), dV = heads * (1 + Math.floor(random() * 5));
      const c = { q: randomMatrix(random, n, dK), k: randomMatrix(random, m, dK), v: randomMatrix(random, m, dV), heads, mask };
      const native = nativeMultiHead(c);
      for (const [build, core] of Object.entries(builds)) {
        const wasm = core.multiHead(c);
        assert.equal(wasm.heads.length, heads);
        worst = Math.max(worst, assertClose(wasm.concat, native.concat, 1e-5, `trial ${trial} ${build} concat`));
        wasm.heads.forEach((head, h) => {
          for (const field of ['q', 'k', 'v', 'scores', 'rowMax', 'exponentials', 'rowSum', 'weights', 'output']) {
            worst = Math.max(worst, assertClose(head[field], native.heads[h][field], 2e-5, `trial ${trial} ${build} head ${h} ${field}`));
          }
        });
      }
    }
    console.log(`# multi-head, wasm vs native: max |difference| = ${worst.toExponential(2)}`);
  });

  it('multi-head self-attention on 15 random cases', () => {
    const random = makeRandom(7);
    let worst = 0;
    for (let trial = 0; trial < 15; trial++) {
      const heads = 1 + Math.floor(random() * 4);
      const n = 1 + Math.floor(random() * 20), dIn = 1 + Math.floor(random() * 12);
      const dModel = heads * (1 + Math.floor(random() * 6)), dV = heads * (1 + Math.floor(random() * 5));
      const c = {
        x: randomMatrix(random, n, dIn), wq: randomMatrix(random, dIn, dModel, 0.5),
        wk: randomMatrix(random, dIn, dModel, 0.5), wv: randomMatrix(random, dIn, dV, 0.5),
        wo: trial % 2 ? randomMatrix(random, dV, 1 + Math.floor(random() * 8), 0.5) : undefined,
        heads, mask: trial % 3 === 0 ? 'causal' : 'none',
      };
      const native = nativeSelfAttention(c);
      for (const [build, core] of Object.entries(builds)) {
        const wasm = core.selfAttention(c);
        assert.equal(wasm.heads.length, heads);
        for (const field of ['q', 'k', 'v', 'concat', 'output']) {
          worst = Math.max(worst, assertClose(wasm[field], native[field], 1e-5, `trial ${trial} ${build} ${field}`));
        }
        wasm.heads.forEach((head, h) => {
          worst = Math.max(worst, assertClose(head.weights, native.heads[h].weights, 1e-5, `trial ${trial} ${build} head ${h}`));
        });
      }
    }
    console.log(`# self-attention, wasm vs native: max |difference| = ${worst.toExponential(2)}`);
  });
});
