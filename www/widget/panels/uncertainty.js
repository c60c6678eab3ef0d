// "Uncertainty": a low and a high guess per funnel lever, and the engine's Monte Carlo run over
// them (10,000 samples, a fixed seed): P10, P50, P90 and the chance of reaching the target,
// and a histogram of the outcomes with a table of its bins.
import { histogramChart } from '../charts/histogram-chart.js';
import { compare, signOf, subtract } from '../decimal.js';
import { h } from '../dom.js';
import { formatNumber, numberFormat } from '../format.js';
import { field, inputKind, panel, tableBox } from '../form.js';
import { labelOf } from '../pointer-display.js';
import { funnelLevers, getAt } from '../state.js';
import { shift } from '../decimal.js';

/** @typedef {import('../view.js').CalculatorView} View */

export const css = [
  '.res.plain{display:flex;justify-content:space-between;gap:.75rem;padding:.5rem 0}',
  '.ranges{display:grid;grid-template-columns:repeat(auto-fill,minmax(min(15rem,100%),1fr));gap:0 1.5rem;margin:.75rem 0 0}',
  '.range{display:grid;grid-template-columns:minmax(0,1fr) minmax(0,1fr);grid-template-rows:1fr auto;gap:0 .75rem;border-top:1px solid var(--_line);padding-top:.5rem}',
  '.range>.k{grid-column:1/-1;align-self:end;font-weight:600;font-size:.875rem;margin:0 0 .375rem}',
  '.simres{margin:.5rem 0 0}',
];

const SUMMARY = /** @type {const} */ (['p10', 'p50', 'p90', 'probabilityAtLeast']);

/** @param {View} view */
/**
 * The panel in the layout.
 * @param {View} view
 */
export const render = (view) => uncertaintyPanel(view);

/** @param {View} view */
function uncertaintyPanel(view) {
  const { t } = view;
  const rows = funnelLevers(view.model).map((lever) => {
    const kind = inputKind(lever);
    const range = view.state.ranges[lever];
    const text = (/** @type {'low' | 'high'} */ end) => (range ? formatNumber(kind === 'percent' ? shift(range[end], 2) : range[end], 'input', view.numberStyle) : '');
    const name = h('p', { class: 'k', text: labelOf(view, lever) });
    view.afterUpdate.push(() => (name.textContent = labelOf(view, lever)));
    return h(
      'div',
      { class: 'range', role: 'group', 'aria-label': labelOf(view, lever) },
      name,
      field(view, lever, t('low'), { kind, role: 'data-range-low', value: text('low') }),
      field(view, lever, t('high'), { kind, role: 'data-range-high', value: text('high') }),
    );
  });
  const lines = SUMMARY.map((key) => {
    const value = h('span', { class: 'v', 'data-sim': key });
    const line = h('div', { class: 'res plain' }, h('span', { class: 'k', text: t(key === 'probabilityAtLeast' ? 'chance' : key) }), value);
    return { key, line, value };
  });
  const message = h('p', { class: 'hint' });
  const wholeMoney = numberFormat(view.locale, { style: 'currency', currency: view.state.currency, maximumFractionDigits: 0, minimumFractionDigits: 0 });
  const amount = (/** @type {string} */ value) => wholeMoney.format(/** @type {any} exact decimal */ (value));
  // A bin's edges are round numbers, shown with every digit they have: whole money could show
  // two different edges the same.
  const exactMoney = numberFormat(view.locale, { style: 'currency', currency: view.state.currency, maximumFractionDigits: 20, minimumFractionDigits: 0 });
  const edge = (/** @type {string} */ value) => exactMoney.format(/** @type {any} exact decimal */ (value));
  let shownBins = '';
  const chart = h('div', { class: 'chart', part: 'chart' });
  const body = h('tbody');
  const table = h('details', { class: 'alt' }, h('summary', { text: t('showTable') }), tableBox(t('histChart'), [t('revenue'), t('colScenarios')], body));
  view.runRequests.uncertainty = () => simulationRequest(view);
  view.afterUpdate.push(() => {
    const answer = view.runAnswers.uncertainty;
    const simulation = answer && 'value' in answer ? /** @type {import('../engine.js').Summary} */ (answer.value) : null;
    // The summary's bins are the one part that is not a decimal string.
    const outcomes = /** @type {import('../charts/histogram-chart.js').Outcomes | null} */ (/** @type {unknown} */ (simulation));
    const bins = outcomes?.bins ?? [];
    chart.hidden = table.hidden = !bins.length;
    const key = JSON.stringify(outcomes);
    if (outcomes && bins.length && key !== shownBins) {
      shownBins = key;
      view.draw(chart, key, (width) => histogramChart(width, outcomes, t('histChart'), { mark: amount, edge }));
      body.replaceChildren(
        ...bins.map((bin) =>
          h('tr', {}, h('th', { scope: 'row', text: `${edge(bin.lower)} – ${edge(bin.upper)}` }), h('td', { class: 'num', text: formatNumber(bin.count, 'count', view.numberStyle) })),
        ),
      );
    }
    message.textContent = simulation ? t('uncNote') : t('uncEmpty');
    for (const { key, line, value } of lines) {
      const number = simulation?.[key];
      line.hidden = number == null;
      // Drawn amounts are estimates: whole money, no cents.
      value.textContent = number == null ? '' : key === 'probabilityAtLeast' ? formatNumber(number, 'percent', view.numberStyle) : amount(number);
      value.setAttribute('data-value', number ?? '');
    }
  });
  return panel(
    view,
    'pUnc',
    'uncertainty-panel',
    'wide unc',
    h('p', { class: 'hint', text: t('uncIntro') }),
    h('div', { class: 'ranges' }, rows),
    h('div', { class: 'simres', 'aria-live': 'polite' }, lines.map(({ line }) => line), message),
    chart,
    table,
  );
}

