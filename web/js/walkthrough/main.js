// main.js — the walk-through's controller: runs on the core start.js loads, keeps the state
// (state.js, in the URL hash), asks model.js for every number (model.js calls the core), and hands
// each part of the page what it shows. The parts own their DOM and events: settings-panel.js (the
// settings drawer), navigation.js (step list, Previous/Next, the pipeline map), steps.js (the step,
// with its views and demos), explainer.js (the popover, highlights and grid keys). It also
// registers the offline copy (../offline.js). An edit re-renders what it changes and keeps the
// element being edited in place, so focus never needs restoring.
import { openingExample } from '../content/opening-example.js';
import { steps as lessonSteps, whyScale } from '../content/lessons.js';
import { t, labelled, pick, setLanguage, initialLanguage, language, localizeCoreMessage, describeError } from './i18n.js';
import { STEP_IDS, LIMITS, presetState, stateToHash, hashToState, resizeMatrix, isEdited, headWidthsOf } from './state.js';
import { compute, presetTrace, DISPLAY_NAMES } from './model.js';
import { renderStep, loadLaterViews } from './steps.js';
import { createSettingsPanel, headChoices } from './settings-panel.js';
import { createNavigation } from './navigation.js';
import { createExplainer } from './explainer.js';
import { plainText, appendRich } from './tex.js';
import { registerOfflineCopy } from '../offline.js';
import { el } from './dom.js';
import { importOnce } from './import-once.js';

const $ = (id) => document.getElementById(id);
const steps = STEP_IDS.map((id) => lessonSteps.find((s) => s.id === id));
const phone = () => window.matchMedia('(max-width: 52rem)').matches;

const app = {
  core: null,
  state: null,
  linkProblem: null,
  outcome: null,            // the last compute(): { result, compare, problem }
  lastGood: null,           // { preset, result, compare }: kept on screen while the input is bad
  presetTraces: new Map(),  // preset id -> trace of its own numbers (for the errata)
  whyScaleState: { exponent: 1 },
  controlNote: null,        // { text, control }: a note under the settings
  parts: null,              // settings, navigation, explainer
  shellSignature: null,
};

// The examples: the opening one at first; all of them (presets.js, a chunk of its own in the bundle)
// once the first step is shown, or before the first render when the address is a link.
/** @type {typeof import('../content/presets.js').presets} */
let presets = [openingExample];
let allPresets = false;
const importPresets = importOnce(() => import('../content/presets.js'));
const loadPresets = () => importPresets().then((module) => { presets = module.presets; allPresets = true; });

const presetOf = (state) => presets.find((p) => p.id === state.preset);

// ------------------------------------------------------------------ state and URL

function writeHash({ push = false } = {}) {
  const hash = `#${stateToHash(app.state, presetOf(app.state))}`;
  if (location.hash === hash) return;
  if (push) history.pushState(null, '', hash);
  else history.replaceState(null, '', hash);
}

function readHash() {
  const { state, problem } = hashToState(location.hash, presets);
  app.state = state;
  app.linkProblem = problem;
}

function recompute() {
  const preset = presetOf(app.state);
  app.outcome = compute(app.core, preset.form, app.state);
  if (app.outcome.result) app.lastGood = { preset: preset.id, result: app.outcome.result, compare: app.outcome.compare };
  else if (app.lastGood?.preset !== preset.id) app.lastGood = null;
}

function traceOfPreset(preset) {
  if (!app.presetTraces.has(preset.id)) app.presetTraces.set(preset.id, presetTrace(app.core, preset));
  return app.presetTraces.get(preset.id);
}

function sizesOf(preset) {
  const inputs = app.state.inputs;
  if (preset.form === 'qkv') return { tokens: inputs.q.length, dQK: inputs.q[0].length, dV: inputs.v[0].length };
  return { tokens: inputs.x.length, dModel: inputs.x[0].length, dQK: inputs.wq[0].length, dV: inputs.wv[0].length };
}

