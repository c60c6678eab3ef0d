// Why the engine could not start, told to the reader: the file that did not load and the likely
// cause. Loaded only after a failure. The browser hides the cause of a failed fetch or module
// load from scripts, so the same URL is fetched once more and its answer read.

/** @typedef {{ url: string, cause: 'cors' | 'status' | 'mime' | 'blocked', status?: number, type?: string, wanted?: string }} StartFailure */

/**
 * The URL in an engine error (engine.js sets `url`; a failed import() names it in its message).
 * @param {unknown} error
 */
function failedUrl(error) {
  if (error instanceof Error && 'url' in error && typeof error.url === 'string') return error.url;
  return String(error instanceof Error ? error.message : error).match(/\bhttps?:\/\/[^\s'"]+/)?.[0] ?? null;
}

/**
 * @param {unknown} error the engine's start-up error
 * @returns {Promise<StartFailure | null>} null when the error names no file
 */
export async function startFailure(error) {
  const url = failedUrl(error);
  if (!url) return null;
  let response;
  try {
    response = await fetch(url, { cache: 'no-store' });
  } catch {
    // A request the browser refused to show to this page: on another origin, that is CORS.
    return { url, cause: new URL(url, location.href).origin === location.origin ? 'blocked' : 'cors' };
  }
  if (!response.ok) return { url, cause: 'status', status: response.status };
  const type = (response.headers.get('content-type') ?? '').split(';')[0].trim().toLowerCase();
  const wasm = new URL(url, location.href).pathname.endsWith('.wasm');
  const wanted = wasm ? 'application/wasm' : 'text/javascript';
  if (wasm ? type !== wanted : !/^(text|application)\/(x-)?(javascript|ecmascript)$/.test(type)) return { url, cause: 'mime', type, wanted };
  return { url, cause: 'blocked' };
}
