//! Property tests of the engine against the public contract (docs/contract.md):
//! (a) no input makes any of the five functions panic, every error is `pointer: message`
//!     and every answer holds plain decimal strings;
//! (b) the backwards funnel reaches the target, in whole, least counts;
//! (c) a 10 % what-if is exact in decimals;
//! (d) solve hits the target, and finds the value that produced it;
//! (e) sensitivity rows agree with whatIf `to`, and no lever that moves the metric is left out;
//! (f) simulate over one-value ranges equals compute;
//! (g) simulate's percentiles are ordered and inside the metric's bounds.

use proptest::prelude::*;
use proptest::test_runner::TestCaseError;
use rust_decimal::Decimal;
use serde_json::{json, Map, Value};

use sales_kpi::text;

mod common;
use common::{dec, is_plain_decimal};

// ================================================================ helpers

fn d(text_value: &Value) -> Decimal {
    dec(text_value
        .as_str()
        .unwrap_or_else(|| panic!("not text: {text_value}")))
}

fn plain_numbers(value: &Value, path: &str) -> Result<(), String> {
    match value {
        Value::Null | Value::Bool(_) => Ok(()),
        Value::Number(n) => Err(format!("{path} is a JSON number {n}")),
        Value::String(s) if is_plain_decimal(s) => Ok(()),
        Value::String(s) => Err(format!("{path} = {s:?} is not plain decimal notation")),
        Value::Array(items) => items
            .iter()
            .enumerate()
            .try_for_each(|(i, item)| plain_numbers(item, &format!("{path}/{i}"))),
        Value::Object(map) => map
            .iter()
            .filter(|(key, _)| *key != "name" && *key != "lever")
            .try_for_each(|(key, item)| plain_numbers(item, &format!("{path}/{key}"))),
    }
}

/// Every string under a "lever" or "metric" key: pointers the caller gave, which an error may echo.
fn given_pointers(value: &Value, out: &mut Vec<String>) {
    match value {
        Value::Array(items) => items.iter().for_each(|item| given_pointers(item, out)),
        Value::Object(map) => {
            for (key, item) in map {
                if key == "lever" || key == "metric" {
                    if let Value::String(s) = item {
                        out.push(s.clone());
                    }
                }
                given_pointers(item, out);
            }
        }
        _ => {}
    }
}

/// The contract's promise for any answer: JSON with plain decimals, or an error whose text is
/// `pointer: message` with a pointer that is "" or begins with "/" (or, for a lever or metric
/// pointer that names nothing, the pointer as the caller gave it).
fn check_answer(
    answer: Result<String, sales_kpi::Error>,
    echoable: &[String],
) -> Result<(), TestCaseError> {
    match answer {
        Ok(out) => {
            let value: Value = serde_json::from_str(&out)
                .map_err(|e| TestCaseError::fail(format!("answer is not JSON: {e}: {out}")))?;
            plain_numbers(&value, "").map_err(TestCaseError::fail)?;
        }
        Err(error) => {
            let text = error.to_string();
            prop_assert_eq!(&text, &format!("{}: {}", error.pointer(), error.message()));
            prop_assert!(!error.message().is_empty(), "empty message: {:?}", text);
            let pointer = error.pointer();
            let rooted = pointer.is_empty() || pointer.starts_with('/');
            let echoed = echoable.iter().any(|given| given == pointer);
            prop_assert!(
                rooted || echoed,
                "error does not begin with a JSON Pointer: {:?}",
                text
            );
            prop_assert!(
                text.starts_with('/') || text.starts_with(": ") || echoed,
                "error text must start with '/' or ': ': {:?}",
                text
            );
        }
    }
    Ok(())
}

fn what_if(model: &Value, changes: &Value) -> Result<Value, sales_kpi::Error> {
    text::what_if(&model.to_string(), &changes.to_string())
        .map(|out| serde_json::from_str(&out).unwrap())
}

fn compute(model: &Value) -> Result<Value, sales_kpi::Error> {
    text::compute(&model.to_string()).map(|out| serde_json::from_str(&out).unwrap())
}

/// The metric of the model with some levers set `to` values, or None when whatIf refuses or
/// the metric is null.
fn metric_with(model: &Value, sets: &[(String, Decimal)], metric: &str) -> Option<Decimal> {
    let changes: Vec<Value> = sets
        .iter()
        .map(|(lever, value)| json!({ "lever": lever, "to": value.to_string() }))
        .collect();
    let result = what_if(model, &Value::Array(changes)).ok()?;
    result["scenario"]
        .pointer(metric)
        .and_then(Value::as_str)
        .map(dec)
}

fn within(actual: Decimal, expected: Decimal, relative: Decimal) -> bool {
    match actual.checked_sub(expected) {
        Some(miss) => miss.abs() <= expected.abs() * relative,
        None => false,
    }
}

// ================================================================ generators

const FIELD_NAMES: [&str; 35] = [
    "funnel",
    "top",
    "stages",
    "name",
    "rate",
    "dealSize",
    "target",
    "cycleDays",
    "acquisitionCost",
    "customer",
    "purchaseValue",
    "purchasesPerYear",
    "lifespanYears",
    "annualChurn",
    "grossMargin",
    "retention",
    "start",
    "end",
    "new",
    "growth",
    "previous",
    "current",
    "lever",
    "by",
    "add",
    "to",
    "metric",
    "ranges",
    "low",
    "high",
    "mode",
    "samples",
    "seed",
    "threshold",
    "dealsize",
];

const LEVERS: [&str; 18] = [
    "/funnel/top",
    "/funnel/stages/0/rate",
    "/funnel/stages/1/rate",
    "/funnel/stages/2/rate",
    "/funnel/dealSize",
    "/target",
    "/cycleDays",
    "/acquisitionCost",
    "/customer/purchaseValue",
    "/customer/purchasesPerYear",
    "/customer/lifespanYears",
    "/customer/annualChurn",
    "/customer/grossMargin",
    "/retention/start",
    "/retention/end",
    "/retention/new",
    "/growth/previous",
    "/growth/current",
];

