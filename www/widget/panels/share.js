// "Share and export": a link that holds the reader's numbers, a CSV of inputs and results, print.
import { isPlainDecimal } from '../decimal.js';
import { h } from '../dom.js';
import { panel } from '../form.js';
import { labelOf } from '../pointer-display.js';
import { getAt } from '../state.js';

/** @typedef {import('../view.js').CalculatorView} View */

export const css = ['.buttons{display:flex;flex-wrap:wrap;gap:.5rem;margin:0 0 .75rem}', '@media print{.share{display:none}}'];

/**
 * Every leaf of an object with its pointer.
 * @param {unknown} node
 * @param {string} [pointer]
 * @param {[string, unknown][]} [leaves]
 */
function leavesOf(node, pointer = '', leaves = []) {
  if (node && typeof node === 'object') for (const [key, child] of Object.entries(node)) leavesOf(child, `${pointer}/${key}`, leaves);
  else leaves.push([pointer, node]);
  return leaves;
}

/**
 * @param {View} view
 * @param {HTMLElement} status
 * @param {HTMLElement} manual
 */
async function copyLink(view, status, manual) {
  const { shareLink } = await import('../url-state.js');
  const link = shareLink(view.state);
  try {
    await navigator.clipboard.writeText(link);
    status.textContent = view.t('copied');
    manual.hidden = true;
  } catch {
    // Clipboard access is often blocked inside iframes: offer the link to copy by hand.
    const input = /** @type {HTMLInputElement} */ (manual.querySelector('input'));
    manual.hidden = false;
    input.value = link;
    input.select();
    input.focus();
  }
}

/** @param {unknown} value */
function csvCell(value) {
  let text = value == null ? '' : String(value);
  // A name starting with = + - @ would run as a formula in a spreadsheet.
  if (/^[=+\-@\t\r]/.test(text) && !isPlainDecimal(text)) text = `'${text}`;
  return `"${text.replace(/"/g, '""')}"`;
}

/** @param {View} view */
function downloadCsv(view) {
  const rows = [['kind', 'pointer', 'label', 'value', 'what_if']];
  const withScenario = view.scenario && Object.keys(view.state.whatif).length;
  for (const [pointer, value] of leavesOf(view.model)) rows.push(['input', pointer, labelOf(view, pointer), String(value ?? ''), '']);
  for (const [pointer, value] of leavesOf(view.report)) {
    if (!pointer.endsWith('/name') && !/stages\/\d+\/rate$/.test(pointer)) rows.push(['result', pointer, labelOf(view, pointer), value == null ? '' : String(value), withScenario ? (getAt(view.scenario, pointer) ?? '') : '']);
  }
  // A byte-order mark so spreadsheet programs read the names as UTF-8.
  const body = `\ufeff${rows.map((row) => row.map(csvCell).join(',')).join('\r\n')}\r\n`;
  const link = h('a', { href: URL.createObjectURL(new Blob([body], { type: 'text/csv;charset=utf-8' })), download: 'sales-kpi.csv' });
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.href), 1000);
}

/** @param {View} view */
export function sharePanel(view) {
  const { t } = view;
  const status = h('p', { class: 'hint', role: 'status' });
  const id = view.nextId();
  const manual = h(
    'div',
    { class: 'field', hidden: true },
    h('label', { for: id, text: t('copyManual') }),
    h('div', { class: 'control' }, h('input', { id, type: 'text', readonly: true, part: 'input' })),
  );
  const button = (/** @type {string} */ key, /** @type {() => void} */ action) => h('button', { type: 'button', part: 'button', onclick: action }, t(key));
  return panel(
    view,
    'pShare',
    'wide share',
    h('div', { class: 'buttons' }, button('copyLink', () => copyLink(view, status, manual)), button('csv', () => downloadCsv(view)), button('print', () => window.print())),
    status,
    manual,
    h('p', { class: 'hint', text: t('privacy') }),
  );
}
