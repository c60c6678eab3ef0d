// No silent wrong number (issue #10): what the reader types, sees and exports is exactly what the
// engine computed from the fields on screen. One test per case of the issue, through an embed
// (embed.html) and through the planner (index.html, every section, language from ?locale=).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { readFile } from 'node:fs/promises';
import { openPage, useBrowser, waitForValue, waitUntil } from './harness.mjs';
import { ready as readyWithPanels } from './widget-page.mjs';
import { readSheet } from './xlsx.mjs';

const env = useBrowser({ before, after });
const W = 'sales-kpi-calculator';
const input = (page, pointer, role = 'data-field') => page.locator(`${W} input[${role}="${pointer}"]`).first();
// Computed, with the article's "More" row open so every panel is on screen (widget-page.mjs).
const ready = (page) => readyWithPanels(page);

/** Waits up to 5 s until `read()` gives `want` (the widget recomputes after typing), then compares. */
async function eventually(page, read, want, message) {
  let got;
  await waitUntil(page, async () => (got = await read()) === want, { timeout: 5000 }).catch(() => {});
  assert.equal(got, want, message);
}

/** The row names of the what-if table that are shown. */
const shownWhatIfRows = (page) =>
  page.evaluate(() => {
    const root = document.querySelector('sales-kpi-calculator').shadowRoot;
    return [...root.querySelectorAll('[data-section="pWhatIf"] tbody tr')].filter((row) => !row.hidden).map((row) => row.querySelector('th').textContent);
  });

/** Every what-if lever offered, and every model field on screen. */
async function leversAndFields(page) {
  await page.locator(`${W} details.levers > summary`).click();
  await page.locator(`${W} details.levers input[data-whatif]`).first().waitFor();
  return page.evaluate(() => {
    const root = document.querySelector('sales-kpi-calculator').shadowRoot;
    const pointers = (selector, name) => [...root.querySelectorAll(selector)].map((element) => element.getAttribute(name));
    return { levers: pointers('input[data-whatif]', 'data-whatif'), fields: pointers('input[data-field]', 'data-field') };
  });
}

const check = async (url, body) => {
  const { page, pageErrors, close } = await openPage(env.browser, url, { contextOptions: { acceptDownloads: true } });
  try {
    await ready(page);
    await body(page);
    assert.deepEqual(pageErrors, []);
  } finally {
    await close();
  }
};

test('case 2: no result from a number the reader cannot see (hidden target, cost, cycle; other levers)', async () => {
  const base = env.server.url;
  // Unit economics shows no target field: no attainment, gap or target line from a hidden target.
  await check(`${base}embed.html?preset=unit-economics&locale=en-US`, async (page) => {
    const rows = await shownWhatIfRows(page);
    assert.ok(rows.includes('Revenue'), rows.join());
    for (const hidden of ['Target attainment', 'Gap to target', 'Pipeline velocity']) assert.ok(!rows.includes(hidden), `${hidden} in ${rows.join()}`);
    const { levers, fields } = await leversAndFields(page);
    for (const lever of levers) assert.ok(fields.includes(lever), `the lever ${lever} has no field on screen`);
  });
  // Inbound and leads show no cost and no cycle: no velocity, CAC, CLV:CAC or payback.
  for (const url of [`${base}embed.html?preset=inbound&locale=en-US`, `${base}embed.html?preset=leads&locale=en-US`, `${base}index.html?preset=leads&locale=en-US&sections=funnel%20target%20whatif`]) {
    await check(url, async (page) => {
      const rows = await shownWhatIfRows(page);
      assert.ok(rows.includes('Target attainment'), `${url}: ${rows.join()}`);
      for (const hidden of ['Pipeline velocity', 'Customer acquisition cost (CAC)', 'CLV:CAC ratio', 'CAC payback']) assert.ok(!rows.includes(hidden), `${url}: ${hidden} in ${rows.join()}`);
      const { levers, fields } = await leversAndFields(page);
      for (const lever of levers) assert.ok(fields.includes(lever), `${url}: the lever ${lever} has no field on screen`);
    });
  }
});

test('case 2 (builder): the snippet\'s model holds only the parts whose fields the embed shows', async () => {
  await check(`${env.server.url}builder.html`, async (page) => {
    await page.selectOption('select[name=preset]', 'unit-economics');
    const preview = page.locator('#preview');
    await preview.locator('input[data-field="/acquisitionCost"]').waitFor();
    await preview.locator('input[data-field="/funnel/dealSize"]').fill('2000');
    const snippet = await waitForValue(page, '#script-snippet', (text) => text.includes('model='), { message: 'the snippet to carry the typed model' });
    const model = JSON.parse(/model="([^"]*)"/.exec(snippet)[1].replace(/&quot;/g, '"'));
    assert.equal(model.funnel.dealSize, '2000');
    assert.ok(model.acquisitionCost && model.retention, 'the shown sections\' fields are there');
    for (const hidden of ['target', 'cycleDays', 'growth']) assert.ok(!(hidden in model), `no ${hidden} in ${JSON.stringify(model)}`);
  });
});

