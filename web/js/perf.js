// perf.js — the Performance page: runs perf-worker.js on Run, shows progress, then an SVG bar
// chart (GFLOP/s per size and build, each bar labelled with its median time) and a table.
// Language: English or 中文, kept in localStorage['attention-steps-lang'] ('en' | 'zh').

import { registerOfflineCopy } from './offline.js';

const SIZES = [[64, 64], [256, 64], [1024, 64]];
const BUILDS = ['simd128', 'scalar', 'plain-js'];
const LANG_KEY = 'attention-steps-lang';

const TEXT = {
  en: {
    back: '← attention-steps',
    title: 'Performance, measured in your browser',
    'simd-what': 'WebAssembly SIMD128 gives the browser 128-bit vector instructions: one <code>f32x4.mul</code> multiplies four float32 numbers at once. The C++ core\u2019s kernels are compiled to them, so every step of attention handles four numbers per instruction; the scalar build of the same C++ handles one, and plain JavaScript is what you would write by hand.',
    'what-runs': 'Press Run to time attention forward (scores Q·Kᵀ, scaling, softmax, weighted sum with V) for n tokens of width d = 64, three ways, on this device. It runs in a background worker, so the page stays responsive; it takes about ten seconds.',
    run: 'Run',
    again: 'Run again',
    caption: 'Billions of floating-point operations per second (GFLOP/s = 4·n²·d / time); higher is faster. Each bar is labelled with its median time.',
    'col-n': 'n (tokens)',
    'col-build': 'build',
    'col-ms': 'median ms',
    'col-speedup': '× plain JS',
    'col-diff': 'max |Δ| vs plain JS',
    toggle: '中文',
    starting: 'Loading the WebAssembly builds…',
    measuring: (label) => `Measuring ${label}`,
    finished: 'Done.',
    noSimd: 'This browser does not support WebAssembly SIMD128, so only the scalar build and plain JavaScript run.',
    failed: (message) => `The measurement failed: ${message}`,
    builds: { simd128: 'WASM SIMD128', scalar: 'WASM scalar', 'plain-js': 'plain JS' },
    tokens: (n) => `n = ${n}`,
  },
  zh: {
    back: '← attention-steps',
    title: '性能：在你的浏览器里实测',
    'simd-what': 'WebAssembly SIMD128 为浏览器提供 128 位向量指令：一条 <code>f32x4.mul</code> 同时完成四个 float32 数的乘法。C++ 核心的计算内核编译成这些指令，注意力的每一步每条指令处理四个数；同一份 C++ 的标量版本一次只处理一个，而纯 JavaScript 则是你手写循环时会得到的版本。',
    'what-runs': '按“运行”，在本设备上用三种方式为 n 个宽度 d = 64 的词元计时一次注意力前向计算（分数 Q·Kᵀ、缩放、softmax、与 V 加权求和）。计算在后台 Worker 中进行，页面不会卡住；大约需要十秒。',
    run: '运行',
    again: '再运行一次',
    caption: '每秒十亿次浮点运算（GFLOP/s = 4·n²·d / 时间），越高越快。每根柱子上标有中位耗时。',
    'col-n': 'n（词元数）',
    'col-build': '版本',
    'col-ms': '中位耗时 ms',
    'col-speedup': '相对纯 JS 倍数',
    'col-diff': '与纯 JS 的最大 |Δ|',
    toggle: 'English',
    starting: '正在加载 WebAssembly 版本…',
    measuring: (label) => `正在测量 ${label}`,
    finished: '完成。',
    noSimd: '此浏览器不支持 WebAssembly SIMD128，因此只运行标量版本和纯 JavaScript。',
    failed: (message) => `测量失败：${message}`,
    builds: { simd128: 'WASM SIMD128', scalar: 'WASM 标量', 'plain-js': '纯 JS' },
    tokens: (n) => `n = ${n}`,
  },
};

let lang = localStorage.getItem(LANG_KEY) === 'zh' ? 'zh' : 'en';
const results = []; // { n, d, contestant, medianMs, gflops, runs, maxDiff }
let running = false;
let finishedRun = false;
let progressText = () => ''; // the progress label, re-rendered in the current language

const $ = (id) => document.getElementById(id);
const t = (key) => TEXT[lang][key];

function applyLanguage() {
  document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  for (const element of document.querySelectorAll('[data-text]')) {
    const value = t(element.dataset.text);
    if (typeof value === 'string') element.innerHTML = value;
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
    chart.append(svg('text', { x: 8, y: y0 + (builds.length * (barHeight + gap)) / 2 + 4 }, `${TEXT[lang].tokens(n)}, d = ${d}`));
    builds.forEach((build, b) => {
      const y = y0 + b * (barHeight + gap);
      const r = results.find((x) => x.n === n && x.d === d && x.contestant === build);
      if (!r) return;
      const w = Math.max(1, r.gflops * scale);
      const bar = svg('rect', { class: `bar-${build}`, x: left, y, width: w, height: barHeight, rx: 2 });
      bar.append(svg('title', {}, `${TEXT[lang].builds[build]}: ${formatMs(r.medianMs)} ms, ${r.gflops.toFixed(2)} GFLOP/s`));
      chart.append(bar);
      chart.append(svg('text', { x: left + w + 6, y: y + barHeight / 2 + 4 },
        `${TEXT[lang].builds[build]} · ${r.gflops.toFixed(1)} GFLOP/s · ${formatMs(r.medianMs)} ms`));
    });
  });
}

