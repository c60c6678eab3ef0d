// The planner page (www/index.html) speaks the reader's language around the calculator, and a
// change of language through its nav keeps the reader's numbers and currency (issue #10, item 7).
//
// DOM contract: the nav's language links are plain links (`./?locale=xx-XX`) named English,
// Nederlands and Dansk; the page has one <h1>, a `.lede` and a `footer.site`.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { openPage, useBrowser, waitUntil } from './harness.mjs';

const env = useBrowser({ before, after });
const W = 'sales-kpi-calculator';
const TOP = `${W} input[data-field="/funnel/top"]`;
const REVENUE = `${W} [data-result="/funnel/revenue"]`;

/** The page's own texts, as the reader sees them. */
const pageTexts = (page) =>
  page.evaluate(() => ({
    lang: document.documentElement.lang,
    title: document.title,
    description: document.querySelector('meta[name="description"]').content,
    heading: document.querySelector('h1').textContent.trim(),
    lede: document.querySelector('.lede').textContent.trim(),
    nav: document.querySelector('header.site nav').getAttribute('aria-label'),
    embed: document.querySelector('header.site nav a[href^="builder"]').textContent.trim(),
    footer: document.querySelector('footer.site').textContent.replace(/\s+/g, ' ').trim(),
  }));

/** Every result the calculator shows, as exact values: [pointer, value] in document order. */
const results = (page) => page.locator(`${W} [data-result]`).evaluateAll((els) => els.map((e) => [e.getAttribute('data-result'), e.getAttribute('data-value')]));

/** Waits until revenue holds `value` (exact) and returns its formatted text. */
async function revenueIs(page, value) {
  await page.locator(`${REVENUE}[data-value="${value}"]`).first().waitFor({ timeout: 20_000 });
  return (await page.locator(REVENUE).first().textContent()).trim();
}

