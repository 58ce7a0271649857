// i18n.js — the interface's own words in English (中文 in i18n-zh.js, imported when first chosen),
// and the chosen language. Lesson text lives in lessons.js and presets.js; these files hold labels,
// buttons and messages.
import { importOnce } from './import-once.js';

export const LANGUAGES = ['en', 'zh'];
const STORAGE_KEY = 'attention-steps-lang';

/** @type {Record<string, Record<string, any>>} The strings by language: zh once i18n-zh.js has loaded. */
const strings = {
  en: {
    words: {
      X: 'the tokens\' vectors', Q: 'the queries', K: 'the keys', KT: 'the keys as columns', V: 'the values',
      WQ: 'query weights', WK: 'key weights', WV: 'value weights', WO: 'output weights',
      S: 'the scores', Sp: 'the scaled scores', E: 'the exponentials', A: 'the weights', O: 'the output',
      C: 'the heads side by side', Y: 'the final output',
    },
    caption: (tex, word) => `${tex}, ${word}`,
    scoresLegend: 'Scores: blue below 0, white at 0, red above 0',
    aboutExample: 'About this example',
    errataTitle: (n) => `What the article printed (${n})`,
    quoteOriginal: 'Original',
    fromArticles: 'From the articles',
    ourExamples: 'Our examples',
    map: 'Pipeline',
    mapLabel: 'Where this step is in attention',
    editHint: 'Edit any cell: every step recomputes.',
    temperatureHere: 'Temperature τ (scale = 1/τ)',
    temperatureRow: (word) => `Weights of row ${word} as τ changes`,
    headsDivisors: (list) => `Heads must divide the width: ${list}`,
    headsClamped: (from, to) => `${from} heads do not divide the new width; now ${to}.`,
    grid: 'Arrow keys move between cells.',
    // The Performance page (perf.html); 'simd-what' is [text, code, text].
    perf: {
      back: '← attention-steps',
      title: 'Performance, measured in your browser',
      'simd-what': ['WebAssembly SIMD128 gives the browser 128-bit vector instructions: one ', 'f32x4.mul', ' multiplies four float32 numbers at once. The C++ core\u2019s kernels are compiled to them, so every step of attention handles four numbers per instruction; the scalar build of the same C++ handles one, and plain JavaScript is what you would write by hand.'],
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
        'relaxed-simd-x2': 'WASM relaxed SIMD (FMA) ×2 threads', 'simd128-x2': 'WASM SIMD128 ×2 threads',
        'onnx-plain': 'onnxruntime-web (graph)', 'onnx-mha': 'onnxruntime-web (MHA)',
      },
      scaling: {
        title: 'Time against n: the n² cost',
        caption: 'Median time of one attention forward pass (d = 64) against the number of tokens n, both axes logarithmic. Hollow points: the README\u2019s figures (Node 20 on a 2-core AMD EPYC, 2026-11-26); filled points: this device, after Run. The dashed line grows as n²: four times n, sixteen times the time. At small n a call\u2019s fixed cost flattens the curve; from n = 64 on each fourfold n costs about 14–16 times the time (16 for n²). Every pair of tokens gets a score, so attention\u2019s work grows with the square of the length.',
        readme: 'README', device: 'this device', n2: '∝ n²', axisN: 'n (tokens)', axisMs: 'ms',
      },
      tokens: (n) => `n = ${n}`,
      // { isolated, source: 'server' | 'service-worker' | null, threads: number | null (before Run) }
      isolation: ({ isolated, source, threads }) => {
        const how = { server: 'server headers', 'service-worker': 'service worker' }[source];
        const where = `this page is cross-origin isolated${how ? ` (${how})` : ''}`;
        if (!isolated) {
          return 'One thread: this page is not cross-origin isolated, so SharedArrayBuffer is unavailable, the core runs on one thread and the clock is coarse (0.1 ms). Two threads need the headers Cross-Origin-Opener-Policy: same-origin and Cross-Origin-Embedder-Policy: require-corp, which scripts/serve.mjs sends; on a host that cannot send them, this site\u2019s service worker adds them: reload the page once it has installed (browsers that run no service worker here stay on one thread).';
        }
        if (threads === null) return `Threads: ${where}, so SharedArrayBuffer is available and the core can run on more than one thread; the clock is fine-grained. Run says how many threads the core uses.`;
        if (threads === 1) return `One thread: ${where}, but the core runs on one thread here.`;
        return `${threads === 2 ? 'Two' : threads} threads: ${where}, so the core splits the queries among ${threads} threads that share its memory (SharedArrayBuffer).`;
      },
    },
    siteTitle: 'attention-steps',
    tagline: 'Scaled dot-product attention, one step at a time. Every number is computed live by a C++ core compiled to WebAssembly.',
    skipToStep: 'Skip to the step',
    example: 'Worked example',
    language: 'Language',
    precision: 'Decimals',
    scaleWord: 'scale',
    steps: 'Steps',
    stepOf: (i, n) => `Step ${i} of ${n}`,
    prev: '← Previous',
    next: 'Next →',
    keysHint: 'Keys: ← → change step.',
    loading: 'Loading the attention core…',
    coreFailed: (m) => `The attention core could not start: ${m}`,
    footerCore: 'Core',
    coreSimd: 'WebAssembly SIMD128',
    coreRelaxed: 'WebAssembly SIMD128 + relaxed SIMD (fused multiply-add)',
    coreScalar: 'WebAssembly scalar (this browser has no SIMD128)',
    performance: 'Performance',
    source: (file, section) => `Source: article ${file}, section ${section}`,
    standIn: 'Stand-in numbers',
    settings: 'Inputs and settings',
    tokens: 'Tokens n',
    dModel: 'Width of X (d_model)',
    dQK: 'Width of Q and K',
    dV: 'Width of V',
    heads: 'Heads',
    mask: 'Mask',
    maskNone: 'none',
    maskCausal: 'causal',
    scale: 'Scale',
    scaleDefault: '1/√d_k',
    scaleOne: '1 (no scaling)',
    scaleTemperature: 'temperature τ: scale = 1/τ',
    temperature: 'τ',
    resetPreset: 'Reset to the example',
    resetDone: 'Back to the example\'s own numbers.',
    head: 'Head',
    headOf: (h, n) => `head ${h + 1} of ${n}`,
    editable: 'editable',
    shapeBadge: (r, c) => `${r}×${c}`,
    matrixLabel: (name, r, c) => `${name}, ${r} by ${c}`,
    cellLabel: (name, i, j) => `${name} row ${i + 1}, column ${j + 1}`,
    howMade: 'How this number was made',
    howMadeHint: 'Point at, tap or focus (Tab) any result cell to see its arithmetic.',
    changed: 'What changed',
    inMaterial: 'In the material',
    printed: 'Printed',
    correct: 'Correct (computed now by the core)',
    correctText: 'Correct',
    rowByRow: 'row by row',
    timesScale: '× scale',
    sideBySide: 'side by side',
    why: 'Why',
    editedNote: 'You have edited the numbers: the correct value below is for the example\'s own numbers.',
    noErrata: 'The material has no error at this step for this example.',
    ownExample: 'This example is our own; it is not in the material.',
    lastGood: 'Showing the last good result until the input is fixed.',
    inputError: 'Input problem',
    emptyCell: (where) => `${where} is empty: type a number.`,
    notANumber: (where, text) => `${where} holds “${text}”, which is not a number.`,
    linkProblem: (why) => `This link could not be read (${why.message}); showing the example as published instead.`,
    shapesTitle: 'Shapes in the material\'s setting',
    shapesTensor: 'Tensor',
    shapesPrinted: 'Material prints',
    shapesCorrect: 'Correct shape',
    weightsHeatmap: 'Attention weights as a heatmap (darker = larger)',
    rowSum: 'row sum',
    rowMax: 'row max',
    expSum: 'Σ exp',
    noProjection: 'This example starts from given Q, K and V, so there is no projection to compute: the matrices below are used as they are.',
    projectionResult: 'Results of the projection',
    concat: 'Concatenation of the heads\' outputs',
    output: 'Output',
    withoutMask: 'Without a mask',
    withCausal: 'With the causal mask',
    maskNeedsSquare: 'The causal mask needs as many queries as keys.',
    whyScale: 'Why scale?',
    dk: 'd_k',
    maxWeight: 'largest weight',
    entropy: 'entropy (share of the maximum)',
    scaled: 'scaled by 1/√d_k',
    unscaled: 'not scaled',
    chartCaption: (keys) => `Average over random queries and ${keys} random keys whose entries have mean 0 and variance 1.`,
    atDk: (dk) => `At d_k = ${dk}`,
    // ---- token view and plane view (token-view.js, plane-view.js, step-views.js)
    tvTitle: 'Who attends to whom',
    tvTitleMask: (which) => `Who attends to whom: ${which}`,
    tvQueries: 'queries',
    tvKeys: 'keys',
    tvQueryToken: (label) => `query ${label}: show its links`,
    tvKeyToken: (label) => `key ${label}: show its links`,
    tvHint: 'Each line joins a query to a key; the darker and thicker, the larger its weight. Point at or tap a word to see only its lines; point at a cell of the weights to see its line. Keys: ↑ ↓ ← → move between the words, Enter keeps one shown.',
    tvHeads: 'Heads shown',
    tvAllHeads: 'all heads',
    tvTextRow: (label, parts) => `${label} attends most to: ${parts}`,
    pvTitle: 'Queries and keys in the plane',
    pvHullTitle: 'Outputs inside the values',
    pvHandle: (label, x, y) => `${label} = (${x}, ${y}); drag it, or use the arrow keys to move it`,
    pvDescription: (n, m) => `${n} query arrows and ${m} key arrows from the origin; the score of a pair is the length of one times the length of the other times the cosine of the angle between them.`,
    pvHullDescription: (m, n) => `${m} value points, the polygon around them, and ${n} output points inside it.`,
    pvQuery: 'Query',
    pvKey: 'Key',
    pvOutput: 'Output',
    pvScoreIs: (q, k) => `score(${q}, ${k}) = |${q}| · |${k}| · cos θ`,
    pvTraceScore: (q, k, value) => `Q·Kᵀ, row ${q}, column ${k}: ${value} (the same number)`,
    pvDragHint: 'Drag a dot at an arrow tip, or focus it and press the arrow keys (Shift: bigger steps): it edits that row of Q or K, and every step is recomputed.',
    pvReadOnlyProjected: 'The arrows cannot be dragged here: Q = X·W_Q and K = X·W_K, so one arrow cannot move without changing X or the weights and with them other arrows. Edit X or W_Q, W_K on the projection step.',
    pvMixture: (o, terms) => `${o} = ${terms}`,
    pvAverage: 'τ → ∞: the average',
    pvLegendValue: 'values',
    pvTauPreview: 'Try τ',
    pvNow: 'as set now',
    pvLegendOutput: 'outputs',
    pvLegendEnd: (tau) => `τ = ${tau}`,
    pvTauHint: 'The grey path is where this output goes as the temperature τ changes (scale = 1/τ): from the plain average of the values (large τ) towards the value its query scores highest (small τ). The weights are the amounts of each value in the mix.',
    pvTauNow: (value) => `Now: scale = ${value}.`,
    explain: {
      projection: (name, i, j) => `${name}[${i + 1},${j + 1}] = x${sub(i + 1)} · W_${name}[:, ${j + 1}]`,
      score: (i, j) => `S[${i + 1},${j + 1}] = q${sub(i + 1)} · k${sub(j + 1)}`,
      scaled: (i, j) => `S′[${i + 1},${j + 1}] = S[${i + 1},${j + 1}] × scale`,
      maskedCell: (i, j) => `S′[${i + 1},${j + 1}] = −∞: key ${j + 1} comes after query ${i + 1}, so the causal mask hides it.`,
      exponential: (i, j) => `E[${i + 1},${j + 1}] = exp(S′[${i + 1},${j + 1}] − max of row ${i + 1})`,
      weight: (i, j) => `A[${i + 1},${j + 1}] = E[${i + 1},${j + 1}] / Σ row ${i + 1}`,
      maskedWeight: (i, j) => `A[${i + 1},${j + 1}] = 0: key ${j + 1} is hidden by the causal mask.`,
      output: (i, j) => `O[${i + 1},${j + 1}] = Σₜ A[${i + 1},t] × V[t,${j + 1}]`,
      concat: (i, j, h, jj) => `C[${i + 1},${j + 1}] = O of head ${h + 1} [${i + 1},${jj + 1}]`,
      final: (i, j) => `Y[${i + 1},${j + 1}] = c${sub(i + 1)} · W_O[:, ${j + 1}]`,
      rowMax: (i) => `max of row ${i + 1} of S′`,
      rowSum: (i) => `Σ row ${i + 1} of E`,
      weightSum: (i) => `Σ row ${i + 1} of A (always 1, up to rounding)`,
    },
  },
};

