// dom.js — the element helpers of the page: a tag, a class and text (never markup); elements
// looked up by id or from an event, checked to be of the type the caller uses.

/**
 * @template {keyof HTMLElementTagNameMap} K
 * @param {K} tag
 * @param {string | null} [className]
 * @param {string} [text]
 * @returns {HTMLElementTagNameMap[K]}
 */
export function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/**
 * The element with this id, checked to be a `type` (HTMLInputElement, HTMLSelectElement, …;
 * default HTMLElement). Throws, naming the id and both types, when the page has no such element
 * or one of another type.
 * @overload
 * @param {string} id
 * @returns {HTMLElement}
 */
/**
 * @template {HTMLElement} T
 * @overload
 * @param {string} id
 * @param {{ new (): T; prototype: T }} type
 * @returns {T}
 */
/**
 * @param {string} id
 * @param {{ new (): HTMLElement; prototype: HTMLElement }} [type]
 */
export function byId(id, type = HTMLElement) {
  const node = /** @type {Element | null} */ (document.getElementById(id));   // an SVG element too
  if (!(node instanceof type)) {
    throw new Error(`#${id} is ${node ? `a ${node.constructor.name}` : 'not on the page'}; the page needs a ${type.name} there`);
  }
  return node;
}

/**
 * The HTML element matching `selector` at or above an event's target (or relatedTarget); null
 * when there is none or the target is not an element (the document, the window, null).
 * @param {EventTarget | null} target
 * @param {string} selector
 * @returns {HTMLElement | null}
 */
export function closestTo(target, selector) {
  const found = target instanceof Element ? target.closest(selector) : null;
  return found instanceof HTMLElement ? found : null;
}

/** A box of role group named by its own h3 heading (headingId): the frame of the token and plane views. */
export function titledGroup(className, headingClass, headingId, title) {
  const box = el('div', className);
  const heading = el('h3', headingClass, title);
  heading.id = headingId;
  box.setAttribute('role', 'group');
  box.setAttribute('aria-labelledby', headingId);
  box.append(heading);
  return box;
}
