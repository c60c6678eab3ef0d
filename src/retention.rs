//! Retention, churn and sales growth over a period.

use crate::number::Exact;
use rust_decimal::Decimal;
use serde::Serialize;

use crate::error::{Error, Result};
use crate::model::{Growth, Retention};
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

pub(crate) fn retention(input: &Retention) -> Result<RetentionReport> {
    let rate = input
        .end
        .minus(input.new)
        .and_then(|kept| kept.over(input.start))
        .ok_or_else(|| Error::overflow("/retention/rate"))?;
    let churn = Decimal::ONE
        .minus(rate)
        .ok_or_else(|| Error::overflow("/retention/churn"))?;
    Ok(RetentionReport { rate, churn })
}

pub(crate) fn growth(input: &Growth) -> Result<GrowthReport> {
    let rate = input
        .current
        .minus(input.previous)
        .and_then(|change| change.over(input.previous))
        .ok_or_else(|| Error::overflow("/growth/rate"))?;
    Ok(GrowthReport { rate })
}
