// steps.js — the content of each step's screen: the matrices of that step (editable inputs,
// the core's results), how each result cell was made, the errata panel, and for "scale" the
// "Why scale?" chart. Every number shown comes from the core's trace (view.result).

import { t, pick, sub, language, localizeCoreMessage } from './i18n.js';
import { appendRich, displayFormula } from './tex.js';
import { matrixFigure, plainMatrix, formatNumber, heatColour } from './matrix-view.js';
import { DISPLAY_NAMES } from './model.js';
import { whyScaleChart } from './why-scale.js';
import { el } from './dom.js';
import { stepViews } from './step-views.js';   // [views] token view and plane view (issue 9, points 5–6)
import { printedRunBlock, issue11Sections } from './demos.js'; // hook: issue 11

// "a×b + c×d" for the terms of a dot product, at the page's precision.
function productTerms(a, b, p) {
  const f = (x) => (x < 0 ? `(${formatNumber(x, p)})` : formatNumber(x, p));
  return a.map((x, i) => `${f(x)}×${f(b[i])}`).join(' + ');
}

const column = (m, j) => m.map((row) => row[j]);

function tokenLabels(ctx, count, letter) {
  const tokens = ctx.preset.tokens;
  return Array.from({ length: count }, (_, i) => {
    const base = `${letter}${sub(i)}`;
    return tokens && tokens[i] !== undefined ? `${base} ${tokens[i]}` : base;
  });
}

function indexLabels(count, letter) {
  return Array.from({ length: count }, (_, j) => `${letter}${sub(j)}`);
}

// Registers how a result cell was made (lines of arithmetic, source rows/columns).
function explained(ctx, key, fn) {
  ctx.explainers.set(key, fn);
  return fn;
}

function inputFigure(ctx, name, { rowLabels, colLabels } = {}) {
  const values = ctx.state.inputs[name];
  const problems = new Set((ctx.problemCells ?? []).filter((p) => p.matrix === name).map((p) => `${p.i},${p.j}`));
  const figure = matrixFigure({
    key: name, title: `$${DISPLAY_NAMES[name]}$`, name: DISPLAY_NAMES[name], values, editable: true,
    rowLabels, colLabels, problems, precision: ctx.precision,
  });
  if (ctx.problemMatrix === name) figure.classList.add('problem');
  return figure;
}

function resultFigure(ctx, opts) {
  for (const extraColumn of opts.extra ?? []) {
    if (extraColumn.explain) explained(ctx, `${opts.key}:${extraColumn.key}`, extraColumn.explain);
  }
  return matrixFigure({ precision: ctx.precision, ...opts, explain: opts.explain ? explained(ctx, opts.key, opts.explain) : undefined });
}

function readOnlyFigure(ctx, key, title, name, values, rowLabels, colLabels) {
  return matrixFigure({ key, title, name, values, precision: ctx.precision, rowLabels, colLabels });
}

function group(title, ...figures) {
  const section = el('div', 'matrix-group');
  if (title) section.append(appendRich(el('h3', 'group-title'), title));
  const row = el('div', 'matrices');
  row.append(...figures.filter(Boolean));
  section.append(row);
  return section;
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
  box.append(el('span', 'label', `${t('head')}:`));
  for (let h = 0; h < heads; h++) {
    const button = el('button', 'head-button', String(h + 1));
    button.type = 'button';
    button.dataset.head = h;
    button.setAttribute('aria-pressed', String(h === Math.min(ctx.state.head, heads - 1)));
    box.append(button);
  }
  box.append(el('span', 'head-note', t('headOf')(Math.min(ctx.state.head, heads - 1), heads)));
  return box;
}

// "Q 3×2 · Kᵀ 2×3 → 3×3": how the shapes of a step combine.
const dims = (m) => `${m.length}×${m[0].length}`;
const dimsT = (m) => `${m[0].length}×${m.length}`;
function shapeLine(text) {
  const p = el('p', 'shape-line', text);
  return p;
}

