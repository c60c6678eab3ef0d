// The inputs of a planning window, shared by the Plan and the Progress panel: the period (dates or
// a quick choice), the goal (the target above, an amount, or "+14 % on a baseline"), the team,
// the workdays and the holidays. They edit one object, the state's plan options, so both panels
// always plan the same window; a page with both shows the fields once, in the Plan panel.
import { shift } from '../decimal.js';
import { h } from '../dom.js';
import { currencyAffix, formatNumber } from '../format.js';
import { field, inputBox } from '../form.js';
import { NUMERIC_DATE, readDate } from './locale-date.js';
import { QUICK_PERIODS, quickPeriod, quickPeriodOf, readHolidays } from './plan-options.js';
import { showDate } from './plan-results.js';
import { COUNTRIES, countryOf, publicHolidays } from './public-holidays.js';

/**
 * @typedef {import('../view.js').CalculatorView} View
 * @typedef {import('./plan-options.js').PlanOptions} PlanOptions
 * @typedef {(key: string, vars?: Record<string, string | number>) => string} PlanText
 * @typedef {ReturnType<typeof optionInputs>} OptionInputs
 */

/** The styles of the window's fields (both panels' sections have the class `plan`). */
export const windowCss = [
  '.plan fieldset{margin:0 0 .5rem;display:grid;grid-template-columns:repeat(auto-fill,minmax(min(12rem,100%),1fr));gap:0 1rem}',
  '.plan legend{font-weight:600}',
  // The weekdays as a row of pills: each a real checkbox, stretched over its pill and unseen,
  // so a click anywhere on it, the space bar and a screen reader all work as with a checkbox.
  '.plan .days{display:flex;flex-wrap:wrap;gap:.375rem;grid-column:1/-1;margin:0 0 .5rem}',
  '.pill{position:relative;display:inline-flex;align-items:center;justify-content:center;min-width:2.5rem;min-height:2.5rem;margin:0;padding:0 .5rem;border:1px solid var(--_ctl);border-radius:999px;background:var(--_bg);cursor:pointer}',
  '.plan .pill input{position:absolute;inset:0;width:100%;height:100%;margin:0;opacity:0;cursor:pointer}',
  '.pill:has(:checked){background:var(--_accent);border-color:var(--_accent);color:var(--_on)}',
  '.pill:has(:focus-visible){outline:3px solid var(--_accent);outline-offset:2px}',
  '@media (forced-colors:active){.pill:has(:checked){outline:3px double CanvasText}}',
  '.plan .goalkind{grid-column:1/-1;display:flex;flex-wrap:wrap;gap:.25rem 1rem;margin:0 0 .5rem}',
];

/**
 * Reads a number typed in the reader's format: its decimal, or the problem in the reader's words.
 * @param {View} view
 * @param {string} text
 * @param {'number' | 'money' | 'percent'} field
 * @returns {{ value: string } | { problem: string }}
 */
export function readTyped(view, text, field) {
  const editing = view.editing;
  if (!editing) return { problem: '' };
  const reading = editing.readNumber(text, { ...view.numberStyle, field });
  if ('refused' in reading) return { problem: editing.refusalText(reading, field, view) };
  return { value: field === 'percent' && reading.value ? shift(reading.value, -2) : reading.value };
}

/**
 * Labelled option inputs with an error line each, keyed by the option's pointer, so an engine
 * error lands at its input.
 * @param {View} view
 * @param {string} timerKey the view's timer for the recompute after typing
 */
