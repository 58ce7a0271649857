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
    coreRelaxed: 'WebAssembly SIMD128 + 宽松 SIMD（融合乘加）',
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

// The core's messages are English. Common ones are given in Chinese too; the rest stay as
// the core wrote them (still precise: they name the matrix, the cell and what is needed).
const coreMessagePatterns = [
  [/^(\S+) has (\d+) columns? but (\S+) has (\d+); Q·Kᵀ needs equal widths$/, (m) => `${m[1]} 有 ${m[2]} 列，而 ${m[3]} 有 ${m[4]} 列；Q·Kᵀ 要求两者宽度相同`],
  [/^V has (\d+) rows? but K has (\d+); weights·V needs one value row per key$/, (m) => `V 有 ${m[1]} 行，而 K 有 ${m[2]} 行；weights·V 要求每个键对应一行值`],
  [/^(\d+) heads? do(?:es)? not divide (.+?) \(the width of (\S+)\); the number of heads must divide (?:it|both .+?), e\.g\. (.+)$/,
    (m) => `${m[1]} 个头不能整除 ${m[2]}（${m[3]} 的宽度）；头数必须能整除宽度，例如 ${m[4]}`],
  [/^heads is (.+?); it must be a whole number of at least 1$/, (m) => `头数为 ${m[1]}；头数必须是不小于 1 的整数`],
  [/^the causal mask needs as many queries as keys, but Q has (\d+) rows? and K has (\d+)$/, (m) => `因果掩码要求查询数与键数相同，但 Q 有 ${m[1]} 行，K 有 ${m[2]} 行`],
  [/^(\S+) is (Infinity|-Infinity|NaN); every entry must be a finite number$/, (m) => `${m[1]} 是 ${m[2]}；每个元素都必须是有限的数`],
  [/^(\S+) = (\S+) is outside the float32 range \(±3\.4e38\); use a smaller number$/, (m) => `${m[1]} = ${m[2]} 超出了 float32 的范围（±3.4e38）；请用小一些的数`],
];

export function localizeCoreMessage(message) {
  if (current === 'en') return message;
  for (const [pattern, render] of coreMessagePatterns) {
    const m = pattern.exec(message);
    if (m) return render(m);
  }
  return message;
}
