// The SIMD128 build really runs f32x4 instructions in its hot loops, and the scalar build
// holds no SIMD instruction at all (read with wasm-objdump from Debian's wabt).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { count, disassemble, isSimdOp, namedWasm } from './wasm-objdump.mjs';

const simd = disassemble(namedWasm('attention-simd.wasm'));
const scalar = disassemble(namedWasm('attention-scalar.wasm'));

// Loops of the core's own functions (attn::…), wherever Binaryen inlined the kernels.
const coreLoops = (functions) => functions.filter((f) => f.name.startsWith('attn::')).flatMap((f) => f.loops);

// What each kernel's vector loop must hold.
const kernels = {
  // gemm_acc's register tile (every matrix product): per step p, 4 broadcasts of A[i][p]
  // (v128.load32_splat), 2 loads of B's row p, 8 f32x4 multiply-adds into accumulators that
  // stay in locals (nothing stored inside the loop)
  'register-blocked matrix product (gemm tile)': (ops) =>
    count(ops, 'v128.load32_splat') >= 4 && count(ops, 'v128.load') >= 2 && count(ops, 'f32x4.mul') >= 8 &&
    count(ops, 'f32x4.add') >= 8 && count(ops, 'v128.store') === 0,
  // exp in softmax (exp_f32x4): lane-wise rounding, float->int conversion and exponent shift,
  // a polynomial, with no inner per-lane loop and no call
  'softmax exp': (ops) =>
    count(ops, 'f32x4.nearest') >= 1 && count(ops, 'i32x4.trunc_sat_f32x4_s') >= 1 && count(ops, 'i32x4.shl') >= 1 &&
    count(ops, 'f32x4.mul') >= 8 && count(ops, 'f32x4.add') >= 7 && count(ops, 'loop') === 0 && count(ops, 'call') === 0,
};

describe('WebAssembly instructions', () => {
  const loops = coreLoops(simd);

  it('the disassembly lists the core functions and their loops', () => {
    assert.ok(simd.some((f) => /^attn::(detail::)?attention_trace\(/.test(f.name)), 'function names are kept (--profiling-funcs, in build/wasm-names/)');
    assert.ok(loops.length > 10, `only ${loops.length} loops found`);
  });

  for (const [kernel, matches] of Object.entries(kernels)) {
    it(`SIMD128 build: the ${kernel} loop runs f32x4 instructions`, () => {
      assert.ok(loops.some(matches), `no loop of an attn:: function looks like the ${kernel} kernel`);
    });
  }

  it('SIMD128 build: the streaming path (attentionOutput) runs both kernels', () => {
    // Both bindings (attn_run_output, run_self_attention_output) reach the streaming path's
    // one body, attn::detail::attention_output_blocks, which is not inlined into them: its loops
    // hold the exp kernel (every name here contains "attention_output")
    const streaming = simd.filter((f) => f.name.includes('attention_output')).flatMap((f) => f.loops);
    assert.ok(streaming.length > 0, 'no attention_output function found');
    assert.ok(streaming.some(kernels['softmax exp']), 'no exp loop in attention_output');
    const gemm = simd.filter((f) => f.name.startsWith('attn::kernels::gemm_acc')).flatMap((f) => f.loops);
    assert.ok(gemm.some(kernels['register-blocked matrix product (gemm tile)']), 'no gemm tile loop in gemm_acc');
  });

  it('scalar build: no SIMD instruction anywhere, and the same kernels as plain f32 loops', () => {
    const found = scalar.flatMap((f) => f.ops.filter(isSimdOp).map((op) => `${op} in ${f.name}`));
    assert.deepEqual(found, []);
    const scalarLoops = coreLoops(scalar);
    assert.ok(scalarLoops.some((ops) => ops.includes('f32.mul') && ops.includes('f32.add')), 'scalar multiply-add loops');
  });
});
