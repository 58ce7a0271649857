// first-load.test.mjs — the walk-through's first visit (fresh profile) is light: what the page
// fetches for its first step (performance.mark('first-usable-step') in main.js), the fonts of its
// formulas included, is at most 250 KB on the wire; KaTeX's script is never fetched (the formulas
// were typeset at build time, scripts/typeset.mjs) while every formula is KaTeX markup, through
// every step in both languages, and a formula typeset live imports KaTeX's module; each module of
// the walk-through is preloaded (index.html's generated list) and fetched once; and the first step
// shows the core's numbers and Next works. Times are bench/first-load.mjs's business.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { siteForFile, waitFor, waitForStep, readTables, expectedStep, assertTables, assertClean, defaultPreset, presets, STEP_IDS, screenshot, webRoot } from './harness.mjs';
import { preloadLines } from '../../scripts/modulepreload.mjs';

const BUDGET_BYTES = 200_000;   // issue 12 asks ≤ 250 KB; the bundled site needs ~170 KB, fonts included
const { site } = await siteForFile({});   // the site alone: each test opens its own fresh pages

/** The files the page fetched (Resource Timing, the document first): { path, bytes on the wire, start }. */
const fetched = (page, base) => page.evaluate((origin) => [
  ...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource'),
].map((e) => ({ path: e.name.startsWith(origin) ? e.name.slice(origin.length) : e.name, bytes: e.transferSize, start: e.startTime })), base);

const isKatexScript = (path) => /vendor\/katex\/katex(\.min)?\.m?js$/.test(path);

describe('first load', () => {
  it('fetches at most 250 KB for the first step (its fonts included), no KaTeX script, each preloaded module once; the first step works', async (t) => {
    const page = await site.newPage();
    await page.goto(site.base);
    await waitFor(page, () => performance.getEntriesByName('first-usable-step').length > 0, null, 30_000);
    const usableAt = await page.evaluate(() => performance.getEntriesByName('first-usable-step')[0].startTime);
    // Everything the page fetched once it has loaded and its fonts are in: the files of the first
    // step and the KaTeX fonts its formulas use (requested while the step is laid out, so on either
    // side of the mark); not the service worker's copies (registered later, not the page's).
    await waitFor(page, () => document.readyState === 'complete', null, 15_000);
    await page.evaluate(() => document.fonts.ready.then(() => undefined));
    const all = await fetched(page, site.base);
    const beforeUsable = all.filter((f) => f.start <= usableAt);
    const bytes = all.reduce((sum, f) => sum + f.bytes, 0);
    t.diagnostic(`the first visit: ${all.length} files, ${bytes} bytes on the wire; ${beforeUsable.length} of them requested before the first usable step`);
    assert.ok(bytes > 0 && all.every((f) => f.bytes > 0), 'every file came over the network (a fresh profile)');
    assert.ok(bytes <= BUDGET_BYTES, `the first visit fetched ${bytes} bytes; the budget is ${BUDGET_BYTES}: ` +
      all.map((f) => `${f.path} ${f.bytes}`).join(', '));
    assert.deepEqual(all.filter((f) => isKatexScript(f.path)).map((f) => f.path), [], "KaTeX's script is not fetched");

    const preloaded = (await preloadLines(webRoot)).map((line) => /href="([^"]+)"/.exec(line)[1]);
    const paths = all.map((f) => f.path);
    assert.deepEqual(paths.filter((p, i) => paths.indexOf(p) !== i), [], 'no file fetched twice (a preload the page did not use as preloaded)');
    assert.deepEqual(beforeUsable.map((f) => f.path).filter((p) => p.endsWith('.js')).sort(), preloaded.filter((p) => p.endsWith('.js')).sort(),
      'the modules the page ran are the preloaded ones');
    assert.ok(paths.includes(preloaded.find((p) => p.endsWith('.wasm'))), 'the preloaded wasm is the one the page loaded');

    assertTables(await readTables(page), expectedStep(defaultPreset, STEP_IDS[0]), 'first step');
    // The other examples came after the mark (a chunk of their own): the menu lists them all.
    await waitFor(page, (count) => document.querySelectorAll('#preset option').length === count, presets.length);
    await page.click('#next');
    await waitForStep(page, STEP_IDS[1]);
    assertClean(page, 'the first visit');
    await page.close();
  });

  it('every formula of every step, in both languages, is KaTeX markup, and KaTeX\'s script is never fetched', async (t) => {
    const page = await site.newPage();
    await page.goto(`${site.base}#${encodeURIComponent(defaultPreset.id)}/${STEP_IDS[0]}`);
    await waitFor(page, () => document.body?.dataset.ready === 'true', null, 15_000);
    for (const lang of ['en', 'zh']) {
      await page.click(`#language button[data-lang="${lang}"]`);
      for (const step of STEP_IDS) {
        await page.evaluate((hash) => { location.hash = hash; }, `#${encodeURIComponent(defaultPreset.id)}/${step}`);
        await waitForStep(page, step);
        const formulas = await page.evaluate(() => {
          const display = [...document.querySelectorAll('#step .formula')];
          return { display: display.length, typeset: display.filter((f) => f.querySelector('.katex .katex-html')).length, katex: document.querySelectorAll('.katex').length };
        });
        assert.ok(formulas.display >= 1 && formulas.typeset === formulas.display, `${lang} ${step}: ${formulas.typeset} of ${formulas.display} display formulas typeset`);
        assert.ok(formulas.katex > formulas.display, `${lang} ${step}: inline formulas typeset too`);
      }
      await screenshot(page, `first-load-${lang}-mask`);
    }
    await page.waitForTimeout(300);
    const all = await fetched(page, site.base);
    assert.deepEqual(all.filter((f) => isKatexScript(f.path)).map((f) => f.path), [], "KaTeX's script is not fetched");
    const fonts = all.filter((f) => f.path.endsWith('.woff2')).map((f) => f.path.split('/').pop());
    t.diagnostic(`fonts fetched: ${fonts.join(', ')}`);
    assert.ok(fonts.length > 0 && fonts.length < 10, `only the fonts the formulas use: ${fonts.join(', ')}`);
    assertClean(page, 'the walk through every step');
    await page.close();
  });

  it('a formula not typeset at build time (another precision) is typeset once KaTeX\'s module has loaded', async () => {
    const page = await site.newPage();
    await page.goto(`${site.base}#${encodeURIComponent(defaultPreset.id)}/scale`);
    await waitFor(page, () => document.body?.dataset.ready === 'true', null, 15_000);
    const katexModule = page.waitForRequest((request) => request.url().endsWith('/vendor/katex/katex.mjs'));
    await page.selectOption('#precision', '6');
    await katexModule;
    await waitFor(page, () => {
      const line = document.querySelector('#step .scale-value');
      return line && /0\.707107/.test(line.textContent) && line.querySelectorAll(':scope > span').length > 0 &&
        [...line.querySelectorAll(':scope > span')].every((span) => span.querySelector('.katex .katex-html'));
    }, null, 10_000);
    assertClean(page, 'a formula typeset live');
    await page.close();
  });
});
