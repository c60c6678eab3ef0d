//! Fuzz target: `sales_kpi::text::progress`. Input: the model on the first line, the options after
//! it; or, after a first byte >= 0x80, a recipe for generated inputs (`sales_kpi_fuzz::gen`).
//! Panics (a finding) on a panic inside the engine or an answer that breaks the contract: figures
//! that do not add up, a chance outside [0, 1], a weakest stage that is not the weakest.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((model, options)) =
        sales_kpi_fuzz::inputs(data, sales_kpi_fuzz::gen::progress_options)
    else {
        return;
    };
    sales_kpi_fuzz::run_progress(&model, &options);
});
