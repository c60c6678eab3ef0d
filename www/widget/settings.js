// Reading the element's attributes into settings. Every invalid value becomes a note for the
// reader and its default, so a typo in a blog post never breaks the page.
import { numberFormat } from './format.js';
import { LANGS } from './i18n.js';
import { parseSections, PRESETS } from './state.js';

const EURO_REGIONS = 'AT BE CY DE EE ES FI FR GR HR IE IT LT LU LV MT NL PT SI SK'.split(' ');
/** @type {Record<string, string>} */
const REGION_CURRENCIES = { DK: 'DKK', GB: 'GBP', SE: 'SEK', NO: 'NOK', CH: 'CHF', PL: 'PLN', CA: 'CAD', AU: 'AUD', NZ: 'NZD', JP: 'JPY', IN: 'INR' };

/**
 * The currency of a locale's region: EUR in the euro area, USD when nothing else is known.
 * @param {string} locale
 */
export function currencyOf(locale) {
  let region = '';
  try {
    region = new Intl.Locale(locale).maximize().region ?? '';
  } catch {
    region = '';
  }
  return EURO_REGIONS.includes(region) ? 'EUR' : (REGION_CURRENCIES[region] ?? 'USD');
}

/**
 * The canonical form of a locale the browser can format numbers in, or null.
 * @param {string | null | undefined} locale
 */
export function canonicalLocale(locale) {
  try {
    const canonical = locale ? Intl.getCanonicalLocales(locale)[0] : undefined;
    if (!canonical) return null;
    // Known when the formatter the widget makes anyway resolves to its language. (Asking
    // Intl.NumberFormat.supportedLocalesOf first cost 17 ms of the first result, in Chromium
    // and Node alike; after a formatter it is cheap.)
    const resolved = numberFormat(canonical, {}).resolvedOptions().locale;
    return new Intl.Locale(resolved).language === new Intl.Locale(canonical).language ? canonical : null;
  } catch {
    return null;
  }
}

/**
 * An ISO 4217 code the browser knows, upper-cased, or null.
 * @param {string} code
 */
export function validCurrency(code) {
  const upper = code.toUpperCase();
  return /^[A-Z]{3}$/.test(upper) && (!Intl.supportedValuesOf || Intl.supportedValuesOf('currency').includes(upper)) ? upper : null;
}

/** `article` (the default): one answer, the inputs that move it, the rest behind "More"; `dashboard`: every panel open. */
export const LAYOUTS = ['article', 'dashboard'];

/**
 * How the calculator is laid out, from its `layout`, `editable-stages` and `heading` attributes
 * (an unknown layout is the article; readSettings notes it).
 * @param {Element} element
 */
export function readShape(element) {
  return {
    dashboard: element.getAttribute('layout') === 'dashboard',
    editableStages: element.hasAttribute('editable-stages'),
    heading: element.getAttribute('heading') ?? '',
  };
}

/**
 * @typedef {{ preset: string, sections: string[], wasmUrl: URL | null, notes: [string, string][] }} Attributes
 * @typedef {{ locale: string, lang: string, currency: string }} LocaleSettings
 * @typedef {Attributes & LocaleSettings} Settings
 */

/**
 * The locales a widget may take, first to last: its locale attribute, the page's language
 * around it, the browser's.
 * @param {Element} element
 */
const localeCandidates = (element) => [element.getAttribute('locale'), element.parentElement?.closest('[lang]')?.getAttribute('lang'), navigator.language];

/**
 * The UI language of a locale (English for any the widget has no text in).
 * @param {string} locale canonical
 */
const languageOf = (locale) => {
  const language = locale.split('-')[0] ?? 'en';
  return LANGS.includes(language) ? language : 'en';
};

/**
 * The UI language readLocale will almost surely choose, read from the candidates' spelling
 * alone. It lets the first view's text be fetched before readLocale asks the browser which
 * locales it formats: the page's first number format loads the browser's locale data, 12–27 ms
 * of main thread in Chromium, which then overlaps the fetch instead of delaying it.
 * @param {Element} element
 */
export function likelyLang(element) {
  for (const candidate of localeCandidates(element)) {
    try {
      const [canonical] = candidate ? Intl.getCanonicalLocales(candidate) : [];
      if (canonical) return languageOf(canonical);
    } catch {
      // Not a locale's spelling: the next candidate, as readLocale does.
    }
  }
  return 'en';
}

/**
 * Reads the attributes other than the locale and the currency (readLocale), cheaply; `notes`
 * holds [attribute, value] for each invalid one.
 * @param {Element} element
 * @returns {Attributes}
 */
export function readSettings(element) {
  /** @type {[string, string][]} */
  const notes = [];
  const attribute = (/** @type {string} */ name) => element.getAttribute(name);
  const invalid = (/** @type {string} */ name, /** @type {unknown} */ value) => notes.push([name, String(value).slice(0, 80)]);
  // The stylesheet only matches theme="light" and theme="dark"; anything else is said, not used.
  const theme = attribute('theme');
  if (theme !== null && theme !== '' && theme !== 'light' && theme !== 'dark') invalid('theme', theme);
  const wasmAttribute = attribute('wasm-url');
  /** @type {URL | null} */
  let wasmUrl = null;
  if (wasmAttribute) {
    try {
      wasmUrl = new URL(wasmAttribute, document.baseURI);
      if (!/^https?:$/.test(wasmUrl.protocol)) throw new Error('not http');
    } catch {
      invalid('wasm-url', wasmAttribute);
      wasmUrl = null;
    }
  }
  const sections = parseSections(attribute('sections') ?? '');
  if (sections.unknown.length) invalid('sections', sections.unknown.join(' '));
  const layout = attribute('layout');
  if (layout !== null && !LAYOUTS.includes(layout)) invalid('layout', layout);
  let preset = attribute('preset') ?? 'inbound';
  if (!PRESETS.includes(preset)) {
    invalid('preset', preset);
    preset = 'inbound';
  }
  return { preset, sections: sections.list, wasmUrl, notes };
}

/**
 * Reads the locale and the currency: the first candidate locale the browser formats numbers in,
 * and the currency attribute or the locale's. Each invalid attribute adds a note to `notes`.
 * @param {Element} element
 * @param {[string, string][]} notes
 * @returns {LocaleSettings}
 */
export function readLocale(element, notes) {
  const [asked, ...others] = localeCandidates(element);
  if (asked != null && !canonicalLocale(asked)) notes.push(['locale', asked.slice(0, 80)]);
  let locale = 'en-US';
  for (const candidate of [asked, ...others]) {
    const canonical = canonicalLocale(candidate);
    if (canonical) {
      locale = canonical;
      break;
    }
  }
  const currencyAttribute = element.getAttribute('currency');
  const currency = (currencyAttribute && validCurrency(currencyAttribute)) || currencyOf(locale);
  if (currencyAttribute !== null && !validCurrency(currencyAttribute)) notes.push(['currency', currencyAttribute.slice(0, 80)]);
  return { locale, lang: languageOf(locale), currency };
}
