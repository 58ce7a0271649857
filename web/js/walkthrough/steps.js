// steps.js — the content of each step's screen: the matrices of that step (editable inputs,
// the core's results), how each result cell was made, the errata section, and for "scale" the
// "Why scale?" chart. Every number shown comes from the core's trace (ctx.result); the page only
// arranges them (Kᵀ is K's numbers laid out column by column, never recomputed).
//
// Counting: data-i / data-j / data-row / data-col count from 0 (the core's arrays); every label
// and text the learner reads counts from 1 (q₁, S[1,2], "row 1").
//
// Views slot: right after each step's main figure there is one <div data-slot="views">, where the
// token and plane views mount (site/token-view.js, site/plane-view.js). ctx.setInputRow(name, i,
// values) edits a row of an input matrix and recomputes every step through the core.

import { t, labelled, pick, sub, language, localizeCoreMessage } from './i18n.js';
import { appendRich, displayFormula } from './tex.js';
import { matrixFigure, plainMatrix, formatCell, decimalsOf, colourLegend, divergingExtent, sharedWidths } from './matrix-view.js';
import { SYMBOLS, INPUT_SYMBOL, TABLE } from './names.js';
import { el } from './dom.js';
import { importOnce } from './import-once.js';

// The views of later steps (token and plane views, the "Why scale?" chart, the demos: later-views.js)
// come in a chunk of their own, imported once the first step is shown (main.js), or before the
// first render when a link opens another step. A step rendered before they arrive is marked
// data-pending (renderStep's `pending`), and main.js draws it again when they have.
/** @type {typeof import('./later-views.js') | null} */
let later = null;
const importLaterViews = importOnce(() => import('./later-views.js'));
/** Imports the later views (once; after a failure, the next need tries again); resolves when they are in. */
export const loadLaterViews = () => importLaterViews().then((module) => { later = module; });
/**
 * The later views' export `name`, or null before they have loaded (the step then waits for them).
 * @template {keyof typeof import('./later-views.js')} K
 * @param {any} ctx
 * @param {K} name
 * @returns {(typeof import('./later-views.js'))[K] | null}
 */
function fromLater(ctx, name) {
  if (later) return later[name];
  ctx.waitingForLater = true;
  return null;
}

const column = (m, j) => m.map((row) => row[j]);
// Kᵀ on screen: K's own numbers (from the core), placed column by column. Layout, not arithmetic.
const layoutTransposed = (m) => m[0].map((_, j) => m.map((row) => row[j]));

/** A matrix's numbers as its cells print them (same decimals across the matrix). */
const printer = (matrix, p) => {
  const decimals = decimalsOf(matrix, p);
  return (x) => formatCell(x, decimals);
};

// "a×b + c×d" for the terms of a dot product; each factor takes its source's colour role.
function productTerms(a, b, fa, fb) {
  const paren = (text) => (text.startsWith('-') ? `(${text})` : text);
  const parts = [{ text: '= ' }];
  a.forEach((x, i) => {
    if (i > 0) parts.push({ text: ' + ' });
    parts.push({ text: paren(fa(x)), role: 'a' }, { text: '×' }, { text: paren(fb(b[i])), role: 'b' });
  });
  return parts;
}

/** Row labels "q₁ the", counting from 1, with the example's words when it has them. */
function tokenLabels(ctx, count, letter) {
  const tokens = ctx.preset.tokens;
  return Array.from({ length: count }, (_, i) => {
    const base = `${letter}${sub(i + 1)}`;
    return tokens && tokens[i] !== undefined ? `${base} ${tokens[i]}` : base;
  });
}

const caption = (symbolTex, wordKey) => t('caption')(`$${symbolTex}$`, t('words')[wordKey]);

// Registers how a result cell was made, and which tables its sources are in (checked in renderStep).
function explained(ctx, key, fn, sourceKeys) {
  ctx.explainers.set(key, fn);
  ctx.sourceKeys.set(key, sourceKeys);
  return fn;
}

// The editable figure of input `name`: labels of its rows and columns, and its title (by default
// the matrix's symbol).
function inputFigure(ctx, name, /** @type {{ rowLabels?: string[], colLabels?: string[], title?: string }} */ { rowLabels, colLabels, title } = {}) {
  const values = ctx.state.inputs[name];
  const problems = new Set((ctx.problemCells ?? []).filter((p) => p.matrix === name).map((p) => `${p.i},${p.j}`));
  const symbol = INPUT_SYMBOL[name];
  const figure = matrixFigure({
    key: name, symbol, title: title ?? caption(SYMBOLS[symbol].tex, symbol), name: SYMBOLS[symbol].text, values, editable: true,
    rowLabels, colLabels, problems, precision: ctx.precision,
  });
  if (ctx.problemMatrix === name) figure.classList.add('problem');
  return figure;
}

function resultFigure(ctx, opts) {
  for (const extraColumn of opts.extra ?? []) {
    if (extraColumn.explain) explained(ctx, `${opts.key}:${extraColumn.key}`, extraColumn.explain, extraColumn.sourceKeys ?? []);
  }
  return matrixFigure({ precision: ctx.precision, ...opts,
    explain: opts.explain ? explained(ctx, opts.key, opts.explain, opts.sourceKeys ?? []) : undefined });
}

