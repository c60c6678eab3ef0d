// A preset's first view, computed by the engine at build time (scripts/first-views.mjs), so the
// first result is painted before the .wasm has arrived. It is used only while the engine loads,
// and only for exactly the model and request it was computed for; its numbers are the engine's.
import { isReady } from './engine.js';
import { firstViewKey } from './request.js';
import { SECTIONS } from './sections.js';

/** @typedef {{ key: string, answer: import('./engine.js').Evaluation }} FirstView */

/**
 * The first views the build makes: each preset's with its own sections, and with every section
 * (`sections="all"`), named as firstViewName does.
 * @type {Record<string, () => Promise<{ default: FirstView }>>}
 */
const FIRST_VIEWS = {
  inbound: () => import('../pkg/first-view-inbound.js'),
  outbound: () => import('../pkg/first-view-outbound.js'),
  leads: () => import('../pkg/first-view-leads.js'),
  'unit-economics': () => import('../pkg/first-view-unit-economics.js'),
  'inbound-all': () => import('../pkg/first-view-inbound-all.js'),
  'outbound-all': () => import('../pkg/first-view-outbound-all.js'),
  'leads-all': () => import('../pkg/first-view-leads-all.js'),
  'unit-economics-all': () => import('../pkg/first-view-unit-economics-all.js'),
};

/** The presets that have first views: pacing's Progress panel shows no number before the engine. */
export const FIRST_VIEW_PRESETS = Object.keys(FIRST_VIEWS).filter((name) => !name.endsWith('-all'));

/**
 * The name of the first view of a preset shown with these sections (the `sections` attribute's,
 * none for the preset's own): `inbound`, `inbound-all`; null when the build makes none.
 * @param {string} preset
 * @param {string[]} sections
 */
export function firstViewName(preset, sections) {
  const all = sections.length === SECTIONS.length && SECTIONS.every((token) => sections.includes(token));
  const name = sections.length === 0 ? preset : all ? `${preset}-all` : '';
  return Object.hasOwn(FIRST_VIEWS, name) ? name : null;
}

/**
 * Loads the first view of a preset shown with these sections; null when there is none or it
 * cannot load. Its key still has to match what is asked (firstView).
 * @param {string} preset
 * @param {string[]} sections the `sections` attribute's; none for the preset's own
 * @returns {Promise<FirstView | null>}
 */
export async function loadFirstView(preset, sections) {
  const name = firstViewName(preset, sections);
  try {
    return name ? ((await FIRST_VIEWS[name]?.())?.default ?? null) : null;
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
