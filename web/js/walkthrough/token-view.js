// token-view.js — attention as links between words (the head view of BertViz): queries in one
// column, keys in the other, one SVG line per (query, key) pair whose opacity and width grow with
// its weight. Pointing at or focusing a token shows only its links and lights its row (or column)
// of the weights heatmap; pointing at a heatmap cell lights its link. Plain data in: labels, the
// core's weights, which pairs are masked, the keys of the heatmap tables it follows.

import { t } from './i18n.js';
import { el, titledGroup, closestTo } from './dom.js';
import { formatNumber } from './matrix-view.js';

const SVG = 'http://www.w3.org/2000/svg';
const svgEl = (tag, attrs = {}) => {
  const node = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, String(value));
  return node;
};

// Okabe–Ito colours (distinct for colour-blind readers), dark enough against white for lines.
export const HEAD_COLOURS = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#000000', '#999933'];

const ROW = 32;          // px per token row; the buttons and the lines share it
const LINK_WIDTH = 100;  // the SVG's own width units (stretched to the column's width)

/**
 * A token view.
 *   id          — unique on the page (data-token-view)
 *   title       — heading text
 *   queryLabels, keyLabels — one text per row / column of the weights
 *   heads       — [{ weights: number[][] (n×m, the core's), masked?: boolean[][], tableKey, label }]
 *   precision   — decimals for the text alternative; hint — show the line of help under it
 * Returns the element; every line is <line data-query data-key data-weight data-head>.
 */
export function tokenView({ id, title, queryLabels, keyLabels, heads, precision = 4, hint = true }) {
  installSync();
  const n = queryLabels.length, m = keyLabels.length;
  const rows = Math.max(n, m);
  const headingId = `tv-${id}-title`;
  const box = titledGroup('token-view', 'tv-title', headingId, title);
  box.dataset.tokenView = id;
  box.dataset.tables = heads.map((h) => h.tableKey).join(' ');
  box.dataset.shownHead = 'all';

  if (heads.length > 1) box.append(headSelector(box, id, heads));

  const grid = el('div', 'tv-grid');
  grid.style.setProperty('--tv-row', `${ROW}px`);
  const column = (labels, side) => {
    const list = el('div', `tv-column tv-${side}`);
    labels.forEach((label, index) => {
      const button = el('button', 'tv-token', label);
      button.type = 'button';
      button.dataset.side = side;
      button.dataset.index = index;
      button.setAttribute('aria-pressed', 'false');
      button.tabIndex = index === 0 ? 0 : -1;   // one Tab stop per column; ↑ ↓ move within it, ← → across
      button.setAttribute('aria-label', side === 'query' ? t('tvQueryToken')(label) : t('tvKeyToken')(label));
      list.append(button);
    });
    return list;
  };

  const svg = svgEl('svg', { class: 'tv-links', viewBox: `0 0 ${LINK_WIDTH} ${rows * ROW}`, preserveAspectRatio: 'none', 'aria-hidden': 'true', focusable: 'false' });
  svg.style.height = `${rows * ROW}px`;
  heads.forEach((head, h) => {
    // Overlaid heads sit a few pixels apart, so that each colour stays visible.
    const offset = heads.length > 1 ? (h - (heads.length - 1) / 2) * Math.min(4, 16 / heads.length) : 0;
    const g = svgEl('g', { class: 'tv-head', 'data-head': h, stroke: head.colour ?? HEAD_COLOURS[h % HEAD_COLOURS.length] });
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < m; j++) {
        if (head.masked?.[i]?.[j]) continue;   // a masked pair has no link
        const w = head.weights[i][j];
        // Opacity and width grow with the weight (the only mapping from number to ink here).
        const line = svgEl('line', {
          class: 'tv-link', x1: 0, y1: (i + 0.5) * ROW + offset, x2: LINK_WIDTH, y2: (j + 0.5) * ROW + offset,
          'stroke-opacity': Math.max(0, Math.min(1, w)), 'stroke-width': 1 + 5 * Math.max(0, Math.min(1, w)),
          'vector-effect': 'non-scaling-stroke',
          'data-query': i, 'data-key': j, 'data-weight': w, 'data-head': h,
        });
        g.append(line);
      }
    }
    svg.append(g);
  });
  grid.append(el('span', 'tv-column-title tv-query', t('tvQueries')), el('span'), el('span', 'tv-column-title tv-key', t('tvKeys')),
    column(queryLabels, 'query'), svg, column(keyLabels, 'key'));
  box.append(grid);
  if (hint) box.append(el('p', 'tv-hint', t('tvHint')));
  box.append(textAlternative(queryLabels, keyLabels, heads, precision));

  // Pointing or focusing shows a token's links; a click (or tap) pins them until the next click.
  const show = (button) => setFocus(box, button ? { side: button.dataset.side, index: Number(button.dataset.index) } : null);
  grid.addEventListener('pointerover', (e) => { const b = closestTo(e.target, '.tv-token'); if (b) show(b); });
  grid.addEventListener('pointerout', (e) => {
    if (closestTo(e.target, '.tv-token') && !closestTo(e.relatedTarget, '.tv-token')) show(pinned(box));
  });
  grid.addEventListener('focusin', (e) => { const b = closestTo(e.target, '.tv-token'); if (b) show(b); });
  grid.addEventListener('focusout', () => show(pinned(box)));
  grid.addEventListener('keydown', (e) => {
    const b = closestTo(e.target, '.tv-token');
    if (!b || e.altKey || e.ctrlKey || e.metaKey) return;
    const side = b.dataset.side, index = Number(b.dataset.index);
    const count = side === 'query' ? n : m;
    const target = {
      ArrowUp: [side, Math.max(0, index - 1)], ArrowDown: [side, Math.min(count - 1, index + 1)],
      Home: [side, 0], End: [side, count - 1],
      ArrowLeft: ['query', Math.min(index, n - 1)], ArrowRight: ['key', Math.min(index, m - 1)],
    }[e.key];
    if (!target) return;
    e.preventDefault();
    e.stopPropagation();   // ← → move between the columns here, not between the steps
    const next = /** @type {HTMLElement} */ (box.querySelector(`.tv-token[data-side="${target[0]}"][data-index="${target[1]}"]`));
    for (const other of /** @type {NodeListOf<HTMLElement>} */ (box.querySelectorAll(`.tv-token[data-side="${target[0]}"]`))) other.tabIndex = other === next ? 0 : -1;
    next.focus();
  });
  grid.addEventListener('click', (e) => {
    const b = closestTo(e.target, '.tv-token');
    if (!b) return;
    const wasPinned = b.getAttribute('aria-pressed') === 'true';
    for (const other of box.querySelectorAll('.tv-token[aria-pressed="true"]')) other.setAttribute('aria-pressed', 'false');
    b.setAttribute('aria-pressed', String(!wasPinned));
    show(wasPinned ? null : b);
  });
  return box;
}

