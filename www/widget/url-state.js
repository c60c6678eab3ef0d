// The state in a link: "#skc=" + base64url(JSON). Base64 keeps the fragment free of characters
// that hosts or chat apps rewrite, and JSON of decimal strings round-trips byte for byte. Loaded
// when a page has a fragment, the url-state attribute, or the reader copies a link.
import { isPlainDecimal } from './decimal.js';
import { modelAccepted, whatIfAccepted } from './model-check.js';
import { SECTION_TABLE } from './sections.js';
import { getAt, PRESETS } from './state.js';

/** The sections whose state rides along in a link, each under its own key (sections.js's `link`). */
const LINKED = SECTION_TABLE.flatMap(({ token, link, linkShape }) => (link && linkShape ? [{ token, link, linkShape }] : []));

/** @typedef {import('./state.js').State} State */

/**
 * The state value in a location hash: "#skc=…" or among "&"-separated pairs.
 * @param {string} hash
 */
export const hashValue = (hash) => /(?:^#?\??|[&#?])skc=([^&#?]*)/.exec(hash)?.[1] ?? null;

/** @param {string} text */
const toBase64Url = (text) =>
  btoa(String.fromCharCode(...new TextEncoder().encode(text)))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
/** @param {string} text */
const fromBase64Url = (text) =>
  new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(atob(text.replace(/-/g, '+').replace(/_/g, '/')), (char) => char.charCodeAt(0)));

/** @param {unknown} value @returns {value is string} */
export const isLeverPointer = (value) => typeof value === 'string' && /^\/[A-Za-z]+(\/[A-Za-z0-9]+)*$/.test(value);
/** @param {unknown} value @returns {value is Record<string, any>} */
const isObject = (value) => !!value && typeof value === 'object' && !Array.isArray(value);

/**
 * Decodes and shape-checks a fragment value: null when anything is off.
 * @param {string} text
 * @returns {Promise<State | null>}
 */
async function decodeState(text) {
  /** @type {any} */
  let data;
  try {
    data = JSON.parse(fromBase64Url(text));
  } catch {
    return null;
  }
  if (!isObject(data) || data.v !== 1 || !PRESETS.includes(data.p) || !isObject(data.m) || !isObject(data.w) || !isObject(data.r)) return null;
  if (typeof data.c !== 'string' || !/^[A-Z]{3}$/.test(data.c)) return null;
  for (const [lever, change] of Object.entries(data.w)) {
    if (!isLeverPointer(lever) || !isObject(change) || !['by', 'add'].includes(change.unit) || !isPlainDecimal(change.value)) return null;
  }
  for (const [lever, range] of Object.entries(data.r)) {
    if (!isLeverPointer(lever) || !isObject(range) || !isPlainDecimal(range.low) || !isPlainDecimal(range.high)) return null;
  }
  /** @type {Record<string, unknown>} */
  const state = { preset: data.p, currency: data.c, model: data.m, whatif: data.w, ranges: data.r };
  // A section's own state (the Plan panel's options as `pl`, …) is checked for shape here, by its
  // own check (sections.js's `linkShape`), and by the engine when the section runs it.
  for (const { token, link, linkShape } of LINKED) {
    if (!(link in data)) continue;
    const checked = (await linkShape()).linkState(data[link]);
    if (!checked) return null;
    state[token] = checked;
  }
  return /** @type {State} */ (/** @type {unknown} */ (state));
}

/** @param {State} state */
export const encodeState = (state) => {
  const sections = /** @type {Record<string, unknown>} */ (/** @type {unknown} */ (state));
  return toBase64Url(JSON.stringify({ v: 1, p: state.preset, c: state.currency, m: state.model, w: state.whatif, r: state.ranges, ...Object.fromEntries(LINKED.map(({ token, link }) => [link, sections[token]])) }));
};

/**
 * Puts the state into the page's URL fragment; returns the value written.
 * @param {State} state
 */
export function writeUrl(state) {
  const value = encodeState(state);
  history.replaceState(history.state, '', `#skc=${value}`);
  return value;
}

/**
 * The state in a fragment value, checked by the engine's schema (model-check.js); null if it is
 * not valid.
 * @param {string} text
 * @returns {Promise<State | null>}
 */
export async function readState(text) {
  const state = await decodeState(text);
  if (!state || !modelAccepted(state.model)) return null;
  if (!Object.entries(state.whatif).every(([lever, change]) => whatIfAccepted(state.model, lever, change))) return null;
  return Object.keys(state.ranges).every((lever) => isPlainDecimal(getAt(state.model, lever))) ? state : null;
}

/**
 * A link to this page with the state in its fragment.
 * @param {State} state
 */
export const shareLink = (state) => `${location.href.split('#')[0]}#skc=${encodeState(state)}`;
