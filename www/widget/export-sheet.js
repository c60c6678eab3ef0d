// The spreadsheet export: an .xlsx workbook with typed cells, which every spreadsheet reads the
// same whatever its locale. A CSV cannot promise that: "0.032" is read as 32 by a spreadsheet set
// to Dutch or Danish, where the dot groups thousands. Here a number is a number cell, a rate is
// the fraction with a percent format, money has a currency format, and the reader's spreadsheet
// shows each with its own separators. Headers, units and the note are in the reader's language.
//
// Loaded only on a click (dynamic import), with the .xlsx writer it imports (write-excel-file,
// bundled into www/vendor/ by scripts/vendor.mjs). Like the widget's other lazily loaded parts it
// imports nothing from the widget, so the bundler keeps this code out of the first view.
//
//   const { downloadWorkbook } = await import('./export-sheet.js');
//   await downloadWorkbook({ locale: 'nl-NL', currency: 'EUR', language: 'nl', title: 'Sales-KPI-calculator',
//     rows: [{ section: 'Resultaten', label: 'Omzet', unit: 'money', value: '750000', whatIf: '825000' }] });
import writeXlsxFile from '../vendor/write-excel-file.js';
import { sheetText } from './export-sheet-text.js';

/**
 * How a row's value is read and shown. The widget's kinds (render.js `kindOf`), plus `pp`
 * (percentage points) and `text`:
 * - money, perDay: an amount in the currency (perDay: per day of the sales cycle)
 * - pct: a fraction shown as a percentage ("0.032" is 3.2 %)
 * - pp: a difference of rates as a fraction ("0.01" is one percentage point); the cell holds points
 * - count, day, month, year: plain numbers in that unit
 * - ratio: x in "x : 1"
 * - text: not a number (a stage's name); written as a text cell, never as a formula
 * @typedef {'money' | 'perDay' | 'pct' | 'pp' | 'count' | 'day' | 'month' | 'year' | 'ratio' | 'text'} SheetUnit
 */

/**
 * One line of the sheet. `value` and `whatIf` are the engine's exact decimal strings ("0.025",
 * "16666.666666666666666666666667"), or any text for the unit `text`. `whatIf` is left out, null
 * or "" where the scenario has no value.
 * @typedef {object} SheetRow
 * @property {string} section  the part of the calculator ("Resultaten")
 * @property {string} label    what the row is, in the reader's words ("Omzet")
 * @property {SheetUnit | 'rate' | 'days' | 'months' | 'years'} unit
 * @property {string} value
 * @property {string | null} [whatIf]
 */

/**
 * @typedef {object} SheetInput
 * @property {string} locale      a BCP 47 tag ("nl-NL"): where the currency sign goes
 * @property {string} currency    ISO 4217 ("EUR", "DKK", "USD")
 * @property {string} [language]  the reader's language ("nl", "da", "en"); from the locale when left out
 * @property {string} title       the first line of the sheet
 * @property {SheetRow[]} rows
 */

/** @typedef {{ value?: string | number, type?: StringConstructor | NumberConstructor, format?: string, fontWeight?: 'bold', fontStyle?: 'italic', wrap?: boolean }} Cell */

/** The spelling the brief of the export used, for the same units. */
const ALIASES = /** @type {Record<string, SheetUnit>} */ ({ rate: 'pct', days: 'day', months: 'month', years: 'year' });
const UNITS = new Set(['money', 'perDay', 'pct', 'pp', 'count', 'day', 'month', 'year', 'ratio', 'text']);
const DECIMAL = /^-?\d+(\.\d+)?$/;
const TEXT = { type: String, format: '@' };

/**
 * @param {SheetRow['unit']} unit
 * @returns {SheetUnit}
 */
function unitOf(unit) {
  const canonical = ALIASES[unit] ?? unit;
  if (!UNITS.has(canonical)) throw new TypeError(`unknown unit "${unit}"`);
  return /** @type {SheetUnit} */ (canonical);
}

/**
 * A plain decimal without leading zeros, trailing fraction zeros or "-0": the form the shortest
 * representation of a double (String(Number(x))) has, so the two can be compared.
 * @param {string} decimal
 */
function canonical(decimal) {
  const negative = decimal.startsWith('-');
  const [int, frac = ''] = (negative ? decimal.slice(1) : decimal).split('.');
  const digits = `${int.replace(/^0+(?=\d)/, '')}${frac.replace(/0+$/, '') ? `.${frac.replace(/0+$/, '')}` : ''}`;
  return negative && /[1-9]/.test(digits) ? `-${digits}` : digits;
}

/**
 * Multiplies an exact decimal by 100 by moving the point (a fraction to percent or points).
 * @param {string} decimal
 */
function hundredfold(decimal) {
  const negative = decimal.startsWith('-');
  const [int, frac = ''] = (negative ? decimal.slice(1) : decimal).split('.');
  const padded = frac.padEnd(2, '0');
  return canonical(`${negative ? '-' : ''}${int}${padded.slice(0, 2)}.${padded.slice(2) || '0'}`);
}

/**
 * The format code of a unit's number cells. The codes use the file format's invariant separators
 * ("#,##0.00"); the spreadsheet shows them with the reader's own. Whole numbers get no decimals.
 * @param {SheetUnit} unit
 * @param {string} shown  the decimal the cell holds
 * @param {string} money  the currency format code
 */
function formatOf(unit, shown, money) {
  const whole = !shown.includes('.');
  switch (unit) {
    case 'money':
    case 'perDay':
      return money;
    case 'pct':
      return '0.00%';
    case 'pp':
      return '+0.00;-0.00;0.00';
    case 'ratio':
      return '#,##0.0#" : 1"';
    case 'day':
    case 'month':
    case 'year':
      return whole ? '#,##0' : '#,##0.0';
    default:
      return whole ? '#,##0' : '#,##0.0#';
  }
}

