//! Contract checks shared by the fuzz targets (see /work/shared/contract.md).
//!
//! Every target feeds JSON text to one of `sales_kpi::text::{compute, what_if, solve,
//! sensitivity, simulate}` and then calls one of the `check_*` functions below, which
//! panic (a libFuzzer crash) when the answer breaks the contract:
//!
//! - an `Ok` answer must be JSON of the documented shape, every number a string in
//!   canonical plain decimal notation (`^-?(0|[1-9]\d*)(\.\d*[1-9])?$`, never `-0`),
//!   sections present exactly when their inputs are, and the documented invariants hold
//!   (gap >= 0, whole needed counts, nulls only where the contract allows them, sorted
//!   sensitivity rows, ordered percentiles, solve hitting its target within 1e-9, ...);
//! - an `Err` must read `pointer: message` with the pointer `""` or starting with `/`
//!   (or, as the contract allows, the lever or metric text the caller gave), a non-empty
//!   message, and a length bounded by the input's;
//! - the same input must give the same answer twice (byte for byte).

use std::str::FromStr;

use rust_decimal::Decimal;
use sales_kpi::json::Json;
use sales_kpi::{Change, ChangeOp, Goal, Lever, Model, SensitivityOptions, SimulateOptions};
use serde_json::{Map, Value};

pub mod gen;

/// The two texts one fuzz input stands for: JSON text split at its first newline (model,
/// then the second argument), or, when the first byte is 0x80 or more, a structure-aware
/// recipe (see [`gen`]). `None` when a recipe runs out of bytes.
pub fn inputs(
    data: &[u8],
    second: fn(
        &mut libfuzzer_sys::arbitrary::Unstructured,
    ) -> libfuzzer_sys::arbitrary::Result<Value>,
) -> Option<(String, String)> {
    let (model, other) = match data.first() {
        Some(&mode) if mode >= 0x80 => gen::texts(&data[1..], second)?,
        _ => split(data),
    };
    Some((model, other))
}

/// Splits the fuzz input into the model (first line) and the second argument (the rest).
/// Bytes that are not UTF-8 become U+FFFD, as a browser's `TextDecoder` would make them.
pub fn split(data: &[u8]) -> (String, String) {
    let text = String::from_utf8_lossy(data);
    match text.split_once('\n') {
        Some((model, rest)) => (model.to_owned(), rest.to_owned()),
        None => (text.into_owned(), String::new()),
    }
}

/// Whether `text` is a number in the contract's plain notation, in canonical form: optional
/// `-`, no leading zeros, no exponent, no trailing zeros after the point, never `-0`.
pub fn is_plain(text: &str) -> bool {
    let digits = text.strip_prefix('-').unwrap_or(text);
    let (int, frac) = match digits.split_once('.') {
        Some((int, frac)) => (int, Some(frac)),
        None => (digits, None),
    };
    let int_ok = !int.is_empty()
        && int.bytes().all(|b| b.is_ascii_digit())
        && (int == "0" || !int.starts_with('0'));
    let frac_ok = frac.is_none_or(|frac| {
        !frac.is_empty() && frac.bytes().all(|b| b.is_ascii_digit()) && !frac.ends_with('0')
    });
    int_ok && frac_ok && text != "-0"
}

/// The number at `path`: a plain decimal string that reads back as a `Decimal`.
pub fn num(value: &Value, path: &str) -> Decimal {
    let Value::String(text) = value else {
        panic!("{path} should be a decimal string, got {value}");
    };
    assert!(
        is_plain(text),
        "{path} = {text:?} is not plain decimal notation"
    );
    Decimal::from_str(text).unwrap_or_else(|e| panic!("{path} = {text:?} does not parse: {e}"))
}

/// A number or `null`.
pub fn opt_num(value: &Value, path: &str) -> Option<Decimal> {
    if value.is_null() {
        None
    } else {
        Some(num(value, path))
    }
}

fn whole(value: Decimal) -> bool {
    value.fract().is_zero()
}

/// The object at `path`, which must hold exactly `keys`.
pub fn obj<'a>(value: &'a Value, path: &str, keys: &[&str]) -> &'a Map<String, Value> {
    let Value::Object(map) = value else {
        panic!("{path} should be an object, got {value}");
    };
    let mut got: Vec<&str> = map.keys().map(String::as_str).collect();
    let mut want: Vec<&str> = keys.to_vec();
    got.sort_unstable();
    want.sort_unstable();
    assert_eq!(got, want, "{path} has the wrong fields");
    map
}

