// The strongest peer: onnxruntime-web (npm, pinned in package-lock.json; its WebAssembly
// execution provider, SIMD, one thread) in this Node process. The contestant itself is
// web/js/perf/onnx-attention.js, shared with the Performance page; the ONNX models are written from
// code by web/js/perf/onnx-graphs.js.
import * as ort from 'onnxruntime-web';
import { onnxAttention } from '../web/js/perf/onnx-attention.js';

export async function loadOnnx() {
  return onnxAttention(ort);
}
