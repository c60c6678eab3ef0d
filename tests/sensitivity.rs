//! `sensitivity(model, options?)`, checked against the public contract (docs/contract.md): low/high values
//! clamped into the lever's range, the metric there, swing, zero-swing levers left out,
//! sorting, non-proportional levers ranked by true swing, and `by` in (0, 1).

use rust_decimal::Decimal;
use serde_json::{json, Value};

use sales_kpi::text;

mod common;
use common::{assert_starts, dec, example, s};

fn sens(model: &Value, options: Value) -> Vec<Value> {
    let out = text::sensitivity(&model.to_string(), &options.to_string())
        .unwrap_or_else(|e| panic!("sensitivity failed: {e}\noptions: {options}"));
    let rows: Value = serde_json::from_str(&out).unwrap();
    let rows = rows.as_array().expect("a list of rows").clone();
    check_rows(model, &options, &rows);
    rows
}

fn sensitivity_err(model: &Value, options: Value) -> String {
    match text::sensitivity(&model.to_string(), &options.to_string()) {
        Ok(out) => panic!("expected an error for {options}, got {out}"),
        Err(e) => e.to_string(),
    }
}

fn metric_at(model: &Value, lever: &str, value: &str, metric: &str) -> Decimal {
    let changes = json!([{ "lever": lever, "to": value }]);
    let out = text::what_if(&model.to_string(), &changes.to_string())
        .unwrap_or_else(|e| panic!("whatIf {lever} to {value}: {e}"));
    let result: Value = serde_json::from_str(&out).unwrap();
    dec(s(&result["scenario"], metric))
}

/// The invariants every answer must satisfy: shape, swing = |high - low|, no zero swing,
/// sorting, and low/high equal to the metric with the lever set `to` lowValue/highValue.
fn check_rows(model: &Value, options: &Value, rows: &[Value]) {
    let metric = options
        .get("metric")
        .and_then(Value::as_str)
        .unwrap_or("/funnel/revenue");
    for row in rows {
        let mut keys: Vec<&String> = row.as_object().unwrap().keys().collect();
        keys.sort();
        assert_eq!(
            keys,
            ["high", "highValue", "lever", "low", "lowValue", "swing"]
        );
        let (low, high, swing) = (
            dec(s(row, "/low")),
            dec(s(row, "/high")),
            dec(s(row, "/swing")),
        );
        assert_eq!(swing, (high - low).abs(), "{row}");
        assert!(!swing.is_zero(), "a zero-swing lever is listed: {row}");
        let lever = s(row, "/lever");
        assert_eq!(
            metric_at(model, lever, s(row, "/lowValue"), metric),
            low,
            "{row}"
        );
        assert_eq!(
            metric_at(model, lever, s(row, "/highValue"), metric),
            high,
            "{row}"
        );
    }
    for pair in rows.windows(2) {
        let (a, b) = (dec(s(&pair[0], "/swing")), dec(s(&pair[1], "/swing")));
        assert!(
            a > b || (a == b && s(&pair[0], "/lever") < s(&pair[1], "/lever")),
            "rows out of order: {} then {}",
            pair[0],
            pair[1]
        );
    }
}

fn levers(rows: &[Value]) -> Vec<&str> {
    rows.iter().map(|row| s(row, "/lever")).collect()
}

#[test]
fn default_ranks_the_four_funnel_levers_by_pointer_on_equal_swing() {
    let rows = sens(&example(), Value::Null);
    assert_eq!(
        levers(&rows),
        [
            "/funnel/dealSize",
            "/funnel/stages/0/rate",
            "/funnel/stages/1/rate",
            "/funnel/top"
        ]
    );
    let expected = [
        ("11250", "13750"),
        ("0.0225", "0.0275"),
        ("0.18", "0.22"),
        ("10800", "13200"),
    ];
    for (row, (low_value, high_value)) in rows.iter().zip(expected) {
        assert_eq!(s(row, "/lowValue"), low_value);
        assert_eq!(s(row, "/highValue"), high_value);
        assert_eq!(s(row, "/low"), "675000");
        assert_eq!(s(row, "/high"), "825000");
        assert_eq!(s(row, "/swing"), "150000");
    }
}

#[test]
fn options_default_to_revenue_and_ten_percent() {
    let explicit = sens(
        &example(),
        json!({ "metric": "/funnel/revenue", "by": "0.1" }),
    );
    assert_eq!(sens(&example(), Value::Null), explicit);
    assert_eq!(sens(&example(), json!({})), explicit);
    assert_eq!(
        sens(&example(), json!({ "metric": null, "by": null })),
        explicit
    );
    assert_eq!(sens(&example(), json!({ "by": 0.1 })), explicit);
}

