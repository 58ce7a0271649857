// matrix-view.js — matrices on screen: editable inputs, results with their arithmetic on
// hover/tap/focus, shape badges, the weights heatmap, the diverging colours of scores, and the
// product layout (Kᵀ above S, Q to its left). Everything is built with DOM calls and
// textContent; no value is ever parsed as markup.
//
// Cell coordinates: data-i / data-j (and data-row / data-col, the same numbers) count from 0, as
// the core's arrays do; every label and every text the learner reads counts from 1 (q₁, S[1,2]).

import { appendRich } from './tex.js';
import { t } from './i18n.js';
import { el } from './dom.js';

/** x to `precision` decimals; integers as integers; −∞ as "−∞"; −0 as 0 (for arithmetic lines). */
export function formatNumber(x, precision) {
  if (x === -Infinity) return '−∞';
  if (x === Infinity) return '∞';
  if (Number.isNaN(x)) return 'NaN';
  if (Number.isInteger(x)) return Object.is(x, -0) ? '0' : String(x);
  return fixed(x, precision);
}

function fixed(x, decimals) {
  const text = x.toFixed(decimals);
  // A rounded −0.0000 reads as a sign error; show it unsigned.
  return /^-0\.?0*$/.test(text) ? text.slice(1) : text;
}

/**
 * The decimals of a whole matrix (or column): 0 when every finite entry is a whole number,
 * else `precision` for all, so that a column never mixes "1" with "0.2500".
 */
export function decimalsOf(values, precision) {
  const flat = values.flat();
  return flat.every((x) => !Number.isFinite(x) || Number.isInteger(x)) ? 0 : precision;
}

/** A cell of a matrix shown with `decimals` (from decimalsOf). */
export function formatCell(x, decimals) {
  if (!Number.isFinite(x)) return formatNumber(x, decimals);
  return fixed(x, decimals);
}

// ColorBrewer "Blues" (sequential, safe for colour-blind readers and in greyscale).
const BLUES = [[247, 251, 255], [222, 235, 247], [198, 219, 239], [158, 202, 225], [107, 174, 214], [66, 146, 198], [33, 113, 181], [8, 81, 156], [8, 48, 107]];

const mix = (stops, position) => {
  const x = Math.min(1, Math.max(0, position)) * (stops.length - 1);
  const i = Math.min(stops.length - 2, Math.floor(x));
  const f = x - i;
  return stops[i].map((c, k) => Math.round(c + (stops[i + 1][k] - c) * f));
};

/**
 * Background colour for a weight w in [0, 1], and whether its text should be light (white).
 * Blues has a middle band (positions ≈ 0.66–0.73) where neither white nor ink text reaches the
 * WCAG AA contrast of 4.5: weights below 0.5 take positions 0–0.65 with ink text (contrast ≥ 4.6),
 * weights from 0.5 take 0.74–1 with white text (≥ 5.0). The order of colours is kept.
 */
export function heatColour(w) {
  const clamped = Math.min(1, Math.max(0, w));
  const position = clamped < 0.5 ? clamped * 1.3 : 0.74 + (clamped - 0.5) * 0.52;
  return { background: `rgb(${mix(BLUES, position).join(',')})`, light: clamped >= 0.5 };
}

// Diverging scale for scores (ColorBrewer RdBu's light half: blue below 0, white at 0, red above).
// Only the light shades are used, so ink text keeps a contrast above 7 on every cell.
const NEGATIVE = [[255, 255, 255], [209, 229, 240], [146, 197, 222]];
const POSITIVE = [[255, 255, 255], [253, 219, 199], [244, 165, 130]];

/** Background for a score x on a scale symmetric around 0 with half-width `extent`. */
export function divergingColour(x, extent) {
  if (!Number.isFinite(x) || extent <= 0) return null;
  const f = Math.min(1, Math.abs(x) / extent);
  return `rgb(${mix(x < 0 ? NEGATIVE : POSITIVE, f).join(',')})`;
}

/** The half-width of the diverging scale of a matrix: its largest |finite entry|. */
export function divergingExtent(values) {
  return Math.max(0, ...values.flat().filter(Number.isFinite).map(Math.abs));
}

