// plane-view.js — vectors of width 2 drawn in the plane.
//   planeView: queries and keys as arrows from the origin; one chosen score taken apart as
//     |q|·|k|·cos θ (numbers from the core's pairGeometry). Handles at the arrow tips can be
//     dragged (pointer: mouse, pen, touch) or nudged with the arrow keys; each move calls
//     onMove(matrix, row, [x, y]) and the page recomputes through the core.
//   valueHull: the value rows as points, their convex hull (the core's convexHull2d), each output
//     row as a point inside it (the weights are its mixture), and the path of one output as the
//     temperature τ runs from the average (τ → ∞) towards the value the query favours (τ → 0).
// Plain data in; the only arithmetic here maps coordinates to pixels.

import { t } from './i18n.js';
import { el, titledGroup, closestTo } from './dom.js';
import { formatNumber } from './matrix-view.js';

const SVG = 'http://www.w3.org/2000/svg';
const svgEl = (tag, attrs = {}) => {
  const node = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, String(value));
  return node;
};
const svgText = (text, attrs) => {
  const node = svgEl('text', attrs);
  node.textContent = text;
  return node;
};

// A view's box -> what pointing at a cell of the table it follows does: (i, j) => void.
const choosers = new WeakMap();
// A plane view's box -> its frame (the pixel mapping of its plane).
const frames = new WeakMap();

const SIZE = 300;            // the plane's viewBox is SIZE×SIZE
const PAD = 22;
const QUERY_COLOUR = '#0072B2';
const KEY_COLOUR = '#D55E00';
const VALUE_COLOUR = '#009E73';
const OUTPUT_COLOUR = '#6a3d9a';
const SNAP = 100;            // dragged coordinates are kept to 2 decimals
const NUDGE = 0.1, NUDGE_BIG = 0.5;

// The square of the plane: the points and the origin with a margin, the same scale on both axes
// (so that angles look as they are). { cx, cy, half }.
function boundsOf(points) {
  let minX = 0, maxX = 0, minY = 0, maxY = 0;
  for (const [x, y] of points) {
    minX = Math.min(minX, x); maxX = Math.max(maxX, x);
    minY = Math.min(minY, y); maxY = Math.max(maxY, y);
  }
  const half = Math.max(maxX - minX, maxY - minY, 0.5) * 0.6;
  return { cx: (minX + maxX) / 2, cy: (minY + maxY) / 2, half };
}

function frame({ cx, cy, half }) {
  const scale = (SIZE / 2 - PAD) / half;
  return {
    bounds: { cx, cy, half },
    lowX: cx - half, highX: cx + half, lowY: cy - half, highY: cy + half,
    x: (v) => SIZE / 2 + (v - cx) * scale,
    y: (v) => SIZE / 2 - (v - cy) * scale,
    fromClient(svg, clientX, clientY) {
      const box = svg.getBoundingClientRect();
      const px = ((clientX - box.left) / box.width) * SIZE, py = ((clientY - box.top) / box.height) * SIZE;
      return [cx + (px - SIZE / 2) / scale, cy + (SIZE / 2 - py) / scale];
    },
  };
}

// Grid lines every 1, 2 or 5 ×10^k, about five across.
function gridStep(half) {
  const target = (2 * half) / 5;
  const power = 10 ** Math.floor(Math.log10(target));
  for (const step of [1, 2, 5]) if (step * power >= target) return step * power;
  return 10 * power;
}
const tickText = (v) => String(Number(v.toFixed(6)));

