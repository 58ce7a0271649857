// matrix-view.js — matrices on screen: editable inputs, results with their arithmetic on
// hover/tap/focus, shape badges, and the weights heatmap. Everything is built with DOM calls
// and textContent; no value is ever parsed as markup.

import { appendRich } from './tex.js';
import { t } from './i18n.js';
import { el } from './dom.js';

/** x to `precision` decimals; integers as integers; −∞ as "−∞"; −0 as 0. */
export function formatNumber(x, precision) {
  if (x === -Infinity) return '−∞';
  if (x === Infinity) return '∞';
  if (Number.isNaN(x)) return 'NaN';
  if (Number.isInteger(x)) return Object.is(x, -0) ? '0' : String(x);
  const text = x.toFixed(precision);
  // A rounded −0.0000 reads as a sign error; show it unsigned.
  return /^-0\.?0*$/.test(text) ? text.slice(1) : text;
}

// ColorBrewer "Blues" (sequential, safe for colour-blind readers and in greyscale).
const BLUES = [[247, 251, 255], [222, 235, 247], [198, 219, 239], [158, 202, 225], [107, 174, 214], [66, 146, 198], [33, 113, 181], [8, 81, 156], [8, 48, 107]];

/**
 * Background colour for a weight w in [0, 1], and whether its text should be light (white).
 * Blues has a middle band (positions ≈ 0.66–0.73) where neither white nor ink text reaches the
 * WCAG AA contrast of 4.5: weights below 0.5 take positions 0–0.65 with ink text (contrast ≥ 4.6),
 * weights from 0.5 take 0.74–1 with white text (≥ 5.0). The order of colours is kept.
 */
export function heatColour(w) {
  const clamped = Math.min(1, Math.max(0, w));
  const position = clamped < 0.5 ? clamped * 1.3 : 0.74 + (clamped - 0.5) * 0.52;
  const x = position * (BLUES.length - 1);
  const i = Math.min(BLUES.length - 2, Math.floor(x));
  const f = x - i;
  const rgb = BLUES[i].map((c, k) => Math.round(c + (BLUES[i + 1][k] - c) * f));
  return { background: `rgb(${rgb.join(',')})`, light: clamped >= 0.5 };
}

/**
 * A matrix as a <figure>.
 *   key       — unique within the step (used by highlighting and tests: data-key)
 *   title     — caption, may hold $…$ TeX
 *   name      — plain name for screen readers ("Q", "scores")
 *   values    — number[][] (results) or string[][] (editable texts)
 *   editable  — cells are <input>s; onEdit(i, j, text) is called on every keystroke
 *   rowLabels / colLabels — header labels (strings), optional
 *   heat      — colour cells as weights in [0, 1]
 *   extra     — extra columns after a bar: [{ title, values: number[], key, explain? }], where
 *               explain(i) works like `explain` for the cell of row i
 *   explain   — (i, j) => { lines: string[], sources: [{ key, row } | { key, col }] } | null
 *   problems  — Set of "i,j" cells to mark as wrong
 *   precision — decimals
 */