/**
 * A low or high guess changed: each end is read and checked against the lever's range in the
 * schema, each with its own problem, and the lever's range is kept when both are valid and in
 * order.
 * @param {View} view
 * @param {string} lever
 */
export function onRangeInput(view, lever) {
  const { editing } = view;
  const low = view.findField('data-range-low', lever);
  const high = view.findField('data-range-high', lever);
  if (!editing || !low || !high) return;
  const field = inputKind(lever) === 'money' ? 'money' : inputKind(lever) === 'percent' ? 'percent' : 'number';
  const [lowValue, highValue] = [low, high].map((bound) => {
    const reading = editing.readNumber(bound.input.value, { ...view.numberStyle, field });
    bound.problem = 'refused' in reading ? editing.refusalText(reading, field, view) : '';
    if (!('value' in reading) || !reading.value) return null;
    const value = field === 'percent' ? shift(reading.value, -2) : reading.value;
    const outside = editing.rangeProblem(lever, value);
    if (outside) bound.problem = editing.problemText(outside, view.t);
    return outside ? null : value;
  });
  delete view.state.ranges[lever];
  if (lowValue && highValue) {
    if (compare(highValue, lowValue) < 0) high.problem = view.t('lowHigh');
    else view.state.ranges[lever] = { low: lowValue, high: highValue };
  }
}

/**
 * What the Monte Carlo run over the ranges asks (compute.js runs it when typing pauses, as
 * sections.js says): nothing without a range, or while the model or a range is wrong.
 * @param {View} view
 */
function simulationRequest(view) {
  const ranges = Object.entries(view.state.ranges).map(([lever, { low, high }]) => {
    const current = getAt(view.model, lever);
    // Most likely at the reader's own number when it lies inside the range.
    const inside = signOf(subtract(current, low)) >= 0 && signOf(subtract(high, current)) >= 0;
    return inside ? { lever, low, high, mode: current } : { lever, low, high };
  });
  if (!view.report || !ranges.length || view.errors.some((error) => error.section !== 'uncertainty')) return null;
  return { model: view.shownModel, input: { ranges, samples: 10000, seed: 1, metric: '/funnel/revenue' } };
}

/**
 * The run's error at the box it is about: "/ranges/0/high" is the first range's high end; any
 * other problem of a range, its low end.
 * @param {View} view
 * @param {unknown} error
 * @returns {import('../view.js').ShownError | null}
 */
export function runError(view, error) {
  const { pointer, message } = view.describe(error);
  const [, index, end] = /^\/ranges\/(\d+)(?:\/(high))?/.exec(pointer ?? '') ?? [];
  const lever = index === undefined ? undefined : Object.keys(view.state.ranges)[Number(index)];
  return lever ? { role: end ? 'data-range-high' : 'data-range-low', pointer: lever, message } : null;
}
