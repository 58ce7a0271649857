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
// Matrices are plain nested arrays (number[][]) in and out. This file does no arithmetic on
// them: it packs each argument for the C++ core (which checks every cell and names any
// problem), and unpacks the results. A failed check comes back as a message and is thrown
// here as an Error, so no JavaScript exception ever crosses the C++ frames that own memory.

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
 */
export function chooseBuild({ build, simd } = {}, supports = { relaxedSimd: relaxedSimdSupported(), simd: simdSupported() }) {
  if (build !== undefined && simd !== undefined) {
    throw new Error('loadAttention takes { build } or { simd }, not both');
  }
  const wanted = build ?? (simd === undefined ? undefined : simd ? 'simd128' : 'scalar');
  const runs = { 'relaxed-simd': supports.relaxedSimd && supports.simd, simd128: supports.simd, scalar: true };
  if (wanted === undefined) return Object.keys(BUILD_FILES).find((name) => runs[name]);
  if (!Object.hasOwn(BUILD_FILES, wanted)) {
    throw new Error(`unknown build ${JSON.stringify(wanted)}; the builds are ${Object.keys(BUILD_FILES).join(', ')}`);
  }
  if (!runs[wanted]) {
    throw new Error(`this WebAssembly engine does not support ${BUILD_NEEDS[wanted]}; load ${wanted === 'relaxed-simd' ? "{ build: 'simd128' }" : 'the scalar build with { simd: false }'}`);
  }
  return wanted;
}

const isNode = typeof process === 'object' && process.versions != null && process.versions.node != null;

// Cell kinds, as attn::CellKind in src/loose_input.hpp.
const NUMBER = 0, STRING = 1, NULL = 2, MISSING = 3, BOOLEAN = 4, OTHER = 5;

function cellKind(cell) {
  switch (typeof cell) {
    case 'number': return NUMBER;
    case 'string': return STRING;
    case 'undefined': return MISSING;
    case 'boolean': return BOOLEAN;
    default: return cell === null ? NULL : OTHER;
  }
}

const isRowLike = (value) => Array.isArray(value) || (ArrayBuffer.isView(value) && !(value instanceof DataView));

// A nested array as attn::LooseMatrix: row lengths (−1 for a row that is not an array),
// every cell's value and kind. Holes in sparse arrays read as undefined: missing.
// Past the core's size limits only the counts are sent, and the core refuses them.
function packMatrix(matrix, limits) {
  if (matrix === undefined || matrix === null) return { present: false, isArray: false };
  if (!isRowLike(matrix)) return { present: true, isArray: false };
  const rows = matrix.length;
  if (rows > limits.maxDimension) return { present: true, isArray: true, rows, cells: 0 };
  const rowLengths = new Int32Array(rows);
  let cells = 0;
  for (let i = 0; i < rows; i++) {
    rowLengths[i] = isRowLike(matrix[i]) ? matrix[i].length : -1;
    if (rowLengths[i] > 0) cells += rowLengths[i];
  }
  if (cells > limits.maxMatrixEntries) return { present: true, isArray: true, rows, cells };
  const values = new Float64Array(cells);
  const kinds = new Uint8Array(cells);
  let c = 0;
  for (let i = 0; i < rows; i++) {
    if (rowLengths[i] <= 0) continue;
    const row = matrix[i];
    for (let j = 0; j < row.length; j++, c++) {
      const cell = row[j];
      if (typeof cell === 'number') values[c] = cell; // kinds[c] stays NUMBER (0)
      else kinds[c] = cellKind(cell);
    }
  }
  return { present: true, isArray: true, rows, cells, rowLengths, values, kinds };
}

function packNumber(value) {
  const kind = cellKind(value);
  return { kind, value: kind === NUMBER ? value : 0 };
}

// { rows, cols, data: Float32Array } -> number[][]
function toRows({ rows, cols, data }) {
  const out = new Array(rows);
  for (let i = 0, c = 0; i < rows; i++) {
    const row = new Array(cols);
    for (let j = 0; j < cols; j++, c++) row[j] = data[c];
    out[i] = row;
  }
  return out;
}

// One attention trace from the core, as nested arrays (row vectors as plain arrays).
function traceToRows(r) {
  return {
    scale: r.scale,
    scores: toRows(r.scores),
    scaledScores: toRows(r.scaledScores),
    rowMax: Array.from(r.rowMax),
    exponentials: toRows(r.exponentials),
    rowSum: Array.from(r.rowSum),
    weights: toRows(r.weights),
    output: toRows(r.output),
  };
}

const headsToRows = (heads) => heads.map((h) => ({ q: toRows(h.q), k: toRows(h.k), v: toRows(h.v), ...traceToRows(h) }));