// How each cell of a head's trace was made; the keys name the tables on screen it came from.
const masked = (head, i, j) => head.scaledScores[i][j] === -Infinity;

const explainScaled = (head, p, scoresKey) => (i, j) => (masked(head, i, j)
  ? { lines: [t('explain').maskedCell(i, j)], sources: [] }
  : {
    lines: [t('explain').scaled(i, j), `= ${formatNumber(head.scores[i][j], p)} × ${formatNumber(head.scale, Math.max(p, 4))}`,
      `= ${formatNumber(head.scaledScores[i][j], p)}`],
    sources: [{ key: scoresKey, row: i }],
  });

const explainExponential = (head, p, scaledKey) => (i, j) => (masked(head, i, j)
  ? { lines: [t('explain').maskedWeight(i, j)], sources: [] }
  : {
    lines: [t('explain').exponential(i, j), `= exp(${formatNumber(head.scaledScores[i][j], p)} − ${formatNumber(head.rowMax[i], p)})`,
      `= ${formatNumber(head.exponentials[i][j], p)}`],
    sources: [{ key: scaledKey, row: i }],
  });

const explainWeight = (head, p, sourceKey) => (i, j) => (masked(head, i, j)
  ? { lines: [t('explain').maskedWeight(i, j)], sources: [{ key: sourceKey, row: i }] }
  : {
    lines: [t('explain').weight(i, j), `= ${formatNumber(head.exponentials[i][j], p)} / ${formatNumber(head.rowSum[i], p)}`,
      `= ${formatNumber(head.weights[i][j], p)}`],
    sources: [{ key: sourceKey, row: i }],
  });

// The columns beside the softmax tables: each row's maximum, sum of exponentials, sum of weights.
const visibleRow = (head, row, i) => row.filter((_, j) => !masked(head, i, j));

const explainRowMax = (head, p) => (i) => ({
  lines: [t('explain').rowMax(i), `= max(${visibleRow(head, head.scaledScores[i], i).map((x) => formatNumber(x, p)).join(', ')})`,
    `= ${formatNumber(head.rowMax[i], p)}`],
  sources: [{ key: 'scaled', row: i }],
});

const explainRowSum = (head, p) => (i) => ({
  lines: [t('explain').rowSum(i), `= ${visibleRow(head, head.exponentials[i], i).map((x) => formatNumber(x, p)).join(' + ')}`,
    `= ${formatNumber(head.rowSum[i], p)}`],
  sources: [{ key: 'exp', row: i }],
});

const explainWeightSum = (head, sums, p) => (i) => ({
  lines: [t('explain').weightSum(i), `= ${visibleRow(head, head.weights[i], i).map((x) => formatNumber(x, p)).join(' + ')}`,
    `= ${formatNumber(sums[i], p)}`],
  sources: [{ key: 'weights', row: i }],
});

const explainOutput = (head, p, weightsKey, vKey) => (i, j) => ({
  lines: [t('explain').output(i, j), `= ${productTerms(head.weights[i], column(head.v, j), p)}`, `= ${formatNumber(head.output[i][j], p)}`],
  sources: [{ key: weightsKey, row: i }, { key: vKey, col: j }],
});

// ---------------------------------------------------------------- the steps

function stepInput(ctx) {
  if (ctx.form === 'qkv') {
    return [group(null,
      inputFigure(ctx, 'q', { rowLabels: tokenLabels(ctx, ctx.state.inputs.q.length, 'q') }),
      inputFigure(ctx, 'k', { rowLabels: tokenLabels(ctx, ctx.state.inputs.k.length, 'k') }),
      inputFigure(ctx, 'v', { rowLabels: tokenLabels(ctx, ctx.state.inputs.v.length, 'v') }))];
  }
  return [group(null, inputFigure(ctx, 'x', { rowLabels: tokenLabels(ctx, ctx.state.inputs.x.length, 'x') }))];
}

