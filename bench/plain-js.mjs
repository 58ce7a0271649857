// The plain-JavaScript contestants. Attention alone is the one the Performance page runs:
// web/js/perf/plain-attention.js; self-attention runs it once per head.
import { plainAttention } from '../web/js/perf/plain-attention.js';

export { plainAttention };

// a (n×k) · b (k×m), row-major Float32Array matrices: row i of the result += a[i][p] · row p of b.
function matMul(a, b) {
  const n = a.rows, k = a.cols, m = b.cols;
  const out = new Float32Array(n * m);
  for (let i = 0; i < n; i++) {
    for (let p = 0; p < k; p++) {
      const aip = a.data[i * k + p];
      for (let j = 0; j < m; j++) out[i * m + j] += aip * b.data[p * m + j];
    }
  }
  return { rows: n, cols: m, data: out };
}

// Columns [from, from + count) of a { rows, cols, data } matrix, as a new matrix.
function columns(a, from, count) {
  const out = new Float32Array(a.rows * count);
  for (let i = 0; i < a.rows; i++) out.set(a.data.subarray(i * a.cols + from, i * a.cols + from + count), i * count);
  return { rows: a.rows, cols: count, data: out };
}

// Multi-head self-attention as a learner would write it in plain JavaScript, on { rows, cols,
// data: Float32Array } matrices:
//   Q, K, V = X·W_Q, X·W_K, X·W_V (n×d_model, n×d_model, n×d_vm)
//   head h: columns [h·d_k, (h+1)·d_k) of Q and K, [h·d_v, (h+1)·d_v) of V, through plainAttention:
//     concat[i][h·d_v + c] = Σ_j softmax_j(Q_h[i]·K_h[j] / √d_k) · V_h[j][c]
//   output = concat · W_O (n×d_out)
export function plainSelfAttention({ x, wq, wk, wv, wo, heads }) {
  const q = matMul(x, wq), k = matMul(x, wk), v = matMul(x, wv);
  const n = x.rows, dVm = v.cols, dk = q.cols / heads, dv = dVm / heads;
  const concat = new Float32Array(n * dVm);
  for (let h = 0; h < heads; h++) {
    const head = plainAttention({ q: columns(q, h * dk, dk), k: columns(k, h * dk, dk), v: columns(v, h * dv, dv) });
    for (let i = 0; i < n; i++) concat.set(head.data.subarray(i * dv, (i + 1) * dv), i * dVm + h * dv);
  }
  return matMul({ rows: n, cols: dVm, data: concat }, wo);
}
