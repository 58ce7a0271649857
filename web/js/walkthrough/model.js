// model.js — turns the page state into calls to the attention core, and the core's answers
// (or its messages) into what the steps show. No attention arithmetic happens here: the
// numbers all come from core.multiHead / core.selfAttention.

import { matrixNames, presetState } from './state.js';
import { placeOf } from './i18n.js';

// A number as people type it: 3, -2.5, .5, 1e-3, 1E+2 (also ∞-sized ones like 1e999, which
// the core then refuses with its own message).
const NUMBER_TEXT = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

export const DISPLAY_NAMES = { x: 'X', q: 'Q', k: 'K', v: 'V', wq: 'W_Q', wk: 'W_K', wv: 'W_V', wo: 'W_O' };

/**
 * The typed cell texts as numbers. Returns { values, problems }: problems lists the cells
 * that are empty or not a number, as { matrix, i, j, kind: 'empty' | 'text', text }.
 */
export function parseInputs(inputs) {
  const values = {};
  const problems = [];
  for (const [name, matrix] of Object.entries(inputs)) {
    values[name] = matrix.map((row, i) => row.map((text, j) => {
      const trimmed = text.trim().replace(/^−/, '-');
      if (trimmed === '') {
        problems.push({ matrix: name, i, j, kind: 'empty', text });
        return 0;
      }
      if (!NUMBER_TEXT.test(trimmed)) {
        problems.push({ matrix: name, i, j, kind: 'text', text });
        return 0;
      }
      return Number(trimmed);
    }));
  }
  return { values, problems };
}

/** The scale to pass to the core: undefined for 1/√d_k. */
export function scaleOption(scale) {
  switch (scale.mode) {
    case 'one': return 1;
    case 'temperature': return 1 / scale.temperature;
    case 'fixed': return scale.value;
    default: return undefined;
  }
}

// qkv presets: steps 3–6 show attention on the whole of the given Q, K, V (one head); the
// multi-head step splits them into state.heads heads (result.split, or result.splitProblem when
// the heads do not divide the widths — that only concerns step 7).
// x presets: the projections are split into heads from step 3 on (selfAttention).
function runOnce(core, form, values, state, mask) {
  const scale = scaleOption(state.scale);
  if (form === 'qkv') {
    // One head: the trace of the whole Q, K, V, which the core also returns as float32 (q, k, v).
    const [single] = core.multiHead({ q: values.q, k: values.k, v: values.v, heads: 1, mask, scale }).heads;
    const result = {
      form, q: single.q, k: single.k, v: single.v, wo: null,
      heads: [single], concat: single.output, output: single.output,
      split: null, splitProblem: null,
    };
    try {
      result.split = core.multiHead({ q: values.q, k: values.k, v: values.v, heads: state.heads, mask, scale });
    } catch (err) {
      result.splitProblem = problemOf(err, form);
    }
    return result;
  }
  const r = core.selfAttention({
    x: values.x, wq: values.wq, wk: values.wk, wv: values.wv, wo: values.wo ?? null, heads: state.heads, mask, scale,
  });
  return { form, x: values.x, wq: values.wq, wk: values.wk, wv: values.wv, wo: values.wo ?? null, ...r, split: { heads: r.heads, concat: r.concat }, splitProblem: null };
}

// Where an AttentionError points, from its place (never its text): a cell { matrix, i, j },
// a matrix { matrix }, or a settings control { control: 'heads' | 'mask' | 'scale' }.
const CONTROLS = ['heads', 'mask', 'scale'];
export function locateError(err, form) {
  if (err.matrix !== undefined && matrixNames(form).includes(err.matrix)) {
    if (err.row !== undefined && err.col !== undefined) return { matrix: err.matrix, i: err.row, j: err.col };
    return { matrix: err.matrix };
  }
  if (CONTROLS.includes(err.option)) return { control: err.option };
  return {};
}

// A failed call as the page keeps it: the English message, the code and place that
// localizeCoreMessage translates by (in the language of the moment it is shown), and where it points.
function problemOf(err, form) {
  return { message: err.message, code: err.code, place: placeOf(err), where: locateError(err, form) };
}

/**
 * Runs the state through the core. Returns { result, compare, problem }:
 *   result  — { form, inputs…, heads: [per-head traces], concat, output } or null
 *   compare — { none, causal } results for the masking step (each { result }, or { result: null, problem }
 *             with problem as below)
 *   problem — null, or { message, code, place, where: { matrix, i, j } | { control } } (with a result: only
 *             the multi-head split failed), or { cells: [...] } for cells that are not numbers
 */
export function compute(core, form, state) {
  const { values, problems } = parseInputs(state.inputs);
  if (problems.length > 0) return { result: null, compare: null, problem: { cells: problems } };
  let result;
  try {
    result = runOnce(core, form, values, state, state.mask);
  } catch (err) {
    return { result: null, compare: null, problem: problemOf(err, form) };
  }
  const compare = {};
  for (const mask of ['none', 'causal']) {
    if (mask === state.mask) {
      compare[mask] = { result };
      continue;
    }
    try {
      compare[mask] = { result: runOnce(core, form, values, state, mask) };
    } catch (err) {
      compare[mask] = { result: null, problem: problemOf(err, form) };
    }
  }
  return { result, compare, problem: result.splitProblem };
}

/** The value of a single-head trace field for a preset's own numbers (for the errata panels). */
export function presetTrace(core, preset) {
  const published = presetState(preset);
  try {
    return runOnce(core, preset.form, parseInputs(published.inputs).values, published, published.mask);
  } catch {
    return null;
  }
}
