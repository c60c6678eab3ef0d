//! Reads the contract's example model over and over, for a profiler:
//! `perf record cargo run --release --example model_read`.
fn main() {
    let text = r#"{"funnel":{"top":"12000","stages":[{"name":"meetings","rate":"0.025"},{"name":"deals","rate":"0.2"}],"dealSize":"12500"},"target":"1000000","cycleDays":"45","acquisitionCost":"90000","customer":{"purchaseValue":"12500","purchasesPerYear":"1","lifespanYears":"4","grossMargin":"0.6"},"retention":{"start":"200","end":"210","new":"30"},"growth":{"previous":"800000","current":"912000"}}"#;
    let json = sales_kpi::json::Json::parse(text).unwrap();
    for _ in 0..400_000 {
        std::hint::black_box(sales_kpi::Model::from_json(std::hint::black_box(&json)).unwrap());
    }
}
