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
target cycleDays revenue deals conversion attainment gap dealsNeeded needed perDay perDayUnit cac
ltvToCac paybackMonths wiHeadline wiNew wiMore ppShort reset colKpi colNow colScenario colDiff
scenarioChart lever_rate goalIntro goalHow colLever colNeeded colChange footnote showTable
funnelChart colStep colCount colRate summary summaryTarget engineFail notNum required pct01 pos
nonneg tooBig nameErr`.split(/\s+/);
const tables = {};
const extra = {};
const table = (lang) => (tables[lang] ??= CORE[lang]().then((m) => Object.fromEntries(KEYS.map((k, i) => [k, m.default[i]]))));

/** Resolves to a translator for one language; any other language gets English. */
export async function translator(lang) {
  if (!LANGS.includes(lang)) lang = 'en';
  const T = await table(lang);
  return (key, vars) => {
    let s = T[key] ?? key;
    if (vars) s = s.replace(/\{(\w+)\}/g, (m, k) => (k in vars ? vars[k] : m));
    return s;
  };
}

/** Adds the rest of a language's text to its table (and so to its translators). */
export const moreText = (lang) => (extra[lang] ??= Promise.all([table(lang), MORE[lang]()]).then(([T, m]) => Object.assign(T, m.default)));
