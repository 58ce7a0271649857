// Types of web/js/core/attention.js, the JavaScript API of the attention core.

/** A matrix as plain nested arrays: rows of equal length, finite numbers. */
export type Matrix = number[][];

export type MaskName = 'none' | 'causal';

export type BuildName = 'relaxed-simd' | 'simd128' | 'scalar';

export interface CoreInfo {
  /** Which WebAssembly build is running ('relaxed-simd': SIMD128 with fused multiply-add in the products). */
  build: BuildName;
  /** Threads running attentionOutput and selfAttentionOutput (1 unless a threaded flavour loaded). */
  threads: number;
  /**
   * Why fewer threads run than were asked for ('not cross-origin isolated', 'SharedArrayBuffer
   * is not available', 'the scalar build has no threaded flavour'); absent otherwise.
   */
  threadsUnavailable?: string;
  /** The core's version, e.g. "0.1.0". */
  version: string;
  /** The id of the build (the same in the glue and the wasm, or loadAttention refuses them). */
  buildId: string;
  /** The SIMD architecture the C++ was compiled for ("sse4.1" maps onto SIMD128) or "scalar". */
  arch: string;
  limits: {
    /** Rows or columns of any matrix. */
    maxDimension: number;
    /** Entries of one input matrix. */
    maxMatrixEntries: number;
    maxHeads: number;
    /** Numbers one trace may hold, over all its matrices. */
    maxTraceFloats: number;
  };
}

export interface AttentionInput {
  /** n×d_k queries. */
  q: Matrix;
  /** m×d_k keys. */
  k: Matrix;
  /** m×d_v values. */
  v: Matrix;
  /** Multiplies Q·Kᵀ; defaults to 1/√d_k. Any finite number (1 shows "without scaling"). */
  scale?: number;
  /** 'causal': position i attends to 0..i only (needs n = m). Default 'none'. */
  mask?: MaskName;
}

export interface AttentionTrace {
  /** The scale that was applied. */
  scale: number;
  /** n×m  Q·Kᵀ */
  scores: Matrix;
  /** n×m  scale·Q·Kᵀ; entries hidden by the causal mask are -Infinity */
  scaledScores: Matrix;
  /** n  the largest visible entry of each row of scaledScores */
  rowMax: number[];
  /** n×m  exp(scaledScores − rowMax); masked entries are 0 */
  exponentials: Matrix;
  /** n  the sum of each row of exponentials */
  rowSum: number[];
  /** n×m  exponentials / rowSum: the row softmax of scaledScores; every row sums to 1, masked entries are 0 */
  weights: Matrix;
  /** n×d_v  weights·V */
  output: Matrix;
}

export interface MultiHeadInput extends AttentionInput {
  /** Number of heads; must divide the widths of Q (d_k) and V (d_v). Default 1. */
  heads?: number;
}

export interface MultiHeadTrace {
  heads: HeadTrace[];
  /** n×d_v  the heads' outputs side by side */
  concat: Matrix;
}

export interface SelfAttentionInput {
  /** n×d_in token vectors. */
  x: Matrix;
  /** d_in×d_model */
  wq: Matrix;
  /** d_in×d_model */
  wk: Matrix;
  /** d_in×d_v_all */
  wv: Matrix;
  /** d_v_all×d_out output projection; without it the output is the concatenation. */
  wo?: Matrix | null;
  /** Number of heads; must divide d_model and d_v_all. Default 1. */
  heads?: number;
  mask?: MaskName;
  /** Defaults to 1/√(d_model/heads). */
  scale?: number;
}

export interface HeadTrace extends AttentionTrace {
  /** n×(d_model/heads): this head's columns of Q */
  q: Matrix;
  /** n×(d_model/heads): this head's columns of K */
  k: Matrix;
  /** n×(d_v_all/heads): this head's columns of V */
  v: Matrix;
}

export interface SelfAttentionTrace {
  /** n×d_model  X·W_Q */
  q: Matrix;
  /** n×d_model  X·W_K */
  k: Matrix;
  /** n×d_v_all  X·W_V */
  v: Matrix;
  heads: HeadTrace[];
  /** n×d_v_all  the heads' outputs side by side */
  concat: Matrix;
  /** n×d_out  concat·W_O (or concat when W_O is not given) */
  output: Matrix;
}

/** A row-major matrix in one Float32Array: entry [i][j] is data[i·cols + j]. */
export interface FlatMatrix {
  rows: number;
  cols: number;
  /** rows·cols numbers, row after row. */
  data: Float32Array;
}