#[test]
fn by_sets_the_move() {
    let rows = sens(&example(), json!({ "by": "0.5" }));
    let top = rows.iter().find(|r| r["lever"] == "/funnel/top").unwrap();
    assert_eq!(s(top, "/lowValue"), "6000");
    assert_eq!(s(top, "/highValue"), "18000");
    assert_eq!(s(top, "/low"), "375000");
    assert_eq!(s(top, "/high"), "1125000");
    assert_eq!(s(top, "/swing"), "750000");
}

#[test]
fn a_rate_near_one_is_clamped_to_one() {
    let mut model = example();
    model["funnel"]["stages"][1]["rate"] = json!("0.95");
    let rows = sens(&model, Value::Null);
    let rate = rows
        .iter()
        .find(|r| r["lever"] == "/funnel/stages/1/rate")
        .unwrap();
    assert_eq!(s(rate, "/lowValue"), "0.855");
    assert_eq!(s(rate, "/highValue"), "1");
    // 300 x 0.855 x 12500 and 300 x 1 x 12500
    assert_eq!(s(rate, "/low"), "3206250");
    assert_eq!(s(rate, "/high"), "3750000");
    assert_eq!(s(rate, "/swing"), "543750");
    // The clamped lever now moves revenue least, so it comes last.
    assert_eq!(levers(&rows).last(), Some(&"/funnel/stages/1/rate"));
    assert_eq!(s(&rows[0], "/swing"), "712500");

    // A margin near 1 against CLV, and a churn near 1.
    let mut model = example();
    model["customer"] = json!({ "annualChurn": "0.95", "grossMargin": "0.95" });
    let rows = sens(&model, json!({ "metric": "/economics/clv" }));
    let margin = rows
        .iter()
        .find(|r| r["lever"] == "/customer/grossMargin")
        .unwrap();
    assert_eq!(s(margin, "/highValue"), "1");
    assert_eq!(s(margin, "/lowValue"), "0.855");
    let churn = rows
        .iter()
        .find(|r| r["lever"] == "/customer/annualChurn")
        .unwrap();
    assert_eq!(s(churn, "/highValue"), "1");
    assert_eq!(s(churn, "/lowValue"), "0.855");
}

#[test]
fn relative_bounds_clamp_retention_end_and_new() {
    let mut model = example();
    model["retention"] = json!({ "start": "200", "end": "210", "new": "200" });
    let rows = sens(&model, json!({ "metric": "/retention/rate" }));
    let end = rows
        .iter()
        .find(|r| r["lever"] == "/retention/end")
        .unwrap();
    // 210 x 0.9 = 189 is below new (200): clamped to 200.
    assert_eq!(s(end, "/lowValue"), "200");
    assert_eq!(s(end, "/highValue"), "231");
    let new = rows
        .iter()
        .find(|r| r["lever"] == "/retention/new")
        .unwrap();
    // 200 x 1.1 = 220 is above end (210): clamped to 210.
    assert_eq!(s(new, "/lowValue"), "180");
    assert_eq!(s(new, "/highValue"), "210");
    assert!(rows.iter().any(|r| r["lever"] == "/retention/start"));
}

#[test]
fn zero_swing_levers_are_left_out() {
    let rows_ = sens(&example(), Value::Null);
    for absent in [
        "/target",
        "/cycleDays",
        "/acquisitionCost",
        "/customer/lifespanYears",
        "/growth/current",
        "/retention/start",
    ] {
        assert!(
            !levers(&rows_).contains(&absent),
            "{absent} does not move revenue"
        );
    }
    // A lever at 0 cannot move by a percentage.
    let mut model = example();
    model["acquisitionCost"] = json!("0");
    let cac_rows = sens(&model, json!({ "metric": "/economics/cac" }));
    assert!(cac_rows.is_empty(), "{cac_rows:?}");
    // Revenue of 0 through a zero deal size: nothing moves it by a percentage.
    let mut model = example();
    model["funnel"]["dealSize"] = json!("0");
    assert!(sens(&model, Value::Null).is_empty());
}

#[test]
fn cycle_days_rank_by_true_swing_against_velocity() {
    let rows = sens(&example(), json!({ "metric": "/velocity/perDay" }));
    assert_eq!(
        levers(&rows),
        [
            "/cycleDays",
            "/funnel/dealSize",
            "/funnel/stages/0/rate",
            "/funnel/stages/1/rate",
            "/funnel/top"
        ]
    );
    let cycle = &rows[0];
    assert_eq!(s(cycle, "/lowValue"), "40.5");
    assert_eq!(s(cycle, "/highValue"), "49.5");
    let revenue = dec("750000");
    assert_eq!(dec(s(cycle, "/low")), revenue / dec("40.5"));
    assert_eq!(dec(s(cycle, "/high")), revenue / dec("49.5"));
    // 18518.5185... - 15151.5151... = 3367.0033... > 3333.33... of the proportional levers.
    assert!(dec(s(cycle, "/swing")) > dec(s(&rows[1], "/swing")));
    assert_eq!(s(&rows[1], "/low"), "15000");
}

