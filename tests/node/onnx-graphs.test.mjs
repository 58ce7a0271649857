// The ONNX models written from code (web/js/perf/onnx-graphs.js) load in onnxruntime-web and agree
// with the core: the check the benchmark makes before it times the onnx contestants.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as ort from 'onnxruntime-web';
import { onnxAttention } from '../../web/js/perf/onnx-attention.js';
import { inputMatrix } from '../../web/js/perf/random-inputs.js';
import { maxDiff } from '../../web/js/perf/timing.js';
import { builds } from './helpers.mjs';

describe('ONNX attention models in onnxruntime-web', () => {
  const onnx = onnxAttention(ort);

  it('run one thread on the wasm execution provider', () => {
    assert.equal(onnx.info.threads, 1);
    assert.equal(onnx.info.executionProvider, 'wasm');
  });

  // n queries, m keys, widths d_k and d_v (MultiHeadAttention needs d_v = d_k with one head)
  for (const [n, m, dk, dv] of [[1, 1, 1, 1], [5, 9, 3, 7], [40, 40, 16, 16], [130, 70, 64, 64]]) {
    it(`agree with attentionOutput at n = ${n}, m = ${m}, d_k = ${dk}, d_v = ${dv}`, async () => {
      const input = { q: inputMatrix(n, dk, 1 + n), k: inputMatrix(m, dk, 2 + m), v: inputMatrix(m, dv, 3 + dv) };
      const expected = builds.simd128.attentionOutput(input).data;
      await onnx.prepare({ ...input, mha: dk === dv });
      const plain = await onnx.plain(input);
      assert.deepEqual([plain.rows, plain.cols, plain.data.length], [n, dv, n * dv]);
      assert.ok(maxDiff(plain.data, expected) <= 1e-6, `plain graph: max |difference| ${maxDiff(plain.data, expected)}`);
      if (dk === dv) {
        const fused = await onnx.multiHead(input);
        assert.ok(maxDiff(fused.data, expected) <= 1e-6, `MultiHeadAttention: max |difference| ${maxDiff(fused.data, expected)}`);
      }
    });
  }
});
