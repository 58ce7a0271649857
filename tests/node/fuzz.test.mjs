// Seeded random malformed inputs through every API entry, on both builds, for about 20 s
// (ATTENTION_FUZZ_SECONDS per build, default 10). Each call must end in a result that matches
// a double-precision reference, or in an AttentionError with a known code; nothing may stay
// allocated; and the instance is checked correct afterwards. Prints the number of inputs tried.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { AttentionError } from '../../web/js/core/attention.js';
import { builds, makeRandom } from './helpers.mjs';

const SECONDS = Number(process.env.ATTENTION_FUZZ_SECONDS ?? 10);
const SEED = Number(process.env.ATTENTION_FUZZ_SEED ?? 20261126);
const CODES = new Set(['missing', 'not_a_matrix', 'empty', 'ragged', 'not_a_number', 'not_finite', 'out_of_range',
  'too_large', 'shape_mismatch', 'heads_not_divisor', 'bad_option', 'overflow', 'busy']);
const F32_MAX = 3.4028234663852886e38;

// ---- the reference: strict reading, then attention in double precision ----------------------
class Invalid extends Error {}
const invalid = (why) => { throw new Invalid(why); };

function readNested(m) {
  if (!Array.isArray(m) && !(ArrayBuffer.isView(m) && !(m instanceof DataView))) invalid('not an array');
  if (m.length === 0) invalid('empty');
  const rows = Array.from(m, (row) => {
    if (!Array.isArray(row) && !(ArrayBuffer.isView(row) && !(row instanceof DataView))) invalid('row');
    if (row.length === 0) invalid('empty row');
    return Array.from({ length: row.length }, (_, j) => {
      const x = row[j];
      if (typeof x !== 'number' || !Number.isFinite(x) || Math.abs(x) > F32_MAX) invalid('cell');
      return Math.fround(x);
    });
  });
  if (rows.some((r) => r.length !== rows[0].length)) invalid('ragged');
  return rows;
}

const typedLength = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(Int8Array.prototype), 'length').get;
function readFlat(m) {
  if (m === null || typeof m !== 'object' || !(m.data instanceof Float32Array)) invalid('flat');
  const { rows, cols, data } = m;
  if (!Number.isSafeInteger(rows) || !Number.isSafeInteger(cols) || rows < 1 || cols < 1 || typedLength.call(data) !== rows * cols) invalid('flat shape');
  if (Float32Array.prototype.some.call(data, (x) => !Number.isFinite(x))) invalid('non-finite');
  return Array.from({ length: rows }, (_, i) => Array.from(Float32Array.prototype.subarray.call(data, i * cols, (i + 1) * cols)));
}

const matmul = (a, b) => a.map((row) => b[0].map((_, j) => row.reduce((s, x, p) => s + x * b[p][j], 0)));
const columns = (m, first, count) => m.map((row) => row.slice(first, first + count));

function referenceOptions({ mask, scale, heads }, withHeads) {
  if (mask !== undefined && mask !== 'none' && mask !== 'causal') invalid('mask');
  if (scale !== undefined && (typeof scale !== 'number' || !Number.isFinite(scale) || Math.abs(scale) > F32_MAX)) invalid('scale');
  if (withHeads && heads !== undefined && !(Number.isInteger(heads) && heads >= 1 && heads <= 256)) invalid('heads');
  return { causal: mask === 'causal', scale, heads: withHeads ? heads ?? 1 : 1 };
}

function referenceAttention(q, k, v, { causal, scale }) {
  if (k[0].length !== q[0].length || v.length !== k.length || (causal && q.length !== k.length)) invalid('shapes');
  const s = scale ?? 1 / Math.sqrt(q[0].length);
  return q.map((qi, i) => {
    const visible = causal ? i + 1 : k.length;
    const scores = k.slice(0, visible).map((kj) => s * qi.reduce((t, x, p) => t + x * kj[p], 0));
    const max = Math.max(...scores);
    const e = scores.map((x) => Math.exp(x - max));
    const sum = e.reduce((a, b) => a + b, 0);
    return v[0].map((_, c) => e.reduce((t, w, j) => t + (w / sum) * v[j][c], 0));
  });
}

