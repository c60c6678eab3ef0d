// The WordPress plugin and oEmbed in a real WordPress (Debian's 6.1 package, Apache, MariaDB), as
// a reader and an Author experience them, in the post and in the block editor. scripts/wordpress.sh
// sets WordPress up (idempotent); the plugin is installed from www/dist/sales-kpi-wordpress.zip
// through the Upload Plugin form and activated there; the Author's posts go through kses as the
// editor's save does. The directory's rules are checked on the plugin's source (phpcs, the
// plugin's own token checker, a readme.txt reader). At the end the services that the set-up
// started are stopped again (by PID).
// Needs root (apt, services) and ports 127.0.0.1:80 (Apache) and 127.0.0.1:8080 (the static
// site that a pasted link points at).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { startServer } from '../../scripts/serve.mjs';
import { launchBrowser, openPage, ROOT, SCREENSHOTS, waitForIdle, waitUntil, WWW } from '../browser/harness.mjs';
import { layoutShift, recordLayoutShifts } from '../browser/layout-shift.mjs';
import { openMore } from '../browser/widget-page.mjs';
import { CHOICES_FILE, widgetChoices } from '../../scripts/integrations.mjs';
import { SECTIONS } from '../../www/widget/sections.js';
import { defaultSections, PRESETS } from '../../www/widget/state.js';
import { parseReadme } from './wordpress/readme-txt.mjs';

const WORDPRESS = 'http://127.0.0.1';
const STATIC_SITE = 'http://127.0.0.1:8080/dist/';
const FIXTURE = join(ROOT, 'tests', 'integrations', 'wordpress', 'fixture.php');
const ZIP = join(WWW, 'dist', 'sales-kpi-wordpress.zip');
const SLUG = 'sales-kpi-calculator';
const PLUGIN_SOURCE = join(ROOT, 'integrations', 'wordpress', SLUG);
const PLUGIN_URL = `${WORDPRESS}/wp-content/plugins/${SLUG}/`;
const W = 'sales-kpi-calculator';
const VIEWPORT = { width: 1280, height: 800 };
const MAX_CLS = 0.05;
/** How far a reservation may miss the rendered height: Danish text and a theme's fonts move it by a few %. */
const MAX_RESERVE_MISS = 0.05;
const tmp = mkdtempSync(join(tmpdir(), 'sales-kpi-wp-'));

// The fixture runs as the web server's user, from a folder it can read (a CI clone may sit in /root).
chmodSync(tmp, 0o755);
const FIXTURE_COPY = join(tmp, 'fixture.php');
copyFileSync(FIXTURE, FIXTURE_COPY);
const AS_WEB_SERVER = process.getuid?.() === 0 ? ['runuser', '-u', 'www-data', '--'] : ['sudo', '-n', '-u', 'www-data'];

/** Runs the PHP fixture (WordPress loaded from the command line) and returns its JSON answer. */
function wp(...args) {
  const result = spawnSync(AS_WEB_SERVER[0], [...AS_WEB_SERVER.slice(1), 'php', FIXTURE_COPY, ...args], { encoding: 'utf8' });
  assert.equal(result.status, 0, `php fixture.php ${args.join(' ')}: ${result.stderr}`);
  return JSON.parse(result.stdout.trim().split('\n').at(-1));
}

let posts = 0;
/** Publishes a post as `user` ('author' or 'admin'); returns { id, url, stored, filtered }. */
function publish(user, content) {
  posts += 1;
  const file = join(tmp, `post-${posts}.txt`);
  writeFileSync(file, content);
  return wp('post', user, `Test post ${posts} (${user})`, file);
}

const article = (middle) =>
  `<!-- wp:paragraph -->\n<p>Our sales funnel, worked through.</p>\n<!-- /wp:paragraph -->\n\n${middle}\n\n` +
  `<!-- wp:paragraph -->\n<p id="below">The text below the calculator, which must not move.</p>\n<!-- /wp:paragraph -->\n`;
const LEADS_DA = { preset: 'leads', locale: 'da-DK', currency: 'DKK' };

/** A block's comment, its attributes serialised as the block editor does (serializeAttributes). */
function blockComment(name, attributes) {
  const json = JSON.stringify(attributes)
    .replace(/--/g, '\\u002d\\u002d')
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\\"/g, '\\u0022');
  return `<!-- wp:${name} ${json} /-->`;
}

let browser;
let staticSite;
const setupSeconds = { wordpress: 0 };