/** A continuous legend: a gradient bar with its end and middle values. kind: 'weights' | 'scores'. */
export function colourLegend(kind, extent = 1, precision = 2) {
  const legend = el('div', `colour-legend ${kind}`);
  const bar = el('span', 'legend-bar');
  const stops = kind === 'weights'
    ? [0, 0.25, 0.49, 0.5, 0.75, 1].map((w) => `${heatColour(w).background} ${w * 100}%`)
    : [-1, -0.5, 0, 0.5, 1].map((f) => `${divergingColour(f, 1)} ${(f + 1) * 50}%`);
  bar.style.background = `linear-gradient(to right, ${stops.join(', ')})`;
  bar.setAttribute('aria-hidden', 'true');
  const ends = kind === 'weights' ? ['0', '0.5', '1'] : [formatNumber(-extent, precision), '0', formatNumber(extent, precision)];
  const scale = el('span', 'legend-scale');
  scale.append(bar);
  const labels = el('span', 'legend-labels');
  for (const text of ends) labels.append(el('span', null, text));
  scale.append(labels);
  legend.append(scale, el('span', 'legend-text', kind === 'weights' ? t('weightsHeatmap') : t('scoresLegend')));
  return legend;
}

/**
 * A matrix as a <figure>.
 *   key       — unique within the step (used by highlighting and tests: data-key)
 *   symbol    — the thing's symbol ('S', 'Sp', 'A', 'O', 'Q', 'K', 'KT', 'V', 'X', 'WQ', …): data-matrix
 *   head      — the head's index (0-based) for a per-head matrix: data-head
 *   title     — caption, may hold $…$ TeX
 *   name      — plain name for screen readers ("Q", "S, the scores")
 *   values    — number[][] (results) or string[][] (editable texts)
 *   editable  — cells are <input>s
 *   rowLabels / colLabels — header labels (strings), optional; colLabelsBelow puts them in a footer
 *   heat      — colour cells as weights in [0, 1]; diverging — colour cells as scores around 0
 *   extra     — extra columns after a bar: [{ title, values: number[], key, explain? }], where
 *               explain(i) works like `explain` for the cell of row i
 *   explain   — (i, j) => { lines, sources } | null (see steps.js)
 *   problems  — Set of "i,j" cells to mark as wrong
 *   precision — decimals
 *   fixedWidths — column widths in ch (the product layout aligns columns across matrices)
 *   captionBelow — the caption after the table (the product layout keeps rows level)
 *   rowLabelsAfter — row labels on the right (V above O keeps its columns over O's)
 *   transposed — { matrix, name }: editable cells laid out transposed; cell (i, j) edits matrix[j][i]
 *   inputKey  — the input matrix an editable figure edits when its key differs (Q shown as 'hq')
 * Result cells form one grid: the first cell is the matrix's only Tab stop, arrows move inside.
 */
