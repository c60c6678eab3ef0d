//! `progress(model, options)` against the contract's section of the same name
//! (docs/contract.md): the worked example in full, the chance against exact fractions
//! (every outcome of small pipelines, an exact distribution for large ones), its monotony,
//! the gap property, and every error pointer with the order the options are checked in.

use num_bigint::BigInt;
use num_rational::BigRational;
use num_traits::{One, Signed, Zero};
use proptest::prelude::*;
use rust_decimal::Decimal;
use serde_json::{json, Value};

use sales_kpi::json::Json;
use sales_kpi::{Error, Model, ProgressOptions};

mod common;
use common::{dec, is_plain_decimal, s};

// ================================================================ helpers

/// `progress` on JSON values, as the JS boundary sees it; the Rust API must agree.
fn run(model: &Value, options: &Value) -> Result<Value, Error> {
    let text = sales_kpi::text::progress(&model.to_string(), &options.to_string())?;
    let rust_model = Model::from_json_str(&model.to_string()).unwrap();
    let rust_options =
        ProgressOptions::from_json(&Json::parse(&options.to_string()).unwrap(), &rust_model)
            .unwrap();
    rust_options.validate(&rust_model).unwrap();
    let progress = sales_kpi::progress(&rust_model, &rust_options).unwrap();
    let value: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(value, serde_json::to_value(&progress).unwrap());
    Ok(value)
}

fn progress_of(model: &Value, options: &Value) -> Value {
    run(model, options).unwrap_or_else(|e| panic!("progress failed: {e}\noptions: {options}"))
}

fn error_of(model: &Value, options: &Value) -> Error {
    match run(model, options) {
        Ok(answer) => panic!("expected an error, got {answer}\noptions: {options}"),
        Err(error) => error,
    }
}

/// The Danish leads funnel of the worked example.
fn leads_model() -> Value {
    json!({
        "funnel": {
            "top": "1000",
            "stages": [
                { "name": "meetings", "rate": "0.4" },
                { "name": "quotes", "rate": "0.5" },
                { "name": "deals", "rate": "0.3" }
            ],
            "dealSize": "4500"
        }
    })
}

/// The worked example's options: Q1 2027, +14 % on 135000, 3 reps, 70 leads a day each.
fn leads_options() -> Value {
    json!({
        "start": "2027-01-01",
        "end": "2027-03-31",
        "growth": { "baseline": "135000", "by": "0.14" },
        "reps": "3",
        "capacity": "70",
        "holidays": ["2027-01-01", "2027-03-25", "2027-03-26", "2027-03-29"],
        "asOf": "2027-02-12",
        "actuals": [
            { "date": "2027-01-08", "revenue": "9000", "deals": "2", "top": "140", "stages": ["52", "25", "2"] },
            { "date": "2027-01-31", "revenue": "36000", "deals": "8", "top": "610", "stages": ["230", "101", "8"] },
            { "date": "2027-02-12", "revenue": "13500", "deals": "3", "top": "350", "stages": ["121", "44", "3"] }
        ],
        "open": ["40", "9"]
    })
}

/// `value` with the field at `pointer` set, added if absent.
fn with(mut value: Value, pointer: &str, field: Value) -> Value {
    let (parent, key) = pointer.rsplit_once('/').unwrap();
    match value
        .pointer_mut(parent)
        .unwrap_or_else(|| panic!("{pointer}"))
    {
        Value::Array(items) => items[key.parse::<usize>().unwrap()] = field,
        object => object[key] = field,
    }
    value
}

fn with_key(mut value: Value, key: &str, field: Value) -> Value {
    value[key] = field;
    value
}

fn without(mut value: Value, key: &str) -> Value {
    value.as_object_mut().unwrap().remove(key);
    value
}

fn n(value: &Value, pointer: &str) -> Decimal {
    dec(s(value, pointer))
}

fn rational(value: Decimal) -> BigRational {
    BigRational::new(
        BigInt::from(value.mantissa()),
        BigInt::from(10u8).pow(value.scale()),
    )
}

