// typeset.mjs — typesets at build time every formula the walk-through shows without user input,
// so a first visit needs no KaTeX script: writes <site>/js/content/formulas.generated.js,
//   export const KATEX_VERSION = '…';
//   export const inline = { tex: html, … };    // $…$ parts of texts (appendRich)
//   export const display = { tex: html, … };   // display formulas (displayFormula)
// each html being katex.renderToString(tex, { ...OPTIONS, displayMode }) with web/js/walkthrough/tex.js's
// OPTIONS and node_modules' KaTeX (the one scripts/vendor copies to the site).
//
// Which formulas: the page itself says. Many are built by code from the content (captions with
// symbols, per-head subscripts, each example's d_k and scale), so they are read off the running
// page rather than listed: the site is served (scripts/serve.mjs) and opened in Debian's Chromium
// from its source modules (not the bundle) with an empty formulas module, every example × every step × both languages is shown at its
// default settings, and every call the page makes to KaTeX's render (its lazily imported module,
// wrapped to record) is kept. Skipped when the page's scripts, the SIMD build and KaTeX are those
// the module was written from.
//   node scripts/typeset.mjs [site folder, default web]   (needs the wasm build and web/vendor/katex)
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import katex from 'katex';
import { launchChromium } from './chromium.mjs';
import { startServer } from './start-server.mjs';
import { BUNDLE_DIR, ENTRY } from './bundle.mjs';

const repoRoot = fileURLToPath(new URL('../', import.meta.url));
const root = resolve(process.argv[2] ?? join(repoRoot, 'web'));
const target = join(root, 'js/content/formulas.generated.js');

/**
 * What the formulas depend on: the page's scripts (content and code), the SIMD build (the
 * numbers in formulas) and KaTeX's version. The module records it; an equal one is not redone.
 */
function inputsDigest() {
  const hash = createHash('sha256').update(`katex ${katex.version}\n`);
  const scripts = (folder) => readdirSync(join(root, folder), { withFileTypes: true }).flatMap((entry) => {
    const path = `${folder}/${entry.name}`;
    return entry.isDirectory() ? scripts(path) : entry.name.endsWith('.js') ? [path] : [];
  });
  const files = [...scripts('js').filter((path) => path !== 'js/content/formulas.generated.js' && !path.startsWith(`${BUNDLE_DIR}/`)).sort(),
    'wasm/attention-simd.wasm'];
  for (const path of files) hash.update(`${path}\n`).update(readFileSync(join(root, path)));
  return hash.digest('hex').slice(0, 16);
}

const EMPTY = `export const KATEX_VERSION = ${JSON.stringify(katex.version)};\nexport const inline = {};\nexport const display = {};\n`;

/** The module's text for `formulas` ([tex, displayMode] pairs). */
function moduleText(formulas, OPTIONS, digest) {
  const table = (displayMode) => {
    const entries = [...new Set(formulas.filter(([, d]) => d === displayMode).map(([tex]) => tex))].sort()
      .map((tex) => [tex, katex.renderToString(tex, { ...OPTIONS, displayMode })]);
    return `{\n${entries.map(([tex, html]) => ` ${JSON.stringify(tex)}: ${JSON.stringify(html)},`).join('\n')}\n}`;
  };
  return `// Written by scripts/typeset.mjs (run by scripts/vendor): every formula the walk-through shows without\n` +
    `// user input, typeset by KaTeX ${katex.version} with tex.js's OPTIONS. tex → HTML.\n` +
    `// inputs ${digest}\n` +
    `export const KATEX_VERSION = ${JSON.stringify(katex.version)};\n` +
    `export const inline = ${table(false)};\n` +
    `export const display = ${table(true)};\n`;
}


// KaTeX's module as the page imports it, wrapped: every render call is recorded.
const RECORDER = `import katex from './katex.mjs?unwrapped';
globalThis.typesetCalls ??= [];
const render = (tex, element, options) => {
  globalThis.typesetCalls.push([tex, Boolean(options?.displayMode)]);
  return katex.render(tex, element, options);
};
export default { ...katex, version: katex.version, render };
`;