export function optionInputs(view, timerKey) {
  /** @type {Map<string, HTMLElement>} the error line of each option pointer */
  const errors = new Map();
  /** @type {Map<string, string>} what could not be read in a box, by option pointer */
  const unread = new Map();
  const changed = () => view.recompute();
  /**
   * A labelled input with its error line, for the option at `pointer`.
   * @param {string} pointer
   * @param {string} label
   * @param {Record<string, string>} attributes
   * @param {(input: HTMLInputElement) => void} read
   * @param {{ sign: string, before: boolean } | false} [affix] a currency sign or "%" beside the box
   */
  const input = (pointer, label, attributes, read, affix = false) => {
    const id = view.nextId();
    const error = h('p', { class: 'err', id: `${id}-e` });
    errors.set(pointer, error);
    const element = h('input', { id, part: 'input', 'aria-describedby': `${id}-e`, autocomplete: 'off', ...attributes });
    const handle = () => {
      unread.delete(pointer);
      read(element);
      view.schedule(timerKey, 200, changed);
    };
    // Numbers are read in the reader's format by the editing module (loading from the first focus).
    element.addEventListener('input', () => view.withEditing(handle));
    return h('div', { class: 'field' }, h('label', { for: id, text: label }), h('div', { class: 'control' }, inputBox(element, affix)), error);
  };
  const numberText = (/** @type {string | undefined} */ value, percent = false) => (value ? formatNumber(percent ? shift(value, 2) : value, 'input', view.numberStyle) : '');
  /**
   * A number option: `set` keeps what was read (undefined when the box is empty).
   * @param {string} pointer
   * @param {string} label
   * @param {'number' | 'money' | 'percent'} kind
   * @param {string | undefined} value
   * @param {(value: string | undefined) => void} set
   */
  const numberInput = (pointer, label, kind, value, set) => {
    const box = input(
      pointer,
      label,
      { type: 'text', inputmode: 'decimal', value: numberText(value, kind === 'percent') },
      (element) => {
        const read = readTyped(view, element.value, kind);
        if ('problem' in read) unread.set(pointer, read.problem);
        else set(read.value || undefined);
      },
      kind === 'percent' ? { sign: '%', before: false } : kind === 'money' && currencyAffix(view.numberStyle),
    );
    const element = /** @type {HTMLInputElement} */ (box.querySelector('input'));
    // A number read is shown without the unit typed with it: the box shows it.
    element.addEventListener('change', () => view.withEditing((editing) => (element.value = editing.withoutUnit(element.value, { ...view.numberStyle, field: kind }))));
    return box;
  };
  /** Before a render: what could not be read is said at its input. */
  const showUnread = () => {
    for (const [pointer, error] of errors) error.textContent = unread.get(pointer) ?? '';
  };
  /** After a render: inputs whose line holds an error are marked invalid. */
  const markInvalid = () => {
    for (const error of errors.values()) {
      const box = error.parentElement?.classList.contains('field') ? error.parentElement : null;
      box?.querySelector('input')?.setAttribute('aria-invalid', String(!!error.textContent));
    }
  };
  /**
   * Shows an engine error at the option it is about, else on `fallback`.
   * @param {string} pointer
   * @param {string} message
   * @param {HTMLElement} fallback
   */
  const showError = (pointer, message, fallback) => {
    const at = [...errors.keys()].find((key) => pointer === key || pointer.startsWith(`${key}/`));
    const line = at && !errors.get(at)?.closest('[hidden]') ? errors.get(at) : fallback;
    if (line) line.textContent = message;
  };
  return { errors, unread, changed, input, numberInput, showUnread, markInvalid, showError };
}

/**
 * A date box in the reader's numeric form (31.1.2027 in Danish, 1/31/2027 in American English),
 * checked as a number box is: what cannot be read is said at the box, with the date still used.
 * @param {View} view
 * @param {PlanText} t
 * @param {OptionInputs} inputs
 * @param {string} pointer
 * @param {string} label
 * @param {() => string | undefined} get the date in use (ISO), the last one read
 * @param {(iso: string) => void} set
 * @param {string} [placeholder] what an empty box means; else an example of the form
 */
