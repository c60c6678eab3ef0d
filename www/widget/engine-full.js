// Where the full engine, with `simulate`, `plan` and `progress`, is (www/pkg-full/,
// dist/pkg-full/). A module of its own, imported only when an Uncertainty, Plan or Progress panel
// needs that engine, so a page without them neither loads it nor counts its bytes (bench/bytes.mjs
// follows literal URLs). The glue is a literal import() and the .wasm a literal new URL(), so
// bundlers find both (engine.js).
export const fullGlue = () => import('../pkg-full/sales_kpi.js');
const besideModule = new URL('../pkg-full/sales_kpi_bg.wasm', import.meta.url);

/**
 * The full engine's .wasm: beside the small one's folder when wasm-url moved that (the layout of
 * dist/, pkg/ beside pkg-full/), else beside this module.
 * @param {URL | null | undefined} smallWasm
 */
export const fullWasm = (smallWasm) => (smallWasm ? new URL('../pkg-full/sales_kpi_bg.wasm', smallWasm) : besideModule);
