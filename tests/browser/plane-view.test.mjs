// plane-view.test.mjs — the plane view (web/js/walkthrough/plane-view.js): when d_k = 2 the scores step
// draws Q and K as arrows; dragging a handle (mouse, touch pointer, arrow keys) edits that row of
// Q or K, and the scores on screen change and equal the core's for the new Q and K; the chosen
// score is taken apart as |q|·|k|·cos θ with the core's numbers; where Q = X·W_Q the arrows are
// read-only and the page says why; when d_v = 2 the weighted-sum step draws the outputs inside
// the hull of the values (the core's hull) and τ moves them; 375 px; 中文; axe-core.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  siteForFile, openApp, waitFor, screenshot, assertClean, readTables, matrixOf, presetById, VIEWPORTS, core, formatNumber, axeViolations,
} from './harness.mjs';

const { site, desktop, phone } = await siteForFile({ desktop: VIEWPORTS.desktop, phone: VIEWPORTS.phone });

/** The numbers of the example as the URL holds them now (edited cells are in ?in=…). */
async function inputsNow(page, preset) {
  const hash = await page.evaluate(() => location.hash);
  const query = new URLSearchParams(hash.split('?')[1] ?? '');
  if (!query.has('in')) return { q: preset.q, k: preset.k, v: preset.v };
  const inputs = JSON.parse(query.get('in'));
  const numbers = (m) => m.map((row) => row.map(Number));
  return { q: numbers(inputs.q), k: numbers(inputs.k), v: numbers(inputs.v) };
}

/**
 * Q and K as the scores step shows them (row i of K is column i of Kᵀ). Where Q and K are the
 * example's inputs the Q and Kᵀ tables are input fields (data-i, data-j: the row and column of Q
 * or K); elsewhere result cells (Kᵀ's data-i, data-j: its own row and column).
 */
function shownQK(tables) {
  const fromInputs = (entry) => {
    const m = [];
    for (const { i, j, value } of entry.inputs) (m[i] ??= [])[j] = Number(value);
    return m;
  };
  const transpose = (m) => (m.length ? m[0].map((_, j) => m.map((row) => row[j])) : m);
  const editable = tables.hq.inputs.length > 0;
  assert.equal(tables.hk.inputs.length > 0, editable, 'Q and Kᵀ are both inputs or both results');
  return editable
    ? { editable, q: fromInputs(tables.hq), k: fromInputs(tables.hk) }
    : { editable, q: matrixOf(tables.hq), k: transpose(matrixOf(tables.hk)) };
}

/** Checks the scores step against the core for the given inputs; returns the scores shown. */
async function assertScoresAreTheCore(page, inputs, where) {
  const tables = await readTables(page);
  const [head] = core.multiHead({ q: inputs.q, k: inputs.k, v: inputs.v, heads: 1 }).heads;
  const shown = shownQK(tables), scores = matrixOf(tables.scores);
  if (shown.editable) {
    // The fields hold the numbers as typed (or dragged); the core computed with their float32 copies.
    assert.deepEqual(shown.q, inputs.q, `${where}: the Q fields hold the edited Q`);
    assert.deepEqual(shown.k, inputs.k, `${where}: the Kᵀ fields hold the edited K`);
    const float32 = (m) => m.map((row) => row.map(Math.fround));
    assert.deepEqual(float32(shown.q), head.q, `${where}: the core's Q is the float32 copy of the Q on screen`);
    assert.deepEqual(float32(shown.k), head.k, `${where}: the core's K is the float32 copy of the K on screen`);
  } else {
    assert.deepEqual(shown.q, head.q, `${where}: Q on screen is the core's`);
    assert.deepEqual(shown.k, head.k, `${where}: K on screen (Kᵀ transposed) is the core's`);
  }
  assert.deepEqual(scores, head.scores, `${where}: the scores are the core's for the new Q and K`);
  return scores;
}

const handleCentre = (page, drag) => page.evaluate((d) => {
  const handle = document.querySelector(`[data-plane-view] [data-drag="${d}"]`);
  handle.scrollIntoView({ block: 'center' });
  const r = handle.getBoundingClientRect();
  return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
}, drag);

