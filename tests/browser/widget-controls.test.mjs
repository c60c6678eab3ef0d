// The finished controls: units inside the input's border and dropped when the reader leaves the
// box, dates typed and shown in the reader's numeric form (with the number fields' way of saying
// what is wrong), and the workdays as a row of pills that are real checkboxes.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { openPage, useBrowser, waitUntil } from './harness.mjs';
import { expectValue, fieldProblem, input, ready, W } from './widget-page.mjs';

const env = useBrowser({ before, after });
const PLAN = `${W} section[data-section=pPlan]`;

const host = (locale, attributes) => `<!doctype html><html lang="${locale.slice(0, 2)}"><head><meta charset="utf-8"><title>Host</title>
<script type="module" src="widget/sales-kpi-calculator.js"></script></head><body><main><${W} locale="${locale}" ${attributes}></${W}></main></body></html>`;

/** Opens a page with one calculator in `locale`; `width` is the viewport's. */
async function open(locale, attributes, width = 1280) {
  const opened = await openPage(env.browser, null, { contextOptions: { locale, viewport: { width, height: 900 } } });
  await opened.page.route(`${env.server.url}controls.html`, (route) => route.fulfill({ contentType: 'text/html', body: host(locale, attributes) }));
  await opened.page.goto(`${env.server.url}controls.html`);
  await ready(opened.page);
  return opened;
}

/** The plan's sentence once it holds `text`. */
const sentence = (page, text) => page.locator(`${PLAN} .sentence`).filter({ hasText: text }).waitFor();

test('a unit typed with a number is read, and dropped when the reader leaves the box (the box shows it)', async () => {
  const { page, pageErrors, close } = await open('da-DK', 'preset="leads" sections="funnel target plan uncertainty"');
  try {
    // The deal value: 30 deals × 5.000 kr.
    await input(page, '/funnel/dealSize').fill('5.000 kr.');
    await expectValue(page, '[data-result="/funnel/revenue"]', '150000');
    await input(page, '/funnel/dealSize').press('Tab');
    assert.equal(await input(page, '/funnel/dealSize').inputValue(), '5.000');
    // A range's end, a percentage: "45 %" is 45.
    const high = page.locator(`${W} input[data-range-high="/funnel/stages/0/rate"]`);
    await high.fill('45 %');
    await high.press('Tab');
    assert.equal(await high.inputValue(), '45');
    assert.equal(await high.getAttribute('aria-invalid'), 'false');
    // The Plan panel's own boxes: a baseline in kroner and growth in per cent.
    const plan = page.locator(PLAN);
    await plan.getByLabel('Vækst i forhold til nu').check();
    await plan.getByLabel('Nuværende omsætning').fill('135.000 kr.');
    await plan.getByLabel('Nuværende omsætning').press('Tab');
    await plan.getByLabel('Vækst', { exact: true }).fill('14 %');
    await plan.getByLabel('Vækst', { exact: true }).press('Tab');
    await sentence(page, /153\.900/);
    assert.equal(await plan.getByLabel('Nuværende omsætning').inputValue(), '135.000');
    assert.equal(await plan.getByLabel('Vækst', { exact: true }).inputValue(), '14');
    // Text that cannot be read stays as typed, with its message.
    await input(page, '/funnel/dealSize').fill('5.000 €');
    assert.match(await fieldProblem(page, '/funnel/dealSize'), /DKK/);
    await input(page, '/funnel/dealSize').press('Tab');
    assert.equal(await input(page, '/funnel/dealSize').inputValue(), '5.000 €');
    assert.deepEqual(pageErrors, []);
  } finally {
    await close();
  }
});

test('in American English "$1,000" is read and shown as 1,000', async () => {
  const { page, pageErrors, close } = await open('en-US', 'preset="inbound" currency="USD"');
  try {
    await input(page, '/funnel/dealSize').fill('$1,000');
    // 60 deals × $1,000.
    await expectValue(page, '[data-result="/funnel/revenue"]', '60000');
    await input(page, '/funnel/dealSize').press('Tab');
    assert.equal(await input(page, '/funnel/dealSize').inputValue(), '1,000');
    assert.deepEqual(pageErrors, []);
  } finally {
    await close();
  }
});

