//! `plan(model, options)` against the contract's section of the same name
//! (docs/contract.md): the worked examples, every option error, the sum property of
//! months and weeks (largest remainder, for any window and weights), the ceiling properties,
//! and ISO week edges (week 53, year ends, leap days), checked against a calendar computed
//! here independently of the engine's date crate.

use proptest::prelude::*;
use proptest::test_runner::TestCaseError;
use rust_decimal::Decimal;
use serde_json::{json, Value};

use sales_kpi::json::Json;
use sales_kpi::{Error, ErrorCode, Model, Param, PlanOptions};

mod common;
use common::{assert_starts, dec, example, is_plain_decimal, s};

// ================================================================ helpers

/// `plan` on JSON values, as the JS boundary sees it: the answer as JSON, or the error.
fn run_full(model: &Value, options: &Value) -> Result<Value, Error> {
    let text = sales_kpi::text::plan(&model.to_string(), &options.to_string())?;
    // The JSON-text API and the Rust API agree.
    let rust_model = Model::from_json_str(&model.to_string()).unwrap();
    let rust_options = PlanOptions::from_json(&Json::parse(&options.to_string()).unwrap()).unwrap();
    let plan = sales_kpi::plan(&rust_model, &rust_options).unwrap();
    let value: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(value, serde_json::to_value(&plan).unwrap());
    Ok(value)
}

fn run(model: &Value, options: &Value) -> Result<Value, String> {
    run_full(model, options).map_err(|e| e.to_string())
}

fn plan_of(model: &Value, options: &Value) -> Value {
    run(model, options).unwrap_or_else(|e| panic!("plan failed: {e}\noptions: {options}"))
}

fn plan_err(model: &Value, options: &Value) -> String {
    match run(model, options) {
        Ok(answer) => panic!("expected an error, got {answer}\noptions: {options}"),
        Err(text) => text,
    }
}

/// The contract's example options.
fn options() -> Value {
    json!({
        "start": "2027-01-01",
        "end": "2027-03-31",
        "reps": "4",
        "capacity": "70",
        "workdays": [1, 2, 3, 4, 5],
        "holidays": ["2027-01-01"]
    })
}

