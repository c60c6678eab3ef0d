// Where the full engine, with `simulate` and `plan`, is (www/pkg-full/, dist/pkg-full/). A module
// of its own, imported only when an Uncertainty or Plan panel needs that engine, so a page without
// them neither loads it nor counts its bytes (bench/bytes.mjs follows literal URLs).
export const fullGlue = new URL('../pkg-full/sales_kpi.js', import.meta.url);
export const fullWasm = new URL('../pkg-full/sales_kpi_bg.wasm', import.meta.url);
