// max-difference.js — how far one result is from another: used by the Performance page's worker
// and the benchmark (through timing.js) and by the Node tests (tests/node/helpers.mjs).

/**
 * Largest |actual − expected| between two values of the same shape: numbers, nested arrays,
 * typed arrays (Float32Array, …), or the fast paths' { rows, cols, data } (either side may be
 * flat). −∞ (null in the native trace tool's JSON) matches only −∞. Infinity when the shapes or
 * kinds differ, so "differs by more than t" holds then; NaN when either side holds a NaN.
 * @param {unknown} actual
 * @param {unknown} expected
 * @returns {number}
 */
export function maxDifference(actual, expected) {
  const a = nested(actual), e = nested(expected);
  if (isList(a) || isList(e)) {
    if (!isList(a) || !isList(e) || a.length !== e.length) return Infinity;
    let worst = 0;
    for (let i = 0; i < e.length; i++) worst = Math.max(worst, maxDifference(a[i], e[i]));
    return worst;
  }
  if (e === null || e === -Infinity || a === -Infinity) return a === -Infinity && (e === null || e === -Infinity) ? 0 : Infinity;
  if (typeof a !== 'number' || typeof e !== 'number') return Infinity;
  return Math.abs(a - e);
}

/**
 * An array or a typed array: a list of entries with a length.
 * @param {unknown} x
 * @returns {x is ArrayLike<unknown>}
 */
const isList = (x) => Array.isArray(x) || (ArrayBuffer.isView(x) && !(x instanceof DataView));

/**
 * { rows, cols, data } -> number[][] (row i is data[i·cols … (i+1)·cols)); anything else as it is.
 * @param {unknown} m
 * @returns {unknown}
 */
function nested(m) {
  if (m === null || typeof m !== 'object' || !('data' in m && 'rows' in m && 'cols' in m)) return m;
  const { rows, cols, data } = m;
  if (typeof rows !== 'number' || typeof cols !== 'number' || !(data instanceof Float32Array || Array.isArray(data))) return m;
  return Array.from({ length: rows }, (_, i) => Array.from(data.slice(i * cols, (i + 1) * cols)));
}