fn with(mut value: Value, key: &str, field: Value) -> Value {
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

fn opt(value: &Value, pointer: &str) -> Option<Decimal> {
    let found = value
        .pointer(pointer)
        .unwrap_or_else(|| panic!("{pointer} missing in {value}"));
    found.as_str().map(dec)
}

/// Every number of a plan is a plain decimal string; labels and dates are checked apart.
fn assert_plain(value: &Value, path: &str) {
    match value {
        Value::Null => {}
        Value::String(text) => assert!(is_plain_decimal(text), "{path} = {text:?}"),
        Value::Array(items) => {
            for (index, item) in items.iter().enumerate() {
                assert_plain(item, &format!("{path}/{index}"));
            }
        }
        Value::Object(map) => {
            for (key, item) in map {
                if !["name", "month", "week", "start", "from", "to"].contains(&key.as_str()) {
                    assert_plain(item, &format!("{path}/{key}"));
                }
            }
        }
        other => panic!("{path} = {other} is neither text nor null"),
    }
}

// ============================================ an independent calendar for the checks

/// Days since 1970-01-01 (Howard Hinnant's days_from_civil), written here from the
/// proleptic Gregorian rules so the tests do not lean on the engine's date crate.
fn epoch_day(year: i64, month: i64, day: i64) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let shifted_month = (month + 9) % 12;
    let day_of_year = (153 * shifted_month + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

/// The civil date of an epoch day (Hinnant's civil_from_days).
fn civil(days: i64) -> (i64, i64, i64) {
    let days = days + 719_468;
    let era = days.div_euclid(146_097);
    let day_of_era = days - era * 146_097;
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let shifted_month = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * shifted_month + 2) / 5 + 1;
    let month = if shifted_month < 10 {
        shifted_month + 3
    } else {
        shifted_month - 9
    };
    (year_of_era + era * 400 + i64::from(month <= 2), month, day)
}

/// ISO weekday, 1 = Monday; 1970-01-01 was a Thursday.
fn weekday(days: i64) -> i64 {
    (days + 3).rem_euclid(7) + 1
}

/// ISO week-year and week: the week belongs to the year of its Thursday.
fn iso_week(days: i64) -> (i64, i64) {
    let thursday = days - weekday(days) + 4;
    let (year, _, _) = civil(thursday);
    (year, (thursday - epoch_day(year, 1, 1)) / 7 + 1)
}

fn iso(days: i64) -> String {
    let (year, month, day) = civil(days);
    format!("{year:04}-{month:02}-{day:02}")
}

/// ceil(a / b) for whole a >= 0 and b > 0, in integers.
fn ceil_whole(a: Decimal, b: Decimal) -> Decimal {
    (a / b).ceil()
}

// ================================================================ the contract's examples

#[test]
fn contract_example_window_counts_and_quotas() {
    let plan = plan_of(&example(), &options());
    assert_plain(&plan, "");
    // January to March 2027: 90 days; 64 weekdays, less New Year's Day.
    assert_eq!(s(&plan, "/days"), "90");
    assert_eq!(s(&plan, "/workdays"), "63");
    assert_eq!(s(&plan, "/target"), "1000000");
    // compute's backwards funnel: 80 deals, 400 meetings, 16000 at the top.
    assert_eq!(s(&plan, "/dealsNeeded"), "80");
    assert_eq!(s(&plan, "/needed/top"), "16000");
    assert_eq!(s(&plan, "/needed/stages/0/name"), "meetings");
    assert_eq!(s(&plan, "/needed/stages/0/count"), "400");
    assert_eq!(s(&plan, "/needed/stages/1/count"), "80");
    let report = sales_kpi::text::compute(&example().to_string()).unwrap();
    let report: Value = serde_json::from_str(&report).unwrap();
    assert_eq!(plan["needed"], report["target"]["needed"]);
    // ceil(x / 63) and ceil(x / (63 x 4)).
    assert_eq!(s(&plan, "/perWorkday/top"), "254");
    assert_eq!(s(&plan, "/perWorkday/stages/0/count"), "7");
    assert_eq!(s(&plan, "/perWorkday/stages/1/count"), "2");
    assert_eq!(s(&plan, "/perWorkday/deals"), "2");
    assert_eq!(s(&plan, "/perRep/top"), "64");
    assert_eq!(s(&plan, "/perRep/stages/0/count"), "2");
    assert_eq!(s(&plan, "/perRep/deals"), "1");
    // 16000 / (63 x 70) = 3.6: four reps of 70 calls a day.
    assert_eq!(s(&plan, "/repsNeeded"), "4");
    // 45 days before the window's first and last day.
    assert_eq!(
        plan["entryWindow"],
        json!({ "from": "2026-11-17", "to": "2027-02-14" })
    );
}

#[test]
fn contract_example_months_share_out_by_largest_remainder() {
    let plan = plan_of(&example(), &options());
    let months = plan["months"].as_array().unwrap();
    let labels: Vec<&str> = months
        .iter()
        .map(|m| m["month"].as_str().unwrap())
        .collect();
    assert_eq!(labels, ["2027-01", "2027-02", "2027-03"]);
    let workdays: Vec<&str> = months
        .iter()
        .map(|m| m["workdays"].as_str().unwrap())
        .collect();
    assert_eq!(workdays, ["20", "20", "23"]);
    // 80 x 20 / 63 = 25 r 25 (twice), 80 x 23 / 63 = 29 r 13: one deal left, to January
    // (remainder 25, tied with February, earlier first).
    let deals: Vec<&str> = months
        .iter()
        .map(|m| m["deals"].as_str().unwrap())
        .collect();
    assert_eq!(deals, ["26", "25", "29"]);
    // 16000: 5079 r 23, 5079 r 23, 5841 r 17; one left, to January.
    let top: Vec<&str> = months.iter().map(|m| m["top"].as_str().unwrap()).collect();
    assert_eq!(top, ["5080", "5079", "5841"]);
    // 400 meetings: 126 r 62, 126 r 62, 146 r 2; two left, to January and February.
    let meetings: Vec<&str> = months
        .iter()
        .map(|m| m["stages"][0]["count"].as_str().unwrap())
        .collect();
    assert_eq!(meetings, ["127", "127", "146"]);
    assert_eq!(months[0]["stages"][0]["name"], "meetings");
    // target x workdays / workdays, one division rounded to the last digit (half to even).
    assert_eq!(s(&months[0], "/target"), "317460.31746031746031746031746");
    assert_eq!(s(&months[2], "/target"), "365079.36507936507936507936508");
}

#[test]
fn contract_example_weeks_start_in_iso_week_53_of_2026() {
    let plan = plan_of(&example(), &options());
    let weeks = plan["weeks"].as_array().unwrap();
    // Friday 1 January 2027 lies in week 53 of 2026; the window ends in 2027-W13.
    assert_eq!(weeks.len(), 14);
    assert_eq!(
        (s(&weeks[0], "/week"), s(&weeks[0], "/start")),
        ("2026-W53", "2027-01-01")
    );
    // New Year's Day is a holiday: that week has no workday and gets nothing.
    for field in ["/workdays", "/target", "/deals", "/top", "/stages/0/count"] {
        assert_eq!(s(&weeks[0], field), "0", "{field}");
    }
    assert_eq!(
        (s(&weeks[1], "/week"), s(&weeks[1], "/start")),
        ("2027-W01", "2027-01-04")
    );
    assert_eq!(
        (
            s(&weeks[13], "/week"),
            s(&weeks[13], "/start"),
            s(&weeks[13], "/workdays")
        ),
        ("2027-W13", "2027-03-29", "3")
    );
}

#[test]
fn smart_growth_target_of_fourteen_percent() {
    let model = without(example(), "target");
    let options = json!({
        "start": "2027-01-01", "end": "2027-03-31",
        "growth": { "baseline": "135000", "by": "0.14" }
    });
    let plan = plan_of(&model, &options);
    assert_eq!(s(&plan, "/target"), "153900");
    // ceil(153900 / 12500) = 13 deals, 65 meetings, 2600 at the top.
    assert_eq!(s(&plan, "/dealsNeeded"), "13");
    assert_eq!(s(&plan, "/needed/stages/0/count"), "65");
    assert_eq!(s(&plan, "/needed/top"), "2600");
    // No capacity: no repsNeeded; reps default to 1, so perRep equals perWorkday.
    assert!(plan.get("repsNeeded").is_none());
    assert_eq!(plan["perRep"], plan["perWorkday"]);
    assert_eq!(s(&plan, "/workdays"), "64");
}

#[test]
fn the_target_is_given_else_from_growth_else_the_model_s() {
    let given = plan_of(&example(), &with(options(), "target", json!("500000")));
    assert_eq!(s(&given, "/target"), "500000");
    assert_eq!(s(&given, "/dealsNeeded"), "40");
    let from_model = plan_of(&example(), &options());
    assert_eq!(s(&from_model, "/target"), "1000000");
    let growth = json!({ "baseline": "100", "by": "-0.5" });
    let grown = plan_of(&example(), &with(options(), "growth", growth));
    assert_eq!(s(&grown, "/target"), "50");
    let error = plan_err(&without(example(), "target"), &options());
    assert_eq!(error, "/target: required");
}

#[test]
fn row_targets_are_one_division_of_the_exact_product() {
    // A 29-digit target: multiplying it by the workdays first would round before dividing.
    let target = "7.9228162514264337593543950335";
    let options = json!({ "start": "2195-07-20", "end": "2195-07-30", "target": target });
    let plan = plan_of(&example(), &options);
    assert_eq!(s(&plan, "/workdays"), "9");
    assert_eq!(s(&plan, "/months/0/target"), target);
    // Two weeks of 5 and 4 workdays: 5/9 and 4/9 of it, each rounded once at the 28th decimal,
    // half to even (worked out with exact fractions: ...746639075|0.., ...797311260|0..).
    assert_eq!(
        s(&plan, "/weeks/0/target"),
        "4.4015645841257965329746639075"
    );
    assert_eq!(s(&plan, "/weeks/1/target"), "3.521251667300637226379731126");
}

#[test]
fn null_counts_stay_null_in_every_row() {
    // A deal size of 0: no deals figure, so nothing below it either.
    let mut model = example();
    model["funnel"]["dealSize"] = json!("0");
    let plan = plan_of(&model, &options());
    for pointer in [
        "/dealsNeeded",
        "/needed/top",
        "/perWorkday/deals",
        "/perRep/top",
        "/repsNeeded",
        "/months/0/deals",
        "/weeks/3/top",
        "/weeks/3/stages/1/count",
    ] {
        assert_eq!(plan.pointer(pointer), Some(&Value::Null), "{pointer}");
    }
    // A zero first rate: deals and meetings are known, the top is not.
    let mut model = example();
    model["funnel"]["stages"][0]["rate"] = json!("0");
    let plan = plan_of(&model, &options());
    assert_eq!(plan["needed"]["top"], Value::Null);
    assert_eq!(plan["repsNeeded"], Value::Null);
    assert_eq!(s(&plan, "/months/1/stages/0/count"), "127");
    assert_eq!(plan["months"][1]["top"], Value::Null);
}

#[test]
fn sections_follow_their_inputs() {
    let plan = plan_of(&without(example(), "cycleDays"), &options());
    assert!(plan.get("entryWindow").is_none());
    // A fractional cycle rounds up: 44.2 days -> 45.
    let plan = plan_of(&with(example(), "cycleDays", json!("44.2")), &options());
    assert_eq!(s(&plan, "/entryWindow/from"), "2026-11-17");
    let mut keys: Vec<&str> = plan
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    keys.sort_unstable();
    assert_eq!(
        keys,
        [
            "days",
            "dealsNeeded",
            "entryWindow",
            "months",
            "needed",
            "perRep",
            "perWorkday",
            "repsNeeded",
            "target",
            "weeks",
            "workdays"
        ]
    );
}

#[test]
fn fractional_reps_and_a_seven_day_week() {
    let options = json!({
        "start": "2027-01-01", "end": "2027-01-10", "reps": "2.5",
        "workdays": ["7", 6, 5, 4, 3, 2, 1], "holidays": ["2027-01-01", "2027-01-01", "2026-12-31"]
    });
    let plan = plan_of(&example(), &options);
    // Ten days, every one worked but New Year's Day (listed twice; 31 December is outside).
    assert_eq!(s(&plan, "/workdays"), "9");
    // 16000 / (9 x 2.5) = 711.1 -> 712.
    assert_eq!(s(&plan, "/perRep/top"), "712");
}

// ================================================================ errors

/// Options, the error's text (exact, or its beginning when it ends in a space), its code and
/// its parameters.
type ErrorCase = (Value, &'static str, ErrorCode, Vec<(&'static str, Param)>);

