// editing.test.mjs — the learner changes things: a cell (recomputed by the core, kept in the URL,
// restored on reload), bad cells and bad settings (a message at the place, the typed text kept,
// the last good result still shown), the arithmetic of a pointed-at cell, mask/scale/heads
// settings, reset, and the "Why scale?" chart.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  siteForFile, openApp, waitForStep, waitFor, setHash, assertClean, readTables, matrixOf, expectedStep, assertTables,
  core, presets, defaultPreset, presetById, screenshot,
} from './harness.mjs';

const { site, page } = await siteForFile();

// The default preset, which is of given Q, K, V (004-3x2); the tests edit its Q.
const qkv = presets.find((p) => p.form === 'qkv');
const xPreset = presets.find((p) => p.form === 'x');
const hashOf = (preset, step, query = '') => `#${encodeURIComponent(preset.id)}/${step}${query}`;
const inputSel = (m, i, j) => `#step input[data-matrix="${m}"][data-i="${i}"][data-j="${j}"]`;
const qkvWithQ00 = (preset, value) => ({ q: preset.q.map((row, i) => row.map((x, j) => (i === 0 && j === 0 ? value : x))), k: preset.k, v: preset.v });

/** The result tables only (given Q and K are editable on the scores step and show what is typed). */
function resultsOnly(shown, expected) {
  const keys = Object.keys(expected).filter((k) => !expected[k].input);
  return [Object.fromEntries(keys.map((k) => [k, shown[k]])), Object.fromEntries(keys.map((k) => [k, expected[k]]))];
}

/** The settings drawer starts closed (the step comes first): open it. */
async function openSettings(p) {
  await p.evaluate(() => { document.querySelector('#settings details').open = true; });
}

async function state(p) {
  return p.evaluate(() => ({
    hash: decodeURIComponent(location.hash),
    banner: [...document.querySelectorAll('#messages .input-problem li')].map((li) => li.textContent),
    bannerRole: document.querySelector('#messages .input-problem')?.getAttribute('role') ?? null,
    lastGood: document.querySelector('#messages .input-problem .last-good') !== null,
    link: document.querySelector('#messages .link-problem')?.textContent ?? null,
    local: Object.fromEntries([...document.querySelectorAll('#step figure.problem')].map((f) => [f.dataset.key,
      [...f.querySelectorAll('.local-message')].map((m) => m.textContent)])),
    control: document.getElementById('control-message')?.textContent ?? null,
    controlProblem: document.getElementById('control-message')?.classList.contains('problem') ?? false,
    stale: document.querySelector('#step .work.stale') !== null,
  }));
}

