// Where the engine with `plan` is (www/pkg-plan/, dist/pkg-plan/). A module of its own, imported
// only when a Plan panel needs that engine, so a page without the panel neither loads it nor
// counts its bytes (bench/bytes.mjs follows literal URLs).
export const planGlue = new URL('../pkg-plan/sales_kpi.js', import.meta.url);
export const planWasm = new URL('../pkg-plan/sales_kpi_bg.wasm', import.meta.url);
