// explainer.js — how a result cell was made: pointing at, tapping or focusing a cell shows its
// arithmetic next to it (the popover) and in the step's "How this number was made" box, marks
// exactly the row and column (or cells) it came from, and lights the cell's symbol in the
// formula. Also the grid keyboard pattern: each matrix (results and inputs) is one Tab stop,
// arrows move inside.
// Owns its events on `root` (the step container) and the popover element.

import { t } from './i18n.js';
import { el } from './dom.js';
import { highlightSources } from './matrix-view.js';
import { SYMBOLS } from './names.js';

/** A line of arithmetic: a string, or parts [{ text, role? }] whose role ('a' | 'b') colours a factor. */
function lineNode(line) {
  const p = el('p', 'arith');
  if (typeof line === 'string') {
    p.textContent = line;
    return p;
  }
  for (const part of line) p.append(part.role ? el('span', `factor factor-${part.role}`, part.text) : part.text);
  return p;
}

// The letters of a symbol as KaTeX prints them in the formula (S′ is an S with a prime).
const formulaLetters = (symbol) => {
  const text = SYMBOLS[symbol]?.text ?? '';
  const base = text.replace(/[′ᵀ_].*$/, '');
  return base.length === 1 ? [base, base.toLowerCase()] : [];
};

/**
 * createExplainer(root, popover): returns { set(explainers), hide() }. explainers: Map from a
 * table key to (i, j) => { lines, sources }.
 */
