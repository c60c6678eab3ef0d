// UI text in English, Dutch and Danish, one module per language so a reader downloads only
// their own, and in two parts: i18n-xx.js for the first view, more-xx.js (the formulas, the
// rarely shown panels and rare messages) on first use. The Dutch and Danish KPI names are the words sales people
// there use (omzet, conversieratio, klantacquisitiekosten; omsætning, ordrestørrelse, kundens
// livstidsværdi).

const CORE = { en: () => import('./i18n-en.js'), nl: () => import('./i18n-nl.js'), da: () => import('./i18n-da.js') };
const MORE = { en: () => import('./more-en.js'), nl: () => import('./more-nl.js'), da: () => import('./more-da.js') };
export const LANGS = Object.keys(CORE);
// The keys of the first view's text: i18n-xx.js holds the texts in this order, without the keys.
export const KEYS = `title formula loading pFunnel pResults pWhatif pGoal top_inbound top_outbound top_leads st_inbound
st_outbound st_leads st_unit-economics step stageName rate rateHint addStage removeStage dealSize
target revenue deals conversion attainment gap dealsNeeded needed
wiHeadline wiNew wiMore ppShort reset colKpi colNow colScenario colDiff
scenarioChart lever_rate goalIntro goalHow colLever colNeeded colChange footnote showTable
funnelChart colStep colCount colRate answerTarget answerMet answerFunnel more moreParts`.split(/\s+/);
/** @typedef {'en' | 'nl' | 'da'} Lang */
/** @type {Record<string, Promise<Record<string, string>>>} */
const tables = {};
/** @type {Record<string, Promise<Record<string, string>>>} */
const extra = {};
/** @param {string} lang */
const known = (lang) => /** @type {Lang} */ (Object.hasOwn(CORE, lang) ? lang : 'en');
/** @param {string} lang */
const table = (lang) => (tables[lang] ??= CORE[known(lang)]().then((module) => Object.fromEntries(KEYS.map((key, i) => [key, module.default[i] ?? key]))));

/**
 * Resolves to a translator for one language; any other language gets English.
 * @param {string} lang
 * @returns {Promise<import('./state.js').Translate>}
 */
export async function translator(lang) {
  const texts = await table(known(lang));
  return (key, vars) => {
    const text = texts[key] ?? key;
    return vars ? text.replace(/\{(\w+)\}/g, (whole, name) => (name in vars ? String(vars[name]) : whole)) : text;
  };
}

/**
 * Adds the rest of a language's text to its table (and so to its translators).
 * @param {string} lang
 */
export const moreText = (lang) =>
  (extra[known(lang)] ??= Promise.all([table(known(lang)), MORE[known(lang)]()]).then(([texts, module]) => Object.assign(texts, module.default)));
