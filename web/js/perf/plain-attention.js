// Attention as a learner would write it in plain JavaScript: loops over Float32Array rows,
// one query at a time (scores row, row max, exponentials, sum, weighted sum of V's rows).
// The "plain JS" contestant of the Performance page and of `npm run bench`.
//
//   output (n×d_v) = softmax_rows(scale · Q·Kᵀ) · V,  scale = 1/√d_k
//   q: n×d_k, k: m×d_k, v: m×d_v, each { rows, cols, data: Float32Array } (row-major)

export function plainAttention({ q, k, v }) {
  const n = q.rows, m = k.rows, d = q.cols, dv = v.cols;
  const scale = 1 / Math.sqrt(d);
  const out = new Float32Array(n * dv);
  const weights = new Float32Array(m);
  for (let i = 0; i < n; i++) {
    let max = -Infinity;
    for (let j = 0; j < m; j++) {
      let s = 0;
      for (let p = 0; p < d; p++) s += q.data[i * d + p] * k.data[j * d + p];
      weights[j] = s * scale;
      if (weights[j] > max) max = weights[j];
    }
    let sum = 0;
    for (let j = 0; j < m; j++) {
      weights[j] = Math.exp(weights[j] - max);
      sum += weights[j];
    }
    for (let j = 0; j < m; j++) {
      const w = weights[j] / sum;
      for (let c = 0; c < dv; c++) out[i * dv + c] += w * v.data[j * dv + c];
    }
  }
  return { rows: n, cols: dv, data: out };
}
