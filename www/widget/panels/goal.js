// "What would it take?": for each funnel lever, the value that reaches the target with the rest
// unchanged (the engine's goal seek), or why no value can.
import { relativeChange } from '../decimal.js';
import { h } from '../dom.js';
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
  view.afterUpdate.push(() => {
    const target = view.shownModel.target;
    const lines = goalLines(view);
    const shown = target != null && lines;
    intro.textContent = shown ? t('goalIntro', { target: formatNumber(target, 'money', view.numberStyle) }) : t('noTarget');
    table.hidden = how.hidden = !shown;
    if (!shown) return;
    how.textContent = t('goalHow', { target: formatNumber(target, 'money', view.numberStyle), rev: formatNumber(view.report?.funnel.revenue, 'money', view.numberStyle), top: view.topLabel });
    body.replaceChildren(
      ...(lines ?? []).map((line) => {
        const kind = displayKind(line.lever);
        return h(
          'tr',
          {},
          h('th', { scope: 'row', text: labelOf(view, line.lever) }),
          h('td', { class: 'num', text: formatNumber(getAt(view.model, line.lever), kind, view.numberStyle) }),
          line.reason != null
            ? h('td', { colspan: '2', class: 'msg', 'data-solve': line.lever, 'data-value': '', text: line.reason })
            : [
                h('td', { class: 'num', 'data-solve': line.lever, 'data-value': line.value, text: formatNumber(line.value, kind, view.numberStyle) }),
                h('td', { class: 'num', text: line.change }),
              ],
        );
      }),
    );
  });
  return panel(view, 'pGoal', 'goal-panel', `goal${wide ? ' wide' : ''}`, intro, table, how);
}
