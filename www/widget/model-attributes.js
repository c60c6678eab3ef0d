// Reading the `model` and `what-if` attributes into a fresh state; loaded only when one is set.
import { normalize, shift } from './decimal.js';
import { modelAccepted, whatIfAccepted } from './model-check.js';

/** @typedef {import('./state.js').State} State */

/**
 * Canonical plain decimal of a number written with or without an exponent ("1.5e3": "1500").
 * @param {string} text
 */
function normalizeWithExponent(text) {
  const match = /^([+-]?[\d.]*)e([+-]?\d+)$/i.exec(String(text).trim());
  const plain = normalize(match ? (match[1] ?? '') : text);
  return match && plain !== null ? shift(plain, Number(match[2])) : plain;
}

/**
 * Every number in the model is turned into a canonical plain decimal string; names stay as they are.
 * @param {unknown} value
 * @returns {unknown}
 */
function normalizeModel(value) {
  if (Array.isArray(value)) return value.map(normalizeModel);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, key === 'name' ? item : normalizeModel(item)]));
  if (typeof value === 'number' && Number.isFinite(value)) return normalizeWithExponent(String(value)) ?? value;
  if (typeof value === 'string') return normalizeWithExponent(value) ?? value;
  return value;
}

/**
 * Reads the `model` attribute. Throws on anything that is not a JSON object with a funnel.
 * @param {string} text
 * @returns {import('./state.js').Model}
 */
function parseModel(text) {
  // The reviver's source text keeps big or long numbers written bare in JSON exact.
  /** @type {(key: string, value: unknown, context?: { source?: string }) => unknown} */
  const keepSource = (_key, value, context) => (typeof value === 'number' && context?.source ? context.source : value);
  const model = JSON.parse(text, /** @type {(key: string, value: unknown) => unknown} */ (keepSource));
  if (!model || typeof model !== 'object' || Array.isArray(model) || !model.funnel || !Array.isArray(model.funnel.stages)) throw new Error('model');
  return /** @type {any} */ (normalizeModel(model));
}

/**
 * Reads `what-if`: words such as "/funnel/dealSize:+10%" or "/funnel/stages/0/rate:+1pp". Values
 * are kept as the engine wants them: "+10%" is by "0.1", "+1pp" is add "0.01".
 * @param {string} value
 */
function parseWhatIf(value) {
  /** @type {Record<string, import('./state.js').WhatIfChange>} */
  const changes = {};
  /** @type {string[]} */
  const unreadable = [];
  for (const word of value.split(/[\s;,]+/).filter(Boolean)) {
    const match = /^(\/[A-Za-z]+(?:\/[A-Za-z0-9]+)*):([+-]?\d+(?:\.\d+)?)(%|pp)$/.exec(word);
    const amount = match && normalize(match[2] ?? '');
    if (match && match[1] && amount !== null) changes[match[1]] = { unit: match[3] === 'pp' ? 'add' : 'by', value: shift(amount, -2) };
    else unreadable.push(word);
  }
  return { changes, unreadable };
}

/**
 * Applies the `model` and `what-if` attributes to a fresh state where the engine's schema accepts
 * them (model-check.js);
 * `reportInvalid(name, value)` notes the rest.
 * @param {State} state
 * @param {string | null} model
 * @param {string | null} whatIf
 * @param {(name: string, value: string) => void} reportInvalid
 */
export function applyAttributes(state, model, whatIf, reportInvalid) {
  if (model !== null) {
    try {
      const given = parseModel(model);
      if (!modelAccepted(given)) throw new Error('model');
      state.model = given;
    } catch {
      reportInvalid('model', model);
    }
  }
  if (whatIf !== null) {
    const { changes, unreadable } = parseWhatIf(whatIf);
    state.whatif = {};
    for (const [lever, change] of Object.entries(changes)) {
      if (whatIfAccepted(state.model, lever, change)) state.whatif[lever] = change;
      else unreadable.push(lever);
    }
    if (unreadable.length) reportInvalid('what-if', unreadable.join(' '));
  }
}
