// The Plan panel (issue #11) end to end in a real browser: the Danish seed's SMART goal
// ("+14 % within three months") typed as written, in da-DK, checked against numbers worked out by
// hand here, independently of the engine: the workdays of the calendar, the deals and the funnel
// counts backwards with ceilings, per workday and per salesperson, and months and weeks that add
// up. Also: errors at the field in Danish, one engine per page, and the plan in a share link.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, test } from 'node:test';
import { openPage, useBrowser, waitUntil } from './harness.mjs';
import { linkedState } from './widget-page.mjs';
import { readSheet } from './xlsx.mjs';

const env = useBrowser({ before, after });
const W = 'sales-kpi-calculator';
const PLAN = `${W} section[data-section=pPlan]`;

// The Plan panel as the planner shows it: in the dashboard layout (an article has it behind "More").
const host = (body) => `<!doctype html><html lang="da"><head><meta charset="utf-8"><title>Host</title>
<script type="module" src="widget/sales-kpi-calculator.js"></script></head><body><main>${body.replaceAll(`<${W} `, `<${W} layout="dashboard" `)}</main></body></html>`;

async function serve(page, name, body) {
  await page.route(`${env.server.url}${name}`, (route) => route.fulfill({ contentType: 'text/html', body }));
  await page.goto(`${env.server.url}${name}`);
}

// ---- Worked out by hand, with whole numbers only ----
/** ceil(a / b) for whole a >= 0, b > 0. */
const ceilDiv = (a, b) => (a + b - 1n) / b;
/** The preset "leads" (www/widget/state.js): 500 leads, møder 40 %, tilbud 50 %, handler 30 %, 4.500 kr. a deal, 30 days' cycle. */
const RATES = [[4n, 10n], [5n, 10n], [3n, 10n]];
const DEAL_SIZE = 4500n;
// Danish public holidays in the window: nytårsdag, skærtorsdag, langfredag, 2. påskedag (Easter Sunday 2027 is 28 March).
const HOLIDAYS = ['2027-01-01', '2027-03-25', '2027-03-26', '2027-03-29'];
const REPS = 3n;

/** Every workday (Monday to Friday, not a holiday) from 1 January to 31 March 2027, by month. */
function workdaysByMonth() {
  const months = [0n, 0n, 0n];
  for (let day = Date.UTC(2027, 0, 1); day <= Date.UTC(2027, 2, 31); day += 86400000) {
    const date = new Date(day);
    const weekend = date.getUTCDay() === 0 || date.getUTCDay() === 6;
    if (!weekend && !HOLIDAYS.includes(date.toISOString().slice(0, 10))) months[date.getUTCMonth()]++;
  }
  return months;
}

/** Largest remainder: floor shares, the rest one by one to the largest remainders, earlier first on a tie. */
function shareOut(total, weights) {
  const sum = weights.reduce((a, b) => a + b, 0n);
  const shares = weights.map((weight) => (total * weight) / sum);
  const order = weights.map((weight, i) => [(total * weight) % sum, i]).sort((a, b) => (b[0] > a[0] ? 1 : b[0] < a[0] ? -1 : a[1] - b[1]));
  let left = total - shares.reduce((a, b) => a + b, 0n);
  for (const [, i] of order) if (left-- > 0n) shares[i]++;
  return shares;
}

const months = workdaysByMonth();
const workdays = months.reduce((a, b) => a + b, 0n);
const target = (135000n * 114n) / 100n; // 135.000 kr. + 14 %
const deals = ceilDiv(target, DEAL_SIZE);
// Backwards through the funnel: each earlier step needs ceil(next / rate).
const tilbud = ceilDiv(deals * RATES[2][1], RATES[2][0]);
const moeder = ceilDiv(tilbud * RATES[1][1], RATES[1][0]);
const leads = ceilDiv(moeder * RATES[0][1], RATES[0][0]);
const perDay = [leads, moeder, tilbud].map((count) => ceilDiv(count, workdays));
const perRep = [leads, moeder, tilbud].map((count) => ceilDiv(count, workdays * REPS));
const dkNumber = (text) => BigInt(text.replace(/[.\s\u00a0kr]/g, '').replace(/,00$/, ''));


