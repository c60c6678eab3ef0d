// The snippets the builder writes, one function per embed form, from the same attribute list
// (name, value pairs in the widget's own attribute names). Pure functions: no DOM, so the Node
// tests call them too.

/** @typedef {[string, string][]} Attributes */

/** Escapes a value for a double-quoted HTML attribute. @param {string} text */
export const escapeHtml = (text) => text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * How the WordPress shortcode carries a model: base64url of the JSON's UTF-8, because a
 * shortcode attribute may hold neither quotes nor square brackets. The one place to change it.
 * @param {string} json
 */
export function wordpressModel(json) {
  let binary = '';
  for (const byte of new TextEncoder().encode(json)) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** The reservation as an inline style, or nothing when there is none. @param {number} height */
const reserveStyle = (height) => (height > 0 ? ` style="display:block;min-height:${height}px"` : '');

/** The fallback's words per language: what the element is, and the link to the iframe form. */
export const FALLBACK_TEXT = {
  en: ['A sales KPI calculator belongs here, but your browser could not run it.', 'Open the calculator'],
  nl: ['Hier hoort een calculator voor sales-KPI’s, maar je browser kon hem niet uitvoeren.', 'Open de calculator'],
  da: ['Her skulle der være en beregner til salgs-KPI’er, men din browser kunne ikke køre den.', 'Åbn beregneren'],
};

/**
 * What a reader sees inside the element when the module cannot run (blocked, an old browser): in
 * the post's language, with a link to the iframe form. The element's shadow root has no slot, so
 * once the module runs this light-DOM text is not shown.
 * @param {string} lang `en`, `nl` or `da` (anything else: English) @param {string} formUrl the iframe form
 */
export function fallbackHtml(lang, formUrl) {
  const [text, link] = FALLBACK_TEXT[/** @type {keyof typeof FALLBACK_TEXT} */ (lang)] ?? FALLBACK_TEXT.en;
  return `<p>${escapeHtml(text)} <a href="${escapeHtml(formUrl)}">${escapeHtml(link)}</a></p>`;
}

/**
 * The two lines for a page of one's own HTML (Ghost, Webflow, plain sites).
 * @param {Attributes} attributes @param {string} moduleUrl @param {number} height
 * @param {string} [fallback] HTML for readers whose browser cannot run the module (fallbackHtml)
 */
export function htmlSnippet(attributes, moduleUrl, height, fallback = '') {
  const attrs = attributes.map(([name, value]) => ` ${name}="${escapeHtml(value)}"`).join('');
  return `<script type="module" src="${escapeHtml(moduleUrl)}"></script>\n<sales-kpi-calculator${attrs}${reserveStyle(height)}>${fallback}</sales-kpi-calculator>`;
}

/**
 * The same for a host whose Content-Security-Policy drops inline styles: a class, and the rule for
 * the host's own stylesheet. `:not(:defined)` lets the rule go once the element takes over.
 * @param {Attributes} attributes @param {string} moduleUrl @param {number} height
 * @param {string} [fallback] HTML for readers whose browser cannot run the module (fallbackHtml)
 */
export function cspSnippet(attributes, moduleUrl, height, fallback = '') {
  const attrs = attributes.map(([name, value]) => ` ${name}="${escapeHtml(value)}"`).join('');
  const tag = `<script type="module" src="${escapeHtml(moduleUrl)}"></script>\n<sales-kpi-calculator class="sales-kpi-reserve"${attrs}>${fallback}</sales-kpi-calculator>`;
  return height > 0 ? `${tag}\n\n/* In your stylesheet: */\nsales-kpi-calculator.sales-kpi-reserve:not(:defined) { display: block; min-height: ${height}px; }` : tag;
}

/** The WordPress plugin's shortcode. @param {Attributes} attributes */
export function wordpressShortcode(attributes) {
  const attrs = attributes.map(([name, value]) => ` ${name}="${name === 'model' ? wordpressModel(value) : value.replace(/["[\]]/g, '')}"`).join('');
  return `[sales_kpi${attrs}]`;
}

/**
 * The Hugo component's shortcode. A value with quotes or backslashes goes between backticks
 * (Hugo's raw strings keep every character); Hugo 0.111 unescapes only \" in a double-quoted
 * one. A backtick can only be in a model's JSON strings, where \u0060 is the same character.
 * @param {Attributes} attributes @param {number} column the article column, when not the default 700
 */
export function hugoShortcode(attributes, column) {
  const quote = (/** @type {string} */ name, /** @type {string} */ value) => {
    const text = name === 'model' ? value.replace(/`/g, '\\u0060') : value.replace(/`/g, '');
    return /["\\]/.test(text) ? `\`${text}\`` : `"${text}"`;
  };
  const all = column && column !== 700 ? [...attributes, ['column', String(column)]] : attributes;
  return `{{< sales-kpi${all.map(([name, value]) => ` ${name}=${quote(name, value)}`).join('')} >}}`;
}

/**
 * The frame's heights for screens narrower than its column, in a style attribute: editors that
 * strip scripts (and with them the resize script) mostly keep one, where a <style> element is
 * dropped. CSS has no media query inside a style attribute, so each narrower band is a step
 * added to the column's height: min(step, max(0px, (edge - 100vw) × a large number)) is the
 * step below the edge and 0 from it on. Nothing when no band is taller than the column.
 * @param {number} height the frame's height at the column's width
 * @param {{ below: number, height: number }[]} taller the height for screens narrower than
 *   `below` px, widest band first (a band no taller than the one before adds nothing)
 */
export function frameHeightStyle(height, taller) {
  let reached = height;
  let steps = '';
  for (const band of taller) {
    if (!(band.height > reached)) continue;
    steps += ` + min(${band.height - reached}px, max(0px, (${band.below}px - 100vw) * 100000))`;
    reached = band.height;
  }
  return steps ? `height:calc(${height}px${steps})` : '';
}

/**
 * The iframe: as tall as the calculator at the column's width (the height attribute, which every
 * editor keeps), and taller on narrower screens (`heightStyle`, from frameHeightStyle).
 * @param {string} embedUrl @param {number} height @param {string} [heightStyle] @param {string} [title]
 */
export function iframeSnippet(embedUrl, height, heightStyle = '', title = 'Sales KPI calculator') {
  return `<iframe src="${escapeHtml(embedUrl)}" title="${escapeHtml(title)}" width="100%" height="${height > 0 ? height : 1200}" loading="lazy" style="border:0;display:block${heightStyle ? `;${heightStyle}` : ''}"></iframe>`;
}

/** @param {string} scriptUrl */
export const resizeSnippet = (scriptUrl) => `<script src="${escapeHtml(scriptUrl)}" async></script>`;
