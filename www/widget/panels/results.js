// "Results": revenue, deals and conversion, the target's attainment, what it takes to reach it,
// the velocity, and the funnel chart with its table.
import { funnelChart } from '../charts/funnel-chart.js';
import { h, setAttr, setText } from '../dom.js';
import { formatNumber } from '../format.js';
import { panel, tableBox } from '../form.js';
import { resultRow } from '../outputs.js';
import { stageNoun } from '../pointer-display.js';

/** @typedef {import('../view.js').CalculatorView} View */

/**
 * "To reach the target you need 16,000 visitors, 400 meetings and 80 deals", each count marked.
 * @param {View} view
 */
function neededRow(view) {
  const { t } = view;
  const stageCount = view.model.funnel.stages.length;
  const counts = [h('span', { class: 'n', 'data-result': '/target/needed/top' })];
  for (let index = 0; index < stageCount; index++) counts.push(h('span', { class: 'n', 'data-result': `/target/needed/stages/${index}/count` }));
  const sentence = h('span', { class: 'k' });
  const how = h('p', { class: 'how' });
  const row = h('details', { class: 'res needed', part: 'result' }, h('summary', {}, sentence), how);
  const fill = () => row.open && view.explain(how, '/target/needed');
  row.addEventListener('toggle', fill);
  const list = new Intl.ListFormat(view.lang, { type: 'conjunction' });
  let shownSentence = '';
  view.afterUpdate.push(() => {
    /** @type {{ top: string | null, stages: { name: string, count: string | null }[] } | undefined} */
    const needed = view.report?.target?.needed;
    if (row.hidden !== !needed) row.hidden = !needed;
    if (!needed) return;
    const values = [needed.top, ...needed.stages.map((stage) => stage.count)];
    const names = [view.topNoun, ...needed.stages.map((_, index) => stageNoun(view, index))];
    values.forEach((value, i) => {
      const count = counts[i];
      if (!count) return;
      setText(count, formatNumber(value, 'count', view.numberStyle));
      setAttr(count, 'data-value', value ?? '');
    });
    // The sentence is made again only when its words change; the counts in it are updated above.
    const key = JSON.stringify([values.map((value) => value === null), names, view.lang]);
    if (key === shownSentence) return fill();
    shownSentence = key;
    if (values.includes(null)) {
      sentence.replaceChildren(view.t('neededNone'));
      fill();
      return;
    }
    // The list is formatted with placeholders, which are then replaced by the marked counts.
    const items = list.formatToParts(values.map((_, i) => `\u0001${i}`));
    const [before = '', after = ''] = t('needed').split('{list}');
    sentence.replaceChildren(
      before,
      ...items.flatMap((part) => {
        if (part.type !== 'element') return [part.value];
        const index = Number(part.value.slice(1));
        return [counts[index] ?? '', ` ${names[index]}`];
      }),
      after,
    );
    fill();
  });
  return row;
}

/**
 * @param {View} view
 * @param {boolean} [staleNote] whether the panel says when results are stale (the article says it under its answer)
 */
export function resultsPanel(view, staleNote = true) {
  const { t, sections } = view;
  const body = h('tbody');
  const chart = h('div', { class: 'chart', part: 'chart' });
  let shownRows = '';
  let shownLang = '';
  view.afterUpdate.push(() => {
    const report = view.report;
    if (!report) return;
    /** @type {import('../charts/funnel-chart.js').FunnelRow[]} */
    const rows = [
      { label: view.topLabel, count: view.model.funnel.top },
      ...report.funnel.stages.map((/** @type {{ name: string, count: string, rate: string }} */ stage) => ({ label: stage.name, count: stage.count, rate: stage.rate })),
    ];
    const key = JSON.stringify(rows);
    view.draw(chart, key, (width) => funnelChart(width, rows, view));
    if (key === shownRows && view.lang === shownLang) return;
    shownRows = key;
    shownLang = view.lang;
    body.replaceChildren(
      ...rows.map((row) =>
        h(
          'tr',
          {},
          h('th', { scope: 'row', text: row.label }),
          h('td', { class: 'num', text: formatNumber(row.count, 'count', view.numberStyle) }),
          h('td', { class: 'num', text: row.rate ? formatNumber(row.rate, 'percent', view.numberStyle) : '' }),
        ),
      ),
    );
  });
  return panel(
    view,
    'pResults',
    'results-panel',
    'results',
    staleNote && (view.staleNote = h('p', { class: 'stale-note' })),
    sections.has('funnel') && [
      resultRow(view, '/funnel/revenue', { big: true }),
      resultRow(view, '/funnel/deals'),
      resultRow(view, '/funnel/conversion'),
      h('div', { class: 'sub' }, view.model.funnel.stages.map((_, i) => resultRow(view, `/funnel/stages/${i}/count`))),
    ],
    sections.has('target') && [
      resultRow(view, '/target/attainment'),
      resultRow(view, '/target/gap'),
      resultRow(view, '/target/dealsNeeded'),
      sections.has('funnel') && neededRow(view),
    ],
    sections.has('velocity') && resultRow(view, '/velocity/perDay'),
    sections.has('funnel') && [
      chart,
      h('p', { class: 'hint', text: t('funnelChart') }),
      h('details', { class: 'alt' }, h('summary', { text: t('showTable') }), tableBox(t('funnelChart'), [t('colStep'), t('colCount'), t('colRate')], body)),
    ],
  );
}
