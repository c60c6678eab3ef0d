//! `solve(model, goal)`, checked against the public contract (docs/contract.md): exact closed forms where the
//! metric is proportional to the lever, the bracketing search elsewhere (value within 1e-12
//! relative of the true solution, metric within 1e-9 relative of the target), and errors that
//! name the lever or the metric.

use rust_decimal::Decimal;
use serde_json::{json, Value};

use sales_kpi::text;

mod common;
use common::{assert_starts, dec, example, s};

/// Solves and returns the value and the report; checks that the report is compute of the
/// model with the value in place.
fn solve(model: &Value, lever: &str, metric: &str, target: &str) -> (Decimal, Value) {
    let goal = json!({ "lever": lever, "metric": metric, "target": target });
    let out = text::solve(&model.to_string(), &goal.to_string())
        .unwrap_or_else(|e| panic!("solve failed: {e}\ngoal: {goal}"));
    let solution: Value = serde_json::from_str(&out).unwrap();
    let keys: Vec<&String> = solution.as_object().unwrap().keys().collect();
    assert_eq!(keys, ["report", "value"]);
    let value_text = s(&solution, "/value");
    let value = dec(value_text);
    // The report is compute of the model with the value in place.
    let changes = json!([{ "lever": lever, "to": value_text }]);
    let scenario: Value =
        serde_json::from_str(&text::what_if(&model.to_string(), &changes.to_string()).unwrap())
            .unwrap();
    assert_eq!(
        solution["report"], scenario["scenario"],
        "report is not compute(model with value)"
    );
    (value, solution["report"].clone())
}

fn solve_err(model: &Value, lever: &str, metric: &str, target: &str) -> String {
    let goal = json!({ "lever": lever, "metric": metric, "target": target });
    match text::solve(&model.to_string(), &goal.to_string()) {
        Ok(out) => panic!("expected an error for {goal}, got {out}"),
        Err(e) => e.to_string(),
    }
}

fn assert_relative(actual: Decimal, expected: Decimal, tolerance: &str, what: &str) {
    let tolerance = dec(tolerance);
    let allowed = if expected.is_zero() {
        tolerance
    } else {
        expected.abs() * tolerance
    };
    assert!(
        (actual - expected).abs() <= allowed,
        "{what}: {actual} is not within {tolerance} relative of {expected}"
    );
}

/// Solves by the search path and checks both accuracy promises of the contract.
fn check_search(model: &Value, lever: &str, metric: &str, target: &str, truth: &str) {
    let (value, report) = solve(model, lever, metric, target);
    assert_relative(
        value,
        dec(truth),
        "1e-12",
        &format!("{lever} for {metric} = {target}"),
    );
    let reached = dec(s(&report, metric));
    assert_relative(
        reached,
        dec(target),
        "1e-9",
        &format!("{metric} at the solution"),
    );
}

// ---------------------------------------------------------------- exact closed forms

#[test]
fn deal_size_is_target_over_deals_exactly() {
    let (value, report) = solve(&example(), "/funnel/dealSize", "/funnel/revenue", "1000000");
    assert_eq!(value, dec("1000000") / dec("60"));
    assert_eq!(
        value.normalize().to_string(),
        "16666.666666666666666666666667"
    );
    let revenue = dec(s(&report, "/funnel/revenue"));
    assert_relative(revenue, dec("1000000"), "1e-9", "revenue");

    let (value, report) = solve(&example(), "/funnel/dealSize", "/funnel/revenue", "900000");
    assert_eq!(value, dec("15000"));
    assert_eq!(s(&report, "/funnel/revenue"), "900000");
}

#[test]
fn top_is_exact() {
    let (value, report) = solve(&example(), "/funnel/top", "/funnel/revenue", "1000000");
    assert_eq!(value, dec("16000"));
    assert_eq!(s(&report, "/funnel/revenue"), "1000000");
    assert_eq!(s(&report, "/target/gap"), "0");
    // top = target / (conversion x dealSize), rounded once.
    let (value, _) = solve(&example(), "/funnel/top", "/funnel/revenue", "1000");
    assert_eq!(value, dec("1000") / dec("62.5"));
    let (value, _) = solve(&example(), "/funnel/top", "/funnel/revenue", "1");
    assert_eq!(value, dec("0.016"));
    let (value, _) = solve(&example(), "/funnel/top", "/funnel/deals", "80");
    assert_eq!(value, dec("16000"));
    let (value, _) = solve(&example(), "/funnel/top", "/funnel/stages/0/count", "400");
    assert_eq!(value, dec("16000"));
}

