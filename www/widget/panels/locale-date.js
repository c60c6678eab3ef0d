// Reading a date as the reader writes it: an ISO date (2027-01-31) or the locale's own numeric
// short form (31-1-2027 in Dutch, 31.1.2027 in Danish, 1/31/2027 in American English), the form
// the date boxes show. Used for typed dates (the window's first and last day, "as of", the rows
// of results so far) and for dates pasted from a spreadsheet.

/** The locale's numeric short form, as Intl.DateTimeFormat options. */
export const NUMERIC_DATE = /** @type {const} */ ({ day: 'numeric', month: 'numeric', year: 'numeric' });

/**
 * The order of day, month and year in the locale's numeric dates, and its separator.
 * @param {string} locale
 */
export function datePattern(locale) {
  const parts = new Intl.DateTimeFormat(locale, { ...NUMERIC_DATE, timeZone: 'UTC' }).formatToParts(Date.UTC(2027, 0, 31));
  const order = parts.filter((part) => part.type === 'day' || part.type === 'month' || part.type === 'year').map((part) => part.type);
  const separator = parts.find((part) => part.type === 'literal')?.value.trim() || '-';
  return { order, separator };
}

/** @param {number} year @param {number} month 1-12 @param {number} day */
const isoOf = (year, month, day) => {
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
};

/**
 * Reads a date in the reader's locale: an ISO date, or the locale's numeric form. A pasted date
 * with slashes whose day and month could be swapped (01/02/2027) is refused: British and American
 * spreadsheets write it in opposite orders. Typed into a box that shows the reader's own form
 * (`typed`), it is read in that form.
 * @param {string} text
 * @param {string} locale
 * @param {{ typed?: boolean }} [how]
 * @returns {{ value: string } | { refused: 'date' | 'ambiguousDate' }}
 */
export function readDate(text, locale, { typed = false } = {}) {
  const trimmed = text.trim();
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(trimmed);
  if (iso) {
    const value = isoOf(Number(iso[1]), Number(iso[2]), Number(iso[3]));
    return value ? { value } : { refused: 'date' };
  }
  const match = /^(\d{1,4})([./-])(\d{1,2})\2(\d{1,4})$/.exec(trimmed);
  if (!match) return { refused: 'date' };
  const [, first = '', mark, second = '', third = ''] = match;
  const { order } = datePattern(locale);
  // A four-digit start is a year, followed by month and day (2027/1/31 in Japanese).
  if (first.length === 4) {
    const value = order[0] === 'year' && third.length <= 2 ? isoOf(Number(first), Number(second), Number(third)) : null;
    return value ? { value } : { refused: 'date' };
  }
  // The locale's order of day and month; the year is the four-digit end.
  const dayFirst = order.indexOf('day') < order.indexOf('month');
  if (third.length !== 4) return { refused: 'date' };
  const [day, month] = dayFirst ? [Number(first), Number(second)] : [Number(second), Number(first)];
  if (!typed && mark === '/' && day <= 12 && month <= 12 && day !== month) return { refused: 'ambiguousDate' };
  const value = isoOf(Number(third), month, day);
  return value ? { value } : { refused: 'date' };
}
