// Hostile pages and URLs cannot break the widget or the page around it: markup in attributes, in
// the page's query string and in the share fragment stays text; CSS-ish attribute values never
// reach a style; embed.html answers only its own parent (with the right WordPress secret); the
// builder's snippets keep hostile stage names inert; all of it also under a strict CSP with
// Trusted Types, and no request ever leaves the page's origin.
import assert from 'node:assert/strict';
import { strFromU8, unzipSync } from 'fflate';
import { readSheet } from './xlsx.mjs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { openPage, startServer, useBrowser, waitForIdle, waitUntil, WWW } from './harness.mjs';
import { openMore } from './widget-page.mjs';

const env = useBrowser({ before, after });
const W = 'sales-kpi-calculator';
const origin = () => new URL(env.server.url).origin;

// Stage names an attacker would like to see parsed (each within the engine's 40 characters).
const N = {
  img: '<img src=x onerror="window.__pwned=1">',
  script: '<script>window.__pwned=1</script>',
  svg: '"><svg onload=window.__pwned=1>',
  formula: '=HYPERLINK("http://evil.example/","x")',
};
const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; require-trusted-types-for 'script'";
const esc = (s) => String(s).replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const b64 = (o) => Buffer.from(typeof o === 'string' ? o : JSON.stringify(o)).toString('base64url');
const note = (name, value) => `The setting ${name}="${value}" is not valid, so the default is used.`;
const BAD_LINK = 'The numbers in this link could not be read, so the example is shown.';

/** A model whose stage names are markup: 1000 × 0.5 × 0.5 × 0.2 × 100 = 5000. */
const namesModel = (names = [N.img, N.script, N.svg]) => ({
  funnel: { top: '1000', stages: names.map((name, i) => ({ name, rate: ['0.5', '0.5', '0.2', '1'][i] })), dealSize: '100' },
  target: '10000',
});
/** The same, with every optional part, for a page showing all panels. */
const fullModel = (names) => ({
  ...namesModel(names),
  cycleDays: '45',
  acquisitionCost: '900',
  customer: { purchaseValue: '100', purchasesPerYear: '1', lifespanYears: '4', grossMargin: '0.6' },
  retention: { start: '200', end: '210', new: '30' },
  growth: { previous: '800000', current: '912000' },
});
const shareState = (m, extra = {}) => ({ v: 1, p: 'inbound', c: 'EUR', m, w: { '/funnel/stages/1/rate': { unit: 'add', value: '0.01' } }, r: { '/funnel/top': { low: '800', high: '1200' } }, ...extra });

const TEST_PAGE = (body, { csp = false, title = 'Hostile host' } = {}) => `<!doctype html><html lang="en"><head><meta charset="utf-8">
${csp ? `<meta http-equiv="Content-Security-Policy" content="${CSP}">` : ''}
<title>${title}</title>
<script type="module" src="widget/sales-kpi-calculator.js"></script>
</head><body><main><h1>${title}</h1>
${body}
</main></body></html>`;

