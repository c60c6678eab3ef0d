// "Unit economics": what winning and keeping a customer costs and brings (CAC, CLV, LTV:CAC,
// payback). Lifespan and yearly churn say the same thing, so filling in one empties the other.
import { h } from '../dom.js';
import { field, panel } from '../form.js';
import { inputNumber } from '../format.js';
import { resultRow } from '../outputs.js';
import { exclusiveWith } from '../schema.js';
import { setAt } from '../state.js';
import { FIELDS_CSS } from './fields-css.js';

/** @typedef {import('../view.js').CalculatorView} View */

export const css = [FIELDS_CSS, '.res+.fields{margin-top:1.25rem}'];

/**
 * A model field changed to `value`: the fields it excludes (the schema's oneOf) are emptied.
 * @param {View} view
 * @param {string} pointer
 * @param {string | undefined} value
 */
export function onFieldEdited(view, pointer, value) {
  if (value === undefined) return;
  for (const other of exclusiveWith(pointer)) {
    const otherField = view.findField('data-field', other);
    if (!otherField) continue;
    setAt(view.model, other, undefined);
    otherField.input.value = '';
    otherField.problem = '';
  }
}

/**
 * @param {View} view
 * @param {boolean} wide
 */
/**
 * The panel in the layout: the whole row when the retention panel is not beside it.
 * @param {View} view
 * @param {Set<string>} sections
 */
export const render = (view, sections) => economicsPanel(view, !sections.has('retention') && !sections.has('growth'));

/**
 * @param {View} view
 * @param {boolean} wide
 */
function economicsPanel(view, wide) {
  const { t } = view;
  const purchaseValue = field(view, '/customer/purchaseValue', t('purchaseValue'), { hint: t('purchaseHint') });
  // Left empty, the purchase value is the deal value: the placeholder shows which one.
  const purchaseInput = /** @type {HTMLInputElement} */ (purchaseValue.querySelector('input'));
  view.afterUpdate.push(() => (purchaseInput.placeholder = inputNumber(view.model.funnel.dealSize, view.numberStyle)));
  return panel(
    view,
    'pEcon',
    'economics-panel',
    `econ${wide ? ' wide' : ''}`,
    h(
      'div',
      { class: 'fields' },
      field(view, '/acquisitionCost', t('acquisitionCost'), { hint: t('acquisitionHint') }),
      purchaseValue,
      field(view, '/customer/purchasesPerYear', t('purchasesPerYear')),
      field(view, '/customer/grossMargin', t('grossMargin')),
      field(view, '/customer/lifespanYears', t('lifespanYears')),
      field(view, '/customer/annualChurn', t('annualChurn')),
    ),
    ['/economics/cac', '/economics/clv', '/economics/ltvToCac', '/economics/paybackMonths'].map((pointer) => resultRow(view, pointer)),
  );
}
