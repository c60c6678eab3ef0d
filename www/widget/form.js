// The parts panels are made of: labelled inputs bound to a pointer, panels, scrollable tables.
import { h } from './dom.js';
import { currencyAffix, inputNumber } from './format.js';
import { fieldKind, MAX_NAME_LENGTH, MAX_NUMBER_CHARS } from './schema.js';
import { shift } from './decimal.js';
import { getAt } from './state.js';

/**
 * What a field's text is: a name, an amount of money, a plain number, or a percentage (read as a
 * fraction: "2.5" is 0.025).
 * @typedef {'text' | 'money' | 'number' | 'percent'} InputKind
 * @typedef {'data-field' | 'data-whatif' | 'data-range-low' | 'data-range-high'} FieldRole
 * @typedef {{ pointer: string, role: FieldRole, input: HTMLInputElement, error: HTMLElement, kind: InputKind, problem: string, before?: unknown }} Field
 *   `before`: the model's value when the current edit began (field-input.js)
 * @typedef {import('./view.js').CalculatorView} View
 */

/**
 * The input kind of a model field, from its kind in the engine's schema.
 * @param {string} pointer
 * @returns {InputKind}
 */
export function inputKind(pointer) {
  const kind = fieldKind(pointer);
  return kind === 'money' ? 'money' : kind === 'rate' ? 'percent' : kind === 'text' ? 'text' : 'number';
}

/**
 * A model value as it appears in its input: rates as percentages, in the reader's format.
 * @param {View} view
 * @param {string} pointer
 */
export function inputText(view, pointer) {
  const value = getAt(view.model, pointer);
  if (value == null) return '';
  const kind = inputKind(pointer);
  if (kind === 'text') return String(value);
  return inputNumber(kind === 'percent' ? shift(value, 2) : value, view.numberStyle);
}

/**
 * A labelled text input bound to a model pointer (or, with `role`, to a what-if or a range).
 * @param {View} view
 * @param {string} pointer
 * @param {string} label
 * @param {{ kind?: InputKind, role?: FieldRole, hint?: string, value?: string, signed?: boolean, percentSign?: boolean, className?: string }} [options]
 */
export function field(view, pointer, label, { kind = inputKind(pointer), role = 'data-field', hint, value, signed, percentSign = kind === 'percent', className } = {}) {
  const id = view.nextId();
  const currency = kind === 'money' && currencyAffix(view.numberStyle);
  const input = h('input', {
    id,
    type: 'text',
    inputmode: kind === 'text' || signed ? null : 'decimal',
    autocomplete: 'off',
    spellcheck: 'false',
    maxlength: kind === 'text' ? MAX_NAME_LENGTH : MAX_NUMBER_CHARS,
    [role]: pointer,
    part: 'input',
    'aria-describedby': `${id}-e${hint ? ` ${id}-h` : ''}`,
    oninput: () => view.withEditing((editing) => editing.onInput(view, bound)),
    onchange: () => view.withEditing((editing) => editing.onCommit(view, bound)),
  });
  input.value = value ?? inputText(view, pointer);
  const error = h('p', { class: 'err', id: `${id}-e` });
  /** @type {Field} */
  const bound = { pointer, role, input, error, kind, problem: '' };
  view.fields.push(bound);
  const control = h('div', { class: 'control' }, inputBox(input, currency || (percentSign && { sign: '%', before: false })));
  return h(
    'div',
    { class: `field${className ? ` ${className}` : ''}` },
    h('label', { for: id, text: label }),
    control,
    hint && h('p', { class: 'hint', id: `${id}-h`, text: hint }),
    error,
  );
}

/**
 * An input in a bordered box with its unit inside the border ("kr.", "€", "%"), so boxes with and
 * without a unit line up at one width; the box shows the focus ring and the invalid mark.
 * @param {HTMLInputElement | HTMLSelectElement} input
 * @param {{ sign: string, before: boolean } | false | null | undefined} [affix]
 */
export function inputBox(input, affix) {
  const sign = affix && h('span', { class: 'affix', text: affix.sign });
  return h('div', { class: 'box' }, affix && affix.before && sign, input, affix && !affix.before && sign);
}

/**
 * A titled panel; `key` names its heading text and its data-section.
 * @param {View} view
 * @param {string} key
 * @param {string} part its own part name beside `panel`, public and stable (documented in sales-kpi-calculator.js)
 * @param {string} className
 * @param {...import('./dom.js').Child} children
 */
export function panel(view, key, part, className, ...children) {
  const id = view.nextId();
  return h('section', { class: `panel ${className}`, part: `panel ${part}`, 'aria-labelledby': id, 'data-section': key }, h('h3', { id, text: view.t(key) }), children);
}

/**
 * Wraps a table so it can scroll sideways on a narrow screen, by keyboard too.
 * @param {string} caption
 * @param {string[]} head
 * @param {HTMLTableSectionElement} body
 */
export function tableBox(caption, head, body) {
  return h(
    'div',
    { class: 'tbox', tabindex: '0', role: 'region', 'aria-label': caption },
    h(
      'table',
      {},
      h('caption', { class: 'sr', text: caption }),
      h('thead', {}, h('tr', {}, head.map((title, i) => h('th', { scope: 'col', class: i ? 'num' : null, text: title })))),
      body,
    ),
  );
}