function axes(svg, f, placer = null) {
  const step = gridStep(f.bounds.half);
  const grid = svgEl('g', { class: 'pv-grid' });
  const axis = svgEl('g', { class: 'pv-axis' });
  for (let k = Math.ceil(f.lowX / step); k * step <= f.highX; k++) {
    const v = k * step;
    grid.append(svgEl('line', { x1: f.x(v), y1: f.y(f.lowY), x2: f.x(v), y2: f.y(f.highY) }));
    if (k === 0) continue;
    const y = Math.min(f.y(0) + 12, SIZE - 4), w = labelWidth(tickText(v), 9);
    axis.append(svgText(tickText(v), { x: f.x(v), y, class: 'pv-tick', 'text-anchor': 'middle' }));
    placer?.box(f.x(v) - w / 2, y - 8, f.x(v) + w / 2, y);
  }
  for (let k = Math.ceil(f.lowY / step); k * step <= f.highY; k++) {
    const v = k * step;
    grid.append(svgEl('line', { x1: f.x(f.lowX), y1: f.y(v), x2: f.x(f.highX), y2: f.y(v) }));
    if (k === 0) continue;
    const x = Math.max(f.x(0) - 4, 14), w = labelWidth(tickText(v), 9);
    axis.append(svgText(tickText(v), { x, y: f.y(v) + 3, class: 'pv-tick', 'text-anchor': 'end' }));
    placer?.box(x - w, f.y(v) - 5, x, f.y(v) + 3);
  }
  axis.prepend(svgEl('line', { x1: f.x(f.lowX), y1: f.y(0), x2: f.x(f.highX), y2: f.y(0) }),
    svgEl('line', { x1: f.x(0), y1: f.y(f.lowY), x2: f.x(0), y2: f.y(f.highY) }));
  svg.append(grid, axis);
  placer?.segment(f.x(f.lowX), f.y(0), f.x(f.highX), f.y(0), 4);
  placer?.segment(f.x(0), f.y(f.lowY), f.x(0), f.y(f.highY), 4);
}

function arrowMarker(svg, id, colour) {
  let defs = svg.querySelector('defs');
  if (!defs) { defs = svgEl('defs'); svg.append(defs); }
  const marker = svgEl('marker', { id, viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 11, markerHeight: 11, markerUnits: 'userSpaceOnUse', orient: 'auto-start-reverse' });
  marker.append(svgEl('path', { d: 'M0,0 L10,5 L0,10 z', fill: colour }));
  defs.append(marker);
  return `url(#${id})`;
}

// ------------------------------------------------------------------ labels

// Labels are placed one by one where they cover the least: of the other labels, the points
// (handles, values, outputs) and the lines (arrows, the τ path), inside the plane. Sizes in
// viewBox units; a label's width is estimated from its characters (CJK ones are square).
const LABEL_HEIGHT = 12;
const labelWidth = (text, size = 12) => [...text].reduce((w, c) => w + (/[\u2e80-\uffff]/.test(c) ? size : size * 0.6), 0);

function labelPlacer() {
  const boxes = [], points = [], segments = [];
  const overlap = (a, b) => Math.max(0, Math.min(a.x2, b.x2) - Math.max(a.x1, b.x1)) * Math.max(0, Math.min(a.y2, b.y2) - Math.max(a.y1, b.y1));
  const cost = (box) => {
    let c = 0;
    for (const b of boxes) c += 4 * overlap(box, b);
    for (const { x, y, r } of points) c += 3 * overlap(box, { x1: x - r, y1: y - r, x2: x + r, y2: y + r });
    for (const [x1, y1, x2, y2, weight] of segments) {
      // Samples along the line: each one inside the box counts.
      const n = Math.max(2, Math.ceil(Math.hypot(x2 - x1, y2 - y1) / 3));
      for (let k = 0; k <= n; k++) {
        const x = x1 + ((x2 - x1) * k) / n, y = y1 + ((y2 - y1) * k) / n;
        if (x > box.x1 && x < box.x2 && y > box.y1 && y < box.y2) c += weight;
      }
    }
    const outside = Math.max(0, 2 - box.x1) + Math.max(0, box.x2 - (SIZE - 2)) + Math.max(0, 2 - box.y1) + Math.max(0, box.y2 - (SIZE - 2));
    return c + 400 * outside;
  };
  return {
    point(x, y, r) { points.push({ x, y, r }); },
    segment(x1, y1, x2, y2, weight = 12) { segments.push([x1, y1, x2, y2, weight]); },
    box(x1, y1, x2, y2) { boxes.push({ x1, y1, x2, y2 }); },
    /** Where to put `text` next to (x, y), clear of a mark of radius r; `prefer`: [dx, dy], the side tried first. */
    place(text, x, y, r, prefer = [1, -1]) {
      const w = labelWidth(text), h = LABEL_HEIGHT;
      let best = null;
      const sides = [];
      for (let a = 0; a < 16; a++) sides.push([Math.cos((a * Math.PI) / 8), -Math.sin((a * Math.PI) / 8)]);
      for (const gap of [4, 9, 16]) {
        for (const [dx, dy] of sides) {
          // The box touches the circle of radius r + gap around the point, on the side (dx, dy).
          const d = r + gap;
          const cx = x + dx * (d + w / 2 * Math.abs(dx)), cy = y + dy * (d + h / 2 * Math.abs(dy));
          const box = { x1: cx - w / 2, y1: cy - h / 2, x2: cx + w / 2, y2: cy + h / 2 };
          const bias = gap * 0.8 + 6 * (1 - (dx * prefer[0] + dy * prefer[1]) / Math.hypot(...prefer));
          const c = cost(box) + bias;
          if (!best || c < best.c) best = { c, box };
        }
      }
      boxes.push(best.box);
      // x: the middle (text-anchor: middle); y: the baseline.
      return { x: (best.box.x1 + best.box.x2) / 2, y: best.box.y2 - 2, 'text-anchor': 'middle' };
    },
  };
}