const recordViolations = () => {
  window.violations = [];
  document.addEventListener('securitypolicyviolation', (e) => window.violations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sample}`));
};

/** Opens a generated page at `name` on the test origin (optionally with a fragment). */
async function generated(name, html, { hash = '', contextOptions } = {}) {
  const o = await openPage(env.browser, null, {
    contextOptions,
    beforeNavigate: async (p) => {
      await p.addInitScript(recordViolations);
      await p.route(`${env.server.url}${name}`, (route) => route.fulfill({ contentType: 'text/html', body: html }));
    },
  });
  await o.page.goto(`${env.server.url}${name}${hash}`);
  return o;
}

/** Opens one of the site's own pages (with a hostile query or fragment). */
function sitePage(path, options = {}) {
  return openPage(env.browser, `${env.server.url}${path}`, { ...options, beforeNavigate: (p) => p.addInitScript(recordViolations) });
}

// Computed, with the article's "More" row open, so every panel's text is on screen.
const ready = async (page, host = W) => {
  await page.locator(`${host} [data-result="/funnel/revenue"][data-value]`).first().waitFor();
  await openMore(page, host);
};
const value = (page, host, sel) => page.locator(`${host} ${sel}`).first().getAttribute('data-value');
const notes = (page, host = W) => page.locator(`${host} .notice p`).allTextContents();

// Everything the widget makes: anything else in its shadow root came from someone's markup.
// Progress panel: its burn-up chart (polyline, circle with a title) and its legend (ul, li).
const ALLOWED = 'button caption circle details div fieldset h2 h3 header input label legend li line option p polyline rect section select span strong summary svg table tbody td text th thead title tr ul';

/**
 * Looks through the document and every open shadow root for what markup would have made: tags
 * the widget never makes, event-handler, style and URL attributes, scripts that are not the page's
 * own module files, images, frames and plug-ins; and whether a payload ran.
 */
function audit(page) {
  return page.evaluate((allowed) => {
    const allow = new Set(allowed.split(' '));
    const problems = [];
    const show = (el, a) => `<${el.localName}${a ? ` ${a.name}="${a.value}"` : ''}>`;
    for (const el of document.querySelectorAll('*')) {
      if (['img', 'iframe', 'frame', 'object', 'embed', 'base', 'svg', 'math'].includes(el.localName)) problems.push(`document ${show(el)}`);
      if (el.localName === 'script' && (!el.src || new URL(el.src).origin !== location.origin || el.textContent.trim())) problems.push(`document script ${el.src || el.textContent}`);
      for (const a of el.attributes) if (/^on/i.test(a.name) || a.name === 'style') problems.push(`document ${show(el, a)}`);
      if (!el.shadowRoot) continue;
      for (const x of el.shadowRoot.querySelectorAll('*')) {
        if (!allow.has(x.localName)) problems.push(`shadow ${show(x)}`);
        for (const a of x.attributes) {
          if (/^on/i.test(a.name) || /^(style|src|srcset|srcdoc|href|xlink:href|action|formaction|background|poster|data)$/i.test(a.name)) problems.push(`shadow ${show(x, a)}`);
        }
      }
    }
    return { problems, pwned: window.__pwned ?? null, violations: window.violations ?? [] };
  }, ALLOWED);
}

/** Requests that left the page's origin, or that markup would have made (img src=x, url(//evil…)). */
function strays(requests, allowed = [origin()]) {
  return requests.filter((u) => {
    if (/^(blob|data):/.test(u)) return false;
    const url = new URL(u);
    if (url.pathname === '/x' || url.pathname === '/y') return true;
    return !allowed.includes(url.origin);
  });
}

/** The shadow root's text, its inputs' values and the visible labels of the per-step results. */
function shown(page, host) {
  return page.evaluate((sel) => {
    const root = document.querySelector(sel).shadowRoot;
    const labels = [...root.querySelectorAll('.sub [data-result^="/funnel/stages/"]')].map((v) => {
      const k = v.closest('summary').querySelector('.k');
      return { text: k.textContent, visible: k.checkVisibility() };
    });
    const names = [...root.querySelectorAll('input[data-field$="/name"]')].map((i) => i.value);
    const chart = [...root.querySelectorAll('svg text')].map((t) => t.textContent);
    return { text: root.textContent, labels, names, chart };
  }, host);
}

async function assertClean(o, where) {
  // A stray request has been answered and an image's error event has had its frames.
  await waitForIdle(o.page);
  const a = await audit(o.page);
  assert.deepEqual(a.problems, [], `${where}: nothing made from markup`);
  assert.equal(a.pwned, null, `${where}: no payload ran`);
  assert.deepEqual(a.violations, [], `${where}: no CSP or Trusted Types violation`);
  assert.deepEqual(strays(o.requests), [], `${where}: no request outside the origin`);
  assert.deepEqual(o.pageErrors, [], `${where}: no uncaught error`);
  assert.deepEqual(o.consoleErrors, [], `${where}: nothing logged as an error`);
}

async function assertNamesShown(page, host, names) {
  const s = await shown(page, host);
  assert.deepEqual(s.names, names, 'the name inputs hold the markup as typed');
  assert.deepEqual(
    s.labels,
    names.map((text) => ({ text, visible: true })),
    'the step results are labelled with the literal names, visibly',
  );
  for (const n of names) {
    assert.ok(s.text.includes(n), `the text "${n}" appears literally`);
    assert.ok(s.chart.some((t) => t.startsWith(`${n}: `)), `the funnel chart labels "${n}" as text`);
  }
}

// ---- 1. markup in attributes ----

const SETTINGS = {
  locale: N.img,
  currency: '"><b>EUR</b>',
  preset: N.script,
  sections: '<svg onload=window.__pwned=1>',
  'what-if': N.img,
  'wasm-url': 'javascript:window.__pwned=1',
};
const attrs = (o) => Object.entries(o).map(([k, v]) => `${k}="${esc(v)}"`).join(' ');

test('markup in attributes is rendered as text; invalid values get a polite note and the default', async () => {
  const html = TEST_PAGE(`<${W} id="names" editable-stages layout="dashboard" model="${esc(JSON.stringify(namesModel()))}"></${W}>
<${W} id="settings" ${attrs(SETTINGS)}></${W}>
<${W} id="badmodel" model="${esc(N.img)}"></${W}>
<${W} id="late" editable-stages preset="leads"></${W}>`);
  const o = await generated('hostile-attrs.html', html);
  const { page } = o;
  try {
    for (const id of ['names', 'settings', 'badmodel', 'late']) await ready(page, `#${id}`);

    // Stage names from the model attribute: shown literally, computed normally.
    await assertNamesShown(page, '#names', [N.img, N.script, N.svg]);
    assert.equal(await value(page, '#names', '[data-result="/funnel/revenue"]'), '5000');
    assert.deepEqual(await notes(page, '#names'), []);

    // Each setting holding markup: a note quoting it literally, and the default in effect.
    const said = await notes(page, '#settings');
    for (const [name, v] of Object.entries(SETTINGS)) assert.ok(said.includes(note(name, v)), `a note for ${name}: ${JSON.stringify(said)}`);
    assert.equal(said.length, Object.keys(SETTINGS).length);
    assert.equal(await value(page, '#settings', '[data-result="/funnel/revenue"]'), '750000', 'the inbound example');
    assert.equal(await value(page, '#settings', '[data-scenario="/funnel/revenue"]'), '750000', 'no what-if');
    assert.match(await page.locator('#settings [data-result="/funnel/revenue"]').first().textContent(), /^\$750,000/, 'English, US dollars');
    const panels = await page.locator('#settings [data-section]').evaluateAll((els) => els.map((e) => e.dataset.section));
    // The default article: the funnel's inputs on top, the other default panels behind "More".
    assert.deepEqual(panels, ['pResults', 'pWhatIf', 'pGoal'], 'the default panels');

    // A model attribute that is markup, not JSON: a note and the example.
    assert.deepEqual(await notes(page, '#badmodel'), [note('model', N.img)]);
    assert.equal(await value(page, '#badmodel', '[data-result="/funnel/revenue"]'), '750000');

    // Attributes a script sets later go the same way.
    await page.evaluate(([model, loc]) => {
      const el = document.getElementById('late');
      el.setAttribute('model', model);
      el.setAttribute('locale', loc);
    }, [JSON.stringify(namesModel([N.svg, N.img])), N.script]);
    await page.waitForFunction(() => document.getElementById('late').shadowRoot.querySelector('[data-result="/funnel/revenue"]')?.dataset.value === '25000');
    await assertNamesShown(page, '#late', [N.svg, N.img]);
    assert.deepEqual(await notes(page, '#late'), [note('locale', N.script)]);

    assert.equal(await page.title(), 'Hostile host');
    await assertClean(o, 'attributes');
  } finally {
    await o.close();
  }
});

