// The what-if's other levers, made the first time their <details> is opened.
import { h } from '../dom.js';
import { onWhatIfUnit } from '../field-input.js';
import { field } from '../form.js';
import { labelOf } from '../pointer-display.js';
import { fieldKind } from '../schema.js';
import { funnelLevers, getAt } from '../state.js';
import { FIELDS_CSS } from './fields-css.js';
import { changeText } from './what-if.js';

/** @typedef {import('../view.js').CalculatorView} View */

export const css = [FIELDS_CSS, 'details.levers .hint{margin:.25rem 0 .75rem}'];

const OTHER_LEVERS = ['/cycleDays', '/acquisitionCost', '/customer/purchaseValue', '/customer/purchasesPerYear', '/customer/lifespanYears', '/customer/annualChurn', '/customer/grossMargin'];

/**
 * A lever's name without the unit its own field has ("Sales cycle (days)"): here the change is
 * in percent or percentage points, said by the field's sign or select.
 * @param {View} view
 * @param {string} lever
 */
const leverName = (view, lever) => (OTHER_LEVERS.includes(lever) ? labelOf(view, lever).replace(/\s*\([^)]*\)$/, '') : labelOf(view, lever));

/**
 * A lever's change: in percent of its value, or for a rate also in percentage points (a select).
 * @param {View} view
 * @param {string} lever
 */
function leverRow(view, lever) {
  const isRate = fieldKind(lever) === 'rate';
  const change = view.state.whatif[lever];
  const row = field(view, lever, leverName(view, lever), { kind: 'percent', role: 'data-whatif', signed: true, percentSign: !isRate, value: changeText(view, lever) });
  const label = /** @type {HTMLElement} */ (row.querySelector('label'));
  view.afterUpdate.push(() => (label.textContent = leverName(view, lever)));
  if (isRate) {
    const unit = h(
      'select',
      { 'aria-label': view.t('unit'), 'data-whatif-unit': lever, part: 'input', onchange: () => onWhatIfUnit(view, lever) },
      h('option', { value: 'add', text: view.t('ppShort') }),
      h('option', { value: 'by', text: view.t('unitBy') }),
    );
    unit.value = change?.unit ?? 'add';
    row.querySelector('.control')?.append(unit);
  }
  return row;
}

/**
 * Fills the <details> with a field per lever other than the deal value: those whose fields are
 * on screen.
 * @param {View} view
 * @param {HTMLDetailsElement} details
 */
export function addLevers(view, details) {
  const levers = [...funnelLevers(view.model).filter((lever) => lever !== '/funnel/dealSize'), ...OTHER_LEVERS.filter((lever) => getAt(view.shownModel, lever) != null)];
  details.append(h('p', { class: 'hint', text: view.t('whatIfMoreHint') }), h('div', { class: 'fields' }, levers.map((lever) => leverRow(view, lever))));
}