const pinned = (box) => box.querySelector('.tv-token[aria-pressed="true"]');

function headSelector(box, id, heads) {
  const group = el('div', 'tv-heads');
  group.setAttribute('role', 'radiogroup');
  group.setAttribute('aria-label', t('tvHeads'));
  const options = [['all', t('tvAllHeads'), null], ...heads.map((head, h) => [String(h), head.label, head.colour ?? HEAD_COLOURS[h % HEAD_COLOURS.length]])];
  for (const [value, label, colour] of options) {
    const option = el('label', 'tv-head-option');
    const radio = el('input');
    radio.type = 'radio';
    radio.name = `tv-${id}-head`;
    radio.value = value;
    radio.checked = value === 'all';
    radio.addEventListener('change', () => {
      box.dataset.shownHead = value;
      for (const g of box.querySelectorAll('g.tv-head')) g.style.display = value === 'all' || g.dataset.head === value ? '' : 'none';
      const p = pinned(box);
      setFocus(box, p ? { side: p.dataset.side, index: Number(p.dataset.index) } : null);
    });
    option.append(radio);
    if (colour) {
      const swatch = el('span', 'tv-swatch');
      swatch.style.background = colour;
      option.append(swatch);
    }
    option.append(` ${label}`);
    group.append(option);
  }
  return group;
}