export interface AttentionOutputInput {
  /** n×d_k queries. */
  q: FlatMatrix;
  /** m×d_k keys. */
  k: FlatMatrix;
  /** m×d_v values. */
  v: FlatMatrix;
  /** Multiplies Q·Kᵀ; defaults to 1/√d_k. */
  scale?: number;
  /** 'causal': position i attends to 0..i only (needs n = m). Default 'none'. */
  mask?: MaskName;
}

export interface SelfAttentionOutputInput {
  /** n×d_in token vectors. */
  x: FlatMatrix;
  /** d_in×d_model */
  wq: FlatMatrix;
  /** d_in×d_model */
  wk: FlatMatrix;
  /** d_in×d_v_all */
  wv: FlatMatrix;
  /** d_v_all×d_out output projection; without it the output is the concatenation. */
  wo?: FlatMatrix | null;
  /** Number of heads; must divide d_model and d_v_all. Default 1. */
  heads?: number;
  /** 'causal': position i attends to 0..i only. Default 'none'. */
  mask?: MaskName;
  /** Defaults to 1/√(d_model/heads). */
  scale?: number;
}

/**
 * The stable code of an AttentionError: the page locates and translates errors by it (and by
 * matrix/row/col/option), never by the English message, whose words may be refined.
 *
 * - `missing`           a required argument is not given ("Q is missing; …", "attention() needs one argument, …")
 * - `not_a_matrix`      a matrix argument is not an array of rows (or not { rows, cols, data }), a row is
 *                       not an array, or a length is not a whole number
 * - `empty`             a matrix with no rows, or a row with no entries
 * - `ragged`            rows of one matrix with different lengths
 * - `not_a_number`      a cell (or scale, heads, dk, …) that is a string, null, undefined/a hole, a boolean,
 *                       an object or a BigInt
 * - `not_finite`        a cell or scale that is NaN, Infinity or -Infinity
 * - `out_of_range`      a finite number outside float32's range (±3.4e38)
 * - `too_large`         over a size limit: rows, columns, entries of a matrix, numbers of a trace or of an
 *                       intermediate (e.g. X·W_Q), heads
 * - `shape_mismatch`    two matrices whose shapes do not fit (K's width vs Q's, V's rows vs K's, W_Q's rows vs
 *                       X's columns, W_O's rows vs the concatenation, the causal mask's n = m)
 * - `heads_not_divisor` the number of heads does not divide a width
 * - `bad_option`        an option with a wrong value: unknown mask, heads not a whole number ≥ 1, dk/keys/samples/
 *                       seed out of range
 * - `overflow`          a computed number (a score, an output entry, a row sum, a projection) overflowed float32
 * - `build_mismatch`    the glue (.js) and the module (.wasm) come from different builds
 * - `unsupported`       the engine lacks what was asked for (SIMD128)
 * - `busy`              the core was called again from inside a call (by a getter of its input)
 */
export type AttentionErrorCode =
  | 'missing'
  | 'not_a_matrix'
  | 'empty'
  | 'ragged'
  | 'not_a_number'
  | 'not_finite'
  | 'out_of_range'
  | 'too_large'
  | 'shape_mismatch'
  | 'heads_not_divisor'
  | 'bad_option'
  | 'overflow'
  | 'build_mismatch'
  | 'unsupported'
  | 'busy';

/** The API's name of an input matrix. */
export type MatrixKey = 'q' | 'k' | 'v' | 'x' | 'wq' | 'wk' | 'wv' | 'wo' | 'matrix';

/** The option an error is about, where it is not a matrix. */
export type OptionKey = 'heads' | 'mask' | 'scale' | 'dk' | 'keys' | 'samples' | 'seed' | 'build' | 'threads';

/**
 * Every failure of the API: an Error with `name` 'AttentionError', a stable `code` and, where
 * it applies, the place: `matrix` (the API's key of the input to change), `row` and `col`
 * (0-based, when one cell or row is meant), or `option`. `message` is the English text.
 */
export class AttentionError extends Error {
  name: 'AttentionError';
  code: AttentionErrorCode;
  matrix?: MatrixKey;
  row?: number;
  col?: number;
  option?: OptionKey;
}

export interface MemoryInfo {
  /** Bytes of WebAssembly memory. */
  heapBytes: number;
  /** Bytes the C++ allocator has handed out and not taken back (0 between calls). */
  allocatedBytes: number;
}

