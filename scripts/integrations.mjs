// What the build writes for hosts beyond the two-line embed (run by scripts/build.mjs after the
// bundle, so www/dist/widget and www/dist/pkg exist):
//
//   www/dist/sales-kpi-wordpress.zip   the WordPress plugin: one folder sales-kpi-calculator/ with the PHP,
//                                      readme.txt, block.json, editor.js and the built widget, plus
//                                      widget-choices.json (the widget's sections and presets, see
//                                      widgetChoices) and block.json's preset list from the same
//   www/dist/embed.html (+ embed.js, page.js, site.css)
//                                      the iframe page, on the bundled widget
//   www/dist/e/<preset>/<locale>/<currency>/index.html and oembed.json
//                                      one oEmbed discovery page and response per setting, so a
//                                      pasted link keeps its settings on static hosting
//
// Discovery links must be absolute (WordPress uses the href verbatim), so the build needs the
// address where dist/ is published: SALES_KPI_SITE_URL (default http://127.0.0.1:8080/dist/, what
// `npm start` serves).
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { zipSync } from 'fflate';
import { translator } from '../www/widget/i18n.js';
import { elementOf, widgetManifest } from './manifest.mjs';
import { SECTION_TABLE } from '../www/widget/sections.js';
import { defaultSections, presetModel, PRESETS } from '../www/widget/state.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const WWW = join(ROOT, 'www');
const DIST = join(WWW, 'dist');
/** The plugin's folder, named by its WordPress.org slug (also its text domain). */
export const PLUGIN_SLUG = 'sales-kpi-calculator';
const PLUGIN_SOURCE = join(ROOT, 'integrations', 'wordpress', PLUGIN_SLUG);
export const PLUGIN_ZIP = join(DIST, 'sales-kpi-wordpress.zip');

/** The default address of dist/ when it is served by `npm start`. */
export const LOCAL_SITE_URL = 'http://127.0.0.1:8080/dist/';

// The settings a pasted link can carry in its path: the builder's own choices. "auto" leaves the
// attribute out (the reader's language; the language's currency). The presets are the widget's.
export { PRESETS };
export const LOCALES = ['auto', 'en-US', 'en-GB', 'nl-NL', 'nl-BE', 'da-DK'];
export const CURRENCIES = ['auto', 'EUR', 'DKK', 'USD', 'GBP', 'SEK', 'NOK', 'CHF'];

/** Width and height offered to oEmbed consumers: WordPress caps a frame at 1000 px. */
const FRAME = { width: 720, height: 1000 };

