// The space a calculator will take, reserved before it renders, so that the text after it in a
// post does not jump when it appears (layout shift). One table, used by the element itself (as
// soon as its module runs, before the engine arrives), by the builder's snippets, by the Hugo
// shortcode (through a data file that the build writes) and by the WordPress plugin.
//
// The heights are measured, not computed: tests/browser/widget-reserve.test.mjs renders each
// preset (its default panels, English, 16 px sans-serif, no what-if beyond the default) at each
// width below and fails, printing a new table, when one drifts by more than a few percent.
// Other languages, fonts and machines move them by 3 to 5 %. A height follows the element's own width,
// which CSS cannot express on the element itself, so the table has a row per width band: the
// widget's layout changes at 520, 560, 720 and 1000 px, and between two rows the height is
// interpolated.
import { defaultSections } from './state.js';

/** Element widths (CSS px) at which the heights were measured; pairs like 520/521 mark a layout step. */
export const WIDTHS = [320, 390, 480, 520, 521, 559, 560, 640, 719, 720, 860, 999, 1000, 1200];

/** Finished height (CSS px) of each preset with its default panels, one per entry of WIDTHS. */
export const HEIGHTS = {
  inbound: [2986, 2883, 2826, 2807, 2482, 2464, 2450, 2417, 2370, 1748, 1696, 1678, 1556, 1556],
  outbound: [4692, 4456, 4112, 4070, 3751, 3731, 3717, 3684, 3458, 2845, 2712, 2656, 2534, 2534],
  leads: [5015, 4741, 4476, 4414, 4015, 3956, 3942, 3927, 3701, 3000, 2834, 2797, 2675, 2675],
  'unit-economics': [3110, 2985, 2630, 2630, 2469, 2452, 2438, 2442, 2239, 1984, 1906, 1648, 1548, 1548],
  pacing: [2552, 2324, 1985, 1961, 2038, 2017, 2017, 1978, 1802, 1802, 1714, 1671, 1671, 1652],
};

/** Article column widths that the builder and the Hugo shortcode offer for a reservation made in markup. */
export const COLUMNS = [390, 600, 700, 800, 1000];

/**
 * The height to reserve for a calculator `width` px wide, or 0 when there is nothing sound to
 * reserve (unknown preset, no width, or panels that leave out one of the preset's defaults, which
 * could make it shorter than the reservation). Extra panels only make it taller, so the default's
 * height is still a safe reservation for them.
 * @param {string | null} preset
 * @param {number} width
 * @param {string | null} [sections]
 * @returns {number}
 */
export function reservedHeight(preset, width, sections) {
  const name = preset || 'inbound';
  const heights = HEIGHTS[/** @type {keyof typeof HEIGHTS} */ (name)];
  if (!heights || !(width > 0)) return 0;
  if (sections && !/\ball\b/.test(sections)) {
    const shown = sections.split(/[\s,]+/);
    if (!defaultSections(name).every((panel) => shown.includes(panel))) return 0;
  }
  const last = WIDTHS.length - 1;
  if (width <= WIDTHS[0]) return heights[0];
  if (width >= WIDTHS[last]) return heights[last];
  const next = WIDTHS.findIndex((w) => w >= width);
  const [w0, w1, h0, h1] = [WIDTHS[next - 1], WIDTHS[next], heights[next - 1], heights[next]];
  return Math.round(h0 + ((h1 - h0) * (width - w0)) / (w1 - w0));
}

/**
 * Holds an element's reserved height from now until its first real content (the calculator or
 * its error) replaces the loading line; then its own content decides, so a reservation made in
 * the host's markup (an inline min-height) is dropped as well.
 * @param {HTMLElement} element
 */
export function reserve(element) {
  const root = element.shadowRoot;
  const height = reservedHeight(element.getAttribute('preset'), element.clientWidth, element.getAttribute('sections'));
  if (!root) return;
  // A taller reservation made by the host for panels this table does not cover (the WordPress
  // plugin's) is kept, and dropped at the same moment.
  if (height > (parseFloat(element.style.minHeight) || 0)) element.style.minHeight = `${height}px`;
  else if (!element.style.minHeight) return;
  const watch = new MutationObserver(() => {
    if (!root.firstElementChild || root.firstElementChild.classList.contains('loading')) return;
    element.style.removeProperty('min-height');
    if (!element.getAttribute('style')) element.removeAttribute('style');
    watch.disconnect();
  });
  watch.observe(root, { childList: true });
}
