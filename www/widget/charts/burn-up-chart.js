// Progress: a burn-up chart. The plan's cumulative revenue per workday, the target line, the won
// revenue as points at each row's date (running totals), and the projection from the last point
// to the period's end at today's pace. Pixels only: every number shown as text is the engine's or
// an exact sum, and the table beside the chart holds them.
import { formatNumber } from '../format.js';
import { chartFrame, label, svgElement } from './svg.js';

const HEIGHT = 200;
const TOP = 14;
const BOTTOM = 22;
const LEFT = 4;
const RIGHT = 4;

/**
 * @typedef {{ days: string[], planned: number[], target: string, points: { date: string, total: string }[],
 *   projected: string | null, start: string, end: string, startLabel: string, endLabel: string }} BurnUp
 *   `days` are the period's dates and `planned` the plan's cumulative revenue at the end of each
 *   (as floats: pixels only)
 */

/**
 * @param {number} width
 * @param {BurnUp} data
 * @param {string} title the chart's accessible name
 * @param {import('../format.js').NumberStyle} style
 */
export function burnUpChart(width, data, title, style) {
  const svg = chartFrame(width, HEIGHT, title);
  const top = Math.max(Number(data.target), Number(data.projected ?? 0), ...data.points.map((point) => Number(point.total)), 1);
  const span = Math.max(data.days.length - 1, 1);
  const dayIndex = new Map(data.days.map((day, index) => [day, index]));
  const x = (/** @type {string} */ day) => LEFT + ((width - LEFT - RIGHT) * (dayIndex.get(day) ?? 0)) / span;
  const y = (/** @type {number} */ value) => TOP + (HEIGHT - TOP - BOTTOM) * (1 - value / top);
  const line = (/** @type {string} */ points, /** @type {string} */ className) => svgElement('polyline', { points, class: className, fill: 'none' });
  const targetY = y(Number(data.target)).toFixed(1);
  svg.append(svgElement('line', { x1: LEFT, x2: width - RIGHT, y1: targetY, y2: targetY, class: 'bu-target' }));
  svg.append(label(width - RIGHT, Number(targetY) - 4, formatNumber(data.target, 'money', style), 'end', 'tx sm'));
  svg.append(line(data.days.map((day, index) => `${x(day).toFixed(1)},${y(data.planned[index] ?? 0).toFixed(1)}`).join(' '), 'bu-plan'));
  const last = data.points[data.points.length - 1];
  if (last && data.projected != null) {
    svg.append(line(`${x(last.date).toFixed(1)},${y(Number(last.total)).toFixed(1)} ${x(data.end).toFixed(1)},${y(Number(data.projected)).toFixed(1)}`, 'bu-projected'));
  }
  const zero = y(0).toFixed(1);
  svg.append(line(`${x(data.start).toFixed(1)},${zero} ${data.points.map((point) => `${x(point.date).toFixed(1)},${y(Number(point.total)).toFixed(1)}`).join(' ')}`, 'bu-actual'));
  for (const point of data.points) {
    const dot = svgElement('circle', { cx: x(point.date).toFixed(1), cy: y(Number(point.total)).toFixed(1), r: 4, class: 'bu-point', 'data-date': point.date, 'data-total': point.total });
    dot.append(svgElement('title', {}, `${point.date}: ${formatNumber(point.total, 'money', style)}`));
    svg.append(dot);
  }
  svg.append(
    label(LEFT, HEIGHT - 6, data.startLabel, 'start', 'tx sm'),
    label(width - RIGHT, HEIGHT - 6, data.endLabel, 'end', 'tx sm'),
  );
  return svg;
}