export function dateInput(view, t, inputs, pointer, label, get, set, placeholder) {
  const shown = (/** @type {string | undefined} */ iso) => (iso ? showDate(view, iso, NUMERIC_DATE) : '');
  const example = shown('2027-01-31');
  const box = inputs.input(pointer, label, { type: 'text', value: shown(get()), placeholder: placeholder ?? example, spellcheck: 'false' }, (element) => {
    const typed = element.value.trim();
    const reading = typed ? readDate(typed, view.locale, { typed: true }) : { value: '' };
    if ('value' in reading) return set(reading.value);
    const kept = get();
    inputs.unread.set(pointer, `${t('errorTypedDate', { text: typed, example })}${kept ? ` ${t('dateKept', { date: shown(kept) })}` : ''}`);
  });
  const element = /** @type {HTMLInputElement} */ (box.querySelector('input'));
  // Left, a date read is shown in the reader's form (2027-01-31 becomes 31.1.2027).
  element.addEventListener('change', () => {
    const reading = readDate(element.value, view.locale, { typed: true });
    if ('value' in reading) element.value = shown(reading.value);
  });
  return { box, input: element, show: () => ((element.value = shown(get())), inputs.unread.delete(pointer)) };
}

/** The days of the week as the engine numbers them, Monday first. */
const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7];

/**
 * Two-letter weekday names, Monday first (Ma Ti On To Fr Lø Sø in Danish, Mo Tu We … in English),
 * or the locale's short names where two letters would not tell the days apart.
 * @param {string} locale
 */
function weekdayNames(locale) {
  const format = new Intl.DateTimeFormat(locale, { weekday: 'short', timeZone: 'UTC' });
  // 2024-01-01 was a Monday: day 1 to 7 fall on 1 to 7 January 2024.
  const short = WEEKDAYS.map((day) => format.format(Date.UTC(2024, 0, day)).replace(/\.$/, ''));
  const two = short.map((name) => {
    const [first = '', second = ''] = Array.from(name);
    return first.toLocaleUpperCase(locale) + second;
  });
  return new Set(two).size === WEEKDAYS.length ? two : short;
}

/**
 * The window's fieldsets, editing `options` in place.
 * @param {View} view
 * @param {PlanText} t
 * @param {PlanOptions} options
 * @param {OptionInputs} inputs
 */
