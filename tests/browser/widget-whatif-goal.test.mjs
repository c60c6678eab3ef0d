// What-if, goal seek and sensitivity give the engine's exact numbers.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { openPage, useBrowser, waitUntil } from './harness.mjs';
import { W, value, ready, expectValue } from './widget-page.mjs';

const env = useBrowser({ before, after });

test('raising the deal value by X % raises revenue by exactly X %', async () => {
  const { page, pageErrors, close } = await openPage(env.browser, `${env.server.url}index.html`);
  try {
    await ready(page);
    // The first page's example: +10 % on a revenue of 750,000.
    await expectValue(page, '[data-scenario="/funnel/revenue"]', '825000');
    assert.equal(await value(page, '[data-scenario-diff="/funnel/revenue"]'), '75000');
    const pct = page.locator(`${W} input[data-whatif="/funnel/dealSize"]`);
    for (const [x, revenue, diff] of [
      ['7.3', '804750', '54750'],
      ['-12.5', '656250', '-93750'],
      ['0.01', '750075', '75'],
      ['33.333', '999997.5', '249997.5'],
    ]) {
      await pct.fill(x);
      await expectValue(page, '[data-scenario="/funnel/revenue"]', revenue);
      assert.equal(await value(page, '[data-scenario-diff="/funnel/revenue"]'), diff, `+${x} %`);
      assert.equal(await value(page, '[data-result="/funnel/revenue"]'), '750000', 'the baseline stays');
    }
    assert.deepEqual(pageErrors, []);
  } finally {
    await close();
  }
});

test('other levers: percentage points for a rate, or a percentage of it', async () => {
  const { page, close } = await openPage(env.browser, `${env.server.url}index.html`);
  try {
    await ready(page);
    await page.locator(`${W} details.levers > summary`).click();
    const rate = page.locator(`${W} input[data-whatif="/funnel/stages/0/rate"]`);
    await rate.fill('0.5');
    // 2.5 % + 0.5 pp = 3 %, and the deal value +10 %: 12000 × 0.03 × 0.2 × 13750.
    await expectValue(page, '[data-scenario="/funnel/revenue"]', '990000');
    await page.locator(`${W} select[data-whatif-unit="/funnel/stages/0/rate"]`).selectOption('by');
    // 2.5 % × 1.005: 750000 × 1.005 × 1.1.
    await expectValue(page, '[data-scenario="/funnel/revenue"]', '829125');
    await page.locator(`${W} button`, { hasText: 'Clear the scenario' }).click();
    await expectValue(page, '[data-scenario-diff="/funnel/revenue"]', '0');
    // A change that takes a rate past 100 % is refused next to its control.
    await page.locator(`${W} details.levers > summary`).click();
    await page.locator(`${W} input[data-whatif="/funnel/stages/1/rate"]`).fill('90');
    const msg = page.locator(`${W} .levers .err`).filter({ hasText: /valid range/ });
    await msg.first().waitFor();
  } finally {
    await close();
  }
});

test('goal seek: what each lever would need to be, and why when it cannot', async () => {
  const { page, close } = await openPage(env.browser, `${env.server.url}index.html`);
  try {
    await ready(page);
    const solved = (lever) => value(page, `[data-solve="${lever}"]`);
    await expectValue(page, '[data-solve="/funnel/top"]', '16000');
    assert.equal(await solved('/funnel/stages/1/rate'), '0.2666666666666666666666666667');
    assert.match(await solved('/funnel/dealSize'), /^16666\.66666666666666666666666/);
    // A target that needs a conversion above 100 %.
    await page.locator(`${W} input[data-field="/target"]`).fill('100000000');
    await expectValue(page, '[data-solve="/funnel/top"]', '1600000');
    const cell = page.locator(`${W} [data-solve="/funnel/stages/0/rate"]`);
    assert.equal(await cell.getAttribute('data-value'), '');
    assert.match(await cell.textContent(), /above 100%/);
    // A zero step: the other levers cannot move revenue at all.
    await page.locator(`${W} input[data-field="/funnel/stages/1/rate"]`).fill('0');
    await expectValue(page, '[data-solve="/funnel/top"]', '');
    assert.match(await page.locator(`${W} [data-solve="/funnel/top"]`).textContent(), /does not move revenue while conversion rate to deals is 0/);
  } finally {
    await close();
  }
});

test('goal seek in Dutch explains in Dutch', async () => {
  const { page, close } = await openPage(env.browser, `${env.server.url}index.html?locale=nl-NL`);
  try {
    await ready(page);
    await page.locator(`${W} input[data-field="/target"]`).fill('100.000.000');
    const cell = page.locator(`${W} [data-solve="/funnel/stages/0/rate"]`);
    await expectValue(page, '[data-solve="/funnel/top"]', '1600000');
    assert.match(await cell.textContent(), /Niet haalbaar/);
  } finally {
    await close();
  }
});

