// The widget's text tables are complete and in step: the first-view files (i18n-xx.js, texts in
// the order of KEYS, each marked with its key in a comment) and the rest (more-xx.js) of every
// language have the same keys, and every key the widget asks for is in one of them. No browser.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { WWW } from './harness.mjs';

const DIR = join(WWW, 'widget');
const load = async (file) => (await import(pathToFileURL(join(DIR, file)).href)).default;
const { KEYS, LANGS, moreText, translator } = await import(pathToFileURL(join(DIR, 'i18n.js')).href);

test('every language has one first-view text per key, in order, and the same other texts', async () => {
  const moreKeys = Object.keys(await load('more-en.js')).sort();
  for (const lang of LANGS) {
    const file = `i18n-${lang}.js`;
    const texts = await load(file);
    assert.equal(texts.length, KEYS.length, `${file}: ${texts.length} texts for ${KEYS.length} keys`);
    assert.ok(texts.every((s) => typeof s === 'string' && s.trim()), `${file}: an empty text`);
    const marked = [...readFileSync(join(DIR, file), 'utf8').matchAll(/^\s*\/\* ([\w-]+) \*\//gm)].map((m) => m[1]);
    assert.deepEqual(marked, KEYS, `${file}: the comments name KEYS in order`);
    assert.deepEqual(Object.keys(await load(`more-${lang}.js`)).sort(), moreKeys, `more-${lang}.js has the keys of more-en.js`);
    assert.deepEqual(KEYS.filter((k) => moreKeys.includes(k)), [], 'no key in both parts');
  }
});

test('every text the widget asks for exists in every language', async () => {
  const source = readdirSync(DIR, { recursive: true })
    .map(String)
    .filter((f) => f.endsWith('.js') && !/^(i18n|more|plan-text)-/.test(f) && !/^panels[\\/](plan|progress|public-holidays)/.test(f))
    .map((f) => readFileSync(join(DIR, f), 'utf8'))
    .join('\n');
  // t('key'), view.t('key', …), rare('key'), text('key'), button('key', …), panel(view, 'key', …)
  const used = new Set([...source.matchAll(/\b(?:t|rare|text|button)\('([\w-]+)'|\bpanel\(\s*view,\s*'([\w-]+)'/g)].map((m) => m[1] ?? m[2]));
  // The names of model and report pointers (labelOf): the last word, or the section's for a rate.
  for (const [, ptr] of source.matchAll(/'(\/[A-Za-z]+(?:\/[A-Za-z]+)?)'/g)) {
    const p = ptr.split('/');
    if (!/^\/(name|funnel\/top|funnel\/stages)$/.test(ptr)) used.add(p.at(-1) === 'rate' ? p[1] : p.at(-1));
  }
  for (const k of ['p10', 'p50', 'p90', 'chance']) used.add(k);
  for (const p of ['inbound', 'outbound', 'leads', 'unit-economics']) used.add(`st_${p}`);
  for (const p of ['inbound', 'outbound', 'leads']) used.add(`top_${p}`);
  assert.ok(used.size > 100, `found ${used.size} keys`);
  for (const lang of LANGS) {
    const t = await translator(lang);
    await moreText(lang);
    const missing = [...used].filter((k) => t(k) === k);
    assert.deepEqual(missing, [], `${lang}: missing texts`);
  }
});

test('the Plan and Progress panels have every text they ask for in every language (plan-text-xx.js)', async () => {
  const source = readdirSync(join(DIR, 'panels'))
    .filter((f) => /^(plan|progress).*\.js$/.test(f))
    .map((f) => readFileSync(join(DIR, 'panels', f), 'utf8'))
    .join('\n');
  // t('key') of the panel's own translator (view.t is the widget's), and the keys made from names.
  const used = new Set([...source.matchAll(/(?<![.\w])t\('([\w-]+)'/g)].map((m) => m[1]));
  for (const key of ['thisMonth', 'thisQuarter', 'next3', 'thisYear', 'goalModel', 'goalAmount', 'goalGrowth']) used.add(key);
  // Progress: why a pasted cell was refused, and a chance in words (progress.js, progress-results.js).
  for (const key of ['whyDate', 'whyAmbiguousDate', 'whyNumber', 'whyAmbiguous', 'whyColumns']) used.add(key);
  for (const key of ['impossible', 'certain', 'veryLikely', 'likely', 'even', 'unlikely', 'veryUnlikely']) used.add(key);
  assert.ok(used.size > 30, `found ${used.size} keys`);
  const english = Object.keys(await load('plan-text-en.js')).sort();
  for (const lang of LANGS) {
    const texts = await load(`plan-text-${lang}.js`);
    assert.deepEqual(Object.keys(texts).sort(), english, `plan-text-${lang}.js has the keys of plan-text-en.js`);
    assert.deepEqual([...used].filter((key) => !texts[key]?.trim()), [], `${lang}: missing texts`);
  }
});
