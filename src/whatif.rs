//! `whatIf`: the model with some levers changed, beside the model as it is.

use crate::number::Exact;
use rust_decimal::Decimal;
use serde::Serialize;

use crate::error::{Error, ErrorCode, Param, Result};
use crate::fields::{not_a_list, Fields};
use crate::json::Json;
use crate::model::Model;
use crate::report::{compute, Report};

/// How a change moves its lever.
///
/// ```
/// use sales_kpi::ChangeOp;
/// let raise = ChangeOp::By(rust_decimal::Decimal::new(1, 1));
/// assert!(matches!(raise, ChangeOp::By(_)));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChangeOp {
    /// new = old x (1 + by): `0.1` raises by 10 %.
    By(Decimal),
    /// new = old + add: for a rate, `0.01` is one percentage point.
    Add(Decimal),
    /// new = to.
    To(Decimal),
}

/// One change of a what-if: a lever (a JSON Pointer into the model) and how it moves.
///
/// ```
/// use sales_kpi::{json::Json, Change};
/// let changes = Change::list_from_json(&Json::parse(
///     r#"[{"lever": "/funnel/dealSize", "by": "0.1"}]"#).unwrap()).unwrap();
/// assert_eq!(changes[0].lever, "/funnel/dealSize");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// The JSON Pointer of the number to change.
    pub lever: String,
    /// How it changes.
    pub op: ChangeOp,
}

impl Change {
    /// Reads a list of changes; errors point into the list, such as `/0/by`.
    ///
    /// ```
    /// use sales_kpi::{json::Json, Change};
    /// let error = Change::list_from_json(&Json::parse(r#"[{"lever": "/target"}]"#).unwrap()).unwrap_err();
    /// assert_eq!(error.to_string(), "/0: give exactly one of by, add or to");
    /// ```
    pub fn list_from_json(value: &Json) -> Result<Vec<Change>> {
        let Json::Array(items) = value else {
            return Err(not_a_list("", "a list of changes", value));
        };
        let mut changes = Vec::with_capacity(items.len());
        for (index, item) in items.iter().enumerate() {
            let pointer = format!("/{index}");
            let fields = Fields::open(item, &pointer, &["lever", "by", "add", "to"])?;
            let lever = fields.text("lever")?.to_owned();
            let ops = [
                ("by", fields.optional_number("by")?.map(ChangeOp::By)),
                ("add", fields.optional_number("add")?.map(ChangeOp::Add)),
                ("to", fields.optional_number("to")?.map(ChangeOp::To)),
            ];
            let mut given = ops.into_iter().filter_map(|(name, op)| Some((name, op?)));
            let (code, other) = match (given.next(), given.next()) {
                (Some((_, op)), None) => {
                    changes.push(Change { lever, op });
                    continue;
                }
                (None, _) => (ErrorCode::OneRequired, None),
                (Some(_), Some((second, _))) => (ErrorCode::BothGiven, Some(second)),
            };
            let error = Error::new(code, pointer, "give exactly one of by, add or to")
                .with("fields", Param::List(&["by", "add", "to"]));
            return Err(match other {
                Some(other) => error.with_text("other", other),
                None => error,
            });
        }
        Ok(changes)
    }
}

/// The report of the model as it is, and of the model with the changes applied.
///
/// ```
/// let result = sales_kpi::WhatIf {
///     base: sales_kpi::compute(&sales_kpi::Model::from_json_str(r#"{"funnel": {"top": "1",
///         "stages": [{"name": "deals", "rate": "1"}], "dealSize": "1"}}"#).unwrap()).unwrap(),
///     scenario: sales_kpi::compute(&sales_kpi::Model::from_json_str(r#"{"funnel": {"top": "2",
///         "stages": [{"name": "deals", "rate": "1"}], "dealSize": "1"}}"#).unwrap()).unwrap(),
/// };
/// assert!(result.scenario.funnel.revenue > result.base.funnel.revenue);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WhatIf {
    /// `compute(model)`.
    pub base: Report,
    /// `compute` of the changed model.
    pub scenario: Report,
}

/// Applies the changes in order and reports the model before and after.
///
/// A change that names nothing, or that leaves the model invalid, is an error naming its lever.
///
/// ```
/// use sales_kpi::{json::Json, what_if, Change, Model};
/// let model = Model::from_json_str(r#"{"funnel": {"top": "12000", "stages": [
///     {"name": "meetings", "rate": "0.025"}, {"name": "deals", "rate": "0.2"}],
///     "dealSize": "12500"}}"#).unwrap();
/// let changes = Change::list_from_json(&Json::parse(
///     r#"[{"lever": "/funnel/dealSize", "by": "0.1"}]"#).unwrap()).unwrap();
/// let result = what_if(&model, &changes).unwrap();
/// assert_eq!(result.scenario.funnel.revenue.normalize().to_string(), "825000");
///
/// let too_far = Change::list_from_json(&Json::parse(
///     r#"[{"lever": "/funnel/stages/1/rate", "add": "0.9"}]"#).unwrap()).unwrap();
/// assert_eq!(what_if(&model, &too_far).unwrap_err().to_string(),
///     "/funnel/stages/1/rate: must be between 0 and 1 (got 1.1)");
/// ```
pub fn what_if(model: &Model, changes: &[Change]) -> Result<WhatIf> {
    Ok(WhatIf {
        base: compute(model)?,
        scenario: scenario(model, changes)?,
    })
}

/// The report of the model with the changes applied, in order (`evaluate` has the base).
pub(crate) fn scenario(model: &Model, changes: &[Change]) -> Result<Report> {
    let mut changed = model.clone();
    for (index, change) in changes.iter().enumerate() {
        apply(&mut changed, change, &format!("/{index}/lever"))?;
    }
    compute(&changed)
}

/// Applies one change and checks that the model is still valid; `field` is where the
/// change's lever was given, for a lever that is not a pointer at all.
pub(crate) fn apply(model: &mut Model, change: &Change, field: &str) -> Result<()> {
    let lever = model.lever(&change.lever, field)?;
    let old = model.get(lever).unwrap_or_default();
    let new = match change.op {
        ChangeOp::By(by) => Decimal::ONE.plus(by).and_then(|factor| old.times(factor)),
        ChangeOp::Add(add) => old.plus(add),
        ChangeOp::To(to) => Some(to),
    }
    .ok_or_else(|| {
        Error::new(
            ErrorCode::Overflow,
            &change.lever,
            "the changed value is too large for exact decimal arithmetic",
        )
    })?;
    model.set(lever, new);
    model.validate().map_err(|error| {
        if error.pointer() == change.lever {
            error
        } else {
            let message = format!(
                "this change makes {} invalid: {}",
                error.pointer(),
                error.message()
            );
            error.reworded(&change.lever, message)
        }
    })
}
