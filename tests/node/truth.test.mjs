// truth.test.mjs — issue 11: the corrected errata show the right figures (computed by the core,
// checked here against values worked out independently in double precision), the lesson text
// says exactly what is true, the order/positional-encoding demo really swaps (and stops
// swapping once positions are added), and cross-attention runs with n ≠ m.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { builds, assertClose, maxDifference } from './helpers.mjs';
import { presets } from '../../web/js/content/presets.js';
import { steps, whyScale, extras } from '../../web/js/content/lessons.js';
import { orderDemoData, printedRunValue } from '../../web/js/walkthrough/demos.js';

const byId = (id) => presets.find((p) => p.id === id);
const stepText = (id, lang) => {
  const s = steps.find((x) => x.id === id);
  return [...s.body[lang], s.change[lang]].join(' ');
};
const allLessonText = (lang) => steps.map((s) => stepText(s.id, lang)).join(' ');
const transpose = (m) => m[0].map((_, c) => m.map((row) => row[c]));
const swapFirstTwo = (m) => [m[1], m[0], ...m.slice(2)];

// Every string in a value (for the language checks).
function* strings(value) {
  if (typeof value === 'string') yield value;
  else if (Array.isArray(value)) for (const v of value) yield* strings(v);
  else if (value && typeof value === 'object') for (const v of Object.values(value)) yield* strings(v);
}
const zhTexts = (value) => {
  const out = [];
  const walk = (v) => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      for (const [key, x] of Object.entries(v)) {
        if (key === 'zh') out.push(...strings(x));
        else walk(x);
      }
    }
  };
  walk(value);
  return out;
};

describe('003: the two corrected errata', () => {
  const p = byId('003-2x2');
  const scoresErratum = p.errata.find((e) => e.step === 'scores');
  const outputErratum = p.errata.find((e) => e.step === 'output');
  const softmaxErratum = p.errata.find((e) => e.step === 'softmax');

  it('the code line divides by √d_k, so the comparison is of scaled scores on both sides', () => {
    assert.equal(scoresErratum.correct.field, 'scaledScores');
    assert.equal(scoresErratum.printed.run.field, 'scaledScores');
  });

  it("printed.run replaces K by Kᵀ, which is what np.dot(Q, K) computes", () => {
    for (const e of [scoresErratum, outputErratum]) assert.deepEqual(e.printed.run.k, transpose(p.k));
  });

  it('the no-max-subtraction erratum states nan for overflowing entries and 0 for the others', () => {
    const en = softmaxErratum.why.en, zh = softmaxErratum.why.zh;
    assert.match(en, /709\.78/);
    assert.match(en, /inf\/inf = nan/);
    assert.match(en, /finite\/inf = 0/);
    assert.doesNotMatch(en, /row turns into nan/);
    assert.match(zh, /709\.78/);
    assert.doesNotMatch(zh, /整行变成 nan/);
  });

  for (const [build, core] of Object.entries(builds)) {
    it(`${build}: scaled scores [[0.1202, 0.1626], [0.2758, 0.3748]]; the code's output [[1.0011, 1.1011], [1.0025, 1.1025]] against the true [[1.0021, 1.1021], [1.0049, 1.1049]]`, () => {
      const trace = core.attention({ q: p.q, k: p.k, v: p.v });
      assertClose(trace.scaledScores, [[0.1202, 0.1626], [0.2758, 0.3748]], 5e-5, 'true scaled scores');
      assertClose(trace.output, [[1.0021, 1.1021], [1.0049, 1.1049]], 5e-5, 'true output');
      const codeOutput = printedRunValue(core, p, outputErratum.printed.run);
      assertClose(codeOutput, [[1.0011, 1.1011], [1.0025, 1.1025]], 5e-5, "the code's output");
      const codeScaled = printedRunValue(core, p, scoresErratum.printed.run);
      assertClose(codeScaled, [[0.1344, 0.1556], [0.3041, 0.3536]], 5e-5, "the code's scaled scores");
      // The two sides differ, so neither comparison is vacuous.
      assert.ok(maxDifference(codeOutput, trace.output) > 5e-4);
      assert.ok(maxDifference(codeScaled, trace.scaledScores) > 5e-3);
    });
  }
});

