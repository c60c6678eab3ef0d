// Runs inside the iframe of embed.html. Tells the page around it how tall the calculator is, in
// two formats: { type: 'sales-kpi:height', height } for any host script, and WordPress's
// { message: 'height', value, secret } so a pasted link resizes itself in WordPress posts.
//
// It reports on load, after every render of the calculator, when the frame's size changes and
// whenever the host asks (WordPress's 'ready' may come before or after this script runs).
// A ResizeObserver alone is not enough: Chromium does not run it in a cross-origin frame that
// WordPress keeps clipped to 1 px until the first height arrives.
const query = new URLSearchParams(location.search);
const valid = (s) => (s && /^[A-Za-z0-9]{1,64}$/.test(s) ? s : null);
// WordPress appends "#?secret=…" to the iframe URL (after any hash the provider gave): the last one counts.
const secret = valid([...location.hash.matchAll(/[#?&]secret=([^&#]*)/g)].at(-1)?.[1]) ?? valid(query.get('secret'));
const framed = window.parent !== window;
let origin = null;
try {
  origin = document.referrer ? new URL(document.referrer).origin : null;
} catch {
  origin = null;
}

// WordPress clamps an embed to 1000 px. In its frame (the one with a secret), unless the link
// names its panels, show the preset's first panel only (measured at 650 px: 1,000 to 1,400 px
// for a funnel); what does not fit scrolls inside the frame. Unit economics are computed from the
// funnel's deals and deal value, so they come with the funnel's fields (#10: no result from a
// number the reader cannot see). Other hosts size the frame to the whole calculator (the resize
// script), so they get every panel. Pacing is its Progress panel, which is the whole point of it.
const COMPACT_SECTIONS = { 'unit-economics': 'funnel economics', pacing: 'progress', default: 'funnel' };
const calculator = document.querySelector('sales-kpi-calculator');
if (framed && secret && calculator && !query.has('sections') && !calculator.hasAttribute('sections')) {
  const preset = query.get('preset') ?? calculator.getAttribute('preset') ?? 'inbound';
  calculator.setAttribute('sections', COMPACT_SECTIONS[preset] ?? COMPACT_SECTIONS.default);
}

let last = 0;
function report(force) {
  if (!framed) return;
  const height = Math.ceil(document.body.getBoundingClientRect().height);
  if (!force && height === last) return;
  last = height;
  // Only a height goes out, so '*' leaks nothing when the host's origin is unknown.
  const to = origin ?? '*';
  window.parent.postMessage({ type: 'sales-kpi:height', height }, to);
  if (secret) window.parent.postMessage({ message: 'height', value: height, secret }, to);
}

/** Reports now and again once layout has settled (fonts, late panels). */
function reportSoon() {
  report(false);
  setTimeout(() => report(false), 100);
  setTimeout(() => report(false), 600);
}

if (framed) {
  new ResizeObserver(() => report(false)).observe(document.body);
  addEventListener('resize', reportSoon);
  addEventListener('load', () => report(true));
  document.fonts?.ready.then(reportSoon);
  if (calculator) {
    // Every render changes the calculator's shadow DOM; that is observed even while the frame is
    // not painted.
    customElements.whenDefined('sales-kpi-calculator').then(() => {
      const root = calculator.shadowRoot;
      if (root) new MutationObserver(reportSoon).observe(root, { childList: true, subtree: true, attributes: true, characterData: true });
      reportSoon();
    });
    calculator.addEventListener('sales-kpi-change', reportSoon);
  }
  reportSoon();
}

addEventListener('message', (event) => {
  // Only the page that holds this frame may ask, and only with the secret it was given.
  if (event.source !== window.parent || (origin && event.origin !== origin)) return;
  const data = event.data;
  if (!data || typeof data !== 'object') return;
  if ((data.message === 'ready' && secret && data.secret === secret) || data.type === 'sales-kpi:ping') report(true);
});