#[test]
fn a_rate_is_exact() {
    let (value, report) = solve(
        &example(),
        "/funnel/stages/0/rate",
        "/funnel/revenue",
        "1000000",
    );
    assert_eq!(value, dec("1000000") / dec("30000000"));
    assert_eq!(
        s(&report, "/funnel/stages/0/rate"),
        "0.0333333333333333333333333333"
    );
    let (value, report) = solve(
        &example(),
        "/funnel/stages/1/rate",
        "/funnel/revenue",
        "1000000",
    );
    assert_eq!(value, dec("1000000") / dec("3750000"));
    assert_relative(
        dec(s(&report, "/funnel/revenue")),
        dec("1000000"),
        "1e-9",
        "revenue",
    );
    let (value, _) = solve(
        &example(),
        "/funnel/stages/1/rate",
        "/funnel/revenue",
        "1875000",
    );
    assert_eq!(value, dec("0.5"));
    let (value, _) = solve(
        &example(),
        "/funnel/stages/0/rate",
        "/funnel/conversion",
        "0.01",
    );
    assert_eq!(value, dec("0.05"));
    let (value, _) = solve(&example(), "/funnel/stages/1/rate", "/funnel/deals", "75");
    assert_eq!(value, dec("0.25"));
    // A rate of exactly 100 % is a solution.
    let (value, _) = solve(
        &example(),
        "/funnel/stages/1/rate",
        "/funnel/revenue",
        "3750000",
    );
    assert_eq!(value, Decimal::ONE);
    // And 0.
    let (value, _) = solve(&example(), "/funnel/stages/1/rate", "/funnel/revenue", "0");
    assert_eq!(value, Decimal::ZERO);
}

#[test]
fn attainment_and_velocity_targets_are_exact_through_revenue() {
    let (value, report) = solve(&example(), "/funnel/top", "/target/attainment", "1");
    assert_eq!(value, dec("16000"));
    assert_eq!(s(&report, "/target/attainment"), "1");
    let (value, _) = solve(&example(), "/funnel/dealSize", "/velocity/perDay", "25000");
    assert_eq!(value, dec("18750"));
    let (value, report) = solve(&example(), "/cycleDays", "/velocity/perDay", "25000");
    assert_eq!(value, dec("30"));
    assert_eq!(s(&report, "/velocity/perDay"), "25000");
    let (value, _) = solve(&example(), "/target", "/target/attainment", "0.5");
    assert_eq!(value, dec("1500000"));
}

#[test]
fn unit_economics_closed_forms() {
    // Whatever the method, within the contract's accuracy.
    for (lever, metric, target, truth) in [
        ("/acquisitionCost", "/economics/cac", "2000", "120000"),
        ("/acquisitionCost", "/economics/ltvToCac", "10", "180000"),
        (
            "/acquisitionCost",
            "/economics/paybackMonths",
            "3.6",
            "135000",
        ),
        (
            "/customer/purchaseValue",
            "/economics/clv",
            "45000",
            "18750",
        ),
        (
            "/customer/purchasesPerYear",
            "/economics/ltvToCac",
            "30",
            "1.5",
        ),
    ] {
        check_search(&example(), lever, metric, target, truth);
    }
    let (value, _) = solve(
        &example(),
        "/customer/lifespanYears",
        "/economics/clv",
        "45000",
    );
    assert_eq!(value, dec("6"));
    let (value, _) = solve(
        &example(),
        "/customer/grossMargin",
        "/economics/ltvToCac",
        "25",
    );
    assert_eq!(value, dec("0.75"));
    let mut churn = example();
    churn["customer"] = json!({ "purchaseValue": "1000", "annualChurn": "0.25" });
    let (value, report) = solve(&churn, "/customer/annualChurn", "/economics/clv", "5000");
    assert_eq!(value, dec("0.2"));
    assert_eq!(s(&report, "/economics/clv"), "5000");
}

#[test]
fn acquisition_cost_for_cac_is_exact() {
    // cac = acquisitionCost / deals is proportional to the lever, so by the contract's
    // "where the metric is proportional to the lever, value is exact", the answer is
    // target x deals, exactly representable here.
    let (value, _) = solve(&example(), "/acquisitionCost", "/economics/cac", "2000");
    assert_eq!(value, dec("120000"));
    let (value, _) = solve(
        &example(),
        "/acquisitionCost",
        "/economics/paybackMonths",
        "3.6",
    );
    assert_eq!(value, dec("135000"));
}

// ---------------------------------------------------------------- the bracketing search

