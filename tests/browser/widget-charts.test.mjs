// Charts that inform (issue #21): the funnel's bars are as wide as their counts (a small count
// stays visible and printed), with the drop between two steps and a legend for every colour; the
// lever chart gives way to one sentence when every lever moves the metric equally; and the
// simulation's outcomes are drawn as a histogram with P10, P50 and P90 marked.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { openPage, useBrowser, waitUntil } from './harness.mjs';
import { expectValue, input, ready, W } from './widget-page.mjs';

const env = useBrowser({ before, after });

/** A number as the reader's locale shows it ("12,000", "12.000", "−97,5 %") read back. */
function readNumber(text, decimal) {
  const group = decimal === ',' ? '.' : ',';
  const plain = text.replaceAll(group, '').replace(decimal, '.').replace('−', '-').replace(/[^\d.-]/g, '');
  return Number(plain);
}

/** What the funnel chart shows: its width, the legend, the bars with their printed counts, and the drops. */
async function funnelChart(page, decimal) {
  const drawn = await page.locator(`${W} [data-section="pResults"] .chart svg`).evaluate((svg) => ({
    width: svg.viewBox.baseVal.width,
    texts: [...svg.querySelectorAll('text')].map((text) => ({ text: text.textContent, y: Number(text.getAttribute('y')), className: text.getAttribute('class') })),
    rects: [...svg.querySelectorAll('rect')].map((rect) => ({ width: Number(rect.getAttribute('width')), y: Number(rect.getAttribute('y')), className: rect.getAttribute('class') })),
  }));
  // The rows: a centred "Step: count" above each bar; the legend is what lies above the first row.
  const rowLabels = drawn.texts.filter((text) => /: /.test(text.text) && !/\bsm\b/.test(text.className));
  const firstRow = rowLabels[0].y;
  const legend = { rects: drawn.rects.filter((rect) => rect.y < firstRow), texts: drawn.texts.filter((text) => text.y < firstRow) };
  const bars = drawn.rects.filter((rect) => rect.y > firstRow);
  const counts = rowLabels.map((text) => readNumber(text.text.slice(text.text.lastIndexOf(': ') + 2), decimal));
  const drops = drawn.texts.filter((text) => /\bdrop\b/.test(text.className)).map((text) => text.text);
  return { width: drawn.width, legend, bars, counts, drops };
}

function checkFunnel({ width, legend, bars, counts, drops }, decimal) {
  assert.equal(bars.length, counts.length, 'a bar per printed count');
  const largest = Math.max(...counts);
  bars.forEach((bar, i) => {
    // Linear: in proportion to the count, at least 4 px for a count above zero.
    const expected = Math.max(counts[i] > 0 ? 4 : 0, (counts[i] / largest) * width);
    assert.ok(Math.abs(bar.width - expected) <= 1, `bar ${i}: ${bar.width} px for ${counts[i]} of ${largest} in ${width} px (expected ${expected.toFixed(1)})`);
  });
  assert.equal(drops.length, counts.length - 1, 'a drop between each two bars');
  drops.forEach((drop, i) => {
    assert.match(drop, /^−/, `the drop "${drop}" starts with a minus sign (U+2212)`);
    assert.doesNotMatch(drop, /-/, `no hyphen-minus in "${drop}"`);
    const shown = readNumber(drop, decimal);
    const expected = (counts[i + 1] / counts[i] - 1) * 100;
    // Shown with at most two decimals.
    assert.ok(Math.abs(shown - expected) <= 0.005 + 1e-9, `drop ${i}: "${drop}" for ${counts[i]} → ${counts[i + 1]} (${expected})`);
  });
  // A legend entry, with its words, for every colour the bars use.
  for (const className of new Set(bars.map((bar) => bar.className))) {
    const swatch = legend.rects.findIndex((rect) => rect.className === className);
    assert.ok(swatch >= 0, `a legend entry for the colour ${className}`);
    assert.ok(legend.texts[swatch]?.text.trim(), `the legend entry for ${className} has words`);
  }
}

test('the funnel chart is linear, shows the drop between steps and a legend for each colour, in the reader’s locale', async () => {
  for (const [url, decimal] of [
    ['embed.html', '.'],
    ['embed.html?locale=da-DK&currency=DKK', ','],
  ]) {
    const { page, pageErrors, close } = await openPage(env.browser, `${env.server.url}${url}`, { contextOptions: { viewport: { width: 800, height: 900 } } });
    try {
      await ready(page);
      const chart = await waitUntil(page, async () => {
        const shown = await funnelChart(page, decimal).catch(() => null);
        return shown?.counts.length === 3 && shown;
      });
      assert.deepEqual(chart.counts, [12000, 300, 60], url);
      checkFunnel(chart, decimal);
      assert.doesNotMatch(await page.locator(`${W} [data-section="pResults"] .chart + p`).innerText(), /log/i);
      // A step of a few deals among a million visitors still shows, with its count printed.
      await input(page, '/funnel/top').fill('1000000');
      await input(page, '/funnel/stages/0/rate').fill(decimal === ',' ? '0,1' : '0.1');
      await expectValue(page, '[data-result="/funnel/deals"]', '200');
      const small = await waitUntil(page, async () => {
        const shown = await funnelChart(page, decimal);
        return shown.counts[0] === 1000000 && shown;
      });
      assert.deepEqual(small.counts, [1000000, 1000, 200]);
      assert.equal(small.bars[2].width, 4, 'the smallest bar is drawn at the minimum width');
      checkFunnel(small, decimal);
      assert.deepEqual(pageErrors, []);
    } finally {
      await close();
    }
  }
});