fn rational_text(text: &str) -> BigRational {
    rational(dec(text))
}

/// |computed - exact| <= 1e-12.
fn assert_within(computed: Decimal, exact: &BigRational, what: &str) {
    let error = (rational(computed) - exact).abs();
    let bound = BigRational::new(BigInt::one(), BigInt::from(10u8).pow(12));
    assert!(
        error <= bound,
        "{what}: {computed} is {error} away from the exact value"
    );
}

/// The exact probability of at least `needed` successes, one opportunity at a time (the
/// Poisson-binomial distribution itself, never truncated or rounded). Each probability is
/// a decimal a / 10^s, so the distribution is kept as whole numerators over the product of
/// the 10^s so far: exact, without a fraction's greatest common divisor at every step.
fn exact_tail(probabilities: &[(u32, Decimal)], needed: u32) -> BigRational {
    let total: u32 = probabilities.iter().map(|&(count, _)| count).sum();
    let mut numerators = vec![BigInt::zero(); total as usize + 1];
    numerators[0] = BigInt::one();
    let mut denominator = BigInt::one();
    let mut seen = 0usize;
    for &(count, p) in probabilities {
        let p = p.normalize();
        let whole = BigInt::from(10u8).pow(p.scale());
        let success = BigInt::from(p.mantissa());
        let failure = &whole - &success;
        for _ in 0..count {
            seen += 1;
            for j in (0..=seen).rev() {
                let stay = &numerators[j] * &failure;
                numerators[j] = if j > 0 {
                    stay + &numerators[j - 1] * &success
                } else {
                    stay
                };
            }
            denominator *= &whole;
        }
    }
    let sum = numerators
        .iter()
        .skip(needed as usize)
        .fold(BigInt::zero(), |sum, n| sum + n);
    BigRational::new(sum, denominator)
}

/// The same by brute force: every one of the 2^n outcomes, its probability a product.
fn brute_force(probabilities: &[BigRational], needed: u32) -> BigRational {
    let mut sum = BigRational::zero();
    for outcome in 0u32..(1 << probabilities.len()) {
        if outcome.count_ones() < needed {
            continue;
        }
        let mut chance = BigRational::one();
        for (index, p) in probabilities.iter().enumerate() {
            chance *= if outcome & (1 << index) != 0 {
                p.clone()
            } else {
                BigRational::one() - p
            };
        }
        sum += chance;
    }
    sum
}

/// A model with these stage rates (deal size 1), and options whose gap is `needed` deals
/// (revenue 0 against a target of `needed`; a target of 1 met in full for 0), with `open`.
fn chance_case(rates: &[&str], open: &[u32], needed: u32) -> (Value, Value) {
    let stages: Vec<Value> = rates
        .iter()
        .enumerate()
        .map(|(i, rate)| json!({ "name": format!("s{i}"), "rate": rate }))
        .collect();
    let model = json!({ "funnel": { "top": "1", "stages": stages, "dealSize": "1" } });
    let (target, revenue) = if needed == 0 { (1, 1) } else { (needed, 0) };
    let options = json!({
        "start": "2027-01-04", "end": "2027-01-08", "target": target.to_string(),
        "asOf": "2027-01-05",
        "actuals": [{ "date": "2027-01-05", "revenue": revenue.to_string() }],
        "open": open.iter().map(|count| count.to_string()).collect::<Vec<_>>()
    });
    (model, options)
}

fn chance_of(rates: &[&str], open: &[u32], needed: u32) -> Decimal {
    let (model, options) = chance_case(rates, open, needed);
    let progress = progress_of(&model, &options);
    assert_eq!(
        n(&progress, "/pipeline/dealsToClose"),
        Decimal::from(needed)
    );
    n(&progress, "/pipeline/chance")
}

/// p_k = rate_{k+1} x ... x rate_{n-1}, exactly.
fn stage_chances(rates: &[&str]) -> Vec<BigRational> {
    (0..rates.len())
        .map(|k| {
            rates[k + 1..]
                .iter()
                .fold(BigRational::one(), |product, rate| {
                    product * rational_text(rate)
                })
        })
        .collect()
}

