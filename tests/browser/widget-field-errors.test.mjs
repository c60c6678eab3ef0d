// Every field shows its own problem at once, and the results show the last valid numbers,
// marked stale, never numbers computed from text the schema refuses (issue #10).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { openPage, useBrowser } from './harness.mjs';
import { W, input, value, ready, expectValue, fieldProblem } from './widget-page.mjs';

const env = useBrowser({ before, after });
const stateOf = (page) => page.evaluate(() => structuredClone(document.querySelector('sales-kpi-calculator').state));

test('three wrong fields (150 %, −3 %, −5) are each marked with their own message, at once', async () => {
  const { page, pageErrors, close } = await openPage(env.browser, `${env.server.url}embed.html?locale=en-US`);
  try {
    await ready(page);
    await input(page, '/funnel/stages/1/rate').fill('150');
    await input(page, '/funnel/stages/0/rate').fill('-3');
    await input(page, '/funnel/dealSize').fill('-5');
    assert.match(await fieldProblem(page, '/funnel/stages/1/rate'), /percentage from 0 to 100/);
    assert.match(await fieldProblem(page, '/funnel/stages/0/rate'), /percentage from 0 to 100/);
    assert.match(await fieldProblem(page, '/funnel/dealSize'), /cannot be negative/i);
    // The results are the last valid ones, and say so.
    assert.equal(await value(page, '[data-result="/funnel/revenue"]'), '750000');
    assert.equal(await page.locator(`${W} .root.stale`).count(), 1);
    assert.match(await page.locator(`${W} .stale-note`).textContent(), /last valid numbers/);
    const { model } = await stateOf(page);
    assert.deepEqual([model.funnel.stages[0].rate, model.funnel.stages[1].rate, model.funnel.dealSize], ['0.025', '0.2', '12500'], 'no refused value is in the state');
    // Correcting one leaves the others marked; correcting all computes again.
    await input(page, '/funnel/dealSize').fill('10000');
    await page.locator(`${W} input[data-field="/funnel/dealSize"][aria-invalid="false"]`).waitFor();
    assert.equal(await input(page, '/funnel/stages/1/rate').getAttribute('aria-invalid'), 'true');
    assert.equal(await input(page, '/funnel/stages/0/rate').getAttribute('aria-invalid'), 'true');
    await input(page, '/funnel/stages/1/rate').fill('50');
    await input(page, '/funnel/stages/0/rate').fill('3');
    // 12000 × 0.03 × 0.5 × 10000
    await expectValue(page, '[data-result="/funnel/revenue"]', '1800000');
    assert.equal(await page.locator(`${W} .root.stale`).count(), 0);
    assert.deepEqual(pageErrors, []);
  } finally {
    await close();
  }
});

test('typing "150" in a rate: no result uses the "15" typed on the way; the results go back to before the edit, marked stale', async () => {
  const { page, close } = await openPage(env.browser, `${env.server.url}embed.html?locale=en-US`);
  try {
    await ready(page);
    const rates = [];
    await page.evaluate(() => {
      window.seen = [];
      document.addEventListener('sales-kpi-change', (e) => window.seen.push(e.detail.model.funnel.stages[1].rate));
    });
    const rate = input(page, '/funnel/stages/1/rate');
    await rate.fill('');
    await page.locator(`${W} input[data-field="/funnel/stages/1/rate"][aria-invalid="true"]`).waitFor();
    await rate.pressSequentially('15');
    // 12000 × 0.025 × 0.15 × 12500
    await expectValue(page, '[data-result="/funnel/revenue"]', '562500');
    assert.equal(await page.locator(`${W} .root.stale`).count(), 0, '15 % is valid');
    await rate.press('0');
    assert.match(await fieldProblem(page, '/funnel/stages/1/rate'), /percentage from 0 to 100/);
    // The results of the rate before the edit (20 %): 12000 × 0.025 × 0.2 × 12500; 15 % was
    // only a step on the way to the text the reader meant.
    await expectValue(page, '[data-result="/funnel/revenue"]', '750000');
    assert.equal(await page.locator(`${W} .root.stale`).count(), 1, 'marked stale');
    const shown = await page.locator(W).evaluate((element) => element.shadowRoot.textContent);
    assert.ok(!/\(15%\)|562,500/.test(shown), 'nothing on screen is computed from 15 %');
    rates.push(...(await page.evaluate(() => window.seen)));
    assert.ok(!rates.includes('1.5'), `no change event with the refused rate: ${rates.join(', ')}`);
    assert.equal((await stateOf(page)).model.funnel.stages[1].rate, '0.2');
    // Taking the 0 back gives 15 % again.
    await rate.press('Backspace');
    await expectValue(page, '[data-result="/funnel/revenue"]', '562500');
  } finally {
    await close();
  }
});

test('a problem the engine finds (more new customers than at the end) is shown at its field, next to the widget\'s own', async () => {
  const { page, close } = await openPage(env.browser, `${env.server.url}embed.html?locale=en-US&sections=funnel%20retention`);
  try {
    await ready(page);
    await input(page, '/funnel/dealSize').fill('-5');
    await input(page, '/retention/end').fill('5');
    assert.match(await fieldProblem(page, '/retention/end'), /New customers cannot be more than the customers at the end/);
    assert.match(await fieldProblem(page, '/funnel/dealSize'), /cannot be negative/i);
    assert.equal(await value(page, '[data-result="/funnel/revenue"]'), '750000');
    assert.equal(await page.locator(`${W} .root.stale`).count(), 1);
    // Emptying two required fields marks both.
    await input(page, '/retention/end').fill('250');
    await input(page, '/funnel/top').fill('');
    await input(page, '/funnel/dealSize').fill('');
    assert.match(await fieldProblem(page, '/funnel/top'), /Required/);
    assert.match(await fieldProblem(page, '/funnel/dealSize'), /Required/);
  } finally {
    await close();
  }
});

test('uncertainty: a low above 100 % and a high below the low are each marked', async () => {
  const { page, close } = await openPage(env.browser, `${env.server.url}embed.html?locale=en-US&sections=funnel%20uncertainty`);
  try {
    await ready(page);
    await page.locator(`${W} input[data-range-low="/funnel/stages/0/rate"]`).fill('120');
    await page.locator(`${W} input[data-range-low="/funnel/dealSize"]`).fill('20000');
    await page.locator(`${W} input[data-range-high="/funnel/dealSize"]`).fill('10000');
    assert.match(await fieldProblem(page, '/funnel/stages/0/rate', 'data-range-low'), /percentage from 0 to 100/);
    assert.match(await fieldProblem(page, '/funnel/dealSize', 'data-range-high'), /Low must not be above high/);
  } finally {
    await close();
  }
});
