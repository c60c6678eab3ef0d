// The embed builder: settings go to the live preview as attributes; the numbers and what-ifs the
// reader types into the preview come back in its change event. Both make the code for the chosen
// platform (builder-snippets.js). The page speaks English, Dutch or Danish (builder-text.js); the
// panels are named with the calculator's own panel titles, in the same language.
import { measure } from './builder-measure.js';
import { cspSnippet, fallbackHtml, frameHeightStyle, hugoShortcode, htmlSnippet, iframeSnippet, resizeSnippet, wordpressShortcode } from './builder-snippets.js';
import { LOCALE, TEXT } from './builder-text.js';
import { languageOf } from './page-text.js';
import { shift } from './widget/format.js';
import { loadText, moreText, translator } from './widget/i18n.js';
import { reservedHeight } from './widget/reserve.js';
import { defaultSections, presetModel, SECTIONS, shownModel } from './widget/state.js';

const form = /** @type {HTMLFormElement} */ (document.getElementById('settings'));
const preview = /** @type {HTMLElement} */ (document.getElementById('preview'));
const column = /** @type {HTMLSelectElement} */ (document.getElementById('column'));
const platform = /** @type {HTMLSelectElement} */ (document.getElementById('platform'));
const root = new URL('./', location.href);
/** @type {{ preset: string, model: import('./widget/state.js').Model, whatif: Record<string, { unit: string, value: string }> } | null} */
let state = null;

/** @typedef {import('./builder-text.js').Lang} Lang */
/** A language we have text for, from a language tag, or null. @param {string | null | undefined} tag @returns {Lang | null} */
const known = (tag) => (tag && languageOf(tag) === tag.split('-')[0].toLowerCase() ? languageOf(tag) : null);
const query = new URLSearchParams(location.search);
// The planner's link says which language its reader had; a link of one's own may say ?lang=.
/** @type {Lang} */
let lang = known(query.get('lang')) ?? known(query.get('locale')) ?? navigator.languages.map(known).find((l) => l !== null) ?? 'en';

/** The section's title in the calculator's own text: the panel's heading, or its field's label. */
const SECTION_TITLE = {
  funnel: 'pFunnel',
  target: 'target',
  velocity: 'perDay',
  whatif: 'pWhatIf',
  goal: 'pGoal',
  sensitivity: 'pSens',
  uncertainty: 'pUnc',
  economics: 'pEcon',
  retention: 'retention',
  growth: 'growth',
  plan: 'pPlan',
  progress: 'pProgress',
  share: 'pShare',
};

/** Each language's calculator text: its title, panel names and preset models. @type {Record<string, (key: string) => string>} */
const widgetText = {};
/** @param {Lang} l */
async function loadWidgetText(l) {
  if (widgetText[l]) return;
  const [t] = await Promise.all([translator(l), moreText(l), loadText(l, 'plan')]);
  widgetText[l] = t;
}
// Each language's preset models, to leave an unchanged one out of the snippet.
const tr = Object.fromEntries(await Promise.all(/** @type {Lang[]} */ (['en', 'nl', 'da']).map(async (l) => [l, await translator(l)])));

const boxes = /** @type {HTMLElement} */ (document.getElementById('sections'));
/** @type {Map<string, HTMLElement>} */
const sectionNames = new Map();
for (const token of SECTIONS) {
  const label = document.createElement('label');
  const box = document.createElement('input');
  const name = document.createElement('span');
  box.type = 'checkbox';
  box.name = 'sections';
  box.value = token;
  label.append(box, name);
  boxes.append(label);
  sectionNames.set(token, name);
}

/**
 * Puts a text into an element; a {name} in it is the element's child marked data-slot="name".
 * @param {Element} element @param {string} text
 */