const METRICS: [&str; 19] = [
    "/funnel/revenue",
    "/funnel/deals",
    "/funnel/conversion",
    "/funnel/stages/0/count",
    "/funnel/stages/1/count",
    "/target/attainment",
    "/target/gap",
    "/target/dealsNeeded",
    "/target/needed/top",
    "/target/needed/stages/0/count",
    "/velocity/perDay",
    "/economics/cac",
    "/economics/clv",
    "/economics/ltvToCac",
    "/economics/paybackMonths",
    "/retention/rate",
    "/retention/churn",
    "/growth/rate",
    "/funnel/stages/3/count",
];

/// Strings that are numbers, almost numbers, or nothing like numbers.
fn weird_text() -> BoxedStrategy<String> {
    prop_oneof![
        prop::sample::select(vec![
            "",
            " 1",
            "1 ",
            "12,5",
            "NaN",
            "Infinity",
            "-Infinity",
            "-0",
            "0",
            "1e29",
            "1e28",
            "-1e28",
            "1e-28",
            "1e-29",
            "79228162514264337593543950335",
            "79228162514264337593543950336",
            "-79228162514264337593543950335",
            "1.5e3",
            "0x1",
            ".5",
            "5.",
            "1e",
            "e1",
            "--1",
            "+1",
            "1e+400",
            "1e-400",
            "0e999999999999999999999",
            "0.0000000000000000000000000001",
            "9999999999999999999999999999.9",
            "１",
            "٣",
        ])
        .prop_map(str::to_owned),
        "-?[0-9]{1,35}(\\.[0-9]{1,35})?([eE][+-]?[0-9]{1,3})?",
        "[0-9.eE+ ,-]{0,70}",
        "\\PC{0,12}",
    ]
    .boxed()
}

fn arb_number() -> BoxedStrategy<Value> {
    prop_oneof![
        any::<i64>().prop_map(|n| json!(n)),
        any::<u64>().prop_map(|n| json!(n)),
        any::<f64>().prop_filter_map("finite", |f| serde_json::Number::from_f64(f)
            .map(Value::Number)),
        (-1000i64..1000, -30i32..30).prop_map(|(m, e)| {
            serde_json::Number::from_f64(m as f64 * 10f64.powi(e))
                .map_or(Value::Null, Value::Number)
        }),
    ]
    .boxed()
}

fn arb_key() -> BoxedStrategy<String> {
    prop_oneof![
        4 => prop::sample::select(FIELD_NAMES.to_vec()).prop_map(str::to_owned),
        1 => "\\PC{0,8}",
        1 => Just("a/b~c: d".to_owned()),
    ]
    .boxed()
}

/// Any JSON tree, biased toward the engine's field names and awkward numbers.
fn arb_json() -> BoxedStrategy<Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        arb_number(),
        weird_text().prop_map(Value::String),
        prop::sample::select(LEVERS.to_vec()).prop_map(|s| Value::String(s.to_owned())),
        prop::sample::select(METRICS.to_vec()).prop_map(|s| Value::String(s.to_owned())),
    ];
    leaf.prop_recursive(5, 96, 8, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..8).prop_map(Value::Array),
            prop::collection::vec((arb_key(), inner), 0..8)
                .prop_map(|entries| Value::Object(entries.into_iter().collect())),
        ]
    })
    .boxed()
}

/// A decimal with a bounded number of digits: `units` / 10^scale, for units in
/// [min_units, max_units] (so the value lies in [min_units, max_units] / 10^scale).
fn amount(min_units: i64, max_units: i64, scale: u32) -> BoxedStrategy<Decimal> {
    (min_units..=max_units)
        .prop_map(move |units| Decimal::new(units, scale))
        .boxed()
}

/// A number field that is usually valid, sometimes malformed, null or of the wrong kind.
fn near(valid: BoxedStrategy<Decimal>) -> BoxedStrategy<Value> {
    prop_oneof![
        40 => valid.prop_map(|v| Value::String(v.to_string())),
        1 => weird_text().prop_map(Value::String),
        1 => arb_number(),
        1 => prop::sample::select(vec![Value::Null, json!(true), json!([]), json!({}), json!(["1"])]),
    ]
    .boxed()
}

fn positive() -> BoxedStrategy<Decimal> {
    amount(1, 100_000_000, 3)
}

fn non_negative() -> BoxedStrategy<Decimal> {
    amount(0, 100_000_000, 3)
}

fn rate() -> BoxedStrategy<Decimal> {
    prop_oneof![amount(0, 1000, 3), Just(Decimal::ONE), Just(Decimal::ZERO)].boxed()
}

/// Inserts `value` under `key` unless the generator chose to leave it out.
fn put(map: &mut Map<String, Value>, key: &str, value: Option<Value>) {
    if let Some(value) = value {
        map.insert(key.to_owned(), value);
    }
}

