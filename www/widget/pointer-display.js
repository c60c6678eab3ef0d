// What a model or report pointer is called, and how its value is shown. Input fields take their
// kind from the engine's schema; report values are listed here, as the report's shape says.
import { textKey } from './i18n.js';
import { fieldKind } from './schema.js';
import { funnelPreset } from './state.js';

/** @typedef {import('./format.js').DisplayKind} DisplayKind */

/** How report values are shown; any other report value is a count (deals, stage counts). */
/** @type {Record<string, DisplayKind>} */
const REPORT_DISPLAY = {
  '/funnel/revenue': 'money',
  '/funnel/conversion': 'percent',
  '/funnel/stages/*/rate': 'percent',
  '/target/attainment': 'percent',
  '/target/gap': 'money',
  '/velocity/perDay': 'perDay',
  '/economics/cac': 'money',
  '/economics/clv': 'money',
  '/economics/ltvToCac': 'ratio',
  '/economics/paybackMonths': 'month',
  '/retention/rate': 'percent',
  '/retention/churn': 'percent',
  '/growth/rate': 'percent',
};

/** @type {Record<string, DisplayKind>} */
const FIELD_DISPLAY = { money: 'money', count: 'count', rate: 'percent', days: 'day', years: 'year' };

/**
 * How the value at a report or input pointer is shown.
 * @param {string} pointer
 * @returns {DisplayKind}
 */
export function displayKind(pointer) {
  const pattern = pointer.replace(/\/\d+(?=\/|$)/g, '/*');
  return REPORT_DISPLAY[pattern] ?? FIELD_DISPLAY[fieldKind(pointer) ?? 'count'] ?? 'count';
}

/**
 * @typedef {{ t: import('./state.js').Translate, model: import('./state.js').Model, topLabel: string, lang: string, state: { preset: string } }} Naming
 */

/**
 * A stage's name inside a sentence: a preset's name in lower case ("400 meetings/demos"), a name
 * the reader typed exactly as typed ("SQL").
 * @param {Naming} view
 * @param {number} index
 */
export function stageNoun({ t, model, lang, state }, index) {
  const name = model.funnel.stages[index]?.name ?? '';
  return t(textKey('stages', funnelPreset(state.preset))).split('|').includes(name) ? name.toLocaleLowerCase(lang) : name;
}

/**
 * The reader's name for a model or report pointer.
 * @param {Naming} view
 * @param {string} pointer
 */
export function labelOf(view, pointer) {
  const { t, model, topLabel } = view;
  if (pointer === '/funnel/top' || pointer === '/target/needed/top') return topLabel;
  // A stage's own values and the report's lines per stage (also under /target/needed).
  const stage = /stages\/(\d+)\/(\w+)$/.exec(pointer);
  if (stage) {
    const index = Number(stage[1]);
    const name = model.funnel.stages[index]?.name ?? '';
    if (stage[2] === 'rate') return t('leverRate', { name: stageNoun(view, index) });
    if (stage[2] === 'name') return t('step', { n: index + 1 });
    return name;
  }
  // The text's key is the pointer's last word ("/funnel/dealSize": dealSize), the section's for a
  // rate ("/growth/rate": growth); a pointer without one keeps its own name.
  const words = pointer.split('/');
  const key = (words.at(-1) === 'rate' ? words[1] : words.at(-1)) ?? '';
  return t(key) || pointer;
}
