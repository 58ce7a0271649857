// learner.test.mjs — the walk-through as a newcomer meets it (issue 9): after every kind of
// navigation the step's title and its first matrix are on screen (1280×800 and 375×812) and the
// title has the focus; in a product the highlighted row of Q and column of Kᵀ line up with the
// cell; no motion under prefers-reduced-motion (and none longer than 400 ms otherwise); one Tab
// stop per matrix, arrows inside it; no English caption in 中文; no sideways scroll at 375 px on
// either page. Prints the measured positions and Tab stops (# lines) and saves screenshots.
import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  siteForFile, openApp, waitForStep, waitFor, screenshot, assertClean, presets, defaultPreset, STEP_IDS,
} from './harness.mjs';

const SIZES = { desktop: { width: 1280, height: 800 }, phone: { width: 375, height: 812 } };
const { site } = await siteForFile({});
const report = [];
after(() => { for (const line of report) console.log(`# ${line}`); });

const hashOf = (preset, step) => `#${encodeURIComponent(preset.id)}/${step}`;

/** Where the title and the first matrix are, and whether they are on screen (above the sticky pager). */
function placement(page) {
  return page.evaluate(() => {
    const title = document.getElementById('step-title');
    const table = document.querySelector('#step .work table.matrix');
    const pager = document.getElementById('pager');
    const pagerSticky = getComputedStyle(pager).position === 'sticky';
    const bottom = window.innerHeight - (pagerSticky ? pager.getBoundingClientRect().height : 0);
    const t = title.getBoundingClientRect(), m = table.getBoundingClientRect();
    return {
      title: Math.round(t.top), matrix: Math.round(m.top), bottom: Math.round(bottom),
      titleOn: t.top >= 0 && t.bottom <= bottom, matrixOn: m.top >= 0 && m.top + 30 <= bottom,
      focus: document.activeElement?.id ?? null,
    };
  });
}

async function expectPlaced(page, where, { focus = true } = {}) {
  const p = await placement(page);
  assert.ok(p.titleOn, `${where}: the title is on screen (top ${p.title}, visible to ${p.bottom})`);
  assert.ok(p.matrixOn, `${where}: the first matrix is on screen (top ${p.matrix}, visible to ${p.bottom})`);
  if (focus) assert.equal(p.focus, 'step-title', `${where}: the focus is on the title`);
  return p;
}

describe('the step first', () => {
  for (const [size, viewport] of Object.entries(SIZES)) {
    it(`${size}: arrival, Next, Previous, the step list (or map) and the arrow keys put the title and the first matrix on screen`, async () => {
      const page = await site.newPage({ viewport });
      await page.emulateMedia({ reducedMotion: 'reduce' });
      await openApp(page, site, '', { clearStorage: true });
      await expectPlaced(page, `${size} arrival at the bare address`, { focus: false });
      const rows = [];
      for (const [index, step] of STEP_IDS.entries()) {
        if (index > 0) {
          await page.click('#next');
          await waitForStep(page, step);
        }
        const p = await expectPlaced(page, `${size} Next to ${step}`);
        const tabs = await page.evaluate(() => {
          const grids = document.querySelectorAll('#step td[tabindex="0"], #step td input:not([tabindex="-1"])').length;
          const all = [...document.querySelectorAll('#step [tabindex="0"], #step input:not([tabindex="-1"]), #step button, #step select, #step summary, #step a[href]')]
            .filter((n) => !n.disabled && n.tabIndex >= 0).length;
          return { grids, all };
        });
        rows.push(`${step}: title y ${p.title}, first matrix y ${p.matrix}, Tab stops in the step ${tabs.all} (of which matrices ${tabs.grids})`);
        await screenshot(page, `learner-${defaultPreset.id}-${step}-${size}`);
      }
      report.push(`${size} ${viewport.width}×${viewport.height} (Next from step 1):`, ...rows.map((r) => `  ${r}`));
      for (const step of [...STEP_IDS].reverse().slice(1)) {
        await page.click('#prev');
        await waitForStep(page, step);
        await expectPlaced(page, `${size} Previous to ${step}`);
      }
      // The step list on a desktop, the pipeline map on a phone (the list is folded away there).
      const via = size === 'desktop' ? '#step-list' : '#pipeline-map';
      for (const step of ['softmax', 'scores', 'mask']) {
        await page.click(`${via} a[data-step="${step}"]`);
        await waitForStep(page, step);
        await expectPlaced(page, `${size} ${via} to ${step}`);
      }
      await page.evaluate(() => document.activeElement?.blur());
      await page.keyboard.press('ArrowLeft');
      await waitForStep(page, 'multihead');
      await expectPlaced(page, `${size} ← to multihead`);
      await page.keyboard.press('ArrowLeft');
      await waitForStep(page, 'output');
      await expectPlaced(page, `${size} ← to output`);
      // Arrival by a deep link.
      for (const step of ['softmax', 'mask']) {
        await openApp(page, site, hashOf(defaultPreset, step));
        await expectPlaced(page, `${size} arrival at ${step}`);
      }
      assertClean(page, `step first (${size})`);
      await page.close();
    });
  }
});