const SUBSCRIPTS = '₀₁₂₃₄₅₆₇₈₉';
/** 12 → "₁₂" */
export function sub(n) {
  return String(n).replace(/[0-9]/g, (d) => SUBSCRIPTS[d]);
}

let current = 'en';

export function initialLanguage() {
  let saved = null;
  try { saved = localStorage.getItem(STORAGE_KEY); } catch { /* storage blocked: use the browser's language */ }
  if (LANGUAGES.includes(saved)) return saved;
  const browser = (navigator.language || 'en').toLowerCase();
  return browser.startsWith('zh') ? 'zh' : 'en';
}

/** @type {typeof import('./i18n-zh.js') | null} */
let chinese = null;
const importChinese = importOnce(() => import('./i18n-zh.js'));
/** Imports the Chinese texts (i18n-zh.js), once. */
const loadChinese = () => importChinese().then((module) => { chinese = module; strings.zh = module.strings; });

/**
 * Switches to `lang` (English for anything else) once its texts are in, and remembers it (a
 * learner's choice; not the language a page opens in, remember = false). Rejects, leaving the
 * language as it was, if the Chinese texts cannot be loaded.
 * @param {string} lang
 * @param {{ remember?: boolean }} [options]
 */
export async function setLanguage(lang, { remember = true } = {}) {
  const next = LANGUAGES.includes(lang) ? lang : 'en';
  if (next === 'zh') await loadChinese();
  current = next;
  if (remember) {
    try { localStorage.setItem(STORAGE_KEY, current); } catch { /* not remembered, still switched */ }
  }
  document.documentElement.lang = current === 'zh' ? 'zh-CN' : 'en';
}

