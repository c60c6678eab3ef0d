// "Retention and growth": customers kept over a period, and revenue growth between two periods.
import { h } from '../dom.js';
import { field, panel } from '../form.js';
import { resultRow } from '../outputs.js';
import { FIELDS_CSS } from './fields-css.js';

/** @typedef {import('../view.js').CalculatorView} View */

export const css = [FIELDS_CSS, '.res+.fields{margin-top:1.25rem}'];

/**
 * @param {View} view
 * @param {boolean} wide
 */
/**
 * The panel in the layout (retention and growth are one panel): the whole row when the economics
 * panel is not beside it.
 * @param {View} view
 * @param {Set<string>} sections
 */
export const render = (view, sections) => retentionPanel(view, !sections.has('economics'));

/**
 * @param {View} view
 * @param {boolean} wide
 */
function retentionPanel(view, wide) {
  const { t, sections } = view;
  return panel(
    view,
    'pRet',
    'retention-panel',
    `ret${wide ? ' wide' : ''}`,
    sections.has('retention') && [
      h('div', { class: 'fields' }, field(view, '/retention/start', t('start')), field(view, '/retention/end', t('end')), field(view, '/retention/new', t('new'))),
      resultRow(view, '/retention/rate'),
      resultRow(view, '/retention/churn'),
    ],
    sections.has('growth') && [
      h('div', { class: 'fields' }, field(view, '/growth/previous', t('previous')), field(view, '/growth/current', t('current'))),
      resultRow(view, '/growth/rate'),
    ],
  );
}