function referenceMultiHead(q, k, v, options) {
  const { heads } = options;
  if (k[0].length !== q[0].length) invalid('shapes');
  if (q[0].length % heads || v[0].length % heads) invalid('heads');
  const dk = q[0].length / heads, dv = v[0].length / heads;
  const outs = Array.from({ length: heads }, (_, h) =>
    referenceAttention(columns(q, h * dk, dk), columns(k, h * dk, dk), columns(v, h * dv, dv), options));
  return q.map((_, i) => outs.flatMap((o) => o[i]));
}

function referenceSelf(x, wq, wk, wv, wo, options) {
  if (wq.length !== x[0].length || wk.length !== x[0].length || wv.length !== x[0].length) invalid('w rows');
  if (wk[0].length !== wq[0].length) invalid('wk');
  if (wq[0].length % options.heads || wv[0].length % options.heads) invalid('heads');
  if (wo && wo.length !== wv[0].length) invalid('wo');
  const concat = referenceMultiHead(matmul(x, wq), matmul(x, wk), matmul(x, wv), options);
  return wo ? matmul(concat, wo) : concat;
}

// ---- the generator ---------------------------------------------------------------------------
function makeFuzzer(random) {
  const int = (n) => Math.floor(random() * n);
  const pick = (list) => list[int(list.length)];
  const chance = (p) => random() < p;
  const matrix = (r, c) => Array.from({ length: r }, () => Array.from({ length: c }, () => Math.fround((random() * 2 - 1) * 3)));
  const BAD_CELLS = ['1', '', null, undefined, true, {}, [], NaN, Infinity, -Infinity, 4e38, -1e300, 1n, Symbol('s'), () => 1];
  let opaque = false;  // the input has getters: its result is checked for shape and finiteness only

  function lyingProxy(target, lengths) {
    opaque = true;
    let reads = 0;
    return new Proxy(target, { get: (t, p) => (p === 'length' ? lengths[Math.min(reads++, lengths.length - 1)] : t[p]) });
  }

  // A mutation that does not apply to an earlier mutation's output leaves the matrix as it is.
  function mutateNested(m) {
    // Walking a lying length (2³² − 1) or a sparse row of 2³¹ would take minutes.
    if (opaque || m.some((row) => row?.length > 64)) return m;
    try {
      return mutateNestedOnce(m);
    } catch {
      return m;
    }
  }

  function mutateNestedOnce(m) {
    const r = int(m.length), c = int(m[0].length);
    switch (int(14)) {
      case 0: m[r][c] = pick(BAD_CELLS); return m;
      case 1: delete m[r][c]; return m;
      case 2: m[r].pop(); return m;
      case 3: m[r] = []; return m;
      case 4: m[r] = pick([5, 'abc', null, undefined, {}]); return m;
      case 5: return pick([null, undefined, {}, 'str', 7, new Map()]);
      case 6: return [];
      case 7: m[r] = Float32Array.from(m[r]); return m;
      case 8: m[r] = lyingProxy(m[r], [pick([2 ** 32 + 2, 1.5, -1, NaN, 2 ** 31, m[r].length + 5]), m[r].length]); return m;
      case 9: m[r] = lyingProxy(m[r], [m[r].length, 100000]); return m;
      case 10: return lyingProxy(m, [pick([2 ** 32 - 1, 1e6, 9000, 2.5]), m.length]);
      case 11: m.forEach((row) => row.pop()); return m;
      case 12: m.push(m[0].slice()); return m;
      default: { const row = []; row.length = pick([2 ** 31, 8193, 3]); m[r] = row; return m; }
    }
  }

  function mutateFlat(f) {
    switch (int(10)) {
      case 0: f.rows = pick(['3', -1, 1.5, 2 ** 32 + 3, f.rows + 1, 0, NaN]); return f;
      case 1: f.cols = pick([null, 0, 2 ** 53, f.cols + 1]); return f;
      case 2: f.data = pick([Float64Array.from(f.data), Array.from(f.data), null, new Float32Array(f.data.length + 1)]); return f;
      case 3: f.data[int(f.data.length)] = pick([NaN, Infinity, -Infinity]); return f;
      case 4: { opaque = true; let n = 0; const { rows } = f; return { get rows() { return n++ ? 100000 : rows; }, cols: f.cols, data: f.data }; }
      case 5: { class Lying extends Float32Array { get length() { return f.rows * f.cols; } } f.data = new Lying(100000); return f; }
      case 6: return pick([null, undefined, [[1]], new Float32Array(4), 'x']);
      case 7: f.rows = 2 ** 32 + 3; f.cols = 0; f.data = new Float32Array(0); return f;
      default: return f;
    }
  }

  const toFlat = (m) => ({ rows: m.length, cols: m[0].length, data: Float32Array.from(m.flat()) });

  function options(withHeads, shape) {
    const o = {};
    if (chance(0.3)) o.mask = chance(0.7) ? pick(['causal', 'none']) : pick(['Causal', ['causal'], 1, null, {}]);
    if (chance(0.3)) o.scale = chance(0.6) ? pick([0.5, 0, -1, 2]) : pick([NaN, Infinity, '1', 1e39, null, 1n]);
    if (withHeads && chance(0.5)) o.heads = chance(0.6) ? pick([1, 2, shape]) : pick([0, -1, 2.5, '2', NaN, 1e9, null, 257]);
    return o;
  }

  // One case: { entry, input, reference(input) | null }
  return function next() {
    opaque = false;
    const n = 1 + int(4), m = chance(0.5) ? n : 1 + int(4), d = 2 * (1 + int(2)), dv = 2 * (1 + int(2));
    const entry = pick(['attention', 'multiHead', 'selfAttention', 'rowSums', 'scaleExperiment', 'attentionOutput', 'selfAttentionOutput']);
    const mutations = chance(0.25) ? 0 : 1 + int(2);
    let input;
    if (entry === 'rowSums') {
      let mat = matrix(n, d);
      for (let i = 0; i < mutations; i++) if (Array.isArray(mat) && mat.length && Array.isArray(mat[0]) && mat[0].length) mat = mutateNested(mat);
      input = mat;
    } else if (entry === 'scaleExperiment') {
      input = { dk: pick([1, 8, 64, 0, 5000, '8', 1n, 2.5, null, undefined]), keys: pick([undefined, 2, 16, 1, 2000]), samples: pick([undefined, 1, 8, 0]), seed: pick([undefined, 0, 3, -1]) };
      if (chance(0.1)) input = pick([null, undefined, 'dk', []]);
    } else {
      const flatEntry = entry.endsWith('Output');
      const self = entry.startsWith('self');
      const keys = self ? ['x', 'wq', 'wk', 'wv', ...(chance(0.4) ? ['wo'] : [])] : ['q', 'k', 'v'];
      const shapes = self ? { x: [n, d], wq: [d, d], wk: [d, d], wv: [d, dv], wo: [dv, d] } : { q: [n, d], k: [m, d], v: [m, dv] };
      input = Object.fromEntries(keys.map((key) => [key, matrix(...shapes[key])]));
      Object.assign(input, options(entry !== 'attention' && entry !== 'attentionOutput', d));
      if (flatEntry) for (const key of keys) input[key] = toFlat(input[key]);
      for (let i = 0; i < mutations; i++) {
        const key = pick(keys);
        const value = input[key];
        if (flatEntry && value && Object.getOwnPropertyDescriptor(value, 'rows')?.writable && value.data instanceof Float32Array && value.data.length) input[key] = mutateFlat(value);
        else if (!flatEntry && Array.isArray(value) && value.length && Array.isArray(value[0]) && value[0].length) input[key] = mutateNested(value);
      }
      if (chance(0.03)) input = pick([null, undefined, [], 'q']);
    }
    return { entry, input, opaque };
  };
}

