// Bad input reaches JavaScript as an Error carrying the core's message, for each kind of
// mistake, in both builds; and the instance keeps working afterwards.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { builds } from './helpers.mjs';

const q = [[1, 2], [3, 4], [5, 6]], k = [[1, 0], [0, 1], [1, 1]], v = [[2, 0], [0, 2], [2, 2]];
const x = [[1, 0, 2, 1], [0, 1, -1, 2], [1, 1, 0, 0]];
const w4 = [[1, 0, 0, 1], [0, 1, 1, 0], [1, 1, 0, 0], [0, 0, 1, 1]];
const sparseRow = [1];
sparseRow[2] = 3; // a hole at index 1

const attentionCases = [
  ['no argument', undefined, 'attention() needs one argument, an object { q, k, v, scale?, mask? }'],
  ['Q missing', { k, v }, 'Q is missing; give it as an array of rows of numbers'],
  ['Q not an array', { q: 'hello', k, v }, 'Q is not an array; give it as an array of rows of numbers'],
  ['Q with no rows', { q: [], k, v }, 'Q is empty; it needs at least one row'],
  ['a row that is not an array', { q: [[1, 2], 5, [5, 6]], k, v }, 'Q row 1 is not an array; every row must be an array of numbers'],
  ['an empty row', { q: [[1, 2], [], [5, 6]], k, v }, 'Q row 1 is empty; every row needs at least one number'],
  ['ragged rows', { q, k: [[1, 0], [0, 1], [1, 1, 1]], v }, 'K row 2 has 3 entries but row 0 has 2; all rows of a matrix need the same length'],
  ['a string', { q: [[1, 2], [3, '4'], [5, 6]], k, v }, 'Q[1][1] is a string, not a number'],
  ['null', { q, k, v: [[2, 0], [null, 2], [2, 2]] }, 'V[1][0] is null, not a number'],
  ['undefined', { q, k, v: [[2, 0], [0, undefined], [2, 2]] }, 'V[1][1] is missing (undefined or an empty slot)'],
  ['a hole', { q: [[1, 2, 3], sparseRow, [5, 6, 7]], k: [[1, 0, 1]], v: [[1]] }, 'Q[1][1] is missing (undefined or an empty slot)'],
  ['a boolean', { q: [[true, 2], [3, 4], [5, 6]], k, v }, 'Q[0][0] is a boolean, not a number'],
  ['an object', { q: [[1, {}], [3, 4], [5, 6]], k, v }, 'Q[0][1] is not a number (an object or array)'],
  ['NaN', { q, k: [[1, 0], [0, NaN], [1, 1]], v }, 'K[1][1] is NaN; every entry must be a finite number'],
  ['1e999 (Infinity)', { q: [[1, 2], [3, 4], [5, 1e999]], k, v }, 'Q[2][1] is Infinity; every entry must be a finite number'],
  ['-Infinity', { q, k, v: [[-Infinity, 0], [0, 2], [2, 2]] }, 'V[0][0] is -Infinity; every entry must be a finite number'],
  ['beyond float32', { q: [[1, 2], [3, 4e38], [5, 6]], k, v }, 'Q[1][1] = 4e+38 is outside the float32 range (±3.4e38); use a smaller number'],
  ['widths differ', { q, k: [[1, 0, 1], [0, 1, 1], [1, 1, 1]], v }, 'K has 3 columns but Q has 2; Q·Kᵀ needs equal widths'],
  ['V rows differ', { q, k, v: [[2, 0], [0, 2]] }, 'V has 2 rows but K has 3; weights·V needs one value row per key'],
  ['unknown mask', { q, k, v, mask: 'future' }, 'unknown mask "future"; the mask must be "none" or "causal"'],
  ['causal with unequal lengths', { q, k: [[1, 0], [0, 1]], v: [[1], [2]], mask: 'causal' }, 'the causal mask needs as many queries as keys, but Q has 3 rows and K has 2'],
  ['scale as text', { q, k, v, scale: 'big' }, 'scale is a string, not a number'],
  ['scale NaN', { q, k, v, scale: NaN }, 'scale is NaN; scale must be a finite number'],
  ['scores overflow', { q: [[1e20, 1e20]], k: [[1e20, 1e20]], v: [[1]] }, 'scores[0][0] = Q row 0 · K row 0 overflowed float32 (Infinity); the entries of Q and K are too large; scale them down'],
  ['too many rows', { q: Array.from({ length: 8193 }, () => [1]), k: [[1]], v: [[1]] }, 'Q has 8193 rows; at most 8192 are supported'],
  ['trace too large', { q: Array.from({ length: 5000 }, () => [1]), k: Array.from({ length: 5000 }, () => [1]), v: Array.from({ length: 5000 }, () => [1]) },
    'Q has 5000 rows and K has 5000 rows: the trace would hold 100015000 numbers, more than the 16777216 supported; use fewer tokens'],
  ['a matrix with too many entries', { q: Array.from({ length: 8000 }, () => new Array(600).fill(1)), k, v },
    'Q has 4800000 entries (8000×600); at most 4194304 are supported'],
  ['too many columns', { q: [new Array(8193).fill(1)], k, v }, 'Q has 8193 columns; at most 8192 are supported'],
];