describe('the product laid out', () => {
  for (const [size, viewport] of Object.entries(SIZES)) {
    it(`${size}: the highlighted row of the left factor and column of the top factor cross at the cell (within 2 px)`, async () => {
      const page = await site.newPage({ viewport });
      await page.emulateMedia({ reducedMotion: 'reduce' });
      // The default example (read-only Q and Kᵀ) and 004 (given Q and K, edited in place there).
      const given = presets.find((p) => p.id === '004-3x2') ?? defaultPreset;
      for (const [preset, step, resultKey, leftKey, topKey] of [[defaultPreset, 'scores', 'scores', 'hq', 'hk'], [defaultPreset, 'output', 'out', 'weights', 'hv'], [given, 'scores', 'scores', 'hq', 'hk']]) {
        await openApp(page, site, hashOf(preset, step));
        const cells = await page.$$eval(`#step table[data-key="${resultKey}"] td.explainable`, (tds) => tds.map((td) => [Number(td.dataset.i), Number(td.dataset.j)]));
        assert.ok(cells.length > 0, `${step}: result cells`);
        for (const [i, j] of [cells[0], cells.at(-1), cells[Math.floor(cells.length / 2)]]) {
          const cell = page.locator(`#step table[data-key="${resultKey}"] td[data-i="${i}"][data-j="${j}"]`);
          await cell.scrollIntoViewIfNeeded();
          await cell.hover();
          const m = await page.evaluate(([r, l, tk]) => {
            const centre = (n) => { const b = n.getBoundingClientRect(); return { x: b.left + b.width / 2, y: b.top + b.height / 2 }; };
            const target = document.querySelector('#step td.target');
            const left = [...document.querySelectorAll(`#step table[data-key="${l}"] td.source-a`)].map(centre);
            const top = [...document.querySelectorAll(`#step table[data-key="${tk}"] td.source-b`)].map(centre);
            return { target: target && centre(target), key: target?.dataset.key, left, top };
          }, [resultKey, leftKey, topKey]);
          const where = `${size} ${preset.id}/${step} [${i}][${j}]`;
          assert.equal(m.key, resultKey, `${where}: the hovered cell is the target`);
          assert.ok(m.left.length > 0 && m.top.length > 0, `${where}: a row and a column are highlighted`);
          for (const c of m.left) assert.ok(Math.abs(c.y - m.target.y) <= 2, `${where}: ${leftKey}'s row centre y ${c.y} vs the cell's ${m.target.y}`);
          for (const c of m.top) assert.ok(Math.abs(c.x - m.target.x) <= 2, `${where}: ${topKey}'s column centre x ${c.x} vs the cell's ${m.target.x}`);
        }
        await screenshot(page, `learner-product-${preset.id}-${step}-${size}`);
      }
      assertClean(page, `product (${size})`);
      await page.close();
    });
  }
});