/**
 * Types the Danish article's SMART goal into a Plan panel as a reader would: 1 January to
 * 31 March 2027, +14 % on a baseline of 135.000 kr., 3 salespeople, the Danish holidays.
 * @param {import('playwright-core').Locator} plan
 */
async function typeSmartGoal(plan) {
    await plan.getByLabel('Første dag').waitFor();
    await plan.getByLabel('Første dag').fill('2027-01-01');
    await plan.getByLabel('Sidste dag').fill('2027-03-31');
    await plan.getByLabel('Vækst i forhold til nu').check();
    await plan.getByLabel('Nuværende omsætning').fill('135.000');
    await plan.getByLabel('Vækst', { exact: true }).fill('14');
    await plan.getByLabel('Sælgere').fill('3');
    await plan.getByLabel('Helligdage (valgfrit)').fill(HOLIDAYS.join(' '));
}

test('hand-worked numbers: the seed\'s sentence', () => {
  // Sanity of the hand calculation itself against the issue's example sentence.
  assert.deepEqual([target, workdays, deals, leads, moeder, tilbud], [153900n, 60n, 35n, 585n, 234n, 117n]);
  assert.deepEqual([perDay, perRep], [[10n, 4n, 2n], [4n, 2n, 1n]]);
});

test('the Danish SMART goal typed as written: per month, week, workday and salesperson, adding up', async () => {
  const { page, pageErrors, requests, close } = await openPage(env.browser, null, { contextOptions: { locale: 'da-DK' } });
  try {
    await serve(page, 'plan.html', host(`<${W} preset="leads" locale="da-DK"></${W}>`));
    const plan = page.locator(PLAN);
    await typeSmartGoal(plan);
    const sentence = plan.locator('.sentence');
    // Once every field typed has reached the plan: the target, the team and the holidays.
    await page.waitForFunction((selector) => /153\.900.*\(60 arbejdsdage\).*3 sælgere/.test(document.querySelector('sales-kpi-calculator').shadowRoot.querySelector(selector)?.textContent ?? ''), '.plan .sentence');
    assert.equal(
      (await sentence.textContent()).replace(/\u00a0/g, ' '),
      `For at vinde ${target.toLocaleString('da-DK')} kr. mellem 1. januar 2027 og 31. marts 2027 (${workdays} arbejdsdage) skal dine 3 sælgere have mindst ` +
        `${perDay[0]} leads, ${perDay[1]} møder og ${perDay[2]} tilbud hver arbejdsdag: mindst ${perRep[0]}, ${perRep[1]} og ${perRep[2]} hver. Det er ${deals} handler i alt.`,
    );
    // Numbers that visibly add up: the salespeople's "at least" covers the team's, and the
    // rounding up is said, with the exact averages (585 / 60 = 9,75 and so on).
    for (let i = 0; i < 3; i++) assert.ok(perRep[i] * REPS >= perDay[i], `3 × ${perRep[i]} covers ${perDay[i]}`);
    const average = (count) => new Intl.NumberFormat('da-DK', { maximumFractionDigits: 2 }).format(`${count / workdays}.${String(((count % workdays) * 100n) / workdays).padStart(2, '0')}`);
    assert.match(await plan.textContent(), new RegExp(`i gennemsnit kræver en arbejdsdag ${average(leads)} leads, ${average(moeder)} møder og ${average(tilbud)} tilbud`));
    // The entry window: 30 days' cycle before the first and the last day.
    const back = (iso) => new Date(Date.parse(`${iso}T00:00:00Z`) - 30 * 86400000);
    const long = (date) => new Intl.DateTimeFormat('da-DK', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(date);
    assert.match(await plan.textContent(), new RegExp(`Leads skal komme ind mellem ${long(back('2027-01-01'))} og ${long(back('2027-03-31'))}`));
    // The cycle is a field of the Plan panel (the funnel panel shows it only with "velocity"): 45 days moves the window.
    await plan.locator('input[data-field="/cycleDays"]').fill('45');
    await plan.getByText(`Leads skal komme ind mellem ${long(new Date(Date.UTC(2026, 10, 17)))} og ${long(new Date(Date.UTC(2027, 1, 14)))}`).waitFor();
    // The month table: rows by hand, and the total row equal to the sum of the rows.
    const rows = await plan.locator('details').first().locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.children].map((cell) => cell.textContent)));
    assert.deepEqual(rows.map((row) => row[0]), ['januar 2027', 'februar 2027', 'marts 2027', 'I alt']);
    const expected = [months, shareOut(leads, months), shareOut(moeder, months), shareOut(tilbud, months), shareOut(deals, months)];
    for (let month = 0; month < 3; month++) {
      const cells = rows[month];
      assert.deepEqual([cells[1], cells[3], cells[4], cells[5], cells[6]].map(dkNumber), expected.map((column) => column[month]), `month ${month + 1}`);
      assert.equal(dkNumber(cells[2].replace(/,\d+/, '')), (target * months[month]) / workdays);
    }
    assert.deepEqual([rows[3][1], rows[3][3], rows[3][4], rows[3][5], rows[3][6]].map(dkNumber), [workdays, leads, moeder, tilbud, deals]);
    // The week table: ISO weeks as Danes write them, adding up to the totals too.
    const weeks = await plan.locator('details').nth(1).locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.children].map((cell) => cell.textContent)));
    assert.equal(weeks[0][0], 'uge 53'); // 1 January 2027 is in ISO week 53 of 2026
    assert.equal(weeks[1][0], 'uge 1');
    const body = weeks.slice(0, -1);
    assert.equal(body.reduce((sum, row) => sum + dkNumber(row[4]), 0n), leads);
    assert.equal(body.reduce((sum, row) => sum + dkNumber(row[2]), 0n), workdays);
    assert.equal(dkNumber(weeks.at(-1)[4]), leads);
    // The chart: one bar per month.
    assert.equal(await plan.locator('svg rect').count(), 3);
    // One engine: the one with plan, not the small one too.
    const wasm = requests.filter((url) => url.endsWith('.wasm')).map((url) => new URL(url).pathname);
    assert.deepEqual(wasm, ['/pkg-full/sales_kpi_bg.wasm']);
    assert.deepEqual(pageErrors, []);
  } finally {
    await close();
  }
});