function stepProjection(ctx) {
  const r = ctx.result;
  if (ctx.form === 'qkv') {
    const note = el('p', 'note', t('noProjection'));
    return [note, group(null,
      readOnlyFigure(ctx, 'q', '$Q$', 'Q', r.q, tokenLabels(ctx, r.q.length, 'q')),
      readOnlyFigure(ctx, 'k', '$K$', 'K', r.k, tokenLabels(ctx, r.k.length, 'k')),
      readOnlyFigure(ctx, 'v', '$V$', 'V', r.v, tokenLabels(ctx, r.v.length, 'v')))];
  }
  const p = ctx.precision;
  const projected = (name, wName) => resultFigure(ctx, {
    key: `p-${name}`, title: `$${DISPLAY_NAMES[name]} = X \\cdot ${DISPLAY_NAMES[wName]}$`, name: DISPLAY_NAMES[name], values: r[name],
    rowLabels: tokenLabels(ctx, r[name].length, name),
    explain: (i, j) => ({
      lines: [t('explain').projection(DISPLAY_NAMES[name], i, j), `= ${productTerms(r.x[i], column(r[wName], j), p)}`, `= ${formatNumber(r[name][i][j], p)}`],
      sources: [{ key: 'x', row: i }, { key: wName, col: j }],
    }),
  });
  return [
    shapeLine(`X ${dims(r.x)} · W_Q ${dims(r.wq)} → Q ${dims(r.q)};  X ${dims(r.x)} · W_K ${dims(r.wk)} → K ${dims(r.k)};  X ${dims(r.x)} · W_V ${dims(r.wv)} → V ${dims(r.v)}`),
    group(null, inputFigure(ctx, 'x', { rowLabels: tokenLabels(ctx, ctx.state.inputs.x.length, 'x') })),
    group(null, inputFigure(ctx, 'wq'), inputFigure(ctx, 'wk'), inputFigure(ctx, 'wv')),
    group(t('projectionResult'), projected('q', 'wq'), projected('k', 'wk'), projected('v', 'wv')),
  ];
}

function stepScores(ctx) {
  const head = currentHead(ctx);
  const p = ctx.precision;
  return [headPicker(ctx), shapeLine(`Q ${dims(head.q)} · Kᵀ ${dimsT(head.k)} → ${dims(head.scores)}`), group(null,
    readOnlyFigure(ctx, 'hq', '$Q$', 'Q', head.q, tokenLabels(ctx, head.q.length, 'q')),
    readOnlyFigure(ctx, 'hk', '$K$', 'K', head.k, tokenLabels(ctx, head.k.length, 'k')),
    resultFigure(ctx, {
      key: 'scores', title: '$QK^\\top$', name: 'scores', values: head.scores,
      rowLabels: indexLabels(head.scores.length, 'q'), colLabels: indexLabels(head.scores[0].length, 'k'),
      explain: (i, j) => ({
        lines: [t('explain').score(i, j), `= ${productTerms(head.q[i], head.k[j], p)}`, `= ${formatNumber(head.scores[i][j], p)}`],
        sources: [{ key: 'hq', row: i }, { key: 'hk', row: j }],
      }),
    })),
    stepViews(ctx, 'scores')];   // [views]
}

function stepScale(ctx) {
  const head = currentHead(ctx);
  const p = ctx.precision;
  const dk = head.q[0].length;
  const scaleLine = el('p', 'scale-value');
  appendRich(scaleLine, `$d_k = ${dk}$, scale $= ${formatNumber(head.scale, Math.max(p, 4))}$` +
    (ctx.state.scale.mode === 'default' ? ` $= 1/\\sqrt{${dk}}$` : ''));
  return [headPicker(ctx), scaleLine, shapeLine(`${dims(head.scores)} ${t('timesScale')} → ${dims(head.scaledScores)}`), group(null,
    readOnlyFigure(ctx, 'scores', '$QK^\\top$', 'scores', head.scores, indexLabels(head.scores.length, 'q'), indexLabels(head.scores[0].length, 'k')),
    resultFigure(ctx, {
      key: 'scaled', title: '$QK^\\top \\cdot \\text{scale}$', name: 'scaled scores', values: head.scaledScores,
      rowLabels: indexLabels(head.scores.length, 'q'), colLabels: indexLabels(head.scores[0].length, 'k'),
      explain: explainScaled(head, p, 'scores'),
    })), whyScalePanel(ctx)];
}