/// p_k as exact decimals (these rates' products have at most 28 digits after the point).
fn stage_chances_decimal(rates: &[&str]) -> Vec<Decimal> {
    (0..rates.len())
        .map(|k| {
            rates[k + 1..]
                .iter()
                .fold(Decimal::ONE, |product, rate| product * dec(rate))
        })
        .collect()
}

// ================================================================ the worked example

#[test]
fn the_worked_example_in_full() {
    let progress = progress_of(&leads_model(), &leads_options());
    // 64 weekdays in Q1 2027 less four holidays; 1 January to 12 February: 20 + 10.
    assert_eq!(s(&progress, "/workdays"), "60");
    assert_eq!(s(&progress, "/elapsed"), "30");
    assert_eq!(s(&progress, "/remaining"), "30");
    assert_eq!(s(&progress, "/target"), "153900");
    assert_eq!(
        progress["actual"],
        json!({ "revenue": "58500", "deals": "13", "top": "1100", "stages": ["403", "170", "13"] })
    );
    // dealsNeeded = ceil(153900 / 4500) = 35; needed top = ceil(ceil(ceil(35 / 0.3) / 0.5) / 0.4) = 585.
    assert_eq!(
        progress["expected"],
        json!({ "revenue": "76950", "deals": "17.5", "top": "292.5" })
    );
    let attainment = n(&progress, "/attainment");
    assert_eq!(attainment, dec("58500") / dec("153900"));
    assert_eq!(attainment.round_dp(4), dec("0.3801"));
    let pace = n(&progress, "/pace");
    assert_eq!(pace, dec("58500") / dec("76950"));
    assert_eq!(pace.round_dp(4), dec("0.7602"));
    assert_eq!(s(&progress, "/projected"), "117000");
    assert_eq!(progress["onTrack"], json!(false));
    assert_eq!(
        progress["gap"],
        json!({ "revenue": "95400", "deals": "22", "top": "0" })
    );
    assert_eq!(
        progress["perWorkday"],
        json!({ "revenue": "3180", "deals": "1", "top": "0" })
    );
    assert_eq!(
        progress["perRep"],
        json!({ "revenue": "1060", "deals": "1", "top": "0" })
    );
    assert_eq!(s(&progress, "/repsNeeded"), "0");
    let stages = progress["stages"].as_array().unwrap();
    assert_eq!(stages.len(), 3);
    for (index, (name, planned, count, before)) in [
        ("meetings", "0.4", "403", "1100"),
        ("quotes", "0.5", "170", "403"),
        ("deals", "0.3", "13", "170"),
    ]
    .into_iter()
    .enumerate()
    {
        let row = &stages[index];
        assert_eq!(row["name"], name);
        assert_eq!(row["planned"], planned);
        assert_eq!(n(row, "/observed"), dec(count) / dec(before));
        assert_eq!(n(row, "/ratio"), dec(count) / (dec(before) * dec(planned)));
    }
    assert_eq!(n(&stages[2], "/ratio").round_dp(4), dec("0.2549"));
    assert_eq!(s(&progress, "/weakest"), "2");
    let pipeline = &progress["pipeline"];
    assert_eq!(s(pipeline, "/count"), "49");
    // 4500 x (40 x 0.5 x 0.3 + 9 x 0.3)
    assert_eq!(s(pipeline, "/weighted"), "39150");
    assert_eq!(n(pipeline, "/coverage"), dec("39150") / dec("95400"));
    assert_eq!(n(pipeline, "/coverage").round_dp(2), dec("0.41"));
    assert_eq!(s(pipeline, "/dealsToClose"), "22");
    let exact = exact_tail(&[(40, dec("0.15")), (9, dec("0.3"))], 22);
    assert_within(n(pipeline, "/chance"), &exact, "the example's chance");
    assert_eq!(n(pipeline, "/chance").round_dp(7), dec("0.0000079"));
    check_plain(&progress, "");
}

