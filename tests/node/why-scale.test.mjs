// The core's helpers for the page: rowSums and the "Why scale?" experiment, in both builds.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { builds } from './helpers.mjs';

describe('rowSums and scaleExperiment', () => {
  for (const [build, core] of Object.entries(builds)) {
    it(`${build}: rowSums adds each row; bad input throws the core's message`, () => {
      assert.deepEqual(core.rowSums([[0.25, 0.25, 0.5], [1, -2, 4]]), [1, 3]);
      assert.throws(() => core.rowSums([[1, 'a']]), { message: 'matrix[0][1] is a string, not a number' });
    });

    it(`${build}: softmax saturates without 1/√d_k and stays spread with it`, () => {
      const rows = [2, 16, 128, 1024].map((dk) => ({ dk, ...core.scaleExperiment({ dk, keys: 16, samples: 64, seed: 7 }) }));
      for (const r of rows) {
        assert.ok(Math.abs(r.scoreRms / Math.sqrt(r.dk) - 1) < 0.15, `d_k ${r.dk}: rms ${r.scoreRms}`);
        assert.ok(r.scaled.entropyShare > 0.7, `d_k ${r.dk}: scaled entropy ${r.scaled.entropyShare}`);
      }
      assert.ok(rows[3].unscaled.maxWeight > 0.85 && rows[0].unscaled.maxWeight < 0.5, JSON.stringify(rows));
      assert.throws(() => core.scaleExperiment({ dk: 0 }), { message: 'd_k is 0; it must be from 1 to 4096' });
      assert.throws(() => core.scaleExperiment({ dk: 2.5 }), { message: 'd_k, keys, samples and seed must be whole numbers' });
    });
  }

  it('both builds give the same experiment (same random numbers, float rounding apart)', () => {
    const a = builds.simd128.scaleExperiment({ dk: 64 }), b = builds.scalar.scaleExperiment({ dk: 64 });
    for (const kind of ['unscaled', 'scaled']) {
      for (const measure of ['maxWeight', 'entropyShare']) assert.ok(Math.abs(a[kind][measure] - b[kind][measure]) < 1e-5);
    }
    assert.ok(Math.abs(a.scoreRms - b.scoreRms) < 1e-4);
  });
});