test('bad dates, an end before the start and no workdays are errors at the field, in Danish', async () => {
  const { page, pageErrors, close } = await openPage(env.browser, null, { contextOptions: { locale: 'da-DK' } });
  try {
    await serve(page, 'plan-errors.html', host(`<${W} preset="leads" locale="da-DK"></${W}>`));
    const plan = page.locator(PLAN);
    await plan.getByLabel('Første dag').waitFor();
    await plan.getByLabel('Første dag').fill('2027-03-01');
    await plan.getByLabel('Sidste dag').fill('2027-02-01');
    const endError = plan.locator('.field', { has: page.getByLabel('Sidste dag') }).locator('.err');
    await assert.doesNotReject(endError.filter({ hasText: 'Den sidste dag ligger før den første dag.' }).waitFor());
    assert.equal(await plan.getByLabel('Sidste dag').getAttribute('aria-invalid'), 'true');
    await plan.getByLabel('Sidste dag').fill('2027-03-31');
    await plan.getByLabel('Helligdage (valgfrit)').fill('1.1.2027 32.1.2027');
    const holidayError = plan.locator('.field', { has: page.getByLabel('Helligdage (valgfrit)') }).locator('.err');
    await assert.doesNotReject(holidayError.filter({ hasText: '»32.1.2027« er ikke en dato' }).waitFor());
    await plan.getByLabel('Helligdage (valgfrit)').fill('');
    // A weekend only: no workday in the window; no weekday ticked at all: a workday is asked for.
    await plan.getByLabel('Første dag').fill('2027-01-02');
    await plan.getByLabel('Sidste dag').fill('2027-01-03');
    await assert.doesNotReject(plan.locator('fieldset .err').filter({ hasText: 'Der er ingen arbejdsdag i denne periode.' }).waitFor());
    for (const day of ['mandag', 'tirsdag', 'onsdag', 'torsdag', 'fredag']) await plan.getByLabel(day, { exact: true }).uncheck();
    await assert.doesNotReject(plan.locator('fieldset .err').filter({ hasText: 'Vælg mindst én arbejdsdag.' }).waitFor());
    assert.equal(await plan.locator('.sentence').isVisible(), false);
    assert.deepEqual(pageErrors, []);
  } finally {
    await close();
  }
});