/// A model that is mostly valid, with random decimal strings and now and then a broken field.
fn near_model() -> BoxedStrategy<Value> {
    let stage = (
        prop_oneof![40 => "[a-z]{1,12}", 1 => "\\PC{0,45}", 1 => Just(String::new()), 1 => Just(" ".to_owned())],
        near(rate()),
    )
        .prop_map(|(name, rate)| json!({ "name": name, "rate": rate }));
    let funnel = (
        prop::option::weighted(0.95, near(non_negative())),
        prop_oneof![
            20 => prop::collection::vec(stage.clone(), 1..7),
            1 => prop::collection::vec(stage, 0..14),
        ],
        prop::option::weighted(0.95, near(non_negative())),
        prop::option::weighted(0.02, arb_key()),
    )
        .prop_map(|(top, stages, deal_size, extra)| {
            let mut map = Map::new();
            put(&mut map, "top", top);
            map.insert("stages".into(), Value::Array(stages));
            put(&mut map, "dealSize", deal_size);
            if let Some(key) = extra {
                map.insert(key, json!("1"));
            }
            Value::Object(map)
        });
    // Lifespan: years or churn as a rule; both or neither now and then.
    let lifespan = prop_oneof![
        9 => near(positive()).prop_map(|years| (Some(years), None)),
        9 => near(amount(1, 100, 2)).prop_map(|churn| (None, Some(churn))),
        1 => (near(positive()), near(amount(1, 100, 2))).prop_map(|(y, c)| (Some(y), Some(c))),
        1 => Just((None, None)),
    ];
    let customer = (
        prop::option::of(near(positive())),
        prop::option::of(near(positive())),
        lifespan,
        prop::option::of(near(rate())),
    )
        .prop_map(|(value, per_year, (years, churn), margin)| {
            let mut map = Map::new();
            put(&mut map, "purchaseValue", value);
            put(&mut map, "purchasesPerYear", per_year);
            put(&mut map, "lifespanYears", years);
            put(&mut map, "annualChurn", churn);
            put(&mut map, "grossMargin", margin);
            Value::Object(map)
        });
    // Mostly new <= end; sometimes any order.
    let retention = (
        near(positive()),
        non_negative(),
        non_negative(),
        any::<bool>(),
        0..10u8,
    )
        .prop_map(|(start, a, b, swap, odd)| {
            let (mut new, mut end) = (a.min(b), a.max(b));
            if swap && odd == 0 {
                std::mem::swap(&mut new, &mut end);
            }
            json!({ "start": start, "end": end.to_string(), "new": new.to_string() })
        });
    let growth = (near(positive()), near(non_negative()))
        .prop_map(|(previous, current)| json!({ "previous": previous, "current": current }));
    (
        funnel,
        prop::option::of(near(positive())),
        prop::option::of(near(positive())),
        prop::option::of(near(non_negative())),
        prop::option::of(customer),
        prop::option::of(retention),
        prop::option::of(growth),
    )
        .prop_map(
            |(funnel, target, cycle, cost, customer, retention, growth)| {
                let mut map = Map::new();
                map.insert("funnel".into(), funnel);
                put(&mut map, "target", target);
                put(&mut map, "cycleDays", cycle);
                put(&mut map, "acquisitionCost", cost);
                put(&mut map, "customer", customer);
                put(&mut map, "retention", retention);
                put(&mut map, "growth", growth);
                Value::Object(map)
            },
        )
        .boxed()
}

fn pointer_text() -> BoxedStrategy<String> {
    prop_oneof![
        6 => prop::sample::select(LEVERS.iter().chain(METRICS.iter()).copied().collect::<Vec<_>>())
            .prop_map(str::to_owned),
        1 => prop::sample::select(vec![
            "", "/", "/~1", "/~0", "/funnel/stages/-1/rate", "/funnel/stages/01/rate",
            "/funnel/stages/12/rate", "/funnel/stages/99999999999999999999/rate", "funnel/top",
            "/funnel/revenue/", "/funnel",
        ])
        .prop_map(str::to_owned),
        1 => "\\PC{0,16}",
    ]
    .boxed()
}

fn change_amount() -> BoxedStrategy<Value> {
    near(amount(-2000, 2000, 3))
}

fn near_changes() -> BoxedStrategy<Value> {
    let change = (
        pointer_text(),
        0..3usize,
        change_amount(),
        prop::option::weighted(0.05, change_amount()),
    )
        .prop_map(|(lever, op, amount, second)| {
            let op_name = ["by", "add", "to"][op];
            let mut map = Map::new();
            map.insert("lever".into(), Value::String(lever));
            map.insert(op_name.into(), amount);
            if let Some(second) = second {
                map.insert(["add", "to", "by"][op].into(), second);
            }
            Value::Object(map)
        });
    prop::collection::vec(change, 0..4)
        .prop_map(Value::Array)
        .boxed()
}

fn near_goal() -> BoxedStrategy<Value> {
    (
        pointer_text(),
        pointer_text(),
        near(amount(-100_000_000, 100_000_000, 4)),
    )
        .prop_map(
            |(lever, metric, target)| json!({ "lever": lever, "metric": metric, "target": target }),
        )
        .boxed()
}

fn near_sensitivity_options() -> BoxedStrategy<Value> {
    prop_oneof![
        1 => Just(Value::Null),
        4 => (prop::option::of(pointer_text()), prop::option::of(near(amount(-5, 1005, 3))))
            .prop_map(|(metric, by)| {
                let mut map = Map::new();
                put(&mut map, "metric", metric.map(Value::String));
                put(&mut map, "by", by);
                Value::Object(map)
            }),
    ]
    .boxed()
}

