// The walk-through's build-time formulas (scripts/typeset.mjs → web/js/content/formulas.generated.js):
// each is what live KaTeX (node_modules, the one scripts/vendor copies) makes of its TeX with
// tex.js's OPTIONS, and the vendored KaTeX is that KaTeX. And the <link rel=modulepreload> block
// of web/index.html (scripts/modulepreload.mjs) is the walk-through's import graph, in full.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import katex from 'katex';
import { repoRoot } from './helpers.mjs';
import { preloadBlock, preloadLines, importGraph } from '../../scripts/modulepreload.mjs';

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

describe('modulepreload list of index.html', () => {
  it('is the import graph of main.js, plus the SIMD build\'s glue and wasm', () => {
    const block = preloadBlock(readFileSync(`${web}/index.html`, 'utf8'));
    assert.ok(block, 'index.html has its preload block');
    assert.deepEqual(block, preloadLines(web), 'run node scripts/modulepreload.mjs web (scripts/vendor does)');
    const graph = importGraph(web);
    assert.ok(graph.includes('js/walkthrough/tex.js') && graph.includes('js/content/formulas.generated.js') && graph.length >= 20, graph.join(' '));
  });
});