describe('plane view: queries and keys (d_k = 2)', () => {
  it('dragging q₁ with the mouse edits Q row 0 (handles and labels count from 1), and the scores change to the core\'s', async () => {
    const preset = presetById('004-3x2');
    await openApp(desktop, site, '#004-3x2/scores');
    const before = await assertScoresAreTheCore(desktop, preset, 'before');
    const drags = await desktop.$$eval('[data-plane-view] [data-drag]', (nodes) => nodes.map((n) => n.dataset.drag));
    assert.deepEqual(drags.sort(), ['k1', 'k2', 'k3', 'q1', 'q2', 'q3'], 'a handle per query and key, named as labelled (from 1)');
    await screenshot(desktop, 'plane-view-scores-before-en-desktop');

    const start = await handleCentre(desktop, 'q1');
    await desktop.mouse.move(start.x, start.y);
    await desktop.mouse.down();
    for (let s = 1; s <= 6; s++) await desktop.mouse.move(start.x + 8 * s, start.y + 6 * s);
    await desktop.mouse.up();
    await waitFor(desktop, () => location.hash.includes('in='));
    const inputs = await inputsNow(desktop, preset);
    assert.notDeepEqual(inputs.q[0], preset.q[0], 'Q row 0 changed');
    assert.deepEqual(inputs.q.slice(1), preset.q.slice(1), 'the other rows of Q did not');
    assert.deepEqual(inputs.k, preset.k, 'K did not change');
    assert.ok(inputs.q[0][0] > preset.q[0][0] && inputs.q[0][1] < preset.q[0][1], `moved right and down: ${inputs.q[0]}`);
    const after = await assertScoresAreTheCore(desktop, inputs, 'after the drag');
    assert.notDeepEqual(after[0], before[0], 'score row 0 changed');
    assert.deepEqual(after.slice(1), before.slice(1), 'the other score rows did not');
    // Every step was recomputed: the softmax step shows the new weights.
    await desktop.click('#next');
    await desktop.click('#next');
    await waitFor(desktop, () => document.querySelector('#step section.step')?.dataset.step === 'softmax');
    const weights = matrixOf((await readTables(desktop)).weights);
    assert.deepEqual(weights, core.multiHead({ ...inputs, heads: 1 }).heads[0].weights, 'softmax of the new scores');
    await desktop.goBack();
    await desktop.goBack();
    assertClean(desktop, 'mouse drag');
  });

  it('the arrow keys nudge a focused handle (k₂, K row 1: up by 0.1 twice, left once) and the scores follow', async () => {
    const preset = presetById('004-3x2');
    await openApp(desktop, site, '#004-3x2/scores');
    const before = await assertScoresAreTheCore(desktop, preset, 'before');
    await desktop.focus('[data-plane-view] [data-drag="k2"]');
    await desktop.keyboard.press('ArrowUp');
    await desktop.keyboard.press('ArrowUp');
    await desktop.keyboard.press('ArrowLeft');
    const inputs = await inputsNow(desktop, preset);
    assert.deepEqual(inputs.k[1], [preset.k[1][0] - 0.1, preset.k[1][1] + 0.2].map((x) => Math.round(x * 100) / 100), 'K row 1 moved');
    assert.equal(await desktop.evaluate(() => document.activeElement?.dataset.drag), 'k2', 'the handle keeps the focus');
    assert.equal(await desktop.evaluate(() => document.querySelector('#step section.step').dataset.step), 'scores', 'the arrow keys did not change the step');
    const after = await assertScoresAreTheCore(desktop, inputs, 'after the keys');
    assert.notDeepEqual(after.map((row) => row[1]), before.map((row) => row[1]), 'score column 1 changed');
    assert.deepEqual(after.map((row) => row[0]), before.map((row) => row[0]), 'score column 0 did not');
    assertClean(desktop, 'keyboard');
  });

  it('a touch pointer drags too', async () => {
    const preset = presetById('003-2x2');
    await openApp(phone, site, '#003-2x2/scores');
    const start = await handleCentre(phone, 'q2');
    await phone.evaluate(({ x, y }) => {
      const handle = document.querySelector('[data-plane-view] [data-drag="q2"]');
      const event = (type, dx, dy) => new PointerEvent(type, { pointerId: 7, pointerType: 'touch', isPrimary: true, bubbles: true, cancelable: true, clientX: x + dx, clientY: y + dy });
      handle.dispatchEvent(event('pointerdown', 0, 0));
      window.dispatchEvent(event('pointermove', -30, -30));
    }, start);
    await waitFor(phone, () => location.hash.includes('in='));
    await phone.evaluate(() => window.dispatchEvent(new PointerEvent('pointerup', { pointerId: 7, pointerType: 'touch', bubbles: true })));
    const inputs = await inputsNow(phone, preset);
    assert.ok(inputs.q[1][0] < preset.q[1][0] && inputs.q[1][1] > preset.q[1][1], `q₂ (Q row 1) moved up and left: ${inputs.q[1]}`);
    await assertScoresAreTheCore(phone, inputs, 'after the touch drag');
    assertClean(phone, 'touch');
  });

  it('|q|·|k|·cos θ: the core\'s lengths and cosine, and the trace\'s score', async () => {
    const preset = presetById('004-3x2');
    await openApp(desktop, site, '#004-3x2/scores');
    await desktop.selectOption('[data-plane-view] .pv-choice select >> nth=0', '2');
    await desktop.selectOption('[data-plane-view] .pv-choice select >> nth=1', '0');
    const lines = await desktop.$$eval('[data-plane-view] .pv-score p', (ps) => ps.map((p) => p.textContent));
    const g = core.pairGeometry(preset.q, preset.k);
    assert.equal(lines[2], `= ${formatNumber(g.normsA[2])} × ${formatNumber(g.normsB[0])} × ${formatNumber(g.cosines[2][0])}`);
    assert.equal(lines[3], `= ${formatNumber(g.products[2][0])}`);
    const score = await desktop.$eval('[data-plane-view] .pv-trace', (p) => p.dataset.score);
    assert.equal(Number(score), matrixOf((await readTables(desktop)).scores)[2][0], 'the score quoted is the table\'s');
    assert.ok(Math.abs(g.products[2][0] - Number(score)) < 1e-5, 'the product equals the score');
    // Pointing at a score cell takes that score apart.
    await desktop.hover('#step td[data-key="scores"][data-i="1"][data-j="2"]');
    const chosen = await desktop.$eval('[data-plane-view] .pv-score', (box) => [box.dataset.query, box.dataset.key]);
    assert.deepEqual(chosen, ['1', '2'], 'the plane view follows the scores table');
    const quoted = await desktop.$eval('[data-plane-view] .pv-trace', (p) => Number(p.dataset.score));
    assert.equal(quoted, matrixOf((await readTables(desktop)).scores)[1][2], 'and quotes score[1][2]');
    assertClean(desktop, 'decomposition');
  });

  it('Q = X·W_Q (own-2-heads, heads of width 2): arrows drawn, not draggable, and the page says why', async () => {
    await openApp(desktop, site, '#own-2-heads/scores');
    const state = await desktop.evaluate(() => ({
      handles: document.querySelectorAll('[data-plane-view] [data-drag]').length,
      focusable: document.querySelectorAll('[data-plane-view] [data-drag][tabindex]').length,
      why: document.querySelector('[data-plane-view] .pv-readonly')?.textContent ?? '',
    }));
    assert.equal(state.handles, 6);
    assert.equal(state.focusable, 0, 'read-only handles take no focus');
    assert.match(state.why, /X·W_Q/);
    const before = await desktop.evaluate(() => location.hash);
    const start = await handleCentre(desktop, 'q1');
    await desktop.mouse.move(start.x, start.y);
    await desktop.mouse.down();
    await desktop.mouse.move(start.x + 40, start.y + 40);
    await desktop.mouse.up();
    assert.equal(await desktop.evaluate(() => location.hash), before, 'nothing was edited');
    assertClean(desktop, 'read-only');
  });

  it('no plane view when d_k ≠ 2', async () => {
    await openApp(desktop, site, '#000-3x5/scores');
    assert.equal(await desktop.$('[data-plane-view]'), null);
  });
});