test('markup in the page query string (embed.html) stays text; wasm-url cannot be set from a link', async () => {
  const q = new URLSearchParams({
    'editable-stages': '',
    model: JSON.stringify(namesModel()),
    locale: N.script,
    currency: N.img,
    sections: `funnel ${N.svg}`,
    'wasm-url': 'http://evil.example/x.wasm',
    theme: 'dark;background:url(//evil.example/x)',
  });
  const o = await sitePage(`embed.html?${q}`);
  const { page } = o;
  try {
    await ready(page);
    await assertNamesShown(page, W, [N.img, N.script, N.svg]);
    const said = await notes(page);
    assert.ok(said.includes(note('locale', N.script)), said.join('\n'));
    assert.ok(said.includes(note('currency', N.img)), said.join('\n'));
    assert.ok(said.includes(note('sections', N.svg)), said.join('\n'));
    assert.ok(!said.some((s) => /wasm-url|evil/.test(s)), 'the link cannot choose where the engine comes from');
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'en', 'the page keeps its language');
    assert.equal(await page.locator(W).getAttribute('wasm-url'), null);
    await assertClean(o, 'embed.html query');
  } finally {
    await o.close();
  }
});

test('oversized and deeply nested values in a link or attribute are refused politely', async () => {
  const nested = (depth) => `{"funnel":{"top":"1","dealSize":"1","stages":[${'['.repeat(depth)}${']'.repeat(depth)}]}}`;
  // The query string goes to the server (which takes 16 KB of headers); the fragment does not.
  const model = nested(1500);
  const long = `funnel${' <b>'.repeat(500)}`;
  const hash = `#skc=${b64(`{"v":1,"p":"inbound","c":"EUR","m":${nested(50000)},"w":{},"r":{}}`)}`;
  const o = await sitePage(`embed.html?${new URLSearchParams({ model, sections: long })}${hash}`);
  const { page } = o;
  try {
    await ready(page);
    // Each note quotes at most 80 characters of what it refused.
    const sectionsNote = note('sections', long.split(/\s+/).slice(1).join(' ').slice(0, 80));
    assert.deepEqual(await notes(page), [sectionsNote, note('model', model.slice(0, 80)), BAD_LINK]);
    assert.equal(await value(page, W, '[data-result="/funnel/revenue"]'), '750000');
    // Deeper than any stack: still just a note.
    const deep = nested(200000);
    await page.evaluate((m) => document.querySelector('sales-kpi-calculator').setAttribute('model', m), deep);
    await page.waitForFunction(() => !document.querySelector('sales-kpi-calculator').shadowRoot.textContent.includes('could not be read'));
    assert.deepEqual(await notes(page), [sectionsNote, note('model', deep.slice(0, 80))]);
    assert.equal(await value(page, W, '[data-result="/funnel/revenue"]'), '750000');
    await assertClean(o, 'oversized values');
  } finally {
    await o.close();
  }
});

