// What the Progress panel shows for the engine's progress(): the verdict (attainment, ahead or
// behind, where this pace lands, what each remaining workday and salesperson needs), where the
// funnel stalls, the open pipeline and its chance, the burn-up chart with its table, and the same
// as spreadsheet rows for the export. Every number is the engine's, or an exact sum of the rows.
import { burnUpChart } from '../charts/burn-up-chart.js';
import { add, compare, divide, multiply, shift, signOf, subtract } from '../decimal.js';
import { h, setText } from '../dom.js';
import { formatNumber, numberFormat } from '../format.js';
import { utcDate } from './plan-options.js';
import { fillRows, showDate } from './plan-results.js';

/**
 * @typedef {import('../view.js').CalculatorView} View
 * @typedef {import('./plan-fields.js').PlanText} PlanText
 * @typedef {import('./plan-options.js').PlanOptions} PlanOptions
 * @typedef {{ revenue: string | null, deals: string | null, top: string | null }} Amounts
 * @typedef {import('../engine.js').Progress} Progress
 * @typedef {{ verdict: HTMLElement, top: HTMLElement, stall: HTMLElement, pipeline: HTMLElement,
 *   chart: HTMLElement, legend: HTMLElement, burnBody: HTMLTableSectionElement }} ProgressParts
 * @typedef {{ date: string, revenue?: string, deals?: string, top?: string, stages?: string[] }} ActualRow
 */

/**
 * An amount as a reader says it (formatNumber: whole currency units from 100 up; a day's share of
 * a gap is a division, and its cents only look exact).
 * @param {View} view
 * @param {string | null | undefined} value
 */
const amount = (view, value) => formatNumber(value, 'money', view.numberStyle);

/**
 * A chance in plain words: a percentage from 1 % to 99 %, else "about 7,9 in a million"; never
 * "0 %" for a chance that is not 0, nor "100 %" for one that is not 1.
 * @param {View} view
 * @param {PlanText} t
 * @param {string} chance a decimal in [0, 1]
 * @returns {{ figure: string, words: string }}
 */
export function chanceText(view, t, chance) {
  const style = view.numberStyle;
  const two = (/** @type {string} */ value) => numberFormat(view.locale, { maximumSignificantDigits: 2, roundingMode: 'halfExpand' }).format(/** @type {any} */ (value));
  const words =
    signOf(chance) === 0 ? 'impossible' : compare(chance, '1') === 0 ? 'certain' : compare(chance, '0.9') >= 0 ? 'veryLikely' : compare(chance, '0.6') >= 0 ? 'likely' : compare(chance, '0.4') >= 0 ? 'even' : compare(chance, '0.1') >= 0 ? 'unlikely' : 'veryUnlikely';
  let figure;
  if (signOf(chance) === 0 || compare(chance, '1') === 0) figure = formatNumber(chance, 'percent', style);
  else if (compare(chance, '0.99') > 0) figure = t('moreThan99');
  else if (compare(chance, '0.01') >= 0) figure = formatNumber(chance, 'percent', style);
  else if (compare(chance, '0.001') >= 0) figure = t('inThousand', { n: two(shift(chance, 3)) });
  else if (compare(chance, '0.000001') >= 0) figure = t('inMillion', { n: two(shift(chance, 6)) });
  else if (compare(chance, '0.000000001') >= 0) figure = t('inBillion', { n: two(shift(chance, 9)) });
  else figure = t('belowBillion');
  return { figure, words: t(words) };
}

/**
 * The period's dates, and how many workdays have passed at the end of each, as the engine counts
 * them (the ISO weekdays worked, less the holidays).
 * @param {PlanOptions} options
 */
export function workdayCalendar(options) {
  const workdays = new Set(options.workdays ?? [1, 2, 3, 4, 5]);
  const holidays = new Set(options.holidays ?? []);
  /** @type {string[]} */
  const days = [];
  /** @type {number[]} */
  const counted = [];
  let count = 0;
  const last = utcDate(options.end).getTime();
  // 1,097 days at most (the engine's limit); a wrong date gives no calendar.
  for (let time = utcDate(options.start).getTime(); time <= last && days.length <= 1100; time += 86400000) {
    const date = new Date(time);
    const iso = date.toISOString().slice(0, 10);
    if (workdays.has(date.getUTCDay() || 7) && !holidays.has(iso)) count++;
    days.push(iso);
    counted.push(count);
  }
  return { days, counted };
}

/**
 * The rows' running totals of revenue, at each row's date.
 * @param {ActualRow[]} rows
 */
export const runningTotals = (rows) => {
  let total = '0';
  return rows.map((row) => ({ date: row.date, revenue: row.revenue ?? '0', total: (total = add(total, row.revenue ?? '0')) }));
};

/**
 * The top of the funnel the whole period needs: the engine gives what is expected by now
 * (needed × elapsed / workdays), whose whole-number original is recovered exactly.
 * @param {Progress} progress
 */
