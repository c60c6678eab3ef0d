// embed.html reports its height to the page around it (also in WordPress's format), only answers
// its own parent with the right secret, and oEmbed discovery points at a valid oEmbed document.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { openPage, useBrowser, waitForIdle, waitUntil, WWW } from './harness.mjs';

const env = useBrowser({ before, after });

const HOST = (src) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Host</title></head><body>
<main><h1>A blog post</h1><iframe id="f" data-secret="abc123" src="${src}" title="Sales KPI calculator" width="600" height="300"></iframe></main>
<script>
window.msgs = [];
addEventListener('message', (e) => { if (e.source === document.getElementById('f').contentWindow) window.msgs.push(e.data); });
</script></body></html>`;

async function hostPage(src) {
  const env2 = await openPage(env.browser, null);
  await env2.page.route(`${env.server.url}host.html`, (route) => route.fulfill({ contentType: 'text/html', body: HOST(src) }));
  await env2.page.goto(`${env.server.url}host.html`);
  return env2;
}

/** What the frame sent the host, without its acknowledgement of a probe (below). */
const heights = (page) => page.evaluate(() => window.msgs.filter((m) => !m?.probeSeen));

const waitFor = (page, check, what) => waitUntil(page, check, { message: what });

test('the iframe reports its height, in its own and in WordPress format', async () => {
  const { page, pageErrors, close } = await hostPage('embed.html?preset=leads#?secret=abc123');
  try {
    // The calculator has rendered, and the last report is its final height (the frame reports the
    // height reserved while loading first, then the rendered one).
    await page.frameLocator('#f').locator('sales-kpi-calculator [data-result="/funnel/revenue"][data-value]').waitFor();
    const msgs = await waitFor(page, async () => {
      const m = await heights(page);
      const inner = await page.frameLocator('#f').locator('body').evaluate((b) => Math.ceil(b.getBoundingClientRect().height));
      return m.filter((x) => x.type === 'sales-kpi:height').at(-1)?.height === inner && m.some((x) => x.message === 'height') && m;
    }, 'height messages');
    const wp = msgs.filter((x) => x.message === 'height').at(-1);
    assert.equal(wp.secret, 'abc123');
    const own = msgs.filter((x) => x.type === 'sales-kpi:height').at(-1);
    assert.equal(wp.value, own.height);
    // The frame's real content height: the host can size the iframe to it.
    const inner = await page.frameLocator('#f').locator('body').evaluate((b) => Math.ceil(b.getBoundingClientRect().height));
    assert.equal(own.height, inner);
    // Narrower frame, taller content: a new report.
    await page.evaluate(() => (document.getElementById('f').width = '320'));
    await waitFor(page, async () => (await heights(page)).some((x) => x.type === 'sales-kpi:height' && x.height > own.height), 'a taller height');
    // WordPress asks with { message: 'ready', secret }; a wrong secret gets no answer. (Counted
    // once the narrower frame's own reports have stopped coming.)
    await waitForIdle(page);
    const count = (await heights(page)).length;
    await page.evaluate(() => document.getElementById('f').contentWindow.postMessage({ message: 'ready', secret: 'nope' }, '*'));
    // Messages from one window arrive in order: the frame acknowledges a probe sent after the
    // wrong secret once it has handled that, and its acknowledgement comes after any answer.
    await page
      .frames()
      .find((frame) => frame.url().includes('embed.html'))
      .evaluate(() => addEventListener('message', (event) => event.data?.probe && parent.postMessage({ probeSeen: true }, '*')));
    await page.evaluate(() => document.getElementById('f').contentWindow.postMessage({ probe: true }, '*'));
    await page.waitForFunction(() => window.msgs.some((m) => m?.probeSeen));
    assert.equal((await heights(page)).length, count, 'no answer to a wrong secret');
    await page.evaluate(() => document.getElementById('f').contentWindow.postMessage({ message: 'ready', secret: 'abc123' }, '*'));
    await waitFor(page, async () => (await heights(page)).length > count, 'an answer to ready');
    assert.deepEqual(pageErrors, []);
  } finally {
    await close();
  }
});

test('embed.html reads its settings from the query string', async () => {
  const { page, close } = await openPage(env.browser, `${env.server.url}embed.html?preset=outbound&locale=da-DK&what-if=/funnel/dealSize:%2B25%25&layout=dashboard`);
  try {
    const w = page.locator('sales-kpi-calculator');
    await w.locator('[data-scenario="/funnel/revenue"][data-value]').waitFor();
    assert.equal(await w.locator('[data-scenario="/funnel/revenue"]').getAttribute('data-value'), '250000');
    assert.match(await w.locator('[data-result="/funnel/revenue"]').textContent(), /^200\.000(,00)?\s?kr\.$/);
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'da-DK');
    assert.match(await w.locator('h2').textContent(), /Salgs-KPI-beregner/);
  } finally {
    await close();
  }
});

test('oEmbed: absolute discovery links, and a document per setting that keeps the link’s settings', async () => {
  const site = 'http://127.0.0.1:8080/dist/';
  for (const page of ['index.html', 'embed.html']) {
    const html = await readFile(join(WWW, page), 'utf8');
    assert.match(html, /<link rel="alternate" type="application\/json\+oembed" href="http:\/\/127\.0\.0\.1:8080\/dist\/e\/inbound\/auto\/auto\/oembed\.json"/, page);
  }
  // The page a pasted link names: its discovery link is absolute (WordPress uses it verbatim).
  const page = await (await fetch(`${env.server.url}dist/e/leads/da-DK/DKK/`)).text();
  assert.match(page, new RegExp(`<link rel="alternate" type="application/json\\+oembed" href="${site}e/leads/da-DK/DKK/oembed\\.json"`));
  assert.match(page, /<sales-kpi-calculator preset="leads" locale="da-DK" currency="DKK">/);
  const res = await fetch(`${env.server.url}dist/e/leads/da-DK/DKK/oembed.json`);
  assert.match(res.headers.get('content-type'), /application\/json/);
  const o = await res.json();
  assert.equal(o.version, '1.0');
  assert.equal(o.type, 'rich');
  assert.ok(o.width > 0 && o.height > 0 && o.height <= 1000);
  // WordPress loads wp-embed.js (which sizes the frame) only for a blockquote.wp-embedded-content.
  assert.match(o.html, new RegExp(`^<blockquote class="wp-embedded-content" data-secret="\\w+"><a href="${site}e/leads/da-DK/DKK/">[^<]+</a></blockquote>`));
  assert.match(o.html, new RegExp(`<iframe class="wp-embedded-content" data-secret="\\w+" src="${site}e/leads/da-DK/DKK/" title="[^"]+"`));
});

