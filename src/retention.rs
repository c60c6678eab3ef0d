//! Retention, churn and sales growth over a period.

use crate::number::Exact;
use rust_decimal::Decimal;
use serde::Serialize;

use crate::error::{Error, Result};
use crate::lever::Lever;
use crate::model::Model;
use crate::number;

/// The share of customers kept, and the share lost.
///
/// ```
/// let model = sales_kpi::Model::from_json_str(r#"{"funnel": {"top": "1", "stages": [
///     {"name": "deals", "rate": "1"}], "dealSize": "1"},
///     "retention": {"start": "200", "end": "210", "new": "30"}}"#).unwrap();
/// let retention = sales_kpi::compute(&model).unwrap().retention.unwrap();
/// assert_eq!(retention.rate.normalize().to_string(), "0.9");
/// assert_eq!(retention.churn.normalize().to_string(), "0.1");
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RetentionReport {
    /// (end - new) / start.
    #[serde(serialize_with = "number::serialize")]
    pub rate: Decimal,
    /// 1 - rate.
    #[serde(serialize_with = "number::serialize")]
    pub churn: Decimal,
}

/// Sales growth from the previous period to the current one.
///
/// ```
/// let model = sales_kpi::Model::from_json_str(r#"{"funnel": {"top": "1", "stages": [
///     {"name": "deals", "rate": "1"}], "dealSize": "1"},
///     "growth": {"previous": "800000", "current": "912000"}}"#).unwrap();
/// assert_eq!(sales_kpi::compute(&model).unwrap().growth.unwrap().rate.normalize().to_string(), "0.14");
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GrowthReport {
    /// (current - previous) / previous.
    #[serde(serialize_with = "number::serialize")]
    pub rate: Decimal,
}

/// Retention, when the model gives it.
pub(crate) fn retention(model: &Model) -> Result<Option<RetentionReport>> {
    let (Some(start), Some(end), Some(new)) = (
        model.get(Lever::RetentionStart),
        model.get(Lever::RetentionEnd),
        model.get(Lever::RetentionNew),
    ) else {
        return Ok(None);
    };
    let rate = end
        .minus(new)
        .and_then(|kept| kept.over(start))
        .ok_or_else(|| Error::overflow("/retention/rate"))?;
    let churn = Decimal::ONE
        .minus(rate)
        .ok_or_else(|| Error::overflow("/retention/churn"))?;
    Ok(Some(RetentionReport { rate, churn }))
}

/// Sales growth, when the model gives it.
pub(crate) fn growth(model: &Model) -> Result<Option<GrowthReport>> {
    let (Some(previous), Some(current)) = (
        model.get(Lever::GrowthPrevious),
        model.get(Lever::GrowthCurrent),
    ) else {
        return Ok(None);
    };
    let rate = current
        .minus(previous)
        .and_then(|change| change.over(previous))
        .ok_or_else(|| Error::overflow("/growth/rate"))?;
    Ok(Some(GrowthReport { rate }))
}