describe('motion', () => {
  it('under prefers-reduced-motion nothing moves; otherwise every change takes under 400 ms', async () => {
    const page = await site.newPage({ viewport: SIZES.desktop });
    const animationsAfterNext = async () => {
      await openApp(page, site, hashOf(defaultPreset, 'scores'));
      await page.click('#next');
      await waitForStep(page, 'scale');
      return page.evaluate(() => ({
        animations: document.getAnimations().map((a) => a.effect.getComputedTiming().duration),
        transition: getComputedStyle(document.querySelector('#step td')).transitionDuration,
      }));
    };
    await page.emulateMedia({ reducedMotion: 'no-preference' });
    const moving = await animationsAfterNext();
    assert.ok(moving.animations.length > 0, 'S′ grows out of S on Next (there is motion to remove)');
    for (const d of moving.animations) assert.ok(d > 0 && d < 400, `an animation of ${d} ms`);
    await page.emulateMedia({ reducedMotion: 'reduce' });
    const still = await animationsAfterNext();
    assert.deepEqual(still.animations, [], 'no animation under reduced motion');
    assert.match(still.transition, /^0s/, 'no transition under reduced motion');
    assertClean(page, 'motion');
    await page.close();
  });
});

describe('keyboard', () => {
  it('one Tab stop per result matrix; arrows move inside it and do not change the step', async () => {
    const page = await site.newPage({ viewport: SIZES.desktop });
    for (const step of STEP_IDS) {
      await openApp(page, site, hashOf(defaultPreset, step));
      const perTable = await page.$$eval('#step table.matrix', (tables) => tables.map((tb) => ({
        key: tb.dataset.key,
        cells: tb.querySelectorAll('td.explainable, td input').length,
        stops: tb.querySelectorAll('td[tabindex="0"], td input:not([tabindex="-1"])').length,
      })));
      for (const t of perTable) {
        assert.equal(t.stops, t.cells ? 1 : 0, `${step}: ${t.key} has ${t.stops} Tab stops among ${t.cells} cells`);
      }
    }
    await openApp(page, site, hashOf(defaultPreset, 'softmax'));
    const first = page.locator('#step table[data-key="weights"] td[tabindex="0"]');
    await first.focus();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowDown');
    const moved = await page.evaluate(() => ({ key: document.activeElement.dataset.key, i: document.activeElement.dataset.i, j: document.activeElement.dataset.j,
      step: document.querySelector('#step section.step').dataset.step, stops: document.querySelectorAll('#step table[data-key="weights"] td[tabindex="0"]').length }));
    assert.deepEqual(moved, { key: 'weights', i: '1', j: '1', step: 'softmax', stops: 1 }, 'the arrows moved inside A; the step stayed');
    await page.keyboard.press('Tab');
    const after = await page.evaluate(() => document.activeElement.closest('table')?.dataset.key ?? document.activeElement.tagName);
    assert.notEqual(after, 'weights', 'Tab leaves the matrix');
    // An editable matrix: Down moves a row, Right at the end of the text moves a column.
    await openApp(page, site, hashOf(defaultPreset, 'input'));
    await page.focus('#step input[data-matrix="x"][data-i="0"][data-j="0"]');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('End');
    await page.keyboard.press('ArrowRight');
    const cell = await page.evaluate(() => ({ i: document.activeElement.dataset.i, j: document.activeElement.dataset.j,
      stops: document.querySelectorAll('#step table[data-key="x"] input:not([tabindex="-1"])').length,
      step: document.querySelector('#step section.step').dataset.step }));
    assert.deepEqual(cell, { i: '1', j: '1', stops: 1, step: 'input' }, 'the arrows moved inside X; the step stayed');
    assertClean(page, 'keyboard');
    await page.close();
  });
});

