//! `evaluate`: everything a page shows for a model, from one call: the report, a what-if
//! scenario, goal seeks, a sensitivity table and, with the `progress-export` feature (on by
//! default; the widget's small engine leaves it out), the progress of a window. Each part is the answer its own function
//! would give; a part that fails carries its error instead of failing the whole call.

use rust_decimal::Decimal;
use serde::{Serialize, Serializer};

use crate::error::{Error, ErrorCode, Result};
use crate::fields::{not_a_list, Fields};
use crate::json::Json;
use crate::model::Model;
use crate::number;
#[cfg(feature = "progress-export")]
use crate::progress::{progress, Progress, ProgressOptions};
use crate::report::{compute, Report};
use crate::sensitivity::{sensitivity, SensitivityOptions, SensitivityRow};
use crate::solve::{solved_model, Goal};
use crate::whatif::{scenario, Change};

/// The most goals one request may ask for (a model has at most 29 levers).
pub const MAX_GOALS: usize = 32;

/// What to work out besides the report. A part that cannot be read is kept as its error,
/// which its answer then carries; errors point into the part's own input, as they do for
/// the part's own function (`whatIf`'s `/0/lever`, `solve`'s `/target`).
///
/// ```
/// use sales_kpi::{json::Json, Model, Request};
/// let model = Model::from_json_str(r#"{"funnel": {"top": "1", "stages": [
///     {"name": "deals", "rate": "0.5"}], "dealSize": "1"}}"#).unwrap();
/// let request = Request::from_json(&Json::parse(
///     r#"{"whatIf": [{"lever": "/funnel/top", "by": "0.1"}], "sensitivity": {}}"#).unwrap(), &model).unwrap();
/// assert!(request.what_if.is_some() && request.goals.is_none());
/// ```
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Request {
    /// Changes for `whatIf`: the answer's `whatIf` is the changed model's report.
    pub what_if: Option<Result<Vec<Change>>>,
    /// Goals for `solve`, each answered with the lever's value or its own error.
    pub goals: Option<Vec<Result<Goal>>>,
    /// Options for `sensitivity` (`{}` for the defaults).
    pub sensitivity: Option<Result<SensitivityOptions>>,
    /// Options for `progress`, read for the model (some of their limits depend on it).
    #[cfg(feature = "progress-export")]
    pub progress: Option<Result<ProgressOptions>>,
}

impl Request {
    /// Reads a request for `model`: `{ whatIf?, goals?, sensitivity?, progress? }`; `null` or
    /// absent parts are not asked for. Only the request's own shape (an unknown field, `goals`
    /// not a list, more than [`MAX_GOALS`]) fails the whole call.
    ///
    /// ```
    /// use sales_kpi::{json::Json, Model, Request};
    /// let model = Model::from_json_str(r#"{"funnel": {"top": "1", "stages": [
    ///     {"name": "deals", "rate": "0.5"}], "dealSize": "1"}}"#).unwrap();
    /// let error = Request::from_json(&Json::parse(r#"{"goal": []}"#).unwrap(), &model).unwrap_err();
    /// assert_eq!(error.pointer(), "/goal");
    /// ```
    pub fn from_json(value: &Json, model: &Model) -> Result<Request> {
        if *value == Json::Null {
            return Ok(Request::default());
        }
        let fields = Fields::open(value, "", PARTS)?;
        let goals = match fields.get("goals") {
            None => None,
            Some(Json::Array(items)) if items.len() <= MAX_GOALS => {
                Some(items.iter().map(Goal::from_json).collect())
            }
            Some(Json::Array(_)) => {
                return Err(Error::new(
                    ErrorCode::TooMany,
                    "/goals",
                    format!("must hold at most {MAX_GOALS} goals"),
                )
                .with_integer("max", MAX_GOALS))
            }
            Some(other) => return Err(not_a_list("/goals", "a list of goals", other)),
        };
        #[cfg(not(feature = "progress-export"))]
        let _ = model;
        Ok(Request {
            what_if: fields.get("whatIf").map(Change::list_from_json),
            goals,
            sensitivity: fields.get("sensitivity").map(SensitivityOptions::from_json),
            #[cfg(feature = "progress-export")]
            progress: fields
                .get("progress")
                .map(|options| ProgressOptions::from_json(options, model)),
        })
    }
}

