// Every panel of the sections shown, in their grid: the dashboard (layout="dashboard", the
// planner) shows it at once with the funnel's panel; the article shows it behind its "More" row,
// without the funnel's panel (its inputs are above), and loads this module when that is opened.
import { h } from './dom.js';
import { funnelPanel } from './panels/funnel.js';
import { goalPanel } from './panels/goal.js';
import { resultsPanel } from './panels/results.js';
import { whatIfPanel } from './panels/what-if.js';
import { shownModules } from './sections.js';

/**
 * @param {import('./view.js').CalculatorView} view
 * @param {boolean} withFunnel
 */
export function panelGrid(view, withFunnel) {
  const { sections, panels } = view;
  const any = (/** @type {string[]} */ ...names) => names.some((name) => sections.has(name));
  return [
    h(
      'div',
      { class: 'grid' },
      any('funnel', 'target', 'velocity') && [withFunnel && funnelPanel(view), resultsPanel(view, withFunnel)],
      sections.has('whatif') && whatIfPanel(view),
      // A panel without a partner on its row takes the whole row.
      sections.has('goal') && goalPanel(view, !sections.has('sensitivity')),
      // The sections whose modules load on demand, in the table's order; a module that shows two
      // sections (retention and growth) is one panel.
      shownModules(sections).map((name) => panels[name]?.render(view, sections)),
    ),
    // How numbers are rounded matters where the exact ones can be taken away: the link and the
    // spreadsheet (the share panel).
    sections.has('share') && h('p', { class: 'foot', text: view.t('footnoteShare') }),
  ];
}
