// The strongest peer: onnxruntime-web (its WebAssembly execution provider, SIMD, one thread)
// in this Node process, on the two ONNX models of bench/onnx-graphs.mjs:
//   'onnx-plain': Transpose → MatMul → Mul → Softmax → MatMul (opset 17)
//   'onnx-mha':   com.microsoft.MultiHeadAttention (one head of width d)
// Each call copies Q, K, V in and the output out, as attentionOutput does. session.run is
// asynchronous: time it with an awaiting timer.
import * as ort from 'onnxruntime-web';
import { multiHeadAttentionModel, plainAttentionModel } from './onnx-graphs.mjs';

export async function loadOnnx() {
  ort.env.wasm.numThreads = 1;
  ort.env.wasm.proxy = false;
  ort.env.logLevel = 'error';
  const sessions = new Map();
  const options = { executionProviders: ['wasm'], graphOptimizationLevel: 'all' };
  // One session per model and shape, created before anything is timed (prepare).
  const key = (kind, q, k, v) => `${kind} ${q.rows} ${k.rows} ${q.cols} ${v.cols}`;
  async function prepare({ q, k, v }) {
    const scale = 1 / Math.sqrt(q.cols);
    for (const kind of ['plain', 'mha']) {
      const id = key(kind, q, k, v);
      if (sessions.has(id)) continue;
      const bytes = kind === 'plain'
        ? plainAttentionModel(q.rows, k.rows, q.cols, v.cols, scale)
        : multiHeadAttentionModel(q.rows, k.rows, q.cols, v.cols, 1, scale);
      sessions.set(id, await ort.InferenceSession.create(bytes, options));
    }
  }
  const run = (kind, dims) => async ({ q, k, v }) => {
    const session = sessions.get(key(kind, q, k, v));
    const feeds = {
      q: new ort.Tensor('float32', q.data, dims(q)),
      k: new ort.Tensor('float32', k.data, dims(k)),
      v: new ort.Tensor('float32', v.data, dims(v)),
    };
    const { o } = await session.run(feeds);
    const data = o.data;
    o.dispose();
    return { rows: q.rows, cols: v.cols, data };
  };
  const info = { version: ort.env.versions?.web ?? 'unknown', executionProvider: 'wasm', threads: ort.env.wasm.numThreads };
  return {
    info,
    prepare,
    plain: run('plain', (m) => [m.rows, m.cols]),
    multiHead: run('mha', (m) => [1, m.rows, m.cols]),
    release: async () => { for (const s of sessions.values()) await s.release(); sessions.clear(); },
  };
}
