// dom.js — the element helpers of the page: a tag, a class and text (never markup).

export function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
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