for (const [locale, before] of [['da-DK', false], ['en-US', true]]) {
  test(`the unit sits inside the input's border, ${before ? 'before' : 'after'} the number (${locale}), and boxes with and without one are as wide`, async () => {
    const { page, close } = await open(locale, 'preset="inbound"');
    try {
      const measure = (pointer) =>
        input(page, pointer).evaluate((field) => {
          const box = field.closest('.box');
          const rect = (element) => element && (({ left, right, top, bottom, width }) => ({ left, right, top, bottom, width }))(element.getBoundingClientRect());
          const style = (element) => getComputedStyle(element);
          return {
            box: rect(box),
            input: rect(field),
            affix: rect(box.querySelector('.affix')),
            boxBorder: style(box).borderTopWidth,
            inputBorder: style(field).borderTopWidth,
          };
        });
      const money = await measure('/funnel/dealSize');
      const plain = await measure('/funnel/top');
      assert.equal(money.boxBorder, '1px', 'the box has the border');
      assert.equal(money.inputBorder, '0px', 'the input inside it has none');
      assert.ok(money.affix, 'the deal value has its currency sign');
      for (const side of ['left', 'right', 'top', 'bottom']) {
        const inside = side === 'left' || side === 'top' ? money.affix[side] >= money.box[side] : money.affix[side] <= money.box[side];
        assert.ok(inside, `the currency sign is inside the border (${side}: ${money.affix[side]} in ${money.box[side]})`);
      }
      if (before) assert.ok(money.affix.right <= money.input.left, 'the sign before the number');
      else assert.ok(money.affix.left >= money.input.right, 'the sign after the number');
      assert.equal(plain.affix, null);
      assert.equal(Math.round(money.box.width), Math.round(plain.box.width), 'the boxes are as wide');
      assert.equal(Math.round(money.box.left), Math.round(plain.box.left), 'the boxes line up');
      // The focus ring is the box's.
      await input(page, '/funnel/dealSize').focus();
      const outline = await input(page, '/funnel/dealSize').evaluate((field) => getComputedStyle(field.closest('.box')).outlineStyle);
      assert.equal(outline, 'solid');
    } finally {
      await close();
    }
  });
}

const DATES = [
  // locale, the example shown, 1 February 2027 as the box shows it, 31 March 2027 typed as a reader of the locale would, the sentence's dates
  ['da-DK', '31.1.2027', '1.2.2027', '31.3.2027', /1\. februar 2027 og 31\. marts 2027/],
  ['nl-NL', '31-1-2027', '1-2-2027', '31-3-2027', /1 februari 2027 en 31 maart 2027/],
  ['en-US', '1/31/2027', '2/1/2027', '3/31/2027', /February 1, 2027, and March 31, 2027|February 1, 2027 and March 31, 2027/],
  ['en-GB', '31/01/2027', '01/02/2027', '31/03/2027', /1 February 2027 and 31 March 2027/],
];

for (const [locale, example, first, last, said] of DATES) {
  test(`dates are typed and shown in the reader's form (${locale}: ${example})`, async () => {
    const { page, pageErrors, close } = await open(locale, 'preset="leads"');
    try {
      const plan = page.locator(PLAN);
      const [start, end] = [plan.locator('.field input').nth(0), plan.locator('.field input').nth(1)];
      await start.waitFor();
      assert.equal(await start.getAttribute('type'), 'text');
      assert.equal(await start.getAttribute('placeholder'), example);
      // ISO is read too, and shown in the reader's form once the box is left.
      await start.fill('2027-02-01');
      await start.press('Tab');
      assert.equal(await start.inputValue(), first);
      await end.fill(last);
      await end.press('Tab');
      await sentence(page, said);
      assert.equal(await end.inputValue(), last);
      assert.deepEqual(pageErrors, []);
    } finally {
      await close();
    }
  });
}