function putText(element, text) {
  const slots = new Map([...element.querySelectorAll('[data-slot]')].map((slot) => [slot.getAttribute('data-slot'), slot]));
  if (!slots.size) element.textContent = text;
  else element.replaceChildren(...text.split(/\{(\w+)\}/).map((part, i) => (i % 2 ? (slots.get(part) ?? `{${part}}`) : part)));
}

/** The first letter up: language names come in lower case in Dutch and Danish lists. @param {string} text */
const capital = (text) => text.charAt(0).toLocaleUpperCase(lang) + text.slice(1);

/** Shows the page in `lang`: its own words, the panel names, the language and currency names. */
async function showLanguage() {
  await loadWidgetText(lang);
  const text = TEXT[lang];
  document.documentElement.lang = lang;
  for (const el of document.querySelectorAll('[data-text]')) putText(el, text[el.getAttribute('data-text') ?? ''] ?? el.textContent ?? '');
  for (const el of document.querySelectorAll('[data-text-content]')) el.setAttribute('content', text[el.getAttribute('data-text-content') ?? ''] ?? '');
  for (const el of document.querySelectorAll('[data-text-label]')) el.setAttribute('aria-label', text[el.getAttribute('data-text-label') ?? ''] ?? '');
  for (const [token, name] of sectionNames) name.textContent = widgetText[lang](SECTION_TITLE[/** @type {keyof typeof SECTION_TITLE} */ (token)] ?? token);
  const languages = new Intl.DisplayNames([lang], { type: 'language', languageDisplay: 'standard' });
  for (const option of form.locale.options) if (option.value) option.textContent = capital(languages.of(option.value) ?? option.value);
  const currencies = new Intl.DisplayNames([lang], { type: 'currency' });
  for (const option of form.currency.options) if (option.value) option.textContent = `${option.value} (${currencies.of(option.value)})`;
  for (const link of document.querySelectorAll('a[data-lang]')) {
    if (link.getAttribute('data-lang') === lang) link.setAttribute('aria-current', 'true');
    else link.removeAttribute('aria-current');
  }
  // The planner opens in the same language.
  for (const link of document.querySelectorAll('a[data-planner]')) link.setAttribute('href', lang === 'en' ? './' : `./?locale=${LOCALE[lang]}`);
}

/** The locale the preview shows when the snippet leaves it to the reader's page: the builder's language. */
function previewLocale() {
  if (form.locale.value) return form.locale.value;
  return known(navigator.language) === lang ? navigator.language : LOCALE[lang];
}

function checkDefaults() {
  const on = defaultSections(form.preset.value);
  for (const b of /** @type {NodeListOf<HTMLInputElement>} */ (form.querySelectorAll('[name=sections]'))) b.checked = on.includes(b.value);
}

/** @param {Record<string, { unit: string, value: string }>} whatif */
function whatIfText(whatif) {
  return Object.entries(whatif)
    .map(([lever, c]) => {
      const v = shift(c.value, 2);
      return `${lever}:${v.startsWith('-') ? v : `+${v}`}${c.unit === 'add' ? 'pp' : '%'}`;
    })
    .join(' ');
}

const checkedSections = () => [.../** @type {NodeListOf<HTMLInputElement>} */ (form.querySelectorAll('[name=sections]:checked'))].map((b) => b.value);

/** The attributes of the snippet, in a stable order; defaults are left out to keep it short. @returns {[string, string][]} */
function attributes() {
  /** @type {[string, string][]} */
  const a = [['preset', form.preset.value]];
  if (form.locale.value) a.push(['locale', form.locale.value]);
  if (form.currency.value) a.push(['currency', form.currency.value]);
  const on = checkedSections().join(' ');
  if (on !== defaultSections(form.preset.value).join(' ')) a.push(['sections', on || 'funnel']);
  if (state && state.preset === form.preset.value) {
    const modelLang = languageOf(previewLocale());
    // Only the parts of the model whose fields the embed shows: the rest would never be used.
    const shown = new Set((on || 'funnel').split(' '));
    const model = JSON.stringify(shownModel(state.model, shown));
    if (model !== JSON.stringify(shownModel(presetModel(form.preset.value, tr[modelLang] ?? tr.en), shown))) a.push(['model', model]);
    const wi = whatIfText(state.whatif);
    if (wi !== '/funnel/dealSize:+10%') a.push(['what-if', wi]);
  }
  return a;
}