fn near_simulate_options() -> BoxedStrategy<Value> {
    let lever = prop_oneof![
        6 => prop::sample::select(LEVERS.to_vec()).prop_map(str::to_owned),
        1 => pointer_text(),
    ];
    // Mostly low <= high with the mode between them, inside [0, 1] half of the time so that
    // rate levers can take the range too.
    let ends = prop_oneof![
        amount(0, 1000, 3).prop_map(|v| (v, Decimal::ONE)),
        amount(0, 200_000, 2).prop_map(|v| (v, dec("2000"))),
    ]
    .prop_flat_map(|(a, top)| {
        (
            Just(a),
            amount(0, 1000, 3).prop_map(move |share| (top, share)),
        )
    })
    .prop_map(|(a, (top, share))| {
        let b = a + (top - a).max(Decimal::ZERO) * share;
        (a, b, a + (b - a) * share)
    });
    let range = (
        lever,
        ends,
        0..20u8,
        prop::option::weighted(0.3, Just(())),
        prop::option::weighted(
            0.1,
            (near(amount(-10, 200_000, 2)), near(amount(-10, 200_000, 2))),
        ),
    )
        .prop_map(|(lever, (low, high, mode), swap, with_mode, broken)| {
            let (low, high) = if swap == 0 { (high, low) } else { (low, high) };
            let mut map = Map::new();
            map.insert("lever".into(), Value::String(lever));
            map.insert("low".into(), json!(low.to_string()));
            map.insert("high".into(), json!(high.to_string()));
            if with_mode.is_some() {
                map.insert("mode".into(), json!(mode.to_string()));
            }
            if let Some((low, high)) = broken {
                map.insert("low".into(), low);
                map.insert("high".into(), high);
            }
            Value::Object(map)
        });
    let samples = prop_oneof![
        8 => (1u32..=40).prop_map(|n| json!(n)),
        1 => prop::sample::select(vec![json!("0"), json!(0), json!("1.5"), json!(-1), json!("1000001"), json!("x"), json!(null)]),
    ];
    (
        prop::collection::vec(range, 0..4),
        samples,
        prop::option::of(prop_oneof![
            10 => any::<u64>().prop_map(|n| json!(n)),
            10 => any::<u64>().prop_map(|n| json!(n.to_string())),
            1 => weird_text().prop_map(Value::String),
        ]),
        prop::option::of(prop_oneof![
            6 => prop::sample::select(METRICS.to_vec()).prop_map(str::to_owned),
            1 => pointer_text(),
        ]),
        prop::option::of(near(amount(-1_000_000, 1_000_000_000, 2))),
    )
        .prop_map(|(ranges, samples, seed, metric, threshold)| {
            let mut map = Map::new();
            map.insert("ranges".into(), Value::Array(ranges));
            // `null` samples would mean the default 10,000: keep the suite quick.
            map.insert(
                "samples".into(),
                if samples.is_null() { json!(3) } else { samples },
            );
            put(&mut map, "seed", seed);
            put(&mut map, "metric", metric.map(Value::String));
            put(&mut map, "threshold", threshold);
            Value::Object(map)
        })
        .boxed()
}

/// A valid model with every section, in moderate numbers, and the list of its levers.
#[derive(Debug, Clone)]
struct Valid {
    model: Value,
    levers: Vec<String>,
}

fn valid_model() -> BoxedStrategy<Valid> {
    (
        amount(0, 10_000_000, 2),                                   // top
        prop::collection::vec(amount(0, 100, 2), 1..5),             // rates
        amount(0, 1_000_000, 2),                                    // dealSize
        amount(1, 100_000_000, 2),                                  // target
        amount(1, 3650, 1),                                         // cycleDays
        amount(0, 10_000_000, 2),                                   // acquisitionCost
        (
            prop::option::of(amount(1, 100_000, 2)),                // purchaseValue
            prop::option::of(amount(1, 120, 1)),                    // purchasesPerYear
            prop_oneof![
                amount(1, 400, 1).prop_map(|y| ("lifespanYears", y)),
                amount(1, 100, 2).prop_map(|c| ("annualChurn", c)),
            ],
            prop::option::of(amount(0, 100, 2)),                    // grossMargin
        ),
        (amount(1, 100_000, 0), amount(0, 100_000, 0), amount(0, 100_000, 0)), // retention
        (amount(1, 100_000_000, 2), amount(0, 100_000_000, 2)),    // growth
    )
        .prop_map(|(top, rates, deal_size, target, cycle, cost, customer, retention, growth)| {
            let stages: Vec<Value> = rates
                .iter()
                .enumerate()
                .map(|(i, r)| json!({ "name": format!("stage {i}"), "rate": r.to_string() }))
                .collect();
            let (value, per_year, (lifespan_key, lifespan), margin) = customer;
            let mut customer = Map::new();
            put(&mut customer, "purchaseValue", value.map(|v| json!(v.to_string())));
            put(&mut customer, "purchasesPerYear", per_year.map(|v| json!(v.to_string())));
            customer.insert(lifespan_key.into(), json!(lifespan.to_string()));
            put(&mut customer, "grossMargin", margin.map(|v| json!(v.to_string())));
            let (start, a, b) = retention;
            let (new, end) = (a.min(b), a.max(b));
            let model = json!({
                "funnel": { "top": top.to_string(), "stages": stages, "dealSize": deal_size.to_string() },
                "target": target.to_string(),
                "cycleDays": cycle.to_string(),
                "acquisitionCost": cost.to_string(),
                "customer": customer,
                "retention": { "start": start.to_string(), "end": end.to_string(), "new": new.to_string() },
                "growth": { "previous": growth.0.to_string(), "current": growth.1.to_string() }
            });
            let mut levers = vec!["/funnel/top".to_owned()];
            levers.extend((0..rates.len()).map(|i| format!("/funnel/stages/{i}/rate")));
            levers.push("/funnel/dealSize".into());
            levers.extend(["/target", "/cycleDays", "/acquisitionCost"].map(str::to_owned));
            for key in ["purchaseValue", "purchasesPerYear", "lifespanYears", "annualChurn", "grossMargin"] {
                if model["customer"].get(key).is_some() {
                    levers.push(format!("/customer/{key}"));
                }
            }
            levers.extend(
                ["/retention/start", "/retention/end", "/retention/new", "/growth/previous", "/growth/current"]
                    .map(str::to_owned),
            );
            Valid { model, levers }
        })
        .boxed()
}

/// The value of a lever in a model given as JSON.
fn lever_value(model: &Value, lever: &str) -> Decimal {
    d(model
        .pointer(lever)
        .unwrap_or_else(|| panic!("{lever} not in {model}")))
}

