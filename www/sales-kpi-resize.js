// For a host page that holds the calculator in an <iframe> (embed.html): sizes each such frame
// to its content. embed.js posts the height as { type: 'sales-kpi:height', height }, and as
// WordPress's { message: 'height', value, secret } when the frame was given a secret. A frame is
// resized only by messages from its own window and from the origin of its own src, and the
// WordPress format only with the secret in its data-secret attribute.
// <script src="https://your.site/sales-kpi/sales-kpi-resize.js" async></script>
(() => {
  /** @param {HTMLIFrameElement} frame */
  const originOf = (frame) => {
    try {
      // A frame without a src (srcdoc, about:blank) is never ours.
      return frame.getAttribute('src') ? new URL(frame.src).origin : null;
    } catch {
      return null;
    }
  };
  addEventListener('message', (event) => {
    const data = event.data;
    if (!data || typeof data !== 'object') return;
    for (const frame of document.getElementsByTagName('iframe')) {
      if (frame.contentWindow !== event.source) continue;
      if (originOf(frame) !== event.origin) return;
      const height = data.type === 'sales-kpi:height' ? data.height : data.message === 'height' && data.secret && data.secret === frame.dataset.secret ? data.value : NaN;
      if (typeof height === 'number' && height > 0 && height < 100000) {
        // The attribute for plain pages, the style for pages whose CSS sets iframe heights
        // (a style set from script is allowed under a CSP without 'unsafe-inline').
        frame.height = String(Math.ceil(height));
        frame.style.height = `${Math.ceil(height)}px`;
      }
      return;
    }
  });
  // Frames that reported before this script ran report again when asked. The request carries
  // nothing, so it goes to '*': a frame still loading has another origin, and a named one
  // would log an error there.
  const ask = () => {
    for (const frame of document.getElementsByTagName('iframe')) frame.contentWindow?.postMessage({ type: 'sales-kpi:ping' }, '*');
  };
  ask();
  if (document.readyState !== 'complete') addEventListener('load', ask);
})();