// ------------------------------------------------------------------ the shell (texts, menus)

function renderShell() {
  document.title = `${plainText(pick(steps[STEP_IDS.indexOf(app.state.step)].title))} — ${t('siteTitle')}`;
  const signature = `${language()}|${app.state.preset}`;
  for (const button of /** @type {NodeListOf<HTMLButtonElement>} */ (document.querySelectorAll('#language button'))) {
    button.setAttribute('aria-pressed', String(button.dataset.lang === language()));
  }
  /** @type {HTMLSelectElement} */ ($('precision')).value = String(app.state.precision);
  /** @type {HTMLSelectElement} */ ($('preset')).value = app.state.preset;
  if (signature === app.shellSignature) return;
  app.shellSignature = signature;
  $('tagline').textContent = t('tagline');
  $('skip-link').textContent = t('skipToStep');
  $('preset-label').textContent = t('example');
  $('precision-label').textContent = t('precision');
  $('language-label').textContent = t('language');
  $('steps-heading').textContent = t('steps');
  $('prev').textContent = t('prev');
  $('next').textContent = t('next');
  $('keys-hint').textContent = t('keysHint');
  $('footer-core-label').textContent = labelled('footerCore');
  $('perf-link').textContent = t('performance');
  const info = app.core.info();
  const build = $('core-build');
  const buildText = { 'relaxed-simd': 'coreRelaxed', simd128: 'coreSimd', scalar: 'coreScalar' }[info.build];
  build.textContent = `${t(buildText)} · v${info.version}`;
  build.dataset.build = info.build;

  // The examples, grouped: from the articles (with their errata) and our own.
  const select = /** @type {HTMLSelectElement} */ ($('preset'));
  const groups = [[t('fromArticles'), presets.filter((p) => p.source?.file)], [t('ourExamples'), presets.filter((p) => !p.source?.file)]];
  select.replaceChildren(...groups.filter(([, list]) => list.length).map(([label, list]) => {
    const optgroup = el('optgroup');
    optgroup.label = label;
    for (const p of list) {
      const option = el('option', null, plainText(pick(p.title)));
      option.value = p.id;
      optgroup.append(option);
    }
    return optgroup;
  }));
  select.value = app.state.preset;

  const precision = /** @type {HTMLSelectElement} */ ($('precision'));
  if (precision.options.length === 0) {
    for (let p = 0; p <= LIMITS.maxPrecision; p++) {
      const option = el('option', null, String(p));
      option.value = String(p);
      precision.append(option);
    }
  }
  precision.value = String(app.state.precision);
  renderPresetIntro();
}

// The example's introduction: one line (its title) that opens to its source and summary.
function renderPresetIntro() {
  const preset = presetOf(app.state);
  const box = /** @type {HTMLDetailsElement} */ ($('preset-intro'));
  const open = box.open;
  const summary = el('summary');
  summary.append(appendRich(el('h2', 'preset-title'), pick(preset.title)), el('span', 'about', t('aboutExample')));
  const parts = [summary];
  if (preset.source?.file) parts.push(el('p', 'source', t('source')(preset.source.file, preset.source.section)));
  parts.push(appendRich(el('p', 'summary'), pick(preset.summary)));
  if (preset.standIn) {
    const note = el('p', 'stand-in');
    note.append(el('strong', null, labelled('standIn')));
    appendRich(note, pick(preset.standIn));
    parts.push(note);
  }
  box.replaceChildren(...parts);
  box.open = open;
}

// ------------------------------------------------------------------ the step

function problemMessages(problem) {
  if (!problem) return [];
  if (problem.cells) {
    return problem.cells.map((c) => {
      const where = `${DISPLAY_NAMES[c.matrix]}[${c.i + 1},${c.j + 1}]`;
      return { text: c.kind === 'empty' ? t('emptyCell')(where) : t('notANumber')(where, c.text.slice(0, 24)), matrix: c.matrix };
    });
  }
  return [{ text: localizeCoreMessage(problem), matrix: problem.where?.matrix, control: problem.where?.control }];
}

