// walkthrough.test.mjs — every step of every preset (enumerated from presets.js), walked with the
// Next button: the tables on screen hold exactly the core's numbers (same SIMD128 binary, run in
// Node), the text is those numbers at 4 decimals, the step list follows, the page never scrolls
// sideways at 375 px, and nothing logs an error. Screenshots go to test-artifacts/screenshots/.
import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  siteForFile, openApp, waitFor, waitForStep, screenshot, assertClean, readTables, matrixOf, expectedStep, assertTables,
  presets, defaultPreset, presetById, STEP_IDS, VIEWPORTS, CJK, lessonSteps, pick, textParts,
} from './harness.mjs';

const { site, desktop, phone } = await siteForFile({ desktop: VIEWPORTS.desktop, phone: VIEWPORTS.phone });
const timings = [];
after(() => { if (timings.length) console.log(`# walk timings: ${timings.join(', ')}`); });

async function chooseLanguage(page, lang) {
  await page.click(`#language button[data-lang="${lang}"]`);
  await waitFor(page, (l) => document.querySelector('#step section.step')?.dataset.lang === l, lang);
}

/** Horizontal overflow of the page, and the widest offenders when there is one. */
function overflow(page) {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const scrollWidth = document.documentElement.scrollWidth;
    const offenders = [];
    if (scrollWidth > width) {
      for (const node of document.querySelectorAll('body *')) {
        const r = node.getBoundingClientRect();
        if (r.right > width + 0.5 && !node.closest('.matrix-scroll, .formula, svg, .katex-mathml')) {
          offenders.push(`${node.tagName.toLowerCase()}${node.id ? `#${node.id}` : ''}.${[...node.classList].join('.')} right=${Math.round(r.right)}`);
        }
      }
    }
    return { width, scrollWidth, offenders: offenders.slice(0, 8) };
  });
}

/**
 * Walks the preset from its first step with Next, checking each step. `shots`: which steps to
 * photograph ('all' or a list). Returns the number of cells checked.
 */
async function walk(page, preset, { lang, label, shots, checkNumbers = true }) {
  await openApp(page, site, `#${encodeURIComponent(preset.id)}/input`);
  if (lang) await chooseLanguage(page, lang);
  let cells = 0;
  const sideways = [];   // collected, so that one layout bug does not hide the numbers of later steps
  for (const [index, step] of STEP_IDS.entries()) {
    if (index > 0) {
      await page.click('#next');
      await waitForStep(page, step);
    }
    const where = `${preset.id}/${step} (${label})`;
    const nav = await page.evaluate(() => ({
      current: [...document.querySelectorAll('#step-list a[aria-current="step"]')].map((a) => a.dataset.step),
      progress: document.getElementById('progress-text').textContent,
      prevDisabled: document.getElementById('prev').disabled,
      nextDisabled: document.getElementById('next').disabled,
      preset: document.getElementById('preset').value,
      title: document.getElementById('step-title')?.textContent ?? '',
      stale: document.querySelector('#step .work.stale') !== null,
      problems: [...document.querySelectorAll('#messages .message')].map((m) => m.textContent),
    }));
    assert.deepEqual(nav.current, [step], `${where}: the step list marks the current step`);
    assert.equal(nav.preset, preset.id, `${where}: the preset select`);
    assert.equal(nav.prevDisabled, index === 0, `${where}: Previous is disabled only on the first step`);
    assert.equal(nav.nextDisabled, index === STEP_IDS.length - 1, `${where}: Next is disabled only on the last step`);
    assert.ok(nav.progress.includes(String(index + 1)) && nav.progress.includes(String(STEP_IDS.length)), `${where}: progress "${nav.progress}"`);
    const lesson = lessonSteps.find((s) => s.id === step);
    for (const part of textParts(pick(lesson.title, lang ?? 'en'))) assert.ok(nav.title.includes(part), `${where}: the step title "${nav.title}" lacks "${part}"`);
    assert.equal(nav.stale, false, `${where}: the preset's own numbers must not be shown as stale`);
    assert.deepEqual(nav.problems, [], `${where}: the preset as published raises no message`);
    if (checkNumbers) cells += assertTables(await readTables(page), expectedStep(preset, step), where);
    if (page.viewportSize().width <= 375) {
      const o = await overflow(page);
      if (o.scrollWidth > 375) sideways.push(`${step}: scrollWidth ${o.scrollWidth} (${o.offenders.join('; ')})`);
    }
    if (shots === 'all' || shots?.includes(step)) await screenshot(page, `${preset.id}-${step}-${label}`);
  }
  assertClean(page, `${preset.id} (${label})`);
  assert.deepEqual(sideways, [], `${preset.id} (${label}): the page scrolls sideways at 375 px`);
  return cells;
}

