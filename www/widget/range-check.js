// Checking a typed number against its field's bounds in the engine's schema, so that a value
// the engine would refuse never reaches the model. Part of the editing module.
import { compare } from './decimal.js';
import { fieldRule } from './schema.js';

/**
 * The problem with a number for a field, by the schema's bounds, or null when it is in range.
 * @param {string} pointer
 * @param {string} value a plain decimal
 * @returns {{ code: 'outOfRange', pointer: string, params: Record<string, string> } | null}
 */
export function rangeProblem(pointer, value) {
  const rule = fieldRule(pointer);
  if (!rule) return null;
  const { minimum, maximum, exclusiveMinimum, exclusiveMaximum } = rule;
  const outside =
    (minimum !== undefined && compare(value, minimum) < 0) ||
    (exclusiveMinimum !== undefined && compare(value, exclusiveMinimum) <= 0) ||
    (maximum !== undefined && compare(value, maximum) > 0) ||
    (exclusiveMaximum !== undefined && compare(value, exclusiveMaximum) >= 0);
  if (!outside) return null;
  /** @type {Record<string, string>} */
  const params = { value };
  for (const [name, bound] of Object.entries({ minimum, maximum, exclusiveMinimum, exclusiveMaximum })) if (bound !== undefined) params[name] = bound;
  return { code: 'outOfRange', pointer, params };
}
