// "Which lever matters most?": each lever 10 % down and up, the chosen metric's swing, as a
// tornado chart and a table.
import { tornadoChart } from '../charts/tornado-chart.js';
import { h } from '../dom.js';
import { call, isRestarting } from '../engine.js';
import { panel, tableBox } from '../form.js';
import { showValue } from '../outputs.js';
import { displayKind, labelOf } from '../pointer-display.js';
import { getAt } from '../state.js';

/** @typedef {import('../view.js').CalculatorView} View */

export const css = ['.ln.solid{stroke:var(--_muted);stroke-dasharray:none}'];

const METRICS = ['/funnel/revenue', '/target/gap', '/velocity/perDay', '/economics/cac', '/economics/ltvToCac', '/economics/paybackMonths'];

/**
 * The sensitivity of the chosen metric (called on every recompute while the panel is shown).
 * @param {View} view
 */
export function computeSensitivity(view) {
  if (!view.sensitivityMetric || getAt(view.report, view.sensitivityMetric) == null) view.sensitivityMetric = '/funnel/revenue';
  try {
    view.sensitivity = call('sensitivity', view.shownModel, { metric: view.sensitivityMetric, by: '0.1' });
  } catch (error) {
    if (isRestarting(error)) throw error;
    view.sensitivity = [];
  }
}

/**
 * @param {View} view
 * @param {boolean} wide
 */
export function sensitivityPanel(view, wide) {
  const { t } = view;
  const id = view.nextId();
  const metric = h('select', {
    id,
    part: 'input',
    onchange: () => {
      view.sensitivityMetric = metric.value;
      view.recompute();
    },
  });
  const note = h('p', { class: 'hint' });
  const body = h('tbody');
  const chart = h('div', { class: 'chart', part: 'chart' });
  view.afterUpdate.push(() => {
    const metrics = METRICS.filter((pointer) => getAt(view.report, pointer) != null);
    if (metric.options.length !== metrics.length) metric.replaceChildren(...metrics.map((pointer) => h('option', { value: pointer, text: labelOf(view, pointer) })));
    metric.value = view.sensitivityMetric;
    const items = view.sensitivity;
    const kind = displayKind(view.sensitivityMetric);
    const base = getAt(view.report, view.sensitivityMetric);
    const allEqual = items.every((item) => item.swing === items[0]?.swing);
    note.textContent = !items.length ? t('sensNone') : allEqual && view.sensitivityMetric === '/funnel/revenue' ? t('sensEqual') : '';
    view.draw(chart, (width) => tornadoChart(width, base, items, view, view.sensitivityMetric));
    body.replaceChildren(
      ...items.map((item) =>
        h(
          'tr',
          {},
          h('th', { scope: 'row', text: labelOf(view, item.lever) }),
          [item.low, item.high, item.swing].map((value) => h('td', { class: 'num', text: showValue(view, value, kind) })),
        ),
      ),
    );
  });
  return panel(
    view,
    'pSens',
    `sens${wide ? ' wide' : ''}`,
    h('div', { class: 'field' }, h('label', { for: id, text: t('sensMetric') }), h('div', { class: 'control' }, metric)),
    h('p', { class: 'hint', text: t('sensIntro') }),
    chart,
    note,
    h('details', { class: 'alt' }, h('summary', { text: t('showTable') }), tableBox(t('tornado'), [t('colLever'), t('colLow'), t('colHigh'), t('colSwing')], body)),
  );
}
