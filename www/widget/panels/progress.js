// "Are we on track?" (issue #22): the results so far held against the plan for the same window,
// with the engine's progress(). It plans the Plan panel's window (the state's plan options); a
// page without the Plan panel shows the window's fields here. Its own inputs: the "as of" date,
// the results so far (one row for a total, or one per period; a block pasted from a spreadsheet
// fills them), and the open opportunities per stage. The results are drawn by progress-results.js.
import { h, setText } from '../dom.js';
import { canCall } from '../engine.js';
import { formatNumber } from '../format.js';
import { tableBox } from '../form.js';
import { dateInput, optionInputs, planningModel, readTyped, sentOptions, windowCss, windowFields } from './plan-fields.js';
import { quickPeriod } from './plan-options.js';
import { planProblem, showDate } from './plan-results.js';
import { burnUpLegend, progressRows, showProgress } from './progress-results.js';
import { NUMERIC_DATE, readDate } from './locale-date.js';
import { readPastedRows } from './progress-paste.js';

/**
 * @typedef {import('../view.js').CalculatorView} View
 * @typedef {import('./plan-fields.js').PlanText} PlanText
 * @typedef {import('./plan-options.js').PlanOptions} PlanOptions
 * @typedef {import('./progress-paste.js').ProgressRow} ProgressRow
 * @typedef {import('./progress-results.js').Progress} Progress
 * @typedef {import('./progress-results.js').ActualRow} ActualRow
 * @typedef {{ asOf?: string, rows: ProgressRow[], open: string[] }} ProgressState the reader's
 *   inputs: `asOf` absent means "today, or the window's last day"; a row without a date is dated
 *   as of that day
 */

export { loadPlanText as loadText } from './plan-text.js';

export const css = [
  ...windowCss,
  '.progress .verdict{font-size:1.05rem;margin:.5rem 0}',
  '.progress table input{min-width:5rem;width:100%}',
  '.progress .add{margin:.25rem 0 1rem}',
  '@container (max-width:520px){.tbox.entry th,.tbox.entry td{padding:.15rem .25rem}}',
  '.progress table td:first-child input{min-width:7.5rem}',
  '.progress .open{display:grid;grid-template-columns:repeat(auto-fill,minmax(min(12rem,100%),1fr));gap:0 1rem}',
  '.progress .legend{display:flex;flex-wrap:wrap;gap:.25rem 1rem;list-style:none;padding:0;margin:.25rem 0;font-size:.9rem}',
  '.progress .key{display:inline-block;width:1.25rem;height:0;border-top:3px solid;vertical-align:middle;margin-right:.35rem}',
  '.bu-plan{stroke:var(--_b2);stroke-width:2}',
  '.bu-actual{stroke:var(--_accent);stroke-width:2.5}',
  '.bu-point{fill:var(--_accent)}',
  '.bu-projected{stroke:var(--_accent);stroke-width:2;stroke-dasharray:5 4}',
  '.bu-target{stroke:var(--_muted);stroke-width:1.5;stroke-dasharray:2 3}',
  '.key.bu-plan{border-color:var(--_b2)}',
  '.key.bu-actual{border-color:var(--_accent)}',
  '.key.bu-projected{border-top-style:dashed;border-color:var(--_accent)}',
  '.key.bu-target{border-top-style:dotted;border-color:var(--_muted)}',
];

/** The last progress each view showed, for the export. @type {WeakMap<View, { progress: Progress, t: PlanText, rows: ActualRow[], asOf: string }>} */
const shownProgress = new WeakMap();

/** Today as an ISO date in the reader's own time zone. */
const today = () => {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
};

/**
 * The "as of" date: the reader's, else today when today is inside the window, else its last day.
 * @param {ProgressState} progress
 * @param {PlanOptions} options
 */
export const asOfDate = (progress, options) => {
  if (progress.asOf) return progress.asOf;
  const now = today();
  return now >= options.start && now <= options.end ? now : options.end;
};

/**
 * An empty row for a funnel of `stageCount` stages.
 * @param {number} stageCount
 * @returns {ProgressRow}
 */
const emptyRow = (stageCount) => ({ date: '', revenue: '', top: '', stages: Array.from({ length: Math.max(stageCount - 1, 0) }, () => ''), deals: '' });

/**
 * The first inputs: for a three-step funnel (the leads and pacing presets) an example total so far,
 * so the verdict shows what the panel says; else an empty row.
 * @param {View} view
 * @returns {ProgressState}
 */
