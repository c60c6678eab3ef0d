// The Progress panel (issue #22) end to end in a real browser: the contract's Danish example
// typed into the `pacing` preset in da-DK, each number it lists found on screen in Danish format,
// checked against figures worked out here by hand with whole numbers (the chance by expanding the
// pipeline's generating polynomial exactly); a block pasted from a Dutch spreadsheet; an
// ambiguous date refused with nothing imported; the chart's points against the rows' running
// totals; one engine per page; the rows in a share link; and axe with the panel open.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { formatViolations, openPage, runAxe, useBrowser, waitForIdle, waitUntil } from './harness.mjs';
import { linkedState } from './widget-page.mjs';

const env = useBrowser({ before, after });
const W = 'sales-kpi-calculator';
const PANEL = `${W} section[data-section=progress]`;

const host = (body, lang = 'da') => `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>Host</title>
<script type="module" src="widget/sales-kpi-calculator.js"></script></head><body><main>${body}</main></body></html>`;

async function serve(page, name, body) {
  await page.route(`${env.server.url}${name}`, (route) => route.fulfill({ contentType: 'text/html', body }));
  await page.goto(`${env.server.url}${name}`);
}

// ---- The contract's example, worked out by hand with whole numbers ----
const HOLIDAYS = ['2027-01-01', '2027-03-25', '2027-03-26', '2027-03-29'];
const ROWS = [
  { date: '2027-01-08', revenue: 9000n, deals: 2n, top: 140n, stages: [52n, 25n, 2n] },
  { date: '2027-01-31', revenue: 36000n, deals: 8n, top: 610n, stages: [230n, 101n, 8n] },
  { date: '2027-02-12', revenue: 13500n, deals: 3n, top: 350n, stages: [121n, 44n, 3n] },
];
const OPEN = [40n, 9n];

/** Workdays (Monday to Friday, not a holiday) from 1 January 2027 up to and including `last`. */
function workdaysUpTo(last) {
  let count = 0n;
  for (let day = Date.UTC(2027, 0, 1); day <= Date.parse(`${last}T00:00:00Z`); day += 86400000) {
    const date = new Date(day);
    if (date.getUTCDay() % 6 !== 0 && !HOLIDAYS.includes(date.toISOString().slice(0, 10))) count++;
  }
  return count;
}
const ceilDiv = (a, b) => (a + b - 1n) / b;
const sum = (values) => values.reduce((a, b) => a + b, 0n);
const workdays = workdaysUpTo('2027-03-31');
const elapsed = workdaysUpTo('2027-02-12');
const target = (135000n * 114n) / 100n;
const dealsNeeded = ceilDiv(target, 4500n);
const neededTop = ceilDiv(ceilDiv(ceilDiv(dealsNeeded * 10n, 3n) * 10n, 5n) * 10n, 4n);
const won = sum(ROWS.map((row) => row.revenue));
const wonDeals = sum(ROWS.map((row) => row.deals));
const leads = sum(ROWS.map((row) => row.top));
const expectedRevenue = (target * elapsed) / workdays; // whole here: checked below
const gap = target - won;
const gapDeals = dealsNeeded - wonDeals;
const quotes = sum(ROWS.map((row) => row.stages[1]));
const dealsReached = sum(ROWS.map((row) => row.stages[2]));
// The open pipeline: after meetings a deal comes with 0.5 × 0.3 = 15/100, after quotes with 3/10.
const weighted = (4500n * (OPEN[0] * 15n * 10n + OPEN[1] * 3n * 100n)) / 1000n;
const dealsToClose = ceilDiv(gap, 4500n);

/** P(at least `k` deals) as an exact fraction: the coefficients of (85 + 15x)^40 (7 + 3x)^9. */
function chanceAtLeast(k) {
  let poly = [1n];
  const times = (factor) => {
    const next = Array(poly.length + 1).fill(0n);
    poly.forEach((c, i) => ((next[i] += c * factor[0]), (next[i + 1] += c * factor[1])));
    poly = next;
  };
  for (let i = 0n; i < OPEN[0]; i++) times([85n, 15n]);
  for (let i = 0n; i < OPEN[1]; i++) times([7n, 3n]);
  return { numerator: sum(poly.slice(Number(k))), denominator: 100n ** OPEN[0] * 10n ** OPEN[1] };
}