function stepContext() {
  const preset = presetOf(app.state);
  const index = STEP_IDS.indexOf(app.state.step);
  const problem = app.outcome.problem;
  const view = app.outcome.result ? app.outcome : app.lastGood;
  return {
    step: steps[index], index, count: STEP_IDS.length, state: app.state, preset, form: preset.form,
    result: view?.result ?? null, compare: view?.compare ?? null, stale: Boolean(!app.outcome.result && view),
    precision: app.state.precision, core: app.core, presetTrace: traceOfPreset(preset), edited: isEdited(app.state, preset),
    problemCells: problem?.cells ?? [], problemMatrix: problem?.where?.matrix, whyScale, whyScaleState: app.whyScaleState,
    limits: LIMITS, setInputRow,
  };
}

// Keeps `kept` (an element being used: an editable matrix, the τ slider) and takes from `fresh`
// what changed around it: problem marks, messages, values not being typed.
function syncKept(kept, fresh) {
  kept.className = fresh.className;
  for (const td of fresh.querySelectorAll('td[data-i]')) {
    const old = kept.querySelector(`td[data-i="${td.dataset.i}"][data-j="${td.dataset.j}"]`);
    if (!old) continue;
    old.classList.toggle('problem', td.classList.contains('problem'));
    const input = old.querySelector('input'), next = td.querySelector('input');
    if (input && next) {
      if (next.hasAttribute('aria-invalid')) input.setAttribute('aria-invalid', 'true');
      else input.removeAttribute('aria-invalid');
      if (input !== document.activeElement && input.value !== next.value) input.value = next.value;
    }
  }
  for (const message of kept.querySelectorAll(':scope > .local-message')) message.remove();
  for (const message of fresh.querySelectorAll(':scope > .local-message')) kept.append(message.cloneNode(true));
  const output = kept.querySelector('output'), nextOutput = fresh.querySelector('output');
  if (output && nextOutput) output.textContent = nextOutput.textContent;
}

// Replaces `current` by `fresh`, except the elements marked data-keep (kept, then synced).
function patch(current, fresh) {
  if (current.nodeType !== 1 || fresh.nodeType !== 1) {
    if (current.nodeType !== fresh.nodeType || current.textContent !== fresh.textContent) current.replaceWith(fresh);
    return;
  }
  if (current.dataset.keep && current.dataset.keep === fresh.dataset.keep) {
    syncKept(current, fresh);
    return;
  }
  const holdsKept = current.querySelector('[data-keep]');
  if (!holdsKept || current.tagName !== fresh.tagName || current.childNodes.length !== fresh.childNodes.length) {
    current.replaceWith(fresh);
    return;
  }
  for (const name of current.getAttributeNames()) if (!fresh.hasAttribute(name)) current.removeAttribute(name);
  for (const name of fresh.getAttributeNames()) current.setAttribute(name, fresh.getAttribute(name));
  const olds = [...current.childNodes], news = [...fresh.childNodes];
  olds.forEach((node, n) => patch(node, news[n]));
}

