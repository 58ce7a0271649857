// attention.js — the JavaScript face of the attention core, for the page and for Node 20.
//
//   import { loadAttention } from './attention.js';
//   const core = await loadAttention();          // the fastest build the engine runs
//   core.attention({ q, k, v, scale, mask });    // -> { scale, scores, scaledScores, rowMax,
//                                                //      exponentials, rowSum, weights, output }
//   core.multiHead({ q, k, v, heads, mask, scale });  // -> { heads: [trace per head], concat }
//   core.selfAttention({ x, wq, wk, wv, wo, heads, mask, scale });
//   core.attentionOutput({ q, k, v, scale, mask });   // Float32Array matrices in, output only out
//   core.selfAttentionOutput({ x, wq, wk, wv, wo, heads, mask, scale });  // likewise, with projections
//
// Matrices are plain nested arrays (number[][]) in and out (the *Output entries take and give
// { rows, cols, data: Float32Array }). This file does no arithmetic on them. It checks the
// JavaScript values (types, lengths, raggedness, float32 range), reading each field, row,
// length and cell once and using only what it read; writes every matrix as float32 into a
// matrix the core owns; the core checks shapes and numbers and computes; the results are
// copied out after the core has returned. Every failure is thrown as an AttentionError with a
// stable code and place; no JavaScript runs while a C++ frame owns memory.

// (module (func (result v128) (f32x4.add (v128.const …) (v128.const …)))): valid only where
// the engine supports WebAssembly SIMD128.
const SIMD_PROBE = new Uint8Array([
  0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, 43, 1, 41, 0, 253, 12, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 253, 12, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 253, 228, 1, 11,
]);

/** True when this engine can run the SIMD128 build. */
export function simdSupported() {
  return typeof WebAssembly === 'object' && WebAssembly.validate(SIMD_PROBE);
}

