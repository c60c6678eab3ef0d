// The widget works under a strict CSP with Trusted Types, never calls another origin, and leaves
// nothing behind: no cookies, no storage.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { openPage, useBrowser, waitForIdle } from './harness.mjs';

const env = useBrowser({ before, after });
const W = 'sales-kpi-calculator';
const value = (page, sel) => page.locator(`${W} ${sel}`).first().getAttribute('data-value');
const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; require-trusted-types-for 'script'";

const PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<title>Strict CSP host</title>
<script type="module" src="widget/sales-kpi-calculator.js"></script>
</head><body><main><h1>Strict page</h1><sales-kpi-calculator preset="leads" sections="all" layout="dashboard" editable-stages></sales-kpi-calculator></main></body></html>`;

test('a page with a strict CSP and Trusted Types runs the widget fully', async () => {
  const { page, consoleErrors, pageErrors, close } = await openPage(env.browser, null, {
    beforeNavigate: async (p) => {
      await p.addInitScript(() => {
        window.violations = [];
        document.addEventListener('securitypolicyviolation', (e) => window.violations.push(`${e.violatedDirective} ${e.blockedURI}`));
      });
    },
  });
  try {
    await page.route(`${env.server.url}csp.html`, (route) => route.fulfill({ contentType: 'text/html', body: PAGE }));
    await page.goto(`${env.server.url}csp.html`);
    await page.locator(`${W} [data-result="/funnel/revenue"][data-value]`).waitFor();
    assert.equal(await value(page, '[data-result="/funnel/revenue"]'), '135000');
    // Styled (a constructed stylesheet is not an inline style) and interactive.
    const radius = await page.evaluate(() => getComputedStyle(document.querySelector('sales-kpi-calculator').shadowRoot.querySelector('.panel')).borderTopLeftRadius);
    assert.equal(radius, '10px');
    await page.locator(`${W} input[data-field="/funnel/dealSize"]`).fill('9000');
    await page.locator(`${W} button`, { hasText: 'Add a step' }).click();
    await page.locator(`${W} input[data-range-low="/funnel/top"]`).fill('400');
    await page.locator(`${W} input[data-range-high="/funnel/top"]`).fill('600');
    await page.locator(`${W} [data-sim="p50"][data-value]:not([data-value=""])`).waitFor();
    assert.equal(await value(page, '[data-result="/funnel/revenue"]'), '270000');
    assert.ok((await page.locator(`${W} svg rect`).count()) > 5, 'charts drawn');
    assert.deepEqual(await page.evaluate(() => window.violations), []);
    assert.deepEqual(pageErrors, []);
    assert.deepEqual(consoleErrors, []);
  } finally {
    await close();
  }
});

test('no request leaves the page origin; no cookies and no storage', async () => {
  const { page, context, requests, close } = await openPage(env.browser, `${env.server.url}index.html`, { contextOptions: { acceptDownloads: true } });
  try {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.locator(`${W} [data-result="/funnel/revenue"][data-value]`).waitFor();
    await page.locator(`${W} input[data-field="/funnel/top"]`).fill('13000');
    await page.locator(`${W} input[data-whatif="/funnel/dealSize"]`).fill('20');
    await page.locator(`${W} input[data-range-low="/funnel/dealSize"]`).fill('10000');
    await page.locator(`${W} input[data-range-high="/funnel/dealSize"]`).fill('15000');
    await page.locator(`${W} button`, { hasText: 'Copy link' }).click();
    await Promise.all([page.waitForEvent('download'), page.locator(`${W} button`, { hasText: 'Download spreadsheet' }).click()]);
    // Every request the link, the sheet and the deferred work make has been made.
    await waitForIdle(page);
    const origin = new URL(env.server.url).origin;
    const foreign = requests.filter((u) => !u.startsWith(`${origin}/`) && !u.startsWith('blob:'));
    assert.deepEqual(foreign, []);
    assert.deepEqual(await context.cookies(), []);
    const stored = await page.evaluate(async () => ({
      local: localStorage.length,
      session: sessionStorage.length,
      idb: (await indexedDB.databases()).length,
      caches: (await caches.keys()).length,
      workers: (await navigator.serviceWorker.getRegistrations()).length,
      cookie: document.cookie,
    }));
    assert.deepEqual(stored, { local: 0, session: 0, idb: 0, caches: 0, workers: 0, cookie: '' });
  } finally {
    await close();
  }
});

test('importing the engine module touches neither document nor customElements', async () => {
  const { page, close } = await openPage(env.browser, `${env.server.url}site.css`);
  try {
    const result = await page.evaluate(async (base) => {
      const defined = customElements.get('sales-kpi-calculator');
      const before = document.documentElement.outerHTML;
      const engine = await import(`${base}widget/engine.js`);
      const pkg = await import(`${base}pkg/sales_kpi.js`);
      return { defined: !!defined || !!customElements.get('sales-kpi-calculator'), same: before === document.documentElement.outerHTML, fns: [typeof engine.loadEngine, typeof pkg.compute] };
    }, env.server.url);
    assert.deepEqual(result, { defined: false, same: true, fns: ['function', 'function'] });
  } finally {
    await close();
  }
});
