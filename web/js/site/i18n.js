// i18n.js — the interface's own words in English and 中文, and the chosen language.
// Lesson text lives in lessons.js and presets.js; this file holds labels, buttons and messages.

export const LANGUAGES = ['en', 'zh'];
const STORAGE_KEY = 'attention-steps-lang';

const strings = {
  en: {
    siteTitle: 'attention-steps',
    tagline: 'Scaled dot-product attention, one step at a time. Every number is computed live by a C++ core compiled to WebAssembly.',
    skipToStep: 'Skip to the step',
    example: 'Worked example',
    language: 'Language',
    precision: 'Decimals',
    steps: 'Steps',
    stepOf: (i, n) => `Step ${i} of ${n}`,
    prev: '← Previous',
    next: 'Next →',
    keysHint: 'Keys: ← → change step.',
    loading: 'Loading the attention core…',
    coreFailed: (m) => `The attention core could not start: ${m}`,
    footerCore: 'Core',
    coreSimd: 'WebAssembly SIMD128',
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
    linkProblem: (why) => `This link could not be read (${why}); showing the example as published instead.`,
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
      projection: (name, i, j) => `${name}[${i}][${j}] = x${sub(i)} · ${name === 'Q' ? 'W_Q' : name === 'K' ? 'W_K' : 'W_V'}[:, ${j}]`,
      score: (i, j) => `score[${i}][${j}] = q${sub(i)} · k${sub(j)}`,
      scaled: (i, j) => `scaled[${i}][${j}] = score[${i}][${j}] × scale`,
      maskedCell: (i, j) => `scaled[${i}][${j}] = −∞: key ${j} comes after query ${i}, so the causal mask hides it.`,
      exponential: (i, j) => `e[${i}][${j}] = exp(scaled[${i}][${j}] − max of row ${i})`,
      weight: (i, j) => `weight[${i}][${j}] = e[${i}][${j}] / Σ row ${i}`,
      maskedWeight: (i, j) => `weight[${i}][${j}] = 0: key ${j} is hidden by the causal mask.`,
      output: (i, j) => `output[${i}][${j}] = Σₜ weight[${i}][t] × v[t][${j}]`,
      concat: (i, j, h, jj) => `concat[${i}][${j}] = head ${h + 1} output[${i}][${jj}]`,
      final: (i, j) => `output[${i}][${j}] = concat${sub(i)} · W_O[:, ${j}]`,
      rowMax: (i) => `max of row ${i} of the scaled scores`,
      rowSum: (i) => `Σ row ${i} of the exponentials`,
      weightSum: (i) => `Σ row ${i} of the weights (always 1, up to rounding)`,
    },
  },
  zh: {
    siteTitle: 'attention-steps',
    tagline: '缩放点积注意力，一步一步来。页面上的每个数字都由编译成 WebAssembly 的 C++ 核心实时算出。',
    skipToStep: '跳到当前步骤',
    example: '示例',
    language: '语言',
    precision: '小数位',
    steps: '步骤',
    stepOf: (i, n) => `第 ${i} 步，共 ${n} 步`,
    prev: '← 上一步',
    next: '下一步 →',
    keysHint: '键盘：← → 切换步骤。',
    loading: '正在加载注意力计算核心…',
    coreFailed: (m) => `注意力计算核心无法启动：${m}`,
    footerCore: '计算核心',
    coreSimd: 'WebAssembly SIMD128',
    coreScalar: 'WebAssembly 标量版（此浏览器不支持 SIMD128）',
    performance: '性能',
    source: (file, section) => `出处：文章 ${file}，第 ${section} 节`,
    standIn: '替代数字',
    settings: '输入与设置',
    tokens: '词元数 n',
    dModel: 'X 的宽度 (d_model)',
    dQK: 'Q 和 K 的宽度',
    dV: 'V 的宽度',
    heads: '头数',
    mask: '掩码',
    maskNone: '无',
    maskCausal: '因果',
    scale: '缩放',
    scaleDefault: '1/√d_k',
    scaleOne: '1（不缩放）',
    scaleTemperature: '温度 τ：缩放系数 = 1/τ',
    temperature: 'τ',
    resetPreset: '恢复示例的数字',
    resetDone: '已恢复示例原来的数字。',
    head: '头',
    headOf: (h, n) => `第 ${h + 1} 个头（共 ${n} 个）`,
    editable: '可编辑',
    shapeBadge: (r, c) => `${r}×${c}`,
    matrixLabel: (name, r, c) => `${name}，${r} 行 ${c} 列`,
    cellLabel: (name, i, j) => `${name} 第 ${i + 1} 行第 ${j + 1} 列`,
    howMade: '这个数是怎么算出来的',
    howMadeHint: '把鼠标指向、轻触或用 Tab 聚焦任一结果单元格，即可看到它的算式。',
    changed: '这一步变了什么',
    inMaterial: '原文中的写法',
    printed: '原文给出',
    correct: '正确结果（由计算核心现算）',
    correctText: '正确的做法',
    rowByRow: '逐行',
    timesScale: '× 缩放系数',
    sideBySide: '并排拼接',
    why: '原因',
    editedNote: '你已经改动了数字：下面的正确结果对应示例原来的数字。',
    noErrata: '在这个示例里，原文这一步没有错误。',
    ownExample: '这个示例是我们自己设计的，不在原文中。',
    lastGood: '输入修正之前，继续显示上一次正确的结果。',
    inputError: '输入有误',
    emptyCell: (where) => `${where} 是空的：请填一个数。`,
    notANumber: (where, text) => `${where} 里是“${text}”，不是数字。`,
    linkProblem: (why) => `无法读取这个链接（${why}）；改为显示原来的示例。`,
    shapesTitle: '原文设定下的形状',
    shapesTensor: '张量',
    shapesPrinted: '原文给出',
    shapesCorrect: '正确形状',
    weightsHeatmap: '注意力权重热力图（颜色越深，权重越大）',
    rowSum: '行和',
    rowMax: '行最大值',
    expSum: 'Σ exp',
    noProjection: '这个示例直接给出了 Q、K、V，所以没有投影这一步：下面的矩阵原样使用。',
    projectionResult: '投影的结果',
    concat: '各头输出拼接',
    output: '输出',
    withoutMask: '不加掩码',
    withCausal: '加因果掩码',
    maskNeedsSquare: '因果掩码要求查询数与键数相同。',
    whyScale: '为什么要缩放？',
    dk: 'd_k',
    maxWeight: '最大权重',
    entropy: '熵（占最大值的比例）',
    scaled: '除以 √d_k',
    unscaled: '不缩放',
    chartCaption: (keys) => `对随机查询和 ${keys} 个随机键取平均；各分量均值为 0、方差为 1。`,
    atDk: (dk) => `d_k = ${dk} 时`,
    // ---- 词元视图与平面视图（token-view.js、plane-view.js、step-views.js）
    tvTitle: '谁关注谁',
    tvTitleMask: (which) => `谁关注谁：${which}`,
    tvQueries: '查询',
    tvKeys: '键',
    tvQueryToken: (label) => `查询 ${label}：显示它的连线`,
    tvKeyToken: (label) => `键 ${label}：显示它的连线`,
    tvHint: '每条线把一个查询连到一个键；线越深越粗，权重越大。指向或点按一个词，只看它的连线；指向权重表中的一格，看对应的那条线。键盘：↑ ↓ ← → 在词之间移动，Enter 固定显示。',
    tvHeads: '显示的头',
    tvAllHeads: '全部的头',
    tvTextRow: (label, parts) => `${label} 最关注：${parts}`,
    pvTitle: '平面上的查询与键',
    pvHullTitle: '值围成的区域里的输出',
    pvHandle: (label, x, y) => `${label} = (${x}, ${y})；可拖动，或用方向键移动`,
    pvDescription: (n, m) => `从原点出发的 ${n} 个查询箭头和 ${m} 个键箭头；一对的分数等于两者长度之积再乘以夹角的余弦。`,
    pvHullDescription: (m, n) => `${m} 个值点、包住它们的多边形，以及其中的 ${n} 个输出点。`,
    pvQuery: '查询',
    pvKey: '键',
    pvOutput: '输出',
    pvScoreIs: (q, k) => `分数(${q}, ${k}) = |${q}| · |${k}| · cos θ`,
    pvTraceScore: (q, k, value) => `Q·Kᵀ 第 ${q} 行、第 ${k} 列：${value}（同一个数）`,
    pvDragHint: '拖动箭头端点的圆点，或让它获得焦点后按方向键（按住 Shift 步子更大）：这会修改 Q 或 K 的那一行，并重新计算每一步。',
    pvReadOnlyProjected: '这里的箭头不能拖动：Q = X·W_Q、K = X·W_K，移动一个箭头就得改 X 或权重矩阵，其他箭头也会跟着变。请在投影那一步修改 X 或 W_Q、W_K。',
    pvMixture: (o, terms) => `${o} = ${terms}`,
    pvAverage: 'τ → ∞：平均值',
    pvLegendValue: '值',
    pvTauPreview: '试试 τ',
    pvNow: '当前设置',
    pvLegendOutput: '输出',
    pvLegendEnd: (tau) => `τ = ${tau}`,
    pvTauHint: '灰色路径是温度 τ 变化时这个输出的位置（缩放 = 1/τ）：从各值的简单平均（τ 大）走向查询打分最高的那个值（τ 小）。权重就是混合中每个值所占的份额。',
    pvTauNow: (value) => `当前：缩放 = ${value}。`,
    explain: {
      projection: (name, i, j) => `${name}[${i}][${j}] = x${sub(i)} · ${name === 'Q' ? 'W_Q' : name === 'K' ? 'W_K' : 'W_V'}[:, ${j}]`,
      score: (i, j) => `score[${i}][${j}] = q${sub(i)} · k${sub(j)}`,
      scaled: (i, j) => `scaled[${i}][${j}] = score[${i}][${j}] × 缩放系数`,
      maskedCell: (i, j) => `scaled[${i}][${j}] = −∞：键 ${j} 在查询 ${i} 之后，被因果掩码挡住。`,
      exponential: (i, j) => `e[${i}][${j}] = exp(scaled[${i}][${j}] − 第 ${i} 行最大值)`,
      weight: (i, j) => `weight[${i}][${j}] = e[${i}][${j}] / 第 ${i} 行之和`,
      maskedWeight: (i, j) => `weight[${i}][${j}] = 0：键 ${j} 被因果掩码挡住。`,
      output: (i, j) => `output[${i}][${j}] = Σₜ weight[${i}][t] × v[t][${j}]`,
      concat: (i, j, h, jj) => `concat[${i}][${j}] = 第 ${h + 1} 个头的 output[${i}][${jj}]`,
      final: (i, j) => `output[${i}][${j}] = concat${sub(i)} · W_O[:, ${j}]`,
      rowMax: (i) => `缩放后分数第 ${i} 行的最大值`,
      rowSum: (i) => `指数第 ${i} 行之和`,
      weightSum: (i) => `权重第 ${i} 行之和（总是 1，只差舍入误差）`,
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

export function setLanguage(lang) {
  current = LANGUAGES.includes(lang) ? lang : 'en';
  try { localStorage.setItem(STORAGE_KEY, current); } catch { /* not remembered, still switched */ }
  document.documentElement.lang = current === 'zh' ? 'zh-CN' : 'en';
}

export const language = () => current;

/** The interface string `key` in the current language (a function for strings with values). */
export function t(key) {
  return strings[current][key] ?? strings.en[key];
}

/** A { en, zh } text from the lesson data, in the current language. */
export function pick(text) {
  if (text === null || text === undefined) return '';
  if (typeof text === 'string') return text;
  return text[current] ?? text.en ?? '';
}

// The core's messages are English. In Chinese each one is given by its code (AttentionError's
// `code`), with its place filled in; no message text is parsed.
const MATRIX_NAMES = { q: 'Q', k: 'K', v: 'V', x: 'X', wq: 'W_Q', wk: 'W_K', wv: 'W_V', wo: 'W_O', matrix: '矩阵' };
const OPTION_NAMES = { heads: '头数', mask: '掩码', scale: '缩放系数', dk: 'd_k', keys: 'keys', samples: 'samples', seed: 'seed' };

// "Q[1][0]", "Q 第 1 行", "Q", or the option's name.
function placeText({ matrix, row, col, option } = {}) {
  if (matrix !== undefined) {
    const name = MATRIX_NAMES[matrix] ?? matrix;
    if (row !== undefined && col !== undefined) return `${name}[${row}][${col}]`;
    return row !== undefined ? `${name} 第 ${row} 行` : name;
  }
  return option !== undefined ? OPTION_NAMES[option] ?? option : '';
}

const coreMessagesZh = {
  missing: (p) => (p.matrix || p.option ? `缺少 ${placeText(p)}` : '缺少参数：需要一个对象作为参数'),
  not_a_matrix: (p) => `${placeText(p)} 不是由数字行组成的数组（或长度不是整数）`,
  empty: (p) => `${placeText(p)} 是空的；至少需要一行和一列`,
  ragged: (p) => `${placeText(p)} 与第 0 行长度不同；矩阵的每一行必须一样长`,
  not_a_number: (p) => `${placeText(p)} 不是数字`,
  not_finite: (p) => `${placeText(p)} 不是有限的数（NaN 或 ±Infinity）；每个元素都必须是有限的数`,
  out_of_range: (p) => `${placeText(p)} 超出了 float32 的范围（±3.4e38）；请用小一些的数`,
  too_large: (p) => (p.option === 'heads' ? '头数太多；最多支持 256 个头'
    : `${placeText(p)} 太大，超出了支持的上限；请用更少的词元或更窄的矩阵`),
  shape_mismatch: (p) => (p.option === 'mask' ? '因果掩码要求查询数与键数相同'
    : `${placeText(p)} 的形状与其他矩阵不匹配；请检查行数和列数`),
  heads_not_divisor: () => '头数不能整除宽度；头数必须能整除 Q（或 W_Q）和 V（或 W_V）的宽度',
  bad_option: (p) => ({
    mask: '掩码必须是 "none" 或 "causal"',
    heads: '头数必须是不小于 1 的整数',
  })[p.option] ?? `${placeText(p)} 的取值不对`,
  overflow: (p) => (p.option === 'scale' ? '缩放后的分数超出了 float32 的范围；请用小一些的缩放系数'
    : '计算结果超出了 float32 的范围；请把输入的数缩小'),
  build_mismatch: () => '页面的 JavaScript 与 WebAssembly 来自不同的构建；请重新加载页面',
  unsupported: () => '此浏览器不支持 WebAssembly SIMD128',
  busy: () => '核心正在进行另一次计算；请稍后再调用',
};

/**
 * A failed call's message in the current language: `problem` is { message, code, place }
 * (as model.js keeps an AttentionError), or a plain string, shown as it is.
 */
export function localizeCoreMessage(problem) {
  if (typeof problem === 'string') return problem;
  if (current === 'en' || !coreMessagesZh[problem.code]) return problem.message ?? '';
  return coreMessagesZh[problem.code](problem.place ?? {});
}