#[test]
fn annual_churn_ranks_by_true_swing_against_clv() {
    let mut model = example();
    model["customer"] =
        json!({ "annualChurn": "0.25", "purchasesPerYear": "2", "grossMargin": "0.5" });
    let rows = sens(&model, json!({ "metric": "/economics/clv" }));
    // purchaseValue defaults to the deal size, so the deal size moves CLV too.
    assert_eq!(
        levers(&rows),
        [
            "/customer/annualChurn",
            "/customer/grossMargin",
            "/customer/purchasesPerYear",
            "/funnel/dealSize"
        ]
    );
    let churn = &rows[0];
    // clv = 12500 x 2 x 0.5 / churn
    // (lifespan = 1 / churn is itself rounded at 28 digits, so allow for the last digits.)
    let close = |a: Decimal, b: Decimal| (a - b).abs() <= b.abs() * dec("1e-24");
    assert!(
        close(dec(s(churn, "/low")), dec("12500") / dec("0.225")),
        "{churn}"
    );
    assert!(
        close(dec(s(churn, "/high")), dec("12500") / dec("0.275")),
        "{churn}"
    );
    assert!(dec(s(churn, "/low")) > dec(s(churn, "/high")));
    for row in &rows[1..] {
        assert_eq!(s(row, "/swing"), "10000");
        assert_eq!(s(row, "/low"), "45000");
        assert_eq!(s(row, "/high"), "55000");
    }
}

#[test]
fn the_target_ranks_first_against_attainment() {
    let rows = sens(&example(), json!({ "metric": "/target/attainment" }));
    assert_eq!(levers(&rows)[0], "/target");
    assert_eq!(rows.len(), 5);
    assert_eq!(s(&rows[1], "/swing"), "0.15");
}

#[test]
fn other_metrics_work_and_rows_match_what_if() {
    for metric in [
        "/funnel/deals",
        "/funnel/conversion",
        "/funnel/stages/0/count",
        "/target/gap",
        "/target/dealsNeeded",
        "/target/needed/top",
        "/target/needed/stages/0/count",
        "/economics/cac",
        "/economics/ltvToCac",
        "/economics/paybackMonths",
        "/retention/churn",
        "/growth/rate",
    ] {
        let found = sens(&example(), json!({ "metric": metric }));
        assert!(!found.is_empty(), "{metric} has no lever that moves it");
    }
}

#[test]
fn by_outside_zero_to_one_is_an_error_at_by() {
    for by in [
        json!("0"),
        json!("1"),
        json!("-0.1"),
        json!("1.5"),
        json!(2),
        json!(0),
    ] {
        let e = sensitivity_err(&example(), json!({ "by": by }));
        assert_starts(&e, "/by: ");
    }
    for by in [json!("x"), json!(true), json!("")] {
        let e = sensitivity_err(&example(), json!({ "by": by }));
        assert_starts(&e, "/by: ");
    }
    // The typed API refuses too.
    let model = sales_kpi::Model::from_json_str(&example().to_string()).unwrap();
    for by in [Decimal::ZERO, Decimal::ONE, dec("-0.5"), dec("7")] {
        let options = sales_kpi::SensitivityOptions {
            metric: "/funnel/revenue".into(),
            by,
        };
        let e = sales_kpi::sensitivity(&model, &options)
            .unwrap_err()
            .to_string();
        assert_starts(&e, "/by: ");
    }
    // Just inside the range is fine.
    sens(&example(), json!({ "by": "0.0000001" }));
    sens(&example(), json!({ "by": "0.9999999" }));
}

#[test]
fn a_metric_that_names_nothing_is_an_error_beginning_with_it() {
    for metric in [
        "/funnel/revenu",
        "/",
        "/funnel/stages/5/count",
        "/funnel/top",
    ] {
        let e = sensitivity_err(&example(), json!({ "metric": metric }));
        assert_starts(&e, &format!("{metric}: "));
    }
    let model = json!({ "funnel": example()["funnel"].clone() });
    for metric in ["/target/attainment", "/velocity/perDay", "/economics/clv"] {
        let e = sensitivity_err(&model, json!({ "metric": metric }));
        assert_starts(&e, &format!("{metric}: "));
    }
}

#[test]
fn malformed_options_are_errors() {
    for options in [
        json!([]),
        json!("x"),
        json!({ "metrics": "/funnel/revenue" }),
        json!({ "metric": 5 }),
    ] {
        let e = sensitivity_err(&example(), options);
        assert!(e.starts_with('/') || e.starts_with(": "), "{e}");
    }
}

#[test]
fn typed_api_matches_text_api() {
    let model = sales_kpi::Model::from_json_str(&example().to_string()).unwrap();
    let typed = sales_kpi::sensitivity(&model, &sales_kpi::SensitivityOptions::default()).unwrap();
    assert_eq!(
        Value::Array(sens(&example(), Value::Null)),
        serde_json::to_value(&typed).unwrap()
    );
}