test('one engine per page: the small one without a Plan panel, the full one with it, upgraded to when the panel comes later', async () => {
  const { page, requests, pageErrors, close } = await openPage(env.browser, null);
  try {
    const wasm = () => requests.filter((url) => url.endsWith('.wasm')).map((url) => new URL(url).pathname);
    const revenue = page.locator(`${W} [data-result="/funnel/revenue"][data-value]`);
    await serve(page, 'plan-mixed.html', host(`<${W} preset="inbound"></${W}><${W} preset="leads"></${W}>`));
    await page.locator(`${PLAN} .sentence`).filter({ hasText: /\d/ }).waitFor();
    assert.equal(await revenue.count(), 2);
    assert.deepEqual(wasm(), ['/pkg-full/sales_kpi_bg.wasm'], 'widgets that connect together share the engine with plan');
    requests.length = 0;
    await serve(page, 'plan-later.html', host(`<${W} id="w" preset="inbound"></${W}>`));
    await revenue.waitFor();
    assert.deepEqual(wasm(), ['/pkg-embed/sales_kpi_bg.wasm'], 'without the Plan panel the small engine alone');
    await page.evaluate(() => document.getElementById('w').setAttribute('sections', 'funnel target plan'));
    await page.locator(`${PLAN} .sentence`).filter({ hasText: /\d/ }).waitFor();
    assert.deepEqual(wasm(), ['/pkg-embed/sales_kpi_bg.wasm', '/pkg-full/sales_kpi_bg.wasm']);
    assert.deepEqual(pageErrors, []);
  } finally {
    await close();
  }
});

test('a share link carries the plan: the goal, the dates, the team and the holidays come back', async () => {
  const { page, pageErrors, close } = await openPage(env.browser, null, { contextOptions: { locale: 'da-DK' } });
  try {
    await serve(page, 'plan-link.html', host(`<${W} preset="leads" locale="da-DK" url-state></${W}>`));
    const plan = page.locator(PLAN);
    await typeSmartGoal(plan);
    await waitUntil(page, async () => JSON.stringify((await linkedState(page))?.pl ?? null).includes('2027-03-29'), { message: 'the plan in the link' });
    const stored = (await linkedState(page)).pl;
    assert.deepEqual(stored, { start: '2027-01-01', end: '2027-03-31', reps: '3', workdays: [1, 2, 3, 4, 5], holidays: HOLIDAYS, growth: { baseline: '135000', by: '0.14' } });
    const link = page.url();
    const second = await page.context().newPage();
    await second.route(`${env.server.url}plan-link.html`, (route) => route.fulfill({ contentType: 'text/html', body: host(`<${W} preset="inbound" locale="da-DK"></${W}>`) }));
    await second.goto(link);
    const restored = second.locator(PLAN);
    await restored.locator('.sentence').filter({ hasText: /153\.900/ }).waitFor();
    assert.equal(await restored.getByLabel('Første dag').inputValue(), '1.1.2027', 'the first day in the Danish form');
    assert.equal(await restored.getByLabel('Nuværende omsætning').inputValue(), '135.000');
    assert.equal(await restored.getByLabel('Vækst', { exact: true }).inputValue(), '14');
    assert.match(await restored.locator('.sentence').textContent(), /60 arbejdsdage/);
    assert.deepEqual(pageErrors, []);
  } finally {
    await close();
  }
});

