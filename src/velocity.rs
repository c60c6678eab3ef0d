//! Pipeline velocity: revenue that flows through the pipeline per day.

use crate::number::Exact;
use rust_decimal::Decimal;
use serde::Serialize;

use crate::error::{Error, Result};
use crate::number;

/// Revenue per day of the sales cycle.
///
/// ```
/// let model = sales_kpi::Model::from_json_str(r#"{"funnel": {"top": "100", "stages": [
///     {"name": "deals", "rate": "0.5"}], "dealSize": "90"}, "cycleDays": "30"}"#).unwrap();
/// let velocity = sales_kpi::compute(&model).unwrap().velocity.unwrap();
/// assert_eq!(velocity.per_day.normalize().to_string(), "150");
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct VelocityReport {
    /// Revenue / cycle days.
    #[serde(serialize_with = "number::serialize")]
    pub per_day: Decimal,
}

pub(crate) fn compute(revenue: Decimal, cycle_days: Decimal) -> Result<VelocityReport> {
    Ok(VelocityReport {
        per_day: revenue
            .over(cycle_days)
            .ok_or_else(|| Error::overflow("/velocity/perDay"))?,
    })
}