function renderMain({ edit = false } = {}) {
  const ctx = stepContext();
  const problem = app.outcome.problem;
  const { section, explainers, pending } = renderStep(ctx);
  if (pending && document.body.dataset.ready === 'true') drawWithLaterViews();
  for (const figure of /** @type {NodeListOf<HTMLElement>} */ (section.querySelectorAll('figure.editable'))) figure.dataset.keep = `input:${figure.dataset.key}`;
  for (const control of /** @type {NodeListOf<HTMLElement>} */ (section.querySelectorAll('.temperature-here label'))) control.dataset.keep = 'temperature';

  // Messages: at the top of the step, and next to the matrix or control they are about.
  const banner = $('messages');
  banner.replaceChildren();
  if (app.linkProblem) banner.append(el('p', 'message link-problem', t('linkProblem')(app.linkProblem)));
  const messages = problemMessages(problem);
  // A problem that leaves the result standing (the heads do not split the given Q, K, V) is
  // shown by its control and in the multi-head step, not in the banner.
  if (messages.length && !app.outcome.result) {
    const box = el('div', 'message input-problem');
    box.setAttribute('role', 'alert');
    box.append(el('strong', null, labelled('inputError')));
    const list = el('ul');
    for (const m of messages.slice(0, 6)) list.append(el('li', null, m.text));
    box.append(list);
    if (ctx.stale) box.append(el('p', 'last-good', t('lastGood')));
    banner.append(box);
    for (const m of messages) {
      const figure = m.matrix && section.querySelector(`figure[data-key="${m.matrix}"]`);
      if (figure) {
        figure.classList.add('problem');
        figure.append(el('p', 'local-message', m.text));
      }
    }
  }
  app.parts.explainer.set(explainers);
  const current = /** @type {HTMLElement | null} */ ($('step').firstElementChild);
  if (edit && current && current.dataset.step === section.dataset.step) patch(current, section);
  else $('step').replaceChildren(section);

  const about = messages.find((m) => m.control);
  const note = about ? { text: about.text, control: about.control } : app.controlNote;
  app.parts.settings.message(note?.text ?? '', note?.control ?? null);
}

/**
 * Imports the later views (steps.js) and draws the step again with them if it was drawn without,
 * keeping what is being edited. Offline before they were cached, the step stays without them.
 */
function drawWithLaterViews() {
  loadLaterViews().then(() => {
    const shown = /** @type {HTMLElement | null} */ ($('step').firstElementChild);
    if (!shown?.dataset.pending || shown.dataset.step !== app.state.step) return;
    const titleFocused = document.activeElement?.id === 'step-title';
    renderMain({ edit: true });
    if (titleFocused) $('step-title').focus({ preventScroll: true });
  }, () => {});
}

function renderAll({ edit = false } = {}) {
  const preset = presetOf(app.state);
  renderShell();
  app.parts.settings.render({
    state: app.state, preset, sizes: sizesOf(preset), headWidths: headWidthsOf(preset.form, app.state.inputs), limits: LIMITS,
    language: language(), open: false,
  });
  renderMain({ edit });
  // Last: it reads the pipeline map's width (to scroll its current part into view), which lays the
  // page out; after the step is in place that is the only layout of this render, not one of two.
  app.parts.navigation.render({
    index: STEP_IDS.indexOf(app.state.step), state: app.state, result: (app.outcome.result ?? app.lastGood?.result) ?? null,
    hrefOf: (step) => `#${stateToHash({ ...app.state, step }, preset)}`,
  });
}

// After a change by the learner (fromUrl: false) a message about the link no longer applies.
function update({ push = false, recomputeNeeded = true, fromUrl = false, edit = false } = {}) {
  if (!fromUrl) app.linkProblem = null;
  if (recomputeNeeded) recompute();
  writeHash({ push });
  renderAll({ edit });
}

// ------------------------------------------------------------------ actions

/** The step's title at the top of the screen, with the focus (after every kind of navigation). */
function revealStep({ focus = true, always = true } = {}) {
  const title = $('step-title');
  if (!title) return;
  const work = document.querySelector('#step .work table.matrix');
  const bottomBar = phone() ? $('pager').getBoundingClientRect().height : 0;
  const visible = (node) => {
    const r = node.getBoundingClientRect();
    return r.top >= 0 && r.top < window.innerHeight - bottomBar - 24;
  };
  if (always || !visible(title) || (work && !visible(work))) title.scrollIntoView({ block: 'start' });
  if (focus) title.focus({ preventScroll: true });
}

function goToStep(index) {
  if (index < 0 || index >= STEP_IDS.length) return;
  app.state.step = STEP_IDS[index];
  app.controlNote = null;
  update({ push: true, recomputeNeeded: false });
  revealStep();
}

