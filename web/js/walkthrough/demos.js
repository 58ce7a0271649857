// demos.js — issue 11's additions to the step screens: what an article's code computes (an
// erratum's printed.run), the "order does not matter" demo with positional encodings, and the
// n² cost paragraph. Every number comes from the core: swapping two rows of X is data (the rows
// are reordered, not computed), and X + PE is computed by core.positionalEncoding.

import { pick, language, describeError } from './i18n.js';
import { appendRich } from './tex.js';
import { matrixFigure, plainMatrix } from './matrix-view.js';
import { el } from './dom.js';
import { extras } from '../content/lessons.js';
import { presets } from '../content/presets.js';

const WORDS = {
  en: { codeComputes: 'What this code computes (the core, with the code\u2019s inputs)' },
  zh: { codeComputes: '这段代码算出的结果（计算核心按代码的输入计算）' },
};
const word = (key) => WORDS[language()]?.[key] ?? WORDS.en[key];

/**
 * The value an erratum's printed code computes: the core's single-head trace of the preset's
 * Q, K, V with the matrices named in printed.run replaced (e.g. k: Kᵀ for np.dot(Q, K)), field
 * printed.run.field. undefined when the preset is not given as Q, K, V or the core refuses.
 */
export function printedRunValue(core, preset, run) {
  if (preset.form !== 'qkv') return undefined;
  try {
    const trace = core.attention({
      q: run.q ?? preset.q, k: run.k ?? preset.k, v: run.v ?? preset.v,
      mask: preset.mask ?? 'none', scale: preset.scale ?? undefined,
    });
    return trace[run.field];
  } catch {
    return undefined;
  }
}

/** The block shown under an erratum's printed text when it has printed.run; null otherwise. */
export function printedRunBlock(ctx, erratum) {
  const run = erratum.printed?.run;
  if (!run) return null;
  const value = printedRunValue(ctx.core, ctx.preset, run);
  if (!Array.isArray(value)) return null;
  const box = el('div', 'printed-run');
  box.append(el('p', 'printed-run-label', word('codeComputes')));
  box.append(plainMatrix(value, ctx.precision));
  return box;
}

// ---------------------------------------------------------------- order and positions

const swapFirstTwo = (m) => [m[1], m[0], ...m.slice(2)];
const tokenLabels = (order) => order.map((i) => `t${'₀₁₂₃₄₅₆₇₈₉'[i + 1]}`);

/**
 * The demo's numbers, all from the core: the two-head example's X and projections with one
 * head, the outputs before and after swapping tokens 1 and 2, and the same with X + PE.
 */
export function orderDemoData(core) {
  const p = presets.find((x) => x.id === 'own-2-heads');
  const run = (x) => core.selfAttention({ x, wq: p.wq, wk: p.wk, wv: p.wv, heads: 1 }).output;
  const x = p.x;
  const xSwapped = swapFirstTwo(x);
  const positions = core.positionalEncoding({ x });
  const positionsSwapped = core.positionalEncoding({ x: xSwapped });
  return {
    x, xSwapped,
    output: run(x),
    outputSwapped: run(xSwapped),
    encoding: positions.encoding,
    withPositions: run(positions.sum),
    withPositionsSwapped: run(positionsSwapped.sum),
  };
}

function orderDemo(ctx) {
  const text = extras.order;
  const details = el('details', 'order-demo');
  details.id = 'order-demo';
  details.open = true;
  details.append(appendRich(el('summary'), pick(text.title)));
  for (const paragraph of pick(text.body)) details.append(appendRich(el('p'), paragraph));
  details.append(el('p', 'note', pick(text.example)));
  let data;
  try {
    data = orderDemoData(ctx.core);
  } catch (err) {
    details.append(el('p', 'local-message', describeError(err)));
    return details;
  }
  const straight = tokenLabels([0, 1, 2]);
  const swapped = tokenLabels([1, 0, 2]);
  const figure = (key, label, values, rowLabels) => matrixFigure({
    key: `order-${key}`, title: pick(text.labels[label]), name: key, values, precision: ctx.precision, rowLabels,
  });
  const row = (...figures) => {
    const div = el('div', 'matrices');
    div.append(...figures);
    return div;
  };
  details.append(
    row(figure('x', 'x', data.x, straight), figure('output', 'output', data.output, straight)),
    row(figure('x-swapped', 'xSwapped', data.xSwapped, swapped), figure('output-swapped', 'outputSwapped', data.outputSwapped, swapped)),
    row(figure('encoding', 'encoding', data.encoding, ['p = 0', 'p = 1', 'p = 2']),
      figure('with-positions', 'withPositions', data.withPositions, straight),
      figure('with-positions-swapped', 'withPositionsSwapped', data.withPositionsSwapped, swapped)),
  );
  return details;
}

// ---------------------------------------------------------------- the n² cost

function costParagraph() {
  const text = extras.cost;
  const box = el('div', 'cost-note');
  box.id = 'cost-note';
  box.append(appendRich(el('h3'), pick(text.title)));
  const p = appendRich(el('p'), pick(text.body));
  const link = el('a', null, pick(text.link));
  link.href = 'perf.html#n-scaling';
  p.append(' ', link);
  box.append(p);
  return box;
}

/** The sections issue 11 adds to a step's screen (hook in steps.js renderStep). */
export function issue11Sections(ctx) {
  if (!ctx.core) return [];
  if (ctx.step.id === 'scores') return [costParagraph()];
  if (ctx.step.id === 'output') return [orderDemo(ctx)];
  return [];
}
