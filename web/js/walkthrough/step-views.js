// step-views.js — the slot of a step's extra views ([data-slot="views"]) and the plain data they
// get from the step's context: the token view (softmax, weighted sum, multi-head, mask) and the
// plane view (scores: Q and K when d_k = 2; weighted sum: V and the outputs when d_v = 2).
// Every number comes from the core: the trace, core.pairGeometry, core.convexHull2d, and
// core.attention for the outputs along the temperature path.

import { t, sub, describeError } from './i18n.js';
import { el } from './dom.js';
import { tokenView, HEAD_COLOURS } from './token-view.js';
import { planeView, valueHull } from './plane-view.js';
import { formatNumber } from './matrix-view.js';

// Labels as the page's tables count them (q₁, k₁, …, from 1), with the token when the example has one.
const number = (i) => i + 1;
function labels(ctx, count, letter) {
  const tokens = ctx.preset.tokens;
  return Array.from({ length: count }, (_, i) => (tokens && tokens[i] !== undefined
    ? `${letter}${sub(number(i))} ${tokens[i]}` : `${letter}${sub(number(i))}`));
}
const tokenOrLetter = (ctx, count, letter) => {
  const tokens = ctx.preset.tokens;
  return Array.from({ length: count }, (_, i) => (tokens && tokens[i] !== undefined ? tokens[i] : `${letter}${sub(number(i))}`));
};

const maskedOf = (head) => head.scaledScores.map((row) => row.map((x) => x === -Infinity));
const currentHead = (result, state) => result.heads[Math.min(state.head, result.heads.length - 1)];

function slot(...views) {
  const box = el('div', 'step-views');
  box.dataset.slot = 'views';
  box.append(...views.filter(Boolean));
  return box.childElementCount ? box : null;
}

function singleTokenView(ctx, id, head, tableKey, title, hint = true) {
  const n = head.weights.length, m = head.weights[0].length;
  return tokenView({
    id, title, precision: ctx.precision, hint,
    queryLabels: tokenOrLetter(ctx, n, 'q'), keyLabels: tokenOrLetter(ctx, m, 'k'),
    heads: [{ weights: head.weights, masked: maskedOf(head), tableKey, label: t('head') }],
  });
}

// ------------------------------------------------------------------ plane views

function scoresPlane(ctx) {
  const head = currentHead(ctx.result, ctx.state);
  if (head.q[0].length !== 2) return null;
  const n = head.q.length, m = head.k.length;
  // Q and K are inputs only for examples of given Q, K, V shown as one head (the whole Q and K).
  const editable = ctx.form === 'qkv' && typeof ctx.setInputRow === 'function' && head.q.length === ctx.state.inputs.q.length &&
    ctx.state.inputs.q[0].length === 2;
  let geometry;
  try {
    geometry = ctx.core.pairGeometry(head.q, head.k, { a: 'Q', b: 'K' });
  } catch (err) {
    return el('p', 'local-message', describeError(err));
  }
  return planeView({
    id: 'scores-plane', title: ctx.result.heads.length > 1 ? `${t('pvTitle')} — ${t('head')} ${Math.min(ctx.state.head, ctx.result.heads.length - 1) + 1}` : t('pvTitle'), precision: ctx.precision, geometry, scores: head.scores,
    queries: { name: 'q', labels: labels(ctx, n, 'q'), ids: Array.from({ length: n }, (_, i) => `q${number(i)}`), vectors: head.q },
    keys: { name: 'k', labels: labels(ctx, m, 'k'), ids: Array.from({ length: m }, (_, j) => `k${number(j)}`), vectors: head.k },
    editable, readOnlyReason: t('pvReadOnlyProjected'), tableKey: 'scores',
    onMove: (name, row, point) => ctx.setInputRow(name, row, point),
  });
}

// τ from 10 down to 0.1 (the temperature slider's range), each output computed by the core.
const TAUS = [10, 7, 5, 3, 2, 1.5, 1, 0.7, 0.5, 0.3, 0.2, 0.15, 0.1];

function outputPlane(ctx) {
  const head = currentHead(ctx.result, ctx.state);
  if (head.v[0].length !== 2) return null;
  const n = head.output.length, m = head.v.length;
  const mask = ctx.state.mask;
  let hull, average, runs;
  try {
    hull = ctx.core.convexHull2d(head.v, 'V');
    average = ctx.core.attention({ q: head.q, k: head.k, v: head.v, mask, scale: 0 }).output;
    runs = TAUS.map((tau) => ({ tau, ...ctx.core.attention({ q: head.q, k: head.k, v: head.v, mask, scale: 1 / tau }) }));
  } catch (err) {
    return el('p', 'local-message', describeError(err));
  }
  const paths = Array.from({ length: n }, (_, i) => runs.map((r) => ({ tau: r.tau, point: r.output[i], weights: r.weights[i] })));
  return valueHull({
    id: 'output-plane', title: t('pvHullTitle'), precision: ctx.precision,
    values: { labels: labels(ctx, m, 'v'), vectors: head.v }, hull,
    outputs: { labels: labels(ctx, n, 'o'), vectors: head.output }, weights: head.weights,
    paths, average, tableKey: 'out', tauText: t('pvTauNow')(formatNumber(head.scale, Math.max(ctx.precision, 4))),
  });
}

// ------------------------------------------------------------------ per step

/** The views of a step (null when it has none): `step` is the step's id. */
export function stepViews(ctx, step) {
  if (!ctx.result) return null;
  switch (step) {
    case 'scores':
      return slot(scoresPlane(ctx));
    case 'softmax':
      return slot(singleTokenView(ctx, 'softmax', currentHead(ctx.result, ctx.state), 'weights', t('tvTitle')));
    case 'output':
      return slot(singleTokenView(ctx, 'output', currentHead(ctx.result, ctx.state), 'weights', t('tvTitle')), outputPlane(ctx));
    case 'multihead': {
      const split = ctx.result.split;
      if (!split) return null;
      const h0 = split.heads[0];
      const n = h0.weights.length, m = h0.weights[0].length;
      return slot(tokenView({
        id: 'multihead', title: t('tvTitle'), precision: ctx.precision,
        queryLabels: tokenOrLetter(ctx, n, 'q'), keyLabels: tokenOrLetter(ctx, m, 'k'),
        heads: split.heads.map((head, h) => ({
          weights: head.weights, masked: maskedOf(head), tableKey: `head-${h}-weights`, label: `${t('head')} ${h + 1}`,
          colour: HEAD_COLOURS[h % HEAD_COLOURS.length],
        })),
      }));
    }
    case 'mask': {
      const views = [];
      for (const [mask, which] of [['none', t('withoutMask')], ['causal', t('withCausal')]]) {
        const entry = ctx.compare?.[mask];
        if (!entry?.result) continue;
        views.push(singleTokenView(ctx, `mask-${mask}`, currentHead(entry.result, ctx.state), `weights-${mask}`, t('tvTitleMask')(which), mask === 'causal'));
      }
      return slot(...views);
    }
    default:
      return null;
  }
}
