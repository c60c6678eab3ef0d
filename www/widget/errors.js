// An engine error in the reader's words, chosen by its `code` and `params` (INTERFACE.md), never
// by its English message. An unknown code gets a general text.
import { signOf } from './decimal.js';
import { labelOf } from './pointer-display.js';
import { funnelLevers, getAt } from './state.js';

/**
 * @typedef {{ code: string, pointer?: string, params?: Record<string, unknown> }} Problem
 * @typedef {(key: string) => string} Text the text of a key, loading the rarely shown texts if needed
 */

/**
 * The text key for a value outside its range: the bounds say which sentence fits.
 * @param {Record<string, unknown>} params
 */
function rangeKey(params) {
  if (params.maximum === '1' || params.exclusiveMaximum === '1') return 'pct01';
  if (params.exclusiveMinimum === '0') return 'pos';
  if (params.minimum === '0') return 'nonneg';
  // No bound given: the number does not fit the engine's exact decimals.
  if (!['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum'].some((bound) => bound in params)) return 'tooBig';
  return 'invalid';
}

/** @type {Record<string, string>} */
const KEYS = {
  required: 'required',
  notANumber: 'notNum',
  overflow: 'tooBig',
  tooLong: 'nameErr',
  tooShort: 'nameErr',
  invalidText: 'nameErr',
  bothGiven: 'both',
  oneRequired: 'lifeOrChurn',
};

/**
 * The reader's text for a problem with an input.
 * @param {Problem} problem
 * @param {Text} text
 */
export function problemText({ code, params = {} }, text) {
  if (code === 'outOfRange') return text(rangeKey(params));
  // A range's high below its low, or more new customers than customers at the end.
  if (code === 'exceedsField') return text(String(params.other).endsWith('/low') ? 'lowHigh' : 'newLeEnd');
  return text(KEYS[code] ?? 'invalid');
}

/**
 * Why a goal cannot be reached with a lever. "No effect" means another lever of the funnel is 0:
 * that one is named ("… while website visitors is 0").
 * @param {Problem} problem
 * @param {Text} text
 * @param {import('./view.js').CalculatorView} view
 * @param {string} lever
 */
export function noSolutionText({ code, params = {} }, text, view, lever) {
  if (code !== 'noSolution') return text('invalid');
  if (params.reason !== 'noEffect') return text(params.reason === 'outOfRange' ? 'errorAbove100' : 'noGoal');
  const model = view.shownModel;
  const zero = funnelLevers(model).find((other) => other !== lever && signOf(getAt(model, other)) === 0);
  const name = zero ? labelOf(view, zero) : '';
  return text('errorNoEffect') && view.t('errorNoEffect', { lever: name.charAt(0).toLocaleLowerCase(view.lang) + name.slice(1) });
}

/**
 * An engine error as a problem: its code, pointer and params.
 * @param {unknown} error
 * @returns {Problem}
 */
export function problemOf(error) {
  /** @type {any} */
  const thrown = error;
  const code = typeof thrown?.code === 'string' ? thrown.code : 'unknown';
  return { code, pointer: typeof thrown?.pointer === 'string' ? thrown.pointer : undefined, params: thrown?.params ?? {} };
}