function unwrap(result) {
  if (result.error !== undefined) throw new Error(result.error);
  return result;
}

function requireOptions(options, call, fields) {
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw new Error(`${call} needs one argument, an object { ${fields} }`);
  }
}

// The matrices of attentionOutput and selfAttentionOutput (`call`, for messages; `traceCall`
// is the entry that takes nested arrays): { rows, cols, data: Float32Array } with rows·cols
// numbers. Returns it unchanged, or throws an Error that says which field is wrong and what is needed.
function checkFlatMatrix(matrix, name, call = 'attentionOutput()', traceCall = 'attention()') {
  const needed = `{ rows, cols, data: Float32Array } (row-major)`;
  if (matrix === undefined || matrix === null) throw new Error(`${call} needs ${name}: ${needed}`);
  if (typeof matrix !== 'object' || Array.isArray(matrix) || ArrayBuffer.isView(matrix)) {
    const got = Array.isArray(matrix) ? `an array (nested arrays go to ${traceCall})` : describeValue(matrix);
    throw new Error(`${name} must be ${needed}; got ${got}`);
  }
  for (const field of ['rows', 'cols']) {
    const value = matrix[field];
    if (!Number.isSafeInteger(value) || value < 0) {
      throw new Error(`${name}.${field} must be a whole number \u2265 0; got ${describeValue(value)}`);
    }
  }
  const { rows, cols, data } = matrix;
  if (!(data instanceof Float32Array) && Object.prototype.toString.call(data) !== '[object Float32Array]') {
    throw new Error(`${name}.data must be a Float32Array of ${name}.rows \u00d7 ${name}.cols numbers, row after row; got ${describeValue(data)}`);
  }
  if (data.length !== rows * cols) {
    throw new Error(`${name}.data has ${data.length} numbers but ${name} says ${rows}\u00d7${cols} = ${rows * cols}`);
  }
  return matrix;
}

function describeValue(value) {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (ArrayBuffer.isView(value)) return `a ${value.constructor.name}`;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value === 'string') return `the string ${JSON.stringify(value.length > 20 ? value.slice(0, 20) + '…' : value)}`;
  return typeof value === 'object' ? 'an object' : typeof value;
}

const maskName = (mask) => (mask === undefined ? 'none' : String(mask));

class AttentionCore {
  #wasm;
  #info;