// ---- 2. markup in the share fragment ----

test('stage names with markup in a shared link (#skc=) stay text in every panel and the spreadsheet', async () => {
  const names = [N.img, N.script, N.svg, N.formula];
  const hash = `#skc=${b64(shareState(fullModel(names)))}`;
  const o = await sitePage(`index.html${hash}`, { contextOptions: { acceptDownloads: true } });
  const { page } = o;
  try {
    await ready(page);
    await page.locator(`${W} [data-sim="p50"][data-value]:not([data-value=""])`).waitFor();
    await assertNamesShown(page, W, names);
    assert.deepEqual(await notes(page), []);
    assert.equal(await value(page, W, '[data-result="/funnel/revenue"]'), '5000');
    // The sensitivity chart names the levers by their steps' names, as text. (It is drawn for
    // velocity, whose levers differ; for revenue they are all equal and a sentence says so.)
    await page.locator(`${W} [data-section="pSens"] select`).selectOption('/velocity/perDay');
    await page.locator(`${W} [data-section="pSens"] svg text`, { hasText: 'Sales cycle' }).waitFor();
    const tornado = await page.locator(`${W} [data-section="pSens"] svg text`).allTextContents();
    assert.ok(tornado.some((t) => t.includes(N.script)), tornado.join(' | '));

    const [download] = await Promise.all([page.waitForEvent('download'), page.locator(`${W} button`, { hasText: 'Download spreadsheet' }).click()]);
    const bytes = await readFile(await download.path());
    const cells = readSheet(bytes).flat();
    for (const name of names) assert.ok(cells.includes(name), `${name} is a text cell, unchanged`);
    // A name that looks like a formula is a text cell, never a formula (<f>) in the sheet.
    assert.doesNotMatch(strFromU8(unzipSync(new Uint8Array(bytes))['xl/worksheets/sheet1.xml']), /<f>/);
    await assertClean(o, 'fragment');
  } finally {
    await o.close();
  }
});

test('a tampered or garbled fragment loads the example and says so politely, also on hashchange', async () => {
  const o = await sitePage(`embed.html#skc=${encodeURIComponent(N.img)}`);
  const { page } = o;
  try {
    await ready(page);
    assert.deepEqual(await notes(page), [BAD_LINK]);
    assert.equal(await value(page, W, '[data-result="/funnel/revenue"]'), '750000');
    const good = shareState(namesModel());
    const tampered = [
      { ...good, c: '<b>' }, // currency is not a code
      { ...good, p: N.script }, // unknown preset
      { ...good, m: namesModel([`${N.img}${N.script}`]), w: {}, r: {} }, // a name longer than 40 characters
      // An unknown key (JSON.stringify would drop a literal __proto__ key: write it as an attacker would).
      JSON.stringify(good).replace('"target":', '"__proto__":{"polluted":1},"target":'),
      { ...good, w: { '/constructor/prototype': { unit: 'by', value: '1' } } }, // not a lever
      { ...good, r: { '/funnel/stages/0/name': { low: '1', high: '2' } } }, // a range over a name
    ];
    const fragments = [...tampered.map((s) => b64(s)), b64(JSON.stringify(good).slice(0, -9)), `${b64(good)}%3Cscript%3E`, '%22%3E%3Cimg%20src=x%20onerror=__pwned=1%3E'];
    for (const [i, f] of fragments.entries()) {
      await page.evaluate((h) => (location.hash = h), `#skc=${f}`);
      await page.waitForFunction((n) => document.querySelector('sales-kpi-calculator').shadowRoot.querySelectorAll('.notice p').length === n, i + 2);
      assert.equal(await value(page, W, '[data-result="/funnel/revenue"]'), '750000', `fragment ${i}: the state is unchanged`);
    }
    assert.ok((await notes(page)).every((n) => n === BAD_LINK));
    assert.equal(await page.evaluate(() => ({}).polluted ?? null), null, 'no prototype was polluted');
    await assertClean(o, 'tampered fragment');
  } finally {
    await o.close();
  }
});

// ---- 3. CSS from attributes ----

