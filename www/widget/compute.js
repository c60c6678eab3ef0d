// The one way results come about: the reader's state is one `evaluate` request (with the parts
// the shown sections ask for) and the engine runs the shown sections ask for (sections.js's
// `runs`); their answers are kept in the view, and then shown. Nothing that shows results loads
// a module or text, changes the state or calls the engine: what showing needs is loaded before
// (configure.js for the sections, here for the words of an error).
import { relativeChange, signOf } from './decimal.js';
import { setAttr, setText } from './dom.js';
import { call, canCall, isReady, isRestarting } from './engine.js';
import { formatNumber } from './format.js';
import { loadUrlState } from './lazy-parts.js';
import { showDifference, showValue } from './outputs.js';
import { firstView } from './first-view.js';
import { evaluateRequest } from './request.js';
import { SECTION_TABLE } from './sections.js';
import { getAt } from './state.js';

/**
 * @typedef {import('./view.js').CalculatorView} View
 * @typedef {{ value: unknown } | { error: unknown }} RunAnswer
 * @typedef {{ request: import('./request.js').Request, answer: import('./engine.js').Evaluation, runs: Record<string, RunAnswer> } | { failure: unknown }} Answers
 */

/**
 * Asks the engine for the results of the current state and shows them; an engine error is shown
 * at its field, a trapped engine is replaced and the work done again.
 * @param {View} view
 */
export function recompute(view) {
  /** @type {Answers | null} */
  let answers;
  try {
    answers = ask(view);
  } catch (error) {
    if (isRestarting(error)) {
      restartThenRecompute(view, error);
      return;
    }
    answers = { failure: error };
  }
  if (answers) show(view, answers);
}

/**
 * @param {View} view
 * @param {import('./engine.js').EngineError} error
 */
function restartThenRecompute(view, error) {
  view.root?.classList.add('stale');
  error.restarting?.then(
    () => recompute(view),
    () => {},
  );
}

/**
 * One `evaluate` per keystroke: the report, the what-if, the goal seek per lever and the
 * sensitivity table, each part that fails with its own error; then, the model taken, the runs of
 * the sections shown that run at once. Null while the engine loads and the build's first view has no answer.
 * @param {View} view
 * @returns {Answers | null}
 */
function ask(view) {
  const model = view.shownModel;
  const request = evaluateRequest(model, view.state, view.sections, view.panels.sensitivity ? view.sensitivityMetric : null);
  const answer = firstView(view, model, request) ?? (isReady() || !view.firstView ? call('evaluate', model, request) : null);
  if (!answer) return null;
  /** @type {Record<string, RunAnswer>} */
  const runs = {};
  for (const section of shownRuns(view)) if (!section.runsAfter) Object.assign(runs, run(view, section));
  return { request, answer, runs };
}

/**
 * The sections shown that run an engine function, and say what to ask (as they were rendered).
 * @param {View} view
 */
const shownRuns = (view) => SECTION_TABLE.filter((section) => section.runs && view.sections.has(section.token) && view.runRequests[section.token]);

/**
 * Asks a section's engine function what its request says; none while the engine that has it
 * loads (its panel says so) or when there is nothing to ask.
 * @param {View} view
 * @param {import('./sections.js').Section} section
 * @returns {Record<string, RunAnswer>}
 */
function run(view, { token, runs }) {
  const asked = runs && canCall(runs) && view.runRequests[token]?.();
  if (!runs || !asked) return {};
  try {
    return { [token]: { value: call(runs, asked.model, asked.input) } };
  } catch (error) {
    if (isRestarting(error)) throw error;
    return { [token]: { error } };
  }
}

/**
 * Whether showing these answers needs words the first view does not carry: an error's (in the
 * editing module and the rest of the language).
 * @param {Answers} answers
 */
function hasErrors(answers) {
  if ('failure' in answers) return true;
  const { answer, runs } = answers;
  return (
    (!!answer.whatIf && 'error' in answer.whatIf) ||
    (answer.goals ?? []).some((goal) => 'error' in goal) ||
    Object.values(runs).some((run) => 'error' in run)
  );
}

/**
 * Keeps the answers in the view and shows them, once what their words need has loaded (a newer
 * answer shown meanwhile wins).
 * @param {View} view
 * @param {Answers} answers
 */
