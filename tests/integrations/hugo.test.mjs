// A real Hugo site (Debian's hugo, default settings, baseURL under /blog/) with the theme
// component from www/dist/sales-kpi-hugo.zip: the shortcode's calculator shows, computes after
// typing, loads nothing from elsewhere, logs no error, and does not shift the page.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, test } from 'node:test';
import { unzipSync } from 'fflate';
import { ROOT, launchBrowser, openPage, startServer, waitForIdle, waitForNumber } from '../browser/harness.mjs';
import { ARTICLE_TEXT, layoutShift, recordLayoutShifts } from '../browser/layout-shift.mjs';
import { hugoShortcode } from '../../www/builder-snippets.js';

const ZIP = join(ROOT, 'www', 'dist', 'sales-kpi-hugo.zip');
const SHORTCODE = join(ROOT, 'integrations', 'hugo', 'layouts', 'shortcodes', 'sales-kpi.html');
const W = 'sales-kpi-calculator';
let site;
let server;
let browser;

const LAYOUT = `<!doctype html>
<html lang="{{ site.LanguageCode }}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ .Title }}</title>
<style>body{margin:0;font:18px/1.6 Georgia,serif}main{max-width:700px;margin:0 auto;padding:1rem}</style></head>
<body><main><h1>{{ .Title }}</h1>{{ .Content }}</main></body></html>
`;

// Models as the builder writes them into a shortcode: a plain one (a raw string between
// backticks) and one whose stage names hold a backtick, quotes and a backslash (escaped quotes).
const leadsModel = (names) => ({ funnel: { top: '500', stages: names.map((name, i) => ({ name, rate: ['0.4', '0.5', '0.3'][i] })), dealSize: '5000' }, target: '150000' });
const MODELS = { raw: leadsModel(['Møder', 'Tilbud "A"', 'Handler']), escaped: leadsModel(['`tick`', 'say "hi"', 'back\\slash']) };

const post = (title, body) => `---\ntitle: "${title}"\n---\n${body}\n`;

const MAX_CLS = 0.05;
/** How far a reservation may miss the rendered height: Danish text, the site's fonts and the machine move it by a few %. */
const MAX_RESERVE_MISS = 0.05;
// The shapes besides the plain article, each in a post of its own at the default 700 px column:
// the reservation must hold for them too (data/sales_kpi_reserve.json, measured per shape).
const SHAPES = {
  dashboard: 'layout="dashboard"',
  'editable-stages': 'editable-stages="true"',
  heading: 'heading="Vores salgstragt"',
  'dashboard with chosen sections': 'layout="dashboard" sections="funnel target goal share"',
};
const shapePath = (name) => `posts/shape-${name.replaceAll(' ', '-')}/`;

