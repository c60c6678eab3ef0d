// Measures how tall the calculator is at given widths, in copies the reader never sees: the frame
// code's heights come from the calculator itself, with the chosen preset, panels, numbers and
// language, rather than from a table made for the default panels in English. The embed page (the
// frame's content) is the calculator alone, without margins, so its height is the element's.
// Widths go into a constructed style sheet: no style attribute, no markup.

const box = /** @type {HTMLElement} */ (document.querySelector('.measure'));
box.inert = true;
const sheet = new CSSStyleSheet();
document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
/** @type {Map<number, HTMLElement>} */
const copies = new Map();
let timer = 0;

/** @typedef {(key: string, heights: Map<number, number>) => void} Report */

/** @type {{ key: string, widths: number[], report: Report }} */
let current = { key: '', widths: [], report: () => {} };
let reported = '';

/**
 * The height of a copy once it shows the calculator (not its loading line), or 0.
 * @param {HTMLElement} copy
 */
function heightOf(copy) {
  const first = copy.shadowRoot?.firstElementChild;
  if (!first || first.classList.contains('loading')) return 0;
  return Math.ceil(copy.getBoundingClientRect().height);
}

/** Reports the heights of the copies, when one has changed. */
function readAll() {
  /** @type {Map<number, number>} */
  const heights = new Map();
  for (const width of current.widths) {
    const copy = copies.get(width);
    const height = copy?.dataset.key === current.key ? heightOf(copy) : 0;
    if (height) heights.set(width, height);
  }
  const seen = JSON.stringify([current.key, ...heights]);
  if (!heights.size || seen === reported) return;
  reported = seen;
  current.report(current.key, heights);
}
const observer = new ResizeObserver(readAll);

/**
 * Shows the calculator with `attributes` at each of `widths` and calls `report` with the heights
 * measured so far whenever one changes (panels that load later, fonts). A new call replaces the
 * last one; `key` names the attributes in the report.
 * @param {string} key @param {[string, string][]} attributes @param {number[]} widths @param {Report} report
 */
export function measure(key, attributes, widths, report) {
  window.clearTimeout(timer);
  // Typing in the preview changes the attributes at every key: show them once the typing rests.
  if (key === current.key) start(key, attributes, widths, report);
  else timer = window.setTimeout(() => start(key, attributes, widths, report), 400);
}

/** @param {string} key @param {[string, string][]} attributes @param {number[]} widths @param {Report} report */
function start(key, attributes, widths, report) {
  // The same attributes and widths again (the report itself re-renders the code): nothing new.
  if (key !== current.key || widths.join() !== current.widths.join()) reported = '';
  current = { key, widths, report };
  for (const [width, copy] of copies) {
    if (widths.includes(width)) continue;
    observer.unobserve(copy);
    copy.remove();
    copies.delete(width);
  }
  sheet.replaceSync(widths.map((width) => `.measure [data-width="${width}"] { display: block; width: ${width}px; }`).join('\n'));
  for (const width of widths) {
    let copy = copies.get(width);
    if (!copy) {
      copy = document.createElement('sales-kpi-calculator');
      copy.dataset.width = String(width);
      box.append(copy);
      copies.set(width, copy);
      observer.observe(copy);
      customElements.whenDefined('sales-kpi-calculator').then(() => {
        // Every render changes the shadow DOM, before the size follows.
        if (copy?.shadowRoot) new MutationObserver(readAll).observe(copy.shadowRoot, { childList: true, subtree: true, characterData: true });
      });
    }
    if (copy.dataset.key === key) continue;
    for (const { name } of [...copy.attributes]) if (!name.startsWith('data-')) copy.removeAttribute(name);
    for (const [name, value] of attributes) copy.setAttribute(name, value);
    copy.dataset.key = key;
  }
  readAll();
}
