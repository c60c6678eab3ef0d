// The parts a first view does not need, each loaded on first use by a dynamic import (the bundler
// makes each its own file): the rarely shown panels with their styles, the what-if's other
// levers, the formulas, and reading state from attributes and links.
import { addCss } from './styles.js';

/**
 * Loads a module once and adds its styles, if it has any, to the shared sheet.
 * @template Module
 * @param {() => Promise<Module>} load
 * @returns {() => Promise<Module>}
 */
function once(load) {
  /** @type {Promise<Module> | undefined} */
  let loading;
  return () =>
    (loading ??= load().then((module) => {
      const { css } = /** @type {{ css?: string[] }} */ (module);
      if (css) addCss(css);
      return module;
    }));
}

export const loadSensitivity = once(() => import('./panels/sensitivity.js'));
export const loadUncertainty = once(() => import('./panels/uncertainty.js'));
export const loadEconomics = once(() => import('./panels/economics.js'));
export const loadRetention = once(() => import('./panels/retention.js'));
export const loadShare = once(() => import('./panels/share.js'));
export const loadWhatIfLevers = once(() => import('./panels/what-if-levers.js'));
export const loadFormulas = once(() => import('./formulas.js'));
export const loadUrlState = once(() => import('./url-state.js'));
export const loadModelAttributes = once(() => import('./model-attributes.js'));
export const loadEditing = once(() => import('./editing.js'));
// The Plan panel (branch plan-panel): its module, its language's text, and the engine with `plan`.
export const loadPlan = once(() => import('./panels/plan.js'));
// The Progress panel (issue #22): its module, the planning text it shares with the Plan panel, and the engine with `progress`.
export const loadProgress = once(() => import('./panels/progress.js'));

/**
 * Whether these sections need the full engine (www/pkg-full), with `plan` and `simulate`: the one
 * place that says so.
 * @param {Iterable<string>} sections
 */
export const needsFullEngine = (sections) => [...sections].some((section) => section === 'plan' || section === 'progress' || section === 'uncertainty');

/** The sections whose panels, or (velocity) whose words, are in parts loaded on demand. */
const LAZY_SECTIONS = ['sensitivity', 'uncertainty', 'economics', 'retention', 'growth', 'share', 'velocity'];

/**
 * Loads the panels the sections show; resolves to them by name (absent when not shown).
 * @param {Iterable<string>} sections
 * @param {string} [lang] the Plan panel's text is loaded with it, in this language
 */
export async function loadPanels(sections, lang = 'en') {
  const shown = new Set(sections);
  const want = (/** @type {string[]} */ ...names) => names.some((name) => shown.has(name));
  const [sensitivity, uncertainty, economics, retention, share, plan, progress] = await Promise.all([
    want('sensitivity') ? loadSensitivity() : undefined,
    want('uncertainty') ? loadUncertainty() : undefined,
    want('economics') ? loadEconomics() : undefined,
    want('retention', 'growth') ? loadRetention() : undefined,
    want('share') ? loadShare() : undefined,
    want('plan') ? loadPlan().then(async (module) => (await module.loadPlanText(lang), module)) : undefined,
    want('progress') ? loadProgress().then(async (module) => (await module.loadPlanText(lang), module)) : undefined,
  ]);
  return { sensitivity, uncertainty, economics, retention, share, plan, progress };
}

/** @typedef {Partial<Awaited<ReturnType<typeof loadPanels>>>} Panels */

/**
 * Whether any section needs a panel that loads on demand, with the rest of the language's text
 * (the Plan and Progress panels have their own, plan-text-xx.js, and are not among them).
 * @param {Iterable<string>} sections
 */
export const needsPanels = (sections) => [...sections].some((section) => LAZY_SECTIONS.includes(section));
