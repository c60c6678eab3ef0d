// The funnel: one centred bar per step; widths on a log scale so a 0.5 % step is still visible.
import { formatNumber } from '../format.js';
import { bar, chartFrame, label } from './svg.js';

/** @typedef {{ label: string, count: string, rate?: string }} FunnelRow */

const ROW_HEIGHT = 42;

/**
 * @param {number} width
 * @param {FunnelRow[]} rows
 * @param {import('../view.js').CalculatorView} view
 */
export function funnelChart(width, rows, view) {
  const svg = chartFrame(width, rows.length * ROW_HEIGHT, view.t('funnelChart'));
  const scale = Math.log10(Math.max(Number(rows[0]?.count), 0) + 1) || 1;
  rows.forEach((row, i) => {
    const y = i * ROW_HEIGHT;
    const barWidth = Math.max(6, (Math.log10(Math.max(Number(row.count), 0) + 1) / scale) * width);
    const text = `${row.label}: ${formatNumber(row.count, 'count', view.numberStyle)}${row.rate ? ` (${formatNumber(row.rate, 'percent', view.numberStyle)})` : ''}`;
    svg.append(label(width / 2, y + 13, text, 'middle'), bar((width - barWidth) / 2, y + 19, barWidth, i === rows.length - 1 ? 'b2' : 'b1', 18));
  });
  return svg;
}