fn arr<'a>(value: &'a Value, path: &str) -> &'a Vec<Value> {
    value
        .as_array()
        .unwrap_or_else(|| panic!("{path} should be a list, got {value}"))
}

fn parse_json(text: &str, what: &str) -> Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("{what} is not JSON ({e}): {text}"))
}

/// Checks a `compute` report against the model it was computed from.
pub fn check_report(report: &Value, model: &Model, path: &str) {
    let mut keys = vec!["funnel"];
    if model.get(Lever::Target).is_some() {
        keys.push("target");
    }
    if model.get(Lever::CycleDays).is_some() {
        keys.push("velocity");
    }
    let has_economics = model.get(Lever::AcquisitionCost).is_some() || model.gives("/customer");
    if has_economics {
        keys.push("economics");
    }
    if model.gives("/retention") {
        keys.push("retention");
    }
    if model.gives("/growth") {
        keys.push("growth");
    }
    let top = obj(report, path, &keys);
    let stages_in = &model.funnel.stages;

    // funnel
    let p = format!("{path}/funnel");
    let funnel = obj(
        &top["funnel"],
        &p,
        &["stages", "conversion", "deals", "revenue"],
    );
    let stages = arr(&funnel["stages"], &format!("{p}/stages"));
    assert_eq!(
        stages.len(),
        stages_in.len(),
        "{p}/stages has the wrong length"
    );
    let mut last_count = None;
    for (i, (stage, input)) in stages.iter().zip(stages_in).enumerate() {
        let sp = format!("{p}/stages/{i}");
        let stage = obj(stage, &sp, &["name", "rate", "count"]);
        assert_eq!(
            stage["name"],
            Value::String(input.name.clone()),
            "{sp}/name"
        );
        assert_eq!(
            num(&stage["rate"], &format!("{sp}/rate")),
            input.rate,
            "{sp}/rate"
        );
        let count = num(&stage["count"], &format!("{sp}/count"));
        assert!(
            !count.is_sign_negative() || count.is_zero(),
            "{sp}/count < 0"
        );
        last_count = Some(count);
    }
    let conversion = num(&funnel["conversion"], &format!("{p}/conversion"));
    assert!(
        conversion >= Decimal::ZERO && conversion <= Decimal::ONE,
        "{p}/conversion = {conversion} is outside [0, 1]"
    );
    let deals = num(&funnel["deals"], &format!("{p}/deals"));
    assert_eq!(
        Some(deals),
        last_count,
        "{p}/deals is not the last stage's count"
    );
    let revenue = num(&funnel["revenue"], &format!("{p}/revenue"));
    assert!(revenue >= Decimal::ZERO, "{p}/revenue < 0");

    // target
    if let Some(target) = model.get(Lever::Target) {
        let p = format!("{path}/target");
        let t = obj(
            &top["target"],
            &p,
            &["attainment", "gap", "dealsNeeded", "needed"],
        );
        let attainment = num(&t["attainment"], &format!("{p}/attainment"));
        assert!(attainment >= Decimal::ZERO, "{p}/attainment < 0");
        let gap = num(&t["gap"], &format!("{p}/gap"));
        assert!(gap >= Decimal::ZERO, "{p}/gap < 0");
        assert!(gap <= target, "{p}/gap is more than the target");
        let deals_needed = opt_num(&t["dealsNeeded"], &format!("{p}/dealsNeeded"));
        assert_eq!(
            deals_needed.is_none(),
            model.funnel.deal_size.is_zero(),
            "{p}/dealsNeeded must be null exactly when dealSize is 0"
        );
        if let Some(d) = deals_needed {
            assert!(
                whole(d) && d > Decimal::ZERO,
                "{p}/dealsNeeded = {d} is not a whole number > 0"
            );
        }
        let np = format!("{p}/needed");
        let needed = obj(&t["needed"], &np, &["top", "stages"]);
        let needed_stages = arr(&needed["stages"], &format!("{np}/stages"));
        assert_eq!(
            needed_stages.len(),
            stages_in.len(),
            "{np}/stages has the wrong length"
        );
        let mut counts = Vec::new();
        for (i, (stage, input)) in needed_stages.iter().zip(stages_in).enumerate() {
            let sp = format!("{np}/stages/{i}");
            let stage = obj(stage, &sp, &["name", "count"]);
            assert_eq!(
                stage["name"],
                Value::String(input.name.clone()),
                "{sp}/name"
            );
            let count = opt_num(&stage["count"], &format!("{sp}/count"));
            if let Some(c) = count {
                assert!(
                    whole(c) && !c.is_sign_negative(),
                    "{sp}/count = {c} is not whole"
                );
            }
            counts.push(count);
        }
        let needed_top = opt_num(&needed["top"], &format!("{np}/top"));
        if let Some(c) = needed_top {
            assert!(
                whole(c) && !c.is_sign_negative(),
                "{np}/top = {c} is not whole"
            );
        }
        assert_eq!(
            counts.last().copied().flatten(),
            deals_needed,
            "{np}: the last stage must need dealsNeeded"
        );
        // A null count makes everything above it null.
        if let Some(first_null) = counts.iter().rposition(Option::is_none) {
            assert!(
                counts[..first_null].iter().all(Option::is_none) && needed_top.is_none(),
                "{np}: a count above a null count is not null"
            );
        }
    }

    if model.get(Lever::CycleDays).is_some() {
        let p = format!("{path}/velocity");
        let v = obj(&top["velocity"], &p, &["perDay"]);
        assert!(
            num(&v["perDay"], &format!("{p}/perDay")) >= Decimal::ZERO,
            "{p}/perDay < 0"
        );
    }

    if has_economics {
        let p = format!("{path}/economics");
        let e = obj(
            &top["economics"],
            &p,
            &["cac", "clv", "ltvToCac", "paybackMonths"],
        );
        let cac = opt_num(&e["cac"], &format!("{p}/cac"));
        let clv = opt_num(&e["clv"], &format!("{p}/clv"));
        let ltv = opt_num(&e["ltvToCac"], &format!("{p}/ltvToCac"));
        let payback = opt_num(&e["paybackMonths"], &format!("{p}/paybackMonths"));
        assert_eq!(
            cac.is_none(),
            model.get(Lever::AcquisitionCost).is_none() || deals.is_zero(),
            "{p}/cac must be null exactly when there is no acquisitionCost or no deal"
        );
        assert_eq!(
            clv.is_none(),
            !model.gives("/customer"),
            "{p}/clv must be null exactly without customer"
        );
        if clv.is_none() || cac.is_none_or(|c| c.is_zero()) {
            assert!(
                ltv.is_none(),
                "{p}/ltvToCac must be null when clv or cac is null or 0"
            );
        }
        if cac.is_none() {
            assert!(
                payback.is_none(),
                "{p}/paybackMonths must be null when cac is null"
            );
        }
        for (name, value) in [
            ("cac", cac),
            ("clv", clv),
            ("ltvToCac", ltv),
            ("paybackMonths", payback),
        ] {
            if let Some(v) = value {
                assert!(v >= Decimal::ZERO, "{p}/{name} = {v} < 0");
            }
        }
    }

    if model.gives("/retention") {
        let p = format!("{path}/retention");
        let r = obj(&top["retention"], &p, &["rate", "churn"]);
        num(&r["rate"], &format!("{p}/rate"));
        num(&r["churn"], &format!("{p}/churn"));
    }
    if model.gives("/growth") {
        let p = format!("{path}/growth");
        let g = obj(&top["growth"], &p, &["rate"]);
        assert!(
            num(&g["rate"], &format!("{p}/rate")) >= Decimal::NEGATIVE_ONE,
            "{p}/rate < -1"
        );
    }
}