function files(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

/**
 * The plugin's reserved heights: its own reserve.json (the frame and each panel, measured by
 * integrations/wordpress/measure-reserve.mjs), with each preset's default-panel height from the
 * widget's own table (www/widget/reserve.js) for the column width reserve.json names.
 */
async function reserveTable() {
  const own = JSON.parse(readFileSync(join(PLUGIN_SOURCE, 'reserve.json'), 'utf8'));
  const source = join(WWW, 'widget', 'reserve.js');
  if (!existsSync(source)) return own;
  let reservedHeight;
  try {
    ({ reservedHeight } = await import(pathToFileURL(source).href));
  } catch (error) {
    console.warn(`[build] warning: www/widget/reserve.js does not load in Node (${error.message}); the plugin keeps its own reserve.json`);
    return own;
  }
  for (const preset of PRESETS) (own.presets[preset] ??= {}).default = reservedHeight(preset, own.column, null);
  return own;
}

/** The name in the plugin's folder of the lists that widgetChoices makes. */
export const CHOICES_FILE = 'widget-choices.json';

/**
 * The element's attributes as its JSDoc describes them (the Custom Elements Manifest, scripts/
 * manifest.mjs), in its order: each one's HTML name, the block attribute's (its property's), for
 * `'a' | 'b'` its values and its default when it has one, for `boolean` that it is one (present or not).
 */
export function widgetAttributes() {
  return elementOf(widgetManifest()).attributes.map((attribute) => {
    const type = attribute.type?.text ?? 'string';
    const values = [...type.matchAll(/'([^']*)'/g)].map((match) => match[1]);
    return {
      name: attribute.name,
      block: attribute.fieldName ?? attribute.name.replace(/-([a-z])/g, (_, letter) => letter.toUpperCase()),
      ...(values.length ? { values } : {}),
      ...(attribute.default ? { default: attribute.default } : {}),
      ...(type === 'boolean' ? { boolean: true } : {}),
    };
  });
}

/**
 * The widget's attributes, sections and presets, as the plugin needs them: the PHP validates
 * attributes and matches pasted links with them, the block editor's sidebar offers them (its
 * labels stay in editor.js, literal strings for the translation tools). Written from the widget's
 * own description (the element's JSDoc, sections.js's SECTION_TABLE, state.js's PRESETS), so a new
 * attribute, section or preset reaches the plugin without a copy. Stage names are the English
 * ones; the sidebar translates them.
 */
export async function widgetChoices() {
  const english = await translator('en');
  return {
    _comment: `Written by the build (scripts/integrations.mjs) from www/widget/sales-kpi-calculator.js, www/widget/sections.js and www/widget/state.js; do not edit.`,
    attributes: widgetAttributes(),
    sections: SECTION_TABLE.map((section) => ({ token: section.token, fromFunnel: Boolean(section.fromFunnel), lead: Boolean(section.lead) })),
    presets: PRESETS.map((preset) => ({
      name: preset,
      stages: presetModel(preset, english).funnel.stages.map((stage) => stage.name),
      sections: defaultSections(preset),
    })),
  };
}

/** The plugin's block.json with the widget's presets as the preset attribute's choices. */
function blockJson() {
  const block = JSON.parse(readFileSync(join(PLUGIN_SOURCE, 'block.json'), 'utf8'));
  block.attributes.preset.enum = PRESETS;
  return block;
}

/** What the plugin's source/ folder holds: what `npm run build` reads to make the plugin's built files. */
export const PLUGIN_SOURCES = ['src', 'examples', 'www', 'integrations', 'types', 'scripts', 'Cargo.toml', 'Cargo.lock', 'package.json', 'package-lock.json', 'README.md'];

/**
 * The files of PLUGIN_SOURCES that the repository tracks (so no build output), in git's order;
 * outside a git checkout, every file under them.
 */
function sourceFiles() {
  const listed = spawnSync('git', ['ls-files', '-z', '--', ...PLUGIN_SOURCES], { cwd: ROOT, encoding: 'utf8' });
  if (listed.status === 0 && listed.stdout) return listed.stdout.split('\0').filter(Boolean);
  return PLUGIN_SOURCES.flatMap((entry) => (statSync(join(ROOT, entry)).isDirectory() ? files(join(ROOT, entry)) : [join(ROOT, entry)])).map((path) => relative(ROOT, path));
}

/** The licenses every artifact carries (the project is MIT OR Apache-2.0). */
export const LICENSES = ['LICENSE-MIT', 'LICENSE-APACHE'];

/** Writes the plugin zip (to `out`, www/dist/ by default); returns its size in bytes. */
export async function wordpressZip(out = PLUGIN_ZIP) {
  const entries = {};
  const add = (path, base, prefix) => {
    entries[`${PLUGIN_SLUG}/${prefix}${relative(base, path).split('\\').join('/')}`] = [readFileSync(path), { mtime: new Date('2026-01-01T00:00:00Z') }];
  };
  for (const path of files(PLUGIN_SOURCE)) add(path, PLUGIN_SOURCE, '');
  for (const name of LICENSES) add(join(ROOT, name), ROOT, '');
  // The source of every built file, in the plugin itself (the plugin directory asks for human-
  // readable code or a link to it, and the project has no public address): the engine (Rust), the
  // calculator (JavaScript) and the build, with its lock files.
  // No PHP in it: the plugin's own PHP is its top level, and a web server would run any other.
  for (const file of sourceFiles().filter((name) => !name.endsWith('.php'))) add(join(ROOT, file), ROOT, 'source/');
  const table = await reserveTable();
  const written = (name, value) => {
    entries[`${PLUGIN_SLUG}/${name}`] = [new TextEncoder().encode(`${JSON.stringify(value, null, 1)}\n`), { mtime: new Date('2026-01-01T00:00:00Z') }];
  };
  written('reserve.json', table);
  written(CHOICES_FILE, await widgetChoices());
  written('block.json', blockJson());
  // The widget exactly as dist/ holds it: widget/, pkg/ and pkg-full/ (the engine with simulate and
  // plan, for the Uncertainty and Plan panels) side by side, so the module finds the .wasm beside
  // itself (../pkg/) inside the plugin's folder.
  for (const sub of ['widget', 'pkg', 'pkg-full']) for (const path of files(join(DIST, sub))) add(path, join(DIST, sub), `${sub}/`);
  const zip = zipSync(entries, { level: 9 });
  writeFileSync(out, zip);
  return zip.length;
}

const escapeHtml = (text) => text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The path of a setting's page below dist/, e.g. e/leads/da-DK/DKK/. */
export function settingsPath(preset, locale = 'auto', currency = 'auto') {
  return `e/${preset}/${locale}/${currency}/`;
}

function oembedDocument(site, path) {
  const page = `${site}${path}`;
  const title = 'Sales KPI calculator';
  // The blockquote is what makes WordPress load wp-embed.js (which sizes the frame); WordPress
  // adds its own classes, sandbox and a fresh secret. Other consumers show the iframe as it is.
  const html =
    `<blockquote class="wp-embedded-content" data-secret="saleskpi"><a href="${escapeHtml(page)}">${title}</a></blockquote>` +
    `<iframe class="wp-embedded-content" data-secret="saleskpi" src="${escapeHtml(page)}" title="${title}" ` +
    `width="${FRAME.width}" height="${FRAME.height}" frameborder="0" style="border:0;width:100%;max-width:${FRAME.width}px"></iframe>`;
  return {
    version: '1.0',
    type: 'rich',
    provider_name: 'sales-kpi',
    provider_url: site,
    title,
    width: FRAME.width,
    height: FRAME.height,
    cache_age: 86400,
    html,
  };
}

/** The embed page for one setting, made from www/embed.html. */
function settingsPage(template, site, preset, locale, currency) {
  const path = settingsPath(preset, locale, currency);
  let attrs = ` preset="${preset}"`;
  if (locale !== 'auto') attrs += ` locale="${locale}"`;
  if (currency !== 'auto') attrs += ` currency="${currency}"`;
  return template
    .replace('<html lang="en">', `<html lang="${locale === 'auto' ? 'en' : locale}">`)
    .replace('<meta charset="utf-8">', '<meta charset="utf-8">\n<base href="../../../../">')
    .replace(/(<link rel="alternate" type="application\/json\+oembed" href=")[^"]*"/, `$1${escapeHtml(`${site}${path}oembed.json`)}"`)
    .replace('<sales-kpi-calculator>', `<sales-kpi-calculator${attrs}>`);
}

/** Writes the iframe page and the oEmbed documents into dist/; returns how many settings. */
export function oembedDocuments(site = process.env.SALES_KPI_SITE_URL || LOCAL_SITE_URL) {
  if (!/^https?:\/\/[^/]+\/(.*\/)?$/.test(site)) throw new Error(`SALES_KPI_SITE_URL must be an http(s) URL ending in / (got ${site})`);
  const source = readFileSync(join(WWW, 'embed.html'), 'utf8');
  if (!source.includes(LOCAL_SITE_URL)) throw new Error(`www/embed.html's discovery link must start with ${LOCAL_SITE_URL}`);
  for (const marker of ['<html lang="en">', '<meta charset="utf-8">', '<sales-kpi-calculator>']) {
    if (!source.includes(marker)) throw new Error(`www/embed.html no longer holds ${marker}, which the setting pages are made from`);
  }
  writeFileSync(join(DIST, 'embed.html'), source.split(LOCAL_SITE_URL).join(site));
  for (const name of ['embed.js', 'page.js', 'site.css']) cpSync(join(WWW, name), join(DIST, name));
  let count = 0;
  for (const preset of PRESETS) {
    for (const locale of LOCALES) {
      for (const currency of CURRENCIES) {
        const path = settingsPath(preset, locale, currency);
        mkdirSync(join(DIST, path), { recursive: true });
        writeFileSync(join(DIST, path, 'index.html'), settingsPage(source, site, preset, locale, currency));
        writeFileSync(join(DIST, path, 'oembed.json'), `${JSON.stringify(oembedDocument(site, path), null, 1)}\n`);
        count += 1;
      }
    }
  }
  return count;
}