test('case 3: CLV follows the deal value until the reader types a purchase value', async () => {
  for (const url of [`${env.server.url}embed.html?preset=unit-economics&locale=en-US`, `${env.server.url}index.html?preset=unit-economics&locale=en-US`]) {
    await check(url, async (page) => {
      const purchase = input(page, '/customer/purchaseValue');
      assert.equal(await purchase.inputValue(), '', `${url}: the purchase value starts empty`);
      assert.equal(await purchase.getAttribute('placeholder'), '12,500', `${url}: the placeholder is the deal value`);
      const clv = () => page.locator(`${W} [data-result="/economics/clv"]`).first().getAttribute('data-value');
      await input(page, '/funnel/dealSize').fill('2000');
      // 2,000 × 1 purchase a year × 4 years × 60 % margin
      await eventually(page, clv, '4800', `${url}: CLV from the deal value`);
      await eventually(page, () => purchase.getAttribute('placeholder'), '2,000', `${url}: the placeholder follows`);
      // The +10 % deal value what-if moves CLV:CAC too.
      const ltvChange = page.locator(`${W} [data-scenario-diff="/economics/ltvToCac"]`).first();
      await eventually(page, async () => Number(await ltvChange.getAttribute('data-value')) > 0, true, `${url}: +10 % deal value raises CLV:CAC`);
      // A typed purchase value wins.
      await purchase.fill('3000');
      await eventually(page, clv, '7200', `${url}: CLV from the typed purchase value`);
    });
  }
});

test('case 4: one question, one answer: whole counts to the target, the same in every panel', async () => {
  for (const url of [`${env.server.url}embed.html?preset=inbound&locale=nl-NL`, `${env.server.url}index.html?preset=inbound&locale=nl-NL`]) {
    await check(url, async (page) => {
      for (const [pointer, text] of [['/funnel/top', '8.500'], ['/funnel/stages/0/rate', '3,2'], ['/funnel/stages/1/rate', '25'], ['/funnel/dealSize', '4.750'], ['/target', '400.000']]) await input(page, pointer).fill(text);
      const neededTop = page.locator(`${W} [data-result="/target/needed/top"]`).first();
      await eventually(page, () => neededTop.getAttribute('data-value'), '10625', `${url}: 85 whole deals need 10.625 visitors`);
      const goalTop = page.locator(`${W} [data-solve="/funnel/top"]`).first();
      await eventually(page, () => goalTop.textContent(), await neededTop.textContent(), `${url}: the goal table gives the results' count`);
      assert.equal(await goalTop.textContent(), '10.625');
      // The deals in the what-if are an average (8.500 × 3,2 % × 25 % = 68; ×1,2 visitors = 81,6), and say so: expected.
      const dealRows = await page.evaluate(() => {
        const root = document.querySelector('sales-kpi-calculator').shadowRoot;
        return [...root.querySelectorAll('[data-section="pWhatIf"] tbody tr, [data-section="pResults"] summary')]
          .filter((row) => row.querySelector('[data-result="/funnel/deals"], td[data-scenario="/funnel/deals"]') || /deals/i.test(row.querySelector('th')?.textContent ?? ''))
          .map((row) => (row.querySelector('th') ?? row.querySelector('.k'))?.textContent ?? '');
      });
      assert.ok(dealRows.length >= 2, dealRows.join('|'));
      for (const label of dealRows.filter((label) => /deals/i.test(label) && !/nodig/i.test(label))) assert.match(label, /^Verwachte gewonnen deals$/, `${url}: ${label}`);
    });
  }
});