/// Whether `pointer` is a syntactically valid RFC 6901 pointer (`~` only as `~0`, `~1`).
pub fn is_pointer(pointer: &str) -> bool {
    if pointer.is_empty() {
        return true;
    }
    if !pointer.starts_with('/') {
        return false;
    }
    let bytes = pointer.as_bytes();
    bytes
        .iter()
        .enumerate()
        .all(|(i, &b)| b != b'~' || matches!(bytes.get(i + 1), Some(b'0' | b'1')))
}

/// Checks an error: `pointer: message`, the pointer `""` or an RFC 6901 pointer (lever and
/// metric text that is not one is reported at the field that holds it), the message
/// non-empty, the length bounded by the input's.
pub fn check_error(error: &sales_kpi::Error, input_len: usize) {
    let text = error.to_string();
    let pointer = error.pointer();
    let message = error.message();
    assert_eq!(
        text,
        format!("{pointer}: {message}"),
        "error text is not `pointer: message`"
    );
    assert!(!message.trim().is_empty(), "error {text:?} has no message");
    assert!(
        is_pointer(pointer),
        "error {text:?} does not begin with a JSON Pointer"
    );
    assert!(
        text.len() <= 2 * input_len + 1024,
        "error text of {} bytes for {input_len} bytes of input",
        text.len()
    );
}

fn model_of(text: &str) -> Model {
    Model::from_json_str(text)
        .unwrap_or_else(|e| panic!("the engine answered but the model does not read: {e}"))
}

