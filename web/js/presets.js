// TEMPORARY (replaced by the content branch)
export const presets = [
  {
    id: '004-3x2', source: { file: '004', section: '3.1–4.2' },
    title: { en: '004 §3–4: Q, K, V of 3×2', zh: '004 §3–4：3×2 的 Q、K、V' },
    summary: { en: 'Three tokens with $d_k = 2$.', zh: '三个词元，$d_k = 2$。' },
    standIn: null, form: 'qkv', tokens: null,
    q: [[1, 2], [3, 4], [5, 6]], k: [[1, 0], [0, 1], [1, 1]], v: [[2, 0], [0, 2], [2, 2]],
    heads: 1, mask: 'none', scale: null,
    errata: [{ step: 'scores', printed: { matrix: [[1, 2], [3, 6], [6, 9]], text: 'QKᵀ (3×2)' }, correct: { field: 'scores' },
      why: { en: 'Q·Kᵀ of 3×2 by 2×3 is 3×3.', zh: '3×2 乘 2×3 得 3×3。' } }],
    shapes: null,
  },
  {
    id: 'own-2-heads', source: { file: null, section: null },
    title: { en: 'Ours: two heads', zh: '自编：两个头' },
    summary: { en: 'Three tokens, two heads.', zh: '三个词元，两个头。' },
    standIn: null, form: 'x', tokens: ['I', 'like', 'tea'],
    x: [[1, 0, 1, 0], [0, 2, 0, 1], [1, 1, 1, 1]],
    wq: [[1, 0, 0, 1], [0, 1, 1, 0], [1, 0, 1, 0], [0, 1, 0, 1]],
    wk: [[0, 1, 1, 0], [1, 0, 0, 1], [1, 1, 0, 0], [0, 0, 1, 1]],
    wv: [[1, 0, 0, 0], [0, 1, 0, 0], [0, 0, 1, 0], [0, 0, 0, 1]],
    wo: [[1, 0, 0, 0], [0, 1, 0, 0], [0, 0, 1, 0], [0, 0, 0, 1]],
    heads: 2, mask: 'causal', scale: null, errata: [], shapes: null,
  },
];
