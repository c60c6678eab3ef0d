// The simulated outcomes: how many scenarios fall in each of the engine's bins, with P10, P50
// and P90 marked by lines, each labelled with the value the panel shows for it, and the lowest
// and highest edges under the ends.
import { bar, chartFrame, label, svgElement } from './svg.js';

/** @typedef {{ lower: string, upper: string, count: string }} Bin */
/** @typedef {{ bins: Bin[], p10: string, p50: string, p90: string }} Outcomes */

const MARKS = /** @type {const} */ (['p10', 'p50', 'p90']);
const MARK_ROW = 15;
const PLOT_HEIGHT = 80;

/**
 * @param {number} width
 * @param {Outcomes} outcomes
 * @param {string} title
 * @param {{ mark: (value: string) => string, edge: (value: string) => string }} format how the
 *   panel shows a percentile, and a bin's edge
 */
export function histogramChart(width, { bins, ...marks }, title, format) {
  const top = MARKS.length * MARK_ROW + 4;
  const bottom = top + PLOT_HEIGHT;
  const svg = chartFrame(width, bottom + 18, title);
  const first = bins[0];
  const last = bins[bins.length - 1];
  if (!first || !last) return svg;
  const low = Number(first.lower);
  const span = Number(last.upper) - low;
  // All outcomes equal: one bin from a value to itself, drawn in the middle.
  const x = (/** @type {string} */ value) => (span > 0 ? ((Number(value) - low) / span) * width : width / 2);
  const most = Math.max(...bins.map((bin) => Number(bin.count))) || 1;
  for (const bin of bins) {
    const height = (Number(bin.count) / most) * PLOT_HEIGHT;
    svg.append(bar(x(bin.lower), bottom - height, Math.max(x(bin.upper) - x(bin.lower) - 1, 2), 'b1', height));
  }
  MARKS.forEach((key, i) => {
    const at = Math.min(Math.max(x(marks[key]), 1), width - 1);
    const text = `${key.toUpperCase()}: ${format.mark(marks[key])}`;
    const y = (i + 1) * MARK_ROW - 4;
    // The label runs to the right of its line where it fits (about 6.5 px a character), else to the left.
    const right = at + 4 + text.length * 6.5 < width;
    svg.append(
      svgElement('line', { x1: at, x2: at, y1: y + 3, y2: bottom, class: 'ln mark', 'data-mark': key }),
      label(right ? at + 4 : at - 4, y, text, right ? 'start' : 'end', 'tx sm mark'),
    );
  });
  svg.append(label(0, bottom + 14, format.edge(first.lower), 'start', 'tx sm'), label(width, bottom + 14, format.edge(last.upper), 'end', 'tx sm'));
  return svg;
}