/// `compute`, checked.
pub fn run_compute(model: &str) {
    let first = sales_kpi::text::compute(model);
    assert_eq!(
        first,
        sales_kpi::text::compute(model),
        "compute is not deterministic"
    );
    match first {
        Ok(text) => check_report(&parse_json(&text, "compute's answer"), &model_of(model), ""),
        Err(error) => check_error(&error, model.len()),
    }
}

/// Applies changes as the contract defines them, for checking the scenario.
fn apply_changes(model: &Model, changes: &[Change]) -> Model {
    let mut changed = model.clone();
    for change in changes {
        let lever = changed
            .lever(&change.lever, "/lever")
            .expect("the engine accepted this lever");
        let old = changed.get(lever).expect("the lever has a value");
        let new = match change.op {
            ChangeOp::By(by) => Decimal::ONE
                .checked_add(by)
                .and_then(|f| old.checked_mul(f)),
            ChangeOp::Add(add) => old.checked_add(add),
            ChangeOp::To(to) => Some(to),
        }
        .expect("the engine applied this change without overflow");
        changed.set(lever, new);
    }
    changed
}

/// `whatIf`, checked.
pub fn run_what_if(model: &str, changes: &str) {
    let first = sales_kpi::text::what_if(model, changes);
    assert_eq!(
        first,
        sales_kpi::text::what_if(model, changes),
        "whatIf is not deterministic"
    );
    match first {
        Ok(text) => {
            let value = parse_json(&text, "whatIf's answer");
            let both = obj(&value, "", &["base", "scenario"]);
            let base_model = model_of(model);
            check_report(&both["base"], &base_model, "/base");
            let compute =
                sales_kpi::text::compute(model).expect("whatIf answered, so compute must");
            assert_eq!(
                both["base"],
                parse_json(&compute, "compute"),
                "whatIf's base is not compute(model)"
            );
            let list = Change::list_from_json(&Json::parse(changes).expect("changes read"))
                .expect("changes read");
            let changed = apply_changes(&base_model, &list);
            check_report(&both["scenario"], &changed, "/scenario");
        }
        Err(error) => check_error(&error, model.len() + changes.len()),
    }
}

/// `solve`, checked: the value is valid for the lever and the report's metric hits the target.
pub fn run_solve(model: &str, goal: &str) {
    let first = sales_kpi::text::solve(model, goal);
    assert_eq!(
        first,
        sales_kpi::text::solve(model, goal),
        "solve is not deterministic"
    );
    match first {
        Ok(text) => {
            let value = parse_json(&text, "solve's answer");
            let solution = obj(&value, "", &["value", "report"]);
            let solved_value = num(&solution["value"], "/value");
            let goal =
                Goal::from_json(&Json::parse(goal).expect("goal reads")).expect("goal reads");
            let mut solved = model_of(model);
            let lever = solved
                .lever(&goal.lever, "/lever")
                .expect("the engine accepted this lever");
            assert!(
                solved.bounds(lever).contains(solved_value),
                "/value {solved_value} is outside the valid range of {}",
                goal.lever
            );
            solved.set(lever, solved_value);
            solved.validate().expect("the solved model must be valid");
            check_report(&solution["report"], &solved, "/report");
            let reached = solution["report"]
                .pointer(&goal.metric)
                .unwrap_or_else(|| panic!("{} is not in the report", goal.metric));
            let reached = opt_num(reached, &format!("/report{}", goal.metric))
                .unwrap_or_else(|| panic!("solve answered but {} is null", goal.metric));
            let miss = reached
                .checked_sub(goal.target)
                .map_or(Decimal::MAX, |m| m.abs());
            // 1e-9 relative, as the contract says; for a target of 0, where nothing relative
            // works, 1e-20 absolute (src/solve.rs ABSOLUTE_HIT). Never below a decimal's last
            // places (1e-27): 1e-9 of a target of 5e-28 is no decimal at all.
            let tolerance = if goal.target.is_zero() {
                Decimal::new(1, 20)
            } else {
                (goal.target.abs() * Decimal::new(1, 9)).max(Decimal::new(1, 27))
            };
            assert!(
                miss <= tolerance,
                "solve answered {solved_value} but {} = {reached}, not within 1e-9 relative (1e-20 for 0) of {}",
                goal.metric,
                goal.target
            );
        }
        Err(error) => check_error(&error, model.len() + goal.len()),
    }
}