// The frame's width on a reader's screen is the article column, or on a narrower screen the
// screen less the page's margins (up to 32 px a side). Below 480 px it is a phone, at least
// 320 px wide; between that and the column, at least 416 px. The frame code has the height
// measured at each of these widths, the narrowest for the narrowest screens.
const PHONE = { width: 320, below: 480 };
const SMALL = { width: 416 };
const MARGINS = 64;
// Other fonts and machines than the builder's make the calculator 3 to 5 % taller or shorter
// (reserve.js): a frame cannot grow without a script, so its fallback heights keep 5 % spare.
const SPARE = 1.05;

/** The frame widths whose heights the frame code needs for an article column. @param {number} width */
const frameWidths = (width) => [...[PHONE.width, SMALL.width].filter((w) => w < width), width];

/** The embed page's heights measured for an address: width → height. */
let frameHeights = { url: '', heights: /** @type {Map<number, number>} */ (new Map()) };

function render() {
  const a = attributes();
  const width = Number(column.value);
  const sections = a.find(([k]) => k === 'sections')?.[1];
  const height = reservedHeight(form.preset.value, width, sections);
  // Hosts copy dist/: the bundled module, not the source this page's own preview runs.
  const src = new URL('dist/widget/sales-kpi-calculator.js', root).href;
  // A frame cannot know the language of the page around it (its own page is English): unless a
  // locale is chosen, it takes the one the preview shows in a Dutch or Danish builder.
  /** @type {[string, string][]} */
  const frameAttributes = form.locale.value || lang === 'en' ? a : [a[0], ['locale', previewLocale()], ...a.slice(1)];
  // Hosts copy dist/: its embed page loads the bundled widget too.
  const embed = new URL('dist/embed.html', root);
  embed.search = new URLSearchParams(frameAttributes).toString();
  // A pasted link carries only what a static host can serve a discovery document for: one
  // folder per preset, locale and currency (scripts/integrations.mjs writes them).
  const settings = Object.fromEntries(frameAttributes);
  const link = new URL(`dist/e/${settings.preset}/${settings.locale || 'auto'}/${settings.currency || 'auto'}/`, root);
  // The rest (a model, a what-if, sections) opens with the page, though a pasted link's frame leaves it out.
  link.search = new URLSearchParams(a.filter(([k]) => !['preset', 'locale', 'currency'].includes(k))).toString();
  // Readers whose browser cannot run the module see what it is and a link to the iframe form.
  const snippetLang = languageOf(form.locale.value || lang);
  const fallback = fallbackHtml(snippetLang, embed.href);
  const snippets = {
    'wordpress-snippet': wordpressShortcode(a),
    'hugo-snippet': hugoShortcode(a, width),
    'script-snippet': htmlSnippet(a, src, height, fallback),
    'csp-snippet': cspSnippet(a, src, height, fallback),
    'iframe-snippet': frameSnippet(embed.href, a, width, tr[snippetLang]('title')),
    'resize-snippet': resizeSnippet(new URL('dist/sales-kpi-resize.js', root).href),
    'link-snippet': link.href,
  };
  for (const [id, text] of Object.entries(snippets)) /** @type {HTMLTextAreaElement} */ (document.getElementById(id)).value = text;
  // The embed page without a locale is English: its copies here too.
  const copyAttributes = frameAttributes.some(([k]) => k === 'locale') ? frameAttributes : [frameAttributes[0], ['locale', 'en'], ...frameAttributes.slice(1)];
  measure(embed.href, /** @type {[string, string][]} */ (copyAttributes), frameWidths(width), (url, heights) => {
    frameHeights = { url, heights };
    render();
  });
}

