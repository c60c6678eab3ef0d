//! `simulate(model, options)`, checked against the public contract (docs/contract.md): determinism per seed,
//! degenerate ranges, nearest-rank percentiles, probabilityAtLeast and its default
//! threshold, triangular draws, and errors.

use rust_decimal::Decimal;
use serde_json::{json, Value};

use sales_kpi::text;

mod common;
use common::{assert_starts, dec, example, s};

fn simulate_text(model: &Value, options: &Value) -> String {
    text::simulate(&model.to_string(), &options.to_string())
        .unwrap_or_else(|e| panic!("simulate failed: {e}\noptions: {options}"))
}

fn simulate(model: &Value, options: Value) -> Value {
    let summary: Value = serde_json::from_str(&simulate_text(model, &options)).unwrap();
    check_summary(&summary);
    summary
}

fn simulate_err(model: &Value, options: Value) -> String {
    match text::simulate(&model.to_string(), &options.to_string()) {
        Ok(out) => panic!("expected an error for {options}, got {out}"),
        Err(e) => e.to_string(),
    }
}

/// Shape, ordering and range of every summary.
fn check_summary(summary: &Value) {
    let keys: Vec<&String> = summary.as_object().unwrap().keys().collect();
    for key in &keys {
        assert!(
            [
                "samples",
                "mean",
                "p10",
                "p50",
                "p90",
                "probabilityAtLeast",
                "bins"
            ]
            .contains(&key.as_str()),
            "unexpected key {key}"
        );
    }
    for key in ["samples", "mean", "p10", "p50", "p90"] {
        assert!(summary.get(key).is_some(), "{key} missing in {summary}");
    }
    let (p10, p50, p90) = (
        dec(s(summary, "/p10")),
        dec(s(summary, "/p50")),
        dec(s(summary, "/p90")),
    );
    assert!(
        p10 <= p50 && p50 <= p90,
        "percentiles out of order: {summary}"
    );
    if let Some(p) = summary.get("probabilityAtLeast") {
        let p = dec(p.as_str().unwrap());
        assert!(p >= Decimal::ZERO && p <= Decimal::ONE, "{summary}");
    }
    // The bins follow each other without gaps, hold every sample and cover P10 to P90.
    let bins = summary["bins"].as_array().expect("bins");
    let edge = |bin: &Value, key: &str| dec(bin[key].as_str().unwrap());
    let counted: u64 = bins
        .iter()
        .map(|bin| bin["count"].as_str().unwrap().parse::<u64>().unwrap())
        .sum();
    assert_eq!(counted.to_string(), s(summary, "/samples"), "{summary}");
    assert!(
        bins.windows(2)
            .all(|pair| edge(&pair[0], "upper") == edge(&pair[1], "lower")),
        "{summary}"
    );
    assert!(
        edge(&bins[0], "lower") <= p10 && p90 <= edge(&bins[bins.len() - 1], "upper"),
        "{summary}"
    );
}

fn deal_size_range(low: &str, high: &str) -> Value {
    json!([{ "lever": "/funnel/dealSize", "low": low, "high": high }])
}

#[test]
fn the_same_seed_gives_the_same_summary_byte_for_byte() {
    let options = json!({ "ranges": [
        { "lever": "/funnel/dealSize", "low": "10000", "high": "20000" },
        { "lever": "/funnel/stages/0/rate", "low": "0.02", "high": "0.03", "mode": "0.025" }
    ], "samples": 2000, "seed": 42 });
    let first = simulate_text(&example(), &options);
    for _ in 0..3 {
        assert_eq!(simulate_text(&example(), &options), first);
    }
    // The seed as text is the same seed.
    let mut as_text = options.clone();
    as_text["seed"] = json!("42");
    assert_eq!(simulate_text(&example(), &as_text), first);
}

#[test]
fn different_seeds_give_different_summaries() {
    let run = |seed: u64| {
        simulate_text(
            &example(),
            &json!({ "ranges": deal_size_range("10000", "20000"), "samples": 500, "seed": seed }),
        )
    };
    let summaries: Vec<String> = (0..5).map(run).collect();
    for i in 0..summaries.len() {
        for j in i + 1..summaries.len() {
            assert_ne!(summaries[i], summaries[j], "seeds {i} and {j}");
        }
    }
    let large = simulate_text(
        &example(),
        &json!({ "ranges": deal_size_range("10000", "20000"), "samples": 500, "seed": "18446744073709551615" }),
    );
    assert!(!summaries.contains(&large));
}

