// Typed numbers are read only when they can mean one thing in the field's locale (issue #10):
// a foreign currency sign, another locale's separators, a % in an amount or a number that could
// be read two ways is refused with how to write it, and the results keep the last valid numbers.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { openPage, useBrowser } from './harness.mjs';
import { W, input, value, ready, expectValue, fieldProblem } from './widget-page.mjs';

const env = useBrowser({ before, after });

/** Types `text` into the field and returns its own error message once it is marked invalid. */
async function refused(page, pointer, text) {
  await input(page, pointer).fill(text);
  return fieldProblem(page, pointer);
}

test('en-US: a euro amount and another locale\'s separators are refused with how to write them', async () => {
  const { page, pageErrors, close } = await openPage(env.browser, `${env.server.url}embed.html?locale=en-US`);
  try {
    await ready(page);
    const deal = '/funnel/dealSize';
    // Read as 12.5 before: revenue showed $750.
    assert.match(await refused(page, deal, '€ 12.500'), /USD.*\$1,234\.56/);
    assert.equal(await value(page, '[data-result="/funnel/revenue"]'), '750000', 'the results keep the last valid numbers');
    assert.ok(await page.locator(`${W} .root.stale`).count(), 'and say they are stale');
    assert.match(await refused(page, deal, '1.000.000,5'), /1,000,000\.5/);
    assert.equal(await value(page, '[data-result="/funnel/revenue"]'), '750000');
    // What can mean only one number is read: the widget's own currency sign, its own separators.
    await input(page, deal).fill('$25,000');
    await expectValue(page, '[data-result="/funnel/revenue"]', '1500000');
    assert.equal(await input(page, deal).getAttribute('aria-invalid'), 'false');
    assert.equal(await page.locator(`${W} .root.stale`).count(), 0);
    assert.deepEqual(pageErrors, []);
  } finally {
    await close();
  }
});

test('da-DK: "+14 %" in the revenue target is refused; "1.234,56 kr." is read', async () => {
  const { page, pageErrors, close } = await openPage(env.browser, `${env.server.url}embed.html?locale=da-DK`);
  try {
    await ready(page);
    assert.equal(await value(page, '[data-result="/target/attainment"]'), '0.75');
    // Read as a target of 14 kr. before.
    assert.match(await refused(page, '/target', '+14 %'), /Skriv kun tallet/);
    assert.equal(await value(page, '[data-result="/target/attainment"]'), '0.75', 'the target is unchanged');
    assert.match(await refused(page, '/target', '1.000.000 €'), /DKK/);
    await input(page, '/target').fill('1.500.000,5 kr.');
    await expectValue(page, '[data-result="/target/gap"]', '750000.5');
    assert.deepEqual(pageErrors, []);
  } finally {
    await close();
  }
});

test('nl-NL: a percentage keeps its %, a rate typed the English way with one point is still read', async () => {
  const { page, close } = await openPage(env.browser, `${env.server.url}embed.html?locale=nl-NL`);
  try {
    await ready(page);
    await input(page, '/funnel/stages/0/rate').fill('5 %');
    await expectValue(page, '[data-result="/funnel/stages/0/count"]', '600');
    await input(page, '/funnel/stages/0/rate').fill('2.5');
    await expectValue(page, '[data-result="/funnel/stages/0/count"]', '300');
    assert.match(await refused(page, '/funnel/stages/0/rate', '2,5 €'), /Typ alleen het getal/);
    assert.equal(await value(page, '[data-result="/funnel/stages/0/count"]'), '300');
  } finally {
    await close();
  }
});

test('fr-FR: "1.000" could be 1 or 1 000 and is refused with both; "1 000,5" is read', async () => {
  const { page, close } = await openPage(env.browser, `${env.server.url}embed.html?locale=fr-FR`);
  try {
    await ready(page);
    const message = await refused(page, '/funnel/top', '1.000');
    assert.match(message, /\b1\b.*\b1\s000\b/);
    assert.equal(await value(page, '[data-result="/funnel/stages/0/count"]'), '300');
    await input(page, '/funnel/top').fill('1 000,5');
    // 1000.5 × 0.025
    await expectValue(page, '[data-result="/funnel/stages/0/count"]', '25.0125');
  } finally {
    await close();
  }
});