/// old x factor, clamped into the lever's valid range as the contract gives it.
fn clamp(model: &Value, lever: &str, value: Decimal) -> Decimal {
    let rate_like = lever.ends_with("/rate")
        || lever == "/customer/grossMargin"
        || lever == "/customer/annualChurn";
    let mut value = value;
    if rate_like && value > Decimal::ONE {
        value = Decimal::ONE;
    }
    if lever == "/retention/end" {
        value = value.max(lever_value(model, "/retention/new"));
    }
    if lever == "/retention/new" {
        value = value.min(lever_value(model, "/retention/end"));
    }
    value.max(Decimal::ZERO)
}

// ================================================================ (a) never panics

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn a_arbitrary_json_never_panics_and_errors_name_a_pointer(
        model in arb_json(),
        other in arb_json(),
    ) {
        let mut echoable = Vec::new();
        given_pointers(&other, &mut echoable);
        let (m, o) = (model.to_string(), other.to_string());
        check_answer(text::compute(&m), &[])?;
        check_answer(text::what_if(&m, &o), &echoable)?;
        check_answer(text::solve(&m, &o), &echoable)?;
        check_answer(text::sensitivity(&m, &o), &echoable)?;
        if !o.contains("samples") {
            check_answer(text::simulate(&m, &o), &echoable)?;
        }
    }

    #[test]
    fn a_arbitrary_text_never_panics(text_in in "\\PC{0,200}", cut in 0usize..400) {
        check_answer(text::compute(&text_in), &[])?;
        check_answer(text::sensitivity(&text_in, "null"), &[])?;
        // A valid model cut short anywhere is an error, never a panic.
        let full = json!({
            "funnel": { "top": "12000", "stages": [{ "name": "meetings", "rate": "0.025" },
                { "name": "deals", "rate": "0.2" }], "dealSize": "12500" },
            "target": "1000000", "customer": { "annualChurn": "0.25" }
        }).to_string();
        let cut = cut.min(full.len());
        if full.is_char_boundary(cut) {
            check_answer(text::compute(&full[..cut]), &[])?;
            check_answer(text::what_if(&full, &full[..cut]), &[])?;
        }
    }

    #[test]
    fn a_near_valid_models_never_panic(
        model in near_model(),
        changes in near_changes(),
        goal in near_goal(),
        sensitivity_options in near_sensitivity_options(),
    ) {
        let m = model.to_string();
        check_answer(text::compute(&m), &[])?;
        let mut echoable = Vec::new();
        given_pointers(&changes, &mut echoable);
        check_answer(text::what_if(&m, &changes.to_string()), &echoable)?;
        let mut echoable = Vec::new();
        given_pointers(&goal, &mut echoable);
        check_answer(text::solve(&m, &goal.to_string()), &echoable)?;
        let mut echoable = Vec::new();
        given_pointers(&sensitivity_options, &mut echoable);
        check_answer(text::sensitivity(&m, &sensitivity_options.to_string()), &echoable)?;
    }

    #[test]
    fn a_near_valid_simulations_never_panic(model in near_model(), options in near_simulate_options()) {
        let mut echoable = Vec::new();
        given_pointers(&options, &mut echoable);
        check_answer(text::simulate(&model.to_string(), &options.to_string()), &echoable)?;
    }

    #[test]
    fn a_valid_models_answer_every_function(
        valid in valid_model(),
        changes in near_changes(),
        goal in near_goal(),
        sensitivity_options in near_sensitivity_options(),
        simulate_options in near_simulate_options(),
    ) {
        let m = valid.model.to_string();
        // compute of a valid model in these ranges never overflows: it must answer.
        let report = text::compute(&m);
        prop_assert!(report.is_ok(), "{:?}", report);
        check_answer(report, &[])?;
        for (answer, options) in [
            (text::what_if(&m, &changes.to_string()), &changes),
            (text::solve(&m, &goal.to_string()), &goal),
            (text::sensitivity(&m, &sensitivity_options.to_string()), &sensitivity_options),
            (text::simulate(&m, &simulate_options.to_string()), &simulate_options),
        ] {
            let mut echoable = Vec::new();
            given_pointers(options, &mut echoable);
            check_answer(answer, &echoable)?;
        }
    }
}

// ================================================================ (b) the backwards funnel

fn funnel_model(top: Decimal, rates: &[Decimal], deal_size: Decimal, target: Decimal) -> Value {
    let stages: Vec<Value> = rates
        .iter()
        .enumerate()
        .map(|(i, r)| json!({ "name": format!("s{i}"), "rate": r.to_string() }))
        .collect();
    json!({
        "funnel": { "top": top.to_string(), "stages": stages, "dealSize": deal_size.to_string() },
        "target": target.to_string()
    })
}

