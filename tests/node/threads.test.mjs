// loadAttention({ threads }): the threaded builds (pthreads, shared memory) give the bits of one
// thread; info().threads says how many run; threads are clamped to the cores, checked, and fall
// back to one where shared memory is missing. The relaxed-SIMD build runs in a child Node with
// --experimental-wasm-relaxed-simd.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { AttentionError, loadAttention } from '../../web/js/core/attention.js';
import { inputMatrix } from '../../web/js/perf/random-inputs.js';

const attentionUrl = new URL('../../web/js/core/attention.js', import.meta.url).href;
const inputsUrl = new URL('../../web/js/perf/random-inputs.js', import.meta.url).href;
const cores = availableParallelism();
const threads = Math.min(2, cores);

// Runs `body` (an async module body ending in `return value`) in a child Node with `flags`.
function inChild(flags, body) {
  const source = `const run = async () => { ${body} }; process.stdout.write(JSON.stringify(await run()));`;
  return JSON.parse(execFileSync(process.execPath, [...flags, '--input-type=module', '-e', source], { encoding: 'utf8' }));
}

// Shapes [n, m, d_k, d_v, mask]: odd n, n not a multiple of the query block (32, or 512 past the
// cache budget), fewer query blocks than threads, causal and not; most are large enough for the
// core to split them (n·m·(d_k + d_v) ≥ 128³).
const SHAPES = [
  [1, 4000, 64, 64, 'none'], [3, 2000, 48, 40, 'none'], [33, 1500, 64, 64, 'none'], [257, 257, 64, 64, 'causal'],
  [300, 511, 40, 24, 'none'], [701, 701, 64, 64, 'causal'], [1024, 1024, 64, 64, 'none'], [1100, 1300, 64, 64, 'none'],
  [1025, 1025, 96, 32, 'causal'], [64, 64, 16, 16, 'none'],
];

// Every shape's attentionOutput and a self-attention output, as one list of Float32Arrays.
// (The same function body runs in the child process, as text.)
const computeAll = `(core, inputMatrix, shapes) => {
  const outputs = [];
  shapes.forEach(([n, m, dk, dv, mask], i) => {
    const q = inputMatrix(n, dk, 10 * i + 1), k = inputMatrix(m, dk, 10 * i + 2), v = inputMatrix(m, dv, 10 * i + 3);
    outputs.push(core.attentionOutput({ q, k, v, mask }).data);
  });
  const x = inputMatrix(600, 64, 7), w = () => inputMatrix(64, 64, 8);
  outputs.push(core.selfAttentionOutput({ x, wq: w(), wk: w(), wv: w(), wo: w(), heads: 2, mask: 'causal' }).data);
  return outputs;
}`;
const outputsOf = eval(computeAll);  // eslint-disable-line no-eval -- the one source of computeAll
const sameBits = (a, b) => a.length === b.length && Buffer.from(a.buffer, a.byteOffset, a.byteLength)
  .equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength));

