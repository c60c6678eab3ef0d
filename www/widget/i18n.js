// UI text in English, Dutch and Danish, one module per language so a reader downloads only
// their own, and in three parts so the first view carries only its own: i18n-xx.js (the first
// view), more-xx.js (the formulas, the rarely shown panels and rare messages, on first use) and
// plan-text-xx.js (the Plan and Progress panels, with the panel). Every part is an object keyed by
// camelCase names; the parts of a language that have loaded make one table, read by one translator.
// The Dutch and Danish KPI names are the words sales people there use (omzet, conversieratio,
// klantacquisitiekosten; omsætning, ordrestørrelse, kundens livstidsværdi).
//
// A key a language lacks gives the English text when that part of English has loaded, else
// nothing; never the key itself. tests/node/i18n-keys.test.mjs keeps every language's keys those
// of English and every key the code asks for present, so a missing text fails a test instead.

const PARTS = {
  first: { en: () => import('./i18n-en.js'), nl: () => import('./i18n-nl.js'), da: () => import('./i18n-da.js') },
  more: { en: () => import('./more-en.js'), nl: () => import('./more-nl.js'), da: () => import('./more-da.js') },
  plan: { en: () => import('./plan-text-en.js'), nl: () => import('./plan-text-nl.js'), da: () => import('./plan-text-da.js') },
};
export const LANGS = Object.keys(PARTS.first);
/** @typedef {'en' | 'nl' | 'da'} Lang */
/** @typedef {keyof typeof PARTS} TextPart */
/** Each language's text, its parts added as they load. @type {Record<Lang, Record<string, string>>} */
const texts = { en: {}, nl: {}, da: {} };
/** @type {Record<string, Promise<void>>} */
const loading = {};
/** The parts that have loaded, as `${part} ${lang}`. @type {Set<string>} */
const loaded = new Set();
/** @param {string} lang */
const known = (lang) => /** @type {Lang} */ (Object.hasOwn(PARTS.first, lang) ? lang : 'en');

/**
 * Adds a part of a language's text (English for any other language) to its table, once.
 * @param {string} lang
 * @param {TextPart} part
 */
export function loadText(lang, part) {
  const name = `${part} ${known(lang)}`;
  return (loading[name] ??= PARTS[part][known(lang)]().then((module) => {
    Object.assign(texts[known(lang)], module.default);
    loaded.add(name);
  }));
}

/**
 * Whether a part of a language's text has loaded.
 * @param {string} lang
 * @param {TextPart} part
 */
export const textLoaded = (lang, part) => loaded.has(`${part} ${known(lang)}`);

/**
 * Whether a language's loaded text has this key (its own, not English in its place).
 * @param {string} lang
 * @param {string} key
 */
export const hasText = (lang, key) => Object.hasOwn(texts[known(lang)], key);

/**
 * A key made of a prefix and a name the code has (a preset, an error code): textKey('stages',
 * 'unit-economics') is 'stagesUnitEconomics'.
 * @param {string} prefix
 * @param {string} name
 */
export const textKey = (prefix, name) => prefix + name.replace(/(?:^|-)(\w)/g, (_, letter) => letter.toUpperCase());

/**
 * Resolves to the translator for one language (any other language gets English), once its
 * first-view text has loaded; the text of parts loaded later is there too.
 * @param {string} lang
 * @returns {Promise<import('./state.js').Translate>}
 */
export async function translator(lang) {
  await loadText(lang, 'first');
  const own = texts[known(lang)];
  return (key, vars) => {
    const text = own[key] ?? texts.en[key] ?? '';
    return vars ? text.replace(/\{(\w+)\}/g, (whole, name) => String(vars[name] ?? whole)) : text;
  };
}

/**
 * Adds the rest of a language's text (more-xx.js) to its table, and so to its translator.
 * @param {string} lang
 */
export const moreText = (lang) => Promise.all([loadText(lang, 'first'), loadText(lang, 'more')]);