#[test]
fn degenerate_ranges_give_compute_exactly() {
    let report: Value =
        serde_json::from_str(&text::compute(&example().to_string()).unwrap()).unwrap();
    let revenue = s(&report, "/funnel/revenue");
    let summary = simulate(
        &example(),
        json!({ "ranges": [
            { "lever": "/funnel/dealSize", "low": "12500", "high": "12500" },
            { "lever": "/funnel/top", "low": "12000", "high": "12000", "mode": "12000" }
        ], "samples": 100, "seed": 1 }),
    );
    for key in ["mean", "p10", "p50", "p90"] {
        assert_eq!(s(&summary, &format!("/{key}")), revenue, "{key}");
    }
    assert_eq!(s(&summary, "/samples"), "100");
    assert_eq!(s(&summary, "/probabilityAtLeast"), "0");

    // No ranges at all.
    let summary = simulate(&example(), json!({ "ranges": [], "samples": 7, "seed": 3 }));
    for key in ["mean", "p10", "p50", "p90"] {
        assert_eq!(s(&summary, &format!("/{key}")), revenue, "{key}");
    }

    // Other metrics, including ones with long expansions.
    for metric in [
        "/velocity/perDay",
        "/economics/ltvToCac",
        "/target/attainment",
        "/growth/rate",
    ] {
        let summary = simulate(
            &example(),
            json!({ "ranges": [], "samples": 13, "seed": 3, "metric": metric }),
        );
        let expected = s(&report, metric);
        for key in ["mean", "p10", "p50", "p90"] {
            assert_eq!(s(&summary, &format!("/{key}")), expected, "{metric} {key}");
        }
    }
}

#[test]
fn a_degenerate_range_away_from_the_model_gives_the_what_if() {
    let changes = json!([
        { "lever": "/funnel/dealSize", "to": "13333.33" },
        { "lever": "/cycleDays", "to": "7" }
    ]);
    let result: Value =
        serde_json::from_str(&text::what_if(&example().to_string(), &changes.to_string()).unwrap())
            .unwrap();
    let expected = s(&result, "/scenario/velocity/perDay");
    let summary = simulate(
        &example(),
        json!({ "ranges": [
            { "lever": "/funnel/dealSize", "low": "13333.33", "high": "13333.33" },
            { "lever": "/cycleDays", "low": "7", "high": "7" }
        ], "samples": 50, "seed": 9, "metric": "/velocity/perDay" }),
    );
    for key in ["mean", "p10", "p50", "p90"] {
        assert_eq!(s(&summary, &format!("/{key}")), expected, "{key}");
    }
}

#[test]
fn draws_stay_inside_the_ranges() {
    let summary = simulate(
        &example(),
        json!({ "ranges": deal_size_range("10000", "20000"), "samples": 3000, "seed": 5 }),
    );
    // revenue = 60 x dealSize
    for key in ["mean", "p10", "p50", "p90"] {
        let v = dec(s(&summary, &format!("/{key}")));
        assert!(v >= dec("600000") && v <= dec("1200000"), "{key} = {v}");
    }
}

#[test]
fn uniform_statistics_are_plausible() {
    let summary = simulate(
        &example(),
        json!({ "ranges": deal_size_range("10000", "20000"), "samples": 20000, "seed": 11 }),
    );
    let near = |key: &str, expected: &str, tolerance: &str| {
        let v = dec(s(&summary, key));
        assert!(
            (v - dec(expected)).abs() <= dec(tolerance),
            "{key} = {v}, expected about {expected}"
        );
    };
    near("/mean", "900000", "9000");
    near("/p10", "660000", "9000");
    near("/p50", "900000", "9000");
    near("/p90", "1140000", "9000");
    // revenue >= 1000000 when dealSize >= 16666.67: one third.
    near("/probabilityAtLeast", "0.3333333", "0.02");
}

#[test]
fn triangular_draws_lean_toward_the_mode() {
    let run = |mode: &str| {
        simulate(
            &example(),
            json!({ "ranges": [{ "lever": "/funnel/dealSize", "low": "10000", "high": "20000", "mode": mode }],
                    "samples": 20000, "seed": 2 }),
        )
    };
    let near = |summary: &Value, key: &str, expected: &str| {
        let v = dec(s(summary, key));
        assert!(
            (v - dec(expected)).abs() <= dec("10000"),
            "{key} = {v}, expected about {expected} in {summary}"
        );
    };
    // Mean of a triangle is (low + mode + high) / 3; times 60 deals.
    let low = run("10000");
    near(&low, "/mean", "800000");
    // Median with the mode at low: low + (high - low)(1 - sqrt(1/2)) = 12928.9 -> 775736.
    near(&low, "/p50", "775736");
    let high = run("20000");
    near(&high, "/mean", "1000000");
    let middle = run("15000");
    near(&middle, "/mean", "900000");
    near(&middle, "/p50", "900000");
    // A triangle is narrower than the uniform: p10 sits higher.
    let uniform = simulate(
        &example(),
        json!({ "ranges": deal_size_range("10000", "20000"), "samples": 20000, "seed": 2 }),
    );
    assert!(dec(s(&middle, "/p10")) > dec(s(&uniform, "/p10")));
    assert!(dec(s(&middle, "/p90")) < dec(s(&uniform, "/p90")));
}

