// The widget's reading of its locale attribute (www/widget/settings.js), in Node's full ICU: a
// locale is kept, in canonical form, when the browser can format numbers in its language, as
// Intl.NumberFormat.supportedLocalesOf says; anything else falls back (and becomes a note).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { canonicalLocale } from '../../www/widget/settings.js';

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