describe('004 §3.2: the twice-scaled values are 0.7×, not 0.7071×', () => {
  const p = byId('004-3x2');
  const once = p.errata.find((e) => e.step === 'scale' && e.section === '3.1, 4.1').printed.matrix;
  const twice = p.errata.find((e) => e.step === 'scale' && e.section === '3.2, 4.2').printed.matrix;

  it('each printed entry is 0.7 times the §3.1 entry, and 4.5·√2/2 would print 3.18', () => {
    assertClose(twice, once.map((row) => row.map((x) => 0.7 * x)), 1e-12, '0.7×');
    assert.ok(Math.abs(twice[2][1] - 4.5 * Math.SQRT1_2) > 0.02, '3.15 is not 4.5·√2/2 ≈ 3.182');
    const why = p.errata.find((e) => e.step === 'scale' && e.section === '3.2, 4.2').why;
    assert.match(why.en, /0\.7 times/);
    assert.match(why.en, /3\.15/);
    assert.match(why.en, /3\.18/);
  });

  it('the concatenate-then-softmax erratum cites §3.3, §4.1.3 and §5.3', () => {
    const e = p.errata.find((x) => x.step === 'multihead' && /拼接/.test(x.printed.text));
    for (const place of ['3.3', '4.1.3', '5.3']) assert.ok(e.section.en.includes(place), `cites ${place}`);
  });
});

describe('the errors the material\u2019s first list missed appear at their steps', () => {
  const expected = [
    ['004-3x2', 'scale', /过小/],
    ['004-3x2', 'scale', /数值溢出/],
    ['004-3x2', 'scores', /q_1k_1 \+ q_2k_2/],
    ['004-3x2', 'multihead', /子序列/],
    ['004-3x2', 'scale', /点积注意力（Dot-Product Attention）/],
    ['001-dog-cat-bird', 'projection', /K = Q/],
    ['001-dog-cat-bird', 'scale', /similarity = Q \* K\.T\nsimilarity = tf\.nn\.softmax/],
    ['001-dog-cat-bird', 'scores', /降低了计算复杂度/],
    ['000-3x5', 'scale', /q \*= /],
    ['000-3x5', 'multihead', /BatchNorm1d/],
    ['002-dk10', 'projection', /关键/],
    ['003-2x2', 'projection', /密钥/],
  ];
  for (const [id, step, quote] of expected) {
    it(`${id} at "${step}": ${quote}`, () => {
      const found = byId(id).errata.filter((e) => e.step === step && quote.test(e.printed.text ?? ''));
      assert.equal(found.length, 1, `one erratum quoting ${quote} at ${step}`);
    });
  }

  it('the PyTorch facts are stated precisely', () => {
    const p = byId('000-3x5');
    const unbind = p.errata.find((e) => /unbind/.test(e.printed.text ?? ''));
    assert.match(unbind.why.en, /UnbindBackward0 is a view and is being modified inplace/);
    assert.match(unbind.why.en, /torch\.no_grad\(\)/);
    const bn = p.errata.find((e) => /BatchNorm1d/.test(e.printed.text ?? ''));
    assert.match(bn.why.en, /\(N, C\) or \(N, C, L\)/);
    assert.match(bn.why.en, /unless T = C/);
    assert.match(bn.correct.text.en, /LayerNorm/);
  });
});

