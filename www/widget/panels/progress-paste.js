// Reading a block pasted from a spreadsheet (Excel, LibreOffice, Google Sheets: tab-separated
// lines) into the Progress panel's rows. The same rule as for a typed number: what can mean two
// things is refused, never guessed, and one cell that cannot be read refuses the whole block, so
// nothing is half-imported. Dates are read by locale-date.js.
import { readNumber } from '../number-input.js';
import { readDate } from './locale-date.js';

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