test('the lever chart gives way to one sentence when every lever moves the metric equally, and is drawn when they differ', async () => {
  const { page, pageErrors, close } = await openPage(env.browser, `${env.server.url}index.html`);
  try {
    await ready(page);
    const sens = page.locator(`${W} [data-section="pSens"]`);
    const chart = sens.locator('.chart');
    const table = sens.locator('details.alt');
    // The default funnel: every lever (visitors, each rate, the deal value) moves revenue by 10 %.
    const note = sens.locator('p.hint:not(:empty)', { hasText: 'moves by the same share' });
    await note.waitFor();
    const revenue = await page.locator(`${W} [data-result="/funnel/revenue"]`).first().getAttribute('data-value');
    assert.equal(revenue, '750000');
    assert.match(await note.textContent(), /^Revenue moves by the same share with every lever: 10% more of any one of them gives \+10% \(\$825,000\)/);
    assert.equal(await chart.isHidden(), true, 'no chart of equal bars');
    assert.equal(await table.isHidden(), true, 'no table of equal rows');
    // Velocity is revenue / sales cycle: a 10 % shorter cycle gives 11.1 % more, so the levers differ.
    await sens.locator('select').selectOption('/velocity/perDay');
    await sens.locator('.chart svg rect').nth(4).waitFor();
    assert.equal(await chart.isVisible(), true);
    assert.equal(await table.isVisible(), true);
    assert.equal(await sens.locator('p.hint', { hasText: 'same' }).count(), 0, 'no sentence beside the chart');
    const levers = await sens.locator('.chart svg text').allTextContents();
    assert.ok(levers.includes('Sales cycle (days)'), levers.join(' | '));
    // And back to revenue: the sentence again.
    await sens.locator('select').selectOption('/funnel/revenue');
    await note.waitFor();
    assert.equal(await chart.isHidden(), true);
    assert.deepEqual(pageErrors, []);
  } finally {
    await close();
  }
});

test('the sentence for equal levers in Dutch and Danish', async () => {
  for (const [locale, expected] of [
    ['nl-NL', /^Omzet reageert op elke hefboom even sterk: 10% meer van welke hefboom ook geeft \+10% \(€ 825\.000\)/],
    ['da-DK', /^Omsætning påvirkes lige meget af hver faktor: 10 % mere af en hvilken som helst af dem giver \+10 % \(825\.000 kr\.\)/],
  ]) {
    const currency = locale === 'da-DK' ? 'DKK' : 'EUR';
    const { page, close } = await openPage(env.browser, `${env.server.url}embed.html?locale=${locale}&currency=${currency}&sections=funnel+sensitivity`);
    try {
      await ready(page);
      const note = page.locator(`${W} [data-section="pSens"] p.hint`, { hasText: /\+10/ });
      await note.waitFor();
      assert.match((await note.textContent()).replace(/\u00a0/g, ' '), expected);
    } finally {
      await close();
    }
  }
});

test('the simulation’s outcomes as a histogram with P10, P50 and P90 marked as the panel shows them, and as a table', async () => {
  const { page, pageErrors, close } = await openPage(env.browser, `${env.server.url}index.html`);
  try {
    await ready(page);
    const unc = page.locator(`${W} [data-section="pUnc"]`);
    assert.equal(await unc.locator('.chart').isHidden(), true, 'no histogram before a range is given');
    await unc.locator('input[data-range-low="/funnel/dealSize"]').fill('10000');
    await unc.locator('input[data-range-high="/funnel/dealSize"]').fill('20000');
    await expectValue(page, '[data-sim="p50"]', (v) => !!v);
    const shown = Object.fromEntries(await Promise.all(['p10', 'p50', 'p90'].map(async (key) => [key, (await unc.locator(`[data-sim="${key}"]`).textContent()).trim()])));
    const marks = await waitUntil(page, async () => {
      const found = await unc.locator('.chart svg').evaluate((svg) => ({
        lines: [...svg.querySelectorAll('line[data-mark]')].map((line) => [line.getAttribute('data-mark'), Number(line.getAttribute('x1'))]),
        labels: [...svg.querySelectorAll('text.mark')].map((text) => text.textContent),
        bars: svg.querySelectorAll('rect').length,
        title: svg.getAttribute('aria-label'),
      })).catch(() => null);
      return found?.lines.length === 3 && found;
    });
    assert.deepEqual(marks.lines.map(([key]) => key), ['p10', 'p50', 'p90']);
    const [x10, x50, x90] = marks.lines.map(([, x]) => x);
    assert.ok(x10 <= x50 && x50 <= x90, `marks at ${x10}, ${x50}, ${x90}`);
    assert.ok(x10 < x90, 'a spread of outcomes is drawn as one');
    // Each mark's label is the value the panel's text shows.
    assert.deepEqual(marks.labels, [`P10: ${shown.p10}`, `P50: ${shown.p50}`, `P90: ${shown.p90}`]);
    assert.ok(marks.bars >= 8, `${marks.bars} bins drawn`);
    assert.match(marks.title, /10,000 scenarios/);
    // The text alternative lists the bins; their counts add up to the 10,000 scenarios.
    await unc.locator('details.alt > summary').click();
    const rows = await unc.locator('details.alt tbody tr').evaluateAll((trs) => trs.map((tr) => [tr.querySelector('th').textContent, tr.querySelector('td').textContent]));
    assert.equal(rows.length, marks.bars);
    assert.equal(rows.reduce((sum, [, count]) => sum + Number(count.replaceAll(',', '')), 0), 10000);
    // Revenue is 60 deals × [$10,000, $20,000]: bins $50,000 wide from $600,000.
    assert.deepEqual(rows[0], ['$600,000 – $650,000', rows[0][1]]);
    assert.deepEqual(pageErrors, []);
  } finally {
    await close();
  }
});
