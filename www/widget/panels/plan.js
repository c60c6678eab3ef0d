// "Plan": the goal spread over a calendar window (issue #11) with the engine's plan(): the
// period (dates or a quick choice), the goal (the target above, an amount, or "+14 % on a
// baseline"), the team, workdays and holidays; the results are drawn by plan-results.js.
// Its text is in plan-text-xx.js, one file per language, loaded with the panel.
import { shift } from '../decimal.js';
import { h } from '../dom.js';
import { call, canCall, engine, isRestarting } from '../engine.js';
import { currencyAffix, formatNumber } from '../format.js';
import { field, tableBox } from '../form.js';
import { defaultPlan, QUICK_PERIODS, quickPeriod, quickPeriodOf, readHolidays } from './plan-options.js';
import { planProblem, planRows, setHeads, showPlan, tableHeads } from './plan-results.js';

/**
 * @typedef {import('../view.js').CalculatorView} View
 * @typedef {import('./plan-options.js').PlanOptions} PlanOptions
 * @typedef {import('./plan-results.js').Plan} Plan
 * @typedef {import('./plan-results.js').PlanText} PlanText
 */

export const css = [
  '.plan fieldset{border:0;border-top:1px solid var(--_line);margin:0 0 .5rem;padding:.5rem 0 0;display:grid;grid-template-columns:repeat(auto-fill,minmax(min(12rem,100%),1fr));gap:0 1rem}',
  '.plan legend{font-weight:600;padding:0}',
  // Chromium focuses a date input's inner parts, which :focus-visible does not see.
  '.plan input[type=date]:focus-within{outline:3px solid var(--_accent);outline-offset:1px}',
  '.plan .days{display:flex;flex-wrap:wrap;gap:.25rem .75rem;grid-column:1/-1}',
  '.plan .goalkind{grid-column:1/-1;display:flex;flex-wrap:wrap;gap:.25rem 1rem;margin:0 0 .5rem}',
  '.plan .sentence{font-size:1.05rem;margin:.75rem 0 .25rem}',
  '.plan tr.sum th,.plan tr.sum td{font-weight:600;border-top:2px solid var(--_line)}',
];

const TEXTS = { en: () => import('../plan-text-en.js'), nl: () => import('../plan-text-nl.js'), da: () => import('../plan-text-da.js') };
/** @type {Record<string, Record<string, string>>} */
const loadedTexts = {};
/** The last plan each view showed, for the export. @type {WeakMap<View, { plan: Plan, t: PlanText, options: PlanOptions }>} */
const shownPlans = new WeakMap();

/**
 * Loads the panel's text in a language (English for any other); lazy-parts.js calls it with the panel.
 * @param {string} lang
 */
export async function loadPlanText(lang) {
  const known = /** @type {keyof typeof TEXTS} */ (Object.hasOwn(TEXTS, lang) ? lang : 'en');
  loadedTexts[known] ??= (await TEXTS[known]()).default;
}

/**
 * The panel's translator for the view's language; its text is loaded with the panel, or (after a
 * change of language) now, and then the view is built again.
 * @param {View} view
 * @returns {PlanText}
 */
function planText(view) {
  const texts = loadedTexts[Object.hasOwn(TEXTS, view.lang) ? view.lang : 'en'];
  if (!texts) loadPlanText(view.lang).then(() => view.root && view.rebuild(), () => {});
  return (key, vars) => (texts?.[key] ?? '').replace(/\{(\w+)\}/g, (whole, name) => String(vars?.[name] ?? whole));
}

/**
 * Reads a number typed in the reader's format: its decimal, or the problem in the reader's words.
 * @param {View} view
 * @param {string} text
 * @param {'number' | 'money' | 'percent'} field
 * @returns {{ value: string } | { problem: string }}
 */
function readTyped(view, text, field) {
  const editing = view.editing;
  if (!editing) return { problem: '' };
  const reading = editing.readNumber(text, { ...view.numberStyle, field });
  if ('refused' in reading) return { problem: editing.refusalText(reading, field, view) };
  return { value: field === 'percent' && reading.value ? shift(reading.value, -2) : reading.value };
}