describe('walk-through: every preset, every step, the core\'s numbers', () => {
  it('enumerates the presets from presets.js (ids are unique, forms known)', () => {
    assert.ok(presets.length >= 2, 'at least two presets');
    assert.equal(new Set(presets.map((p) => p.id)).size, presets.length, 'unique ids');
    for (const p of presets) assert.ok(['qkv', 'x'].includes(p.form), `${p.id}: form ${p.form}`);
  });

  for (const preset of presets) {
    const isDefault = preset === defaultPreset;
    it(`${preset.id}: 8 steps at 1280×900 in English`, async () => {
      const t0 = Date.now();
      const cells = await walk(desktop, preset, { lang: 'en', label: 'en-desktop', shots: 'all' });
      assert.ok(cells > 0, 'some cells were compared');
      timings.push(`${preset.id} en-desktop ${cells} cells ${Date.now() - t0} ms`);
    });
    it(`${preset.id}: 8 steps at 375×812 in English, no sideways scrolling`, async () => {
      await walk(phone, preset, { lang: 'en', label: 'en-phone', shots: isDefault ? 'all' : ['input', 'softmax'] });
    });
    it(`${preset.id}: in 中文 at both sizes`, async () => {
      await walk(desktop, preset, { lang: 'zh', label: 'zh-desktop', shots: isDefault ? 'all' : ['softmax'] });
      await walk(phone, preset, { lang: 'zh', label: 'zh-phone', shots: isDefault ? 'all' : ['softmax'] });
    });
  }
});

describe('known values from the material, computed by hand', () => {
  it('004-3x2: scores, weights and output as the errata say they should be', async (t) => {
    const preset = presetById('004-3x2');
    if (!preset) return t.skip('no preset 004-3x2 in presets.js');
    await openApp(desktop, site, '#004-3x2/scores');
    const scores = matrixOf((await readTables(desktop)).scores);
    assert.deepEqual(scores, [[1, 2, 3], [3, 4, 7], [5, 6, 11]], 'QKᵀ of 004 as the page shows it');

    await openApp(desktop, site, '#004-3x2/softmax');
    const weights = (await readTables(desktop)).weights.cells.filter((c) => c.i === 0).sort((a, b) => a.j - b.j).map((c) => c.text);
    assert.deepEqual(weights, ['0.1400', '0.2840', '0.5760'], 'weights row 0 of 004');

    await openApp(desktop, site, '#004-3x2/output');
    const out = (await readTables(desktop)).out.cells.filter((c) => c.i === 0).sort((a, b) => a.j - b.j).map((c) => c.text);
    assert.deepEqual(out, ['1.4320', '1.7199'], 'output row 0 of 004');
    assertClean(desktop, '004 known values');
  });

  it('003-2x2: every step agrees with plain double arithmetic', async (t) => {
    const preset = presetById('003-2x2');
    if (!preset) return t.skip('no preset 003-2x2 in presets.js');
    const { q, k, v } = preset;
    const dot = (a, b) => a.reduce((s, x, i) => s + x * b[i], 0);
    const scores = q.map((qi) => k.map((kj) => dot(qi, kj)));
    const heads = preset.heads ?? 1;
    assert.equal(heads, 1, '003 is a single-head example');
    const scale = 1 / Math.sqrt(q[0].length);
    const scaled = scores.map((row) => row.map((s) => s * scale));
    const weights = scaled.map((row) => {
      const max = Math.max(...row);
      const e = row.map((s) => Math.exp(s - max));
      const sum = e.reduce((a, b) => a + b, 0);
      return e.map((x) => x / sum);
    });
    const output = weights.map((w) => v[0].map((_, j) => w.reduce((s, wt, t2) => s + wt * v[t2][j], 0)));
    const close = (got, want, what) => {
      for (let i = 0; i < want.length; i++) {
        for (let j = 0; j < want[0].length; j++) {
          assert.ok(Math.abs(got[i][j] - want[i][j]) <= 1e-6 * Math.max(1, Math.abs(want[i][j])),
            `${what}[${i}][${j}]: page ${got[i][j]}, double arithmetic ${want[i][j]}`);
        }
      }
    };
    await openApp(desktop, site, '#003-2x2/scores');
    close(matrixOf((await readTables(desktop)).scores), scores, '003 scores');
    await openApp(desktop, site, '#003-2x2/scale');
    close(matrixOf((await readTables(desktop)).scaled), scaled, '003 scaled');
    await openApp(desktop, site, '#003-2x2/softmax');
    const tables = await readTables(desktop);
    close(matrixOf(tables.weights), weights, '003 weights');
    for (const c of tables.weights.cells) {
      assert.ok(Math.abs(Number(c.text) - weights[c.i][c.j]) <= 0.00005 + 1e-9, `003 weights[${c.i}][${c.j}] text ${c.text} vs ${weights[c.i][c.j]}`);
    }
    await openApp(desktop, site, '#003-2x2/output');
    close(matrixOf((await readTables(desktop)).out), output, '003 output');
    assertClean(desktop, '003 known values');
  });
});

