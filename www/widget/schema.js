// What the engine accepts, for each input field: its kind (money, count, rate, days, years,
// text), whether it is required, and its limits. The engine's field table is the one source;
// this module only looks things up in it.
// INTERIM: until the generated www/pkg/sales_kpi_schema.js (branch engine-schema) is merged, the
// same data in the shape of INTERFACE.md is written here; the merge replaces it with an import.

/**
 * @typedef {'money' | 'count' | 'rate' | 'days' | 'years' | 'text' | 'date'} FieldKind
 * @typedef {{ pointer: string, kind: FieldKind, required: boolean, minimum?: string, maximum?: string,
 *   exclusiveMinimum?: string, exclusiveMaximum?: string, minLength?: number, maxLength?: number }} FieldRule
 */

const schema = {
  /** @type {FieldRule[]} */
  fields: [
    { pointer: '/funnel/top', kind: 'count', required: true, minimum: '0' },
    { pointer: '/funnel/stages/*/name', kind: 'text', required: true, minLength: 1, maxLength: 40 },
    { pointer: '/funnel/stages/*/rate', kind: 'rate', required: true, minimum: '0', maximum: '1' },
    { pointer: '/funnel/dealSize', kind: 'money', required: true, minimum: '0' },
    { pointer: '/target', kind: 'money', required: false, exclusiveMinimum: '0' },
    { pointer: '/cycleDays', kind: 'days', required: false, exclusiveMinimum: '0' },
    { pointer: '/acquisitionCost', kind: 'money', required: false, minimum: '0' },
    { pointer: '/customer/purchaseValue', kind: 'money', required: false, exclusiveMinimum: '0' },
    { pointer: '/customer/purchasesPerYear', kind: 'count', required: false, exclusiveMinimum: '0' },
    { pointer: '/customer/lifespanYears', kind: 'years', required: false, exclusiveMinimum: '0' },
    { pointer: '/customer/annualChurn', kind: 'rate', required: false, exclusiveMinimum: '0', maximum: '1' },
    { pointer: '/customer/grossMargin', kind: 'rate', required: false, minimum: '0', maximum: '1' },
    { pointer: '/retention/start', kind: 'count', required: true, exclusiveMinimum: '0' },
    { pointer: '/retention/end', kind: 'count', required: true, minimum: '0' },
    { pointer: '/retention/new', kind: 'count', required: true, minimum: '0' },
    { pointer: '/growth/previous', kind: 'money', required: true, exclusiveMinimum: '0' },
    { pointer: '/growth/current', kind: 'money', required: true, minimum: '0' },
  ],
  /** @type {Record<string, { minItems: number, maxItems: number }>} */
  lists: { '/funnel/stages': { minItems: 1, maxItems: 12 } },
  limits: { maxInputBytes: 16384, maxDepth: 16, maxNumberChars: 64, maxRanges: 32, maxSamples: 1000000 },
};

/** A concrete pointer's pattern: array indices become `*` (/funnel/stages/3/rate: /funnel/stages/*\/rate). */
const patternOf = (/** @type {string} */ pointer) => pointer.replace(/\/\d+(?=\/|$)/g, '/*');

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

