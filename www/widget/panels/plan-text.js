// The text of the planning panels (Plan and Progress): plan-text-xx.js, one object per language,
// loaded with the panel that first needs it.

const TEXTS = { en: () => import('../plan-text-en.js'), nl: () => import('../plan-text-nl.js'), da: () => import('../plan-text-da.js') };
/** @type {Record<string, Record<string, string>>} */
const loadedTexts = {};

/**
 * Loads the panel's text in a language (English for any other); lazy-parts.js calls it with the panel.
 * @param {string} lang
 */
export async function loadPlanText(lang) {
  const known = /** @type {keyof typeof TEXTS} */ (Object.hasOwn(TEXTS, lang) ? lang : 'en');
  loadedTexts[known] ??= (await TEXTS[known]()).default;
}

/**
 * The panel's translator for the view's language; its text is loaded with the panel, or (after a
 * change of language) now, and then the view is built again.
 * @param {import('../view.js').CalculatorView} view
 * @returns {import('./plan-fields.js').PlanText}
 */
export function planText(view) {
  const texts = loadedTexts[Object.hasOwn(TEXTS, view.lang) ? view.lang : 'en'];
  if (!texts) loadPlanText(view.lang).then(() => view.root && view.rebuild(), () => {});
  return (key, vars) => (texts?.[key] ?? '').replace(/\{(\w+)\}/g, (whole, name) => String(vars?.[name] ?? whole));
}

