// navigation.js — getting around: the step list, the progress, Previous/Next (a sticky bar on
// phones) and the pipeline map (X → W_Q,W_K,W_V → Q,K,V → S → S′ → A → O → heads → C → W_O,
// with the example's shapes; each part links to its step). Owns its DOM and its clicks; asks
// the controller to go to a step through actions.go(index).

import { t, pick } from './i18n.js';
import { appendRich } from './tex.js';
import { el, byId, closestTo } from './dom.js';

const $ = (id) => byId(id);
const dims = (m) => (m && m.length && m[0] ? `${m.length}×${m[0].length}` : '');

/** The parts of the map for a result (shapes from the core's arrays; null before any result). */
function mapParts(result, state) {
  const head = result?.heads?.[0];
  const heads = result?.split?.heads?.length ?? state.heads;
  return [
    { label: 'X', shape: dims(result?.x), step: 'input' },
    { label: 'W_Q, W_K, W_V', step: 'projection' },
    { label: 'Q, K, V', shape: dims(result?.q), step: 'projection' },
    { label: 'S = QKᵀ', shape: dims(head?.scores), step: 'scores' },
    { label: 'S′', shape: dims(head?.scaledScores), step: 'scale' },
    { label: 'A', shape: dims(head?.weights), step: 'softmax' },
    { label: 'O = AV', shape: dims(head?.output), step: 'output' },
    { label: `${heads} × ${t('head')}`, step: 'multihead' },
    { label: 'C', shape: dims(result?.split?.concat), step: 'multihead' },
    ...(result?.wo ? [{ label: 'W_O', shape: dims(result.wo), step: 'multihead' }] : []),
    { label: 'mask', step: 'mask', word: true },
  ];
}

/**
 * createNavigation(actions, stepIds, lessonSteps): actions.go(index). Returns
 * { render({ index, state, result, hrefOf }) }.
 */
export function createNavigation(actions, stepIds, lessonSteps) {
  const list = $('step-list');
  const map = $('pipeline-map');

  list.addEventListener('click', (e) => {
    const a = closestTo(e.target, 'a[data-step]');
    if (!a) return;
    e.preventDefault();
    actions.go(stepIds.indexOf(a.dataset.step));
  });
  map.addEventListener('click', (e) => {
    const a = closestTo(e.target, 'a[data-step]');
    if (!a) return;
    e.preventDefault();
    actions.go(stepIds.indexOf(a.dataset.step));
  });
  $('prev').addEventListener('click', () => actions.step(-1));
  $('next').addEventListener('click', () => actions.step(1));

  let listSignature = null;

  return {
    render({ index, state, result, hrefOf }) {
      const signature = JSON.stringify([document.documentElement.lang, state.preset, hrefOf(stepIds[0])]);
      if (signature !== listSignature) {
        list.replaceChildren(...lessonSteps.map((step, i) => {
          const li = el('li');
          const a = el('a');
          a.append(el('span', 'step-no', `${i + 1}. `));
          appendRich(a, pick(step.title));
          a.dataset.step = stepIds[i];
          li.append(a);
          return li;
        }));
        listSignature = signature;
      }
      for (const a of /** @type {NodeListOf<HTMLAnchorElement>} */ (list.querySelectorAll('a[data-step]'))) {
        a.href = hrefOf(a.dataset.step);
        if (a.dataset.step === stepIds[index]) a.setAttribute('aria-current', 'step');
        else a.removeAttribute('aria-current');
      }
      $('progress-text').textContent = t('stepOf')(index + 1, stepIds.length);
      const bar = byId('progress-bar', HTMLProgressElement);
      bar.max = stepIds.length;
      bar.value = index + 1;
      bar.setAttribute('aria-label', t('stepOf')(index + 1, stepIds.length));
      byId('prev', HTMLButtonElement).disabled = index === 0;
      byId('next', HTMLButtonElement).disabled = index === stepIds.length - 1;
      $('pager-progress').textContent = `${index + 1} / ${stepIds.length}`;

      // The pipeline map.
      const parts = mapParts(result, state);
      const items = [];
      parts.forEach((part, n) => {
        const li = el('li', 'map-part');
        const a = el('a');
        a.href = hrefOf(part.step);
        a.dataset.step = part.step;
        a.append(el('span', 'map-symbol', part.word ? t('mask') : part.label));
        if (part.shape) a.append(el('span', 'map-shape', part.shape));
        if (part.step === stepIds[index]) {
          li.classList.add('current');
          a.setAttribute('aria-current', 'step');
        }
        li.append(a);
        items.push(li);
        if (n < parts.length - 1) {
          const arrow = el('li', 'map-arrow', '→');
          arrow.setAttribute('aria-hidden', 'true');
          items.push(arrow);
        }
      });
      map.replaceChildren(...items);
      map.setAttribute('aria-label', t('mapLabel'));
      $('map-heading').textContent = t('map');
      const current = /** @type {HTMLElement | null} */ (map.querySelector('.current'));
      if (current && map.scrollWidth > map.clientWidth) {
        map.scrollLeft = Math.max(0, current.offsetLeft - map.clientWidth / 3);
      }
    },
  };
}
