// error-language.test.mjs — in 中文 every error that reaches the page is Chinese: the core's
// AttentionError is shown by its code and place (describeError / localizeCoreMessage), never
// by its English message. Three are reached through the page with numbers that make the core
// refuse one of the views' extra calls; the "Why scale?" chart and the order demo call the core
// on fixed data, so they are given the page's core with one method that makes a call the core
// refuses (a real AttentionError).
import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import { siteForFile, openApp, waitForStep, waitFor, assertClean, screenshot, CJK } from './harness.mjs';

const { site, page } = await siteForFile();
before(async () => {
  await openApp(page, site, '#003-2x2/input', { clearStorage: true });
  await page.click('#language button[data-lang="zh"]');
  await waitFor(page, () => document.documentElement.lang === 'zh-CN' && document.querySelector('#step section.step')?.dataset.lang === 'zh');
});

// The hash of a Q, K, V example with these inputs (cell texts) on `step`.
const hashWith = (preset, step, inputs) => `#${preset}/${step}?${new URLSearchParams({ in: JSON.stringify(inputs) })}`;

// The texts of the elements matching `selector` in the step on screen.
const textsOf = (selector) => page.evaluate((s) => [...document.querySelectorAll(s)].map((n) => n.textContent.trim()), selector);

function assertChinese(text, english, where) {
  assert.ok(CJK.test(text), `${where}: "${text}" is Chinese`);
  assert.ok(!english.test(text), `${where}: "${text}" is not the English message`);
}

