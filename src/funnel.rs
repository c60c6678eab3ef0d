//! The universal sales formula: volume x conversion per stage x deal size.

use crate::number::Exact;
use rust_decimal::Decimal;
use serde::Serialize;

use crate::error::{Error, Result};
use crate::model::Funnel;
use crate::number;
use crate::schema::MAX_STAGES;

/// The forward funnel in numbers: how many reach each stage, and what they bring in.
///
/// ```
/// let model = sales_kpi::Model::from_json_str(r#"{"funnel": {"top": "12000", "stages": [
///     {"name": "meetings", "rate": "0.025"}, {"name": "deals", "rate": "0.2"}],
///     "dealSize": "12500"}}"#).unwrap();
/// let report = sales_kpi::compute(&model).unwrap();
/// assert_eq!(report.funnel.stages[0].count.normalize().to_string(), "300");
/// assert_eq!(report.funnel.revenue.normalize().to_string(), "750000");
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FunnelReport {
    /// Each stage with its rate and the count that reaches it.
    pub stages: Vec<StageReport>,
    /// The share of `top` that becomes a deal: the product of all rates.
    #[serde(serialize_with = "number::serialize")]
    pub conversion: Decimal,
    /// The count of the last stage.
    #[serde(serialize_with = "number::serialize")]
    pub deals: Decimal,
    /// Deals x deal size.
    #[serde(serialize_with = "number::serialize")]
    pub revenue: Decimal,
}

/// One stage of the forward funnel.
///
/// ```
/// let stage = sales_kpi::StageReport { name: "deals".into(), rate: 1.into(), count: 5.into() };
/// assert_eq!(stage.count.to_string(), "5");
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StageReport {
    /// The stage's name, as given.
    pub name: String,
    /// The stage's rate, as given.
    #[serde(serialize_with = "number::serialize")]
    pub rate: Decimal,
    /// `top x rate_1 x ... x rate_i`.
    #[serde(serialize_with = "number::serialize")]
    pub count: Decimal,
}

/// The funnel's figures without names: what every other KPI is built on. The counts live
/// in a fixed array, so the simulation's hot loop allocates nothing per sample.
#[derive(Debug, Clone)]
pub(crate) struct FunnelFigures {
    counts: [Decimal; MAX_STAGES],
    stages: usize,
    pub(crate) deals: Decimal,
    pub(crate) revenue: Decimal,
}

/// Runs the funnel forward with checked arithmetic.
pub(crate) fn figures(funnel: &Funnel) -> Result<FunnelFigures> {
    let mut counts = [Decimal::ZERO; MAX_STAGES];
    let mut count = funnel.top;
    for (index, stage) in funnel.stages.iter().enumerate() {
        count = count
            .times(stage.rate)
            .ok_or_else(|| Error::overflow(format!("/funnel/stages/{index}/count")))?;
        if let Some(slot) = counts.get_mut(index) {
            *slot = count;
        }
    }
    let revenue = count
        .times(funnel.deal_size)
        .ok_or_else(|| Error::overflow("/funnel/revenue"))?;
    Ok(FunnelFigures {
        counts,
        stages: funnel.stages.len().min(MAX_STAGES),
        deals: count,
        revenue,
    })
}

/// The product of all rates: apart from the figures, because the simulation's hot loop
/// rarely needs it.
pub(crate) fn conversion(funnel: &Funnel) -> Result<Decimal> {
    funnel
        .stages
        .iter()
        .try_fold(Decimal::ONE, |product, stage| product.times(stage.rate))
        .ok_or_else(|| Error::overflow("/funnel/conversion"))
}

impl FunnelFigures {
    /// The count reaching each stage, in order.
    pub(crate) fn counts(&self) -> &[Decimal] {
        &self.counts[..self.stages]
    }
}

impl FunnelReport {
    pub(crate) fn new(funnel: &Funnel, figures: &FunnelFigures) -> Result<Self> {
        Ok(FunnelReport {
            stages: funnel
                .stages
                .iter()
                .zip(figures.counts())
                .map(|(stage, &count)| StageReport {
                    name: stage.name.clone(),
                    rate: stage.rate,
                    count,
                })
                .collect(),
            conversion: conversion(funnel)?,
            deals: figures.deals,
            revenue: figures.revenue,
        })
    }
}
