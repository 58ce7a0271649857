// state.js — what the learner is looking at, and its URL hash.
//
//   #<preset>/<step>?heads=2&mask=causal&scale=t:0.5&prec=3&head=1&in=<JSON>
//
// Only what differs from the example is written. Everything read from a hash is data: it is
// checked field by field (known ids, bounded numbers, matrices of short strings) and is only
// ever shown with textContent or input.value, never parsed as markup. A hash that does not pass
// falls back to the example, with a message saying what was wrong.

export const STEP_IDS = ['input', 'projection', 'scores', 'scale', 'softmax', 'output', 'multihead', 'mask'];

// Sizes the page offers (the core itself accepts far more; beyond these a lesson is unreadable).
export const LIMITS = { maxRows: 16, maxCols: 16, maxHeads: 16, minTemperature: 0.1, maxTemperature: 10, maxPrecision: 8 };
export const DEFAULT_PRECISION = 4;

export const matrixNames = (form) => (form === 'qkv' ? ['q', 'k', 'v'] : ['x', 'wq', 'wk', 'wv', 'wo']);

const cellText = (x) => (Object.is(x, -0) ? '0' : String(x));
const toText = (matrix) => matrix.map((row) => row.map(cellText));

/** The state of a preset as published: its numbers as the text of editable cells. */
export function presetState(preset, step = STEP_IDS[0]) {
  const inputs = {};
  for (const name of matrixNames(preset.form)) {
    if (preset[name]) inputs[name] = toText(preset[name]);
  }
  return {
    preset: preset.id,
    step,
    inputs,
    heads: preset.heads ?? 1,
    mask: preset.mask ?? 'none',
    scale: preset.scale === null || preset.scale === undefined ? { mode: 'default' } : { mode: 'fixed', value: preset.scale },
    head: 0,
    precision: DEFAULT_PRECISION,
  };
}

const sameInputs = (a, b) => JSON.stringify(a) === JSON.stringify(b);

export function isEdited(state, preset) {
  return !sameInputs(state.inputs, presetState(preset).inputs);
}

function scaleText(scale) {
  switch (scale.mode) {
    case 'one': return 'one';
    case 'temperature': return `t:${scale.temperature}`;
    case 'fixed': return `s:${scale.value}`;
    default: return 'default';
  }
}

/** The hash for a state (without the leading '#'). */
export function stateToHash(state, preset) {
  const base = presetState(preset);
  const params = new URLSearchParams();
  if (state.heads !== base.heads) params.set('heads', String(state.heads));
  if (state.mask !== base.mask) params.set('mask', state.mask);
  if (scaleText(state.scale) !== scaleText(base.scale)) params.set('scale', scaleText(state.scale));
  if (state.precision !== base.precision) params.set('prec', String(state.precision));
  if (state.head !== 0) params.set('head', String(state.head));
  if (!sameInputs(state.inputs, base.inputs)) params.set('in', JSON.stringify(state.inputs));
  const query = params.toString();
  return `${encodeURIComponent(state.preset)}/${state.step}${query ? `?${query}` : ''}`;
}

/**
 * Why (part of) a hash was not used: a stable `code`, the English `message`, and the `values`
 * it names (for the page's other languages, i18n.js's linkProblem).
 * @typedef {{ code: string, message: string, values: Record<string, string | number | number[]> }} LinkProblem
 */

/** @returns {LinkProblem} */
const linkProblem = (code, message, values = {}) => ({ code, message, values });

class HashError extends Error {
  /** @param {LinkProblem} problem */
  constructor(problem) {
    super(problem.message);
    this.problem = problem;
  }
}

function integerParam(params, name, min, max) {
  const text = params.get(name);
  if (!/^\d{1,3}$/.test(text) || Number(text) < min || Number(text) > max) {
    throw new HashError(linkProblem('bad_integer', `${name} must be a whole number from ${min} to ${max}`, { name, min, max }));
  }
  return Number(text);
}

function parseScale(text) {
  if (text === 'default') return { mode: 'default' };
  if (text === 'one') return { mode: 'one' };
  let m = /^t:(\d{1,2}(?:\.\d{1,3})?)$/.exec(text);
  if (m) {
    const temperature = Number(m[1]);
    if (temperature >= LIMITS.minTemperature && temperature <= LIMITS.maxTemperature) return { mode: 'temperature', temperature };
  }
  m = /^s:(-?\d{1,6}(?:\.\d{1,8})?)$/.exec(text);
  if (m) return { mode: 'fixed', value: Number(m[1]) };
  throw new HashError(linkProblem('bad_scale', 'scale must be default, one, t:<temperature from 0.1 to 10> or s:<number>'));
}