/**
 * Asks the engine for the plan; an error is shown at the option it is about (or the goal's line).
 * Null when there is nothing to show: the model is wrong, an option is, or the engine with
 * `plan` is still loading.
 * @param {View} view
 * @param {PlanOptions} options
 * @param {PlanText} t
 * @param {Map<string, HTMLElement>} errors
 * @param {HTMLElement} fallback
 * @returns {Plan | null}
 */
function computePlan(view, options, t, errors, fallback) {
  if (!view.report || view.errors.some((error) => error.role === 'data-field')) return null;
  // The model as on screen (view.shownModel), with the sales cycle: the panel shows that field
  // itself when the funnel panel does not (planPanel).
  const { cycleDays } = view.model;
  const model = { ...view.shownModel, ...(cycleDays != null && { cycleDays }) };
  if (!canCall('plan')) {
    // This page loaded the small engine (the panel came later): the full one replaces it.
    engine(null, true).then(() => view.root && view.recompute(), () => {});
    return null;
  }
  try {
    return call('plan', model, options);
  } catch (error) {
    if (isRestarting(error)) throw error;
    const thrown = /** @type {import('../engine.js').EngineError} */ (error);
    const pointer = thrown.pointer ?? '';
    const at = [...errors.keys()].find((key) => pointer === key || pointer.startsWith(`${key}/`));
    const line = at && !errors.get(at)?.closest('[hidden]') ? errors.get(at) : fallback;
    if (line) line.textContent = planProblem(t, thrown);
    return null;
  }
}

/**
 * The plan's rows for the spreadsheet export, when the panel shows a plan (else none).
 * @param {View} view
 */
export function planSheetRows(view) {
  const shown = shownPlans.get(view);
  return shown && view.sections.has('plan') ? planRows(view, shown.t, shown.plan, shown.options) : [];
}

