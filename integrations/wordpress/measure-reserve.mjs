// Measures the heights in the plugin's reserve.json: per preset, the calculator's frame and each
// panel, in a 650 px column (Twenty Twenty-Three's content width), English, 16 px sans-serif.
// The plugin reserves frame + the chosen panels + what two chosen panels add together, so that any
// choice of panels in the sidebar holds its place before the calculator renders. With the funnel
// the calculator is an article (the default layout): only the funnel's, the target's and the
// cycle's inputs take room, every other panel is behind its closed "More" row (the plugin counts
// only those three then). Run after the build, then commit the file:
//
//   node integrations/wordpress/measure-reserve.mjs
//
// tests/integrations/wordpress.test.mjs checks the result where it matters: the layout shift of
// real posts with these reservations.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { launchBrowser, openPage, ROOT, startServer } from '../../tests/browser/harness.mjs';
import { SECTION_TABLE, SECTIONS } from '../../www/widget/sections.js';
import { PRESETS } from '../../www/widget/state.js';

const FILE = join(ROOT, 'integrations', 'wordpress', 'sales-kpi-calculator', 'reserve.json');
const COLUMN = 650;
// Every panel, in the widget's order: the plugin adds up pairs in this order too.
const PANELS = SECTIONS;
// Panels computed from the funnel bring it along (parseSections in www/widget/state.js).
const WITH_FUNNEL = SECTION_TABLE.filter((section) => section.fromFunnel && section.token !== 'funnel').map((section) => section.token);

const server = await startServer();
const browser = await launchBrowser();
const { page, close } = await openPage(browser, null, { contextOptions: { viewport: { width: 1280, height: 800 } } });

/** Rendered heights of one calculator per `sections` value, all of one preset, once every panel has filled in. */
async function heights(preset, sectionsList) {
  const body = sectionsList.map((s) => `<div style="width:${COLUMN}px"><sales-kpi-calculator preset="${preset}" sections="${s}"></sales-kpi-calculator></div>`).join('');
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>m</title><script type="module" src="/dist/widget/sales-kpi-calculator.js"></script></head><body style="margin:0;font:16px sans-serif">${body}</body></html>`;
  await page.route(`${server.url}measure.html`, (route) => route.fulfill({ contentType: 'text/html', body: html }));
  await page.goto(`${server.url}measure.html`);
  await page.waitForFunction(() => [...document.querySelectorAll('sales-kpi-calculator')].every((e) => e.shadowRoot?.firstElementChild && !e.shadowRoot.firstElementChild.classList.contains('loading')), null, { timeout: 30_000 });
  // Late panels (plan, uncertainty) fill in after the first result.
  await page.waitForTimeout(2500);
  const result = await page.evaluate(() => [...document.querySelectorAll('sales-kpi-calculator')].map((e) => Math.round(e.getBoundingClientRect().height)));
  await page.unroute(`${server.url}measure.html`);
  return result;
}

const table = JSON.parse(readFileSync(FILE, 'utf8'));
table.column = COLUMN;
table.presets = {};
for (const preset of PRESETS) {
  const list = [...PANELS, 'retention share'];
  const measured = await heights(preset, list);
  const single = Object.fromEntries(PANELS.map((panel, i) => [panel, measured[i]]));
  const frame = single.retention + single.share - measured[list.length - 1];
  const panels = {};
  for (const panel of PANELS) panels[panel] = WITH_FUNNEL.includes(panel) ? single[panel] - single.funnel : single[panel] - frame;
  // What a pair adds beyond its two panels (more than a line's worth only).
  const additive = (words) => frame + [...new Set(words.some((w) => WITH_FUNNEL.includes(w)) ? ['funnel', ...words] : words)].reduce((sum, w) => sum + panels[w], 0);
  const pairs = PANELS.flatMap((a, i) => PANELS.slice(i + 1).map((b) => [a, b]));
  const together = await heights(preset, pairs.map((pair) => pair.join(' ')));
  const extra = {};
  pairs.forEach((pair, i) => {
    const more = together[i] - additive(pair);
    if (Math.abs(more) > 12) extra[pair.join(' ')] = more;
  });
  table.presets[preset] = { default: 0, frame, panels, pairs: extra };
  console.log(preset, JSON.stringify(table.presets[preset]));
}
writeFileSync(FILE, `${JSON.stringify(table, null, 1)}\n`);
await close();
await browser.close();
await server.close();