// ------------------------------------------------------------------ dragging

// One drag at a time. The page re-renders on every move, so the session lives here (not on the
// element) and keeps the plane's extent fixed until the pointer is released.
let session = null;
const callbacks = new Map();   // view id -> latest { onMove, frame }
let listening = false;

function listen() {
  if (listening) return;
  listening = true;
  let pending = null;
  window.addEventListener('pointermove', (e) => {
    if (!session || e.pointerId !== session.pointerId) return;
    e.preventDefault();
    const svg = document.querySelector(`[data-plane-view="${session.id}"] svg.pv-plane`);
    if (!svg) return;
    const [x, y] = frame(session.bounds).fromClient(svg, e.clientX, e.clientY);
    const point = [Math.round(x * SNAP) / SNAP, Math.round(y * SNAP) / SNAP];
    if (pending === null) {
      requestAnimationFrame(() => {
        const target = pending;
        pending = null;
        if (!session) return;
        callbacks.get(session.id)?.onMove(session.name, session.row, target);
      });
    }
    pending = point;
  }, { passive: false });
  const end = (e) => {
    if (!session || e.pointerId !== session.pointerId) return;
    const { id, drag } = session;
    session = null;
    // Redraw once with a fitted extent, keeping focus on the handle that moved.
    callbacks.get(id)?.onSettle?.(drag);
  };
  window.addEventListener('pointerup', end);
  window.addEventListener('pointercancel', end);
}

function handle(svg, f, { id, drag, name, row, point, colour, label, editable, onMove }) {
  const node = svgEl('circle', {
    class: `pv-handle${editable ? ' pv-draggable' : ''}`, cx: f.x(point[0]), cy: f.y(point[1]), r: editable ? 8 : 3,
    stroke: colour, 'data-drag': drag,
  });
  node.dataset.inputMatrix = name;
  node.dataset.row = row;
  node.dataset.x = point[0];
  node.dataset.y = point[1];
  if (editable) {
    node.setAttribute('tabindex', '0');
    node.setAttribute('role', 'button');
    node.setAttribute('aria-label', t('pvHandle')(label, formatNumber(point[0], 2), formatNumber(point[1], 2)));
    node.addEventListener('pointerdown', (e) => {
      e.preventDefault();
      listen();
      session = { id, drag, name, row, pointerId: e.pointerId, bounds: f.bounds };
      node.focus({ preventScroll: true });
    });
    node.addEventListener('keydown', (e) => {
      const step = e.shiftKey ? NUDGE_BIG : NUDGE;
      const delta = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, step], ArrowDown: [0, -step] }[e.key];
      if (!delta) return;
      e.preventDefault();
      e.stopPropagation();   // the arrow keys move the handle, not the step
      onMove(name, row, [Math.round((point[0] + delta[0]) * SNAP) / SNAP, Math.round((point[1] + delta[1]) * SNAP) / SNAP]);
      /** @type {SVGElement | null} */ (document.querySelector(`[data-plane-view="${id}"] [data-drag="${drag}"]`))?.focus({ preventScroll: true });
    });
  }
  svg.append(node);
  return node;
}

// ------------------------------------------------------------------ following a table

