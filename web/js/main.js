// main.js — the walk-through: loads the core, keeps the state (in the URL hash), and renders
// the current step. The page does no attention arithmetic: site/model.js asks the core.
import { loadAttention } from './attention.js';
import { presets } from './presets.js';
import { steps as lessonSteps, whyScale } from './lessons.js';
import { t, pick, setLanguage, initialLanguage, language, localizeCoreMessage } from './site/i18n.js';
import { STEP_IDS, LIMITS, presetState, stateToHash, hashToState, resizeMatrix, isEdited } from './site/state.js';
import { compute, presetTrace, DISPLAY_NAMES } from './site/model.js';
import { renderStep } from './site/steps.js';
import { highlightSources } from './site/matrix-view.js';
import { appendRich, plainText } from './site/tex.js';
import { registerOfflineCopy } from './offline.js';
import { el } from './site/dom.js';

const $ = (id) => document.getElementById(id);
const steps = STEP_IDS.map((id) => lessonSteps.find((s) => s.id === id));

const app = {
  core: null,
  state: null,
  linkProblem: null,
  outcome: null,            // the last compute(): { result, compare, problem }
  lastGood: null,           // { preset, result, compare }: kept on screen while the input is bad
  presetTraces: new Map(),  // preset id -> trace of its own numbers (for the errata panels)
  explainers: new Map(),
  whyScaleState: { exponent: 1 },
};

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

// ------------------------------------------------------------------ rendering

function renderShell() {
  document.title = `${plainText(pick(steps[STEP_IDS.indexOf(app.state.step)].title))} — ${t('siteTitle')}`;
  $('tagline').textContent = t('tagline');
  $('skip-link').textContent = t('skipToStep');
  $('preset-label').textContent = t('example');
  $('precision-label').textContent = t('precision');
  $('language-label').textContent = t('language');
  $('steps-heading').textContent = t('steps');
  $('prev').textContent = t('prev');
  $('next').textContent = t('next');
  $('keys-hint').textContent = t('keysHint');
  $('footer-core-label').textContent = `${t('footerCore')}: `;
  $('perf-link').textContent = t('performance');
  const info = app.core.info();
  const build = $('core-build');
  const buildText = { 'relaxed-simd': 'coreRelaxed', simd128: 'coreSimd', scalar: 'coreScalar' }[info.build];
  build.textContent = `${t(buildText)} · v${info.version}`;
  build.dataset.build = info.build;

  const select = $('preset');
  select.replaceChildren(...presets.map((p) => {
    const option = el('option', null, plainText(pick(p.title)));
    option.value = p.id;
    return option;
  }));
  select.value = app.state.preset;

  const precision = $('precision');
  if (precision.options.length === 0) {
    for (let p = 0; p <= LIMITS.maxPrecision; p++) {
      const option = el('option', null, String(p));
      option.value = String(p);
      precision.append(option);
    }
  }
  precision.value = String(app.state.precision);

  for (const button of document.querySelectorAll('#language button')) {
    button.setAttribute('aria-pressed', String(button.dataset.lang === language()));
  }
}

function renderNav() {
  const preset = presetOf(app.state);
  const index = STEP_IDS.indexOf(app.state.step);
  const list = $('step-list');
  list.replaceChildren(...steps.map((step, i) => {
    const li = el('li');
    const a = el('a');
    a.append(el('span', 'step-no', `${i + 1}. `));
    appendRich(a, pick(step.title));
    a.href = `#${stateToHash({ ...app.state, step: step.id }, preset)}`;
    a.dataset.step = step.id;
    if (i === index) a.setAttribute('aria-current', 'step');
    li.append(a);
    return li;
  }));
  $('progress-text').textContent = t('stepOf')(index + 1, STEP_IDS.length);
  const bar = $('progress-bar');
  bar.max = STEP_IDS.length;
  bar.value = index + 1;
  bar.setAttribute('aria-label', t('stepOf')(index + 1, STEP_IDS.length));
  $('prev').disabled = index === 0;
  $('next').disabled = index === STEP_IDS.length - 1;
}

function renderPresetIntro() {
  const preset = presetOf(app.state);
  const box = $('preset-intro');
  box.replaceChildren();
  box.append(appendRich(el('h2', 'preset-title'), pick(preset.title)));
  if (preset.source?.file) box.append(el('p', 'source', t('source')(preset.source.file, preset.source.section)));
  box.append(appendRich(el('p', 'summary'), pick(preset.summary)));
  if (preset.standIn) {
    const note = el('p', 'stand-in');
    note.append(el('strong', null, `${t('standIn')}: `));
    appendRich(note, pick(preset.standIn));
    box.append(note);
  }
}