describe('lesson text: exact statements (each check fails on the old wording)', () => {
  it('softmax: non-negative weights, and where the zeros come from', () => {
    const en = stepText('softmax', 'en'), zh = stepText('softmax', 'zh');
    assert.doesNotMatch(en, /positive weights|all positive/);
    assert.match(en, /non-negative/);
    assert.match(en, /masked/);
    assert.doesNotMatch(zh, /全为正数|一行正数权重/);
    assert.match(zh, /非负/);
  });

  it('scale: the variance assumption is stated, and the saturated Jacobian', () => {
    const en = stepText('scale', 'en'), zh = stepText('scale', 'zh');
    assert.match(en, /independent random numbers with mean 0 and variance 1/);
    assert.match(zh, /相互独立、均值为 0、方差为 1/);
    assert.doesNotMatch(en, /the rest learn almost nothing/);
    assert.match(en, /\\mathrm\{diag\}\(p\) - pp\^\{\\top\}/);
    assert.match(en, /the largest one included/);
  });

  it('scale: the unscaled variant is named', () => {
    assert.match(stepText('scale', 'en'), /dot-product attention, also called multiplicative attention/);
    assert.match(stepText('scale', 'zh'), /乘性注意力/);
  });

  it('scores: the dot product grows with length, and is negative past 90°', () => {
    const en = stepText('scores', 'en'), zh = stepText('scores', 'zh');
    assert.doesNotMatch(en, /large when the two vectors point the same way, negative when they point apart/);
    assert.match(en, /lengths of both vectors/);
    assert.match(en, /over 90°/);
    assert.doesNotMatch(zh, /方向相反时为负/);
    assert.match(zh, /大于 90°/);
  });

  it('projection: nothing is chosen; 视角/表示, not 看法', () => {
    const en = stepText('projection', 'en'), zh = stepText('projection', 'zh');
    assert.doesNotMatch(en, /when it is chosen/);
    assert.doesNotMatch(zh, /被选中时|看法/);
    assert.match(zh, /表示/);
  });

  it('multihead: what the examples have (d/h, W_O only where given), W_i^Q, and why several heads', () => {
    const en = stepText('multihead', 'en'), zh = stepText('multihead', 'zh');
    assert.match(en, /W_i\^Q/);
    assert.match(en, /no \$W_O\$/);
    assert.match(en, /one column wide/);
    assert.match(en, /000\'s 3×5 example keeps one head of all 5 columns/);
    assert.match(en, /Why several heads/);
    assert.match(en, /token view/);
    assert.match(zh, /为什么要多个头/);
  });

  it('中文: no ASCII punctuation right after Chinese, and no English words outside $…$ and code names', () => {
    const allowed = new Set(['softmax', 'Transformer', 'float32', 'Luong', 'Vaswani', 'dot', 'PE', 'W_O', 'W_Q', 'W_K', 'W_V', 'Q', 'K', 'V', 'X', 'Key', 'd_k', 'd_v']);
    const texts = [...zhTexts(steps), ...zhTexts(whyScale), ...zhTexts(extras)];
    assert.ok(texts.length > 30, 'the Chinese texts were found');
    const problems = [];
    for (const text of texts) {
      const prose = text.replace(/\$[^$]*\$/g, ' ');
      if (/[\u4e00-\u9fff][,:;?!]/.test(prose)) problems.push(`ASCII punctuation after Chinese: ${text}`);
      for (const w of prose.match(/[A-Za-z][A-Za-z_0-9]+/g) ?? []) if (!allowed.has(w)) problems.push(`English "${w}": ${text}`);
    }
    assert.deepEqual(problems, []);
  });

  it('presets: "小到可以逐个数看" is gone', () => {
    for (const p of presets) assert.doesNotMatch(p.title.zh, /逐个数看/);
  });

  it('the n² paragraph and the order demo have both languages', () => {
    assert.match(extras.cost.body.en, /n\^2/);
    assert.match(extras.cost.body.zh, /n\^2/);
    assert.equal(extras.order.body.en.length, extras.order.body.zh.length);
  });
});

for (const [build, core] of Object.entries(builds)) {
  describe(`${build} build: order, positions, cross-attention`, () => {
    it('swapping tokens 1 and 2 swaps output rows 1 and 2 and leaves row 3 alone', () => {
      const d = orderDemoData(core);
      assert.deepEqual(d.xSwapped, swapFirstTwo(d.x));
      assertClose(d.outputSwapped, swapFirstTwo(d.output), 1e-6, 'the output rows swap');
      assert.ok(maxDifference(d.output[0].map((x) => [x]), d.output[1].map((x) => [x])) > 1e-2, 'rows 1 and 2 differ, so the swap shows');
    });

    it('with X + PE the same swap no longer just swaps the outputs', () => {
      const d = orderDemoData(core);
      assert.deepEqual(d.encoding[0], [0, 1, 0, 1], 'PE of position 0');
      assertClose(d.encoding[2], [Math.sin(2), Math.cos(2), Math.sin(0.02), Math.cos(0.02)], 1e-6, 'PE of position 2');
      assert.ok(maxDifference(d.withPositionsSwapped, swapFirstTwo(d.withPositions)) > 1e-2, 'positions break the symmetry');
    });

    it('positionalEncoding returns PE and X + PE from the core, and refuses a bad X', () => {
      const x = [[1, 2, 3], [4, 5, 6]];
      const r = core.positionalEncoding({ x });
      assertClose(r.sum, x.map((row, i) => row.map((v, j) => v + r.encoding[i][j])), 1e-6, 'X + PE');
      assertClose(r.encoding[1], [Math.sin(1), Math.cos(1), Math.sin(1 / 10000 ** (2 / 3))], 1e-6, 'odd width');
      assert.throws(() => core.positionalEncoding({ x: [[1, 'a']] }), /X\[0\]\[1\]/);
    });

    it('cross-attention: 2 queries over 4 keys give 2×4 weights and a 2×2 output; the causal mask is refused', () => {
      const p = byId('own-cross-2x4');
      assert.equal(p.q.length, 2);
      assert.equal(p.k.length, 4);
      const r = core.attention({ q: p.q, k: p.k, v: p.v });
      assert.deepEqual([r.weights.length, r.weights[0].length], [2, 4]);
      assert.deepEqual([r.output.length, r.output[0].length], [2, 2]);
      for (const row of r.weights) assert.ok(Math.abs(row.reduce((a, b) => a + b, 0) - 1) < 1e-6);
      // scores by hand: q1 = [1, 0] → [2, 0, 1, −1], q2 = [0, 2] → [0, 4, 2, 2]
      assert.deepEqual(r.scores, [[2, 0, 1, -1], [0, 4, 2, 2]]);
      assert.throws(() => core.attention({ q: p.q, k: p.k, v: p.v, mask: 'causal' }));
    });

    it("cutting Q's columns into heads equals 004 §4.3's per-head W_i^Q (X·W_i^Q with W_i^Q a column block of W_Q)", () => {
      const p = byId('004-multihead');
      const r = core.selfAttention({ x: p.x, wq: p.wq, wk: p.wk, wv: p.wv, wo: p.wo, heads: 2 });
      const width = p.wq[0].length / 2;
      for (let h = 0; h < 2; h++) {
        const block = (w) => w.map((row) => row.slice(h * width, (h + 1) * width));   // data: columns picked, not computed
        const own = core.selfAttention({ x: p.x, wq: block(p.wq), wk: block(p.wk), wv: block(p.wv), heads: 1 });
        assert.deepEqual(own.q, r.heads[h].q, `head ${h + 1}: X·W_${h + 1}^Q equals its columns of X·W_Q`);
        assert.deepEqual(own.heads[0].output, r.heads[h].output, `head ${h + 1}: the same output`);
      }
    });

    it('two heads attend to different tokens (the "why several heads" claim about token 2)', () => {
      const p = byId('own-2-heads');
      const r = core.selfAttention({ x: p.x, wq: p.wq, wk: p.wk, wv: p.wv, wo: p.wo, heads: 2 });
      const argmax = (row) => row.indexOf(Math.max(...row));
      const [h1, h2] = r.heads.map((h) => h.weights[1]);
      assert.ok(h1[1] > h1[0] && h1[2] > h1[0], 'head 1: token 2 looks most at tokens 2 and 3');
      assert.equal(argmax(h2), 0, 'head 2: token 2 looks most at token 1');
    });
  });
}
