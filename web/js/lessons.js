// lessons.js — the text of each step of the walk-through, and of the "Why scale?" panel.
//
// Plain data. Text is plain text (inserted with textContent); $…$ marks inline TeX and
// `formula` is a KaTeX display formula. Every text field is { en, zh }; body fields are
// arrays of short paragraphs.

export const steps = [
  {
    id: 'input',
    title: { en: 'Input: one vector per token', zh: '输入：每个词一个向量' },
    formula: 'X \\in \\mathbb{R}^{n \\times d_{model}}',
    body: {
      en: [
        'A sentence is cut into $n$ tokens (words or pieces of words). Each token is looked up in a table and becomes a row of $d_{model}$ numbers, its embedding. Stacking the rows gives the matrix $X$: row $i$ is token $i$.',
        'Some examples in the articles skip this and start from ready-made queries, keys and values. Then this step simply shows the given $Q$, $K$ and $V$, one row per token.',
      ],
      zh: [
        '一句话先被切成 $n$ 个词元（整词或词的一部分）。每个词元查表得到一行 $d_{model}$ 个数，也就是它的嵌入向量。把这些行叠起来就是矩阵 $X$：第 $i$ 行对应第 $i$ 个词。',
        '文章里有些例子跳过了这一步，直接给出现成的查询、键和值。这时本步只展示给定的 $Q$、$K$、$V$，每个词一行。',
      ],
    },
    change: {
      en: 'The starting point: nothing has been computed yet.',
      zh: '起点：还没有做任何计算。',
    },
  },
  {
    id: 'projection',
    title: { en: 'Queries, keys and values', zh: '查询、键和值' },
    formula: 'Q = XW_Q, \\quad K = XW_K, \\quad V = XW_V',
    body: {
      en: [
        'Three learned matrices give every token three new vectors. Its query describes what the token is looking for, its key what it can be matched on, and its value what it hands over when it is chosen. Same $X$, three different views of it.',
        'Queries and keys will be compared by dot products, so both have the same width $d_k$. Values may have another width $d_v$.',
        'When an example starts from given $Q$, $K$ and $V$, there is nothing to project: those matrices play the role of $XW_Q$, $XW_K$ and $XW_V$.',
      ],
      zh: [
        '三个学出来的矩阵让每个词得到三个新向量：查询表示这个词想找什么，键表示别人可以凭什么找到它，值表示它被选中时交出去的内容。同一个 $X$，三种不同的看法。',
        '查询和键之后要做点积比较，所以二者宽度相同，都是 $d_k$；值的宽度 $d_v$ 可以不同。',
        '如果例子直接给出 $Q$、$K$、$V$，这一步就不用投影了：给定的矩阵就相当于 $XW_Q$、$XW_K$、$XW_V$。',
      ],
    },
    change: {
      en: 'X has become three matrices, Q, K and V, still one row per token.',
      zh: 'X 变成了三个矩阵 Q、K、V，仍然是每个词一行。',
    },
  },
  {
    id: 'scores',
    title: { en: 'Scores: every query against every key', zh: '分数：每个查询与每个键比较' },
    formula: 'S = QK^{\\top}, \\qquad S_{ij} = q_i \\cdot k_j',
    body: {
      en: [
        'Entry $(i, j)$ is the dot product of query $i$ with key $j$: large when the two vectors point the same way, negative when they point apart.',
        '$Q$ is $n \\times d_k$ and $K^{\\top}$ is $d_k \\times m$, so the scores form an $n \\times m$ matrix: one row per query, one column per key. Transposing $K$ is what lines up the two inner sizes; $QK$ without the transpose pairs the wrong things, even when the shapes happen to allow it.',
      ],
      zh: [
        '第 $(i, j)$ 个元素是查询 $i$ 与键 $j$ 的点积：两个向量方向越一致，它越大；方向相反时为负。',
        '$Q$ 是 $n \\times d_k$，$K^{\\top}$ 是 $d_k \\times m$，所以分数是 $n \\times m$ 的矩阵：每个查询一行，每个键一列。正是转置让中间两个尺寸对上；不转置直接算 $QK$，就算形状碰巧允许，配对的也不是该配的东西。',
      ],
    },
    change: {
      en: 'Q and K have become one number for each (query, key) pair.',
      zh: 'Q 和 K 变成了每一对（查询，键）一个数。',
    },
  },
  {
    id: 'scale',
    title: { en: 'Scaling by $1/\\sqrt{d_k}$', zh: '乘以 $1/\\sqrt{d_k}$ 缩放' },
    formula: 'S\' = \\frac{QK^{\\top}}{\\sqrt{d_k}}',
    body: {
      en: [
        'Every score is multiplied by the same number, $1/\\sqrt{d_k}$: with $d_k = 2$ that is about 0.707, with $d_k = 64$ it is 0.125. It is a square root, not $1/d_k$, and it is applied once.',
        'Why: a score adds up $d_k$ products. If the entries are random with variance 1, the sum has variance $d_k$, so scores spread out more and more as the vectors get wider. Softmax then hands almost all the weight to the largest score and the rest learn almost nothing. Dividing by $\\sqrt{d_k}$ brings the spread back to about 1, whatever the width.',
      ],
      zh: [
        '每个分数都乘以同一个数 $1/\\sqrt{d_k}$：$d_k = 2$ 时约为 0.707，$d_k = 64$ 时是 0.125。注意是平方根，不是 $1/d_k$，而且只乘一次。',
        '原因：一个分数是 $d_k$ 个乘积之和。如果各元素是方差为 1 的随机数，这个和的方差就是 $d_k$，向量越宽，分数越分散。softmax 于是把几乎全部权重交给最大的那个分数，其余位置几乎学不到东西。除以 $\\sqrt{d_k}$ 之后，无论宽度多大，分数的波动都回到 1 左右。',
      ],
    },
    change: {
      en: 'Every score has been multiplied by the same factor, 1/√d_k.',
      zh: '每个分数都乘上了同一个因子 1/√d_k。',
    },
  },
  {
    id: 'softmax',
    title: { en: 'Softmax, row by row', zh: '逐行做 softmax' },
    formula: '\\mathrm{softmax}(s)_j = \\frac{e^{\\,s_j - \\max_l s_l}}{\\sum_{t} e^{\\,s_t - \\max_l s_l}}',
    body: {
      en: [
        'Each row is handled on its own, in three moves: subtract the row\'s largest score, take the exponential of every entry, and divide by the row\'s sum.',
        'Subtracting the maximum does not change the result, since the same factor appears above and below the fraction and cancels, but it keeps every exponential at most 1, so nothing overflows. The result is a row of positive weights that add up to exactly 1: how much this query attends to each key.',
      ],
      zh: [
        '每一行单独处理，分三步：减去该行最大的分数，对每个元素取指数，再除以该行的总和。',
        '减去最大值不会改变结果，因为分子分母多出的同一个因子会约掉，但它让每个指数都不超过 1，不会溢出。得到的是一行正数权重，和恰好为 1：表示这个查询对每个键关注多少。',
      ],
    },
    change: {
      en: 'Scores have become weights: all positive, and each row adds up to 1.',
      zh: '分数变成了权重：全为正数，每行之和为 1。',
    },
  },
  {
    id: 'output',
    title: { en: 'Weighted sum of the values', zh: '对值加权求和' },
    formula: 'O = AV, \\qquad o_i = \\sum_{j} a_{ij}\\, v_j',
    body: {
      en: [
        'Output row $i$ mixes the value rows, each counted as much as row $i$ of the weights says. The matrix product does the multiplying and the adding in one go; nothing needs to be summed afterwards.',
        'The weights are $n \\times m$ and $V$ is $m \\times d_v$, so the output is $n \\times d_v$: one new vector per token, as wide as the values.',
      ],
      zh: [
        '输出的第 $i$ 行是各个值向量的混合，每个值向量所占的分量由权重第 $i$ 行决定。矩阵乘法一次就完成了相乘和相加，之后不需要再求和。',
        '权重是 $n \\times m$，$V$ 是 $m \\times d_v$，所以输出是 $n \\times d_v$：每个词得到一个新向量，宽度与值相同。',
      ],
    },
    change: {
      en: 'The weights have mixed the value rows: one output vector per token.',
      zh: '权重把各行值向量混合起来：每个词得到一个输出向量。',
    },
  },
  {
    id: 'multihead',
    title: { en: 'Several heads', zh: '多头注意力' },
    formula: '\\mathrm{head}_i = \\mathrm{softmax}\\!\\left(\\frac{Q_i K_i^{\\top}}{\\sqrt{d_k}}\\right) V_i, \\qquad \\mathrm{MultiHead} = \\mathrm{Concat}(\\mathrm{head}_1, \\dots, \\mathrm{head}_h)\\, W_O',
    body: {
      en: [
        'The columns of $Q$, $K$ and $V$ are cut into $h$ equal blocks, one per head, so each head has width $d_k = d_{model}/h$ and uses that $d_k$ in its scale. Each head runs the scores, scaling, softmax and weighted sum on its own block, with its own softmax.',
        'Only then are the heads\' outputs placed side by side, back to full width, and multiplied by $W_O$, which mixes what the different heads found. The order matters: softmax inside each head, concatenation of outputs, never of scores.',
      ],
      zh: [
        '把 $Q$、$K$、$V$ 的列平均切成 $h$ 块，每个头一块，所以每个头的宽度是 $d_k = d_{model}/h$，缩放时也用这个 $d_k$。每个头在自己的那一块上独立完成打分、缩放、softmax 和加权求和，softmax 也是各做各的。',
        '然后才把各头的输出并排拼回原来的宽度，再乘以 $W_O$，把不同头发现的信息混合起来。顺序很重要：softmax 在每个头内部做，拼接的是输出，绝不是分数。',
      ],
    },
    change: {
      en: 'The same steps have run in h narrower heads; their outputs are joined and mixed by W_O.',
      zh: '同样的步骤在 h 个更窄的头里各做了一遍；各头输出拼接后由 W_O 混合。',
    },
  },
  {
    id: 'mask',
    title: { en: 'The causal mask', zh: '因果掩码' },
    formula: 'S\'_{ij} = -\\infty \\quad \\text{for } j \\gt i',
    body: {
      en: [
        'When a model writes text left to right, a token must not peek at the tokens after it. So before the softmax, every score above the diagonal (key later than query) is replaced by $-\\infty$.',
        'Since $e^{-\\infty} = 0$, those weights come out exactly 0, and the remaining weights of each row still add up to 1. The first token can only attend to itself; token $i$ spreads its attention over tokens 1 to $i$.',
      ],
      zh: [
        '模型从左往右生成文字时，一个词不能偷看它后面的词。所以在 softmax 之前，把对角线以上（键在查询之后）的分数都换成 $-\\infty$。',
        '由于 $e^{-\\infty} = 0$，这些位置的权重恰好为 0，而每行剩下的权重之和仍为 1。第一个词只能关注它自己；第 $i$ 个词把注意力分配给第 1 到第 $i$ 个词。',
      ],
    },
    change: {
      en: 'Scores above the diagonal are hidden: each token sees only itself and earlier tokens.',
      zh: '对角线以上的分数被遮住：每个词只看得到自己和前面的词。',
    },
  },
];

