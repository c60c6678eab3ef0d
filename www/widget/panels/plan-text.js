// The text of the planning panels (Plan and Progress) is a part of the language's text
// (plan-text-xx.js, see i18n.js), loaded with the panel that first needs it.
import { loadText } from '../i18n.js';

/**
 * Loads the panels' text in a language; lazy-parts.js calls it with the panel.
 * @param {string} lang
 */
export const loadPlanText = (lang) => loadText(lang, 'plan');
