//! `whatIf(model, changes)`, checked against the public contract (docs/contract.md): by/add/to, order,
//! base == compute, exactness, and errors that name the lever.

use serde_json::{json, Value};

use sales_kpi::text;

mod common;
use common::{assert_starts, dec, example, s};

fn funnel_only() -> Value {
    json!({
        "funnel": {
            "top": "12000",
            "stages": [
                { "name": "meetings", "rate": "0.025" },
                { "name": "deals",    "rate": "0.2" }
            ],
            "dealSize": "12500"
        }
    })
}

fn what_if(model: &Value, changes: Value) -> Value {
    let out = text::what_if(&model.to_string(), &changes.to_string())
        .unwrap_or_else(|e| panic!("whatIf failed: {e}\nchanges: {changes}"));
    serde_json::from_str(&out).unwrap()
}

fn what_if_err(model: &Value, changes: Value) -> String {
    match text::what_if(&model.to_string(), &changes.to_string()) {
        Ok(out) => panic!("expected an error for {changes}, got {out}"),
        Err(e) => e.to_string(),
    }
}

fn compute(model: &Value) -> Value {
    serde_json::from_str(&text::compute(&model.to_string()).unwrap()).unwrap()
}

#[test]
fn base_is_compute_of_the_model() {
    for model in [example(), funnel_only()] {
        let result = what_if(&model, json!([{ "lever": "/funnel/top", "by": "0.1" }]));
        assert_eq!(result["base"], compute(&model));
        let keys: Vec<&String> = result.as_object().unwrap().keys().collect();
        assert_eq!(keys, ["base", "scenario"]);
    }
}

#[test]
fn no_changes_give_a_scenario_equal_to_the_base() {
    let result = what_if(&example(), json!([]));
    assert_eq!(result["base"], result["scenario"]);
    assert_eq!(result["base"], compute(&example()));
}

#[test]
fn scenario_is_compute_of_the_changed_model() {
    let result = what_if(
        &example(),
        json!([{ "lever": "/funnel/dealSize", "to": "20000" }]),
    );
    let mut changed = example();
    changed["funnel"]["dealSize"] = json!("20000");
    assert_eq!(result["scenario"], compute(&changed));
}

#[test]
fn by_multiplies_by_one_plus_by() {
    let result = what_if(
        &example(),
        json!([{ "lever": "/funnel/dealSize", "by": "0.1" }]),
    );
    assert_eq!(s(&result, "/scenario/funnel/revenue"), "825000");
    assert_eq!(s(&result, "/base/funnel/revenue"), "750000");
    // dealsNeeded = ceil(1000000 / 13750) = 73
    assert_eq!(s(&result, "/scenario/target/dealsNeeded"), "73");

    let result = what_if(
        &example(),
        json!([{ "lever": "/funnel/top", "by": "-0.05" }]),
    );
    // 11400 x 0.005 x 12500
    assert_eq!(s(&result, "/scenario/funnel/revenue"), "712500");
    assert_eq!(s(&result, "/scenario/funnel/stages/0/count"), "285");

    let result = what_if(&example(), json!([{ "lever": "/funnel/top", "by": "-1" }]));
    assert_eq!(s(&result, "/scenario/funnel/revenue"), "0");
    assert_eq!(result["scenario"]["economics"]["cac"], Value::Null);
}

#[test]
fn by_of_ten_percent_is_exact_in_decimals() {
    let base_rev = dec("750000");
    for lever in [
        "/funnel/dealSize",
        "/funnel/top",
        "/funnel/stages/0/rate",
        "/funnel/stages/1/rate",
    ] {
        let result = what_if(&example(), json!([{ "lever": lever, "by": "0.1" }]));
        let base = dec(s(&result, "/base/funnel/revenue"));
        let scenario = dec(s(&result, "/scenario/funnel/revenue"));
        assert_eq!(base, base_rev);
        assert_eq!(scenario, base * dec("1.1"), "{lever}");
        assert_eq!(s(&result, "/scenario/funnel/revenue"), "825000", "{lever}");
    }
    // With awkward digits too.
    let mut model = funnel_only();
    model["funnel"]["dealSize"] = json!("1234.567");
    model["funnel"]["top"] = json!("9876.5");
    let result = what_if(
        &model,
        json!([{ "lever": "/funnel/dealSize", "by": "0.1" }]),
    );
    let base = dec(s(&result, "/base/funnel/revenue"));
    let scenario = dec(s(&result, "/scenario/funnel/revenue"));
    assert_eq!(scenario, base * dec("1.1"));
    assert_eq!(s(&result, "/scenario/funnel/revenue"), "67062.60536525");
}

