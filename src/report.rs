//! `compute`: the whole report of a model.

use serde::Serialize;

use crate::economics::{self, EconomicsReport};
use crate::error::Result;
use crate::funnel::{self, FunnelReport};
use crate::lever::Lever;
use crate::model::Model;
use crate::retention::{self, GrowthReport, RetentionReport};
use crate::target::{self, TargetReport};
use crate::velocity::{self, VelocityReport};

/// Every KPI of a model. Sections whose inputs the model lacks are `None` (absent in JSON).
///
/// ```
/// let model = sales_kpi::Model::from_json_str(r#"{"funnel": {"top": "12000", "stages": [
///     {"name": "meetings", "rate": "0.025"}, {"name": "deals", "rate": "0.2"}],
///     "dealSize": "12500"}}"#).unwrap();
/// let report = sales_kpi::compute(&model).unwrap();
/// assert!(report.target.is_none());
/// assert_eq!(serde_json::to_value(&report).unwrap()["funnel"]["revenue"], "750000");
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    /// The forward funnel.
    pub funnel: FunnelReport,
    /// Attainment, gap and the backwards funnel, when the model has a target.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub target: Option<TargetReport>,
    /// Revenue per day, when the model has `cycleDays`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub velocity: Option<VelocityReport>,
    /// CAC, CLV, LTV:CAC and payback, when the model has `acquisitionCost` or `customer`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub economics: Option<EconomicsReport>,
    /// Retention and churn, when the model has `retention`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub retention: Option<RetentionReport>,
    /// Sales growth, when the model has `growth`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub growth: Option<GrowthReport>,
}

/// Computes every KPI of a valid model, exactly.
///
/// An overflow is an error whose pointer is the result's own, such as `/funnel/revenue`.
///
/// ```
/// let model = sales_kpi::Model::from_json_str(r#"{"funnel": {"top": "12000", "stages": [
///     {"name": "meetings", "rate": "0.025"}, {"name": "deals", "rate": "0.2"}],
///     "dealSize": "12500"}, "target": "1000000", "cycleDays": "45"}"#).unwrap();
/// let report = sales_kpi::compute(&model).unwrap();
/// assert_eq!(report.target.unwrap().attainment.normalize().to_string(), "0.75");
/// assert_eq!(report.velocity.unwrap().per_day.to_string(), "16666.666666666666666666666667");
/// ```
pub fn compute(model: &Model) -> Result<Report> {
    let figures = funnel::figures(&model.funnel)?;
    Ok(Report {
        target: model
            .get(Lever::Target)
            .map(|target| target::compute(&model.funnel, &figures, target))
            .transpose()?,
        velocity: model
            .get(Lever::CycleDays)
            .map(|days| velocity::compute(figures.revenue, days))
            .transpose()?,
        economics: if economics::given(model) {
            Some(economics::compute(model, figures.deals)?)
        } else {
            None
        },
        retention: retention::retention(model)?,
        growth: retention::growth(model)?,
        funnel: FunnelReport::new(&model.funnel, &figures)?,
    })
}
