// Hand-made SVG parts. Values become floats only to place pixels; every number shown as text
// comes from the engine's decimal strings. Each chart has a table next to it for screen readers,
// so the SVG itself is a labelled image.

const NAMESPACE = 'http://www.w3.org/2000/svg';

/**
 * @param {string} tag
 * @param {Record<string, string | number>} attributes
 * @param {string} [text]
 */
export function svgElement(tag, attributes, text) {
  const element = document.createElementNS(NAMESPACE, tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, String(value));
  if (text != null) element.textContent = text;
  return element;
}

/**
 * An empty chart of the given size, labelled for assistive technology.
 * @param {number} width
 * @param {number} height
 * @param {string} label
 */
export const chartFrame = (width, height, label) => svgElement('svg', { viewBox: `0 0 ${width} ${height}`, width, height, role: 'img', 'aria-label': label, class: 'svg' });

/**
 * @param {number} x
 * @param {number} y
 * @param {number} width
 * @param {string} className
 * @param {number} [height]
 */
export const bar = (x, y, width, className, height = 16) => svgElement('rect', { x: x.toFixed(1), y, width: Math.max(width, 0).toFixed(1), height, rx: 3, class: className });

/**
 * @param {number} x
 * @param {number} y
 * @param {string} text
 * @param {'start' | 'middle' | 'end'} [anchor]
 * @param {string} [className]
 */
export const label = (x, y, text, anchor = 'start', className = 'tx') => svgElement('text', { x: x.toFixed(1), y, 'text-anchor': anchor, class: className }, text);
