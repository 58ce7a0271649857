// i18n-zh.js — the interface's own words in 中文: the strings of i18n.js's `en` by key, the core's
// messages by their code, and why a link was not used by its code. A module of its own so that a
// page in English never loads it (the bundle makes it a chunk: scripts/bundle.mjs); i18n.js's
// setLanguage('zh') imports it.
import { sub } from './i18n.js';

export const strings = {
  words: {
    X: '各词的向量', Q: '查询', K: '键', KT: '键（按列排）', V: '值',
    WQ: '查询权重', WK: '键权重', WV: '值权重', WO: '输出权重',
    S: '分数', Sp: '缩放后的分数', E: '指数', A: '权重', O: '输出',
    C: '各头并排', Y: '最终输出',
  },
  caption: (tex, word) => `${tex}，${word}`,
  scoresLegend: '分数：小于 0 为蓝，等于 0 为白，大于 0 为红',
  aboutExample: '关于这个示例',
  errataTitle: (n) => `原文印出的内容（${n}）`,
  quoteOriginal: '原文',
  fromArticles: '来自文章',
  ourExamples: '自编示例',
  map: '流程图',
  mapLabel: '这一步在注意力中的位置',
  editHint: '任一单元格都可编辑：每一步都会重新计算。',
  temperatureHere: '温度 τ（缩放系数 = 1/τ）',
  temperatureRow: (word) => `τ 变化时第 ${word} 行的权重`,
  headsDivisors: (list) => `头数必须整除宽度：${list}`,
  headsClamped: (from, to) => `${from} 个头不能整除新的宽度；已改为 ${to}。`,
  grid: '方向键可在单元格之间移动。',
  perf: {
    back: '← attention-steps',
    title: '性能：在你的浏览器里实测',
    'simd-what': ['WebAssembly SIMD128 为浏览器提供 128 位向量指令：一条 ', 'f32x4.mul', ' 同时完成四个 float32 数的乘法。C++ 核心的计算内核编译成这些指令，注意力的每一步每条指令处理四个数；同一份 C++ 的标量版本一次只处理一个，而纯 JavaScript 则是你手写循环时会得到的版本。'],
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
      'relaxed-simd-x2': 'WASM 宽松 SIMD（FMA）×2 线程', 'simd128-x2': 'WASM SIMD128 ×2 线程',
      'onnx-plain': 'onnxruntime-web（计算图）', 'onnx-mha': 'onnxruntime-web（MHA）',
    },
    scaling: {
      title: '耗时随 n 的变化：n² 的代价',
      caption: '一次注意力前向计算（d = 64）的中位耗时随词元数 n 的变化，两个坐标轴都取对数。空心点：README 中的数据（Node 20，2 核 AMD EPYC，2026-11-26）；实心点：本设备按“运行”后的实测。虚线按 n² 增长：n 变为四倍，耗时变为十六倍。n 很小时每次调用的固定开销让曲线变平；从 n = 64 起 n 每变为四倍，耗时约变为 14–16 倍（n² 为 16 倍）。每一对词都要算一个分数，所以注意力的计算量随长度的平方增长。',
      readme: 'README', device: '本设备', n2: '∝ n²', axisN: 'n（词元数）', axisMs: '毫秒',
    },
    tokens: (n) => `n = ${n}`,
    isolation: ({ isolated, source, threads }) => {
      const how = { server: '服务器响应头', 'service-worker': 'Service Worker' }[source];
      const where = `此页面已跨源隔离${how ? `（${how}）` : ''}`;
      if (!isolated) {
        return '一个线程：此页面未跨源隔离，因此 SharedArrayBuffer 不可用，计算核心只用一个线程，计时器也较粗（0.1 ms）。要用两个线程，需要响应头 Cross-Origin-Opener-Policy: same-origin 和 Cross-Origin-Embedder-Policy: require-corp（scripts/serve.mjs 会发送）；在不能发送响应头的主机上，本站的 Service Worker 会添加它们：安装完成后重新加载页面即可（在这里不运行 Service Worker 的浏览器仍只用一个线程）。';
      }
      if (threads === null) return `线程：${where}，因此 SharedArrayBuffer 可用，计算核心可以使用多个线程，计时器也是细粒度的。按“运行”后会显示计算核心实际使用的线程数。`;
      if (threads === 1) return `一个线程：${where}，但计算核心在这里只用一个线程。`;
      return `${threads === 2 ? '两个' : `${threads} 个`}线程：${where}，计算核心把查询分给共享内存（SharedArrayBuffer）的 ${threads} 个线程。`;
    },
  },
  siteTitle: 'attention-steps',
  tagline: '缩放点积注意力，一步一步来。页面上的每个数字都由编译成 WebAssembly 的 C++ 核心实时算出。',
  skipToStep: '跳到当前步骤',
  example: '示例',
  language: '语言',
  precision: '小数位',
  scaleWord: '缩放系数',
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
  linkProblem: (why) => `无法读取这个链接（${linkProblemZh(why)}）；改为显示原来的示例。`,
  shapesTitle: '原文设定下的形状',
  shapesTensor: '张量',
  shapesPrinted: '原文给出',
  shapesCorrect: '正确形状',
  weightsHeatmap: '注意力权重热力图（颜色越深，权重越大）',
  rowSum: '行和',
  rowMax: '行最大值',
  expSum: 'Σ 指数',
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
    projection: (name, i, j) => `${name}[${i + 1},${j + 1}] = x${sub(i + 1)} · W_${name}[:, ${j + 1}]`,
    score: (i, j) => `S[${i + 1},${j + 1}] = q${sub(i + 1)} · k${sub(j + 1)}`,
    scaled: (i, j) => `S′[${i + 1},${j + 1}] = S[${i + 1},${j + 1}] × 缩放系数`,
    maskedCell: (i, j) => `S′[${i + 1},${j + 1}] = −∞：键 ${j + 1} 在查询 ${i + 1} 之后，被因果掩码挡住。`,
    exponential: (i, j) => `E[${i + 1},${j + 1}] = exp(S′[${i + 1},${j + 1}] − 第 ${i + 1} 行最大值)`,
    weight: (i, j) => `A[${i + 1},${j + 1}] = E[${i + 1},${j + 1}] / 第 ${i + 1} 行之和`,
    maskedWeight: (i, j) => `A[${i + 1},${j + 1}] = 0：键 ${j + 1} 被因果掩码挡住。`,
    output: (i, j) => `O[${i + 1},${j + 1}] = Σₜ A[${i + 1},t] × V[t,${j + 1}]`,
    concat: (i, j, h, jj) => `C[${i + 1},${j + 1}] = 第 ${h + 1} 个头的 O[${i + 1},${jj + 1}]`,
    final: (i, j) => `Y[${i + 1},${j + 1}] = c${sub(i + 1)} · W_O[:, ${j + 1}]`,
    rowMax: (i) => `S′ 第 ${i + 1} 行的最大值`,
    rowSum: (i) => `E 第 ${i + 1} 行之和`,
    weightSum: (i) => `A 第 ${i + 1} 行之和（总是 1，只差舍入误差）`,
  },
};