before(async () => {
  const hugo = spawnSync('hugo', ['version'], { encoding: 'utf8' });
  assert.equal(hugo.status, 0, 'hugo is not installed: run `node scripts/setup.mjs --test` (apt-get install hugo)');
  site = mkdtempSync(join(tmpdir(), 'sales-kpi-hugo-'));
  const src = join(site, 'src');
  // The component as a Hugo user gets it: unzipped into themes/.
  for (const [name, bytes] of Object.entries(unzipSync(readFileSync(ZIP)))) {
    if (name.endsWith('/')) continue;
    mkdirSync(dirname(join(src, 'themes', name)), { recursive: true });
    writeFileSync(join(src, 'themes', name), bytes);
  }
  const files = {
    // Default settings: only what every site has, plus the component in the theme list.
    'hugo.toml': 'baseURL = "https://example.org/blog/"\nlanguageCode = "da-DK"\ntitle = "En blog"\ntheme = ["sales-kpi"]\n',
    'layouts/_default/single.html': LAYOUT,
    'content/posts/kpi.md': post('Salgstal', `Hvad er et møde værd?\n\n{{< sales-kpi preset="leads" locale="da-DK" currency="DKK" >}}\n\n${ARTICLE_TEXT}`),
    'content/posts/hostile.md': post(
      'Hostile',
      '{{< sales-kpi preset=`leads" onmouseover="alert(1)` locale="en-US" what-if="/funnel/dealSize:+10%" model=`{"x":"</script><script>alert(2)</script>"}` wasm-url="javascript:alert(3)" >}}',
    ),
    'content/posts/models.md': post('Models', Object.values(MODELS).map((model) => hugoShortcode([['preset', 'leads'], ['model', JSON.stringify(model)]], 700)).join('\n\n')),
    ...Object.fromEntries(
      Object.entries(SHAPES).map(([name, attributes]) => [
        `content/${shapePath(name).slice(0, -1)}.md`,
        post(name, `Hvad er et møde værd?\n\n{{< sales-kpi preset="leads" locale="da-DK" currency="DKK" ${attributes} >}}\n\n${ARTICLE_TEXT}`),
      ]),
    ),
    // Chosen sections in a column where a dashboard puts panels side by side: no sum holds.
    'content/posts/wide.md': post('Wide', '{{< sales-kpi preset="leads" layout="dashboard" sections="funnel target" column="800" >}}\n\n{{< sales-kpi preset="leads" layout="dashboard" column="800" >}}'),
    'content/posts/raw.md': post('Raw', '<script type="module" src="/evil.js"></script>\n<sales-kpi-calculator></sales-kpi-calculator>'),
  };
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(src, name)), { recursive: true });
    writeFileSync(join(src, name), text);
  }
  // Served as https://host/blog/: the site lives in a sub-path.
  const built = spawnSync('hugo', ['--quiet', '-s', src, '-d', join(site, 'root', 'blog')], { encoding: 'utf8' });
  assert.equal(built.status, 0, `hugo failed:\n${built.stderr}${built.stdout}`);
  server = await startServer({ root: join(site, 'root') });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.close();
  if (site) rmSync(site, { recursive: true, force: true });
});

test('the component ships real files (no links out of the folder), and its zip holds them all', () => {
  const dir = join(ROOT, 'integrations', 'hugo', 'static', 'sales-kpi');
  const walk = (d) => readdirSync(d).flatMap((n) => (lstatSync(join(d, n)).isDirectory() ? walk(join(d, n)) : [join(d, n)]));
  const shipped = walk(dir);
  assert.ok(shipped.some((f) => f.endsWith('sales_kpi_bg.wasm')) && shipped.some((f) => f.endsWith('sales-kpi-calculator.js')));
  for (const f of shipped) assert.ok(lstatSync(f).isFile(), `${f} is not a plain file`);
  const zipped = Object.keys(unzipSync(readFileSync(ZIP)));
  for (const f of ['sales-kpi/layouts/shortcodes/sales-kpi.html', 'sales-kpi/README.md', 'sales-kpi/data/sales_kpi_reserve.json', 'sales-kpi/static/sales-kpi/pkg/sales_kpi_bg.wasm']) {
    assert.ok(zipped.includes(f), `${f} missing from the zip`);
  }
});

test('Hugo with default settings: the shortcode shows the calculator under /blog/, it computes, and nothing shifts', async () => {
  const { page, context, consoleErrors, pageErrors, requests, failedRequests, close } = await openPage(browser, null, {
    contextOptions: { viewport: { width: 1280, height: 800 } },
  });
  try {
    await recordLayoutShifts(context);
    await page.goto(`${server.url}blog/posts/kpi/`);
    const revenue = page.locator(`${W} [data-result="/funnel/revenue"]`);
    const first = await waitForNumber(page, `${W} [data-result="/funnel/revenue"][data-value]`);
    // 500 leads × 0.4 × 0.5 × 0.3 × 4,500 kr.
    assert.equal(await revenue.getAttribute('data-value'), '135000');
    assert.match(first, /^135\.000(,00)?\s?kr\.$/);
    const { total, entries } = await layoutShift(page);
    assert.ok(total <= 0.05, `CLS ${total.toFixed(3)} > 0.05: ${JSON.stringify(entries)}`);
    console.log(`# Hugo shortcode: CLS ${total.toFixed(4)} at 1280x800`);
    await page.locator(`${W} input[data-field="/funnel/dealSize"]`).fill('5000');
    await waitForNumber(page, `${W} [data-result="/funnel/revenue"][data-value]`, first);
    assert.equal(await revenue.getAttribute('data-value'), '150000');
    const origin = new URL(server.url).origin;
    assert.deepEqual(requests.filter((u) => !u.startsWith(`${origin}/blog/`)), [], 'a request outside the site');
    // Leads shows the Plan panel, so its engine is the one with `plan` (pkg-full/); others use pkg/.
    assert.ok(requests.some((u) => u === `${origin}/blog/sales-kpi/pkg/sales_kpi_bg.wasm` || u === `${origin}/blog/sales-kpi/pkg-full/sales_kpi_bg.wasm`), 'the engine comes from the component under /blog/');
    assert.equal(requests.filter((u) => u.endsWith('.wasm')).length, 1, 'one engine');
    assert.deepEqual(failedRequests, []);
    assert.deepEqual(consoleErrors, []);
    assert.deepEqual(pageErrors, []);
  } finally {
    await close();
  }
});