#[test]
fn percentiles_are_nearest_rank() {
    let ranges = deal_size_range("10000", "20000");
    // One sample: everything is that sample.
    let one = simulate(
        &example(),
        json!({ "ranges": ranges, "samples": 1, "seed": 4 }),
    );
    let v = s(&one, "/mean");
    assert_eq!(s(&one, "/p10"), v);
    assert_eq!(s(&one, "/p50"), v);
    assert_eq!(s(&one, "/p90"), v);
    assert_eq!(s(&one, "/samples"), "1");
    // Two samples: ranks ceil(0.2)-1 = 0, ceil(1)-1 = 0, ceil(1.8)-1 = 1.
    for seed in 0..5 {
        let two = simulate(
            &example(),
            json!({ "ranges": ranges, "samples": 2, "seed": seed }),
        );
        let (p10, p50, p90, mean) = (
            dec(s(&two, "/p10")),
            dec(s(&two, "/p50")),
            dec(s(&two, "/p90")),
            dec(s(&two, "/mean")),
        );
        assert_eq!(p10, p50, "{two}");
        assert!(p50 < p90, "{two}");
        assert_eq!(mean, (p10 + p90) / Decimal::TWO, "{two}");
    }
    // Three samples: ranks 0, 1, 2: min, median, max.
    for seed in 0..5 {
        let three = simulate(
            &example(),
            json!({ "ranges": ranges, "samples": 3, "seed": seed }),
        );
        let (p10, p50, p90, mean) = (
            dec(s(&three, "/p10")),
            dec(s(&three, "/p50")),
            dec(s(&three, "/p90")),
            dec(s(&three, "/mean")),
        );
        assert!(p10 < p50 && p50 < p90, "{three}");
        let sum = p10 + p50 + p90;
        assert!(
            (mean * Decimal::from(3) - sum).abs() <= dec("1e-20"),
            "{three}"
        );
    }
    // Ten samples: p10 is the least and p90 the 9th; the mean lies between p10 and the max.
    let ten = simulate(
        &example(),
        json!({ "ranges": ranges, "samples": 10, "seed": 8 }),
    );
    assert!(dec(s(&ten, "/mean")) >= dec(s(&ten, "/p10")));
}

#[test]
fn probability_uses_the_target_by_default_and_a_threshold_when_given() {
    let ranges = deal_size_range("10000", "20000");
    let by_default = simulate(
        &example(),
        json!({ "ranges": ranges, "samples": 1000, "seed": 6 }),
    );
    let explicit = simulate(
        &example(),
        json!({ "ranges": ranges, "samples": 1000, "seed": 6, "threshold": "1000000" }),
    );
    assert_eq!(by_default, explicit);
    assert!(by_default.get("probabilityAtLeast").is_some());

    // Without a target and without a threshold: no probability.
    let mut no_target = example();
    no_target.as_object_mut().unwrap().remove("target");
    let summary = simulate(
        &no_target,
        json!({ "ranges": ranges, "samples": 100, "seed": 6 }),
    );
    assert!(summary.get("probabilityAtLeast").is_none(), "{summary}");
    // With a threshold: there is.
    let summary = simulate(
        &no_target,
        json!({ "ranges": ranges, "samples": 100, "seed": 6, "threshold": "600000" }),
    );
    assert_eq!(s(&summary, "/probabilityAtLeast"), "1");
    let summary = simulate(
        &no_target,
        json!({ "ranges": ranges, "samples": 100, "seed": 6, "threshold": "1200001" }),
    );
    assert_eq!(s(&summary, "/probabilityAtLeast"), "0");
    // "At least" includes equality.
    let summary = simulate(
        &example(),
        json!({ "ranges": [], "samples": 10, "seed": 6, "threshold": "750000" }),
    );
    assert_eq!(s(&summary, "/probabilityAtLeast"), "1");
    // A threshold overrides the target.
    let summary = simulate(
        &example(),
        json!({ "ranges": [], "samples": 10, "seed": 6, "threshold": "750000.0001" }),
    );
    assert_eq!(s(&summary, "/probabilityAtLeast"), "0");
}

