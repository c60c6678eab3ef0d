// The page's one engine loader (www/widget/engine.js), in the unbundled widget (what `npm start`
// serves) and in the bundle (www/dist): `wasm-url` moves both engines, development loads the same
// engine builds as the bundle, the page upgrades from the small engine to the full one once and
// never back, the Plan panel is drawn with the full engine already answering, and an engine that
// cannot load is said, not replaced by numbers.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { nextFrame, openPage, useBrowser, waitUntil, WWW } from './harness.mjs';

const env = useBrowser({ before, after });
const W = 'sales-kpi-calculator';
const PLAN = `${W} section[data-section=pPlan]`;
const REVENUE = `${W} [data-result="/funnel/revenue"][data-value]`;
// The unbundled widget and the bundle, each with where its two engines' .wasm files are.
const BUILDS = {
  dev: { entry: 'widget/sales-kpi-calculator.js', small: '/pkg-embed/sales_kpi_bg.wasm', full: '/pkg-full/sales_kpi_bg.wasm' },
  dist: { entry: 'dist/widget/sales-kpi-calculator.js', small: '/dist/pkg/sales_kpi_bg.wasm', full: '/dist/pkg-full/sales_kpi_bg.wasm' },
};

before(() => {
  for (const file of ['pkg-embed/sales_kpi_bg.wasm', 'pkg-full/sales_kpi_bg.wasm', 'dist/widget/sales-kpi-calculator.js']) {
    if (!existsSync(join(WWW, file))) throw new Error(`www/${file} is missing: npm run build`);
  }
});
/** A share link (#skc=…) to the leads preset, whose sections include the Plan panel, as a calculator writes it. */
async function planLink() {
  const { page, close } = await openPage(env.browser, null);
  try {
    await serve(page, 'loader-link.html', host(BUILDS.dev.entry, `<${W} preset="leads" layout="dashboard" url-state></${W}>`));
    return await waitUntil(page, () => page.evaluate(() => location.hash.includes('skc=') && location.hash), { message: 'the link' });
  } finally {
    await close();
  }
}