#[test]
fn growth_current_for_growth_rate() {
    check_search(
        &example(),
        "/growth/current",
        "/growth/rate",
        "0.25",
        "1000000",
    );
    check_search(
        &example(),
        "/growth/current",
        "/growth/rate",
        "0.3333",
        "1066640",
    );
    check_search(
        &example(),
        "/growth/current",
        "/growth/rate",
        "-0.5",
        "400000",
    );
    check_search(
        &example(),
        "/growth/current",
        "/growth/rate",
        "10",
        "8800000",
    );
}

#[test]
fn growth_previous_for_growth_rate() {
    // rate = (912000 - previous) / previous -> previous = 912000 / (1 + rate)
    check_search(
        &example(),
        "/growth/previous",
        "/growth/rate",
        "0.2",
        "760000",
    );
    check_search(
        &example(),
        "/growth/previous",
        "/growth/rate",
        "-0.2",
        "1140000",
    );
}

#[test]
fn retention_new_for_churn() {
    // churn = 1 - (210 - new) / 200 -> new = 10 + 200 x churn
    check_search(
        &example(),
        "/retention/new",
        "/retention/churn",
        "0.2",
        "50",
    );
    check_search(
        &example(),
        "/retention/new",
        "/retention/churn",
        "0.73",
        "156",
    );
    check_search(
        &example(),
        "/retention/new",
        "/retention/rate",
        "0.5",
        "110",
    );
}

#[test]
fn retention_start_and_end_for_rate() {
    // rate = 180 / start
    check_search(
        &example(),
        "/retention/start",
        "/retention/rate",
        "0.75",
        "240",
    );
    // rate = (end - 30) / 200
    check_search(&example(), "/retention/end", "/retention/rate", "1", "230");
}

#[test]
fn gap_against_top_and_deal_size() {
    // gap = 1000000 - top x 62.5 while below the target
    check_search(&example(), "/funnel/top", "/target/gap", "100000", "14400");
    check_search(&example(), "/funnel/top", "/target/gap", "1000000", "0");
    check_search(
        &example(),
        "/funnel/dealSize",
        "/target/gap",
        "100000",
        "15000",
    );
    check_search(
        &example(),
        "/funnel/stages/0/rate",
        "/target/gap",
        "400000",
        "0.02",
    );
}

#[test]
fn gap_of_zero_is_reached_anywhere_past_the_target() {
    let (value, report) = solve(&example(), "/funnel/top", "/target/gap", "0");
    assert!(value >= dec("16000"), "{value}");
    assert_eq!(s(&report, "/target/gap"), "0");
}

#[test]
fn cac_against_top_and_clv_against_default_purchase_value() {
    // cac = 90000 / (top x 0.005) -> top = 18000 for cac 1000
    check_search(&example(), "/funnel/top", "/economics/cac", "1000", "18000");
    // purchaseValue defaults to the deal size: clv = dealSize x 4 x 0.6
    let mut model = example();
    model["customer"] = json!({ "lifespanYears": "4", "grossMargin": "0.6" });
    check_search(
        &model,
        "/funnel/dealSize",
        "/economics/clv",
        "36000",
        "15000",
    );
    // payback = 1500 x 12 / (12500 x margin)
    check_search(
        &example(),
        "/customer/grossMargin",
        "/economics/paybackMonths",
        "3",
        "0.48",
    );
    check_search(
        &example(),
        "/customer/purchaseValue",
        "/economics/paybackMonths",
        "1.2",
        "25000",
    );
}

#[test]
fn a_zero_growth_target_is_reachable() {
    // rate = 0 exactly at current = previous: a true solution exists inside the valid range.
    check_search(&example(), "/growth/current", "/growth/rate", "0", "800000");
}

#[test]
fn a_zero_growth_target_is_reachable_through_previous() {
    check_search(
        &example(),
        "/growth/previous",
        "/growth/rate",
        "0",
        "912000",
    );
}

#[test]
fn a_zero_churn_target_is_reachable() {
    // churn = 0 at new = end - start = 10.
    check_search(&example(), "/retention/new", "/retention/churn", "0", "10");
}

#[test]
fn a_zero_churn_target_is_reachable_through_start() {
    // churn = 0 at start = end - new = 180.
    check_search(
        &example(),
        "/retention/start",
        "/retention/churn",
        "0",
        "180",
    );
}

#[test]
fn a_tiny_growth_target_is_reachable() {
    // rate = 1e-11 at current = 800000.000008, exactly representable.
    check_search(
        &example(),
        "/growth/current",
        "/growth/rate",
        "0.00000000001",
        "800000.000008",
    );
}

