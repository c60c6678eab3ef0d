// "Plan": the goal spread over a calendar window (issue #11) with the engine's plan(): the
// period (dates or a quick choice), the goal (the target above, an amount, or "+14 % on a
// baseline"), the team, workdays and holidays; the results are drawn by plan-results.js.
// Its text is in plan-text-xx.js, one file per language, loaded with the panel (plan-text.js).
import { h } from '../dom.js';
import { canCall } from '../engine.js';
import { tableBox } from '../form.js';
import { optionInputs, planningModel, sentOptions, windowCss, windowFields } from './plan-fields.js';
import { defaultPlan } from './plan-options.js';
import { planProblem, planRows, setHeads, showPlan, tableHeads } from './plan-results.js';

/**
 * @typedef {import('../view.js').CalculatorView} View
 * @typedef {import('./plan-options.js').PlanOptions} PlanOptions
 * @typedef {import('./plan-results.js').Plan} Plan
 * @typedef {import('./plan-results.js').PlanText} PlanText
 */

export { loadPlanText as loadText } from './plan-text.js';

export const css = [
  ...windowCss,
  '.plan .sentence{font-size:1.05rem;margin:.75rem 0 .25rem}',
  '.plan tr.sum th,.plan tr.sum td{font-weight:600;border-top:2px solid var(--_line)}',
];

/** The last plan each view showed, for the export. @type {WeakMap<View, { plan: Plan, t: PlanText, options: PlanOptions }>} */
const shownPlans = new WeakMap();

/**
 * The plan's rows for the spreadsheet export, when the panel shows a plan (else none).
 * @param {View} view
 */
export function exportRows(view) {
  const shown = shownPlans.get(view);
  return shown && view.sections.has('plan') ? planRows(view, shown.t, shown.plan, shown.options) : [];
}

/**
 * A state without plan options gets a new plan's, before the panel is drawn (configure.js).
 * @param {View} view
 */
export function initialState(view) {
  view.state.plan ??= defaultPlan();
}

/** @param {View} view */
export function render(view) {
  // The panels' text is in the view's translator: configure.js loads it with the panel.
  const { t } = view;
  const options = /** @type {PlanOptions} */ (view.state.plan);
  const inputs = optionInputs(view, 'plan');
  const window = windowFields(view, t, options, inputs);
  const parts = {
    sentence: h('p', { class: 'sentence', 'aria-live': 'polite' }),
    average: h('p', { class: 'hint' }),
    reps: h('p', {}),
    entry: h('p', {}),
    chart: h('div', { class: 'chart', part: 'chart' }),
    monthBody: h('tbody'),
    weekBody: h('tbody'),
  };
  const status = h('p', { class: 'hint' });
  const results = h('div', {}, parts.sentence, parts.average, parts.reps, parts.entry, parts.chart, h('p', { class: 'hint', text: t('amountsLine') }));
  const heads = tableHeads(view, t, null);
  const monthTable = h('details', { class: 'alt' }, h('summary', { text: `${t('months')}: ${view.t('showTable').toLocaleLowerCase(view.lang)}` }), tableBox(t('months'), heads.month, parts.monthBody));
  const weekTable = h('details', { class: 'alt' }, h('summary', { text: `${t('weeks')}: ${view.t('showTable').toLocaleLowerCase(view.lang)}` }), tableBox(t('weeks'), heads.week, parts.weekBody));
  view.runRequests.plan = () => {
    const model = planningModel(view);
    return model && { model, input: sentOptions(options) };
  };
  view.afterUpdate.push(() => {
    inputs.showUnread();
    const answer = view.runAnswers.plan;
    const plan = answer && 'value' in answer ? /** @type {Plan} */ (answer.value) : null;
    if (answer && 'error' in answer) {
      const error = /** @type {import('../engine.js').EngineError} */ (answer.error);
      inputs.showError(error.pointer ?? '', planProblem(t, error), window.goalError);
    }
    inputs.markInvalid();
    results.hidden = monthTable.hidden = weekTable.hidden = !plan;
    status.textContent = plan ? '' : canCall('plan') ? t('planStale') : t('loadingPlan');
    if (!plan) return void shownPlans.delete(view);
    shownPlans.set(view, { plan, t, options: structuredClone(options) });
    const heads = tableHeads(view, t, plan);
    setHeads(monthTable, heads.month);
    setHeads(weekTable, heads.week);
    showPlan(view, t, plan, parts, options);
  });
  const headingId = view.nextId();
  return h(
    'section',
    { class: 'panel wide plan', part: 'panel plan-panel', 'aria-labelledby': headingId, 'data-section': 'pPlan' },
    h('h3', { id: headingId, text: t('pPlan') }),
    h('p', { class: 'hint', text: t('planIntro') }),
    window.fieldsets,
    status,
    results,
    monthTable,
    weekTable,
  );
}