test('the shortcode reserves the height of each layout, of editable stages, of a heading and of chosen sections: nothing shifts', async () => {
  const results = [];
  for (const [name, attributes] of Object.entries(SHAPES)) {
    const { page, context, pageErrors, close } = await openPage(browser, null, { contextOptions: { viewport: { width: 1280, height: 800 } } });
    try {
      await recordLayoutShifts(context);
      await page.goto(`${server.url}blog/${shapePath(name)}`);
      // Every panel in: no loading line left (a dashboard's panels load beside the engine).
      await page.waitForFunction(
        (sel) => {
          const root = document.querySelector(sel)?.shadowRoot;
          return root?.firstElementChild && !root.querySelector('.loading') && root.querySelector('[data-result][data-value]');
        },
        W,
        { timeout: 30_000 },
      );
      await page.evaluate(() => document.fonts.ready.then(() => undefined));
      await waitForIdle(page, { timeout: 30_000 });
      const { total, entries } = await layoutShift(page);
      // CLS counts only what moves inside the viewport, and the text below a tall calculator starts
      // below it: the reservation itself must also be close to the rendered height.
      const html = readFileSync(join(site, 'root', 'blog', shapePath(name), 'index.html'), 'utf8');
      const reserved = Number(/<sales-kpi-calculator[^>]*min-height:(\d+)px/.exec(html)?.[1] ?? 0);
      const height = await page.locator(W).evaluate((element) => element.getBoundingClientRect().height);
      results.push(`${name} (${attributes}): CLS ${total.toFixed(4)}, reserved ${reserved} px, rendered ${Math.round(height)} px`);
      assert.ok(total <= MAX_CLS, `${name}: CLS ${total.toFixed(3)} > ${MAX_CLS}: ${JSON.stringify(entries)}`);
      assert.ok(Math.abs(height - reserved) <= MAX_RESERVE_MISS * height, `${name}: reserved ${reserved} px for ${Math.round(height)} px`);
      assert.equal(await page.locator(W).evaluate((element) => element.style.minHeight), '', `${name}: the reservation is dropped once the calculator is there`);
      assert.deepEqual(pageErrors, []);
    } finally {
      await close();
    }
  }
  console.log(`# Hugo shortcode, leads at the 700 px column, 1280x800:\n${results.map((line) => `#   ${line}`).join('\n')}`);
});

test('where no sound height is known (chosen sections in an 800 px column) the shortcode reserves nothing; the preset\'s own panels there have theirs', () => {
  const html = readFileSync(join(site, 'root', 'blog', 'posts', 'wide', 'index.html'), 'utf8');
  const styles = [...html.matchAll(/<sales-kpi-calculator([^>]*)>/g)].map((match) => /style="([^"]*)"/.exec(match[1])?.[1] ?? null);
  assert.equal(styles.length, 2);
  assert.equal(styles[0], null);
  assert.match(styles[1], /^display:block;min-height:\d+px$/);
  const data = JSON.parse(readFileSync(join(site, 'src', 'themes', 'sales-kpi', 'data', 'sales_kpi_reserve.json'), 'utf8'));
  assert.equal(Number(/min-height:(\d+)px/.exec(styles[1])[1]), data.measured['800'].leads.own.dashboard);
  assert.ok(data.measured['800'].leads.own.dashboard > 2 * data.columns['800'].leads, 'a dashboard is far taller than an article');
});

