// TEMPORARY (replaced by the content branch)
const ids = ['input', 'projection', 'scores', 'scale', 'softmax', 'output', 'multihead', 'mask'];
export const steps = ids.map((id) => ({
  id, title: { en: id, zh: id }, formula: 'QK^\\top', body: { en: [`About ${id}, with $x^2$.`], zh: [`关于 ${id}`] },
  change: { en: 'changed', zh: '变化' },
}));
export const whyScale = { title: { en: 'Why scale?', zh: '为什么要缩放？' }, body: { en: ['Variance grows with $d_k$.'], zh: ['方差随 $d_k$ 增大。'] } };