const host = (entry, body) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Host</title>
<script type="module" src="${entry}"></script></head><body><main>${body}</main></body></html>`;

async function serve(page, name, body) {
  await page.route(`${env.server.url}${name}`, (route) => route.fulfill({ contentType: 'text/html', body }));
  await page.goto(`${env.server.url}${name}`);
}

const sha256 = (path) => createHash('sha256').update(readFileSync(join(WWW, path))).digest('hex');

/**
 * Opens a page with one calculator (default sections), then shows the Plan panel on it: by its
 * `sections` attribute, or by a share link to a preset that shows it. Resolves to the .wasm paths
 * requested, in order, and whether the plan already had its numbers when its panel was first drawn.
 */
async function upgradeToPlan(build, { attributes = '', byLink = false, beforeNavigate = async () => {} } = {}) {
  const link = byLink && (await planLink());
  const { page, requests, pageErrors, close } = await openPage(env.browser, null);
  try {
    await beforeNavigate(page);
    await serve(page, `loader-${build}.html`, host(BUILDS[build].entry, `<${W} id="w" preset="inbound" layout="dashboard"${attributes}></${W}>`));
    await page.locator(REVENUE).waitFor();
    const before = requests.filter((url) => url.includes('.wasm')).map((url) => new URL(url).pathname);
    // Whether the plan's sentence had a number in the frame in which its panel first appeared
    // (the full engine answering before the render, not loaded by it).
    const drawnWithNumbers = page.evaluate(
      () =>
        new Promise((resolve) => {
          const root = document.getElementById('w').shadowRoot;
          new MutationObserver((_, observer) => {
            const sentence = root.querySelector('section[data-section=pPlan] .sentence');
            if (!sentence) return;
            observer.disconnect();
            resolve(/\d/.test(sentence.textContent));
          }).observe(root, { childList: true, subtree: true });
        }),
    );
    if (link) await page.evaluate((hash) => (location.hash = hash), link);
    else await page.evaluate(() => document.getElementById('w').setAttribute('sections', 'funnel target plan'));
    await page.locator(`${PLAN} .sentence`).filter({ hasText: /\d/ }).waitFor();
    const wasm = requests.filter((url) => url.includes('.wasm')).map((url) => new URL(url).pathname);
    assert.deepEqual(pageErrors, []);
    return { before, wasm, requests, drawnWithNumbers: await drawnWithNumbers };
  } finally {
    await close();
  }
}

/**
 * Holds the full engine's .wasm until the Plan panel's module and text have loaded and a frame
 * has been painted since: a widget that drew the panel without waiting for its engine has drawn it.
 */
function holdFullEngine(page) {
  const panelLoaded = new Promise((resolve) => page.on('requestfinished', (request) => /\/plan-text-en(-\w+)?\.js$/.test(request.url()) && resolve()));
  return page.route('**/pkg-full/sales_kpi_bg.wasm', async (route) => {
    await panelLoaded;
    await nextFrame(page);
    await route.continue();
  });
}

for (const build of Object.keys(BUILDS)) {
  for (const byLink of [false, true]) {
    test(`${build}: the small engine first, the full one once when ${byLink ? 'a link' : 'the sections attribute'} brings the Plan panel, drawn with its numbers`, async () => {
      const { before, wasm, drawnWithNumbers } = await upgradeToPlan(build, { byLink, beforeNavigate: holdFullEngine });
      assert.deepEqual(before, [BUILDS[build].small]);
      assert.deepEqual(wasm, [BUILDS[build].small, BUILDS[build].full]);
      assert.equal(drawnWithNumbers, true, 'the Plan panel was drawn before the full engine answered');
    });
  }
}

test('development and the bundle load the same two engines, byte for byte', async () => {
  const loaded = {};
  for (const build of Object.keys(BUILDS)) loaded[build] = (await upgradeToPlan(build)).wasm.map(sha256);
  assert.equal(loaded.dev.length, 2);
  assert.deepEqual(loaded.dev, loaded.dist);
  assert.notEqual(loaded.dev[0], sha256('/pkg/sales_kpi_bg.wasm'), 'not the npm package\'s engine');
});

for (const build of Object.keys(BUILDS)) {
  test(`${build}: wasm-url moves both engines: each .wasm comes from the copy, none from beside the module`, async () => {
    const copy = `${env.server.url}elsewhere/engines/`;
    const { requests, wasm } = await upgradeToPlan(build, {
      attributes: ` wasm-url="/elsewhere/engines/pkg/sales_kpi_bg.wasm"`,
      // A copy of each engine served under another path.
      beforeNavigate: (page) =>
        page.route(`${copy}**`, (route) => {
          const engine = new URL(route.request().url()).pathname.includes('/pkg-full/') ? 'pkg-full' : 'pkg-embed';
          return route.fulfill({ path: join(WWW, engine, 'sales_kpi_bg.wasm'), contentType: 'application/wasm' });
        }),
    });
    assert.deepEqual(wasm, ['/elsewhere/engines/pkg/sales_kpi_bg.wasm', '/elsewhere/engines/pkg-full/sales_kpi_bg.wasm']);
    assert.deepEqual(
      requests.filter((url) => [BUILDS[build].small, BUILDS[build].full].includes(new URL(url).pathname)),
      [],
      'nothing from the default place',
    );
  });
}

test('after the upgrade the page keeps the full engine: a panel hidden and shown again, and a new calculator, fetch nothing', async () => {
  const { page, requests, pageErrors, close } = await openPage(env.browser, null);
  try {
    await serve(page, 'loader-once.html', host(BUILDS.dev.entry, `<${W} id="w" preset="inbound" layout="dashboard"></${W}>`));
    await page.locator(REVENUE).waitFor();
    const wasm = () => requests.filter((url) => url.includes('.wasm')).map((url) => new URL(url).pathname);
    const setSections = (sections) => page.evaluate((value) => document.getElementById('w').setAttribute('sections', value), sections);
    await setSections('funnel target plan');
    await page.locator(`${PLAN} .sentence`).filter({ hasText: /\d/ }).waitFor();
    await setSections('funnel target whatif goal');
    await page.locator(PLAN).waitFor({ state: 'detached' });
    await page.evaluate((tag) => document.querySelector('main').append(Object.assign(document.createElement(tag), { id: 'second' })), W);
    await page.locator(`#second [data-result="/funnel/revenue"][data-value]`).waitFor();
    await setSections('funnel target plan');
    await page.locator(`${PLAN} .sentence`).filter({ hasText: /\d/ }).waitFor();
    assert.deepEqual(wasm(), [BUILDS.dev.small, BUILDS.dev.full], 'upgraded once, never back to the small engine');
    assert.deepEqual(pageErrors, []);
  } finally {
    await close();
  }
});

test('the full engine failing to load is said with the start-up message, and no number stays on screen', async () => {
  const { page, close } = await openPage(env.browser, null);
  try {
    const full = `${env.server.url}pkg-full/sales_kpi_bg.wasm`;
    await page.route(full, (route) => route.fulfill({ status: 404, body: 'not here' }));
    await serve(page, 'loader-fails.html', host(BUILDS.dev.entry, `<${W} id="w" preset="inbound" layout="dashboard"></${W}>`));
    await page.locator(REVENUE).waitFor();
    await page.evaluate(() => document.getElementById('w').setAttribute('sections', 'funnel target plan'));
    const fatal = page.locator(`${W} .fatal`);
    await fatal.waitFor();
    assert.equal(await fatal.textContent(), `The calculator could not start: ${full} did not load. The server answered 404: the file is not at that address.`);
    assert.equal(await fatal.getAttribute('role'), 'alert');
    assert.equal(await page.locator(`${W} [data-result]`).count(), 0, 'no result left on screen');
  } finally {
    await close();
  }
});
