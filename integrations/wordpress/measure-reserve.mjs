// Measures the heights in the plugin's reserve.json: per preset and per shape (the layout, with
// or without editable stages), the calculator's frame and each panel, in a 650 px column (Twenty
// Twenty-Three's content width), English, 16 px sans-serif; and per layout what a heading adds.
// The plugin reserves frame + the chosen panels + what two chosen panels add together, from the
// table of the calculator's shape, so that any choice of panels, layout and stage editing in the
// sidebar holds its place before the calculator renders. In an article (the default layout) with
// the funnel, only the lead sections' inputs (the funnel's, the target's, the cycle's) take room,
// every other panel is behind its closed "More" row (the plugin counts only those then). Run after
// the build, then commit the file:
//
//   node integrations/wordpress/measure-reserve.mjs
//
// With --hugo it measures the same, the same way, for the Hugo shortcode's columns (reserve.js's
// COLUMNS) into integrations/hugo/reserve-measured.json, which the build turns into the theme
// component's data file (scripts/embeds.mjs, hugoReserveData): per column, each preset's height
// per shape with its own panels, what a heading adds, and (where the panels stack in one column,
// below the dashboard grid's two-column step at 720 px, styles.js) the frame, panel and pair
// table for chosen panels. Twice as wide a dashboard puts panels side by side: no sum holds there.
//
// tests/integrations/wordpress.test.mjs and tests/integrations/hugo.test.mjs check the results
// where it matters: the layout shift of real posts with these reservations, and each reservation
// within 5 % of the rendered height.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { launchBrowser, openPage, ROOT, startServer, waitForIdle } from '../../tests/browser/harness.mjs';
import { SECTION_TABLE, SECTIONS } from '../../www/widget/sections.js';
import { COLUMNS } from '../../www/widget/reserve.js';
import { LAYOUTS } from '../../www/widget/settings.js';
import { defaultSections, PRESETS } from '../../www/widget/state.js';

const FILE = join(ROOT, 'integrations', 'wordpress', 'sales-kpi-calculator', 'reserve.json');
const HUGO_FILE = join(ROOT, 'integrations', 'hugo', 'reserve-measured.json');
const COLUMN = 650;
/** The dashboard's grid puts two panels side by side from this container width on (styles.js): sums of panels hold below it only. */
const TWO_COLUMN_GRID = 720;
// Every panel, in the widget's order: the plugin adds up pairs in this order too.
const PANELS = SECTIONS;
// Panels computed from the funnel bring it along (parseSections in www/widget/state.js).
const WITH_FUNNEL = SECTION_TABLE.filter((section) => section.fromFunnel && section.token !== 'funnel').map((section) => section.token);
/** The shapes a table is measured for: each layout, without and with editable stages (the names the plugin looks them up by). */
const SHAPES = LAYOUTS.flatMap((layout) => [layout, `${layout} editable-stages`]);
/** A heading of one line, for what a heading adds. */
const HEADING = 'Our sales funnel';

const server = await startServer();
const browser = await launchBrowser();
const { page, close } = await openPage(browser, null, { contextOptions: { viewport: { width: 1280, height: 800 } } });

/** The element's attributes for a shape such as "dashboard editable-stages". */
const shapeAttributes = (shape) => {
  const [layout, ...flags] = shape.split(' ');
  return `layout="${layout}"${flags.map((flag) => ` ${flag}`).join('')}`;
};