function setInputRow(matrixName, rowIndex, values) {
  const matrix = app.state.inputs[matrixName];
  if (!matrix || !matrix[rowIndex] || values.length !== matrix[rowIndex].length) {
    throw new Error(`setInputRow: ${matrixName} has no row ${rowIndex} of ${values.length} entries`);
  }
  matrix[rowIndex] = values.map((x) => String(x));
  update({ edit: true });
}

function resize(which, value) {
  const preset = presetOf(app.state);
  const inputs = app.state.inputs;
  const n = Math.max(1, Math.min(which === 'tokens' ? LIMITS.maxRows : LIMITS.maxCols, Math.round(value)));
  const rowsOf = (m) => m.length, colsOf = (m) => m[0].length;
  const set = (name, r, c) => { if (inputs[name]) inputs[name] = resizeMatrix(inputs[name], r, c); };
  if (preset.form === 'qkv') {
    if (which === 'tokens') for (const name of ['q', 'k', 'v']) set(name, n, colsOf(inputs[name]));
    if (which === 'dqk') for (const name of ['q', 'k']) set(name, rowsOf(inputs[name]), n);
    if (which === 'dv') set('v', rowsOf(inputs.v), n);
  } else {
    if (which === 'tokens') set('x', n, colsOf(inputs.x));
    if (which === 'dmodel') {
      set('x', rowsOf(inputs.x), n);
      for (const name of ['wq', 'wk', 'wv']) set(name, n, colsOf(inputs[name]));
    }
    if (which === 'dqk') for (const name of ['wq', 'wk']) set(name, rowsOf(inputs[name]), n);
    if (which === 'dv') {
      set('wv', rowsOf(inputs.wv), n);
      set('wo', n, inputs.wo ? colsOf(inputs.wo) : n);
    }
  }
  // Heads are offered as divisors of the widths: when a width changes, keep the largest that still fits.
  const choices = headChoices(headWidthsOf(preset.form, inputs), LIMITS.maxHeads);
  app.controlNote = null;
  if (!choices.includes(app.state.heads)) {
    const next = Math.max(...choices.filter((h) => h <= app.state.heads));
    app.controlNote = { text: t('headsClamped')(app.state.heads, next), control: null };
    app.state.heads = next;
    app.state.head = Math.min(app.state.head, next - 1);
  }
  update();
}

const settingsActions = {
  resize,
  heads(n) {
    app.state.heads = n;
    app.state.head = Math.min(app.state.head, n - 1);
    app.controlNote = null;
    update();
  },
  mask(value) {
    app.state.mask = value;
    update();
  },
  scaleMode(mode, temperature) {
    if (mode === 'temperature') app.state.scale = { mode: 'temperature', temperature };
    else if (mode === 'fixed') app.state.scale = { mode: 'fixed', value: presetOf(app.state).scale ?? 1 };
    else app.state.scale = { mode };
    update({ edit: true });
  },
  reset() {
    const preset = presetOf(app.state);
    app.state = { ...presetState(preset, app.state.step), precision: app.state.precision };
    app.controlNote = { text: t('resetDone'), control: null };
    update();
  },
};

