// The funnel: one centred bar per step, as wide as its count in proportion to the largest (at
// least a few pixels, so a handful of deals still shows; the count is printed above every bar),
// and between two bars the share that does not go on, from the two counts shown.
import { relativeChange } from '../decimal.js';
import { formatNumber } from '../format.js';
import { bar, chartFrame, label } from './svg.js';

/** @typedef {{ label: string, count: string, rate?: string }} FunnelRow */

const LEGEND_HEIGHT = 20;
const ROW_HEIGHT = 58;
const MIN_BAR = 4;

/**
 * @param {number} width
 * @param {FunnelRow[]} rows
 * @param {import('../view.js').CalculatorView} view
 */
export function funnelChart(width, rows, view) {
  const { t, numberStyle } = view;
  const svg = chartFrame(width, LEGEND_HEIGHT + rows.length * ROW_HEIGHT - 16, t('funnelChart'));
  const largest = Math.max(...rows.map((row) => Number(row.count))) || 1;
  // A legend entry per colour: the steps, and the last step's deals.
  const second = 24 + t('colStep').length * 6.5;
  svg.append(bar(0, 2, 10, 'b1', 10), label(14, 11, t('colStep'), 'start', 'tx sm'), bar(second, 2, 10, 'b2', 10), label(second + 14, 11, t('deals'), 'start', 'tx sm'));
  rows.forEach((row, i) => {
    const y = LEGEND_HEIGHT + i * ROW_HEIGHT;
    const count = Number(row.count);
    const barWidth = Math.max(count > 0 ? MIN_BAR : 0, (count / largest) * width);
    svg.append(label(width / 2, y + 13, `${row.label}: ${formatNumber(row.count, 'count', numberStyle)}`, 'middle'), bar((width - barWidth) / 2, y + 19, barWidth, i === rows.length - 1 ? 'b2' : 'b1', 18));
    const next = rows[i + 1]?.count;
    const change = next && row.count && relativeChange(next, row.count);
    // Intl writes a hyphen-minus; the drop is a true minus sign (U+2212).
    if (change) svg.append(label(width / 2, y + 52, formatNumber(change, 'percent', numberStyle).replace('-', '−'), 'middle', 'tx sm drop'));
  });
  return svg;
}