/** Rendered heights of one calculator per attribute string, all of one preset, in a `column` px column, once every panel has filled in. */
async function heights(preset, attributeList, column) {
  const body = attributeList.map((attributes) => `<div style="width:${column}px"><sales-kpi-calculator preset="${preset}" ${attributes}></sales-kpi-calculator></div>`).join('');
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>m</title><script type="module" src="/dist/widget/sales-kpi-calculator.js"></script></head><body style="margin:0;font:16px sans-serif">${body}</body></html>`;
  await page.route(`${server.url}measure.html`, (route) => route.fulfill({ contentType: 'text/html', body: html }));
  await page.goto(`${server.url}measure.html`);
  await page.waitForFunction(
    () => [...document.querySelectorAll('sales-kpi-calculator')].every((e) => e.shadowRoot?.querySelector('[data-result][data-value], [data-section]') && !e.shadowRoot.querySelector('.loading')),
    null,
    { timeout: 60_000 },
  );
  // Late panels (plan, uncertainty) fill in after the first result.
  await waitForIdle(page, { timeout: 60_000 });
  await page.waitForTimeout(1000);
  const result = await page.evaluate(() => [...document.querySelectorAll('sales-kpi-calculator')].map((e) => Math.round(e.getBoundingClientRect().height)));
  await page.unroute(`${server.url}measure.html`);
  return result;
}

/** One preset's table for one shape in a `column` px column: the frame, each panel, and what pairs add beyond their two panels. */
async function shapeTable(preset, shape, column) {
  const attributes = shapeAttributes(shape);
  const list = [...PANELS, 'retention share'];
  const measured = await heights(
    preset,
    list.map((sections) => `${attributes} sections="${sections}"`),
    column,
  );
  const single = Object.fromEntries(PANELS.map((panel, i) => [panel, measured[i]]));
  const frame = single.retention + single.share - measured[list.length - 1];
  const panels = {};
  for (const panel of PANELS) panels[panel] = WITH_FUNNEL.includes(panel) ? single[panel] - single.funnel : single[panel] - frame;
  // What a pair adds beyond its two panels (more than a line's worth only).
  const additive = (words) => frame + [...new Set(words.some((w) => WITH_FUNNEL.includes(w)) ? ['funnel', ...words] : words)].reduce((sum, w) => sum + panels[w], 0);
  const pairs = PANELS.flatMap((a, i) => PANELS.slice(i + 1).map((b) => [a, b]));
  const together = await heights(
    preset,
    pairs.map((pair) => `${attributes} sections="${pair.join(' ')}"`),
    column,
  );
  const extra = {};
  pairs.forEach((pair, i) => {
    const more = together[i] - additive(pair);
    if (Math.abs(more) > 12) extra[pair.join(' ')] = more;
  });
  return { frame, panels, pairs: extra };
}

/** What a one-line heading adds over the preset's own panels, per layout (a dashboard has a title anyway), in a `column` px column. */
async function headingTable(preset, column) {
  const sections = defaultSections(preset).join(' ');
  const withHeading = await heights(
    preset,
    LAYOUTS.flatMap((layout) => [`layout="${layout}" sections="${sections}"`, `layout="${layout}" sections="${sections}" heading="${HEADING}"`]),
    column,
  );
  return Object.fromEntries(LAYOUTS.map((layout, i) => [layout, withHeading[2 * i + 1] - withHeading[2 * i]]));
}

/** The preset's height with its own panels, per shape, in a `column` px column. */
async function ownTable(preset, column) {
  const measured = await heights(
    preset,
    SHAPES.map((shape) => shapeAttributes(shape)),
    column,
  );
  return Object.fromEntries(SHAPES.map((shape, i) => [shape, measured[i]]));
}

if (process.argv.includes('--hugo')) {
  const table = {
    _comment:
      'Height (CSS px) reserved by the Hugo shortcode, per column of reserve.js\'s COLUMNS: per preset its height with its own panels per shape, what a heading adds per layout, and (below the dashboard grid\'s two-column step) per shape the frame, each panel and what pairs add, for chosen panels; measured by integrations/wordpress/measure-reserve.mjs --hugo. The build writes it into the component\'s data file.',
    columns: {},
  };
  for (const column of COLUMNS) {
    const presets = {};
    for (const preset of PRESETS) {
      const row = { own: await ownTable(preset, column), heading: await headingTable(preset, column) };
      if (column < TWO_COLUMN_GRID) {
        row.shapes = {};
        for (const shape of SHAPES) row.shapes[shape] = await shapeTable(preset, shape, column);
      }
      presets[preset] = row;
      console.log(column, preset, JSON.stringify({ own: row.own, heading: row.heading }));
    }
    table.columns[column] = presets;
  }
  writeFileSync(HUGO_FILE, `${JSON.stringify(table, null, 1)}\n`);
} else {
  const table = JSON.parse(readFileSync(FILE, 'utf8'));
  table.column = COLUMN;
  table.presets = {};
  for (const preset of PRESETS) {
    const row = { default: 0, shapes: {}, heading: {} };
    for (const shape of SHAPES) row.shapes[shape] = await shapeTable(preset, shape, COLUMN);
    row.heading = await headingTable(preset, COLUMN);
    table.presets[preset] = row;
    console.log(preset, JSON.stringify(row));
  }
  writeFileSync(FILE, `${JSON.stringify(table, null, 1)}\n`);
}
await close();
await browser.close();
await server.close();