function readOnlyFigure(ctx, opts) {
  return matrixFigure({ precision: ctx.precision, ...opts });
}

function group(title, ...figures) {
  const section = el('div', 'matrix-group');
  if (title) section.append(appendRich(el('h3', 'group-title'), title));
  const row = el('div', 'matrices');
  row.append(...figures.filter(Boolean));
  section.append(row);
  return section;
}

/**
 * A product laid out as one: `top` (e.g. Kᵀ) above `result` (S), `left` (Q) to its left, so the
 * row of the left factor and the column of the top factor cross at the result's cell.
 */
function product(left, top, result) {
  const box = el('div', 'product');
  const grid = el('div', 'product-grid');
  const corner = el('div', 'product-corner');
  left.classList.add('product-left');
  top.classList.add('product-top');
  result.classList.add('product-result');
  grid.append(corner, top, left, result);
  box.append(grid);
  return box;
}

/** The slot where the token and plane views mount (see the header comment). */
// The step's [data-slot="views"]: the token and plane views where the step has them (step-views.js).
function viewsSlot(ctx) {
  const slot = fromLater(ctx, 'stepViews')?.(ctx, ctx.step.id) ?? el('div', 'views-slot');
  slot.classList.add('views-slot');
  slot.dataset.slot = 'views';
  slot.dataset.step = ctx.step.id;
  return slot;
}

// The head shown by steps 3–6 (all of them when there is one head).
function currentHead(ctx) {
  const heads = ctx.result.heads;
  return heads[Math.min(ctx.state.head, heads.length - 1)];
}

function headPicker(ctx) {
  const heads = ctx.result.heads.length;
  if (heads <= 1) return null;
  const box = el('div', 'head-picker');
  box.setAttribute('role', 'group');
  box.setAttribute('aria-label', t('head'));
  box.append(el('span', 'label', labelled('head').trimEnd()));
  for (let h = 0; h < heads; h++) {
    const button = el('button', 'head-button', String(h + 1));
    button.type = 'button';
    button.dataset.head = String(h);
    button.setAttribute('aria-pressed', String(h === Math.min(ctx.state.head, heads - 1)));
    box.append(button);
  }
  box.append(el('span', 'head-note', t('headOf')(Math.min(ctx.state.head, heads - 1), heads)));
  return box;
}

// "Q 3×2 · Kᵀ 2×3 → S 3×3": how the shapes of a step combine.
const dims = (m) => `${m.length}×${m[0].length}`;
const dimsT = (m) => `${m[0].length}×${m.length}`;
const shapeLine = (text) => el('p', 'shape-line', text);

// How each cell of a head's trace was made. Source keys name tables on screen (or null: none).
const masked = (head, i, j) => head.scaledScores[i][j] === -Infinity;

const explainScaled = (head, p, scoresKey) => {
  const fs = printer(head.scores, p), fsp = printer(head.scaledScores, p);
  return (i, j) => (masked(head, i, j)
    ? { lines: [t('explain').maskedCell(i, j)], sources: [] }
    : {
      lines: [t('explain').scaled(i, j), [{ text: '= ' }, { text: fs(head.scores[i][j]), role: 'a' }, { text: ` × ${formatCell(head.scale, Math.max(p, 4))}` }],
        `= ${fsp(head.scaledScores[i][j])}`],
      sources: scoresKey ? [{ key: scoresKey, cell: [i, j], role: 'a' }] : [],
    });
};

const explainExponential = (head, p, scaledKey) => {
  const fsp = printer(head.scaledScores, p), fe = printer(head.exponentials, p), fm = printer([head.rowMax], p);
  return (i, j) => (masked(head, i, j)
    ? { lines: [t('explain').maskedWeight(i, j)], sources: [] }
    : {
      lines: [t('explain').exponential(i, j),
        [{ text: '= exp(' }, { text: fsp(head.scaledScores[i][j]), role: 'a' }, { text: ' − ' }, { text: fm(head.rowMax[i]), role: 'b' }, { text: ')' }],
        `= ${fe(head.exponentials[i][j])}`],
      sources: [{ key: scaledKey, cell: [i, j], role: 'a' }, { key: scaledKey, extra: 'rowMax', row: i, role: 'b' }],
    });
};

const explainWeight = (head, p, expKey) => {
  const fe = printer(head.exponentials, p), fa = printer(head.weights, p), fsum = printer([head.rowSum], p);
  return (i, j) => (masked(head, i, j)
    ? { lines: [t('explain').maskedWeight(i, j), `= ${fa(head.weights[i][j])}`], sources: [] }
    : {
      lines: [t('explain').weight(i, j),
        [{ text: '= ' }, { text: fe(head.exponentials[i][j]), role: 'a' }, { text: ' / ' }, { text: fsum(head.rowSum[i]), role: 'b' }],
        `= ${fa(head.weights[i][j])}`],
      sources: expKey ? [{ key: expKey, cell: [i, j], role: 'a' }, { key: expKey, extra: 'rowSum', row: i, role: 'b' }] : [],
    });
};

// The columns beside the softmax tables: each row's maximum, sum of exponentials, sum of weights.
const visibleRow = (head, row, i) => row.filter((_, j) => !masked(head, i, j));

