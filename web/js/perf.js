// perf.js — the Performance page: runs perf-worker.js on Run, shows progress, then an SVG bar
// chart (GFLOP/s per size and build, each bar labelled with its median time) and a table.
// Language: English or 中文, kept in localStorage['attention-steps-lang'] ('en' | 'zh').

import { registerOfflineCopy } from './offline.js';

const SIZES = [[64, 64], [256, 64], [1024, 64]];
const BUILDS = ['relaxed-simd', 'simd128', 'scalar', 'plain-js', 'onnx-plain', 'onnx-mha'];
const LANG_KEY = 'attention-steps-lang';

const TEXT = {
  en: {
    back: '← attention-steps',
    title: 'Performance, measured in your browser',
    'simd-what': 'WebAssembly SIMD128 gives the browser 128-bit vector instructions: one <code>f32x4.mul</code> multiplies four float32 numbers at once. The C++ core\u2019s kernels are compiled to them, so every step of attention handles four numbers per instruction; the scalar build of the same C++ handles one, and plain JavaScript is what you would write by hand.',
    'what-runs': 'Press Run to time attention forward (scores Q·Kᵀ, scaling, softmax, weighted sum with V) for n tokens of width d = 64 on this device: the C++ core’s WebAssembly builds (relaxed SIMD where the browser has it, SIMD128, scalar), plain JavaScript, and onnxruntime-web (one thread) on an ONNX graph and on its fused MultiHeadAttention. It runs in a background worker, so the page stays responsive; it takes about ten seconds.',
    run: 'Run',
    again: 'Run again',
    caption: 'Billions of floating-point operations per second (GFLOP/s = 4·n²·d / time); higher is faster. Each bar is labelled with its median time.',
    'col-n': 'n (tokens)',
    'col-build': 'build',
    'col-ms': 'median ms',
    'col-speedup': '× plain JS',
    'col-diff': 'max |Δ| vs plain JS',
    'col-spread': 'spread',
    clock: (tick, isolated) => `Clock step here: ${tick >= 0.01 ? tick.toFixed(2) : tick.toFixed(4)} ms (${isolated ? 'cross-origin isolated' : 'not cross-origin isolated'}); each sample times a batch of calls spanning at least 20 steps, after a warm-up that ends when the time per call is stable. Spread: the middle half of the samples, as ± % of the median.`,
    noOnnx: 'onnxruntime-web could not load here (web/vendor/onnxruntime-web, written by scripts/vendor), so it is not compared.',
    toggle: '中文',
    starting: 'Loading the WebAssembly builds…',
    measuring: (label) => `Measuring ${label}`,
    finished: 'Done.',
    noSimd: 'This browser does not support WebAssembly SIMD128, so only the scalar build and plain JavaScript run.',
    failed: (message) => `The measurement failed: ${message}`,
    builds: {
      'relaxed-simd': 'WASM relaxed SIMD (FMA)', simd128: 'WASM SIMD128', scalar: 'WASM scalar', 'plain-js': 'plain JS',
      'onnx-plain': 'onnxruntime-web (graph)', 'onnx-mha': 'onnxruntime-web (MHA)',
    },
    tokens: (n) => `n = ${n}`,
  },
  zh: {
    back: '← attention-steps',
    title: '性能：在你的浏览器里实测',
    'simd-what': 'WebAssembly SIMD128 为浏览器提供 128 位向量指令：一条 <code>f32x4.mul</code> 同时完成四个 float32 数的乘法。C++ 核心的计算内核编译成这些指令，注意力的每一步每条指令处理四个数；同一份 C++ 的标量版本一次只处理一个，而纯 JavaScript 则是你手写循环时会得到的版本。',
    'what-runs': '按“运行”，在本设备上为 n 个宽度 d = 64 的词元计时一次注意力前向计算（分数 Q·Kᵀ、缩放、softmax、与 V 加权求和）：C++ 核心的各 WebAssembly 版本（浏览器支持时的宽松 SIMD、SIMD128、标量）、纯 JavaScript，以及 onnxruntime-web（单线程）运行的 ONNX 计算图和融合的 MultiHeadAttention。计算在后台 Worker 中进行，页面不会卡住；大约需要十秒。',
    run: '运行',
    again: '再运行一次',
    caption: '每秒十亿次浮点运算（GFLOP/s = 4·n²·d / 时间），越高越快。每根柱子上标有中位耗时。',
    'col-n': 'n（词元数）',
    'col-build': '版本',
    'col-ms': '中位耗时 ms',
    'col-speedup': '相对纯 JS 倍数',
    'col-diff': '与纯 JS 的最大 |Δ|',
    'col-spread': '波动',
    clock: (tick, isolated) => `此处计时器步长：${tick >= 0.01 ? tick.toFixed(2) : tick.toFixed(4)} ms（${isolated ? '已跨源隔离' : '未跨源隔离'}）；每个样本对一批调用计时，至少跨越 20 个步长，预热直到每次调用耗时稳定后才开始。波动：中间一半样本相对中位数的 ± %。`,
    noOnnx: 'onnxruntime-web 无法在此加载（web/vendor/onnxruntime-web，由 scripts/vendor 生成），因此不参与比较。',
    toggle: 'English',
    starting: '正在加载 WebAssembly 版本…',
    measuring: (label) => `正在测量 ${label}`,
    finished: '完成。',
    noSimd: '此浏览器不支持 WebAssembly SIMD128，因此只运行标量版本和纯 JavaScript。',
    failed: (message) => `测量失败：${message}`,
    builds: {
      'relaxed-simd': 'WASM 宽松 SIMD（FMA）', simd128: 'WASM SIMD128', scalar: 'WASM 标量', 'plain-js': '纯 JS',
      'onnx-plain': 'onnxruntime-web（计算图）', 'onnx-mha': 'onnxruntime-web（MHA）',
    },
    tokens: (n) => `n = ${n}`,
  },
};

let lang = localStorage.getItem(LANG_KEY) === 'zh' ? 'zh' : 'en';
const results = []; // { n, d, contestant, medianMs, gflops, runs, maxDiff }
let running = false;
let finishedRun = false;
let progressText = () => ''; // the progress label, re-rendered in the current language
let clockInfo = null; // { tickMs, isolated } from the worker's info message

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
  const width = 760, left = 120, right = 320, barHeight = 20, gap = 4, groupGap = 18, top = 10;
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
      `± ${((50 * (r.q3Ms - r.q1Ms)) / r.medianMs).toFixed(0)} %`,
    ];
    for (const value of cells) {
      const cell = document.createElement('td');
      cell.textContent = String(value);
      row.append(cell);
    }
    body.append(row);
  }
}

function render() {
  renderChart();
  renderTable();
  $('clock').hidden = !clockInfo;
  if (clockInfo) $('clock').textContent = t('clock')(clockInfo.tickMs, clockInfo.isolated);
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
        else if (!data.onnx) showMessage(t('noOnnx'));
        clockInfo = { tickMs: data.tickMs, isolated: data.isolated };
        render();
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
