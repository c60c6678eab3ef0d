// A preset's first view, computed by the engine at build time (scripts/first-views.mjs), so the
// first result is painted before the .wasm has arrived. It is used only while the engine loads,
// and only for exactly the model and request it was computed for; its numbers are the engine's.
import { isReady } from './engine.js';
import { firstViewKey } from './request.js';

/** @typedef {{ key: string, answer: import('./engine.js').Evaluation }} FirstView */

/** @type {Record<string, () => Promise<{ default: FirstView }>>} */
const FIRST_VIEWS = {
  inbound: () => import('../pkg/first-view-inbound.js'),
  outbound: () => import('../pkg/first-view-outbound.js'),
  leads: () => import('../pkg/first-view-leads.js'),
  'unit-economics': () => import('../pkg/first-view-unit-economics.js'),
};

/** The presets that have a first view: pacing's Progress panel shows no number before the engine. */
export const FIRST_VIEW_PRESETS = Object.keys(FIRST_VIEWS);

/**
 * Loads a preset's first view; null when it has none or it cannot load.
 * @param {string} preset
 * @returns {Promise<FirstView | null>}
 */
export async function loadFirstView(preset) {
  try {
    return (await FIRST_VIEWS[preset]?.())?.default ?? null;
  } catch {
    return null;
  }
}

/**
 * The engine's answer for the model and request, from the first view, while the engine is still
 * loading; else null.
 * @param {import('./view.js').CalculatorView} view
 * @param {import('./state.js').Model} model
 * @param {import('./request.js').Request} request
 */
export function firstView(view, model, request) {
  const first = view.firstView;
  if (!first || isReady() || firstViewKey(model, request) !== first.key) return null;
  const answer = structuredClone(first.answer);
  // The engine copies stage names from the model into the reports; here they are the language's.
  const names = model.funnel.stages.map((stage) => stage.name);
  for (const report of [answer.report, answer.whatIf]) {
    if (!report || 'error' in report) continue;
    report.funnel.stages.forEach((stage, index) => (stage.name = names[index]));
    report.target?.needed.stages.forEach((stage, index) => (stage.name = names[index]));
  }
  return answer;
}
