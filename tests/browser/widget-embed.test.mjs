// embed.html reports its height to the page around it (also in WordPress's format), only answers
// its own parent with the right secret, and oEmbed discovery points at a valid oEmbed document.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { openPage, useBrowser, WWW } from './harness.mjs';

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

const heights = (page) => page.evaluate(() => window.msgs);

async function waitFor(fn, what) {
  for (let i = 0; i < 200; i++) {
    const v = await fn();
    if (v) return v;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out: ${what}`);
}

test('the iframe reports its height, in its own and in WordPress format', async () => {
  const { page, pageErrors, close } = await hostPage('embed.html?preset=leads#?secret=abc123');
  try {
    // The calculator has rendered, and the last report is its final height (the frame reports the
    // height reserved while loading first, then the rendered one).
    await page.frameLocator('#f').locator('sales-kpi-calculator [data-result="/funnel/revenue"][data-value]').waitFor();
    const msgs = await waitFor(async () => {
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
    await waitFor(async () => (await heights(page)).some((x) => x.type === 'sales-kpi:height' && x.height > own.height), 'a taller height');
    // WordPress asks with { message: 'ready', secret }; a wrong secret gets no answer.
    const count = (await heights(page)).length;
    await page.evaluate(() => document.getElementById('f').contentWindow.postMessage({ message: 'ready', secret: 'nope' }, '*'));
    await page.waitForTimeout(300);
    assert.equal((await heights(page)).length, count, 'no answer to a wrong secret');
    await page.evaluate(() => document.getElementById('f').contentWindow.postMessage({ message: 'ready', secret: 'abc123' }, '*'));
    await waitFor(async () => (await heights(page)).length > count, 'an answer to ready');
    assert.deepEqual(pageErrors, []);
  } finally {
    await close();
  }
});

test('embed.html reads its settings from the query string', async () => {
  const { page, close } = await openPage(env.browser, `${env.server.url}embed.html?preset=outbound&locale=da-DK&what-if=/funnel/dealSize:%2B25%25`);
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

test('oEmbed: discovery links and a valid rich oEmbed document', async () => {
  for (const page of ['index.html', 'embed.html']) {
    const html = await readFile(join(WWW, page), 'utf8');
    assert.match(html, /<link rel="alternate" type="application\/json\+oembed" href="oembed\.json"/, page);
  }
  const res = await fetch(`${env.server.url}oembed.json`);
  assert.match(res.headers.get('content-type'), /application\/json/);
  const o = await res.json();
  assert.equal(o.version, '1.0');
  assert.equal(o.type, 'rich');
  assert.ok(o.width > 0 && o.height > 0);
  assert.match(o.html, /^<iframe src="https:\/\/[^"]+\/embed\.html" title="[^"]+"/);
});
