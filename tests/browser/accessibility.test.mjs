// accessibility.test.mjs — axe-core (from npm, injected into the page) finds no WCAG 2 A/AA or
// best-practice violation: labels for screen readers, contrast (also of the heatmap's text),
// table headers, landmarks, names of controls. Every step of the default preset in both
// languages, every preset's softmax and multi-head steps, an input error, and perf.html.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { siteForFile, openApp, waitForStep, setHash, assertClean, presets, defaultPreset, STEP_IDS, axeViolations } from './harness.mjs';

const { site, page } = await siteForFile();

const violations = () => axeViolations(page);

describe('accessibility (axe-core)', () => {
  it('every step of the default preset, in English and in 中文', async () => {
    for (const lang of ['en', 'zh']) {
      await openApp(page, site, `#${defaultPreset.id}/input`, { clearStorage: true });
      if (lang === 'zh') await page.click('#language button[data-lang="zh"]');
      for (const step of STEP_IDS) {
        await setHash(page, `#${defaultPreset.id}/${step}`);
        await waitForStep(page, step);
        assert.deepEqual(await violations(), [], `${defaultPreset.id}/${step} (${lang})`);
      }
    }
    assertClean(page, 'accessibility walk');
  });

  it('the softmax and multi-head steps of every preset (the heatmaps and the head tables)', async () => {
    for (const preset of presets) {
      for (const step of ['softmax', 'multihead', 'mask']) {
        await openApp(page, site, `#${preset.id}/${step}`);
        assert.deepEqual(await violations(), [], `${preset.id}/${step}`);
      }
    }
    assertClean(page, 'accessibility of every preset');
  });

  it('an input error, and the Performance page', async () => {
    await openApp(page, site, `#${defaultPreset.id}/input`);
    await page.fill('#step input[data-matrix]', 'abc');
    await page.waitForFunction(() => document.querySelector('#messages .input-problem') !== null);
    assert.deepEqual(await violations(), [], 'with an input error on screen');
    await page.goto(`${site.base}perf.html`);
    assert.deepEqual(await violations(), [], 'perf.html');
    assertClean(page, 'accessibility of errors and perf.html');
  });
});