/// Every number of a result is a plain decimal string; names and flags are checked apart.
fn check_plain(value: &Value, path: &str) {
    match value {
        Value::Null | Value::Bool(_) => {}
        Value::String(text) => assert!(is_plain_decimal(text), "{path} = {text:?}"),
        Value::Array(items) => {
            for (index, item) in items.iter().enumerate() {
                check_plain(item, &format!("{path}/{index}"));
            }
        }
        Value::Object(map) => {
            for (key, item) in map {
                if key != "name" {
                    check_plain(item, &format!("{path}/{key}"));
                }
            }
        }
        other => panic!("{path} = {other} is neither text nor null"),
    }
}

#[test]
fn the_plan_behind_it_is_plans_own() {
    let mut plan_options = leads_options();
    for key in ["asOf", "actuals", "open"] {
        plan_options = without(plan_options, key);
    }
    let plan: Value = serde_json::from_str(
        &sales_kpi::text::plan(&leads_model().to_string(), &plan_options.to_string()).unwrap(),
    )
    .unwrap();
    let progress = progress_of(&leads_model(), &leads_options());
    assert_eq!(progress["workdays"], plan["workdays"]);
    assert_eq!(progress["target"], plan["target"]);
    assert_eq!(
        n(&plan, "/dealsNeeded") / dec("2"),
        n(&progress, "/expected/deals")
    );
    assert_eq!(
        n(&plan, "/needed/top") / dec("2"),
        n(&progress, "/expected/top")
    );
}

#[test]
fn missing_figures_are_null_and_sections_follow_their_inputs() {
    // Rows without revenue: every revenue figure is null, and so is the chance.
    let options = with(
        leads_options(),
        "/actuals",
        json!([{ "date": "2027-01-31", "deals": "3", "stages": ["9"] }, { "date": "2027-02-01" }]),
    );
    let options = without(options, "capacity");
    let progress = progress_of(&leads_model(), &options);
    assert_eq!(
        progress["actual"],
        json!({ "revenue": null, "deals": "3", "top": null, "stages": ["9"] })
    );
    for pointer in [
        "/attainment",
        "/pace",
        "/projected",
        "/onTrack",
        "/gap/revenue",
        "/gap/top",
    ] {
        assert_eq!(progress.pointer(pointer), Some(&Value::Null), "{pointer}");
    }
    assert_eq!(s(&progress, "/gap/deals"), "32");
    assert_eq!(progress.get("repsNeeded"), None);
    // The first stage has no top to divide by; the others have no counts.
    for index in 0..3 {
        assert_eq!(progress["stages"][index]["observed"], Value::Null);
    }
    assert_eq!(progress["weakest"], Value::Null);
    assert_eq!(progress["pipeline"]["coverage"], Value::Null);
    assert_eq!(progress["pipeline"]["dealsToClose"], Value::Null);
    assert_eq!(progress["pipeline"]["chance"], Value::Null);
    // Without open, no pipeline; on the last day, nothing per workday.
    let last_day = with(
        without(leads_options(), "open"),
        "/asOf",
        json!("2027-03-31"),
    );
    let progress = progress_of(&leads_model(), &last_day);
    assert_eq!(progress.get("pipeline"), None);
    assert_eq!(s(&progress, "/remaining"), "0");
    assert_eq!(progress["perWorkday"], Value::Null);
    assert_eq!(progress["perRep"], Value::Null);
    assert_eq!(progress["repsNeeded"], Value::Null);
    // Before the first workday: nothing to pace against.
    let new_year = with(leads_options(), "/asOf", json!("2027-01-01"));
    let new_year = with(
        new_year,
        "/actuals",
        json!([{ "date": "2027-01-01", "revenue": "0" }]),
    );
    let progress = progress_of(&leads_model(), &new_year);
    assert_eq!(s(&progress, "/elapsed"), "0");
    assert_eq!(progress["pace"], Value::Null);
    assert_eq!(progress["onTrack"], Value::Null);
    assert_eq!(s(&progress, "/expected/revenue"), "0");
    // A target met: the chance is 1, coverage null.
    let met = with(leads_options(), "/actuals/0/revenue", json!("200000"));
    let progress = progress_of(&leads_model(), &met);
    assert_eq!(s(&progress, "/pipeline/dealsToClose"), "0");
    assert_eq!(s(&progress, "/pipeline/chance"), "1");
    assert_eq!(progress["pipeline"]["coverage"], Value::Null);
    assert_eq!(progress["onTrack"], json!(true));
}