test('sensitivity ranks levers and uncertainty gives percentiles and a chance', async () => {
  const { page, close } = await openPage(env.browser, `${env.server.url}index.html`);
  try {
    await ready(page);
    const sens = page.locator(`${W} [data-section="pSens"]`);
    await sens.locator('select').selectOption('/economics/ltvToCac');
    await sens.locator('details.alt > summary').click();
    const first = await sens.locator('tbody tr th').first().textContent();
    assert.ok(first.length > 0);
    assert.ok((await sens.locator('svg rect').count()) > 4, 'the tornado is drawn');
    const unc = page.locator(`${W} [data-section="pUnc"]`);
    await unc.locator('input[data-range-low="/funnel/dealSize"]').fill('10000');
    await unc.locator('input[data-range-high="/funnel/dealSize"]').fill('20000');
    const p50 = await expectValue(page, '[data-sim="p50"]', (v) => !!v);
    const p10 = await value(page, '[data-sim="p10"]');
    const p90 = await value(page, '[data-sim="p90"]');
    assert.ok(Number(p10) <= Number(p50) && Number(p50) <= Number(p90), `${p10} ≤ ${p50} ≤ ${p90}`);
    const chance = await value(page, '[data-sim="probabilityAtLeast"]');
    assert.ok(Number(chance) >= 0 && Number(chance) <= 1);
    // The same inputs give the same summary (a fixed seed).
    await unc.locator('input[data-range-high="/funnel/dealSize"]').fill('20001');
    await expectValue(page, '[data-sim="p50"]', (v) => v && v !== p50);
    await unc.locator('input[data-range-high="/funnel/dealSize"]').fill('20000');
    await expectValue(page, '[data-sim="p50"]', p50);
  } finally {
    await close();
  }
});

// The bundle (dist/), whose small engine has no `simulate`: the source's www/pkg/ has every function.
test('the Uncertainty panel brings the full engine, also when it is switched on later, with the same numbers', async () => {
  const { page, requests, pageErrors, close } = await openPage(env.browser, null);
  try {
    const wasm = () => requests.filter((url) => url.endsWith('.wasm')).map((url) => new URL(url).pathname);
    const unc = page.locator(`${W} [data-section="pUnc"]`);
    const simulate = async () => {
      await unc.locator('input[data-range-low="/funnel/dealSize"]').fill('10000');
      await unc.locator('input[data-range-high="/funnel/dealSize"]').fill('20000');
      await expectValue(page, '[data-sim="p50"]', (v) => !!v);
      return Promise.all(['p10', 'p50', 'p90', 'probabilityAtLeast'].map((key) => value(page, `[data-sim="${key}"]`)));
    };
    await page.goto(`${env.server.url}dist/embed.html?preset=inbound&sections=funnel+uncertainty`);
    await ready(page);
    const fromTheStart = await simulate();
    assert.deepEqual(wasm(), ['/dist/pkg-full/sales_kpi_bg.wasm'], 'the engine with simulate, not the small one too');
    requests.length = 0;
    await page.goto(`${env.server.url}dist/embed.html?preset=inbound`);
    await ready(page);
    assert.deepEqual(wasm(), ['/dist/pkg/sales_kpi_bg.wasm'], 'without the panel the small engine alone');
    await page.locator(W).evaluate((widget) => widget.setAttribute('sections', 'funnel uncertainty'));
    assert.deepEqual(await simulate(), fromTheStart);
    assert.deepEqual(wasm(), ['/dist/pkg/sales_kpi_bg.wasm', '/dist/pkg-full/sales_kpi_bg.wasm']);
    assert.deepEqual(pageErrors, []);
  } finally {
    await close();
  }
});

test('every result explains its formula with the reader\'s numbers', async () => {
  const { page, close } = await openPage(env.browser, `${env.server.url}index.html`);
  try {
    await ready(page);
    const rows = page.locator(`${W} details.res`);
    const n = await rows.count();
    assert.ok(n >= 15, `${n} results`);
    for (let i = 0; i < n; i++) {
      const row = rows.nth(i);
      if (!(await row.isVisible())) continue;
      await row.locator('summary').click();
      const how = await waitUntil(page, async () => (await row.locator('.how').textContent()).trim(), { timeout: 5000, message: `row ${i}'s explanation` });
      assert.match(how, /=.*\d/, `row ${i} explains itself (got "${how}")`);
    }
    const rev = await page.locator(`${W} details.res:has([data-result="/funnel/revenue"]) .how`).textContent();
    assert.equal(rev, 'Revenue = deals won × average deal value = 60 × $12,500 = $750,000');
  } finally {
    await close();
  }
});
