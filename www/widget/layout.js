// The whole widget for the current sections: its heading, notices, the article (article.js) or
// the dashboard of every panel (panel-grid.js), and a live region for screen readers.
import { article, panelGridLoaded } from './article.js';
import { h } from './dom.js';

/** @param {import('./view.js').CalculatorView} view */
export function layout(view) {
  const { heading, dashboard } = view.shape;
  // A dashboard's panels load before it is drawn (configure.js); until then it says so.
  const grid = panelGridLoaded();
  const title = heading || (dashboard ? view.t('title') : '');
  return [
    title && h('header', { class: 'head' }, h('h2', { class: 'title', part: 'title', text: title })),
    (view.notice = h('div', { class: 'notice', role: 'status', part: 'notice' })),
    !dashboard ? article(view) : grid ? grid.panelGrid(view, true) : h('p', { class: 'loading', text: view.t('loading') }),
    (view.live = h('p', { class: 'sr', role: 'status' })),
  ];
}
