// Loading what a draw needs before it draws (drawing loads nothing): the modules of the sections
// drawn now, with their own text, the rest of the language's text they use, the panel grid, and
// the full engine when one of them runs what only it has. Sections behind the article's closed
// "More" row are not drawn, so a first screen waits for none of them; they load when it opens.
import { loadPanelGrid } from './article.js';
import { h } from './dom.js';
import { loadEngine } from './engine.js';
import { moreText, textKey } from './i18n.js';
import { loadPanels, needsFullEngine, needsPanels } from './lazy-parts.js';
import { drawnSections } from './sections.js';

/** @typedef {import('./view.js').CalculatorView} View */

/**
 * Loads what drawing the sections drawn now needs (sections.js, drawnSections).
 * @param {View} view
 * @returns {Promise<boolean>} false when the engine could not load (the failure is shown instead)
 */
export async function loadDrawn(view) {
  const drawn = drawnSections(view.sections, view.everyPanelShown);
  const full = needsFullEngine(drawn) ? loadEngine(true) : null;
  const panels = loadPanels(drawn, view.lang);
  const grid = view.everyPanelShown && loadPanelGrid();
  if (needsPanels(drawn)) await moreText(view.lang);
  [view.panels] = await Promise.all([panels, grid]);
  // The state of a section drawn for the first time starts from its module's defaults.
  for (const module of Object.values(view.panels)) /** @type {{ initialState?: (view: View) => void }} */ (module).initialState?.(view);
  // A first view is drawn from the build's numbers while the engine loads (configure.js waits for it).
  if (full && !view.firstView) {
    try {
      await full;
    } catch (error) {
      await showStartFailure(view, error);
      return false;
    }
  }
  return true;
}

/**
 * Fetches, without waiting, the modules and text of the sections behind the article's "More"
 * row, once the first screen is drawn and the engine answers, so that opening it waits on little
 * but the panel grid. The grid itself, the formulas and the other lazily loaded parts still load
 * on first use (tests/browser/widget-dist.test.mjs).
 * @param {View} view
 */
export function prefetchMore(view) {
  if (view.shape.dashboard) return;
  Promise.all([loadPanels(view.sections, view.lang), needsPanels(view.sections) && moreText(view.lang)]).catch(() => {});
}

/**
 * The engine could not start: said inside the widget, in the reader's language, with the file
 * that failed and the likely cause when the error names one (start-failure.js).
 * @param {View} view
 * @param {unknown} error
 */
export async function showStartFailure(view, error) {
  const why = error instanceof Error ? error.message : String(error);
  const [failure] = await Promise.all([
    import('./start-failure.js').then(({ startFailure }) => startFailure(error)).catch(() => null),
    moreText(view.lang).catch(() => {}),
  ]);
  const t = view.t;
  const text = failure ? t('engineFileFail', { url: failure.url, cause: t(textKey('cause', failure.cause), { status: failure.status ?? '', type: failure.type ?? '', wanted: failure.wanted ?? '' }) }) : t('engineFail', { why });
  view.host.shadowRoot.replaceChildren(h('p', { class: 'notice fatal', role: 'alert', text }));
}