test('case 6: the spreadsheet (.xlsx) holds exactly the fields and results on screen', async () => {
  const base = env.server.url;
  for (const url of [`${base}embed.html?preset=unit-economics&locale=nl-NL&sections=funnel%20economics%20whatif%20share`, `${base}index.html?locale=nl-NL`]) {
    await check(url, async (page) => {
      const revenue = page.locator(`${W} [data-result="/funnel/revenue"]`).first();
      const before = await revenue.getAttribute('data-value');
      await input(page, '/funnel/top', 'data-field').fill('450');
      await eventually(page, async () => (await revenue.getAttribute('data-value')) !== before, true, `${url}: recomputed`);
      const screen = await page.evaluate(() => {
        const root = document.querySelector('sales-kpi-calculator').shadowRoot;
        const shown = (element) => !element.closest('[hidden]');
        return {
          fields: [...root.querySelectorAll('input[data-field]')].filter(shown).map((input) => root.querySelector(`label[for="${input.id}"]`).textContent),
          results: [...root.querySelectorAll('[data-result]')].filter(shown).map((element) => [element.getAttribute('data-result'), element.getAttribute('data-value')]),
        };
      });
      const [download] = await Promise.all([page.waitForEvent('download'), page.locator(`${W} button`, { hasText: 'Spreadsheet downloaden' }).click()]);
      assert.equal(download.suggestedFilename(), 'sales-kpi.xlsx');
      const rows = readSheet(await readFile(await download.path()));
      assert.deepEqual(rows[2].slice(0, 4), ['Onderdeel', 'Omschrijving', 'Eenheid', 'Waarde']);
      const labels = rows.slice(3).map((row) => row[1]);
      for (const label of screen.fields) assert.ok(labels.includes(label), `${url}: the field ${label} is exported`);
      // Every result row holds the engine's value on screen, and nothing else is exported.
      // A value a number cell cannot hold exactly is also there as text, in Dutch notation.
      const exported = (value) => rows.some((row) => Number(row[3]) === Number(value) && (String(Number(value)) === value || row.includes(value.replace('.', ','))));
      for (const [pointer, value] of screen.results) if (value) assert.ok(exported(value), `${url}: ${pointer} = ${value} is exported`);
      // The planner's Plan panel adds its period, months and weeks (checked in widget-plan.test.mjs),
      // and its Progress panel the results so far and what they say (widget-progress.test.mjs).
      if (url.includes('index.html')) assert.ok(rows.some((row) => String(row[0] ?? '').startsWith('Voortgang')), `${url}: the progress is exported`);
      assert.equal(rows.slice(3).filter((row) => row.length >= 3 && !row[0].startsWith('Planning') && !row[0].startsWith('Voortgang')).length, screen.fields.length + new Set(screen.results.filter(([, value]) => value).map(([pointer]) => pointer)).size + 1, `${url}: fields, results and the +10 % what-if, nothing more`);
      if (url.includes('unit-economics')) for (const hidden of ['Doelrealisatie', 'Nog nodig tot het doel', 'Tekort op het doel', 'Omzetdoel']) assert.ok(!labels.includes(hidden), `${url}: ${hidden} is not on screen`);
    });
  }
});

/** The widget's text as the reader sees it. */
const shownText = async (page) => (await page.evaluate(() => document.querySelector('sales-kpi-calculator').shadowRoot.querySelector('.root').innerText)).replace(/\u00a0/g, ' ');

test('case 8: nothing clipped or confusing: what-if table fits, funnel caption, whole simulated amounts, labels, step limit, goal reasons', async () => {
  const base = env.server.url;
  // The what-if table's "Difference" column is inside its box, in Danish and Dutch, at 700 and 1,280 px.
  for (const [width, url] of [
    [700, `${base}embed.html?locale=da-DK&sections=all`],
    [700, `${base}index.html?locale=da-DK`],
    [1280, `${base}index.html?locale=da-DK`],
    [1280, `${base}index.html?locale=nl-NL&preset=leads`],
  ]) {
    const { page, close } = await openPage(env.browser, url, { contextOptions: { viewport: { width, height: 900 } } });
    try {
      await ready(page);
      const box = await page.evaluate(() => {
        const table = document.querySelector('sales-kpi-calculator').shadowRoot.querySelector('[data-section="pWhatIf"] .tbox');
        return { scroll: table.scrollWidth, client: table.clientWidth };
      });
      assert.ok(box.scroll <= box.client + 1, `${width} px ${url}: the table is ${box.scroll} px in a ${box.client} px box`);
    } finally {
      await close();
    }
  }
  // The builder's preview, in Danish with velocity and economics.
  await check(`${base}builder.html`, async (page) => {
    await page.selectOption('select[name=locale]', 'da-DK');
    for (const section of ['velocity', 'economics']) await page.locator(`input[name=sections][value=${section}]`).check();
    const preview = page.locator('#preview');
    await preview.locator('[data-section="pWhatIf"] tbody tr:has-text("Kundeanskaffelsesomkostning")').first().waitFor();
    const box = await preview.locator('[data-section="pWhatIf"] .tbox').evaluate((table) => ({ scroll: table.scrollWidth, client: table.clientWidth }));
    assert.ok(box.scroll <= box.client + 1, `builder preview: the table is ${box.scroll} px in a ${box.client} px box`);
  });
  for (const url of [`${base}embed.html?locale=en-US&sections=all`, `${base}index.html?locale=en-US`]) {
    await check(url, async (page) => {
      // The funnel chart's bars are linear (issue #21, tests/browser/widget-charts.test.mjs): its
      // caption names what it shows, without scale jargon.
      assert.equal(await page.locator(`${W} [data-section="pResults"] .chart + p`).innerText(), 'Funnel: count per step');
      // Simulated amounts are estimates: whole money.
      await input(page, '/funnel/dealSize', 'data-range-low').fill('10000.5');
      await input(page, '/funnel/dealSize', 'data-range-high').fill('15000.25');
      const median = page.locator(`${W} [data-sim="p50"][data-value]:not([data-value=""])`);
      await median.waitFor();
      assert.ok(/\./.test(await median.getAttribute('data-value')), 'the engine gives cents');
      assert.match(await median.innerText(), /^\$[\d,]+$/, 'shown as whole dollars');
      // The other levers are named without their field's unit: a change is in % or pp.
      await page.locator(`${W} details.levers > summary`).click();
      const cycle = page.locator(`${W} label[for="${await input(page, '/cycleDays', 'data-whatif').getAttribute('id')}"]`);
      assert.equal(await cycle.innerText(), 'Sales cycle');
      const margin = page.locator(`${W} label[for="${await input(page, '/customer/grossMargin', 'data-whatif').getAttribute('id')}"]`);
      assert.equal(await margin.innerText(), 'Gross margin');
      // No top of the funnel: each rate's goal says which lever is 0, not "another step".
      await input(page, '/funnel/top').fill('0');
      const reason = page.locator(`${W} [data-solve="/funnel/stages/0/rate"]`);
      await eventually(page, async () => /website visitors is 0/.test(await reason.innerText()), true, `${url}: ${await reason.innerText()}`);
    });
  }
  // At twelve steps, a note says why there is no "Add a step".
  await check(`${base}embed.html?locale=en-US&editable-stages`, async (page) => {
    const add = page.locator(`${W} button`, { hasText: 'Add a step' });
    for (let steps = 2; steps < 12; steps++) {
      await add.click();
      await page.locator(`${W} input[data-field="/funnel/stages/${steps}/name"]`).waitFor();
    }
    assert.equal(await add.count(), 0);
    await page.locator(`${W} [data-section="pFunnel"] p.hint`, { hasText: 'At most 12 steps' }).waitFor({ timeout: 5000 });
  });
});