test('the setting page shows its settings, in a frame reduced to its first panel (WordPress caps frames at 1000 px)', async () => {
  const { page, close } = await hostPage('dist/e/leads/da-DK/DKK/#?secret=abc123');
  try {
    const inner = page.frameLocator('#f');
    const revenue = inner.locator('sales-kpi-calculator [data-result="/funnel/revenue"][data-value]');
    await revenue.waitFor();
    assert.match(await revenue.textContent(), /^135\.000(,00)?\s?kr\.$/);
    assert.equal(await inner.locator('sales-kpi-calculator').getAttribute('sections'), 'funnel');
  } finally {
    await close();
  }
});

test('a frame clipped as WordPress clips it reports its height without a ResizeObserver, and answers a late ready', async () => {
  const clipped = HOST('embed.html?preset=unit-economics#?secret=abc123').replace('<iframe id="f"', '<iframe id="f" style="position: absolute; clip: rect(1px, 1px, 1px, 1px);"');
  const env2 = await openPage(env.browser, null, {
    beforeNavigate: (page) =>
      page.addInitScript(() => {
        // As if Chromium never ran the frame's observer.
        window.ResizeObserver = class {
          observe() {}
          disconnect() {}
        };
      }),
  });
  try {
    await env2.page.route(`${env.server.url}host.html`, (route) => route.fulfill({ contentType: 'text/html', body: clipped }));
    await env2.page.goto(`${env.server.url}host.html`);
    // The article of unit economics is about 300 px tall.
    const first = await waitFor(env2.page, async () => (await heights(env2.page)).find((x) => x.message === 'height' && x.value > 200), 'a height while clipped');
    const inner = await env2.page.frameLocator('#f').locator('body').evaluate((b) => Math.ceil(b.getBoundingClientRect().height));
    const last = (await heights(env2.page)).filter((x) => x.message === 'height').at(-1);
    assert.equal(last.value, inner, `first ${first.value}, last ${last.value}`);
    const count = (await heights(env2.page)).length;
    await env2.page.evaluate(() => document.getElementById('f').contentWindow.postMessage({ message: 'ready', secret: 'abc123' }, '*'));
    await waitFor(env2.page, async () => (await heights(env2.page)).length > count, 'an answer to a late ready');
  } finally {
    await env2.close();
  }
});