function reference(entry, input) {
  if (input === null || typeof input !== 'object' || (Array.isArray(input) && entry !== 'rowSums')) invalid('options');
  const flatEntry = entry.endsWith('Output');
  const read = (m) => (flatEntry ? readFlat(m) : readNested(m));
  switch (entry) {
    case 'rowSums': return readNested(input).map((row) => [row.reduce((a, b) => a + b, 0)]);
    case 'attention': case 'attentionOutput':
      return referenceAttention(read(input.q), read(input.k), read(input.v), referenceOptions(input, false));
    case 'multiHead':
      return referenceMultiHead(read(input.q), read(input.k), read(input.v), referenceOptions(input, true));
    case 'selfAttention': case 'selfAttentionOutput': {
      const wo = input.wo === undefined || input.wo === null ? null : read(input.wo);
      const opts = referenceOptions(input, true);
      const x = read(input.x);
      if (opts.causal && false) invalid('never');
      return referenceSelf(x, read(input.wq), read(input.wk), read(input.wv), wo, opts);
    }
    default: return null;
  }
}

// The result's output as number[][] (null for scaleExperiment).
function outputOf(entry, result) {
  switch (entry) {
    case 'rowSums': return result.map((x) => [x]);
    case 'attention': return result.output;
    case 'multiHead': return result.concat;
    case 'selfAttention': return result.output;
    case 'attentionOutput': case 'selfAttentionOutput':
      return Array.from({ length: result.rows }, (_, i) => Array.from(result.data.subarray(i * result.cols, (i + 1) * result.cols)));
    default: return null;
  }
}