// (module (func (result v128) (f32x4.relaxed_madd (v128.const 0) (v128.const 0) (v128.const 0)))):
// valid only where the engine supports relaxed SIMD (Chromium by default; Node 20 with
// --experimental-wasm-relaxed-simd).
const V128_ZERO = [253, 12, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
const RELAXED_SIMD_PROBE = new Uint8Array([
  0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, 61, 1, 59, 0,
  ...V128_ZERO, ...V128_ZERO, ...V128_ZERO, 253, 133, 2, 11,
]);

/** True when this engine can run the relaxed-SIMD build (fused multiply-add in the matrix products). */
export function relaxedSimdSupported() {
  return typeof WebAssembly === 'object' && WebAssembly.validate(RELAXED_SIMD_PROBE);
}

// The builds, fastest first, and their files web/wasm/attention-<file>.{js,wasm}.
const BUILD_FILES = { 'relaxed-simd': 'relaxed', simd128: 'simd', scalar: 'scalar' };
const BUILD_NEEDS = { 'relaxed-simd': 'relaxed SIMD', simd128: 'SIMD128' };

/**
 * Which build loadAttention loads. `build` ('relaxed-simd' | 'simd128' | 'scalar') forces one,
 * as does `simd` (true: 'simd128', false: 'scalar'); by default the fastest this engine runs.
 * `supports` ({ relaxedSimd, simd }) is what the engine can run (feature detection by default).
 * @param {Parameters<typeof import('./attention.js').chooseBuild>[0]} [options]
 */
export function chooseBuild({ build, simd } = {}, supports = { relaxedSimd: relaxedSimdSupported(), simd: simdSupported() }) {
  if (build !== undefined && simd !== undefined) {
    fail('bad_option', 'loadAttention takes { build } or { simd }, not both', { option: 'build' });
  }
  const wanted = build ?? (simd === undefined ? undefined : simd ? 'simd128' : 'scalar');
  const runs = { 'relaxed-simd': supports.relaxedSimd && supports.simd, simd128: supports.simd, scalar: true };
  if (wanted === undefined) return Object.keys(BUILD_FILES).find((name) => runs[name]);
  if (!Object.hasOwn(BUILD_FILES, wanted)) {
    fail('bad_option', `unknown build ${JSON.stringify(wanted)}; the builds are ${Object.keys(BUILD_FILES).join(', ')}`, { option: 'build' });
  }
  if (!runs[wanted]) {
    fail('unsupported', `this WebAssembly engine does not support ${BUILD_NEEDS[wanted]}; load ${wanted === 'relaxed-simd' ? "{ build: 'simd128' }" : 'the scalar build with { simd: false }'}`);
  }
  return wanted;
}

const isNode = typeof process === 'object' && process.versions != null && process.versions.node != null;

/**
 * Every failure of this API: `code` is stable (see AttentionErrorCode in attention.d.ts);
 * `matrix` (the API's key, e.g. 'q'), `row`, `col` (0-based) or `option` say where, when that applies.
 */
export class AttentionError extends Error {
  constructor(code, message, place = {}) {
    super(message);
    this.name = 'AttentionError';
    this.code = code;
    for (const key of ['matrix', 'row', 'col', 'option']) {
      if (place[key] !== undefined) this[key] = place[key];
    }
  }
}

const fail = (code, message, place) => { throw new AttentionError(code, message, place); };

// The core's names of the inputs, and the API's keys for them.
const KEYS = { Q: 'q', K: 'k', V: 'v', X: 'x', W_Q: 'wq', W_K: 'wk', W_V: 'wv', W_O: 'wo', matrix: 'matrix' };
const NAMES = Object.fromEntries(Object.entries(KEYS).map(([name, key]) => [key, name]));

const FLOAT32_MAX = 3.4028234663852886e38;

// The intrinsic getters of typed arrays: a subclass or a lookalike cannot fake these.
const TypedArrayPrototype = Object.getPrototypeOf(Int8Array.prototype);
const typedArrayName = Object.getOwnPropertyDescriptor(TypedArrayPrototype, Symbol.toStringTag).get;
const typedArrayLength = Object.getOwnPropertyDescriptor(TypedArrayPrototype, 'length').get;
const isFloat32Array = (value) => typedArrayName.call(value) === 'Float32Array';

const isRowLike = (value) => Array.isArray(value) || (typedArrayName.call(value) !== undefined);
const isCount = (value) => Number.isSafeInteger(value) && value >= 0;

// Why a value is not a number: "is a string, not a number", …
function kindPhrase(value) {
  switch (typeof value) {
    case 'string': return 'is a string, not a number';
    case 'undefined': return 'is missing (undefined or an empty slot)';
    case 'boolean': return 'is a boolean, not a number';
    case 'bigint': return 'is a BigInt, not a number';
    default: return value === null ? 'is null, not a number' : 'is not a number (an object or array)';
  }
}

// C's %.6g for a number beyond float32's range (|x| ≥ 3.4e38): "4e+38", "1.23457e+300".
const exponentText = (x) => x.toExponential(5).replace(/\.?0+e/, 'e');

// A finite number's float32 problem, as the message's tail; NaN and ±Infinity go to the core,
// which names them.
function checkFloat32(x, where, place) {
  if (Number.isFinite(x) && Math.abs(x) > FLOAT32_MAX) {
    fail('out_of_range', `${where} = ${exponentText(x)} is outside the float32 range (\u00b13.4e38); use a smaller number`, place);
  }
}

function describeValue(value) {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typedArrayName.call(value) !== undefined) return `a ${typedArrayName.call(value)}`;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value === 'bigint') return `${value}n`;
  if (typeof value === 'string') return `the string ${JSON.stringify(value.length > 20 ? value.slice(0, 20) + '…' : value)}`;
  return typeof value === 'object' ? 'an object' : typeof value;
}

function requireOptions(options, call, fields) {
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    fail('missing', `${call} needs one argument, an object { ${fields} }`);
  }
}

function maskOption(mask) {
  if (mask === undefined) return 'none';
  if (typeof mask !== 'string') {
    fail('bad_option', `the mask must be "none" or "causal"; got ${describeValue(mask)}`, { option: 'mask' });
  }
  return mask;
}

