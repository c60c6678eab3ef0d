// The widget never breaks its host: a trapped engine is replaced, a missing engine is explained,
// several widgets share one engine, and wasm-url is honoured.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { openPage, useBrowser, WWW } from './harness.mjs';

const env = useBrowser({ before, after });
const W = 'sales-kpi-calculator';

const host = (body, head = '') => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Host</title>${head}
<script type="module" src="widget/sales-kpi-calculator.js"></script></head><body><main><h1>Host</h1>${body}<p id="after">The rest of the article.</p></main></body></html>`;

async function serve(page, name, body) {
  await page.route(`${env.server.url}${name}`, (route) => route.fulfill({ contentType: 'text/html', body }));
  await page.goto(`${env.server.url}${name}`);
}

test('after the engine traps, the widget loads a fresh one and carries on', { skip: !existsSync(join(WWW, 'pkg-test', 'sales_kpi.js')) && 'no www/pkg-test build (npm run build:test)' }, async () => {
  const { page, pageErrors, requests, close } = await openPage(env.browser, null);
  try {
    // The page's engine is the test build, wrapped so that one evaluate() call (the widget's one
    // call per keystroke) can be made to trap.
    const wrapper = `import init, * as real from '/pkg-test/sales_kpi.js';
export default init;
export const { compute, whatIf, solve, sensitivity, simulate } = real;
export function evaluate(m, r) { if (globalThis.trapNext) { globalThis.trapNext = false; real.__trapForTests(); } return real.evaluate(m, r); }
export function __wbg_reset_state() { globalThis.resets = (globalThis.resets ?? 0) + 1; real.__wbg_reset_state(); }`;
    await page.route(/\/pkg-embed\/sales_kpi\.js(\?.*)?$/, (route) => route.fulfill({ contentType: 'text/javascript', body: wrapper }));
    await page.route(/\/pkg-embed\/sales_kpi_bg\.wasm$/, (route) => route.continue({ url: `${env.server.url}pkg-test/sales_kpi_bg.wasm` }));
    await serve(page, 'trap.html', host(`<${W}></${W}>`));
    const rev = page.locator(`${W} [data-result="/funnel/revenue"][data-value]`);
    await rev.waitFor();
    await page.evaluate(() => (globalThis.trapNext = true));
    await page.locator(`${W} input[data-field="/funnel/top"]`).fill('24000');
    // Computed again by a fresh instance of the same module (wasm-bindgen's reset), which a bundled glue allows too.
    await page.locator(`${W} [data-result="/funnel/revenue"][data-value="1500000"]`).waitFor();
    assert.equal(await page.evaluate(() => globalThis.resets), 1, 'the engine was reset once');
    assert.equal(requests.filter((u) => /\/pkg-embed\/sales_kpi\.js/.test(u)).length, 1, 'the glue was not loaded again');
    assert.deepEqual(pageErrors, []);
  } finally {
    await close();
  }
});

test('a missing engine is explained inside the widget; the host page is untouched', async () => {
  const { page, pageErrors, close } = await openPage(env.browser, null);
  try {
    await serve(page, 'nowasm.html', host(`<${W} wasm-url="/nothing-here.wasm"></${W}>`));
    const msg = page.locator(`${W} .fatal`);
    await msg.waitFor();
    assert.match(await msg.textContent(), /could not start/);
    assert.equal(await page.locator('#after').textContent(), 'The rest of the article.');
    assert.deepEqual(pageErrors, []);
  } finally {
    await close();
  }
});

// Without the Plan panel (leads and outbound show it by default), so the page keeps the small engine that
// wasm-url names; tests/browser/widget-plan.test.mjs covers a page that needs the full one.
test('several widgets share one engine; wasm-url is honoured and a bad one is reported', async () => {
  const { page, requests, pageErrors, close } = await openPage(env.browser, null);
  try {
    const body = `<${W} preset="inbound" wasm-url="pkg-embed/sales_kpi_bg.wasm?copy"></${W}><${W} preset="leads" locale="nl-NL" sections="funnel target whatif goal"></${W}><${W} preset="outbound" sections="funnel target whatif goal" wasm-url="javascript:alert(1)"></${W}>`;
    await serve(page, 'many.html', host(body));
    const revs = page.locator(`${W} [data-result="/funnel/revenue"][data-value]`);
    await revs.nth(2).waitFor();
    assert.deepEqual(await revs.evaluateAll((els) => els.map((e) => e.dataset.value)), ['750000', '135000', '200000']);
    assert.deepEqual(requests.filter((u) => u.includes('.wasm')).map((u) => new URL(u).pathname + new URL(u).search), ['/pkg-embed/sales_kpi_bg.wasm?copy']);
    assert.match(await page.locator(`${W}[preset=outbound] .notice`).textContent(), /wasm-url/);
    assert.deepEqual(pageErrors, []);
  } finally {
    await close();
  }
});

test('attribute changes after load rebuild the widget (light/dark theme, locale, preset)', async () => {
  const { page, close } = await openPage(env.browser, null);
  try {
    await serve(page, 'attrs.html', host(`<${W} id="w"></${W}>`));
    const rev = page.locator(`${W} [data-result="/funnel/revenue"][data-value]`);
    await rev.waitFor();
    await page.evaluate(() => {
      const w = document.getElementById('w');
      w.setAttribute('preset', 'leads');
      w.setAttribute('locale', 'da-DK');
      w.setAttribute('theme', 'dark');
    });
    await page.locator(`${W} [data-result="/funnel/revenue"][data-value="135000"]`).waitFor();
    // The article in Danish: its "More" row names the leads preset's panels.
    assert.equal(await page.locator(`${W} details.more > summary`).textContent(), 'Mere: hvad nu hvis · hvad skal der til · plan');
    const bg = await page.evaluate(() => getComputedStyle(document.getElementById('w').shadowRoot.querySelector('.root')).backgroundColor);
    assert.equal(bg, 'rgb(20, 24, 29)');
  } finally {
    await close();
  }
});

test('an input error about a field whose name holds a space or a colon is not taken for a trap', async () => {
  const { page, requests, pageErrors, close } = await openPage(env.browser, null);
  try {
    // The engine answers "/funnel/deal size: unknown field..." for this model: an input error,
    // so the widget must explain it and keep its one engine, not reload it as after a trap.
    const model = JSON.stringify({ funnel: { top: '100', stages: [{ name: 'deals', rate: '0.5' }], dealSize: '10', 'deal size': '1' } });
    // The real engine, with its reset counted.
    const counting = `export * from '/pkg-embed/sales_kpi.js?real';\nexport { default } from '/pkg-embed/sales_kpi.js?real';\nimport * as real from '/pkg-embed/sales_kpi.js?real';
export function __wbg_reset_state() { globalThis.resets = (globalThis.resets ?? 0) + 1; real.__wbg_reset_state(); }`;
    await page.route(/\/pkg-embed\/sales_kpi\.js$/, (route) => route.fulfill({ contentType: 'text/javascript', body: counting }));
    await serve(page, 'oddkey.html', host(`<${W} model='${model.replace(/'/g, '&#39;')}'></${W}>`));
    const rev = page.locator(`${W} [data-result="/funnel/revenue"][data-value]`);
    await rev.waitFor();
    // The model is refused with its reason, and the defaults are shown instead.
    assert.match(await page.locator(`${W} .notice`).textContent(), /model=.*not valid/);
    await page.locator(`${W} input[data-field="/funnel/top"]`).fill('24000');
    // The default funnel with 24000 at the top, computed by the one engine.
    await page.locator(`${W} [data-result="/funnel/revenue"][data-value="1500000"]`).waitFor();
    assert.equal(await page.evaluate(() => globalThis.resets), undefined, 'the engine was not reset');
    assert.deepEqual(pageErrors, []);
  } finally {
    await close();
  }
});
