// Measures how tall the embed page (the frame's content) is at given widths, in frames the reader
// never sees: the frame code's heights come from the calculator itself, with the chosen preset,
// panels, numbers and language, rather than from a table made for the default panels in English.
// The frames are of this site's origin, so their layout is read directly (no messages).

const box = /** @type {HTMLElement} */ (document.querySelector('.measure'));
box.inert = true;
/** @type {Map<number, HTMLIFrameElement>} */
const frames = new Map();
let timer = 0;

/** @typedef {(url: string, heights: Map<number, number>) => void} Report */

/** @type {{ url: string, widths: number[], report: Report }} */
let current = { url: '', widths: [], report: () => {} };
let reported = '';

/**
 * The height of a frame's content once its calculator shows something (not its loading line), or 0.
 * @param {HTMLIFrameElement} frame
 */
function contentHeight(frame) {
  const doc = frame.contentDocument;
  const root = doc?.querySelector('sales-kpi-calculator')?.shadowRoot;
  const first = root?.firstElementChild;
  if (!doc || !first || first.classList.contains('loading')) return 0;
  return Math.ceil(doc.body.getBoundingClientRect().height);
}

/** Reports the heights of the frames that show the current address, when one has changed. */
function readAll() {
  /** @type {Map<number, number>} */
  const heights = new Map();
  for (const width of current.widths) {
    const frame = frames.get(width);
    const height = frame?.dataset.loaded === current.url ? contentHeight(frame) : 0;
    if (height) heights.set(width, height);
  }
  const key = JSON.stringify([current.url, ...heights]);
  if (!heights.size || key === reported) return;
  reported = key;
  current.report(current.url, heights);
}

/**
 * Loads `url` at each of `widths` and calls `report` with the heights measured so far, whenever
 * one of them changes (panels that load later, fonts). A new call replaces the last one.
 * @param {string} url @param {number[]} widths @param {Report} report
 */
export function measure(url, widths, report) {
  window.clearTimeout(timer);
  // Typing in the preview changes the address at every key: load it once the typing rests.
  if (url === current.url) start(url, widths, report);
  else timer = window.setTimeout(() => start(url, widths, report), 400);
}

/** @param {string} url @param {number[]} widths @param {Report} report */
function start(url, widths, report) {
  // The same address and widths again (the report itself re-renders the code): nothing new to load.
  if (url !== current.url || widths.join() !== current.widths.join()) reported = '';
  current = { url, widths, report };
  for (const [width, frame] of frames) {
    if (widths.includes(width)) continue;
    frame.remove();
    frames.delete(width);
  }
  for (const width of widths) {
    const frame = frames.get(width) ?? document.createElement('iframe');
    if (!frames.has(width)) {
      frame.title = String(width);
      frame.style.width = `${width}px`;
      frame.onload = () => {
        const win = /** @type {(Window & typeof globalThis) | null} */ (frame.contentWindow);
        const calculator = frame.contentDocument?.querySelector('sales-kpi-calculator');
        frame.dataset.loaded = frame.dataset.loading;
        if (!win || !calculator) return;
        win.customElements.whenDefined('sales-kpi-calculator').then(() => {
          // Every render changes the shadow DOM; a late panel or a font changes the body's size.
          if (calculator.shadowRoot) new win.MutationObserver(readAll).observe(calculator.shadowRoot, { childList: true, subtree: true, characterData: true });
          new win.ResizeObserver(readAll).observe(frame.contentDocument?.body ?? calculator);
          readAll();
        });
      };
      box.append(frame);
      frames.set(width, frame);
    }
    if (frame.dataset.loading !== url) {
      frame.dataset.loading = url;
      frame.src = url;
    }
  }
  readAll();
}
