//! Unit economics: CAC, customer lifetime value, LTV:CAC and payback.

use crate::number::Exact;
use rust_decimal::Decimal;
use serde::Serialize;

use crate::error::{Error, Result};
use crate::lever::Lever;
use crate::model::Model;
use crate::number;

const MONTHS_PER_YEAR: Decimal = Decimal::from_parts(12, 0, 0, false, 0);

/// What a customer costs to win and what it is worth. A KPI that is undefined is `None`.
///
/// ```
/// let model = sales_kpi::Model::from_json_str(r#"{"funnel": {"top": "100", "stages": [
///     {"name": "deals", "rate": "0.5"}], "dealSize": "1000"}, "acquisitionCost": "5000",
///     "customer": {"lifespanYears": "3", "grossMargin": "0.5"}}"#).unwrap();
/// let economics = sales_kpi::compute(&model).unwrap().economics.unwrap();
/// assert_eq!(economics.cac.unwrap().normalize().to_string(), "100");
/// assert_eq!(economics.clv.unwrap().normalize().to_string(), "1500");
/// assert_eq!(economics.ltv_to_cac.unwrap().normalize().to_string(), "15");
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct EconomicsReport {
    /// Acquisition cost / deals; `None` with zero deals or no acquisition cost.
    #[serde(serialize_with = "number::serialize_option")]
    pub cac: Option<Decimal>,
    /// Purchase value x purchases per year x lifespan x gross margin; `None` with no customer.
    #[serde(serialize_with = "number::serialize_option")]
    pub clv: Option<Decimal>,
    /// CLV / CAC; `None` when either is undefined or CAC is 0.
    #[serde(serialize_with = "number::serialize_option")]
    pub ltv_to_cac: Option<Decimal>,
    /// Months of margin that pay back the CAC; `None` without CAC or without margin.
    #[serde(serialize_with = "number::serialize_option")]
    pub payback_months: Option<Decimal>,
}

/// Whether the model gives what unit economics needs: an acquisition cost or a customer.
pub(crate) fn given(model: &Model) -> bool {
    model.get(Lever::AcquisitionCost).is_some() || model.gives("/customer")
}

pub(crate) fn compute(model: &Model, deals: Decimal) -> Result<EconomicsReport> {
    let cac = match model.get(Lever::AcquisitionCost) {
        Some(cost) if !deals.is_zero() => Some(
            cost.over(deals)
                .ok_or_else(|| Error::overflow("/economics/cac"))?,
        ),
        _ => None,
    };
    let (clv, yearly_margin) = match model.gives("/customer") {
        false => (None, None),
        true => {
            let overflow = || Error::overflow("/economics/clv");
            let purchase_value = model
                .get(Lever::PurchaseValue)
                .unwrap_or(model.funnel.deal_size);
            let per_year = purchase_value
                .times(model.get(Lever::PurchasesPerYear).unwrap_or(Decimal::ONE))
                .ok_or_else(overflow)?;
            // The schema lets a customer give exactly one of the two.
            let lifespan = match model.get(Lever::LifespanYears) {
                Some(years) => years,
                None => {
                    let churn = model.get(Lever::AnnualChurn).unwrap_or(Decimal::ONE);
                    Decimal::ONE.over(churn).ok_or_else(overflow)?
                }
            };
            let margin = model.get(Lever::GrossMargin).unwrap_or(Decimal::ONE);
            let clv = per_year
                .times(lifespan)
                .and_then(|value| value.times(margin))
                .ok_or_else(overflow)?;
            let yearly_margin = per_year
                .times(margin)
                .ok_or_else(|| Error::overflow("/economics/paybackMonths"))?;
            (Some(clv), Some(yearly_margin))
        }
    };
    let ltv_to_cac = match (clv, cac) {
        (Some(clv), Some(cac)) if !cac.is_zero() => Some(
            clv.over(cac)
                .ok_or_else(|| Error::overflow("/economics/ltvToCac"))?,
        ),
        _ => None,
    };
    let payback_months = match (cac, yearly_margin) {
        (Some(cac), Some(margin)) if !margin.is_zero() => Some(
            cac.times(MONTHS_PER_YEAR)
                .and_then(|months| months.over(margin))
                .ok_or_else(|| Error::overflow("/economics/paybackMonths"))?,
        ),
        _ => None,
    };
    Ok(EconomicsReport {
        cac,
        clv,
        ltv_to_cac,
        payback_months,
    })
}
