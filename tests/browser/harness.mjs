// harness.mjs — shared by the browser tests: serves web/ with scripts/serve.mjs, drives Debian's
// Chromium through playwright-core (one browser per test file, many pages in it), watches every
// page for console errors, uncaught exceptions, dialogs and requests that leave localhost, and
// computes in Node, with the same SIMD128 core, what each step of the walk-through must show.
//
// ATTENTION_STEPS_WEB=<folder> serves another copy of the site (default: web/ of this repo);
// the presets and lessons are then read from that folder too.
import { mkdtempSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import assert from 'node:assert/strict';
import { after } from 'node:test';
import { createRequire } from 'node:module';
import { startServer } from '../../scripts/start-server.mjs';
import { launchChromium } from '../../scripts/chromium.mjs';

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
export const webRoot = resolve(process.env.ATTENTION_STEPS_WEB ?? join(repoRoot, 'web'));
export const screenshotDir = join(repoRoot, 'test-artifacts', 'screenshots');
mkdirSync(screenshotDir, { recursive: true });

const webModule = (path) => import(pathToFileURL(join(webRoot, path)).href);
export const { presets } = await webModule('js/content/presets.js');
export const { steps: lessonSteps } = await webModule('js/content/lessons.js');
export const { STEP_IDS, presetState } = await webModule('js/walkthrough/state.js');
export const { compute, presetTrace } = await webModule('js/walkthrough/model.js');
const { loadAttention } = await webModule('js/core/attention.js');
/** The SIMD128 build. Chromium runs the relaxed-SIMD build, whose traces have the same bits
 * (tests/node/builds.test.mjs): the page's numbers must equal these exactly. */
export const core = await loadAttention({ simd: true });

export const VIEWPORTS = { desktop: { width: 1280, height: 900 }, phone: { width: 375, height: 812 } };
export const CJK = /[\u3400-\u9fff\uf900-\ufaff]/;

export const defaultPreset = presets[0];
export const presetById = (id) => presets.find((p) => p.id === id);

// ------------------------------------------------------------------ server and browser


/**
 * One server and one browser for a test file. Returns { base, port, context, newPage, close }.
 * newPage({ viewport }) gives a page whose `watch` collects what must never happen.
 * `root`: the folder to serve (default: webRoot); `serverOptions`: serve.mjs's options (e.g.
 * ['--no-isolation']); `contextOptions`: more options of the browser context (e.g. serviceWorkers).
 */
export async function startSite({ root = webRoot, serverOptions = [], contextOptions = {} } = {}) {
  const server = await startServer(root, serverOptions);
  const userDataDir = mkdtempSync(join(tmpdir(), 'attn-ud-'));
  let context;
  try {
    context = await launchChromium(userDataDir, { locale: 'en-US', viewport: VIEWPORTS.desktop, ...contextOptions });
  } catch (err) {
    server.child.kill();
    throw err;
  }
  for (const page of context.pages()) await page.close();   // the blank page a persistent context opens

  const site = {
    base: server.base,
    port: server.port,
    context,
    async newPage({ viewport = VIEWPORTS.desktop } = {}) {
      const page = await context.newPage();
      await page.setViewportSize(viewport);
      watch(page, server.base);
      return page;
    },
    async close() {
      await context.close().catch(() => {});
      server.child.kill();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
  return site;
}

// ------------------------------------------------------------------ one site per test file

/**
 * The set-up of a test file: one site (startSite) for the whole file, closed after its tests
 * (node:test's `after`), with one page per entry of `viewports` ({ name: viewport }, default
 * one desktop page named `page`; `{}` for none). At a test file's top level:
 *   const { site, page } = await siteForFile();
 *   const { site, desktop, phone } = await siteForFile({ desktop: VIEWPORTS.desktop, phone: VIEWPORTS.phone });
 */
export async function siteForFile(viewports = { page: VIEWPORTS.desktop }) {
  const site = await startSite();
  after(() => site.close());
  const pages = {};
  for (const [name, viewport] of Object.entries(viewports)) pages[name] = await site.newPage({ viewport });
  return { site, ...pages };
}

/**
 * Runs the Performance page's worker (js/perf/perf-worker.js) in `page` (on perf.html) on `sizes`
 * ([[n, d], …]) and resolves with every message but 'progress', up to 'done' or 'error'.
 */
export const runPerfWorker = (page, sizes, seconds = 0.05) => page.evaluate(({ sizes, seconds }) => new Promise((resolve) => {
  const worker = new Worker('./js/perf/perf-worker.js', { type: 'module' });
  const seen = [];
  worker.onmessage = ({ data }) => {
    if (data.type !== 'progress') seen.push(data);
    if (data.type === 'done' || data.type === 'error') { worker.terminate(); resolve(seen); }
  };
  worker.postMessage({ sizes, seconds });
}), { sizes, seconds });

// ------------------------------------------------------------------ what a page must never do

function watch(page, base) {
  const seen = { errors: [], foreignRequests: [], dialogs: [], urls: new Set() };
  page.watch = seen;
  page.on('console', (message) => {
    if (message.type() === 'error') seen.errors.push(`console error at ${page.url()}: ${message.text()}`);
  });
  page.on('pageerror', (err) => seen.errors.push(`uncaught at ${page.url()}: ${err.message}`));
  page.on('dialog', (dialog) => {
    seen.dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    dialog.dismiss().catch(() => {});
  });
  page.on('request', (request) => {
    const url = request.url();
    if (!(url.startsWith(base) || url.startsWith('data:') || url.startsWith('blob:') || url === 'about:blank')) {
      seen.foreignRequests.push(url);
    }
  });
  page.on('framenavigated', (frame) => { if (frame === page.mainFrame()) seen.urls.add(frame.url()); });
}

/** Fails if the page logged an error, threw, opened a dialog or asked anything outside localhost. */
export function assertClean(page, what = 'the page') {
  const errors = page.watch.errors.splice(0), foreignRequests = page.watch.foreignRequests.splice(0), dialogs = page.watch.dialogs.splice(0);
  assert.deepEqual(errors, [], `${what}: console errors / uncaught exceptions`);
  assert.deepEqual(dialogs, [], `${what}: dialogs were opened`);
  assert.deepEqual(foreignRequests, [], `${what}: requests left localhost`);
}

/** Loads the site at `hash` (a full load, even when only the hash differs) and waits for the core. */
export async function openApp(page, site, hash = '', { clearStorage = false } = {}) {
  await page.bringToFront();   // Playwright's clicks wait for animation frames, which a page behind others hardly gets
  await page.goto('about:blank');
  if (clearStorage) {
    await page.goto(`${site.base}#`);   // the site itself (anything else of the origin asks for a favicon: a 404)
    await page.evaluate(() => localStorage.clear());
    await page.goto('about:blank');
  }
  await page.goto(site.base + hash);
  await page.waitForFunction(() => document.body?.dataset.ready === 'true', null, { timeout: 15_000, polling: 20 });
}

/** Waits until the step on screen is `step` (and the hash agrees). */
export async function waitForStep(page, step) {
  // …and drawn with its views (not data-pending: steps.js's later views have loaded).
  await page.waitForFunction((s) => document.querySelector('#step section.step')?.dataset.step === s &&
    !document.querySelector('#step section.step[data-pending]') &&
    location.hash.split('?')[0].endsWith(`/${s}`), step, { timeout: 5_000, polling: 20 });
}

/** page.waitForFunction polling on a timer: rAF polling stalls in a page that is not in front. */
export function waitFor(page, fn, arg, timeout = 5_000) {
  return page.waitForFunction(fn, arg, { timeout, polling: 20 });
}

/** Sets location.hash from inside the page (a same-document navigation: hashchange). */
export async function setHash(page, hash) {
  await page.evaluate((h) => { location.hash = h; }, hash);
}

export async function screenshot(page, name) {
  await page.screenshot({ path: join(screenshotDir, `${name}.png`), fullPage: true });
}

// ------------------------------------------------------------------ what the page shows

/**
 * Every result table of the step: { key: { cells: [{ i, j, value, text }], extras: [{ i, kind, value, text }] } }.
 * Only tables of the walk-through (table.matrix[data-key]), not the errata's printed ones.
 */
export function readTables(page) {
  return page.evaluate(() => {
    const out = {};
    for (const table of document.querySelectorAll('#step .work table.matrix[data-key]')) {
      const entry = { cells: [], extras: [], inputs: [] };
      for (const td of table.querySelectorAll('td[data-value]')) {
        const item = { i: Number(td.dataset.i), value: td.dataset.value, text: td.textContent };
        if (td.classList.contains('extra')) entry.extras.push({ ...item, kind: td.dataset.extra });
        else entry.cells.push({ ...item, j: Number(td.dataset.j) });
      }
      for (const input of table.querySelectorAll('input[data-matrix]')) {
        entry.inputs.push({ i: Number(input.dataset.i), j: Number(input.dataset.j), value: input.value });
      }
      out[table.dataset.key] = entry;
    }
    return out;
  });
}

/** A matrix of one table's cells (values as numbers) from readTables output. */
export function matrixOf(entry) {
  const m = [];
  for (const { i, j, value } of entry.cells) (m[i] ??= [])[j] = Number(value);
  return m;
}

/**
 * What the page must print for x: an independent statement of the rule. Within one matrix (or
 * one extra column) every number has the same decimals: none when all its finite entries are
 * whole numbers (`allWhole`), else `precision`. Without allWhole: integers as integers.
 */
export function formatNumber(x, precision = 4, allWhole = Number.isInteger(x)) {
  if (x === -Infinity) return '−∞';
  if (allWhole && Number.isInteger(x)) return Object.is(x, -0) ? '0' : String(x);
  const text = x.toFixed(precision);
  return /^-0\.0*$/.test(text) ? text.slice(1) : text;
}

/** Whether every finite entry of a matrix (or a column) is a whole number. */
export const wholeNumbers = (values) => values.flat().every((x) => !Number.isFinite(x) || Number.isInteger(x));

// ------------------------------------------------------------------ what the core says

/**
 * The site's own computation (web/js/walkthrough/model.js compute) for the preset with the given
 * settings: `inputs` (numbers) replace its matrices, `heads`, `mask` and `scale` (a number: the
 * scale passed to the core) its settings. Returns compute()'s { result, compare, problem }.
 */
export function computeFor(preset, { inputs, heads, mask, scale } = {}) {
  const state = presetState(preset);
  if (inputs) {
    state.inputs = {};
    for (const [name, m] of Object.entries(inputs)) if (m) state.inputs[name] = m.map((row) => row.map((x) => String(x)));
  }
  if (heads !== undefined) state.heads = heads;
  if (mask !== undefined) state.mask = mask;
  if (scale !== undefined) state.scale = { mode: 'fixed', value: scale };
  return compute(core, preset.form, state);
}

/**
 * The result tables a step must show: { key: { matrix, extras?: { kind: number[] } } }, for the
 * preset with the given settings, showing head `head`. Input tables (editable) are listed with
 * `input: true` and their cell texts. The numbers are those of the site's own model.js (which
 * core call each step shows is its business, tested through the core); what is stated here is
 * which tables each step lays out and where each number goes.
 */
export function expectedStep(preset, step, settings = {}, head = 0) {
  const x = preset.form === 'x';
  const source = settings.inputs ?? preset;
  const { result, compare } = computeFor(preset, settings);
  assert.ok(result, `${preset.id}: the site computes no result for these settings`);
  const headOf = (res) => res.heads[Math.min(head, res.heads.length - 1)];
  const h = headOf(result);
  // Multi-head step: a qkv preset split into heads (null when the heads do not divide the widths);
  // an X preset is split from step 3 on.
  const split = x ? result : result.split;
  const input = (name) => ({ input: true, texts: source[name].map((row) => row.map((c) => String(c))) });
  switch (step) {
    case 'input':
      return x ? { x: input('x') } : { q: input('q'), k: input('k'), v: input('v') };
    case 'projection':
      return x
        ? { x: input('x'), wq: input('wq'), wk: input('wk'), wv: input('wv'), 'p-q': { matrix: result.q }, 'p-k': { matrix: result.k }, 'p-v': { matrix: result.v } }
        : { q: input('q'), k: input('k'), v: input('v') };   // given Q, K, V: editable where they are shown
    case 'scores':
      // Kᵀ above S: K's numbers laid out column by column.
      // Given Q and K are edited where their product is shown; K's cells are laid out as Kᵀ.
      if (!x) return { hq: input('q'), hk: input('k'), scores: { matrix: h.scores } };
      return { hq: { matrix: h.q }, hk: { matrix: h.k[0].map((_, j) => h.k.map((row) => row[j])) }, scores: { matrix: h.scores } };
    case 'scale':
      return { scores: { matrix: h.scores }, scaled: { matrix: h.scaledScores } };
    case 'softmax':
      return {
        scaled: { matrix: h.scaledScores, extras: { rowMax: h.rowMax } },
        exp: { matrix: h.exponentials, extras: { rowSum: h.rowSum } },
        weights: { matrix: h.weights, extras: { weightSum: core.rowSums(h.weights) } },
      };
    case 'output':
      return { weights: { matrix: h.weights }, hv: x ? { matrix: h.v } : input('v'), out: { matrix: h.output } };
    case 'multihead': {
      const out = {};
      if (!split) return out;
      split.heads.forEach((hh, i) => {
        out[`head-${i}-q`] = { matrix: hh.q };
        out[`head-${i}-k`] = { matrix: hh.k };
        out[`head-${i}-v`] = { matrix: hh.v };
        out[`head-${i}-weights`] = { matrix: hh.weights };
        out[`head-${i}`] = { matrix: hh.output };
      });
      out.concat = { matrix: split.concat };
      if (x && split.wo) Object.assign(out, { wo: input('wo'), final: { matrix: split.output } });
      return out;
    }
    case 'mask': {
      const out = {};
      for (const m of ['none', 'causal']) {
        const r = compare[m].result;
        if (!r) continue;   // the page shows a note instead
        const hm = headOf(r);
        out[`scaled-${m}`] = { matrix: hm.scaledScores };
        out[`weights-${m}`] = { matrix: hm.weights };
      }
      return out;
    }
    default:
      throw new Error(`unknown step ${step}`);
  }
}

/** The text parts of a lesson string with $…$ TeX (which KaTeX renders as something else). */
export const textParts = (text) => text.split(/\$[^$]+\$/).map((s) => s.trim()).filter(Boolean);

/**
 * Compares readTables() with expectedStep(): same set of tables; every result cell's data-value
 * is exactly the core's number and its text is that number formatted; inputs hold the texts.
 * Returns the number of cells checked.
 */
export function assertTables(shown, expected, where, precision = 4) {
  assert.deepEqual(Object.keys(shown).sort(), Object.keys(expected).sort(), `${where}: the tables on screen`);
  let checked = 0;
  for (const [key, want] of Object.entries(expected)) {
    const got = shown[key];
    if (want.input) {
      const texts = [];
      for (const { i, j, value } of got.inputs) (texts[i] ??= [])[j] = value;
      assert.deepEqual(texts, want.texts, `${where}: the editable cells of ${key}`);
      checked += got.inputs.length;
      continue;
    }
    const rows = want.matrix.length, cols = want.matrix[0].length;
    const whole = wholeNumbers(want.matrix);
    assert.equal(got.cells.length, rows * cols, `${where}: ${key} should show ${rows}×${cols} cells`);
    for (const { i, j, value, text } of got.cells) {
      const x = want.matrix[i]?.[j];
      assert.ok(x !== undefined, `${where}: ${key}[${i}][${j}] is outside ${rows}×${cols}`);
      assert.ok(Number(value) === x, `${where}: ${key}[${i}][${j}] data-value ${value}, the core says ${x}`);
      assert.equal(text, formatNumber(x, precision, whole), `${where}: ${key}[${i}][${j}] text`);
      checked++;
    }
    const extras = want.extras ?? {};
    const kinds = [...new Set(got.extras.map((e) => e.kind))].sort();
    assert.deepEqual(kinds, Object.keys(extras).sort(), `${where}: extra columns of ${key}`);
    for (const { i, kind, value, text } of got.extras) {
      const x = extras[kind][i];
      assert.ok(Number(value) === x, `${where}: ${key} ${kind}[${i}] data-value ${value}, the core says ${x}`);
      assert.equal(text, formatNumber(x, precision, wholeNumbers(extras[kind])), `${where}: ${key} ${kind}[${i}] text`);
      checked++;
    }
    for (const [kind, values] of Object.entries(extras)) {
      assert.equal(got.extras.filter((e) => e.kind === kind).length, values.length, `${where}: ${key} ${kind} has one entry per row`);
    }
  }
  return checked;
}

/** { en, zh } → the text in `lang` (as the page's pick()). */
export const pick = (text, lang) => (text == null ? '' : typeof text === 'string' ? text : text[lang] ?? text.en ?? '');

// ------------------------------------------------------------------ accessibility

// axe-core, evaluated through the devtools protocol: the site's CSP refuses an injected <script>.
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** The WCAG 2 A/AA and best-practice violations axe finds on the page (after checking it ran its rules). */
export async function axeViolations(page) {
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.evaluate(axeSource);
  const result = await page.evaluate(async () => {
    const r = await window.axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'best-practice'] });
    return { passes: r.passes.length, violations: r.violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`) };
  });
  assert.ok(result.passes >= 10, `axe ran its rules (${result.passes} passed)`);
  return result.violations;
}
