// WCAG 2.x A/AA with axe-core (open shadow roots included), keyboard use, focus and target sizes.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { formatViolations, openPage, runAxe, useBrowser, waitForIdle, waitForTextChange } from './harness.mjs';

const env = useBrowser({ before, after });
const W = 'sales-kpi-calculator';
const ready = (page) => page.locator(`${W} [data-result="/funnel/revenue"][data-value]`).first().waitFor();
const AXE = { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } };

/** Opens every disclosure so hidden content (formulas, tables, levers) is checked too. */
const openAll = (page) =>
  page.evaluate(() => {
    for (const el of document.querySelectorAll('sales-kpi-calculator')) for (const d of el.shadowRoot.querySelectorAll('details')) d.open = true;
  });

for (const scheme of ['light', 'dark']) {
  for (const path of ['index.html', 'index.html?locale=nl-NL', 'embed.html?preset=unit-economics&locale=da-DK&sections=all', 'builder.html']) {
    test(`axe finds no violations: ${path} (${scheme})`, async () => {
      const { page, close } = await openPage(env.browser, `${env.server.url}${path}`, { contextOptions: { colorScheme: scheme } });
      try {
        await ready(page);
        // Checked once the lazy panels and the deferred work are on the page.
        await waitForIdle(page);
        let violations = await runAxe(page, { options: AXE });
        assert.equal(violations.length, 0, formatViolations(violations));
        await openAll(page);
        // An opened result loads its formula's words (a lazy part) before it shows them.
        await waitForIdle(page);
        violations = await runAxe(page, { options: AXE });
        assert.equal(violations.length, 0, formatViolations(violations));
        // axe on the shadow root's own content, as a context of its own.
        violations = await runAxe(page, { context: { fromShadowDom: ['sales-kpi-calculator', '.root'] }, options: AXE });
        assert.equal(violations.length, 0, formatViolations(violations));
      } finally {
        await close();
      }
    });
  }
}

test('keyboard: every control is reachable by Tab, with a visible focus ring', async () => {
  const { page, close } = await openPage(env.browser, `${env.server.url}embed.html?sections=all&editable-stages`);
  try {
    await ready(page);
    const seen = new Set();
    let opened = false;
    for (let i = 0; i < 120; i++) {
      await page.keyboard.press('Tab');
      const info = await page.evaluate(() => {
        let el = document.activeElement;
        while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
        if (!el || el === document.body) return null;
        // A box with its unit inside, and a weekday pill, show the ring around the whole control.
        const cs = getComputedStyle(el.closest('.box, .pill') ?? el);
        return { key: el.dataset?.field ?? el.dataset?.whatif ?? el.textContent.trim().slice(0, 30) ?? el.tagName, outline: cs.outlineStyle, width: parseFloat(cs.outlineWidth) };
      });
      if (!info) continue;
      assert.ok(info.outline !== 'none' && info.width >= 2, `focus is visible on ${info.key}`);
      seen.add(info.key);
      // The article's "More" row opens by keyboard, and its panels are next in the Tab order.
      if (!opened && info.key.startsWith('More:')) {
        opened = true;
        await page.keyboard.press('Enter');
        await page.locator(`${W} details.more[open] [data-section="pShare"]`).waitFor();
      }
    }
    assert.ok(opened, 'reached "More"');
    for (const k of ['/funnel/top', '/funnel/stages/0/rate', '/funnel/dealSize', '/target', '/funnel/stages/1/name']) assert.ok(seen.has(k), `reached ${k}`);
    assert.ok([...seen].some((k) => /Copy link/.test(k)), 'reached the share buttons');
  } finally {
    await close();
  }
});

test('targets are at least 24 × 24 px, and results are announced in a polite status region', async () => {
  const { page, close } = await openPage(env.browser, `${env.server.url}index.html`);
  try {
    await ready(page);
    const small = await page.evaluate(() => {
      const root = document.querySelector('sales-kpi-calculator').shadowRoot;
      return [...root.querySelectorAll('input, select, button, summary')]
        .filter((e) => e.getClientRects().length)
        .map((e) => [e.dataset.field ?? e.textContent.trim().slice(0, 20), e.getBoundingClientRect()])
        .filter(([, r]) => r.height < 24 || r.width < 24)
        .map(([k, r]) => `${k}: ${r.width}×${r.height}`);
    });
    assert.deepEqual(small, []);
    await page.locator(`${W} input[data-field="/funnel/top"]`).fill('24000');
    // The announcement follows a pause in typing.
    const announced = await waitForTextChange(page, `${W} .sr[role=status]`, undefined, { accept: (text) => /1,500,000/.test(text) });
    assert.match(announced, /Revenue \$1,500,000, 120 deals, 150% of the target/);
    // Labels live inside the shadow root, next to their inputs.
    const unlabelled = await page.evaluate(() => {
      const root = document.querySelector('sales-kpi-calculator').shadowRoot;
      return [...root.querySelectorAll('input, select')].filter((i) => !i.labels?.length && !i.getAttribute('aria-label')).length;
    });
    assert.equal(unlabelled, 0);
  } finally {
    await close();
  }
});
