// The plane view's helpers: pairGeometry (lengths, cosines, angles of pairs of rows) and
// convexHull2d, in both builds; bad input throws the core's message and leaves the instance usable.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { builds } from './helpers.mjs';

// float32 results: within a few units in the last place of float32
const close = (a, b, what) => assert.ok(Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(b)), `${what}: ${a} vs ${b}`);

describe('pairGeometry and convexHull2d', () => {
  for (const [build, core] of Object.entries(builds)) {
    it(`${build}: |q|·|k|·cos θ equals the trace's score for every pair`, () => {
      const q = [[1, 2], [3, 4], [5, 6]], k = [[1, 0], [0, 1], [1, 1]];
      const g = core.pairGeometry(q, k, { a: 'Q', b: 'K' });
      const { scores } = core.attention({ q, k, v: [[1], [2], [3]] });
      for (let i = 0; i < 3; i++) {
        for (let j = 0; j < 3; j++) {
          close(g.products[i][j], scores[i][j], `products[${i}][${j}]`);
          close(g.dots[i][j], scores[i][j], `dots[${i}][${j}]`);
          close(g.normsA[i] * g.normsB[j] * g.cosines[i][j], scores[i][j], `norms × cos [${i}][${j}]`);
          close(Math.cos(g.angles[i][j]), g.cosines[i][j], `cos(angle) [${i}][${j}]`);
          close(g.degrees[i][j], (g.angles[i][j] * 180) / Math.PI, `degrees [${i}][${j}]`);
        }
      }
      close(g.normsA[1], 5, '|q₁|');
      assert.deepEqual(g.unitsB[0], [1, 0]);
    });

    it(`${build}: hull indices counter-clockwise from the lowest point; messages`, () => {
      assert.deepEqual(core.convexHull2d([[1, 1], [0, 0], [2, 0], [2, 2], [0, 2], [1, 0]]), [1, 2, 3, 4]);
      assert.deepEqual(core.convexHull2d([[3, 3]]), [0]);
      assert.throws(() => core.convexHull2d([[1, 2, 3]], 'V'), { message: 'V has 3 columns; a convex hull in the plane needs 2 (x and y)' });
      assert.throws(() => core.pairGeometry([[1, 2]], [[1, 2, 3]], { a: 'Q', b: 'K' }), { message: 'K has 3 columns but Q has 2; pairs of rows need equal widths' });
      assert.throws(() => core.pairGeometry([[1, 'a']], [[1, 2]], { a: 'Q', b: 'K' }), { message: 'Q[0][1] is a string, not a number' });
      assert.deepEqual(core.convexHull2d([[0, 0], [1, 0], [0, 1]]), [0, 1, 2], 'still usable after the errors');
    });
  }
});
