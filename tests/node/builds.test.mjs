// The three WebAssembly builds and how loadAttention picks one: feature detection, forced
// builds, fallbacks (no relaxed SIMD → SIMD128, no SIMD → scalar), and the relaxed-SIMD build's
// results against the exact SIMD128 build. Node 20 runs relaxed SIMD only with
// --experimental-wasm-relaxed-simd, so those checks run in a child process with that flag.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { chooseBuild, loadAttention, relaxedSimdSupported, simdSupported } from '../../web/js/core/attention.js';
import { count, disassemble, namedWasm } from './wasm-objdump.mjs';
import { repoRoot } from './helpers.mjs';

const attentionUrl = new URL('../../web/js/core/attention.js', import.meta.url).href;
const randomUrl = new URL('../../web/js/perf/random-inputs.js', import.meta.url).href;

// Runs `body` (an async module body that ends with `return value`) in a child Node with
// `flags`; returns the value (JSON).
function inChild(flags, body) {
  const source = `const run = async () => { ${body} }; process.stdout.write(JSON.stringify(await run()));`;
  const out = execFileSync(process.execPath, [...flags, '--input-type=module', '-e', source], { encoding: 'utf8', maxBuffer: 64 << 20 });
  return JSON.parse(out);
}

describe('build selection (chooseBuild)', () => {
  const all = { relaxedSimd: true, simd: true };
  const simdOnly = { relaxedSimd: false, simd: true };
  const none = { relaxedSimd: false, simd: false };

  it('picks the fastest supported build by default', () => {
    assert.equal(chooseBuild({}, all), 'relaxed-simd');
    assert.equal(chooseBuild({}, simdOnly), 'simd128');
    assert.equal(chooseBuild({}, none), 'scalar');
    // an engine that validated the relaxed probe but not SIMD128 cannot run the relaxed build
    assert.equal(chooseBuild({}, { relaxedSimd: true, simd: false }), 'scalar');
  });

  it('picks each build when forced, where the engine supports it', () => {
    for (const build of ['relaxed-simd', 'simd128', 'scalar']) assert.equal(chooseBuild({ build }, all), build);
    assert.equal(chooseBuild({ simd: true }, all), 'simd128');
    assert.equal(chooseBuild({ simd: false }, all), 'scalar');
  });

  it('refuses a forced build the engine cannot run, an unknown build, and both options at once', () => {
    assert.throws(() => chooseBuild({ build: 'relaxed-simd' }, simdOnly), /does not support relaxed SIMD; load \{ build: 'simd128' \}/);
    assert.throws(() => chooseBuild({ build: 'simd128' }, none), /does not support SIMD128/);
    assert.throws(() => chooseBuild({ simd: true }, none), /does not support SIMD128/);
    assert.throws(() => chooseBuild({ build: 'avx' }, all), /unknown build "avx"; the builds are relaxed-simd, simd128, scalar/);
    assert.throws(() => chooseBuild({ build: 'scalar', simd: false }, all), /\{ build \} or \{ simd \}, not both/);
  });
});

describe('loadAttention in this engine', () => {
  it('Node 20 without the flag: SIMD128, no relaxed SIMD; the default is simd128', async () => {
    assert.equal(simdSupported(), true);
    assert.equal(relaxedSimdSupported(), false);
    assert.equal((await loadAttention()).info().build, 'simd128');
    await assert.rejects(loadAttention({ build: 'relaxed-simd' }), /does not support relaxed SIMD/);
  });

  it('no SIMD at all (every probe refused): the default falls back to the scalar build, which computes', () => {
    const result = inChild([], `
      WebAssembly.validate = () => false;
      const { loadAttention } = await import(${JSON.stringify(attentionUrl)});
      const core = await loadAttention();
      const out = core.attentionOutput({ q: { rows: 1, cols: 2, data: new Float32Array([1, 0]) },
        k: { rows: 2, cols: 2, data: new Float32Array([1, 0, 0, 1]) }, v: { rows: 2, cols: 1, data: new Float32Array([2, 4]) } });
      return { build: core.info().build, out: Array.from(out.data) };`);
    assert.equal(result.build, 'scalar');
    // weights softmax([1, 0]/√2) on V = [2, 4]
    const w = 1 / (1 + Math.exp(-1 / Math.SQRT2));
    assert.ok(Math.abs(result.out[0] - (2 * w + 4 * (1 - w))) < 1e-6, `${result.out[0]}`);
  });
});