/// `sensitivity`, checked: shape, swings, clamping, order.
pub fn run_sensitivity(model: &str, options: &str) {
    let first = sales_kpi::text::sensitivity(model, options);
    assert_eq!(
        first,
        sales_kpi::text::sensitivity(model, options),
        "sensitivity is not deterministic"
    );
    match first {
        Ok(text) => {
            let value = parse_json(&text, "sensitivity's answer");
            let base = model_of(model);
            let rows = arr(&value, "");
            let mut previous: Option<(Decimal, String)> = None;
            for (i, row) in rows.iter().enumerate() {
                let p = format!("/{i}");
                let row = obj(
                    row,
                    &p,
                    &["lever", "lowValue", "highValue", "low", "high", "swing"],
                );
                let Some(lever_text) = row["lever"].as_str() else {
                    panic!("{p}/lever is not text");
                };
                let lever = base
                    .lever(lever_text, "/lever")
                    .unwrap_or_else(|e| panic!("{p}/lever names no lever of the model: {e}"));
                let bounds = base.bounds(lever);
                let low_value = num(&row["lowValue"], &format!("{p}/lowValue"));
                let high_value = num(&row["highValue"], &format!("{p}/highValue"));
                assert!(
                    bounds.contains(low_value),
                    "{p}/lowValue is outside the lever's range"
                );
                assert!(
                    bounds.contains(high_value),
                    "{p}/highValue is outside the lever's range"
                );
                assert!(low_value <= high_value, "{p}: lowValue > highValue");
                let low = num(&row["low"], &format!("{p}/low"));
                let high = num(&row["high"], &format!("{p}/high"));
                let swing = num(&row["swing"], &format!("{p}/swing"));
                assert!(swing > Decimal::ZERO, "{p}/swing is not > 0");
                assert_eq!(
                    Some(swing),
                    high.checked_sub(low).map(|d| d.abs()),
                    "{p}/swing is not |high - low|"
                );
                if let Some((prev_swing, prev_lever)) = &previous {
                    assert!(
                        *prev_swing > swing
                            || (*prev_swing == swing && prev_lever.as_str() < lever_text),
                        "{p}: rows are not sorted by swing, then lever"
                    );
                }
                previous = Some((swing, lever_text.to_owned()));
            }
            let options =
                SensitivityOptions::from_json(&Json::parse(options).expect("options read"))
                    .expect("options read");
            base.metric(&options.metric, "/metric")
                .expect("metric accepted");
        }
        Err(error) => check_error(&error, model.len() + options.len()),
    }
}

/// `simulate`, checked: shape, sample count, ordered percentiles, probability in [0, 1].
pub fn run_simulate(model: &str, options: &str) {
    let first = sales_kpi::text::simulate(model, options);
    // Big simulations are deterministic too, but re-running one doubles the cost.
    let parsed = Json::parse(options)
        .ok()
        .and_then(|j| SimulateOptions::from_json(&j).ok());
    if parsed.as_ref().is_some_and(|o| o.samples <= 20_000) {
        assert_eq!(
            first,
            sales_kpi::text::simulate(model, options),
            "simulate is not deterministic"
        );
    }
    match first {
        Ok(text) => {
            let value = parse_json(&text, "simulate's answer");
            let base = model_of(model);
            let options = parsed.expect("options read");
            let threshold = options.threshold.or(base.get(Lever::Target));
            let mut keys = vec!["samples", "mean", "p10", "p50", "p90", "bins"];
            if threshold.is_some() {
                keys.push("probabilityAtLeast");
            }
            let s = obj(&value, "", &keys);
            check_bins(&s["bins"], Decimal::from(options.samples));
            assert_eq!(
                num(&s["samples"], "/samples"),
                Decimal::from(options.samples),
                "/samples"
            );
            let mean = num(&s["mean"], "/mean");
            let p10 = num(&s["p10"], "/p10");
            let p50 = num(&s["p50"], "/p50");
            let p90 = num(&s["p90"], "/p90");
            assert!(
                p10 <= p50 && p50 <= p90,
                "percentiles out of order: {p10} {p50} {p90}"
            );
            if options.ranges.is_empty() {
                assert!(
                    mean == p10 && p10 == p90,
                    "no ranges, yet the samples differ"
                );
            }
            if threshold.is_some() {
                let share = num(&s["probabilityAtLeast"], "/probabilityAtLeast");
                assert!(
                    share >= Decimal::ZERO && share <= Decimal::ONE,
                    "/probabilityAtLeast = {share}"
                );
            }
        }
        Err(error) => check_error(&error, model.len() + options.len()),
    }
}

