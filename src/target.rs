//! Targets: attainment, the gap, and the backwards funnel in whole counts.

use crate::number::Exact;
use rust_decimal::Decimal;
use serde::Serialize;

use crate::error::{Error, Result};
use crate::funnel::FunnelFigures;
use crate::model::Funnel;
use crate::number;

/// How the funnel measures up to the revenue target, and what it would take to reach it.
///
/// ```
/// let model = sales_kpi::Model::from_json_str(r#"{"funnel": {"top": "12000", "stages": [
///     {"name": "meetings", "rate": "0.025"}, {"name": "deals", "rate": "0.2"}],
///     "dealSize": "12500"}, "target": "1000000"}"#).unwrap();
/// let target = sales_kpi::compute(&model).unwrap().target.unwrap();
/// assert_eq!(target.deals_needed.unwrap().to_string(), "80");
/// assert_eq!(target.needed.top.unwrap().to_string(), "16000");
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TargetReport {
    /// Revenue / target.
    #[serde(serialize_with = "number::serialize")]
    pub attainment: Decimal,
    /// What is missing: max(target - revenue, 0).
    #[serde(serialize_with = "number::serialize")]
    pub gap: Decimal,
    /// ceil(target / deal size); `None` when the deal size is 0.
    #[serde(serialize_with = "number::serialize_option")]
    pub deals_needed: Option<Decimal>,
    /// The whole counts each stage needs, worked backwards from the deals needed.
    pub needed: Needed,
}

/// The backwards funnel: "to reach the target you need N visitors, M meetings, K deals".
///
/// ```
/// let needed = sales_kpi::Needed { top: None, stages: vec![] };
/// assert!(needed.top.is_none());
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Needed {
    /// The volume needed at the top; `None` when a rate on the way is 0.
    #[serde(serialize_with = "number::serialize_option")]
    pub top: Option<Decimal>,
    /// The count needed at each stage.
    pub stages: Vec<NeededStage>,
}

/// The whole count one stage needs.
///
/// ```
/// let stage = sales_kpi::NeededStage { name: "deals".into(), count: Some(80.into()) };
/// assert_eq!(stage.count.unwrap().to_string(), "80");
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NeededStage {
    /// The stage's name, as given.
    pub name: String,
    /// The whole count needed; `None` when a later rate is 0.
    #[serde(serialize_with = "number::serialize_option")]
    pub count: Option<Decimal>,
}

pub(crate) fn compute(
    funnel: &Funnel,
    figures: &FunnelFigures,
    target: Decimal,
) -> Result<TargetReport> {
    let attainment = figures
        .revenue
        .over(target)
        .ok_or_else(|| Error::overflow("/target/attainment"))?;
    let gap = target
        .minus(figures.revenue)
        .ok_or_else(|| Error::overflow("/target/gap"))?
        .max(Decimal::ZERO);
    let (deals_needed, needed) = needed(funnel, target, "/target")?;
    Ok(TargetReport {
        attainment,
        gap,
        deals_needed,
        needed,
    })
}

/// The deals a revenue target needs, ceil(target / deal size) (`None` for a deal size of 0),
/// and the backwards funnel in whole counts. Overflow errors point below `result`, the
/// pointer where the caller reports these figures: `/target` in `compute`, the empty
/// pointer (the plan itself) in `plan`.
pub(crate) fn needed(
    funnel: &Funnel,
    target: Decimal,
    result: &str,
) -> Result<(Option<Decimal>, Needed)> {
    let deals_needed = if funnel.deal_size.is_zero() {
        None
    } else {
        Some(ceil_div(
            target,
            funnel.deal_size,
            &format!("{result}/dealsNeeded"),
        )?)
    };

    // Walk backwards: each stage needs enough of the one before to yield its own count.
    let mut counts: Vec<Option<Decimal>> = vec![None; funnel.stages.len()];
    let mut needed = deals_needed;
    for (index, stage) in funnel.stages.iter().enumerate().rev() {
        counts[index] = needed;
        needed = match needed {
            Some(count) if !stage.rate.is_zero() => {
                let pointer = if index == 0 {
                    format!("{result}/needed/top")
                } else {
                    format!("{result}/needed/stages/{}/count", index - 1)
                };
                Some(ceil_div(count, stage.rate, &pointer)?)
            }
            _ => None,
        };
    }
    Ok((
        deals_needed,
        Needed {
            top: needed,
            stages: funnel
                .stages
                .iter()
                .zip(counts)
                .map(|(stage, count)| NeededStage {
                    name: stage.name.clone(),
                    count,
                })
                .collect(),
        },
    ))
}

/// The least whole `n` with `n x divisor >= dividend`, for `dividend >= 0` and `divisor > 0`.
///
/// The decimal quotient is rounded to 28 digits, so its ceiling can be one off when the
/// true quotient lies a hair above or below a whole number; the products settle it exactly.
pub(crate) fn ceil_div(dividend: Decimal, divisor: Decimal, pointer: &str) -> Result<Decimal> {
    let overflow = || Error::overflow(pointer);
    // The quotient is 0 or more, so its ceiling is its whole part, plus one if it had a
    // fraction. Not `ceil()`: that brings rust_decimal's panicking `+` (2 KB of wasm).
    let quotient = dividend.over(divisor).ok_or_else(overflow)?;
    let mut whole = quotient.trunc();
    if whole < quotient {
        whole = whole.plus(Decimal::ONE).ok_or_else(overflow)?;
    }
    if whole.times(divisor).ok_or_else(overflow)? < dividend {
        whole = whole.plus(Decimal::ONE).ok_or_else(overflow)?;
    } else if whole > Decimal::ZERO {
        let fewer = whole.minus(Decimal::ONE).ok_or_else(overflow)?;
        if fewer.times(divisor).ok_or_else(overflow)? >= dividend {
            whole = fewer;
        }
    }
    Ok(whole)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ceil_div_is_exact_where_the_quotient_rounds() {
        // 1 / 3 rounds to 0.333...3; three of them fall short of 1, so 4 is needed.
        let third = Decimal::ONE / Decimal::from(3);
        assert_eq!(
            ceil_div(Decimal::ONE, third, "/x").unwrap(),
            Decimal::from(4)
        );
        assert_eq!(
            ceil_div(Decimal::from(80), Decimal::new(2, 1), "/x").unwrap(),
            Decimal::from(400)
        );
        assert_eq!(
            ceil_div(Decimal::ZERO, Decimal::ONE, "/x").unwrap(),
            Decimal::ZERO
        );
    }
}