describe('threads: simd128 (Node 20 by default)', () => {
  it(`${threads} threads give the bits of one thread, every shape, causal and not, and self-attention`, async () => {
    const one = await loadAttention({ build: 'simd128' });
    const many = await loadAttention({ build: 'simd128', threads });
    assert.equal(one.info().threads, 1);
    assert.equal(many.info().threads, threads);
    assert.equal(many.info().build, 'simd128');
    assert.equal(many.info().threadsUnavailable, undefined);
    const a = outputsOf(one, inputMatrix, SHAPES), b = outputsOf(many, inputMatrix, SHAPES);
    a.forEach((out, i) => assert.ok(sameBits(out, b[i]), `case ${i} (${SHAPES[i] ?? 'self-attention'}) differs`));
  });

  it('threads beyond the cores are clamped to them; "auto" is every core; the default is one', async () => {
    assert.equal((await loadAttention({ build: 'simd128', threads: 64 })).info().threads, cores);
    assert.equal((await loadAttention({ build: 'simd128', threads: 'auto' })).info().threads, cores);
    assert.equal((await loadAttention({ build: 'simd128' })).info().threads, 1);
    assert.equal((await loadAttention({ build: 'simd128', threads: 1 })).info().threads, 1);
  });

  it('refuses threads that are not a whole number ≥ 1 or "auto" (bad_option, option threads)', async () => {
    for (const bad of [0, -2, 1.5, NaN, Infinity, '2', 'all', null, true, [2]]) {
      await assert.rejects(loadAttention({ threads: bad }), (err) => {
        assert.ok(err instanceof AttentionError, String(err));
        assert.equal(err.code, 'bad_option');
        assert.equal(err.option, 'threads');
        assert.match(err.message, /^threads is .*; it must be a whole number of at least 1, or 'auto'$/);
        return true;
      }, `threads: ${String(bad)}`);
    }
  });

  it('the scalar build has no threaded flavour: one thread, and info() says why', async () => {
    const core = await loadAttention({ simd: false, threads: 2 });
    assert.equal(core.info().build, 'scalar');
    assert.equal(core.info().threads, 1);
    assert.equal(core.info().threadsUnavailable, cores > 1 ? 'the scalar build has no threaded flavour' : undefined);
  });

  it('200 threaded calls, some failing, leave the heap as it was', async () => {
    const core = await loadAttention({ build: 'simd128', threads });
    const q = inputMatrix(300, 64, 1), k = inputMatrix(300, 64, 2), v = inputMatrix(300, 64, 3);
    const huge = inputMatrix(300, 64, 4);
    huge.data[5 * 64] = 1e30;   // Q row 5 · K overflows float32: an error from a worker's rows too
    huge.data[250 * 64] = 1e30;
    const run = (i) => (i % 4 === 3
      ? assert.throws(() => core.attentionOutput({ q: huge, k: huge, v }), /scores\[5\]\[/)
      : core.attentionOutput({ q, k, v, mask: i % 2 ? 'causal' : 'none' }));
    for (let i = 0; i < 8; i++) run(i);
    const before = core.memory();
    for (let i = 0; i < 200; i++) run(i);
    const after = core.memory();
    assert.equal(after.heapBytes, before.heapBytes, 'wasm memory changed');
    assert.equal(after.allocatedBytes, before.allocatedBytes, 'the C++ allocator holds more than before');
  });

  it('without SharedArrayBuffer, threads: 2 loads the single-thread build and says why', () => {
    const result = inChild([], `
      delete globalThis.SharedArrayBuffer;
      const { loadAttention } = await import(${JSON.stringify(attentionUrl)});
      const { inputMatrix } = await import(${JSON.stringify(inputsUrl)});
      const core = await loadAttention({ threads: 2 });
      const out = core.attentionOutput({ q: inputMatrix(40, 8, 1), k: inputMatrix(40, 8, 2), v: inputMatrix(40, 8, 3) });
      return { ...core.info(), length: out.data.length };`);
    assert.equal(result.build, 'simd128');
    assert.equal(result.threads, 1);
    assert.equal(result.threadsUnavailable, 'SharedArrayBuffer is not available');
    assert.equal(result.length, 320);
  });
});

describe('threads: relaxed-simd (--experimental-wasm-relaxed-simd)', () => {
  it(`${threads} threads give the bits of one thread, every shape and self-attention`, () => {
    const result = inChild(['--experimental-wasm-relaxed-simd'], `
      const { loadAttention } = await import(${JSON.stringify(attentionUrl)});
      const { inputMatrix } = await import(${JSON.stringify(inputsUrl)});
      const outputsOf = ${computeAll};
      const shapes = ${JSON.stringify(SHAPES)};
      const one = await loadAttention({ build: 'relaxed-simd' }), many = await loadAttention({ build: 'relaxed-simd', threads: ${threads} });
      const a = outputsOf(one, inputMatrix, shapes), b = outputsOf(many, inputMatrix, shapes);
      const same = a.map((out, i) => Buffer.from(out.buffer).equals(Buffer.from(b[i].buffer)));
      return { info: many.info(), same };`);
    assert.equal(result.info.build, 'relaxed-simd');
    assert.equal(result.info.threads, threads);
    assert.deepEqual(result.same, result.same.map(() => true));
  });
});
