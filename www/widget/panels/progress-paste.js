// Reading a block pasted from a spreadsheet (Excel, LibreOffice, Google Sheets: tab-separated
// lines) into the Progress panel's rows. The same rule as for a typed number: what can mean two
// things is refused, never guessed, and one cell that cannot be read refuses the whole block, so
// nothing is half-imported. Dates are ISO (2027-01-31) or the locale's own numeric short form
// (31-1-2027 in Dutch, 31.1.2027 in Danish, 1/31/2027 in American English).
import { readNumber } from '../number-input.js';

/**
 * @typedef {{ date: string, revenue: string, top: string, stages: string[], deals: string }} ProgressRow
 *   one period's results as the reader typed them (decimals; "" when not given); `stages` are the
 *   counts of the stages before the last, whose count is `deals`
 * @typedef {'date' | 'money' | 'count'} ColumnKind
 * @typedef {{ row: number, column: number, text: string, why: 'date' | 'ambiguousDate' | 'number' | 'ambiguous' | 'columns' }} PasteProblem
 *   row and column count from 1, as a spreadsheet does (the header line included)
 */

/**
 * The columns of the results table in order: date, revenue, the top of the funnel, each stage
 * before the last, and the deals (the last stage).
 * @param {number} stageCount the funnel's stages
 * @returns {ColumnKind[]}
 */
export const columnKinds = (stageCount) => ['date', 'money', 'count', ...Array.from({ length: Math.max(stageCount - 1, 0) }, () => /** @type {const} */ ('count')), 'count'];

/**
 * The order of day, month and year in the locale's numeric dates, and its separator.
 * @param {string} locale
 */
export function datePattern(locale) {
  const parts = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'numeric', year: 'numeric', timeZone: 'UTC' }).formatToParts(Date.UTC(2027, 0, 31));
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
 * Reads a date typed or pasted in the reader's locale: an ISO date, or the locale's numeric form.
 * A date with slashes whose day and month could be swapped (01/02/2027) is refused: British and
 * American spreadsheets write it in opposite orders.
 * @param {string} text
 * @param {string} locale
 * @returns {{ value: string } | { refused: 'date' | 'ambiguousDate' }}
 */
export function readDate(text, locale) {
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
  // The locale's order of day and month; the year is the four-digit end (or start).
  const dayFirst = order.indexOf('day') < order.indexOf('month');
  if (third.length !== 4) return { refused: 'date' };
  const [day, month] = dayFirst ? [Number(first), Number(second)] : [Number(second), Number(first)];
  if (mark === '/' && day <= 12 && month <= 12 && day !== month) return { refused: 'ambiguousDate' };
  const value = isoOf(Number(third), month, day);
  return value ? { value } : { refused: 'date' };
}

/**
 * Reads a pasted block into rows, or names the first cell that cannot be read.
 * A first line with no number and no date in it is a header and is skipped.
 * @param {string} text tab-separated lines
 * @param {{ locale: string, currency: string, stageCount: number }} context
 * @returns {{ rows: ProgressRow[] } | { problem: PasteProblem }}
 */
export function readPastedRows(text, { locale, currency, stageCount }) {
  const kinds = columnKinds(stageCount);
  const lines = text.replace(/\r\n?/g, '\n').split('\n').map((line) => line.split('\t'));
  while (lines.length && lines[lines.length - 1].every((cell) => !cell.trim())) lines.pop();
  const readable = (/** @type {string} */ cell) => 'value' in readDate(cell, locale) || 'value' in readNumber(cell, { locale, currency, field: 'money' });
  const header = lines.length > 0 && !lines[0].some((cell) => cell.trim() && readable(cell));
  /** @type {ProgressRow[]} */
  const rows = [];
  for (let index = header ? 1 : 0; index < lines.length; index++) {
    const cells = lines[index];
    const at = (/** @type {number} */ column, /** @type {PasteProblem['why']} */ why) => ({ problem: { row: index + 1, column: column + 1, text: cells[column] ?? '', why } });
    if (cells.length > kinds.length) return at(kinds.length, 'columns');
    /** @type {string[]} */
    const values = [];
    for (let column = 0; column < cells.length; column++) {
      const cell = cells[column].trim();
      const kind = kinds[column];
      if (kind === 'date') {
        const reading = readDate(cell, locale);
        if ('refused' in reading) return at(column, reading.refused);
        values.push(reading.value);
        continue;
      }
      const reading = readNumber(cell, { locale, currency, field: kind === 'money' ? 'money' : 'number' });
      if ('refused' in reading) return at(column, reading.refused === 'ambiguous' ? 'ambiguous' : 'number');
      values.push(reading.value);
    }
    const [date = '', revenue = '', top = '', ...counts] = values;
    const deals = counts.length === kinds.length - 3 ? counts.pop() ?? '' : '';
    rows.push({ date, revenue, top, stages: Array.from({ length: Math.max(stageCount - 1, 0) }, (_, i) => counts[i] ?? ''), deals });
  }
  return { rows };
}