export const whyScale = {
  title: { en: 'Why scale by $1/\\sqrt{d_k}$?', zh: '为什么要乘以 $1/\\sqrt{d_k}$？' },
  body: {
    en: [
      'Take a query and a key whose $d_k$ entries are independent random numbers with mean 0 and variance 1. Their dot product is a sum of $d_k$ such products, so it has mean 0 and variance $d_k$: typical scores grow like $\\sqrt{d_k}$. At $d_k = 64$ they are often around ±8.',
      'Softmax of numbers that far apart is nearly one-hot: the largest weight approaches 1 and the entropy of the row approaches 0. Training then barely moves the other weights. After dividing by $\\sqrt{d_k}$ the scores have variance 1 at every width, and the weights keep a similar spread.',
      'The chart draws random rows of scores for growing $d_k$ and shows the largest weight and the entropy of the softmax, with and without the scaling.',
    ],
    zh: [
      '设一个查询和一个键各有 $d_k$ 个独立的随机元素，均值为 0、方差为 1。它们的点积是 $d_k$ 个这样的乘积之和，所以均值为 0、方差为 $d_k$：分数的典型大小随 $\\sqrt{d_k}$ 增长。$d_k = 64$ 时，分数常在 ±8 左右。',
      '对相差这么大的数做 softmax，结果几乎是独热的：最大的权重接近 1，整行的熵接近 0。训练时其他位置的权重几乎得不到更新。除以 $\\sqrt{d_k}$ 之后，无论宽度多大，分数的方差都是 1，权重的分布也就保持相近的形状。',
      '图中对逐渐增大的 $d_k$ 随机生成一行分数，画出 softmax 后最大的权重和熵，分别对比缩放与不缩放的情况。',
    ],
  },
  axis: {
    x: { en: '$d_k$ (width of queries and keys)', zh: '$d_k$（查询与键的宽度）' },
    maxWeight: { en: 'largest weight in a row', zh: '一行中最大的权重' },
    entropy: { en: 'entropy of a row, as a share of its largest possible value', zh: '一行权重的熵（占其最大可能值的比例）' },
    scaled: { en: 'scaled by $1/\\sqrt{d_k}$', zh: '乘以 $1/\\sqrt{d_k}$' },
    unscaled: { en: 'not scaled', zh: '不缩放' },
  },
};
