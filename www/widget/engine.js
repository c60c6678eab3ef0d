// Loads the wasm engine once per page and shares it between widgets. Importing this module has no
// side effects: the glue and the .wasm are fetched on first use, from next to this file unless a
// wasm-url says otherwise, so a self-hosted copy never calls anyone else's server.
// Two builds: ../pkg/ (the small default, `evaluate` alone) and ../pkg-full/ (also `simulate` and
// `plan`, 9 KB more). A page loads one: widgets that connect together ask within one task, and
// the engine is chosen after it, the full one if any of them shows the Uncertainty or Plan panel.
// A widget that needs it later (a sections change, a link) replaces the small engine by the full
// one. wasm-url names the small engine's .wasm; the full one always loads from beside the module.
// Both engines are named by literal import('…') specifiers and new URL('….wasm', import.meta.url),
// the patterns bundlers follow: Vite and Rollup bundle the glue and copy the .wasm files; esbuild
// bundles the glue and leaves the .wasm URLs relative to its output (README, "Embedding").

/** @typedef {Error & { code?: string, pointer?: string, params?: Record<string, unknown>, restarting?: Promise<unknown> }} EngineError */

/** @type {Promise<any> | null} */
let loading = null;
/** @type {any} */
let api = null;
let restarts = 0;
/** @type {URL | string | undefined} */
let wasm;
let wasmChosen = false;
/** Whether any widget on the page has asked for the full engine. */
let wantFull = false;
/** Whether the engine being loaded (or loaded) is the full one. */
let loadingFull = false;

/**
 * Resolves to the engine module. The first wasm URL asked for is the one the page uses.
 * @param {URL | null} [wasmUrl]
 * @param {boolean} [full] the engine must have `simulate` and `plan` (see needsFullEngine in lazy-parts.js)
 * @returns {Promise<any>}
 */
export function engine(wasmUrl, full = false) {
  if (!wasmChosen) [wasmChosen, wasm] = [true, wasmUrl || undefined];
  wantFull ||= full;
  if (wantFull && loading && !loadingFull) loading = null;
  /** @type {Promise<any>} */
  const started = (loading ??= Promise.resolve().then(async () => {
    // Replaced before it began (another widget asked for the full engine in the same task): nothing to do.
    if (started !== loading) return loading;
    loadingFull = wantFull;
    const fullEngine = loadingFull ? await import('./engine-full.js') : null;
    const source = fullEngine ? fullEngine.fullWasm : wasm ?? new URL('../pkg/sales_kpi_bg.wasm', import.meta.url);
    // The .wasm is fetched while the glue loads, not after it. A failed fetch names its URL.
    const bytes = fetch(source).then(
      (response) => (response.ok ? response : Promise.reject(startError(source, `HTTP ${response.status}`))),
      (error) => Promise.reject(startError(source, error)),
    );
    bytes.catch(() => {});
    const module = fullEngine ? await fullEngine.fullGlue() : await import('../pkg/sales_kpi.js');
    await module.default({ module_or_path: bytes });
    // An engine replaced while it loaded (the full one asked for meanwhile) is not used.
    if (started === loading) api = module;
    return started === loading ? module : loading;
  }));
  started.catch(() => {
    if (started === loading) loading = null;
  });
  return started;
}

/**
 * Whether the loaded engine has this function (the small one lacks `simulate`, `plan` and `progress`).
 * @param {'evaluate' | 'simulate' | 'plan' | 'progress'} name
 */
export const canCall = (name) => !!api && typeof api[name] === 'function';

/**
 * Calls an engine function. Input errors are thrown as they are. A trap (a
 * WebAssembly.RuntimeError, such as `unreachable`) means the instance can no longer be trusted,
 * so a new one is loaded and the error is thrown with `restarting` set to the promise of the new
 * engine. The error's type decides, not its text.
 * @param {'evaluate' | 'simulate' | 'plan' | 'progress'} name what the widget calls: the small engine
 *   (www/pkg-embed) exports evaluate; the full one (pkg-full) also simulate, plan and progress
 * @param {...unknown} args
 * @returns {any}
 */
export function call(name, ...args) {
  try {
    return api[name](...args);
  } catch (thrown) {
    if (!(thrown instanceof WebAssembly.RuntimeError)) throw thrown;
    /** @type {EngineError} */
    const error = thrown;
    if (restarts < 5) {
      restarts++;
      // A fresh instance, with fresh memory, of the same module (wasm-bindgen's reset function).
      const module = api;
      api = null;
      error.restarting = (loading = Promise.resolve().then(() => {
        module.__wbg_reset_state();
        return (api = module);
      }));
    }
    throw error;
  }
}

/** Whether the engine has loaded and can be called. */
export const isReady = () => api !== null;

/**
 * @param {unknown} error
 * @returns {error is EngineError}
 */
export const isRestarting = (error) => error instanceof Error && 'restarting' in error && !!error.restarting;

/**
 * The error of a file the engine could not load, naming its URL (configure.js says why).
 * @param {URL | string} url
 * @param {unknown} cause the fetch's error or the HTTP status
 */
function startError(url, cause) {
  /** @type {EngineError & { url?: string }} */
  const error = new Error(`${String(url)}: ${cause instanceof Error ? cause.message : String(cause)}`);
  error.url = String(url);
  return error;
}
