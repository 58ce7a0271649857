// The plain-JavaScript contestants. Attention alone is the one the Performance page runs:
// web/js/perf/plain-attention.js.
export { plainAttention } from '../web/js/perf/plain-attention.js';

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

// Multi-head self-attention as a learner would write it in plain JavaScript, on { rows, cols,
// data: Float32Array } matrices:
//   Q, K, V = X·W_Q, X·W_K, X·W_V (n×d_model, n×d_model, n×d_vm)
//   head h reads columns [h·d_k, (h+1)·d_k) of Q and K and [h·d_v, (h+1)·d_v) of V in place:
//     concat[i][h·d_v + c] = Σ_j softmax_j(Q_h[i]·K_h[j] / √d_k) · V_h[j][c]
//   output = concat · W_O (n×d_out)
export function plainSelfAttention({ x, wq, wk, wv, wo, heads }) {
  const q = matMul(x, wq), k = matMul(x, wk), v = matMul(x, wv);
  const n = x.rows, dModel = q.cols, dVm = v.cols, dk = dModel / heads, dv = dVm / heads;
  const scale = 1 / Math.sqrt(dk);
  const concat = new Float32Array(n * dVm);
  const weights = new Float32Array(n);
  for (let h = 0; h < heads; h++) {
    const qOffset = h * dk, vOffset = h * dv;
    for (let i = 0; i < n; i++) {
      let max = -Infinity;
      for (let j = 0; j < n; j++) {
        let s = 0;
        for (let p = 0; p < dk; p++) s += q.data[i * dModel + qOffset + p] * k.data[j * dModel + qOffset + p];
        weights[j] = s * scale;
        if (weights[j] > max) max = weights[j];
      }
      let sum = 0;
      for (let j = 0; j < n; j++) {
        weights[j] = Math.exp(weights[j] - max);
        sum += weights[j];
      }
      for (let j = 0; j < n; j++) {
        const w = weights[j] / sum;
        for (let c = 0; c < dv; c++) concat[i * dVm + vOffset + c] += w * v.data[j * dVm + vOffset + c];
      }
    }
  }
  return matMul({ rows: n, cols: dVm, data: concat }, wo);
}
