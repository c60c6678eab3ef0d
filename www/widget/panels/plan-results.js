// What the Plan panel shows for the engine's plan: the sentence, the salespeople needed, the
// entry window, the month chart, the month and week tables (with a total row, so the reader sees
// them add up), and the same as spreadsheet rows for the export.
import { planChart } from '../charts/plan-chart.js';
import { h, setText } from '../dom.js';
import { divide, round } from '../decimal.js';
import { formatNumber } from '../format.js';
import { textKey } from '../i18n.js';
import { utcDate } from './plan-options.js';

/**
 * @typedef {import('../view.js').CalculatorView} View
 * @typedef {(key: string, vars?: Record<string, string | number>) => string} PlanText
 * @typedef {{ name: string, count: string | null }} Count
 * @typedef {{ workdays: string, target: string, deals: string | null, top: string | null, stages: Count[] }} Row
 * @typedef {import('../engine.js').Plan} Plan
 * @typedef {{ sentence: HTMLElement, average: HTMLElement, reps: HTMLElement, entry: HTMLElement, chart: HTMLElement,
 *   monthBody: HTMLTableSectionElement, weekBody: HTMLTableSectionElement }} PlanParts
 */

/** @type {Map<string, Intl.DateTimeFormat | Intl.ListFormat>} */
const otherFormatters = new Map();

/**
 * A cached Intl.DateTimeFormat in UTC: making one costs tens of µs, and the week table formats
 * hundreds of dates per keystroke.
 * @param {string} locale
 * @param {Intl.DateTimeFormatOptions} options
 * @returns {Intl.DateTimeFormat}
 */
function dateFormat(locale, options) {
  const key = `date ${locale}${JSON.stringify(options)}`;
  let formatter = otherFormatters.get(key);
  if (!formatter) otherFormatters.set(key, (formatter = new Intl.DateTimeFormat(locale, { ...options, timeZone: 'UTC' })));
  return /** @type {Intl.DateTimeFormat} */ (formatter);
}

/**
 * A cached Intl.ListFormat joining with "and".
 * @param {string} locale
 * @returns {Intl.ListFormat}
 */
function listFormat(locale) {
  const key = `list ${locale}`;
  let formatter = otherFormatters.get(key);
  if (!formatter) otherFormatters.set(key, (formatter = new Intl.ListFormat(locale, { type: 'conjunction' })));
  return /** @type {Intl.ListFormat} */ (formatter);
}

/**
 * Puts rows of cell texts into a table body. When the rows keep their number and shape, only the
 * cells whose text changed are written (a keystroke then dirties a few text nodes, not a table);
 * otherwise the rows are made anew with `makeRow`.
 * @param {HTMLTableSectionElement} body
 * @param {string[][]} rows
 * @param {(cells: string[], index: number) => HTMLTableRowElement} makeRow
 */
export function fillRows(body, rows, makeRow) {
  const shown = body.rows;
  const sameShape = shown.length === rows.length && rows.every((cells, index) => shown[index].cells.length === cells.length);
  if (!sameShape) body.replaceChildren(...rows.map(makeRow));
  else rows.forEach((cells, index) => cells.forEach((text, column) => setText(shown[index].cells[column], text)));
}

/**
 * A date in the reader's words ("1. januar 2027").
 * @param {View} view
 * @param {string} iso
 * @param {Intl.DateTimeFormatOptions} [options]
 */
export const showDate = (view, iso, options = { day: 'numeric', month: 'long', year: 'numeric' }) =>
  dateFormat(view.locale, options).format(utcDate(iso));

/** @param {View} view @param {string} month "2027-01" */
const monthName = (view, month) => showDate(view, `${month}-01`, { month: 'long', year: 'numeric' });
/** @param {PlanText} t @param {string} week "2027-W01" */
const weekName = (t, week) => t('week', { n: Number(week.slice(6)) });

/**
 * The counts of a plan line as a list: "10 leads, 4 aftaler og 2 tilbud" (the deals, the last
 * stage, are said apart).
 * @param {View} view
 * @param {{ top: string | null, stages: Count[] }} line
 * @param {boolean} withNames
 */
