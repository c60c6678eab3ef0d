// Issue #20's one-way data flow, read from the widget's source: only compute.js calls the engine;
// the modules that hold and check state, ask the engine and load parts never import a panel,
// even through another module; and what draws panels starts no load by itself (the loads it may
// start follow a reader's click, named below). tests/browser/widget-data-flow.test.mjs checks the
// same from a page.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';

const WIDGET = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'www', 'widget');

/** @param {string} dir @returns {string[]} */
const jsFiles = (dir) => readdirSync(dir).flatMap((name) => (statSync(join(dir, name)).isDirectory() ? jsFiles(join(dir, name)) : name.endsWith('.js') ? [join(dir, name)] : []));
const FILES = jsFiles(WIDGET);
const name = (file) => relative(WIDGET, file).split('\\').join('/');

/** The source without comments, where JSDoc's type imports live. */
const code = (file) =>
  readFileSync(file, 'utf8')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/(^|[^:'"`])\/\/.*$/gm, '$1');

/** The static imports of a file: [what it imports by name, the file imported]. */
function staticImports(file) {
  return [...code(file).matchAll(/^(?:import|export)\s+(?:\{([^}]*)\}|[\w*\s]+)?\s*(?:from\s+)?'(\.[^']+)'/gm)].map(([, names = '', path]) => ({
    names: names.split(',').map((part) => part.trim().split(/\s+as\s+/)[0]).filter(Boolean),
    file: resolve(dirname(file), path),
  }));
}

/** Every module a file loads with it, through static imports. */
function loadedWith(file, seen = new Set()) {
  for (const { file: imported } of staticImports(file)) {
    if (seen.has(imported)) continue;
    seen.add(imported);
    loadedWith(imported, seen);
  }
  return seen;
}

test('only compute.js imports the engine call (one evaluate per key press, and the runs the registry names)', () => {
  const callers = FILES.filter((file) => staticImports(file).some(({ names, file: imported }) => name(imported) === 'engine.js' && names.includes('call'))).map(name);
  assert.deepEqual(callers, ['compute.js']);
});

// The state, the checks of attributes and links, the request, the engine and the loaders.
const LOWER = ['state.js', 'url-state.js', 'model-attributes.js', 'model-check.js', 'link-shapes.js', 'settings.js', 'schema.js', 'sections.js', 'request.js', 'compute.js', 'engine.js', 'lazy-parts.js', 'i18n.js', 'first-view.js', 'outputs.js', 'editing.js'];

test('the lower layers never import a panel, even through another module', () => {
  for (const lower of LOWER) {
    const panels = [...loadedWith(join(WIDGET, lower))].map(name).filter((imported) => imported.startsWith('panels/'));
    assert.deepEqual(panels, [], `${lower} loads ${panels.join(', ')}`);
  }
});

test('checking attributes and links reads the schema; it does not ask the engine', () => {
  for (const checker of ['url-state.js', 'model-attributes.js', 'model-check.js', 'link-shapes.js']) {
    const engine = [...loadedWith(join(WIDGET, checker))].map(name).filter((imported) => imported.startsWith('engine'));
    assert.deepEqual(engine, [], checker);
  }
});

// What draws: the panels, the charts, the layouts and the outputs.
const DRAWING = FILES.filter((file) => /^(panels|charts)\//.test(name(file)) || ['layout.js', 'panel-grid.js', 'article.js', 'outputs.js'].includes(name(file)));
/** Loads a drawing module may start, each on a reader's action, not while it draws: imports and loaders called. */
const ON_A_CLICK = {
  'panels/share.js': { imports: ['../url-state.js', '../export-sheet.js'], loaders: [] }, // the link and the spreadsheet buttons
  'article.js': { imports: ['./panel-grid.js'], loaders: ['loadDrawn'] }, // opening "More"
};
const LOADERS = ['loadEditing', 'moreText', 'loadText', 'loadPanels', 'loadEngine', 'loadFormulas', 'loadWhatIfLevers', 'loadUrlState', 'loadModelAttributes', 'loadDrawn', 'prefetchMore'];

test('drawing starts no load: no import() but on a click, and no loader called', () => {
  assert.ok(DRAWING.length > 20, 'the drawing modules are found');
  for (const file of DRAWING) {
    const source = code(file);
    const loads = [...source.matchAll(/\bimport\(\s*'([^']+)'\s*\)/g)].map((match) => match[1]);
    assert.deepEqual(loads, ON_A_CLICK[name(file)]?.imports ?? [], `${name(file)} imports on its own`);
    const called = LOADERS.filter((loader) => new RegExp(`\\b${loader}\\(`).test(source.replace(/export const \w+ = \(lang\) => loadText\(/, '')));
    assert.deepEqual(called, ON_A_CLICK[name(file)]?.loaders ?? [], `${name(file)} calls a loader`);
  }
});

test('drawing writes no state: no panel assigns to view.state while it draws', () => {
  // A panel's own defaults are set before it is drawn (its initialState, configure.js); writes in
  // event handlers (oninput, onchange, a click) are the reader's input.
  for (const file of DRAWING) {
    const drawing = code(file).replace(/export function initialState\(view\) \{[\s\S]*?\n\}\n/, '');
    const defaults = [...drawing.matchAll(/view\.state\.\w+\s*\?\?=/g)].map((match) => match[0]);
    assert.deepEqual(defaults, [], name(file));
  }
});
