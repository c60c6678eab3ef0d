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
// tests/integrations/wordpress.test.mjs checks the result where it matters: the layout shift of
// real posts with these reservations, and each reservation within 5 % of the rendered height.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { launchBrowser, openPage, ROOT, startServer, waitForIdle } from '../../tests/browser/harness.mjs';
import { SECTION_TABLE, SECTIONS } from '../../www/widget/sections.js';
import { LAYOUTS } from '../../www/widget/settings.js';
import { defaultSections, PRESETS } from '../../www/widget/state.js';

const FILE = join(ROOT, 'integrations', 'wordpress', 'sales-kpi-calculator', 'reserve.json');
const COLUMN = 650;
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

/** Rendered heights of one calculator per attribute string, all of one preset, once every panel has filled in. */
async function heights(preset, attributeList) {
  const body = attributeList.map((attributes) => `<div style="width:${COLUMN}px"><sales-kpi-calculator preset="${preset}" ${attributes}></sales-kpi-calculator></div>`).join('');
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

/** One preset's table for one shape: the frame, each panel, and what pairs add beyond their two panels. */
async function shapeTable(preset, shape) {
  const attributes = shapeAttributes(shape);
  const list = [...PANELS, 'retention share'];
  const measured = await heights(
    preset,
    list.map((sections) => `${attributes} sections="${sections}"`),
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
  );
  const extra = {};
  pairs.forEach((pair, i) => {
    const more = together[i] - additive(pair);
    if (Math.abs(more) > 12) extra[pair.join(' ')] = more;
  });
  return { frame, panels, pairs: extra };
}

const table = JSON.parse(readFileSync(FILE, 'utf8'));
table.column = COLUMN;
table.presets = {};
for (const preset of PRESETS) {
  const row = { default: 0, shapes: {}, heading: {} };
  for (const shape of SHAPES) row.shapes[shape] = await shapeTable(preset, shape);
  // A heading over the preset's own panels, in each layout (a dashboard has a title anyway).
  const sections = defaultSections(preset).join(' ');
  const withHeading = await heights(
    preset,
    LAYOUTS.flatMap((layout) => [`layout="${layout}" sections="${sections}"`, `layout="${layout}" sections="${sections}" heading="${HEADING}"`]),
  );
  LAYOUTS.forEach((layout, i) => (row.heading[layout] = withHeading[2 * i + 1] - withHeading[2 * i]));
  table.presets[preset] = row;
  console.log(preset, JSON.stringify(row));
}
writeFileSync(FILE, `${JSON.stringify(table, null, 1)}\n`);
await close();
await browser.close();
await server.close();