// [hasScale, scale]: NaN and ±Infinity go to the core, which names them.
function scaleOption(scale) {
  if (scale === undefined) return [false, 0];
  if (typeof scale !== 'number') fail('not_a_number', `scale ${kindPhrase(scale)}`, { option: 'scale' });
  checkFloat32(scale, 'scale', { option: 'scale' });
  return [true, scale];
}

function headsOption(heads) {
  if (heads === undefined) return 1;
  const place = { option: 'heads' };
  if (typeof heads !== 'number') fail('not_a_number', `heads ${kindPhrase(heads)}`, place);
  if (!Number.isFinite(heads)) fail('not_finite', `heads is ${heads}; heads must be a finite number`, place);
  if (!Number.isInteger(heads) || heads < 1) fail('bad_option', `heads is ${heads}; it must be a whole number of at least 1`, place);
  return heads;
}

// scaleExperiment's counts: whole numbers from 0 to 10⁶ (the core checks each one's range).
function wholeOption(value, option, fallback) {
  if (value === undefined && fallback !== undefined) return fallback;
  if (value === undefined) fail('missing', `${option} is missing; d_k, keys, samples and seed must be whole numbers`, { option });
  if (typeof value !== 'number') fail('not_a_number', `${option} ${kindPhrase(value)}`, { option });
  if (!Number.isInteger(value) || value < 0 || value > 1e6) {
    fail('bad_option', 'd_k, keys, samples and seed must be whole numbers', { option });
  }
  return value;
}

// A nested array, read once: its length, each row and each row's length, then each cell;
// only the validated lengths are used. Returns a writer of its cells into a float32 heap view.
function nestedMatrix(matrix, name) {
  const key = KEYS[name];
  if (matrix === undefined || matrix === null) fail('missing', `${name} is missing; give it as an array of rows of numbers`, { matrix: key });
  if (!isRowLike(matrix)) fail('not_a_matrix', `${name} is not an array; give it as an array of rows of numbers`, { matrix: key });
  const rows = matrix.length;
  if (!isCount(rows)) fail('not_a_matrix', `${name} has a length of ${describeValue(rows)}; an array's length is a whole number`, { matrix: key });
  if (rows === 0) fail('empty', `${name} is empty; it needs at least one row`, { matrix: key });
  return { name, prepare: (checkExtent) => {
    checkExtent(rows, 0, name);  // the limits, before the rows are walked
    const rowList = new Array(rows);
    let cols = 0;
    for (let i = 0; i < rows; i++) {
      const row = matrix[i];
      const place = { matrix: key, row: i };
      if (!isRowLike(row)) fail('not_a_matrix', `${name} row ${i} is not an array; every row must be an array of numbers`, place);
      const length = row.length;
      if (!isCount(length)) fail('not_a_matrix', `${name} row ${i} has a length of ${describeValue(length)}; a row's length is a whole number`, place);
      if (length === 0) fail('empty', `${name} row ${i} is empty; every row needs at least one number`, place);
      if (i === 0) cols = length;
      else if (length !== cols) {
        fail('ragged', `${name} row ${i} has ${length} ${length === 1 ? 'entry' : 'entries'} but row 0 has ${cols}; all rows of a matrix need the same length`, place);
      }
      rowList[i] = row;
    }
    return { rows, cols, write: (heap, offset) => {
      for (let i = 0, c = offset; i < rows; i++) {
        const row = rowList[i];
        for (let j = 0; j < cols; j++, c++) {
          const cell = row[j];
          if (typeof cell !== 'number') fail('not_a_number', `${name}[${i}][${j}] ${kindPhrase(cell)}`, { matrix: key, row: i, col: j });
          checkFloat32(cell, `${name}[${i}][${j}]`, { matrix: key, row: i, col: j });
          heap[c] = cell;
        }
      }
    } };
  } };
}