function wireEvents() {
  $('preset').addEventListener('change', (e) => {
    const preset = presets.find((p) => p.id === /** @type {HTMLSelectElement} */ (e.target).value);
    if (!preset) return;
    app.state = presetState(preset, app.state.step);
    app.linkProblem = null;
    app.lastGood = null;
    app.controlNote = null;
    update({ push: true });
  });
  $('precision').addEventListener('change', (e) => {
    app.state.precision = Number(/** @type {HTMLSelectElement} */ (e.target).value);
    update({ recomputeNeeded: false });
  });
  $('language').addEventListener('click', (e) => {
    const button = /** @type {HTMLButtonElement | null} */ (/** @type {Element} */ (e.target).closest('button[data-lang]'));
    if (!button) return;
    setLanguage(button.dataset.lang).then(() => renderAll(), () => { /* its texts did not load (offline): stays as it is */ });
  });

  const stepRoot = $('step');
  stepRoot.addEventListener('input', (e) => {
    const target = /** @type {HTMLInputElement} */ (e.target);
    if (target.matches('input[data-matrix]')) {
      const { matrix, i, j } = target.dataset;
      app.state.inputs[matrix][Number(i)][Number(j)] = target.value;
      update({ edit: true });
    } else if (target.dataset.control === 'temperature') {
      app.state.scale = { mode: 'temperature', temperature: Number(target.value) };
      update({ edit: true });
    }
  });
  stepRoot.addEventListener('click', (e) => {
    const headButton = /** @type {HTMLButtonElement | null} */ (/** @type {Element} */ (e.target).closest('button[data-head]'));
    if (headButton) {
      app.state.head = Number(headButton.dataset.head);
      update({ recomputeNeeded: false });
    }
  });

  // ← → change the step, unless the focus is in a field or a matrix (which uses the arrows).
  document.addEventListener('keydown', (e) => {
    if (e.altKey || e.ctrlKey || e.metaKey || e.shiftKey) return;
    if (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight') return;
    const target = /** @type {Partial<Element>} */ (e.target);  // an element, or the document
    if (target.closest?.('input, textarea, select, [contenteditable="true"], td, [role="slider"]')) return;
    e.preventDefault();
    goToStep(STEP_IDS.indexOf(app.state.step) + (e.key === 'ArrowRight' ? 1 : -1));
  });

  // A link may name any example: all of them first.
  const followUrl = () => {
    if (!allPresets) {
      loadPresets().then(followUrl, followLoadedUrl);
      return;
    }
    followLoadedUrl();
  };
  const followLoadedUrl = () => {
    const before = JSON.stringify(app.state);
    readHash();
    if (JSON.stringify(app.state) !== before || app.linkProblem) {
      const stepChanged = JSON.parse(before).step !== app.state.step;
      update({ fromUrl: true });
      if (stepChanged) revealStep({ focus: false, always: false });
    }
  };
  window.addEventListener('hashchange', followUrl);
  window.addEventListener('popstate', followUrl);
}

/**
 * Runs the page on the core that `coreLoad` gives (start.js began loading it before this module).
 * @param {ReturnType<typeof import('../core/attention.js').loadAttention>} coreLoad
 */
export async function main(coreLoad) {
  await setLanguage(initialLanguage(), { remember: false }).catch(() => setLanguage('en', { remember: false }));
  const status = $('status');
  status.textContent = t('loading');
  try {
    app.core = await coreLoad;
  } catch (err) {
    status.textContent = t('coreFailed')(describeError(err));
    status.className = 'message error';
    return;
  }
  status.textContent = '';
  status.hidden = true;
  app.parts = {
    settings: createSettingsPanel($('settings'), settingsActions),
    navigation: createNavigation({
      go: (index) => goToStep(index),
      step: (delta) => goToStep(STEP_IDS.indexOf(app.state.step) + delta),
    }, STEP_IDS, steps),
    explainer: createExplainer($('step'), $('cell-popover')),
  };
  // A link: all the examples first (it may name any of them).
  if (location.hash.length > 1) await loadPresets().catch(() => {});
  readHash();
  // A link to a later step: its views first (the first step shows none of them).
  if (app.state.step !== STEP_IDS[0]) await loadLaterViews().catch(() => {});
  recompute();
  writeHash();
  wireEvents();
  renderAll();
  if (location.hash.includes('/')) revealStep({ focus: true, always: false });
  document.body.dataset.ready = 'true';
  // The first usable step: its matrices hold the core's numbers and Previous/Next work
  // (bench/first-load.mjs measures the time to this mark).
  performance.mark('first-usable-step');
  // After the mark, so that the first step's bytes come first: the other examples (the example
  // menu lists them once they are in) and the views of later steps.
  loadPresets().then(() => {
    app.shellSignature = null;   // the example menu lists them all now
    renderShell();
  }, () => {});
  drawWithLaterViews();
  registerOfflineCopy();
}
