// Tornado: each lever's effect at −10 % and +10 % around the current value, biggest first.
import { labelOf } from '../pointer-display.js';
import { showValue } from '../outputs.js';
import { displayKind } from '../pointer-display.js';
import { bar, chartFrame, label, svgElement } from './svg.js';

/** @typedef {{ lever: string, low: string, high: string, swing: string }} SensitivityItem */

const ROW_HEIGHT = 40;
const TOP = 22;

/**
 * @param {number} width
 * @param {string | null | undefined} base the metric's current value
 * @param {SensitivityItem[]} items
 * @param {import('../view.js').CalculatorView} view
 * @param {string} metric
 */
export function tornadoChart(width, base, items, view, metric) {
  const svg = chartFrame(width, TOP + items.length * ROW_HEIGHT + 20, view.t('tornado'));
  if (!items.length || base == null) return svg;
  const baseNumber = Number(base);
  const deviation = Math.max(...items.flatMap((item) => [Math.abs(Number(item.low) - baseNumber), Math.abs(Number(item.high) - baseNumber)])) || 1;
  const middle = width / 2;
  const scale = (width / 2 - 4) / deviation;
  svg.append(bar(0, 4, 10, 'b2', 10), label(14, 13, view.t('colLow'), 'start', 'tx sm'), bar(70, 4, 10, 'b1', 10), label(84, 13, view.t('colHigh'), 'start', 'tx sm'));
  items.forEach((item, i) => {
    const y = TOP + i * ROW_HEIGHT;
    const low = middle + (Number(item.low) - baseNumber) * scale;
    const high = middle + (Number(item.high) - baseNumber) * scale;
    svg.append(
      label(0, y + 13, labelOf(view, item.lever)),
      bar(Math.min(low, middle), y + 19, Math.abs(low - middle), 'b2'),
      bar(Math.min(high, middle), y + 19, Math.abs(high - middle), 'b1'),
    );
  });
  const end = TOP + items.length * ROW_HEIGHT;
  svg.append(svgElement('line', { x1: middle, x2: middle, y1: TOP + 14, y2: end, class: 'ln solid' }), label(middle, end + 14, showValue(view, base, displayKind(metric)), 'middle', 'tx sm'));
  return svg;
}