function sizesOf(preset) {
  const inputs = app.state.inputs;
  if (preset.form === 'qkv') return { tokens: inputs.q.length, dQK: inputs.q[0].length, dV: inputs.v[0].length };
  return { tokens: inputs.x.length, dModel: inputs.x[0].length, dQK: inputs.wq[0].length, dV: inputs.wv[0].length };
}

function numberField(id, label, value, min, max) {
  const wrap = el('label', 'field');
  wrap.htmlFor = id;
  const input = el('input');
  input.type = 'number';
  input.id = id;
  input.min = String(min);
  input.max = String(max);
  input.step = '1';
  input.value = String(value);
  wrap.append(el('span', 'field-label', label), input);
  return wrap;
}

function renderSettings() {
  const preset = presetOf(app.state);
  const box = $('settings');
  const wasOpen = box.querySelector('details')?.open ?? !window.matchMedia('(max-width: 40rem)').matches;
  const details = el('details');
  details.open = wasOpen;
  details.append(el('summary', null, t('settings')));
  const grid = el('div', 'settings-grid');
  const sizes = sizesOf(preset);
  grid.append(numberField('size-tokens', t('tokens'), sizes.tokens, 1, LIMITS.maxRows));
  if (preset.form === 'x') grid.append(numberField('size-dmodel', t('dModel'), sizes.dModel, 1, LIMITS.maxCols));
  grid.append(numberField('size-dqk', t('dQK'), sizes.dQK, 1, LIMITS.maxCols));
  grid.append(numberField('size-dv', t('dV'), sizes.dV, 1, LIMITS.maxCols));
  grid.append(numberField('heads', t('heads'), app.state.heads, 1, LIMITS.maxHeads));

  const mask = el('fieldset', 'field radio-group');
  mask.append(el('legend', null, t('mask')));
  for (const [value, label] of [['none', t('maskNone')], ['causal', t('maskCausal')]]) {
    const option = el('label');
    const radio = el('input');
    radio.type = 'radio';
    radio.name = 'mask';
    radio.value = value;
    radio.checked = app.state.mask === value;
    option.append(radio, ` ${label}`);
    mask.append(option);
  }
  grid.append(mask);

  const scale = el('fieldset', 'field radio-group');
  scale.id = 'scale-group';
  scale.append(el('legend', null, t('scale')));
  const modes = [['default', t('scaleDefault')], ['one', t('scaleOne')], ['temperature', t('scaleTemperature')]];
  if (app.state.scale.mode === 'fixed') modes.push(['fixed', String(app.state.scale.value)]);
  for (const [value, label] of modes) {
    const option = el('label');
    const radio = el('input');
    radio.type = 'radio';
    radio.name = 'scale';
    radio.value = value;
    radio.checked = app.state.scale.mode === value;
    option.append(radio, ` ${label}`);
    scale.append(option);
  }
  const temperature = el('label', 'temperature');
  const slider = el('input');
  slider.type = 'range';
  slider.id = 'temperature';
  slider.min = String(LIMITS.minTemperature);
  slider.max = String(LIMITS.maxTemperature);
  slider.step = '0.1';
  slider.value = String(app.state.scale.mode === 'temperature' ? app.state.scale.temperature : 1);
  slider.disabled = app.state.scale.mode !== 'temperature';
  const shown = el('output', null, slider.value);
  shown.htmlFor = 'temperature';
  temperature.append(`${t('temperature')} = `, shown, ' ', slider);
  scale.append(temperature);
  grid.append(scale);

  const reset = el('button', 'reset', t('resetPreset'));
  reset.type = 'button';
  reset.id = 'reset';
  grid.append(reset);
  details.append(grid);
  const message = el('p', 'control-message');
  message.id = 'control-message';
  message.setAttribute('role', 'status');
  details.append(message);
  box.replaceChildren(details);
}

function problemMessages(problem) {
  if (!problem) return [];
  if (problem.cells) {
    return problem.cells.map((c) => {
      const where = `${DISPLAY_NAMES[c.matrix]}[${c.i}][${c.j}]`;
      return { text: c.kind === 'empty' ? t('emptyCell')(where) : t('notANumber')(where, c.text.slice(0, 24)), matrix: c.matrix };
    });
  }
  return [{ text: localizeCoreMessage(problem.message), matrix: problem.where?.matrix, control: problem.where?.control }];
}

