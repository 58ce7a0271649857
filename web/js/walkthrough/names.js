// names.js — one name per thing. Each matrix of the walk-through has a symbol (shown in the
// formulas, captions, popovers and the pipeline map), a TeX form, and a word (in i18n.js,
// words.<symbol>). TABLE lists the table keys a step can put on screen; explainers name their
// sources through it, and steps.js checks that every named source is on the step (so no
// explainer can point at a table that is not there).

/** symbol -> { tex, text }: tex for KaTeX captions, text for plain-text lines (popovers, map). */
export const SYMBOLS = {
  X: { tex: 'X', text: 'X' },
  WQ: { tex: 'W_Q', text: 'W_Q' },
  WK: { tex: 'W_K', text: 'W_K' },
  WV: { tex: 'W_V', text: 'W_V' },
  WO: { tex: 'W_O', text: 'W_O' },
  Q: { tex: 'Q', text: 'Q' },
  K: { tex: 'K', text: 'K' },
  KT: { tex: 'K^\\top', text: 'Kᵀ' },
  V: { tex: 'V', text: 'V' },
  S: { tex: 'S', text: 'S' },
  Sp: { tex: "S'", text: 'S′' },
  E: { tex: 'E', text: 'E' },
  A: { tex: 'A', text: 'A' },
  O: { tex: 'O', text: 'O' },
  C: { tex: 'C', text: 'C' },
  Y: { tex: 'Y', text: 'Y' },
};

/** The input matrices' keys in the state and their symbols. */
export const INPUT_SYMBOL = { x: 'X', q: 'Q', k: 'K', v: 'V', wq: 'WQ', wk: 'WK', wv: 'WV', wo: 'WO' };

/** Table keys (data-key) a step may show. A key outside this list is a programming error. */
export const TABLE = Object.freeze({
  x: 'x', wq: 'wq', wk: 'wk', wv: 'wv', wo: 'wo', q: 'q', k: 'k', v: 'v',
  projQ: 'p-q', projK: 'p-k', projV: 'p-v',
  headQ: 'hq', headKT: 'hk', headV: 'hv',
  scores: 'scores', scaled: 'scaled', exp: 'exp', weights: 'weights', output: 'out',
  concat: 'concat', final: 'final',
  multi: (/** @type {number} */ h, /** @type {string} */ part = '') => `head-${h}${part ? `-${part}` : ''}`,
  masked: (kind, mask) => `${kind}-${mask}`,
});