fn check_backwards(
    rates: &[Decimal],
    deal_size: Decimal,
    target: Decimal,
    top: Decimal,
) -> Result<(), TestCaseError> {
    let model = funnel_model(top, rates, deal_size, target);
    let report = match compute(&model) {
        Ok(report) => report,
        // Only an overflow of a needed count may stop it, at its own pointer.
        Err(e) => {
            prop_assert!(e.pointer().starts_with("/target/needed/"), "{}", e);
            return Ok(());
        }
    };
    let deals_needed = d(&report["target"]["dealsNeeded"]);
    // dealsNeeded = ceil(target / dealSize): the least whole n with n x dealSize >= target.
    prop_assert_eq!(deals_needed.fract(), Decimal::ZERO);
    prop_assert!(deals_needed * deal_size >= target);
    prop_assert!((deals_needed - Decimal::ONE) * deal_size < target);

    let needed: Vec<Decimal> = report["target"]["needed"]["stages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|stage| d(&stage["count"]))
        .collect();
    let needed_top = d(&report["target"]["needed"]["top"]);
    prop_assert_eq!(*needed.last().unwrap(), deals_needed);
    // Whole counts, each the least that yields the next one.
    let mut above: Vec<Decimal> = vec![needed_top];
    above.extend(needed.iter().take(needed.len() - 1).copied());
    for (i, rate) in rates.iter().enumerate() {
        let (before, after) = (above[i], needed[i]);
        prop_assert_eq!(
            before.fract(),
            Decimal::ZERO,
            "needed count {} is not whole",
            before
        );
        prop_assert!(
            before * rate >= after,
            "stage {}: {} x {} < {}",
            i,
            before,
            rate,
            after
        );
        prop_assert!(
            (before - Decimal::ONE) * rate < after || before.is_zero(),
            "stage {}: {} is not the least count",
            i,
            before
        );
    }
    // With top = needed top, the forward funnel reaches the target.
    let reached = compute(&funnel_model(needed_top, rates, deal_size, target))
        .map_err(|e| TestCaseError::fail(e.to_string()))?;
    let revenue = d(&reached["funnel"]["revenue"]);
    prop_assert!(
        revenue >= target,
        "top {} gives revenue {} < target {}",
        needed_top,
        revenue,
        target
    );
    for (i, count) in needed.iter().enumerate() {
        let forward = d(&reached["funnel"]["stages"][i]["count"]);
        prop_assert!(
            forward >= *count,
            "stage {}: {} < needed {}",
            i,
            forward,
            count
        );
    }
    prop_assert_eq!(d(&reached["target"]["gap"]), Decimal::ZERO);
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn b_backwards_funnel_reaches_the_target(
        rates in prop::collection::vec(amount(5, 100, 2), 1..7),
        deal_size in amount(1, 10_000_000, 2),
        target in amount(1, 100_000_000, 2),
        top in amount(0, 1_000_000, 0),
    ) {
        check_backwards(&rates, deal_size, target, top)?;
    }

    #[test]
    fn b_backwards_funnel_reaches_the_target_with_many_digits(
        rates in prop::collection::vec(amount(50, 1000, 3), 1..13),
        deal_size in amount(1, 100_000_000, 4),
        target in amount(1, 1_000_000_000, 3),
    ) {
        check_backwards(&rates, deal_size, target, Decimal::ONE)?;
    }
}

// ================================================================ (c) exact what-if

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn c_ten_percent_more_deal_size_is_ten_percent_more_revenue_exactly(
        top in amount(0, 1_000_000, 2),
        rates in prop::collection::vec(amount(0, 100, 2), 1..5),
        deal_size in amount(0, 1_000_000, 2),
        percent in -100i64..=300,
    ) {
        let model = funnel_model(top, &rates, deal_size, Decimal::ONE);
        let result = what_if(&model, &json!([{ "lever": "/funnel/dealSize", "by": "0.1" }]))
            .map_err(|e| TestCaseError::fail(e.to_string()))?;
        let base = d(&result["base"]["funnel"]["revenue"]);
        let scenario = d(&result["scenario"]["funnel"]["revenue"]);
        prop_assert_eq!(scenario, base * dec("1.1"));
        prop_assert_eq!(result["base"].clone(), compute(&model).unwrap());

        // Any whole percentage, on the top too.
        let by = Decimal::new(percent, 2);
        let result = what_if(&model, &json!([{ "lever": "/funnel/top", "by": by.to_string() }]))
            .map_err(|e| TestCaseError::fail(e.to_string()))?;
        let scenario = d(&result["scenario"]["funnel"]["revenue"]);
        prop_assert_eq!(scenario, base * (Decimal::ONE + by));
        prop_assert_eq!(d(&result["scenario"]["funnel"]["stages"][0]["count"]),
            top * (Decimal::ONE + by) * rates[0]);
    }
}

// ================================================================ (d) solve

/// Lever/metric pairs where the metric is strictly monotone in the lever, so the value that
/// produced a metric is the one solve must find.
const SOLVABLE: [(&str, &str); 26] = [
    ("/funnel/top", "/funnel/revenue"),
    ("/funnel/dealSize", "/funnel/revenue"),
    ("/funnel/stages/0/rate", "/funnel/revenue"),
    ("/funnel/top", "/funnel/deals"),
    ("/funnel/stages/0/rate", "/funnel/conversion"),
    ("/funnel/top", "/target/attainment"),
    ("/funnel/dealSize", "/velocity/perDay"),
    ("/cycleDays", "/velocity/perDay"),
    ("/target", "/target/attainment"),
    ("/acquisitionCost", "/economics/cac"),
    ("/acquisitionCost", "/economics/ltvToCac"),
    ("/customer/lifespanYears", "/economics/clv"),
    ("/customer/annualChurn", "/economics/clv"),
    ("/customer/purchasesPerYear", "/economics/clv"),
    ("/funnel/top", "/economics/cac"),
    ("/growth/current", "/growth/rate"),
    ("/growth/previous", "/growth/rate"),
    ("/retention/new", "/retention/rate"),
    ("/retention/start", "/retention/churn"),
    ("/retention/end", "/retention/churn"),
    ("/funnel/top", "/target/gap"),
    ("/funnel/stages/0/rate", "/economics/cac"),
    ("/customer/grossMargin", "/economics/paybackMonths"),
    ("/customer/grossMargin", "/economics/clv"),
    ("/funnel/dealSize", "/target/attainment"),
    ("/retention/new", "/retention/churn"),
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn d_solve_finds_the_value_that_produced_the_metric(
        valid in valid_model(),
        pair in 0..SOLVABLE.len(),
        factor in amount(1, 400, 2),
    ) {
        let (lever, metric) = SOLVABLE[pair];
        let model = &valid.model;
        prop_assume!(valid.levers.iter().any(|l| l == lever));
        // The lever must move the metric: no zero factor elsewhere.
        let old = lever_value(model, lever);
        let moved = clamp(model, lever, old * factor);
        prop_assume!(!moved.is_zero());
        let Some(wanted) = metric_with(model, &[(lever.to_owned(), moved)], metric) else {
            return Ok(());
        };
        let Some(other) = metric_with(model, &[(lever.to_owned(), moved * dec("0.5"))], metric) else {
            return Ok(());
        };
        prop_assume!(other != wanted);
        // A non-zero target not vanishingly small (zero targets are covered in tests/solve.rs).
        prop_assume!(wanted.abs() >= dec("0.001"));
        if metric == "/target/gap" {
            prop_assume!(!wanted.is_zero());
        }
        let goal = json!({ "lever": lever, "metric": metric, "target": wanted.to_string() });
        let out = text::solve(&model.to_string(), &goal.to_string());
        let solution: Value = match out {
            Ok(out) => serde_json::from_str(&out).unwrap(),
            Err(e) => return Err(TestCaseError::fail(format!("{e} for {goal} on {model}"))),
        };
        let value = d(&solution["value"]);
        let reached = d(solution["report"].pointer(metric).unwrap());
        prop_assert!(within(reached, wanted, dec("1e-9")),
            "{} = {} at the solution, target {}", metric, reached, wanted);
        prop_assert!(within(value, moved, dec("1e-12")),
            "{} = {}, but {} produced the target", lever, value, moved);
        // The report is compute of the model with the value in place.
        let check = what_if(model, &json!([{ "lever": lever, "to": value.to_string() }]))
            .map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(&check["scenario"], &solution["report"]);
    }
}

