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

/// Plain decimal notation as the contract fixes it: optional `-`, digits, optional `.` and
/// digits, no exponent, no trailing zeros after the point.
pub fn is_plain_decimal(s: &str) -> bool {
    let body = s.strip_prefix('-').unwrap_or(s);
    let (int, frac) = match body.split_once('.') {
        Some((int, frac)) => (int, Some(frac)),
        None => (body, None),
    };
    if int.is_empty() || !int.bytes().all(|b| b.is_ascii_digit()) {
        return false;
    }
    match frac {
        None => true,
        Some(frac) => {
            !frac.is_empty()
                && frac.bytes().all(|b| b.is_ascii_digit())
                && frac.as_bytes()[frac.len() - 1] != b'0'
        }
    }
}

/// An error text that begins with `prefix` (a pointer and ": ") and goes on to explain.
pub fn assert_starts(text: &str, prefix: &str) {
    assert!(
        text.starts_with(prefix),
        "error should begin with {prefix:?} but was {text:?}"
    );
    assert!(
        text.len() > prefix.len(),
        "error should explain the problem after {prefix:?}: {text:?}"
    );
}
