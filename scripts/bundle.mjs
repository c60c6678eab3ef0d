// Bundles the widget for embedding: www/dist/ holds everything a host copies, minified.
//   dist/widget/sales-kpi-calculator.js   the entry (registers <sales-kpi-calculator>)
//   dist/widget/*.js                      lazily loaded panels and languages (code-split)
//   dist/widget/export-sheet.js           the spreadsheet export, loaded on its button's click
//   dist/pkg/sales_kpi.js, snippets/      the small engine's JS glue (www/pkg-embed/)
//   dist/pkg/sales_kpi_bg.wasm            the small engine, `evaluate` alone
//   dist/pkg-full/                        the full engine (www/pkg-full/), also with `simulate`,
//                                         `plan` and `progress`, for the Uncertainty, Plan and
//                                         Progress panels (widget/engine.js upgrades to it)
//   dist/sales-kpi-resize.js, dist/sales-kpi-hugo.zip   see scripts/embeds.mjs
//   dist/embed.html, dist/e/, dist/sales-kpi-wordpress.zip   scripts/integrations.mjs
//   dist/custom-elements.json             the element's Custom Elements Manifest (scripts/manifest.mjs)
// The engines are the ones the unbundled widget loads in development, www/pkg-embed and
// www/pkg-full (scripts/build.mjs), so what is tried is what ships. The layout mirrors www/, so
// the widget's relative URLs (new URL('../pkg-full/...', import.meta.url)) hold in both, except
// for one name: the small engine ships as dist/pkg/, the published layout (README, the
// integrations), and engine.js's references to ../pkg-embed/ are pointed there.
import { readFile } from 'node:fs/promises';
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { vendor } from './vendor.mjs';
import { packageEmbeds } from './embeds.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const www = join(root, 'www');
const dist = join(www, 'dist');

function jsFiles(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return jsFiles(path);
    return name.endsWith('.js') ? [path] : [];
  });
}

// esbuild puts each module shared between the entry and the lazily loaded parts into a chunk per
// combination of importers: nine small files for the widget. Giving every lazily loaded module
// (not the text tables) the view and its configuration, and so the whole first view, as a
// dependency makes that one shared chunk: a first view loads the entry and one chunk. The
// sources are unchanged. Which modules load lazily is what the widget's own import() calls say
// (lazyModules), not a list kept here.
const FIRST_VIEW = ['view.js', 'configure.js'].map((name) => join(www, 'widget', name));
/** @param {Set<string>} lazy the absolute paths of the lazily loaded modules */
const oneSharedChunk = (lazy) => ({
  name: 'one-shared-chunk',
  setup(build) {
    build.onLoad({ filter: /\.js$/ }, async ({ path }) =>
      lazy.has(path)
        ? {
            contents: `${FIRST_VIEW.map((module) => `import ${JSON.stringify(module)};\n`).join('')}${await readFile(path, 'utf8')}`,
            loader: 'js',
            resolveDir: dirname(path),
          }
        : undefined,
    );
  },
});

/**
 * The widget's modules that load on demand, as esbuild finds them: the targets of the widget's
 * dynamic import() calls, less the text tables (i18n.js's parts, data any module may need), the
 * engines' files and the entries. A panel added to sections.js's MODULES is in it with nothing else to change.
 * @returns {Promise<Set<string>>} absolute paths
 */
export async function lazyModules() {
  const { metafile } = await build({ ...WIDGET_ENTRIES, bundle: true, write: false, metafile: true, format: 'esm', splitting: true, outdir: join(dist, 'widget'), logLevel: 'silent', plugins: [engineGlueApart, smallEngineShipped] });
  const widget = join(www, 'widget');
  const lazy = new Set();
  for (const [importer, { imports }] of Object.entries(metafile.inputs)) {
    if (importer.endsWith('widget/i18n.js')) continue;
    for (const { path, kind, external } of imports) {
      const absolute = join(root, path);
      if (kind === 'dynamic-import' && !external && absolute.startsWith(`${widget}/`) && !WIDGET_ENTRIES.entryPoints.includes(absolute)) lazy.add(absolute);
    }
  }
  return lazy;
}

// The engine's generated schema (www/pkg/sales_kpi_schema.js) also describes the planning options
// and lists every error code, which the widget does not read. The widget's modules that import it
// (schema.js, model-check.js, …) read it as `schema.<key>`; the bundle keeps the keys read there
// and drops the rest.
const SCHEMA = /[\\/]pkg[\\/]sales_kpi_schema\.js$/;
const schemaKeysRead = {
  name: 'schema-keys-read',
  setup(build) {
    build.onLoad({ filter: SCHEMA }, async ({ path }) => {
      const text = await readFile(path, 'utf8');
      const schema = JSON.parse(text.slice(text.indexOf('{'), text.lastIndexOf('}') + 1));
      const sources = await Promise.all(jsFiles(join(www, 'widget')).map((file) => readFile(file, 'utf8')));
      const reader = sources.filter((source) => source.includes('sales_kpi_schema.js')).join('\n');
      const read = new Set([...reader.matchAll(/\bschema\.(\w+)/g)].map((match) => match[1]));
      const kept = Object.fromEntries(Object.entries(schema).filter(([key]) => read.has(key)));
      return { contents: `export default ${JSON.stringify(kept)};`, loader: 'js' };
    });
  },
};

