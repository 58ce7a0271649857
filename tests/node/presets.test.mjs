// The content data (web/js/content/presets.js, web/js/content/lessons.js): its format, its text, and its
// numbers. Every preset runs through both WebAssembly builds; the material's examples are
// checked against values worked out here in double precision; and every erratum that
// prints a matrix must differ from the value the core computes, so none is vacuous.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { builds, assertClose, maxDifference } from './helpers.mjs';
import { presets } from '../../web/js/content/presets.js';
import { steps, whyScale } from '../../web/js/content/lessons.js';
import { STEP_IDS, hashToState, presetState } from '../../web/js/walkthrough/state.js';
import { compute, presetTrace } from '../../web/js/walkthrough/model.js';
import { correctValue } from '../../web/js/walkthrough/steps.js';

const TRACE_FIELDS = ['scores', 'scaledScores', 'exponentials', 'weights', 'output', 'scale'];
const SHAPE = /^\(\d+(, \d+)*\)$/;
const CJK = /[\u3400-\u9fff\uf900-\ufaff]/;

const isObject = (value) => value !== null && typeof value === 'object' && !Array.isArray(value);

function assertText(value, label) {
  assert.ok(isObject(value), `${label} should be { en, zh }`);
  assert.deepEqual(Object.keys(value).sort(), ['en', 'zh'], `${label} should have exactly en and zh`);
  for (const lang of ['en', 'zh']) {
    assert.equal(typeof value[lang], 'string', `${label}.${lang} should be a string`);
    assert.ok(value[lang].trim().length > 0, `${label}.${lang} is empty`);
  }
}

// Sentences (not code or symbols) must really be in Chinese on the zh side.
function assertProse(value, label) {
  assertText(value, label);
  assert.match(value.zh, /[\u4e00-\u9fff]/, `${label}.zh has no Chinese in it`);
  assert.notEqual(value.en, value.zh, `${label}: en and zh are the same`);
}

function assertParagraphs(value, label) {
  assert.ok(isObject(value), `${label} should be { en: [...], zh: [...] }`);
  for (const lang of ['en', 'zh']) {
    assert.ok(Array.isArray(value[lang]) && value[lang].length >= 1, `${label}.${lang}: at least one paragraph`);
    value[lang].forEach((p, i) => assert.ok(typeof p === 'string' && p.trim().length > 0, `${label}.${lang}[${i}] is empty`));
  }
  assert.equal(value.en.length, value.zh.length, `${label}: as many paragraphs in en as in zh`);
}

// Every string anywhere inside a value, with its path.
function* strings(value, path) {
  if (typeof value === 'string') yield [path, value];
  else if (Array.isArray(value)) for (let i = 0; i < value.length; i++) yield* strings(value[i], `${path}[${i}]`);
  else if (isObject(value)) for (const [key, v] of Object.entries(value)) yield* strings(v, `${path}.${key}`);
}

// Text is data, not markup; and inline TeX must open and close.
function assertCleanStrings(value, label) {
  for (const [path, s] of strings(value, label)) {
    assert.ok(!/[<>]/.test(s), `${path} contains < or >: ${s}`);
    const dollars = (s.match(/(?<!\\)\$/g) ?? []).length;
    assert.equal(dollars % 2, 0, `${path} has an unclosed $…$: ${s}`);
  }
}

function assertMatrix(m, label) {
  assert.ok(Array.isArray(m) && m.length > 0, `${label} should be a non-empty array of rows`);
  for (const row of m) {
    assert.ok(Array.isArray(row) && row.length === m[0].length && row.length > 0, `${label} should be rectangular`);
    for (const x of row) assert.ok(Number.isFinite(x), `${label} has a non-number ${x}`);
  }
}

const pick = ({ q, k, v }) => ({ q, k, v });
const shapeOf = (m) => (Array.isArray(m) ? [m.length, Array.isArray(m[0]) ? m[0].length : 0] : []);

