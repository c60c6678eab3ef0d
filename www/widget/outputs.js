// Where results appear: result rows that open to show how they are calculated, and value cells
// bound to the current report, the what-if scenario or the difference between the two.
import { h, setText } from './dom.js';
import { formatNumber, magnitude } from './format.js';
import { displayKind, labelOf } from './pointer-display.js';
import { compare, subtract } from './decimal.js';

/**
 * @typedef {import('./view.js').CalculatorView} View
 * @typedef {import('./format.js').DisplayKind} DisplayKind
 * @typedef {{ element: HTMLElement, pointer: string, kind: DisplayKind, source: 'report' | 'scenario' | 'difference', row?: HTMLElement, afterUpdate?: () => void }} Output
 */

/**
 * A value for display; a velocity gets its "per day".
 * @param {View} view
 * @param {string | null | undefined} value
 * @param {DisplayKind} kind
 */
export function showValue(view, value, kind) {
  if (kind === 'perDay') return value == null ? '—' : view.t('perDayUnit', { v: formatNumber(value, 'money', view.numberStyle) });
  return formatNumber(value, kind, view.numberStyle);
}

/**
 * The smaller in size of two decimals: a difference shows cents when either amount it compares
 * does, so that "$95.50" and "$105" differ by "+$9.50", which visibly adds up.
 * @param {string} a
 * @param {string} b
 */
const smallerOf = (a, b) => (compare(magnitude(a), magnitude(b)) <= 0 ? a : b);

/**
 * A difference for display, with its unit, and its exact value: money and counts as signed
 * amounts, rates as percentage points, a velocity per day.
 * @param {View} view
 * @param {string | null | undefined} scenario
 * @param {string | null | undefined} base
 * @param {DisplayKind} kind
 * @returns {[string, string]}
 */
export function showDifference(view, scenario, base, kind) {
  if (scenario == null || base == null) return ['—', ''];
  const difference = subtract(scenario, base);
  const signed = /** @type {DisplayKind} */ (kind === 'percent' ? 'pointsSigned' : kind === 'perDay' ? 'moneySigned' : `${kind}Signed`);
  const text = formatNumber(difference, signed, view.numberStyle, smallerOf(scenario, base));
  if (kind === 'percent') return [`${text} ${view.t('ppShort')}`, difference];
  return [kind === 'perDay' ? view.t('perDayUnit', { v: text }) : text, difference];
}

/**
 * A result row: label and value in a <summary>, and inside, how it is calculated with the reader's
 * numbers (filled in when the row is opened).
 * @param {View} view
 * @param {string} pointer
 * @param {{ big?: boolean, label?: string }} [options]
 */
export function resultRow(view, pointer, { big, label } = {}) {
  const value = h('span', { class: 'v', 'data-result': pointer, part: 'value' });
  const name = h('span', { class: 'k', text: label ?? labelOf(view, pointer) });
  const how = h('p', { class: 'how' });
  const row = h('details', { class: `res${big ? ' big' : ''}`, part: 'result' }, h('summary', {}, name, value), how);
  const fill = () => row.open && view.explain(how, pointer);
  row.addEventListener('toggle', fill);
  view.outputs.push({
    element: value,
    pointer,
    kind: displayKind(pointer),
    source: 'report',
    row,
    afterUpdate: () => {
      // Only when it differs: set every time, each row's label was a new text node to lay out in every results frame.
      setText(name, label ?? labelOf(view, pointer));
      fill();
    },
  });
  return row;
}

/**
 * A value cell or span bound to the report, the scenario or their difference.
 * @template {keyof HTMLElementTagNameMap} Tag
 * @param {View} view
 * @param {Tag} tag
 * @param {string} pointer
 * @param {Output['source']} source
 * @param {import('./dom.js').Props} [props]
 */
export function output(view, tag, pointer, source, props = {}) {
  const element = h(tag, props);
  // One element per pointer carries the test hook: the headline, not its repeat in the table.
  const hook = source === 'scenario' ? 'data-scenario' : source === 'difference' ? 'data-scenario-diff' : null;
  if (hook && !view.hooks.has(hook + pointer)) {
    view.hooks.add(hook + pointer);
    element.setAttribute(hook, pointer);
  }
  view.outputs.push({ element, pointer, kind: displayKind(pointer), source });
  return element;
}