// Pointing at or focusing a cell of the table a view follows (data-table) chooses what it shows.
let following = false;
function followTable() {
  if (following) return;
  following = true;
  const choose = (e) => {
    const cell = closestTo(e.target, 'td[data-key][data-i][data-j]');
    if (!cell) return;
    for (const box of document.querySelectorAll(`[data-plane-view][data-table="${CSS.escape(cell.dataset.key)}"]`)) {
      choosers.get(box)?.(Number(cell.dataset.i), Number(cell.dataset.j));
    }
  };
  document.addEventListener('pointerover', choose);
  document.addEventListener('focusin', choose);
}

// ------------------------------------------------------------------ queries and keys

const selections = new Map();   // view id -> { i, j }: the score taken apart (kept across renders)

/**
 * queries / keys: { name ('q' | 'k', the input matrix dragging edits), labels, ids (for
 *   data-drag, e.g. 'q1'), vectors: n×2 } · geometry: core.pairGeometry(Q, K) · scores: the
 *   trace's S (n×m) · editable, readOnlyReason · onMove(name, row, [x, y]) · precision
 */
export function planeView({ id, title, queries, keys, geometry, scores, editable, readOnlyReason, onMove, precision = 4, tableKey = null }) {
  followTable();
  const n = queries.vectors.length, m = keys.vectors.length;
  const chosen = selections.get(id) ?? { i: 0, j: Math.min(1, m - 1) };
  chosen.i = Math.min(chosen.i, n - 1);
  chosen.j = Math.min(chosen.j, m - 1);
  selections.set(id, chosen);

  const headingId = `pv-${id}-title`;
  const box = titledGroup('plane-view', 'pv-title', headingId, title);
  box.dataset.planeView = id;

  const f = frame(session?.id === id ? session.bounds : boundsOf([...queries.vectors, ...keys.vectors]));
  const svg = svgEl('svg', { class: `pv-plane${editable ? ' pv-editable' : ''}`, viewBox: `0 0 ${SIZE} ${SIZE}`, role: 'group', 'aria-labelledby': `${headingId} pv-${id}-desc` });
  const placer = labelPlacer();
  axes(svg, f, placer);
  const qHead = arrowMarker(svg, `pv-${id}-qarrow`, QUERY_COLOUR), kHead = arrowMarker(svg, `pv-${id}-karrow`, KEY_COLOUR);

  // The angle between the chosen pair: an arc of radius r from k̂_j to q̂_i (unit vectors from the core).
  const uq = geometry.unitsA[chosen.i], uk = geometry.unitsB[chosen.j];
  svg.append(svgEl('path', { class: 'pv-angle', d: arcPath(f, uq, uk) }));
  const thetaAt = thetaPlace(f, uq);
  svg.append(svgText('θ', { class: 'pv-theta', ...thetaAt }));

  const handleRadius = editable ? 8 : 3;
  placer.point(thetaAt.x + 3, thetaAt.y - 4, 6);
  const drawArrow = (vector, colour, marker, chosenOne, cls) => {
    svg.append(svgEl('line', {
      class: `pv-arrow ${cls}${chosenOne ? ' pv-chosen' : ''}`, x1: f.x(0), y1: f.y(0), x2: f.x(vector[0]), y2: f.y(vector[1]),
      stroke: colour, 'marker-end': marker,
    }));
    placer.segment(f.x(0), f.y(0), f.x(vector[0]), f.y(vector[1]));
    placer.point(f.x(vector[0]), f.y(vector[1]), handleRadius);
  };
  keys.vectors.forEach((v, j) => drawArrow(v, KEY_COLOUR, kHead, j === chosen.j, 'pv-key'));
  queries.vectors.forEach((v, i) => drawArrow(v, QUERY_COLOUR, qHead, i === chosen.i, 'pv-query'));
  // The labels after every arrow is known, each beyond its tip where it covers the least.
  const labelArrow = (vector, colour, label, chosenOne, cls) => {
    const prefer = vector[0] === 0 && vector[1] === 0 ? [1, -1] : [vector[0], -vector[1]];
    svg.append(svgText(label, { ...placer.place(label, f.x(vector[0]), f.y(vector[1]), handleRadius, prefer),
      class: `pv-label ${cls}${chosenOne ? ' pv-chosen' : ''}`, fill: colour }));
  };
  queries.vectors.forEach((v, i) => labelArrow(v, QUERY_COLOUR, queries.labels[i], i === chosen.i, 'pv-query'));
  keys.vectors.forEach((v, j) => labelArrow(v, KEY_COLOUR, keys.labels[j], j === chosen.j, 'pv-key'));

  callbacks.set(id, {
    onMove,
    onSettle: (drag) => {
      // The last move already re-rendered with the frozen extent; one more render fits the plane.
      const handleNode = /** @type {SVGElement | null} */ (document.querySelector(`[data-plane-view="${id}"] [data-drag="${drag}"]`));
      if (!handleNode) return;
      const { inputMatrix, row } = handleNode.dataset;
      onMove(inputMatrix, Number(row), [Number(handleNode.dataset.x), Number(handleNode.dataset.y)]);
      /** @type {SVGElement | null} */ (document.querySelector(`[data-plane-view="${id}"] [data-drag="${drag}"]`))?.focus({ preventScroll: true });
    },
  });
  const addHandles = (side, list) => list.vectors.forEach((v, row) => {
    const node = handle(svg, f, {
      id, drag: list.ids[row], name: list.name, row, point: v, colour: side === 'query' ? QUERY_COLOUR : KEY_COLOUR,
      label: list.labels[row], editable, onMove,
    });
    // The handle pointed at, dragged or focused is the one whose score is taken apart.
    const choose = () => {
      if ((side === 'query' ? chosen.i : chosen.j) === row) return;
      if (side === 'query') chosen.i = row; else chosen.j = row;
      redrawChoice(box, id, queries, keys, geometry, scores, chosen, precision);
    };
    node.addEventListener('pointerdown', choose);
    node.addEventListener('focus', choose);
    node.addEventListener('click', choose);
  });
  addHandles('key', keys);
  addHandles('query', queries);
  frames.set(box, f);
  const desc = el('p', 'pv-sr', t('pvDescription')(n, m));
  desc.id = `pv-${id}-desc`;

  const figure = el('div', 'pv-figure');
  figure.append(svg);
  box.append(figure, desc);
  box.append(choiceControls(box, id, queries, keys, geometry, scores, chosen, precision));
  box.append(el('div', 'pv-score'));
  redrawChoice(box, id, queries, keys, geometry, scores, chosen, precision, false);
  if (tableKey) {
    // Pointing at a cell of the scores table takes that score apart here.
    box.dataset.table = tableKey;
    choosers.set(box, (i, j) => {
      if (i >= n || j >= m || (chosen.i === i && chosen.j === j)) return;
      chosen.i = i;
      chosen.j = j;
      redrawChoice(box, id, queries, keys, geometry, scores, chosen, precision);
    });
  }
  box.append(el('p', editable ? 'pv-hint' : 'pv-hint pv-readonly', editable ? t('pvDragHint') : readOnlyReason));
  return box;
}