function renderTable() {
  const body = $('results').querySelector('tbody');
  body.replaceChildren();
  $('results').hidden = results.length === 0;
  for (const r of results) {
    const plain = results.find((x) => x.n === r.n && x.d === r.d && x.contestant === 'plain-js');
    const row = document.createElement('tr');
    const cells = [
      r.n, TEXT[lang].builds[r.contestant], formatMs(r.medianMs), r.gflops.toFixed(2),
      plain ? `${(plain.medianMs / r.medianMs).toFixed(1)}×` : '…', r.maxDiff.toExponential(1),
    ];
    for (const value of cells) {
      const cell = document.createElement('td');
      cell.textContent = String(value);
      row.append(cell);
    }
    body.append(row);
  }
}

// ---- issue 11: time against n (the n² cost), self-contained ---------------------------------
// A log–log chart of median time against n at d = 64: the README's figures (labelled as such)
// and, after Run, this device's own. A dashed line ∝ n² through the README's SIMD128 n = 1024
// point shows the slope attention's cost has. figure#n-scaling is created under <main>.
const SCALING_README = {   // README.md, "Attention forward", d = 64, median ms (2026-11-26)
  simd128: [[16, 0.006], [64, 0.046], [256, 0.683], [1024, 10.8]],
  scalar: [[16, 0.023], [64, 0.284], [256, 4.33], [1024, 69.3]],
};
const SCALING_TEXT = {
  en: {
    title: 'Time against n: the n² cost',
    caption: 'Median time of one attention forward pass (d = 64) against the number of tokens n, both axes logarithmic. Hollow points: the README\u2019s figures (Node 20 on a 2-core AMD EPYC, 2026-11-26); filled points: this device, after Run. The dashed line grows as n²: four times n, sixteen times the time. At small n a call\u2019s fixed cost flattens the curve; from n = 64 on each fourfold n costs 15–16 times the time, close to n². Every pair of tokens gets a score, so attention\u2019s work grows with the square of the length.',
    readme: 'README', device: 'this device', n2: '∝ n²', axisN: 'n (tokens)', axisMs: 'ms',
  },
  zh: {
    title: '耗时随 n 的变化：n² 的代价',
    caption: '一次注意力前向计算（d = 64）的中位耗时随词元数 n 的变化，两个坐标轴都取对数。空心点：README 中的数据（Node 20，2 核 AMD EPYC，2026-11-26）；实心点：本设备按“运行”后的实测。虚线按 n² 增长：n 变为四倍，耗时变为十六倍。n 很小时每次调用的固定开销让曲线变平；从 n = 64 起 n 每变为四倍，耗时变为 15–16 倍，接近 n²。每一对词都要算一个分数，所以注意力的计算量随长度的平方增长。',
    readme: 'README', device: '本设备', n2: '∝ n²', axisN: 'n（词元数）', axisMs: '毫秒',
  },
};

function renderScaling() {
  let figure = document.getElementById('n-scaling');
  if (!figure) {
    figure = document.createElement('figure');
    figure.id = 'n-scaling';
    document.querySelector('main').append(figure);
  }
  const text = SCALING_TEXT[lang];
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
  const colour = { simd128: 'var(--simd)', scalar: 'var(--scalar)', 'plain-js': 'var(--plain)' };
  const series = (points, build, filled, label) => {
    const path = points.map(([n, ms], i) => `${i ? 'L' : 'M'}${x(n).toFixed(1)},${y(ms).toFixed(1)}`).join(' ');
    chart.append(svg('path', { d: path, style: `fill: none; stroke: ${colour[build]}; stroke-width: 1.5${filled ? '' : '; stroke-dasharray: 2 3'}` }));
    for (const [n, ms] of points) {
      const dot = svg('circle', { cx: x(n), cy: y(ms), r: 4, style: `stroke: ${colour[build]}; stroke-width: 1.5; fill: ${filled ? colour[build] : 'white'}` });
      dot.append(svg('title', {}, `${label}, ${TEXT[lang].builds[build]}: n = ${n}, ${ms} ms`));
      chart.append(dot);
    }
  };
  BUILDS.forEach((build, i) => chart.append(svg('text', { x: left + 10, y: top + 10 + 16 * i, style: `font-size: 12px; font-weight: bold; fill: ${colour[build]}` }, TEXT[lang].builds[build])));
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
          ? () => t('measuring')(`${TEXT[lang].builds[data.contestant]}, n = ${data.n}, d = ${data.d}`)
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
  lang = lang === 'en' ? 'zh' : 'en';
  localStorage.setItem(LANG_KEY, lang);
  applyLanguage();
});
applyLanguage();
registerOfflineCopy();