function defaultProgress(view) {
  const stageCount = view.model.funnel.stages.length;
  const row = emptyRow(stageCount);
  if (stageCount === 3) Object.assign(row, { revenue: '58500', top: '1100', stages: ['403', '170'], deals: '13' });
  return { rows: [row], open: stageCount === 3 ? ['40', '9'] : [] };
}

/**
 * The rows as the engine takes them: a row without a date is dated `asOf`; the stage counts go as
 * far as they are given without a gap, the deals being the last stage.
 * @param {ProgressRow[]} rows
 * @param {string} asOf
 * @returns {ActualRow[]}
 */
export function actualRows(rows, asOf) {
  return rows.map((row) => {
    /** @type {ActualRow} */
    const actual = { date: row.date || asOf };
    if (row.revenue) actual.revenue = row.revenue;
    if (row.deals) actual.deals = row.deals;
    if (row.top) actual.top = row.top;
    const reached = [...row.stages, row.deals];
    const given = reached.findIndex((value) => !value);
    const stages = given === -1 ? reached : reached.slice(0, given);
    if (stages.length) actual.stages = stages;
    return actual;
  });
}

/**
 * An engine error about the progress options in the reader's words: the plan's own options are
 * said as in the Plan panel.
 * @param {PlanText} t
 * @param {import('../engine.js').EngineError} error
 * @param {string} asOf
 */