function choiceControls(box, id, queries, keys, geometry, scores, chosen, precision) {
  const controls = el('div', 'pv-choice');
  const select = (label, labels, value, onChange) => {
    const wrap = el('label', 'pv-select');
    const s = el('select');
    labels.forEach((text, index) => {
      const option = el('option', null, text);
      option.value = String(index);
      s.append(option);
    });
    s.value = String(value);
    s.addEventListener('change', () => onChange(Number(s.value)));
    wrap.append(`${label} `, s);
    return wrap;
  };
  controls.append(
    select(t('pvQuery'), queries.labels, chosen.i, (i) => { chosen.i = i; redrawChoice(box, id, queries, keys, geometry, scores, chosen, precision); }),
    select(t('pvKey'), keys.labels, chosen.j, (j) => { chosen.j = j; redrawChoice(box, id, queries, keys, geometry, scores, chosen, precision); }),
  );
  return controls;
}

// The angle θ between k̂ and q̂ (the core's unit vectors) as an arc of 28 px around the origin;
// nothing for a zero vector (it has no direction).
function arcPath(f, uq, uk) {
  if ((uq[0] === 0 && uq[1] === 0) || (uk[0] === 0 && uk[1] === 0)) return '';
  const r = 28, ox = f.x(0), oy = f.y(0);
  // The short way round (θ ≤ 180°); the side from the sign of k̂ × q̂.
  const sweep = uk[0] * uq[1] - uk[1] * uq[0] > 0 ? 0 : 1;
  return `M${ox + uk[0] * r},${oy - uk[1] * r} A${r},${r} 0 0 ${sweep} ${ox + uq[0] * r},${oy - uq[1] * r}`;
}

