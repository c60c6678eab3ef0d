// Building elements. Text only ever goes in through textContent, attribute values or form values,
// so whatever a reader types (a stage named "<img onerror=…>") stays text.

/** @typedef {Node | string | null | undefined | false | Child[]} Child */
/** @typedef {Record<string, string | number | boolean | null | undefined | ((event: Event) => void)>} Props */

/**
 * An element with attributes, `text`, `on…` listeners and children.
 * @template {keyof HTMLElementTagNameMap} Tag
 * @param {Tag} tag
 * @param {Props} [props]
 * @param {...Child} children
 * @returns {HTMLElementTagNameMap[Tag]}
 */
export function h(tag, props = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(props)) {
    if (value == null || value === false) continue;
    if (typeof value === 'function') element.addEventListener(name.slice(2), value);
    else if (name === 'text') element.textContent = String(value);
    else element.setAttribute(name, value === true ? '' : String(value));
  }
  element.append(.../** @type {(Node | string)[]} */ (children.flat(9).filter((child) => child != null && child !== false)));
  return element;
}

/**
 * Sets an element's text only when it differs: an unchanged result costs no DOM write.
 * @param {Element} element
 * @param {string} text
 */
export function setText(element, text) {
  if (element.textContent === text) return;
  // A lone text node is changed in place: a new one (textContent) is a node removed and one
  // inserted, each styled and laid out anew, in every results frame for every changed number.
  const only = element.firstChild;
  if (only && only === element.lastChild && only.nodeType === Node.TEXT_NODE && text) /** @type {Text} */ (only).data = text;
  else element.textContent = text;
}

/**
 * Sets an attribute only when it differs.
 * @param {Element} element
 * @param {string} name
 * @param {string} value
 */
export function setAttr(element, name, value) {
  if (element.getAttribute(name) !== value) element.setAttribute(name, value);
}