export function matrixFigure(opts) {
  const { key, title, name, values, editable = false, rowLabels, colLabels, heat = false, extra = [], explain, problems, precision } = opts;
  const rows = values.length, cols = values[0]?.length ?? 0;
  const figure = el('figure', `matrix-figure${editable ? ' editable' : ''}${heat ? ' heat' : ''}`);
  figure.dataset.key = key;
  const caption = el('figcaption');
  appendRich(caption, title);
  const badge = el('span', 'shape', t('shapeBadge')(rows, cols));
  badge.setAttribute('aria-label', t('matrixLabel')(name, rows, cols));
  caption.append(' ', badge);
  if (editable) caption.append(' ', el('span', 'editable-tag', t('editable')));
  figure.append(caption);

  const scroller = el('div', 'matrix-scroll');
  const table = el('table', 'matrix');
  table.dataset.key = key;
  table.setAttribute('aria-label', t('matrixLabel')(name, rows, cols));
  if (colLabels || extra.length) {
    const head = table.createTHead().insertRow();
    if (rowLabels) head.append(el('td', 'corner'));
    for (let j = 0; j < cols; j++) {
      const th = el('th', 'col-label', colLabels ? colLabels[j] : '');
      th.scope = 'col';
      th.dataset.col = j;
      head.append(th);
    }
    for (const column of extra) head.append(el('th', 'extra-label', column.title));
  }
  const body = table.createTBody();
  for (let i = 0; i < rows; i++) {
    const tr = body.insertRow();
    tr.dataset.row = i;
    if (rowLabels) {
      const th = el('th', 'row-label', rowLabels[i]);
      th.scope = 'row';
      tr.append(th);
    }
    for (let j = 0; j < cols; j++) {
      const td = tr.insertCell();
      td.dataset.i = i;
      td.dataset.j = j;
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
        input.dataset.matrix = key;
        input.dataset.i = i;
        input.dataset.j = j;
        input.setAttribute('aria-label', t('cellLabel')(name, i, j));
        if (problems?.has(`${i},${j}`)) input.setAttribute('aria-invalid', 'true');
        td.append(input);
      } else {
        const x = values[i][j];
        td.textContent = formatNumber(x, precision);
        td.dataset.value = String(x);
        if (x === -Infinity) td.classList.add('masked');
        if (heat && Number.isFinite(x)) {
          const { background, light } = heatColour(x);
          td.style.background = background;
          if (light) td.classList.add('light');
        }
        if (explain) {
          td.tabIndex = 0;
          td.classList.add('explainable');
          td.setAttribute('aria-label', `${t('cellLabel')(name, i, j)}: ${formatNumber(x, precision)}`);
        }
      }
    }
    extra.forEach((column, c) => {
      const td = tr.insertCell();
      td.className = `extra${c === 0 ? ' first-extra' : ''}`;
      td.textContent = formatNumber(column.values[i], precision);
      td.dataset.value = String(column.values[i]);
      td.dataset.extra = column.key;
      td.dataset.i = i;
      if (column.explain) {
        // Explained like a result cell, under the key "<matrix>:<column>".
        td.classList.add('explainable');
        td.tabIndex = 0;
        td.dataset.key = `${key}:${column.key}`;
        td.dataset.j = '0';
        td.setAttribute('aria-label', `${column.title} ${i + 1}: ${formatNumber(column.values[i], precision)}`);
      }
    });
  }
  scroller.append(table);
  figure.append(scroller);
  return figure;
}

/** Highlights rows/columns of source matrices within `root`; clears the previous highlight. */
export function highlightSources(root, target, sources) {
  for (const node of root.querySelectorAll('.source, .target')) node.classList.remove('source', 'target');
  if (target) target.classList.add('target');
  for (const source of sources ?? []) {
    const table = root.querySelector(`table[data-key="${CSS.escape(source.key)}"]`);
    if (!table) continue;
    const cells = source.row !== undefined
      ? table.querySelectorAll(`td[data-i="${source.row}"]:not(.extra)`)
      : table.querySelectorAll(`td[data-j="${source.col}"]`);
    for (const cell of cells) cell.classList.add('source');
  }
}

/**
 * A matrix shown as given, not as a result: the material's printed figures exactly as printed
 * (precision undefined), or a result at the page's precision (class "printed" only for the former).
 */
export function plainMatrix(values, precision) {
  const table = el('table', `matrix ${precision === undefined ? 'printed' : 'given'}`);
  for (const row of values) {
    const tr = table.insertRow();
    for (const x of row) {
      const td = tr.insertCell();
      td.textContent = typeof x === 'number' && precision !== undefined ? formatNumber(x, precision) : String(x);
      if (typeof x === 'number') td.dataset.value = String(x);
    }
  }
  return table;
}
