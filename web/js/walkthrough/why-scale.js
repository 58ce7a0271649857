// why-scale.js — the "Why scale?" chart: for d_k = 2 … 1024, how peaked the softmax of random
// scores is without and with 1/√d_k. The numbers come from core.scaleExperiment; this file only
// draws them (SVG).

import { t, pick, describeError } from './i18n.js';
import { appendRich } from './tex.js';

const SVG = 'http://www.w3.org/2000/svg';
const KEYS = 16, SAMPLES = 64, SEED = 7;
const EXPONENTS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];   // d_k = 2^e
// Okabe–Ito colours: distinguishable with every common colour-vision deficiency.
const COLOURS = { unscaled: '#D55E00', scaled: '#0072B2' };

let cache = null;   // the experiment for every d_k (same seed: computed once per core)

function experiments(core) {
  if (!cache || cache.core !== core) {
    cache = { core, rows: EXPONENTS.map((e) => ({ dk: 2 ** e, ...core.scaleExperiment({ dk: 2 ** e, keys: KEYS, samples: SAMPLES, seed: SEED }) })) };
  }
  return cache.rows;
}

function svg(tag, attrs = {}, text) {
  const node = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  if (text !== undefined) node.textContent = text;
  return node;
}

function chart(rows, picked) {
  const W = 480, H = 250, left = 44, right = 22, top = 14, bottom = 40;
  const x = (e) => left + ((e - 1) / 9) * (W - left - right);
  const y = (v) => top + (1 - v) * (H - top - bottom);
  const root = svg('svg', { viewBox: `0 0 ${W} ${H}`, class: 'why-chart', role: 'img', 'aria-labelledby': 'why-chart-title' });
  root.append(svg('title', { id: 'why-chart-title' }, `${t('maxWeight')} / ${t('entropy')} — d_k 2…1024`));
  for (const v of [0, 0.25, 0.5, 0.75, 1]) {
    root.append(svg('line', { x1: left, x2: W - right, y1: y(v), y2: y(v), class: 'grid' }));
    root.append(svg('text', { x: left - 6, y: y(v) + 4, 'text-anchor': 'end', class: 'tick' }, String(v)));
  }
  EXPONENTS.forEach((e) => root.append(svg('text', { x: x(e), y: H - bottom + 16, 'text-anchor': 'middle', class: 'tick' }, String(2 ** e))));
  root.append(svg('text', { x: (left + W - right) / 2, y: H - 6, 'text-anchor': 'middle', class: 'axis-label' }, 'd_k'));
  root.append(svg('line', { x1: x(picked), x2: x(picked), y1: top, y2: H - bottom, class: 'picked' }));
  for (const kind of ['unscaled', 'scaled']) {
    for (const [measure, dash] of [['maxWeight', ''], ['entropyShare', '5 4']]) {
      const points = rows.map((r, i) => `${x(EXPONENTS[i]).toFixed(1)},${y(r[kind][measure]).toFixed(1)}`).join(' ');
      root.append(svg('polyline', { points, fill: 'none', stroke: COLOURS[kind], 'stroke-width': 2.5, 'stroke-dasharray': dash, class: `line ${kind} ${measure}` }));
      rows.forEach((r, i) => root.append(svg('circle', { cx: x(EXPONENTS[i]), cy: y(r[kind][measure]), r: 3, fill: COLOURS[kind] })));
    }
  }
  return root;
}

function legend(label) {
  const list = document.createElement('ul');
  list.className = 'why-legend';
  for (const kind of ['unscaled', 'scaled']) {
    for (const [measure, dashed] of [['maxWeight', false], ['entropy', true]]) {
      const item = document.createElement('li');
      const swatch = document.createElement('span');
      swatch.className = `legend-line${dashed ? ' dashed' : ''}`;
      swatch.style.borderTopColor = COLOURS[kind];
      item.append(swatch, ' ');
      appendRich(item, `${label(kind)}: ${label(measure)}`);
      item.dataset.series = `${kind}-${measure === 'entropy' ? 'entropyShare' : measure}`;
      list.append(item);
    }
  }
  return list;
}

/** The chart, a d_k slider and the figures at the chosen d_k. state: { exponent } (kept across renders). */
export function whyScaleChart(core, state, axis) {
  const label = (key) => (axis?.[key] ? pick(axis[key]) : t(key === 'entropy' ? 'entropy' : key));
  const box = document.createElement('div');
  box.className = 'why-scale-chart';
  let rows;
  try {
    rows = experiments(core);
  } catch (err) {
    box.textContent = describeError(err);
    return box;
  }
  const picker = document.createElement('label');
  picker.className = 'dk-picker';
  const input = document.createElement('input');
  input.type = 'range';
  input.min = '1';
  input.max = '10';
  input.step = '1';
  input.value = String(state.exponent);
  input.id = 'why-dk';
  const value = document.createElement('output');
  value.htmlFor = 'why-dk';
  picker.append(`${t('dk')} = `, value, ' ', input);

  const figures = document.createElement('p');
  figures.className = 'why-figures';
  const chartHolder = document.createElement('div');
  const update = () => {
    const e = Number(input.value);
    state.exponent = e;
    const r = rows[e - 1];
    value.textContent = String(r.dk);
    input.setAttribute('aria-valuetext', `d_k = ${r.dk}`);
    figures.textContent = `${t('atDk')(r.dk)}: ${t('unscaled')} — ${t('maxWeight')} ${r.unscaled.maxWeight.toFixed(3)}, ${t('entropy')} ${r.unscaled.entropyShare.toFixed(3)}; ` +
      `${t('scaled')} — ${t('maxWeight')} ${r.scaled.maxWeight.toFixed(3)}, ${t('entropy')} ${r.scaled.entropyShare.toFixed(3)}; RMS(q·k) = ${r.scoreRms.toFixed(2)}.`;
    chartHolder.replaceChildren(chart(rows, e));
  };
  input.addEventListener('input', update);
  update();
  const caption = document.createElement('p');
  caption.className = 'why-caption';
  caption.textContent = t('chartCaption')(KEYS);
  box.append(picker, chartHolder, legend(label), figures, caption);
  return box;
}
