// "What if…?": the deal value's change as the headline, the other levers on demand
// (what-if-levers.js), and the KPIs now, in the scenario and the difference, with a chart.
import { scenarioChart } from '../charts/scenario-chart.js';
import { shift } from '../decimal.js';
import { h, setText } from '../dom.js';
import { inputNumber } from '../format.js';
import { field, panel, tableBox } from '../form.js';
import { output } from '../outputs.js';
import { labelOf } from '../pointer-display.js';
import { getAt } from '../state.js';

/** @typedef {import('../view.js').CalculatorView} View */

const COMPARED = ['/funnel/revenue', '/funnel/deals', '/target/attainment', '/target/gap', '/velocity/perDay', '/economics/cac', '/economics/ltvToCac', '/economics/paybackMonths'];

/**
 * The text of a what-if field: the change in percent (or percentage points).
 * @param {View} view
 * @param {string} lever
 */
export function changeText(view, lever) {
  const change = view.state.whatif[lever];
  return change ? inputNumber(shift(change.value, 2), view.numberStyle) : '';
}

/** @param {View} view */
export function whatIfPanel(view) {
  const { t } = view;
  const headline = field(view, '/funnel/dealSize', t('whatIfHeadline'), { kind: 'percent', role: 'data-whatif', signed: true, value: changeText(view, '/funnel/dealSize') });
  const relative = h('span', { class: 'rel' });
  const newRevenue = output(view, 'strong', '/funnel/revenue', 'scenario', { class: 'v' });
  const revenueDifference = output(view, 'span', '/funnel/revenue', 'difference');
  view.afterUpdate.push(() => setText(relative, view.relativeChange ? `(${view.relativeChange})` : ''));
  const rows = COMPARED.map((pointer) => {
    const row = h(
      'tr',
      {},
      h('th', { scope: 'row', text: labelOf(view, pointer) }),
      output(view, 'td', pointer, 'report', { class: 'num' }),
      output(view, 'td', pointer, 'scenario', { class: 'num' }),
      output(view, 'td', pointer, 'difference', { class: 'num' }),
    );
    view.afterUpdate.push(() => {
      const hidden = getAt(view.report, pointer) === undefined;
      if (row.hidden !== hidden) row.hidden = hidden;
    });
    return row;
  });
  const chart = h('div', { class: 'chart', part: 'chart' });
  view.afterUpdate.push(() =>
    view.draw(chart, JSON.stringify([view.report?.funnel.revenue, view.scenario?.funnel.revenue, view.report?.target && view.model.target]), (width) => scenarioChart(width, view)),
  );
  // The other levers' fields are made (by what-if-levers.js) when they are first shown.
  const otherLevers = h(
    'details',
    {
      class: 'levers',
      open: Object.keys(view.state.whatif).some((lever) => lever !== '/funnel/dealSize'),
      ontoggle: () => otherLevers.open && view.openLevers(otherLevers),
    },
    h('summary', { text: t('whatIfMore') }),
  );
  return panel(
    view,
    'pWhatIf',
    'what-if-panel',
    'wide whatif',
    h(
      'div',
      { class: 'headline' },
      headline,
      h(
        'div',
        { class: 'kpis' },
        h('p', {}, h('span', { class: 'k', text: t('whatIfNew') }), newRevenue),
        h('p', {}, h('span', { class: 'k', text: t('colDiff') }), h('span', { class: 'v' }, revenueDifference, ' ', relative)),
      ),
    ),
    otherLevers,
    h('div', { class: 'cols' }, tableBox(t('pWhatIf'), [t('colKpi'), t('colNow'), t('colScenario'), t('colDiff')], h('tbody', {}, rows)), chart),
    h('button', { type: 'button', class: 'ghost', part: 'button', onclick: () => view.resetWhatIf() }, t('reset')),
  );
}
