// tex.js — lesson text with inline TeX. Text is data: plain parts become text nodes, and
// $…$ parts are typeset by KaTeX (loaded from vendor/katex, never from a CDN) with trust off.

const katex = () => globalThis.katex;

const OPTIONS = { throwOnError: false, trust: false, strict: 'ignore', output: 'htmlAndMathml' };

/** Appends `text` to `parent`: "$…$" as inline math, the rest as text. */
export function appendRich(parent, text) {
  const parts = String(text).split(/\$([^$]+)\$/);
  parts.forEach((part, index) => {
    if (part === '') return;
    // Odd parts are TeX: typeset by KaTeX, or as plain text if KaTeX has not loaded.
    if (index % 2 === 0 || !katex()) {
      parent.append(document.createTextNode(part));
      return;
    }
    const span = document.createElement('span');
    katex().render(part, span, OPTIONS);
    parent.append(span);
  });
  return parent;
}

/** A display formula element. */
export function displayFormula(tex) {
  const div = document.createElement('div');
  div.className = 'formula';
  if (katex()) katex().render(tex, div, { ...OPTIONS, displayMode: true });
  else div.textContent = tex;
  return div;
}

/** Text with $…$ TeX as plain Unicode, for places that cannot hold markup (title, <option>). */
export function plainText(text) {
  return String(text).replace(/\$([^$]+)\$/g, (_, tex) => tex
    .replace(/\\sqrt\{([^}]*)\}/g, '√$1')
    .replace(/\^\\top|\^\{\\top\}|\^T\b/g, 'ᵀ')
    .replace(/\\(cdot|times)/g, (m, op) => (op === 'cdot' ? '·' : '×'))
    .replace(/\\[a-zA-Z]+/g, '')
    .replace(/[{}]/g, '')
    .trim());
}