// ================================================================ the chance

#[test]
fn the_chance_is_within_1e_12_of_the_exact_tail_for_large_pipelines() {
    // Wide distributions (p = 0.5), tiny terms (p = 0.001, far above the mean), near-certain
    // ones (0.999), eleven groups: each against the exact distribution in fractions.
    let cases: [(&[&str], &[u32], u32); 6] = [
        (&["1", "0.5"], &[1000], 500),
        (&["1", "0.5"], &[1000], 560),
        (&["1", "0.001"], &[1000], 9),
        (&["1", "0.999"], &[1000], 1000),
        (&["1", "0.6", "0.5", "0.25"], &[300, 200, 150], 130),
        (
            &[
                "1", "0.99", "0.98", "0.97", "0.96", "0.95", "0.9", "0.8", "0.7", "0.6", "0.55",
                "0.5",
            ],
            &[90, 90, 90, 90, 90, 90, 90, 90, 90, 90, 100],
            200,
        ),
    ];
    for (rates, open, needed) in cases {
        let chances = stage_chances_decimal(rates);
        let groups: Vec<(u32, Decimal)> = open
            .iter()
            .zip(&chances)
            .map(|(&count, &p)| (count, p))
            .collect();
        let exact = exact_tail(&groups, needed);
        assert_within(
            chance_of(rates, open, needed),
            &exact,
            &format!("{rates:?} {open:?} at least {needed}"),
        );
    }
}

#[test]
fn a_chance_below_every_digit_is_zero_and_one_past_every_opportunity_is_zero() {
    // 1000 opportunities at 0.001, at least 200: about 1e-400, below the last digit.
    assert_eq!(chance_of(&["1", "0.001"], &[1000], 200), Decimal::ZERO);
    assert_eq!(chance_of(&["1", "0.5"], &[10], 11), Decimal::ZERO);
    assert_eq!(chance_of(&["1", "1"], &[10], 10), Decimal::ONE);
    assert_eq!(chance_of(&["1", "0"], &[10], 1), Decimal::ZERO);
}

const RATES: [&str; 9] = [
    "0", "0.015", "0.1", "0.25", "0.3", "0.5", "0.77", "0.999", "1",
];

