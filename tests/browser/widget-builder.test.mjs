// The builder: its snippets work when pasted into a blank page; it speaks the blogger's language
// (English, Dutch, Danish) with the calculator's own panel names; the preview is as wide as the
// chosen article column; the code stays in view while the settings change; one platform choice
// shows one snippet; and the frame code fits a phone without scrolling inside the frame.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { TEXT } from '../../www/builder-text.js';
import { openPage, useBrowser, waitForIdle, waitForValue, waitUntil } from './harness.mjs';
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

/** Opens the builder (at a viewport size) and waits for its preview's first result. */
async function builder(query = '', viewport = { width: 1280, height: 900 }) {
  const opened = await openPage(env.browser, `${env.server.url}builder.html${query}`, { contextOptions: { viewport } });
  await opened.page.locator('#preview [data-result="/funnel/revenue"][data-value]').waitFor();
  return opened;
}

/** Every word of the builder's own interface, visible or not (other platforms, options, labels), without the code and the preview. */
const interfaceText = (page) =>
  page.evaluate(() => {
    const body = /** @type {HTMLElement} */ (document.body.cloneNode(true));
    for (const skip of body.querySelectorAll('#preview, textarea, code, .measure, a[data-lang], a[data-slot]')) skip.remove();
    const labels = [...document.querySelectorAll('[aria-label]')].map((el) => el.getAttribute('aria-label'));
    return [document.title, document.querySelector('meta[name=description]').content, body.textContent, ...labels].join('\n').replace(/\s+/g, ' ');
  });

for (const lang of ['nl', 'da']) {
  test(`builder in ${lang}: no English words and no section code names, the panels named as in the calculator`, async () => {
    const { page, pageErrors, close } = await builder(`?lang=${lang}`);
    try {
      await page.locator('h1', { hasText: TEXT[lang].heading }).waitFor();
      assert.equal(await page.evaluate(() => document.documentElement.lang), lang);
      const text = await interfaceText(page);
      for (const [key, english] of Object.entries(TEXT.en)) {
        if (TEXT[lang][key] === english) continue;
        assert.ok(!text.includes(english), `${lang}: the English "${english}" (${key}) is on the page`);
      }
      // Words no Dutch or Danish sentence has; the language names are in the page's language too.
      assert.doesNotMatch(text, /\b(the|your|with|copy|settings|preview|width|language|currency|English|Dutch|Danish)\b/i, `${lang}: ${text}`);
      // The panel choices: named, not their tokens in the sections attribute.
      const panels = await page.locator('#sections label').evaluateAll((labels) => labels.map((l) => [l.querySelector('input').value, l.textContent.trim()]));
      assert.equal(panels.length, 13);
      for (const [token, name] of panels) {
        assert.ok(name && name.toLowerCase() !== token && !/^[a-z-]+$/.test(name), `${lang}: the ${token} panel is called "${name}"`);
      }
      assert.doesNotMatch(text, /\b(whatif|goal|funnel|sensitivity|velocity)\b/, `${lang}: a code name is on the page`);
      // "What if…?" is the calculator's own panel heading, in the same language: behind the
      // article's "More" row.
      const name = Object.fromEntries(panels);
      await openMore(page, '#preview');
      const heading = await page.locator('#preview section[data-section="pWhatIf"] h3').first().textContent();
      assert.equal(name.whatif, heading.trim());
      // The element leaves the language to the reader's page; a frame, which cannot see that
      // page, speaks the builder's language, as the preview does.
      const locale = { nl: 'nl-NL', da: 'da-DK' }[lang];
      assert.match(await page.locator('#script-snippet').inputValue(), /<sales-kpi-calculator preset="inbound" style=/);
      assert.equal(await page.locator('#preview').getAttribute('locale'), locale);
      assert.match(await page.locator('#iframe-snippet').inputValue(), new RegExp(`embed\\.html\\?preset=inbound&amp;locale=${locale}"`));
      assert.deepEqual(pageErrors, []);
    } finally {
      await close();
    }
  });
}