function progressProblem(t, error, asOf) {
  const pointer = error.pointer ?? '';
  const { code, params = {} } = error;
  if (code === 'invalidDate' || code === 'required') return planProblem(t, error);
  if (pointer === '/asOf') return t('errorAsOfRange');
  if (/^\/actuals\/\d+\/date$/.test(pointer)) return t('errorRowOrder', { asOf });
  if (/^\/actuals\/\d+\//.test(pointer) || /^\/open\/\d+$/.test(pointer)) return code === 'overflow' ? t('errorTooBig') : t('errorWhole');
  if (pointer === '/open') return t('errorOpenTooMany', { max: String(params.max ?? 1000) });
  return planProblem(t, error);
}

/**
 * A state without them gets the panel's window (this quarter, when no Plan panel set one) and
 * rows, before the panel is drawn (configure.js).
 * @param {View} view
 */
export function initialState(view) {
  view.state.plan ??= { ...quickPeriod('thisQuarter'), reps: '1', workdays: [1, 2, 3, 4, 5] };
  view.state.progress ??= defaultProgress(view);
}

/**
 * The progress rows for the spreadsheet export, when the panel shows a result (else none).
 * @param {View} view
 */
export function exportRows(view) {
  const shown = shownProgress.get(view);
  return shown && view.sections.has('progress') ? progressRows(view, shown.t, shown.progress, shown.rows, shown.asOf) : [];
}

/** @param {View} view */
export function render(view) {
  // The panels' text is in the view's translator: configure.js loads it with the panel.
  const { t } = view;
  const options = /** @type {PlanOptions} */ (view.state.plan);
  const state = /** @type {ProgressState} */ (view.state.progress);
  const stageCount = view.model.funnel.stages.length;
  const dateText = (/** @type {string} */ iso) => (iso ? showDate(view, iso, NUMERIC_DATE) : '');
  const inputs = optionInputs(view, 'progress');
  // The window's fields are the Plan panel's when it is on the page.
  const window = view.sections.has('plan') ? null : windowFields(view, t, options, inputs);
  const goalError = window?.goalError ?? h('p', { class: 'err' });
  const asOf = dateInput(view, t, inputs, '/asOf', t('asOf'), () => state.asOf, (value) => (state.asOf = value || undefined), dateText(asOfDate(state, options)));
  const rowsId = view.nextId();
  const rowsError = h('p', { class: 'err', id: `${rowsId}-e`, role: 'alert' });
  inputs.errors.set('/actuals', rowsError);
  const pasteNote = h('p', { class: 'hint', role: 'status' });
  const columns = [t('colUpTo'), t('colTarget'), view.topLabel, ...view.model.funnel.stages.map((stage) => stage.name)];
  const body = h('tbody');
  /** @type {Map<string, string>} what could not be read in a row's box, by its pointer */
  const unreadCells = new Map();
  /** @type {Map<string, HTMLInputElement>} */
  const cells = new Map();

  const numberText = (/** @type {string} */ value) => (value ? formatNumber(value, 'input', view.numberStyle) : '');
  /**
   * One box of a row: its text, how it is read, and where it writes.
   * @param {number} index
   * @param {string} key the field's pointer below the row ("date", "revenue", "stages/1")
   * @param {string} label
   * @param {string} text
   * @param {(typed: string) => { value: string } | { problem: string }} read
   * @param {(value: string) => void} set
   */
  const cell = (index, key, label, text, read, set) => {
    const pointer = `/actuals/${index}/${key}`;
    const input = h('input', { type: 'text', value: text, part: 'input', 'aria-label': `${label} (${index + 1})`, 'aria-describedby': rowsError.id, autocomplete: 'off', inputmode: key === 'date' ? null : 'decimal' });
    cells.set(pointer, input);
    const handle = () => {
      const reading = read(input.value);
      if ('problem' in reading) unreadCells.set(pointer, reading.problem);
      else (unreadCells.delete(pointer), set(reading.value));
      view.schedule('progress', 200, inputs.changed);
    };
    input.addEventListener('input', () => view.withEditing(handle));
    return h('td', {}, input);
  };
  const fillBody = () => {
    cells.clear();
    unreadCells.clear();
    body.replaceChildren(
      ...state.rows.map((row, index) => {
        const number = (/** @type {'money' | 'number'} */ kind) => (/** @type {string} */ typed) => readTyped(view, typed, kind);
        const date = cell(index, 'date', columns[0], dateText(row.date), (typed) => {
          if (!typed.trim()) return { value: '' };
          const reading = readDate(typed, view.locale, { typed: true });
          return 'value' in reading ? reading : { problem: t(reading.refused === 'ambiguousDate' ? 'whyAmbiguousDate' : 'whyDate', { example: dateText('2027-01-31') }) };
        }, (value) => (row.date = value));
        /** @type {HTMLInputElement} */ (date.firstChild).placeholder = dateText(asOfDate(state, options));
        return h(
          'tr',
          {},
          date,
          cell(index, 'revenue', columns[1], numberText(row.revenue), number('money'), (value) => (row.revenue = value)),
          cell(index, 'top', columns[2], numberText(row.top), number('number'), (value) => (row.top = value)),
          row.stages.map((value, stage) => cell(index, `stages/${stage}`, columns[3 + stage], numberText(value), number('number'), (read) => (row.stages[stage] = read))),
          cell(index, 'deals', columns[columns.length - 1], numberText(row.deals), number('number'), (value) => (row.deals = value)),
          h('td', {}, state.rows.length > 1 && h('button', { type: 'button', class: 'remove', part: 'button', 'aria-label': t('removeRow', { n: index + 1 }), text: '✕', onclick: () => (state.rows.splice(index, 1), fillBody(), inputs.changed()) })),
        );
      }),
    );
  };
  fillBody();
  const addRow = h('button', { type: 'button', part: 'button', text: `+ ${t('addRow')}`, onclick: () => (state.rows.push(emptyRow(stageCount)), fillBody(), inputs.changed()) });
  const table = tableBox(t('soFar'), [...columns, ''], body);
  table.classList.add('entry');
  // A refused paste is said until the table is edited or pasted into again: renders in between keep it.
  let pasteProblem = '';
  table.addEventListener('input', () => (pasteProblem = ''));
  // A block copied from a spreadsheet, pasted into any box of the table, fills the rows.
  table.addEventListener('paste', (event) => {
    const text = event.clipboardData?.getData('text/plain') ?? '';
    if (!/[\t\n]/.test(text.trim())) return;
    event.preventDefault();
    const reading = readPastedRows(text, { ...view.numberStyle, stageCount });
    if ('problem' in reading) {
      const { row, column, text: typed, why } = reading.problem;
      const example = why === 'date' ? dateText('2027-01-31') : formatNumber('1234.5', 'input', view.numberStyle);
      setText(pasteNote, '');
      pasteProblem = t('pasteProblem', { row, column, text: typed, why: t(`why${why[0].toUpperCase()}${why.slice(1)}`, { example }) });
      setText(rowsError, pasteProblem);
      return;
    }
    pasteProblem = '';
    state.rows = reading.rows.length ? reading.rows : [emptyRow(stageCount)];
    fillBody();
    setText(pasteNote, t('pasted', { n: reading.rows.length }));
    inputs.changed();
  });
  const open = view.model.funnel.stages.slice(0, -1).map((stage, index) =>
    inputs.numberInput(`/open/${index}`, t('openAfter', { stage: stage.name }), 'number', state.open[index] || undefined, (value) => {
      state.open[index] = value ?? '';
    }),
  );
  const openError = h('p', { class: 'err' });
  inputs.errors.set('/open', openError);
  const parts = {
    verdict: h('p', { class: 'verdict', 'aria-live': 'polite' }),
    top: h('p', {}),
    stall: h('p', {}),
    pipeline: h('p', {}),
    chart: h('div', { class: 'chart', part: 'chart' }),
    legend: burnUpLegend(t),
    burnBody: h('tbody'),
  };
  const status = h('p', { class: 'hint' });
  const burnTable = h('details', { class: 'alt' }, h('summary', { text: `${t('burnTable')}: ${view.t('showTable').toLocaleLowerCase(view.lang)}` }), tableBox(t('burnTable'), [t('colUpTo'), t('colTarget'), t('colWon')], parts.burnBody));
  const results = h('div', {}, parts.top, parts.stall, parts.pipeline, parts.chart, parts.legend, burnTable);
  view.runRequests.progress = () => {
    const model = unreadCells.size ? null : planningModel(view);
    const day = asOfDate(state, options);
    return model && { model, input: { ...sentOptions(options), asOf: day, actuals: actualRows(state.rows, day), open: openCounts(state.open) } };
  };
  view.afterUpdate.push(() => {
    inputs.showUnread();
    const day = asOfDate(state, options);
    asOf.input.placeholder = dateText(day);
    const rows = actualRows(state.rows, day);
    /** @type {string | undefined} the box the message under the table is about */
    let wrong = unreadCells.keys().next().value;
    /** @param {import('../engine.js').EngineError} error */
    const showError = (error) => {
      const pointer = error.pointer ?? '';
      const message = progressProblem(t, error, dateText(day));
      if (!pointer.startsWith('/actuals/')) return inputs.showError(pointer, message, goalError);
      wrong = cells.has(pointer) ? pointer : [...cells.keys()].find((key) => key.startsWith(`${pointer}/`)) ?? pointer;
      setText(rowsError, `${rowLabel(t, columns, wrong)}: ${message}`);
    };
    const answer = wrong ? undefined : view.runAnswers.progress;
    if (answer && 'error' in answer) showError(/** @type {import('../engine.js').EngineError} */ (answer.error));
    const progress = answer && 'value' in answer ? /** @type {Progress} */ (answer.value) : null;
    if (wrong && unreadCells.has(wrong)) setText(rowsError, `${rowLabel(t, columns, wrong)}: ${unreadCells.get(wrong)}`);
    if (pasteProblem && !rowsError.textContent) setText(rowsError, pasteProblem);
    for (const [pointer, input] of cells) input.setAttribute('aria-invalid', String(pointer === wrong));
    inputs.markInvalid();
    results.hidden = burnTable.hidden = !progress;
    setText(status, progress ? '' : canCall('progress') ? t('progressStale') : t('loadingPlan'));
    if (!progress) {
      setText(parts.verdict, '');
      return void shownProgress.delete(view);
    }
    shownProgress.set(view, { progress, t, rows, asOf: day });
    showProgress(view, t, progress, parts, options, rows, day);
  });
  const headingId = view.nextId();
  return h(
    'section',
    { class: 'panel wide plan progress', part: 'panel progress-panel', 'aria-labelledby': headingId, 'data-section': 'progress' },
    h('h3', { id: headingId, text: t('pProgress') }),
    h('p', { class: 'hint', text: t('progressIntro') }),
    parts.verdict,
    status,
    window?.fieldsets,
    h('fieldset', {}, h('legend', { text: t('soFar') }), asOf.box),
    h('p', { class: 'hint', id: `${rowsId}-h`, text: t('soFarHint') }),
    table,
    h('p', { class: 'add' }, addRow),
    rowsError,
    pasteNote,
    open.length > 0 && h('fieldset', { class: 'open' }, h('legend', { text: t('open') }), open, openError),
    results,
  );
}

/**
 * The open counts as the engine takes them: none when every box is empty, else empty boxes as 0.
 * @param {string[]} open
 */
const openCounts = (open) => (open.some(Boolean) ? open.map((value) => value || '0') : undefined);

/**
 * "Row 2, Deals": where a box is, by its pointer.
 * @param {PlanText} t
 * @param {string[]} columns
 * @param {string} pointer /actuals/1/stages/0
 */
function rowLabel(t, columns, pointer) {
  const [, , index = '0', key = '', stage = '0'] = pointer.split('/');
  const column = key === 'date' ? 0 : key === 'revenue' ? 1 : key === 'top' ? 2 : key === 'deals' ? columns.length - 1 : 3 + Number(stage);
  return `${t('rowOf', { n: Number(index) + 1 })}, ${columns[column] ?? ''}`;
}
