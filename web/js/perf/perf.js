// perf.js — the Performance page: runs perf-worker.js on Run, shows progress, then an SVG bar
// chart (GFLOP/s per size and build, each bar labelled with its median time) and a table.
// Language and words: the site's i18n (site/i18n.js, strings.<lang>.perf) and DOM helper.

import { registerOfflineCopy, reloadOnceForIsolation, isolationSource } from '../offline.js';
import { t as siteText, setLanguage, initialLanguage, language } from '../walkthrough/i18n.js';
import { el } from '../walkthrough/dom.js';

const SIZES = [[64, 64], [256, 64], [1024, 64]];
// The two-thread contestants (-x2) run only on a cross-origin isolated page: charted when measured.
const BUILDS = ['relaxed-simd', 'relaxed-simd-x2', 'simd128', 'simd128-x2', 'scalar', 'plain-js', 'onnx-plain', 'onnx-mha'];
const THREADED = new Set(['relaxed-simd-x2', 'simd128-x2']);
const measured = (build) => results.some((r) => r.contestant === build);

await setLanguage(initialLanguage(), { remember: false }).catch(() => setLanguage('en', { remember: false }));
const results = []; // { n, d, contestant, medianMs, gflops, runs, maxDiff }
let running = false;
let finishedRun = false;
let progressText = () => ''; // the progress label, re-rendered in the current language
let clockInfo = null; // { tickMs, isolated } from the worker's info message
// Which one runs: { isolated (this page), source ('server' | 'service-worker' | null), threads
// (the worker's info.threads after Run, 1 when it sends none; null before) }
const isolation = { isolated: globalThis.crossOriginIsolated === true, source: null, threads: null };

const $ = (id) => document.getElementById(id);
const t = (key) => siteText('perf')[key];

function applyLanguage() {
  for (const element of /** @type {NodeListOf<HTMLElement>} */ (document.querySelectorAll('[data-text]'))) {
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
  const width = 760, left = 120, right = 380, /* room for the longest label */ barHeight = 20, gap = 4, groupGap = 18, top = 10;
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
      `± ${((50 * (r.q3Ms - r.q1Ms)) / r.medianMs).toFixed(0)} %`,
    ];
    for (const value of cells) {
      const cell = el('td', null, String(value));
      row.append(cell);
    }
    body.append(row);
  }
}

// ---- issue 11: time against n (the n² cost), self-contained ---------------------------------
// A log–log chart of median time against n at d = 64: the README's figures (labelled as such)
// and, after Run, this device's own. A dashed line ∝ n² through the README's SIMD128 n = 1024
// point shows the slope attention's cost has. figure#n-scaling is created under <main>.
const SCALING_README = {   // README.md, "Attention forward", d = 64, median ms (2026-11-26, 15:03 UTC)
  simd128: [[16, 0.005], [64, 0.045], [256, 0.642], [1024, 10.3]],
  scalar: [[16, 0.021], [64, 0.277], [256, 4.297], [1024, 68.1]],
};

