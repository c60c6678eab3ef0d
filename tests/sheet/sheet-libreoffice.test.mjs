// The spreadsheet export, opened where the CSV went wrong: LibreOffice Calc set to nl-NL and to
// da-DK (headless, Debian's libreoffice-calc-nogui through python3-uno). Workbooks of the real
// engine's numbers (with a what-if) for a Dutch, a Danish and an American reader are each opened
// under both locales; every cell must come back with the engine's number as a number cell (a rate
// as its fraction), text as text, the headers and units in the reader's language, and, where the
// file's locale is LibreOffice's, shown the way the reader writes it ("€ 792.633,60", "3,20%").
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import Decimal from 'decimal.js';
import { buildWorkbook, sheetData } from '../../www/widget/export-sheet.js';
import { SHEET_TEXT } from '../../www/widget/export-sheet-text.js';
import { cellMap, readInLibreOffice, sheetRows } from './fixture.mjs';

const READERS = [
  { locale: 'nl-NL', currency: 'EUR', language: 'nl', title: 'Sales-KPI-calculator' },
  { locale: 'da-DK', currency: 'DKK', language: 'da', title: 'Salgs-KPI-beregner' },
  { locale: 'en-US', currency: 'USD', language: 'en', title: 'Sales KPI calculator' },
];
const OFFICE_LOCALES = ['nl-NL', 'da-DK'];
const { rows } = sheetRows();
const dir = mkdtempSync(join(tmpdir(), 'skc-sheet-'));
const files = READERS.map((reader) => join(dir, `${reader.locale}.xlsx`));
/** LibreOffice's reading of every file, by LibreOffice's locale. */
const read = {};

before(async () => {
  for (const [i, reader] of READERS.entries()) {
    const blob = await buildWorkbook({ ...reader, rows });
    writeFileSync(files[i], Buffer.from(await blob.arrayBuffer()));
  }
  for (const locale of OFFICE_LOCALES) read[locale] = readInLibreOffice(locale, files);
});
after(() => rmSync(dir, { recursive: true, force: true }));

// ---- what the reader should see, worked out apart from the export's code ----

/** The number a cell must hold: the engine's decimal as a double; points for `pp`. */
const cellNumber = (unit, value) => Number(unit === 'pp' ? new Decimal(value).times(100).toFixed() : value);

/** The exact text expected beside a number cell that rounds the engine's decimal, else null. */
function exactText(unit, value, locale) {
  const shown = unit === 'pp' ? new Decimal(value).times(100) : new Decimal(value);
  if (String(shown.toNumber()) === shown.toFixed()) return null;
  const point = new Intl.NumberFormat(locale).formatToParts(0.5).find((p) => p.type === 'decimal').value;
  const text = unit === 'pct' ? `${shown.times(100).toFixed()}%` : shown.toFixed();
  return text.replace('.', point);
}

