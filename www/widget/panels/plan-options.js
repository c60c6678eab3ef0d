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
