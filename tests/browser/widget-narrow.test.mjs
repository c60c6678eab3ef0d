// The finished widget on a phone (390 px) and a desktop (1280 px), in Danish, for every preset and
// with every panel: nothing sticks out of the calculator's width, and no table row wraps into
// more than one line (tables scroll sideways inside their own box instead). Every table is opened
// first, so its rows are laid out and measured.
// Screenshots for review: a temporary folder, or tests/screenshots/ with --update-screenshots.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { nextFrame, openPage, screenshot, useBrowser, waitForIdle } from './harness.mjs';
import { ready, W } from './widget-page.mjs';

const env = useBrowser({ before, after });

const host = (attributes) => `<!doctype html><html lang="da"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>Host</title><style>body{margin:8px}</style><script type="module" src="widget/sales-kpi-calculator.js"></script></head>
<body><main><${W} ${attributes} locale="da-DK"></${W}></main></body></html>`;

const PAGES = {
  inbound: 'preset="inbound"',
  outbound: 'preset="outbound"',
  leads: 'preset="leads"',
  'unit-economics': 'preset="unit-economics"',
  pacing: 'preset="pacing"',
  all: 'preset="leads" sections="all"',
};

/** Resolves once the calculator has computed: its revenue, or (pacing: the Progress panel alone) its verdict. */
const computed = (page, name) => (name === 'pacing' ? page.locator(`${W} .progress .verdict`).filter({ hasText: /\d/ }).waitFor() : ready(page));

/**
 * What breaks the layout, measured in the page: elements outside the calculator's box (a table's
 * cells may lie outside the box they scroll in, the box itself may not), and table rows whose
 * cells fold onto several lines or whose text wraps.
 */
function layoutProblems() {
  const calculator = document.querySelector('sales-kpi-calculator');
  const root = calculator.shadowRoot;
  const box = calculator.getBoundingClientRect();
  const name = (element) => `${element.tagName.toLowerCase()}${element.className && typeof element.className === 'string' ? `.${element.className.trim().split(/\s+/).join('.')}` : ''} “${(element.textContent ?? '').trim().slice(0, 30)}”`;
  const outside = [];
  for (const element of root.querySelectorAll('*')) {
    if (element.closest('.tbox table') || element.parentElement?.closest('svg')) continue;
    if (element.classList.contains('sr') || !element.getClientRects().length) continue;
    const rect = element.getBoundingClientRect();
    if (rect.width === 0 && rect.height === 0) continue;
    if (rect.left < box.left - 0.5 || rect.right > box.right + 0.5) outside.push(`${name(element)}: ${Math.round(rect.left)}–${Math.round(rect.right)} outside ${Math.round(box.left)}–${Math.round(box.right)}`);
  }
  const wrapped = [];
  let rows = 0;
  for (const row of root.querySelectorAll('.tbox tr')) {
    if (!row.getClientRects().length) continue;
    rows++;
    const cells = [...row.children].filter((cell) => cell.getClientRects().length);
    const tops = cells.map((cell) => cell.getBoundingClientRect().top);
    if (Math.max(...tops) - Math.min(...tops) > 1) wrapped.push(`${name(row)}: its cells fold onto ${new Set(tops.map(Math.round)).size} lines`);
    for (const cell of cells) {
      if (cell.classList.contains('msg') || !cell.textContent.trim()) continue;
      const range = document.createRange();
      range.selectNodeContents(cell);
      const lines = new Set([...range.getClientRects()].filter((rect) => rect.width > 0).map((rect) => Math.round(rect.bottom)));
      if (lines.size > 1) wrapped.push(`${name(cell)}: ${lines.size} lines`);
    }
  }
  const pageOverflow = document.documentElement.scrollWidth - document.documentElement.clientWidth;
  return { outside, wrapped, rows, pageOverflow };
}

for (const [page, attributes] of Object.entries(PAGES)) {
  for (const width of [390, 1280]) {
    test(`${page} in Danish at ${width} px: nothing wider than the calculator, table rows on one line`, async () => {
      const { page: tab, pageErrors, close } = await openPage(env.browser, null, { contextOptions: { locale: 'da-DK', viewport: { width, height: 900 }, reducedMotion: 'reduce' } });
      try {
        await tab.route(`${env.server.url}narrow.html`, (route) => route.fulfill({ contentType: 'text/html', body: host(attributes) }));
        await tab.goto(`${env.server.url}narrow.html`);
        await computed(tab, page);
        await waitForIdle(tab);
        // Every table open, so each row is laid out (the sensitivity table fills when opened).
        const opened = await tab.locator(`${W} details.alt`).evaluateAll((all) => all.filter((details) => !details.hidden).map((details) => (details.open = true)).length);
        await nextFrame(tab);
        await waitForIdle(tab);
        await screenshot(tab, `narrow-${page}-${width}`, { fullPage: true });
        const { outside, wrapped, rows, pageOverflow } = await tab.evaluate(layoutProblems);
        assert.ok(rows > 0, `no table row measured (${opened} tables opened)`);
        assert.deepEqual(outside, [], 'elements outside the calculator');
        assert.ok(pageOverflow <= 0, `the page scrolls sideways by ${pageOverflow} px`);
        if (width === 390) assert.deepEqual(wrapped, [], 'table rows on more than one line');
        assert.deepEqual(pageErrors, []);
      } finally {
        await close();
      }
    });
  }
}
