// The Plan panel's options: the engine's `plan` options as the reader set them (kept in the
// state, so links carry them), the quick periods, and ISO dates. Dates are computed in UTC so a
// time zone never moves a day.

/**
 * The engine's plan options (contract.md, plan): decimal strings, ISO dates, ISO weekdays.
 * @typedef {{ start: string, end: string, reps?: string, capacity?: string, workdays?: number[],
 *   holidays?: string[], target?: string, growth?: { baseline: string, by: string } }} PlanOptions
 */

export const QUICK_PERIODS = /** @type {const} */ (['thisMonth', 'thisQuarter', 'next3', 'thisYear']);
/** @typedef {typeof QUICK_PERIODS[number]} QuickPeriod */

/** @param {number} year @param {number} month 0-based, may run past 11 @param {number} day */
const isoDate = (year, month, day) => new Date(Date.UTC(year, month, day)).toISOString().slice(0, 10);

/**
 * The first and last day of a quick period around `today`.
 * @param {QuickPeriod} period
 * @param {Date} [today]
 */
export function quickPeriod(period, today = new Date()) {
  const year = today.getFullYear();
  const month = today.getMonth();
  const [first, months] =
    period === 'thisMonth' ? [month, 1] : period === 'thisQuarter' ? [month - (month % 3), 3] : period === 'next3' ? [month + 1, 3] : [0, 12];
  return { start: isoDate(year, first, 1), end: isoDate(year, first + months, 0) };
}

/** The options of a new plan: the next three months, one salesperson, Monday to Friday. @returns {PlanOptions} */
export const defaultPlan = () => ({ ...quickPeriod('next3'), reps: '1', workdays: [1, 2, 3, 4, 5] });

/**
 * The quick period that the dates are, if any.
 * @param {PlanOptions} options
 * @returns {QuickPeriod | ''}
 */
export const quickPeriodOf = (options) => QUICK_PERIODS.find((period) => {
  const { start, end } = quickPeriod(period);
  return start === options.start && end === options.end;
}) ?? '';

/**
 * The holidays typed in a text box: dates separated by spaces, commas, semicolons or lines.
 * Whatever is not a date stays as typed, so the engine names it (invalidDate).
 * @param {string} text
 */
export const readHolidays = (text) => text.split(/[\s,;]+/).filter(Boolean);

/**
 * A Date for an ISO date, at midnight UTC (for Intl.DateTimeFormat with timeZone UTC).
 * @param {string} iso
 */
export const utcDate = (iso) => new Date(`${iso}T00:00:00Z`);

/**
 * Shape check for options read from a link: null when anything is off (the engine checks values).
 * @param {unknown} value
 * @returns {PlanOptions | null}
 */
export function checkedPlan(value) {
  const text = (/** @type {unknown} */ item) => typeof item === 'string' && item.length <= 64;
  if (!value || typeof value !== 'object' || Array.isArray(value)) return null;
  /** @type {Record<string, any>} */
  const options = value;
  const known = ['start', 'end', 'reps', 'capacity', 'workdays', 'holidays', 'target', 'growth'];
  if (Object.keys(options).some((key) => !known.includes(key)) || !text(options.start) || !text(options.end)) return null;
  if (['reps', 'capacity', 'target'].some((key) => key in options && !text(options[key]))) return null;
  if ('workdays' in options && !(Array.isArray(options.workdays) && options.workdays.length <= 7 && options.workdays.every(Number.isInteger))) return null;
  if ('holidays' in options && !(Array.isArray(options.holidays) && options.holidays.length <= 400 && options.holidays.every(text))) return null;
  if ('growth' in options && !(options.growth && text(options.growth.baseline) && text(options.growth.by) && Object.keys(options.growth).length === 2)) return null;
  return /** @type {PlanOptions} */ (options);
}

/**
 * Shape check for the Progress panel's inputs read from a link: null when anything is off (the
 * engine checks the values).
 * @param {unknown} value
 * @returns {import('./progress.js').ProgressState | null}
 */
export function checkedProgress(value) {
  const text = (/** @type {unknown} */ item) => typeof item === 'string' && item.length <= 64;
  if (!value || typeof value !== 'object' || Array.isArray(value)) return null;
  /** @type {Record<string, any>} */
  const progress = value;
  if (Object.keys(progress).some((key) => !['asOf', 'rows', 'open'].includes(key))) return null;
  if ('asOf' in progress && !text(progress.asOf)) return null;
  if (!Array.isArray(progress.open) || progress.open.length > 11 || !progress.open.every(text)) return null;
  const row = (/** @type {any} */ item) =>
    item && typeof item === 'object' && Object.keys(item).every((key) => ['date', 'revenue', 'top', 'stages', 'deals'].includes(key)) &&
    ['date', 'revenue', 'top', 'deals'].every((key) => text(item[key])) && Array.isArray(item.stages) && item.stages.length <= 11 && item.stages.every(text);
  if (!Array.isArray(progress.rows) || progress.rows.length < 1 || progress.rows.length > 1100 || !progress.rows.every(row)) return null;
  return /** @type {import('./progress.js').ProgressState} */ (progress);
}
