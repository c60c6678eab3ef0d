// The builder's snippets work when pasted into a blank page.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { openPage, useBrowser, waitUntil } from './harness.mjs';
import { openMore } from './widget-page.mjs';

const env = useBrowser({ before, after });
const W = 'sales-kpi-calculator';

/** Reads `fn()` once a frame until `want` accepts it, and returns it. */
async function settle(page, fn, want) {
  let got;
  await waitUntil(page, async () => want((got = await fn())), { message: () => `the page to settle (last: ${got})` });
  return got;
}

test('builder: settings and preview numbers make a two-line snippet that works on a blank page', async () => {
  const { page, pageErrors, close } = await openPage(env.browser, `${env.server.url}builder.html`);
  let script;
  let iframe;
  try {
    const preview = page.locator('#preview');
    await preview.locator('[data-result="/funnel/revenue"][data-value]').waitFor();
    // The preview is the article readers get: its "More" row stays open through the rebuilds below.
    await openMore(page, '#preview');
    await page.selectOption('select[name=preset]', 'leads');
    await page.selectOption('select[name=locale]', 'nl-NL');
    await page.selectOption('select[name=currency]', 'EUR');
    await page.locator('input[name=sections][value=economics]').check();
    // The preview is rebuilt for each setting; the revenue is 135000 in every one of them, so
    // wait for the last setting's widget: Dutch euros and the economics panel. (Typing into a
    // widget about to be replaced lost the deal size on a loaded machine.)
    await settle(
      page,
      async () => [
        await preview.locator('[data-result="/funnel/revenue"]').first().textContent(),
        await preview.locator('[data-result="/economics/cac"]').count(),
      ],
      ([revenue, economics]) => /€\s?135\.000/.test(revenue ?? '') && economics > 0,
    );
    await preview.locator('input[data-field="/funnel/dealSize"]').fill('5.000');
    await preview.locator('input[data-whatif="/funnel/dealSize"]').fill('15');
    script = await settle(page, () => page.locator('#script-snippet').inputValue(), (v) => v.includes('+15%'));
    const lines = script.split('\n');
    assert.equal(lines.length, 2);
    assert.match(lines[0], /^<script type="module" src="http:\/\/127\.0\.0\.1:\d+\/dist\/widget\/sales-kpi-calculator\.js"><\/script>$/);
    assert.match(lines[1], /^<sales-kpi-calculator preset="leads" locale="nl-NL" currency="EUR" sections="funnel target whatif goal economics plan" model="\{&quot;funnel&quot;.*&quot;dealSize&quot;:&quot;5000&quot;.*" what-if="\/funnel\/dealSize:\+15%" style="display:block;min-height:\d{3,4}px"><p>Hier hoort een calculator voor sales-KPI’s[^<]*<a href="[^"]*\/dist\/embed\.html\?preset=leads&amp;[^"]*">Open de calculator<\/a><\/p><\/sales-kpi-calculator>$/);
    iframe = await page.locator('#iframe-snippet').inputValue();
    assert.match(iframe, /^<iframe src="http:\/\/127\.0\.0\.1:\d+\/dist\/embed\.html\?preset=leads&amp;locale=nl-NL/);
    assert.deepEqual(pageErrors, []);
  } finally {
    await close();
  }

  for (const [name, snippet] of [
    ['script', script],
    ['iframe', iframe],
  ]) {
    const blank = await openPage(env.browser, null);
    try {
      const body = `<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>Leeg</title></head><body><main>${snippet}</main></body></html>`;
      await blank.page.route(`${env.server.url}pasted-${name}.html`, (route) => route.fulfill({ contentType: 'text/html', body }));
      await blank.page.goto(`${env.server.url}pasted-${name}.html`);
      const scope = name === 'iframe' ? blank.page.frameLocator('iframe') : blank.page;
      const rev = scope.locator(`${W} [data-result="/funnel/revenue"][data-value]`).first();
      await rev.waitFor();
      await openMore(scope);
      // 500 × 0.4 × 0.5 × 0.3 × 5000, then +15 %.
      assert.equal(await rev.getAttribute('data-value'), '150000', name);
      assert.equal(await scope.locator(`${W} [data-scenario="/funnel/revenue"]`).getAttribute('data-value'), '172500', name);
      assert.match(await rev.textContent(), /€\s?150\.000/, name);
      assert.equal(await scope.locator(`${W} [data-section="pEcon"]`).count(), 1, name);
      assert.deepEqual(blank.pageErrors, [], name);
      assert.deepEqual(blank.consoleErrors, [], name);
    } finally {
      await blank.close();
    }
  }
});

test('builder: the pacing preset and the Progress panel are offered, previewed and written into every form', async () => {
  const { page, pageErrors, close } = await openPage(env.browser, `${env.server.url}builder.html`);
  try {
    const preview = page.locator('#preview');
    await preview.locator('[data-result="/funnel/revenue"][data-value]').waitFor();
    assert.equal(await page.locator('input[name=sections][value=progress]').count(), 1, 'the section is offered');
    await page.selectOption('select[name=preset]', 'pacing');
    // The preview is the Progress panel alone, with its verdict.
    await preview.locator('section[data-section=progress] .verdict').filter({ hasText: /\d/ }).waitFor();
    assert.equal(await preview.locator('[data-result="/funnel/revenue"]').count(), 0);
    assert.ok(await page.locator('input[name=sections][value=progress]').isChecked(), 'the preset\'s panel is ticked');
    const script = await settle(page, () => page.locator('#script-snippet').inputValue(), (v) => v.includes('preset="pacing"'));
    assert.match(script, /<sales-kpi-calculator preset="pacing"/);
    assert.match(await page.locator('#wordpress-snippet').inputValue(), /preset="pacing"/);
    assert.match(await page.locator('#hugo-snippet').inputValue(), /preset="pacing"/);
    assert.match(await page.locator('#iframe-snippet').inputValue(), /embed\.html\?preset=pacing/);
    assert.deepEqual(pageErrors, []);
  } finally {
    await close();
  }
});
