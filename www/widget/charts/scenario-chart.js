// Revenue now and in the what-if, with the target as a dashed line.
import { formatNumber } from '../format.js';
import { bar, chartFrame, label, svgElement } from './svg.js';

const ROW_HEIGHT = 42;

/**
 * @param {number} width
 * @param {import('../view.js').CalculatorView} view
 */
export function scenarioChart(width, view) {
  const base = view.report?.funnel.revenue;
  const scenario = view.scenario?.funnel.revenue;
  const target = view.report?.target ? view.model.target : null;
  const max = Math.max(Number(base), Number(scenario ?? 0), Number(target ?? 0)) || 1;
  const top = target ? 22 : 0;
  /** @type {[string, string | undefined, string][]} */
  const rows = [
    [view.t('colNow'), base, 'b0'],
    [view.t('colScenario'), scenario, 'b1'],
  ];
  const svg = chartFrame(width, top + rows.length * ROW_HEIGHT, view.t('scenarioChart'));
  rows.forEach(([name, value, className], i) => {
    const y = top + i * ROW_HEIGHT;
    svg.append(label(0, y + 13, `${name}: ${formatNumber(value, 'money', view.numberStyle)}`), bar(0, y + 19, (Number(value ?? 0) / max) * width, className, 18));
  });
  if (target) {
    const x = Math.min(width - 1, (Number(target) / max) * width);
    const right = x > width / 2;
    svg.append(
      svgElement('line', { x1: x, x2: x, y1: 16, y2: top + rows.length * ROW_HEIGHT, class: 'ln' }),
      label(right ? x - 4 : x + 4, 12, `${view.t('target')}: ${formatNumber(target, 'money', view.numberStyle)}`, right ? 'end' : 'start', 'tx sm'),
    );
  }
  return svg;
}