function stepSoftmax(ctx) {
  const head = currentHead(ctx);
  const p = ctx.precision;
  const n = head.weights.length, m = head.weights[0].length;
  const weightSums = ctx.core.rowSums(head.weights);
  return [headPicker(ctx), shapeLine(`${dims(head.scaledScores)} → ${dims(head.weights)} (${t('rowByRow')})`), group(null,
    resultFigure(ctx, {
      key: 'scaled', title: '$\\text{scaled}$', name: 'scaled scores', values: head.scaledScores,
      rowLabels: indexLabels(n, 'q'), colLabels: indexLabels(m, 'k'),
      extra: [{ title: t('rowMax'), values: head.rowMax, key: 'rowMax', explain: explainRowMax(head, p) }],
      explain: explainScaled(head, p, 'scores'),
    }),
    resultFigure(ctx, {
      key: 'exp', title: '$e = \\exp(\\text{scaled} - \\max)$', name: 'exponentials', values: head.exponentials,
      rowLabels: indexLabels(n, 'q'), colLabels: indexLabels(m, 'k'),
      extra: [{ title: t('expSum'), values: head.rowSum, key: 'rowSum', explain: explainRowSum(head, p) }],
      explain: explainExponential(head, p, 'scaled'),
    }),
    resultFigure(ctx, {
      key: 'weights', title: '$\\text{weights} = e / \\Sigma$', name: 'weights', values: head.weights, heat: true,
      rowLabels: indexLabels(n, 'q'), colLabels: indexLabels(m, 'k'),
      extra: [{ title: t('rowSum'), values: weightSums, key: 'weightSum', explain: explainWeightSum(head, weightSums, p) }],
      explain: explainWeight(head, p, 'exp'),
    })), heatmapLegend(),
    stepViews(ctx, 'softmax')];   // [views]
}

function heatmapLegend() {
  const legend = el('p', 'heat-legend');
  const swatch = (w) => {
    const span = el('span', 'swatch');
    span.style.background = heatColour(w).background;
    return span;
  };
  legend.append(swatch(0), ' 0 ', swatch(0.49), ' ', swatch(0.5), ' 0.5 ', swatch(1), ` 1 — ${t('weightsHeatmap')}`);
  return legend;
}

function stepOutput(ctx) {
  const head = currentHead(ctx);
  const p = ctx.precision;
  const n = head.weights.length, m = head.weights[0].length;
  return [headPicker(ctx), shapeLine(`weights ${dims(head.weights)} · V ${dims(head.v)} → ${dims(head.output)}`), group(null,
    weightsFigure(ctx, 'weights', head, n, m, explainWeight(head, p, 'exp')),
    readOnlyFigure(ctx, 'hv', '$V$', 'V', head.v, tokenLabels(ctx, head.v.length, 'v')),
    resultFigure(ctx, {
      key: 'out', title: '$\\text{weights} \\cdot V$', name: 'output', values: head.output,
      rowLabels: tokenLabels(ctx, n, 'o'),
      explain: explainOutput(head, p, 'weights', 'hv'),
    })), heatmapLegend(),
    stepViews(ctx, 'output')];   // [views]
}

