// Loads the wasm engine once per page and shares it between widgets. Importing this module has no
// side effects: the glue and the .wasm are fetched on first use, from next to this file unless a
// wasm-url says otherwise, so a self-hosted copy never calls anyone else's server.

let loading = null;
let api = null;
let restarts = 0;
let wasm;

/** Resolves to the engine module. The first wasm URL asked for is the one the page uses. */
export function engine(wasmUrl) {
  wasm ??= wasmUrl || new URL('../pkg/sales_kpi_bg.wasm', import.meta.url);
  loading ??= (async () => {
    const glue = new URL('../pkg/sales_kpi.js', import.meta.url);
    // A different URL gives a new module instance, with fresh wasm memory.
    if (restarts) glue.search = `r=${restarts}`;
    const mod = await import(glue.href);
    await mod.default({ module_or_path: wasm });
    api = mod;
    return mod;
  })();
  loading.catch(() => (loading = null));
  return loading;
}

/** An input error from the engine: its message starts with the JSON Pointer it is about. */
export const pointerOf = (e) => (e instanceof Error ? /^((?:\/[^\s:]*)*): /.exec(e.message)?.[1] : undefined);

/**
 * Calls an engine function. Input errors are thrown as they are. A trap (a
 * WebAssembly.RuntimeError, such as `unreachable`) means the instance can no longer be trusted,
 * so a new one is loaded and the error is thrown with `restarting` set to the promise of the new
 * engine. The error's type decides, not its text: an input error about a field whose name holds
 * a space or a colon is still an input error.
 */
export function call(name, ...args) {
  try {
    return api[name](...args);
  } catch (e) {
    if (!(e instanceof WebAssembly.RuntimeError)) throw e;
    const err = e instanceof Error ? e : new Error(String(e));
    if (restarts < 5) {
      restarts++;
      api = null;
      loading = null;
      err.restarting = engine();
    }
    throw err;
  }
}