describe('editing a cell', () => {
  it('Q[0][0] 1 → 2 recomputes the scores, goes into the hash, and survives a reload', async (t) => {
    const preset = presetById('004-3x2') ?? qkv;
    if (!preset) return t.skip('no preset of given Q, K, V');
    await openApp(page, site, hashOf(preset, 'input'), { clearStorage: true });
    await page.fill(inputSel('q', 0, 0), '2');
    await waitFor(page, () => decodeURIComponent(location.hash).includes('in='));
    const edited = qkvWithQ00(preset, 2);
    const hash = (await state(page)).hash;
    const inputs = JSON.parse(new URLSearchParams(hash.split('?')[1]).get('in'));
    assert.equal(inputs.q[0][0], '2', 'the hash holds the edit');
    assert.deepEqual(inputs.k, preset.k.map((r) => r.map(String)), 'and the other matrices as they were');

    await page.click('#next');
    await waitForStep(page, 'projection');
    await page.click('#next');
    await waitForStep(page, 'scores');
    const before = core.attention({ q: preset.q, k: preset.k, v: preset.v }).scores[0];
    const expected = expectedStep(preset, 'scores', { inputs: edited });
    assert.notDeepEqual(expected.scores.matrix[0], before, 'the edit changes row 0 of the scores');
    assertTables(await readTables(page), expected, 'scores after the edit');
    if (preset.id === '004-3x2') assert.deepEqual(matrixOf((await readTables(page)).scores)[0], [2, 2, 4]);

    await page.reload();
    await waitFor(page, () => document.body.dataset.ready === 'true', null, 15_000);
    await waitForStep(page, 'scores');
    assertTables(await readTables(page), expected, 'scores after a reload');
    await setHash(page, (await state(page)).hash.replace('/scores', '/input'));
    await waitForStep(page, 'input');
    assert.equal(await page.inputValue(inputSel('q', 0, 0)), '2', 'the reloaded page shows the edited cell');
    const errata = await page.evaluate(() => [...document.querySelectorAll('#step details.errata')].every((a) => a.querySelector('.edited') !== null));
    assert.ok(errata, 'the errata panel says the numbers were edited (when it shows errata)');
    assertClean(page, 'edit + reload');
  });

  it('an X preset recomputes its projections on the projection step', async (t) => {
    if (!xPreset) return t.skip('no preset of X');
    await openApp(page, site, hashOf(xPreset, 'projection'));
    await page.fill(inputSel('x', 0, 0), '3');
    await waitFor(page, () => decodeURIComponent(location.hash).includes('"3"'));
    const inputs = { x: xPreset.x.map((row, i) => row.map((v, j) => (i === 0 && j === 0 ? 3 : v))), wq: xPreset.wq, wk: xPreset.wk, wv: xPreset.wv, wo: xPreset.wo };
    assertTables(await readTables(page), expectedStep(xPreset, 'projection', { inputs }), `${xPreset.id} projection after X[0][0] = 3`);
    assertClean(page, 'x edit');
  });

  it('Reset brings back the example', async () => {
    await openApp(page, site, hashOf(qkv, 'input'));
    await page.fill(inputSel('q', 0, 1), '9');
    await waitFor(page, () => location.hash.includes('in='));
    await openSettings(page);
    await page.click('#reset');
    await waitFor(page, () => !location.hash.includes('in='));
    assert.equal(await page.inputValue(inputSel('q', 0, 1)), String(qkv.q[0][1]));
    assertClean(page, 'reset');
  });
});

