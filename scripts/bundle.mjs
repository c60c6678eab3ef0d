// Bundles the widget for embedding: www/dist/ holds everything a host copies, minified.
//   dist/widget/sales-kpi-calculator.js   the entry (registers <sales-kpi-calculator>)
//   dist/widget/*.js                      lazily loaded panels and languages (code-split)
//   dist/pkg/sales_kpi.js, snippets/      the engine's JS glue
//   dist/pkg/sales_kpi_bg.wasm            the engine
// The engine comes from `engine`: by default www/pkg-embed, the engine scripts/build.mjs builds
// without the `plan` export, which the widget does not use yet (www/pkg when that is missing).
// The layout mirrors www/widget and www/pkg, so the widget's relative URLs
// (new URL('../pkg/...', import.meta.url)) hold in both, and no code is rewritten.
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

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

const embedEngine = () => (existsSync(join(www, 'pkg-embed', 'sales_kpi_bg.wasm')) ? join(www, 'pkg-embed') : join(www, 'pkg'));

export async function bundle({ engine = embedEngine() } = {}) {
  if (!existsSync(join(engine, 'sales_kpi_bg.wasm'))) {
    throw new Error(`${relative(root, engine)} is missing: build the engine first (npm run build)`);
  }
  rmSync(dist, { recursive: true, force: true });
  mkdirSync(dist, { recursive: true });
  const common = {
    format: 'esm',
    minify: true,
    target: 'es2022',
    legalComments: 'none',
    logLevel: 'warning',
    // The engine glue is loaded by URL at run time (so a trapped instance can be replaced
    // by a fresh one); esbuild rightly leaves that import alone.
    logOverride: { 'unsupported-dynamic-import': 'silent' },
  };
  await build({
    ...common,
    entryPoints: [join(www, 'widget', 'sales-kpi-calculator.js')],
    bundle: true,
    splitting: true,
    outdir: join(dist, 'widget'),
    entryNames: '[name]',
    chunkNames: '[name]-[hash]',
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
  return jsFiles(dist).map((file) => relative(root, file));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const files = await bundle();
  console.log(`[bundle] www/dist: ${files.length} JS files and the wasm`);
}
