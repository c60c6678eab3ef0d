// No code on screen (issues #20 and #21): every preset, in English, Dutch and Danish, with its
// default panels and with every panel, before and after an edit and a what-if, shows no camelCase
// identifier, JSON pointer or translation key in its visible text, with every disclosure open.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { openPage, useBrowser } from './harness.mjs';
import { PRESETS } from '../../www/widget/state.js';

const env = useBrowser({ before, after });
const W = 'sales-kpi-calculator';

const host = (attrs, lang) => `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>Host</title>
<script type="module" src="widget/sales-kpi-calculator.js"></script></head><body><main><${W} ${attrs}></${W}></main></body></html>`;

/** JSON pointers (/funnel/dealSize), camelCase words (cycleDays, pWhatIf: the text keys are camelCase) and snake_case words (st_inbound). */
const CODE = /(?:^|[\s(])\/[a-zA-Z]+(?:\/[a-zA-Z0-9]+)+|\b[a-z]+[A-Z][a-zA-Z]*\b|\b[a-z]+_[a-z][\w-]*\b/g;

/** The visible text with every disclosure open, once what it loads has arrived. */
async function visibleText(page) {
  await page.evaluate(() => {
    for (const details of document.querySelector('sales-kpi-calculator').shadowRoot.querySelectorAll('details')) details.open = true;
  });
  // Opening a disclosure may load its text or module: wait for the network, then two frames.
  await page.waitForLoadState('networkidle');
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  return page.evaluate(() => document.querySelector('sales-kpi-calculator').shadowRoot.querySelector('.root')?.innerText ?? '');
}

const rendered = (page) =>
  page.waitForFunction(() => {
    const root = document.querySelector('sales-kpi-calculator')?.shadowRoot;
    return !!(root?.querySelector('[data-result="/funnel/revenue"][data-value]') || root?.querySelector('.verdict')?.textContent);
  });

for (const sections of ['', 'all']) {
  test(`no identifier, pointer or key on screen: every preset and language, ${sections ? 'every panel' : 'default panels'}`, async () => {
    const found = [];
    for (const preset of PRESETS) {
      for (const locale of ['en-US', 'nl-NL', 'da-DK']) {
        const { page, pageErrors, close } = await openPage(env.browser, null, { contextOptions: { locale } });
        try {
          const name = `scan-${preset}-${locale}-${sections || 'default'}.html`;
          const attrs = `preset="${preset}" locale="${locale}"${sections ? ` sections="${sections}"` : ''}`;
          await page.route(`${env.server.url}${name}`, (route) => route.fulfill({ contentType: 'text/html', body: host(attrs, locale.slice(0, 2)) }));
          await page.goto(`${env.server.url}${name}`);
          await rendered(page);
          const states = [['as loaded', await visibleText(page)]];
          // An edit of the first number field and a what-if, as a reader would type them.
          const field = page.locator(`${W} input[data-field][inputmode=decimal]`).first();
          if (await field.count()) {
            await field.fill('7');
            await field.blur();
          }
          const whatIf = page.locator(`${W} input[data-whatif]`).first();
          if (await whatIf.count()) await whatIf.fill('25');
          states.push(['after an edit and a what-if', await visibleText(page)]);
          for (const [when, text] of states) {
            const code = [...new Set([...text.matchAll(CODE)].map((match) => match[0].trim()))];
            if (code.length) found.push(`${preset} ${locale} ${when}: ${code.join(', ')}`);
          }
          assert.deepEqual(pageErrors, [], `${preset} ${locale}`);
        } finally {
          await close();
        }
      }
    }
    assert.deepEqual(found, []);
  });
}
