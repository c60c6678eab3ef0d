// Checking a field's new value against the engine's schema (its bounds, and whether it may be
// empty), so that a value the engine would refuse never reaches the model and every field shows
// its own problem at once. Part of the editing module.
import { compare } from './decimal.js';
import { OPTIONAL_SECTIONS } from './model-edits.js';
import { fieldRule } from './schema.js';
import { setAt } from './state.js';

/**
 * @typedef {import('./form.js').Field} Field
 * @typedef {{ code: string, pointer: string, params: Record<string, string> }} FieldProblem
 */

/**
 * The other fields of an optional section (customer, retention, growth) when every one of them
 * is empty too: the reader is removing the section. Null otherwise.
 * @param {Field[]} fields
 * @param {Field} bound
 */
function emptiedSection(fields, bound) {
  const section = bound.pointer.split('/')[1] ?? '';
  if (!OPTIONAL_SECTIONS.includes(section)) return null;
  const others = fields.filter((other) => other !== bound && other.role === 'data-field' && other.pointer.startsWith(`/${section}/`));
  return others.every((other) => !other.input.value.trim()) ? others : null;
}

/**
 * The problem with a model field's new value (undefined when emptied), or null when the model
 * may take it. Emptying the last field of an optional section removes the whole section.
 * @param {{ fields: Field[], model: object }} view
 * @param {Field} bound
 * @param {string | undefined} value
 * @returns {FieldProblem | null}
 */
export function fieldProblem({ fields, model }, bound, value) {
  if (value !== undefined) return bound.kind === 'text' ? null : rangeProblem(bound.pointer, value);
  const section = emptiedSection(fields, bound);
  if (section) {
    for (const other of section) {
      setAt(model, other.pointer, undefined);
      other.problem = '';
    }
    return null;
  }
  return fieldRule(bound.pointer)?.required ? { code: 'required', pointer: bound.pointer, params: {} } : null;
}

/**
 * The problem with a number for a field, by the schema's bounds, or null when it is in range.
 * @param {string} pointer
 * @param {string} value a plain decimal
 * @returns {FieldProblem | null}
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
