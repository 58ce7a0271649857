// links.test.mjs — getting around: deep links, ← → keys, Previous/Next, the step list, the
// browser's Back; hostile hashes (markup in cells and ids, bad JSON, unknown keys) are data, never
// markup; every link on the page leads somewhere.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  siteForFile, openApp, waitForStep, waitFor, setHash, assertClean, readTables, expectedStep, assertTables,
  presets, defaultPreset, presetById, STEP_IDS,
} from './harness.mjs';

const { site, page } = await siteForFile();

const second = presetById('003-2x2') ?? presets[1] ?? defaultPreset;

function where(p) {
  return p.evaluate(() => ({
    step: document.querySelector('#step section.step')?.dataset.step,
    preset: document.getElementById('preset').value,
    current: [...document.querySelectorAll('#step-list a[aria-current="step"]')].map((a) => a.dataset.step),
    hash: location.hash,
    focusInStep: document.activeElement?.id ?? null,
    link: document.querySelector('#messages .link-problem')?.textContent ?? null,
  }));
}

describe('deep links and moving between steps', () => {
  it(`#${second.id}/softmax opens that example at that step`, async () => {
    await openApp(page, site, `#${encodeURIComponent(second.id)}/softmax`, { clearStorage: true });
    const w = await where(page);
    assert.equal(w.step, 'softmax');
    assert.equal(w.preset, second.id);
    assert.deepEqual(w.current, ['softmax']);
    assert.equal(w.link, null, 'no link problem');
    assertTables(await readTables(page), expectedStep(second, 'softmax'), `${second.id}/softmax by deep link`);
    assertClean(page, 'deep link');
  });

  it('every step of every preset can be opened by its link', async () => {
    for (const preset of presets) {
      for (const step of STEP_IDS) {
        await setHash(page, `${encodeURIComponent(preset.id)}/${step}`);
        await waitForStep(page, step);
        const w = await where(page);
        assert.equal(w.preset, preset.id, `${preset.id}/${step}`);
        assert.equal(w.link, null, `${preset.id}/${step}: no link problem`);
      }
    }
    assertClean(page, 'all links');
  });

  it('→ and ← change the step (not while typing in a cell); Home of the list, Back', async () => {
    await openApp(page, site, `#${encodeURIComponent(defaultPreset.id)}/scale`);
    await page.locator('body').click({ position: { x: 2, y: 2 } }).catch(() => {});
    await page.evaluate(() => document.activeElement?.blur());
    await page.keyboard.press('ArrowRight');
    await waitForStep(page, 'softmax');
    await page.keyboard.press('ArrowRight');
    await waitForStep(page, 'output');
    assert.equal((await where(page)).focusInStep, 'step-title', 'the new step\'s title takes the focus');
    await page.keyboard.press('ArrowLeft');
    await waitForStep(page, 'softmax');
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    await waitForStep(page, 'scores');

    // At the ends nothing happens.
    await setHash(page, `${encodeURIComponent(defaultPreset.id)}/input`);
    await waitForStep(page, 'input');
    await page.evaluate(() => document.activeElement?.blur());
    await page.keyboard.press('ArrowLeft');
    await page.waitForTimeout(100);
    assert.equal((await where(page)).step, 'input', '← on the first step stays');

    // In a cell the arrows move the caret.
    const cell = page.locator('#step input[data-matrix]').first();
    await cell.focus();
    await page.keyboard.press('ArrowRight');
    await page.waitForTimeout(100);
    assert.equal((await where(page)).step, 'input', '→ inside a cell does not change the step');

    // Back returns to the previous step (steps are pushed to the history).
    await page.evaluate(() => document.activeElement?.blur());
    await page.click('#next');
    await waitForStep(page, 'projection');
    await page.click('#next');
    await waitForStep(page, 'scores');
    await page.goBack();
    await waitForStep(page, 'projection');
    assertClean(page, 'keys');
  });

  it('Previous / Next / the step list', async () => {
    await openApp(page, site, `#${encodeURIComponent(defaultPreset.id)}/input`);
    assert.ok(await page.isDisabled('#prev'), 'Previous is disabled on step 1');
    await page.click('#step-list a[data-step="mask"]');
    await waitForStep(page, 'mask');
    assert.ok(await page.isDisabled('#next'), 'Next is disabled on the last step');
    assert.deepEqual((await where(page)).current, ['mask']);
    await page.click('#prev');
    await waitForStep(page, 'multihead');
    await page.click('#step-list a[data-step="scores"]');
    await waitForStep(page, 'scores');
    await page.click('#next');
    await waitForStep(page, 'scale');
    const hrefs = await page.$$eval('#step-list a[data-step]', (as) => as.map((a) => [a.dataset.step, a.getAttribute('href')]));
    assert.deepEqual(hrefs.map(([s]) => s), STEP_IDS, 'the list has the 8 steps in order');
    for (const [step, href] of hrefs) assert.ok(href.startsWith(`#${encodeURIComponent(defaultPreset.id)}/${step}`), `${step}: ${href}`);
    assertClean(page, 'prev/next');
  });

  it('choosing a preset in the select opens it at the same step', async () => {
    await openApp(page, site, `#${encodeURIComponent(defaultPreset.id)}/softmax`);
    await page.selectOption('#preset', second.id);
    await waitFor(page, (id) => location.hash.startsWith(`#${encodeURIComponent(id)}/softmax`), second.id);
    assertTables(await readTables(page), expectedStep(second, 'softmax'), `${second.id} chosen in the select`);
    assertClean(page, 'preset select');
  });
});