#[test]
fn zero_targets_reached_at_a_bound_or_on_a_plateau() {
    check_search(&example(), "/retention/end", "/retention/rate", "0", "30");
    check_search(&example(), "/retention/new", "/retention/rate", "0", "210");
}

// ---------------------------------------------------------------- no solution

#[test]
fn a_rate_above_100_percent_is_an_error_naming_the_lever() {
    let e = solve_err(
        &example(),
        "/funnel/stages/0/rate",
        "/funnel/revenue",
        "100000000",
    );
    assert_starts(&e, "/funnel/stages/0/rate: ");
    assert!(e.contains("100"), "should say why (more than 100 %): {e}");
    let e = solve_err(
        &example(),
        "/funnel/stages/1/rate",
        "/target/attainment",
        "4",
    );
    assert_starts(&e, "/funnel/stages/1/rate: ");
    let e = solve_err(
        &example(),
        "/customer/grossMargin",
        "/economics/clv",
        "100000",
    );
    assert_starts(&e, "/customer/grossMargin: ");
    let mut churn = example();
    churn["customer"] = json!({ "purchaseValue": "1000", "annualChurn": "0.25" });
    let e = solve_err(&churn, "/customer/annualChurn", "/economics/clv", "500");
    assert_starts(&e, "/customer/annualChurn: ");
}

#[test]
fn a_lever_that_does_not_move_the_metric_is_an_error_naming_it() {
    let cases = [
        ("/target", "/funnel/revenue"),
        ("/cycleDays", "/funnel/revenue"),
        ("/acquisitionCost", "/funnel/revenue"),
        ("/funnel/stages/1/rate", "/funnel/stages/0/count"),
        ("/funnel/top", "/target/needed/top"),
        ("/growth/current", "/retention/rate"),
        ("/customer/lifespanYears", "/economics/cac"),
    ];
    for (lever, metric) in cases {
        let e = solve_err(&example(), lever, metric, "123456");
        assert_starts(&e, &format!("{lever}: "));
    }
    // A factor of zero elsewhere: the lever cannot move the metric.
    let mut model = example();
    model["funnel"]["dealSize"] = json!("0");
    let e = solve_err(&model, "/funnel/top", "/funnel/revenue", "1000");
    assert_starts(&e, "/funnel/top: ");
}

#[test]
fn unreachable_values_are_errors_naming_the_lever() {
    // Revenue cannot be negative.
    let e = solve_err(&example(), "/funnel/dealSize", "/funnel/revenue", "-5");
    assert_starts(&e, "/funnel/dealSize: ");
    // Velocity is always above 0 for any cycle.
    let e = solve_err(&example(), "/cycleDays", "/velocity/perDay", "0");
    assert_starts(&e, "/cycleDays: ");
    let e = solve_err(&example(), "/cycleDays", "/velocity/perDay", "-1");
    assert_starts(&e, "/cycleDays: ");
    // Growth below -100 % is impossible.
    let e = solve_err(&example(), "/growth/current", "/growth/rate", "-1.5");
    assert_starts(&e, "/growth/current: ");
    // Retention rate cannot pass (end - 0) / start = 1.05 through new.
    let e = solve_err(&example(), "/retention/new", "/retention/rate", "2");
    assert_starts(&e, "/retention/new: ");
    // CAC is undefined with zero deals whatever the cost.
    let mut model = example();
    model["funnel"]["stages"][1]["rate"] = json!("0");
    let e = solve_err(&model, "/acquisitionCost", "/economics/cac", "1000");
    assert_starts(&e, "/acquisitionCost: ");
}

#[test]
fn a_metric_pointer_that_names_nothing_is_an_error_beginning_with_it() {
    let pointers = [
        "/funnel/revenu",
        "/",
        "",
        "/funnel",
        "/funnel/revenue/",
        "/funnel/stages/2/count",
        "/funnel/stages/01/count",
        "/funnel/stages/0/rate",
        "/target/needed/stages/5/count",
        "/target/needed",
        "/economics",
        "/dealSize",
    ];
    for pointer in pointers {
        let e = solve_err(&example(), "/funnel/top", pointer, "1");
        assert_starts(&e, &format!("{pointer}: "));
    }
    // A metric of a section the model lacks.
    let model = json!({ "funnel": example()["funnel"].clone() });
    for pointer in [
        "/target/attainment",
        "/velocity/perDay",
        "/economics/cac",
        "/retention/rate",
        "/growth/rate",
    ] {
        let e = solve_err(&model, "/funnel/top", pointer, "1");
        assert_starts(&e, &format!("{pointer}: "));
    }
}