const neededTop = (progress) =>
  progress.expected.top == null || signOf(progress.elapsed) === 0 ? null : divide(multiply(progress.expected.top, progress.workdays), progress.elapsed, 0);

/**
 * Fills the panel's parts with a progress report.
 * @param {View} view
 * @param {PlanText} t
 * @param {Progress} progress
 * @param {ProgressParts} parts
 * @param {PlanOptions} options
 * @param {ActualRow[]} rows the rows sent to the engine
 * @param {string} asOf
 */
export function showProgress(view, t, progress, parts, options, rows, asOf) {
  const style = view.numberStyle;
  const money = (/** @type {string | null | undefined} */ value) => amount(view, value);
  const count = (/** @type {string | null | undefined} */ value) => formatNumber(value, 'count', style);
  const percent = (/** @type {string | null | undefined} */ value) => formatNumber(value, 'percent', style);
  const { actual, expected, gap } = progress;
  /** @type {string[]} */
  const verdict = [];
  if (actual.revenue != null) {
    verdict.push(t('verdictActual', { actual: money(actual.revenue), target: money(progress.target), attainment: percent(progress.attainment), elapsed: count(progress.elapsed), workdays: count(progress.workdays) }));
    if (expected.revenue != null && progress.pace != null) {
      const difference = subtract(actual.revenue, expected.revenue);
      const ahead = signOf(difference);
      const vars = { diff: money(difference.replace('-', '')), expected: money(expected.revenue), pace: percent(progress.pace) };
      verdict.push(ahead === 0 ? t('verdictOnPlan') : t(ahead > 0 ? 'verdictAhead' : 'verdictBehind', vars));
    }
    if (progress.projected != null) {
      const short = subtract(progress.target, progress.projected);
      verdict.push(progress.onTrack ? t('landsReach', { projected: money(progress.projected) }) : t('landsShort', { projected: money(progress.projected), short: money(short) }));
    }
    if (gap.revenue != null && signOf(gap.revenue) === 0) verdict.push(t('reached'));
    else if (!progress.perWorkday || !progress.perRep) verdict.push(t('noDaysLeft'));
    else {
      verdict.push(t('needs', { gap: money(gap.revenue), deals: count(gap.deals), remaining: count(progress.remaining), perDay: money(progress.perWorkday.revenue), dealsPerDay: count(progress.perWorkday.deals) }));
      const reps = options.reps ?? '1';
      if (compare(reps, '1') > 0) verdict.push(t('needsReps', { reps: count(reps), perRep: money(progress.perRep.revenue) }));
    }
  }
  setText(parts.verdict, verdict.join(' '));
  setText(parts.top, topLine(view, t, progress, options));
  setText(parts.stall, stallLine(view, t, progress));
  setText(parts.pipeline, pipelineLine(view, t, progress));
  showBurnUp(view, t, progress, parts, options, rows, asOf);
}

/**
 * The top of the funnel so far against the plan.
 * @param {View} view
 * @param {PlanText} t
 * @param {Progress} progress
 * @param {PlanOptions} options
 */
function topLine(view, t, progress, options) {
  const count = (/** @type {string | null | undefined} */ value) => formatNumber(value, 'count', view.numberStyle);
  const { actual, expected, gap } = progress;
  if (actual.top == null || expected.top == null || gap.top == null) return '';
  if (signOf(gap.top) === 0) return t('topAhead', { top: view.topLabel, actual: count(actual.top), needed: count(neededTop(progress)) });
  const line = t('topBehind', { top: view.topLabel, actual: count(actual.top), expected: count(expected.top), gap: count(gap.top), perDay: count(progress.perWorkday?.top) });
  const reps = progress.repsNeeded;
  return reps != null && options.capacity ? `${line} ${t('needsTopReps', { capacity: count(options.capacity), top: view.topNoun, n: count(reps) })}` : line;
}

/**
 * Where the funnel stalls: the weakest step, observed against planned.
 * @param {View} view
 * @param {PlanText} t
 * @param {Progress} progress
 */
function stallLine(view, t, progress) {
  const style = view.numberStyle;
  if (progress.stages.every((stage) => stage.observed == null)) return t('stallUnknown');
  if (progress.weakest == null) return t('noStall');
  const index = Number(progress.weakest);
  const stage = progress.stages[index];
  const base = index === 0 ? progress.actual.top : progress.actual.stages?.[index - 1];
  const from = index === 0 ? view.topNoun : progress.stages[index - 1].name.toLocaleLowerCase(view.lang);
  return t('stall', {
    base: formatNumber(base, 'count', style),
    from,
    count: formatNumber(progress.actual.stages?.[index], 'count', style),
    to: stage.name.toLocaleLowerCase(view.lang),
    observed: formatNumber(stage.observed, 'percent', style),
    planned: formatNumber(stage.planned, 'percent', style),
    ratio: stage.ratio == null ? '—' : formatNumber(stage.ratio, 'percent', style),
  });
}