test('the spreadsheet export holds the plan: its period, the totals, each month and week', async () => {
  const { page, pageErrors, close } = await openPage(env.browser, null, { contextOptions: { acceptDownloads: true } });
  try {
    await serve(page, 'plan-sheet.html', host(`<${W} preset="leads" locale="en-US" sections="funnel target plan share"></${W}>`));
    const plan = page.locator(PLAN);
    await plan.getByLabel('First day').waitFor();
    await plan.getByLabel('First day').fill('2027-01-01');
    await plan.getByLabel('Last day').fill('2027-03-31');
    await plan.locator('.sentence').filter({ hasText: 'January 1, 2027' }).waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator(`${W} .share .buttons button`).nth(1).click()]);
    const rows = readSheet(await readFile(await download.path()));
    const cell = (section, item) => rows.find((row) => row[0] === section && row[1] === item)?.[3];
    // The preset's own target, 150,000: by hand as above, Monday to Friday, no holidays.
    const byMonth = [21n, 20n, 23n];
    const dealsTotal = ceilDiv(150000n, DEAL_SIZE);
    const leadsTotal = ceilDiv(ceilDiv(ceilDiv(dealsTotal * 10n, 3n) * 10n, 5n) * 10n, 4n);
    assert.equal(cell('Plan', 'First day'), 'January 1, 2027');
    assert.equal(cell('Plan: Total', 'Workdays'), '64');
    assert.equal(cell('Plan: Total', 'Deals'), String(dealsTotal));
    assert.equal(cell('Plan: Total', 'Leads'), String(leadsTotal));
    const monthly = shareOut(leadsTotal, byMonth);
    ['January', 'February', 'March'].forEach((month, i) => assert.equal(cell(`Plan: ${month} 2027`, 'Leads'), String(monthly[i]), month));
    const weekly = rows.filter((row) => /^Plan: Week \d+ \(/.test(row[0]) && row[1] === 'Leads');
    assert.equal(weekly.length, 14);
    assert.equal(weekly.reduce((sum, row) => sum + BigInt(row[3]), 0n), leadsTotal);
    assert.deepEqual(pageErrors, []);
  } finally {
    await close();
  }
});

test('the public holidays of the reader\'s country fill the holiday box, computed for the window, and the plan follows', async () => {
  const { page, pageErrors, close } = await openPage(env.browser, null, { contextOptions: { locale: 'da-DK' } });
  try {
    await serve(page, 'plan-holidays.html', host(`<${W} preset="leads" locale="da-DK"></${W}>`));
    const plan = page.locator(PLAN);
    await plan.getByLabel('Første dag').waitFor();
    await plan.getByLabel('Første dag').fill('2027-01-01');
    await plan.getByLabel('Sidste dag').fill('2027-03-31');
    assert.equal(await plan.getByLabel('Land for helligdage').inputValue(), 'DK', 'the reader\'s country first');
    await plan.getByRole('button', { name: 'Tilføj helligdagene' }).click();
    // Nytårsdag, skærtorsdag, langfredag, påskedag and 2. påskedag (Easter Sunday 2027 is 28 March).
    assert.equal(await plan.getByLabel('Helligdage (valgfrit)').inputValue(), '1.1.2027 25.3.2027 26.3.2027 28.3.2027 29.3.2027');
    await page.waitForFunction(() => /\(60 arbejdsdage\)/.test(document.querySelector('sales-kpi-calculator').shadowRoot.querySelector('.plan .sentence')?.textContent ?? ''));
    // Another country's are added to what is there; the box stays editable.
    await plan.getByLabel('Land for helligdage').selectOption('GB');
    await plan.getByRole('button', { name: 'Tilføj helligdagene' }).click();
    assert.equal(await plan.getByLabel('Helligdage (valgfrit)').inputValue(), '1.1.2027 25.3.2027 26.3.2027 28.3.2027 29.3.2027');
    await plan.getByLabel('Helligdage (valgfrit)').fill('2027-01-01');
    await page.waitForFunction(() => /\(63 arbejdsdage\)/.test(document.querySelector('sales-kpi-calculator').shadowRoot.querySelector('.plan .sentence')?.textContent ?? ''));
    assert.deepEqual(pageErrors, []);
  } finally {
    await close();
  }
});