/// The parts a request may ask for.
#[cfg(feature = "progress-export")]
const PARTS: &[&str] = &["whatIf", "goals", "sensitivity", "progress"];
#[cfg(not(feature = "progress-export"))]
const PARTS: &[&str] = &["whatIf", "goals", "sensitivity"];

/// The answers: `compute`'s report, and each part asked for.
///
/// ```
/// use sales_kpi::{evaluate_all, json::Json, Model, Request};
/// let model = Model::from_json_str(r#"{"funnel": {"top": "12000", "stages": [
///     {"name": "meetings", "rate": "0.025"}, {"name": "deals", "rate": "0.2"}],
///     "dealSize": "12500"}, "target": "1000000"}"#).unwrap();
/// let request = Request::from_json(&Json::parse(r#"{"goals": [
///     {"lever": "/funnel/dealSize", "metric": "/funnel/revenue", "target": "1000000"},
///     {"lever": "/target", "metric": "/funnel/revenue", "target": "1"}]}"#).unwrap(), &model).unwrap();
/// let answer = evaluate_all(&model, request).unwrap();
/// let json = serde_json::to_value(&answer).unwrap();
/// assert_eq!(json["goals"][0]["value"], "16666.666666666666666666666667");
/// assert_eq!(json["goals"][1]["error"]["code"], "noSolution");
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Evaluation {
    /// `compute(model)`.
    pub report: Report,
    /// The changed model's report (`whatIf(model, changes).scenario`), or `{ error }`.
    #[serde(skip_serializing_if = "Option::is_none", serialize_with = "part")]
    pub what_if: Option<Result<Report>>,
    /// Per goal, `{ value }` (`solve(model, goal).value`) or `{ error }`.
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "goal_values"
    )]
    pub goals: Option<Vec<Result<Decimal>>>,
    /// `sensitivity(model, options)`'s rows, or `{ error }`.
    #[serde(skip_serializing_if = "Option::is_none", serialize_with = "part")]
    pub sensitivity: Option<Result<Vec<SensitivityRow>>>,
    /// `progress(model, options)`, or `{ error }`.
    #[cfg(feature = "progress-export")]
    #[serde(skip_serializing_if = "Option::is_none", serialize_with = "part")]
    pub progress: Option<Result<Progress>>,
}

/// Works out the report and every part the request asks for. Only an invalid model (or a
/// report that overflows) is an error of the whole call, as it would be for `compute`.
pub fn evaluate_all(model: &Model, request: Request) -> Result<Evaluation> {
    Ok(Evaluation {
        report: compute(model)?,
        what_if: request
            .what_if
            .map(|changes| changes.and_then(|changes| scenario(model, &changes))),
        goals: request.goals.map(|goals| {
            goals
                .into_iter()
                .map(|goal| {
                    goal.and_then(|goal| solved_model(model, &goal).map(|(_, value)| value))
                })
                .collect()
        }),
        sensitivity: request
            .sensitivity
            .map(|options| options.and_then(|options| sensitivity(model, &options))),
        #[cfg(feature = "progress-export")]
        progress: request
            .progress
            .map(|options| options.and_then(|options| progress(model, &options))),
    })
}

/// A part: its value, or `{ "error": … }`.
fn part<T: Serialize, S: Serializer>(
    value: &Option<Result<T>>,
    serializer: S,
) -> core::result::Result<S::Ok, S::Error> {
    match value {
        Some(Ok(value)) => value.serialize(serializer),
        Some(Err(error)) => Failed { error }.serialize(serializer),
        None => serializer.serialize_none(),
    }
}

fn goal_values<S: Serializer>(
    goals: &Option<Vec<Result<Decimal>>>,
    serializer: S,
) -> core::result::Result<S::Ok, S::Error> {
    #[derive(Serialize)]
    struct Solved {
        #[serde(serialize_with = "number::serialize")]
        value: Decimal,
    }
    #[derive(Serialize)]
    #[serde(untagged)]
    enum Answer<'a> {
        Solved(Solved),
        Failed(Failed<'a>),
    }
    serializer.collect_seq(goals.iter().flatten().map(|goal| match goal {
        Ok(value) => Answer::Solved(Solved { value: *value }),
        Err(error) => Answer::Failed(Failed { error }),
    }))
}

#[derive(Serialize)]
struct Failed<'a> {
    error: &'a Error,
}