describe('errors in 中文', () => {
  it('the scores plane: pairGeometry overflows (|q| beyond float32) — step-views.js scoresPlane', async () => {
    // Q·Kᵀ fits float32 (3e38·1e-30), |q₀| = 3e38·√2 does not.
    await openApp(page, site, hashWith('003-2x2', 'scores', { q: [['3e38', '3e38'], ['0', '1']], k: [['1e-30', '1e-30'], ['0', '1']], v: [['1', '2'], ['3', '4']] }));
    await waitForStep(page, 'scores');
    const [message] = await textsOf('#step .views-slot .local-message, #step .local-message');
    assert.ok(message, 'the scores plane says why it is not drawn');
    assertChinese(message, /overflowed|smaller numbers/, 'scores plane');
    assert.match(message, /float32/);
    assertClean(page, 'scores plane');
  });

  it('the value hull: the τ = 0.1 run overflows (scale 10) — step-views.js outputPlane', async () => {
    // Q·Kᵀ = 1e38 fits, and so does its softmax at 1/√2; ·10 (τ = 0.1) does not.
    await openApp(page, site, hashWith('003-2x2', 'output', { q: [['1e19', '0'], ['0', '1']], k: [['1e19', '0'], ['0', '1']], v: [['1', '2'], ['3', '4']] }));
    await waitForStep(page, 'output');
    const messages = await textsOf('#step .local-message');
    assert.equal(messages.length, 1, `one message, for the value hull: ${JSON.stringify(messages)}`);
    assertChinese(messages[0], /overflowed|smaller scale/, 'value hull');
    assert.match(messages[0], /缩放/);
    await screenshot(page, 'error-language-value-hull');
    assertClean(page, 'value hull');
  });

  it('the masking step: the causal run of a 2×4 example (n ≠ m) — model.js compare', async () => {
    await openApp(page, site, '#own-cross-2x4/mask');
    await waitForStep(page, 'mask');
    const notes = await textsOf('#step .matrix-group .note');
    assert.equal(notes.length, 1, `one run refused: ${JSON.stringify(notes)}`);
    assertChinese(notes[0], /causal mask|needs/, 'causal run');
    assert.match(notes[0], /因果掩码/);
    await screenshot(page, 'error-language-mask');
    assertClean(page, 'masking step');
  });

  it('a link that cannot be read: why, in Chinese — state.js hashToState, i18n.js linkProblem', async () => {
    for (const [hash, english] of [
      ['#003-2x2/scores?heads=99999', /must be a whole number/],
      ['#003-2x2/multihead?heads=3', /does not divide/],
      ['#003-2x2/scores?in=%7Bbad', /not valid JSON/],
      ['#no-such-example/input', /no example called/],
    ]) {
      await openApp(page, site, hash);
      await waitFor(page, () => document.querySelector('#messages .link-problem') !== null);
      const [text] = await textsOf('#messages .link-problem');
      assertChinese(text, english, hash);
    }
    assertClean(page, 'link problems');
  });

  it('every reason a link is not used has its Chinese text — state.js LinkProblem codes', async () => {
    const inputs = (value) => `?in=${encodeURIComponent(JSON.stringify(value))}`;
    const hashes = [
      '003-2x2/scores?heads=99999', '003-2x2/scores?scale=t:99', `003-2x2/input${inputs({ q: [[1]], k: [['1']], v: [['1']] })}`,
      '003-2x2/scores?in=%7Bbad', `003-2x2/scores${inputs([])}`, `003-2x2/scores${inputs({ zz: [['1']] })}`,
      `003-2x2/scores${inputs({ q: [['1']] })}`, '%E0%A4%A/input', 'no-such-example/input', '003-2x2/%E0%A4%A',
      '003-2x2/no-such-step', '003-2x2/scores?foo=1', '003-2x2/scores?mask=sideways', '003-2x2/scores?heads=3',
    ];
    const shown = await page.evaluate(async (list) => {
      const { hashToState } = await import('./js/walkthrough/state.js');
      const { presets } = await import('./js/content/presets.js');
      const { t, setLanguage } = await import('./js/walkthrough/i18n.js');
      // The page runs the bundle (js/bundle/); these are its source modules, a second copy, set to
      // the page's language.
      await setLanguage(document.documentElement.lang.startsWith('zh') ? 'zh' : 'en');
      return list.map((hash) => {
        const { problem } = hashToState(hash, presets);
        return { hash, code: problem?.code, english: problem?.message, text: problem ? t('linkProblem')(problem) : null };
      });
    }, hashes);
    assert.equal(new Set(shown.map((s) => s.code)).size, hashes.length, `one code per case: ${shown.map((s) => s.code)}`);
    for (const { hash, english, text } of shown) {
      assert.ok(english && text, `${hash}: a problem`);
      assert.ok(CJK.test(text) && !text.includes(english), `${hash}: "${text}" is Chinese, not "${english}"`);
    }
  });

  // The page's core, with `method` replaced by a call the core refuses; `show` renders with it.
  const refusalShown = (method, view) => page.evaluate(async ({ method, view }) => {
    const { loadAttention } = await import('./js/core/attention.js');
    const core = await loadAttention({ simd: true });
    // The page runs the bundle (js/bundle/); the views imported below are its source modules, whose
    // texts come from a second copy of i18n.js, set to the page's language.
    await (await import('./js/walkthrough/i18n.js')).setLanguage(document.documentElement.lang.startsWith('zh') ? 'zh' : 'en');
    const refusals = {
      scaleExperiment: () => core.scaleExperiment({ dk: 0 }),           // bad_option, option dk
      positionalEncoding: () => core.positionalEncoding({ x: [] }),     // empty, matrix x
    };
    const refusing = { selfAttention: (input) => core.selfAttention(input), scaleExperiment: (input) => core.scaleExperiment(input), [method]: refusals[method] };
    if (view === 'why-scale') {
      const { whyScaleChart } = await import('./js/walkthrough/why-scale.js');
      return whyScaleChart(refusing, { exponent: 1 }, undefined).textContent;
    }
    const { issue11Sections } = await import('./js/walkthrough/demos.js');
    const [demo] = issue11Sections({ core: refusing, step: { id: 'output' }, precision: 4 });
    return demo.querySelector('.local-message')?.textContent ?? '';
  }, { method, view });

  it('the "Why scale?" chart: scaleExperiment refused — why-scale.js', async () => {
    const text = await refusalShown('scaleExperiment', 'why-scale');
    assertChinese(text, /d_k is 0|must be from/, '"Why scale?" chart');
    assert.match(text, /d_k/);
    assertClean(page, '"Why scale?" chart');
  });

  it('the order demo: positionalEncoding refused — demos.js', async () => {
    const text = await refusalShown('positionalEncoding', 'order');
    assertChinese(text, /empty|needs at least/, 'order demo');
    assert.match(text, /X 是空的/);
    assertClean(page, 'order demo');
  });
});
