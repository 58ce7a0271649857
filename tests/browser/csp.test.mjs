// csp.test.mjs — the page, the Performance page with its worker, and the service worker run
// under the site's Content-Security-Policy (header from scripts/serve.mjs and the same <meta> tag)
// with no violation; and the policy is in force (an injected inline script is refused).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { siteForFile, openApp, waitForStep, waitFor, readTables, expectedStep, assertTables, defaultPreset } from './harness.mjs';

const { site } = await siteForFile({});

/** A page that records every CSP violation event and every console line about the policy. */
async function watchedPage() {
  const page = await site.newPage();
  page.cspConsole = [];
  page.on('console', (message) => {
    if (/Content Security Policy|Content-Security-Policy/i.test(message.text())) page.cspConsole.push(message.text());
  });
  await page.addInitScript(() => {
    window.cspViolations = [];
    document.addEventListener('securitypolicyviolation', (event) => {
      window.cspViolations.push(`${event.effectiveDirective} blocked ${event.blockedURI || 'inline'} at ${event.sourceFile}:${event.lineNumber}`);
    });
  });
  return page;
}

async function assertNoViolation(page, where) {
  const events = await page.evaluate(() => window.cspViolations);
  assert.deepEqual(events, [], `${where}: securitypolicyviolation events`);
  assert.deepEqual(page.cspConsole, [], `${where}: console messages about the policy`);
  assert.deepEqual(page.watch.errors.splice(0), [], `${where}: console errors`);
}

describe('Content-Security-Policy', () => {
  it('the walk-through and the service worker run under it with no violation', async () => {
    const page = await watchedPage();
    const response = await page.goto(site.base);
    assert.match(response.headers()['content-security-policy'] ?? '', /script-src 'self' 'wasm-unsafe-eval'/);
    await openApp(page, site, `#${defaultPreset.id}/softmax`);
    await waitForStep(page, 'softmax');
    assertTables(await readTables(page), expectedStep(defaultPreset, 'softmax'), 'softmax under the CSP');
    assert.ok(await page.$eval('#step .formula .katex', (n) => n.textContent.length > 0), 'KaTeX typesets under the CSP');
    const scope = await page.evaluate(() => Promise.race([
      navigator.serviceWorker.ready.then((registration) => registration.active?.state),
      new Promise((resolve) => { setTimeout(() => resolve('no service worker after 10 s'), 10_000); }),
    ]));
    assert.ok(['activating', 'activated'].includes(scope), `the service worker runs: ${scope}`);
    for (const step of ['multihead', 'mask']) {
      await openApp(page, site, `#${defaultPreset.id}/${step}`);
      await waitForStep(page, step);
    }
    await assertNoViolation(page, 'the walk-through');

    // The policy is in force: an inline script added at run time does not run.
    await page.evaluate(() => {
      const script = document.createElement('script');
      script.textContent = 'window.inlineRan = true';
      document.body.append(script);
    });
    await waitFor(page, () => window.cspViolations.length > 0);
    assert.equal(await page.evaluate(() => window.inlineRan), undefined, 'the inline script was refused');
    await page.close();
  });

  it('the Performance page and its worker compile and run both wasm builds with no violation', async () => {
    const page = await watchedPage();
    await page.goto(`${site.base}perf.html`);
    await page.click('#run');
    await waitFor(page, () => document.querySelectorAll('#results tbody tr').length > 0 || !document.getElementById('message').hidden, null, 30_000);
    assert.equal(await page.$eval('#message', (n) => n.hidden ? '' : n.textContent), '', 'the worker reported no error');
    await assertNoViolation(page, 'perf.html and its worker');
    await page.close();   // ends the worker; the rest of the measurement is not needed here
  });
});
