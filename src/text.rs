//! The engine's functions on JSON text, as the JS bindings see them: for native callers,
//! fuzzing and benchmarks. Inputs and outputs are JSON; errors are `pointer: message`.
//! Reports are written by their serde derives, the one definition of their shape that the
//! wasm bindings use too. Native only: the wasm module has no JSON writer.

use serde::Serialize;

use crate::error::Result;
use crate::json::Json;
use crate::{
    Change, Goal, Model, PlanOptions, ProgressOptions, SensitivityOptions, SimulateOptions,
};

/// A report as compact JSON text. The reports hold only strings, `null`s, objects and
/// arrays, which serde_json always writes.
fn to_json<T: Serialize>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_default()
}

/// `compute` on a model in JSON text.
///
/// ```
/// let report = sales_kpi::text::compute(r#"{"funnel": {"top": 10,
///     "stages": [{"name": "deals", "rate": "0.5"}], "dealSize": "3"}}"#).unwrap();
/// assert!(report.contains(r#""revenue":"15""#));
/// ```
pub fn compute(model: &str) -> Result<String> {
    Ok(to_json(&crate::compute(&Model::from_json_str(model)?)?))
}

/// `whatIf` on a model and a list of changes in JSON text.
///
/// ```
/// let result = sales_kpi::text::what_if(r#"{"funnel": {"top": 10,
///     "stages": [{"name": "deals", "rate": "0.5"}], "dealSize": "3"}}"#,
///     r#"[{"lever": "/funnel/top", "to": "20"}]"#).unwrap();
/// assert!(result.contains(r#""revenue":"30""#));
/// ```
pub fn what_if(model: &str, changes: &str) -> Result<String> {
    let model = Model::from_json_str(model)?;
    let changes = Change::list_from_json(&Json::parse(changes)?)?;
    Ok(to_json(&crate::what_if(&model, &changes)?))
}

/// `solve` on a model and a goal in JSON text.
///
/// ```
/// let solution = sales_kpi::text::solve(r#"{"funnel": {"top": 10,
///     "stages": [{"name": "deals", "rate": "0.5"}], "dealSize": "3"}}"#,
///     r#"{"lever": "/funnel/dealSize", "metric": "/funnel/revenue", "target": "50"}"#).unwrap();
/// assert!(solution.starts_with(r#"{"value":"10""#));
/// ```
pub fn solve(model: &str, goal: &str) -> Result<String> {
    let model = Model::from_json_str(model)?;
    Ok(to_json(&crate::solve(
        &model,
        &Goal::from_json(&Json::parse(goal)?)?,
    )?))
}

/// `sensitivity` on a model and options in JSON text (`null` for the defaults).
///
/// ```
/// let rows = sales_kpi::text::sensitivity(r#"{"funnel": {"top": 10,
///     "stages": [{"name": "deals", "rate": "0.5"}], "dealSize": "3"}}"#, "null").unwrap();
/// assert!(rows.starts_with(r#"[{"lever":"/funnel/dealSize""#));
/// ```
pub fn sensitivity(model: &str, options: &str) -> Result<String> {
    let model = Model::from_json_str(model)?;
    Ok(to_json(&crate::sensitivity(
        &model,
        &SensitivityOptions::from_json(&Json::parse(options)?)?,
    )?))
}

/// `simulate` on a model and options in JSON text.
///
/// ```
/// let summary = sales_kpi::text::simulate(r#"{"funnel": {"top": 10,
///     "stages": [{"name": "deals", "rate": "0.5"}], "dealSize": "3"}}"#,
///     r#"{"ranges": [{"lever": "/funnel/top", "low": "10", "high": "10"}], "samples": 3}"#).unwrap();
/// assert_eq!(summary, r#"{"samples":"3","mean":"15","p10":"15","p50":"15","p90":"15","bins":[{"lower":"15","upper":"15","count":"3"}]}"#);
/// ```
pub fn simulate(model: &str, options: &str) -> Result<String> {
    let model = Model::from_json_str(model)?;
    Ok(to_json(&crate::simulate(
        &model,
        &SimulateOptions::from_json(&Json::parse(options)?)?,
    )?))
}

/// `evaluate` on a model and a request in JSON text; a failed part is
/// `{"error": {"code", "pointer", "params", "message"}}`.
///
/// ```
/// let answer = sales_kpi::text::evaluate(r#"{"funnel": {"top": 10,
///     "stages": [{"name": "deals", "rate": "0.5"}], "dealSize": "3"}}"#,
///     r#"{"goals": [{"lever": "/funnel/top", "metric": "/funnel/revenue", "target": "30"}]}"#).unwrap();
/// assert!(answer.ends_with(r#""goals":[{"value":"20"}]}"#));
/// ```
pub fn evaluate(model: &str, request: &str) -> Result<String> {
    let model = Model::from_json_str(model)?;
    let request = crate::Request::from_json(&Json::parse(request)?, &model)?;
    Ok(to_json(&crate::evaluate_all(&model, request)?))
}

/// `plan` on a model and options in JSON text.
///
/// ```
/// let plan = sales_kpi::text::plan(r#"{"funnel": {"top": 10,
///     "stages": [{"name": "deals", "rate": "0.5"}], "dealSize": "3"}, "target": "30"}"#,
///     r#"{"start": "2027-01-04", "end": "2027-01-08"}"#).unwrap();
/// assert!(plan.starts_with(r#"{"days":"5","workdays":"5","target":"30","dealsNeeded":"10""#));
/// ```
pub fn plan(model: &str, options: &str) -> Result<String> {
    let model = Model::from_json_str(model)?;
    let options = PlanOptions::from_json(&Json::parse(options)?)?;
    Ok(to_json(&crate::plan(&model, &options)?))
}

/// `progress` on a model and options in JSON text.
///
/// ```
/// let progress = sales_kpi::text::progress(r#"{"funnel": {"top": 10,
///     "stages": [{"name": "deals", "rate": "0.5"}], "dealSize": "3"}, "target": "30"}"#,
///     r#"{"start": "2027-01-04", "end": "2027-01-08", "asOf": "2027-01-05",
///     "actuals": [{"date": "2027-01-05", "revenue": "12"}]}"#).unwrap();
/// assert!(progress.starts_with(r#"{"workdays":"5","elapsed":"2","remaining":"3","target":"30""#));
/// ```
pub fn progress(model: &str, options: &str) -> Result<String> {
    let model = Model::from_json_str(model)?;
    let options = ProgressOptions::from_json(&Json::parse(options)?, &model)?;
    Ok(to_json(&crate::progress(&model, &options)?))
}
