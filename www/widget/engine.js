// Loads the wasm engine once per page and shares it between widgets. Importing this module has no
// side effects: the glue and the .wasm are fetched on first use, from next to this file unless a
// wasm-url says otherwise, so a self-hosted copy never calls anyone else's server.

/** @typedef {Error & { code?: string, pointer?: string, params?: Record<string, unknown>, restarting?: Promise<unknown> }} EngineError */

/** @type {Promise<any> | null} */
let loading = null;
/** @type {any} */
let api = null;
let restarts = 0;
/** @type {URL | string | undefined} */
let wasm;

/**
 * Resolves to the engine module. The first wasm URL asked for is the one the page uses.
 * @param {URL | null} [wasmUrl]
 * @returns {Promise<any>}
 */
export function engine(wasmUrl) {
  wasm ??= wasmUrl || new URL('../pkg/sales_kpi_bg.wasm', import.meta.url);
  const started = (loading ??= (async () => {
    const glue = new URL('../pkg/sales_kpi.js', import.meta.url);
    // A different URL gives a new module instance, with fresh wasm memory.
    if (restarts) glue.search = `r=${restarts}`;
    // The .wasm is fetched while the glue loads, not after it.
    const bytes = fetch(wasm);
    bytes.catch(() => {});
    const module = await import(glue.href);
    await module.default({ module_or_path: bytes });
    api = module;
    return module;
  })());
  started.catch(() => (loading = null));
  return started;
}

/**
 * Calls an engine function. Input errors are thrown as they are. A trap (a
 * WebAssembly.RuntimeError, such as `unreachable`) means the instance can no longer be trusted,
 * so a new one is loaded and the error is thrown with `restarting` set to the promise of the new
 * engine. The error's type decides, not its text.
 * @param {'evaluate' | 'simulate'} name the two functions the widget's engine (www/pkg-embed) exports
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
      api = null;
      loading = null;
      error.restarting = engine();
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