const da = (value, options = {}) => new Intl.NumberFormat('da-DK', { roundingMode: 'halfExpand', ...options }).format(value);
const kr = (whole) => `${da(whole)} kr.`;
/** a / b as a Danish percentage with one decimal (as rates are shown), from whole numbers (half away from zero). */
const percent = (a, b, decimals = 1) => {
  const scale = 10n ** BigInt(decimals + 2);
  const scaled = (a * scale * 2n + b) / (2n * b);
  return `${da(`${scaled / 10n ** BigInt(decimals)}.${String(scaled % 10n ** BigInt(decimals)).padStart(decimals, '0')}`, { maximumFractionDigits: decimals })} %`;
};

test('hand-worked numbers agree with the contract\'s example', () => {
  assert.deepEqual([workdays, elapsed, target, dealsNeeded, neededTop, won, expectedRevenue, gap, gapDeals, leads, weighted, dealsToClose], [60n, 30n, 153900n, 35n, 585n, 58500n, 76950n, 95400n, 22n, 1100n, 39150n, 22n]);
  assert.equal(expectedRevenue * workdays, target * elapsed);
  const { numerator, denominator } = chanceAtLeast(dealsToClose);
  // 7.9 in a million, as the contract says (to two significant digits, half up).
  assert.equal((numerator * 10n ** 7n * 2n + denominator) / (2n * denominator), 79n);
});

/**
 * Types the example into a Progress panel that shows its own window (no Plan panel on the page).
 * @param {import('playwright-core').Page} page
 * @param {import('playwright-core').Locator} panel
 */
async function typeExample(page, panel) {
  await panel.getByLabel('Første dag').waitFor();
  await panel.getByLabel('Første dag').fill('2027-01-01');
  await panel.getByLabel('Sidste dag').fill('2027-03-31');
  await panel.getByLabel('Vækst i forhold til nu').check();
  await panel.getByLabel('Nuværende omsætning').fill('135.000');
  await panel.getByLabel('Vækst', { exact: true }).fill('14');
  await panel.getByLabel('Sælgere').fill('3');
  await panel.getByLabel('Maks. antal leads pr. sælger pr. dag (valgfrit)').fill('70');
  await panel.getByLabel('Helligdage (valgfrit)').fill(HOLIDAYS.join(' '));
  await panel.getByLabel('Resultater til og med').fill('2027-02-12');
  // The example's three rows: the first is there, two more are added.
  for (let i = 1; i < ROWS.length; i++) await panel.getByRole('button', { name: '+ Tilføj en række' }).click();
  for (const [index, row] of ROWS.entries()) {
    const n = index + 1;
    await panel.getByLabel(`Til og med (${n})`).fill(new Intl.DateTimeFormat('da-DK', { timeZone: 'UTC' }).format(Date.parse(`${row.date}T00:00:00Z`)));
    await panel.getByLabel(`Omsætning (${n})`).fill(da(row.revenue));
    await panel.getByLabel(`Leads (${n})`).fill(String(row.top));
    await panel.getByLabel(`Møder (${n})`).fill(String(row.stages[0]));
    await panel.getByLabel(`Tilbud (${n})`).fill(String(row.stages[1]));
    await panel.getByLabel(`Handler (${n})`).fill(String(row.deals));
  }
  await panel.getByLabel('Åbne efter »Møder«').fill(String(OPEN[0]));
  await panel.getByLabel('Åbne efter »Tilbud«').fill(String(OPEN[1]));
  // The panel asks the engine 200 ms after the last box changed; an answer to a box typed before
  // may still be on screen until then.
  await waitForIdle(page);
}

const shown = async (locator) => (await locator.textContent()).replace(/[\u00a0\u202f]/g, ' ');

