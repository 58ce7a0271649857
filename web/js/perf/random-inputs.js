// random-inputs.js — seeded test and benchmark inputs, the same in the browser, in Node and in
// bench/attention_bench.cpp: mulberry32, and row-major Float32Array matrices uniform in [−1, 1).

/** mulberry32: a small deterministic generator of numbers in [0, 1). */
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

/** { rows, cols, data: Float32Array } with entries uniform in [−1, 1), from `seed`. */
export function inputMatrix(rows, cols, seed) {
  const random = makeRandom(seed);
  const data = new Float32Array(rows * cols);
  for (let i = 0; i < data.length; i++) data[i] = random() * 2 - 1;
  return { rows, cols, data };
}