describe('threaded builds (web/wasm/attention-{relaxed,simd}-threads.*, Node glue in web/wasm/node/)', () => {
  it('import one fixed, shared memory (256 MiB), wait on it with atomics, and are the same module for Node', () => {
    for (const flavour of ['relaxed-threads', 'simd-threads']) {
      const file = `${repoRoot}web/wasm/attention-${flavour}.wasm`;
      const imports = execFileSync('wasm-objdump', ['-x', '-j', 'Import', file], { encoding: 'utf8' });
      assert.match(imports, /memory\[0\] pages: initial=4096 max=4096 shared/, `${flavour}: no fixed shared memory import`);
      const ops = disassemble(file).flatMap((f) => f.ops);
      assert.ok(ops.includes('memory.atomic.wait32') && ops.includes('memory.atomic.notify'), `${flavour}: no atomic wait/notify`);
      const nodeFile = `${repoRoot}web/wasm/node/attention-${flavour}.wasm`;
      assert.ok(readFileSync(nodeFile).equals(readFileSync(file)), `${flavour}: the Node module differs from the web module`);
    }
    // the single-thread builds keep growable, unshared memory
    for (const flavour of ['relaxed', 'simd', 'scalar']) {
      const imports = execFileSync('wasm-objdump', ['-x', '-j', 'Import', `${repoRoot}web/wasm/attention-${flavour}.wasm`], { encoding: 'utf8' });
      assert.doesNotMatch(imports, /shared/, `${flavour} imports a shared memory`);
    }
  });
});

describe('relaxed-SIMD build (--experimental-wasm-relaxed-simd)', () => {
  const flags = ['--experimental-wasm-relaxed-simd'];

  it('its matrix-product loop runs f32x4.relaxed_madd; the SIMD128 and scalar builds hold none', () => {
    const loopsOf = (file) => disassemble(namedWasm(file)).filter((f) => f.name.includes('gemm')).flatMap((f) => f.loops);
    for (const file of ['attention-relaxed.wasm', 'attention-relaxed-threads.wasm']) {
      assert.ok(loopsOf(file).some((ops) => count(ops, 'f32x4.relaxed_madd') >= 8 && count(ops, 'v128.load32_splat') >= 4),
        `${file}: no gemm loop with 8 relaxed multiply-adds and 4 broadcasts`);
    }
    for (const file of ['attention-simd.wasm', 'attention-simd-threads.wasm', 'attention-scalar.wasm']) {
      const found = disassemble(`${repoRoot}web/wasm/${file}`).some((f) => f.ops.some((op) => op.startsWith('f32x4.relaxed')));
      assert.equal(found, false, `${file} holds a relaxed-SIMD instruction`);
    }
  });

  it('is the default where the engine has relaxed SIMD; its outputs match the SIMD128 build within 1e-5 relative, its traces exactly', () => {
    // Normwise relative difference: max |relaxed − simd128| / max |simd128| over each output.
    const result = inChild(flags, `
      const { loadAttention } = await import(${JSON.stringify(attentionUrl)});
      const { inputMatrix } = await import(${JSON.stringify(randomUrl)});
      const relaxed = await loadAttention();
      const exact = await loadAttention({ build: 'simd128' });
      const worst = (a, b) => {
        let diff = 0, size = 0;
        for (let i = 0; i < b.length; i++) { diff = Math.max(diff, Math.abs(a[i] - b[i])); size = Math.max(size, Math.abs(b[i])); }
        return diff / size;
      };
      const cases = [];
      // sizes with every tile kind: full 4×8 tiles, 1-vector tiles, scalar columns, 1–3 leftover rows
      for (const [n, d] of [[1, 3], [7, 13], [33, 64], [130, 20], [300, 64], [517, 128]]) {
        for (const mask of ['none', 'causal']) {
          const input = { q: inputMatrix(n, d, 1 + n), k: inputMatrix(n, d, 2 + n), v: inputMatrix(n, d, 3 + n), mask };
          cases.push({ n, d, mask, relative: worst(relaxed.attentionOutput(input).data, exact.attentionOutput(input).data) });
        }
      }
      for (const [n, d, heads] of [[50, 16, 2], [200, 64, 8]]) {
        const w = (seed) => inputMatrix(d, d, seed);
        const input = { x: inputMatrix(n, d, 5 + n), wq: w(6), wk: w(7), wv: w(8), wo: w(9), heads };
        cases.push({ n, d, heads, relative: worst(relaxed.selfAttentionOutput(input).data, exact.selfAttentionOutput(input).data) });
      }
      // the traces (every step the page shows) stay exact: no fused multiply-add there
      const rows = (m) => Array.from({ length: m.rows }, (_, i) => Array.from(m.data.subarray(i * m.cols, (i + 1) * m.cols)));
      const small = { q: rows(inputMatrix(12, 8, 21)), k: rows(inputMatrix(12, 8, 22)), v: rows(inputMatrix(12, 8, 23)) };
      const sameTrace = JSON.stringify(relaxed.attention(small)) === JSON.stringify(exact.attention(small)) &&
        JSON.stringify(relaxed.multiHead({ ...small, heads: 2 })) === JSON.stringify(exact.multiHead({ ...small, heads: 2 }));
      return { build: relaxed.info().build, exactBuild: exact.info().build, cases, sameTrace };`);
    assert.equal(result.build, 'relaxed-simd');
    assert.equal(result.exactBuild, 'simd128');
    for (const c of result.cases) assert.ok(c.relative <= 1e-5, `${JSON.stringify(c)}: relative difference over 1e-5`);
    assert.equal(result.sameTrace, true, 'the relaxed build\'s traces differ from the SIMD128 build\'s');
  });
});
