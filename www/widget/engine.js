// Loads the wasm engine once per page and shares it between widgets. Importing this module has no
// side effects: the glue and the .wasm are fetched on first use, from next to this file unless a
// wasm-url says otherwise, so a self-hosted copy never calls anyone else's server.
// Two builds, the same in development (www/) and in dist/: the small engine with `evaluate` alone
// (www/pkg-embed/, shipped as dist/pkg/) and the full one that also has `simulate`, `plan` and
// `progress` (www/pkg-full/, dist/pkg-full/). The page's engine only grows, none → small → full:
// a page whose sections need the full engine (lazy-parts.js, needsFullEngine) loads it before it
// draws them, and a small one asked for in the same task is not loaded at all.
// wasm-url names the small engine's .wasm; the full engine's is ../pkg-full/sales_kpi_bg.wasm
// beside its folder, as in dist/, so the one attribute moves both (like Shoelace's base path).
// The glue is JavaScript and stays with the module: both engines' glue is named by a literal
// import('…') and each .wasm by a literal new URL('….wasm', import.meta.url), the patterns
// bundlers follow: Vite and Rollup bundle the glue and copy the .wasm files; esbuild bundles the
// glue and leaves the .wasm URLs relative to its output (README, "Embedding").

/**
 * @typedef {typeof import('../pkg-embed/sales_kpi.js')} SmallEngine
 * @typedef {typeof import('../pkg-full/sales_kpi.js')} FullEngine
 * @typedef {'evaluate' | 'simulate' | 'plan' | 'progress'} EngineFunction
 * @typedef {Error & { code?: string, pointer?: string, params?: Record<string, unknown>, restarting?: Promise<unknown> }} EngineError
 * The engine's answers, as its generated declarations (sales_kpi.d.ts) type them:
 * @typedef {import('../pkg-full/sales_kpi.js').Report} Report
 * @typedef {import('../pkg-full/sales_kpi.js').Evaluation} Evaluation
 * @typedef {import('../pkg-full/sales_kpi.js').Summary} Summary
 * @typedef {import('../pkg-full/sales_kpi.js').Plan} Plan
 * @typedef {import('../pkg-full/sales_kpi.js').Progress} Progress
 */

/**
 * The page's engine, the module's only engine state: which one answers calls (`state`), the
 * load of each one asked for, and where the .wasm files are.
 */
const engines = {
  /** @type {'none' | 'small' | 'full'} */
  state: 'none',
  /** @type {SmallEngine | FullEngine | null} the engine that answers; null while none has loaded or it restarts */
  api: null,
  /** @type {{ small?: Promise<void>, full?: Promise<void> }} a failed load is forgotten, so the next request tries again */
  loads: {},
  /** @type {URL | null | undefined} the first widget's wasm-url (null: beside the module); undefined until one asks */
  wasmUrl: undefined,
  restarts: 0,
};

/**
 * Resolves when an engine with the functions asked for answers calls: the full one when `full`
 * (see needsFullEngine in lazy-parts.js), else at least the small one. The small one is chosen
 * after the widgets connecting in the same task have asked, so a page that needs the full engine
 * loads only that.
 * @param {boolean} full
 * @param {URL | null} [wasmUrl] the widget's wasm-url; the first one given is the page's
 * @param {Promise<void>} [compileAfter] the .wasm is fetched at once but compiled once this
 *   resolves (a first view's paint, configure.js); for the load this call starts
 * @returns {Promise<void>}
 */
export function loadEngine(full, wasmUrl, compileAfter) {
  if (engines.wasmUrl === undefined && wasmUrl !== undefined) engines.wasmUrl = wasmUrl;
  const { loads } = engines;
  const kind = full ? 'full' : 'small';
  const load = (loads[kind] ??= full ? fetchEngine('full', compileAfter) : Promise.resolve().then(() => loads.full ?? fetchEngine('small', compileAfter)));
  load.catch(() => {
    if (loads[kind] === load) delete loads[kind];
  });
  return load;
}

/**
 * Loads one engine and lets it answer, unless a larger one already does.
 * @param {'small' | 'full'} kind
 * @param {Promise<void>} [compileAfter] see loadEngine
 */
async function fetchEngine(kind, compileAfter) {
  const full = kind === 'full' ? await import('./engine-full.js') : null;
  const source = full ? full.fullWasm(engines.wasmUrl) : (engines.wasmUrl ?? new URL('../pkg-embed/sales_kpi_bg.wasm', import.meta.url));
  // The .wasm is fetched while the glue loads, not after it. A failed fetch names its URL.
  const bytes = fetch(source).then(
    (response) => (response.ok ? response : Promise.reject(startError(source, `HTTP ${response.status}`))),
    (error) => Promise.reject(startError(source, error)),
  );
  bytes.catch(() => {});
  const module = full ? await full.fullGlue() : await import('../pkg-embed/sales_kpi.js');
  await module.default({ module_or_path: compileAfter ? compileAfter.then(() => bytes) : bytes });
  if (full || engines.state === 'none') [engines.state, engines.api] = [kind, module];
}

/**
 * Whether the engine that answers has this function (the small one lacks `simulate`, `plan` and
 * `progress`).
 * @param {EngineFunction} name
 */
export const canCall = (name) => typeof (/** @type {Partial<FullEngine> | null} */ (engines.api))?.[name] === 'function';

/**
 * Calls an engine function. Input errors are thrown as they are. A trap (a
 * WebAssembly.RuntimeError, such as `unreachable`) means the instance can no longer be trusted,
 * so a new one is loaded and the error is thrown with `restarting` set to the promise of the new
 * engine. The error's type decides, not its text.
 * @template {EngineFunction} Name
 * @param {Name} name what the widget calls: the small engine exports evaluate; the full one also
 *   simulate, plan and progress (canCall says which the page has)
 * @param {import('./state.js').Model} model the model as the reader typed it, and
 * @param {unknown} input the function's request or options, as the widget holds them: the engine
 *   reads both as JSON and checks every field (a section half filled in is refused with its pointer),
 *   so they are not typed as the valid input of its declarations
 * @returns {ReturnType<FullEngine[Name]>}
 */
export function call(name, model, input) {
  const api = engines.api;
  const engineFunction = /** @type {((model: unknown, input: unknown) => ReturnType<FullEngine[Name]>) | undefined} */ (
    /** @type {Partial<FullEngine> | null} */ (api)?.[name]
  );
  if (!api || !engineFunction) throw new Error(`no ${name}`);
  try {
    return engineFunction(model, input);
  } catch (thrown) {
    if (!(thrown instanceof WebAssembly.RuntimeError)) throw thrown;
    /** @type {EngineError} */
    const error = thrown;
    if (engines.restarts < 5) {
      engines.restarts++;
      // A fresh instance, with fresh memory, of the same module (wasm-bindgen's reset function);
      // a larger engine that finished loading meanwhile answers instead.
      engines.api = null;
      error.restarting = Promise.resolve().then(() => {
        api.__wbg_reset_state();
        engines.api ??= api;
      });
    }
    throw error;
  }
}

/** Whether the engine has loaded and can be called. */
export const isReady = () => engines.api !== null;

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