// A matrix of cell texts, within the page's limits: rows of equal length, strings. A cell's text
// has no length limit here, because an editable cell has none: whatever the page accepts, its link
// must restore (the texts are data, shown only as input.value or textContent).
function checkMatrix(value, name) {
  const ok = Array.isArray(value) && value.length >= 1 && value.length <= LIMITS.maxRows &&
    value.every((row) => Array.isArray(row) && row.length >= 1 && row.length <= LIMITS.maxCols && row.length === value[0].length &&
      row.every((cell) => typeof cell === 'string'));
  if (!ok) throw new HashError(linkProblem('bad_matrix', `${name} must be 1 to ${LIMITS.maxRows} rows of 1 to ${LIMITS.maxCols} texts`, { name, rows: LIMITS.maxRows, cols: LIMITS.maxCols }));
  return value.map((row) => row.slice());
}

function parseInputs(text, preset) {
  let data;
  try {
    data = JSON.parse(text);
  } catch {
    throw new HashError(linkProblem('bad_json', 'the numbers are not valid JSON'));
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) throw new HashError(linkProblem('not_an_object', 'the numbers must be an object of matrices'));
  const allowed = matrixNames(preset.form);
  const inputs = {};
  for (const key of Object.keys(data)) {
    if (!allowed.includes(key)) throw new HashError(linkProblem('unknown_matrix', `this example has no matrix “${key.slice(0, 20)}”`, { name: key.slice(0, 20) }));
  }
  for (const name of allowed) {
    if (name === 'wo' && (data.wo === undefined || data.wo === null)) continue;
    if (data[name] === undefined) throw new HashError(linkProblem('missing_matrix', `the matrix ${name} is missing`, { name }));
    inputs[name] = checkMatrix(data[name], name);
  }
  return inputs;
}

/** The widths the heads split: d_k and d_v (of Q and V, or of W_Q and W_V). */
export function headWidthsOf(form, inputs) {
  return form === 'qkv' ? [inputs.q[0].length, inputs.v[0].length] : [inputs.wq[0].length, inputs.wv[0].length];
}

/**
 * Reads a hash (with or without '#'). Returns { state, problem }: problem is null, or a
 * LinkProblem saying why (part of) the hash was ignored; state is always usable.
 */
export function hashToState(hash, presets) {
  const text = hash.replace(/^#/, '');
  const fallback = presetState(presets[0]);
  if (text === '') return { state: fallback, problem: null };

  const [path, query = ''] = text.split(/\?(.*)/s, 2);
  const [presetPart, stepPart] = path.split('/', 2);
  let presetId;
  try {
    presetId = decodeURIComponent(presetPart);
  } catch {
    return { state: fallback, problem: linkProblem('bad_example_name', 'the example name is not valid') };
  }
  const preset = presets.find((p) => p.id === presetId);
  if (!preset) return { state: fallback, problem: linkProblem('unknown_example', `there is no example called “${presetId.slice(0, 40)}”`, { name: presetId.slice(0, 40) }) };
  let step = stepPart === undefined || stepPart === '' ? STEP_IDS[0] : stepPart;
  try {
    step = decodeURIComponent(step);
  } catch {
    return { state: presetState(preset), problem: linkProblem('bad_step_name', 'the step name is not valid') };
  }
  if (!STEP_IDS.includes(step)) return { state: presetState(preset), problem: linkProblem('unknown_step', `there is no step called “${step.slice(0, 40)}”`, { name: step.slice(0, 40) }) };

  const state = presetState(preset, step);
  try {
    const params = new URLSearchParams(query);
    for (const key of params.keys()) {
      if (!['heads', 'mask', 'scale', 'prec', 'head', 'in'].includes(key)) throw new HashError(linkProblem('unknown_setting', `unknown setting “${key.slice(0, 20)}”`, { name: key.slice(0, 20) }));
    }
    if (params.has('heads')) state.heads = integerParam(params, 'heads', 1, LIMITS.maxHeads);
    if (params.has('mask')) {
      const mask = params.get('mask');
      if (mask !== 'none' && mask !== 'causal') throw new HashError(linkProblem('bad_mask', 'mask must be none or causal'));
      state.mask = mask;
    }
    if (params.has('scale')) state.scale = parseScale(params.get('scale'));
    if (params.has('prec')) state.precision = integerParam(params, 'prec', 0, LIMITS.maxPrecision);
    if (params.has('head')) state.head = integerParam(params, 'head', 0, LIMITS.maxHeads - 1);
    if (params.has('in')) state.inputs = parseInputs(params.get('in'), preset);
    const widths = headWidthsOf(preset.form, state.inputs);
    if (widths.some((w) => w % state.heads !== 0)) {
      const fits = Array.from({ length: Math.min(...widths) }, (_, i) => i + 1).filter((h) => widths.every((w) => w % h === 0));
      throw new HashError(linkProblem('heads_not_divisor', `heads = ${state.heads} does not divide the widths ${widths.join(' and ')}; heads must be one of ${fits.join(', ')}`,
        { heads: state.heads, widths, fits }));
    }
  } catch (err) {
    if (!(err instanceof HashError)) throw err;
    return { state: presetState(preset, step), problem: err.problem };
  }
  return { state, problem: null };
}

/**
 * Resizes a matrix of cell texts to rows×cols, keeping what was typed; new cells are "0".
 */
export function resizeMatrix(matrix, rows, cols) {
  return Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => matrix[i]?.[j] ?? '0'));
}