/** @param {View} view */
export function planPanel(view) {
  const t = planText(view);
  const options = (view.state.plan ??= defaultPlan());
  const style = view.numberStyle;
  /** @type {Map<string, HTMLElement>} the error line of each option pointer */
  const errors = new Map();
  /** @type {Map<string, string>} what could not be read in a number box, by option pointer */
  const unread = new Map();
  const changed = () => view.recompute();
  /**
   * A labelled input with its error line, for the option at `pointer`.
   * @param {string} pointer
   * @param {string} label
   * @param {Record<string, string>} attributes
   * @param {(input: HTMLInputElement, error: HTMLElement) => void} read
   * @param {{ sign: string, before: boolean } | false} [affix] a currency sign or "%" beside the box
   */
  const input = (pointer, label, attributes, read, affix = false) => {
    const id = view.nextId();
    const error = h('p', { class: 'err', id: `${id}-e` });
    errors.set(pointer, error);
    const element = h('input', { id, part: 'input', 'aria-describedby': `${id}-e`, autocomplete: 'off', ...attributes });
    const handle = () => {
      unread.delete(pointer);
      read(element, error);
      view.schedule('plan', 200, changed);
    };
    // Numbers are read in the reader's format by the editing module (loading from the first focus).
    element.addEventListener('input', () => (view.editing ? handle() : view.loadEditing().then(handle, () => {})));
    const sign = affix && h('span', { class: 'affix', text: affix.sign });
    return h('div', { class: 'field' }, h('label', { for: id, text: label }), h('div', { class: 'control' }, affix && affix.before && sign, element, affix && !affix.before && sign), error);
  };
  const numberText = (/** @type {string | undefined} */ value, percent = false) => (value ? formatNumber(percent ? shift(value, 2) : value, 'input', style) : '');
  /**
   * A number option: `set` keeps what was read (undefined when the box is empty).
   * @param {string} pointer
   * @param {string} label
   * @param {'number' | 'money' | 'percent'} kind
   * @param {string | undefined} value
   * @param {(value: string | undefined) => void} set
   */
  const numberInput = (pointer, label, kind, value, set) =>
    input(
      pointer,
      label,
      { type: 'text', inputmode: 'decimal', value: numberText(value, kind === 'percent') },
      (element) => {
        const read = readTyped(view, element.value, kind);
        if ('problem' in read) unread.set(pointer, read.problem);
        else set(read.value || undefined);
      },
      kind === 'percent' ? { sign: '%', before: false } : kind === 'money' && currencyAffix(style),
    );
  const quick = h('select', { id: view.nextId(), part: 'input' }, h('option', { value: '', text: t('quickCustom') }), QUICK_PERIODS.map((period) => h('option', { value: period, text: t(period) })));
  quick.value = quickPeriodOf(options);
  const start = input('/start', t('start'), { type: 'date', value: options.start }, (element) => ((options.start = element.value), (quick.value = quickPeriodOf(options))));
  const end = input('/end', t('end'), { type: 'date', value: options.end }, (element) => ((options.end = element.value), (quick.value = quickPeriodOf(options))));
  quick.addEventListener('change', () => {
    if (!quick.value) return;
    Object.assign(options, quickPeriod(/** @type {import('./plan-options.js').QuickPeriod} */ (quick.value)));
    /** @type {[HTMLElement, string][]} */
    const boxes = [[start, options.start], [end, options.end]];
    for (const [box, value] of boxes) /** @type {HTMLInputElement} */ (box.querySelector('input')).value = value;
    changed();
  });
  // The goal: the calculator's target, an amount, or growth on a baseline (the SMART form).
  let kind = options.growth ? 'growth' : options.target != null ? 'amount' : 'model';
  // What was typed for the goals not chosen stays here, so switching back finds it again; the
  // options hold only the chosen goal, as the engine takes it (commitGoal).
  let amount = options.target;
  const growth = { baseline: '', by: '', ...options.growth };
  const commitGoal = () => {
    delete options.target;
    delete options.growth;
    if (kind === 'amount') options.target = amount ?? '';
    if (kind === 'growth') options.growth = { ...growth };
  };
  const amountField = numberInput('/target', t('amount'), 'money', options.target, (value) => ((amount = value), commitGoal()));
  const baselineField = numberInput('/growth/baseline', t('baseline'), 'money', growth.baseline, (value) => ((growth.baseline = value ?? ''), commitGoal()));
  const byField = numberInput('/growth/by', t('growthBy'), 'percent', growth.by, (value) => ((growth.by = value ?? ''), commitGoal()));
  const showGoal = () => {
    amountField.hidden = kind !== 'amount';
    baselineField.hidden = byField.hidden = kind !== 'growth';
  };
  const radioName = view.nextId();
  const kinds = ['model', 'amount', 'growth'].map((value) => {
    const id = view.nextId();
    const radio = h('input', { type: 'radio', id, name: radioName, value, checked: value === kind, part: 'input' });
    radio.addEventListener('change', () => {
      kind = value;
      commitGoal();
      showGoal();
      changed();
    });
    return h('span', {}, radio, h('label', { for: id, text: t(value === 'model' ? 'goalModel' : value === 'amount' ? 'goalAmount' : 'goalGrowth') }));
  });
  showGoal();
  const goalError = h('p', { class: 'err' });
  errors.set('/growth', goalError);
  const sentOptions = () => ({ ...options, holidays: options.holidays?.length ? options.holidays : undefined });
  // The sales cycle gives the window in which leads must enter; it is the model's own field.
  const cycle = !view.sections.has('velocity') && field(view, '/cycleDays', view.t('cycleDays'));
  const reps = numberInput('/reps', t('reps'), 'number', options.reps, (value) => (options.reps = value));
  const capacity = numberInput('/capacity', t('capacity', { top: view.topNoun }), 'number', options.capacity, (value) => (options.capacity = value));
  const dayNames = new Intl.DateTimeFormat(view.locale, { weekday: 'long', timeZone: 'UTC' });
  const workdayError = h('p', { class: 'err' });
  errors.set('/workdays', workdayError);
  const days = [1, 2, 3, 4, 5, 6, 7].map((day) => {
    const id = view.nextId();
    const box = h('input', { type: 'checkbox', id, checked: (options.workdays ?? [1, 2, 3, 4, 5]).includes(day), part: 'input' });
    box.addEventListener('change', () => {
      options.workdays = days.filter(({ box: each }) => each.checked).map(({ day: each }) => each);
      changed();
    });
    // 2024-01-01 was a Monday: day 1 to 7 fall on 1 to 7 January 2024.
    return { day, box, element: h('span', {}, box, h('label', { for: id, text: dayNames.format(Date.UTC(2024, 0, day)) })) };
  });
  const holidaysId = view.nextId();
  const holidaysError = h('p', { class: 'err', id: `${holidaysId}-e` });
  errors.set('/holidays', holidaysError);
  const holidays = h('input', { id: holidaysId, type: 'text', part: 'input', autocomplete: 'off', 'aria-describedby': `${holidaysId}-h ${holidaysId}-e`, spellcheck: 'false' });
  holidays.value = (options.holidays ?? []).join(' ');
  holidays.addEventListener('input', () => {
    options.holidays = readHolidays(holidays.value);
    view.schedule('plan', 300, changed);
  });
  const parts = {
    sentence: h('p', { class: 'sentence', 'aria-live': 'polite' }),
    reps: h('p', {}),
    entry: h('p', {}),
    chart: h('div', { class: 'chart', part: 'chart' }),
    monthBody: h('tbody'),
    weekBody: h('tbody'),
  };
  const status = h('p', { class: 'hint' });
  const results = h('div', {}, parts.sentence, parts.reps, parts.entry, parts.chart);
  const heads = tableHeads(view, t, null);
  const monthTable = h('details', { class: 'alt' }, h('summary', { text: `${t('months')}: ${view.t('showTable').toLocaleLowerCase(view.lang)}` }), tableBox(t('months'), heads.month, parts.monthBody));
  const weekTable = h('details', { class: 'alt' }, h('summary', { text: `${t('weeks')}: ${view.t('showTable').toLocaleLowerCase(view.lang)}` }), tableBox(t('weeks'), heads.week, parts.weekBody));
  view.afterUpdate.push(() => {
    for (const [pointer, error] of errors) error.textContent = unread.get(pointer) ?? '';
    const plan = computePlan(view, sentOptions(), t, errors, goalError);
    for (const error of errors.values()) {
      const field = error.parentElement?.classList.contains('field') ? error.parentElement : null;
      field?.querySelector('input')?.setAttribute('aria-invalid', String(!!error.textContent));
    }
    results.hidden = monthTable.hidden = weekTable.hidden = !plan;
    status.textContent = plan ? '' : canCall('plan') ? t('stale') : t('loadingPlan');
    if (!plan) return void shownPlans.delete(view);
    shownPlans.set(view, { plan, t, options: structuredClone(options) });
    const heads = tableHeads(view, t, plan);
    setHeads(monthTable, heads.month);
    setHeads(weekTable, heads.week);
    showPlan(view, t, plan, parts, options);
  });
  const headingId = view.nextId();
  return h(
    'section',
    { class: 'panel wide plan', part: 'panel pPlan', 'aria-labelledby': headingId, 'data-section': 'pPlan' },
    h('h3', { id: headingId, text: t('pPlan') }),
    h('p', { class: 'hint', text: t('planIntro') }),
    h('fieldset', {}, h('legend', { text: t('period') }), h('div', { class: 'field' }, h('label', { for: quick.id, text: t('quick') }), h('div', { class: 'control' }, quick)), start, end),
    h('fieldset', {}, h('legend', { text: t('goal') }), h('div', { class: 'goalkind' }, kinds), amountField, baselineField, byField, goalError),
    h('fieldset', {}, h('legend', { text: t('team') }), reps, capacity, cycle),
    h('fieldset', {}, h('legend', { text: t('workdays') }), h('div', { class: 'days' }, days.map(({ element }) => element)), workdayError),
    h('div', { class: 'field' }, h('label', { for: holidaysId, text: t('holidays') }), h('div', { class: 'control' }, holidays), h('p', { class: 'hint', id: `${holidaysId}-h`, text: t('holidaysHint') }), holidaysError),
    status,
    results,
    monthTable,
    weekTable,
  );
}