#[test]
fn add_adds_and_is_percentage_points_for_a_rate() {
    let result = what_if(
        &example(),
        json!([{ "lever": "/funnel/stages/0/rate", "add": "0.01" }]),
    );
    assert_eq!(s(&result, "/scenario/funnel/stages/0/rate"), "0.035");
    assert_eq!(s(&result, "/scenario/funnel/stages/0/count"), "420");
    assert_eq!(s(&result, "/scenario/funnel/revenue"), "1050000");
    assert_eq!(s(&result, "/scenario/target/gap"), "0");

    let result = what_if(
        &example(),
        json!([{ "lever": "/acquisitionCost", "add": "-30000" }]),
    );
    assert_eq!(s(&result, "/scenario/economics/cac"), "1000");
    assert_eq!(s(&result, "/scenario/economics/ltvToCac"), "30");
}

#[test]
fn to_sets_the_value() {
    let result = what_if(
        &example(),
        json!([{ "lever": "/funnel/top", "to": "16000" }]),
    );
    assert_eq!(s(&result, "/scenario/funnel/revenue"), "1000000");
    assert_eq!(s(&result, "/scenario/target/attainment"), "1");
    assert_eq!(s(&result, "/scenario/target/gap"), "0");

    let result = what_if(&example(), json!([{ "lever": "/cycleDays", "to": 30 }]));
    assert_eq!(s(&result, "/scenario/velocity/perDay"), "25000");

    let result = what_if(
        &example(),
        json!([{ "lever": "/customer/lifespanYears", "to": "5" }]),
    );
    assert_eq!(s(&result, "/scenario/economics/clv"), "37500");

    let result = what_if(
        &example(),
        json!([{ "lever": "/retention/new", "to": "10" }]),
    );
    assert_eq!(s(&result, "/scenario/retention/rate"), "1");
    assert_eq!(s(&result, "/scenario/retention/churn"), "0");

    let result = what_if(
        &example(),
        json!([{ "lever": "/growth/previous", "to": "912000" }]),
    );
    assert_eq!(s(&result, "/scenario/growth/rate"), "0");

    let result = what_if(&example(), json!([{ "lever": "/target", "to": "750000" }]));
    assert_eq!(s(&result, "/scenario/target/attainment"), "1");
    assert_eq!(s(&result, "/scenario/target/dealsNeeded"), "60");
}

#[test]
fn every_lever_of_the_contract_can_be_moved() {
    let levers = [
        "/funnel/top",
        "/funnel/stages/0/rate",
        "/funnel/stages/1/rate",
        "/funnel/dealSize",
        "/target",
        "/cycleDays",
        "/acquisitionCost",
        "/customer/purchaseValue",
        "/customer/purchasesPerYear",
        "/customer/lifespanYears",
        "/customer/grossMargin",
        "/retention/start",
        "/retention/end",
        "/retention/new",
        "/growth/previous",
        "/growth/current",
    ];
    for lever in levers {
        let result = what_if(&example(), json!([{ "lever": lever, "by": "-0.01" }]));
        assert_ne!(result["base"], result["scenario"], "{lever} moved nothing");
    }
    let mut churn = example();
    churn["customer"] = json!({ "annualChurn": "0.25" });
    let result = what_if(
        &churn,
        json!([{ "lever": "/customer/annualChurn", "to": "0.5" }]),
    );
    // 12500 x 2 years
    assert_eq!(s(&result, "/scenario/economics/clv"), "25000");
}