/// simulate's histogram (docs/contract.md): bins that follow each other, each from `lower` up to
/// `upper`, with whole counts that add up to the samples; none when an edge would pass the
/// decimal range.
fn check_bins(bins: &Value, samples: Decimal) {
    let bins = arr(bins, "/bins");
    if bins.is_empty() {
        return;
    }
    assert!(bins.len() <= 21, "/bins: {} bins", bins.len());
    let mut total = Decimal::ZERO;
    let mut previous_upper: Option<Decimal> = None;
    for (index, bin) in bins.iter().enumerate() {
        let path = format!("/bins/{index}");
        let bin = obj(bin, &path, &["lower", "upper", "count"]);
        let lower = num(&bin["lower"], &format!("{path}/lower"));
        let upper = num(&bin["upper"], &format!("{path}/upper"));
        let count = num(&bin["count"], &format!("{path}/count"));
        assert!(lower <= upper, "{path}: {lower} above {upper}");
        assert!(
            whole(count) && !count.is_sign_negative(),
            "{path}/count = {count}"
        );
        if let Some(previous) = previous_upper {
            assert_eq!(
                lower, previous,
                "{path}/lower does not follow the bin before"
            );
        }
        previous_upper = Some(upper);
        total += count;
    }
    assert_eq!(
        total, samples,
        "/bins: the counts do not add up to the samples"
    );
}

/// The whole number in a plan row or total (a plain decimal string or null).
fn whole_or_null(value: &Value, path: &str) -> Option<u128> {
    opt_num(value, path).map(|count| {
        assert!(
            whole(count) && !count.is_sign_negative(),
            "{path} = {count} is not a whole count"
        );
        u128::try_from(count.normalize().mantissa()).unwrap_or_else(|_| panic!("{path}"))
    })
}

/// The contract's largest-remainder shares of `total` over rows of `weights`.
fn largest_remainder(total: u128, weights: &[u128]) -> Vec<u128> {
    let sum: u128 = weights.iter().sum();
    let mut shares: Vec<u128> = weights.iter().map(|w| total * w / sum).collect();
    let mut order: Vec<usize> = (0..weights.len()).collect();
    order.sort_by_key(|&i| (std::cmp::Reverse(total * weights[i] % sum), i));
    let left = total - shares.iter().sum::<u128>();
    for &i in order.iter().take(left as usize) {
        shares[i] += 1;
    }
    shares
}