function renderMain() {
  const preset = presetOf(app.state);
  const index = STEP_IDS.indexOf(app.state.step);
  const problem = app.outcome.problem;
  const view = app.outcome.result ? app.outcome : app.lastGood;
  const stale = Boolean(!app.outcome.result && view);
  app.explainers = new Map();
  const ctx = {
    step: steps[index], index, count: STEP_IDS.length, state: app.state, preset, form: preset.form,
    result: view?.result ?? null, compare: view?.compare ?? null, stale,
    precision: app.state.precision, core: app.core, presetTrace: traceOfPreset(preset), edited: isEdited(app.state, preset),
    problemCells: problem?.cells ?? [], problemMatrix: problem?.where?.matrix, whyScale, whyScaleState: app.whyScaleState,
    explainers: app.explainers,
  };
  const section = renderStep(ctx);

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
    box.append(el('strong', null, `${t('inputError')}: `));
    const list = el('ul');
    for (const m of messages.slice(0, 6)) list.append(el('li', null, m.text));
    box.append(list);
    if (stale) box.append(el('p', 'last-good', t('lastGood')));
    banner.append(box);
    for (const m of messages) {
      const figure = m.matrix && section.querySelector(`figure[data-key="${m.matrix}"]`);
      if (figure) {
        figure.classList.add('problem');
        const local = el('p', 'local-message', m.text);
        figure.append(local);
      }
    }
  }
  hidePopover();
  $('step').replaceChildren(section);
  const controlMessage = $('control-message');
  if (controlMessage) {
    const about = messages.find((m) => m.control);
    controlMessage.textContent = about ? about.text : '';
    controlMessage.className = `control-message${about ? ' problem' : ''}`;
    if (about?.control) $(about.control === 'heads' ? 'heads' : about.control === 'mask' ? 'settings' : 'scale-group')?.classList.add('problem');
  }
}

function renderAll({ keepSettings = false } = {}) {
  const active = document.activeElement;
  const focusKey = active && (active.dataset?.matrix !== undefined
    ? `[data-matrix="${active.dataset.matrix}"][data-i="${active.dataset.i}"][data-j="${active.dataset.j}"]`
    : active.id ? `#${CSS.escape(active.id)}` : null);
  const selection = active && typeof active.selectionStart === 'number' ? [active.selectionStart, active.selectionEnd] : null;

  renderShell();
  renderNav();
  renderPresetIntro();
  if (!keepSettings) renderSettings();
  renderMain();

  if (focusKey) {
    const again = document.querySelector(focusKey);
    if (again && again !== document.activeElement) {
      again.focus({ preventScroll: true });
      if (selection && typeof again.setSelectionRange === 'function') {
        try { again.setSelectionRange(...selection); } catch { /* number inputs have no selection */ }
      }
    }
  }
}

// After a change by the learner (fromUrl: false) a message about the link no longer applies.
function update({ push = false, recomputeNeeded = true, keepSettings = false, fromUrl = false } = {}) {
  if (!fromUrl) app.linkProblem = null;
  if (recomputeNeeded) recompute();
  writeHash({ push });
  renderAll({ keepSettings });
}

// ------------------------------------------------------------------ actions

function goToStep(index, { focus = false } = {}) {
  if (index < 0 || index >= STEP_IDS.length) return;
  app.state.step = STEP_IDS[index];
  update({ push: true, recomputeNeeded: false });
  window.scrollTo({ top: 0 });
  if (focus) $('step-title')?.focus({ preventScroll: true });
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
  update();
}

function explainCell(td) {
  const explain = app.explainers.get(td.dataset.key);
  const box = $('explanation');
  if (!explain || !box) return;
  const info = explain(Number(td.dataset.i), Number(td.dataset.j));
  if (!info) return;
  box.replaceChildren(el('h3', null, t('howMade')), ...info.lines.map((line) => el('p', 'arith', line)));
  highlightSources($('step'), td, info.sources);
  showPopover(td, info.lines);
}

// The same arithmetic next to the cell, so the eye need not leave it (the box below the step
// keeps it for screen readers and after the pointer moves on).
function showPopover(td, lines) {
  const popover = $('cell-popover');
  popover.replaceChildren(...lines.map((line) => el('p', 'arith', line)));
  popover.hidden = false;
  const cell = td.getBoundingClientRect();
  const width = Math.min(popover.offsetWidth, document.documentElement.clientWidth - 16);
  const left = Math.max(8, Math.min(cell.left, document.documentElement.clientWidth - width - 8));
  const below = cell.bottom + 6;
  const top = below + popover.offsetHeight > window.innerHeight && cell.top - popover.offsetHeight - 6 > 0
    ? cell.top - popover.offsetHeight - 6 : below;
  popover.style.left = `${left + window.scrollX}px`;
  popover.style.top = `${top + window.scrollY}px`;
}

function hidePopover() {
  const popover = $('cell-popover');
  if (popover) popover.hidden = true;
}

