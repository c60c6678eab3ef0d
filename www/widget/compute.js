// Asking the engine for the results of the current state and showing them: the report, the
// what-if scenario, the goal seek and the panels' own runs, then the values, and the errors next
// to the fields they are about.
import { relativeChange, signOf } from './decimal.js';
import { setAttr, setText } from './dom.js';
import { call, isReady, isRestarting } from './engine.js';
import { formatNumber } from './format.js';
import { loadUrlState } from './lazy-parts.js';
import { showDifference, showValue } from './outputs.js';
import { firstView } from './first-view.js';
import { goalLines } from './panels/goal.js';
import { evaluateRequest } from './request.js';
import { getAt } from './state.js';

/** @typedef {import('./view.js').CalculatorView} View */

/**
 * Computes and shows everything; an engine error is shown at its field, a trapped engine is
 * replaced and the work done again.
 * @param {View} view
 */
export function recompute(view) {
  try {
    compute(view);
  } catch (error) {
    if (isRestarting(error)) {
      view.root?.classList.add('stale');
      error.restarting?.then(
        () => recompute(view),
        () => {},
      );
      return;
    }
    view.errors = [{ role: 'data-field', ...view.describe(error) }];
    paint(view);
  }
}

/**
 * One engine call per keystroke: the report, the what-if, the goal seek per lever and the
 * sensitivity table come from `evaluate`; each part that fails carries its own error.
 * @param {View} view
 */
function compute(view) {
  const { state, sections } = view;
  const model = view.shownModel;
  const request = evaluateRequest(model, state, sections, view.panels.sensitivity ? view.sensitivityMetric : null);
  const { goals, sensitivity } = request;
  const answer = firstView(view, model, request) ?? (isReady() || !view.firstView ? call('evaluate', model, request) : null);
  // Asked for something else while the engine loads: the answer comes when it has loaded.
  if (!answer) return;
  view.report = answer.report;
  view.errors = [];
  if (!answer.whatIf) view.scenario = answer.report;
  else if (!('error' in answer.whatIf)) view.scenario = answer.whatIf;
  else {
    view.scenario = null;
    view.errors.push({ role: 'data-whatif', pointer: view.describe(answer.whatIf.error).pointer, message: view.rare('wiRange') });
  }
  view.goal = goals ? goalLines(view, goals, answer.goals) : null;
  if (sensitivity) view.panels.sensitivity?.showSensitivity(view, answer.sensitivity);
  update(view);
  view.schedule('simulation', 250, () => {
    if (sections.has('uncertainty')) view.panels.uncertainty?.simulate(view);
  });
  // Not needed on screen before the next frame: screen readers hear the results after a pause,
  // the link and the page's listeners learn of the change after the frame is painted.
  view.schedule('announce', 900, () => view.announce());
  view.schedule('url', 300, () => {
    if (!view.host.hasAttribute('url-state') || view.root?.classList.contains('stale')) return;
    loadUrlState().then(({ writeUrl }) => (view.written = writeUrl(view.state)));
  });
  const detail = structuredClone(state);
  view.afterFrame('change', () => view.host.dispatchEvent(new CustomEvent('sales-kpi-change', { bubbles: true, composed: true, detail })));
}

/**
 * Shows the last results in every output.
 * @param {View} view
 */
export function update(view) {
  const { report, scenario } = view;
  if (!report) return;
  for (const output of view.outputs) {
    const base = getAt(report, output.pointer);
    const changed = scenario ? getAt(scenario, output.pointer) : undefined;
    if (output.source === 'difference') {
      const [text, difference] = showDifference(view, changed, base, output.kind);
      setText(output.element, text);
      setAttr(output.element, 'data-value', difference);
    } else {
      const value = output.source === 'scenario' ? changed : base;
      setText(output.element, showValue(view, value, output.kind));
      setAttr(output.element, 'data-value', value ?? '');
    }
    if (output.row && output.row.hidden !== (base === undefined)) output.row.hidden = base === undefined;
    output.afterUpdate?.();
  }
  const change = scenario && relativeChange(scenario.funnel.revenue, report.funnel.revenue);
  view.relativeChange = change && signOf(change) ? formatNumber(change, 'percentSigned', view.numberStyle) : '';
  for (const after of view.afterUpdate) after();
  view.charts.drawUnmeasured();
  paint(view);
}

/**
 * Shows field errors: what could not be read, and what the engine refused.
 * @param {View} view
 */
export function paint(view) {
  let general = '';
  const located = view.errors.map((error) => {
    const bound =
      view.fields.find((candidate) => candidate.role === error.role && candidate.pointer === error.pointer) ??
      view.fields.find((candidate) => candidate.role === error.role && error.pointer && candidate.pointer.startsWith(`${error.pointer}/`));
    if (!bound) general = error.message;
    return { bound, message: error.message };
  });
  // Results are stale when a model input is wrong, not when only a what-if or a range is.
  let stale = view.errors.some((error) => error.role === 'data-field');
  for (const bound of view.fields) {
    const message = bound.problem || located.find((error) => error.bound === bound)?.message || '';
    if (bound.problem && bound.role === 'data-field') stale = true;
    setText(bound.error, message);
    setAttr(bound.input, 'aria-invalid', String(!!message));
  }
  if (view.generalError) setText(view.generalError, general);
  if (view.root && view.root.classList.contains('stale') !== stale) view.root.classList.toggle('stale', stale);
  if (view.staleNote) setText(view.staleNote, stale ? view.rare('stale') : '');
}
