// tex.js — lesson text with inline TeX. Text is data: plain parts become text nodes, and
// $…$ parts are typeset by KaTeX with trust off. Every formula the page shows without user
// input was typeset at build time (scripts/typeset.mjs → ../content/formulas.generated.js, same
// KaTeX, same OPTIONS) and is inserted as that HTML; only another formula (an edited matrix's
// new size, another precision…) imports KaTeX's ES module (vendor/katex, never a CDN), once,
// showing the TeX as text until it has loaded.
import { KATEX_VERSION, inline, display } from '../content/formulas.generated.js';

/** KaTeX's options for every formula, at build time and live. */
export const OPTIONS = { throwOnError: false, trust: false, strict: 'ignore', output: 'htmlAndMathml' };

let katexLoad = null;
/** KaTeX's module, imported on the first formula that was not typeset at build time. */
function loadKatex() {
  // A URL, not a literal specifier: the type check (tsconfig.json) does not read KaTeX's source.
  katexLoad ??= import(new URL('../../vendor/katex/katex.mjs', import.meta.url).href).then((module) => {
    const katex = module.default;
    if (katex.version !== KATEX_VERSION) {
      console.warn(`tex.js: formulas typeset by KaTeX ${KATEX_VERSION}, live ones by ${katex.version}; run bash scripts/vendor`);
    }
    return katex;
  });
  return katexLoad;
}

/** Typesets `tex` into `element`: the build's HTML when it has it, else KaTeX once it has loaded. */
function typeset(element, tex, displayMode) {
  const prerendered = (displayMode ? display : inline);
  if (Object.hasOwn(prerendered, tex)) {
    element.innerHTML = prerendered[tex];
    return;
  }
  element.textContent = tex;
  loadKatex().then(
    (katex) => katex.render(tex, element, { ...OPTIONS, displayMode }),
    () => { /* KaTeX could not load (offline before it was cached): the TeX stays as text */ },
  );
}

/** Appends `text` to `parent`: "$…$" as inline math, the rest as text. */
export function appendRich(parent, text) {
  const parts = String(text).split(/\$([^$]+)\$/);
  parts.forEach((part, index) => {
    if (part === '') return;
    if (index % 2 === 0) {
      parent.append(document.createTextNode(part));
      return;
    }
    const span = document.createElement('span');
    typeset(span, part, false);
    parent.append(span);
  });
  return parent;
}

/** A display formula element. */
export function displayFormula(tex) {
  const div = document.createElement('div');
  div.className = 'formula';
  typeset(div, tex, true);
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
