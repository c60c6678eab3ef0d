// "Your funnel": the top of the funnel, a row per step (its conversion; with `editable-stages`
// its name, a button to remove it and one to add a step), the deal value, and with their
// sections the target and the sales cycle.
import { h } from '../dom.js';
import { field, panel } from '../form.js';
import { stageNoun } from '../pointer-display.js';
import { MAX_STAGES } from '../schema.js';

/** @typedef {import('../view.js').CalculatorView} View */

/**
 * @param {View} view
 * @param {number} index
 */
function stageRow(view, index) {
  const { t } = view;
  const stages = () => view.model.funnel.stages;
  const previous = () => (index ? stageNoun(view, index - 1) : view.topNoun);
  const editable = view.shape.editableStages;
  const rate = field(view, `/funnel/stages/${index}/rate`, editable ? t('rate') : t('leverRate', { name: stageNoun(view, index) }), { hint: ' ', className: 'rate' });
  const hint = /** @type {HTMLElement} */ (rate.querySelector('.hint'));
  const remove =
    editable && stages().length > 1
      ? h('button', { type: 'button', class: 'icon', part: 'button', onclick: () => view.removeStage(index) }, h('span', { 'aria-hidden': 'true', text: '×' }))
      : null;
  view.afterUpdate.push(() => {
    hint.textContent = t('rateHint', { prev: previous() });
    remove?.setAttribute('aria-label', t('removeStage', { n: index + 1, name: stageNoun(view, index) }));
  });
  if (!editable) return rate;
  return h(
    'fieldset',
    { class: 'stage' },
    h('legend', { text: t('step', { n: index + 1 }) }),
    h('div', { class: 'row' }, field(view, `/funnel/stages/${index}/name`, t('stageName'), { className: 'name' }), rate, remove),
  );
}

/** @param {View} view */
export function funnelPanel(view) {
  const { t, sections } = view;
  const stageCount = view.model.funnel.stages.length;
  return panel(
    view,
    'pFunnel',
    'funnel-panel',
    'inputs',
    sections.has('funnel') && [
      h('p', { class: 'formula', text: t('formula', { top: view.topLabel }) }),
      field(view, '/funnel/top', view.topLabel),
      view.model.funnel.stages.map((_, i) => stageRow(view, i)),
      !view.shape.editableStages
        ? null
        : stageCount < MAX_STAGES
        ? h('button', { type: 'button', class: 'ghost', part: 'button', onclick: () => view.addStage() }, h('span', { 'aria-hidden': 'true', text: '+ ' }), t('addStage'))
        : // As many steps as the engine takes: the note says why there is no "Add a step".
          h('p', { class: 'hint', text: view.t('stagesMax').replace('{max}', String(MAX_STAGES)) }),
      field(view, '/funnel/dealSize', t('dealSize')),
    ],
    sections.has('target') && field(view, '/target', t('target')),
    sections.has('velocity') && field(view, '/cycleDays', t('cycleDays')),
    (view.generalError = h('p', { class: 'err' })),
  );
}