test('builder: the planner\'s link opens it in the planner\'s language; its own language switch keeps the settings', async () => {
  const { page, pageErrors, close } = await openPage(env.browser, `${env.server.url}index.html?locale=da-DK`);
  try {
    const link = page.locator('header.site nav a[href^="builder"]');
    await waitUntil(page, async () => (await link.getAttribute('href')) === 'builder.html?lang=da', { message: 'the builder link to carry the language' });
    await link.click();
    await page.locator('h1', { hasText: TEXT.da.heading }).waitFor();
    await page.locator('#preview [data-result="/funnel/revenue"][data-value]').waitFor();
    await page.selectOption('select[name=preset]', 'outbound');
    await page.locator('header.site a[data-lang=nl]').click();
    await page.locator('h1', { hasText: TEXT.nl.heading }).waitFor();
    assert.equal(await page.locator('select[name=preset]').inputValue(), 'outbound');
    assert.match(page.url(), /[?&]lang=nl\b/);
    assert.equal(await page.locator('header.site a[data-planner]').first().getAttribute('href'), './?locale=nl-NL');
    assert.deepEqual(pageErrors, []);
  } finally {
    await close();
  }
});

test('builder: the preview is exactly as wide as the chosen column; at 700 px it lays out in one column as on the blog', async () => {
  const { page, pageErrors, close } = await builder('', { width: 1440, height: 900 });
  try {
    // The article shows its answer and inputs; the panels are behind "More", as a reader opens it.
    // Its what-if takes a whole row, and so does the goal unless Sensitivity is its partner.
    await page.locator('input[name=sections][value=sensitivity]').check();
    await openMore(page, '#preview');
    await page.locator('#preview details.more[open] section[data-section="pSens"]').waitFor();
    /** The preview's width and the left edges of the panels behind "More". */
    const layout = () =>
      page.locator('#preview').evaluate((el) => ({
        width: el.getBoundingClientRect().width,
        lefts: [...new Set([...el.shadowRoot.querySelectorAll('details.more[open] [data-section]')].map((p) => Math.round(p.getBoundingClientRect().left)))],
      }));
    for (const column of ['390', '700', '1000']) {
      await page.selectOption('#column', column);
      const got = await waitUntil(page, async () => {
        const l = await layout();
        return l.width === Number(column) && l;
      }, { message: `the preview ${column} px wide` });
      if (column !== '1000') assert.equal(got.lefts.length, 1, `${column} px: one column (${got.lefts})`);
      else assert.ok(got.lefts.length > 1, `1000 px: panels side by side (${got.lefts})`);
    }
    assert.deepEqual(pageErrors, []);
  } finally {
    await close();
  }
});

for (const viewport of [{ width: 1280, height: 800 }, { width: 390, height: 844 }]) {
  test(`builder at ${viewport.width} px: the code is in view after a setting changes`, async () => {
    const { page, pageErrors, close } = await builder('', viewport);
    try {
      for (const change of [() => page.selectOption('select[name=preset]', 'outbound'), () => page.locator('input[name=sections][value=share]').check()]) {
        const before = await page.locator('#script-snippet').inputValue();
        await change();
        await waitForValue(page, '#script-snippet', (v) => v !== before, { message: 'the snippet to follow the setting' });
        // The snippet's box is on screen and nothing covers it.
        const seen = await page.locator('#script-snippet').evaluate((box) => {
          const r = box.getBoundingClientRect();
          const top = Math.max(r.top, 0);
          const bottom = Math.min(r.bottom, innerHeight);
          if (bottom - top < 20) return `${r.top}..${r.bottom} of ${innerHeight}`;
          return document.elementFromPoint(r.left + r.width / 2, (top + bottom) / 2) === box || 'covered';
        });
        assert.equal(seen, true);
      }
      assert.deepEqual(pageErrors, []);
    } finally {
      await close();
    }
  });
}

test('builder: one platform choice shows one snippet, the one for that platform', async () => {
  const { page, pageErrors, close } = await builder();
  try {
    for (const [platform, id, form] of [
      ['wordpress', 'wordpress-snippet', /^\[sales_kpi preset="inbound"\]$/],
      ['hugo', 'hugo-snippet', /^\{\{< sales-kpi preset="inbound" >\}\}$/],
      ['html', 'script-snippet', /^<script type="module" src="[^"]+\/dist\/widget\/sales-kpi-calculator\.js"><\/script>\n<sales-kpi-calculator preset="inbound"/],
      ['iframe', 'iframe-snippet', /^<iframe src="[^"]+\/dist\/embed\.html\?preset=inbound" /],
    ]) {
      await page.selectOption('#platform', platform);
      const shown = await page.locator('textarea:visible').evaluateAll((boxes) => boxes.map((b) => b.id));
      assert.equal(shown[0], id, platform);
      if (platform !== 'iframe') assert.deepEqual(shown, [id], platform);
      else assert.deepEqual(shown, ['iframe-snippet', 'resize-snippet', 'link-snippet']);
      assert.match(await page.locator(`#${id}`).inputValue(), form, platform);
    }
    // No tabs, and no jargon in the words: the frame option says what it is for.
    assert.equal(await page.locator('[role=tab]').count(), 0);
    assert.doesNotMatch(await interfaceText(page), /oEmbed/i);
    assert.deepEqual(pageErrors, []);
  } finally {
    await close();
  }
});

