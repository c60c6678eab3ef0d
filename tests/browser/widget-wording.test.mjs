// Native wording and numbers a reader can read (issue #21, parts 3 and 8): every preset, in
// English, Dutch and Danish, with every panel, after a what-if that lowers the deal value, shows
// - negative numbers with the minus sign (U+2212), never a hyphen before a digit;
// - amounts of 100 or more without decimals (cents only look exact on a division's result);
// - every difference in the what-if table with its unit (never a bare "-0.22");
// - Dutch without "knop" or "factor" (the word is "hefboom"), Danish without "bud" (it is "skøn"),
//   Danish quotation marks »…«;
// and, across the presets, the corrected labels of the issue.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { openPage, useBrowser } from './harness.mjs';
import { PRESETS } from '../../www/widget/state.js';
import moreDutch from '../../www/widget/more-nl.js';

const env = useBrowser({ before, after });
const W = 'sales-kpi-calculator';

const host = (attrs, lang) => `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>Host</title>
<script type="module" src="widget/sales-kpi-calculator.js"></script></head><body><main><${W} ${attrs}></${W}></main></body></html>`;

const LOCALES = {
  'en-US': { group: ',', decimal: '.' },
  'nl-NL': { group: '.', decimal: ',' },
  'da-DK': { group: '.', decimal: ',' },
};

/** The Plan panel's goals other than the target above: each shows its own fields when chosen. */
const GOALS = { 'en-US': ['An amount', 'Growth on current revenue'], 'nl-NL': ['Een bedrag', 'Groei t.o.v. huidige omzet'], 'da-DK': ['Et beløb', 'Vækst i forhold til nu'] };

/** The labels the issue corrects, each of which some preset shows with every panel. The lever table's
 * "Spreiding" column shows only when the levers' swings differ (not in the presets' own models, where
 * a sentence replaces it): tests/browser/widget-charts.test.mjs opens it. */
const LABELS = {
  'en-US': ['Sales cycle (days)', 'Expected deals won', 'Unit economics (CAC and CLV)', 'CLV:CAC ratio', 'Growth on current revenue', 'Current revenue', 'Custom dates'],
  'nl-NL': [
    'Verkoopcyclus (dagen)',
    'Klanteconomie (CAC en CLV)',
    'Groei t.o.v. huidige omzet',
    'Huidige omzet',
    'Eigen datums',
    'Verwachte gewonnen deals',
    'CLV:CAC-verhouding',
    'hefboom',
  ],
  'da-DK': [
    'Salgscyklus (dage)',
    'Vækst i forhold til nu',
    'Nuværende omsætning',
    'Omsætningsmål for perioden',
    'Maks. antal leads pr. sælger pr. dag',
    'Forventede vundne handler',
    'Kundeøkonomi (CAC og CLV)',
    'Omsætningsvækst',
    'Fastholdelsesgrad',
    'Kundefrafald',
    'CLV:CAC-forhold',
    'skøn',
  ],
};

/** The visible text with every disclosure open, once what it loads has arrived, and the texts of the selects' options. */
async function visibleText(page) {
  await page.evaluate(() => {
    for (const details of document.querySelector('sales-kpi-calculator').shadowRoot.querySelectorAll('details')) details.open = true;
  });
  await page.waitForLoadState('networkidle');
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  return page.evaluate(() => {
    const root = document.querySelector('sales-kpi-calculator').shadowRoot;
    const options = [...root.querySelectorAll('option')].map((option) => option.textContent).join('\n');
    return { text: (root.querySelector('.root')?.innerText ?? '').replace(/[\u00a0\u202f]/g, ' '), options };
  });
}

/** The what-if table's rows: the KPI's name and its difference, as shown. */
const differences = (page) =>
  page.evaluate(() =>
    [...document.querySelector('sales-kpi-calculator').shadowRoot.querySelectorAll('.whatif table tbody tr')]
      .filter((row) => !row.hidden)
      .map((row) => [row.querySelector('th')?.textContent ?? '', row.lastElementChild?.textContent ?? '']),
  );

/**
 * Amounts with a currency sign whose whole part is 100 or more and that show decimals.
 * @param {string} text
 * @param {{ group: string, decimal: string }} separators
 */