#[test]
fn changes_apply_in_order() {
    let add_then_by = what_if(
        &example(),
        json!([{ "lever": "/funnel/top", "add": "1000" }, { "lever": "/funnel/top", "by": "0.1" }]),
    );
    let by_then_add = what_if(
        &example(),
        json!([{ "lever": "/funnel/top", "by": "0.1" }, { "lever": "/funnel/top", "add": "1000" }]),
    );
    // (12000 + 1000) x 1.1 = 14300 and 12000 x 1.1 + 1000 = 14200; count_1 = top x 0.025.
    assert_eq!(s(&add_then_by, "/scenario/funnel/stages/0/count"), "357.5");
    assert_eq!(s(&by_then_add, "/scenario/funnel/stages/0/count"), "355");

    let last_to_wins = what_if(
        &example(),
        json!([{ "lever": "/funnel/top", "by": "0.5" }, { "lever": "/funnel/top", "to": "100" }]),
    );
    assert_eq!(s(&last_to_wins, "/scenario/funnel/stages/0/count"), "2.5");

    // A later change sees an earlier one: end rises before new may pass the old end.
    let result = what_if(
        &example(),
        json!([{ "lever": "/retention/end", "to": "300" }, { "lever": "/retention/new", "to": "250" }]),
    );
    assert_eq!(s(&result, "/scenario/retention/rate"), "0.25");

    // Several levers at once.
    let result = what_if(
        &example(),
        json!([
            { "lever": "/funnel/dealSize", "by": "0.1" },
            { "lever": "/funnel/stages/0/rate", "add": "0.005" },
            { "lever": "/funnel/top", "to": "10000" }
        ]),
    );
    // 10000 x 0.03 x 0.2 x 13750
    assert_eq!(s(&result, "/scenario/funnel/revenue"), "825000");
}

#[test]
fn a_change_that_makes_the_model_invalid_names_the_lever() {
    let e = what_if_err(
        &example(),
        json!([{ "lever": "/funnel/stages/1/rate", "add": "0.9" }]),
    );
    assert_eq!(
        e,
        "/funnel/stages/1/rate: must be between 0 and 1 (got 1.1)"
    );

    let e = what_if_err(
        &example(),
        json!([{ "lever": "/funnel/top", "by": "-1.5" }]),
    );
    assert_starts(&e, "/funnel/top: ");
    let e = what_if_err(&example(), json!([{ "lever": "/target", "to": "0" }]));
    assert_starts(&e, "/target: ");
    let e = what_if_err(&example(), json!([{ "lever": "/cycleDays", "by": "-1" }]));
    assert_starts(&e, "/cycleDays: ");
    let e = what_if_err(
        &example(),
        json!([{ "lever": "/customer/grossMargin", "add": "0.5" }]),
    );
    assert_starts(&e, "/customer/grossMargin: ");
    // Relations: new may not pass end, end may not fall below new. The lever is named.
    let e = what_if_err(
        &example(),
        json!([{ "lever": "/retention/new", "to": "211" }]),
    );
    assert_starts(&e, "/retention/new: ");
    let e = what_if_err(
        &example(),
        json!([{ "lever": "/retention/end", "to": "29" }]),
    );
    assert_starts(&e, "/retention/end: ");

    // The second change is the bad one: it is the one named.
    let e = what_if_err(
        &example(),
        json!([{ "lever": "/funnel/top", "by": "0.1" }, { "lever": "/funnel/dealSize", "to": "-1" }]),
    );
    assert_starts(&e, "/funnel/dealSize: ");
}

#[test]
fn a_change_too_large_for_decimals_names_the_lever_or_the_result() {
    let e = what_if_err(
        &example(),
        json!([{ "lever": "/funnel/top", "to": "79228162514264337593543950335" }, { "lever": "/funnel/top", "by": "1" }]),
    );
    assert_starts(&e, "/funnel/top: ");
    // A valid change whose result overflows: the result's pointer.
    let e = what_if_err(
        &example(),
        json!([{ "lever": "/funnel/dealSize", "to": "1e28" }]),
    );
    assert_starts(&e, "/funnel/revenue: ");
}

#[test]
fn a_lever_naming_an_absent_optional_field_is_an_error_naming_it() {
    let model = funnel_only();
    for lever in [
        "/target",
        "/cycleDays",
        "/acquisitionCost",
        "/customer/lifespanYears",
        "/retention/start",
        "/growth/current",
    ] {
        let e = what_if_err(&model, json!([{ "lever": lever, "to": "1" }]));
        assert_starts(&e, &format!("{lever}: "));
    }
    // Customer given, but the defaulted fields are not in the model.
    let mut model = example();
    model["customer"] = json!({ "lifespanYears": "4" });
    for lever in [
        "/customer/purchaseValue",
        "/customer/purchasesPerYear",
        "/customer/grossMargin",
        "/customer/annualChurn",
    ] {
        let e = what_if_err(&model, json!([{ "lever": lever, "by": "0.1" }]));
        assert_starts(&e, &format!("{lever}: "));
    }
    // A stage the funnel does not have.
    let e = what_if_err(
        &example(),
        json!([{ "lever": "/funnel/stages/2/rate", "to": "0.5" }]),
    );
    assert_starts(&e, "/funnel/stages/2/rate: ");
}

