// Plan: one bar per month, the top-of-funnel count the month needs, its number above the bar.
import { formatNumber } from '../format.js';
import { bar, chartFrame, label } from './svg.js';

const HEIGHT = 150;
const TOP = 18;
const BOTTOM = 20;

/**
 * @param {number} width
 * @param {{ name: string, count: string | null }[]} months the month's short name and its count
 * @param {string} title the chart's accessible name
 * @param {import('../format.js').NumberStyle} style
 */
export function planChart(width, months, title, style) {
  const svg = chartFrame(width, HEIGHT, title);
  const largest = Math.max(...months.map((month) => Number(month.count ?? 0)), 1);
  const slot = width / Math.max(months.length, 1);
  const barWidth = Math.min(48, slot * 0.6);
  months.forEach((month, i) => {
    const middle = slot * i + slot / 2;
    const height = ((HEIGHT - TOP - BOTTOM) * Number(month.count ?? 0)) / largest;
    const y = HEIGHT - BOTTOM - height;
    svg.append(
      bar(middle - barWidth / 2, Math.round(y), barWidth, 'b1', Math.max(Math.round(height), 1)),
      label(middle, Math.round(y) - 4, formatNumber(month.count, 'count', style), 'middle', 'tx sm'),
      label(middle, HEIGHT - 5, month.name, 'middle', 'tx sm'),
    );
  });
  return svg;
}
