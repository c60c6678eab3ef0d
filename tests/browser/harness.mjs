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
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { chromiumPath } from '../../scripts/setup.mjs';
import { startServer as startStaticServer } from '../../scripts/serve.mjs';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const WWW = join(ROOT, 'www');
/** The committed screenshots (the README shows one); rewritten only when asked to. */
export const COMMITTED_SCREENSHOTS = join(ROOT, 'tests', 'screenshots');
/**
 * UPDATE_SCREENSHOTS=1 (which `node scripts/test.mjs --update-screenshots` sets), or
 * `--update-screenshots` after a test file run on its own (`node tests/browser/x.test.mjs
 * --update-screenshots`), writes tests/screenshots; any other run writes to a temporary folder,
 * so a test run leaves the committed images alone.
 */
export const UPDATE_SCREENSHOTS = process.argv.includes('--update-screenshots') || process.env.UPDATE_SCREENSHOTS === '1';
export const SCREENSHOTS = UPDATE_SCREENSHOTS ? COMMITTED_SCREENSHOTS : join(tmpdir(), 'sales-kpi-screenshots');

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
  await context.addInitScript(countPendingTimers);
  const page = await context.newPage();
  const inFlight = new Set();
  inFlightRequests.set(page, inFlight);
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
  page.on('request', (req) => {
    requests.push(req.url());
    inFlight.add(req);
  });
  page.on('requestfinished', (req) => inFlight.delete(req));
  page.on('requestfailed', (req) => {
    inFlight.delete(req);
    failedRequests.push({ url: req.url(), failure: req.failure()?.errorText ?? 'failed' });
  });
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

/** The requests of each page opened by openPage that have not finished or failed yet. */
const inFlightRequests = new WeakMap();

/**
 * An init script: `window.__pendingTimers` counts the timeouts set and not yet run or cleared.
 * The widget defers its work with timeouts (the simulation, the announcement, the URL), so none
 * pending means that work has run. A timeout over 5 s (a blob URL revoked later) is no such work.
 */
function countPendingTimers() {
  const pending = new Set();
  const { setTimeout: set, clearTimeout: clear } = window;
  window.setTimeout = function (handler, delay, ...args) {
    const id = set.call(window, (...a) => {
      pending.delete(id);
      if (typeof handler === 'function') handler(...a);
    }, delay, ...args);
    if (!(Number(delay) > 5000)) pending.add(id);
    return id;
  };
  window.clearTimeout = function (id) {
    pending.delete(id);
    return clear.call(window, id);
  };
  Object.defineProperty(window, '__pendingTimers', { get: () => pending.size });
}

/** Resolves after the next frame has been painted (two animation frames: the next one has begun). */
export async function nextFrame(page) {
  try {
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve()))));
  } catch (error) {
    // A navigation replaced the document while it waited: the new document's load is the event.
    if (page.isClosed() || !/context was destroyed|navigat/i.test(error.message)) throw error;
    await page.waitForLoadState('domcontentloaded');
  }
}

/**
 * Checks `check()` once a frame until it returns something truthy, and returns that. Throws
 * `message` (a string or a function of the last value) after `timeout` ms.
 * @template T
 * @param {import('playwright-core').Page} page
 * @param {() => T | Promise<T>} check
 */
export async function waitUntil(page, check, { timeout = 10_000, message = 'the condition' } = {}) {
  const deadline = Date.now() + timeout;
  let got;
  for (;;) {
    got = await check();
    if (got) return got;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${typeof message === 'function' ? message(got) : message}`);
    await nextFrame(page);
  }
}

/** Waits until the value of the field at `selector` (an input or textarea) is accepted; returns it. */
export function waitForValue(page, selector, accept, { timeout, message = `${selector} to hold the expected value` } = {}) {
  return waitUntil(
    page,
    async () => {
      const value = await page.locator(selector).first().inputValue();
      return accept(value) && value;
    },
    { timeout, message },
  );
}

/**
 * Waits until the page (opened by openPage) is idle: no timeout pending in any of its frames and no request in
 * flight (except those whose URL `ignore` matches, e.g. a .wasm the test holds back), on two
 * frames in a row, so work started by the last timeout or response has had its frame too.
 */
export async function waitForIdle(page, { ignore = /^(blob|data):/, timeout = 15_000 } = {}) {
  const inFlight = inFlightRequests.get(page);
  if (!inFlight) throw new Error('waitForIdle needs a page opened by openPage');
  // A frame that is gone or not yet scripted has nothing pending.
  const pending = (frame) => frame.evaluate(() => window.__pendingTimers ?? 0).catch(() => 0);
  const idle = async () => [...inFlight].every((req) => ignore.test(req.url())) && (await Promise.all(page.frames().map(pending))).every((n) => n === 0);
  let quietFrames = 0;
  await waitUntil(page, async () => (quietFrames = (await idle()) ? quietFrames + 1 : 0) >= 2, {
    timeout,
    message: () => `the page to be idle (in flight: ${[...inFlight].map((req) => req.url()).join(', ') || 'nothing'})`,
  });
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
    await nextFrame(page);
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

/** Saves a screenshot to <SCREENSHOTS>/<name>.png (tests/screenshots only when updating) and returns its path. */
export async function screenshot(page, name, options = {}) {
  await mkdir(SCREENSHOTS, { recursive: true });
  const path = join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path, ...options });
  return path;
}
