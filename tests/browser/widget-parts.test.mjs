// The parts a page can style with ::part() are the ones custom-elements.json (and the README)
// documents: the planner, with every panel, puts each documented part on the page and no other,
// and a page's ::part(goal-panel) rule reaches the Goal panel alone.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { elementOf, widgetManifest } from '../../scripts/manifest.mjs';
import { openPage, useBrowser, waitForIdle } from './harness.mjs';
import { ready, W } from './widget-page.mjs';

const env = useBrowser({ before, after });
const documented = elementOf(widgetManifest()).cssParts.map((part) => part.name).sort();
// The article's own parts: the planner is a dashboard, so they are checked on the embed page.
const ARTICLE_ONLY = ['answer', 'more'];

test('the planner shows every documented part and no other; each panel has `panel` and a name of its own', async () => {
  const { page, pageErrors, close } = await openPage(env.browser, `${env.server.url}index.html`);
  try {
    await ready(page);
    await waitForIdle(page);
    await page.addStyleTag({ content: `${W}::part(goal-panel) { outline: 3px solid rgb(1, 2, 3) }` });
    const seen = await page.locator(W).evaluate((element) => {
      const root = /** @type {ShadowRoot} */ (element.shadowRoot);
      const tokens = [...root.querySelectorAll('[part]')].flatMap((node) => [...node.part]);
      const panels = [...root.querySelectorAll('[data-section]')].map((panel) => ({ section: panel.getAttribute('data-section'), part: [...panel.part], outline: getComputedStyle(panel).outlineColor }));
      return { tokens: [...new Set(tokens)].sort(), panels };
    });
    assert.deepEqual(seen.tokens, documented.filter((name) => !ARTICLE_ONLY.includes(name)));
    assert.equal(seen.panels.length, documented.filter((name) => name.endsWith('-panel')).length, 'one panel per documented panel part');
    for (const panel of seen.panels) {
      assert.equal(panel.part.length, 2, `${panel.section}: ${panel.part}`);
      assert.equal(panel.part[0], 'panel');
      assert.match(panel.part[1], /^[a-z-]+-panel$/);
    }
    const outlined = seen.panels.filter((panel) => panel.outline === 'rgb(1, 2, 3)').map((panel) => panel.part[1]);
    assert.deepEqual(outlined, ['goal-panel'], '::part(goal-panel) styles the Goal panel alone');
    assert.deepEqual(pageErrors, []);
  } finally {
    await close();
  }
});

test('an article shows its answer and its More row as documented parts, and no undocumented one', async () => {
  const { page, pageErrors, close } = await openPage(env.browser, `${env.server.url}embed.html`);
  try {
    await ready(page);
    const tokens = await page.locator(W).evaluate((element) => [...new Set([.../** @type {ShadowRoot} */ (element.shadowRoot).querySelectorAll('[part]')].flatMap((node) => [...node.part]))]);
    for (const name of ARTICLE_ONLY) assert.ok(tokens.includes(name), `the article has the part ${name}`);
    assert.deepEqual(tokens.filter((name) => !documented.includes(name)), []);
    assert.deepEqual(pageErrors, []);
  } finally {
    await close();
  }
});