// { name, rows, cols, data: Float32Array }, each field read once.
function flatMatrix(matrix, name, call, traceCall) {
  const key = KEYS[name];
  const needed = `{ rows, cols, data: Float32Array } (row-major)`;
  if (matrix === undefined || matrix === null) fail('missing', `${call} needs ${key}: ${needed}`, { matrix: key });
  if (typeof matrix !== 'object' || Array.isArray(matrix) || typedArrayName.call(matrix) !== undefined) {
    const got = Array.isArray(matrix) ? `an array (nested arrays go to ${traceCall})` : describeValue(matrix);
    fail('not_a_matrix', `${key} must be ${needed}; got ${got}`, { matrix: key });
  }
  const { rows, cols, data } = matrix;
  const checkCount = (field, value) => {
    if (!isCount(value)) fail('not_a_matrix', `${key}.${field} must be a whole number \u2265 0; got ${describeValue(value)}`, { matrix: key });
  };
  checkCount('rows', rows);
  checkCount('cols', cols);
  if (!isFloat32Array(data)) {
    fail('not_a_matrix', `${key}.data must be a Float32Array of ${key}.rows \u00d7 ${key}.cols numbers, row after row; got ${describeValue(data)}`, { matrix: key });
  }
  const length = typedArrayLength.call(data);
  if (length !== rows * cols) {
    fail('not_a_matrix', `${key}.data has ${length} numbers but ${key} says ${rows}\u00d7${cols} = ${rows * cols}`, { matrix: key });
  }
  return { name, rows, cols, data };
}

// A checked flat matrix as an input of #call.
const flatInput = ({ name, rows, cols, data }) => ({ name, prepare: () => ({ rows, cols, write: (heap, offset) => heap.set(data, offset) }) });

// A result of the core as nested arrays, a row vector as an array.
function toRows({ rows, cols, data }) {
  const out = new Array(rows);
  for (let i = 0, c = 0; i < rows; i++) {
    const row = new Array(cols);
    for (let j = 0; j < cols; j++, c++) row[j] = data[c];
    out[i] = row;
  }
  return out;
}

// One attention trace from the next 8 results.
function readTrace(next) {
  return {
    scale: next().data[0],
    scores: toRows(next()),
    scaledScores: toRows(next()),
    rowMax: Array.from(next().data),
    exponentials: toRows(next()),
    rowSum: Array.from(next().data),
    weights: toRows(next()),
    output: toRows(next()),
  };
}

function readHeads(next, heads) {
  return Array.from({ length: heads }, () => ({ q: toRows(next()), k: toRows(next()), v: toRows(next()), ...readTrace(next) }));
}

class AttentionCore {
  #wasm;
  #info;