function renderScaling() {
  let figure = document.getElementById('n-scaling');
  if (!figure) {
    figure = document.createElement('figure');
    figure.id = 'n-scaling';
    document.querySelector('main').append(figure);
  }
  const text = t('scaling');
  const chart = svg('svg', { viewBox: '0 0 560 300', role: 'img', 'aria-label': text.title, style: 'width: 100%; max-width: 560px; height: auto; display: block' });
  const left = 60, right = 540, top = 26, bottom = 250;
  const nMin = 16, nMax = 1024, msMin = 0.001, msMax = 1000;
  const x = (n) => left + ((Math.log10(n) - Math.log10(nMin)) / (Math.log10(nMax) - Math.log10(nMin))) * (right - left);
  const y = (ms) => bottom - ((Math.log10(ms) - Math.log10(msMin)) / (Math.log10(msMax) - Math.log10(msMin))) * (bottom - top);
  const font = 'font-size: 12px; fill: var(--ink)';
  chart.append(svg('line', { x1: left, y1: bottom, x2: right, y2: bottom, style: 'stroke: var(--line)' }));
  chart.append(svg('line', { x1: left, y1: top, x2: left, y2: bottom, style: 'stroke: var(--line)' }));
  for (const n of [16, 64, 256, 1024]) chart.append(svg('text', { x: x(n), y: bottom + 16, 'text-anchor': 'middle', style: font }, String(n)));
  for (const ms of [0.001, 0.01, 0.1, 1, 10, 100, 1000]) {
    chart.append(svg('text', { x: left - 6, y: y(ms) + 4, 'text-anchor': 'end', style: font }, String(ms)));
    chart.append(svg('line', { x1: left, y1: y(ms), x2: right, y2: y(ms), style: 'stroke: var(--line); stroke-opacity: 0.4' }));
  }
  chart.append(svg('text', { x: (left + right) / 2, y: bottom + 36, 'text-anchor': 'middle', style: font }, text.axisN));
  chart.append(svg('text', { x: left, y: top - 8, 'text-anchor': 'middle', style: font }, text.axisMs));
  // ∝ n² through the README's SIMD128 point at n = 1024 (its figure, not a computation of ours)
  const [nRef, msRef] = SCALING_README.simd128[3];
  const at = (n) => msRef * (n / nRef) ** 2;
  chart.append(svg('line', { x1: x(nMin), y1: y(at(nMin)), x2: x(nMax), y2: y(at(nMax)), style: 'stroke: var(--ink); stroke-dasharray: 5 4; stroke-opacity: 0.6' }));
  chart.append(svg('text', { x: x(nMax) - 4, y: y(at(nMax)) - 8, 'text-anchor': 'end', style: font }, text.n2));
  const colour = {
    'relaxed-simd': '#6f9be6', 'relaxed-simd-x2': '#5a7fc0', simd128: 'var(--simd)', 'simd128-x2': '#174a9c',
    scalar: 'var(--scalar)', 'plain-js': 'var(--plain)', 'onnx-plain': '#8a5a00', 'onnx-mha': '#b07a10',
  };
  const series = (points, build, filled, label) => {
    const path = points.map(([n, ms], i) => `${i ? 'L' : 'M'}${x(n).toFixed(1)},${y(ms).toFixed(1)}`).join(' ');
    chart.append(svg('path', { d: path, style: `fill: none; stroke: ${colour[build]}; stroke-width: 1.5${filled ? '' : '; stroke-dasharray: 2 3'}` }));
    for (const [n, ms] of points) {
      const dot = svg('circle', { cx: x(n), cy: y(ms), r: 4, style: `stroke: ${colour[build]}; stroke-width: 1.5; fill: ${filled ? colour[build] : 'white'}` });
      dot.append(svg('title', {}, `${label}, ${t('builds')[build]}: n = ${n}, ${ms} ms`));
      chart.append(dot);
    }
  };
  BUILDS.filter((build) => !THREADED.has(build) || measured(build)).forEach((build, i) => chart.append(svg('text', { x: left + 10, y: top + 10 + 16 * i, style: `font-size: 12px; font-weight: bold; fill: ${colour[build]}` }, t('builds')[build])));
  for (const [build, points] of Object.entries(SCALING_README)) series(points, build, false, text.readme);
  for (const build of BUILDS) {
    const points = results.filter((r) => r.contestant === build && r.d === 64).map((r) => [r.n, r.medianMs]).sort((a, b) => a[0] - b[0]);
    if (points.length) series(points, build, true, text.device);
  }
  const heading = document.createElement('h2');
  heading.textContent = text.title;
  const caption = document.createElement('figcaption');
  caption.textContent = text.caption;
  figure.replaceChildren(heading, chart, caption);
}
// ---- end of issue 11 block ----

function render() {
  renderChart();
  renderTable();
  $('isolation').textContent = t('isolation')(isolation);
  $('isolation').classList.toggle('isolated', isolation.isolated);
  $('clock').hidden = !clockInfo;
  if (clockInfo) $('clock').textContent = t('clock')(clockInfo.tickMs, clockInfo.isolated);
  renderScaling(); // issue 11
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
  clockInfo = null;
  render();
  showMessage('');
  /** @type {HTMLButtonElement} */ ($('run')).disabled = true;
  $('progress').hidden = false;
  /** @type {HTMLProgressElement} */ ($('progress-bar')).value = 0;
  setProgress(() => t('starting'));
  const worker = new Worker(new URL('./perf-worker.js', import.meta.url), { type: 'module' });
  const finish = () => {
    worker.terminate();
    running = false;
    finishedRun = true;
    /** @type {HTMLButtonElement} */ ($('run')).disabled = false;
    $('run').textContent = t('again');
  };
  worker.onmessage = ({ data }) => {
    switch (data.type) {
      case 'info':
        if (!data.simd) showMessage(t('noSimd'));
        else if (!data.onnx) showMessage(t('noOnnx'));
        clockInfo = { tickMs: data.tickMs, isolated: data.isolated };
        isolation.threads = Number.isInteger(data.threads) && data.threads > 0 ? data.threads : 1;
        render();
        break;
      case 'progress':
        /** @type {HTMLProgressElement} */ ($('progress-bar')).value = data.total ? data.done / data.total : 0;
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
  setLanguage(language() === 'en' ? 'zh' : 'en').then(applyLanguage, () => { /* its texts did not load (offline): stays as it is */ });
});
applyLanguage();
registerOfflineCopy();
// Without the server's headers, sw.js adds them: this page reloads once when it takes control.
reloadOnceForIsolation({ mayReload: () => !running && !finishedRun });
isolationSource().then((source) => {
  isolation.source = source;
  render();
});
