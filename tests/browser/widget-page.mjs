// Reading and typing into a <sales-kpi-calculator> on a page, shared by the widget's browser tests.
// The selectors are the widget's test hooks: data-field on inputs, data-result / data-value on
// results (exact engine decimals), aria-invalid and aria-describedby on a refused field.
import assert from 'node:assert/strict';
import { waitUntil } from './harness.mjs';

export const W = 'sales-kpi-calculator';

/** The input of the model field at `pointer`. */
export const input = (page, pointer) => page.locator(`${W} input[data-field="${pointer}"]`).first();

/** The exact decimal a result shows (its data-value), or null. */
export const value = (page, selector) => page.locator(`${W} ${selector}`).first().getAttribute('data-value');

/**
 * Opens the "More" row of every calculator (matching `host`) laid out as an article (the default
 * of an embed), so its panels are on screen, and waits until their results are computed.
 */
export async function openMore(page, host = W) {
  const closed = page.locator(`${host} details.more:not([open]) > summary`);
  const count = await closed.count();
  // A calculator made anew meanwhile (a late attribute, the builder's preview) keeps its "More"
  // open or closed as it was: the closed ones are counted again after each click.
  for (let i = 0; i < count + 2 && (await closed.count()); i++) await closed.first().click({ timeout: 5000 }).catch(() => {});
  assert.equal(await closed.count(), 0, 'every "More" row is open');
  if (count) await page.locator(`${host} details.more[open] [data-section="pResults"] [data-result="/funnel/revenue"][data-value]`).first().waitFor();
}

/**
 * Resolves once the calculator shows its first computed revenue, with every panel on screen:
 * an article's "More" row is opened (openMore).
 */
export async function ready(page) {
  await page.locator(`${W} [data-result="/funnel/revenue"][data-value]`).first().waitFor();
  await openMore(page);
}

/**
 * Waits until the results of the last key press are on the page: they follow it in the next
 * frame (www/widget/field-input.js), so two animation frames after it they have been shown.
 */
export const resultsFrame = (page) => page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));

/**
 * Waits up to 5 s for the result at `selector` to hold the exact decimal `want` (or a value that
 * `want`, a predicate, accepts), and returns it.
 */
export async function expectValue(page, selector, want) {
  // A value already there may be the last key press's old one: its results come a frame later.
  await resultsFrame(page);
  const accepts = typeof want === 'function' ? want : (got) => got === want;
  let got;
  const accepted = await waitUntil(page, async () => accepts((got = await value(page, selector))), { timeout: 5000 }).then(
    () => true,
    () => false,
  );
  if (accepted) return got;
  if (typeof want === 'function') assert.fail(`${selector}: got ${got}, which the test does not accept`);
  assert.equal(got, want, selector);
  return got;
}

/**
 * Waits until the input at `pointer` is marked invalid and returns the text of its own message
 * (the first id in its aria-describedby). `hook` is the attribute that names the input.
 */
export async function fieldProblem(page, pointer, hook = 'data-field') {
  await resultsFrame(page);
  const field = page.locator(`${W} input[${hook}="${pointer}"]`).first();
  await page.locator(`${W} input[${hook}="${pointer}"][aria-invalid="true"]`).first().waitFor({ timeout: 5000 });
  const message = page.locator(`${W} [id="${(await field.getAttribute('aria-describedby')).split(' ')[0]}"]`);
  return waitUntil(page, () => message.textContent(), { timeout: 5000, message: `the message of ${pointer}` });
}

/**
 * The state a share link carries (`#skc=`, base64url JSON), decoded; null before one is written.
 * @param {import('playwright-core').Page} page
 */
export const linkedState = (page) =>
  page.evaluate(() => (/skc=/.test(location.hash) ? JSON.parse(atob(location.hash.split('skc=')[1].replace(/-/g, '+').replace(/_/g, '/'))) : null));
