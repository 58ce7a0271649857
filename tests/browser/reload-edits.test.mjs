// reload-edits.test.mjs — whatever a cell accepts, the page's own link restores: a valid number
// longer than 40 characters, typed into K[0][0], survives a reload (issue 10, item 10).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { siteForFile, openApp, waitFor, assertClean, presets } from './harness.mjs';

const { site, page } = await siteForFile();

const preset = presets.find((p) => p.form === 'qkv');
const cell = (m, i, j) => `#step input[data-matrix="${m}"][data-i="${i}"][data-j="${j}"]`;

describe('a reload keeps the edits', () => {
  it('a valid 44-character number in K[0][0] is in the link and comes back on reload', async () => {
    const long = `7.${'0'.repeat(41)}1`;
    assert.equal(long.length, 44);
    assert.equal(Number(long), 7, 'a valid number (7 in float32 and float64)');
    await openApp(page, site, `#${encodeURIComponent(preset.id)}/input`, { clearStorage: true });
    await page.fill(cell('k', 0, 0), long);
    await waitFor(page, (text) => decodeURIComponent(location.hash).includes(text), long);
    await page.reload();
    await page.waitForFunction(() => document.body?.dataset.ready === 'true', null, { timeout: 15_000, polling: 20 });
    assert.equal(await page.inputValue(cell('k', 0, 0)), long, 'K[0][0] after the reload');
    assert.equal(await page.$('#messages .link-problem'), null, 'the page found nothing wrong with its own link');
    assertClean(page, 'the reload');
  });
});