function assertHealthy(core) {
  const r = core.attention({ q: [[1, 2], [3, 4], [5, 6]], k: [[1, 0], [0, 1], [1, 1]], v: [[2, 0], [0, 2], [2, 2]] });
  assert.deepEqual(r.scores, [[1, 2, 3], [3, 4, 7], [5, 6, 11]]);
  assert.ok(Math.abs(r.output[0][0] - 1.4320091) < 1e-5);
}

describe('fuzz: seeded malformed inputs through every entry', () => {
  for (const [build, core] of Object.entries(builds)) {
    it(`${build}: ${SECONDS} s of inputs end in a matching result or an AttentionError`, () => {
      const next = makeFuzzer(makeRandom(SEED));
      const counts = { tried: 0, results: 0, errors: 0 };
      const codes = {};
      const deadline = performance.now() + SECONDS * 1000;
      while (performance.now() < deadline) {
        const { entry, input, opaque } = next();
        counts.tried++;
        const label = `${build} input ${counts.tried} (${entry}, seed ${SEED})`;
        let expected = null, why = null;
        try {
          expected = reference(entry, input);
        } catch (err) {
          if (!(err instanceof Invalid)) throw err;
          why = err.message;
        }
        let result;
        const started = performance.now();
        try {
          result = core[entry](input);
        } catch (err) {
          assert.ok(err instanceof AttentionError, `${label}: ${err?.stack ?? err}`);
          assert.ok(CODES.has(err.code), `${label}: code ${err.code}`);
          assert.ok(typeof err.message === 'string' && err.message.length > 0 && !/\[object/.test(err.message), `${label}: "${err.message}"`);
          codes[err.code] = (codes[err.code] ?? 0) + 1;
          counts.errors++;
          if (!opaque && why === null && entry !== 'scaleExperiment') {
            assert.equal(err.code, 'overflow', `${label}: refused a valid input: ${err.message}`);
          }
          continue;
        } finally {
          assert.ok(performance.now() - started < 1000, `${label}: took over 1 s`);
          assert.ok(core.memory().allocatedBytes < 1024, `${label}: memory left allocated`);
        }
        counts.results++;
        const output = outputOf(entry, result);
        if (output) assert.ok(output.flat().every(Number.isFinite), `${label}: non-finite output`);
        if (opaque) continue;
        if (entry === 'scaleExperiment') {
          for (const x of [result.unscaled.maxWeight, result.scaled.entropyShare]) assert.ok(x >= 0 && x <= 1 + 1e-6, label);
          continue;
        }
        assert.equal(why, null, `${label}: accepted an input the reference refuses (${why})`);
        assert.equal(output.length, expected.length, label);
        output.forEach((row, i) => row.forEach((x, j) => {
          assert.ok(Math.abs(x - expected[i][j]) <= 1e-3 * (1 + Math.abs(expected[i][j])), `${label}: [${i}][${j}] ${x} vs ${expected[i][j]}`);
        }));
      }
      assertHealthy(core);
      console.log(`fuzz ${build}: ${counts.tried} inputs tried in ${SECONDS} s (${counts.results} results, ${counts.errors} errors: ${JSON.stringify(codes)})`);
      assert.ok(counts.results > 0 && counts.errors > 0);
    });
  }
});