/** [tex, displayMode] of every formula the page typesets, every example × step × language. */
async function formulasOfThePage() {
  const { presets } = await import(pathToFileURL(join(root, 'js/content/presets.js')).href);
  const { STEP_IDS } = await import(pathToFileURL(join(root, 'js/walkthrough/state.js')).href);
  const { LANGUAGES } = await import(pathToFileURL(join(root, 'js/walkthrough/i18n.js')).href);
  const server = await startServer(root);
  const userDataDir = mkdtempSync(join(tmpdir(), 'attn-typeset-'));
  let context;
  try {
    context = await launchChromium(userDataDir, { serviceWorkers: 'block' });
    const page = context.pages()[0] ?? await context.newPage();
    const errors = [];
    page.on('pageerror', (err) => errors.push(err.message));
    // The page as its sources (the bundle, scripts/bundle.mjs, is built from them after this script).
    await page.route((url) => url.pathname === '/' || url.pathname.endsWith('/index.html'), async (route) => {
      const html = await (await route.fetch()).text();
      route.fulfill({ contentType: 'text/html', body: html.replace(`src="${BUNDLE_DIR}/start.js"`, `src="${ENTRY}"`) });
    });
    await page.route((url) => url.pathname.endsWith('/js/content/formulas.generated.js'),
      (route) => route.fulfill({ contentType: 'text/javascript', body: EMPTY }));
    await page.route((url) => url.pathname.endsWith('/vendor/katex/katex.mjs') && url.search === '',
      (route) => route.fulfill({ contentType: 'text/javascript', body: RECORDER }));
    await page.goto(server.base);
    await page.waitForFunction(() => document.body?.dataset.ready === 'true', null, { timeout: 60_000, polling: 50 });
    for (const lang of LANGUAGES) {
      await page.click(`#language button[data-lang="${lang}"]`);
      for (const preset of presets) {
        for (const step of STEP_IDS) {
          await page.evaluate((hash) => { location.hash = hash; }, `#${encodeURIComponent(preset.id)}/${step}`);
          // …drawn with its later views (steps.js), whose formulas count too.
          await page.waitForFunction(([s, l]) => document.querySelector('#step section.step')?.dataset.step === s &&
            !document.querySelector('#step section.step[data-pending]') &&
            document.documentElement.lang.startsWith(l), [step, lang], { timeout: 10_000, polling: 20 });
        }
      }
    }
    // Renders wait for KaTeX's import: until the count of calls stops growing.
    let count = -1;
    for (;;) {
      await page.waitForTimeout(300);
      const now = await page.evaluate(() => globalThis.typesetCalls?.length ?? 0);
      if (now === count) break;
      count = now;
    }
    if (errors.length) throw new Error(`typeset: the page threw: ${errors.join('; ')}`);
    return await page.evaluate(() => globalThis.typesetCalls ?? []);
  } finally {
    await context?.close().catch(() => {});
    server.child.kill();
    rmSync(userDataDir, { recursive: true, force: true });
  }
}

for (const [path, how] of [['vendor/katex/katex.mjs', 'run bash scripts/vendor'], ['wasm/attention-simd.wasm', 'run bash scripts/build wasm-simd']]) {
  if (!existsSync(join(root, path))) {
    console.error(`typeset: ${root}/${path} is missing (the page is run to find its formulas); ${how}`);
    process.exit(1);
  }
}
const digest = inputsDigest();
if (existsSync(target) && readFileSync(target, 'utf8').includes(`// inputs ${digest}\n`)) {
  console.log(`typeset: ${target} is up to date (inputs ${digest})`);
  process.exit(0);
}
// tex.js imports the module written here: the page (and tex.js's OPTIONS, read below) needs one to exist.
if (!existsSync(target)) writeFileSync(target, EMPTY);
const { OPTIONS } = await import(pathToFileURL(join(root, 'js/walkthrough/tex.js')).href);
const formulas = await formulasOfThePage();
const text = moduleText(formulas, OPTIONS, digest);
if (!existsSync(target) || readFileSync(target, 'utf8') !== text) writeFileSync(target, text);
const count = (d) => new Set(formulas.filter(([, x]) => x === d).map(([tex]) => tex)).size;
console.log(`typeset: ${count(false)} inline and ${count(true)} display formulas, ${(text.length / 1024).toFixed(0)} KiB, in ${target}`);
