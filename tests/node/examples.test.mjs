// Both WebAssembly builds on the material's worked examples, against values worked out
// independently (tests/reference/expected_values.py, double precision), and against the
// native build through the trace tool.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { builds, nativeAttention, nativeSelfAttention, assertClose } from './helpers.mjs';
import { presets } from '../../web/js/content/presets.js';

const packageVersion = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')).version;

// 004, sections 3.1/3.2/4.1/4.2.
const example004 = { q: [[1, 2], [3, 4], [5, 6]], k: [[1, 0], [0, 1], [1, 1]], v: [[2, 0], [0, 2], [2, 2]] };
// 003, section 4.
const example003 = { q: [[0.1, 0.2], [0.3, 0.4]], k: [[0.5, 0.6], [0.7, 0.8]], v: [[0.9, 1.0], [1.1, 1.2]] };

for (const [build, core] of Object.entries(builds)) {
  describe(`${build} build`, () => {
    it('reports which build it is', () => {
      const info = core.info();
      assert.equal(info.build, build);
      assert.equal(info.version, packageVersion);   // package.json, the version's one source
      assert.equal(info.arch, build === 'simd128' ? 'sse4.1' : 'scalar');
    });

    it("004's 3×2 example: scores, scaling, softmax, weighted sum", () => {
      const r = core.attention(example004);
      assert.deepEqual(r.scores, [[1, 2, 3], [3, 4, 7], [5, 6, 11]]);
      assert.ok(Math.abs(r.scale - Math.SQRT1_2) < 1e-7);
      const s = Math.SQRT1_2;
      assertClose(r.scaledScores, [[s, 2 * s, 3 * s], [3 * s, 4 * s, 7 * s], [5 * s, 6 * s, 11 * s]], 1e-6, 'scaledScores');
      assertClose(r.weights, [
        [0.1400292, 0.2839954, 0.5759753],
        [0.0501330, 0.1016755, 0.8481916],
        [0.0137704, 0.0279280, 0.9583016],
      ], 1e-5, 'weights');
      assertClose(r.output, [[1.4320091, 1.7199414], [1.7966491, 1.8997340], [1.9441440, 1.9724592]], 1e-5, 'output');
      assertClose(r.weights[0], [0.14, 0.284, 0.576], 1e-4, 'weights row 0 as the issue gives it');
    });

    it("003's 2×2 example uses Q·Kᵀ (not Q·K)", () => {
      const r = core.attention(example003);
      // Q·Kᵀ = [[0.17, 0.23], [0.39, 0.53]]
      assertClose(r.scores, [[0.17, 0.23], [0.39, 0.53]], 1e-6, 'scores');
      const row = (a, b) => {
        const ea = 1, eb = Math.exp((b - a) / Math.SQRT2);
        return [ea / (ea + eb), eb / (ea + eb)];
      };
      const weights = [row(0.17, 0.23), row(0.39, 0.53)];
      assertClose(r.weights, weights, 1e-6, 'weights');
      const output = weights.map(([a, b]) => [a * 0.9 + b * 1.1, a * 1.0 + b * 1.2]);
      assertClose(r.output, output, 1e-6, 'output');
    });

    it("001's dog/cat/bird example: equal scores give weights 1/3 and output [0, 0, 1]", () => {
      const r = core.attention({ q: [[1, 0, 0], [1, 0, 0], [1, 0, 0]], k: [[0, 1, 0], [0, 1, 0], [0, 1, 0]], v: [[0, 0, 1], [0, 0, 1], [0, 0, 1]] });
      assert.deepEqual(r.scores, [[0, 0, 0], [0, 0, 0], [0, 0, 0]]);
      assertClose(r.weights, [[1 / 3, 1 / 3, 1 / 3], [1 / 3, 1 / 3, 1 / 3], [1 / 3, 1 / 3, 1 / 3]], 1e-7, 'weights');
      assertClose(r.output, [[0, 0, 1], [0, 0, 1], [0, 0, 1]], 1e-6, 'output');
    });

    it('the causal mask: row 0 sees only itself, masked scaled scores are -Infinity', () => {
      const r = core.attention({ ...example004, mask: 'causal' });
      assert.deepEqual(r.weights[0], [1, 0, 0]);
      assert.equal(r.scaledScores[0][1], -Infinity);
      assert.equal(r.weights[1][2], 0);
      const e = Math.exp(Math.SQRT1_2); // row 1 sees scores [3, 4] / √2
      assertClose(r.weights[1], [1 / (1 + e), e / (1 + e), 0], 1e-6, 'weights row 1');
      assert.deepEqual(r.output[0], [2, 0]);
    });

    it('scale: an explicit 1 leaves the scores unscaled', () => {
      const r = core.attention({ ...example004, scale: 1 });
      assert.equal(r.scale, 1);
      assert.deepEqual(r.scaledScores, r.scores);
    });

    it('selfAttention with h = 1 equals attention on the projections, then ·W_O', () => {
      const x = [[1, 0, 2], [0, 1, -1], [1, 1, 0], [2, -1, 1]];
      const wq = [[1, 0], [0, 1], [1, 1]], wk = [[0, 1], [1, 0], [1, -1]], wv = [[1, 2], [0, 1], [1, 0]];
      const wo = [[1, 0, 1], [0, 1, 1]];
      const multi = core.selfAttention({ x, wq, wk, wv, wo, heads: 1 });
      const single = core.attention({ q: multi.q, k: multi.k, v: multi.v });
      assert.deepEqual(multi.heads[0].weights, single.weights);
      assert.deepEqual(multi.concat, single.output);
      assert.deepEqual(multi.q, [[3, 2], [-1, 0], [1, 1], [3, 0]]);
      assert.equal(multi.output.length, 4);
      assert.equal(multi.output[0].length, 3);
    });

    it('agrees with the native build on the examples (within 1e-5)', () => {
      for (const [name, example] of Object.entries({ example004, example003 })) {
        for (const mask of ['none', 'causal']) {
          const native = nativeAttention({ ...example, mask });
          const wasm = core.attention({ ...example, mask });
          for (const field of ['scores', 'scaledScores', 'weights', 'output']) {
            assertClose(wasm[field], native[field], 1e-5, `${name} ${mask} ${field}`);
          }
        }
      }
      // The site's two-head example (X 3×4, W_Q, W_K, W_V, W_O 4×4), with the causal mask.
      const { x, wq, wk, wv, wo, heads } = presets.find((p) => p.id === 'own-2-heads');
      const selfCase = { x, wq, wk, wv, wo, heads, mask: 'causal' };
      const native = nativeSelfAttention(selfCase);
      const wasm = core.selfAttention(selfCase);
      for (const field of ['q', 'k', 'v', 'concat', 'output']) assertClose(wasm[field], native[field], 1e-5, field);
      wasm.heads.forEach((head, h) => {
        for (const field of ['q', 'k', 'v', 'scores', 'scaledScores', 'weights', 'output']) {
          assertClose(head[field], native.heads[h][field], 1e-5, `head ${h} ${field}`);
        }
      });
    });
  });
}