/// `plan`, checked: shape, days and workdays, whole least counts per workday and rep, the
/// months and weeks adding up exactly by the largest remainder, row targets, labels.
pub fn run_plan(model: &str, options: &str) {
    let first = sales_kpi::text::plan(model, options);
    assert_eq!(
        first,
        sales_kpi::text::plan(model, options),
        "plan is not deterministic"
    );
    let text = match first {
        Ok(text) => text,
        Err(error) => return check_error(&error, model.len() + options.len()),
    };
    let value = parse_json(&text, "plan's answer");
    let base = model_of(model);
    let opts = sales_kpi::PlanOptions::from_json(&Json::parse(options).expect("options read"))
        .expect("plan answered, so its options read");
    let mut keys = vec![
        "days",
        "workdays",
        "target",
        "dealsNeeded",
        "needed",
        "perWorkday",
        "perRep",
        "months",
        "weeks",
    ];
    if opts.capacity.is_some() {
        keys.push("repsNeeded");
    }
    if base.get(sales_kpi::Lever::CycleDays).is_some() {
        keys.push("entryWindow");
    }
    let top = obj(&value, "", &keys);
    let days = num(&top["days"], "/days");
    assert_eq!(
        days,
        Decimal::from((opts.end - opts.start).whole_days() + 1),
        "/days"
    );
    let workdays = whole_or_null(&top["workdays"], "/workdays").expect("workdays");
    assert!(
        workdays >= 1 && Decimal::from(workdays as u64) <= days,
        "/workdays"
    );
    let target = num(&top["target"], "/target");
    assert!(target >= Decimal::ZERO, "/target < 0");
    if let Some(given) = opts.target {
        assert_eq!(target, given, "/target is not the given target");
    }
    let needed = obj(&top["needed"], "/needed", &["top", "stages"]);
    let stage_count = base.funnel.stages.len();
    let mut totals = vec![
        whole_or_null(&top["dealsNeeded"], "/dealsNeeded"),
        whole_or_null(&needed["top"], "/needed/top"),
    ];
    for i in 0..stage_count {
        let stage = obj(
            &arr(&needed["stages"], "/needed/stages")[i],
            "/needed/stages/i",
            &["name", "count"],
        );
        totals.push(whole_or_null(
            &stage["count"],
            &format!("/needed/stages/{i}/count"),
        ));
    }
    assert_eq!(
        totals[0].is_none(),
        base.funnel.deal_size.is_zero(),
        "/dealsNeeded must be null exactly when dealSize is 0"
    );
    // Per workday and per rep: the least whole count that covers the need.
    let reps = opts.reps;
    for (quota, divisor) in [
        ("/perWorkday", Decimal::from(workdays as u64)),
        (
            "/perRep",
            Decimal::from(workdays as u64)
                .checked_mul(reps)
                .expect("answered, so it fits"),
        ),
    ] {
        let q = obj(&top[&quota[1..]], quota, &["top", "stages", "deals"]);
        let mut got = vec![
            whole_or_null(&q["deals"], &format!("{quota}/deals")),
            whole_or_null(&q["top"], &format!("{quota}/top")),
        ];
        for (i, stage) in arr(&q["stages"], quota).iter().enumerate() {
            got.push(whole_or_null(
                &stage["count"],
                &format!("{quota}/stages/{i}/count"),
            ));
        }
        for (k, (got, need)) in got.iter().zip(&totals).enumerate() {
            assert_eq!(
                got.is_none(),
                need.is_none(),
                "{quota} #{k}: null where the total is not"
            );
            if let (Some(got), Some(need)) = (got, need) {
                let whole = |count: u128| Decimal::from_i128_with_scale(count as i128, 0);
                let (got, need) = (whole(*got), whole(*need));
                // A product past the decimal range is larger than any need.
                assert!(
                    got.checked_mul(divisor)
                        .is_none_or(|covered| covered >= need),
                    "{quota} #{k} = {got} is too small"
                );
                assert!(
                    got.is_zero()
                        || (got - Decimal::ONE)
                            .checked_mul(divisor)
                            .is_some_and(|short| short < need),
                    "{quota} #{k} = {got} is not the least"
                );
            }
        }
    }
    // Months and weeks: labels in order, workdays adding up, shares exact.
    for (rows_key, label) in [("months", "month"), ("weeks", "week")] {
        let rows = arr(&top[rows_key], rows_key);
        assert!(!rows.is_empty(), "/{rows_key} is empty");
        let mut weights = Vec::new();
        let mut labels = Vec::new();
        for (i, row) in rows.iter().enumerate() {
            let path = format!("/{rows_key}/{i}");
            let mut row_keys = vec![label, "workdays", "target", "deals", "top", "stages"];
            if rows_key == "weeks" {
                row_keys.push("start");
            }
            let row = obj(row, &path, &row_keys);
            let text = row[label]
                .as_str()
                .unwrap_or_else(|| panic!("{path}/{label}"));
            labels.push(text.to_owned());
            weights.push(
                whole_or_null(&row["workdays"], &format!("{path}/workdays")).expect("workdays"),
            );
            let share = num(&row["target"], &format!("{path}/target"));
            assert!(
                share >= Decimal::ZERO && share <= target,
                "{path}/target = {share}"
            );
        }
        assert!(
            labels.windows(2).all(|pair| pair[0] < pair[1]),
            "/{rows_key} labels out of order: {labels:?}"
        );
        assert_eq!(
            weights.iter().sum::<u128>(),
            workdays,
            "/{rows_key} workdays do not add up"
        );
        for (k, total) in totals.iter().enumerate() {
            let pick = |row: &Value, i: usize| match k {
                0 => whole_or_null(&row["deals"], &format!("/{rows_key}/{i}/deals")),
                1 => whole_or_null(&row["top"], &format!("/{rows_key}/{i}/top")),
                _ => whole_or_null(
                    &row["stages"][k - 2]["count"],
                    &format!("/{rows_key}/{i}/stages"),
                ),
            };
            let got: Vec<Option<u128>> = rows
                .iter()
                .enumerate()
                .map(|(i, row)| pick(row, i))
                .collect();
            match total {
                None => assert!(
                    got.iter().all(Option::is_none),
                    "/{rows_key} #{k}: a share of a null total"
                ),
                Some(total) => {
                    let got: Vec<u128> = got
                        .iter()
                        .map(|g| g.expect("a share of a whole total"))
                        .collect();
                    assert_eq!(
                        got,
                        largest_remainder(*total, &weights),
                        "/{rows_key} #{k}: not the largest-remainder shares"
                    );
                }
            }
        }
    }
}

/// The sample count simulate options ask for (10,000 when absent), if they read.
pub fn requested_samples(options: &str) -> Option<u32> {
    let parsed = SimulateOptions::from_json(&Json::parse(options).ok()?).ok()?;
    Some(parsed.samples)
}

#[cfg(test)]
mod tests {
    use super::is_plain;