// Where the θ of the arc goes: just beyond the arc's end on q̂.
function thetaPlace(f, uq) {
  const r = 40;
  return { x: f.x(0) + uq[0] * r - 4, y: f.y(0) - uq[1] * r + 4 };
}

// The chosen score as |q|·|k|·cos θ, with the core's numbers.
function redrawChoice(box, id, queries, keys, geometry, scores, chosen, precision, rerenderArc = true) {
  const { i, j } = chosen;
  const p = precision;
  const score = box.querySelector('.pv-score');
  score.replaceChildren();
  const line = (cls, text) => score.append(el('p', cls, text));
  line('pv-formula', t('pvScoreIs')(queries.labels[i], keys.labels[j]));
  line('pv-numbers', `= ${formatNumber(geometry.normsA[i], p)} × ${formatNumber(geometry.normsB[j], p)} × cos ${formatNumber(geometry.degrees[i][j], 1)}°`);
  line('pv-numbers', `= ${formatNumber(geometry.normsA[i], p)} × ${formatNumber(geometry.normsB[j], p)} × ${formatNumber(geometry.cosines[i][j], p)}`);
  line('pv-numbers', `= ${formatNumber(geometry.products[i][j], p)}`);
  const fromTrace = el('p', 'pv-trace');
  fromTrace.dataset.score = scores[i][j];
  fromTrace.textContent = t('pvTraceScore')(queries.labels[i], keys.labels[j], formatNumber(scores[i][j], p));
  score.append(fromTrace);
  score.dataset.query = i;
  score.dataset.key = j;
  const [querySelect, keySelect] = box.querySelectorAll('.pv-choice select');
  if (querySelect) querySelect.value = String(i);
  if (keySelect) keySelect.value = String(j);
  if (rerenderArc) {
    // Move the highlight and the arc: the cheapest way is to mark the chosen arrows again.
    for (const node of box.querySelectorAll('.pv-arrow, .pv-label')) node.classList.remove('pv-chosen');
    const arrows = { query: box.querySelectorAll('.pv-arrow.pv-query'), key: box.querySelectorAll('.pv-arrow.pv-key') };
    arrows.query[i]?.classList.add('pv-chosen');
    arrows.key[j]?.classList.add('pv-chosen');
    box.querySelectorAll('.pv-label.pv-query')[i]?.classList.add('pv-chosen');
    box.querySelectorAll('.pv-label.pv-key')[j]?.classList.add('pv-chosen');
    box.querySelector('.pv-angle')?.setAttribute('d', arcPath(frames.get(box), geometry.unitsA[i], geometry.unitsB[j]));
    const theta = box.querySelector('.pv-theta');
    for (const [name, value] of Object.entries(thetaPlace(frames.get(box), geometry.unitsA[i]))) theta?.setAttribute(name, value);
  }
}

// ------------------------------------------------------------------ values, outputs and τ

/**
 * values: { labels, vectors: m×2 } · hull: indices into values (the core's convexHull2d) ·
 * outputs: { labels, vectors: n×2 } (the trace's output) · weights: n×m (the trace's) ·
 * paths: per output row, [{ tau, point }] from the core, ordered from large τ to small ·
 * average: the output with equal weights (scale 0) per row · tauText: the current setting in words
 */