describe('bad input: a message at the place, the text kept, the last good result shown', () => {
  // Types `text` into Q[0][1] on the input step, then checks the message there and, two steps
  // on, the last good scores (stale) with the message still up.
  async function badCell(text, message, matrixKey = 'q') {
    await openApp(page, site, hashOf(qkv, 'input'), { clearStorage: true });
    const good = expectedStep(qkv, 'scores');
    await page.fill(inputSel('q', 0, 1), text);
    await waitFor(page, () => document.querySelector('#messages .input-problem') !== null);
    let s = await state(page);
    assert.deepEqual(s.banner, [message], 'the message at the top');
    assert.equal(s.bannerRole, 'alert');
    assert.deepEqual(s.local[matrixKey], [message], `the message next to the matrix ${matrixKey}`);
    assert.equal(await page.inputValue(inputSel('q', 0, 1)), text, 'the typed text stays in the cell');
    if (text !== '' && !message.includes('Infinity')) {
      assert.equal(await page.getAttribute(inputSel('q', 0, 1), 'aria-invalid'), 'true', 'the cell is marked invalid');
    }
    await screenshot(page, `bad-${text === '' ? 'empty' : text.replace(/\W/g, '_')}-input`);

    await page.keyboard.press('Escape');
    await page.click('#next');
    await waitForStep(page, 'projection');
    await page.click('#next');
    await waitForStep(page, 'scores');
    s = await state(page);
    assert.deepEqual(s.banner, [message], 'the message stays up on later steps');
    assert.ok(s.stale && s.lastGood, 'the last good result is shown, marked as such');
    const shown = await readTables(page);
    assertTables(...resultsOnly(shown, good), 'the last good scores');
    assert.equal(shown.hq.inputs.find((c) => c.i === 0 && c.j === 1).value, text, 'Q on the scores step holds what was typed');
    await setHash(page, (await state(page)).hash.replace('/scores', '/input'));
    await waitForStep(page, 'input');
    assert.equal(await page.inputValue(inputSel('q', 0, 1)), text, 'nothing typed is lost');
    assertClean(page, `bad cell "${text}"`);
  }

  it('an empty cell', () => badCell('', 'Q[1,2] is empty: type a number.'));
  it('text in a cell', () => badCell('abc', 'Q[1,2] holds “abc”, which is not a number.'));
  it('1e999 (the core refuses Infinity)', () => badCell('1e999', 'Q[0][1] is Infinity; every entry must be a finite number'));

  it('K narrower than Q, from a crafted link: the core\'s message at K', async () => {
    const narrow = { q: qkv.q.map((r) => r.map(String)), k: qkv.k.map((r) => [String(r[0])]), v: qkv.v.map((r) => r.map(String)) };
    let expected;
    try { core.attention({ q: qkv.q, k: narrow.k.map((r) => r.map(Number)), v: qkv.v }); } catch (err) { expected = err.message; }
    assert.ok(expected, 'the core refuses it');
    // First the example (a last good result), then the link, as a learner pasting it would.
    await openApp(page, site, hashOf(qkv, 'scores'), { clearStorage: true });
    await setHash(page, `${encodeURIComponent(qkv.id)}/scores?in=${encodeURIComponent(JSON.stringify(narrow))}`);
    await waitFor(page, () => document.querySelector('#messages .input-problem') !== null);
    const s = await state(page);
    assert.deepEqual(s.banner, [expected]);
    assert.ok(s.stale && s.lastGood, 'the last good scores stay');
    assertTables(...resultsOnly(await readTables(page), expectedStep(qkv, 'scores')), 'last good scores');
    await setHash(page, s.hash.replace('/scores', '/input'));
    await waitForStep(page, 'input');
    const at = await state(page);
    const key = /^K\b/.test(expected) ? 'k' : 'q';
    assert.deepEqual(at.local[key], [expected], `the message is at ${key.toUpperCase()}`);
    assert.equal(await page.inputValue(inputSel('k', 2, 0)), narrow.k[2][0]);
    await screenshot(page, 'bad-narrow-k-input');
    assertClean(page, 'narrow K');
  });

  it('heads are offered only as divisors of the widths; a link with other heads opens with a message', async () => {
    await openApp(page, site, hashOf(qkv, 'multihead'), { clearStorage: true });
    const widths = [qkv.q[0].length, qkv.v[0].length];
    const divisors = Array.from({ length: Math.min(...widths) }, (_, i) => i + 1).filter((h) => widths.every((w) => w % h === 0));
    const offered = await page.$$eval('#heads option', (options) => options.map((o) => Number(o.value)));
    assert.deepEqual(offered, divisors, 'the Heads menu lists exactly the divisors of the widths');
    const bad = [3, 4, 5, 6, 7, 17].find((h) => widths.some((w) => w % h !== 0));
    await setHash(page, `${encodeURIComponent(qkv.id)}/multihead?heads=${bad}`);
    await waitFor(page, () => document.querySelector('#messages .link-problem') !== null);
    const s = await state(page);
    assert.match(s.hash, /\/multihead/, 'still at the multi-head step');
    assert.equal(await page.inputValue('#heads'), String(qkv.heads ?? 1), 'the example\'s own heads');
    assert.match(await page.textContent('#messages .link-problem'), new RegExp(`heads = ${bad} does not divide`));
    assertTables(await readTables(page), expectedStep(qkv, 'multihead'), 'the example as published');
    assertClean(page, 'heads');
  });
});

describe('a link whose numbers are bad', () => {
  it('opens on the cell with its message, keeps the text, and computes once it is fixed', async () => {
    const x = xPreset;
    const inputs = Object.fromEntries(['x', 'wq', 'wk', 'wv', 'wo'].filter((name) => x[name])
      .map((name) => [name, x[name].map((row) => row.map(String))]));
    inputs.wq[0][0] = 'two';
    await openApp(page, site, hashOf(x, 'projection', `?in=${encodeURIComponent(JSON.stringify(inputs))}`), { clearStorage: true });
    const message = 'W_Q[1,1] holds “two”, which is not a number.';
    let s = await state(page);
    assert.equal(s.link, null, 'well-formed data: not a link problem');
    assert.deepEqual(s.banner, [message]);
    assert.deepEqual(s.local.wq, [message], 'the message at W_Q, on the step that owns it');
    assert.equal(await page.inputValue(inputSel('wq', 0, 0)), 'two', 'the text from the link is in the cell');
    await page.fill(inputSel('wq', 0, 0), String(x.wq[0][0]));
    await waitFor(page, () => document.querySelector('#messages .input-problem') === null);
    assertTables(await readTables(page), expectedStep(x, 'projection'), 'computed once fixed');
    assertClean(page, 'bad numbers in a link');
  });
});