describe('plane view: outputs inside the values (d_v = 2)', () => {
  it('the hull is the core\'s, each output is the trace\'s, τ slides it from the average towards a value', async () => {
    const preset = presetById('004-3x2');
    const distanceToV2 = async (hash) => {
      await openApp(desktop, site, hash);
      return desktop.evaluate(() => {
        const o = document.querySelector('[data-plane-view="output-plane"] .pv-output[data-output="0"]');
        const v = document.querySelector('[data-plane-view="output-plane"] .pv-value[data-value="2"]');
        return Math.hypot(Number(o.dataset.x) - Number(v.dataset.x), Number(o.dataset.y) - Number(v.dataset.y));
      });
    };
    await openApp(desktop, site, '#004-3x2/output');
    const shown = await desktop.evaluate(() => ({
      hull: document.querySelector('[data-plane-view="output-plane"] .pv-hull').dataset.hull,
      outputs: [...document.querySelectorAll('[data-plane-view="output-plane"] .pv-output')].map((c) => [Number(c.dataset.x), Number(c.dataset.y)]),
      tauDots: document.querySelectorAll('[data-plane-view="output-plane"] .pv-tau-dot').length,
    }));
    const [head] = core.multiHead({ q: preset.q, k: preset.k, v: preset.v, heads: 1 }).heads;
    assert.equal(shown.hull, core.convexHull2d(head.v).join(' '));
    assert.deepEqual(shown.outputs, head.output, 'the output points are the trace\'s outputs');
    assert.equal(shown.tauDots, 13);
    await screenshot(desktop, 'plane-view-output-en-desktop');
    // The τ preview slider moves o₀ along the core's path (left: small τ, right: large τ).
    const preview = async (value) => {
      await desktop.fill('[data-plane-view="output-plane"] .pv-tau input[type="range"]', value);
      return desktop.evaluate(() => {
        const p = document.querySelector('[data-plane-view="output-plane"] .pv-preview');
        return { tau: Number(p.dataset.tau), formula: document.querySelector('[data-plane-view="output-plane"] .pv-formula').textContent };
      });
    };
    const left = await preview('0'), right = await preview('12');
    assert.equal(left.tau, 0.1);
    assert.equal(right.tau, 10);
    const w01 = core.attention({ q: preset.q, k: preset.k, v: preset.v, scale: 1 / 0.1 }).weights[0];
    assert.ok(left.formula.includes(`${formatNumber(w01[2])}·v`), `the mixture at τ = 0.1 is the core's: ${left.formula}`);
    await desktop.click('[data-plane-view="output-plane"] .pv-now');
    assert.equal(await desktop.$('[data-plane-view="output-plane"] .pv-preview'), null, 'back to the setting');
    const hot = await distanceToV2('#004-3x2/output?scale=t%3A0.2');
    const cold = await distanceToV2('#004-3x2/output?scale=t%3A8');
    assert.ok(hot < cold, `small τ brings o₀ nearer v₂ (${hot} < ${cold})`);
    assertClean(desktop, 'hull');
  });
});

