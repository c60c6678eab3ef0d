// The parts a first view does not need, each loaded on first use by a dynamic import (the bundler
// makes each its own file): the sections' modules with their styles (sections.js), the what-if's
// other levers, the formulas, and reading state from attributes and links.
import { MODULES, sectionOf, shownModules } from './sections.js';
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

/**
 * The section modules (sections.js), each loaded once.
 * @type {{ [Name in keyof typeof MODULES]: typeof MODULES[Name] }}
 */
const sectionLoaders = /** @type {any} */ (Object.fromEntries(Object.entries(MODULES).map(([name, load]) => [name, once(load)])));
export const loadWhatIfLevers = once(() => import('./panels/what-if-levers.js'));
export const loadFormulas = once(() => import('./formulas.js'));
export const loadUrlState = once(() => import('./url-state.js'));
export const loadModelAttributes = once(() => import('./model-attributes.js'));
export const loadEditing = once(() => import('./editing.js'));

/**
 * The section modules by name, as their loaders resolve.
 * @typedef {{ [Name in keyof typeof MODULES]?: Awaited<ReturnType<typeof MODULES[Name]>> }} Panels
 */

/** @param {Iterable<string>} sections */
const shownSections = (sections) => [...sections].map(sectionOf).filter((section) => section !== undefined);

/**
 * Whether these sections need the full engine (www/pkg-full): those that run `simulate`, `plan`
 * or `progress` (sections.js's `runs`).
 * @param {Iterable<string>} sections
 */
export const needsFullEngine = (sections) => shownSections(sections).some((section) => section.runs);

/**
 * Loads the modules of the sections shown, each with its own text in this language when it has
 * some; resolves to them by name (absent when not shown).
 * @param {Iterable<string>} sections
 * @param {string} [lang]
 * @returns {Promise<Panels>}
 */
export async function loadPanels(sections, lang = 'en') {
  const modules = await Promise.all(
    shownModules(new Set(sections)).map(async (name) => {
      const module = await sectionLoaders[name]();
      // A module with text of its own (plan-text-xx.js) loads it in the reader's language.
      await /** @type {{ loadText?: (lang: string) => Promise<void> }} */ (/** @type {unknown} */ (module)).loadText?.(lang);
      return /** @type {const} */ ([name, module]);
    }),
  );
  return Object.fromEntries(modules);
}

/**
 * Whether any section needs the rest of the language's text (more-xx.js) with its module: the
 * Plan and Progress panels have their own (plan-text-xx.js).
 * @param {Iterable<string>} sections
 */
export const needsPanels = (sections) => shownSections(sections).some((section) => section.moreText);
