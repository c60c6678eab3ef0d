// The reader's state: the contract model plus what-if changes and uncertainty ranges. Everything
// here is plain data with decimal strings, so it survives JSON and the URL unchanged. Reading
// state from attributes and links is in model-attributes.js and url-state.js, loaded when needed.

import { textKey } from './i18n.js';
import { SECTION_TABLE, SECTIONS, sectionOf } from './sections.js';

/**
 * @typedef {{ name: string, rate: string }} Stage
 * @typedef {{ funnel: { top: string, stages: Stage[], dealSize: string }, target?: string, cycleDays?: string,
 *   acquisitionCost?: string, customer?: Record<string, string>, retention?: Record<string, string>,
 *   growth?: Record<string, string>, [key: string]: unknown }} Model
 * @typedef {{ unit: 'by' | 'add', value: string }} WhatIfChange a fraction: by "0.1" is +10 %, add "0.01" is +1 pp
 * @typedef {{ low: string, high: string }} Range
 * @typedef {{ preset: string, currency: string, model: Model, whatif: Record<string, WhatIfChange>,
 *   ranges: Record<string, Range> } & import('./sections.js').SectionStates} State
 * @typedef {(key: string, vars?: Record<string, string | number>) => string} Translate
 */

export const PRESETS = ['inbound', 'outbound', 'leads', 'unit-economics', 'pacing'];
/** The preset whose funnel (numbers and words) each preset uses: pacing checks the leads funnel's progress. */
export const funnelPreset = (/** @type {string} */ preset) => (preset === 'pacing' ? 'leads' : preset);
export { SECTIONS };

/** @type {Record<string, [string, string[], string, string, string, string]>} [top, rates, dealSize, target, cycleDays, acquisitionCost] */
const PRESET_NUMBERS = {
  inbound: ['12000', ['0.025', '0.2'], '12500', '1000000', '45', '90000'],
  outbound: ['2000', ['0.05', '0.25'], '8000', '250000', '60', '60000'],
  leads: ['500', ['0.4', '0.5', '0.3'], '4500', '150000', '30', '24000'],
  'unit-economics': ['400', ['0.15'], '12500', '1000000', '45', '90000'],
};

/**
 * The example model of a preset; inbound is exactly the contract's example.
 * @param {string} preset
 * @param {Translate} t
 * @returns {Model}
 */
export function presetModel(preset, t) {
  const funnel = funnelPreset(preset);
  const [top, rates, dealSize, target, cycleDays, acquisitionCost] = PRESET_NUMBERS[funnel] ?? PRESET_NUMBERS.inbound;
  const names = t(textKey('stages', funnel)).split('|');
  return {
    funnel: { top, stages: rates.map((rate, i) => ({ name: names[i] ?? '', rate })), dealSize },
    target,
    cycleDays,
    acquisitionCost,
    // No purchase value: the engine takes the deal value until the reader types their own.
    customer: { purchasesPerYear: '1', lifespanYears: '4', grossMargin: '0.6' },
    retention: { start: '200', end: '210', new: '30' },
    growth: { previous: '800000', current: '912000' },
  };
}

/**
 * A preset's first state: its example model and a what-if of +10 % deal value.
 * @param {string} preset
 * @param {string} currency
 * @param {Translate} t
 * @returns {State}
 */
export const defaultState = (preset, currency, t) => ({ preset, currency, model: presetModel(preset, t), whatif: { '/funnel/dealSize': { unit: 'by', value: '0.1' } }, ranges: {} });

/** The section that shows each optional part of the model (the funnel is always needed). */
const SECTION_OF_FIELD = Object.fromEntries(SECTION_TABLE.flatMap((section) => (section.fields ?? []).map((field) => [field, section.token])));

/**
 * The model without the parts whose fields are not on screen: results are computed from this,
 * so no shown number comes from a number the reader cannot see. The state keeps the whole model,
 * so a section switched on later shows its fields with their values.
 * @param {Model} model
 * @param {Set<string>} sections
 * @returns {Model}
 */
export function shownModel(model, sections) {
  const shown = { ...model };
  for (const [key, section] of Object.entries(SECTION_OF_FIELD)) if (!sections.has(section)) delete shown[key];
  return shown;
}

/** @param {string} preset */
export const defaultSections = (preset) =>
  // Plan panel: leads and outbound plan by the month and the workday (issue #11); pacing is the
  // Progress panel alone, a small embed for a post (issue #22).
  (preset === 'pacing' ? 'progress' : preset === 'unit-economics' ? 'funnel economics retention whatif' : `funnel target whatif goal${preset === 'leads' || preset === 'outbound' ? ' plan' : ''}`).split(' ');

/**
 * Parses `sections`: the known words, and the unknown ones. A section whose results are computed
 * from the funnel (all but retention, growth and share) brings the funnel's fields with it.
 * @param {string} value
 */
export function parseSections(value) {
  const words = value.split(/[\s,]+/).filter(Boolean);
  if (words.includes('all')) return { list: SECTIONS, unknown: [] };
  const list = words.filter((word) => SECTIONS.includes(word));
  // The list becomes a Set, so a second funnel does no harm.
  if (list.some((word) => sectionOf(word)?.fromFunnel)) list.unshift('funnel');
  return { list, unknown: words.filter((word) => !SECTIONS.includes(word)) };
}

/**
 * The value at a JSON Pointer, or undefined.
 * @param {unknown} object
 * @param {string} pointer
 * @returns {any}
 */
export function getAt(object, pointer) {
  return pointer
    .split('/')
    .slice(1)
    .reduce((/** @type {any} */ node, key) => (node == null ? undefined : node[key]), object);
}

/**
 * Sets (or, for undefined, deletes) the value at a pointer, creating objects on the way.
 * @param {object} object
 * @param {string} pointer
 * @param {unknown} value
 */
export function setAt(object, pointer, value) {
  const keys = pointer.split('/').slice(1);
  const last = keys.pop() ?? '';
  /** @type {any} */
  let node = object;
  for (const key of keys) node = node[key] ??= {};
  if (value === undefined) delete node[last];
  else node[last] = value;
}

/** The levers of the funnel: what revenue is made of. @param {Model} model */
export const funnelLevers = (model) => ['/funnel/top', ...model.funnel.stages.map((_, i) => `/funnel/stages/${i}/rate`), '/funnel/dealSize'];

/** @param {State} state */
export const whatIfChanges = (state) => Object.entries(state.whatif).map(([lever, change]) => ({ lever, [change.unit]: change.value }));
