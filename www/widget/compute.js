// Asking the engine for the results of the current state and showing them: the report, the
// what-if scenario, the goal seek and the panels' own runs, then the values, and the errors next
// to the fields they are about.
import { relativeChange, signOf } from './decimal.js';
import { call, isRestarting } from './engine.js';
import { formatNumber } from './format.js';
import { loadUrlState } from './lazy-parts.js';
import { showDifference, showValue } from './outputs.js';
import { solveGoal } from './panels/goal.js';
import { getAt, whatIfChanges } from './state.js';

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

/** @param {View} view */
function compute(view) {
  const { state, sections } = view;
  const model = view.shownModel;
  const report = call('compute', model);
  view.report = report;
  view.errors = [];
  const changes = whatIfChanges(state);
  try {
    view.scenario = changes.length ? call('whatIf', model, changes).scenario : report;
  } catch (error) {
    if (isRestarting(error)) throw error;
    view.scenario = null;
    view.errors.push({ role: 'data-whatif', pointer: view.describe(error).pointer, message: view.rare('wiRange') });
  }
  view.goal = sections.has('goal') ? solveGoal(view) : null;
  if (sections.has('sensitivity')) view.panels.sensitivity?.computeSensitivity(view);
  update(view);
  view.schedule('simulation', 250, () => {
    if (sections.has('uncertainty')) view.panels.uncertainty?.simulate(view);
  });
  view.schedule('announce', 900, () => view.announce());
  view.schedule('url', 300, () => {
    if (!view.host.hasAttribute('url-state') || view.root?.classList.contains('stale')) return;
    loadUrlState().then(({ writeUrl }) => (view.written = writeUrl(view.state)));
  });
  view.host.dispatchEvent(new CustomEvent('sales-kpi-change', { bubbles: true, composed: true, detail: structuredClone(state) }));
}

/**
 * Shows the last results in every output.
 * @param {View} view
 */
export function update(view) {
  const { report, scenario } = view;
  for (const output of view.outputs) {
    const base = getAt(report, output.pointer);
    const changed = scenario ? getAt(scenario, output.pointer) : undefined;
    if (output.source === 'difference') {
      const [text, difference] = showDifference(view, changed, base, output.kind);
      output.element.textContent = text;
      output.element.setAttribute('data-value', difference);
    } else {
      const value = output.source === 'scenario' ? changed : base;
      output.element.textContent = showValue(view, value, output.kind);
      output.element.setAttribute('data-value', value ?? '');
    }
    if (output.row) output.row.hidden = base === undefined;
    output.afterUpdate?.();
  }
  const change = scenario && relativeChange(scenario.funnel.revenue, report.funnel.revenue);
  view.relativeChange = change && signOf(change) ? formatNumber(change, 'percentSigned', view.numberStyle) : '';
  for (const after of view.afterUpdate) after();
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
    bound.error.textContent = message;
    bound.input.setAttribute('aria-invalid', String(!!message));
  }
  if (view.generalError) view.generalError.textContent = general;
  view.root?.classList.toggle('stale', stale);
  if (view.staleNote) view.staleNote.textContent = view.root?.classList.contains('stale') ? view.rare('stale') : '';
}
