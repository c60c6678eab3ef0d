// The browser half of the bench: start-up (navigation -> first result painted) and keystroke
// latency (input event -> updated result in the DOM), measured inside headless Chromium pages.
//
// The pages are generated into a temporary copy of www/ (so the widget, the engine and the pages
// come from one origin, served by the test harness's static server, with `Cache-Control: no-cache`)
// and load the embed the way a host page would: one <script type="module"> and the element.
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { launchBrowser, startServer } from '../tests/browser/harness.mjs';
import { embedEntry, ROOT } from './bytes.mjs';
import { stats } from './timing.mjs';

const WWW = join(ROOT, 'www');
const REVENUE = '[data-result="/funnel/revenue"]';
const DEALS = '[data-result="/funnel/deals"]';
const SIM = '[data-sim="p50"]';

// Runs first in the page (a classic inline script, before the module): marks when the widget's
// first revenue figure is in its shadow DOM and when the frame after it has been painted.
const STARTUP_PROBE = `
(() => {
  const b = (window.__skcBench = { marks: {}, done: false, error: null });
  const SEL = ${JSON.stringify(REVENUE)};
  const hit = (root) => { const el = root && root.querySelector(SEL); return !!(el && el.getAttribute('data-value')); };
  const finish = () => {
    b.marks.dom = performance.now();
    // The next frame's rAF runs before its paint; a message posted from it is handled after.
    requestAnimationFrame((ts) => {
      b.marks.raf = performance.now();
      const ch = new MessageChannel();
      ch.port1.onmessage = () => { b.marks.painted = performance.now(); b.done = true; };
      ch.port2.postMessage(0);
    });
  };
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) if (e.name === 'first-contentful-paint') b.marks.fcp = e.startTime;
    }).observe({ type: 'paint', buffered: true });
  } catch {}
  customElements.whenDefined('sales-kpi-calculator').then(() => {
    b.marks.defined = performance.now();
    const host = document.querySelector('sales-kpi-calculator');
    const root = host.shadowRoot;
    if (!root) {
      // No open shadow root: poll once per frame instead.
      const poll = () => (hit(host) ? finish() : requestAnimationFrame(poll));
      return poll();
    }
    if (hit(root)) return finish();
    const mo = new MutationObserver(() => { if (hit(root)) { mo.disconnect(); finish(); } });
    mo.observe(root, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-value'] });
  }, (e) => { b.error = String(e); });
})();`;

// Keystroke page: remembers when each timer callback starts, so the work of a debounced
// simulation can be told apart from the debounce itself. Pass-through otherwise.
const TIMER_PROBE = `
(() => {
  const st = window.setTimeout;
  window.__skcTimerStart = 0;
  window.setTimeout = function (fn, ms, ...args) {
    if (typeof fn !== 'function') return st.call(this, fn, ms, ...args);
    return st.call(this, function () { window.__skcTimerStart = performance.now(); return fn.apply(this, arguments); }, ms, ...args);
  };
})();`;

function page({ title, head = '', attrs = '', script }) {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
${head}
<script type="module" src="${script}"></script>
</head>
<body>
<sales-kpi-calculator ${attrs}></sales-kpi-calculator>
</body>
</html>
`;
}

/** The widget state for the URL fragment (#skc=…): the model, a what-if, and uncertainty ranges. */
export function stateHash({ model, whatif = {}, ranges = {}, preset = 'inbound', currency = 'USD' }) {
  const json = JSON.stringify({ v: 1, p: preset, c: currency, m: model, w: whatif, r: ranges });
  return `#skc=${Buffer.from(json, 'utf8').toString('base64url')}`;
}