describe('hostile links', () => {
  const publishedQ = (preset) => (preset.form === 'qkv' ? preset.q : preset.x).map((r) => r.map(String));
  const firstName = defaultPreset.form === 'qkv' ? 'q' : 'x';

  async function noInjection(p, what) {
    const found = await p.evaluate(() => ({
      img: document.querySelectorAll('img').length,
      inlineScripts: document.querySelectorAll('script:not([src])').length,
      bold: document.querySelectorAll('#messages b, #preset-intro b, #step b').length,
      iframes: document.querySelectorAll('iframe, object, embed').length,
      pwned: window.__pwned ?? null,
      markupInHtml: /<img|<script>|<b>/i.test(document.body.innerHTML),
    }));
    assert.deepEqual(found, { img: 0, inlineScripts: 0, bold: 0, iframes: 0, pwned: null, markupInHtml: false }, `${what}: nothing injected`);
  }

  async function cellsOf(p, matrix) {
    return p.$$eval(`#step input[data-matrix="${matrix}"]`, (inputs) => {
      const m = [];
      for (const input of inputs) (m[Number(input.dataset.i)] ??= [])[Number(input.dataset.j)] = input.value;
      return m;
    });
  }

  it('markup in cell texts is shown only as the text of the cells', async () => {
    const cells = publishedQ(defaultPreset);
    const evil = ['<img src=x onerror=window.__pwned=1>', '<script>window.__pwned=2</script>'];
    cells[0][0] = evil[0];
    cells[cells.length - 1][0] = evil[1];
    const inputs = {};
    for (const name of defaultPreset.form === 'qkv' ? ['q', 'k', 'v'] : ['x', 'wq', 'wk', 'wv']) inputs[name] = defaultPreset[name].map((r) => r.map(String));
    inputs[firstName] = cells;
    await openApp(page, site, `#${encodeURIComponent(defaultPreset.id)}/input?in=${encodeURIComponent(JSON.stringify(inputs))}`);
    await page.waitForTimeout(200);
    await noInjection(page, 'cells');
    const shown = await cellsOf(page, firstName);
    assert.equal(shown[0][0], evil[0], 'the first cell holds the text as typed');
    assert.equal(shown[cells.length - 1][0], evil[1]);
    const messages = await page.$$eval('#messages .input-problem li', (lis) => lis.map((li) => li.textContent));
    assert.equal(messages.length, 2, `two "not a number" messages: ${messages}`);
    assert.ok(messages.every((m) => m.includes('which is not a number')));
    assertClean(page, 'markup in cells');
  });

  // The default example's own matrix names (it may start from X or from Q, K, V).
  const ownNames = defaultPreset.form === 'qkv' ? ['q', 'k', 'v'] : ['x', 'wq', 'wk', 'wv'];
  const cases = [
    ['a preset id with markup', '#%3Cb%3Ex%3C%2Fb%3E/input', /no example called “<b>x<\/b>”/],
    ['a preset id with an img', `#${encodeURIComponent('<img src=x onerror=window.__pwned=3>')}/scores`, /no example called/],
    ['malformed JSON', `#${encodeURIComponent(defaultPreset.id)}/scores?in=%7Bbad`, /not valid JSON/],
    ['an unknown setting', `#${encodeURIComponent(defaultPreset.id)}/scores?foo=%3Cimg%20src%3Dx%3E`, /unknown setting “foo”/],
    ['an unknown matrix', `#${encodeURIComponent(defaultPreset.id)}/scores?in=${encodeURIComponent('{"zz":[["1"]]}')}`, /no matrix “zz”/],
    ['an unknown step', `#${encodeURIComponent(defaultPreset.id)}/%3Cscript%3E`, /no step called “(<script>|%3Cscript%3E)”/],
    ['a cell text too long', `#${encodeURIComponent(defaultPreset.id)}/input?in=${encodeURIComponent(JSON.stringify({ [ownNames[0]]: [['1'.repeat(5000)]] }))}`, /must be|missing/],
    ['a number where text belongs', `#${encodeURIComponent(defaultPreset.id)}/input?in=${encodeURIComponent(JSON.stringify(Object.fromEntries(ownNames.map((n) => [n, [[1]]]))))}`, /must be/],
    ['heads out of range', `#${encodeURIComponent(defaultPreset.id)}/scores?heads=99999`, /heads must be/],
    ['a bad scale', `#${encodeURIComponent(defaultPreset.id)}/scores?scale=t%3A1e9`, /scale must be/],
    ['a bad percent escape', '#%E0%A4%A/input', /not valid/],
  ];
  for (const [name, hash, message] of cases) {
    it(`${name}: the example as published, with a link message`, async () => {
      await openApp(page, site, hash);
      await page.waitForTimeout(50);
      await noInjection(page, name);
      const w = await where(page);
      assert.ok(w.link, `${name}: a .link-problem message`);
      assert.match(w.link, message);
      assert.ok(presets.some((p) => p.id === w.preset), 'a known preset is shown');
      assert.equal(await page.$$eval('#messages .input-problem', (n) => n.length), 0, 'no input problem: the published numbers are used');
      const firstMatrix = presets.find((p) => p.id === w.preset).form === 'qkv' ? 'q' : 'x';
      if (w.step === 'input') assert.deepEqual(await cellsOf(page, firstMatrix), publishedQ(presets.find((p) => p.id === w.preset)), 'the published numbers');
      else assertTables(await readTables(page), expectedStep(presets.find((p) => p.id === w.preset), w.step), `${name}: the published numbers`);
      assertClean(page, name);
    });
  }
});

describe('links on the page', () => {
  it('every link leads to a page of the site that exists', async () => {
    await openApp(page, site, '');
    const hrefs = await page.$$eval('a[href]', (as) => [...new Set(as.map((a) => a.href))]);
    const external = hrefs.filter((h) => !h.startsWith(site.base));
    assert.deepEqual(external, [], 'no link leaves the site');
    for (const href of hrefs.filter((h) => !new URL(h).hash || new URL(h).pathname !== '/')) {
      const response = await fetch(href.replace(/#.*$/, ''));
      assert.equal(response.status, 200, `${href} answers ${response.status}`);
      await response.arrayBuffer();
    }
    assertClean(page, 'links');
  });

  it('the Performance page loads without errors or outside requests', async () => {
    await openApp(page, site, '');
    const perf = await page.getAttribute('#perf-link', 'href');
    assert.ok(perf, 'a Performance link');
    await page.goto(new URL(perf, site.base).href);
    await page.waitForLoadState('load');
    await page.waitForTimeout(500);
    const title = await page.title();
    assert.ok(title.length > 0, 'it has a title');
    assertClean(page, 'perf page');
  });
});