// ================================================================ (e) sensitivity

const SENSITIVITY_METRICS: [&str; 12] = [
    "/funnel/revenue",
    "/funnel/deals",
    "/target/attainment",
    "/target/gap",
    "/target/dealsNeeded",
    "/target/needed/top",
    "/velocity/perDay",
    "/economics/cac",
    "/economics/clv",
    "/economics/ltvToCac",
    "/economics/paybackMonths",
    "/retention/rate",
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn e_sensitivity_rows_agree_with_what_if(
        valid in valid_model(),
        metric in prop::sample::select(SENSITIVITY_METRICS.to_vec()),
        by in prop::sample::select(vec!["0.1", "0.05", "0.2", "0.5", "0.01", "0.37", "0.999"]),
    ) {
        let model = &valid.model;
        let options = json!({ "metric": metric, "by": by });
        let rows: Value = match text::sensitivity(&model.to_string(), &options.to_string()) {
            Ok(out) => serde_json::from_str(&out).unwrap(),
            Err(e) => return Err(TestCaseError::fail(format!("{e} for {options}"))),
        };
        let rows = rows.as_array().unwrap();
        let by = dec(by);
        for lever in &valid.levers {
            let old = lever_value(model, lever);
            let low_value = clamp(model, lever, old * (Decimal::ONE - by));
            let high_value = clamp(model, lever, old * (Decimal::ONE + by));
            let low = metric_with(model, &[(lever.clone(), low_value)], metric);
            let high = metric_with(model, &[(lever.clone(), high_value)], metric);
            let row = rows.iter().find(|row| row["lever"] == lever.as_str());
            match (low, high, row) {
                (Some(low), Some(high), Some(row)) => {
                    prop_assert_eq!(d(&row["lowValue"]), low_value, "{}", row);
                    prop_assert_eq!(d(&row["highValue"]), high_value, "{}", row);
                    prop_assert_eq!(d(&row["low"]), low, "{}", row);
                    prop_assert_eq!(d(&row["high"]), high, "{}", row);
                    prop_assert_eq!(d(&row["swing"]), (high - low).abs(), "{}", row);
                    prop_assert!(low != high, "zero swing listed: {}", row);
                }
                (Some(low), Some(high), None) => prop_assert_eq!(
                    low, high,
                    "{} moves {} from {} to {} but is left out", lever, metric, low, high
                ),
                (_, _, Some(row)) => {
                    return Err(TestCaseError::fail(format!(
                        "{lever} is listed but whatIf cannot reach its values: {row}"
                    )));
                }
                _ => {}
            }
        }
        for pair in rows.windows(2) {
            let (a, b) = (d(&pair[0]["swing"]), d(&pair[1]["swing"]));
            prop_assert!(
                a > b || (a == b && pair[0]["lever"].as_str() < pair[1]["lever"].as_str()),
                "out of order: {} then {}", pair[0], pair[1]
            );
        }
    }
}