function wireEvents() {
  $('prev').addEventListener('click', () => goToStep(STEP_IDS.indexOf(app.state.step) - 1));
  $('next').addEventListener('click', () => goToStep(STEP_IDS.indexOf(app.state.step) + 1));
  $('preset').addEventListener('change', (e) => {
    const preset = presets.find((p) => p.id === e.target.value);
    if (!preset) return;
    app.state = presetState(preset, app.state.step);
    app.linkProblem = null;
    app.lastGood = null;
    update({ push: true });
  });
  $('precision').addEventListener('change', (e) => {
    app.state.precision = Number(e.target.value);
    update({ recomputeNeeded: false });
  });
  $('language').addEventListener('click', (e) => {
    const button = e.target.closest('button[data-lang]');
    if (!button) return;
    setLanguage(button.dataset.lang);
    renderAll();
  });
  $('step-list').addEventListener('click', (e) => {
    const a = e.target.closest('a[data-step]');
    if (!a) return;
    e.preventDefault();
    goToStep(STEP_IDS.indexOf(a.dataset.step), { focus: true });
  });

  const main = $('main');
  main.addEventListener('input', (e) => {
    const target = e.target;
    if (target.dataset.matrix !== undefined) {
      const { matrix, i, j } = target.dataset;
      app.state.inputs[matrix][Number(i)][Number(j)] = target.value;
      update();
    } else if (target.id === 'temperature') {
      // The slider stays in place while it is dragged: only the step is redrawn.
      app.state.scale = { mode: 'temperature', temperature: Number(target.value) };
      const shown = target.parentElement.querySelector('output');
      if (shown) shown.textContent = target.value;
      update({ keepSettings: true });
    }
  });
  main.addEventListener('change', (e) => {
    const target = e.target;
    const sizes = { 'size-tokens': 'tokens', 'size-dmodel': 'dmodel', 'size-dqk': 'dqk', 'size-dv': 'dv' };
    if (sizes[target.id]) {
      if (target.value !== '' && Number.isFinite(Number(target.value))) resize(sizes[target.id], Number(target.value));
    } else if (target.id === 'heads') {
      const heads = Math.round(Number(target.value));
      if (target.value !== '' && heads >= 1 && heads <= LIMITS.maxHeads) {
        app.state.heads = heads;
        app.state.head = Math.min(app.state.head, heads - 1);
        update();
      }
    } else if (target.name === 'mask') {
      app.state.mask = target.value;
      update();
    } else if (target.name === 'scale') {
      if (target.value === 'temperature') app.state.scale = { mode: 'temperature', temperature: Number($('temperature').value) || 1 };
      else if (target.value === 'fixed') app.state.scale = { mode: 'fixed', value: presetOf(app.state).scale ?? 1 };
      else app.state.scale = { mode: target.value };
      update();
    }
  });
  main.addEventListener('click', (e) => {
    const headButton = e.target.closest('button[data-head]');
    if (headButton) {
      app.state.head = Number(headButton.dataset.head);
      update({ recomputeNeeded: false });
      return;
    }
    if (e.target.id === 'reset') {
      const preset = presetOf(app.state);
      app.state = { ...presetState(preset, app.state.step), precision: app.state.precision };
      update();
      $('control-message').textContent = t('resetDone');
      return;
    }
    const td = e.target.closest('td.explainable');
    if (td) explainCell(td);
  });
  main.addEventListener('pointerover', (e) => {
    const td = e.target.closest('td.explainable');
    if (td) explainCell(td);
  });
  main.addEventListener('focusin', (e) => {
    const td = e.target.closest('td.explainable');
    if (td) explainCell(td);
  });
  main.addEventListener('pointerout', (e) => {
    if (e.target.closest('td.explainable') && !e.relatedTarget?.closest?.('td.explainable')) hidePopover();
  });
  main.addEventListener('focusout', (e) => {
    if (e.target.closest('td.explainable')) hidePopover();
  });
  document.addEventListener('keydown', (e) => { if (e.key === 'Escape') hidePopover(); });
  window.addEventListener('resize', hidePopover);

  document.addEventListener('keydown', (e) => {
    if (e.altKey || e.ctrlKey || e.metaKey || e.shiftKey) return;
    if (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight') return;
    const target = e.target;
    const typing = target.closest?.('input, textarea, select, [contenteditable="true"]');
    if (typing) return;
    e.preventDefault();
    goToStep(STEP_IDS.indexOf(app.state.step) + (e.key === 'ArrowRight' ? 1 : -1), { focus: true });
  });

  const followUrl = () => {
    const before = JSON.stringify(app.state);
    readHash();
    if (JSON.stringify(app.state) !== before || app.linkProblem) update({ fromUrl: true });
  };
  window.addEventListener('hashchange', followUrl);
  window.addEventListener('popstate', followUrl);
}

async function main() {
  setLanguage(initialLanguage());
  const status = $('status');
  status.textContent = t('loading');
  try {
    app.core = await loadAttention();
  } catch (err) {
    status.textContent = t('coreFailed')(err.message);
    status.className = 'message error';
    return;
  }
  status.textContent = '';
  status.hidden = true;
  readHash();
  recompute();
  writeHash();
  wireEvents();
  renderAll();
  document.body.dataset.ready = 'true';
  registerOfflineCopy();
}

main();