/**
 * The frame, as tall as the calculator at the column's width, and at the narrower widths of
 * smaller screens: measured in copies of the calculator when that is done, else the widget's table.
 * @param {string} url @param {[string, string][]} a @param {number} width @param {string} title
 */
function frameSnippet(url, a, width, title) {
  const sections = a.find(([k]) => k === 'sections')?.[1];
  const widths = frameWidths(width);
  const done = frameHeights.url === url && widths.every((w) => frameHeights.heights.has(w));
  const box = /** @type {HTMLTextAreaElement} */ (document.getElementById('iframe-snippet'));
  box.toggleAttribute('data-measured', done);
  const heightAt = (/** @type {number} */ w) => Math.ceil((done ? (frameHeights.heights.get(w) ?? 0) : reservedHeight(form.preset.value, w, sections)) * SPARE);
  const taller = [
    { below: width + MARGINS, height: width > SMALL.width ? heightAt(SMALL.width) : 0 },
    { below: Math.min(PHONE.below, width + MARGINS), height: heightAt(PHONE.width) },
  ];
  return iframeSnippet(url, heightAt(width), frameHeightStyle(heightAt(width), taller), title);
}

/** Settings changed: the preview takes them (a new preset starts from that preset's numbers). */
function apply() {
  for (const k of ['preset', 'currency']) {
    if (form[k].value) preview.setAttribute(k, form[k].value);
    else preview.removeAttribute(k);
  }
  preview.setAttribute('locale', previewLocale());
  preview.setAttribute('sections', checkedSections().join(' ') || 'funnel');
  render();
}

// In a constructed style sheet, like every width the builder sets: no style attribute in the page.
const previewWidth = new CSSStyleSheet();
document.adoptedStyleSheets = [...document.adoptedStyleSheets, previewWidth];
/** The preview as wide as the article column, so it lays out as it will there. */
function fitColumn() {
  previewWidth.replaceSync(`#preview { width: ${Number(column.value)}px; }`);
}

function showPlatform() {
  for (const part of /** @type {NodeListOf<HTMLElement>} */ (document.querySelectorAll('[data-platform]'))) part.hidden = part.dataset.platform !== platform.value;
}

preview.addEventListener('sales-kpi-change', (e) => {
  state = /** @type {CustomEvent} */ (e).detail;
  render();
});

form.addEventListener('change', (e) => {
  const target = /** @type {HTMLInputElement} */ (e.target);
  if (e.target === column) {
    fitColumn();
    render();
    return;
  }
  if (target.name === 'preset') checkDefaults();
  apply();
});

platform.addEventListener('change', showPlatform);

document.addEventListener('click', async (e) => {
  const target = /** @type {Element} */ (e.target);
  const other = target.closest('a[data-lang]');
  if (other instanceof HTMLAnchorElement && e.button === 0 && !e.metaKey && !e.ctrlKey && !e.shiftKey && !e.altKey) {
    // Only the words change: the settings and the numbers typed into the preview stay.
    e.preventDefault();
    lang = known(other.getAttribute('data-lang')) ?? lang;
    const url = new URL(location.href);
    url.searchParams.set('lang', lang);
    history.replaceState(history.state, '', url.href);
    await showLanguage();
    apply();
    return;
  }
  const id = /** @type {HTMLElement | null} */ (target.closest('[data-copy]'))?.dataset.copy;
  if (!id) return;
  const box = /** @type {HTMLTextAreaElement} */ (document.getElementById(id));
  const status = /** @type {HTMLElement} */ (document.getElementById('copy-status'));
  try {
    await navigator.clipboard.writeText(box.value);
    status.textContent = TEXT[lang].copied;
  } catch {
    box.focus();
    box.select();
    status.textContent = TEXT[lang].selected;
  }
});

await showLanguage();
checkDefaults();
fitColumn();
showPlatform();
apply();
