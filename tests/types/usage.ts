// usage.ts — every entry of web/js/core/attention.d.ts used as a caller would, checked by
// `npx tsc --noEmit -p .` (never run). A change of a declared type that breaks callers fails here;
// the @ts-expect-error lines fail if a wrong call stops being an error.
import {
  AttentionError, chooseBuild, loadAttention, relaxedSimdSupported, simdSupported, threadsUnavailable,
  type AttentionCore, type AttentionErrorCode, type AttentionTrace, type BuildName, type CoreInfo, type FlatMatrix,
  type HeadTrace, type Matrix, type MatrixKey, type MemoryInfo, type MultiHeadTrace, type OptionKey, type PairGeometry,
  type ScaleExperiment, type SelfAttentionTrace, type WeightSpread,
} from '../../web/js/core/attention.js';
import { byId, closestTo, el } from '../../web/js/walkthrough/dom.js';
import { describeError } from '../../web/js/walkthrough/i18n.js';
import { maxDifference } from '../../web/js/perf/max-difference.js';

const q: Matrix = [[1, 0], [0, 1]];
const flat = (m: Matrix): FlatMatrix => ({ rows: m.length, cols: m[0].length, data: Float32Array.from(m.flat()) });

export async function useEveryEntry(): Promise<number> {
  const supported: boolean = simdSupported() && relaxedSimdSupported();
  const build: BuildName = chooseBuild({ simd: supported }, { relaxedSimd: false, simd: true });
  const core: AttentionCore = await loadAttention({ build, folder: new URL('../../web/wasm/', import.meta.url) });
  await loadAttention({ simd: false, folder: 'web/wasm/' });
  await loadAttention();
  const threaded: AttentionCore = await loadAttention({ threads: 2 });
  await loadAttention({ build: 'simd128', threads: 'auto' });
  const threads: number = threaded.info().threads;
  const why: string | undefined = threaded.info().threadsUnavailable ?? threadsUnavailable();

  const info: CoreInfo = core.info();
  const limits: number = info.limits.maxDimension + info.limits.maxMatrixEntries + info.limits.maxHeads + info.limits.maxTraceFloats;
  const words: string = info.version + info.buildId + info.arch + info.build;

  const trace: AttentionTrace = core.attention({ q, k: q, v: q, scale: 0.5, mask: 'causal' });
  const fields: Matrix[] = [trace.scores, trace.scaledScores, trace.exponentials, trace.weights, trace.output];
  const rows: number[] = [...trace.rowMax, ...trace.rowSum, trace.scale];

  const multi: MultiHeadTrace = core.multiHead({ q, k: q, v: q, heads: 2, mask: 'none' });
  const head: HeadTrace = multi.heads[0];
  const headMatrices: Matrix[] = [head.q, head.k, head.v, multi.concat];

  const self: SelfAttentionTrace = core.selfAttention({ x: q, wq: q, wk: q, wv: q, wo: null, heads: 1, mask: 'none', scale: 1 });
  const selfMatrices: Matrix[] = [self.q, self.k, self.v, self.concat, self.output, self.heads[0].weights];

  const sums: number[] = core.rowSums(q);
  const pair: PairGeometry = core.pairGeometry(q, q, { a: 'Q', b: 'K' });
  const pairMatrices: Matrix[] = [pair.dots, pair.cosines, pair.angles, pair.degrees, pair.products, pair.unitsA, pair.unitsB];
  const norms: number[] = [...pair.normsA, ...pair.normsB];
  const hull: number[] = core.convexHull2d(q, 'points');
  const experiment: ScaleExperiment = core.scaleExperiment({ dk: 64, keys: 16, samples: 100, seed: 1 });
  const spread: WeightSpread = experiment.scaled;
  const spreads: number = experiment.scoreRms + experiment.unscaled.maxWeight + spread.entropyShare;

  const out: FlatMatrix = core.attentionOutput({ q: flat(q), k: flat(q), v: flat(q), mask: 'causal', scale: 1 });
  const selfOut: FlatMatrix = core.selfAttentionOutput({ x: flat(q), wq: flat(q), wk: flat(q), wv: flat(q), wo: flat(q), heads: 2 });
  const data: Float32Array = out.data.length > 0 ? out.data : selfOut.data;
  const memory: MemoryInfo = core.memory();
  const positions: { encoding: number[][]; sum: number[][] } = core.positionalEncoding({ x: q });

  try {
    core.attention({ q, k: [[1]], v: q });
  } catch (err) {
    if (err instanceof AttentionError) {
      const code: AttentionErrorCode = err.code;
      const matrix: MatrixKey | undefined = err.matrix;
      const option: OptionKey | undefined = err.option;
      const place: (number | undefined)[] = [err.row, err.col];
      const name: 'AttentionError' = err.name;
      void [code, matrix, option, place, name];
    }
  }

  // Wrong calls stay errors.
  // @ts-expect-error mask is 'none' or 'causal'
  core.attention({ q, k: q, v: q, mask: 'future' });
  // @ts-expect-error attentionOutput takes { rows, cols, data }, not nested arrays
  core.attentionOutput({ q, k: q, v: q });
  // @ts-expect-error there is no build called 'avx'
  chooseBuild({ build: 'avx' });
  // @ts-expect-error threads is a number or 'auto'
  loadAttention({ threads: 'all' });
  // @ts-expect-error a trace's weights are a Matrix, not a FlatMatrix
  const wrong: FlatMatrix = trace.weights;

  void [limits, words, fields, rows, headMatrices, selfMatrices, sums, pairMatrices, norms, hull, spreads, data, memory, positions, wrong, threads, why];
  return limits;
}

// The page's helpers that the modules' types rest on: elements typed by what was checked.
export function usePageHelpers(event: Event): string {
  const select: HTMLSelectElement = byId('preset', HTMLSelectElement);
  const option: HTMLOptionElement = el('option', null, 'text');
  const anchor: HTMLAnchorElement = el('a');
  const target: HTMLElement | null = closestTo(event.target, 'a[data-step]');
  const difference: number = maxDifference(out(), [[1, 2]]);
  // @ts-expect-error byId without a type gives an HTMLElement, which has no value
  const value: string = byId('preset').value;
  // @ts-expect-error el's tag is an HTML tag name
  el('not-a-tag');
  void [select, option, anchor, target, difference, value];
  return describeError(new Error('x'));
}
const out = (): FlatMatrix => flat(q);
