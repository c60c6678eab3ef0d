// The first page works end to end: the engine loads in a real browser, a result shows,
// and editing an input recomputes it.
//
// DOM contract (www/index.html): a <sales-kpi-calculator> with an open shadow root; inputs carry
// data-field="<model JSON Pointer>", results carry data-result="<report JSON Pointer>".
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { openPage, useBrowser, waitForNumber } from './harness.mjs';

const env = useBrowser({ before, after });

const REVENUE = 'sales-kpi-calculator [data-result="/funnel/revenue"]';
const DEAL_SIZE = 'sales-kpi-calculator input[data-field="/funnel/dealSize"]';

test('index.html shows revenue and recomputes it when the deal size changes', async () => {
  const { page, consoleErrors, pageErrors, failedRequests, requests, close } = await openPage(env.browser, `${env.server.url}index.html`);
  try {
    const first = await waitForNumber(page, REVENUE);

    const input = page.locator(DEAL_SIZE).first();
    await input.waitFor({ state: 'visible' });
    const old = (await input.inputValue()).trim();
    const oldNumber = Number(old.replace(/[^\d.-]/g, ''));
    const next = String(Number.isFinite(oldNumber) && oldNumber > 0 ? oldNumber * 2 : 20000);
    await input.fill(next);
    await input.press('Tab'); // also fires `change` for widgets that listen to it

    const second = await waitForNumber(page, REVENUE, first);
    assert.notEqual(second, first, 'revenue should change after the deal size changes');

    assert.ok(
      requests.some((u) => u.endsWith('.wasm')),
      `the page should load the engine's .wasm (requests: ${requests.join(', ')})`,
    );
    assert.deepEqual(pageErrors, [], 'no uncaught exceptions in the page');
    assert.deepEqual(consoleErrors, [], 'no console errors');
    assert.deepEqual(
      failedRequests.filter((r) => !r.url.endsWith('/favicon.ico')),
      [],
      'no failed requests',
    );
  } finally {
    await close();
  }
});