// A list for screen readers: per query (and head), its keys by weight, largest first.
function textAlternative(queryLabels, keyLabels, heads, precision) {
  const list = el('ul', 'tv-sr tv-text');
  heads.forEach((head, h) => {
    queryLabels.forEach((label, i) => {
      const order = keyLabels.map((_, j) => j).filter((j) => !head.masked?.[i]?.[j])
        .sort((a, b) => head.weights[i][b] - head.weights[i][a]);
      const parts = order.slice(0, 3).map((j) => `${keyLabels[j]} ${formatNumber(head.weights[i][j], precision)}`);
      const prefix = heads.length > 1 ? `${head.label}, ` : '';
      list.append(el('li', null, `${prefix}${t('tvTextRow')(label, parts.join('; '))}`));
    });
  });
  return list;
}

/** Shows the links of one token (side 'query' or 'key', its index), or all links (null). */
function setFocus(box, focus, { headOnly = null, key = null } = {}) {
  for (const line of box.querySelectorAll('.tv-link.tv-on, .tv-link.tv-hot')) line.classList.remove('tv-on', 'tv-hot');
  for (const b of box.querySelectorAll('.tv-token.tv-active')) b.classList.remove('tv-active');
  box.classList.toggle('tv-focused', Boolean(focus));
  lightHeatmap(box, focus);
  if (!focus) return;
  const attr = focus.side === 'query' ? 'data-query' : 'data-key';
  for (const line of box.querySelectorAll(`.tv-link[${attr}="${focus.index}"]`)) {
    if (headOnly !== null && line.dataset.head !== String(headOnly)) continue;
    line.classList.add('tv-on');
    if (key !== null && line.dataset.key === String(key)) line.classList.add('tv-hot');
  }
  box.querySelector(`.tv-token[data-side="${focus.side}"][data-index="${focus.index}"]`)?.classList.add('tv-active');
  if (key !== null) box.querySelector(`.tv-token[data-side="key"][data-index="${key}"]`)?.classList.add('tv-active');
}

// The heatmap cells of a row (query) or column (key) in the tables the view follows.
const heatmapCells = (root, tableKey, focus) => root.querySelectorAll(focus.side === 'query'
  ? `td[data-key="${CSS.escape(tableKey)}"][data-i="${focus.index}"]`
  : `td[data-key="${CSS.escape(tableKey)}"][data-j="${focus.index}"]`);

function lightHeatmap(box, focus) {
  const root = box.closest('section') ?? document;
  for (const cell of root.querySelectorAll('td.tv-lit')) cell.classList.remove('tv-lit');
  if (!focus || box.dataset.syncing) return;
  const shown = box.dataset.shownHead;
  box.dataset.tables.split(' ').forEach((tableKey, h) => {
    if (shown !== 'all' && shown !== String(h)) return;
    for (const cell of heatmapCells(root, tableKey, focus)) cell.classList.add('tv-lit');
  });
}

// From the heatmap to the view: one set of listeners for the whole page (views come and go
// with every render; the listeners find them when an event arrives).
let syncInstalled = false;
function installSync() {
  if (syncInstalled) return;
  syncInstalled = true;
  const cellOf = (target) => closestTo(target, 'td[data-key][data-i][data-j]');
  const viewsFor = (tableKey) => [.../** @type {NodeListOf<HTMLElement>} */ (document.querySelectorAll('[data-token-view]'))]
    .filter((box) => box.dataset.tables.split(' ').includes(tableKey));
  const enter = (e) => {
    const cell = cellOf(e.target);
    if (!cell) return;
    for (const box of viewsFor(cell.dataset.key)) {
      const head = box.dataset.tables.split(' ').indexOf(cell.dataset.key);
      box.dataset.syncing = 'true';   // the heatmap keeps its own highlight
      setFocus(box, { side: 'query', index: Number(cell.dataset.i) }, { headOnly: head, key: Number(cell.dataset.j) });
      delete box.dataset.syncing;
    }
  };
  const leave = (e) => {
    const cell = cellOf(e.target);
    if (!cell || cellOf(e.relatedTarget ?? document.body)?.dataset.key === cell.dataset.key) return;
    for (const box of viewsFor(cell.dataset.key)) {
      const p = pinned(box);
      setFocus(box, p ? { side: p.dataset.side, index: Number(p.dataset.index) } : null);
    }
  };
  document.addEventListener('pointerover', enter);
  document.addEventListener('focusin', enter);
  document.addEventListener('pointerout', leave);
  document.addEventListener('focusout', leave);
}
