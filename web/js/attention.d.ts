// Types of web/js/attention.js, the JavaScript API of the attention core.

/** A matrix as plain nested arrays: rows of equal length, finite numbers. */
export type Matrix = number[][];

export type MaskName = 'none' | 'causal';

export type BuildName = 'relaxed-simd' | 'simd128' | 'scalar';

export interface CoreInfo {
  /** Which WebAssembly build is running ('relaxed-simd': SIMD128 with fused multiply-add in the products). */
  build: BuildName;
  /** The core's version, e.g. "0.1.0". */
  version: string;
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

export interface MemoryInfo {
  /** Bytes of WebAssembly memory. */
  heapBytes: number;
  /** Bytes the C++ allocator has handed out and not taken back (0 between calls). */
  allocatedBytes: number;
}

export interface AttentionCore {
  info(): CoreInfo;
  /** Throws an Error with the core's message on bad input. */
  attention(input: AttentionInput): AttentionTrace;
  /** Given Q, K, V split into heads (no projections). Throws an Error with the core's message on bad input. */
  multiHead(input: MultiHeadInput): MultiHeadTrace;
  /** Throws an Error with the core's message on bad input. */
  selfAttention(input: SelfAttentionInput): SelfAttentionTrace;
  /** Σ of each row of a matrix. */
  rowSums(matrix: Matrix): number[];
  /** The "Why scale?" experiment: q (samples×dk) and K (keys×dk) with N(0, 1) entries. */
  scaleExperiment(input: { dk: number; keys?: number; samples?: number; seed?: number }): ScaleExperiment;
  /**
   * The n×d_v output alone, by the streaming path (online softmax; no n×m matrix, so no trace
   * limit: up to 8192 tokens). The result is a copy the caller owns. Throws an Error on bad input.
   */
  attentionOutput(input: AttentionOutputInput): FlatMatrix;
  /**
   * The n×d_out output of multi-head self-attention alone (projections, the streaming path per
   * head, concatenation, ·W_O): equal to selfAttention(...).output within 1e-5, without the
   * trace limit. The result is a copy the caller owns. Throws an Error on bad input.
   */
  selfAttentionOutput(input: SelfAttentionOutputInput): FlatMatrix;
  memory(): MemoryInfo;
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
 * 'scalar' (throws where unsupported, or when both are given); by default the fastest supported:
 * 'relaxed-simd', then 'simd128', then 'scalar'. `supports` defaults to feature detection.
 */
export function chooseBuild(
  options?: { build?: BuildName; simd?: boolean },
  supports?: { relaxedSimd: boolean; simd: boolean },
): BuildName;

/** Loads the core, the build chooseBuild(options) picks. */
export function loadAttention(options?: { build?: BuildName; simd?: boolean }): Promise<AttentionCore>;