// The engines' glue stays a file of its own beside the bundle (dist/pkg/, dist/pkg-full/), imported
// by the same literal specifier as in the source: a page loads only the engine it needs, and a
// bundler of the npm package's widget (Vite, esbuild) still follows the import (engine.js).
const ENGINE_GLUE = /^\.\.\/pkg(-full)?\/sales_kpi\.js$/;
const engineGlueApart = {
  name: 'engine-glue-apart',
  setup(build) {
    build.onResolve({ filter: ENGINE_GLUE }, ({ path }) => ({ path, external: true }));
  },
};

// The small engine's folder in the source (www/pkg-embed/) and in dist/ (dist/pkg/).
const SMALL_ENGINE_SOURCE = '../pkg-embed/';
const SMALL_ENGINE_DIST = '../pkg/';
const ENGINE_LOADER = /[\\/]widget[\\/]engine\.js$/;
const smallEngineShipped = {
  name: 'small-engine-shipped',
  setup(build) {
    build.onLoad({ filter: ENGINE_LOADER }, async ({ path }) => {
      const text = await readFile(path, 'utf8');
      if (!text.includes(SMALL_ENGINE_SOURCE)) throw new Error(`${relative(root, path)} no longer names ${SMALL_ENGINE_SOURCE}: update scripts/bundle.mjs`);
      return { contents: text.replaceAll(SMALL_ENGINE_SOURCE, SMALL_ENGINE_DIST), loader: 'js', resolveDir: dirname(path) };
    });
  },
};

// The export is an entry of its own too, so dist/widget/export-sheet.js exists under that name
// before and after the share panel imports it (import('./export-sheet.js')).
const WIDGET_ENTRIES = { entryPoints: [join(www, 'widget', 'sales-kpi-calculator.js'), join(www, 'widget', 'export-sheet.js')] };

export async function bundle({ engine = join(www, 'pkg-embed'), fullEngine = join(www, 'pkg-full') } = {}) {
  for (const folder of [engine, fullEngine]) {
    if (!existsSync(join(folder, 'sales_kpi_bg.wasm'))) throw new Error(`${relative(root, folder)} is missing: build the engines first (npm run build)`);
  }
  rmSync(dist, { recursive: true, force: true });
  mkdirSync(dist, { recursive: true });
  // The third-party modules the widget imports by relative URL (www/vendor/, generated).
  await vendor();
  const common = {
    format: 'esm',
    minify: true,
    target: 'es2022',
    legalComments: 'none',
    // Text in UTF-8 rather than \x and \u escapes: fewer bytes for the Danish and Dutch texts.
    charset: 'utf8',
    logLevel: 'warning',
  };
  const lazy = await lazyModules();
  await build({
    ...common,
    ...WIDGET_ENTRIES,
    bundle: true,
    splitting: true,
    outdir: join(dist, 'widget'),
    entryNames: '[name]',
    chunkNames: '[name]-[hash]',
    plugins: [oneSharedChunk(lazy), schemaKeysRead, engineGlueApart, smallEngineShipped],
  });
  // The glue and its snippets are minified file by file, keeping their names and layout.
  const pkg = engine;
  const glue = jsFiles(pkg).filter((file) => !file.endsWith('.d.ts'));
  await build({
    ...common,
    entryPoints: glue,
    outdir: join(dist, 'pkg'),
    outbase: pkg,
    bundle: false,
  });
  cpSync(join(pkg, 'sales_kpi_bg.wasm'), join(dist, 'pkg', 'sales_kpi_bg.wasm'));
  // Uncertainty, Plan and Progress panels: the full engine (www/pkg-full) beside the small one, minified alike.
  await build({ ...common, entryPoints: jsFiles(fullEngine).filter((file) => !file.endsWith('_schema.js')), outdir: join(dist, 'pkg-full'), outbase: fullEngine, bundle: false });
  cpSync(join(fullEngine, 'sales_kpi_bg.wasm'), join(dist, 'pkg-full', 'sales_kpi_bg.wasm'));
  const files = jsFiles(dist).map((file) => relative(root, file));
  // The iframe resize script and the Hugo component (its static/, data/ and zip) follow every bundle.
  await packageEmbeds();
  // The embed page, the oEmbed documents and the WordPress plugin zip are part of every dist/.
  const { oembedDocuments, wordpressZip } = await import('./integrations.mjs');
  oembedDocuments();
  await wordpressZip();
  // The element's Custom Elements Manifest, which the npm package ships (scripts/manifest.mjs).
  const { writeManifest } = await import('./manifest.mjs');
  writeManifest();
  return files;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const files = await bundle();
  console.log(`[bundle] www/dist: ${files.length} JS files and the wasm`);
}