#[test]
fn a_lever_pointer_that_names_nothing_is_an_error_beginning_with_it() {
    for pointer in [
        "/funnel/deals",
        "/",
        "/~1",
        "/funnel/stages/-1/rate",
        "/funnel/stages/01/rate",
        "/funnel/stages/2/rate",
    ] {
        let e = solve_err(&example(), pointer, "/funnel/revenue", "1");
        assert_starts(&e, &format!("{pointer}: "));
    }
    let model = json!({ "funnel": example()["funnel"].clone() });
    let e = solve_err(&model, "/cycleDays", "/funnel/revenue", "1");
    assert_starts(&e, "/cycleDays: ");
}

#[test]
fn malformed_goals_are_errors() {
    let model = example().to_string();
    for goal in [
        "null",
        "[]",
        r#"{"lever": "/funnel/top", "metric": "/funnel/revenue"}"#,
        r#"{"lever": "/funnel/top", "target": "1"}"#,
        r#"{"metric": "/funnel/revenue", "target": "1"}"#,
        r#"{"lever": "/funnel/top", "metric": "/funnel/revenue", "target": "1,5"}"#,
        r#"{"lever": "/funnel/top", "metric": "/funnel/revenue", "target": "1", "extra": 1}"#,
        r#"{"lever": 1, "metric": "/funnel/revenue", "target": "1"}"#,
    ] {
        let e = text::solve(&model, goal).unwrap_err().to_string();
        assert!(e.starts_with('/') || e.starts_with(": "), "{goal}: {e}");
    }
}

#[test]
fn typed_api_matches_text_api() {
    use sales_kpi::{Goal, Model};
    let model = Model::from_json_str(&example().to_string()).unwrap();
    let goal = Goal {
        lever: "/funnel/dealSize".into(),
        metric: "/funnel/revenue".into(),
        target: dec("1000000"),
    };
    let solution = sales_kpi::solve(&model, &goal).unwrap();
    assert_eq!(solution.value, dec("1000000") / dec("60"));
    let (value, report) = solve(&example(), "/funnel/dealSize", "/funnel/revenue", "1000000");
    assert_eq!(solution.value, value);
    assert_eq!(serde_json::to_value(&solution.report).unwrap(), report);
}

#[test]
fn step_metrics_are_reached_on_their_plateaus() {
    // dealsNeeded = ceil(1000000 / dealSize) is 81 for dealSize in [12345.68.., 12500).
    let (value, report) = solve(&example(), "/funnel/dealSize", "/target/dealsNeeded", "81");
    assert_eq!(s(&report, "/target/dealsNeeded"), "81");
    assert!(
        value * dec("81") >= dec("1000000") && value * dec("80") < dec("1000000"),
        "{value}"
    );
    // The needed top through the first rate: 400 / rate = 20000 at rate 0.02.
    let (_, report) = solve(
        &example(),
        "/funnel/stages/0/rate",
        "/target/needed/top",
        "20000",
    );
    assert_eq!(s(&report, "/target/needed/top"), "20000");
    // A whole-number metric cannot be 80.5: an error naming the lever.
    let e = solve_err(
        &example(),
        "/funnel/dealSize",
        "/target/dealsNeeded",
        "80.5",
    );
    assert_starts(&e, "/funnel/dealSize: ");
}

#[test]
fn a_rate_starting_at_zero_is_found_where_the_metric_is_undefined_at_zero() {
    // cac = 90000 / (12000 x rate x 0.2 x ...) = 37.5 / rate, defined for every rate in (0, 1];
    // cac = 1000 at rate = 0.0375, inside the valid range. At the starting rate of 0 there
    // are no deals and CAC is undefined, which must not hide the solution.
    let mut model = example();
    model["funnel"]["stages"][0]["rate"] = json!("0");
    check_search(
        &model,
        "/funnel/stages/0/rate",
        "/economics/cac",
        "1000",
        "0.0375",
    );
}

#[test]
fn top_starting_at_zero_is_found_where_the_metric_is_undefined_at_zero() {
    let mut model = example();
    model["funnel"]["top"] = json!("0");
    check_search(&model, "/funnel/top", "/economics/cac", "1000", "18000");
}

#[test]
fn a_margin_starting_at_zero_is_found_where_payback_is_undefined_at_zero() {
    // payback = 1500 x 12 / (12500 x margin) = 3 at margin 0.48; undefined at margin 0.
    let mut model = example();
    model["customer"]["grossMargin"] = json!("0");
    check_search(
        &model,
        "/customer/grossMargin",
        "/economics/paybackMonths",
        "3",
        "0.48",
    );
}