#[test]
fn every_option_error_names_its_pointer_and_code() {
    use ErrorCode::*;
    let model = example();
    let text = |value: &str| Param::Text(value.into());
    let cases: Vec<ErrorCase> = vec![
        (
            without(options(), "start"),
            "/start: required",
            Required,
            vec![],
        ),
        (
            with(options(), "start", json!(null)),
            "/start: required",
            Required,
            vec![],
        ),
        (
            with(options(), "start", json!(20270101)),
            "/start: ",
            WrongType,
            vec![("expected", text("date"))],
        ),
        (
            with(options(), "start", json!("2027-02-30")),
            "/start: ",
            InvalidDate,
            vec![("value", text("2027-02-30"))],
        ),
        (
            with(options(), "start", json!("2027-1-01")),
            "/start: ",
            InvalidDate,
            vec![("value", text("2027-1-01"))],
        ),
        (
            with(options(), "start", json!("2027-01-01T00:00")),
            "/start: ",
            InvalidDate,
            vec![("value", text("2027-01-01T00:00"))],
        ),
        (
            with(options(), "start", json!("1899-12-31")),
            "/start: ",
            InvalidDate,
            vec![("value", text("1899-12-31"))],
        ),
        (
            with(options(), "end", json!("2201-01-01")),
            "/end: ",
            InvalidDate,
            vec![("value", text("2201-01-01"))],
        ),
        (
            with(options(), "end", json!("2023-02-29")),
            "/end: ",
            InvalidDate,
            vec![("value", text("2023-02-29"))],
        ),
        (
            with(options(), "end", json!("2026-12-31")),
            "/end: must be on or after start (2027-01-01)",
            BeforeStart,
            vec![("start", text("2027-01-01"))],
        ),
        (
            with(options(), "end", json!("2030-01-02")),
            "/end: ",
            WindowTooLong,
            vec![("max", Param::Integer(1096))],
        ),
        (
            with(options(), "target", json!("0")),
            "/target: must be more than 0 (got 0)",
            OutOfRange,
            vec![("value", text("0")), ("exclusiveMinimum", text("0"))],
        ),
        (
            with(options(), "target", json!("12,5")),
            "/target: ",
            NotANumber,
            vec![("value", text("12,5"))],
        ),
        (
            with(
                with(options(), "target", json!("5")),
                "growth",
                json!({ "baseline": "1", "by": "0.1" }),
            ),
            "/growth: give target or growth, not both",
            BothGiven,
            vec![("other", text("target"))],
        ),
        (
            with(options(), "growth", json!({ "baseline": "0", "by": "0.1" })),
            "/growth/baseline: ",
            OutOfRange,
            vec![("value", text("0")), ("exclusiveMinimum", text("0"))],
        ),
        (
            with(options(), "growth", json!({ "baseline": "1", "by": "-1" })),
            "/growth/by: must be more than -1 (got -1)",
            OutOfRange,
            vec![("value", text("-1")), ("exclusiveMinimum", text("-1"))],
        ),
        (
            with(options(), "growth", json!({ "baseline": "1" })),
            "/growth/by: required",
            Required,
            vec![],
        ),
        (
            with(
                options(),
                "growth",
                json!({ "baseline": "1", "by": "0", "x": 1 }),
            ),
            "/growth/x: unknown field; ",
            UnknownField,
            vec![],
        ),
        (
            with(options(), "growth", json!("14%")),
            "/growth: ",
            WrongType,
            vec![("expected", text("object"))],
        ),
        (
            with(options(), "reps", json!("0")),
            "/reps: ",
            OutOfRange,
            vec![("value", text("0")), ("exclusiveMinimum", text("0"))],
        ),
        (
            with(options(), "reps", json!(true)),
            "/reps: ",
            WrongType,
            vec![("expected", text("number"))],
        ),
        (
            with(options(), "capacity", json!("-70")),
            "/capacity: ",
            OutOfRange,
            vec![("value", text("-70")), ("exclusiveMinimum", text("0"))],
        ),
        (
            with(options(), "workdays", json!([])),
            "/workdays: ",
            TooFew,
            vec![("min", Param::Integer(1))],
        ),
        (
            with(options(), "workdays", json!("1-5")),
            "/workdays: ",
            WrongType,
            vec![("expected", text("array"))],
        ),
        (
            with(options(), "workdays", json!([0])),
            "/workdays/0: ",
            OutOfRange,
            vec![
                ("value", text("0")),
                ("minimum", text("1")),
                ("maximum", text("7")),
            ],
        ),
        (
            with(options(), "workdays", json!([1, 8])),
            "/workdays/1: must be between 1 and 7 (got 8)",
            OutOfRange,
            vec![
                ("value", text("8")),
                ("minimum", text("1")),
                ("maximum", text("7")),
            ],
        ),
        (
            with(options(), "workdays", json!([1.5])),
            "/workdays/0: ",
            NotWhole,
            vec![("value", text("1.5"))],
        ),
        (
            with(options(), "workdays", json!([1, 2, "1"])),
            "/workdays/2: ",
            Duplicate,
            vec![("value", text("1"))],
        ),
        (
            with(options(), "workdays", json!([1, 2, 3, 4, 5, 6, 7, 1])),
            "/workdays: ",
            TooMany,
            vec![("max", Param::Integer(7))],
        ),
        (
            with(
                options(),
                "holidays",
                json!(["2027-01-01", "2027-04-01", "x", "2027-13-01"]),
            ),
            "/holidays/2: ",
            InvalidDate,
            vec![("value", text("x"))],
        ),
        (
            with(options(), "holidays", json!(["2027-01-01", {}])),
            "/holidays/1: ",
            WrongType,
            vec![("expected", text("date"))],
        ),
        (
            with(options(), "holidays", json!("2027-01-01")),
            "/holidays: ",
            WrongType,
            vec![("expected", text("array"))],
        ),
        (
            with(options(), "holdays", json!([])),
            "/holdays: unknown field; ",
            UnknownField,
            vec![],
        ),
        (
            json!(null),
            ": ",
            WrongType,
            vec![("expected", text("object"))],
        ),
        (
            json!([]),
            ": ",
            WrongType,
            vec![("expected", text("object"))],
        ),
    ];
    for (options, prefix, code, params) in cases {
        let error = match run_full(&model, &options) {
            Ok(answer) => panic!("expected an error, got {answer}\noptions: {options}"),
            Err(error) => error,
        };
        let text = error.to_string();
        if prefix.ends_with(' ') {
            assert_starts(&text, prefix);
        } else {
            assert_eq!(text, prefix, "{options}");
        }
        assert_eq!(error.code(), code, "{text}");
        assert_eq!(error.params(), params.as_slice(), "{text}");
    }
}