// What the page computes for a preset as published: the site's own model.js on its presetState.
function pageResult(core, p) {
  const { result, problem } = compute(core, p.form, presetState(p));
  assert.equal(problem, null, `${p.id}: the page shows a problem: ${JSON.stringify(problem)}`);
  return result;
}
// The head the steps scores … output show first.
const shownHead = (core, p) => pageResult(core, p).heads[0];

// Double-precision reference: softmax(Q·Kᵀ/√d_k)·V, written out plainly.
function referenceAttention(q, k, v) {
  const dk = q[0].length;
  const scores = q.map((qi) => k.map((kj) => qi.reduce((s, x, t) => s + x * kj[t], 0)));
  const weights = scores.map((row) => {
    const scaled = row.map((s) => s / Math.sqrt(dk));
    const max = Math.max(...scaled);
    const e = scaled.map((s) => Math.exp(s - max));
    const sum = e.reduce((a, b) => a + b, 0);
    return e.map((x) => x / sum);
  });
  const output = weights.map((w) => v[0].map((_, c) => w.reduce((s, wj, j) => s + wj * v[j][c], 0)));
  return { scores, weights, output };
}

describe('presets.js: format and text', () => {
  it("holds the material's own inputs where the material gives them", () => {
    const byId = (id) => presets.find((p) => p.id === id);
    // 004 §3.1/4.1, 003 §4, 001 §4.2 (each token: query [1,0,0], key [0,1,0], value [0,0,1]).
    assert.deepEqual(pick(byId('004-3x2')), { q: [[1, 2], [3, 4], [5, 6]], k: [[1, 0], [0, 1], [1, 1]], v: [[2, 0], [0, 2], [2, 2]] });
    assert.deepEqual(pick(byId('003-2x2')), { q: [[0.1, 0.2], [0.3, 0.4]], k: [[0.5, 0.6], [0.7, 0.8]], v: [[0.9, 1.0], [1.1, 1.2]] });
    assert.deepEqual(pick(byId('001-dog-cat-bird')), {
      q: [[1, 0, 0], [1, 0, 0], [1, 0, 0]], k: [[0, 1, 0], [0, 1, 0], [0, 1, 0]], v: [[0, 0, 1], [0, 0, 1], [0, 0, 1]],
    });
    assert.deepEqual(byId('001-dog-cat-bird').tokens, ['狗', '猫', '鸟']);
    // 000 §4: X is 3×5, the projections 5×5; 002 §5: Q, K, V of 3×10 (batch of 1 dropped).
    const p000 = byId('000-3x5');
    assert.deepEqual(shapeOf(p000.x), [3, 5]);
    for (const w of ['wq', 'wk', 'wv']) assert.deepEqual(shapeOf(p000[w]), [5, 5]);
    for (const m of Object.values(pick(byId('002-dk10')))) assert.deepEqual(shapeOf(m), [3, 10]);
  });

  it('has unique, well-formed ids, and our own example first: the one a bare URL opens', () => {
    const ids = presets.map((p) => p.id);
    assert.equal(new Set(ids).size, ids.length, `ids repeat: ${ids}`);
    for (const id of ids) assert.match(id, /^(own-[a-z0-9]+(-[a-z0-9]+)*|00[0-4]-[a-z0-9]+(-[a-z0-9]+)*)$/);
    assert.equal(presets[0].source, null, 'the default example is ours');
    assert.equal(hashToState('', presets).state.preset, presets[0].id);
  });

  for (const p of presets) {
    describe(p.id, () => {
      it('has every field, of the right kind', () => {
        if (p.source === null) {
          assert.ok(p.id.startsWith('own-'), 'only our own presets have no source');
          assert.equal(p.errata.length, 0, 'our own presets have no errata');
        } else {
          assert.match(p.source.file, /^00[0-4]$/);
          assert.ok(typeof p.source.section === 'string' && p.source.section.length > 0, 'source.section');
        }
        assertText(p.title, 'title');
        assertProse(p.summary, 'summary');
        if (p.standIn !== null) assertProse(p.standIn, 'standIn');
        assert.ok(['qkv', 'x'].includes(p.form), `form ${p.form}`);
        assert.ok(['none', 'causal'].includes(p.mask), `mask ${p.mask}`);
        assert.ok(p.scale === null || Number.isFinite(p.scale), 'scale is null or a number');
        assert.ok(Number.isInteger(p.heads) && p.heads >= 1, 'heads is a positive integer');
        assert.ok(Array.isArray(p.errata), 'errata is an array');
        assert.ok(p.shapes === null || Array.isArray(p.shapes), 'shapes is null or an array');
      });

      it('has matrices that fit together', () => {
        const rows = p.form === 'qkv' ? p.q.length : p.x.length;
        if (p.form === 'qkv') {
          for (const name of ['q', 'k', 'v']) assertMatrix(p[name], name);
          assert.equal(p.q[0].length, p.k[0].length, 'Q and K have the same width d_k');
          assert.equal(p.k.length, p.v.length, 'one value per key');
          assert.equal(p.q[0].length % p.heads, 0, 'heads divide d_k');
          assert.equal(p.v[0].length % p.heads, 0, 'heads divide d_v');
        } else {
          for (const name of ['x', 'wq', 'wk', 'wv']) assertMatrix(p[name], name);
          for (const name of ['wq', 'wk', 'wv']) assert.equal(p[name].length, p.x[0].length, `${name} has a row per column of X`);
          assert.equal(p.wq[0].length, p.wk[0].length, 'W_Q and W_K have the same width');
          if (p.wo !== null) {
            assertMatrix(p.wo, 'wo');
            assert.equal(p.wo.length, p.wv[0].length, 'W_O has a row per column of V');
          }
          assert.equal(p.wq[0].length % p.heads, 0, 'heads divide d_model');
        }
        if (p.tokens !== null) {
          assert.equal(p.tokens.length, rows, 'one token label per row');
          for (const t of p.tokens) assert.ok(typeof t === 'string' && t.length > 0, 'token labels are strings');
        }
      });

      it('has errata at real steps, each quoting the material and saying why', () => {
        for (const [i, e] of p.errata.entries()) {
          const label = `errata[${i}]`;
          assert.ok(STEP_IDS.includes(e.step), `${label}.step ${e.step}`);
          // A section number is a plain string; one with words in it is { en, zh }.
          if (typeof e.section === 'string') assert.ok(e.section.length > 0 && !/[a-z]/i.test(e.section), `${label}.section is a number, or { en, zh }`);
          else assertText(e.section, `${label}.section`);
          assert.ok(isObject(e.printed), `${label}.printed`);
          assert.ok('matrix' in e.printed || 'text' in e.printed, `${label}.printed has a matrix or a text`);
          assert.deepEqual(Object.keys(e.printed).filter((k) => !['matrix', 'text', 'textEn', 'run'].includes(k)), [], `${label}.printed: only matrix, text, textEn and run`);
          // A quote that is not in English carries a faithful English translation for English pages.
          if (CJK.test(e.printed.text ?? '')) {
            assert.ok(typeof e.printed.textEn === 'string' && e.printed.textEn.trim().length > 0, `${label}.printed.text is not English and has no textEn: ${e.printed.text}`);
          }
          if ('textEn' in e.printed) {
            assert.ok(CJK.test(e.printed.text ?? ''), `${label}.printed.textEn only where printed.text is not English`);
            assert.ok(!CJK.test(e.printed.textEn), `${label}.printed.textEn must be English: ${e.printed.textEn}`);
          }
          // printed.run: what the printed code computes, the core run with some inputs replaced.
          if ('run' in e.printed) {
            const { field, ...inputs } = e.printed.run;
            assert.ok(TRACE_FIELDS.includes(field), `${label}.printed.run.field ${field}`);
            assert.equal(p.form, 'qkv', `${label}.printed.run needs a preset given as Q, K, V`);
            assert.ok(Object.keys(inputs).length > 0 && Object.keys(inputs).every((k) => ['q', 'k', 'v'].includes(k)), `${label}.printed.run replaces q, k or v`);
            for (const [name, m] of Object.entries(inputs)) assertMatrix(m, `${label}.printed.run.${name}`);
          }
          if ('matrix' in e.printed) assertMatrix(e.printed.matrix, `${label}.printed.matrix`);
          if ('text' in e.printed) assert.ok(typeof e.printed.text === 'string' && e.printed.text.trim().length > 0, `${label}.printed.text`);
          assert.ok(isObject(e.correct), `${label}.correct`);
          const kinds = Object.keys(e.correct);
          assert.ok(kinds.length === 1 && (kinds[0] === 'field' || kinds[0] === 'text'), `${label}.correct is { field } or { text }`);
          if (e.correct.field !== undefined) assert.ok(TRACE_FIELDS.includes(e.correct.field), `${label}.correct.field ${e.correct.field}`);
          else assertText(e.correct.text, `${label}.correct.text`);
          assertProse(e.why, `${label}.why`);
        }
      });

      it('keeps its text free of markup, with closed $…$', () => {
        assertCleanStrings(p, p.id);
      });
    });
  }

  it('gives shapes only for 004 §5, each row a real shape', () => {
    for (const p of presets) if (p.id !== '004-multihead') assert.equal(p.shapes, null, `${p.id}.shapes`);
    const { shapes } = presets.find((p) => p.id === '004-multihead');
    assert.ok(shapes.length >= 7, 'input, projections, split, scores/weights, per-head output, concat, W_O');
    for (const [i, row] of shapes.entries()) {
      assertText(row.tensor, `shapes[${i}].tensor`);
      assert.match(row.correct, SHAPE, `shapes[${i}].correct`);
      assert.ok(row.material === null || SHAPE.test(row.material), `shapes[${i}].material`);
      if (row.why !== null) assertProse(row.why, `shapes[${i}].why`);
      if (row.material !== null && row.material !== row.correct) assert.notEqual(row.why, null, `shapes[${i}] differs and must say why`);
    }
    const weights = shapes.find((row) => row.material === '(32, 10, 8, 512)');
    assert.ok(weights, 'the impossible weight shape the article printed is listed');
    assert.equal(weights.correct, '(32, 8, 10, 10)');
  });
});