// A head's weights as a heatmap whose cells explain themselves.
function weightsFigure(ctx, key, head, n, m, explain, title = '$\\text{weights}$') {
  return resultFigure(ctx, { key, title, name: 'weights', values: head.weights, heat: true,
    rowLabels: indexLabels(n, 'q'), colLabels: indexLabels(m, 'k'), explain });
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
    parts.push(group(`${t('head')} ${h + 1}`,
      readOnlyFigure(ctx, `head-${h}-q`, `$Q_{${h + 1}}$`, `Q head ${h + 1}`, head.q, tokenLabels(ctx, head.q.length, 'q')),
      readOnlyFigure(ctx, `head-${h}-k`, `$K_{${h + 1}}$`, `K head ${h + 1}`, head.k, tokenLabels(ctx, head.k.length, 'k')),
      readOnlyFigure(ctx, `head-${h}-v`, `$V_{${h + 1}}$`, `V head ${h + 1}`, head.v, tokenLabels(ctx, head.v.length, 'v')),
      weightsFigure(ctx, `head-${h}-weights`, head, n, m, explainWeight(head, p, `head-${h}-weights`), `$\\text{weights}_{${h + 1}}$`),
      resultFigure(ctx, { key: `head-${h}`, title: `$\\text{head}_{${h + 1}}$`, name: `head ${h + 1} output`, values: head.output,
        rowLabels: tokenLabels(ctx, head.output.length, 'o'), explain: explainOutput(head, p, `head-${h}-weights`, `head-${h}-v`) })));
  });
  const withWo = ctx.form === 'x' && ctx.state.inputs.wo;
  parts.push(shapeLine(`${split.heads.length} × ${dims(h0.output)} ${t('sideBySide')} → concat ${dims(split.concat)}` +
    (withWo ? `;  concat ${dims(split.concat)} · W_O ${dims(r.wo)} → ${dims(r.output)}` : '')));
  const widths = split.heads.map((head) => head.output[0].length);
  const concatExplain = (i, j) => {
    let h = 0, jj = j;
    while (jj >= widths[h]) { jj -= widths[h]; h++; }
    return { lines: [t('explain').concat(i, j, h, jj), `= ${formatNumber(split.concat[i][j], p)}`], sources: [{ key: `head-${h}`, row: i }] };
  };
  const concat = resultFigure(ctx, { key: 'concat', title: '$\\text{concat}$', name: 'concat', values: split.concat,
    rowLabels: tokenLabels(ctx, split.concat.length, 'c'), explain: concatExplain });
  if (withWo) {
    const output = resultFigure(ctx, {
      key: 'final', title: '$\\text{concat} \\cdot W_O$', name: 'output', values: r.output,
      rowLabels: tokenLabels(ctx, r.output.length, 'y'),
      explain: (i, j) => ({
        lines: [t('explain').final(i, j), `= ${productTerms(split.concat[i], column(r.wo, j), p)}`, `= ${formatNumber(r.output[i][j], p)}`],
        sources: [{ key: 'concat', row: i }, { key: 'wo', col: j }],
      }),
    });
    parts.push(group(null, concat, inputFigure(ctx, 'wo'), output));
  } else {
    parts.push(group(null, concat));
  }
  parts.push(stepViews(ctx, 'multihead'));   // [views]
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
      box.append(el('h3', 'group-title', title), el('p', 'note', entry?.message ?? t('maskNeedsSquare')));
      figures.push(box);
      continue;
    }
    const n = head.weights.length, m = head.weights[0].length;
    figures.push(group(title,
      resultFigure(ctx, { key: `scaled-${mask}`, title: '$\\text{scaled}$', name: `scaled scores, mask ${mask}`, values: head.scaledScores,
        rowLabels: indexLabels(n, 'q'), colLabels: indexLabels(m, 'k'), explain: explainScaled(head, ctx.precision, 'scores') }),
      resultFigure(ctx, {
        key: `weights-${mask}`, title: '$\\text{weights}$', name: `weights, mask ${mask}`, values: head.weights, heat: true,
        rowLabels: indexLabels(n, 'q'), colLabels: indexLabels(m, 'k'),
        explain: explainWeight(head, ctx.precision, `scaled-${mask}`),
      })));
  }
  return [headPicker(ctx), ...figures, heatmapLegend(),
    stepViews(ctx, 'mask')];   // [views]
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
  details.append(whyScaleChart(ctx.core, ctx.whyScaleState, ctx.whyScale.axis));
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