const explainRowMax = (head, p, scaledKey) => {
  const f = printer(head.scaledScores, p), fm = printer([head.rowMax], p);
  return (i) => ({
    lines: [t('explain').rowMax(i), `= max(${visibleRow(head, head.scaledScores[i], i).map(f).join(', ')})`, `= ${fm(head.rowMax[i])}`],
    sources: [{ key: scaledKey, row: i, role: 'a' }],
  });
};

const explainRowSum = (head, p, expKey) => {
  const f = printer(head.exponentials, p), fsum = printer([head.rowSum], p);
  return (i) => ({
    lines: [t('explain').rowSum(i), `= ${visibleRow(head, head.exponentials[i], i).map(f).join(' + ')}`, `= ${fsum(head.rowSum[i])}`],
    sources: [{ key: expKey, row: i, role: 'a' }],
  });
};

const explainWeightSum = (head, sums, p, weightsKey) => {
  const f = printer(head.weights, p), fsum = printer([sums], p);
  return (i) => ({
    lines: [t('explain').weightSum(i), `= ${visibleRow(head, head.weights[i], i).map(f).join(' + ')}`, `= ${fsum(sums[i])}`],
    sources: [{ key: weightsKey, row: i, role: 'a' }],
  });
};

const explainOutput = (head, p, weightsKey, vKey) => {
  const fa = printer(head.weights, p), fv = printer(head.v, p), fo = printer(head.output, p);
  return (i, j) => ({
    lines: [t('explain').output(i, j), productTerms(head.weights[i], column(head.v, j), fa, fv), `= ${fo(head.output[i][j])}`],
    sources: [{ key: weightsKey, row: i, role: 'a' }, { key: vKey, col: j, role: 'b' }],
  });
};

// ---------------------------------------------------------------- the steps

function stepInput(ctx) {
  const names = ctx.form === 'qkv' ? ['q', 'k', 'v'] : ['x'];
  const letters = { q: 'q', k: 'k', v: 'v', x: 'x' };
  const figures = names.map((name) => inputFigure(ctx, name, { rowLabels: tokenLabels(ctx, ctx.state.inputs[name].length, letters[name]) }));
  return [group(null, ...figures), viewsSlot(ctx)];
}

function stepProjection(ctx) {
  const r = ctx.result;
  if (ctx.form === 'qkv') {
    const note = el('p', 'note', t('noProjection'));
    const letters = { q: 'q', k: 'k', v: 'v' };
    return [note, group(null, ...['q', 'k', 'v'].map((name) => inputFigure(ctx, name,
      { rowLabels: tokenLabels(ctx, ctx.state.inputs[name].length, letters[name]) }))), viewsSlot(ctx)];
  }
  const p = ctx.precision;
  const projected = (name, wName) => {
    const symbol = INPUT_SYMBOL[name], wSymbol = INPUT_SYMBOL[wName];
    const fx = printer(r.x, p), fw = printer(r[wName], p), fr = printer(r[name], p);
    return resultFigure(ctx, {
      key: `p-${name}`, symbol, title: caption(`${SYMBOLS[symbol].tex} = X ${SYMBOLS[wSymbol].tex}`, symbol), name: SYMBOLS[symbol].text, values: r[name],
      rowLabels: tokenLabels(ctx, r[name].length, name),
      sourceKeys: [TABLE.x, wName],
      explain: (i, j) => ({
        lines: [t('explain').projection(symbol, i, j), productTerms(r.x[i], column(r[wName], j), fx, fw), `= ${fr(r[name][i][j])}`],
        sources: [{ key: TABLE.x, row: i, role: 'a' }, { key: wName, col: j, role: 'b' }],
      }),
    });
  };
  return [
    shapeLine(`X ${dims(r.x)} · W_Q ${dims(r.wq)} → Q ${dims(r.q)};  X ${dims(r.x)} · W_K ${dims(r.wk)} → K ${dims(r.k)};  X ${dims(r.x)} · W_V ${dims(r.wv)} → V ${dims(r.v)}`),
    group(null, inputFigure(ctx, 'x', { rowLabels: tokenLabels(ctx, ctx.state.inputs.x.length, 'x') })),
    group(null, inputFigure(ctx, 'wq'), inputFigure(ctx, 'wk'), inputFigure(ctx, 'wv')),
    viewsSlot(ctx),
    group(t('projectionResult'), projected('q', 'wq'), projected('k', 'wk'), projected('v', 'wv')),
  ];
}