test('a date that cannot be read is said at its box, and the plan keeps the last date read, saying so', async () => {
  const { page, pageErrors, close } = await open('da-DK', 'preset="leads"');
  try {
    const plan = page.locator(PLAN);
    await plan.getByLabel('Første dag').fill('1.1.2027');
    await plan.getByLabel('Sidste dag').fill('31.3.2027');
    await sentence(page, /mellem 1\. januar 2027 og 31\. marts 2027/);
    await plan.getByLabel('Første dag').fill('32.1.2027');
    const box = plan.getByLabel('Første dag');
    await waitUntil(page, async () => (await box.getAttribute('aria-invalid')) === 'true', { message: 'the first day marked invalid' });
    const message = plan.locator(`[id="${(await box.getAttribute('aria-describedby')).split(' ')[0]}"]`);
    assert.equal(await message.textContent(), '»32.1.2027« er ikke en dato. Skriv den som 31.1.2027. Indtil da regnes der med 1.1.2027.');
    // The plan on screen is the one for the last date read.
    assert.match(await plan.locator('.sentence').textContent(), /mellem 1\. januar 2027 og 31\. marts 2027/);
    await box.press('Tab');
    assert.equal(await box.inputValue(), '32.1.2027', 'what cannot be read stays as typed');
    await box.fill('4.1.2027');
    await sentence(page, /mellem 4\. januar 2027 og 31\. marts 2027/);
    assert.equal(await box.getAttribute('aria-invalid'), 'false');
    assert.equal(await message.textContent(), '');
    assert.deepEqual(pageErrors, []);
  } finally {
    await close();
  }
});

test('the workdays are pills that are checkboxes: a click or the space bar changes the plan', async () => {
  const { page, pageErrors, close } = await open('da-DK', 'preset="leads"', 390);
  try {
    const plan = page.locator(PLAN);
    await plan.getByLabel('Første dag').fill('1.1.2027');
    await plan.getByLabel('Sidste dag').fill('31.3.2027');
    // Monday to Friday from 1 January to 31 March 2027: 64 workdays (no holidays given).
    await sentence(page, /\(64 arbejdsdage\)/);
    const pills = plan.locator('.pill');
    assert.deepEqual(await pills.allTextContents(), ['Ma', 'Ti', 'On', 'To', 'Fr', 'Lø', 'Sø']);
    const days = ['mandag', 'tirsdag', 'onsdag', 'torsdag', 'fredag', 'lørdag', 'søndag'];
    const boxes = days.map((day) => plan.getByRole('checkbox', { name: day, exact: true }));
    assert.deepEqual(await Promise.all(boxes.map((box) => box.isChecked())), [true, true, true, true, true, false, false]);
    // All seven on one line at 390 px, each a target of at least 24 × 24 px.
    const rects = await pills.evaluateAll((all) => all.map((pill) => pill.getBoundingClientRect().toJSON()));
    assert.equal(new Set(rects.map((rect) => Math.round(rect.top))).size, 1, 'the pills on one line');
    for (const rect of rects) assert.ok(rect.width >= 24 && rect.height >= 24, `a pill of ${rect.width} × ${rect.height}`);
    // A click on the pill: 13 Saturdays more (2 January to 27 March).
    await pills.nth(5).click();
    await sentence(page, /\(77 arbejdsdage\)/);
    assert.equal(await boxes[5].isChecked(), true);
    // The keyboard: Tab reaches the checkbox, the space bar unticks it.
    await boxes[4].focus();
    await page.keyboard.press('Tab');
    assert.equal(await boxes[5].evaluate((box) => box.getRootNode().activeElement === box), true, 'Tab moves from Friday to Saturday');
    assert.equal(await pills.nth(5).evaluate((pill) => getComputedStyle(pill).outlineStyle), 'solid', 'the focused pill shows the ring');
    await page.keyboard.press('Space');
    await sentence(page, /\(64 arbejdsdage\)/);
    assert.equal(await boxes[5].isChecked(), false);
    assert.deepEqual(pageErrors, []);
  } finally {
    await close();
  }
});
