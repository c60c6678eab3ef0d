// Reading the element's attributes, the model and what-if attributes and the state in a link
// into the view, then building it: on connection and after attribute changes.
import { loadEngine } from './engine.js';
import { loadFirstView } from './first-view.js';
import { h } from './dom.js';
import { loadText, moreText, translator } from './i18n.js';
import { loadEditing, loadModelAttributes, loadPanels, loadUrlState, needsFullEngine, needsPanels } from './lazy-parts.js';
import { drawnSections } from './sections.js';
import { loadDrawn, prefetchMore, showStartFailure } from './prepare.js';
import { likelyLang, readLocale, readSettings } from './settings.js';
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
  const read = readSettings(host);
  const modelAttribute = host.getAttribute('model');
  const whatIfAttribute = host.getAttribute('what-if');
  // A preset's example can be painted from its first view before the engine is there.
  const plain = first && modelAttribute === null && whatIfAttribute === null && !location.hash.includes('skc=');
  // The engine, the language and the first view load side by side, started before the locale is
  // read (settings.js, likelyLang).
  const firstLoad = plain ? loadFirstView(read.preset, read.sections) : null;
  const likely = read.sections.length ? read.sections : defaultSections(view.state?.preset ?? read.preset);
  // The full engine when the sections likely shown need it (lazy-parts.js). With a first view, its
  // bytes are fetched at once but compiled after that view has painted: compiled beside it, they
  // delayed that paint by 20–40 ms on two cores (bench/reader.mjs).
  let firstPainted = () => {};
  const painted = firstLoad ? new Promise((resolve) => (firstPainted = () => resolve(undefined))) : undefined;
  const ready = loadEngine(needsFullEngine(likely), read.wasmUrl, painted);
  ready.catch(() => {});
  // What the first draw needs starts loading now too (prepare.js waits for it), in the language
  // the locale most likely gives.
  const drawn = drawnSections(new Set(likely), view.everyPanelShown);
  const early = first ? likelyLang(host) : view.lang;
  Promise.all([first && loadText(early, 'first'), loadPanels(drawn, early), needsPanels(drawn) && moreText(early)]).catch(() => {});
  const settings = { ...read, ...readLocale(host, read.notes) };
  const invalid = (/** @type {string} */ name, /** @type {string} */ value) => settings.notes.push([name, value.slice(0, 80)]);
  view.locale = settings.locale;
  view.lang = settings.lang;
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
    view.firstView = firstLoad && (await firstLoad);
    if (!view.firstView) {
      firstPainted();
      [, attributes] = await Promise.all([ready, fresh && (modelAttribute ?? whatIfAttribute) !== null && loadModelAttributes()]);
    }
  } catch (error) {
    firstPainted();
    await showStartFailure(view, error);
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
    // Painted when the frame after it has begun; a page that draws no frames (a hidden tab, an
    // offscreen frame) gets its engine a quarter second later all the same.
    requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(firstPainted)));
    setTimeout(firstPainted, 250);
    // Painted, but not interactive until the engine has loaded and answered the same.
    view.root?.setAttribute('inert', '');
    ready.then(
      () => {
        view.firstView = null;
        view.root?.removeAttribute('inert');
        view.recompute();
        prefetchMore(view);
      },
      (error) => showStartFailure(view, error),
    );
  } else if (first) {
    await readHash(view, true);
    prefetchMore(view);
  } else if (await loadDrawn(view)) view.rebuild();
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
  if (await loadDrawn(view)) view.rebuild();
}