describe('中文 and narrow screens', () => {
  it('no English caption, label or legend in 中文; captions use full-width punctuation; "示例" on one line', async () => {
    const page = await site.newPage({ viewport: SIZES.phone });
    await openApp(page, site, hashOf(defaultPreset, 'input'), { clearStorage: true });
    await page.click('#language button[data-lang="zh"]');
    await waitFor(page, () => document.querySelector('#step section.step')?.dataset.lang === 'zh');
    const tokens = new Set(presets.flatMap((p) => p.tokens ?? []).map((w) => w.toLowerCase()));
    const problems = [];
    for (const preset of [defaultPreset, presets.find((p) => p.id === '004-3x2')].filter(Boolean)) {
      for (const step of STEP_IDS) {
        await page.evaluate((h) => { location.hash = h; }, hashOf(preset, step));
        await waitForStep(page, step);
        const texts = await page.evaluate(() => [...document.querySelectorAll('#step figcaption, #step th.extra-label, #step .group-title, #step .legend-text, #step .errata > summary, #step .row-bars-title, #step .temperature-here label > span, #settings summary, #pipeline-map .map-symbol, #preset-intro summary .about')]
          .map((n) => {
            const copy = n.cloneNode(true);
            for (const drop of copy.querySelectorAll('.katex, .shape')) drop.remove();
            return { caption: n.tagName === 'FIGCAPTION', text: copy.textContent.trim() };
          }));
        for (const { caption, text } of texts) {
          // Symbols (S, QKᵀ, AV) are capitals; English words have lower-case runs.
          const words = (text.match(/[A-Za-z]*[a-z]{2,}[A-Za-z]*/g) ?? []).filter((w) => !tokens.has(w.toLowerCase()));
          if (words.length) problems.push(`${preset.id}/${step}: "${text}" has English (${words.join(', ')})`);
          if (caption && /, /.test(text)) problems.push(`${preset.id}/${step}: caption "${text}" uses a half-width comma`);
        }
        if (preset === defaultPreset && ['input', 'scores', 'softmax'].includes(step)) await screenshot(page, `learner-zh-${step}-phone`);
      }
    }
    assert.deepEqual(problems, [], 'English left in 中文');
    const label = await page.$eval('#preset-label', (n) => ({ h: n.getBoundingClientRect().height, line: parseFloat(getComputedStyle(n).lineHeight) || 24 }));
    assert.ok(label.h < label.line * 1.5, `"示例" takes one line (${label.h} px)`);
    assertClean(page, 'zh');
    await page.close();
  });

  it('no sideways scroll at 375 px: every step of every example, and the Performance page', async () => {
    const page = await site.newPage({ viewport: SIZES.phone });
    const wide = [];
    for (const preset of presets) {
      await openApp(page, site, hashOf(preset, 'input'));
      for (const step of STEP_IDS) {
        await page.evaluate((h) => { location.hash = h; }, hashOf(preset, step));
        await waitForStep(page, step);
        const w = await page.evaluate(() => document.documentElement.scrollWidth);
        if (w > 375) wide.push(`${preset.id}/${step}: ${w}`);
      }
    }
    await page.goto(`${site.base}perf.html`);
    await page.waitForLoadState('load');
    // The results as a finished run shows them (filled in here: the test does not run the benchmark).
    const perf = await page.evaluate(() => {
      const table = document.getElementById('results');
      table.hidden = false;
      document.getElementById('progress').hidden = false;
      for (const [n, build] of [[64, 'WASM SIMD128'], [256, 'WASM scalar'], [1024, 'plain JS']]) {
        const row = table.tBodies[0].insertRow();
        for (const text of [n, build, '123.456', '12.34', '12.3×', '1.2e-7']) row.insertCell().textContent = String(text);
      }
      return document.documentElement.scrollWidth;
    });
    if (perf > 375) wide.push(`perf.html: ${perf}`);
    await screenshot(page, 'learner-perf-phone');
    assert.deepEqual(wide, [], 'pages wider than 375 px');
    assertClean(page, '375 px');
    await page.close();
  });
});

