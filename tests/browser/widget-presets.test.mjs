// Each preset renders with the right numbers, in light and dark, and at 320 px wide.
// Screenshots for review: a temporary folder, or tests/screenshots/ with --update-screenshots.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { openPage, screenshot, useBrowser, waitForIdle } from './harness.mjs';
import { ready as readyWithPanels } from './widget-page.mjs';

const env = useBrowser({ before, after });
const W = 'sales-kpi-calculator';
const value = (page, sel) => page.locator(`${W} ${sel}`).first().getAttribute('data-value');
// Computed, with the article's "More" row open so every panel is on screen (widget-page.mjs).
const ready = (page) => readyWithPanels(page);

// Revenue of each preset's example: top × rates × deal size, worked out by hand.
const PRESETS = {
  inbound: { revenue: '750000', deals: '60', needed: '16000' },
  outbound: { revenue: '200000', deals: '25', needed: '2560' },
  leads: { revenue: '135000', deals: '30', needed: '570' },
  'unit-economics': { revenue: '750000', deals: '60', cac: '1500', clv: '30000', ltv: '20', payback: '2.4' },
};

for (const [preset, want] of Object.entries(PRESETS)) {
  for (const scheme of ['light', 'dark']) {
    test(`preset ${preset} renders (${scheme})`, async () => {
      const { page, pageErrors, consoleErrors, failedRequests, close } = await openPage(env.browser, `${env.server.url}embed.html?preset=${preset}&locale=en-US`, {
        contextOptions: { colorScheme: scheme, viewport: { width: 820, height: 1000 }, reducedMotion: 'reduce' },
      });
      try {
        await ready(page);
        assert.equal(await value(page, '[data-result="/funnel/revenue"]'), want.revenue);
        assert.equal(await value(page, '[data-result="/funnel/deals"]'), want.deals);
        if (want.needed) assert.equal(await value(page, '[data-result="/target/needed/top"]'), want.needed);
        if (want.cac) {
          assert.equal(await value(page, '[data-result="/economics/cac"]'), want.cac);
          assert.equal(await value(page, '[data-result="/economics/clv"]'), want.clv);
          assert.equal(await value(page, '[data-result="/economics/ltvToCac"]'), want.ltv);
          assert.equal(await value(page, '[data-result="/economics/paybackMonths"]'), want.payback);
        }
        // No notice about bad settings on a clean configuration.
        assert.equal((await page.locator(`${W} .notice`).textContent()).trim(), '');
        // The picture shows the finished widget: lazy panels in, deferred work done.
        await waitForIdle(page);
        // The top of the widget (inputs, results, what-if): enough to review, small enough to commit.
        await screenshot(page, `preset-${preset}-${scheme}`, { fullPage: false });
        assert.deepEqual(pageErrors, []);
        assert.deepEqual(consoleErrors, []);
        assert.deepEqual(failedRequests, []);
      } finally {
        await close();
      }
    });
  }
}

test('the planner works at 320 px wide without sideways scrolling', async () => {
  const { page, pageErrors, close } = await openPage(env.browser, `${env.server.url}index.html`, { contextOptions: { viewport: { width: 320, height: 800 } } });
  try {
    await ready(page);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `page scrolls sideways by ${overflow}px`);
    await screenshot(page, 'planner-320', { fullPage: false });
    assert.deepEqual(pageErrors, []);
  } finally {
    await close();
  }
});

// The planner (index.html) is the inbound preset with every section.
const PLANNER_PANELS = ['pFunnel', 'pResults', 'pWhatIf', 'pGoal', 'pSens', 'pUnc', 'pEcon', 'pRet', 'pPlan', 'progress', 'pShare'];
const BACKGROUND = { light: 'rgb(255, 255, 255)', dark: 'rgb(20, 24, 29)' };

