// A failed start is visible: where the module cannot run, the snippet's fallback text (in the
// post's language, with a link to the iframe form) shows; once it runs, the fallback is hidden.
// Where the engine cannot load, the widget names the file and the likely cause in the reader's
// language. The bundled widget (www/dist) is served from a second origin, as a CDN would.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { startServer } from '../../scripts/serve.mjs';
import { fallbackHtml } from '../../www/builder-snippets.js';
import { openPage, useBrowser, WWW } from './harness.mjs';

const env = useBrowser({ before, after });
const W = 'sales-kpi-calculator';
const DIST = join(WWW, 'dist');
const FORM = 'https://example.org/dist/embed.html?preset=inbound';
/** @type {Record<string, { url: string, close: () => Promise<void> }>} */
const cdn = {};
// The host pages come from a real server: Chromium treats a page it did not fetch (a Playwright
// route) as public, and then refuses its loads from loopback (Local Network Access).
const pages = mkdtempSync(join(tmpdir(), 'sales-kpi-start-errors-'));
/** @type {{ url: string, close: () => Promise<void> }} */
let host;

before(async () => {
  host = await startServer({ root: pages, port: 0 });
  cdn.withCors = await startServer({ root: DIST, port: 0 });
  cdn.withoutCors = await startServer({ root: DIST, port: 0, allowsCors: () => false });
  cdn.wasmWithoutCors = await startServer({ root: DIST, port: 0, allowsCors: (path) => !path.endsWith('.wasm') });
});
after(async () => {
  for (const server of [host, ...Object.values(cdn)]) await server.close();
  rmSync(pages, { recursive: true, force: true });
});

const page = (lang, moduleBase, element) => `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>Host</title>
<script type="module" src="${moduleBase}widget/sales-kpi-calculator.js"></script></head><body><main><h1>Host</h1>${element}<p id="after">The rest.</p></main></body></html>`;

async function open(name, html, beforeNavigate = async () => {}) {
  writeFileSync(join(pages, name), html);
  const opened = await openPage(env.browser, null);
  await beforeNavigate(opened.page);
  await opened.page.goto(`${host.url}${name}`);
  return opened;
}

test('the module blocked by CORS: the reader sees the fallback text in the post\'s language, with the link', async () => {
  const { page: tab, consoleErrors, close } = await open('no-cors.html', page('nl', cdn.withoutCors.url, `<${W} preset="inbound">${fallbackHtml('nl', FORM)}</${W}>`));
  try {
    const fallback = tab.locator(`${W} > p`);
    await tab.waitForLoadState('networkidle');
    assert.equal(await tab.evaluate(() => !!customElements.get('sales-kpi-calculator')), false, 'the module did not run');
    assert.ok(consoleErrors.some((text) => /No 'Access-Control-Allow-Origin' header/.test(text)), `blocked for CORS: ${consoleErrors.join('\n')}`);
    assert.equal(await fallback.isVisible(), true);
    assert.match(await fallback.textContent(), /^Hier hoort een calculator voor sales-KPI’s/);
    assert.equal(await fallback.locator('a').getAttribute('href'), FORM);
    assert.equal(await fallback.locator('a').textContent(), 'Open de calculator');
  } finally {
    await close();
  }
});

test('the module runs (from a CDN with CORS): the fallback text is hidden behind the shadow root', async () => {
  const { page: tab, pageErrors, close } = await open('cors.html', page('nl', cdn.withCors.url, `<${W} preset="inbound">${fallbackHtml('nl', FORM)}</${W}>`));
  try {
    await tab.locator(`${W} [data-result="/funnel/revenue"][data-value]`).waitFor();
    assert.equal(await tab.locator(`${W} > p`).isVisible(), false);
    assert.deepEqual(pageErrors, []);
  } finally {
    await close();
  }
});

test('the .wasm blocked by CORS: the widget names its URL and CORS, in Dutch', async () => {
  const { page: tab, close } = await open('wasm-no-cors.html', page('nl', cdn.wasmWithoutCors.url, `<${W} preset="inbound"></${W}>`));
  try {
    const fatal = tab.locator(`${W} .fatal`);
    await fatal.waitFor();
    const text = await fatal.textContent();
    assert.ok(text.includes(`${cdn.wasmWithoutCors.url}pkg/sales_kpi_bg.wasm`), text);
    assert.match(text, /^De calculator kon niet starten: .* laadde niet\. .*Access-Control-Allow-Origin-header \(CORS\)/);
    assert.equal(await fatal.getAttribute('role'), 'alert');
  } finally {
    await close();
  }
});

test('a .wasm that is not there: its URL and the 404, in Danish', async () => {
  const { page: tab, close } = await open('wasm-404.html', page('da', cdn.withCors.url, `<${W} preset="inbound" wasm-url="/nothing-here.wasm"></${W}>`));
  try {
    const fatal = tab.locator(`${W} .fatal`);
    await fatal.waitFor();
    assert.equal(await fatal.textContent(), `Beregneren kunne ikke starte: ${host.url}nothing-here.wasm blev ikke indlæst. Serveren svarede 404: filen findes ikke på den adresse.`);
  } finally {
    await close();
  }
});

test('the engine\'s glue sent with the wrong MIME type: its URL and the type, in English', async () => {
  const glue = `${cdn.withCors.url}pkg/sales_kpi.js`;
  const { page: tab, close } = await open('mime.html', page('en', cdn.withCors.url, `<${W} preset="inbound"></${W}>`), (tab) =>
    tab.route(glue, (route) => route.fulfill({ contentType: 'text/plain', headers: { 'Access-Control-Allow-Origin': '*' }, body: 'export default 1;' })),
  );
  try {
    const fatal = tab.locator(`${W} .fatal`);
    await fatal.waitFor();
    assert.equal(await fatal.textContent(), `The calculator could not start: ${glue} did not load. The server sent it as “text/plain”, not as text/javascript.`);
  } finally {
    await close();
  }
});