export function matrixFigure(opts) {
  const { key, symbol, head, title, name, values, editable = false, rowLabels, colLabels, colLabelsBelow = false, heat = false,
    diverging = false, extra = [], explain, problems, precision, fixedWidths, captionBelow = false, rowLabelsAfter = false, transposed = false } = opts;
  const rows = values.length, cols = values[0]?.length ?? 0;
  const figure = el('figure', `matrix-figure${editable ? ' editable' : ''}${heat ? ' heat' : ''}`);
  figure.dataset.key = key;
  const caption = el('figcaption');
  appendRich(caption, title);
  const badge = el('span', 'shape', t('shapeBadge')(rows, cols));
  badge.setAttribute('aria-label', t('matrixLabel')(name, rows, cols));
  caption.append(' ', badge);
  if (editable) caption.append(' ', el('span', 'editable-tag', t('editable')));
  if (!captionBelow) figure.append(caption);

  const scroller = el('div', 'matrix-scroll');
  const table = el('table', 'matrix');
  table.dataset.key = key;
  if (symbol) table.dataset.matrix = symbol;
  if (head !== undefined) table.dataset.head = String(head);
  table.setAttribute('aria-label', t('matrixLabel')(name, rows, cols));
  if (fixedWidths) {
    table.classList.add('fixed');
    const group = el('colgroup');
    if (rowLabels && !rowLabelsAfter) group.append(el('col', 'label-col'));
    for (let j = 0; j < cols; j++) {
      const col = el('col');
      col.style.width = `${fixedWidths[j]}ch`;
      group.append(col);
    }
    if (rowLabels && rowLabelsAfter) group.append(el('col', 'label-col'));
    table.append(group);
    // A set width makes the layout fixed, so the columns are exactly these widths in every matrix.
    if (!rowLabels) table.style.width = `${fixedWidths.reduce((a, b) => a + b, 0)}ch`;
  }
  const decimals = editable ? 0 : decimalsOf(values, precision);
  const extent = diverging ? divergingExtent(values) : 0;
  let tabStop = null;
  const labelRow = (section) => {
    const tr = section.insertRow();
    if (rowLabels && !rowLabelsAfter) tr.append(el('td', 'corner'));
    for (let j = 0; j < cols; j++) {
      const th = el('th', 'col-label', colLabels ? colLabels[j] : '');
      th.scope = 'col';
      th.dataset.col = String(j);
      tr.append(th);
    }
    if (rowLabels && rowLabelsAfter) tr.append(el('td', 'corner'));
    for (const column of extra) tr.append(el('th', 'extra-label', column.title));
  };
  if ((colLabels && !colLabelsBelow) || extra.length) labelRow(table.createTHead());
  const body = table.createTBody();
  const extraDecimals = extra.map((column) => decimalsOf(column.values, precision));
  for (let i = 0; i < rows; i++) {
    const tr = body.insertRow();
    tr.dataset.row = String(i);
    const rowLabel = () => {
      const th = el('th', 'row-label', rowLabels[i]);
      th.scope = 'row';
      th.dataset.row = String(i);
      tr.append(th);
    };
    if (rowLabels && !rowLabelsAfter) rowLabel();
    for (let j = 0; j < cols; j++) {
      const td = tr.insertCell();
      td.dataset.i = String(i);
      td.dataset.j = String(j);
      td.dataset.row = String(i);
      td.dataset.col = String(j);
      td.dataset.key = key;
      if (problems?.has(`${i},${j}`)) td.classList.add('problem');
      if (editable) {
        const input = el('input');
        input.type = 'text';
        input.inputMode = 'decimal';
        input.autocomplete = 'off';
        input.spellcheck = false;
        input.value = values[i][j];
        input.size = Math.max(3, Math.min(8, values[i][j].length + 1));
        // A transposed input (Kᵀ laid out from K's cells) edits K[j][i].
        const [mi, mj] = transposed ? [j, i] : [i, j];
        input.dataset.matrix = transposed.matrix ?? opts.inputKey ?? key;
        input.dataset.i = String(mi);
        input.dataset.j = String(mj);
        input.setAttribute('aria-label', t('cellLabel')(transposed.name ?? name, mi, mj));
        // One Tab stop per matrix: the first cell; arrows move between cells (explainer.js).
        input.tabIndex = tabStop ? -1 : 0;
        tabStop ??= input;
        if (problems?.has(`${i},${j}`)) input.setAttribute('aria-invalid', 'true');
        td.append(input);
      } else {
        const x = values[i][j];
        td.textContent = formatCell(x, decimals);
        td.dataset.value = String(x);
        if (x === -Infinity) td.classList.add('masked');
        if (heat && Number.isFinite(x)) {
          const { background, light } = heatColour(x);
          td.style.background = background;
          if (light) td.classList.add('light');
        } else if (diverging && Number.isFinite(x)) {
          td.style.background = divergingColour(x, extent);
        }
        if (explain) {
          td.tabIndex = tabStop ? -1 : 0;
          tabStop ??= td;
          td.classList.add('explainable');
          td.setAttribute('aria-label', `${t('cellLabel')(name, i, j)}: ${td.textContent}`);
        }
      }
    }
    if (rowLabels && rowLabelsAfter) rowLabel();
    extra.forEach((column, c) => {
      const td = tr.insertCell();
      td.className = `extra${c === 0 ? ' first-extra' : ''}`;
      td.textContent = formatCell(column.values[i], extraDecimals[c]);
      td.dataset.value = String(column.values[i]);
      td.dataset.extra = column.key;
      td.dataset.i = String(i);
      td.dataset.row = String(i);
      if (column.explain) {
        // Explained like a result cell, under the key "<matrix>:<column>".
        td.classList.add('explainable');
        td.tabIndex = tabStop ? -1 : 0;
        tabStop ??= td;
        td.dataset.key = `${key}:${column.key}`;
        td.dataset.j = '0';
        td.setAttribute('aria-label', `${column.title} ${i + 1}: ${td.textContent}`);
      }
    });
  }
  if (colLabels && colLabelsBelow) labelRow(table.createTFoot());
  if (tabStop) table.classList.add(editable ? 'input-grid' : 'grid');
  scroller.append(table);
  figure.append(scroller);
  if (captionBelow) figure.append(caption);
  return figure;
}