  constructor(wasm, build, core, threads = {}) {
    this.#wasm = wasm;
    this.#info = {
      build,
      ...threads,
      version: core.version,
      buildId: core.buildId,
      arch: core.arch,
      limits: {
        maxDimension: core.maxDimension,
        maxMatrixEntries: core.maxMatrixEntries,
        maxHeads: core.maxHeads,
        maxTraceFloats: core.maxTraceFloats,
      },
    };
  }

  /** { build: 'relaxed-simd' | 'simd128' | 'scalar', threads, threadsUnavailable?, version, buildId, arch, limits } */
  info() {
    return structuredClone(this.#info);
  }

  // Throws the core's kept Status when a binding call returned −1.
  #check(result) {
    if (result !== -1) return result;
    const e = this.#wasm.error();
    const place = {};
    if (e.matrix !== '') place.matrix = KEYS[e.matrix] ?? e.matrix;
    if (e.row >= 0) place.row = e.row;
    if (e.col >= 0) place.col = e.col;
    if (e.option !== '') place.option = e.option;
    throw new AttentionError(e.code, e.message, place);
  }

  // body(wasm) as the core's one call under way, then release(wasm) whatever happens. A getter
  // of an input that calls the core again is refused: it would release this call's matrices
  // under it.
  #busy = false;
  #exclusive(body, release) {
    if (this.#busy) fail('busy', 'the core is already running a call (an input getter called it again); call it afterwards');
    const wasm = this.#wasm;
    this.#busy = true;
    try {
      return body(wasm);
    } finally {
      release(wasm);
      this.#busy = false;
    }
  }

  // One call through the binding's single protocol: each input is checked against the limits
  // and written straight into a core-owned float32 matrix (the one copy in); run(wasm)
  // computes; read(next) copies the results out, next() giving the { rows, cols, data } views
  // in order; then the call is released.
  #call(inputs, run, read) {
    return this.#exclusive((wasm) => {
      const checkExtent = (rows, cols, name) => this.#check(wasm.checkExtent(rows, cols, name));
      for (const input of inputs) {
        const { rows, cols, write } = input.prepare(checkExtent);
        const address = this.#check(wasm.input(rows, cols, input.name));
        write(wasm.HEAPF32, address >>> 2);  // HEAPF32 is re-read: input() may grow memory
      }
      this.#check(run(wasm));
      const table = this.#check(wasm.results()) >>> 2;
      const u32 = wasm.HEAPU32, f32 = wasm.HEAPF32;
      let index = 0;
      const next = () => {
        const at = table + 1 + 3 * index++;
        const address = u32[at] >>> 2, rows = u32[at + 1], cols = u32[at + 2];
        return { rows, cols, data: f32.subarray(address, address + rows * cols) };
      };
      return read(next);
    }, (wasm) => wasm.release());
  }

  // attentionOutput's call (the binding's short protocol, plain wasm exports but for maskCode):
  // the limits and the input matrices in one call, the float32 entries written straight into
  // them, the mask as a number (each name looked up once, by the core), the output copied out;
  // its matrices stay allocated for the next call while they are small.
  #maskCodes = new Map();
  #outputCall(q, k, v, maskName, hasScale, scale) {
    return this.#exclusive((wasm) => {
      const inputs = this.#check(wasm._attn_output_inputs(q.rows, q.cols, k.rows, k.cols, v.rows, v.cols)) >>> 2;
      const u32 = wasm.HEAPU32, f32 = wasm.HEAPF32;  // re-read: the call may have grown memory
      f32.set(q.data, u32[inputs] >>> 2);
      f32.set(k.data, u32[inputs + 1] >>> 2);
      f32.set(v.data, u32[inputs + 2] >>> 2);
      let mask = this.#maskCodes.get(maskName);
      if (mask === undefined) {
        mask = this.#check(wasm.maskCode(maskName));
        this.#maskCodes.set(maskName, mask);
      }
      const result = this.#check(wasm._attn_run_output(mask, hasScale, scale)) >>> 2;
      const table = wasm.HEAPU32, address = table[result] >>> 2;
      return { rows: table[result + 1], cols: table[result + 2], data: wasm.HEAPF32.slice(address, address + table[result + 1] * table[result + 2]) };
    }, (wasm) => wasm._attn_release_output());
  }

  /** Scaled dot-product attention with every intermediate. */
  attention(options) {
    requireOptions(options, 'attention()', 'q, k, v, scale?, mask?');
    const { q, k, v, scale, mask } = options;
    const inputs = [nestedMatrix(q, 'Q'), nestedMatrix(k, 'K'), nestedMatrix(v, 'V')];
    const maskName = maskOption(mask), [hasScale, scaleValue] = scaleOption(scale);
    return this.#call(inputs, (wasm) => wasm.runAttention(maskName, hasScale, scaleValue), readTrace);
  }

  /** Given Q, K, V split into heads: attention per head, then the heads' outputs side by side. */
  multiHead(options) {
    requireOptions(options, 'multiHead()', 'q, k, v, heads?, mask?, scale?');
    const { q, k, v, heads, mask, scale } = options;
    const inputs = [nestedMatrix(q, 'Q'), nestedMatrix(k, 'K'), nestedMatrix(v, 'V')];
    const headCount = headsOption(heads), maskName = maskOption(mask), [hasScale, scaleValue] = scaleOption(scale);
    return this.#call(inputs, (wasm) => wasm.runMultiHead(headCount, maskName, hasScale, scaleValue),
      (next) => ({ heads: readHeads(next, headCount), concat: toRows(next()) }));
  }

  /** Multi-head self-attention (projections, per-head attention, concatenation, ·W_O). */
  selfAttention(options) {
    requireOptions(options, 'selfAttention()', 'x, wq, wk, wv, wo?, heads?, mask?, scale?');
    const { x, wq, wk, wv, wo, heads, mask, scale } = options;
    const hasWo = wo !== undefined && wo !== null;
    const inputs = [nestedMatrix(x, 'X'), nestedMatrix(wq, 'W_Q'), nestedMatrix(wk, 'W_K'), nestedMatrix(wv, 'W_V')];
    if (hasWo) inputs.push(nestedMatrix(wo, 'W_O'));
    const headCount = headsOption(heads), maskName = maskOption(mask), [hasScale, scaleValue] = scaleOption(scale);
    return this.#call(inputs, (wasm) => wasm.runSelfAttention(hasWo, headCount, maskName, hasScale, scaleValue),
      (next) => ({
        q: toRows(next()), k: toRows(next()), v: toRows(next()),
        heads: readHeads(next, headCount), concat: toRows(next()), output: toRows(next()),
      }));
  }

  /** Σ of each row of a matrix, e.g. of the weights (each row sums to 1). */
  rowSums(matrix) {
    return this.#call([nestedMatrix(matrix, 'matrix')], (wasm) => wasm.runRowSums(), (next) => Array.from(next().data));
  }

  // ---- vector geometry (the plane view) --------------------------------------------------
  /**
   * Lengths, cosines and angles of every pair of rows of a (n×d) and b (m×d), for drawing them
   * as arrows. names: { a, b } for messages (default 'A', 'B').
   * -> { normsA: number[n], normsB: number[m], dots, cosines, angles (radians), degrees, products
   *      (|a_i|·|b_j|·cos θ): n×m, unitsA: n×d, unitsB: m×d }
   */
  pairGeometry(a, b, names = {}) {
    const nameA = String(names.a ?? 'A'), nameB = String(names.b ?? 'B');
    return this.#call([nestedMatrix(a, nameA), nestedMatrix(b, nameB)], (wasm) => wasm.runPairGeometry(nameA, nameB), (next) => ({
      normsA: Array.from(next().data), normsB: Array.from(next().data), dots: toRows(next()), cosines: toRows(next()),
      angles: toRows(next()), degrees: toRows(next()), products: toRows(next()), unitsA: toRows(next()), unitsB: toRows(next()),
    }));
  }

  /** The convex hull of points (n×2) as row indices, counter-clockwise from the lowest point. */
  convexHull2d(points, name = 'points') {
    const pointsName = String(name);
    return this.#call([nestedMatrix(points, pointsName)], (wasm) => wasm.runConvexHull2d(pointsName), (next) => Array.from(next().data));
  }
  // ---- end of vector geometry -------------------------------------------------------------

  /**
   * "Why scale?": for q and K with N(0, 1) entries (seeded), how peaked softmax(s·q·Kᵀ) is
   * with s = 1 and s = 1/√d_k. -> { scoreRms, unscaled: { maxWeight, entropyShare }, scaled: {…} }
   */
  scaleExperiment(options) {
    requireOptions(options, 'scaleExperiment()', 'dk, keys?, samples?, seed?');
    const { dk, keys, samples, seed } = options;
    const counts = [wholeOption(dk, 'dk'), wholeOption(keys, 'keys', 16), wholeOption(samples, 'samples', 64), wholeOption(seed, 'seed', 1)];
    return this.#call([], (wasm) => wasm.runScaleExperiment(...counts), (next) => {
      const [scoreRms, unscaledMax, unscaledShare, scaledMax, scaledShare] = next().data;
      return {
        scoreRms,
        unscaled: { maxWeight: unscaledMax, entropyShare: unscaledShare },
        scaled: { maxWeight: scaledMax, entropyShare: scaledShare },
      };
    });
  }

  /**
   * The output of attention alone, by the streaming path (online softmax over blocks of keys,
   * never the n×m matrices): q, k, v are { rows, cols, data: Float32Array } (row-major).
   * Returns { rows, cols, data: Float32Array }, a copy the caller owns.
   */
  attentionOutput(options) {
    requireOptions(options, 'attentionOutput()', 'q, k, v, scale?, mask?');
    const { q, k, v, scale, mask } = options;
    const call = 'attentionOutput()', traceCall = 'attention()';
    const qm = flatMatrix(q, 'Q', call, traceCall), km = flatMatrix(k, 'K', call, traceCall), vm = flatMatrix(v, 'V', call, traceCall);
    const maskName = maskOption(mask), [hasScale, scaleValue] = scaleOption(scale);
    return this.#outputCall(qm, km, vm, maskName, hasScale, scaleValue);
  }

  /**
   * The output of multi-head self-attention alone: projections X·W_Q, X·W_K, X·W_V, the
   * streaming path per head (no n×n matrix), concatenation, ·W_O when given. x, wq, wk, wv,
   * wo are { rows, cols, data: Float32Array } (row-major). Returns { rows, cols, data:
   * Float32Array }, a copy the caller owns.
   */
  selfAttentionOutput(options) {
    requireOptions(options, 'selfAttentionOutput()', 'x, wq, wk, wv, wo?, heads?, mask?, scale?');
    const { x, wq, wk, wv, wo, heads, mask, scale } = options;
    const call = 'selfAttentionOutput()', traceCall = 'selfAttention()';
    const hasWo = wo !== undefined && wo !== null;
    const input = (matrix, name) => flatInput(flatMatrix(matrix, name, call, traceCall));
    const inputs = [input(x, 'X'), input(wq, 'W_Q'), input(wk, 'W_K'), input(wv, 'W_V')];
    if (hasWo) inputs.push(input(wo, 'W_O'));
    const headCount = headsOption(heads), maskName = maskOption(mask), [hasScale, scaleValue] = scaleOption(scale);
    return this.#call(inputs, (wasm) => wasm.runSelfAttentionOutput(hasWo, headCount, maskName, hasScale, scaleValue), copyOutput);
  }

  /**
   * The sinusoidal positional encoding for X (n×d) and X + PE, both computed by the core:
   * PE[p][2i] = sin(p / 10000^(2i/d)), PE[p][2i+1] = cos(p / 10000^(2i/d)), p = 0 … n−1.
   * -> { encoding: number[][], sum: number[][] }
   */
  positionalEncoding(options) {
    requireOptions(options, 'positionalEncoding()', 'x');
    return this.#call([nestedMatrix(options.x, 'X')], (wasm) => wasm.runPositionalEncoding(),
      (next) => ({ encoding: toRows(next()), sum: toRows(next()) }));
  }

  /** Diagnostics: bytes of wasm memory, and bytes the C++ allocator has handed out. */
  memory() {
    return this.#wasm.memory();
  }
}