/**
 * The open pipeline: its weighted value, how much of the gap it covers, and its chance.
 * @param {View} view
 * @param {PlanText} t
 * @param {Progress} progress
 */
function pipelineLine(view, t, progress) {
  const pipeline = progress.pipeline;
  if (!pipeline) return '';
  const style = view.numberStyle;
  const worth = t('pipeline', {
    count: formatNumber(pipeline.count, 'count', style),
    weighted: amount(view, pipeline.weighted),
    coverage: pipeline.coverage == null ? '—' : formatNumber(pipeline.coverage, 'percent', style),
  });
  if (pipeline.dealsToClose != null && signOf(pipeline.dealsToClose) === 0) return `${worth} ${t('chanceNone')}`;
  if (pipeline.chance == null) return worth;
  const { figure, words } = chanceText(view, t, pipeline.chance);
  return `${worth} ${t('pipelineChance', { deals: formatNumber(pipeline.dealsToClose, 'count', style), chance: figure, words })}`;
}

/**
 * The burn-up chart and its table: the rows' dates, each period's revenue and the running total.
 * @param {View} view
 * @param {PlanText} t
 * @param {Progress} progress
 * @param {ProgressParts} parts
 * @param {PlanOptions} options
 * @param {ActualRow[]} rows
 * @param {string} asOf
 */
function showBurnUp(view, t, progress, parts, options, rows, asOf) {
  const style = view.numberStyle;
  const totals = runningTotals(rows);
  const calendar = workdayCalendar(options);
  const workdays = Number(progress.workdays);
  // The plan line only where the calendar here counts the workdays as the engine did.
  const planned = calendar.counted[calendar.counted.length - 1] === workdays ? calendar.counted.map((done) => (Number(progress.target) * done) / workdays) : [];
  const data = {
    days: calendar.days,
    planned,
    target: progress.target,
    points: totals.map(({ date, total }) => ({ date, total })),
    projected: progress.projected,
    start: options.start,
    end: options.end,
    startLabel: showDate(view, options.start, { day: 'numeric', month: 'short' }),
    endLabel: showDate(view, options.end, { day: 'numeric', month: 'short' }),
  };
  const title = t('burnChart', { start: showDate(view, options.start), end: showDate(view, options.end) });
  view.draw(parts.chart, JSON.stringify([data.points, data.projected, data.target, options, asOf]), (width) => burnUpChart(width, data, title, style));
  const cells = totals.map(({ date, revenue, total }) => [showDate(view, date, { day: 'numeric', month: 'short', year: 'numeric' }), formatNumber(revenue, 'money', style), formatNumber(total, 'money', style)]);
  fillRows(parts.burnBody, cells, ([head = '', ...rest]) => h('tr', {}, h('th', { scope: 'row', text: head }), rest.map((cell) => h('td', { class: 'num', text: cell }))));
}

/**
 * The legend of the burn-up chart: one entry per line or mark.
 * @param {PlanText} t
 */
export const burnUpLegend = (t) =>
  h(
    'ul',
    { class: 'legend' },
    [
      ['bu-plan', t('burnPlan')],
      ['bu-actual', t('burnActual')],
      ['bu-projected', t('burnProjected')],
      ['bu-target', t('burnTarget')],
    ].map(([className, text]) => h('li', {}, h('span', { class: `key ${className}`, 'aria-hidden': 'true' }), text)),
  );

/**
 * The progress as spreadsheet rows (export-sheet.js's SheetRow): the period, the results so far,
 * and what the engine made of them.
 * @param {View} view
 * @param {PlanText} t
 * @param {Progress} progress
 * @param {ActualRow[]} rows
 * @param {string} asOf
 * @returns {import('../export-sheet.js').SheetRow[]}
 */
export function progressRows(view, t, progress, rows, asOf) {
  const section = t('progressSection');
  /** @type {import('../export-sheet.js').SheetRow[]} */
  const sheet = [{ section, label: t('asOf'), unit: 'text', value: showDate(view, asOf) }];
  for (const row of runningTotals(rows)) {
    const at = `${section}: ${showDate(view, row.date)}`;
    sheet.push({ section: at, label: t('colTarget'), unit: 'money', value: row.revenue }, { section: at, label: t('colWon'), unit: 'money', value: row.total });
  }
  /** @type {[string, 'money' | 'count', string | null | undefined][]} */
  const results = [
    [t('colWorkdays'), 'count', progress.workdays],
    [t('burnActual'), 'money', progress.actual.revenue],
    [t('colPlanned'), 'money', progress.expected.revenue],
    [t('burnProjected'), 'money', progress.projected],
    [t('burnTarget'), 'money', progress.target],
    [`${t('burnTarget')} − ${t('burnActual')}`, 'money', progress.gap.revenue],
  ];
  for (const [label, unit, value] of results) if (value != null) sheet.push({ section, label, unit, value });
  return sheet;
}