/** Column widths (in ch) that fit every listed matrix's texts and labels, column by column. */
export function sharedWidths(precision, columns, ...matrices) {
  return Array.from({ length: columns }, (_, j) => {
    let longest = 3;
    for (const { values, labels, transpose, texts } of matrices) {
      if (labels?.[j]) longest = Math.max(longest, Math.min(10, [...labels[j]].length * 1.1));
      if (texts) for (const row of texts) longest = Math.max(longest, Math.min(10, (row[j] ?? '').length + 1));
      if (!values) continue;
      const column = transpose ? values[j] : values.map((row) => row[j]);
      const decimals = decimalsOf(values, precision);
      for (const x of column ?? []) longest = Math.max(longest, formatCell(x, decimals).length);
    }
    return Math.ceil(longest + 2);
  });
}

/**
 * Highlights the sources of a cell within `root`; clears the previous highlight.
 * sources: [{ key, row, role } | { key, col, role } | { key, cell: [i, j], role } | { key, extra, row, role }],
 * role 'a' (the left factor, e.g. Q's row) or 'b' (the right factor, e.g. Kᵀ's column) colours them.
 */
export function highlightSources(root, target, sources) {
  for (const node of root.querySelectorAll('.source, .target, .source-a, .source-b')) node.classList.remove('source', 'target', 'source-a', 'source-b');
  if (target) target.classList.add('target');
  for (const source of sources ?? []) {
    const table = root.querySelector(`table[data-key="${CSS.escape(source.key)}"]`);
    if (!table) continue;
    let cells;
    if (source.cell) cells = table.querySelectorAll(`td[data-i="${source.cell[0]}"][data-j="${source.cell[1]}"]:not(.extra)`);
    else if (source.extra) cells = table.querySelectorAll(`td.extra[data-extra="${CSS.escape(source.extra)}"][data-i="${source.row}"]`);
    else if (source.row !== undefined) cells = table.querySelectorAll(`td[data-i="${source.row}"]:not(.extra)`);
    else cells = table.querySelectorAll(`td[data-j="${source.col}"]:not(.extra)`);
    for (const cell of cells) cell.classList.add('source', `source-${source.role ?? 'a'}`);
  }
}

/**
 * A matrix shown as given, not as a result: the material's printed figures exactly as printed
 * (precision undefined), or a result at the page's precision (class "printed" only for the former).
 */
export function plainMatrix(values, precision) {
  const table = el('table', `matrix ${precision === undefined ? 'printed' : 'given'}`);
  const decimals = precision === undefined ? 0 : decimalsOf(values.map((row) => row.filter((x) => typeof x === 'number')), precision);
  for (const row of values) {
    const tr = table.insertRow();
    for (const x of row) {
      const td = tr.insertCell();
      td.textContent = typeof x === 'number' && precision !== undefined ? formatCell(x, decimals) : String(x);
      if (typeof x === 'number') td.dataset.value = String(x);
    }
  }
  return table;
}