function countList(view, line, withNames) {
  const style = view.numberStyle;
  const items = [
    [line.top, view.topNoun],
    ...line.stages.slice(0, -1).map((stage) => [stage.count, stage.name.toLocaleLowerCase(view.lang)]),
  ].map(([count, name]) => (withNames ? `${formatNumber(count, 'count', style)} ${name}` : formatNumber(count, 'count', style)));
  return listFormat(view.locale).format(items);
}

/**
 * The column heads of the month and week tables after the first ones: revenue, the top of the
 * funnel, and each stage.
 * @param {View} view
 * @param {PlanText} t
 * @param {Plan} plan
 */
const countHeads = (view, t, plan) => [t('colWorkdays'), t('colTarget'), view.topLabel, ...plan.needed.stages.map((stage) => stage.name)];

/**
 * @param {View} view
 * @param {Row} row
 */
const countCells = (view, row) => [
  formatNumber(row.workdays, 'count', view.numberStyle),
  wholeMoney(view, row.target),
  formatNumber(row.top, 'count', view.numberStyle),
  ...row.stages.map((stage) => formatNumber(stage.count, 'count', view.numberStyle)),
];

/**
 * An amount in whole currency units: a month's share of the goal is a division, and its cents
 * would look like a sum of deals that does not add up.
 * @param {View} view
 * @param {string} value
 */
export const wholeMoney = (view, value) => formatNumber(round(value, 0), 'money', view.numberStyle);

/**
 * The average a workday needs, exactly, before the rounding up: "9,75 leads, 3,9 møder og 1,95 tilbud".
 * @param {View} view
 * @param {Plan} plan
 */
function averageList(view, plan) {
  const style = view.numberStyle;
  const items = [
    [plan.needed.top, view.topNoun],
    ...plan.needed.stages.slice(0, -1).map((stage) => [stage.count, stage.name.toLocaleLowerCase(view.lang)]),
  ]
    .filter(([count]) => count != null)
    .map(([count, name]) => `${formatNumber(divide(count ?? '0', plan.workdays, 2), 'count', style)} ${name}`);
  return listFormat(view.locale).format(items);
}

/**
 * @param {string[]} cells
 * @param {string} [className]
 */
const tableRow = ([head = '', ...cells], className) =>
  h('tr', { class: className ?? null }, h('th', { scope: 'row', text: head }), cells.map((cell) => h('td', { class: 'num', text: cell })));

/** @param {Plan} plan @returns {Row} */
const totalRow = (plan) => ({ workdays: plan.workdays, target: plan.target, deals: plan.dealsNeeded, top: plan.needed.top, stages: plan.needed.stages });

/**
 * Fills the panel's parts with a plan.
 * @param {View} view
 * @param {PlanText} t
 * @param {Plan} plan
 * @param {PlanParts} parts
 * @param {import('./plan-options.js').PlanOptions} options
 */
export function showPlan(view, t, plan, parts, options) {
  const style = view.numberStyle;
  const reps = options.reps ?? '1';
  const vars = {
    target: formatNumber(plan.target, 'money', style),
    start: showDate(view, options.start),
    end: showDate(view, options.end),
    workdays: formatNumber(plan.workdays, 'count', style),
    reps: formatNumber(reps, 'count', style),
    perDay: countList(view, plan.perWorkday, true),
    perRep: countList(view, plan.perRep, false),
  };
  setText(parts.sentence, `${t(reps === '1' ? 'sentenceOne' : 'sentence', vars)} ${t('dealsLine', { deals: formatNumber(plan.dealsNeeded, 'count', style) })}`);
  setText(parts.average, t('averageLine', { average: averageList(view, plan) }));
  setText(
    parts.reps,
    plan.repsNeeded != null && options.capacity
      ? t(plan.repsNeeded === '1' ? 'repsNeededOne' : 'repsNeeded', { capacity: formatNumber(options.capacity, 'count', style), top: view.topNoun, n: formatNumber(plan.repsNeeded, 'count', style) })
      : '',
  );
  const entry = plan.entryWindow;
  const cycle = view.model.cycleDays;
  setText(parts.entry, entry && cycle ? t('entry', { top: view.topLabel, from: showDate(view, entry.from), to: showDate(view, entry.to), days: formatNumber(cycle, 'count', style) }) : '');
  const bars = plan.months.map((row) => ({ name: showDate(view, `${row.month}-01`, { month: 'short' }), count: row.top }));
  view.draw(parts.chart, JSON.stringify(bars), (width) => planChart(width, bars, t('chart', { top: view.topLabel }), style));
  const total = countCells(view, totalRow(plan));
  const months = plan.months.map((row) => [monthName(view, row.month), ...countCells(view, row)]);
  fillRows(parts.monthBody, [...months, [t('total'), ...total]], (cells, index) => tableRow(cells, index === months.length ? 'sum' : undefined));
  const weeks = plan.weeks.map((row) => [weekName(t, row.week), showDate(view, row.start, { day: 'numeric', month: 'short' }), ...countCells(view, row)]);
  fillRows(parts.weekBody, [...weeks, [t('total'), '', ...total]], (cells, index) => tableRow(cells, index === weeks.length ? 'sum' : undefined));
}

