// "What would it take?": for each funnel lever, the value that reaches the target with the rest
// unchanged (the engine's goal seek), or why no value can.
import { relativeChange } from '../decimal.js';
import { h, setAttr, setText } from '../dom.js';
import { formatNumber } from '../format.js';
import { panel, tableBox } from '../form.js';
import { displayKind, labelOf } from '../pointer-display.js';
import { getAt } from '../state.js';

/**
 * @typedef {import('../view.js').CalculatorView} View
 * @typedef {{ lever: string, value?: string, change?: string, reason?: string }} GoalLine
 */

/**
 * The engine's answers as lines: the value needed and its change, or why no value can (in the
 * editing module's words, loaded before an answer with an error is shown). The top of the funnel
 * is a count of people: its goal is the engine's whole count backwards from whole deals
 * (report.target.needed.top), the number the results panel gives for the same question.
 * @param {View} view
 * @returns {GoalLine[] | null}
 */
export function goalLines(view) {
  if (!view.goals) return null;
  const { asked, answers } = view.goals;
  const { editing } = view;
  const model = view.shownModel;
  const wholeTop = view.report?.target?.needed?.top;
  return asked.map(({ lever }, index) => {
    const answer = lever === '/funnel/top' && wholeTop != null ? { value: /** @type {string} */ (wholeTop) } : answers[index];
    if (answer && 'value' in answer) {
      const change = relativeChange(answer.value, getAt(model, lever));
      return { lever, value: answer.value, change: change == null ? '—' : formatNumber(change, 'percentSigned', view.numberStyle) };
    }
    return { lever, reason: editing && answer ? editing.noSolutionText(editing.problemOf(answer.error), view.t, view, lever) : '' };
  });
}

/**
 * @param {View} view
 * @param {boolean} wide
 */
export function goalPanel(view, wide) {
  const { t } = view;
  const intro = h('p', { class: 'hint' });
  const how = h('p', { class: 'hint' });
  const body = h('tbody');
  const table = tableBox(t('pGoal'), [t('colLever'), t('colNow'), t('colNeeded'), t('colChange')], body);
  let shownShape = '';
  view.afterUpdate.push(() => {
    const target = view.shownModel.target;
    const lines = goalLines(view);
    const shown = target != null && lines;
    intro.textContent = shown ? t('goalIntro', { target: formatNumber(target, 'money', view.numberStyle) }) : t('noTarget');
    table.hidden = how.hidden = !shown;
    if (!shown) return;
    how.textContent = t('goalHow', { target: formatNumber(target, 'money', view.numberStyle), rev: formatNumber(view.report?.funnel.revenue, 'money', view.numberStyle), top: view.topLabel });
    // The rows are made again only when their levers or their kind (a value or a reason) change;
    // a key press changes their numbers, set in place.
    const shape = JSON.stringify([lines.map((line) => [line.lever, line.reason != null]), view.lang]);
    if (shape !== shownShape) {
      shownShape = shape;
      body.replaceChildren(...lines.map((line) => h('tr', {}, h('th', { scope: 'row' }), h('td', { class: 'num' }), line.reason != null ? h('td', { colspan: '2', class: 'msg', 'data-solve': line.lever, 'data-value': '' }) : [h('td', { class: 'num', 'data-solve': line.lever }), h('td', { class: 'num' })])));
    }
    lines.forEach((line, index) => {
      const [lever, now, needed, change] = /** @type {HTMLElement[]} */ ([...(body.rows[index]?.cells ?? [])]);
      const kind = displayKind(line.lever);
      setText(lever, labelOf(view, line.lever));
      setText(now, formatNumber(getAt(view.model, line.lever), kind, view.numberStyle));
      if (line.reason != null) setText(needed, line.reason);
      else {
        setText(needed, formatNumber(line.value, kind, view.numberStyle));
        setAttr(needed, 'data-value', line.value ?? '');
        setText(change, line.change ?? '');
      }
    });
  });
  return panel(view, 'pGoal', 'goal-panel', `goal${wide ? ' wide' : ''}`, intro, table, how);
}