describe('pointing at a result cell shows its arithmetic', () => {
  it('S[3,2] of 004: "q₃ · k₂", "5×0 + 6×1", "6", with the row of Q and the column of Kᵀ marked, factors coloured', async (t) => {
    const preset = presetById('004-3x2');
    if (!preset) return t.skip('no preset 004-3x2');
    await openApp(page, site, hashOf(preset, 'scores'));
    await page.hover('#step table[data-key="scores"] td[data-i="2"][data-j="1"]');
    await waitFor(page, () => document.querySelectorAll('#explanation p.arith').length > 0);
    const got = await page.evaluate(() => ({
      lines: [...document.querySelectorAll('#explanation p.arith')].map((p) => p.textContent),
      target: [...document.querySelectorAll('#step td.target')].map((td) => `${td.closest('table').dataset.key}[${td.dataset.i}][${td.dataset.j}]`),
      sources: [...document.querySelectorAll('#step td.source')].map((td) => `${td.closest('table').dataset.key}[${td.dataset.i}][${td.dataset.j}]`).sort(),
    }));
    assert.deepEqual(got.lines, ['S[3,2] = q₃ · k₂', '= 5×0 + 6×1', '= 6']);
    assert.deepEqual(got.target, ['scores[2][1]']);
    // Kᵀ's column 2 (cells [0][1], [1][1]) and Q's row 3.
    assert.deepEqual(got.sources, ['hk[0][1]', 'hk[1][1]', 'hq[2][0]', 'hq[2][1]']);
    const factors = await page.$$eval('#cell-popover .factor', (spans) => spans.map((s) => `${s.className.split(' ').at(-1)}:${s.textContent}`));
    assert.deepEqual(factors, ['factor-a:5', 'factor-b:0', 'factor-a:6', 'factor-b:1'], 'each factor takes the colour of its source');
    // The same lines beside the cell, just below (or above) it, and gone when the pointer leaves.
    const popover = await page.evaluate(() => {
      const box = document.getElementById('cell-popover');
      const cell = document.querySelector('#step table[data-key="scores"] td[data-i="2"][data-j="1"]').getBoundingClientRect();
      const r = box.getBoundingClientRect();
      return { hidden: box.hidden, lines: [...box.querySelectorAll('p.arith')].map((p) => p.textContent),
        near: Math.abs(r.top - cell.bottom) < 20 || Math.abs(r.bottom - cell.top) < 20 };
    });
    assert.deepEqual(popover, { hidden: false, lines: got.lines, near: true }, 'the popover beside the cell');
    await page.mouse.move(5, 5);
    await waitFor(page, () => document.getElementById('cell-popover').hidden);
    // Keyboard: focusing another cell explains it too.
    await page.focus('#step table[data-key="scores"] td[data-i="0"][data-j="0"]');
    await waitFor(page, () => document.querySelector('#explanation p.arith')?.textContent.startsWith('S[1,1]'));
    await screenshot(page, 'explain-score-0-0');
    assertClean(page, 'explain');
  });

  it('every explainable cell of every step of the default preset explains itself with its own value', async () => {
    await openApp(page, site, hashOf(defaultPreset, 'input'));
    let count = 0;
    for (const step of ['projection', 'scores', 'scale', 'softmax', 'output', 'multihead', 'mask']) {
      await setHash(page, `${encodeURIComponent(defaultPreset.id)}/${step}`);
      await waitForStep(page, step);
      const problems = await page.evaluate(() => {
        const out = [];
        for (const td of document.querySelectorAll('#step td.explainable')) {
          td.dispatchEvent(new FocusEvent('focusin', { bubbles: true }));
          const lines = [...document.querySelectorAll('#explanation p.arith')].map((p) => p.textContent);
          const key = `${td.closest('table').dataset.key}[${td.dataset.i}][${td.dataset.j}]`;
          if (lines.length === 0) out.push(`${key}: no arithmetic`);
          else if (!td.classList.contains('target')) out.push(`${key}: not marked as the target`);
          else if (!td.classList.contains('masked') && !lines.at(-1).endsWith(`= ${td.textContent}`) && !lines.at(-1).includes(`= ${td.textContent}:`)) out.push(`${key}: last line "${lines.at(-1)}" is not the cell's "${td.textContent}"`);
        }
        return { out, n: document.querySelectorAll('#step td.explainable').length };
      });
      assert.deepEqual(problems.out, [], `${step}: explanations`);
      count += problems.n;
    }
    assert.ok(count > 20, `explained ${count} cells`);
    assertClean(page, 'explain all');
  });
});