prop_compose! {
    /// 2 to 6 stages and up to 12 open opportunities spread over all but the last.
    fn small_pipeline()(stages in 2usize..=6)(
        rates in proptest::collection::vec(proptest::sample::select(&RATES[..]), stages),
        open in proptest::collection::vec(0u32..=4, stages - 1),
    ) -> (Vec<&'static str>, Vec<u32>) {
        let mut open = open;
        while open.iter().sum::<u32>() > 12 {
            if let Some(most) = open.iter_mut().max() { *most -= 1; }
        }
        (rates, open)
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn the_chance_equals_the_sum_over_every_outcome((rates, open) in small_pipeline(), extra in 0u32..=2) {
        let total: u32 = open.iter().sum();
        let chances = stage_chances(&rates);
        let mut each = Vec::new();
        for (&count, p) in open.iter().zip(&chances) {
            for _ in 0..count {
                each.push(p.clone());
            }
        }
        for needed in [0, 1, total / 2, total, total + extra] {
            let exact = brute_force(&each, needed);
            assert_within(chance_of(&rates, &open, needed), &exact, &format!("{rates:?} {open:?} at least {needed}"));
        }
    }

    #[test]
    fn the_chance_grows_with_every_added_opportunity_and_raised_rate(
        (rates, open) in small_pipeline(),
        needed in 0u32..=8,
        stage in 0usize..6,
        raised in proptest::sample::select(&RATES[..]),
    ) {
        // Weakly, within the chance's 1e-12.
        let slack = dec("0.000000000001");
        let base = chance_of(&rates, &open, needed);
        let at = stage % open.len();
        let mut more = open.clone();
        more[at] += 1;
        prop_assert!(chance_of(&rates, &more, needed) + slack >= base);
        let index = stage % rates.len();
        if dec(raised) > dec(rates[index]) {
            let mut higher = rates.clone();
            higher[index] = raised;
            prop_assert!(chance_of(&higher, &open, needed) + slack >= base, "{higher:?}");
        }
    }

    #[test]
    fn actual_revenue_and_the_gap_reach_the_target(
        revenues in proptest::collection::vec(0u64..100_000_000, 1..6),
        cents in 0u32..100,
        target in 1u64..500_000_000,
    ) {
        let rows: Vec<Value> = revenues.iter().enumerate().map(|(i, revenue)| {
            json!({ "date": format!("2027-01-{:02}", i + 4), "revenue": format!("{revenue}.{cents:02}") })
        }).collect();
        let options = json!({ "start": "2027-01-04", "end": "2027-01-29", "target": target.to_string(),
            "asOf": "2027-01-10", "actuals": rows });
        let progress = progress_of(&leads_model(), &options);
        let gap = n(&progress, "/gap/revenue");
        prop_assert!(gap >= Decimal::ZERO);
        prop_assert!(n(&progress, "/actual/revenue") + gap >= Decimal::from(target));
    }
}

// ================================================================ errors

#[test]
fn every_error_pointer_of_the_contract() {
    let model = leads_model();
    let options = leads_options();
    let row = |index: usize, field: &str, value: Value| {
        with(options.clone(), &format!("/actuals/{index}/{field}"), value)
    };
    let cases: Vec<(Value, &str, &str, Value)> = vec![
        (
            without(options.clone(), "asOf"),
            "required",
            "/asOf",
            json!([]),
        ),
        (
            with(options.clone(), "/asOf", json!("2027-02-30")),
            "invalidDate",
            "/asOf",
            json!([["value", "2027-02-30"]]),
        ),
        (
            with(options.clone(), "/asOf", json!(20270212)),
            "wrongType",
            "/asOf",
            json!([["expected", "date"]]),
        ),
        (
            with(options.clone(), "/asOf", json!("2026-12-31")),
            "beforeStart",
            "/asOf",
            json!([["start", "2027-01-01"]]),
        ),
        (
            with(options.clone(), "/asOf", json!("2027-04-01")),
            "outOfRange",
            "/asOf",
            json!([["value", "2027-04-01"], ["maximum", "2027-03-31"]]),
        ),
        (
            with(options.clone(), "/actuals", json!([])),
            "tooFew",
            "/actuals",
            json!([["min", 1]]),
        ),
        (
            without(options.clone(), "actuals"),
            "required",
            "/actuals",
            json!([]),
        ),
        (
            with(options.clone(), "/actuals", json!({})),
            "wrongType",
            "/actuals",
            json!([["expected", "array"]]),
        ),
        (
            row(1, "date", json!("2027-13-01")),
            "invalidDate",
            "/actuals/1/date",
            json!([["value", "2027-13-01"]]),
        ),
        (
            row(0, "date", json!("2026-12-31")),
            "beforeStart",
            "/actuals/0/date",
            json!([["start", "2027-01-01"]]),
        ),
        (
            row(2, "date", json!("2027-02-13")),
            "outOfRange",
            "/actuals/2/date",
            json!([["value", "2027-02-13"], ["maximum", "2027-02-12"]]),
        ),
        (
            row(1, "date", json!("2027-01-08")),
            "outOfRange",
            "/actuals/1/date",
            json!([["value", "2027-01-08"], ["exclusiveMinimum", "2027-01-08"]]),
        ),
        (
            row(1, "date", json!("2027-01-07")),
            "outOfRange",
            "/actuals/1/date",
            json!([["value", "2027-01-07"], ["exclusiveMinimum", "2027-01-08"]]),
        ),
        (
            row(1, "deals", json!("-1")),
            "outOfRange",
            "/actuals/1/deals",
            json!([["value", "-1"], ["minimum", "0"]]),
        ),
        (
            row(1, "deals", json!("2.5")),
            "notWhole",
            "/actuals/1/deals",
            json!([["value", "2.5"]]),
        ),
        (
            row(1, "top", json!("1.5")),
            "notWhole",
            "/actuals/1/top",
            json!([["value", "1.5"]]),
        ),
        (
            row(1, "revenue", json!("-0.01")),
            "outOfRange",
            "/actuals/1/revenue",
            json!([["value", "-0.01"], ["minimum", "0"]]),
        ),
        (
            row(1, "revenue", json!("12,5")),
            "notANumber",
            "/actuals/1/revenue",
            json!([["value", "12,5"]]),
        ),
        (
            row(1, "stages", json!(["1", "1", "1", "1"])),
            "tooMany",
            "/actuals/1/stages",
            json!([["max", 3]]),
        ),
        (
            row(1, "stages", json!([])),
            "tooFew",
            "/actuals/1/stages",
            json!([["min", 1]]),
        ),
        (
            row(1, "stages", json!(["1", "-2"])),
            "outOfRange",
            "/actuals/1/stages/1",
            json!([["value", "-2"], ["minimum", "0"]]),
        ),
        (
            row(1, "stages", json!(["1", "0.5"])),
            "notWhole",
            "/actuals/1/stages/1",
            json!([["value", "0.5"]]),
        ),
        (
            row(1, "dael", json!("1")),
            "unknownField",
            "/actuals/1/dael",
            json!([]),
        ),
        (
            with(options.clone(), "/open", json!(["1", "2", "3"])),
            "tooMany",
            "/open",
            json!([["max", 2]]),
        ),
        (
            with(options.clone(), "/open", json!(["999", "2"])),
            "tooMany",
            "/open",
            json!([["max", 1000]]),
        ),
        (
            with(options.clone(), "/open", json!(["-1"])),
            "outOfRange",
            "/open/0",
            json!([["value", "-1"], ["minimum", "0"]]),
        ),
        (
            with(options.clone(), "/open", json!(["1", "0.5"])),
            "notWhole",
            "/open/1",
            json!([["value", "0.5"]]),
        ),
        (
            with(options.clone(), "/open", json!("40")),
            "wrongType",
            "/open",
            json!([["expected", "array"]]),
        ),
        (
            with_key(options.clone(), "opened", json!([])),
            "unknownField",
            "/opened",
            json!([]),
        ),
        // The plan's own pointers for the plan's options.
        (
            with(options.clone(), "/end", json!("2026-12-31")),
            "beforeStart",
            "/end",
            json!([["start", "2027-01-01"]]),
        ),
        (
            with(options.clone(), "/holidays/3", json!("2027-02-29")),
            "invalidDate",
            "/holidays/3",
            json!([["value", "2027-02-29"]]),
        ),
        (
            with(options.clone(), "/reps", json!("0")),
            "outOfRange",
            "/reps",
            json!([["value", "0"], ["exclusiveMinimum", "0"]]),
        ),
        (
            with_key(options.clone(), "target", json!("1")),
            "bothGiven",
            "/growth",
            json!([["other", "target"]]),
        ),
        (
            with(
                with(options.clone(), "/start", json!("2027-01-02")),
                "/end",
                json!("2027-01-03"),
            ),
            "noWorkdays",
            "/workdays",
            json!([]),
        ),
    ];
    for (options, code, pointer, params) in cases {
        let error = error_of(&model, &options);
        assert_eq!(error.code().as_str(), code, "{error}");
        assert_eq!(error.pointer(), pointer, "{error}");
        assert!(error.to_string().starts_with(&format!("{pointer}: ")));
        let params: Vec<(String, Value)> = params
            .as_array()
            .unwrap()
            .iter()
            .map(|pair| (pair[0].as_str().unwrap().to_owned(), pair[1].clone()))
            .collect();
        let got: Vec<(String, Value)> = error
            .params()
            .iter()
            .map(|(name, value)| {
                let value = match value {
                    sales_kpi::Param::Text(text) => json!(text),
                    sales_kpi::Param::Integer(number) => json!(number),
                    sales_kpi::Param::List(names) => json!(names),
                };
                ((*name).to_owned(), value)
            })
            .collect();
        assert_eq!(got, params, "{error}");
    }
    // 1,101 rows are over the 16 KB of JSON one input may have, so the limit on rows is
    // met through the Rust API.
    let rust_model = Model::from_json_str(&model.to_string()).unwrap();
    let mut rust_options =
        ProgressOptions::from_json(&Json::parse(&options.to_string()).unwrap(), &rust_model)
            .unwrap();
    let day = rust_options.plan.start;
    rust_options.actuals = (0..1101).map(|_| sales_kpi::ActualsRow::new(day)).collect();
    let error = sales_kpi::progress(&rust_model, &rust_options).unwrap_err();
    assert_eq!(
        (error.code().as_str(), error.pointer()),
        ("tooMany", "/actuals")
    );
    assert_eq!(error.params(), [("max", sales_kpi::Param::Integer(1100))]);
    // No target anywhere: the plan's error.
    let no_target = without(without(options.clone(), "growth"), "capacity");
    assert_eq!(
        error_of(&model, &no_target).to_string(),
        "/target: required"
    );
}

#[test]
fn the_options_are_checked_in_the_contracts_order() {
    let model = leads_model();
    let bad_plan = with(leads_options(), "/reps", json!("-1"));
    let bad_as_of = with(leads_options(), "/asOf", json!("2027-04-01"));
    let bad_row = |options: Value, index: usize| {
        with(options, &format!("/actuals/{index}/deals"), json!("-1"))
    };
    let bad_open = |options: Value| with(options, "/open", json!(["1", "1", "1"]));
    let pointer = |options: &Value| error_of(&model, options).pointer().to_owned();
    // The plan's before asOf, asOf before the rows, row 0 before row 2, the rows before open.
    assert_eq!(pointer(&bad_open(bad_row(bad_as_of.clone(), 2))), "/asOf");
    assert_eq!(
        pointer(&bad_open(bad_row(
            with(bad_plan.clone(), "/asOf", json!("2027-04-01")),
            2
        ))),
        "/reps"
    );
    assert_eq!(
        pointer(&bad_open(bad_row(bad_row(leads_options(), 2), 0))),
        "/actuals/0/deals"
    );
    assert_eq!(
        pointer(&bad_open(bad_row(leads_options(), 2))),
        "/actuals/2/deals"
    );
    // Limits that depend on the model keep the order: a row with more stages than the
    // funnel before an open entry that cannot be read; the plan's missing target before asOf.
    let many_stages = with(
        leads_options(),
        "/actuals/1/stages",
        json!(["1", "1", "1", "1"]),
    );
    let unreadable_open = with(many_stages, "/open", json!(["x"]));
    assert_eq!(pointer(&unreadable_open), "/actuals/1/stages");
    let no_target = without(without(bad_as_of, "growth"), "capacity");
    assert_eq!(pointer(&no_target), "/target");
    // Within a row: the date before the numbers.
    let row = with(
        bad_row(leads_options(), 1),
        "/actuals/1/date",
        json!("2027-01-01"),
    );
    assert_eq!(pointer(&row), "/actuals/1/date");
}

#[test]
fn the_module_keeps_answering_after_errors() {
    let before = progress_of(&leads_model(), &leads_options());
    for _ in 0..20 {
        error_of(
            &leads_model(),
            &with(leads_options(), "/open", json!(["2000"])),
        );
    }
    assert_eq!(progress_of(&leads_model(), &leads_options()), before);
}
