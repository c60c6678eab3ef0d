// The embed builder: settings go to the live preview as attributes; the numbers and what-ifs the
// reader types into the preview come back in its change event. Both make the snippets, one per
// embed form (builder-snippets.js), with the space to reserve from the widget's own table.
import { cspSnippet, fallbackHtml, hugoShortcode, htmlSnippet, iframeSnippet, resizeSnippet, wordpressShortcode } from './builder-snippets.js';
import { shift } from './widget/format.js';
import { translator } from './widget/i18n.js';
import { reservedHeight } from './widget/reserve.js';
import { defaultSections, presetModel, SECTIONS, shownModel } from './widget/state.js';

const form = document.getElementById('settings');
const preview = document.getElementById('preview');
const column = /** @type {HTMLSelectElement} */ (document.getElementById('column'));
const root = new URL('./', location.href);
let state = null;
// Each language's preset names, to leave an unchanged preset model out of the snippet.
const tr = Object.fromEntries(await Promise.all(['en', 'nl', 'da'].map(async (l) => [l, await translator(l)])));

const boxes = document.getElementById('sections');
for (const s of SECTIONS) {
  const label = document.createElement('label');
  const box = document.createElement('input');
  box.type = 'checkbox';
  box.name = 'sections';
  box.value = s;
  label.append(box, ` ${s}`);
  boxes.append(label);
}

function checkDefaults() {
  const on = defaultSections(form.preset.value);
  for (const b of form.querySelectorAll('[name=sections]')) b.checked = on.includes(b.value);
}

function whatIfText(whatif) {
  return Object.entries(whatif)
    .map(([lever, c]) => {
      const v = shift(c.value, 2);
      return `${lever}:${v.startsWith('-') ? v : `+${v}`}${c.unit === 'add' ? 'pp' : '%'}`;
    })
    .join(' ');
}

/** The attributes of the snippet, in a stable order; defaults are left out to keep it short. */
function attributes() {
  const a = [['preset', form.preset.value]];
  if (form.locale.value) a.push(['locale', form.locale.value]);
  if (form.currency.value) a.push(['currency', form.currency.value]);
  const on = [...form.querySelectorAll('[name=sections]:checked')].map((b) => b.value).join(' ');
  if (on !== defaultSections(form.preset.value).join(' ')) a.push(['sections', on || 'funnel']);
  if (state && state.preset === form.preset.value) {
    const lang = (form.locale.value || document.documentElement.lang).split('-')[0];
    // Only the parts of the model whose fields the embed shows: the rest would never be used.
    const shown = new Set((on || 'funnel').split(' '));
    const model = JSON.stringify(shownModel(state.model, shown));
    if (model !== JSON.stringify(shownModel(presetModel(form.preset.value, tr[lang] ?? tr.en), shown))) a.push(['model', model]);
    const wi = whatIfText(state.whatif);
    if (wi !== '/funnel/dealSize:+10%') a.push(['what-if', wi]);
  }
  return a;
}

function render() {
  const a = attributes();
  const width = Number(column.value);
  const height = reservedHeight(form.preset.value, width, a.find(([k]) => k === 'sections')?.[1]);
  // Hosts copy dist/: the bundled module, not the source this page's own preview runs.
  const src = new URL('dist/widget/sales-kpi-calculator.js', root).href;
  // Hosts copy dist/: its embed page loads the bundled widget too.
  const embed = new URL('dist/embed.html', root);
  embed.search = new URLSearchParams(a).toString();
  // A pasted link carries only what a static host can serve a discovery document for: one
  // folder per preset, locale and currency (scripts/integrations.mjs writes them).
  const settings = Object.fromEntries(a);
  const link = new URL(`dist/e/${settings.preset}/${settings.locale || 'auto'}/${settings.currency || 'auto'}/`, root);
  // The rest (a model, a what-if, sections) opens with the page, though an oEmbed frame leaves it out.
  link.search = new URLSearchParams(a.filter(([k]) => !['preset', 'locale', 'currency'].includes(k))).toString();
  // Readers whose browser cannot run the module see what it is and a link to the iframe form.
  const fallback = fallbackHtml((settings.locale || document.documentElement.lang).split('-')[0], embed.href);
  const snippets = {
    'wordpress-snippet': wordpressShortcode(a),
    'hugo-snippet': hugoShortcode(a, width),
    'script-snippet': htmlSnippet(a, src, height, fallback),
    'csp-snippet': cspSnippet(a, src, height, fallback),
    // The frame holds the calculator alone, as wide as the frame: the same height.
    'iframe-snippet': iframeSnippet(embed.href, height),
    'resize-snippet': resizeSnippet(new URL('dist/sales-kpi-resize.js', root).href),
    'link-snippet': link.href,
  };
  for (const [id, text] of Object.entries(snippets)) document.getElementById(id).value = text;
}

/** Settings changed: the preview takes them (a new preset starts from that preset's numbers). */
function apply() {
  for (const k of ['preset', 'locale', 'currency']) {
    if (form[k].value) preview.setAttribute(k, form[k].value);
    else preview.removeAttribute(k);
  }
  const on = [...form.querySelectorAll('[name=sections]:checked')].map((b) => b.value);
  preview.setAttribute('sections', on.join(' ') || 'funnel');
  render();
}

preview.addEventListener('sales-kpi-change', (e) => {
  state = e.detail;
  render();
});

column.addEventListener('change', render);

form.addEventListener('change', (e) => {
  if (e.target.name === 'preset') checkDefaults();
  apply();
});

document.addEventListener('click', async (e) => {
  const id = e.target.closest('[data-copy]')?.dataset.copy;
  if (!id) return;
  const box = document.getElementById(id);
  const status = document.getElementById('copy-status');
  try {
    await navigator.clipboard.writeText(box.value);
    status.textContent = 'Copied.';
  } catch {
    box.focus();
    box.select();
    status.textContent = 'Selected: press Ctrl+C (or ⌘C) to copy.';
  }
});

checkDefaults();
apply();
