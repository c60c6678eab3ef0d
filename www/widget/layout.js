// The whole widget for the current sections: title, notices, the panels in their grid, the
// footnote, and a live region for screen readers.
import { h } from './dom.js';
import { funnelPanel } from './panels/funnel.js';
import { goalPanel } from './panels/goal.js';
import { resultsPanel } from './panels/results.js';
import { whatIfPanel } from './panels/what-if.js';
import { shownModules } from './sections.js';

/** @param {import('./view.js').CalculatorView} view */
export function layout(view) {
  const { sections, panels } = view;
  const any = (/** @type {string[]} */ ...names) => names.some((name) => sections.has(name));
  return [
    h('header', { class: 'head' }, h('h2', { class: 'title', part: 'title', text: view.t('title') })),
    (view.notice = h('div', { class: 'notice', role: 'status', part: 'notice' })),
    h(
      'div',
      { class: 'grid' },
      any('funnel', 'target', 'velocity') && [funnelPanel(view), resultsPanel(view)],
      sections.has('whatif') && whatIfPanel(view),
      // A panel without a partner on its row takes the whole row.
      sections.has('goal') && goalPanel(view, !sections.has('sensitivity')),
      // The sections whose modules load on demand, in the table's order; a module that shows two
      // sections (retention and growth) is one panel.
      shownModules(sections).map((name) => panels[name]?.render(view, sections)),
    ),
    h('p', { class: 'foot', text: view.t('footnote') }),
    (view.live = h('p', { class: 'sr', role: 'status' })),
  ];
}