/** How the reader writes the value (Intl, from the exact decimal), as LibreOffice should show it. */
function display(unit, value, { locale, currency }) {
  const nf = (options) => new Intl.NumberFormat(locale, { roundingMode: 'halfExpand', ...options });
  const whole = Number.isInteger(Number(value));
  const plain = (s) => s.replace(/\u00a0/g, ' ');
  switch (unit) {
    case 'money':
    case 'perDay':
      return plain(nf({ style: 'currency', currency, minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(value));
    case 'pct':
      return `${nf({ minimumFractionDigits: 2, maximumFractionDigits: 2, useGrouping: false }).format(new Decimal(value).times(100).toFixed())}%`;
    case 'pp':
      return nf({ minimumFractionDigits: 2, maximumFractionDigits: 2, useGrouping: false, signDisplay: 'exceptZero' }).format(new Decimal(value).times(100).toFixed());
    case 'ratio':
      return `${nf({ minimumFractionDigits: 1, maximumFractionDigits: 2 }).format(value)} : 1`;
    case 'day':
    case 'month':
    case 'year':
      return nf({ minimumFractionDigits: whole ? 0 : 1, maximumFractionDigits: whole ? 0 : 1 }).format(value);
    default:
      return nf({ minimumFractionDigits: whole ? 0 : 1, maximumFractionDigits: whole ? 0 : 2 }).format(value);
  }
}

const unitWords = (text, unit, currency) => text.units[unit].replace('{currency}', currency);

for (const office of OFFICE_LOCALES) {
  describe(`LibreOffice set to ${office}`, () => {
    test('takes the locale setting of its profile', () => {
      assert.equal(read[office].locale, office);
      assert.equal(read[office].files.length, READERS.length);
    });

    for (const [i, reader] of READERS.entries()) {
      const text = SHEET_TEXT[reader.language];
      const cells = () => {
        const { sheets } = read[office].files[i];
        assert.equal(sheets.length, 1);
        assert.equal(sheets[0].name, text.sheet);
        return cellMap(sheets[0]);
      };
      const at = (map, row, col) => map.get(`${row}:${col}`);
      const HEADER = 3;

      test(`${reader.locale} file: title, headers and note in ${reader.language}, as text cells`, () => {
        const map = cells();
        assert.deepEqual(at(map, 1, 1), { ...at(map, 1, 1), type: 'text', text: reader.title });
        const headers = [1, 2, 3, 4, 5, 6, 7].map((col) => at(map, HEADER, col));
        assert.deepEqual(
          headers.map((cell) => [cell?.type, cell?.text]),
          [text.section, text.item, text.unit, text.value, text.whatIf, text.exact, text.exactWhatIf].map((words) => ['text', words]),
        );
        const note = at(map, HEADER + rows.length + 2, 1);
        assert.equal(note?.type, 'text');
        assert.equal(note.text, text.note);
        assert.equal(map.size, 1 + 7 + 1 + [...map.values()].filter((cell) => cell.row > HEADER && cell.row <= HEADER + rows.length).length);
      });

      test(`${reader.locale} file: every row holds the engine's value as a typed cell`, () => {
        const map = cells();
        for (const [r, row] of rows.entries()) {
          const line = HEADER + 1 + r;
          const where = `${reader.locale} file, row ${line} (${row.label})`;
          assert.deepEqual(
            [1, 2, 3].map((col) => [at(map, line, col)?.type, at(map, line, col)?.text]),
            [
              ['text', row.section],
              ['text', row.label],
              ['text', unitWords(text, row.unit, reader.currency)],
            ],
            where,
          );
          for (const [col, exactCol, value] of [
            [4, 6, row.value],
            [5, 7, row.whatIf],
          ]) {
            const cell = at(map, line, col);
            const exact = at(map, line, exactCol);
            if (value == null) {
              assert.equal(cell, undefined, `${where}: no what-if, no cell`);
              continue;
            }
            if (row.unit === 'text') {
              // A name that starts like a formula stays the name: a text cell, not a formula.
              assert.deepEqual([cell.type, cell.text], ['text', value], where);
              assert.equal(exact, undefined, where);
              continue;
            }
            const expected = cellNumber(row.unit, value);
            assert.equal(cell.type, 'value', `${where}: a number cell, not text`);
            assert.ok(Math.abs(cell.value - expected) <= Number.EPSILON * Math.abs(expected), `${where}: ${cell.value} should be ${value}`);
            const wanted = exactText(row.unit, value, reader.locale);
            assert.deepEqual(exact ? [exact.type, exact.text] : null, wanted && ['text', wanted], `${where}: the exact value beside the rounded cell`);
            if (office === reader.locale) assert.equal(cell.text, display(row.unit, value, reader), `${where}: shown as ${reader.locale} writes it`);
          }
        }
      });
    }

    test('the issue\'s numbers: a rate of 0.032 is 3,20 %, not 32; money is not multiplied by 1,000', () => {
      const reader = READERS.find((r) => r.locale === office);
      const map = cellMap(read[office].files[READERS.indexOf(reader)].sheets[0]);
      const line = (label, section) => 4 + rows.findIndex((row) => row.label === label && row.section === section);
      const rate = map.get(`${line('/funnel/stages/0/rate', 'Input')}:4`);
      assert.equal(rate.value, 0.032);
      assert.equal(rate.text, '3,20%');
      const revenue = map.get(`${line('/funnel/revenue', 'Result')}:4`);
      assert.equal(revenue.value, 792633.6);
      assert.equal(revenue.text, { 'nl-NL': '€ 792.633,60', 'da-DK': '792.633,60 kr.' }[office]);
      const points = map.get(`${line('/funnel/stages/0/rate', 'What-if')}:4`);
      assert.deepEqual([points.value, points.text], [0.75, '+0,75']);
      assert.equal(map.get(`${line('/funnel/stages/0/rate', 'What-if')}:3`).text, { 'nl-NL': 'procentpunt', 'da-DK': 'procentpoint' }[office]);
    });
  });
}

describe('what the export refuses', () => {
  const input = (value, unit = 'money') => ({ locale: 'nl-NL', currency: 'EUR', title: 't', rows: [{ section: 's', label: 'Omzet', unit, value }] });

  test('a value that is not an engine decimal is an error naming the row, not a wrong cell', () => {
    for (const value of ['0,032', '1e3', '12.000,50', ' 1', 'NaN', '']) {
      if (value === '') continue;
      assert.throws(() => sheetData(input(value)), (e) => e instanceof TypeError && /Omzet/.test(e.message), value);
    }
    assert.throws(() => sheetData(input(/** @type {any} */ (0.032))), TypeError);
    assert.throws(() => sheetData(input('1', 'percent')), /unknown unit "percent"/);
  });

  test('no what-if value anywhere: no what-if columns; no rounding anywhere: no exact columns', () => {
    const { data } = sheetData({ ...input('750000'), language: 'da' });
    assert.deepEqual(
      data[2].map((cell) => cell.value),
      [SHEET_TEXT.da.section, SHEET_TEXT.da.item, SHEET_TEXT.da.unit, SHEET_TEXT.da.value],
    );
  });
});
