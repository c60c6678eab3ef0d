// What the builder offers beside the widget bundle, written into www/dist/ after scripts/bundle.mjs:
//   dist/sales-kpi-resize.js      the iframe resize script for non-WordPress host pages (minified)
//   integrations/hugo/static/     the bundled widget and engine, as real files (build output)
//   integrations/hugo/data/       the reserved heights from www/widget/reserve.js and, for the other
//                                 shapes, integrations/hugo/reserve-measured.json (build output)
//   dist/sales-kpi-hugo.zip       the Hugo theme component, ready for a site's themes/ folder
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { zipSync } from 'fflate';
import { COLUMNS, HEIGHTS, reservedHeight } from '../www/widget/reserve.js';
import { SECTION_TABLE, SECTIONS } from '../www/widget/sections.js';
import { LICENSES } from './integrations.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const www = join(root, 'www');
const dist = join(www, 'dist');
export const HUGO = join(root, 'integrations', 'hugo');
export const HUGO_ZIP = join(dist, 'sales-kpi-hugo.zip');

/** The heights measured for the Hugo columns by integrations/wordpress/measure-reserve.mjs --hugo (committed; not shipped as it is). */
export const HUGO_MEASURED = join(HUGO, 'reserve-measured.json');

/**
 * The Hugo data file: per article column width, each preset's reserved height in the plain article
 * (`columns`, the widget's own table); and from the measurements, per column and preset, its height
 * with its own panels per shape, what a heading adds per layout and, where panels stack, the frame,
 * panel and pair table for chosen panels (`measured`), with the panel lists the shortcode needs to
 * read a `sections` value the way the widget does.
 */
export function hugoReserveData() {
  const columns = Object.fromEntries(COLUMNS.map((column) => [String(column), Object.fromEntries(Object.keys(HEIGHTS).map((preset) => [preset, reservedHeight(preset, column)]))]));
  return {
    column: 700,
    columns,
    panels: SECTIONS,
    withFunnel: SECTION_TABLE.filter((section) => section.fromFunnel).map((section) => section.token),
    lead: SECTION_TABLE.filter((section) => section.lead).map((section) => section.token),
    measured: JSON.parse(readFileSync(HUGO_MEASURED, 'utf8')).columns,
  };
}

function files(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

export async function packageEmbeds() {
  if (!existsSync(join(dist, 'widget', 'sales-kpi-calculator.js'))) throw new Error('www/dist is missing: run the bundle first');
  await build({ entryPoints: [join(www, 'sales-kpi-resize.js')], outfile: join(dist, 'sales-kpi-resize.js'), minify: true, target: 'es2020', legalComments: 'none', logLevel: 'warning' });

  // The component's static/ and data/ are build output (gitignored): copies, never links, so a
  // copied or zipped component is complete.
  const staticDir = join(HUGO, 'static', 'sales-kpi');
  rmSync(join(HUGO, 'static'), { recursive: true, force: true });
  rmSync(join(HUGO, 'data'), { recursive: true, force: true });
  // pkg-full/ is the engine with simulate and plan, for calculators that show the Uncertainty or Plan panel.
  for (const part of ['widget', 'pkg', 'pkg-full']) cpSync(join(dist, part), join(staticDir, part), { recursive: true, dereference: true });
  mkdirSync(join(HUGO, 'data'), { recursive: true });
  writeFileSync(join(HUGO, 'data', 'sales_kpi_reserve.json'), `${JSON.stringify(hugoReserveData(), null, 2)}\n`);

  hugoZip();
  return [relative(root, join(dist, 'sales-kpi-resize.js')), relative(root, HUGO_ZIP)];
}

/**
 * Zips the component (after packageEmbeds has filled its static/ and data/) to `out`, under
 * sales-kpi/, so that unzipping it in a site's themes/ gives themes/sales-kpi/; with the licenses.
 */
export function hugoZip(out = HUGO_ZIP) {
  const mtime = new Date('2026-01-01T00:00:00Z');
  const entries = {};
  for (const file of files(HUGO).filter((path) => path !== HUGO_MEASURED)) entries[`sales-kpi/${relative(HUGO, file).split('\\').join('/')}`] = [readFileSync(file), { mtime }];
  for (const name of LICENSES) entries[`sales-kpi/${name}`] = [readFileSync(join(root, name)), { mtime }];
  writeFileSync(out, zipSync(entries, { level: 9 }));
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const out = await packageEmbeds();
  console.log(`[embeds] ${out.map((f) => `${f} (${statSync(join(root, f)).size} B)`).join(', ')}`);
}
