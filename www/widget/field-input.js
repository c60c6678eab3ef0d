// What happens when the reader types into a field: the text is read, checked against the
// engine's schema, and only a valid value reaches the state; then everything is recomputed.
import { shift, signOf } from './decimal.js';
import { inputText } from './form.js';
import { MAX_NAME_LENGTH, textLength } from './schema.js';
import { getAt, setAt } from './state.js';
import { withoutUnit } from './number-input.js';

/**
 * @typedef {import('./view.js').CalculatorView} View
 * @typedef {import('./form.js').Field} Field
 */

/**
 * A field's text changed: read it, check it against the schema, and recompute.
 * @param {View} view
 * @param {Field} bound
 */
export function onInput(view, bound) {
  view.withEditing((editing) => readInput(view, bound, editing));
}

/**
 * @param {View} view
 * @param {Field} bound
 * @param {typeof import('./editing.js')} editing
 */
function readInput(view, bound, editing) {
  const { t } = view;
  const { pointer, role, input, kind } = bound;
  /** @type {string | undefined} */
  let value;
  bound.problem = '';
  if (kind === 'text') {
    value = input.value;
    if (!value.trim() || textLength(value) > MAX_NAME_LENGTH) bound.problem = t('nameErr');
  } else {
    const field = kind === 'money' || kind === 'percent' ? kind : 'number';
    const reading = editing.readNumber(input.value, { ...view.numberStyle, field });
    if ('refused' in reading) bound.problem = editing.refusalText(reading, field, view);
    else if (reading.value !== '') value = kind === 'percent' ? shift(reading.value, -2) : reading.value;
  }
  if (role === 'data-whatif') {
    /** @type {HTMLSelectElement | null} */
    const unit = view.host.shadowRoot.querySelector(`select[data-whatif-unit="${pointer}"]`);
    if (!bound.problem) {
      if (value === undefined || signOf(value) === 0) delete view.state.whatif[pointer];
      else view.state.whatif[pointer] = { unit: unit?.value === 'add' ? 'add' : 'by', value };
    }
  } else if (role !== 'data-field') {
    view.panels.uncertainty?.onRangeInput(view, pointer);
  } else {
    // The value the field had before this edit: what the results go back to while the text is
    // wrong. Typing "150" into a % field passes through a valid "15" on the way, and results
    // computed from a number the reader never meant must not stay on screen.
    if (!('before' in bound)) bound.before = getAt(view.model, pointer);
    // A value the schema refuses never reaches the model: the results show the numbers from
    // before the edit, marked stale, until it is corrected.
    const problem = bound.problem ? null : editing.fieldProblem(view, bound, value);
    if (problem) bound.problem = editing.problemText(problem, t);
    if (bound.problem) setAt(view.model, pointer, bound.before);
    else {
      setAt(view.model, pointer, value);
      editing.dropEmptySections(view.model);
      view.panels.economics?.onFieldEdited(view, pointer, value);
    }
  }
  view.recomputeSoon();
}

/**
 * The what-if unit select changed: its number is read again.
 * @param {View} view
 * @param {string} lever
 */
export function onWhatIfUnit(view, lever) {
  const bound = view.findField('data-whatif', lever);
  if (bound) onInput(view, bound);
}

/**
 * The reader left a field: a valid number is shown in the reader's format.
 * @param {View} view
 * @param {Field} bound
 */
export function onCommit(view, bound) {
  // Before the editing module has loaded, the text is still to be read (see onInput).
  view.withEditing(() => commit(view, bound));
}

/**
 * @param {View} view
 * @param {Field} bound
 */
function commit(view, bound) {
  view.recomputeIfWaiting();
  // A valid value left behind is the one the next edit starts from.
  if (!bound.problem) delete bound.before;
  if (bound.role === 'data-field' && !bound.problem && !view.errors.length) bound.input.value = inputText(view, bound.pointer);
  // What-if and range boxes hold what was typed, not the model's value: their unit is dropped,
  // as the box shows it beside the number.
  else if (bound.kind !== 'text' && !bound.problem) {
    const field = bound.kind === 'money' || bound.kind === 'percent' ? bound.kind : 'number';
    bound.input.value = withoutUnit(bound.input.value, { ...view.numberStyle, field });
  }
}
