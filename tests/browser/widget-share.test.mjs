// The whole state travels in the URL fragment and comes back exactly; a tampered fragment loads
// the defaults and says so. CSV export holds the exact engine values.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, test } from 'node:test';
import { readSheet } from './xlsx.mjs';
import { openPage, useBrowser, waitForIdle, waitUntil } from './harness.mjs';
import { ready as readyWithPanels } from './widget-page.mjs';

const env = useBrowser({ before, after });
const W = 'sales-kpi-calculator';
const value = (page, sel) => page.locator(`${W} ${sel}`).first().getAttribute('data-value');
// Computed, with the article's "More" row open so every panel is on screen (widget-page.mjs).
const ready = (page) => readyWithPanels(page);
const stateOf = (page) => page.evaluate(() => JSON.stringify(document.querySelector('sales-kpi-calculator').state));

/** The state in a #skc= fragment of `url`, or null. */
const fragmentState = (url) => (url.includes('#skc=') ? JSON.parse(Buffer.from(url.split('#skc=')[1], 'base64url').toString('utf8')) : null);

test('the URL fragment round-trips the whole state exactly', async () => {
  const { page, pageErrors, close } = await openPage(env.browser, `${env.server.url}index.html?locale=nl-NL`);
  let url;
  let state;
  try {
    await ready(page);
    const field = (p) => page.locator(`${W} input[data-field="${p}"]`);
    await field('/funnel/top').fill('12.345,678');
    await field('/funnel/stages/0/name').fill('Demo’s & “calls” <b>');
    await field('/funnel/dealSize').fill('0,000000000000000000000000001');
    await field('/funnel/dealSize').fill('98.765,4321');
    await page.locator(`${W} input[data-whatif="/funnel/dealSize"]`).fill('-3,25');
    await page.locator(`${W} input[data-range-low="/funnel/top"]`).fill('10.000');
    await page.locator(`${W} input[data-range-high="/funnel/top"]`).fill('14.000');
    state = await stateOf(page);
    // Written after a short pause in typing: wait until the fragment holds this state.
    url = await waitUntil(
      page,
      () => {
        const s = fragmentState(page.url());
        return s?.m.funnel.top === '12345.678' && Object.keys(s.r).length > 0 && page.url();
      },
      { message: () => `the fragment to hold the edited state (URL: ${page.url()})` },
    );
    assert.match(state, /"top":"12345.678"/);
    assert.match(state, /"dealSize":"98765.4321"/);
    assert.match(state, /"value":"-0.0325"/);
    assert.deepEqual(pageErrors, []);
  } finally {
    await close();
  }
  const second = await openPage(env.browser, url);
  try {
    await ready(second.page);
    assert.equal(await stateOf(second.page), state, 'the same state, byte for byte');
    assert.equal(await second.page.locator(`${W} input[data-field="/funnel/stages/0/name"]`).inputValue(), 'Demo’s & “calls” <b>');
    assert.equal(await second.page.locator(`${W} input[data-field="/funnel/top"]`).inputValue(), '12.345,678');
    assert.equal((await second.page.locator(`${W} .notice`).textContent()).trim(), '');
  } finally {
    await second.close();
  }
});

test('a tampered fragment loads the defaults and says so politely', async () => {
  const good = { v: 1, p: 'inbound', c: 'EUR', m: { funnel: { top: '1', stages: [{ name: 'x', rate: '1.5' }], dealSize: '1' } }, w: {}, r: {} };
  const b64 = Buffer.from(JSON.stringify(good)).toString('base64url');
  for (const hash of ['#skc=not-base64!!', `#skc=${b64}`, '#skc=eyJ2IjoxfQ']) {
    const { page, pageErrors, close } = await openPage(env.browser, `${env.server.url}index.html${hash}`);
    try {
      await ready(page);
      assert.equal(await value(page, '[data-result="/funnel/revenue"]'), '750000');
      const notice = page.locator(`${W} .notice`);
      assert.match(await notice.textContent(), /could not be read/);
      assert.equal(await notice.getAttribute('role'), 'status');
      assert.deepEqual(pageErrors, []);
    } finally {
      await close();
    }
  }
});

/**
 * The sheet holds the typed 2,500 calls and its revenue; the link opens the same revenue.
 * @param {unknown[][]} rows the downloaded workbook's rows
 * @param {string} link the copied link
 */
async function assertTyped2500(rows, link) {
  assert.deepEqual(rows.find((row) => row[1] === 'Calls and e-mails')?.slice(0, 4), ['Your funnel', 'Calls and e-mails', 'number', '2500']);
  assert.deepEqual(rows.find((row) => row[1] === 'Revenue')?.slice(0, 5), ['Results', 'Revenue', 'USD', '250000', '275000']);
  const again = await openPage(env.browser, link);
  try {
    await ready(again.page);
    assert.equal(await value(again.page, '[data-result="/funnel/revenue"]'), '250000');
  } finally {
    await again.close();
  }
}

test('a number typed just before "Copy link" or the spreadsheet is in them, even while the editing code loads', async () => {
  // The editing code (it reads typed text) loads on the first key press; hold it back, so the
  // buttons are clicked while the typed number is still waiting for it.
  let release = () => {};
  const held = new Promise((resolve) => (release = resolve));
  const { page, context, close } = await openPage(env.browser, null, {
    contextOptions: { acceptDownloads: true },
    beforeNavigate: (p) => p.route('**/editing*.js', async (route) => (await held, route.continue())),
  });
  try {
    await page.goto(`${env.server.url}embed.html?preset=outbound&sections=all`);
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await ready(page);
    await page.locator(`${W} input[data-field="/funnel/top"]`).fill('2500');
    await page.locator(`${W} button`, { hasText: 'Copy link' }).click();
    const download = page.waitForEvent('download');
    await page.locator(`${W} button`, { hasText: 'Download spreadsheet' }).click();
    // All but the held editing code has arrived and run.
    await waitForIdle(page, { ignore: /\/editing[^/]*\.js$/ });
    assert.equal(await page.locator(`${W} .share [role=status]`).textContent(), '', 'nothing copied before the number was read');
    release();
    await page.locator(`${W} .share [role=status]`, { hasText: 'Link copied' }).waitFor();
    const rows = readSheet(await readFile(await (await download).path()));
    await assertTyped2500(rows, await page.evaluate(() => navigator.clipboard.readText()));
  } finally {
    release();
    await close();
  }
});

test('copy link gives a link that opens the same numbers; the spreadsheet holds exact values', async () => {
  const { page, context, close } = await openPage(env.browser, `${env.server.url}embed.html?preset=outbound&sections=all`, { contextOptions: { acceptDownloads: true } });
  try {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await ready(page);
    await page.locator(`${W} input[data-field="/funnel/top"]`).fill('2500');
    await page.locator(`${W} button`, { hasText: 'Copy link' }).click();
    await page.locator(`${W} .share [role=status]`, { hasText: 'Link copied' }).waitFor();
    const link = await page.evaluate(() => navigator.clipboard.readText());
    assert.match(link, /embed\.html\?preset=outbound&sections=all#skc=/);
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator(`${W} button`, { hasText: 'Download spreadsheet' }).click()]);
    assert.equal(download.suggestedFilename(), 'sales-kpi.xlsx');
    const rows = readSheet(await readFile(await download.path()));
    assert.deepEqual(rows[2].slice(0, 5), ['Section', 'Item', 'Unit', 'Value', 'Scenario']);
    await assertTyped2500(rows, link);
  } finally {
    await close();
  }
});
