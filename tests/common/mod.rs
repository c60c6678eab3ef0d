//! What the integration tests share: the contract's example model and small readers.
//! Each test file uses part of it, hence the `dead_code` allowance.
#![allow(dead_code)]

use rust_decimal::Decimal;
use serde_json::{json, Value};

/// The contract's example model (shared/contract.md, "The model").
pub fn example() -> Value {
    json!({
        "funnel": {
            "top": "12000",
            "stages": [
                { "name": "meetings", "rate": "0.025" },
                { "name": "deals",    "rate": "0.2" }
            ],
            "dealSize": "12500"
        },
        "target": "1000000",
        "cycleDays": "45",
        "acquisitionCost": "90000",
        "customer": {
            "purchaseValue": "12500",
            "purchasesPerYear": "1",
            "lifespanYears": "4",
            "grossMargin": "0.6"
        },
        "retention": { "start": "200", "end": "210", "new": "30" },
        "growth": { "previous": "800000", "current": "912000" }
    })
}

/// A decimal from its text, for expected values.
pub fn dec(text: &str) -> Decimal {
    text.parse()
        .unwrap_or_else(|_| panic!("not a decimal: {text}"))
}

/// The text at `pointer` in a JSON result.
pub fn s<'a>(value: &'a Value, pointer: &str) -> &'a str {
    value
        .pointer(pointer)
        .and_then(Value::as_str)
        .unwrap_or_else(|| panic!("{pointer} missing or not text in {value}"))
}