#[test]
fn a_lever_pointer_that_names_nothing_is_an_error_beginning_with_it() {
    let pointers = [
        "/",
        "/~1",
        "/~0",
        "/funnel",
        "/funnel/",
        "/funnel/dealsize",
        "/funnel/stages",
        "/funnel/stages/0",
        "/funnel/stages/0/name",
        "/funnel/stages/0/count",
        "/funnel/stages/-1/rate",
        "/funnel/stages/01/rate",
        "/funnel/stages/+1/rate",
        "/funnel/stages/ 1/rate",
        "/funnel/stages/1.0/rate",
        "/funnel/stages/99/rate",
        "/funnel/stages/99999999999999999999999/rate",
        "/funnel/revenue",
        "/customer",
        "/retention",
        "/target/",
        "/Target",
        "/nothing",
    ];
    for pointer in pointers {
        let e = what_if_err(&example(), json!([{ "lever": pointer, "by": "0.1" }]));
        assert_starts(&e, &format!("{pointer}: "));
    }
    // Not a pointer at all: reported at the field that holds it, so caller text never
    // poses as an engine pointer.
    let e = what_if_err(&example(), json!([{ "lever": "funnel/top", "by": "0.1" }]));
    assert_starts(&e, "/0/lever: ");
    let e = what_if_err(&example(), json!([{ "lever": "", "by": "0.1" }]));
    assert_starts(&e, ": ");
}

#[test]
fn malformed_change_lists_point_into_the_list() {
    let e = what_if_err(&example(), json!([{ "lever": "/funnel/top" }]));
    assert_starts(&e, "/0: ");
    let e = what_if_err(
        &example(),
        json!([{ "lever": "/funnel/top", "by": "0.1", "to": "5" }]),
    );
    assert_starts(&e, "/0: ");
    let e = what_if_err(
        &example(),
        json!([{ "lever": "/funnel/top", "by": "0.1" }, { "lever": "/funnel/top", "by": "x" }]),
    );
    assert_starts(&e, "/1/by: ");
    let e = what_if_err(
        &example(),
        json!([{ "lever": "/funnel/top", "times": "2" }]),
    );
    assert_starts(&e, "/0/times: ");
    let e = what_if_err(&example(), json!([{ "by": "0.1" }]));
    assert_starts(&e, "/0/lever: ");
    let e = what_if_err(&example(), json!([{ "lever": 5, "by": "0.1" }]));
    assert_starts(&e, "/0/lever: ");
    let e = what_if_err(&example(), json!({ "lever": "/funnel/top", "by": "0.1" }));
    assert_starts(&e, ": ");
    let e = what_if_err(&example(), json!(["/funnel/top"]));
    assert_starts(&e, "/0: ");
    // A null op is absent: the other one counts.
    let result = what_if(
        &example(),
        json!([{ "lever": "/funnel/top", "by": null, "to": "16000" }]),
    );
    assert_eq!(s(&result, "/scenario/funnel/revenue"), "1000000");
}

#[test]
fn an_invalid_model_is_reported_before_the_changes() {
    let mut model = example();
    model["funnel"]["stages"][1]["rate"] = json!("1.5");
    let e = what_if_err(&model, json!([{ "lever": "/nothing", "by": "0.1" }]));
    assert_eq!(
        e,
        "/funnel/stages/1/rate: must be between 0 and 1 (got 1.5)"
    );
}

#[test]
fn typed_api_matches_text_api() {
    use sales_kpi::{json::Json, Change, ChangeOp, Model};
    let model = Model::from_json_str(&example().to_string()).unwrap();
    let changes = vec![Change {
        lever: "/funnel/dealSize".into(),
        op: ChangeOp::By(dec("0.1")),
    }];
    let typed = sales_kpi::what_if(&model, &changes).unwrap();
    assert_eq!(typed.scenario.funnel.revenue, dec("825000"));
    let parsed = Change::list_from_json(
        &Json::parse(r#"[{"lever": "/funnel/dealSize", "by": "0.1"}]"#).unwrap(),
    )
    .unwrap();
    assert_eq!(parsed, changes);
    assert_eq!(
        serde_json::to_value(&typed).unwrap(),
        what_if(
            &example(),
            json!([{ "lever": "/funnel/dealSize", "by": "0.1" }])
        )
    );
}