function correctValue(ctx, field) {
  const trace = ctx.presetTrace;
  if (!trace) return undefined;
  if (['q', 'k', 'v', 'concat'].includes(field) && trace[field]) return trace[field];
  if (field === 'output' && ctx.preset.form === 'x' && trace.heads.length === 1 && !ctx.preset.wo) return trace.heads[0].output;
  const head = trace.heads[0];
  return field in head ? head[field] : trace[field];
}

export function errataPanel(ctx) {
  const errata = (ctx.preset.errata ?? []).filter((e) => e.step === ctx.step.id);
  const panel = el('aside', 'errata');
  panel.setAttribute('aria-label', t('inMaterial'));
  panel.append(el('h3', null, t('inMaterial')));
  if (!ctx.preset.source?.file) {
    panel.append(el('p', 'note', t('ownExample')));
    return panel;
  }
  if (errata.length === 0) {
    panel.append(el('p', 'note', t('noErrata')));
    return panel;
  }
  if (ctx.edited) panel.append(el('p', 'note edited', t('editedNote')));
  for (const erratum of errata) {
    const item = el('div', 'erratum');
    const printed = el('div', 'printed');
    printed.append(el('h4', null, erratum.section ? `${t('printed')} (§${pick(erratum.section)})` : t('printed')));
    if (erratum.printed.text) printed.append(appendRich(el('p', 'printed-text'), erratum.printed.text));
    if (erratum.printed.matrix) printed.append(plainMatrix(erratum.printed.matrix));
    if (erratum.printed.run) printed.append(printedRunBlock(ctx, erratum) ?? ''); // hook: issue 11 (what the code computes)
    const correct = el('div', 'correct');
    correct.append(el('h4', null, erratum.correct.field ? t('correct') : t('correctText')));
    if (erratum.correct.field) {
      const value = correctValue(ctx, erratum.correct.field);
      if (Array.isArray(value)) correct.append(plainMatrix(value, ctx.precision));
      else if (typeof value === 'number') correct.append(el('p', 'correct-number', formatNumber(value, Math.max(ctx.precision, 4))));
    }
    if (erratum.correct.text) correct.append(appendRich(el('p', 'correct-text'), pick(erratum.correct.text)));
    const why = el('p', 'why');
    why.append(el('strong', null, `${t('why')}: `));
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
 * whyScaleState, explainers (Map, filled here) }.
 */
export function renderStep(ctx) {
  const section = el('section', 'step');
  section.dataset.step = ctx.step.id;
  const heading = el('h2');
  heading.id = 'step-title';
  heading.tabIndex = -1;
  heading.append(el('span', 'step-number', `${ctx.index + 1}. `));
  appendRich(heading, pick(ctx.step.title));
  section.append(heading);
  section.append(displayFormula(ctx.step.formula));
  const body = el('div', 'lesson');
  for (const paragraph of pick(ctx.step.body) || []) body.append(appendRich(el('p'), paragraph));
  section.append(body);
  if (ctx.step.change) {
    const change = el('p', 'change');
    change.append(el('strong', null, `${t('changed')}: `));
    appendRich(change, pick(ctx.step.change));
    section.append(change);
  }

  const work = el('div', 'work');
  if (ctx.result) {
    if (ctx.stale) work.classList.add('stale');
    for (const part of builders[ctx.step.id](ctx)) if (part) work.append(part);
  } else {
    // Nothing computed yet (the link's own numbers are bad): the step's inputs can still be fixed.
    for (const part of inputsOnly(ctx)) work.append(part);
  }
  section.append(work);
  if (ctx.result) section.append(...issue11Sections(ctx)); // hook: issue 11 (order demo, n² cost)

  const explanation = el('div', 'explanation');
  explanation.id = 'explanation';
  explanation.setAttribute('aria-live', 'polite');
  explanation.append(el('h3', null, t('howMade')), el('p', 'hint', t('howMadeHint')));
  section.append(explanation);
  section.append(errataPanel(ctx));
  section.dataset.lang = language();
  return section;
}