const selfCases = [
  ['no argument', null, 'selfAttention() needs one argument, an object { x, wq, wk, wv, wo?, heads?, mask?, scale? }'],
  ['W_Q rows', { x, wq: [[1, 0]], wk: w4, wv: w4 }, 'W_Q has 1 row but X has 4 columns; X·W_Q needs one row of W_Q per column of X'],
  ['W_K width', { x, wq: w4, wk: w4.map((r) => r.slice(0, 2)), wv: w4 }, 'W_K has 2 columns but W_Q has 4; Q·Kᵀ needs Q and K of equal widths'],
  ['heads do not divide d_model', { x, wq: w4, wk: w4, wv: w4, heads: 3 }, '3 heads do not divide d_model = 4 (the width of W_Q); the number of heads must divide it, e.g. 1, 2, 4'],
  ['heads 0', { x, wq: w4, wk: w4, wv: w4, heads: 0 }, 'heads is 0; it must be a whole number of at least 1'],
  ['heads 2.5', { x, wq: w4, wk: w4, wv: w4, heads: 2.5 }, 'heads is 2.5; it must be a whole number of at least 1'],
  ['too many heads', { x, wq: w4, wk: w4, wv: w4, heads: 1000 }, 'heads is 1000; at most 256 are supported'],
  ['trace too large', { x: Array.from({ length: 3000 }, () => [1, 0, 2, 1]), wq: w4, wk: w4, wv: w4, heads: 2 },
    'X has 3000 rows and there are 2 heads: the trace would hold 72120000 numbers, more than the 16777216 supported; use fewer tokens or heads'],
  ['heads as text', { x, wq: w4, wk: w4, wv: w4, heads: 'two' }, 'heads is a string, not a number'],
  ['W_O rows', { x, wq: w4, wk: w4, wv: w4, wo: [[1, 2]], heads: 2 }, 'W_O has 1 row but the heads\' concatenation has 4 columns (the width of W_V); concat·W_O needs them equal'],
  ['X with a string', { x: [[1, 0, 2, 'a']], wq: w4, wk: w4, wv: w4 }, 'X[0][3] is a string, not a number'],
  ['W_O with NaN', { x, wq: w4, wk: w4, wv: w4, wo: [[NaN]] }, 'W_O[0][0] is NaN; every entry must be a finite number'],
];

const multiHeadCases = [
  ['no argument', undefined, 'multiHead() needs one argument, an object { q, k, v, heads?, mask?, scale? }'],
  ['heads do not divide d_k', { q, k, v, heads: 3 }, '3 heads do not divide d_k = 2 (the width of Q); the number of heads must divide it, e.g. 1, 2'],
  ['heads as text', { q, k, v, heads: 'two' }, 'heads is a string, not a number'],
  ['K width', { q, k: [[1], [0], [1]], v, heads: 2 }, 'K has 1 column but Q has 2; Q·Kᵀ needs equal widths'],
];

for (const [build, core] of Object.entries(builds)) {
  describe(`${build}: every kind of bad input throws its own Error`, () => {
    for (const [name, input, message] of attentionCases) {
      it(`attention: ${name}`, () => {
        assert.throws(() => core.attention(input), (err) => {
          assert.ok(err instanceof Error, 'an Error, not a bare number');
          assert.equal(err.message, message);
          return true;
        });
      });
    }
    for (const [name, input, message] of selfCases) {
      it(`selfAttention: ${name}`, () => {
        assert.throws(() => core.selfAttention(input), (err) => err instanceof Error && err.message === message);
      });
    }
    for (const [name, input, message] of multiHeadCases) {
      it(`multiHead: ${name}`, () => {
        assert.throws(() => core.multiHead(input), (err) => err instanceof Error && err.message === message);
      });
    }
    it('still works after all those errors', () => {
      assert.deepEqual(core.attention({ q, k, v }).scores, [[1, 2, 3], [3, 4, 7], [5, 6, 11]]);
    });
  });
}
