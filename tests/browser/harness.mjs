// Shared helpers for the browser tests (tests/browser/*.test.mjs).
//
//   import { startServer, launchBrowser, openPage, runAxe } from './harness.mjs';
//   const server = await startServer();              // serves www/ on an ephemeral port
//   const browser = await launchBrowser();           // Debian chromium through playwright-core
//   const { page, consoleErrors, pageErrors, requests, failedRequests } = await openPage(browser, server.url + 'index.html');
//   ...
//   await browser.close(); await server.close();
//
// Or, for a test file:  const env = useBrowser(test);  // before/after hooks; env.server, env.browser
//
// Chromium: $CHROMIUM_PATH, else `chromium` / `chromium-browser` / `google-chrome` on PATH
// (`node scripts/setup.mjs --test` installs Debian's chromium).
import { readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { chromiumPath } from '../../scripts/setup.mjs';
import { startServer as startStaticServer } from '../../scripts/serve.mjs';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const WWW = join(ROOT, 'www');
export const SCREENSHOTS = join(ROOT, 'tests', 'screenshots');

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** Serves www/ (or `root`) on 127.0.0.1 with an ephemeral port. Resolves to { url, port, close }. */
export function startServer({ root = WWW, port = 0 } = {}) {
  return startStaticServer({ root, port, quiet: true });
}

/** Launches headless Chromium (fresh temporary profile). Extra launch options are merged in. */
export async function launchBrowser(options = {}) {
  const executablePath = chromiumPath();
  if (!executablePath) {
    throw new Error('Chromium not found: run `node scripts/setup.mjs --test` (apt-get install chromium) or set CHROMIUM_PATH');
  }
  return chromium.launch({
    executablePath,
    headless: true,
    ...options,
    args: [...CHROMIUM_ARGS, ...(options.args ?? [])],
  });
}

/**
 * Opens `url` in a new context and page and records what happens:
 * - consoleErrors: text of console errors, except the browser's implicit /favicon.ico 404
 *                  (consoleMessages holds every message as { type, text, url })
 * - pageErrors:    uncaught exceptions (message strings)
 * - requests:      every requested URL
 * - failedRequests: { url, failure } for requests that failed, plus HTTP >= 400 responses
 * `contextOptions` go to browser.newContext (viewport, colorScheme, locale, reducedMotion, ...).
 * `waitUntil` defaults to 'load'.
 */
export async function openPage(browser, url, { contextOptions = {}, waitUntil = 'load', beforeNavigate } = {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, ...contextOptions });
  const page = await context.newPage();
  const consoleErrors = [];
  const consoleMessages = [];
  const pageErrors = [];
  const requests = [];
  const failedRequests = [];
  page.on('console', (msg) => {
    const where = msg.location()?.url ?? '';
    consoleMessages.push({ type: msg.type(), text: msg.text(), url: where });
    // The browser's own /favicon.ico probe is not the page's doing; everything else counts.
    if (msg.type() === 'error' && !where.endsWith('/favicon.ico')) consoleErrors.push(msg.text());
  });
  page.on('pageerror', (err) => pageErrors.push(err.message));
  page.on('request', (req) => requests.push(req.url()));
  page.on('requestfailed', (req) => failedRequests.push({ url: req.url(), failure: req.failure()?.errorText ?? 'failed' }));
  page.on('response', (res) => {
    if (res.status() >= 400) failedRequests.push({ url: res.url(), failure: `HTTP ${res.status()}` });
  });
  if (beforeNavigate) await beforeNavigate(page, context);
  const response = url ? await page.goto(url, { waitUntil }) : null;
  return {
    page,
    context,
    response,
    consoleErrors,
    consoleMessages,
    pageErrors,
    requests,
    failedRequests,
    close: () => context.close(),
  };
}

/** Registers before/after hooks on node:test that start a server and a browser for the whole file. */
export function useBrowser({ before, after }, { root } = {}) {
  const env = { server: null, browser: null };
  before(async () => {
    env.server = await startServer({ root });
    env.browser = await launchBrowser();
  });
  after(async () => {
    await env.browser?.close();
    await env.server?.close();
  });
  return env;
}

/** Text content (trimmed) of the first element matching `selector` (pierces open shadow roots). */
export async function textOf(page, selector) {
  return ((await page.locator(selector).first().textContent()) ?? '').trim();
}

/**
 * Waits until the text of `selector` satisfies `accept` (default: non-empty) and differs from
 * `previous` (when given); returns the text.
 */
export async function waitForTextChange(page, selector, previous, { timeout = 10_000, accept = (t) => t !== '' } = {}) {
  const deadline = Date.now() + timeout;
  let text = '';
  while (Date.now() < deadline) {
    text = await page
      .locator(selector)
      .first()
      .textContent({ timeout: 1000 })
      .then((t) => (t ?? '').trim())
      .catch(() => '');
    if (accept(text) && text !== previous) return text;
    await page.waitForTimeout(50);
  }
  throw new Error(`timed out waiting for ${selector} to show a value${previous === undefined ? '' : ` other than "${previous}"`} (last: "${text}")`);
}

/** Waits until `selector` shows text containing a digit (a computed number, not a placeholder). */
export function waitForNumber(page, selector, previous, options = {}) {
  return waitForTextChange(page, selector, previous, { accept: (t) => /\d/.test(t), ...options });
}

const require = createRequire(import.meta.url);
let axeSource;

/**
 * Runs axe-core in the page (open shadow roots included) and returns its violations.
 * `options` go to axe.run (e.g. { runOnly: ['wcag2a', 'wcag2aa'] }).
 */
export async function runAxe(page, { context, options = { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } } } = {}) {
  axeSource ??= readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.addScriptTag({ content: axeSource });
  const result = await page.evaluate(
    async ([ctx, opts]) => {
      const r = await window.axe.run(ctx ?? document, opts);
      return r.violations.map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        nodes: v.nodes.map((n) => ({ target: n.target, summary: n.failureSummary })),
      }));
    },
    [context ?? null, options],
  );
  return result;
}

/** One-line-per-violation text for assertion messages. */
export function formatViolations(violations) {
  return violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')}`).join('\n');
}

/** Saves a screenshot to tests/screenshots/<name>.png and returns its path. */
export async function screenshot(page, name, options = {}) {
  await mkdir(SCREENSHOTS, { recursive: true });
  const path = join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path, ...options });
  return path;
}
