// The widget's reading of its locale attribute (www/widget/settings.js), in Node's full ICU: a
// locale is kept, in canonical form, when the browser can format numbers in its language, as
// Intl.NumberFormat.supportedLocalesOf says; anything else falls back (and becomes a note).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { canonicalLocale, likelyLang, readLocale } from '../../www/widget/settings.js';

test('a locale is kept exactly when Intl can format numbers in it, in canonical form', () => {
  const asked = ['nl-NL', 'nl-nl', 'da', 'da-DK', 'en-US', 'en-us-u-nu-arab', 'de-XX', 'fr-CA', 'zz', 'tlh', 'xx-!!', 'en_US', '', 'x-private'];
  for (const locale of asked) {
    let supported = false;
    try {
      supported = Intl.NumberFormat.supportedLocalesOf(locale).length > 0;
    } catch {
      supported = false;
    }
    const kept = canonicalLocale(locale);
    assert.equal(kept !== null, supported, `${JSON.stringify(locale)}: kept ${kept}, supportedLocalesOf says ${supported}`);
    if (kept !== null) assert.equal(kept, Intl.getCanonicalLocales(locale)[0]);
  }
  assert.equal(canonicalLocale('nl-nl'), 'nl-NL');
  assert.equal(canonicalLocale(null), null);
  assert.equal(canonicalLocale(undefined), null);
});

test("the language guessed from a locale's spelling is the one readLocale chooses, whenever the browser formats that locale", () => {
  // An element with a locale attribute inside a page whose language is Dutch.
  const element = (/** @type {string | null} */ locale, pageLang = 'nl') => /** @type {Element} */ (/** @type {unknown} */ ({
    getAttribute: (/** @type {string} */ name) => (name === 'locale' ? locale : null),
    parentElement: { closest: () => ({ getAttribute: () => pageLang }) },
  }));
  const had = Object.getOwnPropertyDescriptor(globalThis, 'navigator');
  Object.defineProperty(globalThis, 'navigator', { value: { language: 'da-DK' }, configurable: true });
  try {
    const asked = ['nl-NL', 'nl-nl', 'da', 'da-DK', 'en-US', 'en-GB', 'de-DE', 'fr-CA', 'en-us-u-nu-arab', 'nl-BE', null, ''];
    for (const locale of asked) {
      const chosen = readLocale(element(locale), []).lang;
      if (!locale || canonicalLocale(locale)) assert.equal(likelyLang(element(locale)), chosen, `${JSON.stringify(locale)}: guessed ${likelyLang(element(locale))}, chosen ${chosen}`);
    }
    // A well-formed locale the browser does not format: the guess is its language's text (English
    // here), the choice the page's; the guess only fetches early, the choice decides.
    assert.equal(readLocale(element('tlh'), []).lang, 'nl');
    // Not a locale at all: both go on to the page's language.
    assert.equal(likelyLang(element('xx-!!')), 'nl');
    assert.equal(readLocale(element('xx-!!'), []).lang, 'nl');
    // No page language: the browser's.
    assert.equal(likelyLang(element(null, '')), 'da');
    assert.equal(readLocale(element(null, ''), []).lang, 'da');
    const notes = /** @type {[string, string][]} */ ([]);
    readLocale(element('xx-!!'), notes);
    assert.deepEqual(notes, [['locale', 'xx-!!']]);
  } finally {
    if (had) Object.defineProperty(globalThis, 'navigator', had);
    else delete (/** @type {any} */ (globalThis)).navigator;
  }
});