const copyOutput = (next) => {
  const { rows, cols, data } = next();
  return { rows, cols, data: data.slice() };
};

// ---- threads ---------------------------------------------------------------------------
// The builds with a threaded flavour (pthreads, shared memory): web/wasm/attention-<file>-threads.*,
// and for Node a CommonJS glue in web/wasm/node/ (Emscripten 3.1.6's ES-module pthread glue
// needs __dirname and require there).
const THREADED_BUILDS = new Set(['relaxed-simd', 'simd128']);

/** The cores this engine offers: navigator.hardwareConcurrency, or os.availableParallelism() in Node. */
async function availableCores() {
  if (isNode) return (await import('node:os')).availableParallelism();
  const count = globalThis.navigator?.hardwareConcurrency;
  return Number.isInteger(count) && count >= 1 ? count : 1;
}

// `threads`: undefined → 1; 'auto' → every core; else a whole number ≥ 1.
function threadsOption(threads) {
  if (threads === undefined || threads === 'auto') return threads ?? 1;
  const place = { option: 'threads' };
  if (typeof threads !== 'number' || !Number.isInteger(threads) || threads < 1) {
    fail('bad_option', `threads is ${describeValue(threads)}; it must be a whole number of at least 1, or 'auto'`, place);
  }
  return threads;
}