function stepScores(ctx) {
  const head = currentHead(ctx);
  const p = ctx.precision;
  // Given Q and K (no projection) are inputs: they are edited here, where their product is shown.
  const editable = ctx.form === 'qkv' && ctx.result.heads.length === 1;
  const kT = layoutTransposed(head.k);
  const keyLabels = tokenLabels(ctx, head.k.length, 'k');
  const kTexts = editable ? layoutTransposed(ctx.state.inputs.k) : null;
  const widths = sharedWidths(p, head.k.length, { values: kT, labels: keyLabels }, { values: head.scores },
    ...(editable ? [{ texts: kTexts }] : []));
  const fq = printer(head.q, p), fk = printer(head.k, p), fs = printer(head.scores, p);
  const scores = resultFigure(ctx, {
    key: TABLE.scores, symbol: 'S', title: caption('S = QK^\\top', 'S'), name: SYMBOLS.S.text, values: head.scores, diverging: true,
    fixedWidths: widths, captionBelow: true,
    sourceKeys: [TABLE.headQ, TABLE.headKT],
    explain: (i, j) => ({
      lines: [t('explain').score(i, j), productTerms(head.q[i], head.k[j], fq, fk), `= ${fs(head.scores[i][j])}`],
      sources: [{ key: TABLE.headQ, row: i, role: 'a' }, { key: TABLE.headKT, col: j, role: 'b' }],
    }),
  });
  const problems = (name) => new Set((ctx.problemCells ?? []).filter((c) => c.matrix === name).map((c) => (name === 'k' ? `${c.j},${c.i}` : `${c.i},${c.j}`)));
  const q = editable
    ? matrixFigure({ key: TABLE.headQ, symbol: 'Q', title: caption('Q', 'Q'), name: 'Q', values: ctx.state.inputs.q, editable: true,
      rowLabels: tokenLabels(ctx, head.q.length, 'q'), captionBelow: true, problems: problems('q'), inputKey: 'q' })
    : readOnlyFigure(ctx, { key: TABLE.headQ, symbol: 'Q', title: caption('Q', 'Q'), name: 'Q', values: head.q,
      rowLabels: tokenLabels(ctx, head.q.length, 'q'), captionBelow: true });
  const kt = editable
    ? matrixFigure({ key: TABLE.headKT, symbol: 'KT', title: caption('K^\\top', 'KT'), name: SYMBOLS.KT.text, values: kTexts, editable: true,
      colLabels: keyLabels, fixedWidths: widths, problems: problems('k'), transposed: { matrix: 'k', name: 'K' } })
    : readOnlyFigure(ctx, { key: TABLE.headKT, symbol: 'KT', title: caption('K^\\top', 'KT'), name: SYMBOLS.KT.text, values: kT,
      colLabels: keyLabels, fixedWidths: widths });
  return [headPicker(ctx), shapeLine(`Q ${dims(head.q)} · Kᵀ ${dimsT(head.k)} → S ${dims(head.scores)}`),
    product(q, kt, scores), colourLegend('scores', divergingExtent(head.scores), p), viewsSlot(ctx)];
}

function stepScale(ctx) {
  const head = currentHead(ctx);
  const p = ctx.precision;
  const dk = head.q[0].length;
  const scaleLine = el('p', 'scale-value');
  appendRich(scaleLine, `$d_k = ${dk}$${language() === 'zh' ? '，' : ', '}${t('scaleWord')} $= ${formatCell(head.scale, Math.max(p, 4))}$` +
    (ctx.state.scale.mode === 'default' ? ` $= 1/\\sqrt{${dk}}$` : ''));
  const n = head.scores.length, m = head.scores[0].length;
  const rows = tokenLabels(ctx, n, 'q'), cols = tokenLabels(ctx, m, 'k');
  return [headPicker(ctx), scaleLine, shapeLine(`S ${dims(head.scores)} ${t('timesScale')} → S′ ${dims(head.scaledScores)}`), group(null,
    readOnlyFigure(ctx, { key: TABLE.scores, symbol: 'S', title: caption('S = QK^\\top', 'S'), name: SYMBOLS.S.text, values: head.scores,
      rowLabels: rows, colLabels: cols, diverging: true }),
    resultFigure(ctx, {
      key: TABLE.scaled, symbol: 'Sp', title: caption("S' = S \\cdot \\text{scale}", 'Sp'), name: SYMBOLS.Sp.text, values: head.scaledScores,
      rowLabels: rows, colLabels: cols, diverging: true, sourceKeys: [TABLE.scores],
      explain: explainScaled(head, p, TABLE.scores),
    })), colourLegend('scores', divergingExtent(head.scaledScores), p), viewsSlot(ctx), whyScalePanel(ctx)];
}

function stepSoftmax(ctx) {
  const head = currentHead(ctx);
  const p = ctx.precision;
  const n = head.weights.length, m = head.weights[0].length;
  const rows = tokenLabels(ctx, n, 'q'), cols = tokenLabels(ctx, m, 'k');
  const weightSums = ctx.core.rowSums(head.weights);
  return [headPicker(ctx), temperatureControl(ctx), shapeLine(`S′ ${dims(head.scaledScores)} → A ${dims(head.weights)} (${t('rowByRow')})`), group(null,
    resultFigure(ctx, {
      // S itself is not on this step: S′'s cells explain themselves without a source table.
      key: TABLE.scaled, symbol: 'Sp', title: caption("S'", 'Sp'), name: SYMBOLS.Sp.text, values: head.scaledScores,
      rowLabels: rows, colLabels: cols, diverging: true,
      extra: [{ title: t('rowMax'), values: head.rowMax, key: 'rowMax', explain: explainRowMax(head, p, TABLE.scaled), sourceKeys: [TABLE.scaled] }],
      explain: explainScaled(head, p, null),
    }),
    resultFigure(ctx, {
      key: TABLE.exp, symbol: 'E', title: caption("E = \\exp(S' - \\max)", 'E'), name: SYMBOLS.E.text, values: head.exponentials,
      rowLabels: rows, colLabels: cols, sourceKeys: [TABLE.scaled],
      extra: [{ title: t('expSum'), values: head.rowSum, key: 'rowSum', explain: explainRowSum(head, p, TABLE.exp), sourceKeys: [TABLE.exp] }],
      explain: explainExponential(head, p, TABLE.scaled),
    }),
    resultFigure(ctx, {
      key: TABLE.weights, symbol: 'A', title: caption("A = \\mathrm{softmax}(S') = E / \\Sigma", 'A'), name: SYMBOLS.A.text, values: head.weights, heat: true,
      rowLabels: rows, colLabels: cols, sourceKeys: [TABLE.exp],
      extra: [{ title: t('rowSum'), values: weightSums, key: 'weightSum', explain: explainWeightSum(head, weightSums, p, TABLE.weights), sourceKeys: [TABLE.weights] }],
      explain: explainWeight(head, p, TABLE.exp),
    })), colourLegend('weights'), viewsSlot(ctx)];
}