export function windowFields(view, t, options, inputs) {
  const { numberInput, errors, changed } = inputs;
  const quick = h('select', { id: view.nextId(), part: 'input' }, h('option', { value: '', text: t('quickCustom') }), QUICK_PERIODS.map((period) => h('option', { value: period, text: t(period) })));
  quick.value = quickPeriodOf(options);
  const start = dateInput(view, t, inputs, '/start', t('firstDay'), () => options.start, (value) => ((options.start = value), (quick.value = quickPeriodOf(options))));
  const end = dateInput(view, t, inputs, '/end', t('lastDay'), () => options.end, (value) => ((options.end = value), (quick.value = quickPeriodOf(options))));
  quick.addEventListener('change', () => {
    if (!quick.value) return;
    Object.assign(options, quickPeriod(/** @type {import('./plan-options.js').QuickPeriod} */ (quick.value)));
    start.show();
    end.show();
    changed();
  });
  // The goal: the calculator's target (when its field is on screen), an amount, or growth on a
  // baseline (the SMART form).
  const targetShown = view.sections.has('target');
  if (!targetShown && !options.growth && options.target == null) options.target = view.model.target ?? '';
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
  const kinds = (targetShown ? ['model', 'amount', 'growth'] : ['amount', 'growth']).map((value) => {
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
  // The sales cycle gives the window in which leads must enter; it is the model's own field. Its
  // label is the panel's own: the funnel's is in text that may not have loaded.
  const cycle = !view.sections.has('velocity') && field(view, '/cycleDays', t('cycle'));
  const reps = numberInput('/reps', t('reps'), 'number', options.reps, (value) => (options.reps = value));
  const capacity = numberInput('/capacity', t('capacity', { top: view.topNoun }), 'number', options.capacity, (value) => (options.capacity = value));
  const dayNames = new Intl.DateTimeFormat(view.locale, { weekday: 'long', timeZone: 'UTC' });
  const shortNames = weekdayNames(view.locale);
  const workdayError = h('p', { class: 'err' });
  errors.set('/workdays', workdayError);
  const days = WEEKDAYS.map((day, index) => {
    // The pill shows the short name; the checkbox is called by the full one.
    const name = dayNames.format(Date.UTC(2024, 0, day));
    const box = h('input', { type: 'checkbox', checked: (options.workdays ?? [1, 2, 3, 4, 5]).includes(day), part: 'input', 'aria-label': name });
    box.addEventListener('change', () => {
      options.workdays = days.filter(({ box: each }) => each.checked).map(({ day: each }) => each);
      changed();
    });
    return { day, box, element: h('label', { class: 'pill', title: name }, box, h('span', { text: shortNames[index] ?? name, 'aria-hidden': 'true' })) };
  });
  const holidaysId = view.nextId();
  const holidaysError = h('p', { class: 'err', id: `${holidaysId}-e` });
  errors.set('/holidays', holidaysError);
  // Holidays are shown and typed in the reader's numeric form, like the window's days; what is not
  // a date stays as typed, so the engine names it (invalidDate) at the box.
  const shownHoliday = (/** @type {string} */ iso) => {
    const reading = /^\d{4}-\d{2}-\d{2}$/.test(iso) && readDate(iso, view.locale);
    return reading && 'value' in reading ? showDate(view, iso, NUMERIC_DATE) : iso;
  };
  const typedHolidays = (/** @type {string} */ text) =>
    readHolidays(text).map((word) => {
      const reading = readDate(word, view.locale, { typed: true });
      return 'value' in reading ? reading.value : word;
    });
  const holidays = h('input', { id: holidaysId, type: 'text', part: 'input', autocomplete: 'off', 'aria-describedby': `${holidaysId}-h ${holidaysId}-e`, spellcheck: 'false' });
  holidays.value = (options.holidays ?? []).map(shownHoliday).join(' ');
  holidays.addEventListener('input', () => {
    options.holidays = typedHolidays(holidays.value);
    view.schedule('plan', 300, changed);
  });
  // The national holidays of a country inside the window, added to what the box holds.
  const regions = new Intl.DisplayNames(view.locale, { type: 'region' });
  const country = h('select', { id: view.nextId(), part: 'input', 'aria-label': t('holidaysCountry') }, COUNTRIES.map((code) => h('option', { value: code, text: regions.of(code) ?? code })));
  country.value = countryOf(view.locale) ?? 'DK';
  const fill = h('button', { type: 'button', part: 'button', text: t('holidaysFill') });
  fill.addEventListener('click', () => {
    const dates = new Set([...typedHolidays(holidays.value), ...publicHolidays(/** @type {import('./public-holidays.js').Country} */ (country.value), options.start, options.end)]);
    options.holidays = [...dates].sort();
    holidays.value = options.holidays.map(shownHoliday).join(' ');
    changed();
  });
  return {
    goalError,
    fieldsets: [
      h('fieldset', {}, h('legend', { text: t('period') }), h('div', { class: 'field' }, h('label', { for: quick.id, text: t('quick') }), h('div', { class: 'control' }, quick)), start.box, end.box),
      h('fieldset', {}, h('legend', { text: t('goal') }), h('div', { class: 'goalkind' }, kinds), amountField, baselineField, byField, goalError),
      h('fieldset', {}, h('legend', { text: t('team') }), reps, capacity, cycle),
      h('fieldset', {}, h('legend', { text: t('workdays') }), h('div', { class: 'days' }, days.map(({ element }) => element)), workdayError),
      h('div', { class: 'field wide' }, h('label', { for: holidaysId, text: t('holidays') }), h('div', { class: 'control' }, inputBox(holidays)), h('p', { class: 'hint', id: `${holidaysId}-h`, text: t('holidaysHint', { example: shownHoliday('2027-01-01') }) }), h('p', { class: 'fill' }, country, ' ', fill), holidaysError),
    ],
  };
}

/**
 * The options as the engine takes them: no empty holiday list.
 * @param {PlanOptions} options
 */
export const sentOptions = (options) => ({ ...options, holidays: options.holidays?.length ? options.holidays : undefined });

/**
 * The model the planning panels ask the engine about (compute.js asks, once `evaluate` has taken
 * the model): the one on screen (view.shownModel) with the sales cycle, which a panel shows
 * itself when the funnel panel does not.
 * @param {View} view
 */
export function planningModel(view) {
  const { cycleDays } = view.model;
  return { ...view.shownModel, ...(cycleDays != null && { cycleDays }) };
}