describe('lessons.js: format and text', () => {
  it('has a lesson for each step of the page, in the page\'s order', () => {
    assert.deepEqual(steps.map((s) => s.id), STEP_IDS);
  });

  for (const s of steps) {
    it(`step ${s.id}: title, formula, body, change`, () => {
      assertText(s.title, 'title');
      assert.ok(typeof s.formula === 'string' && s.formula.length > 0, 'formula');
      assertParagraphs(s.body, 'body');
      assertProse(s.change, 'change');
      assertCleanStrings(s, s.id);
    });
  }

  it('the qkv presets are explained on the projection step', () => {
    const projection = steps.find((s) => s.id === 'projection');
    assert.match(projection.body.en.join(' '), /given \$Q\$/);
  });

  it('whyScale: title, body, axis labels', () => {
    assertText(whyScale.title, 'title');
    assertParagraphs(whyScale.body, 'body');
    assert.ok(isObject(whyScale.axis) && Object.keys(whyScale.axis).length > 0, 'axis');
    for (const [key, label] of Object.entries(whyScale.axis)) assertText(label, `axis.${key}`);
    assertCleanStrings(whyScale, 'whyScale');
  });
});

for (const [build, core] of Object.entries(builds)) {
  describe(`${build} build: the presets through the core`, () => {
    for (const p of presets) {
      it(`${p.id}: the page runs it, one head and ${p.heads} head(s), without a problem`, () => {
        const result = pageResult(core, p);
        const single = result.heads[0];
        const n = p.form === 'qkv' ? p.q.length : p.x.length;
        assert.equal(single.weights.length, n);
        for (const row of single.weights) assert.ok(Math.abs(row.reduce((a, b) => a + b, 0) - 1) < 1e-5, 'weights rows sum to 1');
        const multi = p.form === 'qkv' ? result.split : result;   // qkv: split into heads on the multi-head step
        assert.equal(multi.heads.length, p.heads);
        assert.equal(multi.concat.length, n);
        if (p.mask === 'causal') assert.deepEqual(single.weights[0].slice(1), new Array(n - 1).fill(0), 'row 0 sees only itself');
      });

      for (const [i, e] of p.errata.entries()) {
        if (e.printed.matrix === undefined || e.correct.field === undefined) continue;
        it(`${p.id} errata[${i}] (${e.step}): the printed matrix differs from the core's ${e.correct.field}`, () => {
          const value = correctValue({ preset: p, presetTrace: presetTrace(core, p) }, e.correct.field);
          const d = maxDifference(e.printed.matrix, value);
          assert.ok(d > 1e-3, `printed ${JSON.stringify(e.printed.matrix)} is the correct value (difference ${d})`);
        });
      }
    }

    it("004-3x2 shows the known values", () => {
      const p = presets.find((x) => x.id === '004-3x2');
      const r = shownHead(core, p);
      assert.deepEqual(r.scores, [[1, 2, 3], [3, 4, 7], [5, 6, 11]]);
      assertClose(r.weights[0], [0.1400293, 0.2839954, 0.5759753], 1e-5, 'weights row 0');
      assertClose(r.output[0], [1.4320091, 1.7199414], 1e-5, 'output row 0');
      const ref = referenceAttention(p.q, p.k, p.v);
      assertClose(r.weights, ref.weights, 1e-6, 'weights');
      assertClose(r.output, ref.output, 1e-6, 'output');
    });

    it('003-2x2 matches a double-precision reference', () => {
      const p = presets.find((x) => x.id === '003-2x2');
      const r = shownHead(core, p);
      const ref = referenceAttention(p.q, p.k, p.v);
      assertClose(r.scores, ref.scores, 1e-6, 'scores');
      assertClose(r.weights, ref.weights, 1e-6, 'weights');
      assertClose(r.output, ref.output, 1e-6, 'output');
      // and not what the article's np.dot(Q, K) would give
      const kt = p.k[0].map((_, c) => p.k.map((row) => row[c]));
      assert.ok(maxDifference(r.output, referenceAttention(p.q, kt, p.v).output) > 1e-4, 'Q·K and Q·Kᵀ must differ here');
    });

    it('001-dog-cat-bird: weights 1/3 and output rows [0, 0, 1], as the article ends', () => {
      const r = shownHead(core, presets.find((x) => x.id === '001-dog-cat-bird'));
      assertClose(r.weights, [[1 / 3, 1 / 3, 1 / 3], [1 / 3, 1 / 3, 1 / 3], [1 / 3, 1 / 3, 1 / 3]], 1e-6, 'weights');
      assertClose(r.output, [[0, 0, 1], [0, 0, 1], [0, 0, 1]], 1e-6, 'output');
    });

    it('the stand-in presets match the double-precision reference too', () => {
      for (const id of ['002-dk10']) {
        const p = presets.find((x) => x.id === id);
        const r = shownHead(core, p);
        const ref = referenceAttention(p.q, p.k, p.v);
        assertClose(r.weights, ref.weights, 1e-5, `${id} weights`);
        assertClose(r.output, ref.output, 1e-5, `${id} output`);
      }
    });
  });
}