// τ where it acts: a slider on the softmax step (scale = 1/τ), and one row of A as bars.
function temperatureControl(ctx) {
  const box = el('div', 'temperature-here');
  const label = el('label', 'field');
  const slider = el('input');
  slider.type = 'range';
  slider.id = 'temperature-here';
  slider.min = String(ctx.limits.minTemperature);
  slider.max = String(ctx.limits.maxTemperature);
  slider.step = '0.1';
  slider.value = String(ctx.state.scale.mode === 'temperature' ? ctx.state.scale.temperature : 1);
  slider.dataset.control = 'temperature';
  const shown = el('output', null, slider.value);
  shown.htmlFor = 'temperature-here';
  label.append(el('span', null, t('temperatureHere')), slider, shown);
  box.append(label);
  const head = currentHead(ctx);
  const row = Math.min(ctx.state.barRow ?? 0, head.weights.length - 1);
  const words = tokenLabels(ctx, head.weights.length, 'q');
  const keys = tokenLabels(ctx, head.weights[0].length, 'k');
  const chart = el('div', 'row-bars');
  chart.setAttribute('role', 'img');
  const fa = printer(head.weights, ctx.precision);
  chart.setAttribute('aria-label', `${t('temperatureRow')(words[row])}: ${head.weights[row].map((w, j) => `${keys[j]} ${fa(w)}`).join(', ')}`);
  chart.append(el('p', 'row-bars-title', t('temperatureRow')(words[row])));
  head.weights[row].forEach((w, j) => {
    const line = el('div', 'bar-line');
    const bar = el('span', 'bar');
    bar.style.width = `${Math.max(0, Math.min(1, w)) * 100}%`;
    const track = el('span', 'bar-track');
    track.append(bar);
    line.append(el('span', 'bar-label', keys[j]), track, el('span', 'bar-value', fa(w)));
    chart.append(line);
  });
  box.append(chart);
  return box;
}

function stepOutput(ctx) {
  const head = currentHead(ctx);
  const p = ctx.precision;
  const n = head.weights.length, m = head.weights[0].length;
  const widths = sharedWidths(p, head.v[0].length, { values: head.v }, { values: head.output }, ...(ctx.form === 'qkv' ? [{ texts: ctx.state.inputs.v }] : []));
  const weights = resultFigure(ctx, {
    key: TABLE.weights, symbol: 'A', title: caption("A = \\mathrm{softmax}(S')", 'A'), name: SYMBOLS.A.text, values: head.weights, heat: true,
    rowLabels: tokenLabels(ctx, n, 'q'), colLabels: tokenLabels(ctx, m, 'k'), colLabelsBelow: true, captionBelow: true,
    explain: explainWeight(head, p, null),
  });
  // Given V (no projection) is an input: edited here, where it is mixed into O.
  const v = ctx.form === 'qkv'
    ? matrixFigure({ key: TABLE.headV, symbol: 'V', title: caption('V', 'V'), name: 'V', values: ctx.state.inputs.v, editable: true, inputKey: 'v',
      rowLabels: tokenLabels(ctx, head.v.length, 'v'), fixedWidths: widths, rowLabelsAfter: true,
      problems: new Set((ctx.problemCells ?? []).filter((c) => c.matrix === 'v').map((c) => `${c.i},${c.j}`)) })
    : readOnlyFigure(ctx, { key: TABLE.headV, symbol: 'V', title: caption('V', 'V'), name: 'V', values: head.v,
      rowLabels: tokenLabels(ctx, head.v.length, 'v'), fixedWidths: widths, rowLabelsAfter: true });
  const out = resultFigure(ctx, {
    key: TABLE.output, symbol: 'O', title: caption('O = AV', 'O'), name: SYMBOLS.O.text, values: head.output,
    fixedWidths: widths, captionBelow: true, sourceKeys: [TABLE.weights, TABLE.headV],
    explain: explainOutput(head, p, TABLE.weights, TABLE.headV),
  });
  return [headPicker(ctx), shapeLine(`A ${dims(head.weights)} · V ${dims(head.v)} → O ${dims(head.output)}`),
    product(weights, v, out), colourLegend('weights'), viewsSlot(ctx)];
}

