// The first result before the engine: with the .wasm held back, each preset's default view is
// painted from the build's first view (computed by the engine natively) and is not interactive;
// once the .wasm arrives the widget becomes interactive and shows exactly the same, number for
// number. A view that is not the default (a model attribute) waits for the engine as before.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { openPage, useBrowser, waitForIdle } from './harness.mjs';

const env = useBrowser({ before, after });
const W = 'sales-kpi-calculator';

const host = (entry, attrs) => `<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>Host</title><script type="module" src="${entry}"></script></head>
<body><main><h1>An article</h1><${W} ${attrs}></${W}></main></body></html>`;

/**
 * Everything the widget shows: each value with its text, the whole text, and the charts. The Plan
 * panel (leads and outbound) is left out: it plans with the engine's `plan`, which no first view
 * holds, so it says it is loading until the engine is there (checked below).
 */
const shown = (page) =>
  page.evaluate((tag) => {
    const root = /** @type {Element} */ (document.querySelector(tag)?.shadowRoot?.querySelector('.root')?.cloneNode(true));
    root.querySelector('[data-section=pPlan]')?.remove();
    return {
      values: [...root.querySelectorAll('[data-value]')].map((element) => [element.getAttribute('data-result') ?? element.getAttribute('data-solve') ?? element.tagName, element.getAttribute('data-value'), element.textContent]),
      text: root.textContent,
      charts: [...root.querySelectorAll('svg')].map((svg) => svg.outerHTML),
    };
  }, W);

/**
 * Opens a host page whose .wasm requests are held until `release` is called.
 * @param {string} name
 * @param {string} body
 */
async function withWasmHeld(name, body) {
  const opened = await openPage(env.browser, null);
  /** @type {(() => Promise<void>)[]} */
  const held = [];
  let wasmServed = false;
  await opened.page.route('**/*.wasm', (route) => {
    held.push(async () => {
      wasmServed = true;
      await route.continue();
    });
  });
  await opened.page.route(`${env.server.url}${name}`, (route) => route.fulfill({ contentType: 'text/html', body }));
  await opened.page.goto(`${env.server.url}${name}`);
  const release = async () => {
    await opened.page.unroute('**/*.wasm');
    for (const go of held) await go();
  };
  return { ...opened, release, wasmServed: () => wasmServed, held };
}

for (const entry of ['/widget/sales-kpi-calculator.js', '/dist/widget/sales-kpi-calculator.js']) {
  // The article (the default: its answer) and the dashboard (every panel) alike, and the article
  // with every section (sections="all", its own first view; the panels wait behind "More").
  for (const [preset, layout, sections] of ['inbound', 'outbound', 'leads', 'unit-economics'].flatMap((preset) => [
    [preset, 'article', ''],
    [preset, 'dashboard', ''],
    [preset, 'article', 'all'],
  ])) {
    test(`${entry}, ${preset}, ${layout}${sections ? `, sections="${sections}"` : ''}: the first view is painted before the .wasm and equals the engine's, number for number`, async () => {
      const attributes = `preset="${preset}" locale="en-US" layout="${layout}"${sections ? ` sections="${sections}"` : ''}`;
      const { page, pageErrors, consoleErrors, close, release, wasmServed, held } = await withWasmHeld(`first-${preset}-${layout}-${sections || 'own'}.html`, host(entry, attributes));
      try {
        await page.locator(`${W} [data-result="/funnel/revenue"][data-value]`).waitFor();
        // The rest of the text and the deferred work have come, all but the held .wasm.
        await waitForIdle(page, { ignore: /\.wasm$/ });
        assert.equal(wasmServed(), false, 'painted while the .wasm was held back');
        assert.ok(held.length >= 1, 'the .wasm was asked for');
        assert.equal(await page.locator(W).evaluate((element) => element.shadowRoot?.querySelector('.root')?.hasAttribute('inert')), true, 'not interactive yet');
        if (layout === 'dashboard') await page.locator(`${W} [data-section=pResults]`).waitFor();
        const before = await shown(page);
        // A Plan panel shows no number before the engine can plan.
        const planText = await page.locator(`${W} [data-section=pPlan]`).evaluateAll((panels) => panels.map((panel) => panel.querySelector('.sentence')?.textContent ?? ''));
        for (const text of planText) assert.doesNotMatch(text, /\d/, `the Plan panel before the engine: ${text}`);
        // Outputs of sections the view does not show stay empty, here and after.
        const painted = before.values.filter(([, value]) => value !== '');
        if (layout === 'dashboard') {
          assert.ok(painted.length > 5, `values painted: ${painted.length}`);
        } else {
          // The answer, every number of it (three without a target, five with one), and nothing behind "More".
          assert.deepEqual(painted, before.values, 'every number of the answer painted');
          assert.ok(painted.length >= 3, `values painted: ${painted.length}`);
        }
        assert.ok(painted.some(([key]) => key === '/funnel/revenue'));
        await release();
        await page.waitForFunction((tag) => {
          const root = document.querySelector(tag)?.shadowRoot?.querySelector('.root');
          return root && !root.hasAttribute('inert');
        }, W);
        await waitForIdle(page);
        assert.equal(wasmServed(), true);
        assert.deepEqual(await shown(page), before);
        // Interactive now: typing changes the results.
        const top = page.locator(`${W} input[data-field="/funnel/top"]`);
        const topValue = Number((await top.inputValue()).replace(/\D/g, ''));
        await top.fill(String(topValue * 2));
        await page.locator(`${W} [data-result="/funnel/revenue"][data-value="${Number(before.values.find(([key]) => key === '/funnel/revenue')?.[1]) * 2}"]`).waitFor();
        assert.deepEqual(pageErrors, []);
        assert.deepEqual(consoleErrors, []);
      } finally {
        await close();
      }
    });
  }
}

test('a model attribute is not the default view: nothing is painted until the engine answers', async () => {
  const model = JSON.stringify({ funnel: { top: '100', stages: [{ name: 'deals', rate: '0.5' }], dealSize: '10' } }).replaceAll('"', '&quot;');
  const { page, close, release } = await withWasmHeld('first-model.html', host('/widget/sales-kpi-calculator.js', `model="${model}"`));
  try {
    // Everything but the held .wasm has arrived and run: what is painted now is painted without it.
    await waitForIdle(page, { ignore: /\.wasm$/ });
    assert.equal(await page.locator(`${W} [data-result="/funnel/revenue"][data-value]`).count(), 0);
    await release();
    await page.locator(`${W} [data-result="/funnel/revenue"][data-value="500"]`).waitFor();
  } finally {
    await close();
  }
});
