// The space a calculator will take, reserved before it renders, so that the text after it in a
// post does not jump when it appears (layout shift). One table, used by the element itself (as
// soon as its module runs, before the engine arrives), by the builder's snippets, and by the Hugo
// shortcode and the WordPress plugin for the plain article (through a data file that the build
// writes; their other shapes, the dashboard and editable stages, are measured by
// integrations/wordpress/measure-reserve.mjs).
//
// The heights are measured, not computed: tests/browser/widget-reserve.test.mjs renders each
// preset (its default panels in the default article layout with "More" closed, English, 16 px
// sans-serif, no what-if beyond the default) at each width below and fails, printing a new table by
// preset (each row goes to its preset's first screen below), when one drifts by more than a few percent.
// Other languages, fonts and machines move them by 3 to 5 %. A height follows the element's own width,
// which CSS cannot express on the element itself, so the table has a row per width band: the
// widget's layout changes at 520, 560, 720 and 1000 px (and pacing's Progress panel shortens
// steeply between 390 and 480 px), and between two rows the height is interpolated.
import { firstScreen } from './sections.js';
import { defaultSections, PRESETS } from './state.js';

/** Element widths (CSS px) at which the heights were measured; pairs like 520/521 mark a layout step. */
export const WIDTHS = [320, 390, 440, 480, 520, 521, 559, 560, 640, 719, 720, 860, 999, 1000, 1200];

/**
 * Finished height (CSS px) of each first screen, by its sections (sections.js's firstScreen: the
 * article's up-front sections, behind which "More" names the rest), one per entry of WIDTHS.
 */
const SCREEN_HEIGHTS = {
  'funnel target': [516, 516, 516, 516, 516, 549, 551, 385, 390, 395, 395, 400, 400, 400, 400],
  funnel: [426, 426, 426, 426, 426, 459, 462, 295, 300, 305, 305, 310, 310, 310, 310],
  progress: [2615, 2320, 2062, 2000, 1976, 2053, 2032, 2032, 1993, 1838, 1838, 1776, 1733, 1733, 1714],
};

/** Finished height of each preset with its default panels: its first screen's. */
export const HEIGHTS = /** @type {Record<string, number[]>} */ (
  Object.fromEntries(PRESETS.map((preset) => [preset, SCREEN_HEIGHTS[/** @type {keyof typeof SCREEN_HEIGHTS} */ (firstScreen(defaultSections(preset)).join(' '))]]))
);

/** Article column widths that the builder and the Hugo shortcode offer for a reservation made in markup. */
export const COLUMNS = [390, 600, 700, 800, 1000];

/**
 * The height to reserve for a calculator `width` px wide, or 0 when there is nothing sound to
 * reserve (unknown preset, no width, or panels that leave out one of the preset's defaults, which
 * could make it shorter than the reservation). Extra panels (behind the article's "More" row they
 * add at most a word to it), the dashboard layout and editable stages only make it taller, so the
 * default article's height is still a safe reservation for them.
 * @param {string | null} preset
 * @param {number} width
 * @param {string | null} [sections]
 * @returns {number}
 */
export function reservedHeight(preset, width, sections) {
  const name = preset || 'inbound';
  const heights = HEIGHTS[name];
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
 * its error) replaces the loading line, and a dashboard's panels, which load beside the engine,
 * have replaced theirs; then its own content decides, so a reservation made in the host's markup
 * (an inline min-height) is dropped as well.
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
    // A loading line anywhere: the engine's, or a dashboard's in its frame until its panels arrive.
    if (!root.firstElementChild || root.querySelector('.loading')) return;
    element.style.removeProperty('min-height');
    if (!element.getAttribute('style')) element.removeAttribute('style');
    watch.disconnect();
  });
  watch.observe(root, { childList: true });
}
