// The walk-through's build-time formulas (scripts/typeset.mjs → web/js/content/formulas.generated.js):
// each is what live KaTeX (node_modules, the one scripts/vendor copies) makes of its TeX with
// tex.js's OPTIONS, and the vendored KaTeX is that KaTeX. And the walk-through's bundle
// (scripts/bundle.mjs) is current, and the <link rel=modulepreload> block of web/index.html
// (scripts/modulepreload.mjs) lists its first-visit files.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import katex from 'katex';
import { repoRoot } from './helpers.mjs';
import { preloadBlock, preloadLines } from '../../scripts/modulepreload.mjs';
import { bundleWalkthrough } from '../../scripts/bundle.mjs';

const web = `${repoRoot}web`;
const { KATEX_VERSION, inline, display } = await import(`${web}/js/content/formulas.generated.js`);
const { OPTIONS } = await import(`${web}/js/walkthrough/tex.js`);

describe('formulas typeset at build time', () => {
  it('were typeset by the KaTeX the site vendors', () => {
    assert.equal(KATEX_VERSION, katex.version);
    const vendored = readFileSync(`${web}/vendor/katex/katex.mjs`, 'utf8');
    assert.equal(vendored, readFileSync(`${repoRoot}node_modules/katex/dist/katex.mjs`, 'utf8'), 'web/vendor/katex/katex.mjs is node_modules\' (run bash scripts/vendor)');
  });

  it('cover the formulas of the lessons (every step\'s display formula, both languages)', async () => {
    const { steps } = await import(`${web}/js/content/lessons.js`);
    for (const step of steps) {
      if (step.formula) assert.ok(Object.hasOwn(display, step.formula), `step ${step.id}: its formula ${step.formula} was not typeset`);
      for (const text of [step.title?.en, step.title?.zh].filter(Boolean)) {
        for (const [, tex] of text.matchAll(/\$([^$]+)\$/g)) assert.ok(Object.hasOwn(inline, tex), `step ${step.id}: ${tex} in its title was not typeset`);
      }
    }
  });

  it('equal live KaTeX with tex.js\'s OPTIONS, each', () => {
    const entries = [...Object.entries(inline).map(([tex, html]) => [tex, html, false]), ...Object.entries(display).map(([tex, html]) => [tex, html, true])];
    assert.ok(entries.length > 50, `only ${entries.length} formulas`);
    for (const [tex, html, displayMode] of entries) {
      assert.equal(html, katex.renderToString(tex, { ...OPTIONS, displayMode }), `${displayMode ? 'display' : 'inline'} ${tex}`);
      assert.match(html, /^<span class="katex(-display)?">/, `${tex}: KaTeX markup`);
      assert.doesNotMatch(html, /katex-error/, `${tex}: KaTeX reported an error`);
    }
  });
});

describe('the walk-through\'s bundle and the modulepreload list of index.html', () => {
  it('the bundle in web/js/bundle/ is built from the modules under web/js/ as they are now', async () => {
    const { files, outputFiles } = await bundleWalkthrough(web, { write: false, contents: true });
    assert.ok(files.some((path) => path === 'js/bundle/start.js'), files.join(' '));
    for (const file of outputFiles) {
      assert.ok(readFileSync(`${web}/${file.path}`).equals(Buffer.from(file.contents)), `${file.path} is stale: run node scripts/bundle.mjs web (scripts/vendor does)`);
    }
  });

  it('lists the bundle\'s first-visit files (start.js, the page, their chunks), plus the SIMD build\'s glue and wasm', async () => {
    const block = preloadBlock(readFileSync(`${web}/index.html`, 'utf8'));
    assert.ok(block, 'index.html has its preload block');
    assert.deepEqual(block, await preloadLines(web), 'run node scripts/modulepreload.mjs web (scripts/vendor does)');
    const { firstVisit, files } = await bundleWalkthrough(web, { write: false });
    assert.equal(firstVisit[0], 'js/bundle/start.js');
    assert.ok(firstVisit.some((path) => /^js\/bundle\/main-\w+\.js$/.test(path)), `the page's chunk: ${firstVisit.join(' ')}`);
    const later = files.filter((path) => path.endsWith('.js') && !firstVisit.includes(path));
    assert.ok(later.some((path) => /later-views-\w+\.js$/.test(path)) && later.some((path) => /presets-\w+\.js$/.test(path)),
      `the later views and the other examples are chunks of their own, not on the first visit: ${later.join(' ')}`);
  });
});
