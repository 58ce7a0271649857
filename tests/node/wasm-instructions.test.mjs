// The SIMD128 build really runs f32x4 instructions in its hot loops, and the scalar build
// holds no SIMD instruction at all (read with wasm-objdump from Debian's wabt).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { count, disassemble, isSimdOp } from './wasm-objdump.mjs';
import { repoRoot } from './helpers.mjs';

const simd = disassemble(`${repoRoot}web/wasm/attention-simd.wasm`);
const scalar = disassemble(`${repoRoot}web/wasm/attention-scalar.wasm`);

// Loops of the core's own functions (attn::…), wherever Binaryen inlined the kernels.
const coreLoops = (functions) => functions.filter((f) => f.name.startsWith('attn::')).flatMap((f) => f.loops);

// What each kernel's vector loop must hold.
const kernels = {
  // axpy (rows of X·W and weights·V): y[i..i+3] += a·x[i..i+3]
  'matrix product rows (axpy)': (ops) =>
    count(ops, 'v128.load') >= 2 && count(ops, 'f32x4.mul') >= 1 && count(ops, 'f32x4.add') >= 1 && count(ops, 'v128.store') >= 1,
  // dot (Q·Kᵀ): two f32x4 accumulators, nothing stored
  'dot products (Q·Kᵀ)': (ops) =>
    count(ops, 'v128.load') >= 4 && count(ops, 'f32x4.mul') >= 2 && count(ops, 'f32x4.add') >= 2 && count(ops, 'v128.store') === 0,
  // exp in softmax: range reduction rounds lane-wise (f32x4.nearest), then a polynomial.
  // (Emscripten emulates SSE's float->int conversion with a small per-lane loop inside it.)
  'softmax exp': (ops) => count(ops, 'f32x4.nearest') >= 1 && count(ops, 'f32x4.mul') >= 4 && count(ops, 'f32x4.add') >= 3,
};

describe('WebAssembly instructions', () => {
  const loops = coreLoops(simd);

  it('the disassembly lists the core functions and their loops', () => {
    assert.ok(simd.some((f) => /^attn::(detail::)?attention_trace\(/.test(f.name)), 'function names are kept (--profiling-funcs)');
    assert.ok(loops.length > 10, `only ${loops.length} loops found`);
  });

  for (const [kernel, matches] of Object.entries(kernels)) {
    it(`SIMD128 build: the ${kernel} loop runs f32x4 instructions`, () => {
      assert.ok(loops.some(matches), `no loop of an attn:: function looks like the ${kernel} kernel`);
    });
  }

  it('scalar build: no SIMD instruction anywhere, and the same kernels as plain f32 loops', () => {
    const found = scalar.flatMap((f) => f.ops.filter(isSimdOp).map((op) => `${op} in ${f.name}`));
    assert.deepEqual(found, []);
    const scalarLoops = coreLoops(scalar);
    assert.ok(scalarLoops.some((ops) => ops.includes('f32.mul') && ops.includes('f32.add')), 'scalar multiply-add loops');
  });
});
