// Reading the element's attributes, the model and what-if attributes and the state in a link
// into the view, then building it: on connection and after attribute changes.
import { loadEngine } from './engine.js';
import { loadFirstView } from './first-view.js';
import { loadPanelGrid } from './article.js';
import { h } from './dom.js';
import { moreText, textKey, translator } from './i18n.js';
import { loadEditing, loadModelAttributes, loadPanels, loadUrlState, needsPanels, needsFullEngine } from './lazy-parts.js';
import { readSettings } from './settings.js';
import { defaultSections, defaultState } from './state.js';

/** @typedef {import('./view.js').CalculatorView} View */

/**
 * Reads the attributes and (re)builds; `fresh` starts from the preset and the model and
 * what-if attributes again.
 * @param {View} view
 * @param {boolean} first
 * @param {boolean} fresh
 */
export async function configure(view, first, fresh) {
  const host = view.host;
  const settings = readSettings(host);
  const invalid = (/** @type {string} */ name, /** @type {string} */ value) => settings.notes.push([name, value.slice(0, 80)]);
  view.locale = settings.locale;
  view.lang = settings.lang;
  const modelAttribute = host.getAttribute('model');
  const whatIfAttribute = host.getAttribute('what-if');
  // The default view of a preset can be painted from its first view before the engine is there.
  const plain = first && modelAttribute === null && whatIfAttribute === null && !settings.sections.length && !location.hash.includes('skc=');
  // The engine, the language and the first view load side by side.
  const firstLoad = plain ? loadFirstView(settings.preset) : null;
  const likely = settings.sections.length ? settings.sections : defaultSections(view.state?.preset ?? settings.preset);
  // The full engine when the sections likely shown need it (lazy-parts.js).
  const ready = loadEngine(needsFullEngine(likely), settings.wasmUrl);
  ready.catch(() => {});
  const was = view.t;
  const t = (view.t = await translator(view.lang));
  // Stage names the reader never changed follow a change of language.
  if (view.state) (await loadEditing()).renameStages(view.state, was, t);
  // Editing's texts are in the rest of the language.
  if (view.editing) await moreText(view.lang).catch(() => {});
  if (!view.state) host.shadowRoot.replaceChildren(h('p', { class: 'loading', text: t('loading') }));
  fresh ||= first || !view.state;
  /** @type {typeof import('./model-attributes.js') | false} */
  let attributes = false;
  try {
    // Start fetching the panels now when they will surely be needed.
    if (needsPanels(likely)) Promise.all([loadPanels(likely, view.lang), moreText(view.lang)]).catch(() => {});
    else if (needsFullEngine(likely)) loadPanels(likely, view.lang).catch(() => {}); // the Plan panel, not in needsPanels
    view.firstView = firstLoad && (await firstLoad);
    if (!view.firstView) [, attributes] = await Promise.all([ready, fresh && (modelAttribute ?? whatIfAttribute) !== null && loadModelAttributes()]);
  } catch (error) {
    await fail(view, error);
    return;
  }
  if (fresh) {
    view.state = defaultState(settings.preset, settings.currency, t);
    // A model or what-if attribute replaces the example's, where the engine accepts it.
    if (attributes) attributes.applyAttributes(view.state, modelAttribute, whatIfAttribute, invalid);
  }
  view.state.currency = settings.currency;
  view.sections = new Set(settings.sections.length ? settings.sections : defaultSections(view.state.preset));
  if (settings.notes.length) await moreText(view.lang).catch(() => {});
  view.notes = settings.notes.map(([name, value]) => t('badAttr', { name, value }));
  if (first && view.firstView) {
    await readHash(view, true);
    // Painted, but not interactive until the engine has loaded and answered the same.
    view.root?.setAttribute('inert', '');
    ready.then(
      () => {
        view.firstView = null;
        view.root?.removeAttribute('inert');
        view.recompute();
      },
      (error) => fail(view, error),
    );
  } else if (first) await readHash(view, true);
  else if (await loadShownPanels(view)) view.rebuild();
}

/**
 * The engine could not start: said inside the widget, in the reader's language, with the file
 * that failed and the likely cause when the error names one (start-failure.js).
 * @param {View} view
 * @param {unknown} error
 */
async function fail(view, error) {
  const why = error instanceof Error ? error.message : String(error);
  const [failure] = await Promise.all([
    import('./start-failure.js').then(({ startFailure }) => startFailure(error)).catch(() => null),
    moreText(view.lang).catch(() => {}),
  ]);
  const t = view.t;
  const text = failure ? t('engineFileFail', { url: failure.url, cause: t(textKey('cause', failure.cause), { status: failure.status ?? '', type: failure.type ?? '', wanted: failure.wanted ?? '' }) }) : t('engineFail', { why });
  view.host.shadowRoot.replaceChildren(h('p', { class: 'notice fatal', role: 'alert', text }));
}

/**
 * Loads what drawing the sections needs, before they are drawn (drawing loads nothing): their
 * panels with their own text, the rest of the language's text they use, a dashboard's panel grid,
 * and the full engine when one of them runs what only it has.
 * @param {View} view
 * @returns {Promise<boolean>} false when the engine could not load (the failure is shown instead)
 */
async function loadShownPanels(view) {
  const full = needsFullEngine(view.sections) ? loadEngine(true) : null;
  const panels = loadPanels(view.sections, view.lang);
  const grid = view.shape.dashboard && loadPanelGrid();
  if (needsPanels(view.sections)) await moreText(view.lang);
  [view.panels] = await Promise.all([panels, grid]);
  // The state of a section shown for the first time starts from its module's defaults.
  for (const module of Object.values(view.panels)) /** @type {{ initialState?: (view: View) => void }} */ (module).initialState?.(view);
  // A first view is drawn from the build's numbers while the engine loads (configure waits for it).
  if (full && !view.firstView) {
    try {
      await full;
    } catch (error) {
      await fail(view, error);
      return false;
    }
  }
  return true;
}

/**
 * Loads the state in the URL fragment, after checking it the way the engine checks input.
 * @param {View} view
 * @param {boolean} [first]
 */
export async function readHash(view, first) {
  const urlState = location.hash.includes('skc=') ? await loadUrlState().catch(() => null) : null;
  const value = urlState?.hashValue(location.hash);
  if (value && value !== view.written) {
    const state = await urlState?.readState(value);
    if (state) {
      view.state = state;
      if (!view.host.getAttribute('sections')) view.sections = new Set(defaultSections(state.preset));
    } else {
      await moreText(view.lang).catch(() => {});
      view.notes.push(view.t('badLink'));
    }
  } else if (!first) return;
  if (await loadShownPanels(view)) view.rebuild();
}
