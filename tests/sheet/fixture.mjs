// What the spreadsheet tests export, and how they read a workbook back.
//
// sheetRows(): the rows a share panel hands to the export, built from the REAL engine's numbers
// (www/pkg, the contract's example model, with stage names a spreadsheet could take for formulas,
// and a what-if). readInLibreOffice(): opens files in headless LibreOffice set to a locale
// (tests/sheet/read_sheet.py, Debian's python3-uno) and returns what it read.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { example } from '../node/example.mjs';

const PKG = new URL('../../www/pkg/', import.meta.url);
const engine = await import(new URL('sales_kpi.js', PKG).href);
engine.initSync({ module: readFileSync(new URL('sales_kpi_bg.wasm', PKG)) });

/** Names that start like formulas (= + - @), and quotes and letters a CSV would mangle. */
export const STAGE_NAMES = ['=HYPERLINK("http://x")', '+45 Møder & “demo’s”'];

/** The what-if: deal value +10 %, the first stage's rate +0.75 percentage points. */
export const CHANGES = [
  { lever: '/funnel/dealSize', by: '0.1' },
  { lever: '/funnel/stages/0/rate', add: '0.0075' },
];

// The unit of each model and report field, written out for this fixture from the contract.
const UNITS = [
  [/\/name$/, 'text'],
  [/ltvToCac/, 'ratio'],
  [/perDay/, 'perDay'],
  [/payback/, 'month'],
  [/cycleDays/, 'day'],
  [/lifespan/, 'year'],
  [/dealSize|^\/target(\/gap)?$|revenue|acquisitionCost|purchaseValue|previous|current|\/cac$|clv/, 'money'],
  [/rate$|Margin|Churn|conversion|attainment|churn$/, 'pct'],
];
const unitOf = (pointer) => UNITS.find(([pattern]) => pattern.test(pointer))?.[1] ?? 'count';

function flat(value, pointer = '', out = []) {
  if (value && typeof value === 'object') for (const key in value) flat(value[key], `${pointer}/${key}`, out);
  else out.push([pointer, value]);
  return out;
}

const at = (object, pointer) => pointer.split('/').slice(1).reduce((o, key) => o?.[key], object);

/**
 * The model, its what-if and the rows for the export: inputs (section "Input"), the what-if's
 * changes ("What-if"), and every report field with its what-if value ("Result"). The label is
 * the pointer, so a test can find each row's engine value again.
 */
export function sheetRows() {
  const model = example();
  model.funnel.stages.forEach((stage, i) => (stage.name = STAGE_NAMES[i]));
  // The numbers: a rate of 0.032 (read as 32 by a Dutch CSV import) and cents.
  model.funnel.stages[0].rate = '0.032';
  model.funnel.dealSize = '10320.75';
  const { base, scenario } = engine.whatIf(model, CHANGES);
  // compute() and the what-if's base are the same report; the sheet shows compute's.
  const report = engine.compute(model);
  const rows = [
    ...flat(model).map(([pointer, value]) => ({ section: 'Input', label: pointer, unit: unitOf(pointer), value })),
    ...CHANGES.map((change) => ({ section: 'What-if', label: change.lever, unit: change.by ? 'pct' : 'pp', value: change.by ?? change.add })),
    ...flat(report).map(([pointer, value]) => ({ section: 'Result', label: pointer, unit: unitOf(pointer), value, whatIf: at(scenario, pointer) })),
  ];
  return { model, base, report, scenario, rows };
}

/**
 * Opens the files in a fresh headless LibreOffice whose locale setting is `locale`; resolves to
 * { locale, files: [{ file, sheets: [{ name, cells: [{ row, col, type, value, text, format }] }] }] }.
 */
export function readInLibreOffice(locale, files) {
  const script = fileURLToPath(new URL('read_sheet.py', import.meta.url));
  // Debian's python3-uno lives in the system Python, whatever python3 comes first on PATH.
  const r = spawnSync('/usr/bin/python3', [script, locale, ...files], { encoding: 'utf8', timeout: 120_000 });
  if (r.error || r.status !== 0) throw new Error(`LibreOffice (${locale}) could not read ${files.join(', ')}: ${r.error?.message ?? r.stderr}`);
  return JSON.parse(r.stdout);
}

/** The cells of a sheet as a Map from "row:col" to the cell. */
export const cellMap = (sheet) => new Map(sheet.cells.map((cell) => [`${cell.row}:${cell.col}`, cell]));