test('the full planner shows every panel and computes in each, in light and dark', async () => {
  for (const scheme of ['light', 'dark']) {
    const { page, pageErrors, close } = await openPage(env.browser, `${env.server.url}index.html`, { contextOptions: { colorScheme: scheme, viewport: { width: 1200, height: 900 } } });
    try {
      await ready(page);
      await waitForIdle(page);
      await screenshot(page, `planner-${scheme}`, { fullPage: false });
      assert.deepEqual(await page.locator(`${W} [data-section]`).evaluateAll((panels) => panels.map((panel) => panel.dataset.section)), PLANNER_PANELS);
      assert.equal(await page.locator(W).evaluate((element) => getComputedStyle(element.shadowRoot.querySelector('.root')).backgroundColor), BACKGROUND[scheme]);
      assert.equal(await value(page, '[data-result="/funnel/revenue"]'), PRESETS.inbound.revenue);
      assert.equal(await value(page, '[data-result="/target/needed/top"]'), PRESETS.inbound.needed);
      assert.match(await page.locator(`${W} [data-section=pPlan] .sentence`).textContent(), /\d/, 'the Plan panel has planned');
      // Every lever moves the preset's revenue by the same share: one sentence, no chart of equal
      // bars (tests/browser/widget-charts.test.mjs draws it for a metric whose levers differ).
      await page.locator(`${W} [data-section=pSens] p.hint`, { hasText: 'moves by the same share' }).waitFor();
      assert.equal(await page.locator(`${W} [data-section=pSens] .chart`).isHidden(), true, 'no chart of equal bars');
      // Revenue is top x 0.025 x 0.2 x 12500 = top x 62.5: a top between 10000 and 14000 gives
      // revenue between 625000 and 875000, and the simulation's percentiles fall inside.
      await page.locator(`${W} input[data-range-low="/funnel/top"]`).fill('10000');
      await page.locator(`${W} input[data-range-high="/funnel/top"]`).fill('14000');
      await page.locator(`${W} [data-sim="p90"][data-value]:not([data-value=""])`).waitFor();
      const [p10, p50, p90] = await Promise.all(['p10', 'p50', 'p90'].map(async (key) => Number(await value(page, `[data-sim="${key}"]`))));
      assert.ok(625000 <= p10 && p10 < p50 && p50 < p90 && p90 <= 875000, `p10 ${p10}, p50 ${p50}, p90 ${p90}`);
      assert.deepEqual(pageErrors, []);
    } finally {
      await close();
    }
  }
});

test('invalid attributes show a polite message and fall back to the defaults', async () => {
  const { page, pageErrors, close } = await openPage(env.browser, `${env.server.url}embed.html?preset=nope&locale=xx-!!&currency=EURO&sections=funnel,bogus&model=%7Bbad&what-if=/funnel/nothing:+5%25`);
  try {
    await ready(page);
    const notice = page.locator(`${W} .notice`);
    assert.equal(await notice.getAttribute('role'), 'status');
    const text = await notice.textContent();
    for (const name of ['preset', 'locale', 'currency', 'sections', 'model', 'what-if']) assert.match(text, new RegExp(`${name}=`), `a message about ${name}`);
    assert.equal(await value(page, '[data-result="/funnel/revenue"]'), '750000', 'defaults are used');
    assert.deepEqual(pageErrors, []);
  } finally {
    await close();
  }
});

test('the model attribute prefills the calculator and sections choose the panels', async () => {
  const model = { funnel: { top: 1000, stages: [{ name: 'demo', rate: '0.1' }, { name: 'won', rate: '0.5' }], dealSize: '999.99' }, target: '100000' };
  const url = `${env.server.url}embed.html?preset=leads&editable-stages&sections=funnel%20target%20economics&model=${encodeURIComponent(JSON.stringify(model))}`;
  const { page, close } = await openPage(env.browser, url);
  try {
    await ready(page);
    assert.equal(await value(page, '[data-result="/funnel/revenue"]'), '49999.5');
    assert.equal(await page.locator(`${W} input[data-field="/funnel/stages/1/name"]`).inputValue(), 'won');
    assert.equal(await page.locator(`${W} [data-section="pWhatIf"]`).count(), 0);
    assert.equal(await page.locator(`${W} [data-section="pEcon"]`).count(), 1);
  } finally {
    await close();
  }
});