test('the contract\'s Danish example typed into the pacing preset: every figure on screen, in Danish', async () => {
  const { page, pageErrors, requests, close } = await openPage(env.browser, null, { contextOptions: { locale: 'da-DK' } });
  try {
    await serve(page, 'pacing.html', host(`<${W} preset="pacing" locale="da-DK"></${W}>`));
    const panel = page.locator(PANEL);
    await typeExample(page, panel);
    await page.waitForFunction((gap) => (document.querySelector('sales-kpi-calculator').shadowRoot.querySelector('.verdict')?.textContent ?? '').includes(gap), da(gap));
    const text = await shown(panel);
    const expect = [
      `Vundet indtil nu: ${kr(won)} af ${kr(target)}, det er ${percent(won, target)}, efter ${elapsed} af ${workdays} arbejdsdage.`,
      `Det er ${kr(expectedRevenue - won)} bagud i forhold til planen for denne dato (${kr(expectedRevenue)}): ${percent(won, expectedRevenue)} af planen.`,
      `I dette tempo ender perioden på ${kr((won * workdays) / elapsed)}, ${kr(target - (won * workdays) / elapsed)} under målet.`,
      `Der mangler ${kr(gap)} og ${gapDeals} handler. Hver af de ${workdays - elapsed} resterende arbejdsdage kræver ${kr(gap / (workdays - elapsed))} og mindst ${ceilDiv(gapDeals, workdays - elapsed)} handler om dagen.`,
      `For hver af de 3 sælgere er det ${kr(gap / ((workdays - elapsed) * 3n))} pr. arbejdsdag.`,
      `Leads: ${da(leads)} indtil nu, flere end de ${neededTop}, hele perioden kræver.`,
      `Her går det i stå: af ${quotes} tilbud blev ${dealsReached} til handler (${percent(dealsReached, quotes)}) mod planlagt 30 %: ${percent(dealsReached * 10n, quotes * 3n)} af planen.`,
      `Åben pipeline: ${OPEN[0] + OPEN[1]} salgsmuligheder, vægtet efter deres chance for at blive til handler ${kr(weighted)} værd, ${percent(weighted, gap)} af det manglende.`,
      `Chancen for, at de giver de ${dealsToClose} handler, der mangler: omkring 7,9 ud af en million, meget usandsynligt.`,
    ];
    for (const sentence of expect) assert.ok(text.includes(sentence), `on screen: ${sentence}\n---\n${text}`);
    // The chart's points are the rows' running totals, in order.
    const points = await panel.locator('svg circle.bu-point').evaluateAll((dots) => dots.map((dot) => [dot.getAttribute('data-date'), dot.getAttribute('data-total')]));
    let running = 0n;
    assert.deepEqual(points, ROWS.map((row) => [row.date, String((running += row.revenue))]));
    // The table beside it says the same in Danish.
    const totals = await panel.locator('details.alt tbody tr').evaluateAll((trs) => trs.map((tr) => tr.children[2].textContent.replace(/\u00a0/g, ' ')));
    running = 0n;
    assert.deepEqual(totals, ROWS.map((row) => kr((running += row.revenue))));
    // One engine: the full one, with progress.
    assert.deepEqual(requests.filter((url) => url.endsWith('.wasm')).map((url) => new URL(url).pathname), ['/pkg-full/sales_kpi_bg.wasm']);
    assert.deepEqual(pageErrors, []);
  } finally {
    await close();
  }
});

/**
 * Pastes text into a box of the panel's table, as a spreadsheet's copy does.
 * @param {import('playwright-core').Page} page
 * @param {string} label
 * @param {string} text
 */
const paste = (page, label, text) =>
  page.evaluate(
    ([label, text]) => {
      const input = document.querySelector('sales-kpi-calculator').shadowRoot.querySelector(`input[aria-label="${label}"]`);
      const data = new DataTransfer();
      data.setData('text/plain', text);
      input.focus();
      input.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true, composed: true }));
    },
    [label, text],
  );