// ================================================================ (f), (g) simulate

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn f_one_value_ranges_equal_compute(
        valid in valid_model(),
        picks in prop::collection::vec((0usize..20, amount(1, 300, 2)), 0..4),
        metric in prop::sample::select(SENSITIVITY_METRICS.to_vec()),
        samples in 1u32..30,
        seed in any::<u64>(),
    ) {
        let model = &valid.model;
        let mut sets: Vec<(String, Decimal)> = Vec::new();
        for (index, factor) in picks {
            let lever = &valid.levers[index % valid.levers.len()];
            if sets.iter().any(|(l, _)| l == lever) {
                continue;
            }
            let value = clamp(model, lever, lever_value(model, lever) * factor);
            sets.push((lever.clone(), value));
        }
        // Each one-value range must lie in its lever's range on its own.
        for (lever, value) in &sets {
            prop_assume!(what_if(model, &json!([{ "lever": lever, "to": value.to_string() }])).is_ok());
        }
        prop_assume!(!sets.iter().any(|(l, _)| l == "/retention/end") || !sets.iter().any(|(l, _)| l == "/retention/new"));
        let Some(expected) = metric_with(model, &sets, metric) else {
            return Ok(());
        };
        let ranges: Vec<Value> = sets
            .iter()
            .map(|(lever, value)| json!({ "lever": lever, "low": value.to_string(), "high": value.to_string() }))
            .collect();
        let options = json!({ "ranges": ranges, "samples": samples, "seed": seed, "metric": metric });
        let summary: Value = match text::simulate(&model.to_string(), &options.to_string()) {
            Ok(out) => serde_json::from_str(&out).unwrap(),
            Err(e) => return Err(TestCaseError::fail(format!("{e} for {options}"))),
        };
        for key in ["mean", "p10", "p50", "p90"] {
            prop_assert_eq!(d(&summary[key]), expected, "{} in {}", key, summary);
        }
        let samples_text = samples.to_string();
        prop_assert_eq!(summary["samples"].as_str(), Some(samples_text.as_str()));
        // The model's target is the default threshold.
        if metric == "/funnel/revenue" {
            let target = lever_value(model, "/target");
            let expected_p = if expected >= target { "1" } else { "0" };
            prop_assert_eq!(summary["probabilityAtLeast"].as_str(), Some(expected_p));
        }
    }

    #[test]
    fn g_percentiles_are_ordered_and_inside_the_bounds(
        valid in valid_model(),
        spans in prop::collection::vec((0usize..4, amount(0, 100, 2), amount(100, 300, 2), prop::option::of(0u32..=100)), 1..4),
        samples in 1u32..300,
        seed in any::<u64>(),
    ) {
        let model = &valid.model;
        // Revenue rises with top, every rate and the deal size: its bounds are at the ends.
        let stage_count = model["funnel"]["stages"].as_array().unwrap().len();
        let mut ranges = Vec::new();
        let (mut lows, mut highs) = (Vec::new(), Vec::new());
        for (which, low_factor, high_factor, mode) in spans {
            let lever = match which {
                0 => "/funnel/top".to_owned(),
                1 => "/funnel/dealSize".to_owned(),
                n => format!("/funnel/stages/{}/rate", n % stage_count),
            };
            if lows.iter().any(|(l, _): &(String, Decimal)| *l == lever) {
                continue;
            }
            let old = lever_value(model, &lever);
            let low = clamp(model, &lever, old * low_factor);
            let high = clamp(model, &lever, old * high_factor);
            let mut range = json!({ "lever": lever, "low": low.to_string(), "high": high.to_string() });
            if let Some(share) = mode {
                let mode = low + (high - low) * Decimal::new(i64::from(share), 2);
                range["mode"] = json!(mode.to_string());
            }
            ranges.push(range);
            lows.push((lever.clone(), low));
            highs.push((lever, high));
        }
        let min = metric_with(model, &lows, "/funnel/revenue").unwrap();
        let max = metric_with(model, &highs, "/funnel/revenue").unwrap();
        let options = json!({ "ranges": ranges, "samples": samples, "seed": seed });
        let summary: Value = match text::simulate(&model.to_string(), &options.to_string()) {
            Ok(out) => serde_json::from_str(&out).unwrap(),
            Err(e) => return Err(TestCaseError::fail(format!("{e} for {options}"))),
        };
        let (mean, p10, p50, p90) = (d(&summary["mean"]), d(&summary["p10"]), d(&summary["p50"]), d(&summary["p90"]));
        prop_assert!(p10 <= p50 && p50 <= p90, "{}", summary);
        for (key, v) in [("mean", mean), ("p10", p10), ("p50", p50), ("p90", p90)] {
            prop_assert!(v >= min && v <= max, "{} = {} outside [{}, {}]", key, v, min, max);
        }
        let p = d(&summary["probabilityAtLeast"]);
        prop_assert!(p >= Decimal::ZERO && p <= Decimal::ONE);
        // The histogram: contiguous bins that hold every sample, within one bin of [min, max].
        let bins = summary["bins"].as_array().unwrap();
        let total: u64 = bins.iter().map(|bin| bin["count"].as_str().unwrap().parse::<u64>().unwrap()).sum();
        prop_assert_eq!(total, u64::from(samples));
        prop_assert!(bins.windows(2).all(|pair| pair[0]["upper"] == pair[1]["lower"]), "{}", summary);
        prop_assert!(d(&bins[0]["lower"]) <= p10 && p90 <= d(&bins[bins.len() - 1]["upper"]), "{}", summary);
        prop_assert!(bins.len() <= 21, "{} bins", bins.len());
        // Same seed, same bytes.
        prop_assert_eq!(
            text::simulate(&model.to_string(), &options.to_string()).unwrap(),
            text::simulate(&model.to_string(), &options.to_string()).unwrap()
        );
    }
}

// ================================================================ decimals as text

proptest! {
    /// Every decimal, of any scale and size, is written as rust_decimal's own normalised text:
    /// the hand-written writer drops exactly the fraction's trailing zeros.
    #[test]
    fn decimals_are_written_as_rust_decimal_writes_them(
        low in any::<u32>(), mid in any::<u32>(), high in any::<u32>(),
        negative in any::<bool>(), scale in 0u32..=28,
    ) {
        let value = Decimal::from_parts(low, mid, high, negative, scale);
        let written = sales_kpi::number::format_decimal(value);
        prop_assert_eq!(&written, &value.normalize().to_string());
        prop_assert!(is_plain_decimal(&written), "{}", written);
    }
}

#[test]
fn decimals_at_the_edges_are_written_exactly() {
    for (value, text) in [
        (Decimal::MAX, "79228162514264337593543950335"),
        (Decimal::MIN, "-79228162514264337593543950335"),
        (Decimal::from_parts(0, 0, 0, true, 5), "0"),
        (
            Decimal::from_parts(1, 0, 0, false, 28),
            "0.0000000000000000000000000001",
        ),
        (
            Decimal::from_i128_with_scale(10_000_000_000_000_000_000, 0),
            "10000000000000000000",
        ),
        (
            Decimal::from_i128_with_scale(10_000_000_000_000_000_000, 19),
            "1",
        ),
        (Decimal::from_i128_with_scale(12_500_000, 3), "12500"),
        (Decimal::new(-25, 3), "-0.025"),
    ] {
        assert_eq!(sales_kpi::number::format_decimal(value), text);
    }
}
