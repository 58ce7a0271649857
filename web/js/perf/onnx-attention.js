// onnx-attention.js — the onnxruntime-web contestant of the benchmark (bench/onnx.mjs, Node)
// and of the Performance page (perf-worker.js): attention on Q, K, V ({ rows, cols, data:
// Float32Array }) through onnxruntime-web's WebAssembly execution provider, one thread, on the
// two models of onnx-graphs.js:
//   plain:     Transpose → MatMul → Mul → Softmax → MatMul
//   multiHead: com.microsoft.MultiHeadAttention (one head of width d)
// Each call copies Q, K, V in and the output out, as attentionOutput does; session.run is
// asynchronous, so a call returns a promise.
import { multiHeadAttentionModel, plainAttentionModel } from './onnx-graphs.js';

/** `ort`: the onnxruntime-web module (its env already pointed at its wasm files). */
export function onnxAttention(ort) {
  ort.env.wasm.numThreads = 1;
  ort.env.wasm.proxy = false;
  ort.env.logLevel = 'error';
  const sessions = new Map();
  const options = { executionProviders: ['wasm'], graphOptimizationLevel: 'all' };
  const key = (kind, q, k, v) => `${kind} ${q.rows} ${k.rows} ${q.cols} ${v.cols}`;
  // One session per model and shape, created before anything is timed. MultiHeadAttention
  // (one head) needs d_v = d_k: with mha false, or other widths, only the plain model is made.
  async function prepare({ q, k, v, mha = true }) {
    const scale = 1 / Math.sqrt(q.cols);
    for (const kind of mha && q.cols === v.cols ? ['plain', 'mha'] : ['plain']) {
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
    if (!session) throw new Error(`onnx: no ${kind} session for this shape; call prepare({ q, k, v }) first`);
    const { o } = await session.run({
      q: new ort.Tensor('float32', q.data, dims(q)),
      k: new ort.Tensor('float32', k.data, dims(k)),
      v: new ort.Tensor('float32', v.data, dims(v)),
    });
    const data = o.data;
    o.dispose();
    return { rows: q.rows, cols: v.cols, data };
  };
  return {
    info: { version: ort.env.versions?.web ?? 'unknown', executionProvider: 'wasm', threads: ort.env.wasm.numThreads },
    prepare,
    plain: run('plain', (m) => [m.rows, m.cols]),
    multiHead: run('mha', (m) => [1, m.rows, m.cols]),
    release: async () => {
      for (const s of sessions.values()) await s.release();
      sessions.clear();
    },
  };
}