#[test]
fn defaults_are_ten_thousand_samples_and_revenue() {
    let summary = simulate(
        &example(),
        json!({ "ranges": deal_size_range("10000", "20000") }),
    );
    assert_eq!(s(&summary, "/samples"), "10000");
    assert!(dec(s(&summary, "/mean")) > dec("600000"));
    let explicit = simulate(
        &example(),
        json!({ "ranges": deal_size_range("10000", "20000"), "samples": 10000, "seed": 0, "metric": "/funnel/revenue" }),
    );
    assert_eq!(summary, explicit);
}

#[test]
fn samples_must_be_one_to_a_million() {
    for samples in [
        json!(0),
        json!("0"),
        json!(1000001),
        json!("1000001"),
        json!("1.5"),
        json!(-1),
        json!("x"),
        json!(true),
    ] {
        let e = simulate_err(&example(), json!({ "ranges": [], "samples": samples }));
        assert_starts(&e, "/samples: ");
    }
    // The typed API refuses too.
    let model = sales_kpi::Model::from_json_str(&example().to_string()).unwrap();
    for samples in [0, 1_000_001] {
        let mut options = sales_kpi::SimulateOptions::new(vec![]);
        options.samples = samples;
        let e = sales_kpi::simulate(&model, &options)
            .unwrap_err()
            .to_string();
        assert_starts(&e, "/samples: ");
    }
}

#[test]
fn an_unknown_or_absent_lever_is_an_error_beginning_with_it() {
    let mut no_cycle = example();
    no_cycle.as_object_mut().unwrap().remove("cycleDays");
    for (model, lever) in [
        (example(), "/funnel/nope"),
        (example(), "/funnel/stages/2/rate"),
        (example(), "/funnel/stages/01/rate"),
        (example(), "/"),
        (no_cycle, "/cycleDays"),
    ] {
        let e = simulate_err(
            &model,
            json!({ "ranges": [{ "lever": lever, "low": "1", "high": "2" }], "samples": 10 }),
        );
        assert_starts(&e, &format!("{lever}: "));
    }
}

#[test]
fn bad_ranges_are_errors_at_the_range() {
    // low above high.
    let e = simulate_err(
        &example(),
        json!({ "ranges": deal_size_range("20000", "10000"), "samples": 10 }),
    );
    assert_starts(&e, "/ranges/0/");
    // A rate range above 1.
    let e = simulate_err(
        &example(),
        json!({ "ranges": [{ "lever": "/funnel/stages/0/rate", "low": "0.5", "high": "1.2" }], "samples": 10 }),
    );
    assert_starts(&e, "/ranges/0/high: ");
    // Below the lever's range.
    let e = simulate_err(
        &example(),
        json!({ "ranges": [{ "lever": "/funnel/top", "low": "-1", "high": "5" }], "samples": 10 }),
    );
    assert_starts(&e, "/ranges/0/low: ");
    // Mode outside [low, high].
    let e = simulate_err(
        &example(),
        json!({ "ranges": [{ "lever": "/funnel/top", "low": "1", "high": "5", "mode": "6" }], "samples": 10 }),
    );
    assert_starts(&e, "/ranges/0/mode: ");
    // The second range is the bad one.
    let e = simulate_err(
        &example(),
        json!({ "ranges": [
            { "lever": "/funnel/top", "low": "1", "high": "5" },
            { "lever": "/funnel/dealSize", "low": "x", "high": "5" }
        ], "samples": 10 }),
    );
    assert_starts(&e, "/ranges/1/low: ");
    // Missing fields and unknown fields.
    let e = simulate_err(
        &example(),
        json!({ "ranges": [{ "lever": "/funnel/top", "low": "1" }], "samples": 10 }),
    );
    assert_starts(&e, "/ranges/0/high: ");
    let e = simulate_err(
        &example(),
        json!({ "ranges": [{ "lever": "/funnel/top", "low": "1", "high": "2", "peak": "1" }], "samples": 10 }),
    );
    assert_starts(&e, "/ranges/0/peak: ");
    let e = simulate_err(&example(), json!({ "ranges": "x", "samples": 10 }));
    assert_starts(&e, "/ranges: ");
    let e = simulate_err(&example(), json!({ "ranges": [], "sample": 10 }));
    assert_starts(&e, "/sample: ");
}

