// "Share and export": a link that holds the reader's numbers, a spreadsheet (.xlsx) of the inputs
// and results on screen, print.
import { h } from '../dom.js';
import { sheetText } from '../export-sheet-text.js';
import { panel } from '../form.js';
import { displayKind, labelOf } from '../pointer-display.js';
import { shownModules } from '../sections.js';
import { getAt } from '../state.js';

/** @typedef {import('../view.js').CalculatorView} View */

export const css = ['.buttons{display:flex;flex-wrap:wrap;gap:.5rem;margin:0 0 .75rem}', '@media print{.share{display:none}}'];

/**
 * @param {View} view
 * @param {HTMLElement} status
 * @param {HTMLElement} manual
 */
async function copyLink(view, status, manual) {
  await view.settled();
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

/** The spreadsheet's unit of each way the widget shows a number. */
const SHEET_UNITS = /** @type {Record<string, import('../export-sheet.js').SheetUnit>} */ ({ percent: 'pct', day: 'day', month: 'month', year: 'year', ratio: 'ratio', perDay: 'perDay', money: 'money' });

/**
 * The rows of the spreadsheet: exactly what is on screen, in its order. Every model field shown
 * (an empty one stays empty), every what-if change, and every result shown, with its value in the
 * scenario where the what-if table shows one. Nothing comes from a hidden field or result.
 * @param {View} view
 * @returns {import('../export-sheet.js').SheetRow[]}
 */
export function sheetRows(view) {
  const root = view.host.shadowRoot;
  const shown = (/** @type {Element} */ element) => !element.closest('[hidden]');
  const sectionOf = (/** @type {Element} */ element) => element.closest('section.panel')?.querySelector('h3')?.textContent ?? '';
  const labelFor = (/** @type {HTMLInputElement} */ input) => root.querySelector(`label[for="${input.id}"]`)?.textContent ?? '';
  /** @type {import('../export-sheet.js').SheetRow[]} */
  const rows = [];
  for (const bound of view.fields) {
    if (!shown(bound.input) || (bound.role !== 'data-field' && bound.role !== 'data-whatif')) continue;
    const row = { section: sectionOf(bound.input), label: labelFor(bound.input) };
    if (bound.role === 'data-whatif') {
      const change = view.state.whatif[bound.pointer];
      if (change) rows.push({ ...row, unit: change.unit === 'add' ? 'pp' : 'pct', value: change.value });
      continue;
    }
    const value = getAt(view.model, bound.pointer);
    rows.push({ ...row, unit: bound.kind === 'text' ? 'text' : (SHEET_UNITS[displayKind(bound.pointer)] ?? 'count'), value: value == null ? '' : String(value) });
  }
  const withScenario = view.scenario && Object.keys(view.state.whatif).length;
  const inWhatIf = new Set(view.outputs.filter((output) => output.source === 'scenario' && shown(output.element)).map((output) => output.pointer));
  /** @type {Set<string>} */
  const done = new Set();
  for (const element of root.querySelectorAll('[data-result], [data-section="pWhatIf"] tbody td:nth-child(2)')) {
    const pointer = element.getAttribute('data-result') ?? view.outputs.find((output) => output.element === element)?.pointer;
    const value = pointer && getAt(view.report, pointer);
    if (!pointer || done.has(pointer) || !shown(element) || value == null) continue;
    done.add(pointer);
    const needed = pointer.startsWith('/target/needed/');
    rows.push({
      section: sectionOf(element),
      label: needed ? `${view.t('colNeeded')}: ${labelOf(view, pointer)}` : labelOf(view, pointer),
      unit: SHEET_UNITS[displayKind(pointer)] ?? 'count',
      value: String(value),
      whatIf: withScenario && inWhatIf.has(pointer) ? String(getAt(view.scenario, pointer) ?? '') : null,
    });
  }
  // The sections' own rows (the Plan panel's months and weeks, the Progress panel's results so far).
  for (const name of shownModules(view.sections)) {
    const module = view.panels[name];
    if (module && 'exportRows' in module) rows.push(...module.exportRows(view));
  }
  return rows;
}

/**
 * Builds the spreadsheet of what is on screen and downloads it; the writer loads on the click.
 * @param {View} view
 */
async function downloadSheet(view) {
  await view.settled();
  const rows = sheetRows(view);
  const { downloadWorkbook } = await import('../export-sheet.js');
  await downloadWorkbook({ locale: view.locale, currency: view.state.currency, language: view.lang, title: view.t('title'), rows });
}

/** @param {View} view */
/**
 * The panel in the layout.
 * @param {View} view
 */
export const render = (view) => sharePanel(view);

/** @param {View} view */
function sharePanel(view) {
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
    'share-panel',
    'wide share',
    h('div', { class: 'buttons' }, button('copyLink', () => copyLink(view, status, manual)), h('button', { type: 'button', part: 'button', onclick: () => downloadSheet(view) }, sheetText(view.lang).button), button('print', () => window.print())),
    status,
    manual,
    h('p', { class: 'hint', text: t('privacy') }),
  );
}