/**
 * The currency format code for a locale: the sign the reader knows, on the side and with the
 * spacing Intl.NumberFormat puts it ("€ 1,00" in nl-NL, "1,00 kr." in da-DK, "$1.00" in en-US).
 * @param {string} locale
 * @param {string} currency
 */
export function moneyFormat(locale, currency) {
  const parts = new Intl.NumberFormat(locale, { style: 'currency', currency }).formatToParts(1);
  const at = parts.findIndex((part) => part.type === 'currency');
  const sign = `[$${(parts[at]?.value ?? currency).replace(/[[\]"]/g, '')}]`;
  const spaced = parts.some((part) => part.type === 'literal' && /\s/.test(part.value));
  const before = at < parts.findIndex((part) => part.type === 'integer');
  return before ? `${sign}${spaced ? ' ' : ''}#,##0.00` : `#,##0.00${spaced ? ' ' : ''}${sign}`;
}

/**
 * The cells of one value: the number cell, and the exact decimal as text when the number cell
 * cannot hold it (a double keeps about 16 significant digits; the engine up to 28).
 * @param {SheetRow} row
 * @param {SheetUnit} unit
 * @param {string | null | undefined} value
 * @param {{ money: string, point: string, where: string }} context
 * @returns {[Cell | null, Cell | null]}
 */
function valueCells(row, unit, value, { money, point, where }) {
  if (value == null || value === '') return [null, null];
  if (unit === 'text') return [{ value: String(value), ...TEXT }, null];
  if (typeof value !== 'string' || !DECIMAL.test(value)) {
    throw new TypeError(`${where} of "${row.label}" is not a decimal string: ${JSON.stringify(value)}`);
  }
  // A rate's cell holds the fraction (shown as a percentage); points are written as points.
  const shown = unit === 'pp' ? hundredfold(value) : value;
  const number = Number(shown);
  const exact = String(number) === canonical(shown);
  const inWords = unit === 'pct' ? `${hundredfold(value)}%` : canonical(shown);
  return [{ value: number, type: Number, format: formatOf(unit, canonical(shown), money) }, exact ? null : { value: inWords.replace('.', point), ...TEXT }];
}

/**
 * The sheet as rows of cells, and its options: pure, for tests and for buildWorkbook.
 * Row 1 is the title, row 3 the headers, the rows follow from row 4, then an empty row and the
 * note. The what-if columns are there when a row has a what-if value, the exact columns when a
 * number cell rounds its value.
 * @param {SheetInput} input
 */
export function sheetData({ locale, currency, language, title, rows }) {
  const text = sheetText(language ?? locale);
  const money = moneyFormat(locale, currency);
  const point = new Intl.NumberFormat(locale).formatToParts(1.5).find((part) => part.type === 'decimal')?.value ?? '.';
  const context = (/** @type {string} */ where) => ({ money, point, where });
  const lines = rows.map((row) => {
    const unit = unitOf(row.unit);
    const [now, exactNow] = valueCells(row, unit, row.value, context('the value'));
    const [then, exactThen] = valueCells(row, unit, row.whatIf, context('the what-if value'));
    const unitName = text.units[unit].replace('{currency}', currency);
    return { row, unitName, now, exactNow, then, exactThen };
  });
  const withWhatIf = lines.some((line) => line.then);
  const withExact = lines.some((line) => line.exactNow || line.exactThen);
  const shown = [true, true, true, true, withWhatIf, withExact, withExact && withWhatIf];
  /** @type {<T>(...columns: T[]) => T[]} */
  const pick = (...columns) => columns.filter((_, i) => shown[i]);
  const bold = (/** @type {string} */ value) => ({ value, type: String, fontWeight: /** @type {const} */ ('bold') });
  const header = pick(...[text.section, text.item, text.unit, text.value, text.whatIf, text.exact, text.exactWhatIf].map(bold));
  const body = lines.map(({ row, unitName, now, exactNow, then, exactThen }) =>
    pick({ value: String(row.section), ...TEXT }, { value: String(row.label), ...TEXT }, { value: unitName, ...TEXT }, now, then, exactNow, exactThen),
  );
  const data = [[{ ...bold(String(title)), fontSize: 14 }], [], header, ...body, [], [{ value: text.note, type: String, fontStyle: 'italic' }]];
  const widths = [18, 34, 16, 18, 18, 32, 32];
  return {
    data,
    sheet: text.sheet.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31),
    columns: pick(...widths.map((width) => ({ width }))),
    fileName: text.fileName,
  };
}

/**
 * The .xlsx file of sheetData(input).
 * @param {SheetInput} input
 * @returns {Promise<Blob>}
 */
export async function buildWorkbook(input) {
  const { data, sheet, columns } = sheetData(input);
  // The cells built here are a subset of the library's; its typings spell type as a union.
  const cells = /** @type {import('../vendor/write-excel-file.js').SheetData} */ (/** @type {unknown} */ (data));
  return writeXlsxFile(cells, { sheet, columns, stickyRowsCount: 3 }).toBlob();
}

/**
 * Builds the workbook and hands it to the browser as a download (sales-kpi.xlsx, salgs-kpi.xlsx).
 * @param {SheetInput} input
 */
export async function downloadWorkbook(input) {
  const blob = await buildWorkbook(input);
  const link = document.createElement('a');
  link.href = URL.createObjectURL(new Blob([blob], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }));
  link.download = sheetText(input.language ?? input.locale).fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // The download has started by now; the object URL only has to outlive the click.
  setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
}