test('case 9: Dutch and Danish as a native speaker writes them', async () => {
  const base = env.server.url;
  for (const url of [`${base}embed.html?locale=nl-NL&preset=inbound`, `${base}index.html?locale=nl-NL&preset=inbound`]) {
    await check(url, async (page) => {
      const text = await shownText(page);
      for (const words of ['Andere hefbomen', 'Nog nodig tot het doel', 'Scenario', 'procentpunt', 'Gemiddelde dealgrootte', "400 meetings/demo's en 80 deals", '+ € 75.000'])
        assert.ok(text.includes(words), `${url}: "${words}" in the Dutch text`);
      for (const words of ['knop', 'Wat-als', '%-punt', 'dealwaarde', '€ +']) assert.ok(!text.includes(words), `${url}: no "${words}"`);
    });
  }
  await check(`${base}embed.html?locale=nl-NL&preset=outbound`, async (page) => assert.match(await shownText(page), /Telefoontjes en e-mails/));
  for (const url of [`${base}embed.html?locale=da-DK&preset=leads`, `${base}index.html?locale=da-DK&preset=leads`]) {
    await check(url, async (page) => {
      const text = await shownText(page);
      for (const words of ['Din salgstragt', 'Møder', 'skal du bruge', 'Scenarie', 'procentpoint', 'møder'])
        assert.ok(text.includes(words), `${url}: "${words}" in the Danish text`);
      assert.doesNotMatch(text, /kr\.\./, `${url}: no "kr.."`);
      assert.doesNotMatch(text, /\b(jeres|Jeres|I bruge)\b|skal I\b/, `${url}: du-form only`);
      if (url.includes('index.html')) {
        assert.ok(text.includes('Hent regneark'), `${url}: the export button`);
        assert.ok(text.includes('Kundeanskaffelsesomkostning (CAC)'), `${url}: CAC in the singular`);
      }
    });
  }
});

test('case 2 (sections): a section computed from the funnel brings the funnel\'s fields', async () => {
  for (const url of [`${env.server.url}embed.html?preset=unit-economics&locale=en-US&sections=economics`, `${env.server.url}index.html?preset=unit-economics&locale=en-US&sections=economics%20retention`]) {
    const { page, pageErrors, close } = await openPage(env.browser, url);
    try {
      await ready(page);
      await page.locator(`${W} [data-result="/economics/cac"][data-value]`).first().waitFor();
      // CAC is the cost over the funnel's deals, CLV uses its deal value: both fields are on screen.
      for (const pointer of ['/acquisitionCost', '/funnel/top', '/funnel/stages/0/rate', '/funnel/dealSize']) assert.equal(await input(page, pointer).isVisible(), true, `${url}: ${pointer}`);
      assert.deepEqual(pageErrors, []);
    } finally {
      await close();
    }
  }
});
