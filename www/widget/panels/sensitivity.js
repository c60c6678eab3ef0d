// "Which lever matters most?": each lever 10 % down and up, the chosen metric's swing, as a
// tornado chart and a table.
import { tornadoChart } from '../charts/tornado-chart.js';
import { relativeChange } from '../decimal.js';
import { h, setText } from '../dom.js';
import { panel, tableBox } from '../form.js';
import { formatNumber } from '../format.js';
import { showValue } from '../outputs.js';
import { displayKind, labelOf } from '../pointer-display.js';
import { getAt } from '../state.js';

/** @typedef {import('../view.js').CalculatorView} View */

export const css = ['.ln.solid{stroke:var(--_muted);stroke-dasharray:none}'];

const METRICS = ['/funnel/revenue', '/target/gap', '/velocity/perDay', '/economics/cac', '/economics/ltvToCac', '/economics/paybackMonths'];

/**
 * The sentence for levers that all move the metric equally: with one share when each lever's 10 %
 * more gives the same value, else with the swing they share.
 * @param {View} view
 * @param {string | null | undefined} base
 * @param {import('../charts/tornado-chart.js').SensitivityItem[]} items
 */
function sameEffect(view, base, items) {
  const [first] = items;
  const { metric } = view.sensitivity;
  const kind = displayKind(metric);
  const kpi = labelOf(view, metric);
  const change = first && base && items.every((item) => item.high === first.high) && relativeChange(first.high, base);
  return change
    ? view.t('sensSame', { kpi, change: formatNumber(change, 'percentSigned', view.numberStyle).replace('-', '−'), value: showValue(view, first.high, kind) })
    : view.t('sensSameSwing', { kpi, swing: showValue(view, first?.swing, kind) });
}

/**
 * The panel in the layout: the whole row when the goal panel is not beside it.
 * @param {View} view
 * @param {Set<string>} sections
 */
export const render = (view, sections) => sensitivityPanel(view, !sections.has('goal'));

/**
 * @param {View} view
 * @param {boolean} wide
 */
function sensitivityPanel(view, wide) {
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
    // The metric the table is for: the reader's, or revenue while the report lacks theirs.
    const { metric: shown, rows: items } = view.sensitivity;
    metric.value = shown;
    const base = getAt(view.report, shown);
    // Bars of one length tell nothing: when every lever's swing is the same (the engine's exact
    // decimals, compared as text), one sentence says so instead of the chart and its table.
    const same = items.length > 1 && items.every((item) => item.swing === items[0]?.swing);
    chart.hidden = table.hidden = same;
    setText(note, !items.length ? t('sensNone') : same ? sameEffect(view, base, items) : '');
    if (!same) view.draw(chart, JSON.stringify([base, items, shown]), (width) => tornadoChart(width, base, items, view, shown));
    // The table is folded away in a <details>: its rows are made when it is open or opened.
    rowsFor = items;
    if (table.open) fillTable();
  });
  let shownRows = '';
  /** @type {typeof view.sensitivity.rows} */
  let rowsFor = [];
  const fillTable = () => {
    const key = JSON.stringify([rowsFor, view.sensitivity.metric, view.lang, view.state.currency]);
    if (key === shownRows) return;
    shownRows = key;
    const kind = displayKind(view.sensitivity.metric);
    body.replaceChildren(
      ...rowsFor.map((item) =>
        h(
          'tr',
          {},
          h('th', { scope: 'row', text: labelOf(view, item.lever) }),
          [item.low, item.high, item.swing].map((value) => h('td', { class: 'num', text: showValue(view, value, kind) })),
        ),
      ),
    );
  };
  const table = h('details', { class: 'alt', ontoggle: fillTable }, h('summary', { text: t('showTable') }), tableBox(t('tornado'), [t('colLever'), t('colLow'), t('colHigh'), t('colSwing')], body));
  return panel(
    view,
    'pSens',
    'sensitivity-panel',
    `sens${wide ? ' wide' : ''}`,
    h('div', { class: 'field' }, h('label', { for: id, text: t('sensMetric') }), h('div', { class: 'control' }, metric)),
    h('p', { class: 'hint', text: t('sensIntro') }),
    chart,
    note,
    table,
  );
}
