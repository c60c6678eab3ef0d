// What the widget asks the engine's `evaluate` for: the what-if, and the part each shown section
// asks for (sections.js's `asks`: a goal seek per funnel lever, the sensitivity table). The build
// asks the same for each preset's first view (scripts/first-views.mjs), so this module uses no DOM.
import { SECTION_TABLE } from './sections.js';
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
  /** @type {Request} */
  const request = { whatIf: changes.length ? changes : null, goals: null, sensitivity: null };
  for (const { token, asks } of SECTION_TABLE) if (asks && sections.has(token)) request[asks] ??= /** @type {any} */ (PARTS[asks](model, sensitivityMetric));
  return request;
}

/**
 * The parts of `evaluate`'s request a section may ask for, each built from the shown model (and
 * the sensitivity panel's metric); null leaves the part out.
 */
export const PARTS = {
  goals: goalRequest,
  /** @param {unknown} _model @param {string | null} metric */
  sensitivity: (_model, metric) => (metric ? { metric, by: '0.1' } : null),
};

/**
 * The goal seeks: each funnel lever, for the target's revenue.
 * @param {import('./state.js').Model} model
 * @returns {Goal[] | null}
 */
function goalRequest(model) {
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
