// Issue #20's one-way data flow, as a page sees it: a key press is one `evaluate` (plus one run of
// each shown section that runs plan or progress), and nothing is fetched while results are shown.
// The engine's calls are counted at the WebAssembly instance the glue gets, so the widget is not
// changed for the test.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { openPage, useBrowser, waitForIdle } from './harness.mjs';
import { W, expectValue, input, resultsFrame } from './widget-page.mjs';

const env = useBrowser({ before, after });

/** Counts each call of the engine's exported functions, by name, in `window.engineCalls`. */
function countEngineCalls() {
  const counted = ['evaluate', 'plan', 'progress', 'simulate'];
  /** @type {Record<string, number>} */
  const calls = (window.engineCalls = {});
  const wrap = (result) => {
    const exports = {};
    for (const [name, value] of Object.entries(result.instance.exports)) {
      exports[name] = counted.includes(name) && typeof value === 'function' ? (...args) => ((calls[name] = (calls[name] ?? 0) + 1), value(...args)) : value;
    }
    return { module: result.module, instance: { exports } };
  };
  const streaming = WebAssembly.instantiateStreaming.bind(WebAssembly);
  WebAssembly.instantiateStreaming = async (...args) => wrap(await streaming(...args));
}

const host = (attributes) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Host</title>` +
  `<script type="module" src="/widget/sales-kpi-calculator.js"></script></head>` +
  `<body><${W} ${attributes}></${W}></body></html>`;

async function serve(page, name, attributes) {
  await page.route(`${env.server.url}${name}`, (route) => route.fulfill({ contentType: 'text/html', body: host(attributes) }));
  await page.goto(`${env.server.url}${name}`);
}

const engineCalls = (page) => page.evaluate(() => ({ ...window.engineCalls }));

test('every section on: a key press is one evaluate, one plan and one progress, and fetches nothing', async () => {
  const { page, pageErrors, consoleErrors, requests, close } = await openPage(env.browser, null, {
    beforeNavigate: (p) => p.addInitScript(countEngineCalls),
  });
  try {
    await serve(page, 'flow-all.html', 'preset="leads" layout="dashboard" sections="all" locale="en-US"');
    await expectValue(page, '[data-result="/funnel/revenue"]', '135000');
    const deal = input(page, '/funnel/dealSize');
    // Focusing a field loads what editing needs, before the first key.
    await deal.focus();
    await waitForIdle(page);
    const fetchedBefore = requests.length;
    const before = await engineCalls(page);
    // Each fill is one input event, as a key press is; the leads preset wins 30 deals.
    for (const dealSize of [4600, 4700, 4800]) {
      await deal.fill(String(dealSize));
      await expectValue(page, '[data-result="/funnel/revenue"]', String(dealSize * 30));
    }
    const calls = await engineCalls(page);
    const made = (name) => (calls[name] ?? 0) - (before[name] ?? 0);
    assert.equal(made('evaluate'), 3, 'one evaluate per key');
    assert.equal(made('plan'), 3, 'one plan per key');
    assert.equal(made('progress'), 3, 'one progress per key');
    assert.equal(made('simulate'), 0, 'no uncertainty range set: nothing to simulate');
    await waitForIdle(page);
    assert.deepEqual(requests.slice(fetchedBefore), [], 'showing results fetched nothing');
    assert.deepEqual(pageErrors, []);
    assert.deepEqual(consoleErrors, []);
  } finally {
    await close();
  }
});

test("the sensitivity table's metric gone from the report: revenue is shown, still with one evaluate per key", async () => {
  const { page, pageErrors, close } = await openPage(env.browser, null, {
    beforeNavigate: (p) => p.addInitScript(countEngineCalls),
  });
  try {
    await serve(page, 'flow-sens.html', 'preset="leads" layout="dashboard" sections="funnel target velocity sensitivity" locale="en-US"');
    await expectValue(page, '[data-result="/funnel/revenue"]', '135000');
    const metric = page.locator(`${W} .sens select`);
    await metric.selectOption('/velocity/perDay');
    await resultsFrame(page);
    await waitForIdle(page);
    const cycle = input(page, '/cycleDays');
    await cycle.focus();
    await waitForIdle(page);
    const before = await engineCalls(page);
    await cycle.fill('');
    await resultsFrame(page);
    await page.locator(`${W} .sens select`).evaluate((select) => new Promise((resolve) => (select.value === '/funnel/revenue' ? resolve(undefined) : setTimeout(resolve, 500))));
    const calls = await engineCalls(page);
    assert.equal((calls.evaluate ?? 0) - (before.evaluate ?? 0), 1, 'one evaluate for the edit, no second one for the fallback');
    assert.equal(await metric.inputValue(), '/funnel/revenue', 'the table is for revenue now');
    assert.ok((await page.locator(`${W} .sens tbody tr, ${W} .sens .chart svg`).count()) > 0 || (await page.locator(`${W} .sens p.hint`).allTextContents()).some(Boolean), 'the table says something');
    // The reader's metric comes back with the field.
    await cycle.fill('30');
    await resultsFrame(page);
    await page.waitForFunction((sel) => document.querySelector(sel)?.shadowRoot?.querySelector('.sens select')?.value === '/velocity/perDay', W, { timeout: 5000 });
    assert.deepEqual(pageErrors, []);
  } finally {
    await close();
  }
});
