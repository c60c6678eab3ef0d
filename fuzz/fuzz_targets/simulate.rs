//! Fuzz target: `sales_kpi::text::simulate`. Input: the model on the first line, the options after it;
//! or, after a first byte >= 0x80, a recipe for generated inputs (`sales_kpi_fuzz::gen`).
//! Panics (a finding) on a panic inside the engine or an answer that breaks the contract.
//!
//! Inputs asking for more than 20,000 samples are skipped: a valid simulation costs time in
//! proportion to its samples (up to 15 s native for 1,000,000 samples of a 12-stage model),
//! and the code path is the same at any count, so big counts would only slow the search.
//! Their cost is measured separately (fuzz/RESULTS.md).
#![no_main]

use libfuzzer_sys::fuzz_target;

/// The most samples one fuzz input may ask for.
const MAX_FUZZ_SAMPLES: u32 = 20_000;

fuzz_target!(|data: &[u8]| {
    let Some((model, options)) =
        sales_kpi_fuzz::inputs(data, sales_kpi_fuzz::gen::simulate_options)
    else {
        return;
    };
    if sales_kpi_fuzz::requested_samples(&options).is_some_and(|n| n > MAX_FUZZ_SAMPLES) {
        return;
    }
    sales_kpi_fuzz::run_simulate(&model, &options);
});
