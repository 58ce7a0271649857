// settings-panel.js — the settings drawer (sizes, heads, mask, scale, τ, reset). It owns its DOM
// and its events: it is rebuilt only when what it offers changes (the example, the sizes, the
// language), and otherwise only its values are set, so a control keeps its focus while in use.
// Heads are offered as the divisors of the widths they split, so no choice can fail.

import { t } from './i18n.js';
import { el } from './dom.js';

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

function radioGroup(id, legend, name, options, checked) {
  const group = el('fieldset', 'field radio-group');
  if (id) group.id = id;
  group.append(el('legend', null, legend));
  for (const [value, label] of options) {
    const option = el('label');
    const radio = el('input');
    radio.type = 'radio';
    radio.name = name;
    radio.value = value;
    radio.checked = checked === value;
    option.append(radio, ` ${label}`);
    group.append(option);
  }
  return group;
}

/** Whole numbers from 1 to `limit` that divide every width. */
export function headChoices(widths, limit) {
  const out = [];
  for (let h = 1; h <= Math.min(limit, ...widths); h++) if (widths.every((w) => w % h === 0)) out.push(h);
  return out;
}

/**
 * createSettingsPanel(root, actions): actions.resize(which, n), heads(n), mask(value),
 * scale({ mode, … }), reset(). Returns { render(view), message(text, control) } where
 * view = { state, preset, sizes, headWidths, limits, language, open }.
 */
export function createSettingsPanel(root, actions) {
  let signature = null;
  let refs = null;

  function build(view) {
    const { state, preset, sizes, limits } = view;
    const details = el('details');
    details.open = view.open;
    details.append(el('summary', null, t('settings')));
    const grid = el('div', 'settings-grid');
    grid.append(numberField('size-tokens', t('tokens'), sizes.tokens, 1, limits.maxRows));
    if (preset.form === 'x') grid.append(numberField('size-dmodel', t('dModel'), sizes.dModel, 1, limits.maxCols));
    grid.append(numberField('size-dqk', t('dQK'), sizes.dQK, 1, limits.maxCols));
    grid.append(numberField('size-dv', t('dV'), sizes.dV, 1, limits.maxCols));

    const headsField = el('label', 'field');
    headsField.htmlFor = 'heads';
    const heads = el('select');
    heads.id = 'heads';
    for (const h of headChoices(view.headWidths, limits.maxHeads)) {
      const option = el('option', null, String(h));
      option.value = String(h);
      heads.append(option);
    }
    headsField.append(el('span', 'field-label', t('heads')), heads);
    headsField.title = t('headsDivisors')([...heads.options].map((o) => o.value).join(', '));
    grid.append(headsField);

    grid.append(radioGroup(null, t('mask'), 'mask', [['none', t('maskNone')], ['causal', t('maskCausal')]], state.mask));
    const modes = [['default', t('scaleDefault')], ['one', t('scaleOne')], ['temperature', t('scaleTemperature')]];
    if (preset.scale !== null && preset.scale !== undefined) modes.push(['fixed', String(preset.scale)]);
    const scale = radioGroup('scale-group', t('scale'), 'scale', modes, state.scale.mode);
    const temperature = el('label', 'temperature');
    const slider = el('input');
    slider.type = 'range';
    slider.id = 'temperature';
    slider.min = String(limits.minTemperature);
    slider.max = String(limits.maxTemperature);
    slider.step = '0.1';
    const shown = el('output');
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
    root.replaceChildren(details);
    refs = { details, heads, slider, shown, message, scale };
  }

  function setValues(view) {
    const { state, sizes } = view;
    for (const [id, value] of [['size-tokens', sizes.tokens], ['size-dmodel', sizes.dModel], ['size-dqk', sizes.dQK], ['size-dv', sizes.dV]]) {
      const input = root.querySelector(`#${id}`);
      if (input && document.activeElement !== input) input.value = String(value);
    }
    refs.heads.value = String(state.heads);
    for (const radio of root.querySelectorAll('input[name="mask"]')) radio.checked = radio.value === state.mask;
    for (const radio of root.querySelectorAll('input[name="scale"]')) radio.checked = radio.value === state.scale.mode;
    const temperature = state.scale.mode === 'temperature' ? state.scale.temperature : 1;
    if (document.activeElement !== refs.slider) refs.slider.value = String(temperature);
    refs.shown.textContent = String(temperature);
    refs.slider.disabled = state.scale.mode !== 'temperature';
  }

  root.addEventListener('change', (e) => {
    const target = e.target;
    const sizes = { 'size-tokens': 'tokens', 'size-dmodel': 'dmodel', 'size-dqk': 'dqk', 'size-dv': 'dv' };
    if (sizes[target.id]) {
      if (target.value !== '' && Number.isFinite(Number(target.value))) actions.resize(sizes[target.id], Number(target.value));
    } else if (target.id === 'heads') {
      actions.heads(Number(target.value));
    } else if (target.name === 'mask') {
      actions.mask(target.value);
    } else if (target.name === 'scale') {
      actions.scaleMode(target.value, Number(refs.slider.value) || 1);
    }
  });
  root.addEventListener('input', (e) => {
    if (e.target === refs?.slider) {
      refs.shown.textContent = e.target.value;
      actions.scaleMode('temperature', Number(e.target.value));
    }
  });
  root.addEventListener('click', (e) => {
    if (e.target.id === 'reset') actions.reset();
  });

  return {
    render(view) {
      const next = JSON.stringify([view.preset.id, view.sizes, view.headWidths, view.language]);
      if (next !== signature) {
        const open = refs ? refs.details.open : view.open;
        build({ ...view, open });
        signature = next;
      }
      setValues(view);
    },
    message(text, control) {
      if (!refs) return;
      refs.message.textContent = text ?? '';
      refs.message.className = `control-message${text && control ? ' problem' : ''}`;
      refs.heads.classList.toggle('problem', control === 'heads');
      refs.scale.classList.toggle('problem', control === 'scale');
      refs.details.classList.toggle('problem', control === 'mask');
      if (text && control) refs.details.open = true;
    },
  };
}
