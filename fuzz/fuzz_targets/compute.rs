//! Fuzz target: `sales_kpi::text::compute`. Input: JSON text (the model);
//! or, after a first byte >= 0x80, a recipe for a generated model (`sales_kpi_fuzz::gen`).
//! Panics (a finding) on a panic inside the engine or an answer that breaks the contract.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((model, _)) = sales_kpi_fuzz::inputs(data, sales_kpi_fuzz::gen::changes) else {
        return;
    };
    // Text mode: the whole input is the model, newlines and all.
    let model = if data.first().is_some_and(|&b| b >= 0x80) {
        model
    } else {
        String::from_utf8_lossy(data).into_owned()
    };
    sales_kpi_fuzz::run_compute(&model);
});
