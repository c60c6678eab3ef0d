//! Fuzz target: `sales_kpi::text::what_if`. Input: the model on the first line, the second argument after it;
//! or, after a first byte >= 0x80, a recipe for generated inputs (`sales_kpi_fuzz::gen`).
//! Panics (a finding) on a panic inside the engine or an answer that breaks the contract.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((model, second)) = sales_kpi_fuzz::inputs(data, sales_kpi_fuzz::gen::changes) else {
        return;
    };
    sales_kpi_fuzz::run_what_if(&model, &second);
});