export function createExplainer(root, popover) {
  let explainers = new Map();

  function markFormula(symbol) {
    for (const node of root.querySelectorAll('.formula .term-lit')) node.classList.remove('term-lit');
    if (!symbol) return;
    const letters = formulaLetters(symbol);
    for (const node of root.querySelectorAll('.formula .katex-html .mord.mathnormal')) {
      if (letters.includes(node.textContent)) node.classList.add('term-lit');
    }
  }

  function show(td, lines) {
    popover.replaceChildren(...lines.map(lineNode));
    popover.hidden = false;
    const cell = td.getBoundingClientRect();
    const viewportWidth = document.documentElement.clientWidth;
    const width = Math.min(popover.offsetWidth, viewportWidth - 16);
    const left = Math.max(8, Math.min(cell.left, viewportWidth - width - 8));
    const below = cell.bottom + 6;
    const top = below + popover.offsetHeight > window.innerHeight && cell.top - popover.offsetHeight - 6 > 0
      ? cell.top - popover.offsetHeight - 6 : below;
    popover.style.left = `${left + window.scrollX}px`;
    popover.style.top = `${top + window.scrollY}px`;
  }

  function hide() {
    popover.hidden = true;
  }

  function explain(td) {
    const fn = explainers.get(td.dataset.key);
    const box = root.querySelector('#explanation');
    if (!fn || !box) return;
    const info = fn(Number(td.dataset.i), Number(td.dataset.j));
    if (!info) return;
    box.replaceChildren(el('h3', null, t('howMade')), ...info.lines.map(lineNode));
    highlightSources(root, td, info.sources);
    markFormula(td.closest('table')?.dataset.matrix);
    show(td, info.lines);
  }

  // Grid pattern: one Tab stop per matrix (the cell last visited), arrows move between cells.
  function moveInGrid(td, key) {
    const table = td.closest('table.grid');
    if (!table) return false;
    const cells = [...table.querySelectorAll('td.explainable')];
    const rows = [...new Set(cells.map((c) => c.closest('tr')))];
    const r = rows.indexOf(td.closest('tr'));
    const rowCells = (row) => cells.filter((c) => c.closest('tr') === row);
    const c = rowCells(rows[r]).indexOf(td);
    let target = null;
    if (key === 'ArrowRight') target = rowCells(rows[r])[c + 1];
    else if (key === 'ArrowLeft') target = rowCells(rows[r])[c - 1];
    else if (key === 'ArrowDown' && rows[r + 1]) target = rowCells(rows[r + 1])[Math.min(c, rowCells(rows[r + 1]).length - 1)];
    else if (key === 'ArrowUp' && rows[r - 1]) target = rowCells(rows[r - 1])[Math.min(c, rowCells(rows[r - 1]).length - 1)];
    else if (key === 'Home') target = rowCells(rows[r])[0];
    else if (key === 'End') target = rowCells(rows[r]).at(-1);
    if (!target) return true;   // at the edge: the key is still the grid's, not the page's
    for (const cell of cells) cell.tabIndex = -1;
    target.tabIndex = 0;
    target.focus();
    return true;
  }

  root.addEventListener('click', (e) => {
    const td = e.target.closest('td.explainable');
    if (td) explain(td);
  });
  root.addEventListener('pointerover', (e) => {
    const td = e.target.closest('td.explainable');
    if (td) explain(td);
  });
  root.addEventListener('focusin', (e) => {
    const td = e.target.closest('td.explainable');
    if (!td) return;
    const table = td.closest('table.grid');
    if (table) for (const cell of table.querySelectorAll('td.explainable')) cell.tabIndex = cell === td ? 0 : -1;
    explain(td);
  });
  root.addEventListener('pointerout', (e) => {
    if (e.target.closest('td.explainable') && !e.relatedTarget?.closest?.('td.explainable')) {
      hide();
      markFormula(null);
    }
  });
  root.addEventListener('focusout', (e) => {
    if (e.target.closest('td.explainable')) hide();
  });
  // Editable matrices: Up/Down move between rows; Left/Right leave the cell at the text's ends.
  function moveInInputs(input, key) {
    const table = input.closest('table.input-grid');
    if (!table) return false;
    const rows = [...table.tBodies[0].rows].map((tr) => [...tr.querySelectorAll('input')]);
    const r = rows.findIndex((row) => row.includes(input));
    const c = rows[r].indexOf(input);
    const atStart = input.selectionStart === 0 && input.selectionEnd === 0;
    const atEnd = input.selectionStart === input.value.length && input.selectionEnd === input.value.length;
    let target = null;
    if (key === 'ArrowUp') target = rows[r - 1]?.[c];
    else if (key === 'ArrowDown') target = rows[r + 1]?.[c];
    else if (key === 'ArrowLeft' && atStart) target = rows[r][c - 1];
    else if (key === 'ArrowRight' && atEnd) target = rows[r][c + 1];
    else return false;
    if (!target) return key === 'ArrowUp' || key === 'ArrowDown';
    for (const other of table.querySelectorAll('input')) other.tabIndex = -1;
    target.tabIndex = 0;
    target.focus();
    target.select();
    return true;
  }

  root.addEventListener('focusin', (e) => {
    const table = e.target.closest?.('table.input-grid');
    if (table && e.target.matches('input')) for (const input of table.querySelectorAll('input')) input.tabIndex = input === e.target ? 0 : -1;
  });

  root.addEventListener('keydown', (e) => {
    if (e.target.matches?.('table.input-grid input') && !e.altKey && !e.ctrlKey && !e.metaKey && !e.shiftKey
      && moveInInputs(e.target, e.key)) {
      e.preventDefault();
      return;
    }
    const td = e.target.closest?.('td.explainable');
    if (!td || e.altKey || e.ctrlKey || e.metaKey) return;
    if (['ArrowRight', 'ArrowLeft', 'ArrowUp', 'ArrowDown', 'Home', 'End'].includes(e.key) && moveInGrid(td, e.key)) {
      e.preventDefault();
      e.stopPropagation();
    }
  });
  document.addEventListener('keydown', (e) => { if (e.key === 'Escape') hide(); });
  window.addEventListener('resize', hide);

  return {
    set(next) {
      explainers = next;
      hide();
    },
    hide,
  };
}