function stepMultiHead(ctx) {
  const r = ctx.result;
  const p = ctx.precision;
  const split = r.split;
  const parts = [];
  if (!split) {
    parts.push(el('p', 'local-message', localizeCoreMessage(r.splitProblem ?? '')));
    if (ctx.preset.shapes) parts.push(shapesTable(ctx.preset.shapes));
    return parts;
  }
  const h0 = split.heads[0];
  parts.push(shapeLine(`Q ${dims(r.q)}, K ${dims(r.k)}, V ${dims(r.v)} → ${split.heads.length} × (Q ${dims(h0.q)}, K ${dims(h0.k)}, V ${dims(h0.v)})`));
  split.heads.forEach((head, h) => {
    const n = head.weights.length, m = head.weights[0].length;
    const hs = `_{${h + 1}}`;
    parts.push(group(`${t('head')} ${h + 1}`,
      readOnlyFigure(ctx, { key: TABLE.multi(h, 'q'), symbol: 'Q', head: h, title: caption(`Q${hs}`, 'Q'), name: `Q ${t('head')} ${h + 1}`, values: head.q, rowLabels: tokenLabels(ctx, head.q.length, 'q') }),
      readOnlyFigure(ctx, { key: TABLE.multi(h, 'k'), symbol: 'K', head: h, title: caption(`K${hs}`, 'K'), name: `K ${t('head')} ${h + 1}`, values: head.k, rowLabels: tokenLabels(ctx, head.k.length, 'k') }),
      readOnlyFigure(ctx, { key: TABLE.multi(h, 'v'), symbol: 'V', head: h, title: caption(`V${hs}`, 'V'), name: `V ${t('head')} ${h + 1}`, values: head.v, rowLabels: tokenLabels(ctx, head.v.length, 'v') }),
      resultFigure(ctx, { key: TABLE.multi(h, 'weights'), symbol: 'A', head: h, title: caption(`A${hs}`, 'A'), name: `A ${t('head')} ${h + 1}`, values: head.weights, heat: true,
        rowLabels: tokenLabels(ctx, n, 'q'), colLabels: tokenLabels(ctx, m, 'k'), explain: explainWeight(head, p, null) }),
      resultFigure(ctx, { key: TABLE.multi(h), symbol: 'O', head: h, title: caption(`O${hs} = A${hs} V${hs}`, 'O'), name: `O ${t('head')} ${h + 1}`, values: head.output,
        rowLabels: tokenLabels(ctx, head.output.length, 'o'), sourceKeys: [TABLE.multi(h, 'weights'), TABLE.multi(h, 'v')],
        explain: explainOutput(head, p, TABLE.multi(h, 'weights'), TABLE.multi(h, 'v')) })));
    if (h === 0) parts.push(viewsSlot(ctx));
  });
  const withWo = ctx.form === 'x' && ctx.state.inputs.wo;
  parts.push(shapeLine(`${split.heads.length} × ${dims(h0.output)} ${t('sideBySide')} → C ${dims(split.concat)}` +
    (withWo ? `;  C ${dims(split.concat)} · W_O ${dims(r.wo)} → Y ${dims(r.output)}` : '')));
  const widths = split.heads.map((head) => head.output[0].length);
  const fc = printer(split.concat, p);
  const concatExplain = (i, j) => {
    let h = 0, jj = j;
    while (jj >= widths[h]) { jj -= widths[h]; h++; }
    return { lines: [t('explain').concat(i, j, h, jj), `= ${fc(split.concat[i][j])}`], sources: [{ key: TABLE.multi(h), cell: [i, jj], role: 'a' }] };
  };
  const concat = resultFigure(ctx, { key: TABLE.concat, symbol: 'C', title: caption('C = \\mathrm{Concat}(O_1, \\dots)', 'C'), name: SYMBOLS.C.text, values: split.concat,
    rowLabels: tokenLabels(ctx, split.concat.length, 'c'), explain: concatExplain, sourceKeys: split.heads.map((_, h) => TABLE.multi(h)) });
  if (withWo) {
    const fwo = printer(r.wo, p), fy = printer(r.output, p);
    const output = resultFigure(ctx, {
      key: TABLE.final, symbol: 'Y', title: caption('Y = C W_O', 'Y'), name: SYMBOLS.Y.text, values: r.output,
      rowLabels: tokenLabels(ctx, r.output.length, 'y'), sourceKeys: [TABLE.concat, TABLE.wo],
      explain: (i, j) => ({
        lines: [t('explain').final(i, j), productTerms(split.concat[i], column(r.wo, j), fc, fwo), `= ${fy(r.output[i][j])}`],
        sources: [{ key: TABLE.concat, row: i, role: 'a' }, { key: TABLE.wo, col: j, role: 'b' }],
      }),
    });
    parts.push(group(null, concat, inputFigure(ctx, 'wo'), output));
  } else {
    parts.push(group(null, concat));
  }
  if (ctx.preset.shapes) parts.push(shapesTable(ctx.preset.shapes));
  return parts;
}