/** Starts loading the texts of `lang` (the language a page will open in), without switching. */
export function prefetchLanguage(lang) {
  if (lang === 'zh') loadChinese().catch(() => { /* setLanguage reports it */ });
}

export const language = () => current;

/** The interface string `key` in the current language (a function for strings with values). */
export function t(key) {
  return strings[current][key] ?? strings.en[key];
}

/** A label and its colon in the current language: "Why: " in English, "原因：" in 中文. */
export function labelled(key) {
  return `${t(key)}${current === 'zh' ? '\uff1a' : ': '}`;
}

/** A { en, zh } text from the lesson data, in the current language. */
export function pick(text) {
  if (text === null || text === undefined) return '';
  if (typeof text === 'string') return text;
  return text[current] ?? text.en ?? '';
}

/**
 * A failed call's message in the current language: `problem` is { message, code, place }
 * (as model.js keeps an AttentionError), or a plain string, shown as it is.
 */
export function localizeCoreMessage(problem) {
  if (typeof problem === 'string') return problem;
  if (current === 'en' || !chinese?.coreMessages[problem.code]) return problem.message ?? '';
  return chinese.coreMessages[problem.code](problem.place ?? {});
}

/**
 * @typedef {Error & Partial<Pick<import('../core/attention.js').AttentionError, 'code' | 'matrix' | 'row' | 'col' | 'option'>>} CaughtError
 *   an AttentionError, or another Error (without a code or a place)
 */

/**
 * Where an AttentionError is about: its matrix, row, col and option (each undefined where it
 * does not apply), as localizeCoreMessage and model.js read them.
 * @param {CaughtError} err
 */
export const placeOf = ({ matrix, row, col, option }) => ({ matrix, row, col, option });

/**
 * A caught error as the page shows it, in the current language: an AttentionError by its code
 * and place (localizeCoreMessage), any other Error by its message, anything else thrown as text.
 * @param {unknown} err
 * @returns {string}
 */
export function describeError(err) {
  if (!(err instanceof Error)) return String(err);
  const caught = /** @type {CaughtError} */ (err);
  return localizeCoreMessage({ message: caught.message, code: caught.code, place: placeOf(caught) });
}