/** A phone-sized blog post with the snippet in its column (16 px margins, up to 700 px wide). */
const post = (snippet) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Post</title></head>
<body style="margin:0;font:16px/1.6 sans-serif"><main style="max-width:700px;margin:0 auto;padding:0 16px"><h1>A post</h1>${snippet}<p>After the calculator.</p></main></body></html>`;

test('the frame code fits a phone (390 px) and the column (1280 px) without a scrollbar inside the frame, with and without the resize script', async (t) => {
  const { page, close } = await builder();
  let frame;
  let resize;
  try {
    await page.selectOption('#platform', 'iframe');
    await page.locator('input[name=sections][value=sensitivity]').check();
    // The heights are measured in the frame's own page, at a phone's width and the column's.
    await page.locator('#iframe-snippet[data-measured]').waitFor({ state: 'attached', timeout: 30_000 });
    await waitForIdle(page, { timeout: 30_000 });
    frame = await page.locator('#iframe-snippet').inputValue();
    resize = await page.locator('#resize-snippet').inputValue();
  } finally {
    await close();
  }
  assert.match(frame, /style="border:0;display:block;height:calc\(\d+px \+ min\(/);
  t.diagnostic(frame.replace(/src="[^"]*"/, 'src="…"'));
  for (const [viewport, withScript] of [[{ width: 390, height: 844 }, false], [{ width: 1280, height: 800 }, false], [{ width: 390, height: 844 }, true]]) {
    const name = `${viewport.width} px${withScript ? ' with the resize script' : ''}`;
    const host = await openPage(env.browser, null, { contextOptions: { viewport } });
    try {
      const body = post(withScript ? `${frame}\n${resize}` : frame);
      await host.page.route(`${env.server.url}post.html`, (route) => route.fulfill({ contentType: 'text/html', body }));
      await host.page.goto(`${env.server.url}post.html`);
      const inner = host.page.frameLocator('iframe');
      // The frame opens on the article: the answer, its inputs and the "More" row naming the panels.
      await inner.locator(`${W} .answer [data-result="/funnel/revenue"][data-value]`).waitFor({ timeout: 20_000 });
      await inner.locator(`${W} details.more:not([open]) > summary`).waitFor();
      await waitForIdle(host.page);
      const sizes = async () => ({
        frame: await host.page.locator('iframe').evaluate((f) => f.clientHeight),
        content: await inner.locator('body').evaluate((body) => Math.ceil(body.getBoundingClientRect().height)),
        scrolls: await inner.locator('html').evaluate((html) => html.scrollHeight > html.clientHeight && `${html.scrollHeight} > ${html.clientHeight}, body ${document.body.getBoundingClientRect().height}, main ${document.querySelector('main').getBoundingClientRect().bottom}`),
      });
      const got = withScript ? await waitUntil(host.page, async () => { const s = await sizes(); return s.frame === s.content && s; }, { message: () => `${name}: the frame to fit` , timeout: 20_000 }).catch(async (e) => { throw new Error(`${e.message}: ${JSON.stringify(await sizes())}`); }) : await sizes();
      t.diagnostic(`${name}: frame ${got.frame} px, content ${got.content} px ${got.scrolls}`);
      assert.ok(got.frame >= got.content && !got.scrolls, `${name}: frame ${got.frame} px < content ${got.content} px`);
      if (withScript) {
        // A reader opens "More": the chosen panel shows, and the script grows the frame to fit it.
        await inner.locator(`${W} details.more > summary`).click();
        await inner.locator(`${W} details.more[open] section[data-section="pSens"]`).waitFor({ timeout: 20_000 });
        await waitForIdle(host.page);
        const opened = await waitUntil(host.page, async () => { const s = await sizes(); return s.frame === s.content && s.frame > got.frame && s; }, { message: () => `${name}: the frame to fit the opened "More"`, timeout: 20_000 }).catch(async (e) => { throw new Error(`${e.message}: ${JSON.stringify(await sizes())}`); });
        t.diagnostic(`${name}, "More" open: frame ${opened.frame} px, content ${opened.content} px ${opened.scrolls}`);
        assert.ok(!opened.scrolls, `${name}, "More" open: ${opened.scrolls}`);
      }
      assert.deepEqual(host.pageErrors, [], name);
    } finally {
      await host.close();
    }
  }
});