test('Hugo escapes every parameter: a hostile one stays a value, never markup or script', async () => {
  const html = readFileSync(join(site, 'root', 'blog', 'posts', 'hostile', 'index.html'), 'utf8');
  assert.doesNotMatch(html, /<script>alert|\sonmouseover="|javascript:/);
  const { page, pageErrors, close } = await openPage(browser, null);
  try {
    let dialogs = 0;
    page.on('dialog', (d) => {
      dialogs++;
      d.dismiss();
    });
    await page.goto(`${server.url}blog/posts/hostile/`);
    const el = page.locator(W);
    assert.equal(await el.getAttribute('preset'), 'leads" onmouseover="alert(1)');
    assert.deepEqual(await el.evaluate((e) => e.getAttributeNames().filter((n) => n.startsWith('on'))), []);
    await el.hover();
    // An alert from the hover opens while the mouse event is handled, before the page can answer
    // this: by then the dialog event is in.
    await page.evaluate(() => 0);
    assert.equal(dialogs, 0);
    assert.deepEqual(pageErrors, []);
  } finally {
    await close();
  }
  // Default settings leave raw HTML in markdown out: why the shortcode is the way in.
  assert.doesNotMatch(readFileSync(join(site, 'root', 'blog', 'posts', 'raw', 'index.html'), 'utf8'), /<sales-kpi-calculator|evil\.js/);
});

test('the Hugo shortcodes that the builder writes carry any model through Hugo unchanged', async () => {
  const { page, pageErrors, close } = await openPage(browser, `${server.url}blog/posts/models/`);
  try {
    const widgets = page.locator(W);
    assert.equal(await widgets.count(), 2);
    const models = await widgets.evaluateAll((all) => all.map((e) => JSON.parse(e.getAttribute('model'))));
    assert.deepEqual(models, Object.values(MODELS));
    // The widget takes them: 500 × 0.4 × 0.5 × 0.3 × 5,000.
    await page.locator(`${W} [data-result="/funnel/revenue"][data-value]`).nth(1).waitFor();
    assert.deepEqual(await page.locator(`${W} [data-result="/funnel/revenue"]`).evaluateAll((all) => all.map((e) => e.getAttribute('data-value'))), ['150000', '150000']);
    assert.deepEqual(pageErrors, []);
  } finally {
    await close();
  }
});

test('the shortcode passes every attribute the element observes', async () => {
  const { page, close } = await openPage(browser, `${server.url}blog/posts/kpi/`);
  try {
    const observed = await page.evaluate(async () => (await customElements.whenDefined('sales-kpi-calculator')).observedAttributes);
    const shortcode = readFileSync(SHORTCODE, 'utf8');
    for (const name of [...observed, 'url-state']) assert.match(shortcode, new RegExp(`\\.Get "${name}" \\}\\} ${name}=`), name);
  } finally {
    await close();
  }
});

test('the shortcode puts fallback text in the post\'s language inside the element, hidden once the module runs', async () => {
  const danish = readFileSync(join(site, 'root', 'blog', 'posts', 'kpi', 'index.html'), 'utf8');
  assert.match(danish, /<sales-kpi-calculator[^>]*>\s*<p>Her skulle der være en beregner til salgs-KPI’er, men din browser kunne ikke køre den\.<\/p>\s*<\/sales-kpi-calculator>/);
  const english = readFileSync(join(site, 'root', 'blog', 'posts', 'hostile', 'index.html'), 'utf8');
  assert.match(english, /<p>A sales KPI calculator belongs here, but your browser could not run it\.<\/p>\s*<\/sales-kpi-calculator>/);
  const { page, close } = await openPage(browser, `${server.url}blog/posts/kpi/`);
  try {
    await page.locator(`${W} [data-result="/funnel/revenue"][data-value]`).waitFor();
    assert.equal(await page.locator(`${W} > p`).isVisible(), false);
  } finally {
    await close();
  }
});
