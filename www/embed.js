// Runs inside the iframe of embed.html. Tells the page around it how tall the calculator is, in
// two formats: { type: 'sales-kpi:height', height } for any host script, and WordPress's
// { message: 'height', value, secret } so a pasted link resizes itself in WordPress posts.
const q = new URLSearchParams(location.search);
const ok = (s) => (s && /^[A-Za-z0-9]{1,64}$/.test(s) ? s : null);
// WordPress appends "#?secret=…" to the iframe URL and sends { message: 'ready', secret }.
const secret = ok(/[#?&]secret=([^&#]*)/.exec(location.hash)?.[1]) ?? ok(q.get('secret'));
let origin = null;
try {
  origin = document.referrer ? new URL(document.referrer).origin : null;
} catch {
  origin = null;
}
let last = 0;

function report(force) {
  if (window.parent === window) return;
  const height = Math.ceil(document.body.getBoundingClientRect().height);
  if (!force && height === last) return;
  last = height;
  // Only a height goes out, so '*' leaks nothing when the host's origin is unknown.
  const to = origin ?? '*';
  window.parent.postMessage({ type: 'sales-kpi:height', height }, to);
  if (secret) window.parent.postMessage({ message: 'height', value: height, secret }, to);
}

new ResizeObserver(() => report(false)).observe(document.body);

addEventListener('message', (e) => {
  // Only the page that holds this frame may ask, and only with the secret it was given.
  if (e.source !== window.parent || (origin && e.origin !== origin)) return;
  const d = e.data;
  if (!d || typeof d !== 'object') return;
  if ((d.message === 'ready' && secret && d.secret === secret) || d.type === 'sales-kpi:ping') report(true);
});