    const EXAMPLE: &str = r#"{"funnel": {"top": "12000", "stages": [
        {"name": "meetings", "rate": "0.025"}, {"name": "deals", "rate": "0.2"}],
        "dealSize": "12500"}, "target": "1000000", "cycleDays": "45"}"#;

    /// The plan target's checks over its committed seeds and a few thousand generated
    /// recipes, without libFuzzer: a quick run of the contract checks on stable Rust.
    #[test]
    fn plan_checks_hold_on_seeds_and_recipes() {
        let seeds = concat!(env!("CARGO_MANIFEST_DIR"), "/corpus/seed/plan");
        for entry in std::fs::read_dir(seeds).expect("the plan seeds") {
            let data = std::fs::read(entry.expect("an entry").path()).expect("a seed");
            if let Some((model, options)) = super::inputs(&data, super::gen::plan_options) {
                super::run_plan(&model, &options);
            }
        }
        let mut state = 0x9e37_79b9_7f4a_7c15u64;
        let mut answered = 0;
        for n in 0..3000 {
            let mut data = vec![0x80u8];
            for _ in 0..(64 + n % 256) {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                data.push(state as u8);
            }
            if let Some((model, options)) = super::inputs(&data, super::gen::plan_options) {
                super::run_plan(&model, &options);
            }
            // Generated models are mostly refused; the contract's example reaches the plan.
            let mut u = libfuzzer_sys::arbitrary::Unstructured::new(&data[1..]);
            if let Ok(options) = super::gen::plan_options(&mut u) {
                let options = options.to_string();
                answered += usize::from(sales_kpi::text::plan(EXAMPLE, &options).is_ok());
                super::run_plan(EXAMPLE, &options);
            }
        }
        assert!(
            answered > 600,
            "only {answered} generated plans were answered"
        );
    }

    #[test]
    fn plain() {
        for ok in ["0", "750000", "-3.5", "0.025", "10", "0.1"] {
            assert!(is_plain(ok), "{ok}");
        }
        for bad in [
            "", "-0", "01", "1.", ".5", "1.50", "1e3", "+1", "1.0", " 1", "0.0",
        ] {
            assert!(!is_plain(bad), "{bad}");
        }
    }
}

/// `progress`: deterministic; an answer's figures add up (elapsed + remaining = workdays,
/// actual revenue + gap >= target, gaps >= 0), the chance lies in [0, 1], and the weakest
/// stage's ratio is the smallest below 1.
pub fn run_progress(model: &str, options: &str) {
    let first = sales_kpi::text::progress(model, options);
    assert_eq!(
        first,
        sales_kpi::text::progress(model, options),
        "progress is not deterministic"
    );
    let text = match first {
        Ok(text) => text,
        Err(error) => return check_error(&error, model.len() + options.len()),
    };
    let value = parse_json(&text, "progress's answer");
    let workdays = num(&value["workdays"], "/workdays");
    let elapsed = num(&value["elapsed"], "/elapsed");
    let remaining = num(&value["remaining"], "/remaining");
    assert_eq!(elapsed + remaining, workdays, "elapsed + remaining");
    let target = num(&value["target"], "/target");
    for key in ["revenue", "deals", "top"] {
        if let Some(gap) = opt_num(&value["gap"][key], "/gap") {
            assert!(gap >= Decimal::ZERO, "/gap/{key} < 0");
        }
    }
    if let (Some(revenue), Some(gap)) = (
        opt_num(&value["actual"]["revenue"], "/actual/revenue"),
        opt_num(&value["gap"]["revenue"], "/gap/revenue"),
    ) {
        assert!(revenue + gap >= target, "actual + gap < target");
    }
    if let Some(chance) = value
        .get("pipeline")
        .and_then(|pipeline| opt_num(&pipeline["chance"], "/pipeline/chance"))
    {
        assert!(
            chance >= Decimal::ZERO && chance <= Decimal::ONE,
            "/pipeline/chance outside [0, 1]"
        );
    }
    let ratios: Vec<Option<Decimal>> = arr(&value["stages"], "/stages")
        .iter()
        .map(|stage| opt_num(&stage["ratio"], "/stages/i/ratio"))
        .collect();
    let smallest = ratios
        .iter()
        .flatten()
        .copied()
        .filter(|ratio| *ratio < Decimal::ONE)
        .min();
    match opt_num(&value["weakest"], "/weakest") {
        Some(index) => {
            let index = usize::try_from(index.mantissa()).expect("a small index");
            assert_eq!(
                ratios[index], smallest,
                "/weakest is not the smallest ratio"
            );
        }
        None => assert!(smallest.is_none(), "/weakest is null below 1"),
    }
}
