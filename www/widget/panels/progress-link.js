// The Progress panel's state in a share link (its `pg`, sections.js): its shape, before the link
// is read (url-state.js).
import schema from '../../pkg/sales_kpi_schema.js';
import { isObject, listOf, text } from '../link-shapes.js';
import { MAX_STAGES } from '../schema.js';

/**
 * The Progress panel's as-of date, rows (the engine's `actuals` as typed) and open opportunities.
 * @param {unknown} value
 * @returns {import('./progress.js').ProgressState | null}
 */
export function linkState(value) {
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
  return /** @type {import('./progress.js').ProgressState} */ (progress);
}