before(async () => {
  const started = Date.now();
  const setup = spawnSync('bash', [join(ROOT, 'scripts', 'wordpress.sh')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  assert.equal(setup.status, 0, `scripts/wordpress.sh failed:\n${setup.stdout}\n${setup.stderr}`);
  setupSeconds.wordpress = (Date.now() - started) / 1000;
  console.log(`# WordPress set-up: ${setupSeconds.wordpress.toFixed(1)} s`);
  assert.ok(existsSync(ZIP), 'www/dist/sales-kpi-wordpress.zip is missing: run the build');
  wp('theme', 'twentytwentythree');
  const muPlugin = join(tmp, 'test-only-oembed.php');
  copyFileSync(join(ROOT, 'tests', 'integrations', 'wordpress', 'test-only-oembed.php'), muPlugin);
  wp('mu-plugin', muPlugin);
  staticSite = await startServer({ root: WWW, port: 8080 });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await staticSite?.close();
  wp('mu-plugin', 'none');
  wp('theme', 'twentytwentythree');
  wp('locale', 'author', 'none');
  // Issue #23: no server left running that the run started (Apache and MariaDB, by their PIDs).
  const stop = spawnSync('bash', [join(ROOT, 'scripts', 'wordpress.sh'), 'stop'], { encoding: 'utf8' });
  console.log(stop.stdout.trim().replace(/^/gm, '# '));
  assert.equal(stop.status, 0, stop.stderr);
});

/** Opens a page at 1280x800 and records its layout shifts (those without recent input), for CLS. */
function openPost(url, options = {}) {
  return openPage(browser, url, { contextOptions: { viewport: VIEWPORT }, beforeNavigate: (page, context) => recordLayoutShifts(context), ...options });
}

const cls = async (page) => (await layoutShift(page)).total;

/**
 * Waits until nothing is left that could still move the post: the fonts have loaded, and the
 * calculator's late parts (lazy panels, the full engine, the simulation) are in, as no request
 * and no timeout is pending any more, for two frames in a row.
 */
async function settled(page) {
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  await waitForIdle(page, { timeout: 30_000 });
}

const foreign = (requests) => requests.filter((url) => new URL(url).origin !== WORDPRESS);

/** Waits for the calculator's first result, types a new top of the funnel and checks the new revenue. */
async function computesAfterTyping(page) {
  const revenue = page.locator(`${W} [data-result="/funnel/revenue"][data-value]`).first();
  await revenue.waitFor({ timeout: 20_000 });
  assert.equal(await revenue.getAttribute('data-value'), '135000', 'the leads preset: 500 × 0.4 × 0.5 × 0.3 × 4500');
  assert.match(await revenue.textContent(), /135\.000(,00)?\s?kr\./, 'Danish format and DKK');
  await settled(page);
  const shift = await cls(page);
  await page.locator(`${W} input[data-field="/funnel/top"]`).first().fill('1000');
  await page.waitForFunction(
    (sel) => document.querySelector(sel)?.shadowRoot?.querySelector('[data-result="/funnel/revenue"]')?.getAttribute('data-value') === '270000',
    W,
    { timeout: 10_000 },
  );
  return shift;
}

/** The checks every in-page embed must pass: in the post, computes, own origin only, quiet, no shift. */
async function assertInPage(url, form) {
  const { page, consoleErrors, pageErrors, requests, failedRequests, close } = await openPost(url);
  try {
    assert.equal(await page.locator(W).count(), 1, `${form}: the calculator is in the post's own page`);
    assert.equal(await page.locator('iframe').count(), 0, `${form}: no iframe`);
    const shift = await computesAfterTyping(page);
    console.log(`# CLS, ${form}: ${shift.toFixed(4)}`);
    assert.ok(shift <= MAX_CLS, `${form}: CLS ${shift} > ${MAX_CLS}`);
    // A leads calculator shows the Plan panel, so it loads the engine with `plan` (pkg-full/).
    const engines = requests.filter((u) => /\.wasm(\?|$)/.test(u));
    assert.equal(engines.length, 1, `${form}: one engine: ${engines.join(' ')}`);
    assert.match(engines[0], new RegExp(`^${PLUGIN_URL}pkg(-full)?/sales_kpi_bg\\.wasm`), `${form}: the .wasm comes from the plugin's folder`);
    assert.deepEqual(foreign(requests), [], `${form}: no request to another origin`);
    assert.deepEqual(failedRequests, [], `${form}: failed requests`);
    assert.deepEqual(consoleErrors, [], `${form}: console errors`);
    assert.deepEqual(pageErrors, [], `${form}: page errors`);
    return page;
  } finally {
    await close();
  }
}

/** Each user's cookies from their log-in through wp-login.php, for the pages they open later. */
const sessions = new Map();

/**
 * Opens a blank page logged in as `user` (close it when done). The first time, the user logs in
 * through wp-login.php's form; the form's answer sets the cookies, and those are all a log-in is.
 * Where that answer leads, the Dashboard, is a page no test needs and the heaviest in wp-admin:
 * a log-in once waited 120 s for it, most likely for its PHP's requests to wordpress.org (see
 * scripts/wordpress.sh, which now blocks them).
 */
async function logIn(user, password) {
  if (!sessions.has(user)) {
    const { page, context, close } = await openPage(browser, `${WORDPRESS}/wp-login.php`, { contextOptions: { viewport: VIEWPORT } });
    try {
      await page.fill('#user_login', user);
      await page.fill('#user_pass', password);
      const isLogIn = (response) => response.request().method() === 'POST' && new URL(response.url()).pathname === '/wp-login.php';
      const [answer] = await Promise.all([page.waitForResponse(isLogIn, { timeout: 30_000 }), page.click('#wp-submit')]);
      // A wrong password or a cookie problem answers 200 with the form again.
      assert.equal(answer.status(), 302, `${user} logs in: ${answer.status()} from wp-login.php`);
      const state = await context.storageState();
      assert.ok(state.cookies.some((cookie) => cookie.name.startsWith('wordpress_logged_in_')), `${user} logs in: no log-in cookie`);
      sessions.set(user, state);
    } finally {
      await close();
    }
  }
  return openPage(browser, null, { contextOptions: { viewport: VIEWPORT, storageState: sessions.get(user) } });
}

test('the plugin installs from its zip through Plugins → Add New → Upload Plugin, and activates', async () => {
  assert.equal(wp('remove').present, false);
  const { page, close } = await logIn('admin', 'admin-pass');
  try {
    await page.goto(`${WORDPRESS}/wp-admin/plugin-install.php?tab=upload`);
    await page.setInputFiles('#pluginzip', ZIP);
    await Promise.all([page.waitForURL(/update\.php\?action=upload-plugin/), page.click('#install-plugin-submit')]);
    assert.match(await page.locator('#wpbody-content').textContent(), /Plugin installed successfully/);
    await Promise.all([page.waitForURL(/plugins\.php/), page.locator('a', { hasText: 'Activate Plugin' }).click()]);
    assert.match(await page.locator('#wpbody-content').textContent(), /Plugin activated/);
  } finally {
    await close();
  }
  const installed = wp('status');
  assert.equal(installed.active, true);
  assert.equal(installed.version, '0.1.0');
  for (const file of [`${SLUG}.php`, 'readme.txt', 'block.json', 'editor.js', 'page.js', 'reserve.json', 'languages', 'widget', 'pkg', 'pkg-full']) assert.ok(installed.files.includes(file), file);
});

test('an Author’s post goes through kses: a raw <script> is stripped (so the route is real)', () => {
  const saved = publish('author', '<p>before</p><script>window.__raw = 1</script><sales-kpi-calculator preset="leads"></sales-kpi-calculator><iframe src="/"></iframe>');
  assert.equal(saved.filtered, true);
  assert.doesNotMatch(saved.stored, /<script|<sales-kpi-calculator|<iframe/);
});

test('shortcode in an Author’s post: renders in the page, computes, own origin only, CLS', async () => {
  const saved = publish('author', article('[sales_kpi preset="leads" locale="da-DK" currency="DKK"]'));
  assert.match(saved.stored, /\[sales_kpi preset="leads"/);
  await assertInPage(saved.url, 'shortcode, block theme');
  // A classic theme prints styles enqueued during the content in the footer: the inline
  // reservation must hold there too.
  wp('theme', 'twentytwentyone');
  try {
    await assertInPage(saved.url, 'shortcode, classic theme');
  } finally {
    wp('theme', 'twentytwentythree');
  }
});

test('block in an Author’s post: server-rendered, computes, own origin only, CLS', async () => {
  const saved = publish('author', article(blockComment('sales-kpi/calculator', LEADS_DA)));
  assert.match(saved.stored, /wp:sales-kpi\/calculator/);
  await assertInPage(saved.url, 'block, block theme');
});

test('the model travels base64url-encoded (UTF-8) in a shortcode, and what-if by its hyphenated name', async () => {
  const model = { funnel: { top: '800', stages: [{ name: 'møder → deals', rate: '0.25' }], dealSize: '1000' } };
  const encoded = Buffer.from(JSON.stringify(model)).toString('base64url');
  const shortcode = `[sales_kpi model="${encoded}" locale="en-US" currency="USD" what-if="/funnel/dealSize:+10%"`;
  // In an article the step's name labels its conversion rate; with editable-stages it is the
  // text of its own input.
  for (const [form, content] of [
    ['article', `${shortcode}]`],
    ['editable stages', `${shortcode} editable-stages]`],
  ]) {
    const saved = publish('author', content);
    const { page, close } = await openPost(saved.url);
    try {
      const revenue = page.locator(`${W} [data-result="/funnel/revenue"][data-value]`).first();
      await revenue.waitFor({ timeout: 20_000 });
      assert.equal(await revenue.getAttribute('data-value'), '200000', form);
      const rate = page.locator(`${W} input[data-field="/funnel/stages/0/rate"]`).first();
      const name = page.locator(`${W} input[data-field="/funnel/stages/0/name"]`);
      if (form === 'article') {
        assert.equal(await rate.evaluate((input) => input.labels[0]?.textContent), 'Conversion rate to møder → deals', `${form}: UTF-8 survives`);
        assert.equal(await name.count(), 0, `${form}: no name inputs without editable-stages`);
      } else {
        assert.equal(await name.first().inputValue(), 'møder → deals', `${form}: UTF-8 survives`);
      }
      // A hyphenated attribute (what-if) reaches the widget too: its panel is behind "More".
      await openMore(page);
      const scenario = page.locator(`${W} [data-scenario="/funnel/revenue"][data-value]`).first();
      await scenario.waitFor({ timeout: 10_000 });
      assert.equal(await scenario.getAttribute('data-value'), '220000', form);
    } finally {
      await close();
    }
  }
});

test('layout, heading and editable-stages: the shortcode and the block pass them on, readers see them, an invalid one is dropped', async () => {
  // A heading is free text: quotes and markup stay its text.
  const heading = '<i>Vores</i> "salgstragt"';
  const good = [
    `[sales_kpi preset="leads" locale="da-DK" currency="DKK" layout="dashboard" heading='${heading}' editable-stages]`,
    blockComment('sales-kpi/calculator', { ...LEADS_DA, layout: 'dashboard', heading, editableStages: true }),
    // Spelt as some editors change hyphens, and off as written.
    `[sales_kpi preset="leads" locale="da-DK" currency="DKK" editable_stages="false" layout="article"]`,
    // Not a layout, not one line: left out for readers.
    `[sales_kpi preset="leads" locale="da-DK" currency="DKK" layout="grid" editable-stages="maybe"]`,
    blockComment('sales-kpi/calculator', { ...LEADS_DA, layout: 'grid', heading: 'two\nlines' }),
  ];
  const saved = publish('author', article(good.join('\n\n')));
  assert.ok(saved.stored.includes('layout="dashboard"'), 'the shortcode was saved as written');
  const { page, consoleMessages, pageErrors, close } = await openPost(saved.url);
  try {
    await page.locator(`${W} [data-result="/funnel/revenue"][data-value]`).first().waitFor({ timeout: 20_000 });
    const read = () =>
      page.locator(W).evaluateAll((elements) =>
        elements.map((element) => ({
          layout: element.getAttribute('layout'),
          heading: element.getAttribute('heading'),
          editable: element.getAttribute('editable-stages'),
          ignored: element.dataset.salesKpiIgnored ?? '',
        })),
      );
    assert.deepEqual(await read(), [
      { layout: 'dashboard', heading, editable: '', ignored: '' },
      { layout: 'dashboard', heading, editable: '', ignored: '' },
      { layout: 'article', heading: null, editable: null, ignored: '' },
      { layout: null, heading: null, editable: null, ignored: 'layout editable-stages' },
      { layout: null, heading: null, editable: null, ignored: 'layout heading' },
    ]);
    // What readers see: the heading as text, every panel at once (Plan without "More"), each step's name to edit.
    for (const index of [0, 1]) {
      const calculator = page.locator(W).nth(index);
      await calculator.locator('[data-section="pPlan"]').waitFor({ timeout: 30_000 });
      assert.equal(await calculator.locator('.title').textContent(), heading);
      assert.equal(await calculator.locator('details.more').count(), 0, 'a dashboard has no "More" row');
      assert.deepEqual(await calculator.locator('input[data-field$="/name"]').evaluateAll((inputs) => inputs.map((input) => input.value)), ['Møder', 'Tilbud', 'Handler']);
    }
    // The others are articles: no title, no name inputs, the rest behind "More".
    for (const index of [2, 3, 4]) {
      const calculator = page.locator(W).nth(index);
      await calculator.locator('details.more').waitFor({ timeout: 20_000 });
      assert.equal(await calculator.locator('.title').count(), 0);
      assert.equal(await calculator.locator('input[data-field$="/name"]').count(), 0);
    }
    // The heading's markup stayed text: nothing of it became an element.
    assert.equal(await page.evaluate(() => [...document.querySelectorAll('i')].filter((node) => node.textContent === 'Vores').length), 0);
    const warnings = consoleMessages.filter((message) => message.type === 'warning' && /Sales KPI/.test(message.text));
    assert.equal(warnings.length, 1);
    assert.match(warnings[0].text, /layout editable-stages; layout heading/);
    assert.deepEqual(pageErrors, []);
  } finally {
    await close();
  }
});

test('pages without a calculator load nothing of the plugin', async () => {
  const saved = publish('author', article('<!-- wp:paragraph -->\n<p>No calculator here.</p>\n<!-- /wp:paragraph -->'));
  const { requests, close } = await openPost(saved.url);
  await close();
  assert.deepEqual(requests.filter((u) => u.includes(`/plugins/${SLUG}/`)), []);
});

// Quote breakouts without angle brackets (what kses lets an Author keep), and an Administrator's
// "><script> (unfiltered_html), in shortcode and block attributes alike.
const AUTHOR_BREAKOUT = 'leads" onmouseover="window.__pwned=1" autofocus onfocus="window.__pwned=2';
const ADMIN_BREAKOUT = '"><script>window.__pwned=3</script><img src=x onerror="window.__pwned=4">';
const HOSTILE = [
  ['author', 'shortcode', `[sales_kpi preset='${AUTHOR_BREAKOUT}' locale='da-DK" onfocus="window.__pwned=5' currency='DKK"autofocus onfocus="window.__pwned=6']`, 'preset', AUTHOR_BREAKOUT],
  ['author', 'block', blockComment('sales-kpi/calculator', { locale: AUTHOR_BREAKOUT, currency: 'DKK" autofocus onfocus="window.__pwned=7', theme: 'dark" onmouseover="window.__pwned=8' }), 'locale', AUTHOR_BREAKOUT],
  // WordPress's own content filters drop this value before the shortcode runs (null): inert either way.
  ['admin', 'shortcode', `[sales_kpi preset='${ADMIN_BREAKOUT}']`, 'preset', null],
  ['admin', 'block', blockComment('sales-kpi/calculator', { locale: ADMIN_BREAKOUT }), 'locale', ADMIN_BREAKOUT],
];

for (const [user, form, content, attribute, value] of HOSTILE) {
  test(`hostile ${form} attribute from an ${user === 'admin' ? 'Administrator' : 'Author'} stays inert`, async () => {
    const saved = publish(user, article(content));
    const { page, pageErrors, close } = await openPost(saved.url);
    try {
      const element = page.locator(W).first();
      await element.waitFor({ timeout: 10_000 });
      // Not a value the calculator accepts: a reader's page leaves it out, and says which.
      assert.equal(await element.getAttribute(attribute), null);
      if (value !== null) assert.ok((await element.getAttribute('data-sales-kpi-ignored')).split(' ').includes(attribute));
      assert.ok(saved.stored.includes('__pwned'), 'the hostile text was saved');
      await element.hover();
      await element.focus().catch(() => {});
      // A handler on hover or focus runs during the event; an image's error handler when its
      // request ends, and the page is idle once every request has.
      await waitForIdle(page);
      const state = await page.evaluate(() => ({
        pwned: window.__pwned ?? null,
        handlers: [...document.querySelectorAll('*')].flatMap((node) => node.getAttributeNames().filter((name) => /^on/i.test(name)).map((name) => `${node.localName}[${name}]`)),
        scripts: [...document.scripts].filter((script) => script.textContent.includes('__pwned')).length,
        images: document.querySelectorAll('img[src="x"]').length,
      }));
      assert.deepEqual(state, { pwned: null, handlers: [], scripts: 0, images: 0 });
      assert.deepEqual(pageErrors, []);
    } finally {
      await close();
    }
  });
}

test('an editor viewing the post gets the hostile value whole, as one attribute’s text, and inert', async () => {
  const saved = publish('admin', article(blockComment('sales-kpi/calculator', { locale: ADMIN_BREAKOUT, theme: AUTHOR_BREAKOUT })));
  const { page, pageErrors, close } = await logIn('admin', 'admin-pass');
  try {
    await page.goto(saved.url);
    const element = page.locator(W).first();
    await element.waitFor({ timeout: 10_000 });
    assert.equal(await element.getAttribute('locale'), ADMIN_BREAKOUT);
    assert.equal(await element.getAttribute('theme'), AUTHOR_BREAKOUT);
    // The editor is told, in the calculator, what is wrong.
    await page.locator(`${W} .notice p`).first().waitFor({ timeout: 20_000 });
    await element.hover();
    // As above: hover handlers run during the event, an image's error handler when its request ends.
    await waitForIdle(page);
    const state = await page.evaluate(() => ({
      pwned: window.__pwned ?? null,
      handlers: [...document.querySelectorAll('.entry-content *, main *')].flatMap((node) => node.getAttributeNames().filter((name) => /^on/i.test(name)).map((name) => `${node.localName}[${name}]`)),
      images: document.querySelectorAll('img[src="x"]').length,
    }));
    assert.deepEqual(state, { pwned: null, handlers: [], images: 0 });
    assert.deepEqual(pageErrors, []);
  } finally {
    await close();
  }
});

test('the block has its editor script: an Author finds it, sets it in the sidebar and sees a live preview', async () => {
  const { page, context, consoleErrors, close } = await logIn('author', 'author-pass');
  try {
    await page.goto(`${WORDPRESS}/wp-admin/post-new.php`);
    await page.waitForFunction(() => window.wp?.blocks?.getBlockType?.('sales-kpi/calculator'), null, { timeout: 60_000 });
    const type = await page.evaluate(() => window.wp.apiFetch({ path: '/wp/v2/block-types/sales-kpi/calculator' }));
    assert.deepEqual(type.editor_script_handles, ['sales-kpi-calculator-editor-script']);
    assert.deepEqual(Object.keys(type.attributes).filter((a) => a !== 'lock' && a !== 'className' && a !== 'align').sort(), ['currency', 'editableStages', 'heading', 'layout', 'locale', 'model', 'preset', 'sections', 'theme', 'whatIf']);
    // In the inserter, found by its name.
    const found = await page.evaluate(() => window.wp.data.select('core/block-editor').getInserterItems().some((item) => item.name === 'sales-kpi/calculator'));
    assert.equal(found, true, 'the block is in the inserter');
    // Inserted with settings, the preview is the live calculator.
    await page.evaluate(() => {
      const block = window.wp.blocks.createBlock('sales-kpi/calculator', { preset: 'leads', locale: 'da-DK', currency: 'DKK' });
      window.wp.data.dispatch('core/block-editor').insertBlocks(block);
      window.wp.data.dispatch('core/block-editor').selectBlock(block.clientId);
      // The sidebar's state is the user's saved preference: open it, as a click on Settings would.
      window.wp.data.dispatch('core/edit-post').openGeneralSidebar('edit-post/block');
    });
    const revenue = page.locator(`${W} [data-result="/funnel/revenue"][data-value]`).first();
    await revenue.waitFor({ timeout: 30_000 });
    assert.equal(await revenue.getAttribute('data-value'), '135000');
    // The sidebar's Preset control changes the block's attribute and the preview.
    const preset = page.locator('.components-panel__body select').first();
    // Each preset's name fits its select (the funnel is spelt out in the help below it).
    const cut = await preset.evaluate((select) => {
      const style = getComputedStyle(select);
      const room = select.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
      const context = document.createElement('canvas').getContext('2d');
      context.font = style.font;
      return [...select.options].filter((option) => context.measureText(option.text).width > room).map((option) => option.text);
    });
    assert.deepEqual(cut, [], 'preset names cut off in the sidebar');
    // The sidebar offers the widget's presets and panels, in its order (and has a label for each:
    // editor.js reports a missing one as a console error, checked below).
    assert.deepEqual(await preset.locator('option').evaluateAll((options) => options.map((option) => option.value)), PRESETS);
    await page.locator('.sales-kpi-panels > h2 button').click();
    const panels = await page.locator('.sales-kpi-panels .components-checkbox-control').evaluateAll((nodes) => nodes.map((node) => [...node.classList].find((name) => name.startsWith('sales-kpi-panel-'))));
    assert.deepEqual(panels, SECTIONS.map((token) => `sales-kpi-panel-${token}`));
    await preset.selectOption('outbound');
    await page.waitForFunction((sel) => document.querySelector(sel)?.getAttribute('preset') === 'outbound', W);
    // Layout, heading and editable steps: the block's attributes, and the preview shows them.
    await page.locator('.sales-kpi-layout select').selectOption('dashboard');
    await page.locator('.sales-kpi-heading input').fill('Our funnel');
    await page.locator('.sales-kpi-editable-stages input').check();
    const shape = await page.evaluate(() => {
      const block = window.wp.data.select('core/block-editor').getSelectedBlock();
      return [block.attributes.layout, block.attributes.heading, block.attributes.editableStages];
    });
    assert.deepEqual(shape, ['dashboard', 'Our funnel', true]);
    await page.locator(`${W} .title`, { hasText: 'Our funnel' }).waitFor({ timeout: 10_000 });
    await page.locator(`${W} [data-section="pPlan"]`).first().waitFor({ timeout: 30_000 });
    await page.locator(`${W} input[data-field="/funnel/stages/0/name"]`).first().waitFor({ timeout: 10_000 });
    assert.deepEqual(consoleErrors.filter((text) => /sales-kpi|sales_kpi/i.test(text)), []);
  } finally {
    await context.clearCookies();
    await close();
  }
});

/** Waits until wp-embed.js has sized the frame (it drops the clip style on the first message). */
async function sizedFrame(page) {
  const frame = page.locator('iframe.wp-embedded-content').first();
  await frame.waitFor({ state: 'attached', timeout: 20_000 });
  await page.waitForFunction(() => {
    const node = document.querySelector('iframe.wp-embedded-content');
    return node && !node.hasAttribute('style');
  }, null, { timeout: 20_000 });
  return frame;
}

/** An Author's post with a pasted link, as the block editor saves it (an embed block). */
const pasted = (url) =>
  article(`<!-- wp:embed {"url":"${url}"} -->\n<figure class="wp-block-embed"><div class="wp-block-embed__wrapper">\n${url}\n</div></figure>\n<!-- /wp:embed -->`);

test('with the plugin, a pasted setting link renders in the page, without asking the other site', async () => {
  let asked = 0;
  const count = () => (asked += 1);
  staticSite.server.on('request', count);
  try {
    const saved = publish('author', pasted(`${STATIC_SITE}e/leads/da-DK/DKK/`));
    await assertInPage(saved.url, 'pasted link, plugin');
  } finally {
    staticSite.server.off('request', count);
  }
  assert.equal(asked, 0, 'neither WordPress nor the browser asked the link’s site');
});

test('without the plugin, a pasted link embeds with its settings, and the frame resizes to its content (to WordPress’s 1000 px cap)', async () => {
  wp('deactivate');
  try {
    await pastedFrames();
  } finally {
    wp('activate');
  }
});

async function pastedFrames() {
  // Both are articles (a pasted link carries no layout), shorter than the cap: the frame follows
  // its content.
  for (const [path, currency] of [
    ['e/leads/da-DK/DKK/', /kr\./],
    ['e/unit-economics/en-US/USD/', /\$/],
  ]) {
    const saved = publish('author', pasted(`${STATIC_SITE}${path}`));
    const { page, requests, consoleErrors, pageErrors, close } = await openPost(saved.url);
    try {
      const frame = await sizedFrame(page);
      assert.equal(await frame.getAttribute('src').then((src) => src.split('#')[0]), `${STATIC_SITE}${path}`);
      assert.ok(requests.some((u) => /wp-embed(\.min)?\.js/.test(u)), 'WordPress loaded wp-embed.js');
      const inner = page.frameLocator('iframe.wp-embedded-content');
      // The answer's revenue, in the link's currency.
      const result = inner.locator(`${W} [data-result="/funnel/revenue"][data-value]`).first();
      await result.waitFor({ timeout: 20_000 });
      assert.match(await result.textContent(), currency, `${path}: the link's currency`);
      // The calculator's late parts are in, so its height is the final one; the frame follows it
      // (WordPress clamps to 200–1000 px) once the last height message has arrived.
      await settled(page);
      let content = 0;
      let height = 0;
      await waitUntil(
        page,
        async () => {
          content = await inner.locator('body').evaluate((body) => Math.ceil(body.getBoundingClientRect().height));
          height = Number(await frame.getAttribute('height'));
          return height === Math.min(1000, Math.max(200, content));
        },
        { message: () => `${path}: the frame (${height} px) to follow its content (${content} px)` },
      );
      assert.equal(await page.locator('blockquote.wp-embedded-content').first().isVisible(), false, 'the fallback link is hidden once the frame reports');
      console.log(`# CLS, oEmbed ${path}: ${(await cls(page)).toFixed(4)} (frame ${height} px, content ${content} px)`);
      assert.deepEqual(pageErrors, []);
      assert.deepEqual(consoleErrors, []);
    } finally {
      await close();
    }
  }
}

// ── The directory's rules, on the plugin as installed from the zip ─────────────────────────────

const INSTALLED = `/var/lib/wordpress/wp-content/plugins/${SLUG}`;
const run = (command, args, options = {}) => spawnSync(command, args, { encoding: 'utf8', cwd: ROOT, ...options });

/** The plugin's header fields, as WordPress reads them. */
function pluginHeader() {
  const text = readFileSync(join(PLUGIN_SOURCE, `${SLUG}.php`), 'utf8');
  const field = (name) => new RegExp(`^ \\* ${name}:\\s*(.+)$`, 'm').exec(text)?.[1].trim();
  return { name: field('Plugin Name'), version: field('Version'), requires: field('Requires at least'), php: field('Requires PHP'), domain: field('Text Domain') };
}

test('directory rules: phpcs (Debian’s php-codesniffer) and the plugin’s own token checker find nothing, and both find a broken plugin', () => {
  const phpcs = run('phpcs', ['--standard=integrations/wordpress/phpcs.xml', '--report=emacs', INSTALLED]);
  assert.equal(phpcs.status, 0, `phpcs:\n${phpcs.stdout}${phpcs.stderr}`);
  const own = run('php', ['integrations/wordpress/check-plugin.php', INSTALLED]);
  assert.equal(own.status, 0, own.stdout + own.stderr);
  console.log(`# ${own.stdout.trim()}; phpcs: 0 findings`);
  assert.match(own.stdout, /[1-9]\d* PHP files, 0 findings/);
  // The checkers are not blind: a plugin that breaks each rule once is caught on each.
  const bad = join(ROOT, 'tests', 'integrations', 'wordpress', 'bad-plugin');
  const ownBad = run('php', ['integrations/wordpress/check-plugin.php', bad]);
  assert.equal(ownBad.status, 1);
  for (const rule of ['abspath', 'prefix', 'remote', 'input', 'escape']) assert.match(ownBad.stdout, new RegExp(`\\[${rule}\\]`), rule);
  assert.match(ownBad.stdout, /\$id is put into HTML unescaped/);
  const phpcsBad = run('phpcs', ['--standard=integrations/wordpress/phpcs.xml', '--report=emacs', bad]);
  assert.notEqual(phpcsBad.status, 0);
  assert.match(phpcsBad.stdout, /eval\(\) is discouraged/);
});

test('directory rules: readme.txt follows the readme format, and tells the truth about this plugin and this WordPress', () => {
  const readme = parseReadme(readFileSync(join(INSTALLED, 'readme.txt'), 'utf8'));
  assert.deepEqual(readme.problems, []);
  const header = pluginHeader();
  const wordpress = /\$wp_version = '(\d+\.\d+)/.exec(readFileSync('/usr/share/wordpress/wp-includes/version.php', 'utf8'))[1];
  assert.equal(readme.fields['Tested up to'], wordpress, 'Tested up to: the WordPress this test runs');
  assert.equal(readme.name, header.name);
  assert.equal(readme.fields['Stable tag'], header.version);
  assert.equal(readme.fields['Requires at least'], header.requires);
  assert.equal(readme.fields['Requires PHP'], header.php);
  // The slug (the zip's folder) is the text domain, everywhere.
  assert.equal(header.domain, SLUG);
  assert.equal(JSON.parse(readFileSync(join(INSTALLED, 'block.json'), 'utf8')).textdomain, SLUG);
  assert.doesNotMatch(readFileSync(join(INSTALLED, 'editor.js'), 'utf8'), /'sales-kpi'\)/, 'no string in the old text domain');
  // Built files name their source and how to build them.
  assert.match(readme.sections.Description, /npm ci && npm run build/);
  assert.match(readme.sections.Description, /src\/.*www\/widget\//s);
  // Nothing stored, so nothing to uninstall: the FAQ says so, and there is no uninstall.php.
  assert.match(readme.sections['Frequently Asked Questions'], /no uninstall\.php/);
  assert.equal(existsSync(join(INSTALLED, 'uninstall.php')), false);
  assert.ok(Object.keys(JSON.parse(readFileSync(join(INSTALLED, 'block.json'), 'utf8')).example?.attributes ?? {}).length, 'block.json has an example');
});

test('translations: the shipped .mo and JSON are made from the .po files, and WordPress finds them', () => {
  const out = mkdtempSync(join(tmpdir(), 'sales-kpi-languages-'));
  const made = run('bash', ['integrations/wordpress/make-languages.sh', out]);
  assert.equal(made.status, 0, made.stderr);
  const shipped = readdirSync(join(INSTALLED, 'languages')).filter((name) => /\.(mo|json)$/.test(name)).sort();
  assert.deepEqual(readdirSync(out).sort(), shipped);
  assert.deepEqual(shipped, [
    `${SLUG}-da_DK-${SLUG}-editor-script.json`,
    `${SLUG}-da_DK.mo`,
    `${SLUG}-nl_NL-${SLUG}-editor-script.json`,
    `${SLUG}-nl_NL.mo`,
  ]);
  for (const name of shipped) assert.ok(readFileSync(join(out, name)).equals(readFileSync(join(INSTALLED, 'languages', name))), `${name} is up to date with its .po`);
  // PHP's strings through load_plugin_textdomain.
  assert.equal(wp('translate', 'nl_NL', 'This calculator needs JavaScript and WebAssembly.').text, 'Deze calculator heeft JavaScript en WebAssembly nodig.');
  assert.equal(wp('translate', 'da_DK', 'This calculator needs JavaScript and WebAssembly.').text, 'Denne beregner kræver JavaScript og WebAssembly.');
});

// ── What a reader gets ──────────────────────────────────────────────────────────────────────────

/** Waits until the calculator has replaced its loading line (every panel choice has some content). */
const rendered = (page) =>
  page.waitForFunction((sel) => {
    const root = document.querySelector(sel)?.shadowRoot;
    return root?.firstElementChild && !root.firstElementChild.classList.contains('loading') && root.querySelector('[data-result][data-value], [data-section]');
  }, W, { timeout: 20_000 });

test('an invalid setting is never shown to a reader: the default is used and the console says so once; the editor is told in the sidebar', async () => {
  const typo = { ...LEADS_DA, whatIf: 'deal size +10%' };
  const saved = publish('author', article(blockComment('sales-kpi/calculator', typo)));
  const { page, consoleMessages, consoleErrors, close } = await openPost(saved.url);
  try {
    const revenue = page.locator(`${W} [data-result="/funnel/revenue"][data-value]`).first();
    await revenue.waitFor({ timeout: 20_000 });
    assert.equal(await page.locator(W).getAttribute('what-if'), null);
    assert.equal(await page.locator(`${W} .notice`).first().textContent(), '', 'no note in the calculator');
    // The calculator's own starting what-if: deal size +10 %, in its panel behind "More".
    await openMore(page);
    const scenario = page.locator(`${W} [data-scenario="/funnel/revenue"][data-value]`).first();
    await scenario.waitFor({ timeout: 10_000 });
    assert.equal(await scenario.getAttribute('data-value'), '148500');
    const warnings = consoleMessages.filter((m) => m.type === 'warning' && /Sales KPI/.test(m.text));
    assert.equal(warnings.length, 1, JSON.stringify(consoleMessages));
    assert.match(warnings[0].text, /what-if/);
    assert.deepEqual(consoleErrors, []);
  } finally {
    await close();
  }
  const editor = await openEditor('author', 'author-pass', saved.id);
  try {
    await selectCalculator(editor.page);
    const problem = editor.page.locator('.sales-kpi-problem');
    await problem.first().waitFor({ timeout: 10_000 });
    assert.match(await problem.first().textContent(), /What-if “deal size \+10%” is not a change of a lever/);
  } finally {
    await editor.close();
  }
});

test('colour scheme "Match the page" follows the page’s background, not the reader’s system setting', async () => {
  const white = publish('author', article(blockComment('sales-kpi/calculator', LEADS_DA)));
  const dark = publish(
    'admin',
    article(
      `<!-- wp:group {"style":{"color":{"background":"#111111","text":"#eeeeee"}}} -->\n<div class="wp-block-group has-text-color has-background" style="color:#eeeeee;background-color:#111111">` +
        `${blockComment('sales-kpi/calculator', LEADS_DA)}</div>\n<!-- /wp:group -->`,
    ),
  );
  for (const [post, system, want] of [
    [white, 'dark', 'light'],
    [dark, 'light', 'dark'],
  ]) {
    const { page, close } = await openPost(post.url, { contextOptions: { viewport: VIEWPORT, colorScheme: system } });
    try {
      await rendered(page);
      assert.equal(await page.locator(W).getAttribute('theme'), want, `a ${want} page, the reader’s system ${system}`);
      const background = await page.locator(W).evaluate((element) => getComputedStyle(element.shadowRoot.querySelector('.root') ?? element).backgroundColor);
      const [r, g, b] = background.match(/\d+/g).map(Number);
      assert.equal(r + g + b < 300, want === 'dark', `the calculator’s background ${background}`);
      // readme.txt's screenshot 1 (for the directory's assets).
      if (want === 'light') await page.screenshot({ path: join(SCREENSHOTS, 'wordpress-screenshot-1.png') });
    } finally {
      await close();
    }
  }
});

test('without JavaScript the note follows the text directly: no blank reservation', async () => {
  const saved = publish('author', article(blockComment('sales-kpi/calculator', { ...LEADS_DA, sections: 'all' })));
  const { page, close } = await openPost(saved.url, { contextOptions: { viewport: VIEWPORT, javaScriptEnabled: false } });
  try {
    const gap = await page.evaluate(() => {
      const element = document.querySelector('sales-kpi-calculator');
      const note = [...document.querySelectorAll('p')].find((p) => /needs JavaScript/.test(p.textContent));
      return { height: element.getBoundingClientRect().height, gap: note.getBoundingClientRect().top - element.getBoundingClientRect().top, visible: note.offsetHeight > 0 };
    });
    assert.deepEqual({ height: gap.height, visible: gap.visible }, { height: 0, visible: true });
    assert.ok(gap.gap < 40, `${gap.gap} px between the calculator's place and the note`);
  } finally {
    await close();
  }
});

// Every panel on its own (the widget's list), the presets' own choice, everything, and mixes, in
// the leads preset; and the pacing preset (the Progress panel alone): the reservation must hold
// for any choice the sidebar's check boxes and preset make.
const PANEL_CHOICES = ['', ...SECTIONS, 'all', 'funnel economics retention', 'retention growth share', 'target goal plan', 'funnel target velocity whatif sensitivity', 'plan progress'];
// And each layout, with editable stages and a heading, alone and with panels chosen.
const SHAPE_CHOICES = [
  { layout: 'dashboard' },
  { editableStages: true },
  { heading: 'Vores salgstragt' },
  { layout: 'dashboard', editableStages: true, heading: 'Vores salgstragt' },
  { layout: 'dashboard', sections: 'funnel target goal share' },
  { editableStages: true, heading: 'Vores salgstragt', sections: 'funnel target velocity whatif' },
];
const BLOCK_CHOICES = [
  ...PANEL_CHOICES.map((sections) => ({ ...LEADS_DA, ...(sections ? { sections } : {}) })),
  { ...LEADS_DA, preset: 'pacing' },
  ...SHAPE_CHOICES.map((shape) => ({ ...LEADS_DA, ...shape })),
];
/** A block choice in words, for the test's log. */
const choiceName = ({ preset, sections, layout, editableStages, heading }) => [preset, sections ?? '(preset)', layout, editableStages && 'editable-stages', heading && 'heading'].filter(Boolean).join(' ');

test('no jump for any choice of panels or preset (CLS ≤ 0.05), in a block theme and a classic theme', async () => {
  const posts = BLOCK_CHOICES.map((attributes) => [choiceName(attributes), publish('author', article(blockComment('sales-kpi/calculator', attributes)))]);
  const results = [];
  for (const theme of ['twentytwentythree', 'twentytwentyone']) {
    wp('theme', theme);
    try {
      for (const [choice, saved] of posts) {
        const { page, pageErrors, close } = await openPost(saved.url);
        try {
          await rendered(page);
          await settled(page);
          const shift = await cls(page);
          // CLS counts only what moves inside the viewport, and the text below a tall calculator
          // starts below it: the reservation itself must also be close to the rendered height.
          const reserved = Number(/<sales-kpi-calculator[^>]*min-height:(\d+)px/.exec(await (await fetch(saved.url)).text())?.[1] ?? 0);
          const height = await page.locator(W).evaluate((element) => element.getBoundingClientRect().height);
          results.push(`${theme} ${choice}: ${shift.toFixed(4)} (reserved ${reserved} px, rendered ${Math.round(height)} px)`);
          assert.ok(shift <= MAX_CLS, `${theme}, ${choice}: CLS ${shift}`);
          assert.ok(Math.abs(height - reserved) <= MAX_RESERVE_MISS * height, `${theme}, ${choice}: reserved ${reserved} px for ${Math.round(height)} px`);
          assert.equal(await page.locator(W).evaluate((element) => element.style.minHeight), '', `${theme}, ${choice}: the reservation is dropped once the calculator is there`);
          assert.deepEqual(pageErrors, []);
        } finally {
          await close();
        }
      }
    } finally {
      wp('theme', 'twentytwentythree');
    }
  }
  console.log(`# CLS per preset and panel choice (da-DK):\n${results.map((line) => `#   ${line}`).join('\n')}`);
});

test('the plugin’s lists are the widget’s: its files, what the server accepts for readers, and which pasted links it renders', async () => {
  assert.deepEqual(JSON.parse(readFileSync(join(INSTALLED, CHOICES_FILE), 'utf8')), await widgetChoices(), `${CHOICES_FILE} was written from the widget's lists`);
  assert.deepEqual(JSON.parse(readFileSync(join(INSTALLED, 'block.json'), 'utf8')).attributes.preset.enum, PRESETS);
  // Each preset with every panel named and a what-if on its funnel's last stage: a reader gets
  // them all. One stage further is not a lever of that funnel: left out.
  const stages = Object.fromEntries((await widgetChoices()).presets.map((preset) => [preset.name, preset.stages.length]));
  const blocks = PRESETS.flatMap((preset) => [
    blockComment('sales-kpi/calculator', { preset, sections: SECTIONS.join(' '), whatIf: `/funnel/stages/${stages[preset] - 1}/rate:+1pp` }),
    blockComment('sales-kpi/calculator', { preset, whatIf: `/funnel/stages/${stages[preset]}/rate:+1pp` }),
  ]);
  const saved = publish('author', article(blocks.join('\n\n')));
  const linked = publish('author', PRESETS.map((preset) => pasted(`${STATIC_SITE}e/${preset}/auto/auto/`)).join('\n'));
  const { page, close } = await openPost(saved.url, { contextOptions: { viewport: VIEWPORT, javaScriptEnabled: false } });
  try {
    const read = () =>
      page.locator(W).evaluateAll((elements) => elements.map((element) => ({ preset: element.getAttribute('preset'), sections: element.getAttribute('sections'), whatIf: element.getAttribute('what-if'), ignored: element.dataset.salesKpiIgnored ?? '', reserved: parseFloat(element.style.minHeight) || 0 })));
    const calculators = await read();
    assert.deepEqual(
      calculators.map(({ reserved, ...rest }) => rest),
      PRESETS.flatMap((preset) => [
        { preset, sections: SECTIONS.join(' '), whatIf: `/funnel/stages/${stages[preset] - 1}/rate:+1pp`, ignored: '' },
        { preset, sections: null, whatIf: null, ignored: 'what-if' },
      ]),
    );
    // Every preset has its reservation (reserve.json), with its own panels and with all of them.
    for (const [i, calculator] of calculators.entries()) assert.ok(calculator.reserved > 0, `${calculator.preset} #${i}: reserved ${calculator.reserved} px`);
    await page.goto(linked.url);
    assert.equal(await page.locator('iframe').count(), 0, 'every pasted setting link renders in the page');
    assert.deepEqual((await read()).map((calculator) => calculator.preset), PRESETS);
  } finally {
    await close();
  }
});

// ── The block editor ───────────────────────────────────────────────────────────────────────────

/** Opens a post in the block editor as `user`, without the welcome guide; returns the opened page. */
async function openEditor(user, password, postId) {
  const opened = await logIn(user, password);
  const { page } = opened;
  await page.goto(`${WORDPRESS}/wp-admin/post.php?post=${postId}&action=edit`);
  await page.waitForFunction(() => window.wp?.blocks?.getBlockType?.('sales-kpi/calculator') && window.wp.data.select('core/block-editor').getBlocks().length > 0, null, { timeout: 60_000 });
  await page.evaluate(() => {
    if (window.wp.data.select('core/edit-post').isFeatureActive('welcomeGuide')) window.wp.data.dispatch('core/edit-post').toggleFeature('welcomeGuide');
  });
  return opened;
}

/** Selects the post's calculator block and opens the block's sidebar; returns its clientId. */
async function selectCalculator(page) {
  const clientId = await page.evaluate(() => {
    const block = window.wp.data.select('core/block-editor').getBlocks().find((b) => b.name === 'sales-kpi/calculator');
    window.wp.data.dispatch('core/block-editor').selectBlock(block.clientId);
    window.wp.data.dispatch('core/edit-post').openGeneralSidebar('edit-post/block');
    return block.clientId;
  });
  await page.locator('.block-editor-block-inspector').waitFor({ timeout: 10_000 });
  return clientId;
}

const blockNames = (page) => page.evaluate(() => window.wp.data.select('core/block-editor').getBlocks().map((b) => b.name));
const attributesOf = (page, clientId) => page.evaluate((id) => window.wp.data.select('core/block-editor').getBlockAttributes(id), clientId);
const ARTICLE_BLOCKS = ['core/paragraph', 'sales-kpi/calculator', 'core/paragraph'];
const TOP_FIELD = `${W} input[data-field="/funnel/top"]`;

/** Saves the post through the editor and waits until it is saved. */
async function save(page) {
  await page.evaluate(() => window.wp.data.dispatch('core/editor').savePost());
  await page.waitForFunction(() => !window.wp.data.select('core/editor').isSavingPost() && !window.wp.data.select('core/editor').isEditedPostDirty(), null, { timeout: 20_000 });
}

test('editor: Ctrl+A, Backspace and a paste in a preview field stay in the field; the blocks stay; the numbers become the readers’ and survive save and reload', async () => {
  const saved = publish('author', article(blockComment('sales-kpi/calculator', LEADS_DA)));
  const { page, context, pageErrors, close } = await openEditor('author', 'author-pass', saved.id);
  try {
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: WORDPRESS });
    const clientId = await selectCalculator(page);
    const field = page.locator(TOP_FIELD).first();
    await field.waitFor({ timeout: 30_000 });
    assert.equal(await field.inputValue(), '500');
    // readme.txt's screenshot 2: the sidebar's panels and the folded preview.
    await page.locator('.sales-kpi-panels > h2 button').click();
    await page.locator(`${W} [data-result="/funnel/revenue"][data-value]`).first().waitFor({ timeout: 20_000 });
    await page.screenshot({ path: join(SCREENSHOTS, 'wordpress-screenshot-2.png') });
    await field.click();
    await page.keyboard.press('Control+A');
    const selection = await field.evaluate((input) => [input.selectionStart, input.selectionEnd, input.value.length]);
    assert.deepEqual(selection, [0, 3, 3], 'Ctrl+A selects the field’s text');
    assert.ok((await page.evaluate(() => window.wp.data.select('core/block-editor').getMultiSelectedBlockClientIds().length)) === 0, 'and no blocks');
    await page.keyboard.press('Backspace');
    assert.equal(await field.inputValue(), '');
    assert.deepEqual(await blockNames(page), ARTICLE_BLOCKS, 'Backspace left the post’s blocks alone');
    await page.keyboard.press('Delete');
    assert.deepEqual(await blockNames(page), ARTICLE_BLOCKS, 'Delete too');
    // A paste goes into the field, not into the post as blocks.
    await page.evaluate(() => navigator.clipboard.writeText('12.500'));
    await field.click();
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Control+V');
    assert.equal(await field.inputValue(), '12.500');
    assert.deepEqual(await blockNames(page), ARTICLE_BLOCKS, 'the paste left the post’s blocks alone');
    // The preview's numbers are the block's starting numbers (da-DK: 12.500 is 12500).
    await page.waitForFunction((id) => /"top":"12500"/.test(window.wp.data.select('core/block-editor').getBlockAttributes(id).model), clientId, { timeout: 10_000 });
    // Undo takes them back, Reset to the preset too; the preview follows.
    await page.locator('.sales-kpi-start > h2 button').click();
    await page.locator('.sales-kpi-start button', { hasText: 'Undo' }).click();
    assert.equal((await attributesOf(page, clientId)).model, '');
    await page.waitForFunction((sel) => document.querySelector(sel.split(' ')[0])?.shadowRoot?.querySelector('input[data-field="/funnel/top"]')?.value === '500', TOP_FIELD, { timeout: 10_000 });
    await page.locator(TOP_FIELD).first().fill('800');
    await page.waitForFunction((id) => /"top":"800"/.test(window.wp.data.select('core/block-editor').getBlockAttributes(id).model), clientId, { timeout: 10_000 });
    assert.match(await page.locator('.sales-kpi-numbers-source').textContent(), /numbers typed into the preview/);
    await save(page);
    assert.match(wp('block', String(saved.id))[0].model, /"top":"800"/);
    // After a reload the preview starts from the saved numbers, and so do readers.
    await page.reload();
    await page.waitForFunction(() => window.wp?.data?.select('core/block-editor').getBlocks().length > 0, null, { timeout: 60_000 });
    await page.locator(TOP_FIELD).first().waitFor({ timeout: 30_000 });
    await page.waitForFunction((sel) => document.querySelector(sel.split(' ')[0])?.shadowRoot?.querySelector('input[data-field="/funnel/top"]')?.value === '800', TOP_FIELD, { timeout: 10_000 });
    assert.deepEqual(await blockNames(page), ARTICLE_BLOCKS);
    assert.deepEqual(pageErrors, []);
  } finally {
    await close();
  }
  const reader = await openPost(saved.url);
  try {
    const revenue = reader.page.locator(`${W} [data-result="/funnel/revenue"][data-value]`).first();
    await revenue.waitFor({ timeout: 20_000 });
    assert.equal(await revenue.getAttribute('data-value'), '216000', '800 × 0.4 × 0.5 × 0.3 × 4500');
  } finally {
    await reader.close();
  }
});

test('editor: the sidebar in Dutch: panels as check boxes (with Plan), the what-if as lever, number and unit, no second "Advanced"', async () => {
  wp('locale', 'author', 'nl_NL');
  const saved = publish('author', article(blockComment('sales-kpi/calculator', LEADS_DA)));
  const { page, consoleErrors, close } = await openEditor('author', 'author-pass', saved.id);
  try {
    const clientId = await selectCalculator(page);
    const titles = await page.locator('.block-editor-block-inspector .components-panel__body-title').allTextContents();
    assert.ok(titles.includes('Panelen') && titles.includes('Start-wat-als en startgetallen'), titles.join(' | '));
    assert.equal(new Set(titles).size, titles.length, `panel titles are unique: ${titles.join(' | ')}`);
    await page.locator('.sales-kpi-panels > h2 button').click();
    const labels = await page.locator('.sales-kpi-panels .components-checkbox-control__label').allTextContents();
    assert.equal(labels.length, SECTIONS.length);
    for (const label of ['Funnel', 'Delen en exporteren', 'Plan per maand en werkdag', 'Liggen we op koers?', 'Onzekerheid']) assert.ok(labels.includes(label), `${label} in ${labels.join(', ')}`);
    // The preset's own panels are ticked; ticking Share and export adds it to them, in the widget's order.
    await page.locator('.sales-kpi-panels label', { hasText: 'Delen en exporteren' }).click();
    assert.equal((await attributesOf(page, clientId)).sections, SECTIONS.filter((token) => token === 'share' || defaultSections('leads').includes(token)).join(' '));
    await page.locator('.sales-kpi-panels label', { hasText: 'Delen en exporteren' }).click();
    assert.equal((await attributesOf(page, clientId)).sections, '', 'back to the preset’s own: no attribute');
    // Numbers typed into the preview first: a what-if chosen afterwards starts from them.
    await page.locator(TOP_FIELD).first().fill('800');
    await page.waitForFunction((id) => /"top":"800"/.test(window.wp.data.select('core/block-editor').getBlockAttributes(id).model), clientId, { timeout: 10_000 });
    // The what-if: a lever from the funnel, a number, a unit.
    await page.locator('.sales-kpi-start > h2 button').click();
    const lever = page.locator('.sales-kpi-start select').first();
    const levers = await lever.locator('option').allTextContents();
    // Named after the stages of the numbers typed in the preview (a Danish preview: Tilbud, quotes).
    assert.ok(levers.includes('Conversie naar Tilbud') && levers.includes('Dealgrootte'), levers.join(', '));
    await lever.selectOption('/funnel/stages/1/rate');
    await page.locator('.sales-kpi-start input[type="text"]').first().fill('2');
    await page.locator('.sales-kpi-start select').nth(1).selectOption('pp');
    assert.equal((await attributesOf(page, clientId)).whatIf, '/funnel/stages/1/rate:+2pp');
    // The preview shows that what-if (quotes → deals 0.5 + 0.02) in its What-if panel, behind "More".
    await page.waitForFunction((sel) => document.querySelector(sel)?.getAttribute('what-if') === '/funnel/stages/1/rate:+2pp', W);
    await openMore(page);
    await page.locator(`${W} [data-scenario="/funnel/revenue"][data-value]`).first().waitFor({ timeout: 20_000 });
    assert.equal(await page.locator(TOP_FIELD).first().inputValue(), '800', 'the preview kept the typed numbers');
    assert.match((await attributesOf(page, clientId)).model, /"top":"800"/);
    // 800 × 0.4 × (0.5 + 0.02) × 0.3 × 4500
    assert.equal(await page.locator(`${W} [data-scenario="/funnel/revenue"][data-value]`).first().getAttribute('data-value'), '224640');
    // Another preset is another funnel: its own numbers.
    await page.locator('.block-editor-block-inspector select').first().selectOption('inbound');
    assert.equal((await attributesOf(page, clientId)).model, '');
    // The Progress preset: its name and its funnel (the leads preset's) in Dutch.
    const presets = page.locator('.block-editor-block-inspector select').first();
    assert.ok((await presets.locator('option').allTextContents()).includes('Voortgang'));
    await presets.selectOption('pacing');
    assert.equal((await attributesOf(page, clientId)).preset, 'pacing');
    assert.match(await page.locator('.block-editor-block-inspector .components-panel__body').first().textContent(), /Voortgang: werkelijke leads → afspraken → offertes → deals/);
    await presets.selectOption('inbound');
    const colours = await page.locator('.block-editor-block-inspector select').nth(3).locator('option').allTextContents();
    assert.deepEqual(colours, ['Zoals de pagina', 'Licht', 'Donker']);
    assert.deepEqual(await page.locator('.sales-kpi-layout select option').allTextContents(), ['Artikel', 'Dashboard']);
    assert.equal(await page.locator('.sales-kpi-editable-stages label').textContent(), 'Lezers mogen stappen hernoemen, toevoegen en verwijderen');
    assert.deepEqual(await page.locator('.sales-kpi-problem').count(), 0);
    assert.deepEqual(consoleErrors.filter((text) => /sales-kpi|sales_kpi/i.test(text)), []);
  } finally {
    await close();
    wp('locale', 'author', 'none');
  }
});

test('editor: the preview is folded to its top part until the author unfolds it; the inserter shows a preview', async () => {
  const saved = publish('author', article(blockComment('sales-kpi/calculator', LEADS_DA)));
  const { page, close } = await openEditor('author', 'author-pass', saved.id);
  try {
    await page.locator(`${W} [data-result="/funnel/revenue"][data-value]`).first().waitFor({ timeout: 30_000 });
    const fold = page.locator('.sales-kpi-fold');
    const heights = () => fold.evaluate((node) => [node.getBoundingClientRect().height, node.firstElementChild.getBoundingClientRect().height]);
    // An article's answer and inputs fit above the fold, whole.
    const closed = await heights();
    assert.ok(closed[1] <= 640 && closed[0] === closed[1], `the article ${closed[1]} px, shown ${closed[0]} px`);
    assert.equal(await page.locator('.sales-kpi-fold-toggle').count(), 0, 'nothing to unfold: no "Show the whole calculator"');
    // With "More" open it is taller: folded to its top part.
    await openMore(page);
    const folded = await heights();
    assert.ok(folded[0] <= 640 && folded[1] > 2000, `folded ${folded[0]} px of ${folded[1]} px`);
    await page.locator('.sales-kpi-fold-toggle').waitFor();
    await page.locator('.sales-kpi-fold-toggle').click();
    assert.ok((await fold.evaluate((node) => node.getBoundingClientRect().height)) > 2000, 'unfolded');
    assert.equal(await page.locator('.sales-kpi-fold-toggle').textContent(), 'Fold the calculator');
    // The inserter's hover preview shows the block's example, not "No Preview Available".
    await page.locator('button.edit-post-header-toolbar__inserter-toggle').click();
    await page.locator('.block-editor-inserter__search input').fill('Sales KPI');
    await page.locator('.block-editor-block-types-list__item', { hasText: 'Sales KPI calculator' }).hover();
    const preview = page.locator('.block-editor-inserter__preview-container');
    // The preview's frame has drawn the block's example.
    await preview.frameLocator('iframe').locator('[data-type="sales-kpi/calculator"]').waitFor({ timeout: 10_000 });
    assert.doesNotMatch(await preview.textContent(), /No Preview Available/);
  } finally {
    await close();
  }
});
