// Whether the engine would take a model and a what-if change, read from the engine's schema
// (schema.js) rather than asked of the engine: a link or an attribute is read before the engine
// has loaded, and asking `evaluate` would only say yes or no. Loaded with url-state.js and
// model-attributes.js. What the schema cannot say (a result too big for the engine) the engine
// says when the results are computed, at the field it is about.
import schema from '../pkg/sales_kpi_schema.js';
import { add, compare, isPlainDecimal, multiply } from './decimal.js';
import { rangeProblem } from './range-check.js';
import { fieldRule, MAX_NUMBER_CHARS, patternOf, textLength } from './schema.js';
import { getAt } from './state.js';

/** The parent of a pointer (/funnel/stages/*: /funnel/stages). */
const parentOf = (/** @type {string} */ pointer) => pointer.slice(0, pointer.lastIndexOf('/'));
/** The last key of a pointer (/funnel/top: top). */
const nameOf = (/** @type {string} */ pointer) => pointer.slice(pointer.lastIndexOf('/') + 1);

/** The patterns of the objects and lists that hold the fields: /funnel, /funnel/stages, /funnel/stages/*, /customer, … */
const CONTAINERS = new Set(
  schema.fields.flatMap((rule) => rule.pointer.split('/').slice(1, -1).map((_, i, keys) => `/${keys.slice(0, i + 1).join('/')}`)),
);

/**
 * Every value in a model, by its pointer ('' for the model itself).
 * @param {unknown} value
 * @param {string} pointer
 * @param {Map<string, unknown>} nodes
 */
function collect(value, pointer = '', nodes = new Map()) {
  nodes.set(pointer, value);
  if (value && typeof value === 'object') for (const [key, item] of Object.entries(value)) collect(item, `${pointer}/${key}`, nodes);
  return nodes;
}

/**
 * Whether a number or a name is one the engine takes at this pointer.
 * @param {string} pointer
 * @param {unknown} value
 */
function valueAccepted(pointer, value) {
  const rule = fieldRule(pointer);
  if (!rule) return false;
  if (rule.kind === 'text') return typeof value === 'string' && textLength(value) >= (rule.minLength ?? 0) && textLength(value) <= (rule.maxLength ?? Infinity);
  return isPlainDecimal(value) && value.length <= MAX_NUMBER_CHARS && !rangeProblem(pointer, value) && !(rule.whole && /\.\d*[1-9]/.test(value));
}

/**
 * Whether the engine takes this model: known fields of the right kind within their limits, the
 * required ones given, lists of an allowed length, one of each oneOf group, and no field above
 * the one it may not exceed.
 * @param {unknown} model
 */
export function modelAccepted(model) {
  if (JSON.stringify(model ?? null).length > schema.limits.maxInputBytes) return false;
  const nodes = collect(model);
  for (const [pointer, value] of nodes) {
    const pattern = patternOf(pointer);
    const isList = pattern in schema.lists;
    if (!value || typeof value !== 'object') {
      if (!valueAccepted(pointer, value)) return false;
      continue;
    }
    if ((pointer && !CONTAINERS.has(pattern)) || Array.isArray(value) !== isList) return false;
    if (isList) continue;
    // Each field the schema requires of this object is given; each list it holds has its length.
    for (const rule of schema.fields) if (rule.required && parentOf(rule.pointer) === pattern && !nodes.has(`${pointer}/${nameOf(rule.pointer)}`)) return false;
    for (const [list, { minItems, maxItems }] of Object.entries(schema.lists)) {
      if (parentOf(list) !== pattern) continue;
      const items = nodes.get(`${pointer}/${nameOf(list)}`);
      if (!Array.isArray(items) || items.length < minItems || items.length > maxItems) return false;
    }
  }
  if (!nodes.has('/funnel')) return false;
  for (const group of schema.oneOf) {
    if (nodes.has(group.pointer) && group.fields.filter((name) => nodes.has(`${group.pointer}/${name}`)).length !== 1) return false;
  }
  return schema.notAbove.every(({ pointer, other }) => !nodes.has(pointer) || !nodes.has(other) || compare(String(nodes.get(pointer)), String(nodes.get(other))) <= 0);
}

/**
 * Whether the engine takes a what-if change of an accepted model: the lever is a number in the
 * model, and the changed number is still one its field takes.
 * @param {import('./state.js').Model} model
 * @param {string} lever
 * @param {import('./state.js').WhatIfChange} change
 */
export function whatIfAccepted(model, lever, change) {
  const value = getAt(model, lever);
  if (!isPlainDecimal(value) || !isPlainDecimal(change.value) || !['by', 'add'].includes(change.unit)) return false;
  return valueAccepted(lever, change.unit === 'add' ? add(value, change.value) : add(value, multiply(value, change.value)));
}
