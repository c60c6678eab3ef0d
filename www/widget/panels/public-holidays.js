// National public holidays, computed from their rules (never a hand-kept list of dates), for the
// Plan and Progress panels' holiday box: Denmark, the Netherlands, Germany (nationwide days), the
// United Kingdom (England and Wales bank holidays) and the United States (federal holidays, on
// the day they are observed). Easter comes from the Gregorian computus. One-off days (a
// coronation, a jubilee) and regional days are not included; the reader can add them. A library
// such as date-holidays knows every country and region, at some 100 times the bytes; measured
// in docs/holidays.md.

/** @typedef {'DK' | 'NL' | 'DE' | 'GB' | 'US'} Country */
export const COUNTRIES = /** @type {const} */ (['DK', 'NL', 'DE', 'GB', 'US']);

const DAY = 86400000;

/**
 * Easter Sunday of a Gregorian year (the anonymous Gregorian algorithm, Meeus/Jones/Butcher).
 * @param {number} year
 * @returns {number} the day as a UTC time value
 */
export function easterSunday(year) {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return Date.UTC(year, month - 1, day);
}

/** @param {number} year @param {number} month 1-12 @param {number} day */
const on = (year, month, day) => Date.UTC(year, month - 1, day);
/** @param {number} time */
const weekday = (time) => new Date(time).getUTCDay();

/**
 * The n-th given weekday of a month (n = -1: the last).
 * @param {number} year
 * @param {number} month 1-12
 * @param {number} day 0 = Sunday … 6 = Saturday
 * @param {number} n
 */
function nthWeekday(year, month, day, n) {
  if (n > 0) {
    const first = on(year, month, 1);
    return first + (((day - weekday(first) + 7) % 7) + 7 * (n - 1)) * DAY;
  }
  const last = on(year, month + 1, 0);
  return last - ((weekday(last) - day + 7) % 7) * DAY;
}

/** A US federal holiday on a weekend is observed on the Friday before or the Monday after. @param {number} time */
const observedUS = (time) => (weekday(time) === 6 ? time - DAY : weekday(time) === 0 ? time + DAY : time);

/**
 * The holidays of one country in one year, as UTC time values.
 * @param {Country} country
 * @param {number} year
 * @returns {number[]}
 */
function holidaysOfYear(country, year) {
  const easter = easterSunday(year);
  const fromEaster = (/** @type {number} */ days) => easter + days * DAY;
  switch (country) {
    case 'DK':
      // Store bededag (Easter + 26) was a holiday until 2023.
      return [on(year, 1, 1), fromEaster(-3), fromEaster(-2), easter, fromEaster(1), ...(year <= 2023 ? [fromEaster(26)] : []), fromEaster(39), fromEaster(49), fromEaster(50), on(year, 12, 25), on(year, 12, 26)];
    case 'NL': {
      // Koningsdag: 27 April, or the 26th when the 27th is a Sunday (30 April, Koninginnedag, until 2013).
      const kings = year >= 2014 ? on(year, 4, 27) : on(year, 4, 30);
      const kingsDay = weekday(kings) === 0 ? kings - DAY : kings;
      // Bevrijdingsdag is a national day off every fifth year.
      return [on(year, 1, 1), easter, fromEaster(1), kingsDay, ...(year % 5 === 0 ? [on(year, 5, 5)] : []), fromEaster(39), fromEaster(49), fromEaster(50), on(year, 12, 25), on(year, 12, 26)];
    }
    case 'DE':
      return [on(year, 1, 1), fromEaster(-2), fromEaster(1), on(year, 5, 1), fromEaster(39), fromEaster(50), on(year, 10, 3), on(year, 12, 25), on(year, 12, 26)];
    case 'GB': {
      // A bank holiday on a weekend moves to the next weekday not already taken.
      const newYear = on(year, 1, 1);
      const christmas = on(year, 12, 25);
      const boxing = on(year, 12, 26);
      const substitute = (/** @type {number} */ time, /** @type {number[]} */ taken) => {
        let day = time;
        while (weekday(day) === 0 || weekday(day) === 6 || taken.includes(day)) day += DAY;
        return day;
      };
      const christmasOff = substitute(christmas, []);
      return [substitute(newYear, []), fromEaster(-2), fromEaster(1), nthWeekday(year, 5, 1, 1), nthWeekday(year, 5, 1, -1), nthWeekday(year, 8, 1, -1), christmasOff, substitute(boxing, [christmasOff])];
    }
    case 'US':
      return [
        observedUS(on(year, 1, 1)),
        nthWeekday(year, 1, 1, 3),
        nthWeekday(year, 2, 1, 3),
        nthWeekday(year, 5, 1, -1),
        ...(year >= 2021 ? [observedUS(on(year, 6, 19))] : []),
        observedUS(on(year, 7, 4)),
        nthWeekday(year, 9, 1, 1),
        nthWeekday(year, 10, 1, 2),
        observedUS(on(year, 11, 11)),
        nthWeekday(year, 11, 4, 4),
        observedUS(on(year, 12, 25)),
        // New Year's Day on a Saturday is observed on 31 December of the year before.
        ...(weekday(on(year + 1, 1, 1)) === 6 ? [on(year, 12, 31)] : []),
      ];
  }
}

/**
 * The public holidays of a country from `start` to `end` (ISO dates, both included), sorted.
 * @param {Country} country
 * @param {string} start
 * @param {string} end
 * @returns {string[]}
 */
export function publicHolidays(country, start, end) {
  const first = Date.parse(`${start}T00:00:00Z`);
  const last = Date.parse(`${end}T00:00:00Z`);
  if (!(first <= last)) return [];
  const years = [];
  for (let year = new Date(first).getUTCFullYear(); year <= new Date(last).getUTCFullYear(); year++) years.push(...holidaysOfYear(country, year));
  return [...new Set(years.filter((time) => time >= first && time <= last))].sort((a, b) => a - b).map((time) => new Date(time).toISOString().slice(0, 10));
}

/**
 * The reader's country among those known, from their locale ("da-DK" → DK), else null.
 * @param {string} locale
 * @returns {Country | null}
 */
export function countryOf(locale) {
  let region = '';
  try {
    region = new Intl.Locale(locale).maximize().region ?? '';
  } catch {
    return null;
  }
  const country = region === 'UK' ? 'GB' : region;
  return /** @type {readonly string[]} */ (COUNTRIES).includes(country) ? /** @type {Country} */ (country) : null;
}
