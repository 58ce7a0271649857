// The benchmark's inputs, the same numbers as bench/attention_bench.cpp makes, as Float32Array
// matrices: Q, K, V of n×d uniform in [−1, 1) from mulberry32 with seeds (1, 2, 3) + 10·n + d;
// for self-attention X of n×d likewise with seed 11 + 10·n + d, and W_Q, W_K, W_V, W_O of d×d
// uniform in [−1/√d, 1/√d) with seeds (12, 13, 14, 15) + 10·n + d.

import { makeRandom, inputMatrix } from '../web/js/perf/random-inputs.js';

export { makeRandom, inputMatrix };

export function attentionInputs(n, d) {
  const seed = 10 * n + d;
  return { q: inputMatrix(n, d, seed + 1), k: inputMatrix(n, d, seed + 2), v: inputMatrix(n, d, seed + 3) };
}

// W (rows×cols) uniform in [−1/√rows, 1/√rows), computed in double and rounded once, as
// weight_matrix in bench/attention_bench.cpp.
export function weightMatrix(rows, cols, seed) {
  const random = makeRandom(seed);
  const bound = 1 / Math.sqrt(rows);
  const data = new Float32Array(rows * cols);
  for (let i = 0; i < data.length; i++) data[i] = (random() * 2 - 1) * bound;
  return { rows, cols, data };
}

export function selfAttentionInputs(n, d, heads) {
  const seed = 10 * n + d;
  return {
    x: inputMatrix(n, d, seed + 11),
    wq: weightMatrix(d, d, seed + 12), wk: weightMatrix(d, d, seed + 13),
    wv: weightMatrix(d, d, seed + 14), wo: weightMatrix(d, d, seed + 15),
    heads,
  };
}