/** Copies www/ to a temp dir, writes the bench pages, serves it. Resolves to { url, close, source, script }. */
export async function stagePages() {
  const dir = mkdtempSync(join(tmpdir(), 'skc-bench-'));
  cpSync(WWW, dir, { recursive: true, filter: (src) => !relative(WWW, src).split(sep).includes('pkg-test') });
  const { source, entry } = embedEntry();
  const script = `/${relative(WWW, entry).split(sep).join('/')}`;
  writeFileSync(
    join(dir, 'bench-startup.html'),
    page({ title: 'bench: start-up', head: `<script>${STARTUP_PROBE}</script>`, attrs: 'locale="en-US"', script }),
  );
  writeFileSync(
    join(dir, 'bench-keys.html'),
    // Every panel drawn: the article layout (the default) keeps them behind a closed "More".
    page({ title: 'bench: keystrokes', head: `<script>${TIMER_PROBE}</script>`, attrs: 'locale="en-US" sections="all" layout="dashboard"', script }),
  );
  const server = await startServer({ root: dir });
  return {
    url: server.url,
    source,
    script,
    close: async () => {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Start-up: `loads` navigations, each in a new browser context (empty cache), after one
 * unrecorded warm-up load. Times are from navigation start (performance.now() in the page).
 */
export async function measureStartup(browser, baseUrl, { loads = 20, timeout = 20_000 } = {}) {
  const runs = [];
  const errors = [];
  for (let i = -1; i < loads; i++) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    page.on('pageerror', (e) => errors.push(e.message));
    try {
      await page.goto(`${baseUrl}bench-startup.html`, { waitUntil: 'load' });
      await page.waitForFunction(() => window.__skcBench?.done || window.__skcBench?.error, null, { timeout });
      const r = await page.evaluate(() => {
        const nav = performance.getEntriesByType('navigation')[0];
        const res = performance.getEntriesByType('resource');
        const wasm = res.find((e) => e.name.endsWith('.wasm'));
        return {
          ...window.__skcBench.marks,
          error: window.__skcBench.error,
          htmlDone: nav?.responseEnd,
          domContentLoaded: nav?.domContentLoadedEventEnd,
          wasmFetched: wasm?.responseEnd,
          requests: res.length + 1,
        };
      });
      if (r.error) errors.push(r.error);
      if (i >= 0) runs.push(r);
    } catch (e) {
      errors.push(`load ${i + 1}: ${e.message.split('\n')[0]}`);
    } finally {
      await context.close();
    }
  }
  const pick = (k) => runs.map((r) => r[k]).filter(Number.isFinite);
  return {
    loads: runs.length,
    warmupLoads: 1,
    painted: stats(pick('painted')),
    dom: stats(pick('dom')),
    defined: stats(pick('defined')),
    fcp: stats(pick('fcp')),
    wasmFetched: stats(pick('wasmFetched')),
    requests: runs[0]?.requests,
    runs,
    errors,
  };
}

/**
 * Keystroke latency with every panel on (sections="all", the dashboard layout) and uncertainty ranges set, so each
 * keystroke also reruns the widget's 10,000-sample simulation (debounced). In the page, for each
 * of `keys` keystrokes on the deal size: set the value, dispatch `input`, and await with a
 * MutationObserver (1) the revenue figure showing the new exact value, then (2) the simulation
 * result being rewritten. Reported:
 *   sync:  input event -> revenue updated (compute, what-if, goal seek, sensitivity, DOM update);
 *          since issue #12 the results follow a key press in the next frame, so this includes
 *          waiting for it (up to two frames), not only work
 *   sim:   the simulation task alone (start of the timer callback -> simulation result in the DOM)
 *   total: sync + sim, the main-thread work one keystroke costs
 *   shown: input event -> simulation result in the DOM, including the debounce wait
 */
export async function measureKeystrokes(browser, baseUrl, { keys = 200, model, ranges, whatif } = {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  try {
    await page.goto(`${baseUrl}bench-keys.html${stateHash({ model, ranges, whatif })}`, { waitUntil: 'load' });
    await page.locator(`sales-kpi-calculator ${REVENUE}[data-value]`).first().waitFor({ timeout: 20_000 });
    const r = await page.evaluate(
      async ({ keys, REVENUE, DEALS, SIM }) => {
        const root = document.querySelector('sales-kpi-calculator').shadowRoot;
        const q = (s) => root.querySelector(s);
        const input = q('input[data-field="/funnel/dealSize"]');
        if (!input) return { error: 'no input[data-field="/funnel/dealSize"] in the shadow root' };
        const panels = root.querySelectorAll('section, .panel').length;
        let waiter = null;
        const mo = new MutationObserver((records) => {
          const t = performance.now();
          if (waiter && waiter.test(records)) {
            const w = waiter;
            waiter = null;
            w.resolve(t);
          }
        });
        mo.observe(root, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-value'] });
        const until = (test, ms) =>
          new Promise((resolve) => {
            const timer = setTimeout(() => {
              waiter = null;
              resolve(null);
            }, ms);
            waiter = { test, resolve: (t) => (clearTimeout(timer), resolve(t)) };
          });
        const simTouched = (records) => records.some((r) => r.target.matches?.(SIM));
        // The first simulation runs a moment after the first result.
        const simAtStart = !!q(SIM)?.getAttribute('data-value') || (await until(simTouched, 3000)) !== null;
        const simValue = q(SIM)?.getAttribute('data-value') ?? '';
        const deals = q(DEALS)?.getAttribute('data-value');
        const sync = [];
        const sim = [];
        const shown = [];
        const wrong = [];
        let simRuns = simAtStart && simValue !== '';
        for (let i = 0; i < keys; i++) {
          const v = String(12000 + 7 * (i + 1));
          const want = deals && /^\d+$/.test(deals) ? String(BigInt(deals) * BigInt(v)) : null;
          input.value = v;
          const t0 = performance.now();
          const got = until(() => {
            const now = q(REVENUE)?.getAttribute('data-value');
            return want ? now === want : true;
          }, 5000);
          input.dispatchEvent(new Event('input', { bubbles: true }));
          const t1 = await got;
          if (t1 === null) {
            wrong.push({ i, v, want, got: q(REVENUE)?.getAttribute('data-value') });
            continue;
          }
          sync.push(t1 - t0);
          if (simRuns) {
            const t2 = await until(simTouched, 5000);
            if (t2 === null) simRuns = false;
            else {
              sim.push(t2 - window.__skcTimerStart);
              shown.push(t2 - t0);
            }
          }
        }
        mo.disconnect();
        return { panels, simAtStart, simValue, deals, sync, sim, shown, wrong };
      },
      { keys, REVENUE, DEALS, SIM },
    );
    if (r.error) return { error: r.error, errors };
    const total = r.sim.length === r.sync.length ? r.sync.map((s, i) => s + r.sim[i]) : [];
    return {
      keys,
      measured: r.sync.length,
      panels: r.panels,
      simulationRan: r.sim.length > 0,
      simulationP50AtStart: r.simValue,
      sync: stats(r.sync),
      sim: r.sim.length ? stats(r.sim) : null,
      total: total.length ? stats(total) : null,
      shown: r.shown.length ? stats(r.shown) : null,
      wrong: r.wrong.slice(0, 5),
      errors,
    };
  } finally {
    await context.close();
  }
}

export { launchBrowser };
