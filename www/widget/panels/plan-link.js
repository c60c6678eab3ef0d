// The Plan panel's options in a share link (its `pl`, sections.js): their shape, before the link
// is read (url-state.js).
import schema from '../../pkg/sales_kpi_schema.js';
import { isObject, listOf, text } from '../link-shapes.js';

const PLAN_NAMES = ['start', 'end', 'reps', 'capacity', 'workdays', 'holidays', 'target', 'growth'];

/**
 * The Plan panel's options (the engine's plan options as the reader set them).
 * @param {unknown} value
 * @returns {import('./plan-options.js').PlanOptions | null}
 */
export function linkState(value) {
  if (!isObject(value)) return null;
  const options = value;
  if (Object.keys(options).some((key) => !PLAN_NAMES.includes(key)) || !text(options.start) || !text(options.end)) return null;
  if (['reps', 'capacity', 'target'].some((key) => key in options && !text(options[key]))) return null;
  if ('workdays' in options && !listOf(options.workdays, 7, Number.isInteger)) return null;
  if ('holidays' in options && !listOf(options.holidays, schema.limits.maxHolidays, text)) return null;
  if ('growth' in options && !(isObject(options.growth) && text(options.growth.baseline) && text(options.growth.by) && Object.keys(options.growth).length === 2)) return null;
  return /** @type {import('./plan-options.js').PlanOptions} */ (options);
}