#[test]
fn limits_are_refused_before_the_rest_is_read() {
    // 1096 days after start is the longest window; one more day is refused at /end, even
    // with a broken field after it.
    let longest = json!({ "start": "2024-01-01", "end": "2027-01-01" });
    assert_eq!(s(&plan_of(&example(), &longest), "/days"), "1097");
    let longer = json!({ "start": "2024-01-01", "end": "2027-01-02", "reps": "oops" });
    assert_starts(&plan_err(&example(), &longer), "/end: ");
    // 401 holidays are refused as a list, whatever they hold.
    let holidays: Vec<Value> = (0..401).map(|_| json!("not a date")).collect();
    let error = run_full(&example(), &with(options(), "holidays", json!(holidays))).unwrap_err();
    assert_starts(&error.to_string(), "/holidays: ");
    assert_eq!(error.code(), ErrorCode::TooMany);
    assert_eq!(error.params(), [("max", Param::Integer(400))]);
    let holidays: Vec<Value> = (0..400).map(|_| json!("2027-01-01")).collect();
    plan_of(&example(), &with(options(), "holidays", json!(holidays)));
}

#[test]
fn a_window_without_workdays_is_an_error_at_workdays() {
    let weekend = json!({ "start": "2027-01-02", "end": "2027-01-03" });
    assert_starts(&plan_err(&example(), &weekend), "/workdays: no workday");
    let error = run_full(&example(), &weekend).unwrap_err();
    assert_eq!(
        (error.code(), error.params()),
        (ErrorCode::NoWorkdays, &[][..])
    );
    let holiday = json!({ "start": "2027-01-01", "end": "2027-01-01", "holidays": ["2027-01-01"] });
    assert_starts(&plan_err(&example(), &holiday), "/workdays: no workday");
}