describe('footer', () => {
  it('names the running core: the walk-through runs the SIMD128 build (its traces equal every build\'s)', async () => {
    await openApp(desktop, site, '');
    const build = await desktop.$eval('#core-build', (node) => ({ text: node.textContent, build: node.dataset.build }));
    assert.equal(build.build, 'simd128');
    assert.match(build.text, /SIMD128/);
    assert.doesNotMatch(build.text, /scalar|标量/);
    assertClean(desktop, 'footer');
  });
});

// Not a check of numbers: the lesson text of each step is there (titles, formula, body) in each language.
describe('lesson text on every step', () => {
  it('every step has its title, a typeset formula and its body paragraphs', async () => {
    await openApp(desktop, site, `#${encodeURIComponent(defaultPreset.id)}/input`);
    for (const lang of ['en', 'zh']) {
      await chooseLanguage(desktop, lang);
      for (const step of STEP_IDS) {
        await desktop.evaluate((s) => document.querySelector(`#step-list a[data-step="${s}"]`).click(), step);
        await waitForStep(desktop, step);
        const lesson = lessonSteps.find((s) => s.id === step);
        const shown = await desktop.evaluate(() => ({
          formula: document.querySelectorAll('#step .formula .katex').length,
          paragraphs: document.querySelectorAll('#step .lesson p').length,
          lesson: document.querySelector('#step .lesson')?.textContent ?? '',
        }));
        assert.equal(shown.formula, 1, `${step} ${lang}: one KaTeX formula`);
        assert.equal(shown.paragraphs, pick(lesson.body, lang).length, `${step} ${lang}: body paragraphs`);
        assert.equal(CJK.test(shown.lesson), lang === 'zh', `${step} ${lang}: CJK in the lesson text: "${shown.lesson.slice(0, 80)}"`);
      }
    }
    assertClean(desktop, 'lesson text');
  });
});

// The numbers shown at another precision follow the select.
describe('decimals', () => {
  it('the precision select reformats every cell (2 decimals) without changing data-value', async () => {
    await openApp(desktop, site, `#${encodeURIComponent(defaultPreset.id)}/softmax`);
    await desktop.selectOption('#precision', '2');
    await waitFor(desktop, () => location.hash.includes('prec=2'));
    assertTables(await readTables(desktop), expectedStep(defaultPreset, 'softmax'), 'softmax at 2 decimals', 2);
    assertClean(desktop, 'precision');
  });
});