test('a block pasted from a Dutch spreadsheet fills the rows; an ambiguous date refuses the whole paste', async () => {
  const { page, pageErrors, close } = await openPage(env.browser, null, { contextOptions: { locale: 'nl-NL' } });
  try {
    await serve(page, 'paste.html', host(`<${W} preset="pacing" locale="nl-NL"></${W}>`, 'nl'));
    const panel = page.locator(PANEL);
    await panel.getByLabel('Eerste dag').waitFor();
    await panel.getByLabel('Eerste dag').fill('2027-01-01');
    await panel.getByLabel('Laatste dag').fill('2027-03-31');
    await panel.getByLabel('Resultaten tot en met').fill('2027-02-14');
    const block = ['Tot en met\tOmzet\tLeads\tAfspraken\tOffertes\tDeals', '31-1-2027\t12.500,50\t610\t230\t101\t8', '7-2-2027\t9.000\t140\t52\t25\t2', '14-2-2027\t13.500\t350\t121\t44\t3', ''].join('\r\n');
    await paste(page, 'Omzet (1)', block);
    await panel.getByText('3 rijen geplakt.').waitFor();
    const values = await panel.locator('table input').evaluateAll((inputs) => inputs.map((input) => input.value));
    assert.deepEqual(values, ['31-1-2027', '12.500,5', '610', '230', '101', '8', '7-2-2027', '9.000', '140', '52', '25', '2', '14-2-2027', '13.500', '350', '121', '44', '3']);
    await panel.locator('svg circle.bu-point').nth(2).waitFor();
    const totals = await panel.locator('svg circle.bu-point').evaluateAll((dots) => dots.map((dot) => dot.getAttribute('data-total')));
    assert.deepEqual(totals, ['12500.5', '21500.5', '35000.5']);
    // An ambiguous date (British or American?) refuses everything, naming the cell; nothing changes.
    await paste(page, 'Omzet (1)', '2027-01-31\t100\n01/02/2027\t200\n');
    await panel.getByText('Er is niets geplakt: rij 2, kolom 1 („01/02/2027”) kan twee datums zijn').waitFor();
    assert.deepEqual(await panel.locator('table input').evaluateAll((inputs) => inputs.map((input) => input.value)), values);
    assert.deepEqual(pageErrors, []);
  } finally {
    await close();
  }
});

test('an ambiguous date in an English spreadsheet is refused with nothing imported', async () => {
  for (const locale of ['en-GB', 'en-US']) {
    const { page, pageErrors, close } = await openPage(env.browser, null, { contextOptions: { locale } });
    try {
      await serve(page, `paste-${locale}.html`, host(`<${W} preset="pacing" locale="${locale}"></${W}>`, 'en'));
      const panel = page.locator(PANEL);
      await panel.getByLabel('Revenue (1)').waitFor();
      const before = await panel.locator('table input').evaluateAll((inputs) => inputs.map((input) => input.value));
      await paste(page, 'Revenue (1)', '01/02/2027\t1,000\t100\n');
      await panel.getByText('Nothing was pasted: row 1, column 1 (“01/02/2027”) could be two dates').waitFor();
      assert.deepEqual(await panel.locator('table input').evaluateAll((inputs) => inputs.map((input) => input.value)), before, locale);
      assert.deepEqual(pageErrors, []);
    } finally {
      await close();
    }
  }
});

test('a share link carries the rows, and axe finds nothing with the panel open', async () => {
  const { page, pageErrors, close } = await openPage(env.browser, null, { contextOptions: { locale: 'da-DK' } });
  try {
    await serve(page, 'pacing-link.html', host(`<${W} preset="pacing" locale="da-DK" url-state></${W}>`));
    const panel = page.locator(PANEL);
    await typeExample(page, panel);
    await waitUntil(page, async () => JSON.stringify((await linkedState(page))?.pg ?? null).includes('13500'), { message: 'the rows in the link' });
    const link = page.url();
    const second = await page.context().newPage();
    await second.route(link.split('#')[0], (route) => route.fulfill({ contentType: 'text/html', body: host(`<${W} preset="pacing" locale="da-DK" url-state></${W}>`) }));
    await second.goto(link);
    const again = second.locator(PANEL);
    await again.locator('.verdict').filter({ hasText: 'Vundet indtil nu' }).waitFor();
    assert.equal(await again.getByLabel('Omsætning (3)').inputValue(), '13.500');
    assert.match(await shown(again.locator('.verdict')), /58\.500 kr\. af 153\.900 kr\./);
    const violations = await runAxe(page);
    assert.deepEqual(violations, [], formatViolations(violations));
    assert.deepEqual(pageErrors, []);
  } finally {
    await close();
  }
});
