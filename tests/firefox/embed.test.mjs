// The main embed once more in Firefox ESR (Debian's firefox-esr, driven by puppeteer-core over
// WebDriver BiDi): the two-line snippet shows the calculator and it computes after typing, on a
// plain page and under the strict CSP of the hostile-page tests (sent as a real header), and the
// iframe form with the resize script fits its content.
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { after, before, test } from 'node:test';
import puppeteer from 'puppeteer-core';
import { firefoxPath } from '../../scripts/setup.mjs';
import { startServer } from '../browser/harness.mjs';

const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; require-trusted-types-for 'script'";
const W = 'sales-kpi-calculator';
const SNIPPET = `<script type="module" src="/dist/widget/sales-kpi-calculator.js"></script>
<${W} preset="leads" locale="da-DK" currency="DKK"></${W}>`;
const page = (title, body) => `<!doctype html><html lang="da"><head><meta charset="utf-8"><title>${title}</title></head><body><main><h1>${title}</h1>${body}<p>Tekst under beregneren.</p></main></body></html>`;
const PAGES = {
  '/plain.html': { body: page('Plain', SNIPPET) },
  '/strict.html': { body: page('Strict', SNIPPET), csp: true },
  '/framed.html': {
    body: page('Framed', '<iframe id="f" src="/embed.html?preset=leads&amp;locale=da-DK" title="Sales KPI calculator" width="600" height="1200" style="border:0"></iframe><script src="/dist/sales-kpi-resize.js" async></script>'),
  },
};

let upstream;
let server;
let origin;
let browser;

before(async () => {
  const executablePath = firefoxPath();
  assert.ok(executablePath, 'Firefox ESR not found: run `node scripts/setup.mjs --test` (apt-get install firefox-esr) or set FIREFOX_PATH');
  upstream = await startServer();
  // www/ as it is, plus the test pages, the strict one with a real CSP header.
  server = createServer(async (req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    const generated = PAGES[path];
    if (generated) {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', ...(generated.csp ? { 'Content-Security-Policy': CSP } : {}) });
      res.end(generated.body);
      return;
    }
    const upstreamResponse = await fetch(new URL(path.slice(1), upstream.url));
    res.writeHead(upstreamResponse.status, { 'Content-Type': upstreamResponse.headers.get('content-type') ?? 'application/octet-stream' });
    res.end(Buffer.from(await upstreamResponse.arrayBuffer()));
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  origin = `http://127.0.0.1:${server.address().port}`;
  browser = await puppeteer.launch({ browser: 'firefox', executablePath, headless: true, protocol: 'webDriverBiDi', timeout: 90_000 });
});

after(async () => {
  await browser?.close();
  await new Promise((ok) => (server ? server.close(ok) : ok()));
  await upstream?.close();
});

/** Opens a page and records console errors, uncaught errors, CSP violations and requests. */
async function open(path) {
  const tab = await browser.newPage();
  const seen = { consoleErrors: [], pageErrors: [], requests: [] };
  tab.on('console', (msg) => msg.type() === 'error' && seen.consoleErrors.push(msg.text()));
  tab.on('pageerror', (err) => seen.pageErrors.push(String(err)));
  tab.on('request', (req) => seen.requests.push(req.url()));
  await tab.evaluateOnNewDocument(() => {
    window.violations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.violations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  await tab.goto(`${origin}${path}`, { waitUntil: 'load' });
  return { tab, ...seen };
}

const revenue = (tab) => tab.evaluate((w) => document.querySelector(w)?.shadowRoot?.querySelector('[data-result="/funnel/revenue"]')?.getAttribute('data-value') ?? null, W);

async function computesAfterTyping(path) {
  const { tab, consoleErrors, pageErrors, requests } = await open(path);
  try {
    await tab.waitForFunction((w) => document.querySelector(w)?.shadowRoot?.querySelector('[data-result="/funnel/revenue"][data-value]'), { timeout: 60_000 }, W);
    // 500 leads × 0.4 × 0.5 × 0.3 × 4,500.
    assert.equal(await revenue(tab), '135000');
    const shown = await tab.evaluate((w) => document.querySelector(w).shadowRoot.querySelector('[data-result="/funnel/revenue"]').textContent, W);
    assert.match(shown, /^135\.000(,00)?\s?kr\.$/);
    const input = await tab.locator(`${W} >>> input[data-field="/funnel/dealSize"]`).waitHandle();
    await input.click({ count: 3 });
    await input.type('5000');
    await tab.waitForFunction((w) => document.querySelector(w).shadowRoot.querySelector('[data-result="/funnel/revenue"]').getAttribute('data-value') === '150000', { timeout: 10_000 }, W);
    assert.deepEqual(await tab.evaluate(() => window.violations), [], 'no CSP violation');
    assert.deepEqual(requests.filter((u) => !u.startsWith(`${origin}/`) && !u.startsWith("data:")), [], 'no request elsewhere');
    assert.deepEqual(pageErrors, []);
    assert.deepEqual(consoleErrors, []);
  } finally {
    await tab.close();
  }
}

test('Firefox ESR: the two-line snippet shows the calculator, and it computes after typing', () => computesAfterTyping('/plain.html'));

test('Firefox ESR: the same under a strict CSP with Trusted Types (a header)', () => computesAfterTyping('/strict.html'));

test('Firefox ESR: the iframe with the resize script fits its content', async () => {
  const { tab, pageErrors } = await open('/framed.html');
  try {
    await tab.waitForFunction(() => Number(document.getElementById('f').height) !== 1200, { timeout: 60_000 });
    const frame = await tab.$('#f');
    const inner = await (await frame.contentFrame()).evaluate(() => Math.ceil(document.body.getBoundingClientRect().height));
    await tab.waitForFunction((h) => Math.round(document.getElementById('f').getBoundingClientRect().height) === h, { timeout: 10_000 }, inner);
    // An article is shorter closed than the frame's first 1200 px: the script shrinks the frame to it.
    assert.ok(inner > 200 && inner < 1200, `content ${inner} px`);
    assert.deepEqual(pageErrors, []);
  } finally {
    await tab.close();
  }
});
