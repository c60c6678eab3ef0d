//! Where a `compute` call's time goes, natively: reading the JSON text, building the model,
//! the sums and writing the report. `cargo run --release --example breakdown`.
use std::time::Instant;

fn per_call(name: &str, mut work: impl FnMut()) {
    for _ in 0..2000 {
        work();
    }
    let runs = 20_000;
    let started = Instant::now();
    for _ in 0..runs {
        work();
    }
    let micros = started.elapsed().as_secs_f64() * 1e6 / f64::from(runs);
    println!("{name:<24} {micros:>7.2} µs");
}

fn main() {
    let text = r#"{"funnel":{"top":"12000","stages":[{"name":"meetings","rate":"0.025"},{"name":"deals","rate":"0.2"}],"dealSize":"12500"},"target":"1000000","cycleDays":"45","acquisitionCost":"90000","customer":{"purchaseValue":"12500","purchasesPerYear":"1","lifespanYears":"4","grossMargin":"0.6"},"retention":{"start":"200","end":"210","new":"30"},"growth":{"previous":"800000","current":"912000"}}"#;
    let json = sales_kpi::json::Json::parse(text).unwrap();
    let model = sales_kpi::Model::from_json(&json).unwrap();
    let report = sales_kpi::compute(&model).unwrap();
    per_call("read JSON text", || {
        std::hint::black_box(sales_kpi::json::Json::parse(std::hint::black_box(text)).unwrap());
    });
    per_call("model from JSON", || {
        std::hint::black_box(sales_kpi::Model::from_json(std::hint::black_box(&json)).unwrap());
    });
    per_call("compute", || {
        std::hint::black_box(sales_kpi::compute(std::hint::black_box(&model)).unwrap());
    });
    per_call("report to JSON text", || {
        std::hint::black_box(serde_json::to_string(std::hint::black_box(&report)).unwrap());
    });
}
