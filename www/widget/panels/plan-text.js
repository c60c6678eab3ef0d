// The text of the planning panels (Plan and Progress) is a part of the language's text
// (plan-text-xx.js, see i18n.js), loaded with the panel that first needs it.
import { loadText, textLoaded } from '../i18n.js';

/**
 * Loads the panels' text in a language; lazy-parts.js calls it with the panel.
 * @param {string} lang
 */
export const loadPlanText = (lang) => loadText(lang, 'plan');

/**
 * The view's translator, once the panels' text is there in its language: after a change of
 * language it is loaded now, and then the view is built again.
 * @param {import('../view.js').CalculatorView} view
 * @returns {import('./plan-fields.js').PlanText}
 */
export function planText(view) {
  if (!textLoaded(view.lang, 'plan')) loadPlanText(view.lang).then(() => view.root && view.rebuild(), () => {});
  return view.t;
}