/**
 * The heads of the month table and of the week table.
 * @param {View} view
 * @param {PlanText} t
 * @param {Plan | null} plan
 */
export function tableHeads(view, t, plan) {
  const counts = plan ? countHeads(view, t, plan) : [t('colWorkdays'), t('colTarget'), view.topLabel];
  return { month: [t('colMonth'), ...counts], week: [t('colWeek'), t('colFrom'), ...counts] };
}

/**
 * The plan as spreadsheet rows (export-sheet.js's SheetRow): the totals, then each month and
 * each week with its workdays, revenue and counts.
 * @param {View} view
 * @param {PlanText} t
 * @param {Plan} plan
 * @param {import('./plan-options.js').PlanOptions} options
 * @returns {import('../export-sheet.js').SheetRow[]}
 */
export function planRows(view, t, plan, options) {
  const section = t('section');
  /** @type {import('../export-sheet.js').SheetRow[]} */
  const rows = [
    { section, label: t('firstDay'), unit: 'text', value: showDate(view, options.start) },
    { section, label: t('lastDay'), unit: 'text', value: showDate(view, options.end) },
    { section, label: t('reps'), unit: 'count', value: options.reps ?? '1' },
  ];
  if (options.capacity) rows.push({ section, label: t('capacity', { top: view.topNoun }), unit: 'count', value: options.capacity });
  const add = (/** @type {string} */ section, /** @type {Row} */ row) => {
    rows.push({ section, label: t('colWorkdays'), unit: 'count', value: row.workdays });
    rows.push({ section, label: t('colTarget'), unit: 'money', value: row.target });
    if (row.deals != null) rows.push({ section, label: t('colDeals'), unit: 'count', value: row.deals });
    if (row.top != null) rows.push({ section, label: view.topLabel, unit: 'count', value: row.top });
    for (const stage of row.stages.slice(0, -1)) if (stage.count != null) rows.push({ section, label: stage.name, unit: 'count', value: stage.count });
  };
  add(`${section}: ${t('total')}`, totalRow(plan));
  for (const row of plan.months) add(`${section}: ${monthName(view, row.month)}`, row);
  for (const row of plan.weeks) add(`${section}: ${weekName(t, row.week)} (${showDate(view, row.start)})`, row);
  return rows;
}

/**
 * An engine error about the plan's options in the reader's words, by its code and params.
 * @param {PlanText} t
 * @param {{ code?: string, pointer?: string, params?: Record<string, any> }} error
 */
export function planProblem(t, { code, pointer, params = {} }) {
  if ((code === 'invalidDate' || code === 'notANumber') && !params.value) return t('errorRequired');
  if (code === 'outOfRange') return t(pointer === '/growth/by' ? 'errorGrowthRange' : 'errorPositive');
  if (code === 'overflow') return t('errorTooBig');
  const known = ['invalidDate', 'beforeStart', 'windowTooLong', 'noWorkdays', 'duplicate', 'tooMany', 'tooFew', 'required', 'bothGiven'];
  return known.includes(code ?? '') ? t(textKey('error', code ?? ''), params) : t('errorInvalid');
}

/**
 * Puts column heads into a table made by tableBox.
 * @param {HTMLElement} box
 * @param {string[]} heads
 */
export function setHeads(box, heads) {
  const row = box.querySelector('thead tr');
  if (row && [...row.children].map((cell) => cell.textContent).join('|') !== heads.join('|'))
    row.replaceChildren(...heads.map((title, i) => h('th', { scope: 'col', class: i ? 'num' : null, text: title })));
}