  constructor(wasm, build) {
    this.#wasm = wasm;
    const core = wasm.info();
    this.#info = {
      build,
      version: core.version,
      arch: core.arch,
      limits: {
        maxDimension: core.maxDimension,
        maxMatrixEntries: core.maxMatrixEntries,
        maxHeads: core.maxHeads,
        maxTraceFloats: core.maxTraceFloats,
      },
    };
  }

  /** { build: 'relaxed-simd' | 'simd128' | 'scalar', version, arch, limits } */
  info() {
    return structuredClone(this.#info);
  }

  #pack(matrix) {
    return packMatrix(matrix, this.#info.limits);
  }

  /** Scaled dot-product attention with every intermediate. */
  attention(options) {
    requireOptions(options, 'attention()', 'q, k, v, scale?, mask?');
    const { q, k, v, scale, mask } = options;
    const r = unwrap(this.#wasm.attention(
      this.#pack(q), this.#pack(k), this.#pack(v), maskName(mask), scale === undefined ? null : packNumber(scale)));
    return traceToRows(r);
  }

  /** Given Q, K, V split into heads: attention per head, then the heads' outputs side by side. */
  multiHead(options) {
    requireOptions(options, 'multiHead()', 'q, k, v, heads?, mask?, scale?');
    const { q, k, v, heads, mask, scale } = options;
    const r = unwrap(this.#wasm.multiHead(
      this.#pack(q), this.#pack(k), this.#pack(v),
      packNumber(heads === undefined ? 1 : heads), maskName(mask), scale === undefined ? null : packNumber(scale)));
    return { heads: headsToRows(r.heads), concat: toRows(r.concat) };
  }

  /** Multi-head self-attention (projections, per-head attention, concatenation, ·W_O). */
  selfAttention(options) {
    requireOptions(options, 'selfAttention()', 'x, wq, wk, wv, wo?, heads?, mask?, scale?');
    const { x, wq, wk, wv, wo, heads, mask, scale } = options;
    const r = unwrap(this.#wasm.selfAttention(
      this.#pack(x), this.#pack(wq), this.#pack(wk), this.#pack(wv),
      wo === undefined || wo === null ? null : this.#pack(wo),
      packNumber(heads === undefined ? 1 : heads), maskName(mask), scale === undefined ? null : packNumber(scale)));
    return {
      q: toRows(r.q),
      k: toRows(r.k),
      v: toRows(r.v),
      heads: headsToRows(r.heads),
      concat: toRows(r.concat),
      output: toRows(r.output),
    };
  }

  /** Σ of each row of a matrix, e.g. of the weights (each row sums to 1). */
  rowSums(matrix) {
    return Array.from(unwrap(this.#wasm.rowSums(this.#pack(matrix))).sums);
  }

  /**
   * "Why scale?": for q and K with N(0, 1) entries (seeded), how peaked softmax(s·q·Kᵀ) is
   * with s = 1 and s = 1/√d_k. -> { scoreRms, unscaled: { maxWeight, entropyShare }, scaled: {…} }
   */
  scaleExperiment({ dk, keys = 16, samples = 64, seed = 1 } = {}) {
    return unwrap(this.#wasm.scaleExperiment(Number(dk), Number(keys), Number(samples), Number(seed)));
  }

  /**
   * The output of attention alone, by the streaming path (online softmax over blocks of keys,
   * never the n×m matrices): q, k, v are { rows, cols, data: Float32Array } (row-major).
   * Returns { rows, cols, data: Float32Array }, a copy the caller owns.
   */
  attentionOutput(options) {
    requireOptions(options, 'attentionOutput()', 'q, k, v, scale?, mask?');
    const { q, k, v, scale, mask } = options;
    const inputs = [[checkFlatMatrix(q, 'q'), 'Q'], [checkFlatMatrix(k, 'k'), 'K'], [checkFlatMatrix(v, 'v'), 'V']];
    return this.#inHeap(inputs, q.rows, v.cols, (wasm) =>
      wasm.heapCallRunAttention(maskName(mask), scale === undefined ? null : packNumber(scale)));
  }

  // One call through the binding's heap-call entries: each input ([matrix, name]) is written
  // straight into the core's matrix (one copy in); run(wasm) computes and returns the output's
  // heap address, or −1 with the core's message to throw; the output is sliced out (one copy out).
  #inHeap(inputs, rows, cols, run) {
    const wasm = this.#wasm;
    try {
      for (const [matrix, name] of inputs) {
        const address = wasm.heapCallInput(matrix.rows, matrix.cols, name);
        if (address < 0) throw new Error(wasm.heapCallTakeError());
        wasm.HEAPF32.set(matrix.data, address >>> 2);
      }
      const address = run(wasm);
      if (address < 0) throw new Error(wasm.heapCallTakeError());
      const out = address >>> 2;   // HEAPF32 is re-read: the run may grow memory
      return { rows, cols, data: wasm.HEAPF32.slice(out, out + rows * cols) };
    } finally {
      wasm.heapCallRelease();
    }
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
    const inputs = [[checkFlatMatrix(x, 'x', call, traceCall), 'X'], [checkFlatMatrix(wq, 'wq', call, traceCall), 'W_Q'],
      [checkFlatMatrix(wk, 'wk', call, traceCall), 'W_K'], [checkFlatMatrix(wv, 'wv', call, traceCall), 'W_V']];
    if (hasWo) inputs.push([checkFlatMatrix(wo, 'wo', call, traceCall), 'W_O']);
    return this.#inHeap(inputs, x.rows, hasWo ? wo.cols : wv.cols, (wasm) => wasm.heapCallRunSelfAttention(
      hasWo, packNumber(heads === undefined ? 1 : heads), maskName(mask), scale === undefined ? null : packNumber(scale)));
  }

  /** Diagnostics: bytes of wasm memory, and bytes the C++ allocator has handed out. */
  memory() {
    return this.#wasm.memory();
  }
}

/**
 * Loads the core: the build chooseBuild picks from { build, simd } (by default the fastest
 * this engine supports: relaxed-simd, then simd128, then scalar).
 */
export async function loadAttention({ simd, build } = {}) {
  const chosen = chooseBuild({ build, simd });
  const flavour = BUILD_FILES[chosen];
  const glueUrl = new URL(`../wasm/attention-${flavour}.js`, import.meta.url);
  const wasmUrl = new URL(`../wasm/attention-${flavour}.wasm`, import.meta.url);
  const { default: createAttentionCore } = await import(glueUrl.href);
  const moduleOptions = { locateFile: () => wasmUrl.href };
  if (isNode) {
    const { readFile } = await import('node:fs/promises');
    moduleOptions.wasmBinary = await readFile(wasmUrl);
  }
  const wasm = await createAttentionCore(moduleOptions);
  return new AttentionCore(wasm, chosen);
}