const MATRIX_NAMES = { q: 'Q', k: 'K', v: 'V', x: 'X', wq: 'W_Q', wk: 'W_K', wv: 'W_V', wo: 'W_O', matrix: '矩阵' };
const OPTION_NAMES = { heads: '头数', mask: '掩码', scale: '缩放系数', dk: 'd_k', keys: 'keys', samples: 'samples', seed: 'seed', build: '构建' };

/**
 * "Q[1][0]", "Q 第 1 行", "Q", or the option's name.
 * @param {{ matrix?: string, row?: number, col?: number, option?: string }} [place]
 */
function placeText({ matrix, row, col, option } = {}) {
  if (matrix !== undefined) {
    const name = MATRIX_NAMES[matrix] ?? matrix;
    if (row !== undefined && col !== undefined) return `${name}[${row}][${col}]`;
    return row !== undefined ? `${name} 第 ${row} 行` : name;
  }
  return option !== undefined ? OPTION_NAMES[option] ?? option : '';
}

// The core's messages are English. In Chinese each one is given by its code (AttentionError's
// `code`), with its place filled in; no message text is parsed.
export const coreMessages = {
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

// Why a link was not used (state.js's LinkProblem), in Chinese by its code and values.
const linkProblemsZh = {
  bad_integer: ({ name, min, max }) => `${name} 必须是 ${min} 到 ${max} 之间的整数`,
  bad_scale: () => 'scale 必须是 default、one、t:<0.1 到 10 之间的温度> 或 s:<数字>',
  bad_matrix: ({ name, rows, cols }) => `${name} 必须有 1 到 ${rows} 行，每行 1 到 ${cols} 个文本`,
  bad_json: () => '数字部分不是有效的 JSON',
  not_an_object: () => '数字部分必须是由矩阵组成的对象',
  unknown_matrix: ({ name }) => `这个示例没有矩阵“${name}”`,
  missing_matrix: ({ name }) => `缺少矩阵 ${name}`,
  bad_example_name: () => '示例名称无效',
  unknown_example: ({ name }) => `没有名为“${name}”的示例`,
  bad_step_name: () => '步骤名称无效',
  unknown_step: ({ name }) => `没有名为“${name}”的步骤`,
  unknown_setting: ({ name }) => `未知的设置“${name}”`,
  bad_mask: () => 'mask 必须是 none 或 causal',
  heads_not_divisor: ({ heads, widths, fits }) => `heads = ${heads} 不能整除宽度 ${widths.join(' 和 ')}；heads 必须是 ${fits.join('、')} 之一`,
};

/**
 * @param {import('./state.js').LinkProblem} problem
 * @returns {string}
 */
function linkProblemZh(problem) {
  return linkProblemsZh[problem.code]?.(problem.values) ?? problem.message;
}
