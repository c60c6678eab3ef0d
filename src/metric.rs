//! Metrics: the numbers of a report that goal seek, sensitivity and simulation aim at.

use rust_decimal::Decimal;

use crate::economics;
use crate::error::{Error, ErrorCode, Result};
use crate::funnel;
use crate::lever::Lever;
use crate::model::Model;
use crate::pointer::parse_index;
use crate::retention;
use crate::schema::MAX_STAGES;
use crate::target;
use crate::velocity;

/// A number in the report, named by its JSON Pointer.
///
/// ```
/// use sales_kpi::Metric;
/// assert_eq!(Metric::parse("/funnel/revenue"), Some(Metric::Revenue));
/// assert_eq!(Metric::parse("/target/needed/stages/1/count"), Some(Metric::NeededCount(1)));
/// assert_eq!(Metric::parse("/funnel/revenue/"), None);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Metric {
    /// `/funnel/stages/i/count`
    StageCount(usize),
    /// `/funnel/conversion`
    Conversion,
    /// `/funnel/deals`
    Deals,
    /// `/funnel/revenue`
    Revenue,
    /// `/target/attainment`
    Attainment,
    /// `/target/gap`
    Gap,
    /// `/target/dealsNeeded`
    DealsNeeded,
    /// `/target/needed/top`
    NeededTop,
    /// `/target/needed/stages/i/count`
    NeededCount(usize),
    /// `/velocity/perDay`
    PerDay,
    /// `/economics/cac`
    Cac,
    /// `/economics/clv`
    Clv,
    /// `/economics/ltvToCac`
    LtvToCac,
    /// `/economics/paybackMonths`
    PaybackMonths,
    /// `/retention/rate`
    RetentionRate,
    /// `/retention/churn`
    Churn,
    /// `/growth/rate`
    GrowthRate,
}

const NAMED: [(&str, Metric); 15] = [
    ("/funnel/conversion", Metric::Conversion),
    ("/funnel/deals", Metric::Deals),
    ("/funnel/revenue", Metric::Revenue),
    ("/target/attainment", Metric::Attainment),
    ("/target/gap", Metric::Gap),
    ("/target/dealsNeeded", Metric::DealsNeeded),
    ("/target/needed/top", Metric::NeededTop),
    ("/velocity/perDay", Metric::PerDay),
    ("/economics/cac", Metric::Cac),
    ("/economics/clv", Metric::Clv),
    ("/economics/ltvToCac", Metric::LtvToCac),
    ("/economics/paybackMonths", Metric::PaybackMonths),
    ("/retention/rate", Metric::RetentionRate),
    ("/retention/churn", Metric::Churn),
    ("/growth/rate", Metric::GrowthRate),
];

/// The part of a report a metric lives in, computed only when it is asked for.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Section {
    Funnel,
    Target,
    Velocity,
    Economics,
    Retention,
    Growth,
}

impl Metric {
    /// The metric a JSON Pointer names, if it names one.
    ///
    /// ```
    /// assert_eq!(sales_kpi::Metric::parse("/economics/ltvToCac"), Some(sales_kpi::Metric::LtvToCac));
    /// ```
    pub fn parse(pointer: &str) -> Option<Metric> {
        let indexed = |prefix: &str| {
            pointer
                .strip_prefix(prefix)
                .and_then(|rest| rest.strip_suffix("/count"))
                .and_then(|text| parse_index(text, MAX_STAGES))
        };
        if let Some(index) = indexed("/funnel/stages/") {
            return Some(Metric::StageCount(index));
        }
        if let Some(index) = indexed("/target/needed/stages/") {
            return Some(Metric::NeededCount(index));
        }
        NAMED
            .iter()
            .find(|(name, _)| *name == pointer)
            .map(|&(_, metric)| metric)
    }

    /// The metric's JSON Pointer in the report.
    ///
    /// ```
    /// assert_eq!(sales_kpi::Metric::StageCount(0).pointer(), "/funnel/stages/0/count");
    /// ```
    pub fn pointer(self) -> String {
        match self {
            Metric::StageCount(index) => format!("/funnel/stages/{index}/count"),
            Metric::NeededCount(index) => format!("/target/needed/stages/{index}/count"),
            other => NAMED
                .iter()
                .find(|(_, metric)| *metric == other)
                .map_or_else(String::new, |(name, _)| (*name).to_owned()),
        }
    }

    fn section(self) -> Section {
        match self {
            Metric::StageCount(_) | Metric::Conversion | Metric::Deals | Metric::Revenue => {
                Section::Funnel
            }
            Metric::Attainment
            | Metric::Gap
            | Metric::DealsNeeded
            | Metric::NeededTop
            | Metric::NeededCount(_) => Section::Target,
            Metric::PerDay => Section::Velocity,
            Metric::Cac | Metric::Clv | Metric::LtvToCac | Metric::PaybackMonths => {
                Section::Economics
            }
            Metric::RetentionRate | Metric::Churn => Section::Retention,
            Metric::GrowthRate => Section::Growth,
        }
    }
}