describe('controls where they act', () => {
  it('an edit keeps the very element being typed in (nothing re-rendered under the caret), on every step that shows an input', async () => {
    const page = await site.newPage({ viewport: SIZES.desktop });
    const given = presets.find((p) => p.id === '004-3x2');
    const cases = [[defaultPreset, 'input', 'x'], [defaultPreset, 'projection', 'wq'], [given, 'scores', 'k'], [given, 'output', 'v']];
    for (const [preset, step, matrix] of cases) {
      await openApp(page, site, hashOf(preset, step));
      const selector = `#step input[data-matrix="${matrix}"][data-i="0"][data-j="1"]`;
      await page.focus(selector);
      await page.evaluate((sel) => { window.__typed = document.querySelector(sel); }, selector);
      const before = await page.evaluate(() => location.hash);
      await page.keyboard.press('End');
      await page.keyboard.type('5');
      await waitFor(page, (h) => location.hash !== h, before);
      const kept = await page.evaluate(() => document.activeElement === window.__typed && window.__typed.isConnected);
      assert.ok(kept, `${preset.id}/${step}: the focused ${matrix} cell is the same element after the edit`);
    }
    assertClean(page, 'edits in place');
    await page.close();
  });

  it('τ on the softmax step: the slider keeps the focus while the weights and the row\'s bars follow', async () => {
    const page = await site.newPage({ viewport: SIZES.desktop });
    await openApp(page, site, hashOf(defaultPreset, 'softmax'));
    const bars = () => page.$$eval('#step .row-bars .bar-value', (n) => n.map((x) => x.textContent));
    const before = await bars();
    await page.focus('#temperature-here');
    await page.evaluate(() => { window.__slider = document.activeElement; });
    for (let k = 0; k < 5; k++) await page.keyboard.press('ArrowRight');
    await waitFor(page, () => decodeURIComponent(location.hash).includes('scale=t:1.5'));
    const state = await page.evaluate(() => ({ same: document.activeElement === window.__slider, step: document.querySelector('#step section.step').dataset.step }));
    assert.deepEqual(state, { same: true, step: 'softmax' }, 'the arrows moved the slider, not the step, and it kept the focus');
    assert.notDeepEqual(await bars(), before, 'the bars follow τ');
    assertClean(page, 'τ');
    await page.close();
  });
});

describe('one name per thing', () => {
  it('captions carry the symbol and a word; the popover uses the symbol; hovering a cell lights its symbol in the formula', async () => {
    const page = await site.newPage({ viewport: SIZES.desktop });
    await page.emulateMedia({ reducedMotion: 'reduce' });
    // The softmax step's formula is about one row s, with no A in it: nothing to light there.
    for (const [step, key, symbol, inFormula] of [['scores', 'scores', 'S', true], ['softmax', 'weights', 'A', false], ['output', 'out', 'O', true]]) {
      // English captions: a remembered 中文 from an earlier test must not carry over.
      await openApp(page, site, hashOf(defaultPreset, step), { clearStorage: true });
      const captions = await page.$$eval('#step .work figcaption', (nodes) => nodes.map((n) => n.textContent));
      for (const c of captions) assert.match(c, /, the /, `${step}: caption "${c}" names its thing in words`);
      await page.hover(`#step table[data-key="${key}"] td[data-i="0"][data-j="1"]`);
      const shown = await page.evaluate(() => ({
        first: document.querySelector('#cell-popover p.arith')?.textContent ?? '',
        lit: [...document.querySelectorAll('#step .formula .term-lit')].map((n) => n.textContent),
        matrix: document.querySelector('#step td.target')?.closest('table').dataset.matrix,
      }));
      assert.equal(shown.matrix, symbol, `${step}: the table's data-matrix`);
      assert.ok(shown.first.startsWith(`${symbol}[1,2] = `), `${step}: the popover names ${symbol}[1,2]: "${shown.first}"`);
      if (inFormula) assert.ok(shown.lit.length > 0 && shown.lit.every((x) => x.toUpperCase() === symbol), `${step}: ${symbol} lit in the formula (${shown.lit})`);
    }
    assertClean(page, 'names');
    await page.close();
  });
});