function stepMask(ctx) {
  const figures = [];
  for (const [mask, title] of [['none', t('withoutMask')], ['causal', t('withCausal')]]) {
    const entry = ctx.compare?.[mask];
    const head = entry?.result?.heads[Math.min(ctx.state.head, entry.result.heads.length - 1)];
    if (!head) {
      const box = el('div', 'matrix-group');
      box.append(el('h3', 'group-title', title), el('p', 'note', entry?.problem ? localizeCoreMessage(entry.problem) : t('maskNeedsSquare')));
      figures.push(box);
      continue;
    }
    const n = head.weights.length, m = head.weights[0].length;
    const rows = tokenLabels(ctx, n, 'q'), cols = tokenLabels(ctx, m, 'k');
    const scaledKey = TABLE.masked('scaled', mask);
    figures.push(group(title,
      resultFigure(ctx, { key: scaledKey, symbol: 'Sp', title: caption("S'", 'Sp'), name: `${SYMBOLS.Sp.text}, ${mask}`, values: head.scaledScores,
        rowLabels: rows, colLabels: cols, diverging: true, explain: explainScaled(head, ctx.precision, null) }),
      resultFigure(ctx, {
        key: TABLE.masked('weights', mask), symbol: 'A', title: caption("A = \\mathrm{softmax}(S')", 'A'), name: `${SYMBOLS.A.text}, ${mask}`, values: head.weights, heat: true,
        rowLabels: rows, colLabels: cols, explain: explainWeight(head, ctx.precision, null),
      })));
  }
  return [headPicker(ctx), ...figures, colourLegend('weights'), viewsSlot(ctx)];
}

function shapesTable(rows) {
  const box = el('div', 'shapes');
  box.append(el('h3', 'group-title', t('shapesTitle')));
  const scroller = el('div', 'matrix-scroll');
  const table = el('table', 'shapes-table');
  const head = table.createTHead().insertRow();
  for (const label of [t('shapesTensor'), t('shapesPrinted'), t('shapesCorrect'), t('why')]) {
    const th = el('th', null, label);
    th.scope = 'col';
    head.append(th);
  }
  const body = table.createTBody();
  for (const row of rows) {
    const tr = body.insertRow();
    appendRich(tr.insertCell(), pick(row.tensor));
    const printed = tr.insertCell();
    printed.textContent = row.material ?? '—';
    if (row.material && row.material !== row.correct) printed.classList.add('wrong');
    tr.insertCell().textContent = row.correct;
    appendRich(tr.insertCell(), row.why ? pick(row.why) : '');
  }
  scroller.append(table);
  box.append(scroller);
  return box;
}

function whyScalePanel(ctx) {
  const details = el('details', 'why-scale');
  details.id = 'why-scale';
  details.open = true;
  const summary = appendRich(el('summary'), pick(ctx.whyScale.title) || t('whyScale'));
  details.append(summary);
  for (const paragraph of pick(ctx.whyScale.body) || []) details.append(appendRich(el('p'), paragraph));
  const whyScaleChart = fromLater(ctx, 'whyScaleChart');
  if (whyScaleChart) details.append(whyScaleChart(ctx.core, ctx.whyScaleState, ctx.whyScale.axis));
  return details;
}


// The editable matrices a step owns, without results: X or Q, K, V on the input step, the
// projection weights on the projection step, W_O on the multi-head step.
function inputsOnly(ctx) {
  const names = {
    input: ctx.form === 'qkv' ? ['q', 'k', 'v'] : ['x'],
    projection: ctx.form === 'x' ? ['x', 'wq', 'wk', 'wv'] : ['q', 'k', 'v'],
    multihead: ctx.form === 'x' && ctx.state.inputs.wo ? ['wo'] : [],
  }[ctx.step.id] ?? [];
  if (names.length === 0) return [];
  const rowLetter = { x: 'x', q: 'q', k: 'k', v: 'v' };
  return [group(null, ...names.map((name) => inputFigure(ctx, name,
    rowLetter[name] ? { rowLabels: tokenLabels(ctx, ctx.state.inputs[name].length, rowLetter[name]) } : {})))];
}

// ---------------------------------------------------------------- errata

/** The value of the core's trace an erratum's correct.field names (exported for the errata test). */
export function correctValue(ctx, field) {
  const trace = ctx.presetTrace;
  if (!trace) return undefined;
  if (['q', 'k', 'v', 'concat'].includes(field) && trace[field]) return trace[field];
  if (field === 'output' && ctx.preset.form === 'x' && trace.heads.length === 1 && !ctx.preset.wo) return trace.heads[0].output;
  const head = trace.heads[0];
  return field in head ? head[field] : trace[field];
}

/**
 * What the article printed at this step: a closed, muted section titled with its count, after
 * the step's own work. None when the step has no erratum (or the example is our own).
 */
