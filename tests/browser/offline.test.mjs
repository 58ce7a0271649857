// offline.test.mjs — after one visit the site works without a network (web/sw.js): the
// walk-through and the Performance page load, and the core computes.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startSite, openApp, waitForStep, readTables, expectedStep, assertTables, defaultPreset, screenshot } from './harness.mjs';

let site, page;
before(async () => {
  site = await startSite();
  page = await site.newPage();
});
after(async () => {
  await site?.context.setOffline(false);
  await site?.close();
});

describe('offline', () => {
  it('the walk-through and the Performance page load from the offline copy', async () => {
    await openApp(page, site, `#${defaultPreset.id}/softmax`);
    const scope = await page.evaluate(() => Promise.race([
      navigator.serviceWorker.ready.then((registration) => registration.scope),
      new Promise((resolve) => { setTimeout(() => resolve('no service worker after 10 s'), 10_000); }),
    ]));
    assert.equal(scope, site.base, 'the offline copy covers the whole site');

    await site.context.setOffline(true);
    const failed = [];
    page.on('requestfailed', (request) => failed.push(request.url()));
    await page.reload();
    await page.waitForFunction(() => document.body?.dataset.ready === 'true', null, { timeout: 15_000, polling: 20 });
    await waitForStep(page, 'softmax');
    assertTables(await readTables(page), expectedStep(defaultPreset, 'softmax'), 'softmax, offline');
    assert.ok(await page.$eval('#step .formula .katex', (n) => n.textContent.length > 0), 'the formula is typeset offline');
    await screenshot(page, 'offline-softmax');

    await page.goto(`${site.base}perf.html`);
    assert.ok(await page.$eval('#run', (n) => n.textContent.length > 0), 'the Performance page loads offline');
    assert.deepEqual(failed, [], 'no request failed while offline');
    await site.context.setOffline(false);
  });
});
