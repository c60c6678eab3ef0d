// Where the full engine, with `simulate` and `plan`, is (www/pkg-full/, dist/pkg-full/). A module
// of its own, imported only when an Uncertainty or Plan panel needs that engine, so a page without
// them neither loads it nor counts its bytes (bench/bytes.mjs follows literal URLs). The glue is a
// literal import() and the .wasm a literal new URL(), so bundlers find both (engine.js).
export const fullGlue = () => import('../pkg-full/sales_kpi.js');
export const fullWasm = new URL('../pkg-full/sales_kpi_bg.wasm', import.meta.url);
