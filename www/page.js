// Hands the page's query string to its calculator, so a plain link (or an iframe src) can set
// preset, locale, currency, model, what-if, sections, layout, heading and editable-stages. The widget validates every value.
// On the planner it also puts the page's own words in the reader's language (page-text.js) and
// changes language in place: the language links (a[data-locale]) stay plain links for readers
// without scripts, but a click here only re-labels the page and the calculator, so the reader's
// numbers and currency stay as they are. The words load only on a page that has some to show
// (embed.html shares this file and has none).

const calculator = document.querySelector('sales-kpi-calculator');
const query = new URLSearchParams(location.search);
for (const name of ['preset', 'locale', 'currency', 'model', 'what-if', 'sections', 'layout', 'heading']) {
  const value = query.get(name);
  if (value !== null) calculator?.setAttribute(name, value);
}
if (query.has('editable-stages')) calculator?.setAttribute('editable-stages', '');

/** @param {string | null} locale @returns {string | null} */
function canonical(locale) {
  try {
    return (locale && Intl.getCanonicalLocales(locale)[0]) || null;
  } catch {
    return null; // An invalid locale keeps the page's language; the widget says what was wrong.
  }
}

/**
 * Puts the page's marked texts in the language of `locale`, and says which language is shown.
 * @param {typeof import('./page-text.js')} words
 * @param {string} locale
 */
function showLanguage({ languageOf, TEXT }, locale) {
  const lang = languageOf(locale);
  const text = TEXT[lang];
  // The page's lang is the language its words are in: "de-DE" numbers come with English words.
  document.documentElement.lang = locale.split('-')[0].toLowerCase() === lang ? locale : lang;
  const each = (/** @type {string} */ attr, /** @type {(el: HTMLElement, value: string) => void} */ put) => {
    for (const el of document.querySelectorAll(`[${attr}]`)) {
      const value = text[el.getAttribute(attr) ?? ''];
      if (value !== undefined && el instanceof HTMLElement) put(el, value);
    }
  };
  each('data-text', (el, value) => (el.textContent = value));
  each('data-text-content', (el, value) => el.setAttribute('content', value));
  each('data-text-label', (el, value) => el.setAttribute('aria-label', value));
  // The home link starts afresh, in the same language.
  for (const home of document.querySelectorAll('a[data-home]')) home.setAttribute('href', locale === 'en' ? './' : `./?locale=${encodeURIComponent(locale)}`);
  // The builder opens in the same language.
  for (const builder of document.querySelectorAll('a[href^="builder.html"]')) builder.setAttribute('href', `builder.html?lang=${lang}`);
  for (const link of document.querySelectorAll('a[data-locale]')) {
    if (languageOf(link.getAttribute('data-locale')) === lang) link.setAttribute('aria-current', 'true');
    else link.removeAttribute('aria-current');
  }
}

const pageLocale = canonical(query.get('locale'));
if (pageLocale) document.documentElement.lang = pageLocale;
const words = document.querySelector('[data-text], a[data-locale]') ? import('./page-text.js') : null;
words?.then((w) => showLanguage(w, pageLocale ?? (document.documentElement.lang || 'en')));

// The currency the calculator shows, from its change events (which carry its state): pinned on a
// change of language, because the widget would otherwise take the new locale's currency, and
// 8.500 euros must not turn into 8.500 kroner.
/** @type {string | null} */
let shownCurrency = null;
calculator?.addEventListener('sales-kpi-change', (event) => {
  const detail = /** @type {CustomEvent<{ currency?: unknown }>} */ (event).detail;
  if (typeof detail?.currency === 'string') shownCurrency = detail.currency;
});

/** A language link's address with the current fragment, which holds the reader's numbers (url-state). */
function withFragment(/** @type {HTMLAnchorElement} */ link) {
  const url = new URL(link.getAttribute('href') ?? '', location.href);
  url.hash = location.hash;
  return url.href;
}

// Opened in a new tab, copied or dragged, a language link carries the numbers too: its address
// gets the fragment just before the reader can use it.
for (const type of ['pointerover', 'focusin', 'pointerdown', 'contextmenu']) {
  document.addEventListener(type, (event) => {
    const link = event.target instanceof Element ? event.target.closest('a[data-locale]') : null;
    if (link instanceof HTMLAnchorElement) link.href = withFragment(link);
  });
}

document.addEventListener('click', (event) => {
  const link = event.target instanceof Element ? event.target.closest('a[data-locale]') : null;
  if (!(link instanceof HTMLAnchorElement) || !calculator) return;
  // A new tab or window, or a download, is the browser's business.
  if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  const locale = canonical(link.getAttribute('data-locale'));
  const currency = shownCurrency ?? calculator.getAttribute('currency');
  if (!locale) return;
  if (!currency) {
    // The calculator has shown nothing yet: go there as a plain link, with the fragment.
    link.href = withFragment(link);
    return;
  }
  event.preventDefault();
  calculator.setAttribute('currency', currency);
  calculator.setAttribute('locale', locale);
  words?.then((w) => showLanguage(w, locale));
  const url = new URL(location.href);
  url.searchParams.set('locale', locale);
  history.replaceState(history.state, '', url.href);
});