export function valueHull({ id, title, values, hull, outputs, weights, paths, average, tauText, precision = 4, tableKey = null }) {
  followTable();
  const n = outputs.vectors.length;
  const chosen = selections.get(id) ?? { i: 0, preview: null };
  chosen.i = Math.min(chosen.i, n - 1);
  selections.set(id, chosen);

  const headingId = `pv-${id}-title`;
  const box = titledGroup('plane-view value-hull', 'pv-title', headingId, title);
  box.dataset.planeView = id;

  const all = [...values.vectors, ...outputs.vectors, ...paths.flat().map((s) => s.point)];
  const f = frame(boundsOf(all));
  const svg = svgEl('svg', { class: 'pv-plane', viewBox: `0 0 ${SIZE} ${SIZE}`, role: 'img', 'aria-labelledby': `${headingId} pv-${id}-desc` });
  const placer = labelPlacer();
  axes(svg, f, placer);
  const hullPoints = hull.map((j) => `${f.x(values.vectors[j][0])},${f.y(values.vectors[j][1])}`).join(' ');
  svg.append(svgEl('polygon', { class: 'pv-hull', points: hullPoints, 'data-hull': hull.join(' ') }));
  const layer = svgEl('g', { class: 'pv-mixture' });
  svg.append(layer);
  // Labels go where they cover the least of the points, the hull's edges, the τ paths and each other.
  values.vectors.forEach((v) => placer.point(f.x(v[0]), f.y(v[1]), 6));
  outputs.vectors.forEach((o) => placer.point(f.x(o[0]), f.y(o[1]), 5));
  hull.forEach((j, k) => {
    const [a, b] = [values.vectors[j], values.vectors[hull[(k + 1) % hull.length]]];
    placer.segment(f.x(a[0]), f.y(a[1]), f.x(b[0]), f.y(b[1]));
  });
  paths.forEach((path, i) => [average[i], ...path.map((p) => p.point)].forEach((pt, k, all) => {
    if (k > 0) placer.segment(f.x(all[k - 1][0]), f.y(all[k - 1][1]), f.x(pt[0]), f.y(pt[1]));
  }));
  // Outward from the middle of the values: the side a value's label is tried on first.
  const middle = values.vectors.reduce((acc, v) => [acc[0] + v[0] / values.vectors.length, acc[1] + v[1] / values.vectors.length], [0, 0]);
  values.vectors.forEach((v, j) => {
    svg.append(svgEl('rect', { class: 'pv-value', x: f.x(v[0]) - 5, y: f.y(v[1]) - 5, width: 10, height: 10, fill: VALUE_COLOUR, 'data-value': j, 'data-x': v[0], 'data-y': v[1] }));
    const out = [v[0] - middle[0], -(v[1] - middle[1])];
    svg.append(svgText(values.labels[j], { ...placer.place(values.labels[j], f.x(v[0]), f.y(v[1]), 6, out[0] || out[1] ? out : [1, -1]), class: 'pv-label', fill: '#00613f' }));
  });
  const pathLayer = svgEl('g', { class: 'pv-paths' });
  svg.append(pathLayer);
  outputs.vectors.forEach((o, i) => {
    svg.append(svgEl('circle', { class: 'pv-output', cx: f.x(o[0]), cy: f.y(o[1]), r: 5, fill: OUTPUT_COLOUR, 'data-output': i, 'data-x': o[0], 'data-y': o[1] }));
    svg.append(svgText(outputs.labels[i], { ...placer.place(outputs.labels[i], f.x(o[0]), f.y(o[1]), 5, [1, 1]), class: 'pv-label pv-output-label', fill: OUTPUT_COLOUR, 'data-output': i }));
  });

  const draw = () => {
    const i = chosen.i;
    layer.replaceChildren();
    pathLayer.replaceChildren();
    // The output now (the trace's), or the one at the τ of the preview slider (also the core's).
    const previewed = chosen.preview === null ? null : paths[i][chosen.preview];
    const o = previewed ? previewed.point : outputs.vectors[i];
    const mixWeights = previewed ? previewed.weights : weights[i];
    // The mixture: a spoke to each value, as strong as its weight.
    values.vectors.forEach((v, j) => {
      const w = mixWeights[j];
      layer.append(svgEl('line', { class: 'pv-spoke', x1: f.x(o[0]), y1: f.y(o[1]), x2: f.x(v[0]), y2: f.y(v[1]),
        'stroke-opacity': Math.max(0.08, Math.min(1, w)), 'stroke-width': 1 + 4 * Math.max(0, Math.min(1, w)), 'data-weight': w, 'data-key': j }));
    });
    // τ from ∞ (the average) down to small: the output slides towards one value.
    const path = paths[i];
    const a = average[i];
    pathLayer.append(svgEl('polyline', { class: 'pv-tau-path', points: [a, ...path.map((s) => s.point)].map((pt) => `${f.x(pt[0])},${f.y(pt[1])}`).join(' ') }));
    for (const s of path) {
      const dot = svgEl('circle', { class: 'pv-tau-dot', cx: f.x(s.point[0]), cy: f.y(s.point[1]), r: 2.2, 'data-tau': s.tau });
      const tip = svgEl('title');
      tip.textContent = `τ = ${s.tau}: (${formatNumber(s.point[0], precision)}, ${formatNumber(s.point[1], precision)})`;
      dot.append(tip);
      pathLayer.append(dot);
    }
    pathLayer.append(svgEl('circle', { class: 'pv-average', cx: f.x(a[0]), cy: f.y(a[1]), r: 4.5 }));
    const last = path[path.length - 1];
    pathLayer.append(svgEl('circle', { class: 'pv-tau-end', cx: f.x(last.point[0]), cy: f.y(last.point[1]), r: 3.5 }));
    if (previewed) pathLayer.append(svgEl('circle', { class: 'pv-preview', cx: f.x(o[0]), cy: f.y(o[1]), r: 7, 'data-tau': previewed.tau }));
    for (const node of svg.querySelectorAll('.pv-output, .pv-output-label')) node.classList.toggle('pv-chosen', node.dataset.output === String(i));
    mix.replaceChildren();
    const name = previewed ? `${outputs.labels[i]} (τ = ${previewed.tau})` : outputs.labels[i];
    mix.append(el('p', 'pv-formula', t('pvMixture')(name,
      values.labels.map((label, j) => `${formatNumber(mixWeights[j], precision)}·${label}`).join(' + '))));
    mix.append(el('p', 'pv-numbers', `= (${formatNumber(o[0], precision)}, ${formatNumber(o[1], precision)})`));
  };

  const desc = el('p', 'pv-sr', t('pvHullDescription')(values.vectors.length, n));
  desc.id = `pv-${id}-desc`;
  const figure = el('div', 'pv-figure');
  figure.append(svg);
  box.append(figure, desc);
  const controls = el('div', 'pv-choice');
  const wrap = el('label', 'pv-select');
  const s = el('select');
  outputs.labels.forEach((text, index) => {
    const option = el('option', null, text);
    option.value = String(index);
    s.append(option);
  });
  s.value = String(chosen.i);
  s.addEventListener('change', () => { chosen.i = Number(s.value); draw(); });
  if (tableKey) {
    // Pointing at a row of the outputs table shows that output's mixture here.
    box.dataset.table = tableKey;
    choosers.set(box, (i) => {
      if (i >= n || chosen.i === i) return;
      chosen.i = i;
      s.value = String(i);
      draw();
    });
  }
  wrap.append(`${t('pvOutput')} `, s);
  controls.append(wrap);
  // τ preview: the outputs the core computed along the path, one τ at a time (no recompute).
  const taus = paths[0].map((p) => p.tau);
  const tauWrap = el('label', 'pv-select pv-tau');
  const slider = el('input');
  slider.type = 'range';
  slider.min = '0';
  slider.max = String(taus.length - 1);
  slider.step = '1';
  // Left to right: small τ to large τ (the path runs the other way).
  const pathIndex = (value) => taus.length - 1 - Number(value);
  slider.value = String(pathIndex(chosen.preview ?? Math.floor(taus.length / 2)));
  const shown = el('output', null, chosen.preview === null ? t('pvNow') : `τ = ${taus[chosen.preview]}`);
  slider.setAttribute('aria-valuetext', shown.textContent);
  slider.addEventListener('input', () => {
    chosen.preview = pathIndex(slider.value);
    shown.textContent = `τ = ${taus[chosen.preview]}`;
    slider.setAttribute('aria-valuetext', shown.textContent);
    draw();
  });
  const now = el('button', 'pv-now', t('pvNow'));
  now.type = 'button';
  now.addEventListener('click', () => {
    chosen.preview = null;
    shown.textContent = t('pvNow');
    slider.setAttribute('aria-valuetext', shown.textContent);
    draw();
  });
  tauWrap.append(`${t('pvTauPreview')} `, slider, ' ', shown);
  controls.append(tauWrap, now);
  const mix = el('div', 'pv-score');
  const legend = el('p', 'pv-legend');
  const key = (cls, text) => { legend.append(el('span', `pv-key-mark ${cls}`), ` ${text} `); };
  key('pv-mark-value', t('pvLegendValue'));
  key('pv-mark-output', t('pvLegendOutput'));
  key('pv-mark-average', t('pvAverage'));
  key('pv-mark-end', t('pvLegendEnd')(paths[0]?.[paths[0].length - 1]?.tau ?? ''));
  box.append(legend, controls, mix);
  box.append(el('p', 'pv-hint', `${t('pvTauHint')} ${tauText}`));
  draw();
  return box;
}
