// Typing follows the reader's locale; text is parsed by string manipulation, never parseFloat,
// so the engine receives exactly what was typed. Markup typed into a name stays text.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { openPage, useBrowser } from './harness.mjs';
import { W, input, value, ready, expectValue } from './widget-page.mjs';

const env = useBrowser({ before, after });

for (const [locale, top, rate, size, shownTop] of [
  ['nl-NL', '12.345', '2,5', '1.234,56', '12.345'],
  ['da-DK', '12.345', '2,5', '1.234,56', '12.345'],
  ['en-US', '12,345', '2.5', '1,234.56', '12,345'],
]) {
  test(`typing in ${locale} format gives exact numbers`, async () => {
    const { page, pageErrors, close } = await openPage(env.browser, `${env.server.url}embed.html?preset=inbound&locale=${locale}`);
    try {
      await ready(page);
      await input(page, '/funnel/top').fill(top);
      await expectValue(page, '[data-result="/funnel/stages/0/count"]', '308.625');
      await input(page, '/funnel/stages/0/rate').fill(rate);
      await input(page, '/funnel/dealSize').fill(size);
      // 12345 × 0.025 × 0.2 × 1234.56, exactly.
      await expectValue(page, '[data-result="/funnel/revenue"]', '76203.216');
      await input(page, '/funnel/top').press('Tab');
      assert.equal(await input(page, '/funnel/top').inputValue(), shownTop, 'the value is shown back in the locale');
      assert.deepEqual(pageErrors, []);
    } finally {
      await close();
    }
  });
}

test('a field left in the same task as it was typed in shows the number as read, and its results follow', async () => {
  const { page, pageErrors, close } = await openPage(env.browser, `${env.server.url}embed.html?preset=inbound&locale=en-US`);
  try {
    await ready(page);
    const top = input(page, '/funnel/top');
    await top.focus();
    await expectValue(page, '[data-result="/funnel/revenue"]', '750000');
    // Typed and left within one task, before the frame in which results follow a key press.
    await top.evaluate((field) => {
      field.value = '24000';
      field.dispatchEvent(new Event('input', { bubbles: true }));
      field.dispatchEvent(new Event('change', { bubbles: true }));
    });
    assert.equal(await top.inputValue(), '24,000');
    await expectValue(page, '[data-result="/funnel/revenue"]', '1500000');
    assert.deepEqual(pageErrors, []);
  } finally {
    await close();
  }
});

test('a Dutch reader typing "2.5" for a rate means 2,5 %', async () => {
  const { page, close } = await openPage(env.browser, `${env.server.url}embed.html?locale=nl-NL`);
  try {
    await ready(page);
    await input(page, '/funnel/stages/0/rate').fill('3.5');
    await expectValue(page, '[data-result="/funnel/stages/0/count"]', '420');
  } finally {
    await close();
  }
});

test('text that is not a number is refused politely and the results keep the last valid numbers', async () => {
  const { page, close } = await openPage(env.browser, `${env.server.url}embed.html?locale=en-US`);
  try {
    await ready(page);
    const top = input(page, '/funnel/top');
    await top.fill('12x00');
    // The first edit waits for the editing module (loaded when a field is first focused).
    await page.locator(`${W} input[data-field="/funnel/top"][aria-invalid="true"]`).waitFor();
    assert.equal(await top.getAttribute('aria-invalid'), 'true');
    const describedBy = (await top.getAttribute('aria-describedby')).split(' ')[0];
    const message = await page.locator(`${W} [id="${describedBy}"]`).textContent();
    assert.match(message, /Type a number/);
    assert.equal(await value(page, '[data-result="/funnel/revenue"]'), '750000');
    // A rate above 100 % is the engine's refusal, shown in the reader's words.
    await top.fill('12000');
    await input(page, '/funnel/stages/1/rate').fill('150');
    const rate = input(page, '/funnel/stages/1/rate');
    // Results and refusals follow a key press in the next frame.
    await page.locator(`${W} input[data-field="/funnel/stages/1/rate"][aria-invalid="true"]`).waitFor();
    assert.match(await page.locator(`${W} [id="${(await rate.getAttribute('aria-describedby')).split(' ')[0]}"]`).textContent(), /percentage from 0 to 100/);
    await rate.fill('25');
    await expectValue(page, '[data-result="/funnel/revenue"]', '937500');
    assert.equal(await rate.getAttribute('aria-invalid'), 'false');
  } finally {
    await close();
  }
});

test('markup typed into a stage name shows as text', async () => {
  const { page, pageErrors, close } = await openPage(env.browser, `${env.server.url}index.html`);
  try {
    await ready(page);
    const evil = '<img src=x onerror=pwned=1><b>b</b>';
    await input(page, '/funnel/stages/0/name').fill(evil);
    // The first edit waits for the editing module (loaded when a field is first focused).
    const summary = page.locator(`${W} summary:has([data-result="/funnel/stages/0/count"])`);
    await page.locator(`${W} summary:has([data-result="/funnel/stages/0/count"])`, { hasText: '<img' }).waitFor();
    const shown = await summary.textContent();
    assert.ok(shown.includes(evil), `the name shows literally (got ${shown})`);
    const injected = await page.evaluate(() => {
      const root = document.querySelector('sales-kpi-calculator').shadowRoot;
      return root.querySelectorAll('img, b').length + (window.pwned ? 100 : 0);
    });
    assert.equal(injected, 0, 'no element was created from the text');
    assert.deepEqual(pageErrors, []);
  } finally {
    await close();
  }
});

test('steps can be added and removed; the funnel stays exact', async () => {
  const { page, close } = await openPage(env.browser, `${env.server.url}embed.html?locale=en-US&editable-stages`);
  try {
    await ready(page);
    await page.locator(`${W} button.ghost`, { hasText: 'Add a step' }).click();
    // The new step goes before the deals at 100 %: revenue is unchanged, focus is on its name.
    await expectValue(page, '[data-result="/funnel/revenue"]', '750000');
    // The first edit waits for the editing module (loaded when a control is first focused).
    await input(page, '/funnel/stages/2/rate').waitFor();
    assert.equal(await page.evaluate(() => document.querySelector('sales-kpi-calculator').shadowRoot.activeElement?.dataset.field), '/funnel/stages/1/name');
    await input(page, '/funnel/stages/1/rate').fill('50');
    await expectValue(page, '[data-result="/funnel/revenue"]', '375000');
    await page.locator(`${W} button[aria-label^="Remove step 2"]`).click();
    await expectValue(page, '[data-result="/funnel/revenue"]', '750000');
    assert.equal(await page.locator(`${W} input[data-field="/funnel/stages/2/rate"]`).count(), 0);
  } finally {
    await close();
  }
});