export function errataPanel(ctx) {
  const errata = (ctx.preset.errata ?? []).filter((e) => e.step === ctx.step.id);
  if (errata.length === 0) return null;
  const panel = el('details', 'errata');
  panel.dataset.count = String(errata.length);
  const summary = el('summary', 'errata-title', t('errataTitle')(errata.length));
  panel.append(summary);
  if (ctx.edited) panel.append(el('p', 'note edited', t('editedNote')));
  for (const erratum of errata) {
    const item = el('div', 'erratum');
    const printed = el('div', 'printed');
    printed.append(el('h4', null, erratum.section ? `${t('printed')} (§${pick(erratum.section)})` : t('printed')));
    if (erratum.printed.text) {
      const quote = appendRich(el('p', 'printed-text'), erratum.printed.text);
      // Quotes in Chinese get their English translation on English pages, with the original kept.
      if (language() === 'en' && erratum.printed.textEn) {
        quote.lang = 'zh-CN';
        const translated = el('p', 'printed-text translated', erratum.printed.textEn);
        translated.lang = 'en';
        printed.append(translated, el('p', 'quote-original', labelled('quoteOriginal').trimEnd()), quote);
      } else {
        printed.append(quote);
      }
    }
    if (erratum.printed.matrix) printed.append(plainMatrix(erratum.printed.matrix));
    const printedRunBlock = erratum.printed.run ? fromLater(ctx, 'printedRunBlock') : null;
    if (printedRunBlock) printed.append(printedRunBlock(ctx, erratum) ?? ''); // hook: issue 11 (what the code computes)
    const correct = el('div', 'correct');
    correct.append(el('h4', null, erratum.correct.field ? t('correct') : t('correctText')));
    if (erratum.correct.field) {
      const value = correctValue(ctx, erratum.correct.field);
      if (Array.isArray(value)) correct.append(plainMatrix(value, ctx.precision));
      else if (typeof value === 'number') correct.append(el('p', 'correct-number', formatCell(value, Math.max(ctx.precision, 4))));
    }
    if (erratum.correct.text) correct.append(appendRich(el('p', 'correct-text'), pick(erratum.correct.text)));
    const why = el('p', 'why');
    why.append(el('strong', null, labelled('why')));
    appendRich(why, pick(erratum.why));
    item.append(printed, correct, why);
    panel.append(item);
  }
  return panel;
}

// ---------------------------------------------------------------- the screen

const builders = {
  input: stepInput, projection: stepProjection, scores: stepScores, scale: stepScale,
  softmax: stepSoftmax, output: stepOutput, multihead: stepMultiHead, mask: stepMask,
};

/**
 * The step's screen. ctx: { step (lesson entry), index, count, state, preset, form, result,
 * compare, precision, core, presetTrace, edited, problemCells, problemMatrix, whyScale,
 * whyScaleState, limits, setInputRow }. Returns { section, explainers }.
 *
 * Order: title, formula, the lesson's first paragraph, the work (so that the title and the
 * first matrix fit on one screen), then the rest of the lesson, what changed, the errata.
 */
export function renderStep(ctx) {
  ctx.explainers = new Map();
  ctx.sourceKeys = new Map();
  const section = el('section', 'step');
  section.dataset.step = ctx.step.id;
  const heading = el('h2');
  heading.id = 'step-title';
  heading.tabIndex = -1;
  heading.append(el('span', 'step-number', `${ctx.index + 1}. `));
  appendRich(heading, pick(ctx.step.title));
  section.append(heading);
  section.append(displayFormula(ctx.step.formula));
  const paragraphs = pick(ctx.step.body) || [];
  const lead = el('div', 'lesson lead');
  if (paragraphs.length) lead.append(appendRich(el('p'), paragraphs[0]));
  section.append(lead);

  const work = el('div', 'work');
  if (ctx.result) {
    if (ctx.stale) work.classList.add('stale');
    for (const part of builders[ctx.step.id](ctx)) if (part) work.append(part);
  } else {
    // Nothing computed yet (the link's own numbers are bad): the step's inputs can still be fixed.
    for (const part of inputsOnly(ctx)) work.append(part);
  }
  section.append(work);
  const issue11Sections = ctx.result ? fromLater(ctx, 'issue11Sections') : null;
  if (issue11Sections) section.append(...issue11Sections(ctx)); // hook: issue 11 (order demo, n² cost)
  // Every explainer's sources must be tables of this step.
  for (const [key, sourceKeys] of ctx.sourceKeys) {
    for (const source of sourceKeys) {
      if (!work.querySelector(`table[data-key="${CSS.escape(source)}"]`)) {
        throw new Error(`the explainer of ${key} names the table ${source}, which is not on the step ${ctx.step.id}`);
      }
    }
  }

  // How a result cell was made: only on steps that show results.
  if (ctx.explainers.size > 0) {
    const explanation = el('div', 'explanation');
    explanation.id = 'explanation';
    explanation.setAttribute('aria-live', 'polite');
    explanation.append(el('h3', null, t('howMade')), el('p', 'hint', t('howMadeHint')));
    section.append(explanation);
  }

  if (paragraphs.length > 1) {
    const rest = el('div', 'lesson rest');
    for (const paragraph of paragraphs.slice(1)) rest.append(appendRich(el('p'), paragraph));
    section.append(rest);
  }
  if (ctx.step.change) {
    const change = el('p', 'change');
    change.append(el('strong', null, labelled('changed')));
    appendRich(change, pick(ctx.step.change));
    section.append(change);
  }
  const errata = errataPanel(ctx);
  if (errata) section.append(errata);
  section.dataset.lang = language();
  if (ctx.waitingForLater) section.dataset.pending = 'later-views';
  return { section, explainers: ctx.explainers, pending: Boolean(ctx.waitingForLater) };
}