function show(view, answers) {
  view.answers = answers;
  if (!view.editing && hasErrors(answers)) {
    view.loadEditing().then(
      () => view.answers === answers && show(view, answers),
      () => {},
    );
    return;
  }
  if ('failure' in answers) {
    view.errors = [{ role: 'data-field', ...view.describe(answers.failure) }];
    paint(view);
    return;
  }
  const { request, answer, runs } = answers;
  view.report = answer.report;
  view.errors = [];
  if (!answer.whatIf) view.scenario = answer.report;
  else if (!('error' in answer.whatIf)) view.scenario = answer.whatIf;
  else {
    view.scenario = null;
    view.errors.push({ role: 'data-whatif', pointer: view.describe(answer.whatIf.error).pointer, message: view.t('wiRange') });
  }
  view.goals = request.goals && answer.goals ? { asked: request.goals, answers: answer.goals } : null;
  view.sensitivity = { metric: request.sensitivity?.metric ?? view.sensitivityMetric, rows: Array.isArray(answer.sensitivity) ? answer.sensitivity : [] };
  view.runAnswers = runs;
  update(view);
  afterResults(view);
}

/**
 * What follows results but need not be on screen before the next frame: the costly runs after
 * typing pauses, screen readers hearing the results, the link, and the page's listeners.
 * @param {View} view
 */
function afterResults(view) {
  for (const section of shownRuns(view)) {
    if (!section.runsAfter) continue;
    view.schedule(section.token, section.runsAfter, () => {
      /** @type {RunAnswer | undefined} */
      let answer;
      try {
        answer = run(view, section)[section.token];
      } catch (error) {
        if (isRestarting(error)) restartThenRecompute(view, error);
        return;
      }
      const showRun = () => {
        const { [section.token]: _, ...others } = view.runAnswers;
        view.runAnswers = answer ? { ...others, [section.token]: answer } : others;
        // An error of the run is shown at the box it is about, by the section's module.
        const module = /** @type {{ runError?: (view: View, error: unknown) => import('./view.js').ShownError | null } | undefined} */ (section.module && view.panels[section.module]);
        const shown = answer && 'error' in answer ? module?.runError?.(view, answer.error) : null;
        view.errors = [...view.errors.filter((error) => error.section !== section.token), ...(shown ? [{ ...shown, section: section.token }] : [])];
        view.update();
      };
      if (answer && 'error' in answer && !view.editing) view.loadEditing().then(showRun, () => {});
      else showRun();
    });
  }
  view.schedule('announce', 900, () => view.announce());
  view.schedule('url', 300, () => {
    if (!view.host.hasAttribute('url-state') || view.root?.classList.contains('stale')) return;
    loadUrlState().then(({ writeUrl }) => (view.written = writeUrl(view.state)));
  });
  // A task after the results' frame, not a frame of its own: the page's listeners, and the copy
  // of the state they get, run outside it.
  view.schedule('change', 0, () => view.host.dispatchEvent(new CustomEvent('sales-kpi-change', { bubbles: true, composed: true, detail: structuredClone(view.state) })));
}

/**
 * Shows the last results in every output.
 * @param {View} view
 */
export function update(view) {
  const { report, scenario } = view;
  if (!report) return;
  for (const output of view.outputs) {
    const base = getAt(report, output.pointer);
    const changed = scenario ? getAt(scenario, output.pointer) : undefined;
    if (output.source === 'difference') {
      const [text, difference] = showDifference(view, changed, base, output.kind);
      setText(output.element, text);
      setAttr(output.element, 'data-value', difference);
    } else {
      const value = output.source === 'scenario' ? changed : base;
      setText(output.element, showValue(view, value, output.kind));
      setAttr(output.element, 'data-value', value ?? '');
    }
    if (output.row && output.row.hidden !== (base === undefined)) output.row.hidden = base === undefined;
    output.afterUpdate?.();
  }
  const change = scenario && relativeChange(scenario.funnel.revenue, report.funnel.revenue);
  view.relativeChange = change && signOf(change) ? formatNumber(change, 'percentSigned', view.numberStyle) : '';
  for (const after of view.afterUpdate) after();
  view.charts.drawUnmeasured();
  paint(view);
}

/**
 * Shows field errors: what could not be read, and what the engine refused.
 * @param {View} view
 */
export function paint(view) {
  let general = '';
  const located = view.errors.map((error) => {
    const bound =
      view.fields.find((candidate) => candidate.role === error.role && candidate.pointer === error.pointer) ??
      view.fields.find((candidate) => candidate.role === error.role && error.pointer && candidate.pointer.startsWith(`${error.pointer}/`));
    if (!bound) general = error.message;
    return { bound, message: error.message };
  });
  // Results are stale when a model input is wrong, not when only a what-if or a range is.
  let stale = view.errors.some((error) => error.role === 'data-field');
  for (const bound of view.fields) {
    const message = bound.problem || located.find((error) => error.bound === bound)?.message || '';
    if (bound.problem && bound.role === 'data-field') stale = true;
    setText(bound.error, message);
    setAttr(bound.input, 'aria-invalid', String(!!message));
  }
  if (view.generalError) setText(view.generalError, general);
  if (view.root && view.root.classList.contains('stale') !== stale) view.root.classList.toggle('stale', stale);
  if (view.staleNote) setText(view.staleNote, stale ? view.t('stale') : '');
}