/**
 * Why this engine cannot run a threaded build, or undefined when it can: shared memory needs
 * SharedArrayBuffer, and in a browser a cross-origin isolated page (COOP + COEP headers).
 */
export function threadsUnavailable() {
  // (a browser hides SharedArrayBuffer from a page that is not isolated: name the cause)
  if (!isNode && globalThis.crossOriginIsolated !== true) return 'not cross-origin isolated';
  if (typeof SharedArrayBuffer !== 'function') return 'SharedArrayBuffer is not available';
  return undefined;
}

/**
 * Loads the core: the build chooseBuild picks from { build, simd } (by default the fastest this
 * engine supports: relaxed-simd, then simd128, then scalar). `threads` (default 1; 'auto': every
 * core) asks for its threaded flavour, clamped to the cores available; where shared memory is
 * not available (no cross-origin isolation), or for the scalar build, one thread runs and
 * info().threadsUnavailable says why. `folder`: where attention-<flavour>.{js,wasm} are
 * (default: web/wasm/, ../../wasm/ from this file). Refuses a glue and a wasm of different builds.
 * @param {Parameters<typeof import('./attention.js').loadAttention>[0]} [options]
 */
export async function loadAttention({ simd, build, folder, threads } = {}) {
  const chosen = chooseBuild({ build, simd });
  const requested = threadsOption(threads);
  const cores = await availableCores();
  const wanted = requested === 'auto' ? cores : Math.min(requested, cores);
  let unavailable;
  if (wanted > 1) {
    unavailable = THREADED_BUILDS.has(chosen) ? threadsUnavailable() : `the ${chosen} build has no threaded flavour`;
  }
  const threaded = wanted > 1 && unavailable === undefined;
  const flavour = BUILD_FILES[chosen] + (threaded ? '-threads' : '');
  const base = new URL(folder ?? '../../wasm/', import.meta.url);
  const glueUrl = new URL(threaded && isNode ? `node/attention-${flavour}.js` : `attention-${flavour}.js`, base);
  const wasmUrl = new URL(`attention-${flavour}.wasm`, glueUrl);
  // attnWorkers: the Web Workers the threaded glue starts and waits for (threads − 1).
  const moduleOptions = { locateFile: (file) => new URL(file, glueUrl).href, attnWorkers: wanted - 1 };
  let createAttentionCore;
  if (threaded && isNode) {
    const { createRequire } = await import('node:module');
    const { fileURLToPath } = await import('node:url');
    createAttentionCore = createRequire(import.meta.url)(fileURLToPath(glueUrl));
    moduleOptions.locateFile = (file) => fileURLToPath(new URL(file, glueUrl));  // worker_threads takes paths
  } else {
    ({ default: createAttentionCore } = await import(glueUrl.href));
  }
  if (isNode) {
    const { readFile } = await import('node:fs/promises');
    moduleOptions.wasmBinary = await readFile(wasmUrl);
  }
  const wasm = await createAttentionCore(moduleOptions);
  const core = wasm.info();
  if (wasm.glueBuildId !== core.buildId) {
    fail('build_mismatch', `attention-${flavour}.js is of build ${wasm.glueBuildId} but attention-${flavour}.wasm is of build ` +
      `${core.buildId}; they must come from the same build (reload, or rebuild both)`);
  }
  const running = threaded ? wasm.startThreads(wanted) : 1;
  if (threaded && isNode) wasm.unrefWorkers();  // waiting workers do not keep Node running
  const threadInfo = { threads: running };
  if (unavailable !== undefined) threadInfo.threadsUnavailable = unavailable;
  return new AttentionCore(wasm, chosen, core, threadInfo);
}