#[test]
fn a_metric_that_names_nothing_is_an_error_beginning_with_it() {
    for metric in ["/funnel/revenu", "/", "/funnel/stages/2/count"] {
        let e = simulate_err(
            &example(),
            json!({ "ranges": [], "samples": 10, "metric": metric }),
        );
        assert_starts(&e, &format!("{metric}: "));
    }
}

#[test]
fn a_metric_undefined_for_some_draws_is_an_error_not_a_panic() {
    // CAC is undefined with zero deals, which a rate range from 0 can draw.
    let e = simulate_err(
        &example(),
        json!({ "ranges": [{ "lever": "/funnel/stages/1/rate", "low": "0", "high": "0" }],
                "samples": 10, "metric": "/economics/cac" }),
    );
    assert!(e.starts_with('/'), "{e}");
}

#[test]
fn other_metrics_can_be_simulated() {
    let summary = simulate(
        &example(),
        json!({ "ranges": [{ "lever": "/cycleDays", "low": "30", "high": "60" }],
                "samples": 500, "seed": 1, "metric": "/velocity/perDay" }),
    );
    // 750000 / 60 = 12500 .. 750000 / 30 = 25000
    for key in ["mean", "p10", "p50", "p90"] {
        let v = dec(s(&summary, &format!("/{key}")));
        assert!(v >= dec("12500") && v <= dec("25000"), "{key} = {v}");
    }
    let summary = simulate(
        &example(),
        json!({ "ranges": [{ "lever": "/customer/lifespanYears", "low": "2", "high": "6" }],
                "samples": 500, "seed": 1, "metric": "/economics/clv" }),
    );
    for key in ["mean", "p10", "p50", "p90"] {
        let v = dec(s(&summary, &format!("/{key}")));
        assert!(v >= dec("15000") && v <= dec("45000"), "{key} = {v}");
    }
}

#[test]
fn typed_api_matches_text_api() {
    use sales_kpi::{Model, Range, SimulateOptions};
    let model = Model::from_json_str(&example().to_string()).unwrap();
    let mut options = SimulateOptions::new(vec![Range {
        lever: "/funnel/dealSize".into(),
        low: dec("10000"),
        high: dec("20000"),
        mode: None,
    }]);
    options.samples = 300;
    options.seed = 77;
    let typed = sales_kpi::simulate(&model, &options).unwrap();
    let text_summary = simulate(
        &example(),
        json!({ "ranges": deal_size_range("10000", "20000"), "samples": 300, "seed": 77 }),
    );
    assert_eq!(serde_json::to_value(&typed).unwrap(), text_summary);
}

#[test]
fn a_million_samples_are_allowed() {
    let summary = simulate(
        &example(),
        json!({ "ranges": [], "samples": 1000000, "seed": 1 }),
    );
    assert_eq!(s(&summary, "/samples"), "1000000");
    assert_eq!(s(&summary, "/mean"), "750000");
}

#[test]
fn ranges_are_drawn_independently_and_judged_on_the_drawn_model() {
    // end and new drawn together: every drawn model has new (10) <= end (20), so it is
    // valid, although end = 20 is below the model's own new (30).
    let summary = simulate(
        &example(),
        json!({ "ranges": [
            { "lever": "/retention/end", "low": "20", "high": "20" },
            { "lever": "/retention/new", "low": "10", "high": "10" }
        ], "samples": 10, "seed": 1, "metric": "/retention/rate" }),
    );
    // (20 - 10) / 200
    assert_eq!(s(&summary, "/mean"), "0.05");
}

#[test]
fn overlapping_retention_ranges_are_an_error_not_a_panic() {
    let e = simulate_err(
        &example(),
        json!({ "ranges": [
            { "lever": "/retention/end", "low": "100", "high": "120" },
            { "lever": "/retention/new", "low": "90", "high": "130" }
        ], "samples": 1000, "seed": 1, "metric": "/retention/rate" }),
    );
    assert!(e.starts_with("/ranges"), "{e}");
}

#[test]
fn the_mean_of_large_samples_does_not_overflow() {
    // Every sample lies in [1e28, 7e28], inside the decimal range, and so does their mean:
    // no result overflows, so there must be no overflow error.
    let model = json!({ "funnel": { "top": "1", "stages": [{ "name": "a", "rate": "1" }], "dealSize": "1" } });
    let summary = simulate(
        &model,
        json!({ "ranges": [{ "lever": "/funnel/top", "low": "1e28", "high": "7e28" }], "samples": 10, "seed": 1 }),
    );
    for key in ["mean", "p10", "p50", "p90"] {
        let v = dec(s(&summary, &format!("/{key}")));
        assert!(v >= dec("1e28") && v <= dec("7e28"), "{key} = {v}");
    }
}
