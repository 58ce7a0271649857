// opening-example.js — the example a bare address opens (ours), apart from the others so the
// walk-through's first visit loads it alone; presets.js lists it first among all the examples,
// which the page imports once its first step is shown. Same form as every entry of presets.js.

// The default example (ours): a sentence whose weights show a pattern. Old links name their
// preset by id, so adding this first entry changes only what a bare URL opens.
export const openingExample = {
  id: 'own-cat-chased-mouse',
  source: null,
  title: {
    en: 'Our example: “the cat chased a mouse”, each word finds its partner',
    zh: '自编例子：“the cat chased a mouse”，每个词找到自己的搭档',
  },
  summary: {
    en: 'Five words with four features each: determiner, noun, verb, and which half of the sentence they are in. $W_Q$ and $W_K$ turn them into queries and keys of width 2, so that “the” looks for the noun beside it (cat), “a” for mouse, and “chased” for both nouns. Watch the weights: each row puts most of its weight on the word it belongs with.',
    zh: '五个词，每个词有四个特征：限定词、名词、动词，以及它在句子的前半还是后半。$W_Q$ 和 $W_K$ 把它们变成宽度为 2 的查询和键：“the”找它旁边的名词 cat，“a”找 mouse，“chased”同时找两个名词。看权重：每一行把大部分权重放在与它搭配的词上。',
  },
  standIn: {
    en: 'Not from the articles: the features and weights are ours, chosen so the pattern can be read (trained models learn such weights from data).',
    zh: '不是来自原文：特征和权重是我们自己定的，为了让规律一眼可读（训练好的模型会从数据中学到这类权重）。',
  },
  form: 'x',
  tokens: ['the', 'cat', 'chased', 'a', 'mouse'],
  x: [[1, 0, 0, 1], [0, 1, 0, 1], [0, 0, 1, 0], [1, 0, 0, -1], [0, 1, 0, -1]],
  wq: [[2, 0.1], [0.1, 0], [1.8, 0], [0, 2]],
  wk: [[0, 0.2], [1, 0], [0.1, 0], [0, 1]],
  wv: [[0.1, 0], [1, 0], [0, 1], [0, 0.5]],
  wo: null,
  heads: 1,
  mask: 'none',
  scale: null,
  errata: [],
  shapes: null,
};
