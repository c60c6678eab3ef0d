// What the engine accepts, for each input field: its kind (money, count, rate, days, years,
// text), whether it is required, and its limits. The engine's schema table (src/schema.rs),
// generated into www/pkg/sales_kpi_schema.js by the build, is the one source; this module only
// looks things up in it.
import schema from '../pkg/sales_kpi_schema.js';

/**
 * @typedef {import('../pkg/sales_kpi_schema.js').SchemaField} FieldRule
 * @typedef {FieldRule['kind']} FieldKind
 */

/** A concrete pointer's pattern: array indices become `*` (/funnel/stages/3/rate: /funnel/stages/*\/rate). */
export const patternOf = (/** @type {string} */ pointer) => pointer.replace(/\/\d+(?=\/|$)/g, '/*');

const rules = new Map(schema.fields.map((rule) => [rule.pointer, rule]));

/**
 * The engine's rule for an input field, or undefined for a pointer that is not one.
 * @param {string} pointer
 * @returns {FieldRule | undefined}
 */
export const fieldRule = (pointer) => rules.get(patternOf(pointer));

/**
 * The kind of an input field.
 * @param {string} pointer
 * @returns {FieldKind | undefined}
 */
export const fieldKind = (pointer) => fieldRule(pointer)?.kind;

/** The most stages a funnel may have. */
export const MAX_STAGES = schema.lists['/funnel/stages']?.maxItems ?? 1;

/** The longest number text the engine reads. */
export const MAX_NUMBER_CHARS = schema.limits.maxNumberChars;

/** The longest stage name, in characters (Unicode code points, as the engine counts). */
export const MAX_NAME_LENGTH = fieldRule('/funnel/stages/0/name')?.maxLength ?? 0;

/**
 * Length of a text as the engine counts it: in Unicode code points, not UTF-16 units.
 * @param {string} text
 */
export const textLength = (text) => [...text].length;


/**
 * The fields that may not be given together with this one (lifespan and yearly churn say the
 * same thing): the schema's oneOf groups.
 * @param {string} pointer
 * @returns {string[]}
 */
export function exclusiveWith(pointer) {
  return schema.oneOf.flatMap((group) => {
    const pointers = group.fields.map((name) => `${group.pointer}/${name}`);
    return pointers.includes(pointer) ? pointers.filter((other) => other !== pointer) : [];
  });
}