impl Model {
    /// Finds the metric a pointer names in this model's report, refusing pointers that name
    /// nothing. Text that is not a pointer at all is reported at `field`, as with levers.
    ///
    /// ```
    /// let model = sales_kpi::Model::from_json_str(r#"{"funnel": {"top": "100",
    ///     "stages": [{"name": "deals", "rate": "0.1"}], "dealSize": "500"}}"#).unwrap();
    /// assert!(model.metric("/funnel/revenue", "/metric").is_ok());
    /// let error = model.metric("/target/attainment", "/metric").unwrap_err();
    /// assert!(error.to_string().starts_with("/target/attainment: "));
    /// assert!(model.metric("revenue", "/metric").unwrap_err().to_string().starts_with("/metric: "));
    /// ```
    pub fn metric(&self, pointer: &str, field: &str) -> Result<Metric> {
        if !crate::pointer::is_pointer_shaped(pointer) {
            return Err(crate::json::not_a_pointer(
                field,
                pointer,
                "/funnel/revenue",
            ));
        }
        let metric = Metric::parse(pointer).ok_or_else(|| {
            Error::new(
                ErrorCode::UnknownPointer,
                pointer,
                "names no number in the report; use a pointer such as /funnel/revenue or /target/attainment",
            )
        })?;
        let stage_count = self.funnel.stages.len();
        if matches!(metric, Metric::StageCount(i) | Metric::NeededCount(i) if i >= stage_count) {
            return Err(Error::new(
                ErrorCode::UnknownPointer,
                pointer,
                "names a stage the funnel does not have",
            ));
        }
        let (present, missing) = match metric.section() {
            Section::Funnel => (true, ""),
            Section::Target => (self.get(Lever::Target).is_some(), "target"),
            Section::Velocity => (self.get(Lever::CycleDays).is_some(), "cycleDays"),
            Section::Economics => (economics::given(self), "acquisitionCost or customer"),
            Section::Retention => (self.gives("/retention"), "retention"),
            Section::Growth => (self.gives("/growth"), "growth"),
        };
        if present {
            Ok(metric)
        } else {
            Err(Error::new(
                ErrorCode::UnknownPointer,
                pointer,
                format!("is not in the report, because the model has no {missing}"),
            ))
        }
    }
}

/// The value of one metric, computing only the section it lives in.
/// `None` when the KPI is undefined for these inputs (CAC with zero deals, for example).
///
/// ```
/// use sales_kpi::{evaluate, Metric, Model};
/// let model = Model::from_json_str(r#"{"funnel": {"top": "100",
///     "stages": [{"name": "deals", "rate": "0.1"}], "dealSize": "500"}}"#).unwrap();
/// assert_eq!(evaluate(&model, Metric::Revenue).unwrap().unwrap().to_string(), "5000.0");
/// ```
pub fn evaluate(model: &Model, metric: Metric) -> Result<Option<Decimal>> {
    let figures = funnel::figures(&model.funnel)?;
    let absent = || {
        Error::new(
            ErrorCode::UnknownPointer,
            metric.pointer(),
            "is not in the report for this model",
        )
    };
    Ok(match metric {
        Metric::StageCount(index) => Some(*figures.counts().get(index).ok_or_else(absent)?),
        Metric::Conversion => Some(funnel::conversion(&model.funnel)?),
        Metric::Deals => Some(figures.deals),
        Metric::Revenue => Some(figures.revenue),
        Metric::Attainment
        | Metric::Gap
        | Metric::DealsNeeded
        | Metric::NeededTop
        | Metric::NeededCount(_) => {
            let report = target::compute(
                &model.funnel,
                &figures,
                model.get(Lever::Target).ok_or_else(absent)?,
            )?;
            match metric {
                Metric::Attainment => Some(report.attainment),
                Metric::Gap => Some(report.gap),
                Metric::DealsNeeded => report.deals_needed,
                Metric::NeededTop => report.needed.top,
                Metric::NeededCount(index) => {
                    report.needed.stages.get(index).ok_or_else(absent)?.count
                }
                _ => None,
            }
        }
        Metric::PerDay => {
            let days = model.get(Lever::CycleDays).ok_or_else(absent)?;
            Some(velocity::compute(figures.revenue, days)?.per_day)
        }
        Metric::Cac | Metric::Clv | Metric::LtvToCac | Metric::PaybackMonths => {
            let report = economics::compute(model, figures.deals)?;
            match metric {
                Metric::Cac => report.cac,
                Metric::Clv => report.clv,
                Metric::LtvToCac => report.ltv_to_cac,
                _ => report.payback_months,
            }
        }
        Metric::RetentionRate | Metric::Churn => {
            let report = retention::retention(model)?.ok_or_else(absent)?;
            Some(if metric == Metric::Churn {
                report.churn
            } else {
                report.rate
            })
        }
        Metric::GrowthRate => Some(retention::growth(model)?.ok_or_else(absent)?.rate),
    })
}
