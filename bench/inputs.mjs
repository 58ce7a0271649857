// The benchmark's inputs, the same numbers as bench/attention_bench.cpp makes: Q, K, V of n×d
// uniform in [−1, 1) from mulberry32 with seeds (1, 2, 3) + 10·n + d, as Float32Array matrices.

export function makeRandom(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function inputMatrix(rows, cols, seed) {
  const random = makeRandom(seed);
  const data = new Float32Array(rows * cols);
  for (let i = 0; i < data.length; i++) data[i] = random() * 2 - 1;
  return { rows, cols, data };
}

export function attentionInputs(n, d) {
  const seed = 10 * n + d;
  return { q: inputMatrix(n, d, seed + 1), k: inputMatrix(n, d, seed + 2), v: inputMatrix(n, d, seed + 3) };
}
