// perf.js — the Performance page: runs perf-worker.js on Run, shows progress, then an SVG bar
// chart (GFLOP/s per size and build, each bar labelled with its median time) and a table.
// Language and words: the site's i18n (site/i18n.js, strings.<lang>.perf) and DOM helper.

import { registerOfflineCopy } from './offline.js';
import { t as siteText, setLanguage, initialLanguage, language } from './site/i18n.js';
import { el } from './site/dom.js';

const SIZES = [[64, 64], [256, 64], [1024, 64]];
const BUILDS = ['simd128', 'scalar', 'plain-js'];

setLanguage(initialLanguage());
const results = []; // { n, d, contestant, medianMs, gflops, runs, maxDiff }
let running = false;
let finishedRun = false;
let progressText = () => ''; // the progress label, re-rendered in the current language

const $ = (id) => document.getElementById(id);
const t = (key) => siteText('perf')[key];

function applyLanguage() {
  for (const element of document.querySelectorAll('[data-text]')) {
    const value = t(element.dataset.text);
    if (typeof value === 'string') element.textContent = value;
    else if (Array.isArray(value)) element.replaceChildren(value[0], el('code', null, value[1]), value[2]);
  }
  $('lang-toggle').textContent = t('toggle');
  if (finishedRun && !running) $('run').textContent = t('again');
  $('progress-label').textContent = progressText();
  render();
}

function formatMs(ms) {
  return ms >= 100 ? ms.toFixed(0) : ms >= 10 ? ms.toFixed(1) : ms >= 1 ? ms.toFixed(2) : ms.toFixed(3);
}

const SVG = 'http://www.w3.org/2000/svg';
function svg(tag, attributes, text) {
  const element = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, String(value));
  if (text !== undefined) element.textContent = text;
  return element;
}

// Grouped horizontal bars: one group per size, one bar per build, length ∝ GFLOP/s.
function renderChart() {
  const chart = $('chart');
  chart.replaceChildren();
  if (results.length === 0) {
    $('chart-figure').hidden = true;
    return;
  }
  $('chart-figure').hidden = false;
  const builds = BUILDS.filter((b) => results.some((r) => r.contestant === b));
  const width = 760, left = 120, right = 280, barHeight = 20, gap = 4, groupGap = 18, top = 10;
  const groupHeight = builds.length * (barHeight + gap) + groupGap;
  const height = top + SIZES.length * groupHeight + 10;
  chart.setAttribute('viewBox', `0 0 ${width} ${height}`);
  const maxGflops = Math.max(...results.map((r) => r.gflops));
  const scale = (width - left - right) / maxGflops;
  chart.append(svg('line', { class: 'axis', x1: left, y1: top - 4, x2: left, y2: height - 10 }));
  SIZES.forEach(([n, d], g) => {
    const y0 = top + g * groupHeight;
    chart.append(svg('text', { x: 8, y: y0 + (builds.length * (barHeight + gap)) / 2 + 4 }, `${t('tokens')(n)}, d = ${d}`));
    builds.forEach((build, b) => {
      const y = y0 + b * (barHeight + gap);
      const r = results.find((x) => x.n === n && x.d === d && x.contestant === build);
      if (!r) return;
      const w = Math.max(1, r.gflops * scale);
      const bar = svg('rect', { class: `bar-${build}`, x: left, y, width: w, height: barHeight, rx: 2 });
      bar.append(svg('title', {}, `${t('builds')[build]}: ${formatMs(r.medianMs)} ms, ${r.gflops.toFixed(2)} GFLOP/s`));
      chart.append(bar);
      chart.append(svg('text', { x: left + w + 6, y: y + barHeight / 2 + 4 },
        `${t('builds')[build]} · ${r.gflops.toFixed(1)} GFLOP/s · ${formatMs(r.medianMs)} ms`));
    });
  });
}

function renderTable() {
  const body = $('results').querySelector('tbody');
  body.replaceChildren();
  $('results').hidden = results.length === 0;
  for (const r of results) {
    const plain = results.find((x) => x.n === r.n && x.d === r.d && x.contestant === 'plain-js');
    const row = el('tr');
    const cells = [
      r.n, t('builds')[r.contestant], formatMs(r.medianMs), r.gflops.toFixed(2),
      plain ? `${(plain.medianMs / r.medianMs).toFixed(1)}×` : '…', r.maxDiff.toExponential(1),
    ];
    for (const value of cells) {
      const cell = el('td', null, String(value));
      row.append(cell);
    }
    body.append(row);
  }
}

function render() {
  renderChart();
  renderTable();
}

function showMessage(text) {
  $('message').hidden = !text;
  $('message').textContent = text ?? '';
}

function setProgress(text) {
  progressText = text;
  $('progress-label').textContent = text();
}

function run() {
  if (running) return;
  running = true;
  results.length = 0;
  render();
  showMessage('');
  $('run').disabled = true;
  $('progress').hidden = false;
  $('progress-bar').value = 0;
  setProgress(() => t('starting'));
  const worker = new Worker(new URL('./perf-worker.js', import.meta.url), { type: 'module' });
  const finish = () => {
    worker.terminate();
    running = false;
    finishedRun = true;
    $('run').disabled = false;
    $('run').textContent = t('again');
  };
  worker.onmessage = ({ data }) => {
    switch (data.type) {
      case 'info':
        if (!data.simd) showMessage(t('noSimd'));
        break;
      case 'progress':
        $('progress-bar').value = data.total ? data.done / data.total : 0;
        setProgress(data.contestant
          ? () => t('measuring')(`${t('builds')[data.contestant]}, n = ${data.n}, d = ${data.d}`)
          : () => t('finished'));
        break;
      case 'result':
        results.push(data);
        render();
        break;
      case 'done':
        setProgress(() => t('finished'));
        finish();
        break;
      case 'error':
        showMessage(t('failed')(data.message));
        finish();
        break;
    }
  };
  worker.onerror = (event) => {
    showMessage(t('failed')(event.message || 'the worker could not start'));
    finish();
  };
  worker.postMessage({ sizes: SIZES, seconds: 0.3 });
}

$('run').addEventListener('click', run);
$('lang-toggle').addEventListener('click', () => {
  setLanguage(language() === 'en' ? 'zh' : 'en');
  applyLanguage();
});
applyLanguage();
registerOfflineCopy();
