// offline.test.mjs — after one visit the site works without a network (web/sw.js): the
// walk-through and the Performance page load, and the core computes; and the offline copy is one
// build: visit build A, rebuild to B, revisit online, go offline: every file comes from B, and
// A's cache is gone. Each test serves its own copy of the site, with its offline list written
// fresh (scripts/offline-manifest.mjs), so it can be "rebuilt".
import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { appendFileSync, cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSite, openApp, waitForStep, readTables, expectedStep, assertTables, defaultPreset, screenshot, repoRoot, webRoot } from './harness.mjs';

const sites = [];
const folders = [];
after(async () => {
  for (const site of sites) {
    await site.context.setOffline(false).catch(() => {});
    await site.close();
  }
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

/** Writes the folder's offline list and returns it: { version, files: { path: sha256 } }. */
function writeOfflineList(folder) {
  execFileSync(process.execPath, [join(repoRoot, 'scripts/offline-manifest.mjs'), folder], { stdio: 'ignore' });
  const text = readFileSync(join(folder, 'offline-files.js'), 'utf8');
  return JSON.parse(text.slice(text.indexOf('{'), text.lastIndexOf('}') + 1));
}

/**
 * A copy of the site with its offline list written, served by its own server and browser (closed
 * after the file's tests), and a page on it: { folder, build (writeOfflineList), site, page }.
 */
async function freshCopyOfTheSite() {
  const folder = mkdtempSync(join(tmpdir(), 'attn-site-'));
  folders.push(folder);
  cpSync(webRoot, folder, { recursive: true });
  const build = writeOfflineList(folder);
  const site = await startSite({ root: folder });
  sites.push(site);
  return { folder, build, site, page: await site.newPage() };
}

/** What the browser's caches hold: { name: number of entries }. */
const cacheContents = (page) => page.evaluate(async () => {
  const out = {};
  for (const name of await caches.keys()) out[name] = (await (await caches.open(name)).keys()).length;
  return out;
});

/** Waits (up to 20 s) until the only cache is the build's, complete; returns what the caches hold then. */
async function waitForOfflineCopy(page, build) {
  const want = { [`attention-steps-${build.version}`]: Object.keys(build.files).length };
  let seen;
  for (let i = 0; i < 100; i++) {
    seen = await cacheContents(page);
    if (JSON.stringify(seen) === JSON.stringify(want)) break;
    await page.waitForTimeout(200);
  }
  return seen;
}

async function serviceWorkerScope(page) {
  return page.evaluate(() => Promise.race([
    navigator.serviceWorker.ready.then((registration) => registration.scope),
    new Promise((resolve) => { setTimeout(() => resolve('no service worker after 10 s'), 10_000); }),
  ]));
}

describe('offline', () => {
  it('the walk-through and the Performance page load from the offline copy', async () => {
    const { build, site, page } = await freshCopyOfTheSite();
    await openApp(page, site, `#${defaultPreset.id}/softmax`);
    assert.equal(await serviceWorkerScope(page), site.base, 'the offline copy covers the whole site');
    assert.deepEqual(await waitForOfflineCopy(page, build), { [`attention-steps-${build.version}`]: Object.keys(build.files).length },
      'one cache, named after the build, with every file of the build once the page was idle');

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

  it('install caches what the first visit used (the wasm build in use, no KaTeX font or module); the rest comes when asked', async () => {
    const { build, site, page } = await freshCopyOfTheSite();
    await page.goto(`${site.base}perf.html`);   // a page that does not register the worker itself
    const installed = await page.evaluate(async () => {
      await navigator.serviceWorker.register('sw.js');
      const registration = await navigator.serviceWorker.ready;
      const [name] = await caches.keys();
      const paths = (await (await caches.open(name)).keys()).map((request) => new URL(request.url).pathname.slice(1));
      return { active: registration.active.state, paths };
    });
    const all = Object.keys(build.files);
    assert.ok(installed.paths.includes('wasm/attention-simd.wasm') && installed.paths.includes('wasm/attention-simd.js'), 'the SIMD build (Chromium runs it) is cached on install');
    assert.deepEqual(installed.paths.filter((p) => /attention-(scalar|relaxed)|perf/.test(p)), [], 'not the scalar or relaxed-SIMD build, nor the Performance page');
    assert.deepEqual(installed.paths.filter((p) => p.startsWith('vendor/katex/fonts/') || p === 'vendor/katex/katex.mjs'), [],
      "nor KaTeX's fonts and module (the page's formulas were typeset at build time and use a few fonts)");
    // Exactly what the walk-through's first visit loads: its page, stylesheets, the bundle's files it
    // preloads (start.js, the page's chunk and theirs), the SIMD build; not the threaded builds, not
    // the bundle's later chunks (other examples, later views), not the modules the bundle is built from.
    const html = readFileSync(join(webRoot, 'index.html'), 'utf8');
    const bundleFiles = [...html.matchAll(/<link rel="modulepreload" href="(js\/bundle\/[^"]+)">/g)].map((m) => m[1]);
    assert.ok(bundleFiles.includes('js/bundle/start.js') && bundleFiles.length >= 2, bundleFiles.join(' '));
    assert.deepEqual([...installed.paths].sort(), ['index.html', 'vendor/katex/katex.min.css', 'css/site.css', 'css/views.css', ...bundleFiles,
      'wasm/attention-simd.js', 'wasm/attention-simd.wasm'].sort(), 'and everything else the walk-through needs, nothing more');
    assert.ok(all.some((p) => p.startsWith('js/bundle/later-views-')) && all.includes('js/walkthrough/main.js'), 'later chunks and sources are in the build (cached when idle)');
    await page.evaluate(() => navigator.serviceWorker.ready.then((registration) => registration.active.postMessage({ type: 'cache-rest' })));
    assert.deepEqual(await waitForOfflineCopy(page, build), { [`attention-steps-${build.version}`]: all.length }, 'the rest, when the page asks');
  });

  it('after a rebuild, the offline copy is the new build only, and the old cache is deleted', async () => {
    const { folder, build: buildA, site, page } = await freshCopyOfTheSite();
    await openApp(page, site, `#${defaultPreset.id}/softmax`);
    assert.equal(await serviceWorkerScope(page), site.base);
    await waitForOfflineCopy(page, buildA);

    // Build B: files the walk-through loads and files only the Performance page loads change.
    appendFileSync(join(folder, 'index.html'), '<!-- build B -->\n');
    for (const path of ['js/core/attention.js', 'js/perf/perf-worker.js', 'wasm/attention-scalar.js', 'wasm/attention-simd.js']) {
      appendFileSync(join(folder, path), '\n// build B\n');
    }
    const buildB = writeOfflineList(folder);
    assert.notEqual(buildB.version, buildA.version);

    await openApp(page, site, `#${defaultPreset.id}/softmax`);   // the revisit, online
    const caches = await waitForOfflineCopy(page, buildB);

    await site.context.setOffline(true);
    const served = await page.evaluate(async (paths) => {
      const out = {};
      for (const path of paths) {
        try {
          const response = await fetch(path);
          const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', await response.arrayBuffer()));
          out[path] = Array.from(digest, (byte) => byte.toString(16).padStart(2, '0')).join('');
        } catch (err) {
          out[path] = `not served offline: ${err.message}`;
        }
      }
      return out;
    }, Object.keys(buildB.files));
    await site.context.setOffline(false);
    const fromA = Object.keys(served).filter((path) => served[path] === buildA.files[path] && buildA.files[path] !== buildB.files[path]);
    assert.deepEqual(fromA, [], 'files served offline from build A after the revisit of build B');
    assert.deepEqual(served, buildB.files, 'every file served offline is the file of build B');
    assert.deepEqual(caches, { [`attention-steps-${buildB.version}`]: Object.keys(buildB.files).length }, 'one cache, of build B; A\'s is deleted');
  });
});
