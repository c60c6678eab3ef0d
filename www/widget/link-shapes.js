// The shape of each section's state in a share link (sections.js's `link`), checked before the
// link is read: a check per section token, null when anything is off. Only shapes and sizes are
// checked here, with the engine's own limits (its schema's `limits` and `lists`, which the first
// view's bundle keeps); the engine checks the values when the section runs them, and names what it
// refuses at its field. Loaded with url-state.js.
import schema from '../pkg/sales_kpi_schema.js';
import { MAX_NUMBER_CHARS, MAX_STAGES } from './schema.js';

/** @typedef {(value: unknown) => unknown} ShapeCheck */

/** A decimal or date as typed: text no longer than the engine reads. */
const text = (/** @type {unknown} */ item) => typeof item === 'string' && item.length <= MAX_NUMBER_CHARS;
/** @param {unknown} value @returns {value is Record<string, any>} */
const isObject = (value) => !!value && typeof value === 'object' && !Array.isArray(value);
/** A list of at most `most` items, each passing `check`. */
const listOf = (/** @type {unknown} */ value, /** @type {number} */ most, /** @type {(item: any) => boolean} */ check) =>
  Array.isArray(value) && value.length <= most && value.every(check);

const PLAN_NAMES = ['start', 'end', 'reps', 'capacity', 'workdays', 'holidays', 'target', 'growth'];

/**
 * The Plan panel's options (the engine's plan options as the reader set them).
 * @param {unknown} value
 * @returns {import('./panels/plan-options.js').PlanOptions | null}
 */
export function checkedPlan(value) {
  if (!isObject(value)) return null;
  const options = value;
  if (Object.keys(options).some((key) => !PLAN_NAMES.includes(key)) || !text(options.start) || !text(options.end)) return null;
  if (['reps', 'capacity', 'target'].some((key) => key in options && !text(options[key]))) return null;
  if ('workdays' in options && !listOf(options.workdays, 7, Number.isInteger)) return null;
  if ('holidays' in options && !listOf(options.holidays, schema.limits.maxHolidays, text)) return null;
  if ('growth' in options && !(isObject(options.growth) && text(options.growth.baseline) && text(options.growth.by) && Object.keys(options.growth).length === 2)) return null;
  return /** @type {import('./panels/plan-options.js').PlanOptions} */ (options);
}

/**
 * The Progress panel's as-of date, rows (the engine's `actuals` as typed) and open opportunities.
 * @param {unknown} value
 * @returns {import('./panels/progress.js').ProgressState | null}
 */
export function checkedProgress(value) {
  if (!isObject(value)) return null;
  const progress = value;
  if (Object.keys(progress).some((key) => !['asOf', 'rows', 'open'].includes(key))) return null;
  if ('asOf' in progress && !text(progress.asOf)) return null;
  // One count of open opportunities per stage after the first; a row counts each stage.
  if (!listOf(progress.open, MAX_STAGES - 1, text)) return null;
  const row = (/** @type {unknown} */ item) =>
    isObject(item) && Object.keys(item).every((key) => ['date', 'revenue', 'top', 'stages', 'deals'].includes(key)) &&
    ['date', 'revenue', 'top', 'deals'].every((key) => text(item[key])) && listOf(item.stages, MAX_STAGES, text);
  if (!listOf(progress.rows, schema.limits.maxActuals, row) || !progress.rows.length) return null;
  return /** @type {import('./panels/progress.js').ProgressState} */ (progress);
}

/** @type {Record<string, ShapeCheck>} The check of each section's link state, by its token. */
export const LINK_SHAPES = { plan: checkedPlan, progress: checkedProgress };