describe('plane view: layout, languages, accessibility', () => {
  it('375 px: no sideways scroll; screenshots in English and 中文', async () => {
    for (const lang of ['en', 'zh']) {
      for (const [hash, name] of [['004-3x2/scores', 'scores'], ['004-3x2/output', 'output'], ['own-2-heads/scores', 'readonly']]) {
        for (const [page, size] of [[phone, 'phone'], [desktop, 'desktop']]) {
          await openApp(page, site, `#${hash}`);
          if (lang === 'zh') {
            await page.click('#language button[data-lang="zh"]');
            await waitFor(page, () => document.querySelector('#step section.step')?.dataset.lang === 'zh');
            assert.match(await page.textContent('[data-plane-view] .pv-title'), /[平面值]/, `${hash}: title in 中文`);
          }
          const o = await page.evaluate(() => ({ width: document.documentElement.clientWidth, scroll: document.documentElement.scrollWidth }));
          assert.ok(o.scroll <= o.width, `${hash} (${lang}, ${size}): scrollWidth ${o.scroll} > ${o.width}`);
          await page.mouse.move(1, 1);
          await page.keyboard.press('Escape');
          const slot = await page.$('#step [data-slot="views"]');
          await slot.screenshot({ path: `test-artifacts/screenshots/plane-view-${name}-${lang}-${size}.png` });
          if (lang === 'zh') await page.click('#language button[data-lang="en"]');
        }
      }
    }
    assertClean(phone, '375 px');
    assertClean(desktop, 'desktop');
  });

  it('axe-core finds no violation on the steps with plane views', async () => {
    for (const hash of ['004-3x2/scores', '004-3x2/output', 'own-2-heads/scores', '003-2x2/output']) {
      await openApp(desktop, site, `#${hash}`);
      assert.deepEqual(await axeViolations(desktop), [], hash);
    }
    assertClean(desktop, 'axe');
  });
});
