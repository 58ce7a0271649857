// The peer: TensorFlow.js with its WebAssembly backend, one thread, SIMD on, in this Node
// process. Attention as a learner would write it with tf ops:
//   matMul(Q, K, false, true) → mul(scale) → softmax → matMul(·, V)
// and multi-head self-attention likewise:
//   Q, K, V = matMul(X, W) → reshape n×heads×width → transpose heads×n×width
//   → matMul(Q, K, false, true) → mul(1/√d_k) → softmax → matMul(·, V) (heads×n×d_v)
//   → transpose n×heads×d_v → reshape n×d_vm → matMul(·, W_O)
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export async function loadTfjs() {
  const tf = await import('@tensorflow/tfjs-core');
  const wasmBackend = await import('@tensorflow/tfjs-backend-wasm');
  const dist = dirname(createRequire(import.meta.url).resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm'));
  wasmBackend.setWasmPaths({
    'tfjs-backend-wasm.wasm': join(dist, 'tfjs-backend-wasm.wasm'),
    'tfjs-backend-wasm-simd.wasm': join(dist, 'tfjs-backend-wasm-simd.wasm'),
    'tfjs-backend-wasm-threaded-simd.wasm': join(dist, 'tfjs-backend-wasm-threaded-simd.wasm'),
  });
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false); // one thread
  tf.env().set('WASM_HAS_SIMD_SUPPORT', true);
  if (!(await tf.setBackend('wasm'))) throw new Error('tfjs: the wasm backend did not initialise');
  await tf.ready();
  const info = {
    version: tf.version_core,
    backend: tf.getBackend(),
    simd: tf.env().getBool('WASM_HAS_SIMD_SUPPORT'),
    threads: tf.env().getBool('WASM_HAS_MULTITHREAD_SUPPORT') ? 'several' : 1,
  };
  // Inputs copied in, attention, output copied out: as attentionOutput does.
  const attention = ({ q, k, v }) => {
    const out = tf.tidy(() => {
      const qt = tf.tensor2d(q.data, [q.rows, q.cols]);
      const kt = tf.tensor2d(k.data, [k.rows, k.cols]);
      const vt = tf.tensor2d(v.data, [v.rows, v.cols]);
      const scores = tf.mul(tf.matMul(qt, kt, false, true), tf.scalar(1 / Math.sqrt(q.cols)));
      return tf.matMul(tf.softmax(scores), vt);
    });
    const data = out.dataSync();
    out.dispose();
    return { rows: q.rows, cols: v.cols, data };
  };
  // Inputs copied in (X and the four weights), self-attention, output copied out: as
  // selfAttentionOutput does.
  const selfAttention = ({ x, wq, wk, wv, wo, heads }) => {
    const n = x.rows, dk = wq.cols / heads, dv = wv.cols / heads;
    const out = tf.tidy(() => {
      const matrix = (m) => tf.tensor2d(m.data, [m.rows, m.cols]);
      const xt = matrix(x);
      const splitHeads = (t, width) => tf.transpose(tf.reshape(t, [n, heads, width]), [1, 0, 2]);
      const q = splitHeads(tf.matMul(xt, matrix(wq)), dk);
      const k = splitHeads(tf.matMul(xt, matrix(wk)), dk);
      const v = splitHeads(tf.matMul(xt, matrix(wv)), dv);
      const scores = tf.mul(tf.matMul(q, k, false, true), tf.scalar(1 / Math.sqrt(dk)));
      const perHead = tf.matMul(tf.softmax(scores), v); // heads×n×d_v
      const concat = tf.reshape(tf.transpose(perHead, [1, 0, 2]), [n, heads * dv]);
      return tf.matMul(concat, matrix(wo));
    });
    const data = out.dataSync();
    const cols = out.shape[1];
    out.dispose();
    return { rows: n, cols, data };
  };
  return { tf, info, attention, selfAttention };
}