export interface AttentionCore {
  info(): CoreInfo;
  /** Throws an AttentionError on bad input. */
  attention(input: AttentionInput): AttentionTrace;
  /** Given Q, K, V split into heads (no projections). Throws an AttentionError on bad input. */
  multiHead(input: MultiHeadInput): MultiHeadTrace;
  /** Throws an AttentionError on bad input. */
  selfAttention(input: SelfAttentionInput): SelfAttentionTrace;
  /** Σ of each row of a matrix; a sum beyond float32 throws (code 'overflow'). */
  rowSums(matrix: Matrix): number[];
  /** Lengths, cosines, angles (radians) of every pair of rows of a and b (equal widths); names for messages. */
  pairGeometry(a: Matrix, b: Matrix, names?: { a?: string; b?: string }): PairGeometry;
  /** The convex hull of points (n×2) as row indices, counter-clockwise from the lowest point. */
  convexHull2d(points: Matrix, name?: string): number[];
  /** The "Why scale?" experiment: q (samples×dk) and K (keys×dk) with N(0, 1) entries. */
  scaleExperiment(input: { dk: number; keys?: number; samples?: number; seed?: number }): ScaleExperiment;
  /**
   * The n×d_v output alone, by the streaming path (online softmax; no n×m matrix, so no trace
   * limit: up to 8192 tokens). The result is a copy the caller owns. Throws an AttentionError on bad input (or on an overflowed output).
   */
  attentionOutput(input: AttentionOutputInput): FlatMatrix;
  /**
   * The n×d_out output of multi-head self-attention alone (projections, the streaming path per
   * head, concatenation, ·W_O): equal to selfAttention(...).output within 1e-5, without the
   * trace limit. The result is a copy the caller owns. Throws an AttentionError on bad input (or on an overflowed output).
   */
  selfAttentionOutput(input: SelfAttentionOutputInput): FlatMatrix;
  memory(): MemoryInfo;
  /**
   * The sinusoidal positional encoding of X's shape (PE[p][2i] = sin(p/10000^(2i/d)),
   * PE[p][2i+1] = cos(p/10000^(2i/d)), p = 0 … n−1) and X + PE, both from the core.
   */
  positionalEncoding(input: { x: Matrix }): { encoding: number[][]; sum: number[][] };
}

export interface WeightSpread {
  /** Mean over rows of the largest weight (1/keys … 1). */
  maxWeight: number;
  /** Mean over rows of the entropy as a share of ln(keys) (1 = uniform, 0 = all on one key). */
  entropyShare: number;
}

export interface ScaleExperiment {
  /** Root mean square of the unscaled scores (≈ √dk). */
  scoreRms: number;
  unscaled: WeightSpread;
  scaled: WeightSpread;
}

/** True when this engine can run the SIMD128 build. */
export function simdSupported(): boolean;

/** True when this engine can run the relaxed-SIMD build (f32x4.relaxed_madd). */
export function relaxedSimdSupported(): boolean;

/**
 * The build loadAttention loads: `build` forces one, `simd: true` forces 'simd128' and `false`
 * 'scalar' (an AttentionError, code 'unsupported', where the engine cannot run it; 'bad_option'
 * when both are given or the name is unknown); by default the fastest supported: 'relaxed-simd',
 * then 'simd128', then 'scalar'. `supports` defaults to feature detection.
 */
export function chooseBuild(
  options?: { build?: BuildName; simd?: boolean },
  supports?: { relaxedSimd: boolean; simd: boolean },
): BuildName;

/**
 * Why this engine cannot run a threaded build ('SharedArrayBuffer is not available', or in a
 * browser 'not cross-origin isolated'), or undefined when it can.
 */
export function threadsUnavailable(): string | undefined;

/**
 * Loads the core, the build chooseBuild(options) picks. Rejects with an AttentionError, code
 * 'build_mismatch', when the glue and the wasm come from different builds, and 'bad_option'
 * (option 'threads') for threads other than a whole number ≥ 1 or 'auto'.
 */
export function loadAttention(options?: {
  build?: BuildName;
  simd?: boolean;
  /**
   * Threads for attentionOutput and selfAttentionOutput (default 1; 'auto': every core),
   * clamped to navigator.hardwareConcurrency (os.availableParallelism() in Node). More than one
   * loads the build's threaded flavour where shared memory is available (in a browser: a
   * cross-origin isolated page), else one thread runs; info() says which.
   */
  threads?: number | 'auto';
  /** The folder holding attention-{relaxed,simd,scalar}.{js,wasm}; default web/wasm/ (../../wasm/ from attention.js). */
  folder?: string | URL;
}): Promise<AttentionCore>;

/** What a dot product is made of (pairGeometry): a is n×d, b is m×d. */
export interface PairGeometry {
  normsA: number[];
  normsB: number[];
  dots: Matrix;
  cosines: Matrix;
  /** arccos of the cosines, radians in [0, π] */
  angles: Matrix;
  /** the angles in degrees, [0, 180] */
  degrees: Matrix;
  /** |a_i|·|b_j|·cos θ_ij */
  products: Matrix;
  unitsA: Matrix;
  unitsB: Matrix;
}