#[test]
fn results_beyond_the_decimal_range_name_their_own_pointer() {
    let mut model = example();
    model["funnel"]["stages"][0]["rate"] = json!("0.0000000000000000000000000001");
    let error = plan_err(&model, &options());
    assert_starts(&error, "/needed/top: ");
    let huge = with(options(), "reps", json!("79228162514264337593543950335"));
    assert_starts(&plan_err(&example(), &huge), "/perRep: ");
    let cycle = with(example(), "cycleDays", json!("1000000"));
    assert_starts(&plan_err(&cycle, &options()), "/entryWindow/from: ");
    for model in [model, cycle] {
        let error = run_full(&model, &options()).unwrap_err();
        assert_eq!(error.code(), ErrorCode::Overflow, "{error}");
    }
}

// ================================================================ ISO weeks and the calendar

fn window(start: &str, end: &str) -> Value {
    plan_of(
        &example(),
        &json!({ "start": start, "end": end, "workdays": [1, 2, 3, 4, 5, 6, 7] }),
    )
}

fn week_labels(plan: &Value) -> Vec<(String, String)> {
    plan["weeks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| (s(w, "/week").to_owned(), s(w, "/start").to_owned()))
        .collect()
}

#[test]
fn iso_week_53_and_year_ends() {
    let pairs = |list: &[(&str, &str)]| -> Vec<(String, String)> {
        list.iter()
            .map(|(a, b)| ((*a).to_owned(), (*b).to_owned()))
            .collect()
    };
    // 2020 (leap, starting on a Wednesday) has 53 weeks; 2021-01-03 still belongs to it.
    assert_eq!(
        week_labels(&window("2020-12-28", "2021-01-10")),
        pairs(&[("2020-W53", "2020-12-28"), ("2021-W01", "2021-01-04")])
    );
    // Monday 30 December 2024 opens 2025-W01, while its month is still 2024-12.
    let plan = window("2024-12-29", "2025-01-01");
    assert_eq!(
        week_labels(&plan),
        pairs(&[("2024-W52", "2024-12-29"), ("2025-W01", "2024-12-30")])
    );
    let months: Vec<&str> = plan["months"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["month"].as_str().unwrap())
        .collect();
    assert_eq!(months, ["2024-12", "2025-01"]);
    // Sunday 1 January 2023 closes 2022-W52.
    assert_eq!(
        week_labels(&window("2023-01-01", "2023-01-02")),
        pairs(&[("2022-W52", "2023-01-01"), ("2023-W01", "2023-01-02")])
    );
    // The range's ends: 1900-01-01 was a Monday; 2200-12-31 is a Wednesday in 2201-W01.
    assert_eq!(
        week_labels(&window("1900-01-01", "1900-01-01")),
        pairs(&[("1900-W01", "1900-01-01")])
    );
    assert_eq!(
        week_labels(&window("2200-12-29", "2200-12-31")),
        pairs(&[("2201-W01", "2200-12-29")])
    );
}

#[test]
fn leap_days() {
    assert_eq!(s(&window("2024-02-01", "2024-02-29"), "/days"), "29");
    assert_eq!(s(&window("2000-02-28", "2000-03-01"), "/days"), "3");
    assert_eq!(s(&window("2100-02-28", "2100-03-01"), "/days"), "2");
    for bad in ["2023-02-29", "2100-02-29", "1900-02-29"] {
        let options = json!({ "start": bad, "end": "2200-01-01" });
        assert_starts(&plan_err(&example(), &options), "/start: ");
    }
    // Three years with a leap day: 1096 days after 2024-01-01 is 2027-01-01.
    assert_eq!(s(&window("2024-01-01", "2027-01-01"), "/days"), "1097");
    assert_eq!(s(&window("2024-02-29", "2027-03-01"), "/days"), "1097");
    let too_long = json!({ "start": "2024-02-29", "end": "2027-03-02" });
    assert_starts(&plan_err(&example(), &too_long), "/end: ");
}

// ================================================================ properties

/// A model with whole-ish inputs whose needed counts vary widely.
fn model_with(rates: &[u32], deal_size: u32, target: u64) -> Value {
    let stages: Vec<Value> = rates
        .iter()
        .enumerate()
        .map(|(i, rate)| json!({ "name": format!("s{i}"), "rate": Decimal::new(i64::from(*rate), 3).to_string() }))
        .collect();
    json!({
        "funnel": { "top": "1000", "stages": stages, "dealSize": deal_size.to_string() },
        "target": target.to_string(),
        "cycleDays": "30"
    })
}

/// Checks the largest-remainder rows against the contract's rule, computed here with the
/// standard sort: floor shares first, then one each to the largest remainders, earlier first.
fn check_shares(
    rows: &[Value],
    field: &str,
    total: Option<Decimal>,
    total_workdays: i64,
) -> Result<(), TestCaseError> {
    let got: Vec<Option<Decimal>> = rows.iter().map(|row| opt(row, field)).collect();
    let Some(total) = total else {
        prop_assert!(
            got.iter().all(Option::is_none),
            "{field}: null total, rows {got:?}"
        );
        return Ok(());
    };
    let total = total.mantissa();
    let weights: Vec<i128> = rows
        .iter()
        .map(|row| i128::from(n(row, "/workdays").mantissa() as i64))
        .collect();
    let mut expected: Vec<i128> = weights
        .iter()
        .map(|w| total * w / i128::from(total_workdays))
        .collect();
    let mut order: Vec<usize> = (0..rows.len()).collect();
    order.sort_by_key(|&i| {
        (
            std::cmp::Reverse(total * weights[i] % i128::from(total_workdays)),
            i,
        )
    });
    let left = total - expected.iter().sum::<i128>();
    for &i in order.iter().take(left as usize) {
        expected[i] += 1;
    }
    let got: Vec<i128> = got.iter().map(|g| g.unwrap().mantissa()).collect();
    prop_assert_eq!(
        got.iter().sum::<i128>(),
        total,
        "{} rows do not add up",
        field
    );
    prop_assert_eq!(
        &got,
        &expected,
        "{} rows are not the largest-remainder shares",
        field
    );
    for (share, weight) in got.iter().zip(&weights) {
        if *weight == 0 {
            prop_assert_eq!(*share, 0, "{}: a row without workdays got a share", field);
        }
    }
    Ok(())
}

/// The plan's invariants for any window: counts, calendar, ceilings and shares.
fn check_plan(
    plan: &Value,
    start_day: i64,
    length: i64,
    worked: &[bool; 8],
    holidays: &[i64],
    reps: Decimal,
) -> Result<(), TestCaseError> {
    let workday = |day: i64| worked[weekday(day) as usize] && !holidays.contains(&day);
    let total_workdays = (start_day..=start_day + length)
        .filter(|&d| workday(d))
        .count() as i64;
    prop_assert_eq!(n(plan, "/days"), Decimal::from(length + 1));
    prop_assert_eq!(n(plan, "/workdays"), Decimal::from(total_workdays));
    let workdays = Decimal::from(total_workdays);

    // Months and weeks, from the independent calendar.
    let mut months: Vec<(String, i64)> = Vec::new();
    let mut weeks: Vec<(String, String, i64)> = Vec::new();
    for day in start_day..=start_day + length {
        let (year, month, date) = civil(day);
        if day == start_day || date == 1 {
            months.push((format!("{year:04}-{month:02}"), 0));
        }
        if day == start_day || weekday(day) == 1 {
            let (week_year, week) = iso_week(day);
            weeks.push((format!("{week_year:04}-W{week:02}"), iso(day), 0));
        }
        if workday(day) {
            months.last_mut().unwrap().1 += 1;
            weeks.last_mut().unwrap().2 += 1;
        }
    }
    let month_rows = plan["months"].as_array().unwrap();
    let week_rows = plan["weeks"].as_array().unwrap();
    let got_months: Vec<(String, i64)> = month_rows
        .iter()
        .map(|m| {
            (
                s(m, "/month").to_owned(),
                n(m, "/workdays").mantissa() as i64,
            )
        })
        .collect();
    prop_assert_eq!(got_months, months);
    let got_weeks: Vec<(String, String, i64)> = week_rows
        .iter()
        .map(|w| {
            (
                s(w, "/week").to_owned(),
                s(w, "/start").to_owned(),
                n(w, "/workdays").mantissa() as i64,
            )
        })
        .collect();
    prop_assert_eq!(got_weeks, weeks);

    // Ceilings: the least whole count that covers the need.
    let needed_top = opt(plan, "/needed/top");
    let deals = opt(plan, "/dealsNeeded");
    for (quota, divisor) in [("/perWorkday", workdays), ("/perRep", workdays * reps)] {
        for (need, field) in [(needed_top, "/top"), (deals, "/deals")] {
            let got = opt(plan, &format!("{quota}{field}"));
            prop_assert_eq!(got.is_none(), need.is_none());
            if let (Some(got), Some(need)) = (got, need) {
                prop_assert!(got * divisor >= need, "{quota}{field} too small");
                prop_assert!(
                    got.is_zero() || (got - Decimal::ONE) * divisor < need,
                    "{quota}{field} not the least"
                );
                prop_assert_eq!(got, ceil_whole(need, divisor));
            }
        }
    }

    // Shares: every total, in months and in weeks.
    let stage_count = plan["needed"]["stages"].as_array().unwrap().len();
    for rows in [month_rows, week_rows] {
        check_shares(rows, "/deals", deals, total_workdays)?;
        check_shares(rows, "/top", needed_top, total_workdays)?;
        for stage in 0..stage_count {
            let total = opt(plan, &format!("/needed/stages/{stage}/count"));
            check_shares(
                rows,
                &format!("/stages/{stage}/count"),
                total,
                total_workdays,
            )?;
        }
        let target = n(plan, "/target");
        for row in rows.iter() {
            let share = target * n(row, "/workdays") / workdays;
            prop_assert_eq!(n(row, "/target"), share);
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn rows_add_up_to_the_totals_for_any_window_and_weights(
        start_offset in 0i64..(epoch_day(2200, 12, 31) - epoch_day(1900, 1, 1)),
        length in 0i64..=1096,
        weekdays in prop::collection::btree_set(1u8..=7, 1..=7),
        holiday_offsets in prop::collection::vec(-10i64..1100, 0..40),
        rates in prop::collection::vec(1u32..=1000, 1..5),
        deal_size in 1u32..100_000,
        target in 1u64..10_000_000_000,
        reps_tenths in 1u32..200,
    ) {
        let start_day = epoch_day(1900, 1, 1) + start_offset;
        let last = epoch_day(2200, 12, 31);
        let length = length.min(last - start_day);
        let holidays: Vec<i64> = holiday_offsets
            .iter()
            .map(|offset| start_day + offset)
            .filter(|&day| day >= epoch_day(1900, 1, 1) && day <= last)
            .collect();
        let mut worked = [false; 8];
        for &day in &weekdays {
            worked[usize::from(day)] = true;
        }
        let reps = Decimal::new(i64::from(reps_tenths), 1);
        let options = json!({
            "start": iso(start_day),
            "end": iso(start_day + length),
            "reps": reps.to_string(),
            "workdays": weekdays.iter().copied().collect::<Vec<u8>>(),
            "holidays": holidays.iter().map(|&d| iso(d)).collect::<Vec<String>>(),
        });
        let model = model_with(&rates, deal_size, target);
        let workday_count = (start_day..=start_day + length)
            .filter(|&d| worked[weekday(d) as usize] && !holidays.contains(&d))
            .count();
        match run(&model, &options) {
            Ok(plan) => {
                prop_assert!(workday_count > 0);
                assert_plain(&plan, "");
                check_plan(&plan, start_day, length, &worked, &holidays, reps)?;
            }
            Err(error) => {
                prop_assert_eq!(workday_count, 0, "unexpected error {}", error);
                prop_assert!(error.starts_with("/workdays: no workday"), "{}", error);
            }
        }
    }

    #[test]
    fn entry_window_is_the_window_moved_back_by_the_whole_cycle(
        start_offset in 0i64..100_000,
        length in 0i64..=1096,
        cycle_hundredths in 1u64..2_000_000,
    ) {
        let start_day = epoch_day(1900, 1, 1) + start_offset.min(epoch_day(2200, 12, 31) - epoch_day(1900, 1, 1) - 1096);
        let cycle = Decimal::new(cycle_hundredths as i64, 2);
        let model = with(example(), "cycleDays", json!(cycle.to_string()));
        let options = json!({
            "start": iso(start_day), "end": iso(start_day + length), "workdays": [1, 2, 3, 4, 5, 6, 7]
        });
        let plan = run(&model, &options).map_err(TestCaseError::fail)?;
        let shift = cycle.ceil().mantissa() as i64 / 10i64.pow(cycle.ceil().scale());
        prop_assert_eq!(s(&plan, "/entryWindow/from"), iso(start_day - shift));
        prop_assert_eq!(s(&plan, "/entryWindow/to"), iso(start_day + length - shift));
    }
}

#[test]
fn independent_calendar_agrees_with_known_dates() {
    // The checks above lean on this calendar; anchor it on dates everyone knows.
    assert_eq!(epoch_day(1970, 1, 1), 0);
    assert_eq!(iso(epoch_day(2000, 2, 29)), "2000-02-29");
    assert_eq!(weekday(epoch_day(2027, 1, 1)), 5); // a Friday
    assert_eq!(weekday(epoch_day(1900, 1, 1)), 1); // a Monday
    assert_eq!(iso_week(epoch_day(2027, 1, 1)), (2026, 53));
    assert_eq!(iso_week(epoch_day(2024, 12, 30)), (2025, 1));
    assert_eq!(iso_week(epoch_day(2021, 1, 3)), (2020, 53));
}