// `theme` is the only attribute that reaches styling, through :host([theme=dark]) and
// :host(:not([theme=light])); nothing in the widget writes a style from an attribute or state.
const THEMES = ['dark;background:url(//evil.example/x)', 'red} body{display:none', 'dark" style="background:url(//evil.example/y)', 'light;--skc-bg:url(//evil.example/x)', 'dark}:host{background:url(/x)'];

test('CSS-like theme values never reach a computed style or the network', async () => {
  const html = TEST_PAGE([`<${W} id="t-dark" theme="dark"></${W}>`, ...THEMES.map((t, i) => `<${W} id="t${i}" theme="${esc(t)}"></${W}>`)].join('\n'));
  const o = await generated('hostile-css.html', html, { contextOptions: { colorScheme: 'light' } });
  const { page } = o;
  try {
    for (const id of ['t-dark', ...THEMES.map((_, i) => `t${i}`)]) await ready(page, `#${id}`);
    const styles = await page.evaluate(() => {
      const out = {};
      for (const el of document.querySelectorAll('sales-kpi-calculator')) {
        const root = el.shadowRoot.querySelector('.root');
        const images = [el, ...el.shadowRoot.querySelectorAll('*')].flatMap((x) => {
          const c = getComputedStyle(x);
          return [c.backgroundImage, c.borderImageSource, c.listStyleImage, c.content, c.maskImage].filter((v) => /url\(/.test(v));
        });
        out[el.id] = { bg: getComputedStyle(root).backgroundColor, scheme: getComputedStyle(el).colorScheme, images };
      }
      const b = getComputedStyle(document.body);
      out.body = { display: b.display, image: b.backgroundImage, html: getComputedStyle(document.documentElement).backgroundImage };
      return out;
    });
    assert.deepEqual(styles['t-dark'], { bg: 'rgb(20, 24, 29)', scheme: 'dark', images: [] }, 'a valid theme works');
    for (const [i, t] of THEMES.entries()) assert.deepEqual(styles[`t${i}`], { bg: 'rgb(255, 255, 255)', scheme: 'light', images: [] }, `theme="${t}" has no effect`);
    assert.deepEqual(styles.body, { display: 'block', image: 'none', html: 'none' });
    await assertClean(o, 'css');
  } finally {
    await o.close();
  }
});

test('an invalid theme value is refused with a polite note', async () => {
  const o = await generated('hostile-theme.html', TEST_PAGE(`<${W} theme="${esc(THEMES[0])}"></${W}>`));
  try {
    await ready(o.page);
    assert.deepEqual(await notes(o.page), [note('theme', THEMES[0])]);
  } finally {
    await o.close();
  }
});

// ---- 4. postMessage ----

// Two more origins on loopback (a page on a public origin may not frame a loopback one): the
// blog that embeds the calculator, and an advertiser on the same blog page (or in a popup).
const LISTEN = `window.got = []; addEventListener('message', (e) => window.got.push({ origin: e.origin, data: e.data }));`;
// What WordPress makes of a discovered oEmbed iframe: sandboxed, with a secret in the fragment.
const WP_SANDBOX = 'sandbox="allow-scripts" security="restricted" data-secret="abc123"';

async function otherOrigins(frameAttrs) {
  const dir = await mkdtemp(join(tmpdir(), 'skc-hostile-'));
  const [blog, evil] = await Promise.all([startServer({ root: dir }), startServer({ root: dir })]);
  // The test server says Referrer-Policy: no-referrer; the blog's frame asks for the browsers'
  // default, so embed.js learns the blog's origin and checks it.
  const embed = `${env.server.url}embed.html?preset=leads#?secret=abc123`;
  await writeFile(
    join(dir, 'post.html'),
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Blog</title></head><body>
<iframe id="f" src="${esc(embed)}" title="Sales KPI calculator" width="600" height="400" referrerpolicy="strict-origin-when-cross-origin" ${frameAttrs}></iframe>
<iframe id="ad" src="${evil.url}ad.html" title="Advert" width="300" height="100"></iframe>
<script>window.msgs = []; window.others = [];
addEventListener('message', (e) => (e.source === document.getElementById('f').contentWindow ? window.msgs : window.others).push({ origin: e.origin, data: e.data }));</script></body></html>`,
  );
  await writeFile(join(dir, 'ad.html'), `<!doctype html><title>Advert</title><script>${LISTEN}</script>`);
  return {
    blog,
    evil,
    close: async () => {
      await Promise.all([blog.close(), evil.close()]);
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/**
 * A blog frames embed.html (plainly, or sandboxed as WordPress does) next to an advert of a third
 * origin; the advert and a popup of its origin try to talk to the calculator.
 */
async function framedEmbed({ sandboxed }) {
  const { blog, evil, close: closeServers } = await otherOrigins(sandboxed ? WP_SANDBOX : '');
  const A = origin();
  const o = await openPage(env.browser, null, {
    // A sandboxed frame has an opaque origin, so its module scripts and .wasm are CORS requests:
    // add the header a server hosting the embed for WordPress has to send.
    beforeNavigate: (p, context) =>
      sandboxed &&
      context.route(
        (u) => u.origin === A && !u.pathname.endsWith('.html'),
        async (route) => {
          const r = await route.fetch();
          await route.fulfill({ response: r, headers: { ...r.headers(), 'access-control-allow-origin': '*' } });
        },
      ),
  });
  const { page } = o;
  // What the frame sent the blog, without its acknowledgements of probes (below).
  const msgs = () => page.evaluate(() => window.msgs.filter((m) => !m.data?.probeSeen));
  // The frame reports its height as it lays out, and after its deferred reports: wait for those.
  const settle = async () => {
    await waitForIdle(page);
    return (await msgs()).length;
  };
  // Messages from one window arrive in order. A sender posts a probe after its messages; the
  // frame acknowledges it to the blog, after any answer it gave to those messages. Once the
  // blog has every acknowledgement, the frame has handled the messages and its answers are in.
  const probe = (sender, name, target) => sender.evaluate(([p, t]) => (t === 'opener' ? window.opener : t === 'parent' ? window.parent : window).frames[0].postMessage({ probe: p }, '*'), [name, target]);
  const probed = (names) =>
    waitUntil(page, () => page.evaluate((want) => want.every((name) => window.msgs.some((m) => m.data?.probeSeen === name)), names), { message: `the frame to acknowledge ${names.join(', ')}` });
  const attack = (secret) => {
    // Both kinds of request embed.js answers, sent to the embed frame (the blog's first frame).
    const target = window.parent === window ? window.opener.frames[0] : window.parent.frames[0];
    target.postMessage({ type: 'sales-kpi:ping' }, '*');
    target.postMessage({ message: 'ready', secret }, '*');
  };
  try {
    await page.goto(`${blog.url}post.html`);
    const frame = page.frames().find((f) => f.url().startsWith(env.server.url));
    await frame.locator(`${W} [data-result="/funnel/revenue"][data-value]`).waitFor();
    // The frame knows the blog's origin (from the referrer), so it checks that too.
    assert.equal(await frame.evaluate(() => new URL(document.referrer).origin), new URL(blog.url).origin);
    await frame.evaluate(() => addEventListener('message', (event) => event.data?.probe && parent.postMessage({ probeSeen: event.data.probe }, '*')));
    let count = await settle();
    for (const m of await msgs()) {
      assert.equal(m.origin, sandboxed ? 'null' : A, 'from the embed frame');
      const keys = Object.keys(m.data).join();
      assert.ok((keys === 'type,height' && m.data.type === 'sales-kpi:height') || (keys === 'message,value,secret' && m.data.secret === 'abc123'), `only a height goes out: ${JSON.stringify(m.data)}`);
    }

    // An advert frame and a popup of another origin ask, with the right secret even: no answer.
    const ad = page.frames().find((f) => f.url() === `${evil.url}ad.html`);
    await ad.evaluate(attack, 'abc123');
    const [popup] = await Promise.all([page.waitForEvent('popup'), page.evaluate((u) => void window.open(u, 'ad'), `${evil.url}ad.html`)]);
    await popup.waitForLoadState();
    await popup.evaluate(attack, 'abc123');
    await probe(ad, 'ad', 'parent');
    await probe(popup, 'popup', 'opener');
    await probed(['ad', 'popup']);
    assert.equal((await msgs()).length, count, 'nothing answered to another window');
    assert.deepEqual(await ad.evaluate(() => window.got), [], 'the advert got nothing');
    assert.deepEqual(await popup.evaluate(() => window.got), [], 'the popup got nothing');
    assert.deepEqual(await page.evaluate(() => window.others), [], 'the blog got nothing from anyone else');
    await popup.close();

    // The parent with a wrong secret: no answer. With the right one: the WordPress answer.
    await page.evaluate(() => document.getElementById('f').contentWindow.postMessage({ message: 'ready', secret: 'nope' }, '*'));
    await page.evaluate(() => document.getElementById('f').contentWindow.postMessage({ message: 'ready', secret: ['abc123'] }, '*'));
    await probe(page, 'blog', 'self');
    await probed(['blog']);
    assert.equal((await msgs()).length, count, 'no answer to a wrong secret');
    await page.evaluate(() => document.getElementById('f').contentWindow.postMessage({ message: 'ready', secret: 'abc123' }, '*'));
    await waitUntil(page, async () => (await msgs()).length >= count + 2, { message: 'the answer to the right secret' });
    const answer = (await msgs()).slice(count);
    const height = answer.find((m) => m.data.type === 'sales-kpi:height').data.height;
    assert.ok(height > 300);
    assert.ok(answer.some((m) => m.data.message === 'height' && m.data.value === height && m.data.secret === 'abc123'));
    count = (await msgs()).length;
    await page.evaluate(() => document.getElementById('f').contentWindow.postMessage({ type: 'sales-kpi:ping' }, '*'));
    await waitUntil(page, async () => (await msgs()).length > count, { message: 'an answer to a ping' });

    const b = new URL(blog.url).origin;
    const e = new URL(evil.url).origin;
    assert.deepEqual(strays(o.requests, [A, b, e]), []);
    const theirs = o.requests.filter((u) => [b, e].includes(new URL(u).origin) && !/\/(post|ad)\.html$|\/favicon\.ico$/.test(u));
    assert.deepEqual(theirs, [], 'only the test pages were asked of the other origins');
    assert.deepEqual(o.pageErrors, []);
    assert.deepEqual(o.consoleErrors, []);
  } finally {
    await o.close();
    await closeServers();
  }
}

test('embed.html answers only its own parent, and the WordPress secret only to it', () => framedEmbed({ sandboxed: false }));

test('the same inside the sandboxed iframe WordPress makes of an oEmbed link', () => framedEmbed({ sandboxed: true }));

test(
  'embed.html runs in a sandboxed iframe with the files as served',
  async () => {
    const { blog, close: closeServers } = await otherOrigins(WP_SANDBOX);
    const o = await openPage(env.browser, `${blog.url}post.html`);
    try {
      const frame = o.page.frames().find((f) => f.url().startsWith(env.server.url));
      await frame.locator(`${W} [data-result="/funnel/revenue"][data-value]`).waitFor({ timeout: 3000 });
    } finally {
      await o.close();
      await closeServers();
    }
  },
);

// ---- the builder ----

test('the builder keeps hostile stage names inert in its snippets; it uses no postMessage', async () => {
  const source = await readFile(new URL('../../www/builder.js', import.meta.url), 'utf8');
  assert.doesNotMatch(source, /postMessage|addEventListener\('message'/, 'the preview talks by DOM events only');
  const o = await sitePage('builder.html');
  const { page } = o;
  try {
    await ready(page, '#preview');
    // The builder sets the preview's attributes once its own module has loaded, which rebuilds
    // the preview: a name typed before that is lost, so type it again until the snippet has it.
    for (let i = 0; ; i++) {
      const name = page.locator('#preview input[data-field="/funnel/stages/0/name"]');
      await name.fill(N.svg);
      await name.press('Tab');
      const ok = await page
        .waitForFunction((n) => document.getElementById('script-snippet').value.includes(n), 'onload=window.__pwned=1', { timeout: 2000 })
        .then(() => true, () => false);
      if (ok) break;
      assert.ok(i < 4, 'the snippet follows the preview');
    }
    const parsed = await page.evaluate(() => {
      // DOMParser documents are inert: nothing in them loads or runs.
      const parse = (id) => new DOMParser().parseFromString(document.getElementById(id).value, 'text/html');
      const tags = (d) => [...d.querySelectorAll('body *, head *')].map((e) => e.localName);
      const s = parse('script-snippet');
      const f = parse('iframe-snippet');
      const el = s.querySelector('sales-kpi-calculator');
      const iframe = f.querySelector('iframe');
      return {
        scriptTags: tags(s),
        scriptSrc: s.querySelector('script').getAttribute('src'),
        model: el && JSON.parse(el.getAttribute('model')),
        attrs: el && [...el.attributes].map((a) => a.name),
        style: el && el.getAttribute('style'),
        iframeTags: tags(f),
        iframeAttrs: iframe && [...iframe.attributes].map((a) => a.name),
        iframeModel: iframe && JSON.parse(new URL(iframe.getAttribute('src')).searchParams.get('model')),
        link: JSON.parse(new URL(document.getElementById('link-snippet').value).searchParams.get('model')),
      };
    });
    // The element holds the fallback for readers whose browser cannot run it: a sentence and a link.
    assert.deepEqual(parsed.scriptTags, ['script', 'sales-kpi-calculator', 'p', 'a']);
    assert.equal(new URL(parsed.scriptSrc).origin, origin());
    assert.deepEqual(parsed.attrs, ['preset', 'model', 'style']);
    // The one style is the reserved space, made from numbers only.
    assert.match(parsed.style, /^display:block;min-height:\d+px$/);
    assert.equal(parsed.model.funnel.stages[0].name, N.svg);
    assert.deepEqual(parsed.iframeTags, ['iframe']);
    assert.deepEqual(parsed.iframeAttrs, ['src', 'title', 'width', 'height', 'loading', 'style']);
    assert.equal(parsed.iframeModel.funnel.stages[0].name, N.svg);
    assert.equal(parsed.link.funnel.stages[0].name, N.svg);
    await assertClean(o, 'builder');
  } finally {
    await o.close();
  }
});

test("the builder's snippets keep its own address exact, even one with markup or entities in it", async () => {
  // A server that serves the builder under any folder (a CMS, a rewrite rule) lets a link choose
  // that folder; the snippets must name it exactly and stay two inert elements.
  const dir = '/x&quot;&gt;&lt;b&gt;/';
  const o = await openPage(env.browser, null, {
    beforeNavigate: (p) =>
      p.route(
        (u) => u.origin === origin() && u.pathname.startsWith(dir),
        (route) => route.fulfill({ path: join(WWW, new URL(route.request().url()).pathname.slice(dir.length)) }),
      ),
  });
  const { page } = o;
  try {
    await page.goto(`${origin()}${dir}builder.html`);
    await page.waitForFunction(() => document.getElementById('iframe-snippet').value !== '');
    const got = await page.evaluate(() => {
      const parse = (id) => new DOMParser().parseFromString(document.getElementById(id).value, 'text/html');
      const s = parse('script-snippet');
      const f = parse('iframe-snippet');
      return {
        tags: [...s.querySelectorAll('head *, body *'), ...f.querySelectorAll('head *, body *')].map((e) => e.localName),
        script: s.querySelector('script').getAttribute('src'),
        fallback: s.querySelector('sales-kpi-calculator a')?.getAttribute('href'),
        iframe: f.querySelector('iframe').getAttribute('src'),
        link: document.getElementById('link-snippet').value,
      };
    });
    const base = new URL(dir, origin()).href;
    assert.deepEqual(got.tags, ['script', 'sales-kpi-calculator', 'p', 'a', 'iframe']);
    assert.equal(got.script, `${base}dist/widget/sales-kpi-calculator.js`);
    assert.equal(new URL(got.iframe).pathname, `${dir}dist/embed.html`);
    assert.equal(got.fallback, got.iframe, 'the fallback links to the iframe form');
    assert.equal(new URL(got.link).pathname, `${dir}dist/e/inbound/auto/auto/`);
    assert.deepEqual(o.pageErrors, []);
  } finally {
    await o.close();
  }
});

// ---- 5. the same under a strict CSP with Trusted Types ----

test('under a strict CSP with Trusted Types: attribute and fragment markup, no violation', async () => {
  const attrsPage = TEST_PAGE(`<${W} id="names" editable-stages layout="dashboard" model="${esc(JSON.stringify(namesModel()))}"></${W}>\n<${W} id="settings" ${attrs(SETTINGS)} theme="${esc(THEMES[0])}"></${W}>`, { csp: true, title: 'Strict host' });
  const a = await generated('csp-attrs.html', attrsPage);
  try {
    await ready(a.page, '#names');
    await ready(a.page, '#settings');
    await assertNamesShown(a.page, '#names', [N.img, N.script, N.svg]);
    const said = await notes(a.page, '#settings');
    for (const [name, v] of Object.entries(SETTINGS)) assert.ok(said.includes(note(name, v)), `a note for ${name}`);
    assert.equal(await value(a.page, '#settings', '[data-result="/funnel/revenue"]'), '750000');
    // Styled by the adopted sheet, which CSP allows.
    assert.equal(await a.page.evaluate(() => getComputedStyle(document.querySelector('#names').shadowRoot.querySelector('.panel')).borderTopLeftRadius), '10px');
    await assertClean(a, 'CSP attributes');
  } finally {
    await a.close();
  }
  const names = [N.img, N.script, N.svg, N.formula];
  const hashPage = TEST_PAGE(`<${W} sections="funnel target whatif goal sensitivity" editable-stages url-state></${W}>`, { csp: true, title: 'Strict host' });
  const b = await generated('csp-hash.html', hashPage, { hash: `#skc=${b64(shareState(fullModel(names)))}` });
  try {
    await ready(b.page);
    await assertNamesShown(b.page, W, names);
    assert.deepEqual(await notes(b.page), []);
    // Editing a name writes the fragment again (history.replaceState), also under the CSP.
    const was = await b.page.evaluate(() => location.hash);
    await b.page.locator(`${W} input[data-field="/funnel/stages/0/name"]`).fill(`${N.script}!`);
    await b.page.waitForFunction((h) => location.hash !== h && document.querySelector('sales-kpi-calculator').shadowRoot.querySelector('.sub .k').textContent.endsWith('!'), was);
    await assertClean(b, 'CSP fragment');
  } finally {
    await b.close();
  }
});
