// The element's properties reflect its attributes, both ways, as built-in elements do.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { openPage, useBrowser } from './harness.mjs';

const env = useBrowser({ before, after });
const W = 'sales-kpi-calculator';

test('properties set attributes and read them back; setting one rebuilds the widget', async () => {
  const { page, pageErrors, close } = await openPage(env.browser, `${env.server.url}embed.html?locale=en-US`);
  try {
    const rev = page.locator(`${W} [data-result="/funnel/revenue"][data-value]`);
    await rev.waitFor();
    const reflected = await page.evaluate(() => {
      const el = document.querySelector('sales-kpi-calculator');
      const before = { preset: el.preset, currency: el.currency, theme: el.theme, whatIf: el.whatIf, urlState: el.urlState };
      el.preset = 'leads';
      el.currency = 'EUR';
      el.whatIf = '/funnel/dealSize:+20%';
      el.urlState = true;
      el.theme = 'dark';
      el.setAttribute('sections', 'funnel target');
      const after = {
        attributes: ['preset', 'currency', 'what-if', 'url-state', 'theme'].map((name) => el.getAttribute(name)),
        sections: el.sections,
      };
      el.theme = '';
      return { before, after, themeRemoved: !el.hasAttribute('theme') };
    });
    assert.deepEqual(reflected.before, { preset: 'inbound', currency: '', theme: '', whatIf: '', urlState: false });
    assert.deepEqual(reflected.after, { attributes: ['leads', 'EUR', '/funnel/dealSize:+20%', '', 'dark'], sections: 'funnel target' });
    assert.equal(reflected.themeRemoved, true, 'an empty value removes the attribute');
    // The leads preset is shown.
    await page.locator(`${W} [data-result="/funnel/revenue"][data-value="135000"]`).waitFor();
    assert.match(await rev.textContent(), /€/);
    assert.equal(await page.evaluate(() => document.querySelector('sales-kpi-calculator').model.funnel.stages.length), 3);
    assert.deepEqual(pageErrors, []);
  } finally {
    await close();
  }
});
