// What the widget asks the engine's `evaluate` for: the what-if, and the part each shown section
// asks for (sections.js's `asks`: a goal seek per funnel lever, the sensitivity table). The build
// asks the same for each preset's first view (scripts/first-views.mjs), so this module uses no DOM.
import { SECTION_TABLE, sectionOf } from './sections.js';
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
  /**
   * The reader's metric while the report has it; else (its section's fields were emptied) revenue.
   * @param {import('./state.js').Model} model
   * @param {string | null} metric
   */
  sensitivity: (model, metric) => (metric ? { metric: reportHas(model, metric) ? metric : '/funnel/revenue', by: '0.1' } : null),
};

/**
 * Whether the report of this model has a result: a section's results (/target/…, /economics/…)
 * are there when the model has one of the fields that section shows (sections.js).
 * @param {import('./state.js').Model} model
 * @param {string} pointer
 */
export function reportHas(model, pointer) {
  const fields = sectionOf(pointer.split('/')[1] ?? '')?.fields;
  const values = /** @type {Record<string, unknown>} */ (model);
  return !fields || fields.some((name) => values[name] != null);
}

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
