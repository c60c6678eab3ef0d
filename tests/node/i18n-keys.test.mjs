// The widget's text is complete in every language (see www/widget/i18n.js): each part
// (i18n-xx.js for the first view, more-xx.js, plan-text-xx.js) has in Dutch and Danish exactly
// the keys of English, every key is camelCase and in one part only, no text is empty, and every
// key the code asks for is there. The translator never shows a key, so this is where a missing
// text is found.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';

const WWW = fileURLToPath(new URL('../../www/', import.meta.url));
const DIR = join(WWW, 'widget');
const { LANGS, hasText, loadText, textKey, translator } = await import(pathToFileURL(join(DIR, 'i18n.js')).href);
const { PRESETS, funnelPreset } = await import(pathToFileURL(join(DIR, 'state.js')).href);
const PARTS = { first: 'i18n', more: 'more', plan: 'plan-text' };
const TEXT_FILE = /^(i18n|more|plan-text)-\w+\.js$/;
/** @returns {Promise<Record<string, string>>} */
const load = async (file) => (await import(pathToFileURL(join(DIR, file)).href)).default;

test('every language has exactly the keys of English in each part, camelCase, with a text for each', async () => {
  for (const file of Object.values(PARTS)) {
    const english = Object.keys(await load(`${file}-en.js`)).sort();
    assert.ok(english.length > 40, `${file}-en.js: ${english.length} keys`);
    assert.deepEqual(english.filter((key) => !/^[a-z][a-zA-Z0-9]*$/.test(key)), [], `${file}-en.js: keys not camelCase`);
    for (const lang of LANGS) {
      const texts = await load(`${file}-${lang}.js`);
      assert.deepEqual(Object.keys(texts).sort(), english, `${file}-${lang}.js has the keys of ${file}-en.js`);
      assert.deepEqual(Object.keys(texts).filter((key) => typeof texts[key] !== 'string' || !texts[key].trim()), [], `${file}-${lang}.js: empty texts`);
    }
  }
});

test('no key is in two parts: the parts of a language make one table', async () => {
  const seen = new Map();
  for (const file of Object.values(PARTS))
    for (const key of Object.keys(await load(`${file}-en.js`))) {
      assert.ok(!seen.has(key), `${key} is in ${seen.get(key)}-en.js and ${file}-en.js`);
      seen.set(key, file);
    }
});

/** Every key the code names: t('key'), view.t('key', …), rare('key'), text('key'), button('key', …), panel(view, 'key', …) */
function usedKeys() {
  const files = readdirSync(DIR, { recursive: true })
    .map(String)
    .filter((f) => f.endsWith('.js') && !TEXT_FILE.test(f));
  const read = (/** @type {string[]} */ names) => names.map((f) => readFileSync(join(DIR, f), 'utf8')).join('\n');
  const widget = read(files);
  const builder = readFileSync(join(WWW, 'builder.js'), 'utf8');
  const used = new Set([...widget.matchAll(/\b(?:t|rare|text|button)\(\s*'(\w+)'|\bpanel\(\s*view,\s*'(\w+)'|\bt\(\w+ \? '(\w+)' : '(\w+)'\)/g)].flatMap((m) => m.slice(1).filter(Boolean)));
  // The key of a pointer's name (pointer-display.js labelOf): its last word, the section's for a
  // rate. The planning panels name their options' pointers themselves.
  const named = read(files.filter((f) => !/^panels[\\/](plan|progress|public-holidays)/.test(f)));
  for (const [, pointer] of named.matchAll(/'(\/[A-Za-z]+(?:\/[A-Za-z]+)?)'/g)) {
    const words = pointer.split('/');
    if (!/^\/(name|funnel|funnel\/top|funnel\/stages)$/.test(pointer)) used.add(words.at(-1) === 'rate' ? words[1] : words.at(-1));
  }
  // The builder names each section by a widget text (SECTION_TITLE).
  const titles = /const SECTION_TITLE = \{([^}]*)\}/.exec(builder)?.[1] ?? '';
  for (const [, key] of titles.matchAll(/:\s*'(\w+)'/g)) used.add(key);
  // Keys made from names the code has (textKey).
  for (const preset of PRESETS) used.add(textKey('stages', funnelPreset(preset)));
  for (const funnel of ['inbound', 'outbound', 'leads']) used.add(textKey('top', funnel));
  for (const cause of ['cors', 'status', 'mime', 'blocked']) used.add(textKey('cause', cause));
  const planCodes = /const known = \[([^\]]*)\];\s*return known\.includes\(code \?\? ''\) \? t\(textKey\('error'/.exec(readFileSync(join(DIR, 'panels', 'plan-results.js'), 'utf8'))?.[1];
  assert.ok(planCodes, 'plan-results.js: the error codes with a text of their own');
  for (const [, code] of planCodes.matchAll(/'(\w+)'/g)) used.add(textKey('error', code));
  // Keys chosen from a list: the percentiles and chance of uncertainty, the Plan panel's choices,
  // why a pasted cell was refused and a chance in words (progress.js, progress-results.js).
  for (const key of ['p10', 'p50', 'p90', 'chance', 'thisMonth', 'thisQuarter', 'next3', 'thisYear', 'goalModel', 'goalAmount', 'goalGrowth']) used.add(key);
  for (const key of ['whyDate', 'whyAmbiguousDate', 'whyNumber', 'whyAmbiguous', 'whyColumns']) used.add(key);
  for (const key of ['impossible', 'certain', 'veryLikely', 'likely', 'even', 'unlikely', 'veryUnlikely']) used.add(key);
  return used;
}

test('every text the code asks for exists in every language', async () => {
  const used = usedKeys();
  assert.ok(used.size > 200, `found ${used.size} keys`);
  for (const lang of LANGS) {
    await Promise.all(Object.keys(PARTS).map((part) => loadText(lang, part)));
    assert.deepEqual([...used].filter((key) => !hasText(lang, key)), [], `${lang}: missing texts`);
  }
});

test('the translator fills in values, and gives no key for a text it lacks', async () => {
  const t = await translator('nl');
  assert.equal(t('step', { n: 3 }), 'Stap 3');
  assert.equal(t('step'), 'Stap {n}');
  assert.equal(t('noSuchKey'), '');
  assert.equal((await translator('fr'))('step', { n: 1 }), 'Step 1', 'another language gets English');
});