describe('settings', () => {
  it('causal mask, scale 1 and temperature 2 give the core\'s numbers', async () => {
    await openApp(page, site, hashOf(qkv, 'softmax'));
    await openSettings(page);
    await page.check('input[name="mask"][value="causal"]');
    await waitFor(page, () => location.hash.includes('mask=causal'));
    assertTables(await readTables(page), expectedStep(qkv, 'softmax', { mask: 'causal' }), 'softmax, causal');
    const masked = await page.$$eval('#step table[data-key="scaled"] td.masked', (tds) => tds.map((td) => `${td.dataset.value}|${td.textContent}`));
    assert.ok(masked.length > 0 && masked.every((m) => m === '-Infinity|−∞'), `masked cells read −∞: ${masked}`);

    await page.check('input[name="scale"][value="one"]');
    await waitFor(page, () => location.hash.includes('scale=one'));
    assertTables(await readTables(page), expectedStep(qkv, 'softmax', { mask: 'causal', scale: 1 }), 'softmax, causal, scale 1');

    await page.check('input[name="scale"][value="temperature"]');
    await page.$eval('#temperature', (n) => { n.value = '2'; n.dispatchEvent(new Event('input', { bubbles: true })); });
    await waitFor(page, () => location.hash.includes('scale=t%3A2') || decodeURIComponent(location.hash).includes('scale=t:2'));
    assertTables(await readTables(page), expectedStep(qkv, 'softmax', { mask: 'causal', scale: 1 / 2 }), 'softmax, τ = 2 (the page passes 1/τ)', 4);
    assertClean(page, 'settings');
  });

  it('two heads on an X preset: the head picker switches the head of steps 3–6', async (t) => {
    const preset = presets.find((p) => p.form === 'x' && (p.heads ?? 1) > 1);
    if (!preset) return t.skip('no X preset with several heads');
    await openApp(page, site, hashOf(preset, 'scores'));
    assertTables(await readTables(page), expectedStep(preset, 'scores', {}, 0), `${preset.id} head 1`);
    await page.click('#step .head-picker button[data-head="1"]');
    await waitFor(page, () => location.hash.includes('head=1'));
    assertTables(await readTables(page), expectedStep(preset, 'scores', {}, 1), `${preset.id} head 2`);
    assertClean(page, 'head picker');
  });
});

describe('"Why scale?"', () => {
  it('the d_k slider moves the chart and the figures match core.scaleExperiment', async () => {
    await openApp(page, site, hashOf(defaultPreset, 'scale'));
    assert.ok(await page.$('#why-scale svg'), 'a chart');
    for (const exponent of [1, 6, 10]) {
      await page.$eval('#why-dk', (n, e) => { n.value = String(e); n.dispatchEvent(new Event('input', { bubbles: true })); }, exponent);
      const dk = 2 ** exponent;
      const text = await page.textContent('#why-scale .why-figures');
      const r = core.scaleExperiment({ dk, keys: 16, samples: 64, seed: 7 });
      assert.ok(text.includes(`d_k = ${dk}`), `figures at d_k = ${dk}: ${text}`);
      for (const x of [r.unscaled.maxWeight, r.scaled.maxWeight, r.unscaled.entropyShare, r.scaled.entropyShare]) {
        assert.ok(text.includes(x.toFixed(3)), `"${text}" shows ${x.toFixed(3)} (core.scaleExperiment, seed 7)`);
      }
    }
    await screenshot(page, 'why-scale-dk1024');
    assertClean(page, 'why scale');
  });
});