function centsOnLargeAmounts(text, { group, decimal }) {
  const number = `\\d[\\d${group === '.' ? '\\.' : group}]*(?:${decimal === '.' ? '\\.' : decimal}\\d+)?`;
  const amounts = new RegExp(`(?:[$€]\\s?(${number}))|(?:(${number})\\s?kr\\.)`, 'g');
  return [...text.matchAll(amounts)]
    .map((match) => match[0])
    .filter((amount) => {
      const digits = /[\d.,]*\d/.exec(amount)?.[0] ?? '';
      const [whole = '', fraction] = digits.split(decimal);
      return fraction !== undefined && Number(whole.split(group).join('')) >= 100;
    });
}

test('wording and number display: every preset and language, every panel, after a lower deal value', async () => {
  const found = [];
  /** @type {Record<string, string>} */
  const seen = { 'en-US': '', 'nl-NL': '', 'da-DK': '' };
  for (const preset of PRESETS) {
    for (const [locale, separators] of Object.entries(LOCALES)) {
      const { page, pageErrors, close } = await openPage(env.browser, null, { contextOptions: { locale } });
      try {
        const name = `wording-${preset}-${locale}.html`;
        await page.route(`${env.server.url}${name}`, (route) => route.fulfill({ contentType: 'text/html', body: host(`preset="${preset}" locale="${locale}" sections="all"`, locale.slice(0, 2)) }));
        await page.goto(`${env.server.url}${name}`);
        await page.waitForFunction(() => {
          const root = document.querySelector('sales-kpi-calculator')?.shadowRoot;
          return !!(root?.querySelector('[data-result="/funnel/revenue"][data-value]') || root?.querySelector('.verdict')?.textContent);
        });
        const whatIf = page.locator(`${W} input[data-whatif="/funnel/dealSize"]`);
        if (await whatIf.count()) {
          await whatIf.fill('-25');
          // A lower deal value lowers revenue: its difference is negative once the scenario is shown.
          await page.locator(`${W} [data-scenario-diff="/funnel/revenue"][data-value^="-"]`).waitFor();
        }
        const { text, options } = await visibleText(page);
        seen[locale] += `\n${text}\n${options}`;
        // The Plan panel's other goals, for the labels of their fields.
        for (const goal of GOALS[locale]) {
          const choice = page.locator(`${W} .plan`).getByLabel(goal, { exact: true });
          if (!(await choice.count())) continue;
          await choice.check();
          seen[locale] += `\n${(await visibleText(page)).text}`;
        }
        const where = `${preset} ${locale}`;
        const hyphens = text.match(/(?<![\p{L}\d])-\d[\d.,]*/gu);
        if (hyphens) found.push(`${where}: a hyphen as minus: ${hyphens.join(', ')}`);
        const cents = centsOnLargeAmounts(text, separators);
        if (cents.length) found.push(`${where}: decimals on amounts of 100 or more: ${cents.join(', ')}`);
        for (const [kpi, difference] of await differences(page)) {
          // Counts (deals) have no unit; every other difference names its own.
          if (/^[+−]?[\d.,\s]+$/.test(difference) && !/deals|handler/i.test(kpi)) found.push(`${where}: "${kpi}" differs by a bare ${difference}`);
          if (/-/.test(difference)) found.push(`${where}: "${kpi}" differs by ${difference}, with a hyphen`);
        }
        if (locale === 'nl-NL') {
          const words = text.match(/\b(knop|knoppen|factor|factoren)\b/gi);
          if (words) found.push(`${where}: ${words.join(', ')} (the word is "hefboom")`);
        }
        if (locale === 'da-DK') {
          const words = text.match(/\bbud\b/gi);
          if (words) found.push(`${where}: ${words.join(', ')} (the word is "skøn")`);
          const quotes = text.match(/.{0,20}[“”„"].{0,20}/g);
          if (quotes) found.push(`${where}: quotation marks other than »…«: ${quotes.join(' | ')}`);
          if (/kr\.\./.test(text)) found.push(`${where}: an amount in kroner and a full stop of its own ("kr..")`);
        }
        assert.deepEqual(pageErrors, [], where);
      } finally {
        await close();
      }
    }
  }
  for (const [locale, labels] of Object.entries(LABELS)) {
    for (const label of labels) if (!seen[locale].includes(label)) found.push(`${locale}: "${label}" is on no preset's screen`);
  }
  assert.deepEqual(found, []);
});

test('the lever table\'s column is "Spreiding" in Dutch (shown when the levers differ)', () => {
  assert.equal(moreDutch.colSwing, 'Spreiding');
});
