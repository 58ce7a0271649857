// lessons.js — the text of each step of the walk-through, and of the "Why scale?" panel.
//
// Plain data. Text is plain text (inserted with textContent); $…$ marks inline TeX and
// `formula` is a KaTeX display formula. Every text field is { en, zh }; body fields are
// arrays of short paragraphs.

export const steps = [
  {
    id: 'input',
    title: { en: 'Input: one vector per token', zh: '输入：每个词一个向量' },
    formula: 'X:\\; n \\times d_{model}',
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
        'Three learned matrices give every token three new vectors. Its query describes what the token is looking for, its key what it can be matched on, and its value what it passes on. Nothing is chosen outright: every value will contribute to every output in proportion to its weight. Same $X$, three different representations of it.',
        'Queries and keys will be compared by dot products, so both have the same width $d_k$. Values may have another width $d_v$.',
        'When an example starts from given $Q$, $K$ and $V$, there is nothing to project: those matrices play the role of $XW_Q$, $XW_K$ and $XW_V$.',
        'All of this is self-attention: queries, keys and values come from the same sequence $X$. In cross-attention, as when a translation model\'s decoder reads the encoded source sentence, the queries come from one sequence of $n$ tokens and the keys and values from another of $m$ tokens: $Q = XW_Q$, $K = ZW_K$, $V = ZW_V$. The scores are then $n \\times m$; the cross-attention example has 2 queries over 4 keys.',
      ],
      zh: [
        '三个学出来的矩阵让每个词得到三个新向量：查询表示这个词想找什么，键表示别人可以凭什么找到它，值表示它要传递出去的内容。没有哪个值被单独“选中”：每个值都按自己的权重参与每一个输出。同一个 $X$，三种不同的表示。',
        '查询和键之后要做点积比较，所以二者宽度相同，都是 $d_k$；值的宽度 $d_v$ 可以不同。',
        '如果例子直接给出 $Q$、$K$、$V$，这一步就不用投影了：给定的矩阵就相当于 $XW_Q$、$XW_K$、$XW_V$。',
        '以上都是自注意力：查询、键和值来自同一个序列 $X$。在交叉注意力中（例如翻译模型的解码器读取编码后的原句），查询来自一个有 $n$ 个词的序列，键和值来自另一个有 $m$ 个词的序列：$Q = XW_Q$，$K = ZW_K$，$V = ZW_V$。分数因此是 $n \\times m$ 的矩阵；“交叉注意力”例子就是 2 个查询对 4 个键。',
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
        'Entry $(i, j)$ is the dot product of query $i$ with key $j$, which equals $\\lVert q_i \\rVert \\, \\lVert k_j \\rVert \\cos\\theta$: it grows with the lengths of both vectors and with how closely they point the same way. It is 0 when they are perpendicular, and negative whenever the angle $\\theta$ between them is over 90°.',
        '$Q$ is $n \\times d_k$ and $K^{\\top}$ is $d_k \\times m$, so the scores form an $n \\times m$ matrix: one row per query, one column per key. Transposing $K$ is what lines up the two inner sizes; $QK$ without the transpose pairs the wrong things, even when the shapes happen to allow it.',
      ],
      zh: [
        '第 $(i, j)$ 个元素是查询 $i$ 与键 $j$ 的点积，等于 $\\lVert q_i \\rVert \\, \\lVert k_j \\rVert \\cos\\theta$：两个向量越长、方向越接近，它就越大。二者垂直时为 0，夹角 $\\theta$ 大于 90° 时为负。',
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
        'Why: a score adds up $d_k$ products. If the entries of the query and the key are independent random numbers with mean 0 and variance 1, each product has variance 1 and the sum has variance $d_k$, so scores spread out more and more as the vectors get wider. Softmax then hands almost all the weight to the largest score, and its Jacobian $\\mathrm{diag}(p) - pp^{\\top}$ tends to 0: the gradients to all the scores vanish, the largest one included, and learning stalls. Dividing by $\\sqrt{d_k}$ brings the spread back to about 1, whatever the width.',
        'With the factor left out (scale = 1) the same computation is plain dot-product attention, also called multiplicative attention (the "dot" score of Luong et al., 2015). Vaswani et al. (2017) added $1/\\sqrt{d_k}$ and called the result scaled dot-product attention. Set the scale to 1 to see the unscaled variant.',
      ],
      zh: [
        '每个分数都乘以同一个数 $1/\\sqrt{d_k}$：$d_k = 2$ 时约为 0.707，$d_k = 64$ 时是 0.125。注意是平方根，不是 $1/d_k$，而且只乘一次。',
        '原因：一个分数是 $d_k$ 个乘积之和。如果查询和键的各元素是相互独立、均值为 0、方差为 1 的随机数，每个乘积的方差为 1，这个和的方差就是 $d_k$，向量越宽，分数越分散。softmax 于是把几乎全部权重交给最大的那个分数，它的雅可比矩阵 $\\mathrm{diag}(p) - pp^{\\top}$ 趋于 0：传给所有分数的梯度都会消失，连最大的那个也不例外，学习随之停滞。除以 $\\sqrt{d_k}$ 之后，无论宽度多大，分数的波动都回到 1 左右。',
        '去掉这个因子（缩放取 1），同样的计算就是普通的点积注意力，也叫乘性注意力（Luong 等人 2015 年的 “dot” 打分）。Vaswani 等人（2017）加上了 $1/\\sqrt{d_k}$，称之为缩放点积注意力。把缩放设为 1，就能看到不缩放的版本。',
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
        'Subtracting the maximum does not change the result, since the same factor appears above and below the fraction and cancels, but it keeps every exponential at most 1, so nothing overflows. The result is a row of non-negative weights that add up to exactly 1: how much this query attends to each key. A weight is exactly 0 where the score was masked to $-\\infty$, since $e^{-\\infty} = 0$ (the causal examples show such zeros at this very step), or where a score lies so far below its row\'s maximum (by more than about 104 in float32) that its exponential rounds to 0; every other weight is positive.',
      ],
      zh: [
        '每一行单独处理，分三步：减去该行最大的分数，对每个元素取指数，再除以该行的总和。',
        '减去最大值不会改变结果，因为分子分母多出的同一个因子会约掉，但它让每个指数都不超过 1，不会溢出。得到的是一行非负的权重，和恰好为 1：表示这个查询对每个键关注多少。被掩码成 $-\\infty$ 的位置权重恰好为 0，因为 $e^{-\\infty} = 0$（因果掩码的例子在这一步就能看到这些 0）；某个分数比该行最大值低得太多（在 float32 中低约 104 以上）时，它的指数也会舍入为 0；其余权重都是正数。',
      ],
    },
    change: {
      en: 'Scores have become weights: none negative (masked ones exactly 0), and each row adds up to 1.',
      zh: '分数变成了权重：没有负数（被掩码的位置恰好为 0），每行之和为 1。',
    },
  },
  {
    id: 'output',
    title: { en: 'Weighted sum of the values', zh: '对值加权求和' },
    formula: 'O = AV, \\qquad o_i = \\sum_{j} a_{ij}\\, v_j',
    body: {
      en: [
        'Output row $i$ mixes the value rows, each counted as much as row $i$ of the weights says: every value with a non-zero weight contributes, in proportion to that weight. The matrix product does the multiplying and the adding in one go; nothing needs to be summed afterwards.',
        'The weights are $n \\times m$ and $V$ is $m \\times d_v$, so the output is $n \\times d_v$: one new vector per token, as wide as the values.',
      ],
      zh: [
        '输出的第 $i$ 行是各个值向量的混合，每个值向量所占的分量由权重第 $i$ 行决定：凡是权重不为 0 的值都按其权重的比例参与。矩阵乘法一次就完成了相乘和相加，之后不需要再求和。',
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
        'The columns of $Q$, $K$ and $V$ are cut into $h$ equal blocks, one per head: a width of $d$ gives each head $d/h$ columns, and each head uses its own width as $d_k$ in its scale. (In a Transformer $d = d_{model}$, so $d_k = d_{model}/h$; here 004\'s 3×2 example with 2 heads gives heads one column wide, and 000\'s 3×5 example keeps one head of all 5 columns.) Cutting columns is the same as 004 §4.3\'s per-head matrices: the block of columns of $XW_Q$ that head $i$ takes equals $XW_i^Q$, where $W_i^Q$ is the same block of columns of $W_Q$; likewise $W_i^K$ and $W_i^V$. Each head then runs the scores, scaling, softmax and weighted sum on its own block.',
        'Only then are the heads\' outputs placed side by side, back to full width. Where the example has an output matrix $W_O$ (004 §5\'s and the two-head example), the concatenation is multiplied by it, which mixes what the heads found; the other examples (those given as $Q$, $K$, $V$, 000\'s and the causal one) have no $W_O$, and the concatenation is their result. The order matters: softmax inside each head, concatenation of outputs, never of scores.',
        'Why several heads: each head compares different features, so each can attend to different tokens. In the two-head example, open the token view: every head has its own colour, and the heads look at different tokens. Token 2 is the clearest case: head 1 gives its largest weights to tokens 2 and 3, head 2 to token 1.',
      ],
      zh: [
        '把 $Q$、$K$、$V$ 的列平均切成 $h$ 块，每个头一块：宽度为 $d$ 时每个头分到 $d/h$ 列，缩放时用自己的宽度作 $d_k$。（在 Transformer 中 $d = d_{model}$，所以 $d_k = d_{model}/h$；这里 004 的 3×2 例子分成 2 个头，每个头只有一列宽；000 的 3×5 例子只有一个头，包含全部 5 列。）按列切分与 004 §4.3 的各头矩阵是一回事：第 $i$ 个头取走的 $XW_Q$ 那几列，正等于 $XW_i^Q$，其中 $W_i^Q$ 就是 $W_Q$ 的同样几列；$W_i^K$、$W_i^V$ 同理。之后每个头在自己的那一块上独立完成打分、缩放、softmax 和加权求和。',
        '然后才把各头的输出并排拼回原来的宽度。例子里有输出矩阵 $W_O$ 时（004 §5 和两个头的例子），再乘以它，把各头发现的信息混合起来；其他例子（直接给出 $Q$、$K$、$V$ 的例子、000 的例子和因果掩码的例子）没有 $W_O$，拼接结果就是最终结果。顺序很重要：softmax 在每个头内部做，拼接的是输出，绝不是分数。',
        '为什么要多个头：每个头比较的是不同的特征，所以各自可以关注不同的词。在两个头的例子里打开词元视图：每个头有自己的颜色，两个头关注的词不同。第 2 个词最明显：头 1 把最大的权重给了第 2、3 个词，头 2 则给了第 1 个词。',
      ],
    },
    change: {
      en: 'The same steps have run in h narrower heads; their outputs are joined side by side, and mixed by W_O where the example has one.',
      zh: '同样的步骤在 h 个更窄的头里各做了一遍；各头输出并排拼接，例子里有 W_O 时再由它混合。',
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

// Issue 11: text of the panels rendered by web/js/walkthrough/demos.js. Plain text with $…$ TeX, as
// above; `link` is the visible text of a link whose address the panel sets.
export const extras = {
  cost: {
    title: { en: 'The cost grows as $n^2$', zh: '代价按 $n^2$ 增长' },
    body: {
      en: 'The score matrix has one entry per query–key pair: $n \\times n$ for $n$ tokens of self-attention, each a dot product of width $d_k$. So the scores, the softmax and the weighted sum take time proportional to $n^2 d$, and the trace shown here holds $n^2$ numbers per matrix: twice the tokens, four times the work. Attention does not make long sequences cheaper; it makes every pair of tokens one step apart, at a price that grows with the square of the length.',
      zh: '分数矩阵对每一对查询与键各有一个元素：自注意力中 $n$ 个词就是 $n \\times n$ 个，每个都是宽度为 $d_k$ 的点积。所以打分、softmax 和加权求和所需的时间与 $n^2 d$ 成正比，这里展示的每个矩阵也有 $n^2$ 个数：词数加倍，计算量变成四倍。注意力并没有让长序列更便宜；它让任意两个词之间只隔一步，代价是随长度的平方增长。',
    },
    link: { en: 'See the time against n measured on the Performance page.', zh: '在性能页查看实测的耗时随 n 的变化。' },
  },
  order: {
    title: { en: 'Order does not matter to attention, until positions are added', zh: '注意力不管词序，除非加上位置' },
    body: {
      en: [
        'Swap two tokens of the input and run the same layer again: the two output rows swap, and nothing else changes. Attention compares every query with every key whatever their places, so it sees the sentence as a set of tokens (it is permutation-equivariant). "dog bites man" and "man bites dog" would get the same outputs, just reordered.',
        'That is why Transformers add a positional encoding to $X$ before the first layer (001 §2.3, 002 §3). The sinusoidal one of Vaswani et al. (2017) gives position $p$ the row $PE_{p,2i} = \\sin(p / 10000^{2i/d})$, $PE_{p,2i+1} = \\cos(p / 10000^{2i/d})$, counting positions from 0. Once $X + PE$ goes in, the same swap no longer just swaps the outputs: each token now carries where it stands.',
      ],
      zh: [
        '把输入里的两个词对调，再用同一层算一遍：两行输出也随之对调，其他什么都不变。注意力把每个查询与每个键比较，不管它们在什么位置，所以它把句子看成一组词的集合（即置换等变）。“狗咬人”和“人咬狗”得到的输出相同，只是顺序换了。',
        '所以 Transformer 在第一层之前给 $X$ 加上位置编码（001 §2.3，002 §3）。Vaswani 等人（2017）的正弦位置编码给第 $p$ 个位置的一行是 $PE_{p,2i} = \\sin(p / 10000^{2i/d})$、$PE_{p,2i+1} = \\cos(p / 10000^{2i/d})$，位置从 0 数起。输入换成 $X + PE$ 之后，同样的对调就不再只是把输出对调：每个词都带上了自己所在的位置。',
      ],
    },
    example: {
      en: 'The two-head example\'s X (3 tokens of width 4) with its W_Q, W_K, W_V, one head; tokens 1 and 2 swapped. Every number below is computed by the core.',
      zh: '取两个头例子的 X（3 个词，宽 4）及其 W_Q、W_K、W_V，用一个头；对调第 1 和第 2 个词。下面每个数都由计算核心算出。',
    },
    labels: {
      x: { en: '$X$', zh: '$X$' },
      xSwapped: { en: '$X$, tokens 1 and 2 swapped', zh: '$X$，第 1、2 个词对调' },
      output: { en: 'output', zh: '输出' },
      outputSwapped: { en: 'output after the swap: rows 1 and 2 swapped, row 3 unchanged', zh: '对调后的输出：第 1、2 行对调，第 3 行不变' },
      encoding: { en: '$PE$ (positions 0, 1, 2)', zh: '$PE$（位置 0、1、2）' },
      withPositions: { en: 'output for $X + PE$', zh: '$X + PE$ 的输出' },
      withPositionsSwapped: { en: 'output for the swapped $X$ + $PE$: no longer a swap of the row above', zh: '对调后的 $X$ 加 $PE$ 的输出：不再是上一行结果的对调' },
    },
  },
};
