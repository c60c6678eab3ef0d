// What the widget asks the engine's `evaluate` for: the what-if, a goal seek per funnel lever
// when the goal panel is shown, and the sensitivity table when its panel is. The build asks the
// same for each preset's first view (scripts/first-views.mjs), so this module uses no DOM.
import { funnelLevers, whatIfChanges } from './state.js';

/**
 * @typedef {{ lever: string, metric: string, target: string }} Goal
 * @typedef {{ whatIf: ReturnType<typeof whatIfChanges> | null, goals: Goal[] | null, sensitivity: { metric: string, by: string } | null }} Request
 */

/**
 * @param {import('./state.js').Model} model the model the results are computed from (the shown one)
 * @param {import('./state.js').State} state
 * @param {Set<string>} sections
 * @param {string | null} sensitivityMetric the metric when the sensitivity panel is shown, else null
 * @returns {Request}
 */
export function evaluateRequest(model, state, sections, sensitivityMetric) {
  const changes = whatIfChanges(state);
  return {
    whatIf: changes.length ? changes : null,
    goals: sections.has('goal') ? goalRequest(model) : null,
    sensitivity: sections.has('sensitivity') && sensitivityMetric ? { metric: sensitivityMetric, by: '0.1' } : null,
  };
}

/**
 * The goal seeks: each funnel lever, for the target's revenue.
 * @param {import('./state.js').Model} model
 * @returns {Goal[] | null}
 */
export function goalRequest(model) {
  const target = model.target;
  if (target == null) return null;
  return funnelLevers(model).map((lever) => ({ lever, metric: '/funnel/revenue', target }));
}

/**
 * What identifies a first view: the model's numbers (its stage names are the language's) and
 * the request.
 * @param {import('./state.js').Model} model
 * @param {Request} request
 */
export function firstViewKey(model, request) {
  return JSON.stringify([{ ...model, funnel: { ...model.funnel, stages: model.funnel.stages.map((stage) => stage.rate) } }, request]);
}