/** The state in the page's URL fragment (the widget's url-state), or null. */
function fragmentState(url) {
  const hash = new URL(url).hash;
  const m = /skc=([^&#]*)/.exec(hash);
  return m ? JSON.parse(Buffer.from(m[1], 'base64url').toString('utf8')) : null;
}

function waitForFragment(page, accept) {
  return waitUntil(
    page,
    () => {
      const state = fragmentState(page.url());
      return state && accept(state) && page.url();
    },
    { timeout: 20_000, message: () => `the URL fragment to hold the expected state (URL: ${page.url()})` },
  );
}

/**
 * Clicks a language link and waits until the calculator has re-labelled itself: its text holds
 * `word` (the name of the revenue KPI in the new language). The formats of its numbers alone are
 * no sign: the widget may repaint them in the new locale before it rebuilds its inputs.
 */
async function switchTo(page, name, word) {
  await page.evaluate(() => (window.plannerStayedPut = true));
  await page.getByRole('link', { name, exact: true }).click();
  await waitUntil(
    page,
    async () => {
      const shown = await page
        .evaluate(() => document.querySelector('sales-kpi-calculator')?.shadowRoot?.textContent ?? '')
        .catch(() => '');
      return shown.includes(word);
    },
    { timeout: 20_000, message: `the calculator to show "${word}" after clicking ${name}` },
  );
  return (await page.locator(REVENUE).first().textContent()).trim();
}

test('the page is Dutch with ?locale=nl-NL and Danish with ?locale=da-DK, English without', async () => {
  const expected = {
    'nl-NL': { lang: 'nl-NL', heading: 'Sales-KPI-planner', lede: /omzet/, footer: /Werkt helemaal in je browser.*niets opgeslagen/, embed: 'Insluiten' },
    'da-DK': { lang: 'da-DK', heading: 'Salgs-KPI-planlægger', lede: /omsætning/, footer: /Kører helt i din browser.*intet gemmes/, embed: 'Indlejr' },
    '': { lang: 'en', heading: 'Sales KPI planner', lede: /revenue/, footer: /Runs entirely in your browser/, embed: 'Embed it' },
  };
  const seen = {};
  for (const [locale, want] of Object.entries(expected)) {
    const { page, pageErrors, close } = await openPage(env.browser, `${env.server.url}index.html${locale ? `?locale=${locale}` : ''}`);
    try {
      await revenueIs(page, '750000');
      const texts = await pageTexts(page);
      seen[locale] = texts;
      assert.equal(texts.lang, want.lang, `${locale}: <html lang>`);
      assert.equal(texts.heading, want.heading, `${locale}: heading`);
      assert.ok(texts.title.startsWith(`${want.heading}:`), `${locale}: title "${texts.title}"`);
      assert.match(texts.lede, want.lede, `${locale}: lede`);
      assert.match(texts.footer, want.footer, `${locale}: footer`);
      assert.equal(texts.embed, want.embed, `${locale}: the builder link`);
      // The current language's link says so to assistive technology.
      const current = await page.locator('header.site nav a[aria-current]').allTextContents();
      assert.deepEqual(current, [{ 'nl-NL': 'Nederlands', 'da-DK': 'Dansk', '': 'English' }[locale]]);
      assert.deepEqual(pageErrors, []);
    } finally {
      await close();
    }
  }
  // Every text differs between the three languages (nothing left in English by mistake).
  for (const key of ['title', 'description', 'heading', 'lede', 'footer']) {
    assert.equal(new Set(Object.values(seen).map((t) => t[key])).size, 3, `${key} in three languages: ${JSON.stringify(Object.values(seen).map((t) => t[key]))}`);
  }
});

test('Dutch to Dansk through the nav keeps 8.500 visitors, EUR and every result', async () => {
  const { page, pageErrors, consoleErrors, close } = await openPage(env.browser, `${env.server.url}index.html?locale=nl-NL`);
  try {
    await revenueIs(page, '750000');
    await page.locator(TOP).fill('8.500');
    const dutchRevenue = await revenueIs(page, '531250');
    assert.match(dutchRevenue, /€/);
    const before = await results(page);

    const danishRevenue = await switchTo(page, 'Dansk', 'Omsætning');
    assert.equal(await page.locator(TOP).inputValue(), '8.500', 'the visitors field keeps the number, written the Danish way');
    assert.match(danishRevenue, /€/, `still euros: "${danishRevenue}"`);
    assert.doesNotMatch(danishRevenue, /kr|DKK/);
    assert.deepEqual(await results(page), before, 'every result is the same exact value');
    assert.ok(await page.evaluate(() => window.plannerStayedPut), 'switched in place, without loading the page again');

    const texts = await pageTexts(page);
    assert.equal(texts.lang, 'da-DK');
    assert.equal(texts.heading, 'Salgs-KPI-planlægger');
    assert.ok(texts.title.startsWith('Salgs-KPI-planlægger:'), texts.title);
    assert.match(texts.footer, /intet gemmes/);
    assert.deepEqual(await page.locator('header.site nav a[aria-current]').allTextContents(), ['Dansk']);
    // The address says Danish and still holds the numbers, so a reload or a shared link keeps them.
    const url = await waitForFragment(page, (s) => s.m.funnel.top === '8500' && s.c === 'EUR');
    assert.equal(new URL(url).searchParams.get('locale'), 'da-DK');
    assert.deepEqual(pageErrors, []);
    assert.deepEqual(consoleErrors, []);
  } finally {
    await close();
  }
});

test('Danish back to English keeps the numbers and the currency (DKK does not become USD)', async () => {
  const { page, pageErrors, close } = await openPage(env.browser, `${env.server.url}index.html?locale=da-DK`);
  try {
    await revenueIs(page, '750000');
    await page.locator(TOP).fill('8.500');
    const danishRevenue = await revenueIs(page, '531250');
    assert.match(danishRevenue, /kr/);
    const before = await results(page);

    const englishRevenue = await switchTo(page, 'English', 'Revenue');
    assert.equal(await page.locator(TOP).inputValue(), '8,500');
    assert.match(englishRevenue, /DKK|kr/, `still Danish kroner: "${englishRevenue}"`);
    assert.doesNotMatch(englishRevenue, /\$|USD/);
    assert.deepEqual(await results(page), before);
    assert.ok(await page.evaluate(() => window.plannerStayedPut), 'switched in place');
    const texts = await pageTexts(page);
    assert.equal(texts.lang, 'en-US');
    assert.equal(texts.heading, 'Sales KPI planner');
    assert.equal(texts.embed, 'Embed it');
    assert.match(texts.footer, /Runs entirely in your browser/);
    await waitForFragment(page, (s) => s.m.funnel.top === '8500' && s.c === 'DKK');
    assert.equal(new URL(page.url()).searchParams.get('locale'), 'en-US');
    assert.deepEqual(pageErrors, []);
  } finally {
    await close();
  }
});

test('a language link opened as a plain link (new tab, no script on the click) keeps the numbers too', async () => {
  const { page, close } = await openPage(env.browser, `${env.server.url}index.html?locale=nl-NL`);
  let href;
  let before;
  try {
    await revenueIs(page, '750000');
    await page.locator(TOP).fill('8.500');
    await revenueIs(page, '531250');
    before = await results(page);
    await waitForFragment(page, (s) => s.m.funnel.top === '8500');
    const link = page.getByRole('link', { name: 'Dansk', exact: true });
    await link.hover();
    href = await link.evaluate((a) => a.href);
  } finally {
    await close();
  }
  assert.equal(new URL(href).searchParams.get('locale'), 'da-DK');
  const again = await openPage(env.browser, href);
  try {
    await again.page.locator(`${REVENUE}[data-value]`).first().waitFor({ timeout: 20_000 });
    assert.equal(await again.page.locator(TOP).inputValue(), '8.500', 'the visitors field keeps the number');
    const revenue = await revenueIs(again.page, '531250');
    assert.match(revenue, /€/, `still euros: "${revenue}"`);
    assert.deepEqual(await results(again.page), before);
    assert.equal((await pageTexts(again.page)).heading, 'Salgs-KPI-planlægger');
  } finally {
    await again.close();
  }
});

test('without JavaScript the English page and a note in all three languages remain', async () => {
  const context = await env.browser.newContext({ javaScriptEnabled: false });
  try {
    const page = await context.newPage();
    await page.goto(`${env.server.url}index.html?locale=nl-NL`);
    assert.equal(await page.locator('h1').textContent(), 'Sales KPI planner');
    const note = await page.locator('noscript').evaluateAll((els) => els.map((e) => e.textContent).join(' '));
    assert.match(note, /needs JavaScript/);
    assert.match(note, /heeft JavaScript .* nodig/);
    assert.match(note, /kræver JavaScript/);
    // The language links still work as plain links.
    assert.equal(await page.getByRole('link', { name: 'Dansk', exact: true }).getAttribute('href'), './?locale=da-DK');
  } finally {
    await context.close();
  }
});
