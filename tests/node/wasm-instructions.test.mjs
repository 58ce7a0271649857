// The SIMD128 build really runs f32x4 instructions in its hot loops, and the scalar build
// holds no SIMD instruction at all (read with wasm-objdump from Debian's wabt).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { disassemble, isSimdOp } from './wasm-objdump.mjs';
import { repoRoot } from './helpers.mjs';

const simd = disassemble(`${repoRoot}web/wasm/attention-simd.wasm`);
const scalar = disassemble(`${repoRoot}web/wasm/attention-scalar.wasm`);

// The first function whose name matches one of the patterns (the compiler may inline a kernel
// into its caller, so each hot loop has a list of the places it can live).
function findFunction(functions, patterns) {
  for (const pattern of patterns) {
    const found = functions.find((f) => pattern.test(f.name));
    if (found) return found;
  }
  assert.fail(`no function matching ${patterns.join(' or ')} (was the build made with --profiling-funcs?)`);
}

const loopOps = (fn) => new Set(fn.instructions.filter((i) => i.inLoop).map((i) => i.op));

describe('WebAssembly instructions', () => {
  const hotLoops = {
    'matrix product rows (X·W, weights·V)': [/^attn::kernels::matmul\(/, /^attn::project\(/, /^attn::weighted_sum\(/],
    'dot products (Q·Kᵀ)': [/^attn::kernels::matmul_bt\(/, /^attn::attention_scores\(/, /^attn::attention_trace\(/],
    'softmax (exp, sum, divide)': [/^attn::kernels::softmax_row\(/, /^attn::row_softmax\(/],
  };
  for (const [loop, patterns] of Object.entries(hotLoops)) {
    it(`SIMD128 build: ${loop} run f32x4 multiply and add inside a loop`, () => {
      const fn = findFunction(simd, patterns);
      const ops = loopOps(fn);
      assert.ok(ops.has('f32x4.mul'), `${fn.name.slice(0, 40)}… has no f32x4.mul in a loop`);
      assert.ok(ops.has('f32x4.add'), `${fn.name.slice(0, 40)}… has no f32x4.add in a loop`);
      assert.ok(ops.has('v128.load') || [...ops].some((op) => op.startsWith('v128.load')), 'no v128 loads in the loop');
    });
  }

  it('scalar build: no SIMD instruction anywhere', () => {
    const found = scalar.flatMap((f) => f.instructions.filter((i) => isSimdOp(i.op)).map((i) => `${i.op} in ${f.name}`));
    assert.deepEqual(found, []);
    assert.ok(scalar.length > 50, 'the scalar module was read');
  });
});
