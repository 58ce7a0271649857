// presets.js — the worked examples the site walks through, one entry each, as plain data.
//
// Text is plain text (the page inserts it with textContent); $…$ marks inline TeX for KaTeX.
// Every text field is { en, zh }, except printed.text, which quotes the material as printed.
// Correct values are never written here: an erratum names a field of the core's trace
// (correct.field) and the page shows the value the core computes live from the preset's inputs.
// Each erratum also carries `section`: where in the article the printed figure appears.

import { openingExample } from './opening-example.js';

export const presets = [
  openingExample,   // the default (opening-example.js)
  {
    id: '004-3x2',
    source: { file: '004', section: '3.1–4.2' },
    title: {
      en: '004 §3–4: Q, K, V of 3×2',
      zh: '004 §3–4：3×2 的 Q、K、V',
    },
    summary: {
      en: 'Three queries and three keys of width 2, so $d_k = 2$. The article gets nearly every intermediate matrix wrong: it changes Q halfway, drops a column of the scores, halves instead of dividing by $\\sqrt{2}$, and its softmax rows do not add up to 1. Follow the correct numbers, and compare at each step.',
      zh: '三个查询、三个键，宽度都是 2，所以 $d_k = 2$。原文几乎每个中间矩阵都算错了：中途改了 Q，分数矩阵少了一列，把除以 $\\sqrt{2}$ 做成了除以 2，softmax 的每一行加起来也不等于 1。请跟着正确的数一步步走，并在每一步对照原文。',
    },
    standIn: null,
    form: 'qkv',
    tokens: null,
    q: [[1, 2], [3, 4], [5, 6]],
    k: [[1, 0], [0, 1], [1, 1]],
    v: [[2, 0], [0, 2], [2, 2]],
    heads: 2,
    mask: 'none',
    scale: null,
    errata: [
      {
        step: 'input',
        section: '3.1, 3.2, 4.1, 4.2',
        printed: { matrix: [[1, 2, 3], [3, 4, 5], [5, 6, 6]] },
        correct: {
          text: {
            en: 'Q stays the 3×2 matrix the example starts from; no third column exists.',
            zh: 'Q 仍是例子开头给出的 3×2 矩阵，根本没有第三列。',
          },
        },
        why: {
          en: 'When it multiplies, the article silently replaces the stated Q by a different 3×3 matrix.',
          zh: '到了做乘法时，原文悄悄把题设的 Q 换成了另一个 3×3 矩阵。',
        },
      },
      {
        step: 'scores',
        section: '3.1, 3.2, 4.1, 4.2',
        printed: {
          matrix: [[1, 2], [3, 6], [6, 9]],
          text: 'QKᵀ = [[1, 2, 3], [3, 4, 5], [5, 6, 6]] · [[1, 0], [0, 1], [1, 1]] = [[1, 2], [3, 6], [6, 9]]',
        },
        correct: { field: 'scores' },
        why: {
          en: 'Kᵀ is 2×3, so QKᵀ is 3×3: one score per query–key pair. The article multiplies by K instead of Kᵀ, and even its own product would be [[4, 5], [8, 9], [11, 12]], so its figure matches nothing.',
          zh: 'Kᵀ 是 2×3，所以 QKᵀ 是 3×3：每对查询与键各有一个分数。原文乘的是 K 而不是 Kᵀ，而且就算按它写的两个矩阵相乘也该得 [[4, 5], [8, 9], [11, 12]]，印出的结果与任何算法都对不上。',
        },
      },
      {
        step: 'scores',
        section: { en: '4.1.1, 4.1.2 (first version)', zh: '4.1.1、4.1.2（第一版）' },
        printed: { text: 'softmax([q_1k_1 + q_2k_2 + ... + q_nk_n] / √d_k) V' },
        correct: { field: 'scores' },
        why: {
          en: 'QKᵀ is not one sum: it is an n×m matrix whose entry (i, j) is the dot product of query i with key j, a sum over the d_k features of those two vectors. The printed sum pairs query i only with key i and adds the products of different tokens into a single number, so no query is ever compared with any other key.',
          zh: 'QKᵀ 不是一个和，而是一个 n×m 矩阵：第 (i, j) 个元素是查询 i 与键 j 的点积，也就是对这两个向量的 d_k 个特征求和。原文的和式只把查询 i 与键 i 配对，又把不同词的乘积加成一个数，于是任何查询都没有与其他键比较过。',
        },
      },
      {
        step: 'scale',
        section: '3.1, 4.1',
        printed: { matrix: [[0.5, 1], [1.5, 3], [3, 4.5]], text: 'QKᵀ/√2 = [[0.5, 1], [1.5, 3], [3, 4.5]]' },
        correct: { field: 'scaledScores' },
        why: {
          en: 'Every printed entry is half of its score: the article divided by 2, not by √2 ≈ 1.414 (and started from the wrong scores).',
          zh: '印出的每个数都正好是分数的一半：原文除的是 2，而不是 √2 ≈ 1.414（何况它的分数本来就错了）。',
        },
      },
      {
        step: 'scale',
        section: '3.2, 4.2',
        printed: {
          matrix: [[0.35, 0.7], [1.05, 2.1], [2.1, 3.15]],
          text: 'αQKᵀ = √2/2 · [[0.5, 1], [1.5, 3], [3, 4.5]] = [[0.35, 0.7], [1.05, 2.1], [2.1, 3.15]]',
        },
        correct: { field: 'scaledScores' },
        why: {
          en: 'α = √2/2 is exactly 1/√2, the right factor, but it is applied to a matrix that was already scaled, so the scores shrink twice. Nor are the printed products α times the matrix: each is 0.7 times it (4.5 × 0.7 = 3.15, while 4.5 × √2/2 ≈ 4.5 × 0.7071 ≈ 3.18), so α was also rounded to 0.7. The article then prints the same softmax as in §3.1, which cannot be: a different scale gives different weights.',
          zh: 'α = √2/2 恰好就是 1/√2，因子本身没错，可它乘在一个已经缩放过的矩阵上，分数被缩小了两次。而且印出的乘积也不是 α 乘以该矩阵，而是 0.7 乘以它（4.5 × 0.7 = 3.15，而 4.5 × √2/2 ≈ 4.5 × 0.7071 ≈ 3.18），可见 α 还被四舍五入成了 0.7。随后原文印出的 softmax 与 §3.1 完全相同，这不可能：缩放不同，权重就不同。',
        },
      },
      {
        step: 'scale',
        section: { en: '3.2 (first version, step 2)', zh: '3.2（第一版，第 2 步）' },
        printed: { text: '对点积分数乘以一个缩放因子 √d_k', textEn: 'multiply the dot-product scores by a scaling factor √d_k' },
        correct: {
          text: {
            en: 'The scores are multiplied by 1/√d_k, that is, divided by √d_k.',
            zh: '分数要乘以 1/√d_k，也就是除以 √d_k。',
          },
        },
        why: {
          en: 'Multiplying by √d_k would make the scores larger, the opposite of what scaling is for.',
          zh: '乘以 √d_k 会让分数变得更大，恰好与缩放的目的相反。',
        },
      },
      {
        step: 'scale',
        section: { en: '3.2 (first version)', zh: '3.2（第一版）' },
        printed: {
          text: '其主要目的是解决点积分数过小导致梯度消失的问题',
          textEn: 'its main purpose is to solve the problem of dot-product scores that are too small, which makes the gradients vanish',
        },
        correct: {
          text: {
            en: 'Scaling solves the opposite problem: scores that are too large. Dividing by √d_k shrinks them.',
            zh: '缩放解决的是相反的问题：分数过大。除以 √d_k 是把分数缩小。',
          },
        },
        why: {
          en: 'A score adds up d_k products, so its spread grows like √d_k. Large scores push softmax towards one weight of 1 and the rest 0, where its gradients vanish. Dividing by √d_k ≥ 1 can only make scores smaller; it could never cure scores that are too small.',
          zh: '一个分数是 d_k 个乘积之和，其波动幅度随 √d_k 增长。分数过大会把 softmax 推向“一个权重为 1、其余为 0”，此时梯度消失。除以 √d_k（≥ 1）只会让分数变小，不可能治疗分数过小。',
        },
      },
      {
        step: 'scale',
        section: { en: '3.1 step 3 (Chinese and English); 4.1 (Chinese and English)', zh: '3.1 第 3 步（中文与英文）；4.1（中文与英文）' },
        printed: {
          text: '缩放：为了防止数值溢出，通常将点积结果除以 √d\nScaling: To prevent numerical overflow, the dot product result is scaled by √d',
          textEn: 'Scaling: to prevent numerical overflow, the dot-product result is usually divided by √d\nScaling: To prevent numerical overflow, the dot product result is scaled by √d',
        },
        correct: {
          text: {
            en: 'The scale keeps the scores\u2019 spread near 1 so that softmax does not saturate and its gradients do not vanish. Overflow is prevented in the softmax step, by subtracting each row\u2019s maximum.',
            zh: '缩放是为了让分数的波动幅度保持在 1 左右，免得 softmax 饱和、梯度消失。防止溢出靠的是 softmax 这一步里减去每行的最大值。',
          },
        },
        why: {
          en: 'Dividing by √d_k does not stop overflow: a score of 2000 divided by √64 = 8 is still 250, and e^250 is beyond float32. Subtracting the row maximum does stop it, for any scores. The reason for √d_k is the spread of the scores and the gradients of softmax, as the panel above explains.',
          zh: '除以 √d_k 防不住溢出：分数 2000 除以 √64 = 8 仍是 250，e^250 超出了 float32 的范围。减去每行最大值才能防止溢出，对任何分数都有效。√d_k 的真正原因是分数的波动幅度和 softmax 的梯度，见上面的说明。',
        },
      },
      {
        step: 'scale',
        section: { en: '3.1 and 4.1.1 (first version); 3.1 and 4.1', zh: '3.1 与 4.1.1（第一版）；3.1 与 4.1' },
        printed: { text: '点积注意力（Dot-Product Attention）: Attention(Q, K, V) = softmax(QKᵀ/√d_k)V', textEn: 'Dot-product attention: Attention(Q, K, V) = softmax(QKᵀ/√d_k)V' },
        correct: {
          text: {
            en: 'softmax(QKᵀ/√d_k)V is scaled dot-product attention. Dot-product attention (the "dot" score of Luong et al., 2015; also called multiplicative attention) is softmax(QKᵀ)V, with scale 1.',
            zh: 'softmax(QKᵀ/√d_k)V 是缩放点积注意力。点积注意力（Luong 等人 2015 年的 “dot” 打分，也叫乘性注意力）是 softmax(QKᵀ)V，缩放因子为 1。',
          },
        },
        why: {
          en: 'The article gives the two names to one formula, so its §3.2 "improvement" changes nothing. The difference between them is exactly the factor 1/√d_k; set the scale to 1 on this page to see the unscaled variant.',
          zh: '原文给同一个公式起了两个名字，于是它 §3.2 所谓的“改进”什么也没改。两者的区别恰恰就是因子 1/√d_k；在本页把缩放设为 1，就能看到不缩放的版本。',
        },
      },
      {
        step: 'softmax',
        section: '3.1, 3.2, 4.1, 4.2',
        printed: { matrix: [[0.2, 0.6], [0.3, 0.5], [0.5, 0.3]] },
        correct: { field: 'weights' },
        why: {
          en: 'Softmax rows always add up to 1; these add up to 0.8. They are not even the softmax of the article\u2019s own row [0.5, 1], which is about [0.38, 0.62]. And with three keys each row needs three weights.',
          zh: 'softmax 的每一行之和必为 1，这里每行只有 0.8。它们甚至不是原文自己那一行 [0.5, 1] 的 softmax（约为 [0.38, 0.62]）。再说有三个键，每行就该有三个权重。',
        },
      },
      {
        step: 'output',
        section: '3.1, 3.2, 4.1, 4.2',
        printed: {
          matrix: [[0.4, 1.2], [0.6, 1], [1, 0.6]],
          text: '[[0.2, 0.6], [0.3, 0.5], [0.5, 0.3]] · [[2, 0], [0, 2], [2, 2]] = [[0.4, 1.2], [0.6, 1], [1, 0.6]]',
        },
        correct: { field: 'output' },
        why: {
          en: 'A 3×2 matrix cannot multiply a 3×2 matrix (2 columns against 3 rows). The printed numbers are simply the printed weights doubled.',
          zh: '3×2 矩阵无法与 3×2 矩阵相乘（左边 2 列，右边 3 行）。印出的数其实只是把印出的权重乘以 2。',
        },
      },
      {
        step: 'multihead',
        section: { en: '3.3 (first version, steps 3–4); 4.1.3 (first version, steps 3–4); 5.3 item 5 (both versions)', zh: '3.3（第一版，第 3–4 步）；4.1.3（第一版，第 3–4 步）；5.3 第 5 项（两个版本）' },
        printed: {
          text: '将多个注意力分数进行拼接，得到总的注意力分数。对总的注意力分数进行softmax操作，生成注意力权重。',
          textEn: 'Concatenate the several attention scores to get the total attention score. Apply softmax to the total attention score to produce the attention weights.',
        },
        correct: {
          text: {
            en: 'Each head applies softmax to its own scores and computes its own output; only the outputs are concatenated, then multiplied by W_O.',
            zh: '每个头各自对自己的分数做 softmax、各自算出输出；拼接的只是各头的输出，然后再乘以 W_O。',
          },
        },
        why: {
          en: 'One softmax over all heads\u2019 scores together would make the heads compete for a single set of weights, so they could no longer attend independently. §5.3 item 5 says the same ("concatenate the attention scores and compute the total attention weights"); §4.1.3 also concatenates "attention scores" (its steps 3–4) before W_O, where the heads\u2019 outputs are meant. The later §3.3 and §4.3 describe the order correctly.',
          zh: '若把所有头的分数拼在一起做一次 softmax，各头就要争同一组权重，不再能各自独立地关注。§5.3 第 5 项也是这么说的（“将多个注意力分数进行拼接并计算总的注意力权重”）；§4.1.3 第 3–4 步同样拼接的是“注意力分数”，再乘 W_O，而该拼接的其实是各头的输出。原文后面重写的 §3.3 和 §4.3 顺序是对的。',
        },
      },
      {
        step: 'multihead',
        section: { en: '3.3 step 1 and 4.1.3 (first version); 5.3 item 5; 9.3', zh: '3.3 第 1 步与 4.1.3（第一版）；5.3 第 5 项；9.3' },
        printed: { text: '我们将其分解为 h 个子序列，每个子序列表示为一个矩阵。', textEn: 'We split it into h sub-sequences, each written as a matrix.' },
        correct: {
          text: {
            en: 'Every head sees the whole sequence, all n tokens. What is split is the feature columns: after the projections, head i takes its own block of d_k columns of Q, K and V (here, with 2 heads on width 2, one column each).',
            zh: '每个头都看到整个序列，全部 n 个词。拆分的是特征列：投影之后，第 i 个头取 Q、K、V 中属于自己的那 d_k 列（本例宽度为 2、两个头，每个头各一列）。',
          },
        },
        why: {
          en: 'If a head only had a sub-sequence, a token in one part could never attend to a token in another, and attention would lose the very thing it is for. Splitting the columns keeps every query–key pair in every head; the heads differ in which features they compare.',
          zh: '如果一个头只拿到一段子序列，这一段里的词就永远无法关注另一段里的词，注意力就失去了它本来的作用。按列拆分则让每个头都保留所有的查询–键配对；各头的区别在于比较的是哪些特征。',
        },
      },
    ],
    shapes: null,
  },

  {
    id: '003-2x2',
    source: { file: '003', section: '4' },
    title: {
      en: '003 §4: NumPy, Q, K, V of 2×2',
      zh: '003 §4：NumPy 实现，2×2 的 Q、K、V',
    },
    summary: {
      en: 'A tiny NumPy example with two tokens and $d_k = 2$. Its numbers are fine; its code is not: it multiplies Q by K instead of by Kᵀ, which NumPy happily accepts because both are 2×2. The article prints no results, so the comparison is with what its code computes: the core runs the same steps with K replaced by Kᵀ, since np.dot(Q, K) = Q·(Kᵀ)ᵀ.',
      zh: '一个很小的 NumPy 例子：两个词，$d_k = 2$。数据没有问题，代码有问题：它用 Q 乘 K 而不是乘 Kᵀ，因为两者都是 2×2，NumPy 照样算、不报错。原文没有印出结果，所以这里对照的是它的代码会算出什么：计算核心把 K 换成 Kᵀ 再走一遍同样的步骤，因为 np.dot(Q, K) = Q·(Kᵀ)ᵀ。',
    },
    standIn: null,
    form: 'qkv',
    tokens: null,
    q: [[0.1, 0.2], [0.3, 0.4]],
    k: [[0.5, 0.6], [0.7, 0.8]],
    v: [[0.9, 1.0], [1.1, 1.2]],
    heads: 1,
    mask: 'none',
    scale: null,
    errata: [
      {
        step: 'scores',
        section: '4',
        printed: { text: 'scores = np.dot(Q, K) / np.sqrt(d_k)', run: { k: [[0.5, 0.7], [0.6, 0.8]], field: 'scaledScores' } },
        correct: { field: 'scaledScores' },
        why: {
          en: 'np.dot(Q, K) pairs each row of Q with a column of K; attention pairs rows with rows, i.e. np.dot(Q, K.T). The line divides by √d_k, so both sides show scaled scores: what the code computes (the core, with K replaced by Kᵀ) against the true QKᵀ/√2. Every later number inherits the slip.',
          zh: 'np.dot(Q, K) 把 Q 的行与 K 的列配对；注意力需要的是行与行配对，即 np.dot(Q, K.T)。这一行已经除以 √d_k，所以两边都是缩放后的分数：左边是代码算出的（计算核心把 K 换成 Kᵀ），右边是正确的 QKᵀ/√2。之后的每个数都跟着错。',
        },
      },
      {
        step: 'softmax',
        section: '4',
        printed: { text: 'weights = np.exp(scores) / np.sum(np.exp(scores), axis=1, keepdims=True)' },
        correct: {
          text: {
            en: 'Subtract each row\u2019s maximum first: e = np.exp(scores - scores.max(axis=1, keepdims=True)), then weights = e / e.sum(axis=1, keepdims=True).',
            zh: '先减去每行的最大值：e = np.exp(scores - scores.max(axis=1, keepdims=True))，再 weights = e / e.sum(axis=1, keepdims=True)。',
          },
        },
        why: {
          en: 'In exact arithmetic both forms give the same weights. In float64, np.exp(s) overflows to inf for s above about 709.78. In a row with such a score the sum is inf, so each overflowing entry becomes inf/inf = nan and every other entry finite/inf = 0: not the whole row is nan. If no single exponential overflows but their sum does (e.g. three scores of 709), every entry becomes 0. If every score of a row is below about −745.13, every exponential is 0 and the row is 0/0 = nan. With the max subtracted, the largest exponential is 1 and none of this can happen. With these small scores both forms agree.',
          zh: '在精确计算下两种写法的权重相同。在 float64 中，分数超过约 709.78 时 np.exp 会溢出成 inf。一行里只要有这样的分数，总和就是 inf，于是溢出的那些元素变成 inf/inf = nan，其余元素变成 有限数/inf = 0：并不是整行都变成 nan。如果没有单个指数溢出、但它们的和溢出了（例如三个分数都是 709），整行都变成 0。如果一行的分数全都低于约 −745.13，每个指数都是 0，整行就是 0/0 = nan。减去最大值后，最大的指数等于 1，这些情况都不会发生。本例分数很小，两种写法结果一致。',
        },
      },
      {
        step: 'output',
        section: '4',
        printed: { text: 'output = np.dot(weights, V)\nprint(output)', run: { k: [[0.5, 0.7], [0.6, 0.8]], field: 'output' } },
        correct: { field: 'output' },
        why: {
          en: 'The article promises the output but never prints it. Its code would print the matrix on the left (the core, with K replaced by Kᵀ as np.dot(Q, K) implies); the true attention output is on the right. They differ from the third decimal on, so a reader checking the printout would not notice.',
          zh: '原文说要输出结果，却从未印出。它的代码会打印左边的矩阵（计算核心按 np.dot(Q, K) 的意思把 K 换成 Kᵀ 算出）；右边是真正的注意力输出。二者从小数点后第三位起才不同，读者对照打印结果也很难发现。',
        },
      },
      {
        step: 'projection',
        section: '2, 3, 4',
        printed: { text: '密钥（Key）：用于表示序列中元素之间的关联关系。', textEn: '"Secret key" (Key): represents the relations between the elements of the sequence.' },
        correct: {
          text: {
            en: 'The Chinese term for Key is 键, as in a key–value pair (键值对).',
            zh: 'Key 的中文术语是“键”，取自“键值对”。',
          },
        },
        why: {
          en: '密钥 is a cryptographic key, a secret used to encrypt. An attention key is what a query is matched against to decide how much of the paired value to take, like the key of a dictionary entry.',
          zh: '“密钥”是密码学里用来加密的秘密。注意力里的键是查询用来比对的对象，比对结果决定取多少与它配对的值，就像字典条目的键。',
        },
      },
    ],
    shapes: null,
  },

  {
    id: '001-dog-cat-bird',
    source: { file: '001', section: '4.2' },
    title: {
      en: '001 §4.2: dog, cat, bird',
      zh: '001 §4.2：狗、猫、鸟',
    },
    summary: {
      en: 'Three tokens that all share query [1, 0, 0], key [0, 1, 0] and value [0, 0, 1]. Every score is 0, every weight is 1/3, and every output row is [0, 0, 1]. The article reaches [0, 0, 1] too, but its description and code add a second summation that does not belong.',
      zh: '三个词共用同一个查询 [1, 0, 0]、键 [0, 1, 0] 和值 [0, 0, 1]。所有分数都是 0，所有权重都是 1/3，每一行输出都是 [0, 0, 1]。原文最后也得到 [0, 0, 1]，但它的描述和代码里多了一次本不该有的求和。',
    },
    standIn: {
      en: 'The article lists one query, one key and one value, yet takes a softmax over three equal scores and adds three equal weighted values. That only works if all three tokens have those same three vectors, so each row of our Q, K and V repeats them.',
      zh: '原文只列出一个查询、一个键和一个值，却对三个相等的分数做 softmax，又把三个相同的加权值相加。只有三个词都拥有这同一组向量时才说得通，所以我们的 Q、K、V 每一行都重复这组向量。',
    },
    form: 'qkv',
    tokens: ['狗', '猫', '鸟'],
    q: [[1, 0, 0], [1, 0, 0], [1, 0, 0]],
    k: [[0, 1, 0], [0, 1, 0], [0, 1, 0]],
    v: [[0, 0, 1], [0, 0, 1], [0, 0, 1]],
    heads: 1,
    mask: 'none',
    scale: null,
    errata: [
      {
        step: 'projection',
        section: '3.4',
        printed: { text: 'Q = inputs\nK = inputs\nV = inputs' },
        correct: {
          text: {
            en: 'Q = X·W_Q, K = X·W_K, V = X·W_V, with three different learned matrices.',
            zh: 'Q = X·W_Q，K = X·W_K，V = X·W_V，三个矩阵各不相同，都是学出来的。',
          },
        },
        why: {
          en: 'Without projections a token\u2019s query is its own key, so it tends to match itself best, and the layer has no weights to learn.',
          zh: '没有投影时，每个词的查询就是它自己的键，往往与自己最相似，而且这一层也没有任何参数可学。',
        },
      },
      {
        step: 'projection',
        section: '5.2',
        printed: {
          text: 'self.W = self.add_weight(shape=(units, units), ...)\nQ = tf.matmul(x, self.W) + self.b\nK = Q\nV = tf.matmul(x, self.W) + self.b\nattention = SelfAttentionLayer(units)(bi_lstm)',
        },
        correct: {
          text: {
            en: 'Three weight matrices W_Q, W_K, W_V (and biases), each with 2·units rows, because the bidirectional LSTM outputs 2·units features per token.',
            zh: '三个权重矩阵 W_Q、W_K、W_V（以及各自的偏置），每个都有 2·units 行，因为双向 LSTM 每个词输出 2·units 个特征。',
          },
        },
        why: {
          en: 'K = Q, and V uses the same W and b as Q, so Q = K = V: one projection, not three. And Bidirectional(LSTM(units)) concatenates the two directions into 2·units features, so x·W with a (units, units) W fails: 2·units columns against units rows.',
          zh: 'K = Q，而 V 又用了与 Q 相同的 W 和 b，所以 Q = K = V：只有一个投影而不是三个。而且 Bidirectional(LSTM(units)) 把两个方向拼接成 2·units 个特征，x·W 遇上 (units, units) 的 W 会出错：左边 2·units 列，右边只有 units 行。',
        },
      },
      {
        step: 'scores',
        section: '3.4',
        printed: { text: 'similarity = Q * K.T' },
        correct: {
          text: {
            en: 'similarity = Q @ K.T (a matrix product).',
            zh: 'similarity = Q @ K.T（矩阵乘法）。',
          },
        },
        why: {
          en: 'In NumPy * multiplies entry by entry and forms no dot products; Q is n×d and K.T is d×n, so unless the shapes happen to match it does not even run.',
          zh: '在 NumPy 里 * 是逐元素相乘，根本不算点积；Q 是 n×d，K.T 是 d×n，除非形状碰巧对上，否则连运行都会报错。',
        },
      },
      {
        step: 'scores',
        section: { en: 'abstract; 9.2', zh: '摘要；9.2' },
        printed: { text: '降低了计算复杂度，特别是在处理长序列时。', textEn: 'It lowers the computational complexity, especially when processing long sequences.' },
        correct: {
          text: {
            en: 'Self-attention computes one score per query–key pair: an n×n matrix for n tokens. Its time grows as n²·d and its memory as n², so long sequences are exactly where it is expensive.',
            zh: '自注意力为每一对查询与键算一个分数：n 个词就是 n×n 的矩阵。计算时间按 n²·d 增长，内存按 n² 增长，所以长序列恰恰是它代价最高的地方。',
          },
        },
        why: {
          en: 'Doubling the sentence quadruples the score matrix. What self-attention gains over a recurrent network is that all positions are computed at once and any two tokens are one step apart, not a lower cost. The Performance page measures the n² growth.',
          zh: '句子长度加倍，分数矩阵就变成四倍。自注意力相对循环网络的优势是所有位置可以同时计算、任意两个词之间只隔一步，而不是代价更低。性能页实测了这种 n² 增长。',
        },
      },
      {
        step: 'scale',
        section: '4.1.2, 4.1.3, 4.2.2',
        printed: { text: '权重 = softmax(相似性), 相似性 = Q · Kᵀ', textEn: 'weights = softmax(similarity), similarity = Q · Kᵀ' },
        correct: { field: 'scaledScores' },
        why: {
          en: 'Section 4 drops the 1/√d_k that §3.3 applied. In this example it makes no difference only because every score is 0.',
          zh: '第 4 节丢掉了 §3.3 里用过的 1/√d_k。本例之所以不受影响，只是因为所有分数都是 0。',
        },
      },
      {
        step: 'scale',
        section: '5.2',
        printed: { text: 'similarity = Q * K.T\nsimilarity = tf.nn.softmax(similarity)\noutput = similarity * V\nreturn tf.reduce_sum(output, axis=1)' },
        correct: {
          text: {
            en: 'similarity = tf.matmul(Q, K, transpose_b=True) / tf.sqrt(float(d_k)); weights = tf.nn.softmax(similarity, axis=-1); output = tf.matmul(weights, V), one vector per token.',
            zh: 'similarity = tf.matmul(Q, K, transpose_b=True) / tf.sqrt(float(d_k))；weights = tf.nn.softmax(similarity, axis=-1)；output = tf.matmul(weights, V)，每个词一个向量。',
          },
        },
        why: {
          en: 'The Keras layer repeats the pseudo-code\u2019s mistakes: * multiplies element by element instead of forming dot products (twice), the scores are never divided by √d_k, and reduce_sum over axis 1 then adds up the tokens.',
          zh: '这个 Keras 层重复了伪代码的错误：两处 * 都是逐元素相乘而不是点积，分数从未除以 √d_k，最后 reduce_sum 沿第 1 维又把各个词加在了一起。',
        },
      },
      {
        step: 'output',
        section: '4.2.3, 4.2.4',
        printed: {
          text: '加权表示 = 权重 · V = 1/3 · [0, 0, 1] = [0, 0, 1/3]; 输出 = Σ_{i=1}^{n} (权重 · V_i) = [0, 0, 1/3] + [0, 0, 1/3] + [0, 0, 1/3] = [0, 0, 1]',
          textEn: 'weighted representation = weights · V = 1/3 · [0, 0, 1] = [0, 0, 1/3]; output = Σ_{i=1}^{n} (weights · V_i) = [0, 0, 1/3] + [0, 0, 1/3] + [0, 0, 1/3] = [0, 0, 1]',
        },
        correct: { field: 'output' },
        why: {
          en: 'What it calls weights·V is a single term, one weight times one value. The product weights·V already adds the three terms, giving [0, 0, 1] per row; the extra summing step of §3.3 and §4.1.5 is that same addition, not a second one.',
          zh: '它称作“权重·V”的其实只是一项：一个权重乘一个值向量。矩阵乘积 权重·V 本身就已经把三项加起来了，每行得 [0, 0, 1]；§3.3 和 §4.1.5 里额外的“求和”就是这次相加，而不是再加一次。',
        },
      },
      {
        step: 'output',
        section: '3.4',
        printed: { text: 'weighted_values = weights * V\noutput = np.sum(weighted_values, axis=1)' },
        correct: {
          text: {
            en: 'output = weights @ V, with no sum afterwards.',
            zh: 'output = weights @ V，之后不再求和。',
          },
        },
        why: {
          en: 'Entry-by-entry * multiplies each weight with one number of a value row, not with the whole row; the sum along axis 1 then adds up the features of each token, leaving one number per token instead of an output vector per token.',
          zh: '逐元素 * 只是让每个权重乘上值向量里的某一个数，而不是整个值向量；随后沿 axis=1 求和，加的是每个词自己的各个特征，结果每个词只剩一个数，而不是一个输出向量。',
        },
      },
    ],
    shapes: null,
  },

  {
    id: '000-3x5',
    source: { file: '000', section: '4' },
    title: {
      en: '000 §4: X of 3×5, projected',
      zh: '000 §4：3×5 的 X 与投影',
    },
    summary: {
      en: 'Three tokens of width 5 are projected by $W_Q$, $W_K$, $W_V$ (5×5) into Q, K, V of 3×5, and the scores are scaled by $1/\\sqrt{5}$. Watch the scale step: the article explains it wrongly, and its code splits heads the wrong way.',
      zh: '三个宽度为 5 的词经 $W_Q$、$W_K$、$W_V$（5×5）投影成 3×5 的 Q、K、V，分数乘以 $1/\\sqrt{5}$。留意缩放这一步：原文对它的解释不对，它的代码拆分多头的方式也不对。',
    },
    standIn: {
      en: 'The article gives only the shapes, no numbers. The small integers here are ours, chosen so every product can be checked by hand.',
      zh: '原文只给了形状，没有给数。这里的小整数是我们自己选的，方便手算核对每一次乘法。',
    },
    form: 'x',
    tokens: null,
    x: [[1, 0, 1, 0, 2], [0, 2, 0, 1, 0], [1, 1, 0, 1, 0]],
    wq: [[1, 0, 0, 1, 0], [0, 1, 0, 0, 1], [1, 0, 1, 0, 0], [0, 0, 1, 1, 0], [0, 1, 0, 0, 1]],
    wk: [[0, 1, 0, 0, 1], [1, 0, 0, 1, 0], [0, 0, 1, 0, 0], [1, 0, 0, 0, 1], [0, 0, 1, 1, 0]],
    wv: [[1, 0, 0, 0, 0], [0, 1, 0, 0, 0], [0, 0, 1, 0, 0], [0, 0, 0, 1, 0], [0, 0, 0, 0, 1]],
    wo: null,
    heads: 1,
    mask: 'none',
    scale: null,
    errata: [
      {
        step: 'scale',
        section: '3',
        printed: { text: '分母中的√d_k是为了避免点积除以0的情况', textEn: 'the √d_k in the denominator is there to avoid the dot product being divided by 0' },
        correct: {
          text: {
            en: '√d_k is there to keep the scores\u2019 spread near 1, so softmax does not saturate.',
            zh: '√d_k 是为了让分数的波动幅度保持在 1 左右，免得 softmax 饱和。',
          },
        },
        why: {
          en: 'Nothing is ever divided by a dot product, and √d_k is at least 1. The real reason: a sum of d_k products grows like √d_k, which would push softmax towards one-hot weights.',
          zh: '整个计算里从没有拿点积去做除数，而 √d_k 至少是 1。真正的原因是：d_k 个乘积之和的大小随 √d_k 增长，会把 softmax 推向“只有一个权重是 1”的极端。',
        },
      },
      {
        step: 'scale',
        section: '3',
        printed: { text: 'Attention(Q, K, V) = softmax(QKᵀ)V = softmax(1/√d_k · QKᵀ)V' },
        correct: {
          text: {
            en: 'Attention(Q, K, V) = softmax(QKᵀ/√d_k)V; without the factor it is a different function.',
            zh: 'Attention(Q, K, V) = softmax(QKᵀ/√d_k)V；去掉这个因子就是另一个函数了。',
          },
        },
        why: {
          en: 'The two sides are equal only when d_k = 1. Here d_k = 5, and dropping the factor makes every row of weights more peaked.',
          zh: '两边只有在 d_k = 1 时才相等。本例 d_k = 5，去掉这个因子后每行权重都会更集中。',
        },
      },
      {
        step: 'multihead',
        section: '5',
        printed: { text: 'assert (embed_size - 1) % (2 * num_heads) == 0' },
        correct: { text: { en: 'assert embed_size % num_heads == 0', zh: 'assert embed_size % num_heads == 0' } },
        why: {
          en: 'The heads share the embedding columns equally, so embed_size must be a multiple of num_heads. The printed test rejects the usual 512 with 8 heads (511 % 16 = 15) and accepts 17 with 8 heads, which cannot be split.',
          zh: '各头平分嵌入的列，所以 embed_size 必须是 num_heads 的整数倍。原文的判断会拒绝常见的 512 维、8 个头（511 % 16 = 15），却接受无法均分的 17 维、8 个头。',
        },
      },
      {
        step: 'multihead',
        section: '5',
        printed: { text: 'qkv = self.qkv(x).view(B, T, 3, self.num_heads, C // self.num_heads)\nattn_weights = F.softmax(torch.matmul(q, k.transpose(-1, -2)), dim=-1)' },
        correct: {
          text: {
            en: 'Move the head axis before the token axis first, q = q.transpose(1, 2) giving (B, heads, T, head_dim), and the same for k and v; then the weights are (B, heads, T, T).',
            zh: '先把“头”这一维移到“词”这一维前面：q = q.transpose(1, 2)，得到 (B, heads, T, head_dim)，k、v 同理；这样权重才是 (B, heads, T, T)。',
          },
        },
        why: {
          en: 'Here q is (B, T, heads, head_dim), so the product compares the heads of one token with each other: the weights come out (B, T, heads, heads), and no token ever looks at another token.',
          zh: '这里 q 的形状是 (B, T, heads, head_dim)，矩阵乘法比较的是同一个词内部的各个头，权重成了 (B, T, heads, heads)，没有任何一个词看到别的词。',
        },
      },
      {
        step: 'scale',
        section: '5',
        printed: { text: 'q, k, v = torch.unbind(qkv, dim=2)\nq *= (self.head_dim ** -0.5)' },
        correct: {
          text: {
            en: 'q = q * self.head_dim ** -0.5 (a new tensor, not an in-place change).',
            zh: 'q = q * self.head_dim ** -0.5（生成新张量，而不是原地修改）。',
          },
        },
        why: {
          en: 'torch.unbind returns views into qkv, and autograd forbids changing in place a view that is one of several returned by the same function. Since qkv comes from nn.Linear, whose weight requires gradients, the forward pass stops with RuntimeError: "Output 0 of UnbindBackward0 is a view and is being modified inplace. This view is the output of a function that returns multiple views. Such functions do not allow the output views to be modified inplace." Only under torch.no_grad() would the line run.',
          zh: 'torch.unbind 返回的是 qkv 的视图；同一个函数返回多个视图时，autograd 不允许原地修改其中任何一个。qkv 来自 nn.Linear，其权重需要梯度，所以前向计算会抛出 RuntimeError：“Output 0 of UnbindBackward0 is a view and is being modified inplace. This view is the output of a function that returns multiple views. Such functions do not allow the output views to be modified inplace.”（输出 0 是视图且正被原地修改；返回多个视图的函数不允许原地修改这些视图。）只有在 torch.no_grad() 下这一行才能运行。',
        },
      },
      {
        step: 'multihead',
        section: '5',
        printed: { text: 'self.out = nn.Sequential(nn.Linear(embed_size, embed_size), nn.BatchNorm1d(embed_size))\nout = self.out(out.view(B, T, C))' },
        correct: {
          text: {
            en: 'nn.LayerNorm(embed_size), which normalises each token over its C features; or, if batch normalisation per feature is really meant, apply nn.BatchNorm1d(embed_size) to out.transpose(1, 2), of shape (B, C, T).',
            zh: 'nn.LayerNorm(embed_size)：对每个词在它的 C 个特征上归一化；如果确实想按特征做批归一化，就把 nn.BatchNorm1d(embed_size) 用在形状为 (B, C, T) 的 out.transpose(1, 2) 上。',
          },
        },
        why: {
          en: 'nn.BatchNorm1d takes input of shape (N, C) or (N, C, L) and normalises along dimension 1, with num_features = C statistics. On (B, T, C) dimension 1 is T, the token axis: unless T = C, the call fails with a RuntimeError (running_mean should contain T elements, not C); when T = C it runs but normalises each position over the batch and the features, which is the wrong axis.',
          zh: 'nn.BatchNorm1d 接受形状为 (N, C) 或 (N, C, L) 的输入，沿第 1 维归一化，统计量有 num_features = C 个。对 (B, T, C) 而言第 1 维是 T，即词的那一维：除非 T = C，否则会抛出 RuntimeError（running_mean 应有 T 个元素而不是 C 个）；T = C 时虽能运行，却是对每个位置在批次和特征上归一化，方向错了。',
        },
      },
    ],
    shapes: null,
  },

  {
    id: '002-dk10',
    source: { file: '002', section: '4–5' },
    title: {
      en: '002 §5: PyTorch, $d_k = 10$',
      zh: '002 §5：PyTorch，$d_k = 10$',
    },
    summary: {
      en: 'Three tokens with queries, keys and values of width 10, so the scores are divided by $\\sqrt{10} \\approx 3.16$. A good place to see why the scale matters: with 10 products per score, unscaled scores spread widely. The article\u2019s module would stop with a TypeError before computing anything.',
      zh: '三个词，查询、键、值的宽度都是 10，所以分数要除以 $\\sqrt{10} \\approx 3.16$。这个例子很适合体会缩放的作用：每个分数由 10 个乘积相加，不缩放时数值会很分散。原文的模块在算出任何东西之前就会因 TypeError 而中断。',
    },
    standIn: {
      en: 'The article fills Q, K and V with torch.randn, so it has no fixed numbers. Ours are one-decimal values drawn once from a seeded normal generator (seed 2024); the batch axis of size 1 is dropped, so Q, K, V are 3×10.',
      zh: '原文用 torch.randn 生成 Q、K、V，没有固定的数。这里是用带种子（2024）的正态随机数生成一次、保留一位小数的数值；去掉了大小为 1 的批次维，所以 Q、K、V 都是 3×10。',
    },
    form: 'qkv',
    tokens: null,
    q: [
      [-0.4, -0.6, -0.6, 0.5, -0.3, 0.4, 1, -1.1, 1.2, -0.1],
      [3.3, 0.7, -0.1, -1, -0.1, -0.3, -0.1, 0.5, -0.6, -1.4],
      [-0.3, -0.6, 0.5, -0.9, 1.8, 1.3, -0.6, 2, -1.6, 1.5],
    ],
    k: [
      [-1.1, -0.6, -0.3, 0, -0.7, 0.6, -0.4, -0.4, 1.1, -0.6],
      [1.3, 1.6, -0.3, 0.7, -1.6, -1.5, 1.1, -0.7, 1.8, 0.3],
      [0.7, -1, -0.8, 0, -1.7, 0.5, 1.1, 0, -0.5, 0.3],
    ],
    v: [
      [0.3, 1.3, -0.1, -0.8, -0.1, -0.7, -0.1, 0, 0.7, 0],
      [-0.6, -1.6, 0.1, 1.8, -0.3, 0.6, 0.4, 0.2, 1.2, -0.1],
      [-0.8, 0.1, 1.3, 0.2, -0.3, -1.3, 1, -0.3, 2.4, 0.7],
    ],
    heads: 2,
    mask: 'none',
    scale: null,
    errata: [
      {
        step: 'projection',
        section: '4',
        printed: { text: 'Q = [e_1, e_2, ..., e_n], K = [e_1, e_2, ..., e_n]' },
        correct: {
          text: {
            en: 'Q = X·W_Q and K = X·W_K, with two different learned matrices.',
            zh: 'Q = X·W_Q，K = X·W_K，两个矩阵不同，都是学出来的。',
          },
        },
        why: {
          en: 'If queries and keys are both the raw embeddings, the score matrix is symmetric and each token tends to score highest against itself; the projections let a token look for something other than its own features.',
          zh: '如果查询和键都直接用词嵌入，分数矩阵就是对称的，每个词往往与自己得分最高；正是投影让一个词能去寻找与自身特征不同的信息。',
        },
      },
      {
        step: 'projection',
        section: '2',
        printed: { text: 'K：关键，即我们要关注的信息。', textEn: 'K: "crucial" (the adjective "key"), i.e. the information we want to attend to.' },
        correct: {
          text: {
            en: 'K is the key, 键 in Chinese, as in a key–value pair (键值对): what each query is compared against.',
            zh: 'K 是键（Key），取自“键值对”：每个查询用来比对的对象。',
          },
        },
        why: {
          en: '关键 translates the adjective "key" (important, crucial). The key vector is not the important information; it is the label a query is matched against, and the value holds what is passed on.',
          zh: '“关键”译的是形容词意义上的 key（重要的）。键向量并不是“重要信息”，而是供查询比对的标签；真正传递出去的内容在值里。',
        },
      },
      {
        step: 'scale',
        section: '5',
        printed: { text: 'torch.sqrt(self.d_k)' },
        correct: {
          text: {
            en: 'math.sqrt(self.d_k), or self.d_k ** 0.5',
            zh: 'math.sqrt(self.d_k)，或 self.d_k ** 0.5',
          },
        },
        why: {
          en: 'torch.sqrt accepts only tensors; d_k = 10 is a plain Python int, so the forward pass raises a TypeError.',
          zh: 'torch.sqrt 只接受张量，而 d_k = 10 是普通的 Python 整数，所以前向计算会抛出 TypeError。',
        },
      },
    ],
    shapes: null,
  },

  {
    id: '004-multihead',
    source: { file: '004', section: '5' },
    title: {
      en: '004 §5: multi-head shapes',
      zh: '004 §5：多头注意力的形状',
    },
    summary: {
      en: 'Multi-head attention from token vectors: project X to Q, K, V, split the columns into heads, attend in each head, concatenate, multiply by $W_O$. The table follows the real sizes of §5 (batch 32, 10 tokens, $d_{model} = 512$, 8 heads of 64) next to what the article printed.',
      zh: '从词向量出发的多头注意力：把 X 投影成 Q、K、V，按列拆成几个头，每个头各做一次注意力，再拼接、乘以 $W_O$。表格列出 §5 的真实尺寸（批次 32、10 个词、$d_{model} = 512$、8 个头、每头 64 维），并对照原文印出的形状。',
    },
    standIn: {
      en: 'Section 5 fills its tensors with random numbers at full size. Here, one sequence of 4 tokens, $d_{model} = 8$ and 2 heads of width 4, with 0/1 weight matrices so each product is easy to follow. The core has no batch axis; the shapes table keeps it.',
      zh: '原文 §5 用全尺寸的随机数。这里只用一个序列：4 个词，$d_{model} = 8$，2 个头、每头宽 4，权重矩阵只含 0 和 1，便于跟踪每一次乘法。计算核心没有批次维，形状表里保留了它。',
    },
    form: 'x',
    tokens: null,
    x: [[1, 0, 2, 0, 0, 1, 0, 1], [0, 1, 0, 1, 2, 0, 1, 0], [1, 2, 0, 0, 1, 1, 0, 0], [0, 0, 1, 1, 0, 0, 2, 1]],
    wq: [
      [1, 1, 0, 0, 0, 0, 0, 0], [0, 1, 1, 0, 0, 0, 0, 0], [0, 0, 1, 1, 0, 0, 0, 0], [0, 0, 0, 1, 1, 0, 0, 0],
      [0, 0, 0, 0, 1, 1, 0, 0], [0, 0, 0, 0, 0, 1, 1, 0], [0, 0, 0, 0, 0, 0, 1, 1], [1, 0, 0, 0, 0, 0, 0, 1],
    ],
    wk: [
      [1, 0, 0, 1, 0, 0, 0, 0], [0, 1, 0, 0, 1, 0, 0, 0], [0, 0, 1, 0, 0, 1, 0, 0], [0, 0, 0, 1, 0, 0, 1, 0],
      [0, 0, 0, 0, 1, 0, 0, 1], [1, 0, 0, 0, 0, 1, 0, 0], [0, 1, 0, 0, 0, 0, 1, 0], [0, 0, 1, 0, 0, 0, 0, 1],
    ],
    wv: [
      [0, 0, 0, 0, 1, 0, 0, 0], [0, 0, 0, 0, 0, 1, 0, 0], [0, 0, 0, 0, 0, 0, 1, 0], [0, 0, 0, 0, 0, 0, 0, 1],
      [1, 0, 0, 0, 0, 0, 0, 0], [0, 1, 0, 0, 0, 0, 0, 0], [0, 0, 1, 0, 0, 0, 0, 0], [0, 0, 0, 1, 0, 0, 0, 0],
    ],
    wo: [
      [1, 0, 1, 0, 0, 0, 0, 0], [0, 1, 0, 1, 0, 0, 0, 0], [0, 0, 1, 0, 1, 0, 0, 0], [0, 0, 0, 1, 0, 1, 0, 0],
      [0, 0, 0, 0, 1, 0, 1, 0], [0, 0, 0, 0, 0, 1, 0, 1], [1, 0, 0, 0, 0, 0, 1, 0], [0, 1, 0, 0, 0, 0, 0, 1],
    ],
    heads: 2,
    mask: 'none',
    scale: null,
    errata: [
      {
        step: 'multihead',
        section: '5.2',
        printed: { text: 'queries = tf.random.normal([32, 10, d_k])\nqueries = tf.reshape(queries, [-1, tf.shape(queries)[1], n_heads, depth])' },
        correct: {
          text: {
            en: 'Project the inputs first: Q = X·W_Q is (32, 10, 512); reshape it to (32, 10, 8, 64) and transpose to (32, 8, 10, 64).',
            zh: '应先投影输入：Q = X·W_Q 的形状是 (32, 10, 512)；再变形为 (32, 10, 8, 64)，转置成 (32, 8, 10, 64)。',
          },
        },
        why: {
          en: 'The code never uses inputs: its queries are only d_k = 64 wide, one head\u2019s worth, while 8 heads of depth 64 need 512 numbers per token. The -1 in the reshape hides this: the batch silently shrinks from 32 to 4, and tokens of different sequences get mixed.',
          zh: '代码根本没用到 inputs：它的 queries 只有 d_k = 64 宽，只够一个头，而 8 个深度为 64 的头每个词需要 512 个数。reshape 里的 -1 掩盖了这一点：批次悄悄从 32 变成 4，不同序列的词被混在了一起。',
        },
      },
      {
        step: 'multihead',
        section: '5.4',
        printed: { text: 'Attention Weights shape: (32, 10, 8, 512)' },
        correct: {
          text: {
            en: '(32, 8, 10, 10): batch, heads, queries, keys.',
            zh: '(32, 8, 10, 10)：批次、头、查询、键。',
          },
        },
        why: {
          en: 'There is one weight per query–key pair in each head, so the last two axes are 10 × 10; 512 is a feature width and cannot appear in the weights. The code as written would print (4, 8, 10, 10).',
          zh: '每个头里每对查询与键各有一个权重，所以最后两维是 10 × 10；512 是特征宽度，不可能出现在权重的形状里。按原代码实际运行会印出 (4, 8, 10, 10)。',
        },
      },
      {
        step: 'multihead',
        section: '5.4',
        printed: { text: 'Attention Output shape: (32, 10, 512)' },
        correct: {
          text: {
            en: '(32, 10, 512) after concatenating the heads and multiplying by W_O, which the code never applies.',
            zh: '(32, 10, 512)，指的是拼接各头之后再乘以 W_O 的结果，而代码里根本没有 W_O。',
          },
        },
        why: {
          en: 'The shape is the right one for a correct layer, but not what this code produces: after the shrunken batch its output is (4, 10, 512), and it stops at the concatenation.',
          zh: '这个形状对于正确的实现是对的，但并不是这段代码的结果：批次缩水之后它的输出是 (4, 10, 512)，而且停在了拼接这一步。',
        },
      },
    ],
    shapes: [
      {
        tensor: { en: 'input X', zh: '输入 X' },
        material: '(32, 10, 512)',
        correct: '(32, 10, 512)',
        why: {
          en: 'Created as inputs but never used by the code.',
          zh: '代码里建了 inputs，却从未用到。',
        },
      },
      {
        tensor: { en: 'W_Q, W_K, W_V', zh: 'W_Q、W_K、W_V' },
        material: null,
        correct: '(512, 512)',
        why: {
          en: 'The code has no projection matrices at all.',
          zh: '代码里根本没有投影矩阵。',
        },
      },
      {
        tensor: { en: 'Q, K, V = X·W', zh: 'Q、K、V = X·W' },
        material: '(32, 10, 64)',
        correct: '(32, 10, 512)',
        why: {
          en: 'Drawn at random with width d_k = 64, the width of one head, instead of projected to d_model = 512.',
          zh: '直接随机生成，宽度是 d_k = 64，只是一个头的宽度，而不是投影到 d_model = 512。',
        },
      },
      {
        tensor: { en: 'Q, K, V split into heads', zh: '拆分成多头的 Q、K、V' },
        material: null,
        correct: '(32, 8, 10, 64)',
        why: {
          en: 'From 64-wide queries the reshape can only make (4, 8, 10, 64): the batch shrinks.',
          zh: '由 64 宽的 queries 变形只能得到 (4, 8, 10, 64)：批次缩水了。',
        },
      },
      {
        tensor: { en: 'scores QKᵀ/√64 per head', zh: '每个头的分数 QKᵀ/√64' },
        material: null,
        correct: '(32, 8, 10, 10)',
        why: null,
      },
      {
        tensor: { en: 'weights (softmax) per head', zh: '每个头的权重（softmax）' },
        material: '(32, 10, 8, 512)',
        correct: '(32, 8, 10, 10)',
        why: {
          en: 'Impossible: weights pair 10 queries with 10 keys in each of 8 heads.',
          zh: '不可能：权重是在 8 个头里各自把 10 个查询与 10 个键配对。',
        },
      },
      {
        tensor: { en: 'output per head, weights·V', zh: '每个头的输出 权重·V' },
        material: null,
        correct: '(32, 8, 10, 64)',
        why: null,
      },
      {
        tensor: { en: 'heads concatenated', zh: '拼接各头' },
        material: '(32, 10, 512)',
        correct: '(32, 10, 512)',
        why: {
          en: 'Printed as the final output; the code as written would give (4, 10, 512).',
          zh: '原文把它当作最终输出；按原代码实际运行会得到 (4, 10, 512)。',
        },
      },
      {
        tensor: { en: 'output, concatenation·W_O', zh: '输出：拼接结果·W_O' },
        material: null,
        correct: '(32, 10, 512)',
        why: {
          en: 'W_O is (512, 512); the code never applies it.',
          zh: 'W_O 的形状是 (512, 512)；代码没有用到它。',
        },
      },
    ],
  },

  {
    id: 'own-causal-4',
    source: null,
    title: {
      en: 'Our example: a causal mask over 4 tokens',
      zh: '自编例子：4 个词的因果掩码',
    },
    summary: {
      en: 'A four-word sentence read left to right. With the causal mask each word may only attend to itself and the words before it: the first row of weights is [1, 0, 0, 0], and the zeros above the diagonal never come back.',
      zh: '一个从左往右读的四词句子。加上因果掩码后，每个词只能关注自己和它前面的词：权重第一行是 [1, 0, 0, 0]，对角线以上全是 0。',
    },
    standIn: {
      en: 'Not from the articles: the numbers are ours, small integers chosen so the masked and unmasked scores are easy to compare.',
      zh: '不是来自原文：这些数是我们自己定的小整数，便于比较掩码前后的分数。',
    },
    form: 'x',
    tokens: ['the', 'cat', 'sat', 'down'],
    x: [[1, 0, 1, 0], [0, 1, 0, 1], [1, 1, 0, 0], [0, 1, 1, 1]],
    wq: [[1, 0, 0, 1], [0, 1, 1, 0], [1, 0, 1, 0], [0, 1, 0, 1]],
    wk: [[1, 1, 0, 0], [0, 1, 0, 1], [1, 0, 0, 1], [0, 0, 1, 0]],
    wv: [[1, 0, 0, 0], [0, 1, 0, 0], [0, 0, 1, 0], [0, 0, 0, 1]],
    wo: null,
    heads: 1,
    mask: 'causal',
    scale: null,
    errata: [],
    shapes: null,
  },

  {
    id: 'own-2-heads',
    source: null,
    title: {
      en: 'Our example: two heads, small enough to read',
      zh: '自编例子：两个头，小到可以手算',
    },
    summary: {
      en: 'Three tokens of width 4 and two heads of width 2. Each head has its own scores, its own softmax and its own output; the two outputs are placed side by side and mixed by $W_O$. Compare the two heads\u2019 weights: they attend differently.',
      zh: '三个宽度为 4 的词，两个宽度为 2 的头。每个头有自己的分数、自己的 softmax、自己的输出；两个输出并排拼接，再由 $W_O$ 混合。比较两个头的权重：它们关注的地方不一样。',
    },
    standIn: {
      en: 'Not from the articles: the numbers are ours, small integers so each head can be followed by hand.',
      zh: '不是来自原文：这些数是我们自己定的小整数，每个头都可以手算跟踪。',
    },
    form: 'x',
    tokens: null,
    x: [[1, 0, 2, 0], [0, 1, 0, 2], [1, 1, 1, 1]],
    wq: [[1, 0, 0, 1], [0, 1, 1, 0], [1, 0, 0, 0], [0, 0, 1, 1]],
    wk: [[0, 1, 1, 0], [1, 0, 0, 1], [1, 0, 1, 0], [0, 1, 0, 0]],
    wv: [[1, 0, 0, 0], [0, 1, 0, 0], [0, 0, 1, 0], [0, 0, 0, 1]],
    wo: [[1, 0, 1, 0], [0, 1, 0, 1], [0, 1, 0, 0], [1, 0, 0, 1]],
    heads: 2,
    mask: 'none',
    scale: null,
    errata: [],
    shapes: null,
  },

  {
    id: 'own-cross-2x4',
    source: null,
    title: {
      en: 'Our example: cross-attention, 2 queries over 4 keys',
      zh: '自编例子：交叉注意力，2 个查询对 4 个键',
    },
    summary: {
      en: 'Self-attention takes queries, keys and values from one sequence; cross-attention takes the queries from one sequence and the keys and values from another (000 §2: a decoder reading all the input; 004 §2.5 names it). Here 2 queries look at 4 keys, so the scores and weights are 2×4 and the output has one row per query, 2×2. Nothing in the computation needs n = m; only the causal mask does, since it compares positions within one sequence.',
      zh: '自注意力的查询、键和值来自同一个序列；交叉注意力的查询来自一个序列，键和值来自另一个序列（000 §2：解码器读取全部输入；004 §2.5 提到了这个名字）。这里 2 个查询关注 4 个键，所以分数和权重是 2×4，输出每个查询一行，是 2×2。整个计算并不要求 n = m；只有因果掩码要求，因为它比较的是同一序列里的位置。',
    },
    standIn: {
      en: 'Not from the articles, which name cross-attention but give no numbers for it: the numbers are ours, small integers so each score can be checked by hand.',
      zh: '不是来自原文：原文提到了交叉注意力，但没有给出数值。这些数是我们自己定的小整数，每个分数都可以手算核对。',
    },
    form: 'qkv',
    tokens: null,
    q: [[1, 0], [0, 2]],
    k: [[2, 0], [0, 2], [1, 1], [-1, 1]],
    v: [[1, 0], [0, 1], [1, 1], [0, 0]],
    heads: 1,
    mask: 'none',
    scale: null,
    errata: [],
    shapes: null,
  },
];
